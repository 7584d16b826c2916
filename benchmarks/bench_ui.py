"""Benchmarks of the pygame front end; prints ``BENCH <name> <value> <unit>`` lines.

* frame CPU time (median and 99th percentile) at 1280x720 over a complete
  computer-against-computer game played at 60 frames a second, at the normal pace, with
  every frame where the log grows included (bars: 4 ms and 16 ms); and the same over the
  frames actually drawn (a frame where nothing changed is not drawn again);
* launch to first frame, in a fresh interpreter, as ``python main.py`` opens the window:
  the window shows the game's name before the screens, scenarios and saves are read
  (bar: 0.6 s); and launch to the title screen's first frame;
* peak memory of the process that played the game (bar: 200 MB).

Runs under SDL's dummy video driver: ``python benchmarks/bench_ui.py``.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIRST_FRAME = """
import time
from game.ui.app import App
app = App(size=(1280, 720))
app.first_frame()
first = time.time()
from game.ui.flow import start as start_screens
start_screens(app)
app.step(0.0)
print(first, time.time())
"""


def launch_to_first_frame(runs: int = 3) -> tuple[float, float]:
    """Seconds from starting a Python process to the window's first frame, and to the
    title screen's first frame (the best of *runs*, each on the wall clock)."""
    best = (float("inf"), float("inf"))
    for _ in range(runs):
        began = time.time()
        done = subprocess.run([sys.executable, "-c", FIRST_FRAME], check=True, cwd=ROOT,
                              capture_output=True, text=True)
        first, title = (float(x) - began for x in done.stdout.split()[-2:])
        best = (min(best[0], first), min(best[1], title))
    return best


def demo_frames(seed: int = 5, limit: int = 200_000) -> tuple[list[float], list[float], int]:
    """CPU milliseconds of every frame of a demo game at 60 FPS, through the front page
    of its end (read for a second) until the debrief's first frame; the same for the frames that were drawn (a frame where nothing changed
    is not drawn again); and how many log entries were shown."""
    from game.ui.app import App
    from game.ui.flow import start

    app = App(size=(1280, 720), seed=seed)
    start(app, demo=True)
    frames: list[float] = []
    drawn: list[float] = []
    dt = 1 / 60
    entries = outcome_at = 0
    for _ in range(limit):
        before = app.drawn
        began = time.process_time()
        app.step(dt)
        frames.append((time.process_time() - began) * 1000)
        if app.drawn > before:
            drawn.append(frames[-1])
        top = app.top
        if top.name == "table":
            entries = len(top.log.entries)
        elif top.name == "outcome" and app.frames - outcome_at > 60:
            # The front page of the end has been read for a second: on to the debrief.
            began = time.process_time()
            top.go_on()
            app.step(dt)
            frames.append((time.process_time() - began) * 1000)
            drawn.append(frames[-1])
            return frames, drawn, entries
        elif top.name != "outcome":
            raise RuntimeError(f"the demo left the table for {top.name!r}")
        if top.name != "outcome":
            outcome_at = app.frames
    raise RuntimeError("the demo game did not end")


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def main() -> int:
    frames, drawn, entries = demo_frames()
    print(f"BENCH ui_frame_cpu_median {statistics.median(frames):.3f} ms")
    print(f"BENCH ui_frame_cpu_p99 {p99(frames):.3f} ms")
    print(f"BENCH ui_frame_cpu_max {max(frames):.3f} ms")
    print(f"BENCH ui_drawn_frame_cpu_median {statistics.median(drawn):.3f} ms")
    print(f"BENCH ui_drawn_frame_cpu_p99 {p99(drawn):.3f} ms")
    print(f"BENCH ui_demo_frames {len(frames)} frames")
    print(f"BENCH ui_demo_drawn_frames {len(drawn)} frames")
    print(f"BENCH ui_demo_log_entries {entries} entries")
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"BENCH ui_peak_memory {peak_kb / 1024:.1f} MB")
    first, title = launch_to_first_frame()
    print(f"BENCH ui_launch_to_first_frame {first:.3f} s")
    print(f"BENCH ui_launch_to_title {title:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
