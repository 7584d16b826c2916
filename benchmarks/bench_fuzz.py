"""Fuzz run: 10,000 hostile scenarios and 10,000 hostile saves.

Every case must end in Parley's own error with a location, or load; none may raise
anything else or take over a second. Prints the cases tried, the errors by kind, the
crashes and the slowest case.
"""

from __future__ import annotations

import random
import sys
import time
from collections import Counter

from game.errors import ParleyError, SaveError
from game.library import DEFAULT_SCENARIO
from game.save import parse_save, restore, to_save
from game.scenario import check_text, load_scenario
from game.settings import Settings
from game.simulate import play_one
from tests.mutate import mutated_save, mutated_scenario

CASES = 10_000

KINDS = [("YAML syntax", "YAML syntax"), ("not UTF-8", "not UTF-8"), ("empty", "empty"),
         ("duplicate key", "duplicate key"), ("unknown field", "unknown field"),
         ("missing field", "missing required"), ("unknown id", "unknown "),
         ("nesting or aliases", "refused"), ("format version", "format"),
         ("not a mapping", "expected a mapping")]


def kind_of(message: str) -> str:
    return next((kind for kind, words in KINDS if words in message), "wrong value")


def main() -> int:
    text = DEFAULT_SCENARIO.read_text(encoding="utf-8")
    kinds: Counter[str] = Counter()
    crashes = 0
    slowest = 0.0
    for seed in range(CASES):
        raw = mutated_scenario(text, random.Random(seed))
        start = time.perf_counter()
        try:
            loaded, problems = check_text(raw, "fuzz.yaml")
            if loaded is None:
                assert problems and all(p.line >= 1 and p.column >= 1 for p in problems)
                kinds[kind_of(problems[0].message)] += 1
            else:
                kinds["loaded"] += 1
        except Exception as exc:  # a crash: anything but a list of problems
            crashes += 1
            print(f"# crash on scenario case {seed}: {type(exc).__name__}: {exc}",
                  file=sys.stderr)
        slowest = max(slowest, time.perf_counter() - start)
    print(f"BENCH fuzz_scenario_cases {CASES} cases")
    print(f"BENCH fuzz_scenario_crashes {crashes} crashes    # target: 0")
    print(f"BENCH fuzz_scenario_slowest {slowest * 1000:.1f} ms    # target: < 1000 ms")
    print("# scenario cases by result: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))

    scenario = load_scenario(DEFAULT_SCENARIO)
    good = to_save(play_one(scenario, 3, Settings()), {"us"})
    raw_save = good.model_dump_json(by_alias=True).encode("utf-8")
    results: Counter[str] = Counter()
    crashes = 0
    slowest = 0.0
    for seed in range(CASES):
        raw = mutated_save(raw_save, random.Random(seed))
        start = time.perf_counter()
        try:
            restored = restore(parse_save(raw, "fuzz.json"), scenario)
            results["loaded with a warning" if restored.warning else "loaded"] += 1
        except SaveError as exc:
            message = str(exc)
            results[next((k for k in ("not a Parley save", "cut short", "damaged", "empty",
                                      "newer", "too old", "not of")
                          if k in message), "refused")] += 1
        except ParleyError:
            results["refused"] += 1
        except Exception as exc:
            crashes += 1
            print(f"# crash on save case {seed}: {type(exc).__name__}: {exc}", file=sys.stderr)
        slowest = max(slowest, time.perf_counter() - start)
    print(f"BENCH fuzz_save_cases {CASES} cases")
    print(f"BENCH fuzz_save_crashes {crashes} crashes    # target: 0")
    print(f"BENCH fuzz_save_slowest {slowest * 1000:.1f} ms    # target: < 1000 ms")
    print("# save cases by result: " + ", ".join(f"{k} {v}" for k, v in results.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
