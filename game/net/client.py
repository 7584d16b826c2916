"""A team's device in a networked class: ``python main.py join ADDRESS --code CODE --team NAME``.

:class:`Connection` keeps a WebSocket to the class server in a thread of its own and
comes back by itself after a dropped link (the server seats the team again by its name and
the class code). :class:`RemoteTable` holds the table as this side may see it and offers
the members of a play session that the terminal game uses, so :class:`NetworkGame` shows
the table with the terminal game's own display code; moves go to the server, and the
other team's moves arrive live. A server that vanishes is said plainly, and the record
received so far is kept in a file.
"""

from __future__ import annotations

import asyncio
import json
import os
import queue
import select
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO, cast

import aiohttp
from pydantic import ValidationError

from game.analysis import OutcomeSpace
from game.coherence import incoherence
from game.debrief import debrief
from game.engine import Game
from game.errors import IllegalMoveError, ParleyError, ScenarioError, SaveError
from game.model import Scenario
from game.moves import Entry, Move
from game.net.messages import (SERVER, Farewell, Final, Join, Notice, Play, Refused, Update,
                               Welcome, choice_from_json, entry_from_json, state_from_json)
from game.play.session import VS_COMPUTER, Session
from game.play.wording import read_again
from game.protocol import Choice, GameState
from game.save import SaveFile, file_part, restore, write_save
from game.scenario import read_scenario
from game.settings import Settings
from game.textdebrief import write_debrief
from game.textplay import Quit, TextGame

#: The most bytes the server may send in one message (the scenario and a whole save).
MAX_SERVER_MESSAGE = 8_000_000
#: How long a client keeps trying to reach a server that went away, in seconds.
RETRY_SECONDS = 60.0
#: How often a terminal prompt looks for the server's news while the team thinks.
NEWS_SECONDS = 0.5


class ServerGone(ParleyError):
    """The class server cannot be reached any more."""


class LeftTable(ServerGone):
    """The team joined again from another device: this one has left the table."""


class TableChanged(Exception):
    """The table changed under the player's move (its time ran out, or the link dropped
    and came back): the turn is shown again from the table as it is now."""


class JoinRefused(ParleyError):
    """The server would not seat the team (a wrong code, for one)."""


@dataclass(frozen=True)
class Lost:
    """The link to the server dropped; the connection is trying again."""

    reason: str


@dataclass(frozen=True)
class Gone:
    """The server could not be reached again within the retry time."""

    reason: str


Inbound = Welcome | Update | Refused | Notice | Farewell | Final | Lost | Gone
#: A message and the link it came on (1 for the first connection, 2 after one drop...).
Received = tuple[int, Inbound]


def server_url(address: str) -> str:
    """The WebSocket URL of a server given as ``HOST``, ``HOST:PORT`` or a URL.

    >>> server_url("192.168.1.20:8765")
    'ws://192.168.1.20:8765/ws'
    >>> server_url("http://localhost:9000/")
    'ws://localhost:9000/ws'
    """
    address = address.strip().rstrip("/")
    for scheme, ws in (("http://", "ws://"), ("https://", "wss://"), ("ws://", "ws://"),
                       ("wss://", "wss://")):
        if address.startswith(scheme):
            address = ws + address[len(scheme):]
            break
    else:
        address = "ws://" + address
    if address.count(":") < 2:  # no port
        address += ":8765"
    return address.removesuffix("/ws") + "/ws"


def plain_reason(exc: BaseException) -> str:
    """Why a connection failed, in words a student can read out to the teacher (not the
    library's, such as "ssl:default [Connect call failed ...]")."""
    if isinstance(exc, aiohttp.ClientConnectorError):
        return f"nothing answers at {exc.host}:{exc.port}"
    if isinstance(exc, aiohttp.WSServerHandshakeError):
        return "the computer at that address is not a Parley class server"
    if isinstance(exc, asyncio.TimeoutError):
        return "no answer in time"
    return str(exc) or type(exc).__name__


