"""A class day on one machine (the loopback address), as a teacher would run it, with faults.

The class server runs as ``python main.py host`` in a process of its own. Four tables play
whole games: two tables of two terminal clients (``python main.py join ... --text``, each a
process driven through its standard input and output), one table of two game windows (each
a process with the real window under SDL's dummy video driver, driven by posted key
presses) and one team against the computer (a terminal client). The teacher's page is open
in headless Chromium (Playwright) where both are installed, and otherwise read over HTTP
with the teacher's cookie; it starts the class and shows the tables live.

Faults: one terminal client is killed (SIGKILL) just after typing its second move and
started again; once every table has reached its third round the server is killed
(SIGKILL) and started again on the same class folder. Every game must still finish, each
with the very record it would have had without the faults: every player follows one rule
that depends only on the table as it stands (:func:`decide`), so the record is checked
against the same game played again in this process, with no network and no fault, from
the seed the server chose. At the end the class report and every transcript are
downloaded from the page and checked against the saves.

Prints the wall time, the time from a move typed to the table's answer shown (50th and
99th percentiles, and the slowest, which may span the server's restart), the games
finished and the checks. Bounded: the whole run must end within ``LIMIT`` seconds.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
import zipfile
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

from game.analysis import to_ids
from game.engine import Game
from game.library import DEFAULT_SCENARIO
from game.model import Scenario
from game.moves import Move
from game.play.session import Session
from game.save import read_save, restore
from game.scenario import load_scenario
from game.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
#: Seconds a player waits before each move (the games must last long enough for faults).
PACE = float(os.environ.get("PARLEY_CLASSDAY_PACE", "0.3"))
#: The whole run must end within this many seconds.
LIMIT = 300.0
#: Every team waits before its first move of this round until the server has been killed
#: and started again (a file tells the devices), so that every table is mid-game then,
#: however fast or slow the machine.
HOLD_ROUND = 3

# ----- how every player plays: one rule, for the drivers and for the check ------------------

#: The round at which Russia proposes, and the United States accepts, at the "deal" table.
DEAL_ROUND = 6
#: Russia's package there, as the option numbers typed in the terminal (issue by issue).
DEAL_PACKAGE = (4, 2, 2, 3, 2, 2)
#: From this round on the team against the computer accepts a proposal it is offered.
COMPUTER_ACCEPT_ROUND = 6


@dataclass(frozen=True)
class Turn:
    """What a player's rule looks at: the round, whether the side was asked a question,
    and whether a proposal on the table may be accepted now."""

    round: int
    asked: bool
    can_accept: bool


def decide(plan: str, side: str, turn: Turn) -> str:
    """The move a player of *plan* makes for *side* at *turn*: ``pass``, ``deflect``,
    ``accept`` or ``propose`` (:data:`DEAL_PACKAGE`). Plans: ``deal`` (Russia proposes at
    :data:`DEAL_ROUND`, the United States accepts), ``talk`` (pass to the end), and
    ``computer`` (accept from :data:`COMPUTER_ACCEPT_ROUND`)."""
    if turn.asked:
        return "deflect"
    if plan == "deal":
        if side == "ru" and turn.round == DEAL_ROUND:
            return "propose"
        if side == "us" and turn.round >= DEAL_ROUND and turn.can_accept:
            return "accept"
    if plan == "computer" and turn.round >= COMPUTER_ACCEPT_ROUND and turn.can_accept:
        return "accept"
    return "pass"


def reference_game(scenario: Scenario, settings: Settings, seed: int, teams: dict[str, str],
                   humans: list[str], plan: str) -> Game:
    """The game the players' rule gives from *seed* with no network and no fault."""
    game = Game(scenario, settings, seed=seed, teams=teams)
    session = Session(game, humans)
    for _ in range(500):
        game = session.game
        if game.finished:
            return game
        side = game.to_move
        assert side is not None
        if session.computer_to_move:
            session.play_computer()
            continue
        state = game.state
        can_accept = any(c.move.kind == "accept" and c.why_not is None
                         for c in game.choices(side))
        action = decide(plan, side, Turn(state.round, state.asked == side, can_accept))
        move = {"pass": Move.wait, "deflect": Move.deflect, "accept": Move.accept}.get(action)
        session.play(move() if move is not None else Move.propose(
            to_ids(scenario, tuple(n - 1 for n in DEAL_PACKAGE))))
    raise AssertionError("the reference game did not end")


