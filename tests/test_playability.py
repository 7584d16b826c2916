"""The main scenario plays well against the computer at normal difficulty: a thoughtful
player can reach several different deals, and a careless one ends with no deal."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import cache

from game.analysis import from_ids
from game.engine import Game
from game.view import SideView
from game.library import DEFAULT_SCENARIO
from game.model import Scenario
from game.moves import Move
from game.play.session import Session
from game.scenario import load_scenario

JOINT = {"joint_action": "joint_planning", "syria_coordination": "damascus_informed",
         "precondition": "verified_calm", "separation": "areas_marked",
         "targets": "nusra_and_isil", "start_date": "mid_june"}
INTEL = dict(JOINT, joint_action="intelligence_sharing")
IDEAL = {"joint_action": "intelligence_sharing", "syria_coordination": "no_coordination",
         "precondition": "grounded_air_force", "separation": "no_separation",
         "targets": "nusra_and_isil",
         "start_date": "when_verified"}

Player = Callable[[SideView], Move]


@cache
def scenario() -> Scenario:
    return load_scenario(DEFAULT_SCENARIO)


def thoughtful(target: dict[str, str], good_enough: float) -> Player:
    """Opens by stating a priority, asks the other side's, then holds out for *target*,
    accepting any offer at least *good_enough* that crosses no red line."""
    from_ids(scenario(), target)  # fails at once on a misspelt target

    def move(view: SideView) -> Move:
        if view.state.asked == "us":  # a straight answer: its true top priority
            return Move.answer(max(view.me.weights, key=lambda k: view.me.weights[k]))
        legal = {(m.kind, m.tactic) for m in view.legal}
        standing = view.standing_from_other()
        space = view.known.space
        if standing is not None and ("accept", None) in legal:
            index = space.index[standing]
            if space.utility[index] >= good_enough and not space.crosses[index]:
                return Move.accept()
        used = {e.ref for e in view.record if e.kind == "move" and e.speaker == "us"}
        for tactic in ("state_priority", "ask_priority"):
            if ("tactic", tactic) in legal and tactic not in used:
                return Move.use(tactic)
        if view.state.meters["trust"] < 30 and ("tactic", "shared_enemy") in legal:
            return Move.use("shared_enemy")
        if ("propose", None) in legal and view.state.standing != target:
            return Move.propose(target)
        return Move.wait()
    return move


def careless(view: SideView) -> Move:
    """Threatens whenever it can, rejects everything, and asks for everything."""
    if view.state.asked == "us":
        return Move.decline()
    legal = {(m.kind, m.tactic) for m in view.legal}
    for tactic in ("channel_only", "invoke_allies", "assad_first"):
        if ("tactic", tactic) in legal:
            return Move.use(tactic)
    if ("reject", None) in legal:
        return Move.reject()
    if ("propose", None) in legal:
        return Move.propose(IDEAL)
    return Move.wait()


def outcomes(player: Player, seeds: range) -> Counter[str]:
    result: Counter[str] = Counter()
    for seed in seeds:
        game = Game(scenario(), seed=seed)
        session = Session(game, {"us"})
        while not session.game.finished:
            if session.computer_to_move:
                session.play_computer()
            else:
                session.play(player(session.game.view("us")))
        assert session.state.outcome is not None
        result[session.state.outcome] += 1
    return result


def test_holding_out_for_a_verified_joint_operation_usually_gets_one() -> None:
    result = outcomes(thoughtful(JOINT, 0.7), range(20))
    assert result["verified_joint_operation"] >= 12, result


def test_settling_for_intelligence_sharing_usually_gets_that_deal() -> None:
    result = outcomes(thoughtful(INTEL, 0.9), range(20))
    assert result["intelligence_deal"] >= 10, result


def test_a_careless_player_ends_with_no_deal() -> None:
    result = outcomes(careless, range(20))
    agreements = {o.id for o in scenario().outcomes if o.trigger == "agreement"}
    assert sum(count for outcome, count in result.items() if outcome in agreements) <= 2, result
