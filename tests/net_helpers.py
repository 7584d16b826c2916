"""Helpers for the class server's tests: a server on the loopback address in a thread of its
own, and a scripted device that speaks the protocol and keeps every message it receives."""

from __future__ import annotations

import asyncio
import json
import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from game.library import DEFAULT_SCENARIO
from game.model import Scenario
from game.net.classroom import Classroom
from game.net.server import create_app
from game.scenario import load_scenario
from game.settings import Settings

_SCENARIO: list[Scenario] = []


def scenario() -> Scenario:
    if not _SCENARIO:
        _SCENARIO.append(load_scenario(DEFAULT_SCENARIO))
    return _SCENARIO[0]


class RunningServer:
    """A class server on 127.0.0.1 in a background thread; ``call`` runs a function of the
    classroom on the server's own loop (the classroom is not shared across threads)."""

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
        assert self._ready.wait(10), "the server did not start"
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


@contextmanager
def running(folder: Path, settings: Settings | None = None) -> Iterator[RunningServer]:
    server = RunningServer(Classroom(scenario(), settings or Settings(), folder)).start()
    try:
        yield server
    finally:
        server.stop()


async def scripted_team(url: str, code: str, team: str, *, side: str | None = None,
                        computer: bool = False, seed: int = 1,
                        received: list[str] | None = None,
                        max_messages: int = 2000) -> list[dict[str, Any]]:
    """A device that joins as *team* and plays its side with legal moves picked at random
    (never walking out) until the game ends; returns every message it received, parsed
    (and appends the raw texts to *received*)."""
    rng = random.Random(seed)
    messages: list[dict[str, Any]] = []
    async with aiohttp.ClientSession() as http:
        async with http.ws_connect(f"{url}/ws", max_msg_size=8_000_000) as ws:
            await ws.send_str(json.dumps({"v": 1, "type": "join", "code": code,
                                          "team": team, "side": side,
                                          "computer": computer}))
            my_side = None
            last: dict[str, Any] | None = None
            refusals = 0
            async for frame in ws:
                assert frame.type == aiohttp.WSMsgType.TEXT, frame
                if received is not None:
                    received.append(frame.data)
                message = json.loads(frame.data)
                messages.append(message)
                assert len(messages) < max_messages
                if message["type"] == "welcome":
                    my_side = message["side"]
                if message["type"] == "final":
                    break
                if message["type"] == "refused" and my_side is None:
                    break
                if message["type"] == "refused" and last is not None:
                    # A refused move (an incoherent package, say): another one.
                    refusals += 1
                    assert refusals < 50, message
                    move = pick(last, my_side, rng, messages, propose=False)
                    await ws.send_str(json.dumps({"v": 1, "type": "move", "move": move}))
                    continue
                if message["type"] != "update" or not message["choices"]:
                    continue
                last = message
                move = pick(message, my_side, rng, messages)
                await ws.send_str(json.dumps({"v": 1, "type": "move", "move": move}))
    return messages


def pick(update: dict[str, Any], side: str | None, rng: random.Random,
         messages: list[dict[str, Any]], propose: bool = True) -> dict[str, Any]:
    """A legal move from an update's choices: any available one but walking out; a
    proposal is the side's own ideal package by the scenario it was sent."""
    available = [c["move"] for c in update["choices"]
                 if c["why_not"] is None and c["move"]["kind"] != "walkout"
                 and (propose or c["move"]["kind"] != "propose")]
    move = dict(rng.choice(available))
    if move["kind"] == "propose":
        sent = next(m["scenario"] for m in messages if m["type"] == "welcome")
        values = sent["sides"][side]["values"]
        move["package"] = {issue: max(options, key=lambda o: options[o])
                           for issue, options in values.items()}
    return move
