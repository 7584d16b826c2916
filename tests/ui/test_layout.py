"""Every screen at 1024x600, 1280x720 and 1920x1080: no text runs out of its box, no two
widgets overlap, and nothing lies outside the window."""

from __future__ import annotations

import itertools

import pytest

from game.ui import text
from tools.screenshots import SCENES, settle

SIZES = [(1024, 600), (1280, 720), (1920, 1080)]


def check_screen(app, name: str) -> None:  # type: ignore[no-untyped-def]
    text.OVERFLOWS.clear()
    settle(app, 2)
    assert not text.OVERFLOWS, f"{name}: text does not fit: {text.OVERFLOWS[:5]}"
    window = app.window.get_rect()
    screen = app.top
    widgets = [w for w in screen.ring.widgets if w.visible and w.rect.w and w.rect.h]
    for widget in widgets:
        area = widget.clip or widget.rect
        assert window.contains(area), f"{name}: {type(widget).__name__} {widget.rect} " \
                                      f"leaves the window {window.size}"
    for a, b in itertools.combinations(widgets, 2):
        ra = a.rect.clip(a.clip) if a.clip else a.rect
        rb = b.rect.clip(b.clip) if b.clip else b.rect
        if ra.w and rb.w and rb.h and ra.h:
            assert not ra.colliderect(rb), f"{name}: {a.texts()[:1]} overlaps {b.texts()[:1]}"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_lays_out_cleanly(make_app, size) -> None:  # type: ignore[no-untyped-def]
    app = make_app(size=size, seed=7)
    for name, scene in SCENES:
        scene(app)
        check_screen(app, name)


def test_high_contrast_and_larger_text(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(size=(1280, 720), seed=7)
    app.prefs.high_contrast = True
    app.prefs.text_scale = 1.15
    app.restyle()
    for name, scene in SCENES:
        scene(app)
        check_screen(app, f"{name} (high contrast)")


def test_resizing_lays_the_table_out_again(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(size=(1280, 720), seed=7)
    dict(SCENES)["07_table"](app)
    for size in SIZES:
        app.resize(size)
        check_screen(app, f"table resized to {size}")