class Connection:
    """A WebSocket to the class server, run in a thread; see the module's docstring."""

    def __init__(self, address: str, join: Join, retry_seconds: float = RETRY_SECONDS) -> None:
        self.url = server_url(address)
        self.join = join
        self.retry_seconds = retry_seconds
        self.inbox: queue.Queue[Received] = queue.Queue()
        #: How many times the link has been made (the server's messages on each are told
        #: apart by it: a move's answer comes on the link the move went on).
        self.generation = 0
        self._loop = asyncio.new_event_loop()
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._stopping = False
        #: Held while a close is handed to the loop, and while the loop ends.
        self._closing = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="parley-connection",
                                        daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        try:
            self._loop.run_until_complete(self._talk())
        finally:
            with self._closing:
                # A close sent from another thread as the talk ended is run (or cancelled)
                # before the loop goes, never left "never awaited".
                self._loop.run_until_complete(_settle())
                self._loop.close()

    async def _talk(self) -> None:
        lost_since: float | None = None
        reason = "no answer"
        connected = False
        tries = 0
        timeout = aiohttp.ClientTimeout(total=None, connect=5)
        async with aiohttp.ClientSession(timeout=timeout) as http:
            while not self._stopping:
                try:
                    async with http.ws_connect(self.url, heartbeat=10,
                                               max_msg_size=MAX_SERVER_MESSAGE) as ws:
                        self.generation += 1
                        await ws.send_str(self.join.model_dump_json())
                        self._ws = ws
                        lost_since, connected = None, True
                        async for frame in ws:
                            if frame.type != aiohttp.WSMsgType.TEXT:
                                break
                            try:
                                message = SERVER.validate_json(frame.data)
                            except ValidationError:
                                reason = "the server sent a message this Parley cannot read"
                                break
                            self.inbox.put((self.generation, message))
                            if isinstance(message, Farewell):
                                self._stopping = True  # never come back by itself
                                return
                        reason = "the server closed the connection"
                except (aiohttp.ClientError, OSError, asyncio.TimeoutError) as exc:
                    reason = plain_reason(exc)
                self._ws = None
                if self._stopping:
                    return
                tries += 1
                if not connected:
                    # Never reached: most likely a mistyped address; say so soon.
                    if tries >= 3:
                        self.inbox.put((self.generation,
                                        Gone(f"{reason}; check the address with your teacher")))
                        return
                    await asyncio.sleep(1.0)
                    continue
                now = time.monotonic()
                if lost_since is None:
                    lost_since = now
                    self.inbox.put((self.generation, Lost(reason)))
                elif now - lost_since > self.retry_seconds:
                    self.inbox.put((self.generation, Gone(reason)))
                    return
                await asyncio.sleep(1.0)

    def send(self, message: Play) -> int | None:
        """Send *message*; returns the link it went on (see :attr:`generation`), or None
        when the link is down just now."""
        ws, generation = self._ws, self.generation
        if ws is None or ws.closed:
            return None
        future = asyncio.run_coroutine_threadsafe(ws.send_str(message.model_dump_json()),
                                                  self._loop)
        try:
            future.result(timeout=10)
        except (aiohttp.ClientError, OSError, ConnectionError, TimeoutError):
            return None
        return generation

    def close(self) -> None:
        """Leave the table (the team keeps its seat to come back to)."""
        self._stopping = True
        ws = self._ws
        with self._closing:
            if ws is not None and self._thread.is_alive() and not self._loop.is_closed():
                asyncio.run_coroutine_threadsafe(ws.close(), self._loop)
        if self._thread.is_alive():
            self._thread.join(timeout=5)
        elif not self._loop.is_closed() and not self._thread.ident:
            self._loop.close()  # never started


