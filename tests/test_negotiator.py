"""The computer negotiator: its strategies, its limits and what it may know."""

from __future__ import annotations

import gc
import math
import operator
import random
import re
from statistics import correlation
import types
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import pytest

from game.analysis import from_ids, outcome_space, points, to_ids
from game.answers import computer_move
from game.engine import Game
from game.library import DEFAULT_SCENARIO, shipped_scenarios
from game.model import Scenario
from game.moves import Move
from game.negotiator import CLEARED, RELEASED, Decision, Negotiator, OpponentModel, _Stream
from game.protocol import GameState
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import play_one, simulate


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


def _target_curve(strategy: str) -> list[float]:
    base = scenario()
    personality = base.sides["ru"].personality.model_copy(update={"strategy": strategy})
    side = base.sides["ru"].model_copy(update={"personality": personality})
    # Without events: the scenario's events may harden Russia (a negative stance raises its
    # target), and this compares the strategies' own curves.
    quiet = [event.model_copy(update={"chance": 0.0}) for event in base.events]
    variant = base.model_copy(update={"sides": {**base.sides, "ru": side}, "events": quiet})
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
    # Relative tit-for-tat: it gives up the share of its way from its start to its reserve
    # that the other side's proposals came of theirs, from the first toward its start.
    view = game.view("us")
    reserve = player.reserve(view)
    start = player._start(reserve)
    first, second = (player.own[player.space.index[package]]
                     for who, package in view.offers if who == "ru")
    share = (second - first) / (start - first)
    assert 0 < share < 1 and player.clock(view) <= 0.6  # (no time pressure yet)
    mirrored = start - (start - reserve) * share - max(view.stance, 0.0)
    assert after == round(max(mirrored, reserve), 4)


def test_tit_for_tat_against_itself_leaves_neither_side_ahead() -> None:
    """Two relative tit-for-tat players, one a side: their mean gains over their fallbacks
    are close at every level (giving back point for point, the side whose values move
    more a step came out ahead: .052 apart at easy in the main scenario, over 500 games)."""
    for level in ("easy", "normal", "hard"):
        _, tally = simulate(DEFAULT_SCENARIO, 200, seed=0, settings=Settings(difficulty=level),
                            strategies=("tit_for_tat", "tit_for_tat"))
        gains = [gain / tally.games for gain in tally.gain.values()]
        assert abs(gains[0] - gains[1]) < 0.04, (level, gains)


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
    flipped = spec.model_copy(update={"values": values, "red_lines": [],
                                      "combinations": []})
    variant = scenario.model_copy(update={"sides": {**scenario.sides, side: flipped}})
    variant._conditions = scenario._conditions
    return variant


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_computer_never_reads_the_other_sides_private_values(seed: int) -> None:
    # The scenario as shipped, its move effects included: whether a proposal concedes
    # ground is judged from the table alone, so the meters carry nothing private either.
    base = scenario()
    us_moves = [Move.use("opening_statement"),
                Move.propose({"joint_action": "intelligence_sharing",
                              "syria_coordination": "no_coordination",
                              "precondition": "grounded_air_force",
                              "separation": "areas_marked",
                              "targets": "nusra_only", "start_date": "when_verified"}),
                Move.use("ask_priority"), Move.use("state_priority"),
                # A trade: Russia's option on one issue, the US's own on another.
                Move.propose({"joint_action": "joint_planning",
                              "syria_coordination": "no_coordination",
                              "precondition": "verified_calm",
                              "separation": "areas_marked",
                              "targets": "nusra_only", "start_date": "when_verified"}),
                Move.use("shared_enemy"), Move.wait(), Move.wait()]
    decisions = []
    public = []
    for variant in (base, _without_private(base, "us")):
        game = Game(variant, seed=seed)
        player = Negotiator(game.view("ru"))
        made = []
        moves = iter(us_moves)
        while not game.finished:
            if game.to_move == "ru":
                view = game.view("ru")
                decision = computer_move(player, view)
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
        public.append([(e.kind, e.title, e.body, e.changes) for e in game.visible_log(None)])
    assert decisions[0] == decisions[1]
    assert public[0] == public[1]  # nothing both sides see depends on private values


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
    # Read from the source, as the module may run compiled (see game._native).
    import ast
    source = (Path(__import__("game").__file__).parent / "negotiator.py").read_text()
    tree = ast.parse(source)
    negotiator = next(node for node in tree.body
                      if isinstance(node, ast.ClassDef) and node.name == "Negotiator")
    for name in ("__init__", "decide"):
        method = next(node for node in negotiator.body
                      if isinstance(node, ast.FunctionDef) and node.name == name)
        view = next(arg for arg in method.args.args if arg.arg == "view")
        assert ast.unparse(view.annotation) in ("SideView", "view.SideView"), name
    assert "Game" not in source


def test_it_never_accepts_less_than_an_earlier_offer_it_could_propose_back() -> None:
    for game in games():
        if game.state.agreed is None:
            continue
        accepter = game.moves[-1][0]
        before = Game.replay(scenario(), game.settings, game.seed, game.moves[:-1])
        view = before.view(accepter)
        if view.state.last_turn or not any(m.kind == "propose" for m in view.legal):
            continue
        space = view.known.space
        taken = space.utility[space.index[view.standing_from_other() or ()]]
        for who, package in view.offers:
            n = space.index[package]
            if who == view.other and not space.crosses[n]:
                assert space.utility[n] <= taken + 1e-9, (game.seed, package)


def test_it_proposes_back_the_best_earlier_offer_rather_than_accept_a_worse_one() -> None:
    game = Game(scenario(), seed=0)
    player = Negotiator(game.view("us"))
    # Russia first offers the US its best package, then takes part of it back.
    generous = {"joint_action": "joint_planning", "syria_coordination": "no_coordination",
                "precondition": "grounded_air_force", "separation": "no_separation",
                "targets": "nusra_only", "start_date": "when_verified"}
    worse = dict(generous, precondition="verified_calm", targets="nusra_and_isil")
    game.apply(Move.propose(generous))
    game.apply(Move.wait())
    game.apply(Move.propose(worse))
    decision = player.decide(game.view("us"))
    assert decision.move.kind == "propose" and decision.move.chosen == generous, decision


def test_the_models_top_issue_is_the_priority_the_other_side_stated() -> None:
    game = Game(scenario(), seed=0)
    game.apply(Move.use("ask_priority"))  # Russia asks; the US names its top issue
    us = scenario().sides["us"].weights
    game.apply(Move.answer(max(us, key=lambda k: us[k])))
    game.apply(Move.use("state_priority"))  # the US states the next one itself
    model = OpponentModel(game.view("ru"))
    assert model.top_issue() == game.state.revealed["us"][0]
    named = game.state.revealed["us"]
    weights = dict(zip((i.id for i in scenario().issues), model.weights))
    assert weights[named[0]] > weights[named[1]] > max(
        w for issue, w in weights.items() if issue not in named)


def test_the_opponent_model_beats_the_opposed_interests_guess() -> None:
    ahead = 0.0
    for game in games()[:20]:
        space = game.space
        deals = range(len(space.packages))  # the coherent packages: those a deal may be
        for side in game.sides:
            model = Negotiator(game.view(side)).model(game.view(side))
            truth = [space.utility[game.scenario.other(side)][n] for n in deals]
            ahead += correlation([model.utility(p) for p in space.packages], truth) - \
                correlation([1 - space.utility[side][n] for n in deals], truth)
    assert ahead / 40 > 0.1


def test_it_concedes_sooner_when_the_talks_may_break_down() -> None:
    calm = Game(scenario(), Settings(rounds=24), seed=0)
    stormy = Game(scenario(), Settings(rounds=24), seed=0)
    for game in (calm, stormy):
        while game.state.round < 4:
            if game is stormy and game.to_move == "ru" and \
                    game.why_not(Move.use("strike_alone")) is None:
                game.apply(Move.use("strike_alone"))  # each one costs the ceasefire
            else:
                game.apply(Move.wait())
    assert stormy.state.meters["ceasefire"] < calm.state.meters["ceasefire"]
    clocks = [Negotiator(g.view("ru")).clock(g.view("ru")) for g in (calm, stormy)]
    assert clocks[1] > clocks[0]


def test_the_other_sides_threats_do_not_make_it_concede_sooner() -> None:
    """Bluster does not buy faster concessions: what the other side's threats take off the
    meters is left out of the computer's reckoning of a breakdown, while the side that
    threatened reckons with what its own moves did."""
    threats = [t for t in scenario().tactics if t.kind == "threat" and "us" in t.sides and
               any(delta < 0 for delta in t.sides["us"].effects.meters.values())]
    assert threats
    calm = Game(scenario(), Settings(rounds=24), seed=0)
    stormy = Game(scenario(), Settings(rounds=24), seed=0)
    for game in (calm, stormy):
        while game.state.round < 4:
            usable = [t.id for t in threats if game.why_not(Move.use(t.id)) is None]
            if game is stormy and game.to_move == "us" and usable:
                game.apply(Move.use(usable[0]))
            else:
                game.apply(Move.wait())
    assert sum(stormy.state.meters.values()) < sum(calm.state.meters.values())
    russia = [Negotiator(g.view("ru")).clock(g.view("ru")) for g in (calm, stormy)]
    assert russia[1] == russia[0]
    us = [Negotiator(g.view("us")).clock(g.view("us")) for g in (calm, stormy)]
    assert us[1] > us[0]


