"""The base of every screen, what a screen may ask of the window that shows it (its
:class:`Host`), the :class:`Destination` it names to send the player on, and drawing helpers
screens share.

The window (:class:`game.ui.app.App`) is a host without saying so: it has every member
:class:`Host` lists. Screens name the host, never the app, and the app is the one module
that builds the router and so every screen: with this module beneath both, no screen's
types tie it back to the app.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

import pygame

from game.settings import Settings
from game.ui.text import draw_line, fit, render, report_overflow, wrap
from game.ui.theme import Theme
from game.ui.widgets import FocusRing

if TYPE_CHECKING:
    import pygame_gui


@dataclass
class Preferences:
    """The player's display preferences (not part of the game record)."""

    text_scale: float = 1.0
    high_contrast: bool = False
    pace: str = "normal"


class Screen:
    """One screen of the stack: ``layout`` when the window or theme changes, then
    ``handle_event`` / ``update`` / ``draw`` every frame."""

    #: False for screens drawn over the one below (the pause menu).
    opaque = True
    #: The help line at the bottom of the screen.
    hint = "Tab or arrows: move   Enter: choose   Esc: back"
    #: A name for screenshots and tests.
    name = "screen"
    #: The least text size the window uses while this screen is on the stack (the demo's
    #: table is read from across a room); 0: the player's own.
    least_text_scale = 0.0

    def __init__(self, app: Host) -> None:
        self.app = app
        self.ring = FocusRing()
        self.size = (0, 0)

    @property
    def theme(self) -> Theme:
        return self.app.theme

    def layout(self, size: tuple[int, int]) -> None:
        """Place the widgets for a window of *size*; called on entry and on every change
        of window size, text size or theme."""
        self.size = size

    def enter(self) -> None:
        """Called when the screen comes to the top of the stack."""

    def leave(self) -> None:
        """Called when the screen leaves the stack (release pygame_gui elements here)."""

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.back()
            return
        self.ring.handle(event)

    def update(self, dt: float) -> bool:
        """Advance time; True when something changed that must be drawn again (events
        always cause a redraw; so does a slow heartbeat, for tooltips and cursors)."""
        self.ring.update(dt)
        return False

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(self.theme.c["background"])
        self.draw_content(surface)
        self.ring.draw(surface, self.theme)
        self.draw_hint(surface)
        if self.app.top is self:  # under a dialog, its tooltip would show behind it
            self.ring.draw_tooltip(surface, self.theme, self.tip_avoid())

    #: Whether the screen opens with a :func:`title_bar`, which tooltips then spare.
    titled = False

    def tip_avoid(self) -> list[pygame.Rect]:
        """What a tooltip should not cover, beyond the widgets: the help line of keys at
        the foot of the window (a tooltip sliced through it, a window playtest), and the
        title bar of a screen that has one (the mode screen's first row put its tip over
        the scenario's title, a window playtest)."""
        w, h = self.size
        avoid = []
        if self.key_hint():
            avoid.append(pygame.Rect(0, h - self.hint_height(), w, self.hint_height()))
        if self.titled:
            avoid.append(pygame.Rect(0, 0, w, title_height(self.theme)))
        return avoid

    def toast_area(self) -> pygame.Rect | None:
        """The part of the screen a message over it must keep within, standing on its
        bottom edge (None: at the top of the window, three fifths of it wide at most)."""
        return None

    def draw_content(self, surface: pygame.Surface) -> None:
        """What the screen draws under its widgets."""

    def key_hint(self) -> str:
        """The help line as it stands: what the keys do with the control in focus (a
        screen whose Enter does different things on different controls says which)."""
        return self.hint

    def draw_hint(self, surface: pygame.Surface) -> None:
        hint = self.key_hint()
        if not hint:
            return
        font = self.theme.fonts.get("small")
        w, h = surface.get_size()
        y = h - font.get_linesize() - self.theme.unit // 2
        draw_line(surface, font, hint, self.theme.c["muted"], (w // 2, y),
                  w - 2 * self.theme.unit, align="center", where=f"{self.name} hint")

    def content_top(self) -> int:
        """Where a menu screen's content starts, below its :func:`title_bar`."""
        fonts = self.theme.fonts
        return fonts.get("heading").get_linesize() + fonts.get("body").get_linesize() + \
            5 * self.theme.unit

    def row_height(self) -> int:
        """The height of a button or a row of settings: one line of body text, padded."""
        return self.theme.fonts.get("body").get_linesize() + 2 * self.theme.unit

    def hint_height(self) -> int:
        return self.theme.fonts.get("small").get_linesize() + self.theme.unit

    def back(self) -> None:
        self.app.pop()

    def texts(self) -> list[str]:
        return [t for w in self.ring.widgets for t in w.texts()]


#: What showing a destination gives back: the screen it makes, or a face of it.
Shown = TypeVar("Shown", bound=Screen)
_Shown_co = TypeVar("_Shown_co", bound=Screen, covariant=True)


class Destination(Generic[_Shown_co]):
    """A screen to show, as a value (the ones the window has are in
    :mod:`game.ui.navigation`). Its type parameter is what the caller gets back from
    :meth:`Host.push` and the like: ``Screen`` when no caller needs more, else a face of the
    screen that names no screen module."""


class Host(Protocol):
    """What a screen, or a flow of screens, may ask of the window that shows it: the look,
    the rules of the day and the player's preferences, the stack of screens, and a passing
    message. :class:`game.ui.app.App` is the host of every screen."""

    #: The rules of the day; the settings screen replaces them.
    settings: Settings

    @property
    def theme(self) -> Theme: ...

    @property
    def prefs(self) -> Preferences: ...

    @property
    def seed(self) -> int | None:
        """The seed of every game started here (None: a new one each game)."""
        ...

    @property
    def gui(self) -> pygame_gui.UIManager:
        """The manager of the pygame_gui elements (the team-name entries)."""
        ...

    @property
    def fullscreen(self) -> bool: ...

    @property
    def pace(self) -> float:
        """How long the computer's turns stay on screen, as a factor of the normal pace."""
        ...

    @property
    def stack(self) -> Sequence[Screen]:
        """The screens shown, bottom first."""
        ...

    @property
    def top(self) -> Screen | None: ...

    def push(self, to: Shown | Destination[Shown]) -> Shown:
        """Show *to* over the screen on top; returns its screen."""
        ...

    def replace(self, to: Shown | Destination[Shown]) -> Shown:
        """Show *to* in place of the screen on top; returns its screen."""
        ...

    def reset(self, to: Shown | Destination[Shown]) -> Shown:
        """Empty the stack and show *to*; returns its screen."""
        ...

    def rebase(self, to: Shown | Destination[Shown]) -> Shown:
        """Show *to* right above the first screen (the title); returns its screen."""
        ...

    def pop(self) -> None:
        """Leave the screen on top; the window closes when none is left."""
        ...

    def quit(self, code: int = 0) -> None: ...

    def toast(self, text: str, seconds: float | None = 2.5) -> None:
        """Show *text* over the screen for *seconds*."""
        ...

    def dismiss_toast(self) -> None:
        """Take the message off the screen now."""
        ...

    def invalidate(self) -> None:
        """Draw the next frame even if nothing seems to have changed."""
        ...

    def restyle(self) -> None:
        """Rebuild the theme for the current size and preferences, and lay out again."""
        ...

    def set_high_contrast(self, on: bool) -> None: ...

    def toggle_fullscreen(self) -> None: ...

    def use_scenario_theme(self, folder: Path | None) -> None:
        """Dress the window in the ``theme.json`` of *folder* (None: Parley's own)."""
        ...


def panel(surface: pygame.Surface, theme: Theme, rect: pygame.Rect, title: str = "",
          colour: str = "panel") -> int:
    """Draw a panel; returns the y where its content starts."""
    pygame.draw.rect(surface, theme.c[colour], rect, border_radius=8)
    pygame.draw.rect(surface, theme.c["border"], rect, 1, border_radius=8)
    if not title:
        return rect.y + theme.unit
    font = theme.fonts.get("small", bold=True)
    draw_line(surface, font, title.upper(), theme.c["muted"],
              (rect.x + theme.unit * 3 // 2, rect.y + theme.unit), rect.w - 3 * theme.unit,
              where="panel title")
    return rect.y + theme.unit + font.get_linesize() + theme.unit // 2


def paragraph(surface: pygame.Surface, font: pygame.font.Font, text: str,
              colour: pygame.Color, x: int, y: int, width: int, max_lines: int = 99,
              where: str = "paragraph") -> int:
    """Draw wrapped text; returns the y below it. Lines past *max_lines* are an overflow."""
    lines = wrap(text, font, width)
    if len(lines) > max_lines:
        report_overflow(where, text)
        lines = lines[:max_lines]
        lines[-1] = fit(lines[-1] + "\u2026", font, width)
    for line in lines:
        surface.blit(render(font, line, colour), (x, y))
        y += font.get_linesize()
    return y


def overlay_box(surface: pygame.Surface, theme: Theme, box: pygame.Rect,
                border: pygame.Color, width: int = 1) -> None:
    """Shade the screen below and draw the box a screen over the table shows (the pause
    menu, a question, a reload report)."""
    shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
    shade.fill(theme.c["overlay"])
    surface.blit(shade, (0, 0))
    pygame.draw.rect(surface, theme.c["panel"], box, border_radius=10)
    pygame.draw.rect(surface, border, box, width, border_radius=10)


def title_height(theme: Theme, subtitle: bool = True) -> int:
    """The y below a :func:`title_bar` (with a *subtitle* or not)."""
    fonts, u = theme.fonts, theme.unit
    return 4 * u + fonts.get("heading", bold=True).get_linesize() + \
        (fonts.get("body").get_linesize() if subtitle else 0)


def title_bar(surface: pygame.Surface, theme: Theme, title: str, subtitle: str = "") -> int:
    """The heading at the top of a menu screen; returns the y below it
    (:func:`title_height`)."""
    w = surface.get_width()
    u = theme.unit
    font = theme.fonts.get("heading", bold=True)
    y = u * 2
    draw_line(surface, font, title, theme.c["text"], (u * 3, y), w - 6 * u, where="title")
    y += font.get_linesize()
    if subtitle:
        small = theme.fonts.get("body")
        draw_line(surface, small, subtitle, theme.c["muted"], (u * 3, y), w - 6 * u,
                  where="subtitle")
        y += small.get_linesize()
    pygame.draw.line(surface, theme.c["border"], (u * 3, y + u), (w - u * 3, y + u))
    return title_height(theme, bool(subtitle))