async def _settle() -> None:
    """Let what other threads handed to this loop start, then cancel what is still running
    and wait for it: the loop can then close with nothing left unawaited."""
    await asyncio.sleep(0)
    me = asyncio.current_task()
    pending = [task for task in asyncio.all_tasks() if task is not me]
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)


class RemoteGame:
    """The table as this side may see it, with the members of a game the terminal game
    reads (the record, the public state, this side's own prices and fallback)."""

    def __init__(self, scenario: Scenario, side: str, settings: Settings) -> None:
        self.scenario = scenario
        self.side = side
        self.settings = settings
        self.space = OutcomeSpace(scenario)
        self.log: list[Entry] = []
        self.state: GameState | None = None
        self.teams: dict[str, str] = {}
        #: This side's fallback now (the server says when effects move it).
        self.own_fallback = scenario.sides[side].batna.value

    @property
    def sides(self) -> tuple[str, str]:
        return self.scenario.side_ids

    @property
    def finished(self) -> bool:
        return self.state is not None and self.state.finished

    @property
    def to_move(self) -> str | None:
        return self.state.to_move if self.state is not None else None

    @property
    def moves(self) -> list[Entry]:
        return [entry for entry in self.log if entry.kind == "move"]

    def fallback(self, side: str) -> float:
        return self.own_fallback

    def why_not(self, move: Move, side: str | None = None) -> str | None:
        """The server judges every move; a package that cannot stand together is said
        here already, from the scenario's public rules, in the words the engine uses (a
        proposal without a package, "may it propose at all", is for the server to judge)."""
        if move.kind == "propose" and move.package:
            return incoherence(self.scenario, move.chosen)
        return None


