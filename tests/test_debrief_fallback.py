"""The debrief's line on a fallback that moved during the talks names whose fallback it is
(it sits under "Russia (you)" as under "Russia (computer)", in every front end)."""

from __future__ import annotations

from game.debrief import debrief
from game.engine import Game
from game.library import DEFAULT_SCENARIO
from game.moves import Move
from game.scenario import read_scenario
from game.settings import Settings

FEBRUARY = DEFAULT_SCENARIO.parent / "ceasefire_feb_2016.yaml"


def test_a_moved_fallback_is_named_by_its_side() -> None:
    # A modder's threat that strengthens its maker's fallback (no shipped tactic does).
    shipped = FEBRUARY.read_text(encoding="utf-8")
    threat = "effects: {meters: {trust: -8, calm: -4, support_ru: 3}}"
    assert threat in shipped
    scenario = read_scenario(shipped.replace(threat, threat[:-1] + ", batna: {ru: 0.02}}"),
                             FEBRUARY.name)
    game = Game(scenario, Settings(), seed=3)
    ideal = {side: {issue.id: max(issue.options,
                                  key=lambda o, i=issue: scenario.sides[side].values[i.id][o.id]
                                  ).id for issue in scenario.issues}
             for side in scenario.side_ids}
    # Round 1: both table their ideal packages; round 2: Russia warns that its campaign
    # goes on, which strengthens its fallback.
    while game.state.round < 2:
        side = game.to_move
        assert side is not None
        game.apply(Move.propose(ideal[side]))
    while game.to_move != "ru":
        game.apply(Move.wait())
    game.apply(Move.use("campaign_goes_on"))
    result = debrief(game).results["ru"]
    assert result.batna_points != result.start_batna_points
    assert result.fallback_moved == (f"Russia's fallback moved from {result.start_batna_points} "
                                     f"to {result.batna_points} points during the talks.")
    assert debrief(game).results["us"].fallback_moved is None
