"""The debrief's outcome chart as the legend reads it: an offer made at the Nash point still
shows, in the window and in the HTML transcript (the Nash point's diamond is drawn under
the offers; a playtest found the marks covering offers), and each side's offers are joined
in its own colour."""

from __future__ import annotations

import dataclasses

import pygame

from game.debrief import Debrief, OutcomeChart, debrief
from game.library import shipped_scenarios
from game.model import Scenario
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import play_one
from game.svgchart import outcome_space_svg
from game.ui.charts import outcome_space


def _offer_at_nash() -> tuple[Scenario, Debrief, str]:
    """A game of the February scenario in which a side proposed the Nash point itself
    (no deal there, so the deal's ring is elsewhere or absent), and that side."""
    scenario = load_scenario(next(p for p in shipped_scenarios() if "feb" in p.name))
    for seed in range(200):
        d = debrief(play_one(scenario, seed, Settings(), players={"us": "principled"}))
        chart = d.chart
        if chart.nash is None or chart.deal == chart.nash:
            continue
        at_nash = [s for s, x, y, _ in chart.path if (x, y) == chart.nash]
        if at_nash:
            return scenario, d, at_nash[-1]
    raise AssertionError("no game with an offer at the Nash point")


def _only(d: Debrief, **kept: object) -> Debrief:
    """The debrief with its chart drawing nothing but *kept*."""
    bare = dataclasses.replace(d.chart, packages=[], frontier=[], path=[], nash=None,
                               deal=None)
    chart: OutcomeChart = dataclasses.replace(bare, **kept)  # type: ignore[arg-type]
    return dataclasses.replace(d, chart=chart)


def test_in_the_window_an_offer_at_the_nash_point_is_drawn_over_the_diamond(  # type: ignore[no-untyped-def]
        make_app) -> None:
    app = make_app()
    theme = app.theme
    scenario, d, side = _offer_at_nash()
    size = (600, 600)
    # Where the diamond lies: its pixels, drawn alone.
    alone = outcome_space(scenario, _only(d, nash=d.chart.nash), size, theme)
    nash_colour = theme.c["chart_nash"]
    diamond = [(x, y) for x in range(alone.get_width()) for y in range(alone.get_height())
               if alone.get_at((x, y))[:3] == nash_colour[:3]]
    assert diamond
    cx = sum(x for x, _ in diamond) // len(diamond)
    cy = sum(y for _, y in diamond) // len(diamond)
    whole = outcome_space(scenario, d, size, theme)
    assert whole.get_at((cx, cy))[:3] == theme.side_colour(scenario, side)[:3]
    # The diamond still shows round the offer.
    assert sum(whole.get_at(p)[:3] == nash_colour[:3] for p in diamond) > len(diamond) // 4
    pygame.quit()


def test_in_the_transcript_the_diamond_comes_before_the_offers() -> None:
    scenario, d, _ = _offer_at_nash()
    svg = outcome_space_svg(scenario, d)
    diamond = svg.index("<title>Nash point</title>")
    first_offer = svg.index('r="4" fill=')
    assert diamond < first_offer


def test_in_the_window_each_sides_offers_are_joined_in_its_colour(  # type: ignore[no-untyped-def]
        make_app) -> None:
    """The legend says "Offers by Russia, joined in order": one grey line through both
    sides' offers in turn read as neither's path (a window playtest). Each side's offers
    are joined in its own colour, and the two sides' are not joined to each other."""
    app = make_app()
    theme = app.theme
    scenario, d, _ = _offer_at_nash()
    a, b = d.chart.sides
    path = [(a, 0.1, 0.1, False), (b, 0.9, 0.1, False), (a, 0.1, 0.9, False),
            (b, 0.9, 0.9, False)]
    drawn = outcome_space(scenario, _only(d, path=path), (600, 600), theme)
    plain = outcome_space(scenario, _only(d), (600, 600), theme)
    changed = {(x, y) for x in range(drawn.get_width()) for y in range(drawn.get_height())
               if drawn.get_at((x, y)) != plain.get_at((x, y))}
    colours = {side: theme.side_colour(scenario, side)[:3] for side in (a, b)}
    xs = sorted({x for x, _ in changed})
    ys = sorted({y for _, y in changed})
    # Halfway up the plot on the left, A's line (its two offers lie one above the other);
    # on the right, B's; and no line across the middle, which only a path joining the two
    # sides' offers in turn would draw.
    middle_y = (ys[0] + ys[-1]) // 2
    row = sorted(x for x, y in changed if y == middle_y)
    assert row and drawn.get_at((row[0], middle_y))[:3] == colours[a]
    assert drawn.get_at((row[-1], middle_y))[:3] == colours[b]
    middle_x = (xs[0] + xs[-1]) // 2
    assert not [y for x, y in changed if x == middle_x and ys[0] + 40 < y < ys[-1] - 40]
    pygame.quit()


