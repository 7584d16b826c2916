"""Does the game reward good negotiating? Scripted players against the computer.

For each side of the main scenario and of the February scenario, a principled, a hardline
and a careless player play that side against the computer at normal difficulty, 500 seeds
each. Prints, per scenario and side, each style's mean gain over its starting fallback,
the gap principled minus hardline, and whether careless play does worst.
"""

from __future__ import annotations

import time

from game.library import DEFAULT_SCENARIO
from game.play.styles import STYLES
from game.settings import Settings
from game.simulate import simulate, summary

SCENARIOS = (DEFAULT_SCENARIO, DEFAULT_SCENARIO.parent / "ceasefire_feb_2016.yaml")
GAMES = 500
JOBS = 2
#: How much more a principled player should gain than a hardline one.
GAP = 0.05


def bench(name: str, value: float, unit: str, target: str) -> None:
    print(f"BENCH {name} {value:.4g} {unit}    # target: {target}", flush=True)


def main() -> None:
    start = time.perf_counter()
    settings = Settings(difficulty="normal")
    for path in SCENARIOS:
        scenario, _ = simulate(path, 1, settings=settings)
        for side in scenario.side_ids:
            gains = {}
            for name in STYLES:
                _, tally = simulate(path, GAMES, seed=0, jobs=JOBS, settings=settings,
                                    players={side: name})
                data = summary(scenario, tally, {side: name})
                gains[name] = data["mean_gain"][side]
                bench(f"styles_{scenario.id}_{side}_{name}_mean_gain", gains[name],
                      "utility", "-")
            bench(f"styles_{scenario.id}_{side}_principled_minus_hardline",
                  gains["principled"] - gains["hardline"], "utility", f">= {GAP}")
            worst = gains["careless"] < min(gains["principled"], gains["hardline"])
            bench(f"styles_{scenario.id}_{side}_careless_worst", int(worst), "bool", "1")
    bench("styles_wall", time.perf_counter() - start, "s", "<= 120 s")


if __name__ == "__main__":
    main()