# ----- the class server, in a process of its own ----------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment(folder: Path, name: str) -> dict[str, str]:
    """A device's environment: its own saves, settings and logs; no real window or sound."""
    env = dict(os.environ, PYTHONUNBUFFERED="1", SDL_VIDEODRIVER="dummy",
               SDL_AUDIODRIVER="dummy", PYGAME_HIDE_SUPPORT_PROMPT="1",
               PARLEY_SAVES=str(folder / name / "saves"),
               PARLEY_CONFIG=str(folder / name / "config"),
               PARLEY_LOGS=str(folder / name / "logs"))
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


class Host:
    """``python main.py host`` on the loopback address; :meth:`kill` is SIGKILL."""

    def __init__(self, folder: Path, port: int) -> None:
        self.folder, self.port = folder, port
        self.process: subprocess.Popen[str] | None = None
        self.code = self.password = ""
        self.restored = 0

    def start(self, timeout: float = 60) -> Host:
        log = open(self.folder / "host.log", "a", encoding="utf-8")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "main.py", "host", "--port", str(self.port), "--bind",
             "127.0.0.1", "--class-dir", str(self.folder / "class")],
            cwd=ROOT, env=environment(self.folder, "host"), stdout=subprocess.PIPE,
            stderr=log, text=True)
        log.close()
        assert self.process.stdout is not None
        deadline = time.monotonic() + timeout
        said = []
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("the class server stopped: " + "".join(said))
            said.append(line)
            if found := re.search(r"Class code:\s+(\S+)", line):
                self.code = found.group(1)
            if found := re.search(r"Teacher password:\s+(\S+)", line):
                self.password = found.group(1)
            if found := re.search(r"(\d+) table\(s\) restored", line):
                self.restored = int(found.group(1))
            if line.startswith("Press Ctrl-C"):
                return self
        raise RuntimeError("the class server did not start in time")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        assert self.process is not None
        self.process.kill()
        self.process.wait(10)
        self._close()

    def _close(self) -> None:
        if self.process is not None and self.process.stdout is not None:
            self.process.stdout.close()

    def stop(self) -> None:
        """Stop as a teacher does (Ctrl-C): every table's latest save is written."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self._close()


class Teacher:
    """The teacher's page over plain HTTP, with its cookie (when no browser runs it)."""

    def __init__(self, url: str, password: str) -> None:
        self.url = url
        self.http = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        body = urllib.parse.urlencode({"password": password}).encode()
        self.http.open(f"{url}/teacher/login", body, timeout=10).read()

    def get(self, path: str) -> bytes:
        with self.http.open(self.url + path, timeout=30) as answer:
            return bytes(answer.read())

    def post(self, path: str) -> Any:
        request = urllib.request.Request(self.url + path, b"", method="POST",
                                         headers={"X-Parley": "teacher"})
        with self.http.open(request, timeout=10) as answer:
            return json.loads(answer.read())

    def state(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.get("/teacher/api/state"))
        return data


# ----- the players' devices ---------------------------------------------------------------------

