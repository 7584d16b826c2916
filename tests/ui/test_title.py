"""The title screen: its buttons stay where they are when a game can be resumed, at every
window size and text size, and it shows the negotiating table."""

from __future__ import annotations

import pygame
import pytest

from game.ui import art, title as title_module
from game.ui.theme import TEXT_SCALES
from game.ui.title import TitleScreen
from tools.screenshots import new_game, play_turns, seat_players, settle, skip_all

SIZES = [(1024, 600), (1280, 720), (1920, 1080)]


def test_the_buttons_stay_put_when_a_game_can_be_resumed(make_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    new_game(app)
    seat_players(app)
    play_turns(app, 2)
    skip_all(app)
    unfinished = title_module.unfinished_game()
    assert unfinished is not None
    for size in SIZES:
        app.resize(size)
        for scale in TEXT_SCALES:
            app.prefs.text_scale = scale
            app.restyle()
            with_resume = app.reset(TitleScreen(app))
            assert with_resume.resume is not None
            monkeypatch.setattr(title_module, "unfinished_game", lambda: None)
            without = app.reset(TitleScreen(app))
            monkeypatch.setattr(title_module, "unfinished_game", lambda: unfinished)
            assert without.resume is None
            where = f"{size} at {round(scale * 100)}%"
            for a, b in zip(without.buttons, with_resume.buttons[1:]):
                assert a.label == b.label
                assert a.rect == b.rect, f"{a.label!r} moved at {where}: {a.rect} -> {b.rect}"
            # The resume button sits above the others, in the window.
            resume = with_resume.resume.rect
            assert resume.bottom <= with_resume.start.rect.top
            assert resume.top >= 0 and app.window.get_rect().contains(resume), where


def test_the_title_shows_the_table_drawn_once(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(size=(1280, 720))
    art.forget()
    title = app.reset(TitleScreen(app))
    settle(app, 2)
    assert len([k for k in art._kept if k[0] == "scene"]) == 1  # noqa: SLF001
    settle(app, 3)
    assert len([k for k in art._kept if k[0] == "scene"]) == 1  # noqa: SLF001
    # The band above the buttons is not empty: the picture is in it.
    band = pygame.Rect(0, title.start.rect.top - 80, 1280, 60)
    background = app.theme.c["background"]
    colours = {tuple(app.window.get_at((x, y)))[:3] for x in range(band.x, band.right, 8)
               for y in range(band.y, band.bottom, 4)}
    assert len(colours - {tuple(background)[:3]}) > 20


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_title_picture_never_covers_the_buttons(make_app, size) -> None:  # type: ignore[no-untyped-def]
    app = make_app(size=size)
    title = app.reset(TitleScreen(app))
    settle(app, 1)
    first = min(b.rect.top for b in title.buttons)
    # Just above the first button the screen is background: the picture ends before it.
    row = first - app.theme.unit + 1
    background = tuple(app.theme.c["background"])[:3]
    assert all(tuple(app.window.get_at((x, row)))[:3] == background
               for x in range(0, size[0], 16))


def test_left_and_right_step_along_the_buttons_as_the_hint_says(make_app) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import press

    app = make_app()
    screen = app.reset(TitleScreen(app))
    assert "arrows" in screen.hint
    labels = [b.label for b in screen.buttons]
    choose, load = labels.index("Choose a scenario"), labels.index("Load a game")
    screen.ring.focus(screen.buttons[choose])
    press(app, pygame.K_RIGHT)
    assert screen.ring.focused is screen.buttons[load]
    press(app, pygame.K_LEFT)
    assert screen.ring.focused is screen.buttons[choose]
    assert app.top is screen  # moving starts nothing
