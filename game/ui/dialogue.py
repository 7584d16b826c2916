"""The dialogue log: each entry of the game record laid out once into its own surface,
in character, with its source marks; only a change of width or theme lays it out again.

Selecting a source mark (click it, or focus the log and press Left/Right) shows the
quoted sentence it rests on.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.model import Scenario
from game.moves import TRADE, Entry
from game.play.wording import change_text, event_title, offer_rows
from game.ui.text import wrap
from game.ui.theme import Theme
from game.ui.widgets import Widget, draw_focus


@dataclass
class LaidEntry:
    surface: pygame.Surface
    marks: list[tuple[pygame.Rect, str]]  # hitbox in the entry's surface, source id


class EntryPainter:
    """Lays out one entry for a given width and theme."""

    def __init__(self, scenario: Scenario, theme: Theme, humans: tuple[str, ...] = ()) -> None:
        self.scenario = scenario
        self.theme = theme
        #: The sides people play: a change private to one of them is "yours" to read.
        self.humans = humans
        self.numbers = {s.id: n for n, s in enumerate(scenario.sources, 1)}

    def paint(self, entry: Entry, width: int, divider: str = "") -> LaidEntry:
        """*entry* laid out at *width*; *divider*: a round's name, drawn as a rule above
        the first entry of a round."""
        t = self.theme
        u = t.unit
        c = t.c
        rows: list[tuple[pygame.Surface, int]] = []  # image, x
        marks: list[tuple[int, int, str]] = []  # row index, x, source id (filled below)
        small = t.fonts.get("small")
        body = t.fonts.get("body")
        bold = t.fonts.get("body", bold=True)
        italic = t.fonts.get("small", italic=True)
        indent = u * 2

        def lines(text: str, font: pygame.font.Font, colour: pygame.Color, x: int = 0) -> None:
            for line in wrap(text, font, width - x):
                rows.append((font.render(line, True, colour), x))

        if divider:
            head = t.fonts.get("small", bold=True)
            label = head.render(divider, True, c["accent"])
            rule = pygame.Surface((width, head.get_linesize() + u), pygame.SRCALPHA)
            y = rule.get_height() // 2
            x = (width - label.get_width()) // 2
            pygame.draw.line(rule, c["border"], (0, y), (max(0, x - u), y), 1)
            pygame.draw.line(rule, c["border"], (min(width, x + label.get_width() + u), y),
                             (width, y), 1)
            rule.blit(label, (x, (rule.get_height() - label.get_height()) // 2))
            rows.append((rule, 0))
        kind = entry.kind
        if kind == "phase":
            lines(entry.title.upper(), t.fonts.get("small", bold=True), c["accent"])
            if entry.body:
                lines(entry.body, small, c["muted"])
        elif kind == "event":
            lines(f"Event: {event_title(entry)}", bold, c["event"])
            lines(entry.body, body, c["text"], indent)
        elif kind == "timeout":
            lines(entry.body, bold, c["event"])
        elif kind in ("move", "reply"):
            side = entry.speaker or ""
            spec = self.scenario.sides.get(side)
            colour = t.side_colour(self.scenario, side) if spec else c["text"]
            who = spec.name if spec else ""
            if kind == "reply" and entry.move is not None and entry.move.kind == "answer":
                who += " (answering)"  # not what a side says of its own accord
            elif entry.move is not None and entry.move.kind == "tactic":
                who += f" \u00b7 {entry.title}"
            lines(who, bold, colour)  # wrapped: a tactic's name may be long
            lines(f"\u201c{entry.body}\u201d", body, c["text"], indent)
            if entry.offer is not None and entry.move is not None and \
                    entry.move.kind == "propose":
                for issue, option in offer_rows(self.scenario, entry.offer):
                    lines(f"{issue}: {option}", small, c["text"], indent * 2)
        elif kind == "reason":
            spec = self.scenario.sides.get(entry.speaker or "")
            lines(f"{spec.name if spec else ''} computer's reasoning (hidden from the other "
                  f"side): {entry.body}", italic, c["muted"], indent)
        elif kind == "effect":
            # A player's own stance is the computer's business: it is not shown.
            viewer = entry.private if entry.private in self.humans else None
            parts = [change_text(self.scenario, change, viewer)
                     for change in entry.changes
                     if not (change.kind == "stance" and change.target in self.humans)]
            if parts:
                lines(f"{entry.title}: " + "; ".join(parts) + ".", small, c["muted"], indent)
            elif entry.ref == TRADE:  # a trade that comes out even: said, changing nothing
                lines(f"{entry.title}.", small, c["muted"], indent)
        elif kind == "outcome":
            lines(f"Outcome: {entry.title}", t.fonts.get("heading", bold=True), c["accent"])
            lines(entry.body, body, c["text"])
        if entry.cite:
            x = indent
            row: list[tuple[pygame.Surface, int, str]] = []
            label = small.render("Sources:", True, c["muted"])
            row.append((label, x, ""))
            x += label.get_width() + u
            for source_id in entry.cite:
                number = self.numbers.get(source_id)
                if number is None:
                    continue
                mark = small.render(f"[{number}]", True, c["accent"])
                if x + mark.get_width() > width:
                    break
                row.append((mark, x, source_id))
                x += mark.get_width() + u
            height = small.get_linesize()
            image = pygame.Surface((width, height), pygame.SRCALPHA)
            for part, px, source_id in row:
                image.blit(part, (px, 0))
                if source_id:
                    marks.append((len(rows), px, source_id))
            rows.append((image, 0))
            mark_sizes = {(r, px): part.get_size() for part, px, _ in row for r in [len(rows) - 1]}
        else:
            mark_sizes = {}
        gap = u // 2 if kind in ("effect", "reason") else u
        height = sum(image.get_height() for image, _ in rows) + gap
        surface = pygame.Surface((width, max(height, 1)), pygame.SRCALPHA)
        y = 0
        tops = []
        for image, x in rows:
            tops.append(y)
            surface.blit(image, (x, y))
            y += image.get_height()
        hitboxes = [(pygame.Rect(px, tops[r], *mark_sizes[(r, px)]), source_id)
                    for r, px, source_id in marks]
        return LaidEntry(surface, hitboxes)


class DialogueLog(Widget):
    """The scrolling log. ``add`` lays out a new entry once; ``draw`` only blits."""

    def __init__(self, scenario: Scenario, humans: tuple[str, ...] = ()) -> None:
        super().__init__(tooltip="")
        self.scenario = scenario
        self.humans = humans
        self.entries: list[Entry] = []
        self.laid: list[LaidEntry] = []
        self.offset = 0  # pixels scrolled up from the bottom
        self.selected: int | None = None  # index into self.marks()
        self._key: tuple[int, int] | None = None
        self.painter: EntryPainter | None = None
        self.total = 0
        #: Rounds in the game, for the dividers' "round N of M" (0: "round N").
        self.rounds = 0
        #: The fade over the top edge while the record goes on above it (made per size and
        #: colour).
        self._fade: tuple[tuple[int, int, tuple[int, ...]], pygame.Surface] | None = None

    def texts(self) -> list[str]:
        return []

    def relayout(self, theme: Theme) -> None:
        key = (self.rect.w, id(theme))
        if key == self._key:
            return
        self._key = key
        self.painter = EntryPainter(self.scenario, theme, self.humans)
        self.laid = [self.painter.paint(e, self._width(), self.divider(n))
                     for n, e in enumerate(self.entries)]
        self.total = sum(e.surface.get_height() for e in self.laid)

    def divider(self, index: int) -> str:
        """The round divider above entry *index*: where a new round begins."""
        entry = self.entries[index]
        if index and self.entries[index - 1].round == entry.round:
            return ""
        return f"ROUND {entry.round}" + (f" OF {self.rounds}" if self.rounds else "")

    def _width(self) -> int:
        return max(40, self.rect.w - 16)

    def set_entries(self, entries: list[Entry]) -> None:
        """Show *entries*: new ones at the end are laid out; a shorter or different list
        (after an undo) is laid out afresh."""
        if entries[:len(self.entries)] != self.entries:
            self.entries, self.laid, self.total = [], [], 0
            self.selected = None
        if len(entries) > len(self.entries):
            self.offset = 0  # a new line is news: bring the newest into view
        for entry in entries[len(self.entries):]:
            self.entries.append(entry)
            if self.painter is not None:
                laid = self.painter.paint(entry, self._width(), self.divider(len(self.entries) - 1))
                self.laid.append(laid)
                self.total += laid.surface.get_height()
        if len(entries) != len(self.entries):  # pragma: no cover - defensive
            self.entries = list(entries)

    def marks(self) -> list[tuple[int, int]]:
        """Every source mark shown: (entry index, mark index)."""
        return [(n, m) for n, laid in enumerate(self.laid) for m in range(len(laid.marks))]

    @property
    def selected_source(self) -> str | None:
        marks = self.marks()
        if self.selected is None or self.selected >= len(marks):
            return None
        n, m = marks[self.selected]
        return self.laid[n].marks[m][1]

    def select(self, delta: int) -> None:
        marks = self.marks()
        if not marks:
            return
        if self.selected is None:
            self.selected = len(marks) - 1 if delta < 0 else len(marks) - 1
        else:
            self.selected = max(0, min(len(marks) - 1, self.selected + delta))
        self._scroll_to(marks[self.selected][0])

    def _scroll_to(self, index: int) -> None:
        below = sum(e.surface.get_height() for e in self.laid[index + 1:])
        height = self.laid[index].surface.get_height()
        if below < self.offset:
            self.offset = below
        elif below + height > self.offset + self.rect.h:
            self.offset = below + height - self.rect.h

    def _scroll(self, dy: int) -> None:
        self.offset = max(0, min(self.offset + dy, max(0, self.total - self.rect.h)))

    def key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.select(-1 if event.key == pygame.K_LEFT else 1)
            return True
        if event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self._scroll(self.rect.h * 3 // 4 * (1 if event.key == pygame.K_PAGEUP else -1))
            return True
        if event.key == pygame.K_END:
            self.offset = 0
            return True
        return False

    def wheel(self, dy: int) -> bool:
        self._scroll(dy * 40)
        return True

    def click(self, pos: tuple[int, int], button: int) -> bool:
        marks = self.marks()
        for index, (rect, n, m) in enumerate(self._visible_marks()):
            if rect.collidepoint(pos):
                self.selected = marks.index((n, m))
                return True
        return True

    def _visible_marks(self) -> list[tuple[pygame.Rect, int, int]]:
        found = []
        y = self.rect.bottom + self.offset
        for n in range(len(self.laid) - 1, -1, -1):
            laid = self.laid[n]
            y -= laid.surface.get_height()
            if y > self.rect.bottom:
                continue
            if y + laid.surface.get_height() < self.rect.top:
                break
            for m, (box, _) in enumerate(laid.marks):
                found.append((box.move(self.rect.x, y), n, m))
        return found

    def _top_fade(self, theme: Theme) -> pygame.Surface:
        """A band a line high, the panel's colour fading from whole to clear downwards."""
        height = theme.fonts.get("body").get_linesize()
        colour = tuple(theme.c["panel"])[:3]
        key = (self.rect.w, height, colour)
        if self._fade is None or self._fade[0] != key:
            fade = pygame.Surface((max(1, self.rect.w), height), pygame.SRCALPHA)
            for row in range(height):
                fade.fill((*colour, round(255 * (1 - row / height))),
                          (0, row, self.rect.w, 1))
            self._fade = (key, fade)
        return self._fade[1]

    def draw(self, surface: pygame.Surface, theme: Theme, focused: bool, hovered: bool) -> None:
        self.relayout(theme)
        clip = surface.get_clip()
        surface.set_clip(self.rect)
        y = self.rect.bottom + self.offset
        marks = self.marks()
        chosen = marks[self.selected] if self.selected is not None and \
            self.selected < len(marks) else None
        for n in range(len(self.laid) - 1, -1, -1):
            laid = self.laid[n]
            h = laid.surface.get_height()
            y -= h
            if y > self.rect.bottom:
                continue
            if y + h < self.rect.top:
                break
            surface.blit(laid.surface, (self.rect.x, y))
            if chosen is not None and chosen[0] == n:
                box = laid.marks[chosen[1]][0].move(self.rect.x, y)
                pygame.draw.rect(surface, theme.c["focus"], box.inflate(4, 2), 2)
        if self.total - self.rect.h - self.offset > 0:
            # The record goes on above: its cut top line fades into the panel rather than
            # showing half a name (a playtester read a speaker's name cut in two).
            surface.blit(self._top_fade(theme), self.rect.topleft)
        surface.set_clip(clip)
        if self.total > self.rect.h:
            track = pygame.Rect(self.rect.right - 6, self.rect.y, 4, self.rect.h)
            bar_h = max(20, self.rect.h * self.rect.h // self.total)
            top = self.total - self.rect.h - self.offset
            bar_y = track.y + (self.rect.h - bar_h) * top // max(1, self.total - self.rect.h)
            pygame.draw.rect(surface, theme.c["panel_alt"], track, border_radius=2)
            pygame.draw.rect(surface, theme.c["muted"], (track.x, bar_y, 4, bar_h),
                             border_radius=2)
        if focused:
            draw_focus(surface, theme, self.rect)
