"""The terminal's outcome chart: its legend names every mark drawn, says whose offer N or D
is drawn over, and says so when the deal is drawn over the Nash point (a player looked for
an N that was not there)."""

from __future__ import annotations

import itertools

from game.debrief import debrief
from game.library import DEFAULT_SCENARIO, shipped_scenarios
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import play_one
from game.textchart import outcome_chart


def test_the_legend_says_when_the_deal_is_at_the_nash_point() -> None:
    scenario = load_scenario(DEFAULT_SCENARIO)
    at_nash = elsewhere = 0
    for seed in range(60):  # (seeds 49 and 57 end at the Nash point)
        d = debrief(play_one(scenario, seed, Settings()))
        chart = d.chart
        if chart.deal is None or chart.nash is None:
            continue
        lines = outcome_chart(scenario, d).splitlines()
        start = next(n for n, line in enumerate(lines) if line.startswith("  . package"))
        legend = " ".join(line.strip() for line in lines[start:])
        drawn = "\n".join(line for line in lines[:start] if line[5:6] == "|")
        if chart.deal == chart.nash:
            at_nash += 1
            assert "N" not in drawn and "the deal is at the Nash point" in legend
        else:
            elsewhere += 1
            assert "the deal is at the Nash point" not in legend
    assert at_nash and elsewhere


def test_the_words_around_the_chart_fit_its_width_whatever_the_names() -> None:
    scenario = load_scenario(DEFAULT_SCENARIO)
    long = {side: spec.model_copy(update={"in_sentence": "the " + spec.name + " delegation "
                                          "of a rather long-named party"})
            for side, spec in scenario.sides.items()}
    renamed = scenario.model_copy(update={"sides": long})
    d = debrief(play_one(scenario, 1, Settings()))
    for width in (78, 60):
        lines = outcome_chart(renamed, d, width=width).splitlines()
        assert max(len(line) for line in lines) <= width
        assert "(across)" in " ".join(lines)


def test_each_tick_number_is_centred_on_the_column_of_its_value() -> None:
    scenario = load_scenario(DEFAULT_SCENARIO)
    d = debrief(play_one(scenario, 1, Settings()))
    for width in (78, 60):
        lines = outcome_chart(scenario, d, width=width).splitlines()
        axis = next(n for n, line in enumerate(lines) if line.startswith("     +-"))
        ticks = lines[axis + 1]
        plot_w = len(lines[axis]) - 6  # the columns after "     +"
        for value, text in ((0.25, "25"), (0.5, "50"), (0.75, "75"), (1.0, "100")):
            col = 6 + int(round(value * (plot_w - 1)))  # where the value is drawn
            start = ticks.index(text, col - 2)
            assert start <= col < start + len(text), (width, text)
        assert ticks.startswith("      0") and len(ticks) <= width


def test_an_offer_drawn_over_by_n_or_d_is_named_in_the_legend() -> None:
    """A student looked for an offer under N or D: the legend says whose offer each mark
    covers, and that D is the offer accepted. Scripted players move the offers about."""
    under_nash = under_deal = 0
    for path, seed in itertools.product(shipped_scenarios(), range(24)):
        scenario = load_scenario(path)
        game = play_one(scenario, seed, Settings(),
                        players=[{}, {"us": "principled"}, {"ru": "careless"}][seed % 3])
        d = debrief(game)
        chart = d.chart
        lines = outcome_chart(scenario, d).splitlines()
        start = next(n for n, line in enumerate(lines) if line.startswith("  . package"))
        legend = " ".join(" ".join(line.split()) for line in lines[start:])
        plot_w = len(next(line for line in lines if line.startswith("     +-"))) - 6

        def cell(x: float, y: float) -> tuple[int, int]:
            return (20 - min(int(round(y * 20)), 20),
                    min(int(round(x * (plot_w - 1))), plot_w - 1))

        offers = [(side, cell(x, y)) for side, x, y, _ in chart.path]
        if chart.deal is not None:
            assert "D the deal (the offer accepted" in legend
            assert offers[-1][1] == cell(*chart.deal)
            earlier = {scenario.sides[s].called for s, at in offers[:-1]
                       if at == cell(*chart.deal)}
            if earlier:
                under_deal += 1
                assert all(name in legend.split("an earlier offer by ")[1]
                           for name in earlier)
        if chart.nash is not None and (chart.deal is None or
                                       cell(*chart.deal) != cell(*chart.nash)):
            covered = {scenario.sides[s].called for s, at in offers if at == cell(*chart.nash)}
            said = legend.split("N Nash point")[1]
            if covered:
                under_nash += 1
                assert said.startswith(" (drawn over an offer by ")
                assert all(name in said.split(")")[0] for name in covered)
            else:
                assert not said.startswith(" (drawn over")
    assert under_nash and under_deal


def test_an_offer_across_a_red_line_is_drawn_by_its_sides_capital_unless_that_reads_as_n_or_d(
        ) -> None:
    from game.textchart import _marks

    assert _marks("US") == ("u", "U") and _marks("Russia") == ("r", "R")
    # A capital N or D would read as the Nash point or the deal.
    assert _marks("Nato") == ("n", "x") and _marks("Damascus") == ("d", "x")
