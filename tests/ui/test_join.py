"""Joining a class from the window: the title's "Join a class", the join screen, then the
same brief and table screens as a game on one computer, with the other team's moves
arriving from the class server, and the debrief at the end."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Any

import pygame
import pytest

from game.moves import Move
from game.net import lan
from game.net.client import RemoteTable
from game.ui.app import App
from game.ui.briefing import BriefingScreen
from game.ui.debrief_screen import DebriefScreen
from game.ui.join import JoinScreen
from game.ui.navigation import Debrief, JoinClass, Title
from game.ui.pause import PauseScreen
from game.ui.question import QuestionScreen
from game.ui.table import TableScreen
from game.ui.table_panels import DEBRIEF_WAITING
from game.ui.title import TitleScreen
from tests.net_helpers import running, scripted_team
from tests.ui.conftest import header_lines, press


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


def _at_the_table(app: App) -> TableScreen:
    """From the join screen, once the server seats the team: the brief, read, then the
    table (as a team sees them); returns the table."""
    _steps(app, lambda: isinstance(app.top, BriefingScreen), 400)
    brief = app.top
    assert isinstance(brief, BriefingScreen)
    brief.go.activate()
    table = app.top
    assert isinstance(table, TableScreen)
    return table


def test_the_title_offers_to_join_a_class(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    title = app.reset(Title())
    assert isinstance(title, TitleScreen)
    button = next(b for b in title.grid if b.label == "Join a class")
    button.activate()
    assert isinstance(app.top, JoinScreen)
    # Its examples say they are examples: they are drawn as typed text is.
    screen = app.top
    assert all(field.placeholder.startswith("e.g. ")
               for field in (screen.address, screen.code, screen.team))
    assert not any(field.value for field in (screen.address, screen.code, screen.team))


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
        table = _at_the_table(app)
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
        # The server sends the whole game after the last move: until it has come, the way
        # to the debrief says it waits.
        assert table.debrief_button.enabled or table.debrief_button.label == DEBRIEF_WAITING
        _steps(app, lambda: table.debrief_button.enabled, 200)
        assert remote.whole_game is not None and not remote.whole_game_lost
        debrief = app.push(Debrief(table.session))
        assert isinstance(debrief, DebriefScreen)
        # The class plays what the teacher runs: no "Play again" that would leave it.
        assert not debrief.again.visible and debrief.again not in debrief.ring.widgets
        app.step(0.05)
        assert not app.crashes
        assert other and other[-1]["type"] == "final"
        saved = list((tmp_path / "saves").glob("class-Window-*.json"))
        assert saved, "the window kept no copy of the record"


def test_quit_to_title_leaves_the_class_server_and_the_team_comes_back(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    with running(tmp_path / "class") as server:
        room = server.classroom
        server.call(room.start)

        def connected() -> bool:
            return bool(server.call(lambda: [s.send is not None for t in room.tables.values()
                                             for s in t.seats.values()] == [True]))

        def sit_down() -> TableScreen:
            app.reset(Title())
            app.push(JoinClass(server.address, room.code, "Window", computer=True))
            return _at_the_table(app)

        table = sit_down()
        remote = table.session
        assert isinstance(remote, RemoteTable)
        _steps(app, lambda: table.my_turn, 400)
        table.play(Move.wait())
        _steps(app, lambda: table.my_turn and not table.pending, 400)
        moves = len(remote.remote.moves)
        assert connected()
        # Esc, then the pause menu's "Quit to title", as a player does it.
        press(app, pygame.K_ESCAPE)
        pause = app.top
        assert isinstance(pause, PauseScreen)
        next(b for b in pause.buttons if b.label == "Quit to title").activate()
        assert isinstance(app.top, TitleScreen) and len(app.stack) == 1
        assert "keeps its seat" in (app.toast_text or "")
        assert not remote.connection._thread.is_alive()  # closed, not left running
        deadline = time.monotonic() + 10
        while connected() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not connected(), "the server never saw the device leave"
        [seat] = server.call(lambda: [s for t in room.tables.values()
                                      for s in t.seats.values()])
        assert seat.team == "Window"
        # Later the team joins again with its name and the code: its game is where it was.
        again = sit_down()
        back = again.session
        assert isinstance(back, RemoteTable) and back is not remote
        _steps(app, lambda: again.my_turn, 400)
        assert back.table == remote.table and back.side == remote.side
        assert len(back.remote.moves) == moves
        assert connected() and len(room.tables) == 1
        assert not app.crashes


def test_a_window_at_a_table_says_the_link_dropped_and_sits_down_again_by_itself(
        make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The teacher's server stops and starts again: while it is away the table says so in
    place of whose move it is, and once it is back the window has its seat again without
    the team doing anything, and goes on."""
    from game.net.classroom import Classroom
    from game.net.server import RunningServer
    from game.settings import Settings
    from tests.net_helpers import scenario

    said = header_lines(monkeypatch, "link trouble")
    app = make_app()
    folder = tmp_path / "class"
    first = RunningServer(Classroom(scenario(), Settings(), folder)).start()
    first.call(first.classroom.start)
    second = None
    try:
        app.reset(Title())
        app.push(JoinClass(first.address, first.classroom.code, "Window", computer=True))
        table = _at_the_table(app)
        remote = table.session
        assert isinstance(remote, RemoteTable)
        _steps(app, lambda: table.my_turn and not table.pending, 400)
        assert not remote.link_trouble
        first.stop()
        _steps(app, lambda: bool(remote.link_trouble), 400)
        assert "dropped: trying again" in remote.link_trouble[0]
        app.draw(app.window)
        assert said and "trying again" in " ".join(said)
        second = RunningServer(Classroom(scenario(), Settings(), folder),
                               port=first.port).start()
        _steps(app, lambda: not remote.link_trouble and table.my_turn, 600)
        said.clear()
        app.draw(app.window)
        assert not said
        moves = len(remote.remote.moves)
        table.play(Move.wait())
        _steps(app, lambda: len(remote.remote.moves) > moves, 400)
        assert not app.crashes
    finally:
        for server in (first, second):
            if server is not None:
                server.stop()


