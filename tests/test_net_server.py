"""The class server over the loopback network: whole games between devices, what each
device receives, the terminal client, the teacher's page, limits and faults."""

from __future__ import annotations

import asyncio
import io
import json
import os
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from game.moves import Move
from game.net.client import run_join, server_url
from game.net.messages import Join, entry_from_json
from game.save import read_save
from tests.net_helpers import RunningServer, running, scenario, scripted_team


def _start(server: RunningServer) -> None:
    server.call(server.classroom.start)


def _secrets_of(side: str) -> list[str]:
    spec = scenario().sides[side]
    return [spec.brief, spec.batna.description, *spec.priorities,
            *(r.text for r in spec.red_lines), *(c.why for c in spec.combinations)]


def _strings(data: Any) -> list[str]:
    """Every string in a parsed message, keys and values, at any depth."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for k, v in data.items() for s in [k, *_strings(v)]]
    if isinstance(data, list):
        return [s for item in data for s in _strings(item)]
    return []


def _said_aloud(data: Any, side: str, tactics: set[str]) -> bool:
    """Whether a parsed message holds, at any depth, the record entry of *side* using one
    of *tactics*."""
    if isinstance(data, dict):
        if data.get("speaker") == side and data.get("ref") in tactics and \
                data.get("kind") == "move":
            return True
        return any(_said_aloud(v, side, tactics) for v in data.values())
    if isinstance(data, list):
        return any(_said_aloud(item, side, tactics) for item in data)
    return False


def _check_nothing_private(raw: list[str], me: str) -> int:
    """Every message a device of side *me* received before the game ended holds none of
    the other side's private data; returns how many messages were checked. Its red lines
    are no longer private once it has said them aloud (a 'red_line' tactic) itself."""
    other = scenario().other(me)
    secrets = _secrets_of(other)
    aloud = {t.id for t in scenario().tactics if t.kind == "red_line"}
    checked = 0
    for text in raw:
        message = json.loads(text)
        if message["type"] == "final":
            break  # the game is over: the debrief shows both sides
        checked += 1
        if _said_aloud(message, other, aloud):
            said = {r.text for r in scenario().sides[other].red_lines}
            secrets = [secret for secret in secrets if secret not in said]
        strings = "\n".join(_strings(message))
        for secret in secrets:
            assert secret not in strings, (message["type"], secret[:40])
        if message["type"] == "welcome":
            sent = message["scenario"]["sides"][other]
            assert set(sent["brief"].split()) & set(scenario().sides[other].brief.split()) \
                <= {"the", "to", "other", "delegation.", "Confidential"}
            assert all(v == 0 for o in sent["values"].values() for v in o.values())
            assert not sent["red_lines"] and not sent["combinations"]
            assert sent["personality"] == {"strategy": "linear"}
        if message["type"] == "update":
            assert message["fallback"] is None or isinstance(message["fallback"], float)
            for data in message["entries"]:
                entry = entry_from_json(data)
                assert entry.private in (None, me), entry
                assert not (entry.kind == "reason" and entry.speaker == other), entry
                for change in entry.changes:
                    assert not (change.kind in ("batna", "stance") and change.target == other)
    return checked


def test_no_device_receives_the_other_sides_private_data(tmp_path: Path) -> None:
    """Two teams play a whole game against each other, and a third team plays the computer;
    every message each device receives is kept and searched."""
    with running(tmp_path) as server:
        code = server.classroom.code
        received: dict[str, list[str]] = {"A": [], "B": [], "C": []}

        async def play() -> list[list[dict[str, Any]]]:
            tasks = [scripted_team(server.url, code, team, seed=n, received=received[team],
                                   computer=team == "C")
                     for n, team in enumerate(received)]
            await asyncio.sleep(0)
            started = asyncio.create_task(asyncio.to_thread(_start_soon, server))
            results = await asyncio.wait_for(asyncio.gather(*tasks), 120)
            await started
            return list(results)

        results = asyncio.run(play())
        for team, messages in zip(received, results):
            assert messages[-1]["type"] == "final", team
            me = next(m["side"] for m in messages if m["type"] == "welcome")
            assert _check_nothing_private(received[team], me) > 5
        # The computer's reasons were recorded on the server, and never sent.
        vs = next(t for t in server.classroom.tables.values() if t.computer)
        assert vs.session is not None
        assert any(e.kind == "reason" for e in vs.session.game.log)
        final = json.loads(received["C"][-1])
        assert final["type"] == "final" and final["save"]["moves"]


def _start_soon(server: RunningServer) -> None:
    import time
    for _ in range(100):
        if len(server.classroom.tables) >= 2 and all(
                t.started for t in server.classroom.tables.values()):
            break
        time.sleep(0.05)
    _start(server)


def test_the_check_finds_a_leak() -> None:
    """The search above fails when a message holds the other side's brief."""
    leaked = json.dumps({"type": "notice", "text": scenario().sides["ru"].brief})
    with pytest.raises(AssertionError):
        _check_nothing_private([leaked], "us")


