"""The play layer's session: players, the hot-seat rule, undo and redo, autosave, the
computer's turns and time-outs (no pygame)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from game.engine import Game
from game.errors import IllegalMoveError
from game.library import DEFAULT_SCENARIO
from game.model import Scenario
from game.moves import Move
from game.play.session import DEMO, HOTSEAT, VS_COMPUTER, Session
from game.save import read_save, restore
from game.scenario import load_scenario
from game.settings import Settings


@cache
def scenario() -> Scenario:
    return load_scenario(DEFAULT_SCENARIO)


def record(game: Game) -> str:
    return json.dumps([e.to_json() for e in game.log])


def against_computer(settings: Settings | None = None, saves: Path | None = None) -> Session:
    session = Session.start(scenario(), settings or Settings(), VS_COMPUTER, human_side="us",
                            seed=3, saves=saves)
    for move in (Move.use("opening_statement"), Move.use("ask_priority")):
        while session.computer_to_move:
            session.play_computer()
        session.play(move)
    while session.computer_to_move:  # Russia answers the question, then moves
        session.play_computer()
    return session


def test_teams_are_recorded_and_the_computer_named() -> None:
    session = Session.start(scenario(), Settings(), VS_COMPUTER, human_side="us",
                            teams={"us": "  Blue table "}, seed=1)
    assert session.game.teams == {"us": "Blue table", "ru": "Computer"}
    assert session.viewer == "us" and session.mode == VS_COMPUTER
    hot = Session.start(scenario(), Settings(), HOTSEAT, teams={}, seed=1)
    assert set(hot.game.teams.values()) == {"Team A", "Team B"} and hot.mode == HOTSEAT
    assert Session.start(scenario(), Settings(), DEMO, seed=1).mode == DEMO
    with pytest.raises(ValueError, match="side"):
        Session.start(scenario(), Settings(), VS_COMPUTER, seed=1)


def test_undo_takes_back_the_players_move_and_the_reply_and_redo_plays_them_again() -> None:
    session = against_computer()
    before = record(session.game)
    # The US's question, Russia's answer and Russia's move.
    assert session.undo_count() == 3
    assert session.undo() == 3
    assert len(session.game.moves) == 3 and session.game.to_move == "us"
    assert session.redo_blocked() is None
    assert session.redo() == 3 and record(session.game) == before
    assert session.redo_blocked() is not None and session.redo() == 0


def test_undo_twice_and_redo_twice_come_back_to_the_same_game() -> None:
    session = against_computer()
    before = record(session.game)
    assert session.undo() and session.undo()
    assert len(session.game.moves) == 1
    assert session.redo() and session.redo()
    assert record(session.game) == before


def test_a_new_move_clears_what_could_be_redone() -> None:
    session = against_computer()
    session.undo()
    session.play(Move.wait())
    assert session.redo_blocked() is not None and session.redo() == 0


def test_nothing_to_take_back_when_undo_is_off_or_nothing_was_played() -> None:
    session = against_computer(Settings(undo=False))
    assert session.undo_blocked() == "Undo is switched off in the teacher's settings."
    assert session.undo() == 0
    fresh = Session.start(scenario(), Settings(), VS_COMPUTER, human_side="us", seed=3)
    assert "not made a move" in (fresh.undo_blocked() or "")


def test_in_hot_seat_a_team_takes_back_only_its_own_moves() -> None:
    hot = Session.start(scenario(), Settings(), HOTSEAT, seed=2)
    hot.play(Move.use("opening_statement"))  # Russia's team
    # The US team is at the keyboard: it has no move of its own to take back, and it may
    # never take back Russia's.
    assert hot.viewer == "us" and hot.undo() == 0
    assert hot.undo_blocked("us") is not None
    hot.play(Move.use("opening_statement"))  # the US team
    # Russia's team cannot take back its first move: the US team has moved since.
    assert "other team has moved" in (hot.undo_blocked("ru") or "")
    assert hot.undo("ru") == 0 and len(hot.game.moves) == 2
    # The US team may take back its own last move, and only that one.
    assert hot.undo("us") == 1
    assert [side for side, _, _ in hot.game.moves] == ["ru"]
    # Only the team that took moves back may play them again.
    assert hot.redo_blocked("ru") is not None and hot.redo("us") == 1


def test_a_finished_game_is_never_reopened() -> None:
    session = Session.start(scenario(), Settings(), VS_COMPUTER, human_side="ru", seed=4)
    while not session.game.finished:
        if session.computer_to_move:
            session.play_computer()
        else:
            session.play(Move.walkout() if session.game.why_not(Move.walkout()) is None
                         else Move.wait())
    assert session.undo_blocked() == "The game is over: a finished game cannot be reopened."
    assert session.undo() == 0 and session.game.finished


def test_a_player_cannot_move_for_the_computer_or_after_the_end() -> None:
    session = Session.start(scenario(), Settings(), VS_COMPUTER, human_side="us", seed=1)
    assert session.computer_to_move
    with pytest.raises(IllegalMoveError, match="not a player's turn"):
        session.play(Move.wait())


@pytest.mark.parametrize("rule", ["pass", "computer"])
def test_a_time_out_is_recorded_as_a_time_out(rule: str) -> None:
    session = Session.start(scenario(), Settings(on_timeout=rule), VS_COMPUTER,  # type: ignore[arg-type]
                            human_side="ru", seed=1)
    session.time_out()
    side, move, _ = session.game.moves[-1]
    assert side == "ru" and move.timed_out
    assert (move.kind == "pass") == (rule == "pass")
    entries = [e for e in session.visible_log() if e.kind == "timeout"]
    assert len(entries) == 1 and entries[0].speaker == "ru"
    assert entries[0].move == move


def test_every_move_is_saved_and_a_resumed_game_keeps_its_file(tmp_path: Path) -> None:
    session = against_computer(saves=tmp_path)
    path = session.save_path
    assert path is not None and session.save_works
    saved = read_save(path)
    assert len(saved.moves) == len(session.game.moves) == 6
    resumed = Session.resume(restore(saved, scenario()), path)
    assert resumed.save_path == path and resumed.humans == ("us",)
    assert record(resumed.game) == record(session.game)
    resumed.play(Move.wait())
    assert len(read_save(path).moves) == 7


def test_a_failing_save_is_reported_once_and_play_goes_on(tmp_path: Path) -> None:
    blocked = tmp_path / "not a folder"
    blocked.write_text("a file where the saves folder should be")
    session = Session.start(scenario(), Settings(), VS_COMPUTER, human_side="us", seed=3,
                            saves=blocked)
    session.play_computer()
    assert session.save_error and "play goes on" in session.save_error
    assert not session.save_works and session.saved.error
    session.save_error = None  # the front end showed it
    session.play(Move.wait())
    assert session.save_error is None  # not repeated at every move
    assert len(session.game.moves) == 2


def test_a_demo_shows_the_reasons_and_a_player_sees_only_its_own() -> None:
    demo = Session.start(scenario(), Settings(), DEMO, seed=3)
    demo.play_computer()
    assert any(e.kind == "reason" for e in demo.visible_log())
    vs = Session.start(scenario(), Settings(), VS_COMPUTER, human_side="us", seed=3)
    vs.play_computer()
    assert not any(e.kind == "reason" for e in vs.visible_log())
    assert all(e.private in (None, "us") for e in vs.visible_log())


def test_the_simulator_and_a_demo_play_the_same_game() -> None:
    from game.simulate import play_one
    demo = Session.start(scenario(), Settings(), DEMO, seed=11)
    demo.play_to_end()
    assert record(demo.game) == record(play_one(scenario(), 11, Settings()))


def test_a_question_left_unanswered_when_time_runs_out_is_sidestepped() -> None:
    session = Session.start(scenario(), Settings(), VS_COMPUTER, human_side="us", seed=1)
    while not session.game.state.asked == "us":  # seed 1: Russia asks in the second round
        if session.computer_to_move:
            session.play_computer()
        else:
            session.play(Move.wait())
    session.time_out()
    side, move, _ = session.game.moves[-1]
    assert side == "us" and move.kind == "answer" and move.reply == "deflect"
    assert move.timed_out and session.game.to_move == "us"  # its move is still to come
    timeout = [e for e in session.visible_log() if e.kind == "timeout"][-1]
    assert timeout.body.endswith("it sidesteps the question.")
