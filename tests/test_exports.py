"""No cheating through exports: before a game is over, its transcripts and the class report
show only what the exporting team has seen; and what is said about saving is true."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest

from game import transcript
from game.cli import main
from game.library import DEFAULT_SCENARIO
from game.moves import Move
from game.play.session import Session
from game.save import to_save, write_save
from game.scenario import load_scenario
from game.settings import Settings
from game.ui.exports import write_transcripts
from game.ui.pause import leave_tooltip

SCENARIO = load_scenario(DEFAULT_SCENARIO)
OPENING = {"joint_action": "joint_planning", "syria_coordination": "no_coordination",
           "precondition": "verified_calm", "separation": "us_pledge",
           "targets": "nusra_and_isil", "start_date": "when_verified"}


def unfinished(seed: int = 3) -> Session:
    """The United States' team against the computer, three of its moves made."""
    session = Session.start(SCENARIO, Settings(), "computer", human_side="us", seed=seed)
    for _ in range(3):
        while session.computer_to_move and not session.game.finished:
            session.play_computer()
        session.play(Move.propose(OPENING))
    while session.computer_to_move and not session.game.finished:
        session.play_computer()
    assert not session.game.finished
    return session


def secrets_of(session: Session) -> list[str]:
    """Text a team must not read before the game is over: the computer's reasons and every
    entry private to the computer's side."""
    return [entry.body for entry in session.game.log
            if entry.private == "ru" and entry.body]


def test_an_unfinished_transcript_shows_only_what_the_team_has_seen(tmp_path: Path) -> None:
    session = unfinished()
    secrets = secrets_of(session)
    assert any(e.kind == "reason" for e in session.game.log) and secrets
    save = tmp_path / "g.json"
    write_save(to_save(session.game, {"us"}), save)
    for suffix in (".md", ".html"):
        out = tmp_path / f"t{suffix}"
        assert main(["transcript", str(save), "-o", str(out)]) == 0
        text = out.read_text(encoding="utf-8")
        assert "The game is not over" in text
        for words in ("computer's reasoning", "What each side cared about", "Nash",
                      "Joint score", "<svg"):
            assert words not in text, (suffix, words)
        for secret in secrets:
            assert secret not in text and transcript.escape(secret) not in text
        # What the team itself said is there.
        assert any(e.body in text for e in session.game.log if e.speaker == "us")


def test_a_finished_transcript_shows_everything(tmp_path: Path) -> None:
    session = unfinished()
    while not session.game.finished:
        if session.computer_to_move:
            session.play_computer()
        else:
            legal = session.game.legal_moves()
            session.play(next((m for m in legal if m.kind == "pass"), Move.walkout()))
    text = transcript.markdown(session.game, {"us"})
    assert "computer's reasoning" in text and "Joint score" in text
    assert all(secret in text for secret in secrets_of(session)
               if "\n" not in secret)


def test_a_game_of_two_teams_shows_neither_sides_private_entries() -> None:
    session = Session.start(SCENARIO, Settings(), "hotseat", seed=4)
    session.play(Move.propose(OPENING))
    session.play(Move.propose(OPENING))
    private = [e.body for e in session.game.log if e.private is not None and e.body]
    text = transcript.markdown(session.game, {"us", "ru"})
    assert all(body not in text for body in private)


def test_the_windows_export_of_an_unfinished_game_is_the_teams_view(tmp_path: Path) -> None:
    session = unfinished()
    md, html = write_transcripts(session.game, "g", tmp_path, session.humans)
    for path in (md, html):
        text = path.read_text(encoding="utf-8")
        assert "The game is not over" in text
        assert all(secret not in text for secret in secrets_of(session))


def test_the_report_hides_an_unfinished_games_figures(tmp_path: Path) -> None:
    session = unfinished()
    write_save(to_save(session.game, {"us"}), tmp_path / "g.json")
    assert main(["report", str(tmp_path), "-o", str(tmp_path / "class.csv")]) == 0
    with (tmp_path / "class.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        for column in ("points", "fallback", "gain", "best_gain", "opponent_points",
                       "opponent_gain", "red_lines", "mark", "joint_score"):
            assert row[column] == "", column
        assert "unfinished" in row["note"]


def test_leaving_says_truly_whether_the_game_is_saved(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PARLEY_SAVES", str(tmp_path / "saves"))
    # Russia (the computer) opens; the United States passes once, then leaves.
    for flags, said in ((["--no-save"], "It is NOT saved: it will be lost."),
                        ([], "It is saved; you can resume it later.")):
        # (d deflects a question asked meanwhile; else it is refused as a move.)
        monkeypatch.setattr(sys, "stdin", io.StringIO("\np\nd\nq\ny\n"))
        assert main(["play", "--text", "--side", "us", "--seed", "1", *flags]) == 0
        assert said in capsys.readouterr().out
    assert list((tmp_path / "saves").glob("*.json"))  # the second game was saved
    monkeypatch.setattr(sys, "stdin", io.StringIO("1\nq\ny\n"))
    assert main(["play", "--text", "--side", "ru", "--seed", "1"]) == 0
    assert "No move has been made yet: there is nothing to save." in capsys.readouterr().out


def test_the_windows_leave_button_says_truly_whether_the_game_is_saved(tmp_path: Path) -> None:
    new = Session.start(SCENARIO, Settings(), "computer", human_side="us", seed=1,
                        saves=tmp_path)
    assert "nothing to save" in leave_tooltip(new)
    played = unfinished()
    assert "It is not saved" in leave_tooltip(played)  # started without a saves folder
    saved = Session.start(SCENARIO, Settings(), "computer", human_side="us", seed=1,
                        saves=tmp_path)
    saved.play_computer()
    saved.play(Move.propose(OPENING))
    assert "It is saved" in leave_tooltip(saved)


def test_leaving_a_class_s_table_says_the_team_keeps_its_seat() -> None:
    from game.engine import Game
    from game.net.client import RemoteTable

    class AtAClass(Session):
        leave_note = RemoteTable.leave_note

    session = AtAClass(Game(load_scenario(DEFAULT_SCENARIO), seed=1), {"us"})
    assert leave_tooltip(session) == RemoteTable.leave_note
    assert leave_tooltip(session) is not None and "keeps its seat" in leave_tooltip(session)
