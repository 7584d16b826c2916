"""The class server: ``python main.py host``.

An aiohttp application over a :class:`~game.net.classroom.Classroom`: students' devices
talk to it over a WebSocket (``/ws``) in the typed messages of :mod:`game.net.messages`;
the teacher's page (``/teacher``) is behind the teacher password. Limits: a client's
message is at most 4 KB, a device sends at most a few messages a second, wrong class codes
and wrong passwords are counted per address and refused for a minute past a few, and the
number of devices is capped.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import io
import logging
import secrets
import socket
import tempfile
import threading
import time
import zipfile
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web

from game.net.classroom import Classroom, Refusal, Seat, Table
from game.net.lan import Announcement
from game.net.messages import (MAX_CLIENT_MESSAGE, BadMessage, Join, Play, Refused,
                               _Message, read_client_message)
from game.net.teacher_page import LOGIN_PAGE, TEACHER_PAGE

log = logging.getLogger(__name__)

DEFAULT_PORT = 8765
#: Messages a device may send in a burst, and how many more it earns each second.
BURST, PER_SECOND = 20, 5.0
#: Wrong class codes or teacher passwords from one address within a minute before it is
#: refused for the rest of that minute.
MAX_FAILURES = 10
#: Devices connected at once.
MAX_DEVICES = 400
#: Messages waiting for one slow device before it is disconnected.
MAX_QUEUE = 1000
#: The biggest HTTP request body (the teacher's message or password).
MAX_BODY = 16 * 1024
COOKIE = "parley_teacher"



@dataclass
class ServerState:
    """What the server keeps besides the class: failures per address, teacher sessions."""

    failures: dict[str, deque[float]] = field(default_factory=dict)
    devices: int = 0
    sockets: set[web.WebSocketResponse] = field(default_factory=set)
    """The devices' open WebSockets (closed when the server stops)."""

    def blocked(self, address: str) -> bool:
        window = self.failures.get(address)
        if not window:
            return False
        now = time.monotonic()
        while window and now - window[0] > 60:
            window.popleft()
        return len(window) >= MAX_FAILURES

    def failed(self, address: str) -> None:
        self.failures.setdefault(address, deque()).append(time.monotonic())


CLASSROOM = web.AppKey("classroom", Classroom)
STATE = web.AppKey("state", ServerState)


def _address(request: web.Request) -> str:
    return request.remote or "?"


class Bucket:
    """A token bucket: *burst* messages at once, *rate* more each second."""

    def __init__(self, burst: int = BURST, rate: float = PER_SECOND) -> None:
        self.tokens, self.burst, self.rate = float(burst), burst, rate
        self.last = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True


# ----- the students' devices ------------------------------------------------------------------

async def _device(request: web.Request) -> web.StreamResponse:
    classroom, state = request.app[CLASSROOM], request.app[STATE]
    ws = web.WebSocketResponse(heartbeat=15, max_msg_size=MAX_CLIENT_MESSAGE)
    await ws.prepare(request)
    if state.devices >= MAX_DEVICES:
        await ws.send_str(Refused(text="The class server is full.").model_dump_json())
        await ws.close()
        return ws
    state.devices += 1
    state.sockets.add(ws)
    queue: asyncio.Queue[_Message | None] = asyncio.Queue()

    def send(message: _Message | None) -> None:
        if queue.qsize() >= MAX_QUEUE:
            log.warning("a device is too slow: disconnected")
            queue.put_nowait(None)
            return
        queue.put_nowait(message)

    async def writer() -> None:
        while True:
            message = await queue.get()
            if message is None:
                await ws.close()
                return
            await ws.send_str(message.model_dump_json())

    writing = asyncio.create_task(writer())
    seat: tuple[Table, Seat] | None = None
    bucket = Bucket()
    address = _address(request)
    try:
        async for frame in ws:
            if frame.type != WSMsgType.TEXT:
                break
            if not bucket.take():
                send(Refused(text="Too many messages: the server stops listening to this "
                                  "device. Join again in a moment."))
                break
            try:
                message = read_client_message(frame.data)
            except BadMessage as exc:
                send(Refused(text=str(exc)))
                continue
            try:
                if isinstance(message, Join):
                    if state.blocked(address):
                        raise Refusal("Too many wrong tries: wait a minute, then check the "
                                      "class code with your teacher.")
                    if seat is not None:
                        raise Refusal("This device is already at a table.")
                    try:
                        table, chair, previous = classroom.join(message, send)
                    except Refusal:
                        if not classroom.code_matches(message.code):
                            state.failed(address)
                        raise
                    seat = (table, chair)
                    if previous is not None:
                        previous(None)  # the team's old device leaves the table
                elif seat is None:
                    raise Refusal("Join a table first.")
                else:
                    classroom.move(seat[0], seat[1], message.move, message.number)
            except Refusal as exc:
                send(Refused(text=str(exc),
                             answers=message.number if isinstance(message, Play) else None))
    finally:
        state.devices -= 1
        state.sockets.discard(ws)
        if seat is not None:
            classroom.leave(seat[1], send)
        queue.put_nowait(None)
        try:
            await asyncio.wait_for(writing, 5)
        except (asyncio.TimeoutError, ConnectionError):
            writing.cancel()
    return ws


