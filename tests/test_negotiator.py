"""The computer negotiator: its strategies, its limits and what it may know."""

from __future__ import annotations

import gc
import types
from functools import cache

import pytest

from game.analysis import from_ids
from game.answers import computer_answer
from game.engine import Game
from game.library import DEFAULT_SCENARIO
from game.model import Scenario
from game.moves import Move
from game.negotiator import Negotiator, OpponentModel
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import play_one


@cache
def scenario() -> Scenario:
    return load_scenario(DEFAULT_SCENARIO)


@cache
def games() -> tuple[Game, ...]:
    return tuple(play_one(scenario(), seed, Settings()) for seed in range(60))


def test_every_decision_is_legal_and_carries_a_one_sentence_reason() -> None:
    for game in games():
        assert game.finished
        for _side, _move, reason in game.moves:
            assert reason and reason.endswith(".") and "\n" not in reason


def test_the_computer_never_proposes_or_accepts_across_its_own_red_lines() -> None:
    for game in games():
        space = game.space
        for side, chosen in game.state.offers:
            assert not space.crosses[side][space.index[from_ids(scenario(), chosen)]]
        agreed = game.state.agreed
        if agreed is not None:
            accepter = game.moves[-1][0]
            assert not space.crosses[accepter][space.index[from_ids(scenario(), agreed)]]


def test_the_computer_never_accepts_a_deal_worse_than_its_fallback() -> None:
    for game in games():
        agreed = game.state.agreed
        if agreed is not None:
            accepter = game.moves[-1][0]
            assert game.space.utility_of(accepter, from_ids(scenario(), agreed)) > \
                game.report().batna[accepter]


def test_computer_games_reach_several_outcomes() -> None:
    outcomes = {game.state.outcome for game in games() if game.state.outcome}
    assert len(outcomes) >= 3


def _target_curve(strategy: str) -> list[float]:
    base = scenario()
    personality = base.sides["ru"].personality.model_copy(update={"strategy": strategy})
    side = base.sides["ru"].model_copy(update={"personality": personality})
    # Without events: the scenario's events may harden Russia (a negative stance raises its
    # target), and this compares the strategies' own curves.
    variant = base.model_copy(update={"sides": {**base.sides, "ru": side}, "events": []})
    variant._conditions = base._conditions
    game = Game(variant, seed=0)
    player = Negotiator(game.view("ru"))
    curve = []
    while not game.finished:
        if game.to_move == "ru":
            view = game.view("ru")
            curve.append(player.target(view, OpponentModel(view)))
        game.apply(Move.wait())
    return curve


def test_boulware_holds_out_longer_than_linear_and_conceder() -> None:
    boulware, linear, conceder = (_target_curve(s) for s in ("boulware", "linear", "conceder"))
    middle = len(linear) // 2
    assert boulware[middle] > linear[middle] > conceder[middle]
    for curve in (boulware, linear, conceder):
        assert all(a >= b - 1e-9 for a, b in zip(curve, curve[1:]))


def test_tit_for_tat_concedes_only_when_the_other_side_does() -> None:
    base = scenario()
    game = Game(base, seed=0)
    player = Negotiator(game.view("us"))
    game.apply(Move.propose({"joint_action": "joint_execution",
                             "syria_coordination": "full_coordination",
                             "precondition": "no_precondition",
                             "separation": "no_separation",
                             "targets": "all_violators", "start_date": "may_25"}))
    player.personality = player.personality.model_copy(update={"strategy": "tit_for_tat"})
    stubborn = player.target(game.view("us"), OpponentModel(game.view("us")))
    game.apply(Move.wait())
    game.apply(Move.propose({"joint_action": "joint_planning",
                             "syria_coordination": "damascus_informed",
                             "precondition": "verified_calm",
                             "separation": "areas_marked",
                             "targets": "nusra_and_isil", "start_date": "mid_june"}))
    after = player.target(game.view("us"), OpponentModel(game.view("us")))
    assert after < stubborn


def test_the_opponent_model_learns_from_offers_and_stated_priorities() -> None:
    game = Game(scenario(), seed=0)
    model = OpponentModel(game.view("ru"))
    assert not model.known
    game.apply(Move.use("ask_priority"))  # Russia asks; the US names its top issue
    weights = scenario().sides["us"].weights
    game.apply(Move.answer(max(weights, key=lambda k: weights[k])))
    model = OpponentModel(game.view("ru"))
    revealed = game.state.revealed["us"][0]
    position = [i.id for i in scenario().issues].index(revealed)
    assert model.known and model.weights[position] == max(model.weights)


