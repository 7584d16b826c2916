"""A class: its code and teacher password, its tables, and the rules of the day.

:class:`Classroom` is the server's authority, with no networking in it: a team joins (or
comes back to) a table, moves for its own side, and every team at the table is sent what
its side may see. Each table is a :class:`~game.play.session.Session` saved after every
move in the normal save format; a restarted server reads the saves back and every team
finds its game where it was. The network layer (:mod:`game.net.server`) hands each seat a
function that sends a message to the team's device.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.debrief import debrief
from game.errors import IllegalMoveError, ParleyError, SaveError
from game.model import Scenario
from game.moves import Move
from game.net.messages import (TEAM_NAME_MAX, Farewell, Final, Join, Notice, Refused,
                               Update, Welcome, _Message, choice_json, state_json)
from game.net.redact import side_record, side_scenario
from game.play.session import HOTSEAT, VS_COMPUTER, Session, computer_name_taken
from game.play.wording import move_label, round_label, rounds_text
from game.safetext import plain
from game.save import Autosave, SaveFile, claim, read_save, restore, to_save, write_save
from game.settings import Settings

log = logging.getLogger(__name__)

#: Sends a message to a team's device; None disconnects it.
Send = Callable[[_Message | None], None]

#: Letters of a class code: no 0/O or 1/I/L to mistake for each other.
CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8
#: The class is waiting for the teacher to start it, playing, or paused by the teacher.
WAITING, PLAYING, PAUSED = "waiting", "playing", "paused"
#: The longest message a teacher may send to every table.
MESSAGE_MAX = 500
#: The most tables a class may have (a class of 30 pairs and more than enough rejoins).
MAX_TABLES = 200
#: A table's save is named ``table-<number>-<scenario>-<teams>-<time>-<seed>.json``.
TABLE_PREFIX = "table-"


def new_code() -> str:
    """An unguessable class code: 8 letters and digits (about 40 bits) from ``secrets``."""
    return "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))


def new_password() -> str:
    """An unguessable teacher password (about 72 bits) from ``secrets``."""
    return secrets.token_urlsafe(9)


class Refusal(ParleyError):
    """A join or a move the class does not allow; the text is for the team."""


@dataclass
class Seat:
    """A team at a table, and the device it plays from (None: not connected)."""

    team: str
    side: str
    send: Send | None = None
    sent: int = 0
    """How many record entries this device has been sent."""


@dataclass
class Table:
    """Two seats (or one against the computer) and, once both are taken, their game."""

    id: str
    seats: dict[str, Seat] = field(default_factory=dict)
    computer: bool = False
    session: Session | None = None
    deadline: float | None = None
    """When the side to move runs out of time (time.monotonic()), with a turn limit."""
    autosave: Autosave | None = None
    """Where the table's game is saved (its file is claimed at the first save)."""
    saved_moves: int = -1
    """How many moves the last save held."""
    claimed: bool = False
    """Whether the save file is the table's own yet (created exclusively)."""
    results: list[dict[str, Any]] | None = None
    """Once the game is over, each side's result as the teacher's page shows it (worked
    out once: the page asks every second)."""

    @property
    def started(self) -> bool:
        return self.session is not None

    @property
    def finished(self) -> bool:
        return self.session is not None and self.session.game.finished


def clean_team_name(name: str) -> str:
    """A team's name as recorded: no control characters or escape sequences, spaces
    trimmed; raises :class:`Refusal` when nothing is left or it is the computer's."""
    cleaned = " ".join(plain(name).split())[:TEAM_NAME_MAX]
    if not cleaned:
        raise Refusal("Give your team a name (letters or digits).")
    taken = computer_name_taken(cleaned)
    if taken:
        raise Refusal(taken)
    return cleaned


class SaveWriter:
    """Writes saves in a thread of its own, in the order given; when a table's moves come
    faster than the disk, its newest save replaces the one still waiting (each save holds
    the whole game)."""

    def __init__(self) -> None:
        self._waiting: dict[Path, SaveFile] = {}
        self._lock = threading.Condition()
        self._busy = False
        self._wake: queue.SimpleQueue[None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="parley-saves", daemon=True)
        self._thread.start()

    def put(self, path: Path, save: SaveFile) -> None:
        with self._lock:
            self._waiting[path] = save
        self._wake.put(None)

    def _run(self) -> None:
        while True:
            self._wake.get()
            while True:
                with self._lock:
                    if not self._waiting:
                        self._busy = False
                        self._lock.notify_all()
                        break
                    path = next(iter(self._waiting))
                    save = self._waiting.pop(path)
                    self._busy = True
                try:
                    write_save(save, path)
                except (OSError, SaveError) as exc:
                    log.warning("%s not saved: %s", path, exc)

    def flush(self, timeout: float = 30.0) -> None:
        with self._lock:
            self._lock.wait_for(lambda: not self._waiting and not self._busy, timeout)


