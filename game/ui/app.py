"""The window, the main loop and the stack of screens.

``run()`` is the entry point ``main.py`` calls; everything pygame needs (init, window,
fonts, pictures) happens in it, never at import.
"""

from __future__ import annotations

import gc
import logging
import math
import os
import time
import unicodedata
import warnings
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pygame

from game.crashlog import write_crash_log
from game.settings import Settings
from game.ui.navigation import JoinClass
from game.ui.screen import Destination, Preferences, Screen
from game.ui.text import CACHE, draw_line, render, wrap
from game.ui.theme import TEXT_SCALES, Theme, load_theme, load_theme_data

if TYPE_CHECKING:
    import pygame_gui

log = logging.getLogger(__name__)

MIN_SIZE = (1024, 600)
#: The window's size when none is asked for, if the screen has room for it.
DEFAULT_SIZE = (1280, 720)
#: Room left around a window for its title bar and the desktop's panels.
DESKTOP_MARGIN = (40, 80)
PACES = {"slow": 1.6, "normal": 1.0, "fast": 0.5}
#: Seconds between redraws when nothing happens (tooltips appear, cursors blink).
HEARTBEAT = 0.25

S = TypeVar("S", bound=Screen)


def typed_text(text: str) -> str:
    r"""*text* as typed, without control, format and line-separator characters.

    Format characters (zero-width space, direction overrides, soft hyphen, byte-order mark)
    have no width: a text entry holding only such a character made pygame_gui's font
    raise "Text has zero width" (found by the monkey test, seed 1). None of them belongs
    in a team name.

    >>> typed_text("Team\u200b A\u202e\x07")
    'Team A'
    """
    return "".join(ch for ch in unicodedata.normalize("NFC", text)
                   if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Zl", "Zp"))


class App:
    """The window and its stack of screens: the :class:`~game.ui.screen.Host` of every
    screen. Tests drive it with :meth:`step`."""

    def __init__(self, *, size: tuple[int, int] | None = (1280, 720),
                 fullscreen: bool = False, settings: Settings | None = None,
                 seed: int | None = None) -> None:
        """*size*: the window's size exactly (tests, pictures); None fits it to the screen
        (the game as players start it): :func:`fitted_size`."""
        self.started = time.perf_counter()
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(400, 40)
        if size is None:
            fitted = fitted_size(desktop_size())
            fullscreen = fullscreen or fitted is None
            size = fitted or MIN_SIZE
        self.windowed_size = (max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1]))
        self.fullscreen = fullscreen
        self.window = self._open_window()
        pygame.display.set_caption("Parley")
        self.settings = settings or Settings()
        self.prefs = Preferences()
        self.seed = seed
        self.theme_data, font_notice = load_theme()
        self.theme = Theme(self.theme_data, self.window.get_size())
        # pygame_gui (the text entries' manager, its theme and fonts) is made when a screen
        # first asks for it: the title has no text entry and comes up without it.
        self._gui: pygame_gui.UIManager | None = None
        self.stack: list[Screen] = []
        self.clock = pygame.time.Clock()
        self.running = True
        self.exit_code = 0
        self.frames = 0
        #: Frames actually drawn (a frame with no change is not drawn again).
        self.drawn = 0
        self._since_draw = HEARTBEAT
        self._toast: tuple[str, float] | None = None
        #: Where the message over the screen was last drawn (for the layout tests).
        self.toast_rect: pygame.Rect | None = None
        if font_notice:  # one of Parley's own fonts is damaged: said, and another used
            self.toast(font_notice, 10.0)
        #: Unexpected errors caught so far (the monkey test asserts there are none).
        self.crashes: list[BaseException] = []
        self._collect = False

    # ----- window -----------------------------------------------------------------------

    def _open_window(self) -> pygame.Surface:
        """The one window of the game, centred on the screen (full screen if asked)."""
        surface = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        self.os_window = os_window()
        self.os_window.position = pygame.WINDOWPOS_CENTERED
        if self.fullscreen:
            self.os_window.set_fullscreen(desktop=True)
            return display_surface()
        return surface

    @property
    def size(self) -> tuple[int, int]:
        return self.window.get_size()

    @property
    def gui(self) -> pygame_gui.UIManager:
        """The manager of the pygame_gui elements (the text entries), made at first use."""
        if self._gui is None:
            import pygame_gui
            self._gui = pygame_gui.UIManager(self.window.get_size(), self.theme.gui_theme())
        return self._gui

    def close_gui(self) -> None:
        """Let go of every pygame_gui element (a new manager is made when one is needed)."""
        if self._gui is not None:
            self._gui.clear_and_reset()
            self._gui = None

    def resize(self, size: tuple[int, int]) -> None:
        """Lay every screen out again for a window of *size* (at least 1024x600)."""
        size = (max(size[0], MIN_SIZE[0]), max(size[1], MIN_SIZE[1]))
        if not self.fullscreen:
            self.windowed_size = size
            if self.window.get_size() != size:
                self.os_window.size = size
                self.window = display_surface()
        self.restyle()

    def toggle_fullscreen(self) -> None:
        """Full screen on, or off, for the same window (never a new one): back in a
        window, it has its size again, centred."""
        self.fullscreen = not self.fullscreen
        if self.fullscreen:
            self.os_window.set_fullscreen(desktop=True)
        else:
            self.os_window.set_windowed()
            self.os_window.size = self.windowed_size
            self.os_window.position = pygame.WINDOWPOS_CENTERED
        self.window = display_surface()
        self.restyle()

    def text_scale(self) -> float:
        """The text size in use: the player's, or more while a screen on the stack asks
        for more (the demo)."""
        return max([self.prefs.text_scale, *(s.least_text_scale for s in self.stack)])

    def _rescale(self) -> None:
        """Restyle when the screens on the stack now ask for another text size."""
        if self.theme.text_scale != self.text_scale():
            self.restyle()

    def restyle(self) -> None:
        """Rebuild the theme for the current size and preferences, and re-lay out."""
        self.theme = Theme(self.theme_data, self.window.get_size(),
                           text_scale=self.text_scale(),
                           high_contrast=self.prefs.high_contrast)
        CACHE.clear()
        for screen in self.stack:
            screen.leave()
        self.close_gui()
        for screen in self.stack:
            screen.layout(self.window.get_size())
        self.invalidate()

    def use_scenario_theme(self, folder: Path | None) -> None:
        """Let a scenario's ``theme.json`` override the look (None: Parley's own); what is
        wrong with it is left out (the caller tells the player: see ``flow.use_theme``)."""
        data = load_theme_data(folder)
        if data != self.theme_data:
            self.theme_data = data
            self.restyle()

    def scale_text(self, step: int) -> None:
        scales = list(TEXT_SCALES)
        here = min(range(len(scales)), key=lambda n: abs(scales[n] - self.prefs.text_scale))
        new = scales[max(0, min(len(scales) - 1, here + step))] if step else 1.0
        if new != self.prefs.text_scale:
            self.prefs.text_scale = new
            self.restyle()
        self.toast(f"Text size {new:.0%}")

    def set_high_contrast(self, on: bool) -> None:
        if on != self.prefs.high_contrast:
            self.prefs.high_contrast = on
            self.restyle()

    @property
    def pace(self) -> float:
        return PACES.get(self.prefs.pace, 1.0)

    def invalidate(self) -> None:
        """Draw the next frame even if nothing seems to have changed."""
        self._since_draw = HEARTBEAT

    # ----- the stack --------------------------------------------------------------------
    # Screens go where they are sent only through these: a screen names a destination
    # (game.ui.navigation) and the router builds the screen for it. A screen already
    # built (a test's, say) is shown as it is.

    @property
    def top(self) -> Screen | None:
        return self.stack[-1] if self.stack else None

    def _screen(self, to: S | Destination[S]) -> S:
        if not isinstance(to, Destination):
            return to
        # The screens (and the game's model under them) are imported at the first one
        # shown, after the window's first frame: see first_frame().
        from game.ui.router import screen_for
        return screen_for(self, to)

    def push(self, to: S | Destination[S]) -> S:
        """Show *to* over the screen on top; returns its screen."""
        screen = self._screen(to)
        self.invalidate()
        # A screen that left holds its pictures in reference cycles (buttons bound to its
        # methods), which Python's collector frees only rarely: over a long session the
        # window grew by 65 MB of dead games. A new full screen is the moment to free them.
        self._collect = self._collect or screen.opaque
        self.stack.append(screen)
        screen.layout(self.size)
        screen.enter()
        self._rescale()
        return screen

    def pop(self) -> None:
        """Leave the screen on top (back); the window closes when none is left."""
        self.invalidate()
        if self.stack:
            self.stack.pop().leave()
        if not self.stack:
            self.quit()
        elif self.top is not None:
            self._rescale()
            self.top.enter()

    def replace(self, to: S | Destination[S]) -> S:
        """Show *to* in place of the screen on top; returns its screen."""
        screen = self._screen(to)
        if self.stack:
            self.stack.pop().leave()
        return self.push(screen)

    def reset(self, to: S | Destination[S]) -> S:
        """Empty the stack and show *to* (quit to title, say); returns its screen. A game
        that can be closed (a table on a class server: its connection) is closed."""
        screen = self._screen(to)
        while self.stack:
            left = self.stack.pop()
            left.leave()
            close = getattr(getattr(left, "session", None), "close", None)
            if callable(close):
                close()
        return self.push(screen)

    def rebase(self, to: S | Destination[S]) -> S:
        """Leave every screen above the first (the title) and show *to* on it: a game
        that starts or resumes sits right above the title, so that leaving it goes back
        there. Returns its screen."""
        screen = self._screen(to)
        while len(self.stack) > 1:
            self.stack.pop().leave()
        return self.push(screen)

    def quit(self, code: int = 0) -> None:
        """End the loop with exit *code* (the window closes when :meth:`loop` returns)."""
        self.running = False
        self.exit_code = code

    def run_again(self) -> None:
        """Take back a :meth:`quit`: for a tool that drives one window through many
        sessions and carries on when one of them quits."""
        self.running = True
        self.exit_code = 0

    # ----- the loop ---------------------------------------------------------------------

    def toast(self, text: str, seconds: float | None = 2.5) -> None:
        """Show *text* over the screen for *seconds* (None: until :meth:`dismiss_toast`, as
        a warning that waits for a second press stays)."""
        self._toast = (text, math.inf if seconds is None else time.monotonic() + seconds)
        self.invalidate()

    @property
    def toast_text(self) -> str | None:
        """The message showing over the screen, if any."""
        return self._toast[0] if self._toast is not None else None

    def dismiss_toast(self) -> None:
        """Take the message off the screen now (before a screenshot, say)."""
        self._toast = None
        self.invalidate()

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.quit()
            return
        if event.type == pygame.TEXTINPUT:
            text = typed_text(event.text)
            if not text:
                return
            event = pygame.event.Event(pygame.TEXTINPUT, {**event.dict, "text": text})
        if event.type == pygame.VIDEORESIZE and not self.fullscreen:
            if event.size != self.windowed_size:
                self.resize(event.size)
            return
        if event.type == pygame.KEYDOWN:
            ctrl = event.mod & pygame.KMOD_CTRL
            if event.key == pygame.K_F11:
                self.toggle_fullscreen()
                return
            if event.key == pygame.K_F12:
                self.screenshot()
                return
            if ctrl and event.key in (pygame.K_EQUALS, pygame.K_PLUS, pygame.K_KP_PLUS):
                self.scale_text(1)
                return
            if ctrl and event.key in (pygame.K_MINUS, pygame.K_KP_MINUS):
                self.scale_text(-1)
                return
            if ctrl and event.key in (pygame.K_0, pygame.K_KP0):
                self.scale_text(0)
                return
        if self.top is not None:
            self.top.handle_event(event)

    def step(self, dt: float) -> None:
        """One frame: events, update, draw. An unexpected error in any of them shows the
        crash screen instead of closing the window (see :meth:`crashed`)."""
        try:
            self._step(dt)
        except Exception as exc:  # noqa: BLE001 - the boundary where any fault is caught
            self.crashed(exc)

    def _step(self, dt: float) -> None:
        events = pygame.event.get()
        for event in events:
            self.handle(event)
            if not self.running:
                return
        top = self.top
        if top is None:
            return
        changed = top.update(dt)
        if self._gui is not None:
            self._gui.update(dt)
        self.frames += 1
        self._since_draw += dt
        # Nothing is drawn again that did not change: a frame with no event and no change
        # costs almost nothing (the heartbeat lets tooltips and the text cursor appear). A
        # message is drawn with the screen, and once more when its time is up, to go.
        expired = self._toast is not None and time.monotonic() > self._toast[1]
        if events or changed or expired or self._since_draw >= HEARTBEAT:
            self.draw(self.window)
            pygame.display.flip()
            self.drawn += 1
            self._since_draw = 0.0
        if self._collect:
            self._collect = False
            gc.collect()

    def crashed(self, error: Exception) -> None:
        """Handle an unexpected error: stop the game saving (its autosave, written after
        the last good move, must not be overwritten by a broken state), write a crash
        report to the log folder, and show the crash screen alone on the stack with
        Parley's own theme. An error in the crash screen itself closes the window."""
        from game.ui.crash_report import CrashReport, autosave_path, crash_context, \
            find_session
        from game.ui.navigation import Crash
        self.crashes.append(error)
        log.error("unexpected error in the front end", exc_info=error)
        failed_screen = self.top
        context = crash_context(self.stack)
        if failed_screen is not None and failed_screen.name == "crash":
            write_crash_log(error, {**context, "note": "the crash screen itself failed"})
            self.quit(1)
            return
        session = find_session(self.stack)
        save_path = autosave_path(session) if session is not None else None
        moves = len(session.game.moves) if session is not None else 0
        for screen in self.stack:
            stale = getattr(screen, "session", None)
            if stale is not None:
                stale.stop_saving()
        log_path = write_crash_log(error, context)
        report = CrashReport(error, failed_screen.name if failed_screen else "start",
                             log_path, save_path if save_path and save_path.is_file() else None,
                             moves)
        while self.stack:
            screen = self.stack.pop()
            try:
                screen.leave()
            except Exception:  # noqa: BLE001 - a broken screen must not stop the report
                log.exception("leaving %s after a crash", screen.name)
        pygame.event.clear()
        self._toast = None
        try:
            # A scenario's theme may be what broke: the crash screen uses Parley's own.
            self.theme_data = load_theme_data()
            self.restyle()
            self.push(Crash(report))
        except Exception as again:  # noqa: BLE001
            log.critical("the crash screen failed", exc_info=again)
            write_crash_log(again, {**context, "note": "the crash screen failed to open"})
            self.quit(1)

    def draw(self, surface: pygame.Surface) -> None:
        first = len(self.stack) - 1
        while first > 0 and not self.stack[first].opaque:
            first -= 1
        for screen in self.stack[first:]:
            screen.draw(surface)
        if self._gui is not None:
            self._gui.draw_ui(surface)
        self._draw_toast(surface)

    def _draw_toast(self, surface: pygame.Surface) -> None:
        if self._toast is None:
            return
        text, until = self._toast
        if time.monotonic() > until:
            self._toast = None
            return
        font = self.theme.fonts.get("body")
        # A long message (a path, a problem in a file) wraps rather than leaving the window,
        # in a box no wider than most of it (a warning across the whole table, flush with
        # its edge, hid every panel at once: a window playtest).
        u = self.theme.unit
        width = min(surface.get_width() - 8 * u, max(surface.get_width() * 3 // 5, 480))
        top = self.top
        area = top.toast_area() if top is not None else None
        if area is None:
            lines = wrap(text, font, width)[:6]
        else:
            # Kept to a part of the screen: as many lines as it holds, in the small font
            # when the body's would not fit them all (the instructions at the end of a
            # warning must show).
            width = max(area.w - 24, 8 * u)
            for size in ("body", "small"):
                font = self.theme.fonts.get(size)
                lines = wrap(text, font, width)
                most = max(1, (area.h - 12) // font.get_linesize())
                if len(lines) <= most:
                    break
            lines = lines[:most]
        images = [render(font, line, self.theme.c["text"]) for line in lines if line]
        if not images:
            return
        box = pygame.Rect(0, 0, max(i.get_width() for i in images),
                          font.get_linesize() * len(images))
        if area is not None:
            box.midbottom = area.midbottom
            # Its frame (12 and 6 pixels round the text) stays a unit inside the window.
            box.clamp_ip(surface.get_rect().inflate(-24 - 2 * u, -12 - 2 * u))
        else:
            box.midtop = (surface.get_width() // 2, self.theme.unit * 2)
        self.toast_rect = box.inflate(24, 12)
        pygame.draw.rect(surface, self.theme.c["panel_alt"], box.inflate(24, 12),
                         border_radius=6)
        pygame.draw.rect(surface, self.theme.c["accent"], box.inflate(24, 12), 1,
                         border_radius=6)
        for n, image in enumerate(images):
            surface.blit(image, image.get_rect(midtop=(box.centerx,
                                                       box.y + n * font.get_linesize())))

    def screenshot(self, path: Path | None = None) -> Path:
        """Save the window as a PNG (F12); returns where."""
        if path is None:
            folder = Path(os.environ.get("PARLEY_SCREENSHOTS", Path.cwd() / "screenshots"))
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / time.strftime("parley-%Y%m%d-%H%M%S.png")
        pygame.image.save(self.window, str(path))
        self.toast(f"Screenshot saved: {path}")
        return path

    def first_frame(self) -> None:
        """Show the game's name at once, before the screens, the scenarios and the saves
        are read (a launch on a slow machine shows a window within half a second)."""
        surface = self.window
        t = self.theme
        w, h = surface.get_size()
        surface.fill(t.c["background"])
        title = t.fonts.get("title", bold=True)
        y = h // 2 - title.get_linesize()
        draw_line(surface, title, "Parley", t.c["accent"], (w // 2, y), w, align="center",
                  where="first frame")
        draw_line(surface, t.fonts.get("body"), "Opening the negotiating table\u2026",
                  t.c["muted"], (w // 2, y + title.get_linesize() + t.unit), w,
                  align="center", where="first frame")
        pygame.display.flip()

    def loop(self) -> int:
        while self.running:
            dt = self.clock.tick(60) / 1000.0
            self.step(min(dt, 0.1))
        return self.exit_code


def desktop_size() -> tuple[int, int]:
    """The size of the screen the window opens on."""
    sizes = pygame.display.get_desktop_sizes()
    return sizes[0] if sizes else DEFAULT_SIZE


def fitted_size(desktop: tuple[int, int]) -> tuple[int, int] | None:
    """The window's size on a screen of *desktop* size: 1280x720 where it fits with room
    for the title bar and the desktop's panels, else as large as fits; None when even the
    smallest window the game lays out (1024x600) would not fit, and full screen is used.

    >>> fitted_size((1920, 1080)), fitted_size((1280, 800)), fitted_size((1024, 600))
    ((1280, 720), (1240, 720), None)
    """
    room = (desktop[0] - DESKTOP_MARGIN[0], desktop[1] - DESKTOP_MARGIN[1])
    if room[0] < MIN_SIZE[0] or room[1] < MIN_SIZE[1]:
        return None
    return min(DEFAULT_SIZE[0], room[0]), min(DEFAULT_SIZE[1], room[1])


def display_surface() -> pygame.Surface:
    """The window's surface (the same object while the window is open)."""
    surface = pygame.display.get_surface()
    assert surface is not None, "the window is open"
    return surface


def os_window() -> pygame.Window:
    """The window the display module opened, as a window that can be moved, resized and
    made full screen in place."""
    with warnings.catch_warnings():
        # pygame-ce prefers new code to draw through Window.get_surface; the game draws
        # through the display module's surface, which stays the same object.
        warnings.simplefilter("ignore", DeprecationWarning)
        return pygame.Window.from_display_module()


def run(scenario_path: str | None = None, *, demo: bool = False,
        settings: Settings | None = None, size: tuple[int, int] | None = None,
        fullscreen: bool = False, join: JoinClass | None = None, side: str | None = None,
        seed: int | None = None, load: Path | None = None) -> int:
    """Open the window and play until the player quits; returns the exit code.

    *scenario_path* starts with that scenario chosen (its problems, if any, are shown on
    screen); *demo* goes straight to a computer-against-computer game of it (or of the
    default scenario); *side* (a side id, or "both") starts at the game's setup with it
    chosen; *seed* seeds the games begun in this window; *load* goes on with a saved
    game."""
    app = App(size=size, fullscreen=fullscreen, settings=settings, seed=seed)
    app.first_frame()
    try:
        try:
            from game.ui import flow
            flow.start(app, scenario_path, demo=demo, join=join, side=side, save=load)
        except Exception as exc:  # noqa: BLE001 - shown on the crash screen like any other
            app.crashed(exc)
        return app.loop()
    finally:
        app.close_gui()
        pygame.quit()