class RemoteTable:
    """A team's seat at a table on the class server: the members of a play session that
    the terminal game uses, over a :class:`Connection`. See the module's docstring."""

    def __init__(self, connection: Connection, out: Callable[[str], None],
                 record_folder: Path | None = None, *, for_window: bool = False) -> None:
        self.connection = connection
        #: Where the table's news goes (the teacher's messages, a dropped link).
        self.out = out
        self.record_folder = record_folder
        #: For the window: the finished game replaces this side's view (for the debrief
        #: screen), and a move refused because the table changed is a plain refusal (the
        #: window shows the table as it is at every frame).
        self.for_window = for_window
        self._remote: RemoteGame | None = None
        self._real: Game | None = None
        self.gone: str | None = None
        self.status = "waiting"
        self.note = ""
        self.table = ""
        self.team_name = connection.join.team
        self._choices: list[Choice] = []
        self.final: Final | None = None
        self.save_error: str | None = None
        self.record_file: Path | None = None
        self.seconds_left: float | None = None
        #: The sides people play at this table (the other side is the computer's when
        #: it is missing).
        self.players: tuple[str, ...] = ()
        self._refused: str | None = None
        #: The link (see Connection.generation) the team was last seated on, the link a
        #: move waits for its answer on, the number of that move (the answer names it:
        #: an update on its way before it is news, not the answer) and whether the answer
        #: came.
        self._seated_on = 0
        self._awaiting: int | None = None
        self._moves_sent = 0
        self._answered = False
        #: Why the link dropped, while it is being made again (None: it is up).
        self._dropped: str | None = None
        #: The last news the server sent (a table's note that says the same is not said
        #: again).
        self._noticed = ""

    # ----- what the terminal game reads ------------------------------------------------

    @property
    def scenario(self) -> Scenario:
        return self.remote.scenario

    @property
    def remote(self) -> RemoteGame:
        """The table's game as this side sees it (once seated)."""
        if self._remote is None:
            raise ServerGone("not seated at a table yet")
        return self._remote

    @property
    def game(self) -> RemoteGame | Game | None:
        """The game a front end reads: this side's view (None before the team is seated),
        or for the window, once the game is over, the whole game."""
        return self._real if self._real is not None else self._remote

    @property
    def whole_game(self) -> Game | None:
        """The whole game for the debrief: the server sends it when the talks are over
        (None until it has come, and for good if it never does)."""
        self.poll_quietly()
        return self._real

    @property
    def whole_game_lost(self) -> bool:
        """Whether the whole game will not come: the server sent one this Parley cannot
        read, or went before sending it."""
        return self._real is None and (self.final is not None or self.gone is not None)

    @property
    def link_trouble(self) -> tuple[str, ...]:
        """The link's trouble, kept in sight by the window while it lasts (see
        :attr:`game.play.session.Session.link_trouble`)."""
        if self.gone is not None:
            return ("The class server cannot be reached: Esc, Quit to title, then join "
                    "again.", "The class server cannot be reached: Esc to leave.",
                    "Class server unreachable.")
        if self._dropped is not None:
            return ("The connection to the class server dropped: trying again...",
                    "Connection lost: trying again...", "Reconnecting...")
        return ()

    @property
    def seated(self) -> bool:
        return self._remote is not None

    @property
    def side(self) -> str:
        return self.remote.side

    @property
    def humans(self) -> tuple[str, ...]:
        return (self.side,)

    @property
    def settings(self) -> Settings:
        return self.remote.settings

    def is_human(self, side: str | None) -> bool:
        return side == self.side

    def choices(self, side: str | None = None) -> list[Choice]:
        """This side's moves when it is to move (an answer to a question is asked for
        apart, before them)."""
        return [choice for choice in self._choices if choice.move.kind != "answer"]

    @property
    def save_works(self) -> bool:
        return True  # the server saves every move

    def undo_blocked(self, requester: str | None = None) -> str | None:
        return "Moves cannot be taken back in class play over the network."

    def redo_blocked(self, requester: str | None = None) -> str | None:
        return self.undo_blocked(requester)

    # ----- what the window's table reads as well ----------------------------------------

    @property
    def mode(self) -> str:
        return VS_COMPUTER  # one team at this screen; the other side plays elsewhere

    @property
    def viewer(self) -> str:
        return self.side

    def team(self, side: str) -> str:
        return self.remote.teams.get(side, "")

    def visible_log(self) -> list[Entry]:
        """The record this side has been sent (the window reads it every frame, so the
        server's news is taken in here, without waiting)."""
        self.poll_quietly()
        return self.remote.log

    @property
    def computer_to_move(self) -> bool:
        """Whether the table waits for the other side (or for the teacher)."""
        game = self.remote
        return not game.finished and not self.my_turn

    def play_computer(self) -> list[Entry]:
        """The other side plays on its own device: take in what has arrived."""
        self.poll_quietly()
        return []

    def time_out(self) -> list[Entry]:
        """Turn clocks run on the server: take in what has arrived."""
        self.poll_quietly()
        return []

    @property
    def save_path(self) -> Path | None:
        return self.record_file

    at_class = True

    #: The pause menu's "Quit to title" says what leaving keeps at a class's table.
    leave_note = ("Leave the table. Your team keeps its seat: join the class again with the "
                  "same team name and code to go on.")

    def stop_saving(self) -> None:
        """The server keeps the game; this device's copy of the record goes on."""

    def close(self) -> None:
        """Leave the table (quit to title): the connection closes, so the server sees the
        device go; the team keeps its seat and joins again with its name and the code."""
        game = self._remote
        if self.gone is None and game is not None and not game.finished:
            self.out("You left the table. Your team keeps its seat: join again with the same "
                     "team name and class code to go on.")
        self.connection.close()

    def undo(self, requester: str | None = None) -> int:
        return 0

    def redo(self, requester: str | None = None) -> int:
        return 0

    def rebuild(self, scenario: Scenario) -> tuple[int, str | None]:
        raise ValueError("the scenario of a class over the network is the teacher's")

    def poll(self) -> None:
        """Take in every message that has arrived, without waiting. Raises
        :class:`JoinRefused` or :class:`ServerGone`."""
        while True:
            try:
                message = self.connection.inbox.get_nowait()
            except queue.Empty:
                return
            self._handle(message, seating=self._remote is None)

    def poll_quietly(self) -> None:
        """:meth:`poll`, saying once, plainly, that the server has gone (the window goes on
        showing the record received)."""
        if self.gone is not None:
            return
        try:
            self.poll()
        except ServerGone as exc:
            self._went(exc)

    def _went(self, exc: ServerGone) -> None:
        self.gone = str(exc)
        kept = f" Your copy of the record is in {self.record_file}." \
            if self.record_file is not None else ""
        said = str(exc) if isinstance(exc, LeftTable) else \
            f"The class server has gone: {exc}."
        self.out(f"{said}{kept}")

    # ----- talking to the server --------------------------------------------------------

    def seat(self, timeout: float = 30.0) -> None:
        """Wait until the server has seated the team. Raises :class:`JoinRefused` or
        :class:`ServerGone`."""
        deadline = time.monotonic() + timeout
        while self._remote is None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ServerGone(f"no answer from the class server at "
                                 f"{self.connection.url} within {timeout:g} seconds")
            self._handle(self._next(left), seating=True)

    def wait_until(self, done: Callable[[], bool], timeout: float | None = None) -> bool:
        """Handle the server's messages until *done* holds (True) or *timeout* seconds
        pass (False)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not done():
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                return False
            self._handle(self._next(left))
        return True

    @property
    def my_turn(self) -> bool:
        game = self._remote
        return game is not None and not game.finished and game.to_move == self.side and \
            self.status == "playing" and bool(self._choices)

    def wait_for_table(self) -> None:
        """Wait for the table to change: the other side moved, our turn came, or the
        game ended."""
        seen = len(self.remote.log)
        self.wait_until(lambda: self.remote.finished or self.my_turn
                        or len(self.remote.log) != seen)

    def play(self, move: Move) -> list[Entry]:
        """Send a move for this side and wait for the server's answer; raises
        :class:`IllegalMoveError` with the server's sentence when it is refused."""
        if self.for_window:
            # The window never waits for a link that is down: the move is not sent, and
            # the table stays as it is (the player makes it again once the link is back).
            if self.gone is not None:
                raise IllegalMoveError(f"Not sent: {self.gone}.")
            try:
                return self._play(move)
            except ServerGone as exc:
                self._went(exc)
                return []
        return self._play(move)

    def _play(self, move: Move) -> list[Entry]:
        seated_on = self._seated_on
        self._refused, self._answered = None, False
        self._moves_sent += 1
        play = Play(move=move.to_json(), number=self._moves_sent)
        while (sent_on := self.connection.send(play)) is None:
            if self.for_window:
                self.poll_quietly()
                raise IllegalMoveError("Not sent: the connection to the class server is "
                                       "down and is being made again. Make your move once "
                                       "the table is back.")
            # The link is down: wait until the connection is back, or gone for good.
            self._handle(self._next(1.0))
            if self._seated_on != seated_on:  # seated again: the table may have changed
                raise TableChanged("The connection dropped and came back: here is the "
                                   "table as it is now.")
        # The answer comes on the link the move went on, after the table the server sent
        # when it seated the team there (the link may have been made again, in the
        # background, while the player chose: that table is taken in first).
        self._awaiting = sent_on
        try:
            self.wait_until(lambda: self._answered or self._seated_on > sent_on)
        finally:
            self._awaiting = None
        if not self._answered:
            # That link dropped before the answer: the move may not have arrived.
            if self.for_window:
                return []  # the window shows the table as it is at every frame
            raise TableChanged("The connection dropped and came back: here is the table "
                               "as it is now.")
        if self._refused is not None:
            state = self.remote.state
            asked = state is not None and state.asked == self.side and move.kind != "answer"
            if (not self.my_turn or asked) and not self.for_window:
                # The turn is not the one shown (time ran out, a question came in while
                # the link was down): show the table again.
                raise TableChanged(self._refused)
            raise IllegalMoveError(self._refused)
        return []

    def _next(self, timeout: float | None) -> Received | None:
        try:
            return self.connection.inbox.get(timeout=timeout)
        except queue.Empty:
            return None

    def _handle(self, received: Received | None, seating: bool = False) -> None:
        if received is None:
            return
        link, message = received
        answer = link == self._awaiting and link == self._seated_on and \
            getattr(message, "answers", None) == self._moves_sent
        if isinstance(message, Welcome):
            self._welcome(message)
            self._seated_on, self._dropped = link, None
        elif isinstance(message, Update):
            self._update(message)
            if answer:
                self._answered = True
        elif isinstance(message, Refused):
            if seating and self._remote is None:
                self.connection.close()
                raise JoinRefused(message.text)
            if answer:
                self._refused, self._answered = message.text, True
        elif isinstance(message, Notice):
            self._noticed = message.text
            self.out(f"\n*** {message.text}\n")
        elif isinstance(message, Final):
            self.final = message
            if self.for_window:
                finished = self.finished_game(0)
                if finished is not None:
                    self._real = finished[0]
        elif isinstance(message, Lost):
            self._dropped = message.reason
            self.out(f"\n*** The connection to the class server dropped ({message.reason}); "
                     "trying again...\n")
        elif isinstance(message, Farewell):
            raise LeftTable(message.text)
        elif isinstance(message, Gone):
            raise ServerGone(f"the class server at {self.connection.url} cannot be reached "
                             f"({message.reason})")

    def _welcome(self, message: Welcome) -> None:
        if self._remote is not None and self._remote.side == message.side:
            self.table = message.table
            self.out("\n*** Back at your table.\n")
            return
        try:
            scenario = read_scenario(json.dumps(message.scenario), "<the class's scenario>")
            settings = Settings.from_json(message.settings).updated(undo=False)
        except (ScenarioError, ValueError, ParleyError) as exc:
            raise ServerGone(f"the server sent a scenario this Parley cannot read ({exc})") \
                from None
        if message.side not in scenario.sides:
            raise ServerGone("the server seated the team at a side the scenario lacks")
        self._remote = RemoteGame(scenario, message.side, settings)
        self.table = message.table

    def _update(self, message: Update) -> None:
        game = self.remote
        try:
            entries = [entry_from_json(data) for data in message.entries]
            state = state_from_json(message.state) if message.state is not None else None
            choices = [choice_from_json(data) for data in message.choices]
        except (ValueError, KeyError, TypeError) as exc:
            raise ServerGone(f"the server sent a table this Parley cannot read ({exc})") \
                from None
        if message.start <= len(game.log):
            game.log[message.start:] = entries
        game.state = state if state is not None else game.state
        game.teams = dict(message.teams)
        if message.humans:
            self.players = tuple(message.humans)
        if message.fallback is not None:
            game.own_fallback = message.fallback
        if message.note and (message.note != self.note or message.status != self.status) \
                and message.note != self._noticed:  # said once, not as news and note
            self.out(f"\n*** {message.note}\n")
        self.status, self.note = message.status, message.note
        self._choices = choices
        self.seconds_left = message.seconds_left
        self._keep_record()

    # ----- the copy of the record on this device ----------------------------------------

    def _keep_record(self) -> None:
        """Write the record received so far to a file, so that a vanished server leaves
        the team with its game's record."""
        if self.record_folder is None or self._remote is None:
            return
        game = self._remote
        path = self.record_folder / f"class-{file_part(self.team_name) or 'team'}-{game.side}.json"
        data = {"marker": "parley-class-record", "server": self.connection.url,
                "table": self.table, "team": self.team_name, "side": game.side,
                "teams": game.teams, "record": [entry.to_json() for entry in game.log]}
        try:
            self.record_folder.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(".tmp")
            temporary.write_text(json.dumps(data, indent=1), encoding="utf-8")
            temporary.replace(path)
        except OSError as exc:
            if self.save_error is None and self.record_file is None:
                self.save_error = f"Your copy of the record could not be written ({exc})."
            return
        self.record_file = path

    def finished_game(self, timeout: float = 10.0) -> tuple[Game, SaveFile] | None:
        """The whole game once it is over (the server sends it then), rebuilt for the
        debrief; None when it does not come."""
        self.wait_until(lambda: self.final is not None, timeout)
        if self.final is None:
            return None
        try:
            save = SaveFile.model_validate(self.final.save)
            scenario = read_scenario(self.final.scenario, "<the class's scenario>")
            return restore(save, scenario).game, save
        except (ValidationError, SaveError, ScenarioError, ValueError):
            return None

    def keep_save(self, save: SaveFile) -> Path | None:
        """Write the finished game as a normal save on this device; its path, or None."""
        if self.record_folder is None:
            return None
        path = self.record_folder / f"class-{file_part(self.team_name) or 'team'}-finished.json"
        try:
            self.record_folder.mkdir(parents=True, exist_ok=True)
            write_save(save, path)
        except (OSError, SaveError):
            return None
        return path