@dataclass
class Device:
    """One team's device: its process, what it printed, its answers' times and progress."""

    team: str
    plan: str
    side: str | None
    argv: list[str]
    env: dict[str, str]
    #: Kill (SIGKILL) and start the device again just after this many moves typed.
    kill_after: int | None = None
    #: Seconds the team thinks before each move.
    pace: float = 0.3
    answers: list[float] = field(default_factory=list)
    round: int = 0
    moves: int = 0
    restarts: int = 0
    holding: bool = False
    """Whether the team waits at :data:`HOLD_ROUND` for the server's restart."""
    finished: bool = False
    failure: str = ""
    output: str = ""
    process: subprocess.Popen[bytes] | None = None
    reader: threading.Thread | None = None
    _chunks: list[tuple[float, str]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def close(self) -> None:
        """End the process if it still runs, and let go of its pipes."""
        process = self.process
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        process.wait(10)
        if self.reader is not None:
            self.reader.join(5)
        for pipe in (process.stdin, process.stdout):
            if pipe is not None:
                try:
                    pipe.close()
                except OSError:
                    pass

    def spawn(self) -> None:
        self.process = subprocess.Popen(self.argv, cwd=ROOT, env=self.env,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT)
        process = self.process
        with self._lock:
            self._chunks = []

        def read() -> None:
            assert process.stdout is not None
            while True:
                data = os.read(process.stdout.fileno(), 65536)
                if not data:
                    return
                with self._lock:
                    if process is self.process:
                        self._chunks.append((time.monotonic(),
                                             data.decode("utf-8", "replace")))
        self.reader = threading.Thread(target=read, daemon=True)
        self.reader.start()

    def ended(self) -> bool:
        """Whether the process has ended and all it printed has been read."""
        assert self.process is not None and self.reader is not None
        if self.process.poll() is None:
            return False
        self.reader.join(5)
        return True

    def text(self) -> str:
        with self._lock:
            return "".join(chunk for _, chunk in self._chunks)

    def first_output_after(self, start: float, size: int, limit: float) -> float | None:
        """When output beyond *size* characters came after *start* (None: not by *limit*)."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            with self._lock:
                seen = 0
                for at, chunk in self._chunks:
                    seen += len(chunk)
                    if seen > size and at >= start:
                        return at
            time.sleep(0.005)
        return None

    def write(self, line: str) -> None:
        assert self.process is not None and self.process.stdin is not None
        try:
            self.process.stdin.write(line.encode())
            self.process.stdin.flush()
        except (BrokenPipeError, OSError):
            pass  # the device has just ended: its output says why

    def kill_and_restart(self) -> None:
        assert self.process is not None
        self.output += self.text()
        self.close()
        self.restarts += 1
        time.sleep(0.5)
        self.spawn()


PROMPTS = ("Press Enter to take your seat at the table. ",
           "Your move (number or letter, ? for help): ",
           "Your answer (number, d or n): ", "Propose it? [Y/n] ",
           "Accept it anyway? Type y to confirm: ", "Accept it? Type y to confirm: ")


def hold(device: Device, release: Path, deadline: float) -> None:
    """Wait, at :data:`HOLD_ROUND`, until *release* exists (the server was restarted)."""
    if device.round < HOLD_ROUND or release.exists():
        return
    device.holding = True
    while not release.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    device.holding = False


def play_terminal(device: Device, scenario: Scenario, deadline: float,
                  release: Path) -> None:
    """Drive a terminal client: answer each prompt by the players' rule; the device is
    killed and started again once, if asked, just after a move typed."""
    names = {side: scenario.sides[side].name.upper() for side in scenario.side_ids}
    device.spawn()
    answered = 0  # characters of output already answered
    side = device.side
    try:
        while time.monotonic() < deadline:
            assert device.process is not None
            if device.ended():
                text = device.text()
                device.output += text
                device.finished = device.process.returncode == 0 and \
                    "THE TALKS ARE OVER" in text
                if not device.finished:
                    device.failure = f"exit {device.process.returncode}: {text[-1500:]}"
                return
            text = device.text()
            tail = text[answered:]
            prompt = next((p for p in PROMPTS if tail.endswith(p)), None)
            if prompt is None and re.search(r"Option for [^\n]*: $", tail):
                prompt = "option"
            if prompt is None:
                time.sleep(0.01)
                continue
            if side is None:
                side = next((s for s, name in names.items()
                             if f"CONFIDENTIAL BRIEF: {name}" in text), None)
            answered = len(text)
            if prompt.startswith("Press Enter"):
                device.write("\n")
                continue
            if prompt == "option":
                device.write(" ".join(str(n) for n in DEAL_PACKAGE) + "\n")
                continue
            if prompt.startswith(("Propose it", "Accept it")):
                line = "y\n"  # the rule chose the move: it is confirmed
            else:
                asked = prompt.startswith("Your answer")
                header = [ln for ln in text.splitlines() if " TO MOVE - " in ln]
                rounds = re.findall(r"ROUND (\d+) OF \d+", header[-1]) if header else []
                device.round = int(rounds[-1]) if rounds else device.round
                menu = " ".join(text[text.rfind(" TO MOVE - "):].split())
                turn = Turn(device.round, asked, "Accept the proposal on the table" in menu)
                action = decide(device.plan, side or "", turn)
                hold(device, release, deadline)
                if action == "propose":
                    time.sleep(device.pace)
                    device.write("1\n")
                    continue
                line = {"pass": "p\n", "deflect": "d\n", "accept": "2\n"}[action]
            time.sleep(device.pace)
            start = time.monotonic()
            device.write(line)
            device.moves += 1
            if device.kill_after is not None and device.moves == device.kill_after and \
                    not device.restarts:
                device.kill_and_restart()
                answered = 0
                continue
            answer = device.first_output_after(start, answered, 60)
            if answer is not None:
                device.answers.append(answer - start)
        device.failure = "the game did not end in time"
    except Exception as exc:  # noqa: BLE001 - said in the figures, never a hung run
        device.failure = f"{type(exc).__name__}: {exc}"


def play_window(device: Device, deadline: float) -> None:
    """Follow a window device (it plays by itself, see :func:`window_main`): its lines say
    its rounds, its answers' times and its end."""
    device.spawn()
    assert device.process is not None
    try:
        while time.monotonic() < deadline and not device.ended():
            time.sleep(0.05)
            for line in device.text().splitlines():
                if line.startswith("ROUND "):
                    device.round = max(device.round, int(line.split()[1]))
                device.holding = line == "HOLDING" or (device.holding and line != "GOING ON")
        late = device.process.poll() is None
        if late:
            device.process.kill()
        device.ended()
        text = device.output = device.text()
        if late:  # with where it stood, to tell a slow machine from a stuck window
            device.failure = f"the game did not end in time; it said last: {text[-600:]!r}"
        device.answers = [float(line.split()[1]) for line in text.splitlines()
                          if line.startswith("ANSWER ")]
        device.moves = len(device.answers)
        device.finished = device.process.wait(10) == 0 and "DONE finished" in text
        if not device.finished and not device.failure:
            device.failure = text[-1500:]
    except Exception as exc:  # noqa: BLE001
        device.failure = f"{type(exc).__name__}: {exc}"


def window_main(address: str, code: str, team: str, side: str, plan: str) -> int:
    """A team at the game's window (SDL's dummy video driver), playing by :func:`decide`
    with key presses posted to the window, as a player's keyboard would send them."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    import pygame

    from game.net.client import RemoteTable
    from game.ui.app import App
    from game.ui.briefing import BriefingScreen
    from game.ui.join import JoinScreen
    from game.ui.navigation import JoinClass, Title
    from game.ui.question import QuestionScreen
    from game.ui.table import TableScreen

    def post(key: int) -> None:
        for kind in (pygame.KEYDOWN, pygame.KEYUP):
            pygame.event.post(pygame.event.Event(kind, key=key, mod=0, unicode="",
                                                 scancode=0))

    app = App(size=(1280, 720), seed=1)
    app.prefs.pace = "fast"
    app.reset(Title())
    app.push(JoinClass(address, code, team, side, False))
    keys = {"pass": pygame.K_4, "accept": pygame.K_2, "deflect": pygame.K_d}
    release = Path(os.environ["PARLEY_CLASSDAY_RELEASE"])
    said_round = 0
    holding = False
    end = time.monotonic() + LIMIT
    while time.monotonic() < end:
        top = app.top
        if isinstance(top, JoinScreen) and "Not seated" in top.status:
            print(f"FAILED {top.status}", flush=True)
            return 1
        if isinstance(top, BriefingScreen):
            post(pygame.K_RETURN)
        table = next((s for s in app.stack if isinstance(s, TableScreen)), None)
        remote = table.session if table is not None else None
        if table is not None and isinstance(remote, RemoteTable) and remote.seated:
            game = remote.remote
            if game.state is not None and game.state.round != said_round:
                said_round = game.state.round
                print(f"ROUND {said_round}", flush=True)
            if remote.gone is not None:
                print(f"FAILED {remote.gone}", flush=True)
                return 1
            if game.finished and not table.pending:
                print(f"DONE finished {game.state.outcome if game.state else ''}", flush=True)
                remote.close()
                return 0
            asked = isinstance(top, QuestionScreen)
            if table.pending and not asked:
                post(pygame.K_SPACE)
            elif asked or (top is table and table.my_turn):
                state = game.state
                assert state is not None
                can_accept = any(c.move.kind == "accept" and c.why_not is None
                                 for c in remote.choices())
                action = decide(plan, side, Turn(state.round, asked, can_accept))
                if state.round >= HOLD_ROUND and not release.exists():
                    if not holding:
                        print("HOLDING", flush=True)  # until the server's restart
                        holding = True
                    app.step(0.05)
                    time.sleep(0.05)
                    continue
                if holding:
                    print("GOING ON", flush=True)
                    holding = False
                time.sleep(PACE)
                before = len(game.log)
                start = time.monotonic()
                post(keys[action])
                app.step(0.05)  # the move is sent and its answer awaited in this frame
                if len(remote.remote.log) != before:
                    print(f"ANSWER {time.monotonic() - start:.4f}", flush=True)
                continue
        app.step(0.05)
        time.sleep(0.01)
    print("FAILED the game did not end in time", flush=True)
    return 1


# ----- the teacher's page in Chromium ------------------------------------------------------------

def chromium() -> str | None:
    """Chromium's program, when it and Playwright are both installed."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return None
    return os.environ.get("PARLEY_CHROMIUM") or shutil.which("chromium") or \
        shutil.which("chromium-browser")


class Page:
    """The teacher's page in headless Chromium."""

    def __init__(self, program: str, url: str, password: str, downloads: Path) -> None:
        from playwright.sync_api import sync_playwright
        self.downloads = downloads
        self._driver = sync_playwright().start()
        self._browser = self._driver.chromium.launch(executable_path=program,
                                                     args=["--no-sandbox"])
        self.page = self._browser.new_page(viewport={"width": 1200, "height": 900})
        self.page.goto(f"{url}/teacher")
        self.page.fill("#password", password)
        self.page.click("#login")
        self.page.wait_for_selector("#start")

    def tables(self) -> str:
        return self.page.inner_text("#tables")

    def lost_shown(self) -> bool:
        return self.page.is_visible("#lost")

    def download(self, selector: str) -> bytes:
        with self.page.expect_download(timeout=30_000) as download:
            self.page.click(selector)
        return Path(download.value.path()).read_bytes()

    def close(self) -> None:
        self._browser.close()
        self._driver.stop()


# ----- the class day ------------------------------------------------------------------------------

#: Each table: its plan, its devices (team, kind, side), in the order they join.
TABLES = [
    ("deal", [("North US", "terminal", "us"), ("North RU", "terminal", "ru")]),
    ("talk", [("South US", "terminal", "us"), ("South RU", "terminal", "ru")]),
    ("talk", [("East US", "window", "us"), ("East RU", "window", "ru")]),
    ("computer", [("West", "terminal", "us")]),
]
#: The terminal device killed (SIGKILL) and started again after its second move.
KILLED_CLIENT = "North US"


def _device(folder: Path, address: str, code: str, team: str, kind: str, side: str,
            plan: str) -> Device:
    env = environment(folder, team.replace(" ", "_"))
    if kind == "window":
        argv = [sys.executable, "-m", "benchmarks.bench_classday", "window", address, code,
                team, side, plan]
    else:
        argv = [sys.executable, "main.py", "join", address, "--code", code, "--team", team,
                "--side", side, "--text"] + (["--computer"] if plan == "computer" else [])
    # The computer answers at once: its opponent thinks longer, so that its game is still
    # on when the server is killed.
    return Device(team, plan, side, argv, env,
                  kill_after=2 if team == KILLED_CLIENT else None,
                  pace=PACE * (3 if plan == "computer" else 1))


def _seated(teacher: Teacher, count: int) -> bool:
    seats = [team for table in teacher.state()["tables"] for team in table["teams"].values()
             if team["connected"]]
    return len(seats) >= count


def main(pace: float = PACE, browser: bool = True) -> dict[str, Any]:
    """Run the class day; returns its figures and what was checked (raises on a failure)."""
    global PACE
    PACE = pace
    os.environ["PARLEY_CLASSDAY_PACE"] = str(pace)  # for the window devices
    scenario = load_scenario(DEFAULT_SCENARIO)
    program = chromium() if browser else None
    started = time.monotonic()
    deadline = started + LIMIT
    figures: dict[str, Any] = {"browser": program is not None}
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        release = folder / "restarted"
        os.environ["PARLEY_CLASSDAY_RELEASE"] = str(release)  # for the window devices
        host = Host(folder, free_port()).start()
        address = f"127.0.0.1:{host.port}"
        teacher = Teacher(host.url, host.password)
        page = Page(program, host.url, host.password, folder) if program else None
        devices: list[Device] = []
        tables: list[list[Device]] = []
        threads: list[threading.Thread] = []
        try:
            # The teams join table by table, so that each pair shares a table.
            for plan, seats in TABLES:
                tables.append([])
                for team, kind, side in seats:
                    device = _device(folder, address, host.code, team, kind, side, plan)
                    devices.append(device)
                    tables[-1].append(device)
                    target = (lambda d=device: play_window(d, deadline)) if kind == "window" \
                        else (lambda d=device: play_terminal(d, scenario, deadline, release))
                    thread = threading.Thread(target=target, daemon=True)
                    threads.append(thread)
                    thread.start()
                count = len(devices)
                while not _seated(teacher, count):
                    if time.monotonic() > deadline or any(d.failure for d in devices):
                        raise AssertionError("a team was not seated: " + "; ".join(
                            f"{d.team}: {d.failure or d.text()[-500:]}" for d in devices))
                    time.sleep(0.1)
            if page is not None:
                # Every team on the page before the teacher starts the class.
                page.page.wait_for_selector(f"#table-{len(TABLES)}", timeout=20_000)
                for _ in range(100):
                    if all(d.team in page.tables() for d in devices):
                        break
                    time.sleep(0.1)
                assert all(d.team in page.tables() for d in devices), page.tables()
                page.page.click("#start")
                page.page.wait_for_selector("#status:text-is('playing')")
            else:
                teacher.post("/teacher/api/start")

            # Watch the tables live; kill the server once every table is in its third round.
            # What the page (or, with no browser, the page's data) showed of each table.
            seen: dict[str, set[str]] = {}
            server_killed = lost_shown = False
            while any(t.is_alive() for t in threads) and time.monotonic() < deadline:
                for table in teacher.state()["tables"]:
                    shown = page.page.inner_text(f"#table-{table['id']}") \
                        if page is not None else table["round"] + table["last_move"]
                    seen.setdefault(table["id"], set()).add(shown)
                if not server_killed and all(any(d.holding for d in table)
                                             for table in tables):
                    figures["rounds_when_the_server_was_killed"] = [d.round for d in devices]
                    host.kill()
                    server_killed = True
                    killed_at = time.monotonic()
                    time.sleep(1.5)
                    if page is not None:
                        lost_shown = page.lost_shown()
                    host.start()
                    figures["server_down_s"] = time.monotonic() - killed_at
                    assert host.restored == 4, host.restored
                    release.touch()
                time.sleep(0.5)
            for thread in threads:
                thread.join(max(1.0, deadline - time.monotonic()))
            failures = [f"{d.team}: {d.failure}" for d in devices if not d.finished]
            assert not failures, "\n".join(failures)
            assert server_killed, "the server was never killed"
            killed = next(d for d in devices if d.team == KILLED_CLIENT)
            assert killed.restarts == 1, "the client was not killed"
            # Live: the page showed every table change several times as it played.
            figures["views_of_each_table"] = {k: len(v) for k, v in seen.items()}
            assert len(seen) == 4 and all(len(v) >= 3 for v in seen.values()), seen

            # The report and every transcript, from the page.
            if page is not None:
                from playwright.sync_api import expect
                expect(page.page.locator(".outcome")).to_have_count(4, timeout=30_000)
                assert lost_shown, "the page did not say it lost the server"
                assert not page.lost_shown()
                report = page.download("#csv")
                report_page = page.download("#html")
                archive = page.download("#zip")
            else:
                report = teacher.get("/teacher/report.csv")
                report_page = teacher.get("/teacher/report.html")
                archive = teacher.get("/teacher/transcripts.zip")
            figures.update(check_records(folder / "class" / "tables", scenario, devices))
            figures.update(check_downloads(report, report_page, archive, folder / "class"
                                           / "tables", devices))
        finally:
            if page is not None:
                page.close()
            for device in devices:
                device.close()
            host.stop()
    answers = sorted(a for d in devices for a in d.answers)
    figures.update({
        "classday_wall_s": time.monotonic() - started,
        "classday_answers": len(answers),
        "classday_answer_p50_ms": statistics.median(answers) * 1000,
        "classday_answer_p99_ms": answers[min(len(answers) - 1,
                                              int(len(answers) * 0.99))] * 1000,
        "classday_answer_max_ms": answers[-1] * 1000,
    })
    return figures


def check_records(tables: Path, scenario: Scenario, devices: list[Device]) -> dict[str, Any]:
    """Every table's save: finished, and the very game the players' rule gives from its seed
    with no network and no fault (its moves, the computer's reasons, its whole record)."""
    plans = {d.team: d.plan for d in devices}
    saves = sorted(tables.glob("*.json"))
    assert len(saves) == 4, saves
    moves = 0
    outcomes = []
    for path in saves:
        save = read_save(path)
        assert save.finished, path
        game = restore(save, scenario).game
        plan = next(plans[team] for team in save.teams.values() if team in plans)
        reference = reference_game(scenario, Settings.from_json(save.settings), save.seed,
                                   dict(save.teams), list(save.humans), plan)
        assert game.moves == reference.moves, path.name
        assert [e.to_json() for e in game.log] == [e.to_json() for e in reference.log]
        moves += len(game.moves)
        outcomes.append(game.state.outcome)
    return {"classday_games_finished": len(saves), "classday_moves_checked": moves,
            "outcomes": outcomes}


def check_downloads(report: bytes, report_page: bytes, archive: bytes, tables: Path,
                    devices: list[Device]) -> dict[str, Any]:
    """The class report has one finished row for each side of every table, with its team;
    the transcripts are one Markdown and one HTML file for each table, of its game."""
    rows = list(csv.DictReader(io.StringIO(report.decode("utf-8"))))
    assert len(rows) == 8, rows
    assert all(row["outcome"] != "Unfinished" for row in rows), rows
    teams = {row["team"] for row in rows}
    assert {d.team for d in devices} <= teams, teams
    assert b"Class report" in report_page
    with zipfile.ZipFile(io.BytesIO(archive)) as files:
        names = files.namelist()
        assert len(names) == 8 and len([n for n in names if n.endswith(".md")]) == 4, names
        texts = [files.read(n).decode("utf-8") for n in names if n.endswith(".md")]
    for path in tables.glob("*.json"):
        save = read_save(path)
        text = next(t for t in texts if f"**Seed:** {save.seed}" in t)
        assert all(team in text for team in save.teams.values())
    return {"classday_report_rows": len(rows), "classday_transcripts": len(names)}


if __name__ == "__main__":
    if sys.argv[1:2] == ["window"]:
        sys.exit(window_main(*sys.argv[2:7]))
    result = main()
    for key, value in result.items():
        if key.startswith("classday_") and isinstance(value, (int, float)):
            unit = "ms" if key.endswith("_ms") else "s" if key.endswith("_s") else "count"
            print(f"BENCH {key} {value:.1f} {unit}")
        else:
            print(f"# {key}: {value}")
