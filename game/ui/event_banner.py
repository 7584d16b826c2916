"""The banner that announces an event over the table: its name, its report and every
change it made that the seat may see, for a few seconds or until a key.

It lies over the top of the log column, never over the agenda, the moves, the meters or
the objective: the player goes on building a package while it shows. Its text comes from
the record's entries (the event and the effect entries that follow it), never from the
log's prose.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pygame

from game.moves import Entry
from game.model import Scenario
from game.play.wording import change_text, event_title
from game.ui.text import draw_line, shortened, wrap
from game.ui.theme import Theme

#: Lines of the event's report the banner shows at most (the log keeps all of it): enough
#: for every shipped event at the smallest window the game supports, so that a report is
#: cut only where the column itself has no room for it (at six, a window playtest read
#: "... armed groups fighting beside al-Nusra attacke...").
REPORT_LINES = 12
CLOSE = "Any key or a click closes this."


def event_effects(entries: Sequence[Entry], at: int) -> list[Entry]:
    """The effect entries of the event at *at* in *entries*: those right after it that the
    engine wrote for it (the same ``ref``)."""
    event = entries[at]
    found: list[Entry] = []
    for entry in entries[at + 1:]:
        if entry.kind != "effect" or entry.ref != event.ref:
            break
        found.append(entry)
    return found


def effect_lines(scenario: Scenario, effects: Sequence[Entry], viewer: str | None) -> list[str]:
    """Every change of *effects* in words, for *viewer* (None: only what both sides see)."""
    lines: list[str] = []
    for entry in effects:
        if entry.private is not None and entry.private != viewer:
            continue
        for change in entry.changes:
            if change.kind == "stance":
                continue  # a delegation's willingness is its own, not the table's news
            text = change_text(scenario, change, viewer)
            lines.append(text[:1].upper() + text[1:])
    return lines


class EventBanner:
    """One event, announced: laid out at the top of an area, counted down each frame."""

    def __init__(self, scenario: Scenario, event: Entry, effects: Sequence[Entry],
                 viewer: str | None, seconds: float) -> None:
        self.title = f"Event: {event_title(event)}"
        self.report = event.body
        self.effects = effect_lines(scenario, effects, viewer)
        self.seconds = seconds
        self.left = seconds
        self.box = pygame.Rect(0, 0, 0, 0)
        self._lines: list[tuple[str, str, str]] = []
        self._close_width = 0
        self._head: pygame.font.Font | None = None

    def tick(self, dt: float) -> bool:
        """Count *dt* seconds down; True once the banner's time is up."""
        self.left -= dt
        return self.left <= 0

    @property
    def seconds_left(self) -> int:
        """The whole seconds left, as its last line says them."""
        return _whole(self.left)

    def close_text(self, seconds: int | None = None) -> str:
        """Its last line: how to close it, and when it goes by itself (*seconds* left; None:
        as many as are left now). The time left was a thin bar that shortened: two window
        playtests took it for a stray line."""
        seconds = self.seconds_left if seconds is None else seconds
        return f"{CLOSE[:-1]}, or it goes in {seconds} second{'s' if seconds != 1 else ''}."

    def layout(self, area: pygame.Rect, theme: Theme) -> None:
        """Place the banner at the top of *area*, as tall as its text needs and at most
        *area*: the report is shortened before any effect is left out."""
        u = theme.unit
        width = area.w - 4 * u
        head = theme.fonts.get("heading", bold=True)
        body = theme.fonts.get("body")
        small = theme.fonts.get("small")
        title = wrap(self.title, head, width)
        if len(title) > 2:  # a long name on a narrow column: in the body's size instead
            head = theme.fonts.get("body", bold=True)
            title = wrap(self.title, head, width)
        if len(title) > 3:
            title = title[:3]
            title[-1] = shortened(title[-1], head, width)
        self._head = head
        report = wrap(self.report, body, width)
        effects = [line for text in self.effects for line in wrap(text, small, width - u)]
        # Room for its longest wording, the count at its start.
        close = wrap(self.close_text(_whole(self.seconds)), small, width)

        def height(report_lines: int) -> int:
            return (2 * u + len(title) * head.get_linesize() + u // 2
                    + report_lines * body.get_linesize()
                    + (u // 2 + len(effects) * small.get_linesize() if effects else 0)
                    + u // 2 + len(close) * small.get_linesize() + u // 2)

        shown = min(len(report), REPORT_LINES)
        while shown > 1 and height(shown) > area.h:
            shown -= 1
        if shown < len(report):
            report = report[:shown]
            report[-1] = shortened(report[-1], body, width)
        self._lines = ([("head", "event", line) for line in title]
                       + [("body", "text", line) for line in report]
                       + [("small", "text", line) for line in effects])
        self._close_width = width
        self.box = pygame.Rect(area.x, area.y, area.w, min(area.h, height(shown)))
        self._counts = (len(title), len(report), len(effects))

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        u = theme.unit
        c = theme.c
        pygame.draw.rect(surface, c["panel_alt"], self.box, border_radius=8)
        pygame.draw.rect(surface, c["event"], self.box, 3, border_radius=8)
        x, y = self.box.x + 2 * u, self.box.y + 2 * u
        titles, reports, effects = self._counts
        clip = surface.get_clip()
        surface.set_clip(self.box)
        small = theme.fonts.get("small")
        close = [("small", "muted", line)
                 for line in wrap(self.close_text(), small, self._close_width)]
        for n, (style, colour, line) in enumerate(self._lines + close):
            if n in (titles, titles + reports + effects) or (n == titles + reports and effects):
                y += u // 2
            font = self._head if style == "head" and self._head else theme.fonts.get(style)
            indent = u if titles + reports <= n < titles + reports + effects else 0
            draw_line(surface, font, line, c[colour], (x + indent, y),
                      self.box.w - 4 * u - indent, where="event banner")
            y += font.get_linesize()
        surface.set_clip(clip)


def _whole(seconds: float) -> int:
    """*seconds* as the banner counts them: whole seconds, rounded up, at least 1."""
    return max(1, math.ceil(seconds))
