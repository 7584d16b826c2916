"""A monkey for the front end: random clicks, mouse motion, keys, text and window resizes,
sent to every screen in turn, counting the screens reached and the unexpected errors.

Seeded: the same seed sends the same events, so a failure can be replayed with
``python -m tools.monkey --seed N --events M``. Used by ``tests/ui/test_monkey.py`` and
``benchmarks/bench_ui_soak.py``.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import traceback
from collections import Counter, deque
from dataclasses import dataclass, field

import pygame

from game.ui.app import App
from tools import screenshots as scenes
from tools.screenshots import Scene

#: Where the monkey starts, one after another: every screen a player can reach.
STARTS: list[tuple[str, Scene]] = [
    ("title", scenes.scene_title),
    ("scenarios", scenes.scene_scenarios),
    ("mode", scenes.scene_mode),
    ("briefing", scenes.scene_briefing),
    ("handover", scenes.scene_handover),
    ("table", scenes.scene_table),
    ("pause", scenes.scene_pause),
    ("settings", scenes.scene_settings),
    ("load", scenes.scene_load),
    ("debrief", scenes.finished_game),
    ("problems", scenes.scene_problems),
    ("table_demo", scenes.scene_table_demo),
]

KEYS = ([pygame.K_TAB, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE, pygame.K_SPACE,
         pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT, pygame.K_BACKSPACE,
         pygame.K_DELETE, pygame.K_HOME, pygame.K_END, pygame.K_PAGEUP, pygame.K_PAGEDOWN,
         pygame.K_F11, pygame.K_EQUALS, pygame.K_MINUS, pygame.K_PLUS, pygame.K_KP_PLUS,
         pygame.K_KP_MINUS]
        + list(range(pygame.K_a, pygame.K_z + 1)) + list(range(pygame.K_0, pygame.K_9 + 1)))
#: Keys pressed most often: the ones that move through the screens.
NAVIGATION = [pygame.K_TAB, pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_SPACE, pygame.K_UP,
              pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT]
TEXTS = ["a", "Team Harbour", "Ω", "日本語", "\u202eevil", "e\u0301", "🙂", " ", "x" * 60,
         "\t", "Zürich", "\u200b", "0", "'; DROP TABLE", "\ud7ff"]
SIZES = ((1024, 600), (1920, 1080))


@dataclass
class Crash:
    """An unexpected error the monkey caused, with what is needed to replay it."""

    seed: int
    event: int
    start: str
    screen: str
    recent: list[str]
    error: str

    def __str__(self) -> str:
        return (f"seed {self.seed}, event {self.event}, started at {self.start}, on "
                f"{self.screen}:\n{self.error}\nlast events:\n  " + "\n  ".join(self.recent))


@dataclass
class MonkeyRun:
    """What a monkey run did: events sent, frames run, screens reached, crashes."""

    seed: int
    events: int = 0
    frames: int = 0
    visited: Counter[str] = field(default_factory=Counter)
    crashes: list[Crash] = field(default_factory=list)


class Monkey:
    """Sends seeded random events to an :class:`~game.ui.app.App` and runs its frames."""

    def __init__(self, app: App, seed: int) -> None:
        self.app = app
        self.random = random.Random(seed)
        self.run = MonkeyRun(seed)
        self.recent: deque[str] = deque(maxlen=25)
        self.start = ""

    # ----- events -----------------------------------------------------------------------

    def _pos(self) -> tuple[int, int]:
        r = self.random
        w, h = self.app.size
        top = self.app.top
        widgets = [wd for wd in (top.ring.widgets if top is not None else [])
                   if wd.visible and wd.rect.w and wd.rect.h]
        if widgets and r.random() < 0.6:
            rect = r.choice(widgets).rect
            return (r.randint(rect.left, rect.right - 1), r.randint(rect.top, rect.bottom - 1))
        return r.randrange(-5, w + 5), r.randrange(-5, h + 5)

    def event(self) -> pygame.event.Event:
        """One random event, as SDL would send it."""
        r = self.random
        kind = r.random()
        if kind < 0.30:
            key = r.choice(NAVIGATION) if r.random() < 0.6 else r.choice(KEYS)
            mod = r.choice([0] * 6 + [pygame.KMOD_SHIFT, pygame.KMOD_LCTRL, pygame.KMOD_CTRL,
                                      pygame.KMOD_ALT])
            if key in (pygame.K_EQUALS, pygame.K_MINUS, pygame.K_PLUS) and r.random() < 0.7:
                mod = pygame.KMOD_LCTRL
            name = pygame.key.name(key)
            char = name if len(name) == 1 and not mod & pygame.KMOD_CTRL else ""
            return pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=char,
                                      scancode=0, window=None)
        if kind < 0.40:
            return pygame.event.Event(pygame.TEXTINPUT, text=r.choice(TEXTS), window=None)
        if kind < 0.62:
            pos = self._pos()
            return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0),
                                      buttons=(0, 0, 0), touch=False, window=None)
        if kind < 0.90:
            return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=self._pos(),
                                      button=r.choice([1, 1, 1, 1, 3, 2]), touch=False,
                                      window=None)
        if kind < 0.96:
            y = r.choice([-3, -1, 1, 3])
            return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False,
                                      precise_x=0.0, precise_y=float(y), touch=False,
                                      which=0, window=None)
        w = r.randint(SIZES[0][0], SIZES[1][0])
        h = r.randint(SIZES[0][1], SIZES[1][1])
        return pygame.event.Event(pygame.VIDEORESIZE, size=(w, h), w=w, h=h, window=None)

    def send(self, event: pygame.event.Event) -> None:
        """Post *event* (and the release that follows a press) for the next frame."""
        pygame.event.post(event)
        if event.type == pygame.KEYDOWN:
            pygame.event.post(pygame.event.Event(pygame.KEYUP, key=event.key, mod=event.mod,
                                                 unicode=event.unicode, scancode=0,
                                                 window=None))
        elif event.type == pygame.MOUSEBUTTONDOWN:
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=event.pos,
                                                 button=event.button, touch=False,
                                                 window=None))
        self.recent.append(f"{self.run.events}: {pygame.event.event_name(event.type)} "
                           f"{_describe(event)} on {self.screen}")
        self.run.events += 1

    @property
    def screen(self) -> str:
        top = self.app.top
        return top.name if top is not None else "none"

    # ----- running ----------------------------------------------------------------------

    def frame(self) -> None:
        """Run one frame of the app, recording what it reached and any crash."""
        before = len(self.app.crashes)
        self.app.step(self.random.choice([0.016, 0.016, 0.05, 0.1]))
        self.run.frames += 1
        self.run.visited[self.screen] += 1
        for error in self.app.crashes[before:]:
            self._record(error)
        if not self.app.running:   # quit from the title: open it again
            self.app.run_again()
            self.begin(self.start, scenes.scene_title)

    def _record(self, error: BaseException) -> None:
        self.run.crashes.append(Crash(self.run.seed, self.run.events, self.start,
                                      self.screen, list(self.recent),
                                      "".join(traceback.format_exception(error))))

    def begin(self, name: str, scene: Scene) -> None:
        """Put the app into the starting state *name* (a crash here is recorded too)."""
        self.start = name
        try:
            scene(self.app)
        except Exception as exc:  # noqa: BLE001 - recorded and reported with the seed
            self._record(exc)
            scenes.scene_title(self.app)
        self.run.visited[self.screen] += 1

    def play(self, events: int, starts: list[tuple[str, Scene]] = STARTS) -> MonkeyRun:
        """Send *events* random events, shared out over *starts*; returns the run."""
        per_start = max(1, events // len(starts))
        for n, (name, scene) in enumerate(starts):
            self.begin(name, scene)
            goal = events if n == len(starts) - 1 else min(events, self.run.events + per_start)
            while self.run.events < goal:
                for _ in range(self.random.choice([1, 1, 1, 2, 3])):
                    self.send(self.event())
                self.frame()
                if self.screen == "crash":   # recorded: start this part again
                    self.begin(name, scene)
        return self.run


def _describe(event: pygame.event.Event) -> str:
    d = event.dict
    if event.type == pygame.KEYDOWN:
        return f"{pygame.key.name(d['key'])} mod={d['mod']}"
    if event.type == pygame.TEXTINPUT:
        return repr(d["text"])
    if event.type == pygame.VIDEORESIZE:
        return f"{d['w']}x{d['h']}"
    if event.type == pygame.MOUSEWHEEL:
        return f"y={d['y']}"
    return f"pos={d.get('pos')} button={d.get('button', '')}"


def isolate() -> str:
    """Send whatever the monkey makes the game write (saves, crash reports, kept settings,
    a classroom.toml in the current folder, screenshots) to a new temporary folder, and
    work there; returns it."""
    folder = tempfile.mkdtemp(prefix="parley-monkey-")
    for name, sub in (("PARLEY_SAVES", "saves"), ("PARLEY_LOGS", "logs"),
                      ("PARLEY_CONFIG", "config"), ("PARLEY_SCREENSHOTS", "screenshots")):
        os.environ[name] = os.path.join(folder, sub)
    os.chdir(folder)
    return folder


def main(argv: list[str] | None = None) -> int:
    """Replay a monkey run: ``python -m tools.monkey --seed 3 --events 2000``."""
    parser = argparse.ArgumentParser(description="Send random events to every screen.")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--events", type=int, default=2000)
    args = parser.parse_args(argv)
    # SDL reads these when the window opens, not when pygame is imported.
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    isolate()
    app = App(size=(1280, 720), seed=scenes.SEED)
    app.prefs.pace = "fast"
    try:
        run = Monkey(app, args.seed).play(args.events)
    finally:
        pygame.quit()
    print(f"{run.events} events, {run.frames} frames, screens: {dict(run.visited)}")
    for crash in run.crashes:
        print(crash)
    return 1 if run.crashes else 0


if __name__ == "__main__":
    sys.exit(main())