class Classroom:
    """Every table of one class. See the module's docstring."""

    def __init__(self, scenario: Scenario, settings: Settings, folder: Path, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.scenario = scenario
        # No device takes a move back at a class's table: the games, their saves and the
        # class report say so, as the rules of the day do.
        self.settings = settings.updated(undo=False)
        self.folder = folder
        self.tables_folder = folder / "tables"
        self.tables_folder.mkdir(parents=True, exist_ok=True)
        self.clock = clock
        self.writer = SaveWriter()
        self._saved_status = WAITING
        self.code, self.password = self._credentials()
        #: The class goes on as the teacher left it (started or paused) after a restart.
        self.status = self._saved_status
        self.tables: dict[str, Table] = {}
        self._teams: dict[str, tuple[Table, str]] = {}
        self._numbers = 0
        self.restored = self._restore()
        self.notices: list[str] = []

    # ----- the class's code and password ------------------------------------------------

    def _credentials(self) -> tuple[str, str]:
        """The class code and teacher password, kept in the class folder (readable by the
        teacher's account only) so that a restarted server keeps them, and whether the
        teacher had started the class."""
        try:
            data = json.loads(self._class_file.read_text(encoding="utf-8"))
            code, password = data["code"], data["password"]
            if isinstance(code, str) and isinstance(password, str) and \
                    len(code) >= CODE_LENGTH and len(password) >= 12:
                if data.get("status") in (PLAYING, PAUSED):
                    self._saved_status = data["status"]
                return code, password
        except (OSError, ValueError, KeyError, TypeError):
            pass
        code, password = new_code(), new_password()
        self._write_class_file(code, password, WAITING)
        return code, password

    @property
    def _class_file(self) -> Path:
        return self.folder / "class.json"

    def _write_class_file(self, code: str, password: str, status: str) -> None:
        descriptor = os.open(self._class_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            json.dump({"code": code, "password": password, "status": status}, out)

    def _set_status(self, status: str) -> None:
        self.status = status
        try:
            self._write_class_file(self.code, self.password, status)
        except OSError as exc:  # the class goes on; a restart would wait for the teacher
            log.warning("class file not written: %s", exc)

    def code_matches(self, code: str) -> bool:
        return secrets.compare_digest(code.strip().upper().encode(), self.code.encode())

    def password_matches(self, password: str) -> bool:
        return secrets.compare_digest(password.encode(), self.password.encode())

    # ----- joining -----------------------------------------------------------------------

    def join(self, request: Join, send: Send) -> tuple[Table, Seat, Send | None]:
        """Seat a team (back at its own table if it has one) and send it the table.
        Returns the table, the seat and the device the team played from until now (to
        be disconnected), if any. Raises :class:`Refusal`."""
        if not self.code_matches(request.code):
            raise Refusal("That class code is not this class's: check it with your teacher.")
        team = clean_team_name(request.team)
        sides = self.scenario.side_ids
        wanted = None if request.side is None else self.scenario.side_named(request.side)
        if request.side is not None and wanted is None:
            raise Refusal(f"There is no side {request.side[:40]!r}: choose "
                          f"{' or '.join(sides)}, or leave it out for any side.")
        known = self._teams.get(team.casefold())
        if known is not None:
            table, side = known
            seat = table.seats[side]
            previous, seat.send, seat.sent = seat.send, send, 0
            if previous is not None:
                previous(Farewell(text="Your team joined again from another device; this "
                                       "one has left the table."))
            self._welcome(table, seat)
            return table, seat, previous
        if len(self.tables) >= MAX_TABLES:
            raise Refusal("This class has as many tables as it can hold; ask your teacher.")
        waiting = None if request.computer else self._open_table(wanted)
        if waiting is None:
            side = wanted or self._least_played()
            table = self._new_table(computer=request.computer)
        else:
            table = waiting
            side = next(s for s in sides if s not in table.seats)
        seat = table.seats[side] = Seat(team, side, send)
        self._teams[team.casefold()] = (table, side)
        if request.computer:
            table.session = Session.start(self.scenario, self.settings, VS_COMPUTER,
                                          human_side=side, teams={side: team})
        elif len(table.seats) == len(sides):
            table.session = Session.start(
                self.scenario, self.settings, HOTSEAT,
                teams={s: table.seats[s].team for s in sides})
        self._welcome(table, seat)
        if table.session is not None:
            game = table.session.game
            table.autosave = Autosave(self.tables_folder, game, set(table.session.humans))
            self._advance(table)
            self._broadcast(table)
        return table, seat, None

    def leave(self, seat: Seat, send: Send) -> None:
        """The device *send* went away (its team keeps its seat, to come back to)."""
        if seat.send is send:
            seat.send = None

    def _open_table(self, side: str | None) -> Table | None:
        for table in self.tables.values():
            if table.started or table.computer:
                continue
            if side is None or side not in table.seats:
                return table
        return None

    def _least_played(self) -> str:
        counts = {side: 0 for side in self.scenario.side_ids}
        for table in self.tables.values():
            for side in table.seats:
                counts[side] += 1
        return min(counts, key=lambda side: counts[side])

    def _new_table(self, computer: bool, number: int | None = None) -> Table:
        """A new table, numbered after the others (or *number*, a restored table's own,
        when no table has it yet)."""
        if number is None or str(number) in self.tables:
            number = self._numbers + 1
        self._numbers = max(self._numbers, number)
        table = Table(str(number), computer=computer)
        self.tables[table.id] = table
        return table

    # ----- playing -----------------------------------------------------------------------

    def move(self, table: Table, seat: Seat, data: dict[str, Any],
             number: int | None = None) -> None:
        """A team's move for its own side (*number*: the device's number for it, which the
        update it gets back names); raises :class:`Refusal` with the reason when it is not
        allowed now."""
        session = table.session
        if session is None:
            raise Refusal("The other team has not joined your table yet.")
        if self.status != PLAYING:
            raise Refusal(self._waiting_note())
        if session.game.to_move != seat.side:
            raise Refusal("It is not your turn: wait for the other side's move.")
        try:
            move = Move.from_json(data)
        except ValueError:
            raise Refusal("The server could not read that move.") from None
        if move.timed_out:
            raise Refusal("Only the server's clock runs out a team's time.")
        try:
            session.play(move)
        except IllegalMoveError as exc:
            raise Refusal(str(exc)) from None
        self._advance(table)
        self._broadcast(table, answering=(seat, number))

    def _advance(self, table: Table) -> None:
        """The computer's moves while it is to move, then the next turn's clock."""
        session = table.session
        assert session is not None
        if self.status != PLAYING:
            table.deadline = None
            return
        while session.computer_to_move:
            session.play_computer()
        seconds = self.settings.seconds_per_turn
        table.deadline = (self.clock() + seconds
                          if seconds and not session.game.finished else None)

    def tick(self) -> int:
        """Run out the time of every side whose turn's time is up; returns how many."""
        if self.status != PLAYING:
            return 0
        now, count = self.clock(), 0
        for table in self.tables.values():
            session = table.session
            if session is None or table.deadline is None or now < table.deadline:
                continue
            if not session.game.finished and session.is_human(session.game.to_move):
                session.time_out()
                count += 1
            self._advance(table)
            self._broadcast(table)
        return count

    # ----- the teacher ---------------------------------------------------------------------

    def start(self) -> None:
        """Start (or go on with) every table."""
        was = self.status
        if was == PLAYING:
            return  # already started: nothing changes
        self._set_status(PLAYING)
        self._notify("The teacher has started the class: play on." if was == PAUSED
                     else "The teacher has started the class.")
        for table in self.tables.values():
            if table.session is not None:
                self._advance(table)
                self._broadcast(table)

    def pause(self) -> None:
        """Pause every table: no move is taken, and no clock runs, until started again."""
        if self.status != PLAYING:
            return
        self._set_status(PAUSED)
        for table in self.tables.values():
            table.deadline = None
        self._notify(self._waiting_note())  # the tables' note says the same
        for table in self.tables.values():
            self._broadcast(table)

    def message(self, text: str) -> str:
        """Send the teacher's *text* to every table; returns it as sent. Raises
        :class:`Refusal` when it is empty or too long."""
        text = " ".join(plain(text).split())
        if not text:
            raise Refusal("Write a message first.")
        if len(text) > MESSAGE_MAX:
            raise Refusal(f"A message is at most {MESSAGE_MAX} characters.")
        self._notify(f"From your teacher: {text}")
        return text

    def _notify(self, text: str) -> None:
        self.notices.append(text)
        del self.notices[:-20]
        for table in self.tables.values():
            for seat in table.seats.values():
                if seat.send is not None:
                    seat.send(Notice(text=text))

    def overview(self) -> dict[str, Any]:
        """Every table as the teacher's page shows it: plain JSON data."""
        tables = []
        for table in self.tables.values():
            tables.append(self._table_overview(table))
        return {"status": self.status, "scenario": self.scenario.title, "tables": tables,
                "notices": list(self.notices), "rules": self.rules()}

    def rules(self) -> str:
        """The rules of the day every table plays by, in a line (no device can change
        them)."""
        settings = self.settings
        seconds = settings.seconds_per_turn
        return "; ".join([
            rounds_text(self.scenario, settings.rounds).split(". ")[0].rstrip("."),
            f"difficulty {settings.difficulty}",
            f"{seconds} seconds a move" if seconds else "no time limit",
            "no moves taken back",
            "the debrief reveals the other side's priorities" if settings.reveal_priorities
            else "the debrief keeps the other side's priorities hidden"]) + "."

    def _table_overview(self, table: Table) -> dict[str, Any]:
        scenario = self.scenario
        teams = {side: {"team": seat.team, "side": scenario.sides[side].name,
                        "connected": seat.send is not None}
                 for side, seat in table.seats.items()}
        data: dict[str, Any] = {"id": table.id, "teams": teams, "computer": table.computer,
                                "started": table.started, "finished": table.finished,
                                "round": "", "meters": [], "last_move": "", "outcome": "",
                                "to_move": ""}
        session = table.session
        if session is None:
            data["round"] = "waiting for a team to play the other side"
            return data
        game = session.game
        state = game.state
        data["round"] = round_label(scenario, self.settings.rounds, state.round)
        data["meters"] = [{"name": m.name, "value": state.meters[m.id]}
                          for m in scenario.meters]
        data["to_move"] = scenario.sides[state.to_move].name if state.to_move else ""
        for entry in reversed(game.log):
            if entry.kind == "move" and entry.move is not None and entry.speaker:
                data["last_move"] = (f"{scenario.sides[entry.speaker].short}: "
                                     f"{move_label(scenario, entry.move)}")
                break
        if state.outcome is not None:
            ended = scenario.outcome(state.outcome)
            data["outcome"] = ended.name if ended else state.outcome
        data["teams_recorded"] = dict(game.teams)
        if game.finished:
            if table.results is None:
                # Each side's result as its debrief and the class report state it.
                table.results = [
                    {"side": r.name, "team": game.teams.get(side, ""), "points": r.points,
                     "fallback": r.batna_points, "mark": r.mark,
                     "people": side in session.humans}
                    for side, r in debrief(game).results.items()]
            data["results"] = table.results
        return data

    # ----- sending -------------------------------------------------------------------------

    def _waiting_note(self) -> str:
        if self.status == PAUSED:
            return "The teacher has paused the class: wait until it starts again."
        return "The class has not started yet: wait for your teacher to start it."

    def _welcome(self, table: Table, seat: Seat) -> None:
        if seat.send is None:
            return
        seat.send(Welcome(table=table.id, side=seat.side, team=seat.team,
                          scenario=side_scenario(self.scenario, seat.side),
                          settings=self.settings.to_json()))
        self._update(table, seat)

    def _broadcast(self, table: Table, answering: tuple[Seat, int | None] | None = None
                   ) -> None:
        """Send every seat the table as it is now; *answering*: the seat whose move it
        answers, and the number of that move."""
        self._save(table)
        for seat in table.seats.values():
            self._update(table, seat,
                         answering[1] if answering and answering[0] is seat else None)

    def _save(self, table: Table) -> None:
        """Save the table's game if it changed: the table's file is claimed at once, and the
        save is written by the writer thread, so that the disk never holds up the class's
        moves."""
        session, autosave = table.session, table.autosave
        if session is None or autosave is None:
            return
        game = session.game
        if len(game.moves) == table.saved_moves:
            return
        # Saved from the moment both seats are taken, before any move: a restarted server
        # gives the teams back the table they sat at, under its number.
        table.saved_moves = len(game.moves)
        try:
            if not table.claimed:
                # Two tables started in the same second never share a file (see claim).
                path = claim(autosave.path.with_name(
                    f"{TABLE_PREFIX}{table.id}-{autosave.path.name}"))
                autosave = table.autosave = Autosave(path.parent, game, set(session.humans),
                                                     started=autosave.started, path=path)
                table.claimed = True
            self.writer.put(autosave.path, to_save(game, set(session.humans),
                                                   autosave.started))
        except (OSError, SaveError) as exc:
            log.warning("table %s not saved: %s", table.id, exc)

    def flush(self) -> None:
        """Wait until every table's latest save is on disk (before stopping)."""
        self.writer.flush()

    def _update(self, table: Table, seat: Seat, answers: int | None = None) -> None:
        if seat.send is None:
            return
        session = table.session
        if session is None:
            sides = self.scenario.sides
            own, other = sides[seat.side], sides[self.scenario.other(seat.side)]
            seat.send(Update(status=WAITING, teams={seat.side: seat.team},
                             note=f"Waiting for a team to join your table and play "
                                  f"{other.called}. (A team that asks for {own.called} too "
                                  f"waits at a table of its own.)"))
            return
        game = session.game
        record = side_record(game, seat.side)
        start = min(seat.sent, len(record))
        status = "finished" if game.finished else self.status
        note = "" if status in (PLAYING, "finished") else self._waiting_note()
        mine = status == PLAYING and game.to_move == seat.side
        left = None
        if mine and table.deadline is not None:
            left = max(0.0, table.deadline - self.clock())
        seat.send(Update(status=status, note=note, teams=dict(game.teams),
                         humans=list(session.humans), start=start,
                         entries=[entry.to_json() for entry in record[start:]],
                         state=state_json(game.state),
                         choices=[choice_json(c) for c in game.choices(seat.side)]
                         if mine else [],
                         fallback=game.fallback(seat.side), seconds_left=left,
                         answers=answers))
        seat.sent = len(record)
        if game.finished:
            save = to_save(game, set(session.humans))
            seat.send(Final(save=save.model_dump(mode="json"),
                            scenario=json.dumps(self.scenario.model_dump(
                                mode="json", by_alias=True))))

    # ----- a restarted server ----------------------------------------------------------------

    def _restore(self) -> int:
        """Every table saved in the class folder, back as it was; returns how many."""
        count = 0
        def numbered_first(path: Path) -> tuple[bool, int, str]:
            number = _table_number(path)
            return number is None, number or 0, path.name

        for path in sorted(self.tables_folder.glob("*.json"), key=numbered_first):
            try:
                save = read_save(path)
                restored = restore(save, self.scenario)
            except (SaveError, ParleyError) as exc:
                log.warning("table not restored from %s: %s", path, exc)
                continue
            session = Session.resume(restored, path, save=False)
            table = self._new_table(computer=len(session.humans) == 1,
                                    number=_table_number(path))
            table.session = session
            # A game replayed on a changed scenario goes on in a new file (as Session
            # .resume does), so the old save keeps the game as it was played.
            new_file = restored.lost or restored.changed
            table.autosave = Autosave(path.parent, session.game, set(session.humans),
                                      started=restored.started,
                                      path=None if new_file else path)
            table.saved_moves = -1 if new_file else len(session.game.moves)
            table.claimed = not new_file
            for side in session.humans:
                team = session.team(side)
                table.seats[side] = Seat(team, side)
                known = self._teams.get(team.casefold())
                if known is None or known[0].finished:
                    self._teams[team.casefold()] = (table, side)
            count += 1
        return count


def _table_number(path: Path) -> int | None:
    """The table's number in the name of its save (``table-3-...json``), if it has one."""
    found = re.match(rf"{TABLE_PREFIX}([0-9]{{1,6}})-", path.name)
    return int(found.group(1)) if found else None


def refusal(text: str) -> Refused:
    return Refused(text=text)
