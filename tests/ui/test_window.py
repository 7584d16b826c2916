"""The window: it opens within the screen and centred, and F11 makes that same window full
screen and back."""

from __future__ import annotations

import pygame

from game.ui import app as app_module
from game.ui.app import MIN_SIZE, App, fitted_size
from tests.ui.conftest import press


def test_the_window_fits_the_screen_it_opens_on() -> None:
    assert fitted_size((1920, 1080)) == (1280, 720)
    width, height = fitted_size((1280, 720)) or (0, 0)
    assert (width, height) == (1240, 640)
    assert width >= MIN_SIZE[0] and height >= MIN_SIZE[1]
    # A netbook's screen: no window of the smallest size fits beside the desktop's panels.
    assert fitted_size((1024, 600)) is None
    assert fitted_size((1366, 768)) == (1280, 688)


def test_a_window_opened_without_a_size_is_centred_within_the_screen(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(app_module, "desktop_size", lambda: (1280, 720))
    app = App(size=None)
    try:
        desktop = pygame.display.get_desktop_sizes()[0]
        x, y = app.os_window.position
        w, h = app.os_window.size
        assert (w, h) == (1240, 640) and not app.fullscreen
        assert abs(x - (desktop[0] - w) // 2) <= 1 and abs(y - (desktop[1] - h) // 2) <= 1
    finally:
        app.close_gui()
        pygame.quit()


def test_a_screen_too_small_for_a_window_opens_the_game_full_screen(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(app_module, "desktop_size", lambda: (1024, 600))
    app = App(size=None)
    try:
        assert app.fullscreen
        assert app.window.get_size() == pygame.display.get_desktop_sizes()[0]
    finally:
        app.close_gui()
        pygame.quit()


def test_f11_toggles_full_screen_on_the_same_window(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(size=(1100, 620))
    window, surface = app.os_window, app.window
    desktop = pygame.display.get_desktop_sizes()[0]
    press(app, pygame.K_F11)
    assert app.fullscreen and app.os_window is window
    assert app.window.get_size() == desktop and app.theme.size == desktop
    press(app, pygame.K_F11)
    assert not app.fullscreen and app.os_window is window and app.window is surface
    assert app.window.get_size() == (1100, 620) and app.theme.size == (1100, 620)
    x, y = window.position
    assert abs(x - (desktop[0] - 1100) // 2) <= 1 and abs(y - (desktop[1] - 620) // 2) <= 1
    assert pygame.display.get_surface() is surface


def test_the_first_frame_comes_before_the_game_is_read(make_app) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys
    from pathlib import Path
    # The window module brings neither the screens nor the scenario model with it: they
    # are read after the first frame.
    code = ("import sys; from game.ui.app import App; "
            "print(sorted(m for m in ('game.model', 'game.ui.router', 'game.ui.flow', "
            "'game.engine', 'pydantic') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=Path(__file__).resolve().parents[2],
                          env={**__import__("os").environ, "SDL_VIDEODRIVER": "dummy"})
    assert done.stdout.strip() == "[]"
    app = make_app()
    app.first_frame()
    colours = {tuple(app.window.get_at((x, app.window.get_height() // 2 - 20)))
               for x in range(0, app.window.get_width(), 3)}
    assert len(colours) > 1  # the game's name is drawn
