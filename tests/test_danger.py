"""Warnings that the talks are near a breakdown: worked out once in the play layer from
the scenario's breakdown outcomes and the meters every side sees, and shown by the
terminal (and, in tests/ui/test_danger_window.py, by the window)."""

from __future__ import annotations

import io

from game.library import DEFAULT_SCENARIO
from game.play.danger import dangers, heaviest_blows
from game.play.session import DEMO, Session
from game.scenario import load_scenario
from game.settings import Settings
from game.textplay import TextGame

FEBRUARY = DEFAULT_SCENARIO.parent / "ceasefire_feb_2016.yaml"
TUTORIAL = DEFAULT_SCENARIO.parent / "tutorial.yaml"


def meters_at(scenario, **values: float) -> dict[str, float]:  # type: ignore[no-untyped-def]
    meters = {m.id: float(m.start) for m in scenario.meters}
    meters.update(values)
    return meters


def test_the_heaviest_blow_is_the_largest_single_fall_anything_deals() -> None:
    scenario = load_scenario(FEBRUARY)
    blows = heaviest_blows(scenario)
    falls = [-use.effects.meters.get("calm", 0.0) for t in scenario.tactics
             for use in t.sides.values()]
    falls += [-e.effects.meters.get("calm", 0.0) for e in scenario.events]
    falls += [-e.meters.get("calm", 0.0) for e in scenario.move_effects.values()]
    assert blows["calm"] == max(falls) > 0
    assert all(value > 0 for value in blows.values())


def test_a_meter_one_heavy_blow_from_a_breakdown_is_in_danger() -> None:
    scenario = load_scenario(FEBRUARY)  # the talks are overtaken when calm <= 5
    blow = heaviest_blows(scenario)["calm"]
    assert dangers(scenario, meters_at(scenario)) == []
    assert dangers(scenario, meters_at(scenario, calm=5 + blow + 1)) == []
    (danger,) = dangers(scenario, meters_at(scenario, calm=5 + blow))
    assert (danger.meter, danger.value) == ("calm", 5 + blow)
    assert danger.sentence() == (f"Calm on the ground is at {5 + blow:g}. One more heavy "
                                 "blow could end the talks: \u201cThe talks are overtaken "
                                 "by the fighting\u201d.")
    # Once the condition holds the game is over: nothing to warn of.
    assert dangers(scenario, meters_at(scenario, calm=4)) == []


def test_a_scenario_without_a_breakdown_warns_only_of_low_trust() -> None:
    scenario = load_scenario(TUTORIAL)
    assert not any(o.trigger == "breakdown" for o in scenario.outcomes)
    trust = next(m for m in scenario.meters if m.id == "trust")
    span = trust.max - trust.min
    assert dangers(scenario, meters_at(scenario, ceasefire=trust.min)) == []
    blow = heaviest_blows(scenario)["trust"]
    assert dangers(scenario, meters_at(scenario, trust=trust.min + span * 0.2 + blow + 1)) == []
    assert dangers(scenario, meters_at(scenario, trust=trust.min + span * 0.21))[0].near
    (danger,) = dangers(scenario, meters_at(scenario, trust=trust.min + span * 0.2))
    assert danger.meter == "trust" and danger.outcome is None
    assert danger.sentence().endswith("This low, a delegation may walk out.")


def test_trust_is_warned_of_before_a_delegation_would_walk_out() -> None:
    """In the main scenario each computer walks out below 10 trust, one more blow from 15:
    the warning (read from the meter alone, never from a delegation's breaking point)
    comes before that."""
    scenario = load_scenario(DEFAULT_SCENARIO)
    assert all("trust < 10" in (side.personality.walkout_when or "")
               for side in scenario.sides.values())
    assert [d.meter for d in dangers(scenario, meters_at(scenario, trust=17))] == ["trust"]
    # One heavy blow above that, a milder warning: a playtester's trust stood at 21,
    # unwarned, and a rejection and two events took it to 9 before the next move.
    blow = heaviest_blows(scenario)["trust"]
    (near,) = dangers(scenario, meters_at(scenario, trust=21))
    assert near.sentence() == ("Trust between delegations is at 21. One more heavy blow "
                               "could bring it low enough for a delegation to walk out.")
    assert dangers(scenario, meters_at(scenario, trust=20 + blow))[0].near
    assert dangers(scenario, meters_at(scenario, trust=20 + blow + 1)) == []
    assert not dangers(scenario, meters_at(scenario, trust=20))[0].near


def test_the_terminal_warns_before_the_talks_break_down() -> None:
    scenario = load_scenario(FEBRUARY)
    session = Session.start(scenario, Settings(), DEMO, seed=20)  # calm falls to 13
    game = session.game
    while not dangers(scenario, game.state.meters):
        assert not game.finished
        session.play_computer()
    out = io.StringIO()
    TextGame(session, io.StringIO(), out).status(game.to_move or "us")
    flat = " ".join(out.getvalue().split())
    calm = game.state.meters["calm"]
    assert (f"Warning: Calm on the ground is at {calm:g}. One more heavy blow could end the "
            "talks") in flat


def test_a_tactics_extra_effects_count_with_its_own_in_one_blow(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Extra effects whose condition holds apply with the tactic's own, in the same move:
    the heaviest blow is their sum."""
    import yaml

    data = yaml.safe_load(TUTORIAL.read_text(encoding="utf-8"))
    tactic = data["tactics"][0]
    use = next(iter(tactic["sides"].values()))
    own = use.setdefault("effects", {}).setdefault("meters", {})
    own["ceasefire"] = -12
    use["conditional"] = [{"when": "trust >= 0", "effects": {"meters": {"ceasefire": -7}}}]
    path = tmp_path / "tutorial_mod.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert heaviest_blows(load_scenario(path))["ceasefire"] == 19
