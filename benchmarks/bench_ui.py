"""Benchmarks of the pygame front end; prints ``BENCH <name> <value> <unit>`` lines.

* frame CPU time (median and 99th percentile) at 1280x720 over a complete
  computer-against-computer game played at 60 frames a second, at the normal pace, with
  every frame where the log grows included (bars: 4 ms and 16 ms); and the same over the
  frames actually drawn (a frame where nothing changed is not drawn again);
* launch to first frame and launch to the title screen's first frame, the medians of
  seven fresh interpreters started as ``python main.py`` (target for the title: 0.6 s);
  the window shows the game's name before the screens, scenarios and saves are read, and
  the title needs neither pygame_gui nor any other screen's module;
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

#: ``python main.py`` as a player starts it, with the window's loop stopped once the title
#: screen has drawn its first frame; prints the wall-clock times of the first frame and of
#: the title's.
LAUNCH = """
import sys, time
import game.ui.app as window
shown = window.App.first_frame
def first_frame(self):
    shown(self)
    self.first_shown = time.time()
def loop(self):
    self.step(0.0)
    assert self.top is not None and self.top.name == "title", self.stack
    print(self.first_shown, time.time())
    return 0
window.App.first_frame = first_frame
window.App.loop = loop
sys.argv = ["main.py"]
from game.cli import main
main([])
"""

#: The launch's target: the title screen at most this long after ``python main.py``.
LAUNCH_TARGET = 0.6


def launch_times(runs: int = 7) -> tuple[list[float], list[float]]:
    """Seconds from starting a Python process to the window's first frame, and to the
    title screen's first frame, for each of *runs* fresh processes (on the wall clock).

    Each launch is a new interpreter as ``python main.py`` is, with Python's bytecode cache
    kept as an installed copy keeps it: one launch first, not counted, writes the cache
    (so the figure is the same with ``PYTHONDONTWRITEBYTECODE`` set or not)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    firsts: list[float] = []
    titles: list[float] = []
    for n in range(runs + 1):
        began = time.time()
        done = subprocess.run([sys.executable, "-c", LAUNCH], check=True, cwd=ROOT,
                              capture_output=True, text=True, env=env)
        first, title = (float(x) - began for x in done.stdout.split()[-2:])
        if n:
            firsts.append(first)
            titles.append(title)
    return firsts, titles


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
    firsts, titles = launch_times()
    print(f"BENCH ui_launch_to_first_frame {statistics.median(firsts):.3f} s")
    title = statistics.median(titles)
    print(f"BENCH ui_launch_to_title {title:.3f} s (target {LAUNCH_TARGET} s: "
          f"{'met' if title <= LAUNCH_TARGET else 'missed'}; runs "
          f"{min(titles):.3f}-{max(titles):.3f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
