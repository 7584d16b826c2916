"""Text: word wrapping, cached rendering, and the record of text that did not fit.

Every piece of text a screen shows goes through here, so that a surface is rendered once
and reused until its text, font or colour changes, and so that the tests can ask whether
any text ran out of its box (:data:`OVERFLOWS`).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from game.ui.theme import Fonts

#: Text that did not fit its box since the list was last cleared: (where, text).
OVERFLOWS: list[tuple[str, str]] = []

ELLIPSIS = "\u2026"


def report_overflow(where: str, text: str) -> None:
    if len(OVERFLOWS) < 1000:
        OVERFLOWS.append((where, text))


class SurfaceCache:
    """A bounded least-recently-used cache of rendered text surfaces."""

    def __init__(self, limit: int = 3000) -> None:
        self.limit = limit
        self._items: OrderedDict[tuple[object, ...], pygame.Surface] = OrderedDict()

    def render(self, font: pygame.font.Font, text: str,
               colour: pygame.Color | tuple[int, ...]) -> pygame.Surface:
        key = (id(font), text, tuple(colour))
        surface = self._items.get(key)
        if surface is None:
            try:
                surface = font.render(text, True, colour)
            except pygame.error:
                # Text of zero width (only format characters, say, from a save or a
                # scenario) makes the font refuse it: draw nothing rather than crash.
                surface = font.render("", True, colour)
            self._items[key] = surface
            if len(self._items) > self.limit:
                self._items.popitem(last=False)
        else:
            self._items.move_to_end(key)
        return surface

    def clear(self) -> None:
        self._items.clear()


CACHE = SurfaceCache()


def render(font: pygame.font.Font, text: str,
           colour: pygame.Color | tuple[int, ...]) -> pygame.Surface:
    """*text* on one line, from the cache."""
    return CACHE.render(font, text, colour)


def wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """*text* broken into lines no wider than *width* pixels (words longer than a line are
    broken between characters); newlines start new lines."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        line = ""
        for word in words:
            candidate = f"{line} {word}" if line else word
            if font.size(candidate)[0] <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while font.size(word)[0] > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and font.size(word[:cut])[0] > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


def fit(text: str, font: pygame.font.Font, width: int, where: str = "") -> str:
    """*text* as it fits on one line of *width* pixels; shortened with an ellipsis (and
    reported as an overflow) when it does not."""
    if font.size(text)[0] <= width:
        return text
    report_overflow(where or "line", text)
    while text and font.size(text + ELLIPSIS)[0] > width:
        text = text[:-1]
    return text + ELLIPSIS


def draw_line(surface: pygame.Surface, font: pygame.font.Font, text: str,
              colour: pygame.Color | tuple[int, ...], pos: tuple[int, int],
              width: int | None = None, align: str = "left", where: str = "") -> int:
    """Draw one line at *pos* (its top-left, or top-centre/right by *align*), shortened to
    *width* if given; returns the drawn width."""
    if width is not None:
        text = fit(text, font, width, where)
    image = render(font, text, colour)
    x, y = pos
    if align == "center":
        x -= image.get_width() // 2
    elif align == "right":
        x -= image.get_width()
    surface.blit(image, (x, y))
    return image.get_width()


@dataclass
class Span:
    """One paragraph of a text block, in one style."""

    text: str
    style: str = "body"          # a font role: small, body, heading, title
    colour: str = "text"         # a palette key
    bold: bool = False
    italic: bool = False
    gap: float = 0.5             # space after it, in lines
    indent: int = 0


def render_block(spans: list[Span], width: int, fonts: Fonts, palette: dict[str, pygame.Color],
                 background: pygame.Color | None = None) -> pygame.Surface:
    """Lay *spans* out once into one surface *width* pixels wide."""
    laid: list[tuple[pygame.Surface, int, int]] = []
    y = 0
    for span in spans:
        font = fonts.get(span.style, bold=span.bold, italic=span.italic)
        colour = palette[span.colour]
        height = font.get_linesize()
        for line in wrap(span.text, font, width - span.indent):
            if line:
                laid.append((font.render(line, True, colour), span.indent, y))
            y += height
        y += round(height * span.gap)
    surface = pygame.Surface((max(width, 1), max(y, 1)), pygame.SRCALPHA)
    if background is not None:
        surface.fill(background)
    for image, x, top in laid:
        surface.blit(image, (x, top))
    return surface
