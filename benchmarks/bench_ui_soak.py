"""Soak runs of the pygame front end; prints ``BENCH <name> <value> <unit>`` lines.

* a long session: 10,000 frames of computer-against-computer games, one after another
  (each to its debrief, the log growing all game long): the resident set size, and in a
  second such session the memory tracemalloc traces, after the second game (the bounded
  caches fill during the first two) and at the end (bars: growth under 16 MB resident,
  under 2 MB traced);
* the monkey: 20,000 seeded random events (clicks, motion, keys, text, resizes) across
  every screen; the screens reached and the exceptions raised (bar: none).

Runs under SDL's dummy video driver: ``python -m benchmarks.bench_ui_soak``; replay a monkey
failure with ``python -m tools.monkey --seed SEED --events 20000``.
"""

from __future__ import annotations

import gc
import os
import sys
import time
import tracemalloc
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FRAMES = 10_000
EVENTS = 20_000
#: Seconds per frame: 10 frames a second (the slowest the loop allows), so that the
#: session holds many whole games at the fast pace.
DT = 0.1
#: Games played before memory is measured.
WARM_UP = 2
MONKEY_SEED = 20240806
#: Traced memory may grow this much over the session (caches filling up), no more.
GROWTH_BAR = 2 * 1024 * 1024
RSS_BAR = 16 * 1024 * 1024


def rss() -> int:
    """The process's resident set size in bytes (0 where /proc is missing)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0
    return pages * os.sysconf("SC_PAGE_SIZE")


def traced() -> int:
    gc.collect()
    return tracemalloc.get_traced_memory()[0] if tracemalloc.is_tracing() else 0


def long_session(frames: int = FRAMES, *, trace: bool = False) -> dict[str, float]:
    """Demo games one after another for *frames* frames; memory after the warm-up games
    and at the end: the resident set size, and with *trace* the memory tracemalloc traces
    (tracemalloc's own records swell the resident set, so the two are measured in separate
    sessions)."""
    from game.ui.app import App
    from tools.screenshots import new_game

    if trace:
        tracemalloc.start()
    app = App(size=(1280, 720), seed=5)
    app.prefs.pace = "fast"
    new_game(app, "demo", None)
    games, entries, most_entries = 0, 0, 0
    before_traced = before_rss = first_rss = 0
    began = time.perf_counter()
    for frame in range(frames):
        app.step(DT)
        top = app.top
        if top.name == "table":
            most_entries = max(most_entries, len(top.log.entries))
        if top.name == "outcome":
            entries += len(top.table.log.entries)
            top.go_on()     # from the front page of the end to the debrief
            app.step(DT)
            games += 1
            new_game(app, "demo", None)
            if games == 1:
                first_rss = rss()
            if games == WARM_UP:
                # Measured from here: the bounded caches (text surfaces, pictures,
                # fonts) have filled during the first games.
                before_traced, before_rss = traced(), rss()
    elapsed = time.perf_counter() - began
    after_traced, after_rss = traced(), rss()
    tracemalloc.stop()
    if app.crashes:
        raise RuntimeError(f"the session crashed: {app.crashes[0]!r}")
    return {"games": games, "entries": entries, "most_entries": most_entries,
            "before_traced": before_traced, "after_traced": after_traced,
            "first_rss": first_rss, "before_rss": before_rss, "after_rss": after_rss,
            "seconds": elapsed,
            "drawn": app.drawn}


def monkey(events: int = EVENTS, seed: int = MONKEY_SEED):  # type: ignore[no-untyped-def]
    from game.ui.app import App
    from tools.monkey import Monkey, isolate

    isolate()
    app = App(size=(1280, 720), seed=7)
    app.prefs.pace = "fast"
    began = time.perf_counter()
    run = Monkey(app, seed).play(events)
    return run, time.perf_counter() - began


def main() -> int:
    import tempfile
    os.environ["PARLEY_SAVES"] = tempfile.mkdtemp(prefix="parley-soak-saves-")
    failed = False
    s = long_session()
    s.update({k: v for k, v in long_session(trace=True).items() if "traced" in k})
    mb = 1024 * 1024
    growth = s["after_traced"] - s["before_traced"]
    print(f"BENCH ui_soak_frames {FRAMES} frames")
    print(f"BENCH ui_soak_games {s['games']} games")
    print(f"BENCH ui_soak_log_entries {s['entries']} entries")
    print(f"BENCH ui_soak_longest_log {s['most_entries']} entries")
    print(f"BENCH ui_soak_seconds {s['seconds']:.1f} s")
    print(f"BENCH ui_soak_traced_before {s['before_traced'] / mb:.2f} MB")
    print(f"BENCH ui_soak_traced_after {s['after_traced'] / mb:.2f} MB")
    print(f"BENCH ui_soak_traced_growth {growth / mb:.2f} MB")
    print(f"BENCH ui_soak_rss_after_first_game {s['first_rss'] / mb:.1f} MB")
    print(f"BENCH ui_soak_rss_before {s['before_rss'] / mb:.1f} MB")
    print(f"BENCH ui_soak_rss_after {s['after_rss'] / mb:.1f} MB")
    print(f"BENCH ui_soak_rss_growth {(s['after_rss'] - s['before_rss']) / mb:.1f} MB")
    if growth > GROWTH_BAR:
        print(f"# traced memory grew by {growth / mb:.2f} MB (bar {GROWTH_BAR / mb:.0f} MB)")
        failed = True
    if s["after_rss"] - s["before_rss"] > RSS_BAR:
        print(f"# the resident set grew by {(s['after_rss'] - s['before_rss']) / mb:.1f} MB")
        failed = True

    run, seconds = monkey()
    print(f"BENCH ui_monkey_seed {run.seed} seed")
    print(f"BENCH ui_monkey_events {run.events} events")
    print(f"BENCH ui_monkey_frames {run.frames} frames")
    print(f"BENCH ui_monkey_screens {len(run.visited)} screens")
    print(f"BENCH ui_monkey_exceptions {len(run.crashes)} exceptions")
    print(f"BENCH ui_monkey_seconds {seconds:.1f} s")
    print(f"# screens visited (frames on each): {dict(sorted(run.visited.items()))}")
    for crash in run.crashes[:3]:
        print(f"# {crash}".replace("\n", "\n# "))
    failed = failed or bool(run.crashes)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