# ----- the teacher's page ----------------------------------------------------------------------

def teacher_token(password: str, nonce: str | None = None) -> str:
    """The teacher's session cookie: a random nonce and its HMAC under the teacher password,
    so that a restarted server (which keeps the password) still knows the teacher's page."""
    nonce = nonce or secrets.token_urlsafe(24)
    mac = hmac.new(password.encode(), nonce.encode(), hashlib.sha256).hexdigest()
    return f"{nonce}.{mac}"


def _is_teacher(request: web.Request) -> bool:
    token = request.cookies.get(COOKIE, "")
    nonce, dot, _ = token.partition(".")
    if not dot or not nonce or len(token) > 200:
        return False
    expected = teacher_token(request.app[CLASSROOM].password, nonce)
    return secrets.compare_digest(token.encode(), expected.encode())


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def _teacher_only(handler: Handler) -> Handler:
    async def guarded(request: web.Request) -> web.StreamResponse:
        if not _is_teacher(request):
            raise web.HTTPUnauthorized(text="Log in on the teacher's page first.")
        if request.method == "POST" and request.headers.get("X-Parley") != "teacher":
            raise web.HTTPForbidden(text="Use the teacher's page.")
        return await handler(request)
    return guarded


async def _teacher(request: web.Request) -> web.StreamResponse:
    page = TEACHER_PAGE if _is_teacher(request) else LOGIN_PAGE
    return web.Response(text=page, content_type="text/html", headers=_SECURE_HEADERS)


async def _login(request: web.Request) -> web.StreamResponse:
    classroom, state = request.app[CLASSROOM], request.app[STATE]
    address = _address(request)
    if state.blocked(address):
        raise web.HTTPTooManyRequests(text="Too many wrong passwords: wait a minute.")
    form = await request.post()
    password = form.get("password")
    if not isinstance(password, str) or not classroom.password_matches(password):
        state.failed(address)
        raise web.HTTPFound("/teacher?wrong=1")
    token = teacher_token(classroom.password)
    response = web.HTTPFound("/teacher")
    response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", path="/")
    raise response


@_teacher_only
async def _overview(request: web.Request) -> web.StreamResponse:
    classroom = request.app[CLASSROOM]
    data = classroom.overview()
    data["code"] = classroom.code
    data["address"] = request.app[ADDRESS][0]
    return web.json_response(data)


@_teacher_only
async def _start(request: web.Request) -> web.StreamResponse:
    request.app[CLASSROOM].start()
    return web.json_response({"status": request.app[CLASSROOM].status})


@_teacher_only
async def _pause(request: web.Request) -> web.StreamResponse:
    request.app[CLASSROOM].pause()
    return web.json_response({"status": request.app[CLASSROOM].status})


@_teacher_only
async def _message(request: web.Request) -> web.StreamResponse:
    try:
        data = await request.json()
        text = data["text"] if isinstance(data, dict) else None
    except (ValueError, KeyError):
        text = None
    if not isinstance(text, str):
        return web.json_response({"error": "Send a message as text."}, status=400)
    try:
        sent = request.app[CLASSROOM].message(text)
    except Refusal as exc:
        return web.json_response({"error": str(exc)}, status=400)
    return web.json_response({"sent": sent})


@_teacher_only
async def _report(request: web.Request) -> web.StreamResponse:
    from game.report import gather, write_csv, write_html

    classroom = request.app[CLASSROOM]
    kind = request.match_info["kind"]
    await asyncio.to_thread(classroom.flush)  # the report reads the saves on disk
    rows, problems = await asyncio.to_thread(gather, classroom.tables_folder)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"class.{kind}"
        if kind == "csv":
            write_csv(rows, path)
        else:
            write_html(rows, problems, path, f"Class report: {classroom.scenario.title}")
        body = path.read_bytes()
    content = "text/csv" if kind == "csv" else "text/html"
    return web.Response(body=body, content_type=content, charset="utf-8",
                        headers={"Content-Disposition": f'attachment; filename="class.{kind}"',
                                 **_SECURE_HEADERS})


@_teacher_only
async def _transcripts(request: web.Request) -> web.StreamResponse:
    from game import transcript

    classroom = request.app[CLASSROOM]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for table in classroom.tables.values():
            if table.session is None:
                continue
            game, humans = table.session.game, table.session.humans
            stem = f"table-{table.id}-" + "-".join(
                "".join(ch for ch in game.teams.get(side, "") if ch.isalnum())[:20] or side
                for side in game.sides)
            archive.writestr(f"{stem}.md", transcript.markdown(game, humans))
            archive.writestr(f"{stem}.html", transcript.html(game, humans))
    return web.Response(body=buffer.getvalue(), content_type="application/zip",
                        headers={"Content-Disposition":
                                 'attachment; filename="transcripts.zip"'})


async def _home(request: web.Request) -> web.StreamResponse:
    return web.Response(text="Parley class server. Students: python main.py join ADDRESS "
                             "--code CODE --team NAME. Teacher: open /teacher.\n")