def test_it_does_not_take_back_without_giving() -> None:
    """Its next bid is never one that is no worse for itself than its previous offer on
    every issue and better on some (that gives the other side nothing for what it takes),
    while a package worth about its target does better, or its previous offer is still
    worth its target. The rule as a plain check over many bids, with and without a model."""
    game = Game(scenario(), seed=3)
    view = game.view("us")
    player = Negotiator(view)
    values = [[view.me.values[issue.id][o.id] for o in issue.options]
              for issue in view.known.issues]

    def retreats(package: tuple[int, ...], previous: tuple[int, ...]) -> bool:
        gains = [row[a] - row[b] for row, a, b in zip(values, package, previous)]
        return all(g >= -1e-12 for g in gains) and any(g > 1e-12 for g in gains)

    space = game.space
    rng = random.Random(5)
    allowed = [p for n, p in enumerate(space.packages) if space.allowed[n]]
    checked = 0
    for _ in range(400):
        previous = rng.choice(allowed)
        worth = space.utility_of("us", previous)
        target = min(max(worth + rng.uniform(-0.08, 0.03), 0.3), player.best)
        bid = player._choose(None, target, random.Random(rng.random()), previous,
                             steady=True)
        if retreats(bid, previous):
            low, high = player._span(target)
            span = [space.packages[n] for n in player.by_utility[low:high]]
            assert all(retreats(p, previous) or p == previous for p in span)
            assert worth < target - 1e-9
        checked += bid != previous
    assert checked > 100
    # Unsteady (the other side has threatened), it may.
    assert any(retreats(player._choose(None, space.utility_of("us", p) + 0.02,
                                       random.Random(k), p), p)
               for k, p in enumerate(allowed[:300]))


