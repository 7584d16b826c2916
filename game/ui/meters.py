"""Meters at the table: trust, ceasefire, support at home, each with its change on the
last turn, or at the seated side's turn since its last move, as the "what changed" card
tells it (shown by sign and arrow as well as colour, for colour-blind players)."""

from __future__ import annotations

import pygame

from game.model import Meter, Scenario
from game.moves import Entry
from game.ui.text import draw_line, wrap
from game.ui.theme import Theme
from game.ui.widgets import Widget, draw_focus


def shown_meters(scenario: Scenario, entries: list[Entry], since: int | None = None
                 ) -> tuple[dict[str, float], dict[str, float]]:
    """The meters as the shown part of the log leaves them, and how much each moved since
    the latest move shown began (that move's effects and every event after it), or since
    the entry at *since* (a seated side's last move: the "what changed" card's start, so
    that the badges and the card agree). Each change in the record carries the value
    after it: nothing is re-added."""
    values = {m.id: float(m.start) for m in scenario.meters}
    latest_turn = next((e.turn for e in reversed(entries) if e.kind in ("move", "reply")),
                       entries[-1].turn if entries else 0)
    before: dict[str, float] | None = None
    for n, entry in enumerate(entries):
        if before is None and (n == since if since is not None
                               else entry.turn == latest_turn):
            before = dict(values)
        for change in entry.changes:
            if change.kind == "meter":
                values[change.target] = change.after
    before = before or values
    last = {key: value - before[key] for key, value in values.items() if value != before[key]}
    return values, last


def arrow(surface: pygame.Surface, colour: pygame.Color, centre: tuple[int, int], size: int,
          up: bool) -> None:
    x, y = centre
    h = size // 2
    points = [(x - h, y + h // 2), (x + h, y + h // 2), (x, y - h)] if up else \
        [(x - h, y - h // 2), (x + h, y - h // 2), (x, y + h)]
    pygame.draw.polygon(surface, colour, points)


class MeterRow(Widget):
    """One meter: its name, a bar, its value and its last change; the tooltip says what
    it measures."""

    def __init__(self, meter: Meter, side_colour: pygame.Color | None) -> None:
        super().__init__(tooltip=meter.description)
        self.meter = meter
        self.side_colour = side_colour
        self.value = float(meter.start)
        self.change = 0.0
        #: Said under the bar while one heavy blow could end the talks
        #: (:func:`game.play.danger.dangers`).
        self.danger: str | None = None

    def texts(self) -> list[str]:
        return [self.meter.name]

    def key(self, event: pygame.event.Event) -> bool:
        return False

    def click(self, pos: tuple[int, int], button: int) -> bool:
        return True

    def draw(self, surface: pygame.Surface, theme: Theme, focused: bool, hovered: bool) -> None:
        t = theme
        u = t.unit
        small = t.fonts.get("small")
        bold = t.fonts.get("small", bold=True)
        x, y, w = self.rect.x, self.rect.y, self.rect.w
        chip = 0
        if self.side_colour is not None:
            chip = max(6, u)
            pygame.draw.rect(surface, self.side_colour,
                             (x, y + small.get_linesize() // 2 - chip // 2, chip, chip))
            chip += u // 2
        value = f"{self.value:.0f}"
        change = ""
        if abs(self.change) >= 0.5:
            change = f"{'+' if self.change > 0 else chr(0x2212)}{abs(self.change):.0f}"
        right_w = bold.size("000")[0] + small.size(" \u2212 00")[0] + u * 3
        for line in wrap(self.meter.name, small, w - chip - right_w):
            draw_line(surface, small, line, t.c["text"], (x + chip, y), w - chip - right_w,
                      where="meter name")
            y += small.get_linesize()
        y -= small.get_linesize()
        draw_line(surface, bold, value, t.c["text"], (x + w, y), align="right")
        if change:
            colour = t.c["up"] if self.change > 0 else t.c["down"]
            cx = x + w - bold.size("000")[0] - u
            width = draw_line(surface, small, change, colour, (cx, y), align="right")
            arrow(surface, colour, (cx - width - u, y + small.get_linesize() // 2),
                  max(6, u), self.change > 0)
        bar = pygame.Rect(x, y + small.get_linesize() + 2, w, max(4, u // 2 + 2))
        pygame.draw.rect(surface, t.c["panel_alt"], bar, border_radius=3)
        span = max(self.meter.max - self.meter.min, 1)
        share = max(0.0, min(1.0, (self.value - self.meter.min) / span))
        fill = bar.copy()
        fill.w = round(bar.w * share)
        low = share < 0.25
        pygame.draw.rect(surface, t.c["bad"] if low else t.c["muted"], fill, border_radius=3)
        if self.danger:
            y = bar.bottom + 2
            for line in wrap(self.danger, small, w):
                draw_line(surface, small, line, t.c["bad"], (x, y), w, where="meter warning")
                y += small.get_linesize()
        if focused:
            draw_focus(surface, theme, self.rect)

    def height(self, theme: Theme, width: int) -> int:
        small = theme.fonts.get("small")
        right_w = theme.fonts.get("small", bold=True).size("000")[0] + \
            small.size(" \u2212 00")[0] + theme.unit * 3
        chip = max(6, theme.unit) + theme.unit // 2 if self.side_colour is not None else 0
        lines = len(wrap(self.meter.name, small, width - chip - right_w))
        if self.danger:
            lines += len(wrap(self.danger, small, width))
        return small.get_linesize() * lines + max(4, theme.unit // 2 + 2) + 4
