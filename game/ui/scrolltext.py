"""Long text laid out once and scrolled: briefs, debrief pages, scenario problems."""

from __future__ import annotations

from typing import Any

import pygame

from game.ui.text import Span, render_block
from game.ui.theme import Theme
from game.ui.widgets import Widget, draw_focus


class ScrollText(Widget):
    """Wrapped text laid out once into a surface and scrolled: arrows, Page Up/Down,
    Home/End when focused, the wheel when hovered."""

    always_focusable = True

    def __init__(self, spans: list[Span], *, tooltip: str = "") -> None:
        super().__init__(tooltip=tooltip)
        self.spans = spans
        self.offset = 0
        self._surface: pygame.Surface | None = None
        self._key: tuple[Any, ...] | None = None

    def texts(self) -> list[str]:
        return []

    @property
    def scrollable(self) -> bool:
        return self._surface is not None and self._surface.get_height() > self.rect.h

    def _scroll(self, dy: int) -> None:
        if self._surface is None:
            return
        limit = max(0, self._surface.get_height() - self.rect.h)
        self.offset = max(0, min(self.offset + dy, limit))

    def key(self, event: pygame.event.Event) -> bool:
        step = max(20, self.rect.h // 10)
        moves = {pygame.K_DOWN: step, pygame.K_UP: -step, pygame.K_PAGEDOWN: self.rect.h - step,
                 pygame.K_PAGEUP: step - self.rect.h, pygame.K_HOME: -10**6,
                 pygame.K_END: 10**6}
        if event.key in moves and self.scrollable:
            self._scroll(moves[event.key])
            return True
        return False

    def click(self, pos: tuple[int, int], button: int) -> bool:
        return False

    def wheel(self, dy: int) -> bool:
        self._scroll(-dy * 40)
        return True

    def draw(self, surface: pygame.Surface, theme: Theme, focused: bool, hovered: bool) -> None:
        key = (self.rect.w, id(theme))
        if self._surface is None or self._key != key:
            self._surface = render_block(self.spans, self.rect.w - 14, theme.fonts, theme.c)
            self._key = key
            self._scroll(0)
        area = pygame.Rect(0, self.offset, self.rect.w - 14, self.rect.h)
        surface.blit(self._surface, self.rect.topleft, area)
        if self.scrollable:
            total = self._surface.get_height()
            bar_h = max(20, self.rect.h * self.rect.h // total)
            bar_y = self.rect.y + (self.rect.h - bar_h) * self.offset // max(1, total - self.rect.h)
            track = pygame.Rect(self.rect.right - 6, self.rect.y, 4, self.rect.h)
            pygame.draw.rect(surface, theme.c["panel_alt"], track, border_radius=2)
            pygame.draw.rect(surface, theme.c["focus"] if focused else theme.c["muted"],
                             (track.x, bar_y, 4, bar_h), border_radius=2)
        if focused and self.scrollable:
            draw_focus(surface, theme, self.rect)