def test_it_gives_ground_slowly_to_a_side_that_has_offered_nothing_better_than_no_deal(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Asking for everything and waiting for the deadline does not pay: while every
    proposal of the other side is worth no more to it than its fallback, it concedes only
    part of its usual way, and says so in its reason; one proposal worth more ends that.
    A side that asks for one and the same package every turn slows its clock too."""
    import game.negotiator as negotiator

    def played(kind: str) -> Game:
        game = Game(scenario(), Settings(rounds=12), seed=0)
        space = game.space
        ru_fallback = game.view("ru").batna
        packages = [p for n, p in enumerate(space.packages)
                    if space.allowed[n]]
        ideal = max(packages, key=lambda p: space.utility_of("us", p))
        fair = max((p for p in packages if space.utility_of("ru", p) > ru_fallback + 0.05),
                   key=lambda p: space.utility_of("us", p))
        second = max((p for p in packages
                      if p != ideal and space.utility_of("ru", p) <= ru_fallback),
                     key=lambda p: space.utility_of("us", p))
        proposed = 0
        while game.state.round < 6:
            package = {"generous": fair if proposed == 0 else ideal,
                       "stingy": second if proposed % 2 else ideal,
                       "stubborn": ideal}[kind]
            move = Move.propose(game.view("us").ids(package))
            if game.to_move == "us" and game.why_not(move) is None:
                game.apply(move)
                proposed += 1
            else:
                game.apply(Move.wait())
        assert proposed >= 2
        return game

    stingy, generous, stubborn = played("stingy"), played("generous"), played("stubborn")
    views = {g: g.view("ru") for g in (stingy, generous, stubborn)}
    assert Negotiator(views[stingy]).unanswered(views[stingy])
    assert not Negotiator(views[generous]).unanswered(views[generous])
    slow = Negotiator(views[stingy])._target(views[stingy], None)
    monkeypatch.setattr(negotiator, "UNANSWERED_SHARE", 1.0)
    usual = Negotiator(views[stingy])._target(views[stingy], None)
    assert slow > usual + 0.02
    monkeypatch.undo()
    view = views[stingy]
    assert Negotiator(view).stalled_since(view) is None  # it has asked for two packages
    decision = Negotiator(view).decide(view)
    assert decision.move.kind == "propose"
    assert "gives ground more slowly than usual while nothing the other side has proposed " \
        "beats Russia's fallback" in decision.reason

    # The same package every turn: the clock runs at STALLED_PACE since its first one.
    view = views[stubborn]
    player = Negotiator(view)
    first = next(entry.round for entry in view.record
                 if entry.speaker == "us" and entry.kind == "move")
    assert player.stalled_since(view) == first
    stalled_clock = player.clock(view)
    pace = negotiator.STALLED_PACE
    monkeypatch.setattr(negotiator, "STALLED_PACE", 1.0)
    usual_clock = Negotiator(view).clock(view)
    monkeypatch.undo()
    assert stalled_clock == pytest.approx(
        usual_clock - (1 - pace) * (view.state.round - first) / (view.known.total_rounds - 1))
    assert stalled_clock < usual_clock
    decision = Negotiator(view).decide(view)
    assert decision.reason.endswith(
        "; it gives ground more slowly than usual while the other side repeats one proposal "
        "that does not beat Russia's fallback."), decision.reason


def without_events() -> Scenario:
    """The main scenario with no event ever happening (events move meters and stances)."""
    base = scenario()
    quiet = base.model_copy(update={"events": [event.model_copy(update={"chance": 0.0})
                                               for event in base.events]})
    quiet._conditions = base._conditions
    return quiet


def test_its_clock_never_runs_back_while_the_other_side_stalls() -> None:
    """A side that asks for its ideal every turn slows the computer's clock, never turns it
    back: without events (which may set a meter's pace) its clock moves on every round; one
    new proposal ends the stall."""
    game = Game(without_events(), Settings(rounds=12), seed=3)
    space = game.space
    packages = [p for n, p in enumerate(space.packages) if space.allowed[n]]
    ideal = max(packages, key=lambda p: space.utility_of("us", p))
    player = Negotiator(game.view("ru"))
    clocks: list[float] = []
    stalled: list[bool] = []
    while not game.finished and (game.state.round < 10 or game.to_move == "ru"):
        if game.to_move == "ru":
            view = game.view("ru")
            clocks.append(player.clock(view))
            stalled.append(player.stalled_since(view) is not None)
            game.apply(player.decide(view).move)
            continue
        move = Move.propose(game.view("us").ids(ideal))
        game.apply(move if game.why_not(move) is None else Move.wait())
    assert sum(stalled) >= 5
    assert all(later > earlier for earlier, later in zip(clocks, clocks[1:]))
    other = next(p for p in packages if p != ideal)
    game.apply(Move.propose(game.view("us").ids(other)))
    assert player.stalled_since(game.view("ru")) is None


def test_it_does_not_bid_against_itself_while_the_other_side_proposes_nothing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A side that never proposes (it waits, asks, gestures) gets no more than one that asks
    for everything: the computer concedes only part of its way. Its first proposal worth
    more than the computer's fallback is answered at once, and the computer's target only
    ever falls: what it has given stays given."""
    import game.negotiator as negotiator

    # Without events: an event may harden Russia (a negative stance raises its target).
    game = Game(without_events(), Settings(rounds=12), seed=0)
    space = game.space
    packages = [p for n, p in enumerate(space.packages) if space.allowed[n]]
    ru_fallback = game.view("ru").batna
    fair = max((p for p in packages if space.utility_of("ru", p) > ru_fallback + 0.05),
               key=lambda p: space.utility_of("us", p))
    player = Negotiator(game.view("ru"))
    targets: list[float] = []
    slowed: list[bool] = []
    proposed = False
    while not game.finished and game.state.round < 11:
        if game.to_move == "ru":
            view = game.view("ru")
            targets.append(player.target(view, OpponentModel(view)))
            slowed.append(player.unanswered(view))
            if game.state.round == 8:
                assert player.share(view) == negotiator.SILENT_SHARE < \
                    negotiator.UNANSWERED_SHARE
                monkeypatch.setattr(negotiator, "SILENT_SHARE", 1.0)
                usual = Negotiator(view)._target(view, None)
                monkeypatch.undo()
                assert targets[-1] > usual + 0.02, "it concedes its usual way to silence"
                decision = Negotiator(view).decide(view)
                assert decision.move.kind == "propose"
                assert decision.reason.endswith(
                    "; it gives ground at half its usual pace while the other side has "
                    "proposed nothing."), \
                    decision.reason
        move = Move.wait()
        if game.to_move == "us" and game.state.round >= 9 and not proposed:
            move = Move.propose(game.view("us").ids(fair))
            proposed = game.why_not(move) is None
            move = move if proposed else Move.wait()
        game.apply(move)
    assert proposed
    assert slowed[0] and True in slowed and slowed[-1] is False
    assert all(a >= b - 1e-9 for a, b in zip(targets, targets[1:]))


def test_without_tactics_it_makes_no_tactic_move() -> None:
    assert [m for s, m, _ in play_one(scenario(), 12, Settings()).moves
            if s == "us" and m.kind == "tactic"]  # it uses some when allowed to
    game = Game(scenario(), seed=12)
    players = {s: Negotiator(game.view(s), tactics=s != "us") for s in game.sides}
    while not game.finished:
        side = game.to_move
        assert side is not None
        view = game.view(side)
        decision = computer_move(players[side], view)
        game.apply(decision.move, decision.reason)
    assert not [m for s, m, _ in game.moves if s == "us" and m.kind == "tactic"]
    assert [m for s, m, _ in game.moves if s == "ru" and m.kind == "tactic"]


def test_its_opening_offer_comes_before_any_tactic() -> None:
    used = 0
    for seed in range(40):
        seen_offer: set[str] = set()
        for side, move, _ in play_one(scenario(), seed, Settings()).moves:
            if move.kind == "propose":
                seen_offer.add(side)
            elif move.kind == "tactic":
                used += 1
                assert side in seen_offer, f"seed {seed}: {side} used a tactic before its opening offer"
    assert used  # it does use tactics


def _computer_turns(seeds: Iterable[int]) -> Iterator[
        tuple[Game, dict[str, Negotiator], str, GameState, Decision]]:
    """Computer against computer, game after game of the main scenario: after each move,
    the game, its players, the side that moved, the game's state before the move and the
    decision it made."""
    for seed in seeds:
        game = Game(scenario(), seed=seed)
        players = {side: Negotiator(game.view(side)) for side in game.sides}
        while not game.finished:
            side = game.to_move
            assert side is not None
            before = game.state
            decision = computer_move(players[side], game.view(side))
            game.apply(decision.move, decision.reason)
            yield game, players, side, before, decision


def test_it_says_what_matters_most_to_it_only_in_return_and_the_other_side_learns_it() -> None:
    """It names a priority of its own only once the other side has named more of its own
    (by saying so or by answering), and the other side's model then ranks it first."""
    stated = 0
    for game, players, side, before, decision in _computer_turns(range(60)):
        if decision.move.kind == "tactic" and decision.move.tactic == "state_priority":
            other = game.scenario.other(side)
            assert len(before.revealed[other]) > len(before.revealed[side]), \
                f"seed {game.seed}: {side} named a priority before the other side had"
            assert "in return" in decision.reason
            said = game.state.revealed[side]
            assert said, "a stated priority is on the record"
            assert players[other].model(game.view(other)).revealed == list(said)
            stated += 1
    assert stated, "no side stated a priority in return in 60 games"


def test_the_opposed_interests_guess_lies_halfway_between_mirrored_and_upside_down() -> None:
    from game.opponent import opposed_values

    february = load_scenario(DEFAULT_SCENARIO.parent / "ceasefire_feb_2016.yaml")
    view = Game(february, seed=0).view("us")
    k = [i.id for i in february.issues].index("monitoring")
    # The US values the four options 0.5, 0.55, 0.85 and 1. Mirrored (its least liked gets
    # its favourite's value, and so on), stretched onto 0..1: 1, 0.7, 0.1, 0. Upside down,
    # stretched: 1, 0.9, 0.3, 0. Halfway between the two:
    assert opposed_values(view)[k] == pytest.approx([1.0, 0.8, 0.2, 0.0])


def test_the_model_takes_the_other_sides_first_proposal_for_its_ideal() -> None:
    """Where both sides want the same option, the opposed-interests guess is wrong; the
    other side's first proposal, made at its ideal, corrects it."""
    february = load_scenario(DEFAULT_SCENARIO.parent / "ceasefire_feb_2016.yaml")
    game = Game(february, seed=0)
    k = [i.id for i in february.issues].index("cochair_duties")
    options = [o.id for o in february.issues[k].options]

    def favourite() -> str:
        row = OpponentModel(game.view("us")).values[k]
        return options[row.index(max(row))]

    # Unlike the US, which likes it least, Russia prefers each co-chair to press the side
    # it backs; before Russia proposes, the guess says it wants each party left to itself.
    assert favourite() == "each_for_itself"
    space = game.space
    ideal = max((n for n in range(len(space.packages)) if not space.crosses["ru"][n]),
                key=lambda n: space.utility["ru"][n])
    ids = game.view("ru").ids(space.packages[ideal])
    assert ids["cochair_duties"] == "press_own_side"
    while not game.view("us").offers:
        if game.to_move == "ru" and game.why_not(Move.propose(ids)) is None:
            game.apply(Move.propose(ids))
        else:
            game.apply(Move.wait())
    assert favourite() == "press_own_side"


def test_what_the_other_side_keeps_proposing_moves_the_models_option_values() -> None:
    base = scenario()
    game = Game(base, seed=0)
    prior = OpponentModel(game.view("ru")).values
    game.apply(Move.wait())  # Russia opens by waiting; the US then proposes twice alike
    # An issue on which the US proposes the option Russia likes most: the prior (opposed
    # interests) says the US likes it least.
    ru = base.sides["ru"].values
    for k, issue in enumerate(base.issues):
        favourite = max(ru[issue.id], key=lambda o: ru[issue.id][o])
        package = {i.id: i.options[0].id for i in base.issues} | {issue.id: favourite}
        if game.why_not(Move.propose(package)) is None:
            break
    else:
        pytest.fail("no proposable package holds Russia's favourite option")
    position = [o.id for o in issue.options].index(favourite)
    assert prior[k][position] == min(prior[k])
    for _ in range(2):
        game.apply(Move.propose(package))
        game.apply(Move.wait())
    after = OpponentModel(game.view("ru")).values
    assert after[k][position] > prior[k][position]


def test_it_says_where_it_cannot_move_only_when_asked_to_move_there() -> None:
    base = scenario()
    ru = base.sides["ru"]
    top = max(base.issues, key=lambda i: ru.weights[i.id])
    favourite = max(ru.values[top.id], key=lambda o: ru.values[top.id][o])
    worst = min(ru.values[top.id], key=lambda o: ru.values[top.id][o])
    asked = {}
    for option in (favourite, worst):
        game = Game(base, seed=0)
        game.apply(Move.wait())
        for package in Negotiator(game.view("us")).space.packages:
            ids = game.view("us").ids(package)
            if ids[top.id] == option and game.why_not(Move.propose(ids)) is None:
                break
        game.apply(Move.propose(ids))
        asked[option] = Negotiator._asked_to_move_on_next_priority(game.view("ru"))
    assert asked == {favourite: False, worst: True}


def test_it_asks_what_matters_most_in_a_fair_share_of_games() -> None:
    # Asking and saying what matters most are worth about the same to it: it does both,
    # so a student at the table is asked in many games, not once in a while.
    asked = {"us": 0, "ru": 0}
    for seed in range(100):
        for side, move, _ in play_one(scenario(), seed, Settings()).moves:
            if move.kind == "tactic" and move.tactic == "ask_priority":
                asked[side] += 1
    assert all(count >= 10 for count in asked.values()), asked


def test_its_offers_move_step_by_step_rather_than_swinging_back_and_forth() -> None:
    # How often an issue's option goes A -> B -> A over three offers in a row of one side.
    swings = windows = 0
    for seed in range(60):
        game = play_one(scenario(), seed, Settings())
        for side in game.sides:
            offers = [m.chosen for s, m, _ in game.moves if s == side and m.kind == "propose"]
            for a, b, c in zip(offers, offers[1:], offers[2:]):
                swings += sum(a[i] == c[i] != b[i] for i in a)
                windows += 1
    assert windows and swings / windows < 0.45  # about 0.6 when it redrew every offer


def _plain_candidates(player: Negotiator, target: float) -> list[int]:
    """The packages worth from *target* to 0.06 more to the player, else the next better
    one, else its best."""
    order = list(player.by_utility)
    worth = [player.own[n] for n in order]
    band = [n for n, value in zip(order, worth) if target - 1e-9 <= value <= target + 0.06]
    better = [n for n, value in zip(order, worth) if value >= target - 1e-9]
    return band or better[:1] or order[-1:]


def _plain_choice(player: Negotiator, model: OpponentModel, target: float,
                  rng: random.Random, previous: tuple[int, ...] | None,
                  hold: tuple[int, ...] | None = None) -> tuple[int, ...]:
    """The computer's bid worked out the plain way: every candidate package, one by one."""
    candidates = _plain_candidates(player, target)
    packages = player.space.packages
    # Never its least liked option on an issue that weighs most to it, when it can avoid it.
    me, issues = scenario().sides[player.side], scenario().issues
    heaviest = max(me.weights.values())
    least = [(i, min(range(len(issue.options)),
                     key=lambda k, i=issue: me.values[i.id][i.options[k].id]))
             for i, issue in enumerate(issues) if me.weights[issue.id] >= heaviest - 1e-9]
    avoiding = [n for n in candidates if all(packages[n][i] != k for i, k in least)]
    if hold is not None and previous is not None:
        # No issue further from the other side's ask than its previous offer (in the order
        # of options): what both offers share stays shared.
        def keeps(n: int) -> bool:
            return all(abs(packages[n][i] - hold[i]) <= abs(previous[i] - hold[i])
                       for i in range(len(hold)))
        order = list(player.by_utility)
        start = order.index(candidates[-1]) + 1
        if avoiding and not [n for n in avoiding if keeps(n)]:
            # It holds its heaviest issue: the next better package for itself that keeps
            # them and spares that issue its worst option, when there is one.
            holding = [n for n in order[start:] if keeps(n) and
                       all(packages[n][i] != k for i, k in least)]
            if holding:
                return packages[holding[0]]
        kept = [n for n in (avoiding or candidates) if keeps(n)] or \
            [n for n in candidates if keeps(n)]
        better = [n for n in order[start:] if keeps(n)]
        if not kept and better:  # the next better package for itself that keeps them
            return packages[better[0]]
        candidates = kept or avoiding or candidates
    else:
        candidates = avoiding or candidates
    if not (model.known and player.modelling):
        return packages[rng.choice(candidates)]
    spread = 0.8 * (1.0 - model.certainty)
    rows = []
    for row in model.table:
        scale = math.exp(rng.gauss(0.0, spread))
        rows.append([v * scale for v in row])
    if previous is not None:
        for row, option in zip(rows, previous):
            row[option] += 0.02
    scored = []
    for n in candidates:
        estimate = 0.0
        for row, option in zip(rows, packages[n]):
            estimate += row[option]
        scored.append((-(player.modelling * estimate + (1 - player.modelling) *
                         player.own[n]), n))
    return packages[sorted(scored)[0][1]]


def test_the_bid_and_the_least_a_bid_is_worth_are_those_of_a_plain_count() -> None:
    """The computer scores candidates a column at a time and reads the least one is worth
    from its ordered utilities: the same bids, and the same figure, as counting them one
    by one."""
    checked = 0
    for played in games()[:15]:
        game = Game(scenario(), seed=played.seed)
        players = {side: Negotiator(game.view(side)) for side in game.sides}
        for side, move, reason in played.moves:
            view = game.view(side)
            player = players[side]
            model = player.model(view)
            for target in (0.0, player.target(view, model), 0.55, 0.8, 2.0):
                previous = view.last_offer(side)
                assert player._choose(model, target, random.Random(checked), previous) == \
                    _plain_choice(player, model, target, random.Random(checked), previous)
                hold = view.last_offer(view.other)
                if previous is not None and hold is not None:
                    assert player._choose(model, target, random.Random(checked), previous,
                                          hold) == \
                        _plain_choice(player, model, target, random.Random(checked),
                                      previous, hold)
                candidates = _plain_candidates(player, target)
                assert list(player._candidates(target)) == candidates
                assert player._next_offer_value(target) == \
                    min((player.own[n] for n in candidates), default=target)
                checked += 1
            game.apply(move, reason)
    assert checked > 500


def _steps_back(game: Game) -> list[tuple[str, str, bool]]:
    """(side, its reason, whether the other side had threatened) for each proposal the
    record judged a step away from the other side's latest proposal."""
    steps, reason, threatened = [], {}, set()
    kinds = {t.id: t.kind for t in game.scenario.tactics}
    for entry in game.log:
        move = entry.move
        if entry.kind == "reason" and entry.speaker is not None:
            reason[entry.speaker] = entry.body
        if entry.kind == "move" and move is not None and move.tactic and \
                kinds[move.tactic] == "threat":
            threatened.add(entry.speaker)
        if entry.kind == "effect" and entry.ref == "harden" and entry.private is None:
            side = next(s for s in game.sides
                        if entry.title.startswith(game.scenario.sides[s].called_first + " "))
            other = game.scenario.other(side)
            steps.append((side, reason.get(side, ""), other in threatened))
    return steps


@pytest.mark.parametrize("players", [{}, {"us": "principled"}, {"ru": "principled"}],
                         ids=["computers", "principled-us", "principled-ru"])
def test_it_never_takes_back_a_point_the_other_side_has_met(players: dict[str, str]) -> None:
    """A step of the other side's is never answered by a step back: the computer's bids
    keep every point its last offer shared with the other side's latest one. It may take
    some back only when the other side has threatened, when it proposes back the other
    side's own earlier package, when its own position has risen since, or to make up for
    what the other side's red lines said aloud cost it (it says so)."""
    from game.library import shipped_scenarios

    steps = 0
    for path in shipped_scenarios():
        shipped = load_scenario(path)
        for seed in range(40):
            for side, why, threatened in _steps_back(play_one(shipped, seed, Settings(),
                                                              players=players)):
                if side in players:
                    continue  # a scripted student's step, not the computer's
                steps += 1
                assert threatened or why.startswith("Proposed back the other side's own") \
                    or "its own position has risen since" in why or CLEARED in why, why
    assert steps < 15  # 0 to 1 here; without the rule, 66 to 122 in these games


@pytest.mark.parametrize("difficulty", ["normal", "hard"])
@pytest.mark.parametrize("players", [{}, {"us": "principled"}, {"ru": "principled"}],
                         ids=["computers", "principled-us", "principled-ru"])
def test_it_never_gives_more_than_the_other_side_asked(players: dict[str, str],
                                                       difficulty: str) -> None:
    """On no issue does the computer's proposal hold an option worth less to it than the
    option the other side's latest proposal asks for, unless putting the option asked
    there would make the package incoherent, cross one of its own red lines or one the
    other side has said aloud, or lower its worth to it (combinations counted)."""
    from game.analysis import outcome_space
    from game.library import shipped_scenarios

    checked = left = 0
    for path in shipped_scenarios():
        shipped = load_scenario(path)
        space = outcome_space(shipped)
        for seed in range(30):
            game = play_one(shipped, seed, Settings(difficulty=difficulty), players=players)
            latest: dict[str, tuple[int, ...]] = {}
            said: set[str] = set()  # the sides that said their red lines aloud
            for side, move, reason in game.moves:
                if move.kind == "tactic" and shipped.tactic(move.tactic or "").kind == \
                        "red_line":
                    said.add(side)
                if move.kind != "propose" or move.chosen is None:
                    continue
                package = from_ids(shipped, dict(move.chosen))
                other = shipped.other(side)
                theirs = latest.get(other)
                latest[side] = package
                if reason is None or side in players or theirs is None or \
                        reason.startswith("Proposed back the other side's own"):
                    continue
                checked += 1
                values = shipped.sides[side].values
                worth = space.utility_of(side, package)
                for i, issue in enumerate(shipped.issues):
                    mine, asked = issue.options[package[i]], issue.options[theirs[i]]
                    if values[issue.id][mine.id] >= values[issue.id][asked.id]:
                        continue
                    n = space.index[package[:i] + (theirs[i],) + package[i + 1:]]
                    across = other in said and space.crosses[other][n] and \
                        not space.crosses[other][space.index[package]]
                    assert n >= len(space.packages) or space.crosses[side][n] or across or \
                        space.utility[side][n] < worth, (path.stem, seed, issue.id, reason)
                    left += 1  # it could not be put right
    assert checked > 100
    # Here 0 to 2 of about 650 between computers; 9 to 27 of 153 to 201 against a
    # principled player: the option asked would make the package incoherent (9), or cross
    # the red lines a principled Russia has said aloud (27).
    assert left < checked * 0.2


def _taken_back(game: Game) -> list[tuple[str, str, bool]]:
    """(side, its reason, whether the other side had threatened) for each proposal that,
    once its maker's offers shared a point with the other side's, lay further from the
    other side's latest proposal on some issue (in the order of options) than the maker's
    previous offer: a shared point given up, even for another, or a step taken back."""
    order = {i.id: {o.id: k for k, o in enumerate(i.options)} for i in game.scenario.issues}
    latest: dict[str, dict[str, str]] = {}
    threatened: set[str] = set()
    kinds = {t.id: t.kind for t in game.scenario.tactics}
    taken = []
    for side, move, reason in game.moves:
        if move.tactic and kinds[move.tactic] == "threat":
            threatened.add(side)
        if move.kind != "propose" or move.chosen is None:
            continue
        other = game.scenario.other(side)
        previous, theirs = latest.get(side), latest.get(other)
        if previous is not None and theirs is not None and \
                any(previous[i] == theirs[i] for i in theirs):
            def gap(package: dict[str, str], i: str) -> int:
                assert theirs is not None
                return abs(order[i][package[i]] - order[i][theirs[i]])
            if any(gap(dict(move.chosen), i) > gap(previous, i) for i in theirs):
                taken.append((side, reason, other in threatened))
        latest[side] = dict(move.chosen)
    return taken


@pytest.mark.parametrize("players", [{}, {"us": "principled"}, {"ru": "principled"}],
                         ids=["computers", "principled-us", "principled-ru"])
def test_it_takes_back_nothing_it_gave_on_any_issue(players: dict[str, str]) -> None:
    """Once its offers share a point with the other side's, the computer's next bid lies no
    further from the other side's latest proposal on any issue than its last one did: a
    shared point stays, even when giving another would meet the other side on as many
    issues, and a step it made is not taken back (the same exceptions as above)."""
    from game.library import shipped_scenarios

    taken = 0
    for path in shipped_scenarios():
        shipped = load_scenario(path)
        for seed in range(40):
            for side, why, threatened in _taken_back(
                    play_one(shipped, seed, Settings(), players=players)):
                if side in players:
                    continue
                taken += 1
                # Farther from the other side's ask, but toward its end of the issue, is a
                # gift beyond the ask, not a point taken back, and its reason says so.
                assert threatened or why.startswith("Proposed back the other side's own") \
                    or "its own position has risen since" in why or CLEARED in why \
                    or "giving more than the other side's last proposal asked" in why, why
    assert taken < 15


def test_after_a_threat_it_may_take_back_what_it_gave() -> None:
    game = Game(scenario(), Settings(), seed=5)
    players = {side: Negotiator(game.view(side)) for side in game.sides}
    while not any(who == "ru" for who, _ in game.view("us").offers) or \
            game.view("us").last_offer("us") is None:
        side = game.to_move
        assert side is not None
        decision = computer_move(players[side], game.view(side))
        game.apply(decision.move, decision.reason)
    view = game.view("us")
    previous = view.last_offer("us")
    theirs = view.last_offer("ru")
    assert previous is not None and theirs is not None
    shares = sum(a == b for a, b in zip(previous, theirs)) > 0
    assert (players["us"]._kept_in_common(view, previous) == theirs) == shares
    threats = [t.id for t in scenario().tactics if t.kind == "threat" and "ru" in t.sides]
    assert threats
    while game.to_move != "ru" or game.why_not(Move.use(threats[0])) is not None:
        side = game.to_move
        assert side is not None and not game.finished
        decision = computer_move(players[side], game.view(side))
        game.apply(decision.move, decision.reason)
    game.apply(Move.use(threats[0]))
    view = game.view("us")
    assert players["us"]._kept_in_common(view, view.last_offer("us")) is None


def test_its_reason_says_a_step_away_after_a_threat_is_the_threats_doing() -> None:
    # Against a hard-liner's threats, each of the computer's proposals that lies further
    # from the hard-liner's last proposal than its own previous one did on some issue (in
    # the issue's order of options), and that the record judges to take back a point or go
    # farther, says in its reason how many of each, as the record counts them (a teacher
    # read "taking back on 3 issues" beside a record that named 2 points and 1 step
    # farther), and that the threat freed it, and first, when it still moves toward the
    # hard-liner on balance, that it does; no other does. Only a threat made since its own
    # last proposal frees it (one made before that proposal does not free it from it).
    sc = scenario()
    kinds = {t.id: t.kind for t in sc.tactics}
    order = {i.id: [o.id for o in i.options] for i in sc.issues}
    from game.speech import FARTHER, TAKEN_BACK, judged_issues, step

    said = 0
    for seed in range(30):
        for player in sc.side_ids:
            game = play_one(sc, seed, Settings(), players={player: "hardline"})
            computer = sc.other(player)
            offers: dict[str, tuple[int, ...]] = {}
            seen: list[tuple[str, tuple[int, ...]]] = []
            threatened = False
            reason = ""
            for entry in game.log:
                move = entry.move
                if entry.kind == "reason" and entry.speaker == computer:
                    reason = entry.body
                if entry.kind != "move" or move is None:
                    continue
                if entry.speaker == player and move.kind == "tactic" and \
                        kinds.get(move.tactic or "") == "threat":
                    threatened = True
                if move.kind != "propose" or not entry.offer:
                    continue
                package = tuple(order[i.id].index(entry.offer[i.id]) for i in sc.issues)
                if entry.speaker == computer:
                    previous, theirs = offers.get(computer), offers.get(player)
                    away = 0
                    if threatened and previous is not None and theirs is not None and \
                            package != previous:
                        away = sum(abs(p - t) > abs(q - t)
                                   for p, t, q in zip(package, theirs, previous))
                    back = farther = 0
                    if away:
                        assert theirs is not None and previous is not None
                        asked = [p for who, p in seen if who == player]
                        opening = next(p for who, p in seen if who == computer)
                        judged = judged_issues(previous, package, theirs, asked,
                                               opening=opening)
                        back, farther = judged.count(TAKEN_BACK), judged.count(FARTHER)
                        away = back + farther
                    if away:
                        if back:
                            points = "a point" if back == 1 else f"{back} points"
                            assert f"taking back {points} both proposals had agreed on" \
                                in reason, (seed, reason)
                        if farther:
                            assert f"farther from the other side's proposal on {farther} " \
                                f"issue" in reason, (seed, reason)
                        assert RELEASED in reason
                        # A proposal that still moves toward the player on balance (its
                        # record and its line say so) says that first.
                        assert theirs is not None and previous is not None
                        toward = step(previous, package, theirs, asked,
                                      opening=opening)[0] > 0
                        assert ("moving toward the other side on balance, but " in reason) \
                            == toward, (seed, reason)
                    else:
                        assert "threat freed it" not in reason, (seed, reason)
                    said += bool(away)
                    threatened = False  # what it offers now stays given
                offers[entry.speaker or ""] = package
                seen.append((entry.speaker or "", package))
    # (Right after a threat it answers with no concession, so a step toward the player on
    # balance comes only where its last proposal crossed red lines said aloud: rare here,
    # and checked above whenever it comes.)
    assert said


def test_it_keeps_off_its_least_liked_option_on_the_issues_that_matter_most() -> None:
    """A delegation does not offer what it likes least on its heaviest issue while a package
    worth its target avoids it (the rule itself is checked against a plain count above).
    In February the United States, for which aid weighs most with who is left outside, used
    to leave aid for later in 52 of its 449 proposals of these games (4 now); a playtester
    read it as out of character."""
    february = load_scenario(DEFAULT_SCENARIO.parent / "ceasefire_feb_2016.yaml")
    proposals = later = 0
    for players in ({}, {"ru": "principled"}, {"ru": "hardline"}):
        for seed in range(30):
            for entry in play_one(february, seed, Settings(), players=players).log:
                if entry.kind == "move" and entry.speaker == "us" and entry.offer and \
                        entry.move is not None and entry.move.kind == "propose":
                    proposals += 1
                    later += entry.offer["humanitarian_access"] == "access_later"
    assert proposals > 300 and later / proposals < 0.02


def test_the_bids_that_are_no_step_back_are_those_the_record_would_not_judge_one() -> None:
    """The computer's mask of packages that take no step away (_Bids.no_step_back) picks
    exactly the packages game.speech.step judges at least level, for any previous offer,
    other side's proposal, earlier asks and opening offer of its own, each issue judged by
    today's rules (the way the scenario says an issue runs included, edition 10) and the
    whole weighed by edition 7's: the computer never takes back an agreed point, not even
    in a trade, which the record judges by the balance from edition 8."""
    from game.library import shipped_scenarios
    from game.speech import directions, judged_issues, weighed

    for path in shipped_scenarios():
        game = Game(load_scenario(path), seed=1)
        player = Negotiator(game.view(game.sides[0]))
        packages = player.space.packages
        rng = random.Random(path.stem)
        for _ in range(40):
            previous, theirs, earlier, opening = (rng.choice(packages) for _ in range(4))
            # Half the time the two offers share points (agreed points to take back).
            if rng.random() < 0.5:
                theirs = tuple(p if rng.random() < 0.5 else t
                               for p, t in zip(previous, theirs))
            asked = [earlier, theirs]
            mask = player._bids.no_step_back(previous, theirs, asked, opening)
            picked = {player.by_utility[k] for k in range(len(packages)) if mask >> k & 1}
            ends = directions(game.scenario.issues, game.sides[0])
            assert player._bids.ends == ends and any(ends)
            judged = {n for n in player.by_utility  # the packages it may bid
                      if weighed(judged_issues(previous, packages[n], theirs, asked,
                                               opening=opening, ends=ends), 7)[0] >= 0}
            assert picked == judged


def test_its_opening_reason_does_not_speak_of_proposals_the_other_side_had_no_turn_to_make(
        ) -> None:
    game = Game(scenario(), seed=0)
    view = game.view(game.to_move or "")
    decision = Negotiator(view).decide(view)
    assert decision.move.kind == "propose"
    assert "gives ground more slowly" not in decision.reason


def test_standing_by_its_last_proposal_it_says_so_and_claims_no_new_choice() -> None:
    # A computer making its last proposal again chose nothing anew: its reason says it
    # stood by it, never that the package was "chosen" or that it "kept" some of it.
    stood = 0
    for game in games():
        last: dict[str, object] = {}
        for side, move, reason in game.moves:
            if move.kind != "propose":
                continue
            if last.get(side) == move.chosen:
                stood += 1
                assert reason is not None and reason.startswith("Stood by its last proposal")
                assert "chosen by" not in reason and "keeping" not in reason, reason
            else:
                assert reason is None or not reason.startswith("Stood by"), reason
            last[side] = move.chosen
    assert stood > 0


@pytest.mark.parametrize("human", ["us", "ru"])
def test_facing_a_player_who_proposes_nothing_the_computer_takes_back_nothing(
        human: str) -> None:
    """A student who only waits gives the computer nothing to judge a step by. Its offers
    then concede and stand, never taking back on one issue what an earlier offer gave
    (they used to zigzag: a point given, taken back, given again); only an event that sets
    the talks back may harden it. It still gives ground as the talks go on."""
    from game.play.session import Session

    scenario = load_scenario(DEFAULT_SCENARIO)
    computer = scenario.other(human)
    values = scenario.sides[computer].values
    conceded = 0
    for seed in range(30):
        session = Session(Game(scenario, seed=seed), [human])
        while not session.game.finished:
            if session.game.to_move == human:
                session.play(Move.deflect() if session.game.state.asked == human
                             else Move.wait())
            else:
                session.play_computer()
        game = session.game
        offers = [(n, e) for n, e in enumerate(game.log) if e.kind == "move" and
                  e.speaker == computer and e.move is not None and e.move.kind == "propose"]
        for (n, before), (m, after) in zip(offers, offers[1:]):
            assert before.offer is not None and after.offer is not None
            taken = [issue for issue, option in after.offer.items()
                     if values[issue][option] > values[issue][before.offer[issue]]]
            hardened = any(e.kind == "event" for e in game.log[n:m])
            assert not taken or hardened, (seed, taken)
        first, last = offers[0][1].offer, offers[-1][1].offer
        assert first is not None and last is not None
        worth = game.space.utility_of
        conceded += worth(computer, from_ids(scenario, last)) < \
            worth(computer, from_ids(scenario, first))
    assert conceded >= 20


def test_its_reason_says_why_it_took_back_from_a_player_who_proposed_nothing() -> None:
    """A student who only waits, and threatens once: the computer may take back what its
    offers gave, and its reason says so and why (its reason spoke only of giving little
    ground while the other side proposed nothing)."""
    from game.play.session import Session

    scenario = load_scenario(DEFAULT_SCENARIO)
    values = scenario.sides["ru"].values
    explained = 0
    for seed in range(30):
        session = Session(Game(scenario, seed=seed), ["us"])
        threatened = False
        while not session.game.finished:
            game = session.game
            if game.to_move != "us":
                session.play_computer()
            elif game.state.asked == "us":
                session.play(Move.deflect())
            elif not threatened and game.why_not(Move.use("channel_only")) is None:
                session.play(Move.use("channel_only"))
                threatened = True
            else:
                session.play(Move.wait())
        log = session.game.log
        offers = [(k, e) for k, e in enumerate(log) if e.kind == "move" and
                  e.speaker == "ru" and e.move is not None and e.move.kind == "propose"]
        for (_, before), (k, after) in zip(offers, offers[1:]):
            assert before.offer is not None and after.offer is not None
            back = sum(values[i][after.offer[i]] > values[i][before.offer[i]]
                       for i in after.offer)
            if back:
                reason = next(e.body for e in reversed(log[:k]) if e.kind == "reason")
                assert f"taking back on {back} issue" in reason, (seed, reason)
                assert RELEASED in reason or CLEARED in reason \
                    or "its own position has risen since" in reason
                explained += 1
    assert explained > 0


def _red_line_games(styles: tuple[str, ...] = ("principled",)) -> list[Game]:
    from game.library import shipped_scenarios

    return [play_one(load_scenario(path), seed, Settings(), players={side: style})
            for path in shipped_scenarios() for side in ("us", "ru") for seed in range(15)
            for style in styles]


def test_it_keeps_the_red_lines_the_other_side_said_aloud() -> None:
    """Once a side has said its red lines aloud, the computer on the other side proposes no
    package that crosses them."""
    said_in = 0
    # Careless players also threaten, and say their red lines at random.
    for game in _red_line_games(("principled", "careless")):
        scenario, space = game.scenario, game.space
        said: set[str] = set()
        for side, move, reason in game.moves:
            if move.kind == "tactic" and scenario.tactic(move.tactic or "").kind == "red_line":
                said.add(side)
            other = scenario.other(side)
            if move.kind == "propose" and reason is not None and other in said and \
                    not reason.startswith("Proposed back the other side's own"):
                package = from_ids(scenario, dict(move.chosen or ()))
                assert not space.crosses[other][space.index[package]], reason
        said_in += bool(said)
    assert said_in >= 30  # a principled player says them when the computer crosses them


def test_it_says_its_red_lines_only_in_return_for_the_other_sides() -> None:
    """The computer says its red lines aloud only after the other side has said its own,
    and when the other side's latest proposal crosses one of them; between computers,
    who never say them first, never."""
    for game in games():
        assert not any(move.kind == "tactic" and scenario().tactic(move.tactic or "").kind
                       == "red_line" for _, move, _ in game.moves)
    answered = 0
    for game in _red_line_games():
        scenario_, space = game.scenario, game.space
        said: set[str] = set()
        latest: dict[str, tuple[int, ...]] = {}
        for side, move, reason in game.moves:
            if move.kind == "propose" and move.chosen is not None:
                latest[side] = from_ids(scenario_, dict(move.chosen))
            if move.kind == "tactic" and scenario_.tactic(move.tactic or "").kind == "red_line":
                other = scenario_.other(side)
                if reason is not None:  # the computer's
                    answered += 1
                    assert other in said
                    assert space.crosses[side][space.index[latest[other]]]
                    assert reason.startswith("Said its red lines aloud in return")
                else:  # the principled player's: when the computer's latest crossed them
                    assert space.crosses[side][space.index[latest[other]]]
                said.add(side)
    assert answered > 0


@pytest.mark.parametrize("style", ["hardline", "careless"])
def test_it_answers_no_threat_with_a_concession(style: str) -> None:
    """After the other side threatens, the computer's next proposal comes no nearer to the
    other side's latest one, on balance, than its own last proposal did, as the record
    judges a step: it stands by it (or holds it on the table) and says why."""
    from game.library import shipped_scenarios
    from game.speech import step

    stood = 0
    for path in shipped_scenarios():
        shipped = load_scenario(path)
        kinds = {t.id: t.kind for t in shipped.tactics}
        # (A careless player's threat seldom comes where the computer would have conceded:
        # 6 times in 360 games.)
        for seed in range(20 if style == "hardline" else 60):
            for player in ("us", "ru"):
                game = play_one(shipped, seed, Settings(), players={player: style})
                offers: list[tuple[str, tuple[int, ...]]] = []
                threatened = False
                # The rounds of the threats made since the computer's last proposal, which
                # its reason names (a playtester took a threat two rounds back for another).
                rounds: list[int] = []
                replay = Game(shipped, game.settings, seed)
                for side, move, reason in game.moves:
                    if side == player:
                        threat = move.kind == "tactic" and kinds[move.tactic or ""] == "threat"
                        threatened = threatened or threat
                        if threat:
                            rounds.append(replay.state.round)
                    if reason is not None and "it answers no threat with a concession" in \
                            reason:
                        stood += 1
                        assert reason.endswith(f", and the other side threatened in round "
                                               f"{rounds[-1]}, since its last proposal."), \
                            reason
                    replay.apply(move, reason)
                    if move.kind != "propose" or move.chosen is None:
                        continue
                    package = from_ids(shipped, dict(move.chosen))
                    if side != player and threatened:
                        mine = [p for who, p in offers if who == side]
                        theirs = [p for who, p in offers if who == player]
                        if mine and theirs and reason is not None and \
                                not reason.startswith("Proposed back the other side's own"):
                            assert step(mine[-1], package, theirs[-1], theirs,
                                        opening=mine[0])[0] <= 0, (path.stem, seed, reason)
                    if side != player:
                        threatened = False
                        rounds.clear()
                    offers.append((side, package))
    assert stood > 0


def test_after_a_threat_it_stands_on_no_proposal_across_red_lines_said_aloud() -> None:
    """Told the other side's red lines and then threatened, the computer does not stand by
    its last proposal where that crosses them: the red lines come first."""
    from game.play.session import Session

    shipped = scenario()
    red = next(t.id for t in shipped.tactics if t.kind == "red_line")
    threat = next(t.id for t in shipped.tactics if t.kind == "threat" and "us" in t.sides)
    checked = 0
    for seed in range(12):
        game = Game(shipped, Settings(), seed)
        session = Session(game, ["us"])
        session.play_computer()  # Russia opens, at its ideal: across the US red lines
        session.play(Move.wait())
        session.play_computer()
        ours = {"joint_action": "joint_planning", "syria_coordination": "damascus_informed",
                "precondition": "verified_calm", "separation": "areas_marked",
                "targets": "nusra_and_isil", "start_date": "mid_june"}
        if game.why_not(Move.propose(ours)) is not None:
            continue
        session.play(Move.propose(ours))
        session.play_computer()
        if game.why_not(Move.use(red)) is not None or game.why_not(Move.use(threat)):
            continue
        session.play(Move.use(red))  # said aloud: it keeps the turn
        if game.why_not(Move.use(threat)) is not None:
            continue
        session.play(Move.use(threat))
        if game.to_move != "ru":
            continue
        before = [p for who, p in game.view("ru").offers if who == "ru"]
        if not game.space.crosses["us"][game.space.index[before[-1]]]:
            continue
        session.play_computer()
        after = [p for who, p in game.view("ru").offers if who == "ru"]
        if len(after) > len(before):
            checked += 1
            assert not game.space.crosses["us"][game.space.index[after[-1]]]
    assert checked > 0


def test_the_computer_holds_its_heaviest_issue_until_late_in_the_talks() -> None:
    """Russia said in February that who is left outside the cessation mattered most to it,
    then two rounds later proposed the option it likes least there (a playtest): it gave up
    what it cares most about whole, because nothing worth its target both kept the other
    side's options and spared that issue. It now bids a little higher instead. Over games
    against every scripted style, it never proposes its worst option on its heaviest issue
    in the first 60% of the rounds."""
    from game.library import shipped_scenarios
    from game.negotiator import _least_on_heaviest
    from game.simulate import play_one

    proposals = 0
    for path in shipped_scenarios():
        scenario = load_scenario(path)
        worst = {s: _least_on_heaviest(scenario.sides[s], scenario.issues)
                 for s in scenario.side_ids}
        for seed in range(30):
            player = scenario.side_ids[seed % 2]
            style = ["principled", "careless", "hardline"][seed % 3]
            game = play_one(scenario, seed, Settings(), players={player: style})
            for entry in game.log:
                if entry.kind != "move" or entry.speaker == player or entry.offer is None \
                        or entry.move is None or entry.move.kind != "propose" or \
                        entry.round > 0.6 * game.state.rounds:
                    continue
                proposals += 1
                for issue, option in worst[entry.speaker or ""]:
                    assert entry.offer[scenario.issues[issue].id] != \
                        scenario.issues[issue].options[option].id, (path.name, seed, entry.body)
    assert proposals


def test_a_held_offer_is_explained_by_its_own_worth_beside_the_target() -> None:
    """"Held its offer: nothing new to give at its target of 64 points" over an offer
    worth 82 to it read as a contradiction (a terminal playtest): the reason says what the
    offer it holds is worth to it, and that is at least its target."""
    held = 0
    for scenario, seed in [(load_scenario(path), seed) for path in shipped_scenarios()
                           for seed in range(40)]:
        played = play_one(scenario, seed, Settings())
        game = Game(scenario, played.settings, seed)
        for side, move, reason in played.moves:
            said = re.match(r"Held its offer, worth (\d+) points to .+ \(target (\d+)\): ",
                            reason or "")
            if said is not None:
                held += 1
                assert move.kind == "pass" and game.state.standing_by == side
                standing = game.space.package_of(game.state.standing or {})
                assert standing is not None
                worth = points(game.space.utility_of(side, standing))
                assert said[1] == str(worth) and int(said[1]) >= int(said[2]), reason
            game.apply(move, reason)
    assert held > 0


def test_the_computer_answers_a_concession_before_it_asks_a_question() -> None:
    """A question in reply to a concession leaves the concession unanswered, and the other
    side may take it back: over simulated games the United States' questions, asked just
    after Russia's first concession, cost it utility. The computer asks only when the other
    side's latest proposal gave it no more than the one before."""
    scenario = load_scenario(DEFAULT_SCENARIO)
    asked = 0
    for seed in range(150):
        game = play_one(scenario, seed, Settings())
        offers: dict[str, list[tuple[int, ...]]] = {s: [] for s in game.sides}
        replay = Game(scenario, game.settings, seed)
        for side, move, reason in game.moves:
            if move.kind == "tactic" and scenario.tactic(move.tactic or "").kind == "question":
                asked += 1
                other = scenario.other(side)
                theirs = offers[other]
                if len(theirs) >= 2:
                    space = replay.space
                    assert space.utility_of(side, theirs[-1]) <= \
                        space.utility_of(side, theirs[-2]) + 1e-9, (seed, reason)
            if move.kind == "propose":
                package = replay.space.package_of(move.chosen)
                assert package is not None
                offers[side].append(package)
            replay.apply(move, reason)
    assert asked > 10


def test_its_reason_calls_a_move_a_take_back_or_a_gift_as_the_record_does() -> None:
    """A window playtest: the United States left Russia's "Calm and grounded air force",
    offered in full, for "Verified calm first". The record said it gave more than Russia's
    last proposal asked; the computer's reason said "taking back some of what its last
    offer gave the other side: its own position has risen since". Its value had fallen,
    from 94 to 90. The reason now says what the record says, in every shipped scenario."""
    seen = {"back": 0, "gift": 0}
    for path in shipped_scenarios():
        scenario = load_scenario(path)
        for seed in range(60):
            game = play_one(scenario, seed, Settings(),
                            players={scenario.side_ids[seed % 2]: "principled"})
            log = list(game.log)
            for k, entry in enumerate(log):
                if entry.kind != "reason":
                    continue
                back = "taking back some of what its last offer gave" in entry.body
                gift = "giving more than the other side's last proposal asked" in entry.body
                if not (back or gift):
                    continue
                # The record's judgement of the proposal: between it and the next move.
                move = next(j for j in range(k + 1, len(log)) if log[j].kind == "move")
                after = next((j for j in range(move + 1, len(log))
                              if log[j].kind in ("move", "reason")), len(log))
                title = " ".join(e.title or "" for e in log[move + 1:after]
                                 if e.ref in ("harden", "trade", "concede"))
                if gift:
                    assert "gives more than" in title and "takes back" not in title, title
                    seen["gift"] += 1
                else:
                    assert any(words in title for words in (
                        "takes back", "trades", "farther", "moves away")), title
                    seen["back"] += 1
    assert seen["back"] and seen["gift"], seen


def test_it_takes_an_offer_near_its_target_rather_than_bid_far_above_it() -> None:
    """A window playtest (the February scenario, the student as Russia): Russia's offer was
    worth 69 to the United States against its target of 71; every package the United States
    could bid without taking back what it had given was worth 85 or more to it, or far
    under its target, so it bid 85 and, a round later, proposed Russia's 69 back. Now it
    takes the offer when its own next proposal would lie far above its target; never an
    offer across its red lines, under its fallback, or worse than one offered earlier."""
    from game.negotiator import NEAR_TARGET
    from game.save import read_save, restore

    scenario = load_scenario(next(p for p in shipped_scenarios() if "ceasefire" in p.name))
    played = restore(read_save(Path(__file__).parent / "fixtures" /
                               "save_feb_near_target.json"), scenario).game
    # The game up to the United States' move after Russia's offer in round 4.
    at = next(n for n, (side, move, _) in enumerate(played.moves)
              if side == "us" and n > 0 and played.moves[n - 1][0] == "ru" and
              played.moves[n - 1][1].kind == "propose" and
              played.moves[n - 1][1].chosen.get("start_date") == "within_days")
    game = Game.replay(scenario, played.settings, played.seed, played.moves[:at],
                       dict(played.teams))
    view = game.view("us")
    decision = computer_move(Negotiator(view), view)
    assert decision.move.kind == "accept", decision.reason
    assert decision.reason == ("Accepted: the offer is worth 69 points to the United States, "
                               "near its target (71) and above its fallback (41), where its "
                               "own next proposal would have asked for 85, more than its last "
                               "proposal (79).")
    # Over many games between computers: every such acceptance is of an offer near its
    # target and above its fallback. Where the bid it would have made asks more than its
    # last proposal did, the reason says so (a playtester read "would have asked for 82"
    # beside a standing offer of 74), and only then.
    seen = 0
    for seed in range(60):
        last: dict[str, int] = {}
        played = play_one(scenario, seed, Settings())
        for side, move, reason in played.moves:
            said = re.fullmatch(r"Accepted: the offer is worth (\d+) points to .*, near its "
                                r"target \((\d+)\) and above its fallback \((\d+)\), where "
                                r"its own next proposal would have asked for (\d+)"
                                r"(?:, more than its last proposal \((\d+)\))?\.",
                                reason or "")
            if said:
                seen += 1
                worth, target, fallback, bid = map(int, said.groups()[:4])
                assert target - round(100 * NEAR_TARGET) <= worth and worth > fallback
                assert bid > target + round(100 * NEAR_TARGET) - 1
                assert (said[5] is not None) == (bid > last[side]), reason
                if said[5] is not None:
                    assert int(said[5]) == last[side]
            if move.kind == "propose" and move.chosen is not None:
                last[side] = points(played.space.utility_of(
                    side, from_ids(scenario, dict(move.chosen))))
    assert seen > 0


#: A reason for offering the same package again, with its worth, its target and what it
#: says kept it there.
HELD = re.compile(r"(?:Stood by its last proposal|Held its offer), worth (\d+) points to "
                  r"[^(]+\(target (\d+)\): ([^;.]+)")


def test_an_offer_held_far_above_its_target_says_what_kept_it_there() -> None:
    """A reason said "still the best it could offer by its model" of an offer worth 83
    points to the United States against a target of 68 (February, Russia played in good
    faith): one issue was still open, and the next option down was worth 67 to it. Held
    more than a band above its target, the computer says which of its rules kept it
    there, and what it says holds: no package between its target and its offer, within
    its own red lines, does what it says none does."""
    feb = load_scenario(next(p for p in shipped_scenarios() if "ceasefire_feb" in str(p)))
    played = play_one(feb, 5, Settings(), players={"ru": "principled"})
    assert ("Stood by its last proposal, worth 83 points to the United States (target 68): "
            "no package worth between its target and this one keeps the 4 issues on which "
            "the two offers already agree without moving away from the other side's offer "
            "on another.") in [reason for _, _, reason in played.moves]

    said: dict[str, int] = {}
    for path in shipped_scenarios():
        scenario = load_scenario(path)
        space = outcome_space(scenario)
        for seed in range(24):
            for players in ({}, {"us": "principled"}, {"ru": "principled"},
                            {"ru": "careless"}, {"us": "hardline"}):
                last: dict[str, tuple[int, ...]] = {}
                for side, move, reason in play_one(scenario, seed, Settings(),
                                                   players=players).moves:
                    held = HELD.match(reason or "")
                    other = next(s for s in scenario.side_ids if s != side)
                    if held is not None and int(held[1]) > int(held[2]) + 6:
                        worth, why = int(held[1]), held[3]
                        assert not why.startswith("still the best"), reason
                        # The packages it could have offered instead: within its red lines,
                        # worth its target and less than this one.
                        between = [n for n, _ in enumerate(space.packages)
                                   if not space.red_lines_crossed(side, space.packages[n])
                                   and int(held[2]) + 0.5 < space.utility[side][n] * 100
                                   < worth - 0.5]
                        previous, theirs = last[side], last.get(other)
                        kept = re.match(r"no package worth between its target and this one "
                                        r"keeps the (\d+) issues? ", why)
                        if kept is not None:
                            assert theirs is not None
                            assert int(kept[1]) == sum(map(operator.eq, previous, theirs))
                            assert not [n for n in between if all(
                                abs(o - w) <= abs(p - w) for o, w, p in
                                zip(space.packages[n], theirs, previous))], reason
                        elif why == "no package is worth between its target and this one":
                            assert not between, reason
                        elif why == "it is the other side's own latest proposal":
                            assert previous == theirs
                        kind = "kept" if kept else why
                        said[kind] = said.get(kind, 0) + 1
                    if move.kind == "propose":
                        package = space.package_of(move.chosen)
                        assert package is not None
                        last[side] = package
    # Each kind of reason was put to the test.
    assert said.get("kept", 0) > 10, said
    assert said.get("no package is worth between its target and this one", 0) > 10, said


def test_made_to_clear_red_lines_said_aloud_it_keeps_what_the_other_side_wants_most() -> None:
    """A terminal playtest (the main scenario, the student as the United States): the US
    named the precondition as what mattered most to it, then said its red lines aloud,
    which Russia's last proposal crossed on two issues. Russia's next proposal crossed
    none, but took back its pledge on the precondition for 2 points of its own, the
    package best for itself that crossed none; and its reason said "chosen by its model of
    the other side's wishes, taking back ...: its own position has risen since", which was
    not why. Now it keeps the pledge, goes back on nothing, and says why it chose."""
    from pathlib import Path

    from game.save import read_save, restore

    played = restore(read_save(Path(__file__).parent / "fixtures" /
                               "save_red_lines_cleared.json"), scenario()).game
    # The game up to Russia's move after the United States' first proposal.
    at = next(n for n, (side, move, _) in enumerate(played.moves)
              if side == "ru" and played.moves[n - 1][1].kind == "propose"
              and played.moves[n - 1][0] == "us")
    game = Game.replay(scenario(), played.settings, played.seed, played.moves[:at],
                       dict(played.teams))
    view = game.view("ru")
    decision = computer_move(Negotiator(view), view)
    assert decision.reason == (
        "Proposed a package, worth 84 points to Russia (target 91), chosen to cross none "
        "of the red lines the other side has said aloud, keeping the 2 issues on which its "
        "last offer already met the other side's.")
    assert decision.move.chosen is not None
    assert decision.move.chosen["precondition"] == "russian_pledge"
    package = from_ids(scenario(), dict(decision.move.chosen))
    space = game.space
    assert not space.crosses["us"][space.index[package]]
    # Not the package best for itself that crosses none (86 to Russia, 32 to the United
    # States): one that gives the United States more for a point of its own.
    best = max((p for p in space.packages if not space.crosses["us"][space.index[p]]
                and not space.crosses["ru"][space.index[p]]),
               key=lambda p: space.utility_of("ru", p))
    assert points(space.utility_of("ru", best)) == 86
    assert space.utility_of("us", package) > space.utility_of("us", best) + 0.03
    # Over many games, a proposal said to be chosen to clear the other side's red lines
    # follows their saying and crosses none, where its bid would have.
    cleared = 0
    for played in _red_line_games(("principled", "careless")):
        said: set[str] = set()
        for side, move, reason in played.moves:
            if move.kind == "tactic" and \
                    played.scenario.tactic(move.tactic or "").kind == "red_line":
                said.add(side)
            if reason and "chosen to cross none of the red lines" in reason:
                cleared += 1
                other = played.scenario.other(side)
                package = from_ids(played.scenario, dict(move.chosen or ()))
                assert other in said
                assert not played.space.crosses[other][played.space.index[package]]
    assert cleared > 0


def test_told_a_principled_players_red_lines_it_finds_deals_better_for_both() -> None:
    """Told the red lines of a student who negotiates in good faith, every package it
    could bid often lies under its target; there it weighs, as its bids do, what a
    package gives the other side (:data:`~game.negotiator.CLEAR_BAND`), rather than take
    the package best for itself, and takes no step away from the student's offer. Over
    200 games of the main scenario with the United States played in good faith, the mean
    Nash share rose from 0.754 to 0.803, Russia's gain over its fallback from 0.317 to
    0.338, and the student's stayed at 0.269."""
    from game.simulate import simulate

    _, tally = simulate(DEFAULT_SCENARIO, 200, jobs=2, players={"us": "principled"})
    assert tally.nash_share / tally.nash_games > 0.79
    assert tally.gain["ru"] / tally.games > 0.33 and tally.gain["us"] / tally.games > 0.265


def test_an_opening_in_the_first_round_is_not_said_to_give_ground() -> None:
    """"it gives ground at half its usual pace while the other side has proposed nothing"
    was said of Russia's first proposal in the first round (a playtest of February): an
    opening gives no ground. (A first proposal after rounds of waiting still says it: see
    test_it_does_not_bid_against_itself_while_the_other_side_proposes_nothing.)"""
    from game.library import shipped_scenarios

    first = 0
    for path in shipped_scenarios():
        shipped = load_scenario(path)
        for seed in range(20):
            for players in ({"us": "principled"}, {"ru": "principled"}, {"us": "careless"}):
                game = play_one(shipped, seed, Settings(), players=players)
                replay = Game(shipped, game.settings, seed)
                proposed: set[str] = set()
                for side, move, reason in game.moves:
                    if move.kind == "propose" and side not in players and \
                            side not in proposed and replay.state.round <= 1:
                        first += 1
                        assert "gives ground" not in (reason or ""), reason
                    if move.kind == "propose":
                        proposed.add(side)
                    replay.apply(move, reason)
    assert first


def test_its_reason_credits_the_model_only_when_the_model_weighed_the_choice() -> None:
    """The same opening, its best package, read "chosen by its model of the other side's
    wishes" in one game and "chosen by its own priorities" in another (a playtest): with
    one package about its target there is nothing for the model to weigh. A reason says
    "by its model" exactly when the decision made one to choose its bid."""
    # Whether a decision made a model: the model it keeps is cleared before each one
    # (it is made again from the models shared between games, the same model).
    seen = {"model": 0, "own": 0}
    # (An answer to "what matters most" is no decision of its: only its decisions' reasons
    # say how a bid was chosen.)
    for seed in range(40):
        game = Game(scenario(), seed=seed)
        players = {side: Negotiator(game.view(side)) for side in game.sides}
        while not game.finished:
            side = game.to_move
            assert side is not None
            players[side]._cached = None
            decision = computer_move(players[side], game.view(side))
            game.apply(decision.move, decision.reason)
            reason = decision.reason
            if ", chosen by " in reason or "still the best it could offer by " in reason:
                by_model = "its model of the other side's wishes" in reason
                assert by_model == (players[side]._cached is not None), reason
                seen["model" if by_model else "own"] += 1
    assert seen["model"] > 20 and seen["own"] > 20, seen


def test_what_it_asks_for_red_lines_said_aloud_it_takes_from_no_issue_the_other_side_named(
        ) -> None:
    """A terminal playtest: the student, as the United States, said that the ceasefire
    precondition mattered most to it; Russia offered its pledge there; the student said
    the US red lines and proposed. Russia's next proposal met those red lines and took the
    pledge back, for 6 points of its own below its target, and the student read honesty
    punished. It now keeps the pledge and asks its price elsewhere, and says the changes
    keep clear of the red lines named."""
    game = Game(scenario(), seed=11, teams={"us": "Team A", "ru": "Computer"})
    russia = Negotiator(game.view("ru"))

    def computer() -> Decision:
        decision = computer_move(russia, game.view("ru"))
        game.apply(decision.move, decision.reason)
        return decision

    computer()
    game.apply(Move.use("ask_priority"))
    computer()  # its answer
    computer()  # its proposal
    game.apply(Move.use("state_priority", "precondition"))
    pledged = computer()
    assert pledged.move.chosen["precondition"] == "russian_pledge"
    game.apply(Move.use("state_red_lines"))
    game.apply(Move.propose({
        "joint_action": "joint_execution", "syria_coordination": "damascus_informed",
        "precondition": "verified_calm", "separation": "areas_marked",
        "targets": "nusra_and_isil", "start_date": "when_verified"}))
    answer = computer()
    assert answer.move.chosen["precondition"] == "russian_pledge", answer.reason
    assert not game.space.crosses["us"][game.space.index[
        from_ids(scenario(), answer.move.chosen)]]
    said = [e for e in game.log if e.kind == "move" and e.speaker == "ru"][-1].body
    assert "keep our proposal clear of the red lines you named" in said


def test_a_decisions_stream_draws_what_random_would_from_its_seed() -> None:
    """A decision's stream is made only when drawn from, and draws its normal numbers
    itself (compiled): its draws are still those of ``random.Random(seed)``, the first,
    the uniform ones after it and the normal ones (kept in pairs across other draws, as
    ``gauss`` keeps them)."""
    for seed in range(60):
        stream, plain = _Stream(seed), random.Random(seed)
        assert stream.first() == plain.random()
        for sigma in (0.1, 0.3, 1.0, 0.0, 2.5):
            assert stream.normal(sigma) == plain.gauss(0.0, sigma)
        assert stream.rest().random() == plain.random()
        assert stream.normal(0.7) == plain.gauss(0.0, 0.7)
        assert stream.normal(0.7) == plain.gauss(0.0, 0.7)


def test_it_does_not_propose_back_a_package_across_a_red_line_the_other_side_said() -> None:
    """Told the other side's red lines, it answers that it will keep clear of them; a
    package the other side itself proposed across one of them is not one it proposes back
    (a playtest: a careless Russia said its red line, then proposed across it, and the
    United States proposed that package back twice, after "We will look for a deal that
    stays clear of that line"; the debrief then blamed the United States)."""
    base = scenario()
    space = outcome_space(base)
    ideal = max(space.packages, key=lambda p: space.utility_of("us", p))
    game = Game(base, seed=3)
    game.apply(Move.use("state_red_lines"))  # Russia says its red lines, and still moves
    across = game.view("us").across
    assert across is not None and across[space.index[ideal]]  # the US's ideal crosses one
    game.apply(Move.propose(to_ids(base, ideal)))  # ... and Russia proposes it all the same
    game.apply(Move.use("state_red_lines"))  # the US says its own in return, and moves
    game.apply(Move.wait())
    russian = max(space.packages, key=lambda p: space.utility_of("ru", p))
    game.apply(Move.propose(to_ids(base, russian)))
    view = game.view("us")
    decision = Negotiator(view).decide(view)
    if decision.move.kind == "propose":
        package = from_ids(base, dict(decision.move.package or ()))
        assert not view.across[space.index[package]], decision.reason
    assert "own earlier package" not in decision.reason
