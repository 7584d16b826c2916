"""The terminal's outcome chart: its legend names every mark drawn, and says so when the
deal is drawn over the Nash point (a player looked for an N that was not there)."""

from __future__ import annotations

from game.debrief import debrief
from game.library import DEFAULT_SCENARIO
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import play_one
from game.textchart import outcome_chart


def test_the_legend_says_when_the_deal_is_at_the_nash_point() -> None:
    scenario = load_scenario(DEFAULT_SCENARIO)
    at_nash = elsewhere = 0
    for seed in range(40):
        d = debrief(play_one(scenario, seed, Settings()))
        chart = d.chart
        if chart.deal is None or chart.nash is None:
            continue
        legend = outcome_chart(scenario, d).splitlines()[-3]
        drawn = "\n".join(outcome_chart(scenario, d).splitlines()[1:-4])
        if chart.deal == chart.nash:
            at_nash += 1
            assert "N" not in drawn and "the deal is at the Nash point" in legend
        else:
            elsewhere += 1
            assert "the deal is at the Nash point" not in legend
    assert at_nash and elsewhere