def _terminal(address: str, code: str, team: str, lines: str, folder: Path,
              **extra: Any) -> tuple[int, str]:
    out = io.StringIO()
    status = run_join(address, code, team, extra.get("side"), extra.get("computer", False),
                      io.StringIO(lines), out, folder, retry_seconds=extra.get("retry", 20))
    return status, out.getvalue()


def test_two_terminal_clients_play_a_whole_game(tmp_path: Path) -> None:
    with running(tmp_path / "class") as server:
        _start(server)
        code = server.classroom.code
        results: dict[str, tuple[int, str]] = {}
        passes = "\n" + "p\n" * 40

        def team(name: str) -> None:
            results[name] = _terminal(server.address, code, name, passes,
                                      tmp_path / name)

        threads = [threading.Thread(target=team, args=(name,)) for name in ("Alpha", "Beta")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        for name in ("Alpha", "Beta"):
            status, text = results[name]
            assert status == 0, text[-2000:]
            assert "THE TALKS ARE OVER" in text and "QUESTIONS FOR DISCUSSION" in text
            assert f"You are {name}, at table 1" in text
            # The other side is a team, never "the computer", in the title and debrief.
            other = "Beta" if name == "Alpha" else "Alpha"
            assert "(computer)" not in text, text[:3000]
            assert text.count(f" ({other}): ") == 1  # the debrief's result line
            assert f"({other}) and " in text or f"({other}). " in text  # at the table
            assert f" ({other}) to move..." in text
            saved = list((tmp_path / name).glob("class-*-finished.json"))
            assert len(saved) == 1 and read_save(saved[0]).teams.values()
            # How to read it again, and no wait for Enter from a pipe.
            flat = " ".join(text.split())
            assert f"transcript {saved[0]}" in flat
            assert any(line.endswith(f"transcript {saved[0]}") and
                       len(line.split()) == 3 for line in text.splitlines())
            assert "Press Enter to leave" not in text
        # The other team's moves arrived live: each saw the other's passes.
        assert results["Alpha"][1].count("\u201c") > 8
        server.classroom.flush()
        saves = list((tmp_path / "class" / "tables").glob("*.json"))
        assert len(saves) == 1 and read_save(saves[0]).finished


def test_a_terminal_client_against_the_computer(tmp_path: Path) -> None:
    with running(tmp_path / "class") as server:
        _start(server)
        status, text = _terminal(server.address, server.classroom.code, "Solo",
                                 "\n" + "d\np\n" * 30, tmp_path, computer=True, side="us")
        assert status == 0, text[-2000:]
        assert "CONFIDENTIAL BRIEF: UNITED STATES" in text
        assert "computer's reasoning" not in text
        assert "THE TALKS ARE OVER" in text
        assert "Russia (computer): " in text and "to move..." not in text


def test_a_wrong_code_is_said_plainly(tmp_path: Path) -> None:
    with running(tmp_path / "class") as server:
        status, text = _terminal(server.address, "NOTRIGHT", "Alpha", "", tmp_path)
    assert status == 2 and "not this class's" in text and "Traceback" not in text


def test_a_device_whose_team_joined_elsewhere_leaves_and_stays_away(tmp_path: Path) -> None:
    """The same team joins from a second device: the first is told, and does not come
    back by itself to take the seat again."""
    with running(tmp_path / "class") as server:
        _start(server)
        code = server.classroom.code
        result: list[tuple[int, str]] = []

        class Elsewhere(io.StringIO):
            def __init__(self) -> None:
                super().__init__()
                self.calls = 0

            def readline(self, *args: Any) -> str:  # type: ignore[override]
                self.calls += 1
                if self.calls == 2:  # at the first move: the team sits down elsewhere
                    asyncio.run(_join_only(server.url, code, "Alpha"))
                return "" if self.calls > 50 else "\n" if self.calls == 1 else "p\n"

        out = io.StringIO()
        result.append((run_join(server.address, code, "Alpha", "us", True, Elsewhere(), out,
                                tmp_path / "mine", retry_seconds=5), out.getvalue()))
        status, text = result[0]
        assert status == 1 and "another device" in text, text[-1500:]
        assert "dropped" not in text


async def _join_only(url: str, code: str, team: str) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.ws_connect(f"{url}/ws", max_msg_size=8_000_000) as ws:
            await ws.send_str(json.dumps({"v": 2, "type": "join", "code": code,
                                          "team": team}))
            await ws.receive()  # seated: the welcome


def test_a_wrong_address_is_said_at_once(tmp_path: Path) -> None:
    import socket
    import time
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    start = time.monotonic()
    status, text = _terminal(f"127.0.0.1:{port}", "CODE", "Alpha", "", tmp_path)
    assert status == 1 and "cannot be reached" in text and "check the address" in text
    assert time.monotonic() - start < 15 and "Traceback" not in text
    # In words a student can read out, not the network library's.
    assert f"nothing answers at 127.0.0.1:{port}" in text
    assert "ssl:default" not in text and "Connect call failed" not in text


def test_the_join_command_says_a_refusal_plainly(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli import main
    with running(tmp_path / "class") as server:
        status = main(["join", server.address, "--code", "WRONG123", "--team", "T", "--text"])
    out = capsys.readouterr()
    assert status == 2 and "not this class's" in out.out and "Traceback" not in out.err


def test_a_vanished_server_is_said_and_the_record_kept(tmp_path: Path) -> None:
    server = RunningServer(_new_class(tmp_path / "class")).start()
    _start(server)
    address, code = server.address, server.classroom.code
    result: list[tuple[int, str]] = []

    class Slow(io.StringIO):
        """Input that stops the server before the team's second move (a question from
        the computer is deflected)."""

        def __init__(self) -> None:
            super().__init__()
            self.calls = 0

        def readline(self, *args: Any) -> str:  # type: ignore[override]
            self.calls += 1
            if self.calls == 3:
                server.stop()
            return "" if self.calls > 400 else "\n" if self.calls == 1 else \
                "dp"[self.calls % 2] + "\n"

    out = io.StringIO()
    result.append((run_join(address, code, "Alpha", "us", True, Slow(), out,
                            tmp_path / "mine", retry_seconds=2), out.getvalue()))
    status, text = result[0]
    assert status == 1, text[-1500:]
    assert "cannot be reached" in text and "Traceback" not in text
    kept = list((tmp_path / "mine").glob("class-Alpha-*.json"))
    assert kept and json.loads(kept[0].read_text())["record"]


def test_a_client_comes_back_after_the_server_restarts(tmp_path: Path) -> None:
    """The server is stopped mid-game and started again on the same folder: the client
    joins again by itself and the game goes on to its end with every move kept."""
    folder = tmp_path / "class"
    first = RunningServer(_new_class(folder)).start()
    _start(first)
    code = first.classroom.code
    restart = _Restarting(first, folder, at=4)
    out = io.StringIO()
    status = run_join(first.address, code, "Alpha", "us", True, restart, out,
                      tmp_path / "mine", retry_seconds=20)
    text = out.getvalue()
    restart.second.stop()
    assert status == 0, text[-2000:]
    assert "dropped" in text and "THE TALKS ARE OVER" in text, text[-3000:]
    saves = list((folder / "tables").glob("*.json"))
    assert len(saves) == 1 and read_save(saves[0]).finished


def test_a_move_typed_after_the_server_came_back_is_taken(tmp_path: Path) -> None:
    """The server restarts while the team reads its turn, and the client joins again in
    the background; the move then typed is taken at once (never a table shown again and
    the move asked for twice, nor an old table's turn offered after the move)."""
    folder = tmp_path / "class"
    first = RunningServer(_new_class(folder)).start()
    _start(first)
    code = first.classroom.code
    restart = _Restarting(first, folder, at=3, wait_until_seated=True)
    out = io.StringIO()
    status = run_join(first.address, code, "Alpha", "us", True, restart, out,
                      tmp_path / "mine", retry_seconds=20)
    text = out.getvalue()
    restart.second.stop()
    typed = restart.typed
    assert status == 0, text[-2000:]
    assert "Back at your table" in text and "THE TALKS ARE OVER" in text
    assert "here is the table as it is now" not in text, text[-3000:]
    assert "not your turn" not in text
    # The move typed at the restart is the first one the restarted server took.
    assert typed[2] == "p\n"
    assert "US: " in text.split("Back at your table")[1].split("TO MOVE")[0]


def test_the_server_stops_at_once_with_devices_connected(tmp_path: Path) -> None:
    """Ctrl-C on the host: every device is told the server is stopping (and tries again),
    instead of the server waiting for each to leave; the tables are saved first."""
    server = RunningServer(_new_class(tmp_path)).start()
    _start(server)
    said: list[str] = []
    seated = threading.Event()

    async def device(team: str) -> None:
        async with aiohttp.ClientSession() as http:
            async with http.ws_connect(f"{server.url}/ws") as ws:
                await ws.send_str(json.dumps({"v": 2, "type": "join",
                                              "code": server.classroom.code, "team": team}))
                async for frame in ws:
                    if json.loads(frame.data)["type"] == "update":
                        seated.set()
                said.append(str(ws.close_code))

    async def both() -> None:
        await asyncio.gather(device("Alpha"), device("Beta"))

    thread = threading.Thread(target=lambda: asyncio.run(both()), daemon=True)
    thread.start()
    assert seated.wait(10)
    time.sleep(0.3)
    start = time.monotonic()
    server.stop()
    assert time.monotonic() - start < 3
    thread.join(5)
    assert said == ["1001", "1001"]  # going away
    assert len(list((tmp_path / "tables").glob("*.json"))) == 1


class _Restarting(io.StringIO):
    """A team's typing that passes (deflecting any question), and at line *at* stops the
    server *first* and starts it again on the same port and class folder (with
    *wait_until_seated*, until a device sits at a table again)."""

    def __init__(self, first: RunningServer, folder: Path, at: int,
                 wait_until_seated: bool = False) -> None:
        super().__init__()
        self.first, self.folder, self.at = first, folder, at
        self.wait_until_seated = wait_until_seated
        self.calls = 0
        self.typed: list[str] = []
        self.second: RunningServer = first

    def _seated_again(self) -> bool:
        room = self.second.classroom
        return bool(self.second.call(lambda: any(
            seat.send is not None for t in room.tables.values() for seat in t.seats.values())))

    def readline(self, *args: Any) -> str:  # type: ignore[override]
        self.calls += 1
        if self.calls == self.at:
            self.first.stop()
            self.second = RunningServer(_new_class(self.folder), port=self.first.port).start()
            deadline = time.monotonic() + 20
            while self.wait_until_seated and not self._seated_again() and \
                    time.monotonic() < deadline:
                time.sleep(0.05)
        line = "" if self.calls > 400 else "\n" if self.calls == 1 else \
            "dp"[self.calls % 2] + "\n"
        self.typed.append(line)
        return line


def _new_class(folder: Path) -> Any:
    from game.net.classroom import Classroom
    from game.settings import Settings
    return Classroom(scenario(), Settings(), folder)


def test_server_addresses() -> None:
    assert server_url("10.0.0.5") == "ws://10.0.0.5:8765/ws"
    assert server_url("https://class.example:443/ws") == "wss://class.example:443/ws"


# ----- limits ----------------------------------------------------------------------------------

def test_a_flood_of_messages_is_cut_off(tmp_path: Path) -> None:
    with running(tmp_path) as server:
        async def flood() -> list[str]:
            texts = []
            async with aiohttp.ClientSession() as http:
                async with http.ws_connect(f"{server.url}/ws") as ws:
                    for _ in range(60):
                        await ws.send_str('{"v": 2, "type": "move", "move": {}}')
                    async for frame in ws:
                        if frame.type != aiohttp.WSMsgType.TEXT:
                            break
                        texts.append(json.loads(frame.data)["text"])
            return texts
        texts = asyncio.run(asyncio.wait_for(flood(), 20))
    assert texts[0] == "Join a table first."
    assert texts[-1].startswith("Too many messages") and len(texts) <= 25


def test_a_big_message_closes_the_connection(tmp_path: Path) -> None:
    with running(tmp_path) as server:
        async def big() -> aiohttp.WSMsgType:
            async with aiohttp.ClientSession() as http:
                async with http.ws_connect(f"{server.url}/ws") as ws:
                    await ws.send_str('{"v": 2, "pad": "' + "x" * 100_000 + '"}')
                    frame = await ws.receive()
                    return frame.type
        kind = asyncio.run(asyncio.wait_for(big(), 20))
    assert kind in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED, aiohttp.WSMsgType.ERROR)


def test_wrong_codes_are_refused_for_a_minute(tmp_path: Path) -> None:
    with running(tmp_path) as server:
        async def guess(code: str) -> str:
            async with aiohttp.ClientSession() as http:
                async with http.ws_connect(f"{server.url}/ws") as ws:
                    await ws.send_str(json.dumps({"v": 2, "type": "join", "code": code,
                                                  "team": "T"}))
                    return str(json.loads((await ws.receive()).data).get("text", "seated"))

        async def run() -> list[str]:
            return [await guess(f"GUESS{n:03}") for n in range(11)] + \
                [await guess(server.classroom.code)]
        answers = asyncio.run(asyncio.wait_for(run(), 30))
    assert "not this class's" in answers[0]
    assert "Too many wrong tries" in answers[10] and "Too many wrong tries" in answers[11]


# ----- the teacher's page ------------------------------------------------------------------

async def _teacher(server: RunningServer, password: str | None = None) -> aiohttp.ClientSession:
    http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    await http.post(f"{server.url}/teacher/login",
                    data={"password": password or server.classroom.password},
                    allow_redirects=False)
    return http


def test_the_teacher_page_needs_the_password(tmp_path: Path) -> None:
    with running(tmp_path) as server:
        async def run() -> None:
            async with aiohttp.ClientSession() as http:
                for path in ("/teacher/api/state", "/teacher/report.csv",
                             "/teacher/transcripts.zip"):
                    async with http.get(server.url + path) as answer:
                        assert answer.status == 401
                async with http.get(server.url + "/teacher") as answer:
                    page = await answer.text()
                    assert 'type="password"' in page and server.classroom.code not in page
            http = await _teacher(server, "wrong password")
            async with http.get(server.url + "/teacher/api/state") as answer:
                assert answer.status == 401
            await http.close()
            http = await _teacher(server)
            async with http.get(server.url + "/teacher") as answer:
                assert "Start all tables" in await answer.text()
                assert answer.headers["X-Content-Type-Options"] == "nosniff"
            # A form from another site cannot press the buttons.
            async with http.post(server.url + "/teacher/api/start") as answer:
                assert answer.status == 403
            await http.close()
        asyncio.run(run())


def test_the_teacher_page_stays_open_across_a_restart(tmp_path: Path) -> None:
    """The teacher's cookie is signed with the password the class folder keeps: a restarted
    server knows it, and a cookie not made with the password is refused."""
    first = RunningServer(_new_class(tmp_path)).start()

    async def state(http: aiohttp.ClientSession, url: str) -> int:
        async with http.get(url + "/teacher/api/state") as answer:
            return answer.status

    async def login() -> str:
        http = await _teacher(first)
        cookie = next(c.value for c in http.cookie_jar if c.key == "parley_teacher")
        assert await state(http, first.url) == 200
        await http.close()
        return cookie

    cookie = asyncio.run(login())
    port = first.port
    first.stop()
    second = RunningServer(_new_class(tmp_path), port=port).start()
    try:
        async def again() -> list[int]:
            codes = []
            nonce = cookie.partition(".")[0]
            for value in (cookie, f"{nonce}.{'0' * 64}", nonce, "", "x." * 150):
                async with aiohttp.ClientSession(cookies={"parley_teacher": value}) as fresh:
                    codes.append(await state(fresh, second.url))
            return codes
        assert asyncio.run(again()) == [200, 401, 401, 401, 401]
    finally:
        second.stop()
    # Another class (another password) does not take this class's cookie.
    with running(tmp_path / "other") as other:
        async def elsewhere() -> int:
            async with aiohttp.ClientSession(cookies={"parley_teacher": cookie}) as fresh:
                return await state(fresh, other.url)
        assert asyncio.run(elsewhere()) == 401


def test_wrong_passwords_are_refused_for_a_minute(tmp_path: Path) -> None:
    with running(tmp_path) as server:
        async def run() -> int:
            async with aiohttp.ClientSession() as http:
                for _ in range(10):
                    await http.post(f"{server.url}/teacher/login", data={"password": "x"},
                                    allow_redirects=False)
                async with http.post(f"{server.url}/teacher/login",
                                     data={"password": server.classroom.password},
                                     allow_redirects=False) as answer:
                    return answer.status
        assert asyncio.run(run()) == 429


def test_the_teacher_runs_the_class_and_downloads_everything(tmp_path: Path) -> None:
    with running(tmp_path) as server:
        code = server.classroom.code

        async def run() -> dict[str, Any]:
            http = await _teacher(server)
            headers = {"X-Parley": "teacher"}
            teams = asyncio.gather(
                scripted_team(server.url, code, "Alpha <b>", seed=1),
                scripted_team(server.url, code, "Beta", seed=2))
            await asyncio.sleep(0.5)
            async with http.get(server.url + "/teacher/api/state") as answer:
                before = await answer.json()
            async with http.post(server.url + "/teacher/api/message", headers=headers,
                                 json={"text": "Ten minutes left"}) as answer:
                assert (await answer.json())["sent"] == "Ten minutes left"
            async with http.post(server.url + "/teacher/api/message", headers=headers,
                                 json={"text": ""}) as answer:
                assert answer.status == 400 and "error" in await answer.json()
            async with http.post(server.url + "/teacher/api/start", headers=headers) as answer:
                assert (await answer.json())["status"] == "playing"
            messages = await asyncio.wait_for(teams, 120)
            async with http.get(server.url + "/teacher/api/state") as answer:
                after = await answer.json()
            async with http.get(server.url + "/teacher/report.csv") as answer:
                csv = await answer.text()
            async with http.get(server.url + "/teacher/transcripts.zip") as answer:
                archive = zipfile.ZipFile(io.BytesIO(await answer.read()))
            await http.close()
            return {"before": before, "after": after, "csv": csv, "zip": archive,
                    "messages": messages}

        got = asyncio.run(run())
    assert got["before"]["status"] == "waiting" and got["before"]["code"] == code
    table = got["after"]["tables"][0]
    assert table["finished"] and table["outcome"] and table["last_move"]
    assert {t["team"] for t in table["teams"].values()} == {"Alpha <b>", "Beta"}
    assert "Alpha <b>" in got["csv"] and "Beta" in got["csv"]
    # The finished table's results on the teacher's page are the report's figures.
    import csv as csv_module
    rows = {row["team"]: row for row in csv_module.DictReader(io.StringIO(got["csv"]))}
    results = {r["team"]: r for r in table["results"]}
    assert set(results) == {"Alpha <b>", "Beta"}
    for team, result in results.items():
        row = rows[team]
        assert (str(result["points"]), str(result["fallback"]), str(result["mark"])) == \
            (row["points"], row["fallback"], row["mark"])
    names = got["zip"].namelist()
    assert len(names) == 2 and any(n.endswith(".html") for n in names)
    for messages in got["messages"]:
        assert any(m["type"] == "notice" and "Ten minutes left" in m["text"]
                   for m in messages)


def test_pause_stops_every_table(tmp_path: Path) -> None:
    with running(tmp_path) as server:
        room = server.classroom
        table, seat, _ = server.call(lambda: room.join(
            Join(code=room.code, team="Solo", computer=True), lambda m: None))
        server.call(room.start)
        server.call(room.pause)
        with pytest.raises(Exception, match="paused"):
            server.call(room.move, table, seat, Move.wait().to_json())


class _Datagram:
    """A datagram socket whose source address is given by the test (nothing is sent)."""

    source = "127.0.1.1"
    reachable: set[str] = set()

    def __init__(self, *args: object) -> None:
        self.target = ""

    def __enter__(self) -> _Datagram:
        return self

    def __exit__(self, *args: object) -> None:
        pass

    def connect(self, target: tuple[str, int]) -> None:
        if target[0] not in self.reachable:
            raise OSError("Network is unreachable")
        self.target = target[0]

    def getsockname(self) -> tuple[str, int]:
        return self.source, 40000


@pytest.mark.parametrize("source, reachable, hostname, shown", [
    # The computer's name stands for a loopback address (as on Debian): the address it
    # sends from to the network is the one students reach.
    ("192.168.1.20", {"203.0.113.1"}, "127.0.1.1", "192.168.1.20"),
    # A network without a way out: a private range's route tells it.
    ("10.0.0.5", {"10.255.255.254"}, "127.0.1.1", "10.0.0.5"),
    # No network at all: the name's address, else the loopback one.
    ("127.0.0.1", set(), "127.0.1.1", "127.0.1.1"),
    ("127.0.0.1", set(), None, "127.0.0.1"),
])
def test_the_address_students_are_told_is_the_one_they_reach(
        monkeypatch: pytest.MonkeyPatch, source: str, reachable: set[str],
        hostname: str | None, shown: str) -> None:
    import socket

    from game.net import server

    def by_name(name: str) -> str:
        if hostname is None:
            raise OSError("unknown host")
        return hostname

    monkeypatch.setattr(_Datagram, "source", source)
    monkeypatch.setattr(_Datagram, "reachable", reachable)
    monkeypatch.setattr(socket, "socket", _Datagram)
    monkeypatch.setattr(socket, "gethostbyname", by_name)
    assert server.local_address() == shown


@pytest.mark.skipif(os.name == "nt", reason="Ctrl-C is sent as SIGINT on POSIX")
def test_ctrl_c_stops_the_server_and_says_where_every_table_is(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    env = dict(os.environ, PARLEY_SAVES=str(tmp_path / "saves"),
               PARLEY_CONFIG=str(tmp_path / "config"), PARLEY_LOGS=str(tmp_path / "logs"))
    main = Path(__file__).resolve().parent.parent / "main.py"
    import socket
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    server = subprocess.Popen([sys.executable, str(main), "host", "--port", port, "--bind",
                               "127.0.0.1", "--class-dir", str(tmp_path / "class")],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env=env)
    assert server.stdout is not None
    lines = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = server.stdout.readline()
        lines.append(line)
        if not line or line.startswith("Press Ctrl-C"):
            break
    server.send_signal(signal.SIGINT)
    rest, _ = server.communicate(timeout=30)
    text = "".join(lines) + rest
    assert server.returncode == 0, text
    assert "The class server has stopped. Every table is saved in" in text
    assert str(tmp_path / "class" / "tables") in text.replace("\n", "")
    assert "Traceback" not in text and "Interrupted" not in text
