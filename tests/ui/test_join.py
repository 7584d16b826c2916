"""Joining a class from the window: the title's "Join a class", the join screen, then the
same brief and table screens as a game on one computer, with the other team's moves
arriving from the class server, and the debrief at the end."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Any

from game.moves import Move
from game.net.client import RemoteTable
from game.ui.app import App
from game.ui.briefing import BriefingScreen
from game.ui.debrief_screen import DebriefScreen
from game.ui.join import JoinScreen
from game.ui.navigation import Debrief, JoinClass, Title
from game.ui.question import QuestionScreen
from game.ui.table import TableScreen
from game.ui.title import TitleScreen
from tests.net_helpers import running, scripted_team


def _fill(screen: JoinScreen, address: str, code: str, team: str) -> None:
    for field, text in ((screen.address, address), (screen.code, code), (screen.team, team)):
        assert field.entry is not None
        field.entry.set_text(text)


def _steps(app: App, until: Any, frames: int = 4000) -> None:
    """Run frames until *until* holds: at least *frames* of them, and for at least as many
    twentieths of a second of real time (the server and the other team run in threads: a
    frame that draws nothing new takes far less than that)."""
    deadline = time.monotonic() + frames * 0.05
    count = 0
    while count < frames or time.monotonic() < deadline:
        if until():
            return
        app.step(0.05)
        count += 1
        time.sleep(0.002)
    raise AssertionError(f"never happened; on top: {app.top.name}")


def test_the_title_offers_to_join_a_class(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    title = app.reset(Title())
    assert isinstance(title, TitleScreen)
    button = next(b for b in title.grid if b.label == "Join a class")
    button.activate()
    assert isinstance(app.top, JoinScreen)


def test_a_wrong_code_is_said_on_the_join_screen(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    with running(tmp_path / "class") as server:
        screen = app.push(JoinClass())
        assert isinstance(screen, JoinScreen)
        _fill(screen, server.address, "WRONGONE", "Window")
        screen.join_button.activate()
        _steps(app, lambda: "Not seated" in screen.status, 400)
        assert "not this class's" in screen.status and screen.remote is None


def test_a_window_team_plays_a_whole_game_against_another_team(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    with running(tmp_path / "class") as server:
        server.call(server.classroom.start)
        code = server.classroom.code
        other: list[Any] = []
        thread = threading.Thread(target=lambda: other.extend(asyncio.run(
            scripted_team(server.url, code, "Script", seed=7))), daemon=True)

        app.reset(Title())
        # As `python main.py join ADDRESS --code CODE --team NAME` opens it: joining at once.
        screen = app.push(JoinClass(server.address, code.lower(), "Window"))
        assert isinstance(screen, JoinScreen)
        _steps(app, lambda: "Waiting" in screen.status, 400)
        thread.start()
        _steps(app, lambda: isinstance(app.top, BriefingScreen), 400)
        brief = app.top
        assert isinstance(brief, BriefingScreen)
        brief.go.activate()
        table = app.top
        assert isinstance(table, TableScreen)
        assert [type(s) for s in app.stack] == [TitleScreen, TableScreen]
        remote = table.session
        assert isinstance(remote, RemoteTable)
        side = remote.side
        seen_other = False
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            top = app.top
            if isinstance(top, QuestionScreen):
                top.answer(Move.deflect())
            elif table.pending:
                table.skip()
            elif table.my_turn:
                table.play(Move.wait())
            if remote.game is not None and remote.game.finished and not table.pending:
                break
            seen_other |= any(e.speaker not in (None, side) for e in remote.visible_log())
            app.step(0.05)
        assert remote.game is not None and remote.game.finished, "the game never ended"
        assert seen_other, "the other team's moves never arrived"
        thread.join(30)
        _steps(app, lambda: table.debrief_button.visible, 200)
        debrief = app.push(Debrief(table.session))
        assert isinstance(debrief, DebriefScreen)
        app.step(0.05)
        assert not app.crashes
        assert other and other[-1]["type"] == "final"
        saved = list((tmp_path / "saves").glob("class-Window-*.json"))
        assert saved, "the window kept no copy of the record"
