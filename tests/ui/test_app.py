"""The window itself: screens that leave are freed at once, not kept by reference cycles."""

from __future__ import annotations

import gc
import weakref

from tools.screenshots import scene_table, scene_title


def test_a_screen_that_left_is_freed_at_the_next_frame(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(seed=7)
    scene_table(app)
    table = weakref.ref(app.top)
    assert table() is not None
    gc.disable()   # only the window's own collection may free it
    try:
        scene_title(app)
        app.step(0.02)
        assert table() is None, "the table that left is still alive"
    finally:
        gc.enable()