_SECURE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self' 'unsafe-inline'; "
                               "style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

#: The address students join, as shown to the teacher (one item, set once listening).
ADDRESS = web.AppKey("address", list[str])


async def _ticker(app: web.Application) -> Any:
    async def run() -> None:
        while True:
            await asyncio.sleep(0.25)
            try:
                app[CLASSROOM].tick()
            except Exception:  # one table's trouble must not stop every clock
                log.exception("turn clock")
    task = asyncio.create_task(run())
    yield
    task.cancel()
    # Every table's latest move is on disk before the server stops.
    await asyncio.to_thread(app[CLASSROOM].flush)


async def _close_devices(app: web.Application) -> None:
    """The server stops: every device is told at once (it tries again, and a restarted
    server seats it back), instead of the server waiting for each to leave."""
    for ws in list(app[STATE].sockets):
        await ws.close(code=WSCloseCode.GOING_AWAY, message=b"The class server is stopping.")


def create_app(classroom: Classroom, address: str = "") -> web.Application:
    """The class server's application over *classroom*."""
    app = web.Application(client_max_size=MAX_BODY)
    app[CLASSROOM] = classroom
    app[STATE] = ServerState()
    app[ADDRESS] = [address]
    app.router.add_get("/", _home)
    app.router.add_get("/ws", _device)
    app.router.add_get("/teacher", _teacher)
    app.router.add_post("/teacher/login", _login)
    app.router.add_get("/teacher/api/state", _overview)
    app.router.add_post("/teacher/api/start", _start)
    app.router.add_post("/teacher/api/pause", _pause)
    app.router.add_post("/teacher/api/message", _message)
    app.router.add_get(r"/teacher/report.{kind:(csv|html)}", _report)
    app.router.add_get("/teacher/transcripts.zip", _transcripts)
    app.cleanup_ctx.append(_ticker)
    app.on_shutdown.append(_close_devices)
    return app


#: Where a datagram socket is pointed (never sent to) to learn the address this computer
#: would send from: an address of the documentation range (RFC 5737), reached through the
#: default route like any outside one, and one of the private ranges for a network without
#: a way out.
_PROBES = ("203.0.113.1", "10.255.255.254", "192.168.255.254", "172.31.255.254")


def local_address() -> str:
    """This computer's address on the local network, as students' devices reach it, told
    without sending anything: the address it would send from to the network (the name of
    the computer often stands for a loopback address, as on Debian), else the one its name
    stands for, else the loopback address."""
    for probe in _PROBES:
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
                udp.connect((probe, 9))  # a datagram socket's connect sends nothing
                found = udp.getsockname()[0]
        except OSError:
            continue
        if isinstance(found, str) and not found.startswith(("127.", "0.")):
            return found
    try:
        return socket.gethostbyname(socket.gethostname())
    except OSError:
        return "127.0.0.1"


async def serve(classroom: Classroom, bind: str, port: int,
                announce: Callable[[str, int], None],
                on_network: Callable[[str | None], None] | None = None) -> None:
    """Run the server until cancelled; *announce* is told the address and port once it
    listens. With ``zeroconf`` installed the server is then announced on the local network
    (:mod:`game.net.lan`), and *on_network* is told the name it was announced under (None:
    not announced)."""
    shown = local_address() if bind in ("0.0.0.0", "::", "") else bind
    runner = web.AppRunner(create_app(classroom, f"{shown}:{port}"), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, bind or None, port)
    await site.start()
    real_port = port
    for found in runner.addresses:
        if isinstance(found, tuple) and len(found) >= 2:
            real_port = int(found[1])
            break
    runner.app[ADDRESS][0] = f"{shown}:{real_port}"
    announce(shown, real_port)
    announcement = Announcement(bind, real_port, classroom.scenario.title)
    try:
        announced = await asyncio.to_thread(announcement.start)
        if on_network is not None:
            on_network(announcement.name if announced else None)
        await asyncio.Event().wait()
    finally:
        await asyncio.to_thread(announcement.stop)
        await runner.cleanup()


class RunningServer:
    """A class server on 127.0.0.1 in a background thread, for the tests and the class
    benchmark; ``call`` runs a function of the classroom on the server's own loop (the
    classroom is not shared across threads)."""

    def __init__(self, classroom: Classroom, port: int = 0) -> None:
        self.classroom = classroom
        self.loop = asyncio.new_event_loop()
        self.port = port
        self._ready = threading.Event()
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            self.loop.run_until_complete(self._serve())
        finally:
            self.loop.close()

    async def _serve(self) -> None:
        runner = web.AppRunner(create_app(self.classroom, "127.0.0.1"), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", self.port)
        await site.start()
        self.port = int(runner.addresses[0][1])
        self._stop = asyncio.Event()
        self._ready.set()
        await self._stop.wait()
        await runner.cleanup()

    def start(self) -> RunningServer:
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the server did not start")
        return self

    def stop(self) -> None:
        if self._stop is not None and self._thread.is_alive():
            self.loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(10)

    def call(self, function: Any, *args: Any) -> Any:
        async def run() -> Any:
            return function(*args)
        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(10)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"