@pytest.mark.skipif(not lan.available(), reason="zeroconf is not installed")
def test_the_join_screen_lists_a_class_found_on_the_network(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    with running(tmp_path / "class") as server:
        room = server.classroom
        announcement = lan.Announcement("127.0.0.1", server.port, room.scenario.title)
        assert announcement.start()
        try:
            app.reset(Title())
            screen = app.push(JoinClass())
            assert isinstance(screen, JoinScreen) and screen.rows[0] is screen.found
            assert screen.ring.focused is screen.found
            _steps(app, lambda: any(f.address == server.address for f in screen.heard), 200)
            # Right chooses the first class heard of: its address is filled in.
            while screen.address.value != server.address:
                press(app, pygame.K_RIGHT)
            assert screen.found is not None and room.scenario.title in screen.found.values[
                screen.found.index][1]
            _fill(screen, server.address, room.code, "Found")
            screen.join_button.activate()
            _steps(app, lambda: "Waiting" in screen.status, 400)
        finally:
            announcement.stop()
        finder, remote = screen.finder, screen.remote
        app.reset(Title())
        assert finder is not None and finder._zeroconf is None  # stopped listening
        # Leaving the screen while waiting at the table gives the join up.
        assert remote is not None and not remote.connection._thread.is_alive()


def test_without_zeroconf_the_join_screen_asks_for_the_address(make_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(lan, "available", lambda: False)
    app = make_app()
    app.reset(Title())
    screen = app.push(JoinClass())
    assert isinstance(screen, JoinScreen)
    assert screen.found is None and screen.finder is None and screen.rows[0] is screen.address
    app.step(0.05)
    assert not app.crashes
