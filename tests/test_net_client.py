"""The client's table (game.net.client.RemoteTable) over a link made by hand: what a move
does when the link drops and is made again while the move waits to be sent."""

from __future__ import annotations

import io
import os
import queue
import threading
import time
from pathlib import Path
from typing import Any, cast

import pytest

from game.moves import Move
from game.net.classroom import Classroom
from game.errors import IllegalMoveError
from game.net.client import (NEWS_SECONDS, Connection, Gone, NetworkGame, Received,
                             RemoteTable, TableChanged)
from game.net.messages import Final, Join, Notice, Play, _Message
from game.textplay import Quit
from game.settings import Settings
from tests.net_helpers import scenario


class Link:
    """A connection whose messages are put in by the test, and which is down (sends
    nothing) once the test says so."""

    def __init__(self, join: Join) -> None:
        self.join = join
        self.url = "ws://test/ws"
        self.inbox: queue.Queue[Received] = queue.Queue()
        self.down = False
        self.sent: list[Play] = []

    def send(self, message: Play) -> int | None:
        if self.down:
            return None
        self.sent.append(message)
        return 1

    def close(self) -> None:
        pass


def _seated(tmp_path: Path, for_window: bool) -> tuple[RemoteTable, Link, Classroom]:
    room = Classroom(scenario(), Settings(), tmp_path)
    room.start()
    join = Join(code=room.code, team="Solo", side="us", computer=True)
    link = Link(join)

    def first(message: _Message | None) -> None:
        if message is not None:
            link.inbox.put((1, cast(Any, message)))

    _, seat, _ = room.join(join, first)
    room.leave(seat, first)  # the first link drops (the server sees it go)
    table = RemoteTable(cast(Connection, link), lambda text: None, None,
                        for_window=for_window)
    table.seat(5)
    table.poll()
    assert table.my_turn
    return table, link, room


def _seated_again(link: Link, room: Classroom) -> None:
    """The link is made again (the second one): the server seats the team again."""
    sent: list[_Message] = []
    room.join(link.join, lambda m: sent.append(m) if m else None)
    for message in sent:
        link.inbox.put((2, cast(Any, message)))


@pytest.mark.parametrize("for_window", [False, True])
def test_a_move_that_meets_a_dropped_link(tmp_path: Path, for_window: bool) -> None:
    table, link, room = _seated(tmp_path, for_window)
    link.down = True
    _seated_again(link, room)
    start = time.monotonic()
    if for_window:
        # The window never waits for the link: the move is not sent, and it says so (the
        # table screen shows a refused move's sentence).
        with pytest.raises(IllegalMoveError, match="Not sent"):
            table.play(Move.wait())
        assert time.monotonic() - start < 0.5
    else:
        with pytest.raises(TableChanged, match="came back"):
            table.play(Move.wait())
    assert not link.sent and table.my_turn


def test_a_window_whose_server_goes_for_good_says_so(tmp_path: Path) -> None:
    said: list[str] = []
    table, link, room = _seated(tmp_path, True)
    table.out = said.append
    link.inbox.put((1, Gone("no answer")))
    assert table.play(Move.wait()) == []  # no error: the window shows the record it has
    assert table.gone is not None and any("has gone" in text for text in said)
    with pytest.raises(IllegalMoveError, match="Not sent"):
        table.play(Move.wait())


def test_the_whole_game_for_the_debrief_is_waited_for_or_said_lost(tmp_path: Path) -> None:
    table, link, room = _seated(tmp_path, True)
    assert table.whole_game is None and not table.whole_game_lost  # still being played
    link.inbox.put((1, Final(save={"format": "not a save"}, scenario="")))
    assert table.whole_game is None and table.whole_game_lost  # it came, unreadable
    table, link, room = _seated(tmp_path / "again", True)
    link.inbox.put((1, Gone("no answer")))
    assert table.whole_game is None and table.whole_game_lost  # the server went first


def test_a_class_table_leaves_whether_a_side_may_propose_to_the_server_and_names_clashes() -> None:
    # The terminal builder asks first whether it may propose at all (a move without a
    # package): at a class's table that is the server's to judge, never "cannot stand
    # together" (which sent the builder back to the menu for ever).
    from game.coherence import incoherence
    from game.library import DEFAULT_SCENARIO
    from game.moves import Move
    from game.net.client import RemoteGame
    from game.scenario import load_scenario
    from game.settings import Settings

    scenario = load_scenario(DEFAULT_SCENARIO)
    game = RemoteGame(scenario, "us", Settings())
    assert game.why_not(Move("propose"), "us") is None
    clash = {"joint_action": "deconfliction_only", "syria_coordination": "no_coordination",
             "precondition": "verified_calm", "separation": "no_separation",
             "targets": "nusra_only", "start_date": "mid_june"}
    assert game.why_not(Move.propose(clash), "us") == incoherence(scenario, clash)