class NetworkGame(TextGame):
    """The terminal game at a table of a class server: the same display code, with the
    other team's moves arriving live."""

    def __init__(self, table: RemoteTable, inp: TextIO, out: TextIO) -> None:
        # The remote table offers the members of a session the terminal game reads.
        self.table = table
        super().__init__(cast(Session, table), inp, out)
        self._waited: tuple[int, str] | None = None
        #: The input's descriptor when it can be watched for the server's news while a
        #: prompt waits (see :meth:`ask`), and what was typed and not yet read as a line.
        self._descriptor = _watchable(inp)
        self._typed = b""
        #: How many times the table has said something (its news while a prompt waits).
        self._news = 0
        said = table.out

        def counted(text: str) -> None:
            self._news += 1
            said(text)

        table.out = counted

    def ask(self, prompt: str) -> str:
        """As the terminal game asks, but while the team thinks the server's news (the
        teacher's message, a pause, a dropped link) is shown at once, not once the team
        has typed, and the prompt is written again under it. (Where the input cannot be
        watched, on Windows or from a file-like object, as the terminal game asks.)"""
        descriptor = self._descriptor
        if descriptor is None:
            return super().ask(prompt)
        self.out.write(prompt)
        self.out.flush()
        while b"\n" not in self._typed:
            ready, _, _ = select.select([descriptor], [], [], NEWS_SECONDS)
            if ready:
                chunk = os.read(descriptor, 4096)
                if not chunk:  # the input ended
                    if not self._typed:
                        raise Quit
                    self._typed += b"\n"
                self._typed += chunk
                continue
            before = self._news
            self.table.poll_quietly()
            if self._news != before:
                self.out.write(prompt)
                self.out.flush()
        line, _, self._typed = self._typed.partition(b"\n")
        return line.decode("utf-8", "replace").strip()

    def say(self, text: str = "", indent: int = 0, hang: int = 0) -> None:
        # The terminal game's title and debrief call a side no player sits at "computer":
        # at a class's table the other side is a team, called by its name.
        table = self.table
        if "(computer)" in text and table.seated:
            for side in table.players:
                team = table.remote.teams.get(side)
                if side != table.side and team:
                    text = text.replace(f"{self.name(side)} (computer)",
                                        f"{self.name(side)} ({team})")
        super().say(text, indent, hang)

    def title(self) -> None:
        super().title()
        table = self.table
        game = table.remote
        others = [f"{self.name(s)}: {game.teams.get(s, '')}" for s in game.sides
                  if s != table.side]
        mine = game.teams.get(table.side) or table.team_name  # as the class records it
        self.say(f"You are {mine}, at table {table.table}. " + "; ".join(others) + ".")

    def human_turn(self, side: str) -> None:
        try:
            super().human_turn(side)
        except TableChanged as exc:
            self.say()
            self.say(str(exc))

    def _say_waiting(self) -> None:
        """Once a turn, who the table waits for (a team at another device, unlike the
        computer, can take its time)."""
        table = self.table
        game = table.remote
        other = game.to_move
        if table.status != "playing" or other is None or other == table.side or \
                other not in table.players:
            return
        turn = (len(game.log), other)
        if turn == self._waited:
            return
        self._waited = turn
        team = game.teams.get(other, "")
        self.say(f"Waiting for {self.name(other)}{f' ({team})' if team else ''} to move...")

    def run(self) -> int:
        table = self.table
        side = table.side
        try:
            table.wait_until(lambda: table.status != "waiting")
            self.title()
            self.briefing(side, start=True)
            while not table.remote.finished:
                if table.my_turn:
                    self.show_new_entries(side)
                    if table.seconds_left is not None:
                        self.say(f"(You have {round(table.seconds_left)} seconds for this "
                                 "move.)")
                    self.human_turn(side)
                else:
                    self.show_new_entries(None)
                    self._say_waiting()
                    table.wait_for_table()
            self.show_new_entries(None)
        except Quit:
            self.say()
            self.say("You left the table. Your team keeps its seat: join again with the same "
                     "team name and class code to go on.")
            return 0
        finished = table.finished_game()
        if finished is None:
            self.say("The server did not send the finished game: ask your teacher for the "
                     "transcript.")
            return 0
        game, save = finished
        write_debrief(game.scenario, debrief(game), {side},
                      game.settings.reveal_priorities, self.say, self.rule, self.out.write)
        kept = table.keep_save(save)
        if kept is not None:
            self.say()
            self.say(f"Your copy of the game is saved in {kept}.")
            self.say_with_commands(read_again(kept))
        self.leave_the_table()
        return 0


