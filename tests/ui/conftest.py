"""Fixtures for the pygame front end: a hidden window under SDL's dummy drivers."""

from __future__ import annotations

import os

# Before pygame is imported anywhere: no real window, no sound device.
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

from collections.abc import Callable, Iterator  # noqa: E402

import pygame  # noqa: E402
import pytest  # noqa: E402

from game.ui import text  # noqa: E402
from game.ui.app import App  # noqa: E402


@pytest.fixture(autouse=True)
def saves_in_tmp(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Autosaves, kept settings and crash reports go to a temporary folder, never to the
    user's own."""
    monkeypatch.setenv("PARLEY_SAVES", str(tmp_path / "saves"))
    monkeypatch.setenv("PARLEY_CONFIG", str(tmp_path / "config"))
    monkeypatch.setenv("PARLEY_LOGS", str(tmp_path / "logs"))


@pytest.fixture
def make_app() -> Iterator[Callable[..., App]]:
    apps: list[App] = []

    def make(size: tuple[int, int] = (1280, 720), seed: int = 11) -> App:
        app = App(size=size, seed=seed)
        app.prefs.pace = "fast"
        apps.append(app)
        return app

    text.OVERFLOWS.clear()
    yield make
    for app in apps:
        app.close_gui()
    pygame.quit()


def press(app: App, key: int, mod: int = 0, unicode: str = "") -> None:
    """Post a key press and release, then run one frame."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=unicode,
                                         scancode=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode=unicode,
                                         scancode=0))
    app.step(0.016)


def type_text(app: App, value: str) -> None:
    for char in value:
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
    app.step(0.016)


def click(app: App, pos: tuple[int, int]) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(0, 0), buttons=(0, 0, 0)))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    app.step(0.016)


def wait_for_turn(app: App, max_frames: int = 3000) -> None:
    """Run frames (skipping the computer's pacing) until the player at the table may move."""
    table = app.top
    for _ in range(max_frames):
        if table.my_turn:
            return
        press(app, pygame.K_SPACE) if table.pending else app.step(0.05)
    raise AssertionError("the player's turn never came")


def seated_vs_computer(app: App, path=None):  # type: ignore[no-untyped-def]
    """From the title, a game of the scenario at *path* (default: the main one) against the
    computer, the player as the US, through to the table; returns the table."""
    from game.play.session import VS_COMPUTER
    from game.ui import flow

    scenario, _ = flow.load(path or flow.default_scenario_path())
    assert scenario is not None
    flow.start(app)
    flow.begin_game(app, scenario, VS_COMPUTER, human_side="us")
    while app.top.name != "table":
        press(app, pygame.K_RETURN)
    return app.top


def skip_to_turn(app: App, table, then: Callable[[], object] = lambda: None,  # type: ignore[no-untyped-def]
                 frames: int = 400) -> None:
    """Skip the computer's thinking and pacing, frame by frame, until the player at *table*
    may move (calling *then* after each frame, e.g. to seat the next team)."""
    for _ in range(frames):
        if table.my_turn:
            return
        table.think = 0
        table.skip()
        app.step(0.02)
        then()


def pick_side(app: App, side: str) -> None:
    """On the mode screen, choose *side* with the keyboard (no side is chosen at first):
    Up from Begin to the side row, then Right until it is chosen, then back down."""
    mode = app.top
    assert mode.name == "mode"
    for _ in range(10):
        if mode.ring.focused is mode.side:
            break
        press(app, pygame.K_UP)
    for _ in range(len(mode.side.values)):
        if mode.side.value == side:
            break
        press(app, pygame.K_RIGHT)
    assert mode.side.value == side
    while mode.ring.focused is not mode.begin:
        press(app, pygame.K_DOWN)


def header_lines(monkeypatch: pytest.MonkeyPatch, where: str | None = None) -> list[str]:
    """Every line the table's header draws from now on, as drawn (only the lines drawn for
    *where*, e.g. "status" or "link trouble", when given): a list that grows as frames are
    drawn."""
    from game.ui import table_panels

    said: list[str] = []
    real = table_panels.draw_line

    def draw_line(surface, font, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        spot = kwargs.get("where", args[4] if len(args) > 4 else "")
        if where is None or spot == where:
            said.append(text)
        return real(surface, font, text, *args, **kwargs)

    monkeypatch.setattr(table_panels, "draw_line", draw_line)
    return said
