"""A step of the coach, drawn over the table: the table shaded but for the part the step is
about, a frame around that part, and a box with the step's sentence beside it (never over
it). Any key or a click goes on to the next step; Esc ends the coaching."""

from __future__ import annotations

import pygame

from game.ui.coach import STEPS, Coach, Step
from game.ui.navigation import TableFace
from game.ui.screen import Host, Screen
from game.ui.text import draw_line, wrap
from game.ui.theme import Theme
from game.ui.widgets import clicked

FOOT = "Any key or a click: next   Esc: end the coaching"


class CoachScreen(Screen):
    name = "coach"
    opaque = False
    hint = FOOT

    def __init__(self, app: Host, table: TableFace, coach: Coach) -> None:
        super().__init__(app)
        self.table = table
        self.coach = coach
        self.step: Step | None = coach.current
        self.target = pygame.Rect(0, 0, 0, 0)
        self.box = pygame.Rect(0, 0, 0, 0)
        self._lines: list[tuple[str, str]] = []

    def enter(self) -> None:
        self.coach.showing()

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        step = self.step
        part = self.table.coach_target(step.part) if step is not None else None
        self.target = part.copy() if part is not None else pygame.Rect(0, 0, 0, 0)
        if step is not None:
            self.box, self._lines = place_box(step, self.target, size, self.theme,
                                              self.hint_height())

    # ----- keys and clicks ---------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.coach.end()
                self.app.pop()
                return
            if event.key in (pygame.K_F11, pygame.K_F12):
                return
            self.go_on()
        elif clicked(event):
            self.go_on()

    def go_on(self) -> None:
        """The next step, here if its part is there now; else back to the table, which
        calls the coach again when it is."""
        self.coach.advance()
        self.step = self.coach.due(self.table)
        if self.step is None:
            self.app.pop()
            return
        self.layout(self.size)
        self.app.invalidate()

    # ----- drawing -----------------------------------------------------------------------

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        u = t.unit
        w, h = surface.get_size()
        frame = self.target.inflate(u, u)
        shade = pygame.Surface((w, h), pygame.SRCALPHA)
        shade.fill(t.c["overlay"])
        shade.fill((0, 0, 0, 0), frame)
        surface.blit(shade, (0, 0))
        pygame.draw.rect(surface, t.c["accent"], frame, 3, border_radius=8)
        pygame.draw.rect(surface, t.c["panel"], self.box, border_radius=10)
        pygame.draw.rect(surface, t.c["accent"], self.box, 2, border_radius=10)
        x, y = self.box.x + 2 * u, self.box.y + 2 * u
        for style, line in self._lines:
            font = _font(t, style)
            colour = {"count": t.c["muted"], "title": t.c["accent"],
                      "text": t.c["text"]}[style]
            draw_line(surface, font, line, colour, (x, y), self.box.w - 4 * u,
                      where="coach")
            y += font.get_linesize()
            if style == "title":
                y += u // 2
        # The table's own key hints show through the shade: ours instead.
        surface.fill(t.c["background"], (0, h - self.hint_height(), w, self.hint_height()))
        self.draw_hint(surface)

    def texts(self) -> list[str]:
        return [line for _, line in self._lines]


def _font(theme: Theme, style: str) -> pygame.font.Font:
    if style == "title":
        return theme.fonts.get("heading", bold=True)
    return theme.fonts.get("small" if style == "count" else "body")


def place_box(step: Step, target: pygame.Rect, size: tuple[int, int], theme: Theme,
              foot: int) -> tuple[pygame.Rect, list[tuple[str, str]]]:
    """The box of *step*'s text beside *target* (right, left, below or above it: the first
    side with room), and its lines. The box never covers the target, nor the window's
    help line (*foot* high)."""
    u = theme.unit
    w, h = size
    screen = pygame.Rect(u, u, w - 2 * u, h - foot - 2 * u)
    frame = target.inflate(3 * u, 3 * u)
    widest = min(max(w // 3, 360), w - 4 * u)
    count = f"The coach \u00b7 {STEPS.index(step) + 1} of {len(STEPS)}"
    sides = [
        pygame.Rect(frame.right, screen.y, screen.right - frame.right, screen.h),
        pygame.Rect(screen.x, screen.y, frame.x - screen.x, screen.h),
        pygame.Rect(screen.x, frame.bottom, screen.w, screen.bottom - frame.bottom),
        pygame.Rect(screen.x, screen.y, screen.w, frame.y - screen.y),
    ]
    best: tuple[pygame.Rect, list[tuple[str, str]]] | None = None
    for room in sides:
        if room.w < 8 * u or room.h < 4 * u:
            continue
        width = min(widest, room.w)
        lines = _lines(step, count, theme, width - 4 * u)
        height = sum(_font(theme, style).get_linesize() for style, _ in lines) + 4 * u + u // 2
        box = pygame.Rect(0, 0, width, height)
        # Level with the target where it can be, else as near as the room allows.
        if room.w < screen.w:  # beside the target
            box.x = room.x if room.x > target.x else room.right - width
            box.y = max(room.y, min(target.y, room.bottom - height))
        else:  # below or above it
            box.centerx = max(room.x + width // 2, min(target.centerx, room.right - width // 2))
            box.y = room.y if room.y >= target.bottom else room.bottom - height
        if room.contains(box):
            return box, lines
        if best is None:
            best = (box.clamp(screen), lines)
    assert best is not None, "a window of at least 1024x600 has room beside any part"
    return best


def _lines(step: Step, count: str, theme: Theme, width: int) -> list[tuple[str, str]]:
    lines = [("count", line) for line in wrap(count, _font(theme, "count"), width)]
    lines += [("title", line) for line in wrap(step.title, _font(theme, "title"), width)]
    lines += [("text", line) for line in wrap(step.text, _font(theme, "text"), width)]
    return lines
