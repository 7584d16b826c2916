"""Long sessions: 100,000 simulated games in one process without memory growth.

The resident size is read before and after the 100,000 games (after a warm-up, so caches
have reached their working size), and Python's own allocations are traced twice:
- over a further 5,000 new games. What they trace includes the entries the caches shared
  by a scenario's games (opponent models, judgements, spoken offers: each emptied when
  full) took in for those games, so it is not 0 even without a leak, only bounded;
- over a replay of games already played twice, whose entries the caches hold already:
  what outlives a game there is a leak, so the target is about 0.
"""

from __future__ import annotations

import gc
import resource
import time
import tracemalloc

from game.library import DEFAULT_SCENARIO
from game.model import Scenario
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import Tally, play_one

GAMES = int(__import__("os").environ.get("PARLEY_SOAK_GAMES", "100000"))
WARM_UP = 2_000
TRACED = 5_000
#: Games replayed (their entries fit in every shared cache: the fewest kept is 2,048).
REPLAYED = 300


def rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def play(scenario: Scenario, seeds: range, settings: Settings, tally: Tally) -> None:
    for seed in seeds:
        tally.add(play_one(scenario, seed, settings))


def traced_growth(scenario: Scenario, seeds: range, settings: Settings,
                  tally: Tally) -> int:
    """Bytes of Python's own allocations that outlive the games of *seeds*."""
    tracemalloc.start()
    try:
        gc.collect()  # finished games are reference cycles (machine and model): count only
        before, _ = tracemalloc.get_traced_memory()  # what outlives a collection
        play(scenario, seeds, settings, tally)
        gc.collect()
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return after - before


def main() -> None:
    scenario = load_scenario(DEFAULT_SCENARIO)
    settings = Settings()
    tally = Tally()
    play(scenario, range(WARM_UP), settings, tally)
    before_rss = rss_mb()
    start = time.perf_counter()
    play(scenario, range(WARM_UP, WARM_UP + GAMES), settings, tally)
    wall = time.perf_counter() - start
    after_rss = rss_mb()
    first = WARM_UP + GAMES
    new_games = traced_growth(scenario, range(first, first + TRACED), settings, tally)
    # Games played twice: a cache emptied while they were first played has them all the
    # second time, and then holds them (they fit).
    replayed = range(first + TRACED, first + TRACED + REPLAYED)
    for _ in range(2):
        play(scenario, replayed, settings, tally)
    replay = traced_growth(scenario, replayed, settings, tally)
    print(f"BENCH soak_games {GAMES} games    # in {wall:.0f} s")
    print(f"BENCH soak_rss_before {before_rss:.1f} MB")
    print(f"BENCH soak_rss_after {after_rss:.1f} MB    # target: no growth")
    print(f"BENCH soak_traced_new_games {new_games / 1024:.1f} KiB    "
          f"# over {TRACED:,} more games, the shared caches' new entries included; "
          f"target: - (bounded)")
    print(f"BENCH soak_traced_growth {replay / 1024:.1f} KiB    "
          f"# over a replay of {REPLAYED} games the caches hold; target: about 0")


if __name__ == "__main__":
    main()
