"""Screens that explain: what is wrong with a scenario file, or a plain message."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.errors import ScenarioError
from game.ui.screen import Host, Screen, title_bar
from game.ui.scrolltext import ScrollText
from game.ui.text import Span
from game.ui.widgets import Button
from game.play.wording import program


class MessageScreen(Screen):
    """A title, some text and a button back."""

    name = "message"
    titled = True
    hint = "Enter or Esc: back   Up/Down: scroll"

    def __init__(self, app: Host, title: str, text: str | list[Span],
                 subtitle: str = "") -> None:
        super().__init__(app)
        self.title = title
        self.subtitle = subtitle
        spans = text if isinstance(text, list) else [Span(text)]
        self.body = ScrollText(spans)
        self.ok = Button("Back", self.back, kind="primary")
        self.ring.set([self.ok, self.body])

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        w, h = size
        u = self.theme.unit
        head = self.content_top()
        bh = self.row_height()
        ok_w = self.ok.width_for(self.theme, 200)
        self.ok.rect = pygame.Rect(w - 3 * u - ok_w, h - self.hint_height() - bh - u, ok_w, bh)
        self.body.rect = pygame.Rect(3 * u, head, w - 6 * u,
                                     self.ok.rect.y - head - 2 * u)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_UP, pygame.K_DOWN,
                                                           pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.body.key(event)
            return
        super().handle_event(event)

    def draw_content(self, surface: pygame.Surface) -> None:
        title_bar(surface, self.theme, self.title, self.subtitle)


class ConfirmScreen(MessageScreen):
    """A message with a choice: go on (Enter) or go back (Esc)."""

    name = "confirm"
    hint = "Enter: go on   Esc: back   Up/Down: scroll"

    def __init__(self, app: Host, title: str, text: str | list[Span],
                 then: Callable[[], None], *, yes: str = "Go on", subtitle: str = "") -> None:
        super().__init__(app, title, text, subtitle)
        self.then = then
        self.ok.set_label("Back")
        self.ok.kind = "normal"
        self.yes = Button(yes, self._yes, kind="primary")
        self.ring.set([self.yes, self.ok, self.body], keep=False)
        self.ring.focus(self.yes)

    def _yes(self) -> None:
        self.app.pop()
        self.then()

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        u = self.theme.unit
        r = self.ok.rect
        yes_w = self.yes.width_for(self.theme, 320)
        self.yes.rect = pygame.Rect(r.x - u - yes_w, r.y, yes_w, r.h)


class ProblemsScreen(MessageScreen):
    """Every problem of a scenario file, with file, line and column: never a traceback."""

    name = "problems"

    def __init__(self, app: Host, error: ScenarioError) -> None:
        spans = [Span("This scenario cannot be played until these problems are fixed. "
                      f"Check it with: {program()} validate FILE", colour="muted", gap=1)]
        for problem in error.problems:
            where = f"{problem.file}:{problem.line}:{problem.column}"
            spans.append(Span(where, bold=True, gap=0))
            if problem.path:
                spans.append(Span(f"at {problem.path}", style="small", colour="muted", gap=0))
            spans.append(Span(f"{problem.severity}: {problem.message}", gap=0.8, indent=16))
        count = len(error.problems)
        super().__init__(app, "The scenario has problems", spans,
                         f"{count} problem{'s' if count != 1 else ''} found")
