"""Helpers for the class server's tests: a server on the loopback address in a thread of its
own, and a scripted device that speaks the protocol and keeps every message it receives."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import aiohttp

from game.library import DEFAULT_SCENARIO
from game.model import Scenario
from game.net.classroom import Classroom
from game.net.messages import PROTOCOL_VERSION
from game.net.server import RunningServer
from game.scenario import load_scenario
from game.settings import Settings

_SCENARIO: list[Scenario] = []


def scenario() -> Scenario:
    if not _SCENARIO:
        _SCENARIO.append(load_scenario(DEFAULT_SCENARIO))
    return _SCENARIO[0]


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
            await ws.send_str(json.dumps({"v": PROTOCOL_VERSION, "type": "join", "code": code,
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
                    await ws.send_str(json.dumps({"v": PROTOCOL_VERSION, "type": "move", "move": move}))
                    continue
                if message["type"] != "update" or not message["choices"]:
                    continue
                last = message
                move = pick(message, my_side, rng, messages)
                await ws.send_str(json.dumps({"v": PROTOCOL_VERSION, "type": "move", "move": move}))
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
