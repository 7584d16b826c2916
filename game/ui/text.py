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
            except UnicodeError:
                # Half a character (a lone surrogate) cannot be drawn: a "?" is.
                surface = font.render(text.encode("utf-8", "replace").decode("utf-8"), True,
                                      colour)
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


def advances(font: pygame.font.Font, text: str) -> list[int]:
    """How far each character of *text* moves the pen, in pixels (one call to the font
    for the whole text: linear in its length)."""
    try:
        metrics = font.metrics(text)
    except (pygame.error, ValueError, UnicodeError):
        metrics = [None] * len(text)
    if len(metrics) != len(text):
        metrics = [None] * len(text)
    widths = []
    for char, metric in zip(text, metrics):
        if metric is not None:
            widths.append(metric[4])
            continue
        try:
            widths.append(font.size(char)[0])
        except (pygame.error, ValueError, UnicodeError):
            widths.append(0)
    return widths


def _width(font: pygame.font.Font, text: str) -> int:
    try:
        return font.size(text)[0]
    except (pygame.error, ValueError, UnicodeError):
        return sum(advances(font, text))


def fitting(font: pygame.font.Font, text: str, width: int, suffix: str = "",
            widths: list[int] | None = None) -> int:
    """How many characters of *text*, from its start, fit in *width* pixels followed by
    *suffix* (at least one when *suffix* is empty and *text* is not, so that text always
    moves on). *widths* are the characters' :func:`advances`, when known.

    The characters' advances give the answer in one pass; the font then checks it (kerning
    may make the whole a pixel or two narrower or wider than the sum), by halving when it
    is too wide, so the time stays near linear in the length of what fits."""
    if not text:
        return 0
    widths = widths if widths is not None else advances(font, text)
    room = width - (_width(font, suffix) if suffix else 0)
    total, count = 0, 0
    for advance in widths:
        if total + advance > room:
            break
        total += advance
        count += 1
    if count and _width(font, text[:count] + suffix) > width:
        low, high = 0, count          # text[:low] fits, text[:high] does not
        while high - low > 1:
            middle = (low + high) // 2
            if _width(font, text[:middle] + suffix) <= width:
                low = middle
            else:
                high = middle
        count = low
    for _ in range(4):                # a few more when kerning made room for them
        if count < len(text) and _width(font, text[:count + 1] + suffix) <= width:
            count += 1
        else:
            break
    return count if count or suffix else 1


def wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """*text* broken into lines no wider than *width* pixels (words longer than a line are
    broken between characters); newlines start new lines.

    The time is linear in the length of *text* (for a given width): a word longer than a
    line is measured once and cut where its characters' advances say, never by trying
    shorter and shorter pieces; a line never holds more characters than *width* has pixels
    (only characters of no width could make it do so)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if len(candidate) <= max(width, 1) and _width(font, candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            if len(word) > max(width, 1) or _width(font, word) > width:
                widths = advances(font, word)
                start = 0
                while start < len(word):
                    count = fitting(font, word[start:start + max(width, 1)], width,
                                    widths=widths[start:start + max(width, 1)])
                    if start + count >= len(word):
                        break
                    lines.append(word[start:start + count])
                    start += count
                word = word[start:]
            line = word
        lines.append(line)
    return lines


def fit(text: str, font: pygame.font.Font, width: int, where: str = "") -> str:
    """*text* as it fits on one line of *width* pixels; shortened with an ellipsis (and
    reported as an overflow) when it does not."""
    if len(text) <= max(width, 1) and _width(font, text) <= width:
        return text
    report_overflow(where or "line", text[:200])
    head = text[:max(width, 1)]
    return head[:fitting(font, head, width, ELLIPSIS)] + ELLIPSIS


def shortened(line: str, font: pygame.font.Font, width: int) -> str:
    """The last line shown of a text cut short on purpose (the whole is elsewhere on
    screen), with an ellipsis, within *width*: not an overflow."""
    line = line.rstrip(" .,;:")
    return line[:fitting(font, line, width, ELLIPSIS)].rstrip(" .,;:") + ELLIPSIS


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
