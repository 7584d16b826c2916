"""The monkey test: 2,000 seeded random events across every screen, without an exception.

Replay a failure with ``python -m tools.monkey --seed N --events 2000`` (or set
PARLEY_MONKEY_SEED to run this test with another seed)."""

from __future__ import annotations

import os

import pygame
import pytest

from game.ui.app import typed_text
from tools.monkey import STARTS, Monkey
from tools.screenshots import scene_mode

from .conftest import press, type_text

SEED = int(os.environ.get("PARLEY_MONKEY_SEED", "20240806"))
EVENTS = 2000
#: The screen names every start leads to (the load screen is called "saves").
SCREENS = {"title", "scenarios", "mode", "briefing", "handover", "table", "pause",
           "settings", "saves", "debrief", "problems"}


@pytest.fixture(autouse=True)
def files_in_tmp(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Whatever the monkey writes (crash reports, kept settings, a classroom.toml in the
    current folder) goes to a temporary folder."""
    monkeypatch.setenv("PARLEY_LOGS", str(tmp_path / "logs"))
    monkeypatch.setenv("PARLEY_CONFIG", str(tmp_path / "config"))
    monkeypatch.setenv("PARLEY_SCREENSHOTS", str(tmp_path / "screenshots"))
    monkeypatch.chdir(tmp_path)


def test_random_events_on_every_screen_raise_nothing(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(seed=7)
    run = Monkey(app, SEED).play(EVENTS)
    assert not run.crashes, "\n\n".join(str(c) for c in run.crashes[:3])
    assert app.crashes == []
    assert run.events >= EVENTS
    assert SCREENS <= set(run.visited), f"never reached: {SCREENS - set(run.visited)}"
    assert len(STARTS) >= len(SCREENS)


def test_the_same_seed_sends_the_same_events(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(seed=7)
    first = Monkey(app, 5)
    second = Monkey(app, 5)
    for _ in range(50):
        a, b = first.event(), second.event()
        assert (a.type, a.dict) == (b.type, b.dict)


def test_zero_width_text_is_not_typed(make_app) -> None:  # type: ignore[no-untyped-def]
    """A team name of only a zero-width space made pygame_gui raise "Text has zero width"
    (the monkey found it)."""
    app = make_app()
    scene_mode(app)
    mode = app.top
    while mode.ring.focused is not mode.mode:
        press(app, pygame.K_UP)
    press(app, pygame.K_RIGHT)    # hot-seat: the team names can be typed
    press(app, pygame.K_TAB)
    for text in ("\u200b", "\u202e", "\ufeff", "\u00ad", "\x7f"):
        type_text(app, text)
    type_text(app, "Harbour\u200b")
    app.step(0.016)
    assert app.crashes == []
    assert mode.name == "mode"
    assert typed_text("e\u0301") == "\u00e9"
    assert typed_text("\u0e44\u0e17\u0e22") == "\u0e44\u0e17\u0e22"   # Thai stays Thai