def _without_private(scenario: Scenario, side: str) -> Scenario:
    """The scenario with *side*'s private values turned upside down."""
    spec = scenario.sides[side]
    values = {issue: {option: round(1 - v, 3) for option, v in options.items()}
              for issue, options in spec.values.items()}
    flipped = spec.model_copy(update={"values": values, "red_lines": []})
    variant = scenario.model_copy(update={"sides": {**scenario.sides, side: flipped},
                                          "move_effects": {}})
    variant._conditions = scenario._conditions
    return variant


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_computer_never_reads_the_other_sides_private_values(seed: int) -> None:
    base = scenario().model_copy(update={"move_effects": {}})
    base._conditions = scenario()._conditions
    us_moves = [Move.use("opening_statement"),
                Move.propose({"joint_action": "intelligence_sharing",
                              "syria_coordination": "no_coordination",
                              "precondition": "grounded_air_force",
                              "separation": "areas_marked",
                              "targets": "nusra_only", "start_date": "when_verified"}),
                Move.use("ask_priority"), Move.use("state_priority"), Move.wait(),
                Move.use("shared_enemy"), Move.wait(), Move.wait()]
    decisions = []
    for variant in (base, _without_private(base, "us")):
        game = Game(variant, seed=seed)
        player = Negotiator(game.view("ru"))
        made = []
        moves = iter(us_moves)
        while not game.finished:
            if game.to_move == "ru":
                view = game.view("ru")
                decision = computer_answer(view) if view.state.asked == "ru" else \
                    player.decide(view)
                made.append((decision.move, decision.reason))
                game.apply(decision.move, decision.reason)
            elif game.state.asked == "us":
                game.apply(Move.answer("targets"))
            else:
                move = next(moves, Move.wait())
                if game.why_not(move) is not None:
                    move = Move.wait()
                game.apply(move)
        decisions.append(made)
    assert decisions[0] == decisions[1]


def test_harder_computers_keep_more_for_themselves() -> None:
    def mean_utility(level: str) -> float:
        total = 0.0
        for seed in range(40):
            game = play_one(scenario(), seed, Settings(), (level, "normal"))  # type: ignore[arg-type]
            total += game.report().utility["ru"]
        return total / 40
    assert mean_utility("hard") > mean_utility("easy")


def test_packages_in_log_moves_are_valid() -> None:
    for game in games()[:10]:
        for _side, move, _ in game.moves:
            if move.kind == "propose":
                from_ids(scenario(), move.chosen)


def _reachable(root: object) -> set[int]:
    """The ids of every object reachable from *root* through references (classes, modules
    and functions excluded: they lead to the whole program, not to data held)."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        obj = todo.pop()
        if id(obj) in seen or isinstance(obj, (type, types.ModuleType, types.FunctionType,
                                                types.BuiltinFunctionType)):
            continue
        seen.add(id(obj))
        todo.extend(gc.get_referents(obj))
    return seen


@pytest.mark.parametrize("side", ["ru", "us"])
def test_a_view_holds_nothing_that_leads_to_the_other_sides_private_values(side: str) -> None:
    game = play_one(scenario(), 5, Settings())
    fresh = Game(scenario(), seed=5)
    for view in (game.view(side), fresh.view(side)):
        reach = _reachable(view)
        other = scenario().other(side)
        private = scenario().sides[other]
        forbidden = {"the scenario": scenario(), "the outcome space": game.space,
                     "the other side": private, "its values": private.values,
                     "its weights": private.weights, "its personality": private.personality,
                     "its brief": private.brief, "its red lines": private.red_lines,
                     "its utilities": game.space.utility[other],
                     "the game": game, "the fresh game": fresh}
        leaks = [name for name, obj in forbidden.items() if id(obj) in reach]
        assert not leaks, f"a view of {side} reaches {leaks}"
        assert id(scenario().sides[side].values) in reach  # its own values are there
        assert set(view.revealed) == set(game.sides)


def test_the_negotiator_is_given_only_views() -> None:
    import inspect
    for name in ("__init__", "decide"):
        hints = inspect.signature(getattr(Negotiator, name)).parameters
        assert hints["view"].annotation in ("SideView", "view.SideView"), name
    assert "Game" not in inspect.getsource(__import__("game.negotiator").negotiator)
