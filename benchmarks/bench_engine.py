"""Engine benchmarks: simulation throughput, cost of a turn, of a decision, of loading.

Prints ``BENCH <name> <value> <unit>`` lines, each with its target in a comment line.
"""

from __future__ import annotations

import statistics
import time

from benchmarks import compiled
from game.answers import computer_move
from game.engine import Game
from game.library import DEFAULT_SCENARIO
from game.negotiator import Negotiator
from game.scenario import load_scenario
from game.simulate import simulate


def bench(name: str, value: float, unit: str, target: str) -> None:
    print(f"BENCH {name} {value:.4g} {unit}    # target: {target}", flush=True)


def main() -> None:
    compiled()
    path = DEFAULT_SCENARIO

    loads = []
    for _ in range(30):
        start = time.perf_counter()
        load_scenario(path)
        loads.append(time.perf_counter() - start)
    bench("scenario_load_median", statistics.median(loads) * 1000, "ms", "<= 50 ms")

    scenario = load_scenario(path)
    decisions: list[float] = []
    games = []
    for seed in range(300):
        game = Game(scenario, seed=seed)
        players = {s: Negotiator(game.view(s)) for s in game.sides}
        while not game.finished:
            side = game.to_move
            assert side is not None
            # A decision costs its view too: the negotiator sees the game only through one.
            start = time.perf_counter()
            view = game.view(side)
            decision = computer_move(players[side], view)
            decisions.append(time.perf_counter() - start)
            game.apply(decision.move, decision.reason)
        games.append(game)
    decisions.sort()
    bench("decision_median", statistics.median(decisions) * 1e6, "us", "-")
    bench("decision_p99", decisions[int(len(decisions) * 0.99)] * 1000, "ms", "<= 10 ms")

    turns: list[float] = []
    for played in games:
        game = Game(scenario, seed=played.seed)
        for _side, move, reason in played.moves:
            start = time.perf_counter()
            game.apply(move, reason)
            turns.append(time.perf_counter() - start)
    bench("engine_turn_median", statistics.median(turns) * 1e6, "us", "<= 100 us")

    start = time.perf_counter()
    _, tally = simulate(path, 10_000, seed=0, jobs=2)
    wall = time.perf_counter() - start
    bench("simulate_10000_games_jobs2", wall, "s", "<= 10 s")
    bench("simulate_games_per_second", tally.games / wall, "games/s", "-")


if __name__ == "__main__":
    main()
