"""Every screen at 1024x600, 1280x720 and 1920x1080 and at every text size from 80% to
150%: no text runs out of its box, no two widgets overlap, nothing lies outside the window,
no row of a scrolled list is cut at its edge, and no panel of the table is squeezed out or
overlaps another."""

from __future__ import annotations

import itertools

import pytest

from game.ui import text
from game.ui.theme import TEXT_SCALES
from tools.screenshots import SCENES, settle

SIZES = [(1024, 600), (1280, 720), (1920, 1080)]


def check_screen(app, name: str) -> None:  # type: ignore[no-untyped-def]
    text.OVERFLOWS.clear()
    settle(app, 2)
    assert not app.crashes, f"{name}: {app.crashes[0]!r}"
    assert not text.OVERFLOWS, f"{name}: text does not fit: {text.OVERFLOWS[:5]}"
    window = app.window.get_rect()
    screen = app.top
    panels = getattr(screen, "panels", None)
    if panels is not None:
        rects = panels()
        line = app.theme.fonts.get("small").get_linesize()
        for label, rect in rects.items():
            assert rect.h >= line and rect.w >= 4 * line, f"{name}: {label} is squeezed {rect}"
            assert window.contains(rect), f"{name}: {label} {rect} leaves the window"
        for (la, ra), (lb, rb) in itertools.combinations(rects.items(), 2):
            if {la, lb} != {"agenda", "agenda rows"}:
                assert not ra.colliderect(rb), f"{name}: {la} overlaps {lb}"
    widgets = [w for w in screen.ring.widgets if w.visible and w.rect.w and w.rect.h]
    for widget in widgets:
        area = widget.clip or widget.rect
        assert window.contains(area), f"{name}: {type(widget).__name__} {widget.rect} " \
                                      f"leaves the window {window.size}"
    for widget in widgets:
        # A widget in a scrolled list shows whole or not at all: never cut at the list's edge.
        if widget.clip is not None and widget.rect.colliderect(widget.clip):
            assert widget.clip.contains(widget.rect), \
                f"{name}: {widget.texts()[:1]} {widget.rect} is cut by its list {widget.clip}"
    for a, b in itertools.combinations(widgets, 2):
        ra = a.rect.clip(a.clip) if a.clip else a.rect
        rb = b.rect.clip(b.clip) if b.clip else b.rect
        if ra.w and rb.w and rb.h and ra.h:
            assert not ra.colliderect(rb), f"{name}: {a.texts()[:1]} overlaps {b.texts()[:1]}"


@pytest.mark.parametrize("scale", TEXT_SCALES, ids=lambda x: f"{round(x * 100)}%")
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_lays_out_cleanly(make_app, size, scale) -> None:  # type: ignore[no-untyped-def]
    app = make_app(size=size, seed=7)
    app.prefs.text_scale = scale
    app.restyle()
    for name, scene in SCENES:
        scene(app)
        check_screen(app, f"{name} at {round(scale * 100)}%")


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


def test_the_check_finds_overlapping_panels(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(size=(1024, 600), seed=7)
    dict(SCENES)["07_table"](app)
    table = app.top
    settle(app, 1)
    table.quote_rect.y = table.log_rect.bottom - 10
    table.layout = lambda size: None  # keep the damage through the frames drawn
    with pytest.raises(AssertionError, match="log overlaps source"):
        check_screen(app, "table")


@pytest.mark.parametrize("scale", [1.3, 1.5], ids=["130%", "150%"])
def test_agenda_rows_show_whole_however_they_scroll(make_app, scale) -> None:  # type: ignore[no-untyped-def]
    import pygame
    app = make_app(size=(1024, 600), seed=7)
    app.prefs.text_scale = scale
    app.restyle()
    dict(SCENES)["07_table"](app)
    table = app.top
    agenda = table.agenda
    assert any(agenda.scrolls), "the rows scroll at this size (else this test shows nothing)"
    rows = agenda.rows
    # Down through every row with the keyboard, then the wheel both ways.
    for row in [*rows, *reversed(rows)]:
        table.ring.focus(row)
        agenda.keep_visible(row)
        check_screen(app, f"agenda at row {row.label}")
        assert agenda.rows_rect.contains(row.rect), f"the focused row {row.label} is hidden"
    for dy in (-1, -1, -1, 1, 1, 1, -5, 5):
        agenda.wheel(dy)
        check_screen(app, f"agenda wheeled {dy}")
    shown = [r for r in rows if agenda.rows_rect.contains(r.rect)]
    assert shown and all(not agenda.rows_rect.colliderect(r.rect) for r in rows
                         if r not in shown)
    assert pygame.Rect(agenda.rows_rect).bottom <= agenda.utility_y


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_issue_of_the_main_scenario_shows_while_a_package_is_built(make_app, size) -> None:  # type: ignore[no-untyped-def]
    # The copy button sits in the agenda's title row, so that even the smallest window
    # shows all six issues at once, with a proposal on the table (a player should not
    # propose without seeing an issue).
    app = make_app(size=size, seed=7)
    dict(SCENES)["07_table"](app)
    table = app.top
    agenda = table.agenda
    assert agenda.table is not None and len(agenda.rows) == 6
    check_screen(app, "table")
    assert not any(agenda.scrolls)
    assert all(agenda.rows_rect.contains(row.rect) for row in agenda.rows)
    title_row = agenda.rect.y + app.theme.unit + app.theme.fonts.get("small").get_linesize()
    assert agenda.copy.rect.bottom <= title_row + app.theme.unit


@pytest.mark.parametrize("scale", [1.0, 1.5], ids=lambda x: f"{round(x * 100)}%")
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_shipped_briefing_lays_out_cleanly(make_app, size, scale) -> None:  # type: ignore[no-untyped-def]
    """The briefing of each side of each shipped scenario, not only the main one's US: a
    student at 1024x600 saw Russia's February delegation cut off under its picture."""
    from game.library import shipped_scenarios
    from game.ui import flow
    from game.ui.navigation import Title

    app = make_app(size=size, seed=7)
    app.prefs.text_scale = scale
    app.restyle()
    for path in shipped_scenarios():
        scenario, error = flow.load(path)
        assert scenario is not None, error
        for side in scenario.side_ids:
            app.reset(Title())
            flow.begin_game(app, scenario, "computer", human_side=side,
                            teams={side: "Team Harbour"})
            check_screen(app, f"briefing of {scenario.id} for {side}")
