"""An offer made at the Nash point still shows on the debrief's chart, in the window and in
the HTML transcript: the Nash point's diamond is drawn under the offers (a playtest found
the marks covering offers)."""

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
        at_nash = [s for s, x, y in chart.path if (x, y) == chart.nash]
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
    first_offer = svg.index('r="4" fill="none"')
    assert diamond < first_offer
