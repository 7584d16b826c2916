"""Fuzz run: 10,000 hostile scenarios, 10,000 hostile saves, and 200 folders of saves
collected from a class with hostile files among them.

Every case must end in Parley's own error with a location, or load; none may raise
anything else or take over a second. Prints the cases tried, the errors by kind, the
crashes and the slowest case. A collected folder holds honest saves, saves mutated at
random or edited by hand (deep nesting, huge numbers, lone surrogates, duplicate keys,
escape sequences, formulas, unknown sides), a FIFO, a link to /dev/zero, a folder named
like a save, a modified scenario named like a shipped one and a scenario whose conditions
are slow to check: the class report must skip what it cannot use with a note, write every
other game, give each honest save the figures it has alone, and take at most a second a
file.
"""

from __future__ import annotations

import csv
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from game.errors import ParleyError, SaveError
from game.library import DEFAULT_SCENARIO
from game.save import parse_save, restore, to_save
from game.model import Scenario
from game.scenario import check_text, load_scenario, read_scenario
from game.settings import Settings
from game.simulate import play_one
from game.report import gather, write_csv, write_html
from tests.mutate import hostile_save, mutated_save, mutated_scenario, slow_scenario

CASES = 10_000
FOLDERS = 200

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
    collected_folders(scenario, text)
    return 0


def _figures(row: dict[str, object]) -> dict[str, str]:
    """A row of the class report without what depends on the rest of the folder: its file
    name, its note (a copy of a save in the same folder is named there, as it should be)
    and its rank and mean among the class."""
    return {k: str(v) for k, v in row.items()
            if k not in ("file", "note", "class_rank", "class_mean_mark")}


def collected_folders(scenario: Scenario, text: str) -> None:
    """The class report on folders collected from laptops, hostile files among the saves."""
    honest = [to_save(play_one(scenario, seed, Settings()), {"us"}).model_dump_json(
        by_alias=True).encode("utf-8") for seed in range(1, 4)]
    alone: dict[int, dict[str, str]] = {}
    crashes = wrong = files = 0
    slowest = 0.0
    kinds: Counter[str] = Counter()
    lookalike = text.replace("joint_action: {deconfliction_only: 0.0", "joint_action: "
                             "{deconfliction_only: 1.0", 1)
    slow = slow_scenario(load_tutorial_text(), 40, 14)
    # A game really played on the modified copy: its own row uses it, and no other.
    modded = to_save(play_one(read_scenario(lookalike, "lookalike.yaml"), 5, Settings()),
                     {"us"}).model_dump_json(by_alias=True).encode("utf-8")
    with tempfile.TemporaryDirectory() as temp:
        for n, raw in enumerate(honest):      # each honest save's row, alone in a folder
            folder = Path(temp) / f"alone{n}"
            folder.mkdir()
            (folder / "honest.json").write_bytes(raw)
            rows, _ = gather(folder)
            alone[n] = {str(row.values["side"]): _figures(row.values) for row in rows}
        for case in range(FOLDERS):
            rng = random.Random(case)
            folder = Path(temp) / f"class{case}"
            folder.mkdir()
            kept = {}
            for n, raw in enumerate(honest):
                kept[f"group{n}.json"] = n
                (folder / f"group{n}.json").write_bytes(raw)
            for k in range(rng.randint(2, 6)):
                if rng.random() < 0.5:
                    kind, raw = hostile_save(honest[0], rng)
                else:
                    kind, raw = "mutated", mutated_save(honest[0], rng)
                kinds[kind] += 1
                (folder / f"z{k}.json").write_bytes(raw)
            (folder / "modded.json").write_bytes(modded)
            if hasattr(os, "mkfifo"):
                os.mkfifo(folder / "pipe.json")
            if Path("/dev/zero").exists():
                (folder / "zero.json").symlink_to("/dev/zero")
            (folder / "folder.json").mkdir()
            (folder / DEFAULT_SCENARIO.name).write_text(lookalike, encoding="utf-8")
            (folder / "slow.yaml").write_text(slow, encoding="utf-8")
            count = len(list(folder.iterdir()))
            files += count
            start = time.perf_counter()
            try:
                rows, problems = gather(folder, [folder])
                write_csv(rows, folder / "class.csv")
                write_html(rows, problems, folder / "class.html", "Class")
                with (folder / "class.csv").open(encoding="utf-8") as handle:
                    written = {(row["file"], row["side"]): row
                               for row in csv.DictReader(handle)}
                for name, n in kept.items():
                    wrong += any(_figures(written[(name, side)]) != figures
                                 for side, figures in alone[n].items())
            except Exception as exc:
                crashes += 1
                print(f"# crash on folder case {case}: {type(exc).__name__}: {exc}",
                      file=sys.stderr)
            slowest = max(slowest, (time.perf_counter() - start) / count)
    print(f"BENCH fuzz_folder_cases {FOLDERS} folders ({files} files)")
    print(f"BENCH fuzz_folder_crashes {crashes} crashes    # target: 0")
    print(f"BENCH fuzz_folder_changed_rows {wrong} rows    # target: 0 (an honest save's "
          "figures as when it is alone)")
    print(f"BENCH fuzz_folder_slowest {slowest * 1000:.1f} ms a file    # target: < 1000 ms")
    print("# hostile saves by kind: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))


def load_tutorial_text() -> str:
    from game.library import SCENARIO_DIR
    return (SCENARIO_DIR / "tutorial.yaml").read_text(encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
