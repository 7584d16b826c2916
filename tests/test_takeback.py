"""Undo and redo for players."""

from __future__ import annotations

import json

from game.engine import Game
from game.library import DEFAULT_SCENARIO
from game.moves import Move
from game.negotiator import Negotiator
from game.scenario import load_scenario
from game.settings import Settings
from game.takeback import Takebacks


def record(game: Game) -> str:
    return json.dumps([e.to_json() for e in game.log])


def played_against_computer(settings: Settings | None = None) -> tuple[Game, Takebacks]:
    game = Game(load_scenario(DEFAULT_SCENARIO), settings, seed=3)
    computer = Negotiator(game, "ru")
    takebacks = Takebacks({"us"})
    for move in (Move.use("opening_statement"), Move.use("ask_priority")):
        decision = computer.decide(game)
        game.apply(decision.move, decision.reason)
        takebacks.moved()
        game.apply(move)
    decision = computer.decide(game)
    game.apply(decision.move, decision.reason)
    return game, takebacks


def test_undo_takes_back_the_players_move_and_the_reply_and_redo_plays_them_again() -> None:
    game, takebacks = played_against_computer()
    assert takebacks.undo_count(game) == 2
    earlier = takebacks.undo(game)
    assert earlier is not None and len(earlier.moves) == 3 and earlier.to_move == "us"
    assert takebacks.can_redo(earlier)
    again = takebacks.redo(earlier)
    assert again is not None and record(again) == record(game)
    assert not takebacks.can_redo(again)


def test_undo_twice_and_redo_twice_come_back_to_the_same_game() -> None:
    game, takebacks = played_against_computer()
    first = takebacks.undo(game)
    assert first is not None
    second = takebacks.undo(first)
    assert second is not None and len(second.moves) == 1
    back = takebacks.redo(takebacks.redo(second) or second)
    assert back is not None and record(back) == record(game)


def test_a_new_move_clears_what_could_be_redone() -> None:
    game, takebacks = played_against_computer()
    earlier = takebacks.undo(game)
    assert earlier is not None
    earlier.apply(Move.wait())
    takebacks.moved()
    assert not takebacks.can_redo(earlier) and takebacks.redo(earlier) is None


def test_nothing_to_take_back_when_undo_is_off_or_nothing_was_played() -> None:
    game, takebacks = played_against_computer(Settings(undo=False))
    assert takebacks.undo_count(game) == 0 and takebacks.undo(game) is None
    fresh = Game(load_scenario(DEFAULT_SCENARIO))
    assert Takebacks({"us"}).undo(fresh) is None