def test_a_deal_across_a_red_line_is_marked_so_in_every_chart_and_never_cut_off(  # type: ignore[no-untyped-def]
        make_app) -> None:
    """A window playtest: a deal worth 100 to one side had its ring cut off at the chart's
    top, and a deal across a red line looked like any other. Its ring is the warning colour
    in the window, red in the transcript's picture, and said in the terminal's key; a ring
    at 100 points lies wholly inside the picture."""
    from game.svgchart import BAD
    from game.textchart import outcome_chart
    from game.ui.charts import legend
    from tests.test_report import deal_across_the_red_line

    app = make_app()
    theme = app.theme
    game = deal_across_the_red_line("Group A")
    d = debrief(game)
    assert d.deal_across and d.chart.deal is not None
    scenario = game.scenario
    words = d.DEAL_ACROSS[:1].upper() + d.DEAL_ACROSS[1:]
    assert ("ring", words, theme.c["bad"]) in legend(scenario, d, theme)
    svg = outcome_space_svg(scenario, d)
    assert f'stroke="{BAD}"' in svg and f"red ring: {d.DEAL_ACROSS}" in svg
    assert "across a red line: a loss for the side whose line it is" in \
        " ".join(outcome_chart(scenario, d).split())
    # The ring drawn alone, at the top right corner: all of it inside the picture.
    corner = _only(d, deal=(1.0, 1.0))
    picture = outcome_space(scenario, corner, (600, 600), theme)
    ring = [(x, y) for x in range(picture.get_width()) for y in range(picture.get_height())
            if picture.get_at((x, y))[:3] == theme.c["bad"][:3]]
    assert ring
    top = min(y for _, y in ring)
    right = max(x for x, _ in ring)
    assert top > 0 and right < picture.get_width() - 1
    # A deal within the red lines is drawn and named as before.
    plain = debrief(play_one(scenario, 1, Settings()))
    assert not plain.deal_across
    assert ("ring", "The deal", theme.c["text"]) in legend(scenario, plain, theme)
    pygame.quit()


def test_an_offer_across_a_red_line_is_drawn_hollow_in_every_chart(  # type: ignore[no-untyped-def]
        make_app) -> None:
    """A proposal across the student's red line, which the game had called a loss whatever
    its points, was drawn solid above the frontier on the debrief's chart (a window
    playtest): every chart draws such an offer apart, as its key says, in the window
    (hollow), the transcript's picture (hollow) and the terminal (the side's initial in
    capitals)."""
    from game.analysis import from_ids
    from game.textchart import outcome_chart
    from game.ui.charts import legend

    scenario = load_scenario(next(p for p in shipped_scenarios() if "joint" in p.name))
    for seed in range(40):
        game = play_one(scenario, seed, Settings(), players={"ru": "hardline"})
        d = debrief(game)
        if d.offers_across and not all(across for *_, across in d.chart.path):
            break
    else:
        raise AssertionError("no game with offers both across a red line and not")
    space = game.space
    offers = game.state.offers
    assert [across for *_, across in d.chart.path] == [
        not space.allowed[space.index[from_ids(scenario, chosen)]] for _, chosen in offers]
    across = sum(flag for *_, flag in d.chart.path)
    # The window: each side's key says it, and an offer across is a ring, not a disc.
    app = make_app()
    theme = app.theme
    keys = [text for _, text, _ in legend(scenario, d, theme)]
    assert keys[0] == "Every possible package (hollow: crosses a red line; offers too)"
    a, b = d.chart.sides
    colour = theme.side_colour(scenario, a)[:3]
    plain = outcome_space(scenario, _only(d), (600, 600), theme)
    for flag in (True, False):
        alone = outcome_space(scenario, _only(d, path=[(a, 0.62, 0.83, flag)]), (600, 600),
                              theme)
        mine = [(x, y) for x in range(600) for y in range(600)
                if alone.get_at((x, y)) != plain.get_at((x, y))]
        assert all(alone.get_at(p)[:3] == colour for p in mine)
        cx = sum(x for x, _ in mine) // len(mine)
        cy = sum(y for _, y in mine) // len(mine)
        assert (alone.get_at((cx, cy))[:3] == colour) is not flag
    pygame.quit()
    # The transcript's picture: an offer across is an unfilled circle.
    svg = outcome_space_svg(scenario, d)
    assert svg.count('r="4" fill="none"') == across
    assert svg.count('r="4" fill="#') == len(d.chart.path) - across
    assert "offers (hollow: a red line), fallback" in svg
    # The terminal: the side's initial in capitals where its offer across lies, and the
    # key says whose it is and what it means (an x said neither, a terminal playtest).
    text = outcome_chart(scenario, d)
    key = " ".join(text.split())
    drawn = "".join(line[6:] for line in text.splitlines() if line[5:6] == "|")
    for side in {who for who, *_, flag in d.chart.path if flag}:
        capital = scenario.sides[side].short[0].upper()
        assert f"offers by {scenario.sides[side].called} ({capital}: across a red line)" in key
        assert capital in drawn
    assert "(those across a red line left out)" in key