def _watchable(stream: TextIO) -> int | None:
    """The descriptor of *stream* when it can be watched for input while the table's news
    is shown (a terminal or a pipe, not on Windows); None otherwise."""
    if os.name == "nt":
        return None
    try:
        return stream.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is an OSError
        return None


def run_join(address: str, code: str, team: str, side: str | None, computer: bool,
             inp: TextIO, out: TextIO, record_folder: Path | None,
             retry_seconds: float = RETRY_SECONDS) -> int:
    """Join the class at *address* and play at the table in the terminal; returns an exit
    code. A refused join or a vanished server is said in one plain sentence."""
    try:
        request = Join(code=code, team=team, side=side, computer=computer)
    except ValidationError:
        out.write("parley: a class code is at most 40 characters and a team name 1 to 30.\n")
        return 2

    def say(text: str) -> None:
        out.write(text + ("" if text.endswith("\n") else "\n"))
        out.flush()

    connection = Connection(address, request, retry_seconds)
    table = RemoteTable(connection, say, record_folder)
    connection.start()
    try:
        say(f"Joining the class at {connection.url} as {team}...")
        table.seat()
        return NetworkGame(table, inp, out).run()
    except JoinRefused as exc:
        say(f"parley: the class server did not seat your team: {exc}")
        return 2
    except KeyboardInterrupt:
        say("\nYou left the table. Your team keeps its seat: join again with the same team "
            "name and class code to go on.")
        return 130
    except LeftTable as exc:
        say(f"parley: {exc}")
        return 1
    except ServerGone as exc:
        say(f"parley: {exc}.")
        if table.record_file is not None:
            say(f"Your copy of the record so far is in {table.record_file}. When the server "
                "is back, join again with the same team name and class code: your game "
                "goes on where it was.")
        return 1
    finally:
        connection.close()
