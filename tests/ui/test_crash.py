"""An unexpected error in the front end: the crash screen, the crash report, the autosave
kept as it was, and the game resumed from it."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.save import read_save
from game.ui import flow
from tools.screenshots import play_turns, scene_table, scene_table_demo, seat_players, \
    skip_all
from game.ui.table import TableScreen
from game.ui.title import TitleScreen

from .conftest import press


@pytest.fixture(autouse=True)
def logs_in_tmp(tmp_path, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    folder = tmp_path / "logs"
    monkeypatch.setenv("PARLEY_LOGS", str(folder))
    monkeypatch.setenv("PARLEY_CONFIG", str(tmp_path / "config"))
    return folder


def explode(*args: object) -> None:
    raise ZeroDivisionError("injected fault")


def test_a_fault_at_the_table_shows_the_crash_screen_and_resumes(  # type: ignore[no-untyped-def]
        make_app, monkeypatch, logs_in_tmp) -> None:
    app = make_app(seed=7)
    scene_table(app)
    table = app.top
    session = table.session
    save_path = session.save_path
    saved_moves = len(read_save(save_path).moves)
    assert saved_moves == len(session.game.moves) > 0
    before = save_path.read_bytes()

    with monkeypatch.context() as patch:
        patch.setattr(TableScreen, "draw", explode)
        app.invalidate()
        app.step(0.02)
    assert app.running
    assert [type(e) for e in app.crashes] == [ZeroDivisionError]
    assert [s.name for s in app.stack] == ["crash"]
    crash = app.top
    words = " ".join(crash.texts())
    assert "table screen" in words and "injected fault" in words
    assert str(save_path) in words
    assert "Traceback" not in words

    # The report is in the log folder, with what is needed to replay the game.
    logs = list(logs_in_tmp.glob("crash-*.txt"))
    assert len(logs) == 1 and str(logs[0]) in words
    report = logs[0].read_text(encoding="utf-8")
    assert "ZeroDivisionError: injected fault" in report
    assert f"seed: {session.game.seed}" in report
    assert f"moves: {saved_moves}" in report
    assert "scenario: joint_strikes_2016" in report and "screen: table" in report

    # The broken game is not saved again: the autosave is byte for byte what it was.
    assert session.save_path is None
    for _ in range(5):
        app.step(0.02)
    assert save_path.read_bytes() == before

    # Resume: the table again, on the game rebuilt from its autosave, still saving there.
    press(app, pygame.K_RETURN)
    assert app.top.name == "table"
    assert [s.name for s in app.stack] == ["title", "table"]
    resumed = app.top.session
    assert len(resumed.game.moves) == saved_moves
    assert resumed.save_path == save_path
    for _ in range(3):
        app.step(0.02)
    play_turns(app, 2)
    skip_all(app)
    assert len(read_save(save_path).moves) > saved_moves
    assert len(app.crashes) == 1


@pytest.mark.parametrize("method", ["handle_event", "update"])
def test_faults_in_events_and_updates_are_caught(make_app, monkeypatch,  # type: ignore[no-untyped-def]
                                                 method: str) -> None:
    app = make_app()
    flow.start(app)
    monkeypatch.setattr(TitleScreen, method, explode)
    press(app, pygame.K_DOWN)
    assert app.top.name == "crash"
    monkeypatch.undo()
    # No game was in progress: the way on is back to the title.
    assert "none was in progress" in " ".join(app.top.texts())
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "crash"   # Esc does not leave without a choice
    press(app, pygame.K_RETURN)
    assert app.top.name == "title"


def test_a_demo_cannot_be_resumed_but_returns_to_the_title(  # type: ignore[no-untyped-def]
        make_app, monkeypatch) -> None:
    app = make_app(seed=7)
    scene_table_demo(app)
    monkeypatch.setattr(TableScreen, "update", explode)
    app.step(0.02)
    assert app.top.name == "crash"
    assert "cannot be resumed" in " ".join(app.top.texts())
    assert app.top.go_on.label == "Back to the title"


def test_quit_from_the_crash_screen(make_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    app = make_app(seed=7)
    scene_table(app)
    monkeypatch.setattr(TableScreen, "draw", explode)
    app.invalidate()
    app.step(0.02)
    monkeypatch.undo()
    press(app, pygame.K_TAB)
    press(app, pygame.K_RETURN)
    assert not app.running and app.exit_code == 1


def test_a_fault_in_the_crash_screen_closes_the_window(  # type: ignore[no-untyped-def]
        make_app, monkeypatch, logs_in_tmp) -> None:
    from game.ui.crash_screen import CrashScreen
    app = make_app()
    flow.start(app)
    monkeypatch.setattr(TitleScreen, "draw", explode)
    monkeypatch.setattr(CrashScreen, "draw", explode)
    app.invalidate()
    app.step(0.02)
    app.invalidate()
    app.step(0.02)
    assert not app.running and app.exit_code == 1
    assert len(list(logs_in_tmp.glob("crash-*.txt"))) == 2


def test_resume_from_a_damaged_autosave_says_so(make_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    app = make_app(seed=7)
    scene_table(app)
    path = app.top.session.save_path
    monkeypatch.setattr(TableScreen, "draw", explode)
    app.invalidate()
    app.step(0.02)
    monkeypatch.undo()
    path.write_text("{", encoding="utf-8")
    press(app, pygame.K_RETURN)
    assert app.top.name == "crash"
    assert "cannot be read" in " ".join(app.top.texts())


def test_a_hotseat_game_resumes_behind_a_handover(make_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tools.screenshots import new_game
    app = make_app(seed=7)
    new_game(app, "hotseat")
    seat_players(app)
    play_turns(app, 3)
    skip_all(app)
    monkeypatch.setattr(TableScreen, "update", explode)
    app.step(0.02)
    monkeypatch.undo()
    press(app, pygame.K_RETURN)
    # Nothing private shows until a team sits down: a hand-over comes first.
    assert [s.name for s in app.stack] == ["title", "table", "handover"]
    table = app.stack[1]
    assert table.session.mode == "hotseat" and table.seat is None
