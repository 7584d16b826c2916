"""Property tests: random legal play never breaks the engine, and replays are exact."""

from __future__ import annotations

import json
from functools import cache

from hypothesis import given, settings, strategies as st

from game.analysis import to_ids
from game.engine import Game
from game.errors import IllegalMoveError
from game.library import DEFAULT_SCENARIO
from game.model import Scenario
from game.moves import Move
from game.scenario import load_scenario
from game.settings import Settings


@cache
def scenario() -> Scenario:
    return load_scenario(DEFAULT_SCENARIO)


def play_random(data: st.DataObject, seed: int, rounds: int | None) -> Game:
    game = Game(scenario(), Settings(rounds=rounds), seed)
    while not game.finished:
        legal = game.legal_moves()
        move = data.draw(st.sampled_from(legal))
        if move.kind == "propose":
            package = data.draw(st.sampled_from(game.space.packages))
            move = Move.propose(to_ids(scenario(), package))
        game.apply(move)
        assert game.state.turn <= 2 * game.state.rounds
    return game


@settings(max_examples=60, deadline=None)
@given(st.data(), st.integers(0, 10_000), st.one_of(st.none(), st.integers(1, 8)))
def test_random_legal_play_always_ends_within_the_limits(data: st.DataObject, seed: int,
                                                         rounds: int | None) -> None:
    game = play_random(data, seed, rounds)
    assert game.state.outcome is not None and game.state.round <= game.state.rounds
    for meters in game.meter_history:
        for meter in scenario().meters:
            assert meter.min <= meters[meter.id] <= meter.max
    again = Game.replay(scenario(), game.settings, game.seed, game.moves)
    assert json.dumps([e.to_json() for e in again.log]) == \
        json.dumps([e.to_json() for e in game.log])


@settings(max_examples=40, deadline=None)
@given(st.data(), st.integers(0, 10_000))
def test_illegal_moves_are_refused_without_changing_the_game(data: st.DataObject,
                                                             seed: int) -> None:
    game = Game(scenario(), seed=seed)
    for _ in range(data.draw(st.integers(0, 6))):
        if game.finished:
            return
        game.apply(Move.wait())
    if game.finished:
        return
    before = json.dumps([e.to_json() for e in game.log])
    legal = {(m.kind, m.tactic) for m in game.legal_moves()}
    candidates = [Move.accept(), Move.reject(), Move.walkout()] + \
        [Move.use(t.id) for t in scenario().tactics]
    for move in candidates:
        if (move.kind, move.tactic) not in legal:
            try:
                game.apply(move)
            except IllegalMoveError:
                pass
            else:
                raise AssertionError(f"{move} was accepted but is not legal")
    assert json.dumps([e.to_json() for e in game.log]) == before


def test_moves_survive_a_trip_through_json() -> None:
    moves = [Move.propose({"a": "b"}), Move.accept(), Move.reject(), Move.use("x"),
             Move.walkout(), Move.wait()]
    for move in moves:
        assert Move.from_json(json.loads(json.dumps(move.to_json()))) == move
