"""A class over the network, on the loopback address only: 30 tables of two scripted
devices each play whole games at once while the teacher's page is polled every second.

Each device answers its turn at once with a legal move; the time from sending a move to
receiving the table that answers it is one sample. Games are played in rounds of 30 tables
(the first a warm-up); the server's resident size is read after the warm-up and at the
end. Prints the 50th and 99th percentile answer times, the games finished and mixed up,
and the growth of the resident size. Bounded: every round must end within two minutes.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

from game.library import DEFAULT_SCENARIO
from game.net.classroom import Classroom
from game.net.messages import PROTOCOL_VERSION
from game.net.server import RunningServer
from game.scenario import load_scenario
from game.settings import Settings

TABLES = int(os.environ.get("PARLEY_CLASS_TABLES", "30"))
ROUNDS = int(os.environ.get("PARLEY_CLASS_ROUNDS", "3"))
ROUND_SECONDS = 120


def rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 2**20


async def device(url: str, code: str, team: str, seed: int,
                 samples: list[float]) -> dict[str, Any]:
    """One team's device: plays legal moves at once; returns the final message."""
    rng = random.Random(seed)
    sent_at: float | None = None
    number = 0  # the device's count of its moves: the answer to one names it
    last_choices: list[dict[str, Any]] = []
    side = None
    values: dict[str, dict[str, float]] = {}
    async with aiohttp.ClientSession() as http:
        async with http.ws_connect(f"{url}/ws", max_msg_size=8_000_000) as ws:
            await ws.send_str(json.dumps({"v": PROTOCOL_VERSION, "type": "join", "code": code,
                                          "team": team}))
            async for frame in ws:
                message = json.loads(frame.data)
                kind = message["type"]
                if kind == "welcome":
                    side = message["side"]
                    values = message["scenario"]["sides"][side]["values"]
                elif kind == "final":
                    return {"team": team, "side": side, "final": message}
                elif kind in ("update", "refused"):
                    if sent_at is not None and message.get("answers") == number:
                        samples.append(time.perf_counter() - sent_at)
                        sent_at = None
                    choices = message.get("choices") or []
                    if kind == "refused":
                        if message["text"].startswith("It is not your turn"):
                            continue  # an answer to a move made twice: nothing to do
                        # Another move than the one refused (an incoherent package, say).
                        choices = [c for c in last_choices if c["move"]["kind"] != "propose"]
                    if not choices:
                        continue
                    last_choices = choices
                    move = dict(rng.choice([c["move"] for c in choices
                                            if c["why_not"] is None and
                                            c["move"]["kind"] != "walkout"]))
                    if move["kind"] == "propose":
                        move["package"] = {issue: max(options, key=lambda o: options[o])
                                           for issue, options in values.items()}
                    sent_at, number = time.perf_counter(), number + 1
                    await ws.send_str(json.dumps({"v": PROTOCOL_VERSION, "type": "move",
                                                  "move": move, "number": number}))
    return {"team": team, "side": side, "final": None}


async def teacher(url: str, password: str, stop: asyncio.Event) -> int:
    """The teacher's page: the class's state every second until *stop*."""
    polls = 0
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        await http.post(f"{url}/teacher/login", data={"password": password},
                        allow_redirects=False)
        await http.post(f"{url}/teacher/api/start", headers={"X-Parley": "teacher"})
        while not stop.is_set():
            async with http.get(f"{url}/teacher/api/state") as answer:
                await answer.read()
            polls += 1
            try:
                await asyncio.wait_for(stop.wait(), 1.0)
            except asyncio.TimeoutError:
                pass
    return polls


async def one_round(url: str, room: Classroom, number: int, tables: int,
                    samples: list[float]) -> tuple[int, int]:
    """Every table of one round; returns (games finished, games mixed up)."""
    stop = asyncio.Event()
    watching = asyncio.create_task(teacher(url, room.password, stop))
    results = await asyncio.wait_for(asyncio.gather(*[
        device(url, room.code, f"R{number}T{n}{'ab'[k]}", 1000 * number + 2 * n + k, samples)
        for n in range(tables) for k in range(2)]), ROUND_SECONDS)
    stop.set()
    await watching
    finished = mixed = 0
    for result in results:
        final = result["final"]
        if final is None:
            continue
        finished += 1
        save = final["save"]
        # The game sent is the team's own: its name on its side, its partner on the other.
        partner = result["team"][:-1] + ("b" if result["team"].endswith("a") else "a")
        if save["teams"].get(result["side"]) != result["team"] or \
                partner not in save["teams"].values() or not save["finished"]:
            mixed += 1
    return finished // 2, mixed


def main(tables: int = TABLES, rounds: int = ROUNDS) -> dict[str, float]:
    scenario = load_scenario(DEFAULT_SCENARIO)
    with tempfile.TemporaryDirectory() as folder:
        room = Classroom(scenario, Settings(), Path(folder))
        server = RunningServer(room).start()
        url = f"http://127.0.0.1:{server.port}"
        samples: list[float] = []
        finished = mixed = 0
        before = after = rss_mb()
        start = time.perf_counter()
        try:
            for number in range(rounds):
                done, wrong = asyncio.run(one_round(url, room, number, tables, samples))
                finished, mixed = finished + done, mixed + wrong
                if number == 0:
                    before = rss_mb()
            after = rss_mb()
        finally:
            server.stop()
        wall = time.perf_counter() - start
    samples.sort()
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))] if samples else 0.0
    return {"class_move_p50_ms": statistics.median(samples) * 1000 if samples else 0.0,
            "class_move_p99_ms": p99 * 1000, "class_moves": float(len(samples)),
            "class_games_finished": float(finished),
            "class_games_expected": float(tables * rounds),
            "class_games_mixed_up": float(mixed),
            "class_rss_growth_mb": after - before, "class_wall_s": wall}


if __name__ == "__main__":
    figures = main()
    units = {"ms": "ms", "mb": "MB", "_s": "s"}
    for name, value in figures.items():
        unit = next((u for key, u in units.items() if name.endswith(key)), "count")
        print(f"BENCH {name} {value:.1f} {unit}")
    ok = figures["class_games_finished"] == figures["class_games_expected"] and \
        figures["class_games_mixed_up"] == 0 and figures["class_move_p99_ms"] < 100
    sys.exit(0 if ok else 1)
