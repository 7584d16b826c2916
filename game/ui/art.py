"""Parley's own pictures, drawn here with pygame's shapes in one flat style: a delegate's
head and shoulders with an expression (the portraits on the cards), and the negotiating
table with both delegations (the title, and the outcome of the talks: a deal, no deal, a
walk-out).

No picture is read from a file and none shows a real person: every delegate is the same
sober figure, told apart by the side's colour (tie, backdrop, pennant), so neither side is
drawn more kindly than the other. Each picture is drawn once for its size, colours and
expression, at twice or three times its size and scaled down (smooth edges), then kept:
a frame only blits it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import pygame

from game.play.presence import Expression

RGB = tuple[int, int, int]
#: What the picture of the table shows.
Scene = Literal["title", "deal", "no_deal", "walkout"]
SCENES: tuple[Scene, ...] = ("title", "deal", "no_deal", "walkout")

SKIN: RGB = (214, 172, 136)
SKIN_SHADE: RGB = (184, 142, 110)
HAIR: RGB = (62, 56, 52)
SUIT: RGB = (38, 44, 56)
LAPEL: RGB = (52, 60, 74)
SHIRT: RGB = (236, 234, 228)
INK: RGB = (42, 32, 30)
FLUSH: RGB = (214, 96, 86)
WOOD: RGB = (96, 70, 50)
WOOD_EDGE: RGB = (70, 50, 36)
CHAIR: RGB = (58, 40, 34)
PAPER: RGB = (240, 236, 224)

#: Pictures drawn so far, by everything they are drawn from.
_kept: dict[tuple[object, ...], pygame.Surface] = {}
#: At most this many pictures are kept (each size and colour of every one a window shows).
KEEP = 96


def mix(a: Sequence[int], b: Sequence[int], share: float) -> RGB:
    """*a* moved *share* of the way to *b*."""
    return (round(a[0] + (b[0] - a[0]) * share), round(a[1] + (b[1] - a[1]) * share),
            round(a[2] + (b[2] - a[2]) * share))


def rgb(colour: pygame.Color | Sequence[int]) -> RGB:
    return (int(colour[0]), int(colour[1]), int(colour[2]))


def _keep(key: tuple[object, ...], surface: pygame.Surface) -> pygame.Surface:
    if len(_kept) >= KEEP:
        _kept.pop(next(iter(_kept)))
    _kept[key] = surface
    return surface


def forget() -> None:
    """Drop every picture drawn so far."""
    _kept.clear()


class Pen:
    """Draws in a box's own units: (0, 0) is its top left and (1, 1) its bottom right."""

    def __init__(self, surface: pygame.Surface, box: pygame.Rect) -> None:
        self.surface = surface
        self.box = box

    def at(self, x: float, y: float) -> tuple[int, int]:
        return (round(self.box.x + x * self.box.w), round(self.box.y + y * self.box.h))

    def rect(self, x: float, y: float, w: float, h: float) -> pygame.Rect:
        left, top = self.at(x, y)
        return pygame.Rect(left, top, max(1, round(w * self.box.w)),
                           max(1, round(h * self.box.h)))

    def width(self, w: float) -> int:
        return max(1, round(w * self.box.w))

    def ellipse(self, colour: RGB, x: float, y: float, w: float, h: float) -> None:
        pygame.draw.ellipse(self.surface, colour, self.rect(x, y, w, h))

    def polygon(self, colour: RGB, points: Sequence[tuple[float, float]]) -> None:
        pygame.draw.polygon(self.surface, colour, [self.at(x, y) for x, y in points])

    def box_(self, colour: RGB, x: float, y: float, w: float, h: float,
             radius: float = 0.0) -> None:
        pygame.draw.rect(self.surface, colour, self.rect(x, y, w, h),
                         border_radius=self.width(radius) if radius else 0)

    def stroke(self, colour: RGB, points: Sequence[tuple[float, float]], w: float) -> None:
        """A line through *points*, *w* thick, with round ends and joints."""
        width = self.width(w)
        pixels = [self.at(x, y) for x, y in points]
        pygame.draw.lines(self.surface, colour, False, pixels, width)
        for px in pixels:
            pygame.draw.circle(self.surface, colour, px, max(1, width // 2))

    def curve(self, colour: RGB, left: tuple[float, float], right: tuple[float, float],
              sag: float, w: float) -> None:
        """A curve from *left* to *right* that sags *sag* at its middle (up if negative):
        a smile, a frown, a raised brow."""
        steps = 10
        points = []
        for n in range(steps + 1):
            t = n / steps
            x = left[0] + (right[0] - left[0]) * t
            y = left[1] + (right[1] - left[1]) * t + sag * 4 * t * (1 - t)
            points.append((x, y))
        self.stroke(colour, points, w)


# ----- a delegate -------------------------------------------------------------------------

#: Brows as (outer end, inner end) of the left brow, mirrored for the right, and their
#: sag (negative: raised in the middle).
_BROWS: dict[Expression, tuple[tuple[float, float], tuple[float, float], float]] = {
    "neutral": ((0.395, 0.392), (0.462, 0.392), -0.004),
    "pleased": ((0.395, 0.386), (0.462, 0.382), -0.014),
    "firm": ((0.395, 0.392), (0.466, 0.404), 0.0),
    "angry": ((0.392, 0.372), (0.470, 0.414), 0.004),
}
#: The mouth: its two corners and its sag (positive: a smile), and its thickness.
_MOUTHS: dict[Expression, tuple[tuple[float, float], tuple[float, float], float, float]] = {
    "neutral": ((0.455, 0.560), (0.545, 0.560), 0.004, 0.014),
    "pleased": ((0.435, 0.548), (0.565, 0.548), 0.030, 0.016),
    "firm": ((0.462, 0.562), (0.538, 0.562), 0.0, 0.020),
    "angry": ((0.440, 0.578), (0.560, 0.578), -0.026, 0.017),
}


def draw_delegate(pen: Pen, colour: RGB, expression: Expression) -> None:
    """A delegate's head and shoulders filling *pen*'s box (a square), in the side's
    *colour* (the tie), with *expression*."""
    # Shoulders: the jacket, its lapels, the shirt and the tie.
    pen.ellipse(SUIT, 0.08, 0.70, 0.84, 0.64)
    pen.box_(SKIN_SHADE, 0.435, 0.58, 0.13, 0.16)
    pen.polygon(SHIRT, [(0.39, 0.71), (0.61, 0.71), (0.5, 0.93)])
    pen.polygon(LAPEL, [(0.30, 0.74), (0.39, 0.71), (0.5, 0.93), (0.42, 1.0), (0.30, 1.0)])
    pen.polygon(LAPEL, [(0.70, 0.74), (0.61, 0.71), (0.5, 0.93), (0.58, 1.0), (0.70, 1.0)])
    tie = mix(colour, (0, 0, 0), 0.15)
    pen.polygon(tie, [(0.475, 0.72), (0.525, 0.72), (0.535, 0.76), (0.5, 0.78),
                      (0.465, 0.76)])
    pen.polygon(tie, [(0.49, 0.77), (0.51, 0.77), (0.535, 0.92), (0.5, 0.96),
                      (0.465, 0.92)])
    # A pin of the side's colour on the lapel.
    pen.ellipse(colour, 0.345, 0.80, 0.035, 0.035)
    # The head: hair behind, ears, the face, and the hair's fringe over the brow.
    pen.ellipse(HAIR, 0.305, 0.165, 0.39, 0.36)
    pen.ellipse(SKIN_SHADE, 0.295, 0.395, 0.06, 0.1)
    pen.ellipse(SKIN_SHADE, 0.645, 0.395, 0.06, 0.1)
    pen.ellipse(SKIN, 0.32, 0.225, 0.36, 0.41)
    pen.polygon(HAIR, [(0.318, 0.36), (0.322, 0.27), (0.40, 0.215), (0.56, 0.205),
                       (0.67, 0.255), (0.682, 0.35), (0.655, 0.29), (0.52, 0.275),
                       (0.43, 0.29), (0.35, 0.30)])
    if expression == "angry":
        flush = mix(SKIN, FLUSH, 0.45)
        pen.ellipse(flush, 0.365, 0.475, 0.07, 0.04)
        pen.ellipse(flush, 0.565, 0.475, 0.07, 0.04)
    # Brows, eyes, nose and mouth.
    (ox, oy), (ix, iy), sag = _BROWS[expression]
    pen.curve(INK, (ox, oy), (ix, iy), sag, 0.02)
    pen.curve(INK, (1 - ox, oy), (1 - ix, iy), sag, 0.02)
    for x in (0.43, 0.57):
        if expression == "pleased":        # eyes creased by a smile
            pen.curve(INK, (x - 0.022, 0.447), (x + 0.022, 0.447), -0.016, 0.012)
        else:
            h = {"neutral": 0.034, "firm": 0.026, "angry": 0.02}[expression]
            pen.ellipse(INK, x - 0.018, 0.445 - h / 2, 0.036, h)
    pen.stroke(SKIN_SHADE, [(0.5, 0.45), (0.488, 0.505), (0.512, 0.505)], 0.012)
    left, right, mouth_sag, thick = _MOUTHS[expression]
    pen.curve(INK, left, right, mouth_sag, thick)
    if expression == "firm":               # a jaw set hard
        pen.stroke(SKIN_SHADE, [(0.37, 0.55), (0.40, 0.60)], 0.01)
        pen.stroke(SKIN_SHADE, [(0.63, 0.55), (0.60, 0.60)], 0.01)


def portrait(colour: pygame.Color | Sequence[int], expression: Expression, size: int,
             backdrop: pygame.Color | Sequence[int]) -> pygame.Surface:
    """A delegation's portrait, *size* pixels square: a delegate with *expression* before
    a backdrop of the side's *colour* over *backdrop* (the panel's colour). Drawn once for
    each size, colours and expression, then kept."""
    size = max(8, size)
    key = ("portrait", rgb(colour), expression, size, rgb(backdrop))
    kept = _kept.get(key)
    if kept is not None:
        return kept
    scale = 3
    big = pygame.Surface((size * scale, size * scale), pygame.SRCALPHA)
    side, back = rgb(colour), rgb(backdrop)
    whole = big.get_rect()
    pygame.draw.rect(big, mix(back, side, 0.28), whole, border_radius=size * scale // 8)
    Pen(big, whole).ellipse(mix(back, side, 0.5), 0.1, 0.06, 0.8, 0.8)
    # Closer than the figures at the table: the face is what a card must show.
    zoom = round(size * scale * 1.3)
    draw_delegate(Pen(big, pygame.Rect((big.get_width() - zoom) // 2, -zoom // 10, zoom, zoom)),
                  side, expression)
    # The corners stay round: the shoulders are cut to the backdrop's shape.
    mask = pygame.Surface(big.get_size(), pygame.SRCALPHA)
    pygame.draw.rect(mask, (255, 255, 255, 255), whole, border_radius=size * scale // 8)
    big.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    return _keep(key, pygame.transform.smoothscale(big, (size, size)))


# ----- the table --------------------------------------------------------------------------

def _pennant(pen: Pen, colour: RGB, x: float, y: float, w: float, h: float) -> None:
    """A small table flag of the side's colour on its stand, its foot at (x, y)."""
    pen.stroke((200, 200, 200), [(x, y), (x, y - h)], 0.003)
    pen.box_(colour, x, y - h, w, h * 0.45)
    pen.box_(mix(colour, (255, 255, 255), 0.35), x, y - h, w, h * 0.12)
    pen.ellipse((150, 150, 150), x - 0.01, y - 0.008, 0.02, 0.012)


def _seat(pen: Pen, centre: float, colour: RGB, expression: Expression | None,
          width: float, head_top: float, table_top: float) -> None:
    """A chair and, unless *expression* is None (an empty seat), a delegate in it: a
    figure *width* wide whose head starts at *head_top*, cut at the table."""
    tall = width * pen.box.w / pen.box.h
    chair = pen.rect(centre - width * 0.4, head_top + tall * 0.12, width * 0.8, 0)
    chair.h = pen.at(0, table_top)[1] - chair.y
    pygame.draw.rect(pen.surface, CHAIR, chair, border_radius=pen.width(width * 0.14))
    if expression is not None:
        old = pen.surface.get_clip()
        pen.surface.set_clip(pygame.Rect(0, 0, pen.surface.get_width(),
                                         pen.at(0, table_top + 0.02)[1]))
        draw_delegate(Pen(pen.surface, pen.rect(centre - width / 2, head_top, width, tall)),
                      colour, expression)
        pen.surface.set_clip(old)


def scene(size: tuple[int, int], colours: tuple[pygame.Color | Sequence[int],
                                                pygame.Color | Sequence[int]],
          faces: tuple[Expression, Expression], kind: Scene,
          backdrop: pygame.Color | Sequence[int], walked: int | None = None) -> pygame.Surface:
    """The negotiating table seen from the end of the room, two delegates of each side
    behind it (the first side on the left), in *size* pixels over *backdrop*.

    *kind* "title": the talks under way; "deal": the two heads of delegation shake hands
    over a signed text; "no_deal": the papers stay apart, under a clock; "walkout": the
    chairs of side *walked* (0 or 1) are empty. Drawn once for each size and content."""
    w, h = max(16, size[0]), max(16, size[1])
    left, right = rgb(colours[0]), rgb(colours[1])
    key = ("scene", w, h, left, right, faces, kind, rgb(backdrop), walked)
    kept = _kept.get(key)
    if kept is not None:
        return kept
    scale = 2
    big = pygame.Surface((w * scale, h * scale), pygame.SRCALPHA)
    pen = Pen(big, big.get_rect())
    back = rgb(backdrop)
    # The room: a wall and a floor, each side's colour lighting its half of the wall.
    pen.box_(mix(back, (255, 255, 255), 0.04), 0, 0, 1, 1, 0.02)
    pen.ellipse(mix(back, left, 0.16), 0.03, 0.04, 0.44, 0.86)
    pen.ellipse(mix(back, right, 0.16), 0.53, 0.04, 0.44, 0.86)
    pen.box_(mix(back, (0, 0, 0), 0.25), 0, 0.84, 1, 0.16)
    # Seats: each delegate's width is set by the height, so that the figures keep their
    # shape in a wide or a narrow picture.
    aspect = h / w
    figure = min(0.17, 0.62 * aspect)
    table_top = 0.64
    head_top = max(0.03, table_top - figure / aspect * 0.9)
    places = (0.13, 0.30, 0.70, 0.87)
    if kind == "deal":
        places = (0.16, 0.36, 0.64, 0.84)
    for n, centre in enumerate(places):
        side = 0 if n < 2 else 1
        colour = left if side == 0 else right
        empty = kind == "walkout" and walked == side
        _seat(pen, centre, colour, None if empty else faces[side], figure, head_top,
              table_top)
    # The table: its top, its front, and each side's pennant.
    pen.polygon(WOOD, [(0.04, table_top), (0.96, table_top), (0.99, 0.72), (0.01, 0.72)])
    pen.box_(WOOD_EDGE, 0.01, 0.72, 0.98, 0.05)
    pen.box_(mix(WOOD_EDGE, (0, 0, 0), 0.3), 0.05, 0.77, 0.03, 0.1)
    pen.box_(mix(WOOD_EDGE, (0, 0, 0), 0.3), 0.92, 0.77, 0.03, 0.1)
    _pennant(pen, left, 0.215, table_top + 0.04, 0.05, 0.16)
    _pennant(pen, right, 0.755, table_top + 0.04, 0.05, 0.16)
    # What lies on the table, and what the scene adds.
    if kind == "deal":
        pen.box_(PAPER, 0.44, table_top + 0.015, 0.12, 0.05, 0.005)
        for n in range(3):
            pen.stroke((150, 150, 150), [(0.455, table_top + 0.028 + n * 0.011),
                                         (0.545, table_top + 0.028 + n * 0.011)], 0.002)
        # The heads of delegation lean in and shake hands over the text.
        shoulder = head_top + figure / aspect * 0.8
        hands = (0.5, table_top - 0.17)
        for start in (places[1] + figure * 0.32, places[2] - figure * 0.32):
            pen.stroke(LAPEL, [(start, shoulder), hands], 0.026)
        pen.ellipse(SKIN, hands[0] - 0.022, hands[1] - 0.03, 0.044, 0.06)
    else:
        for x in (0.2, 0.32, 0.62, 0.74):
            pen.box_(PAPER, x, table_top + 0.02, 0.06, 0.035, 0.004)
    if kind == "no_deal":
        # A clock on the wall between the delegations: the time ran out.
        face = pen.rect(0.47, 0.08, 0.06, 0.06 / aspect)
        pygame.draw.ellipse(big, PAPER, face)
        pygame.draw.ellipse(big, INK, face, max(1, face.w // 14))
        c = face.center
        pygame.draw.line(big, INK, c, (c[0], face.y + face.h // 5), max(1, face.w // 14))
        pygame.draw.line(big, INK, c, (c[0] + face.w // 4, c[1]), max(1, face.w // 14))
    return _keep(key, pygame.transform.smoothscale(big, (w, h)))
