"""F5 at the table, when the scenario's file has problems: they are shown over the table
(file, line, message) and the game goes on with the last version that loaded; or the file
loaded but the rebuild lost moves, and this says so. See :mod:`game.ui.reload`."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.errors import Problem
from game.ui.screen import Host, Screen, overlay_box
from game.ui.scrolltext import ScrollText
from game.ui.text import Span, draw_line, fitting
from game.ui.widgets import Button


class ReloadProblemsScreen(Screen):
    """Drawn over the table: what is wrong with the file, or what the rebuild lost. The
    game goes on when it is closed."""

    name = "reload"
    opaque = False
    hint = "Enter or Esc: back to the table   Up/Down: scroll   F5: try again"

    def __init__(self, app: Host, file: str, problems: list[Problem],
                 warning: str | None = None) -> None:
        super().__init__(app)
        self.file = file
        self.problems = problems
        self.warning = warning
        spans: list[Span] = []
        if warning:
            self.title = "Scenario reloaded, with a warning"
            spans.append(Span(warning, gap=0.8))
            spans.append(Span("The game goes on from there, in a new save file; the old "
                              "save keeps every move.", colour="muted"))
        else:
            count = len(problems)
            self.title = (f"The scenario file has {count} problem{'s' if count != 1 else ''}"
                          if count else "The scenario file has a problem")
            spans.append(Span("The game goes on with the last version that loaded. Fix the "
                              "file and press F5 again.", colour="muted", gap=0.8))
            for problem in problems:
                spans.append(Span(f"{Path(problem.file).name}, line {problem.line}, column "
                                  f"{problem.column}", bold=True, gap=0))
                spans.append(Span(problem.message, indent=16, gap=0.6))
        self.body = ScrollText(spans)
        self.ok = Button("Back to the table", self.back, kind="primary")
        self.ring.set([self.ok, self.body])

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        w, h = size
        u = self.theme.unit
        fonts = self.theme.fonts
        bw, bh = min(w - 8 * u, max(640, w * 2 // 3)), h * 2 // 3
        self.box = pygame.Rect((w - bw) // 2, (h - bh) // 2, bw, bh)
        head = fonts.get("heading").get_linesize() + fonts.get("small").get_linesize()
        button_h = self.row_height()
        ok_w = self.ok.width_for(self.theme, 260)
        self.ok.rect = pygame.Rect(self.box.right - 2 * u - ok_w,
                                   self.box.bottom - 2 * u - button_h, ok_w, button_h)
        top = self.box.y + 2 * u + head + u
        self.body.rect = pygame.Rect(self.box.x + 2 * u, top, self.box.w - 4 * u,
                                     self.ok.rect.y - u - top)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE):
                self.back()
                return
            if event.key == pygame.K_F5:
                # "Try again" is F5 at the table, which this screen covers.
                self.back()
                table = self.app.top
                if table is not None and table.name == "table":
                    table.handle_event(event)
                return
            if event.key in (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN):
                self.body.key(event)
                return
        super().handle_event(event)

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        u = t.unit
        overlay_box(surface, t, self.box, t.c["event"] if not self.warning else t.c["accent"],
                    2)
        head = t.fonts.get("heading", bold=True)
        x, width = self.box.x + 2 * u, self.box.w - 4 * u
        draw_line(surface, head, self.title, t.c["text"], (x, self.box.y + 2 * u), width,
                  where="reload title")
        small = t.fonts.get("small")
        path = self.file
        if small.size(path)[0] > width:  # a long path keeps its end: the file's own name
            tail = path[::-1][:max(width, 1)]
            path = "\u2026" + tail[:fitting(small, tail, width, "\u2026")][::-1]
        draw_line(surface, small, path, t.c["muted"],
                  (x, self.box.y + 2 * u + head.get_linesize()), width, where="reload file")
        self.ring.draw(surface, t)
        w, h = surface.get_size()
        # The table's own help line lies under the shade: cover it before drawing ours.
        pygame.draw.rect(surface, t.c["background"], (0, h - self.hint_height(), w,
                                                      self.hint_height()))
        self.draw_hint(surface)
        self.ring.draw_tooltip(surface, t)