def test_leaving_as_the_link_ends_leaves_no_close_unawaited() -> None:
    # The link's loop may finish (after a farewell) between the check that its thread runs
    # and the close sent to it: the close is then dropped, not left "never awaited".
    import gc
    import threading
    import warnings

    from game.net.client import Connection
    from game.net.messages import Join

    connection = Connection("127.0.0.1:9", Join(code="ABCDEFGH", team="Alpha"))
    connection._loop.close()  # the link has just ended
    connection._thread = threading.Thread(target=lambda: None)
    connection._thread.is_alive = lambda: True  # type: ignore[method-assign]

    class Socket:
        closed = False

        async def close(self) -> None:
            return None

    connection._ws = Socket()  # type: ignore[assignment]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        connection._thread.join = lambda timeout=None: None  # type: ignore[method-assign]
        connection.close()
        gc.collect()
    assert not [w for w in caught if "never awaited" in str(w.message)]


def test_news_on_its_way_is_never_taken_for_the_answer_to_a_move(tmp_path: Path) -> None:
    """A team that joins a class already started gets its table twice (as it is seated and
    as the table starts). If the move it makes first is answered by the update still on
    its way, the team sees its own turn again, one step behind the table from then on: the
    answer is the update that names the move's number."""
    room = Classroom(scenario(), Settings(), tmp_path)
    room.start()
    join = Join(code=room.code, team="Solo", side="ru", computer=True)

    class Answering(Link):
        """A link to the classroom itself: a move is played there at once."""

        def send(self, message: Play) -> int | None:
            room.move(seated, chair, message.move, message.number)
            return 1

    link = Answering(join)
    seated, chair, _ = room.join(join, lambda m: link.inbox.put((1, cast(Any, m)))
                                 if m is not None else None)
    table = RemoteTable(cast(Connection, link), lambda text: None, None)
    table.seat(5)  # the welcome alone; both updates still wait in the inbox
    assert link.inbox.qsize() == 2
    table.play(Move.wait())
    # The table after the move and the computer's reply to it, not before.
    movers = [e.speaker for e in table.remote.log if e.kind == "move"]
    assert movers[:2] == ["ru", "us"]
    assert link.inbox.empty()


@pytest.mark.skipif(os.name == "nt", reason="a terminal's input is watched on POSIX only")
def test_the_teachers_news_is_shown_while_a_terminal_team_thinks(tmp_path: Path) -> None:
    """At the prompt, the teacher's message shows as it arrives, with the prompt again under
    it, not once the team has typed its move."""
    table, link, room = _seated(tmp_path, False)
    out = io.StringIO()
    table.out = out.write  # as run_join says the table's news: in the terminal
    read, write = os.pipe()
    typed = os.fdopen(read, "r")
    game = NetworkGame(table, typed, out)
    link.inbox.put((1, Notice(text="Five minutes left.")))

    def type_later() -> None:
        time.sleep(NEWS_SECONDS * 3)
        os.write(write, "p\n".encode())

    typist = threading.Thread(target=type_later)
    typist.start()
    answer = game.ask("Your move: ")
    typist.join()
    os.close(write)
    assert answer == "p"
    text = out.getvalue()
    assert text.index("*** Five minutes left.") < text.rindex("Your move: ")
    assert text.count("Your move: ") == 2
    with pytest.raises(Quit):  # the input ended
        game.ask("Your move: ")
    typed.close()


def test_a_pause_is_said_once_not_as_news_and_again_as_the_tables_note(
        tmp_path: Path) -> None:
    room = Classroom(scenario(), Settings(), tmp_path)
    room.start()
    join = Join(code=room.code, team="Solo", side="ru", computer=True)
    link = Link(join)
    room.join(join, lambda m: link.inbox.put((1, cast(Any, m))) if m is not None else None)
    said: list[str] = []
    table = RemoteTable(cast(Connection, link), said.append, None)
    table.seat(5)
    table.poll()
    room.pause()
    table.poll()
    assert table.status == "paused"
    assert [text.strip() for text in said if "paused" in text] == [
        "*** The teacher has paused the class: wait until it starts again."]
