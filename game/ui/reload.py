"""F5 at the table: read the scenario's file again, for a modder who edits it while playing.

A file with errors shows them over the table (file, line, message) and the game goes on
with the last version that loaded; a file that loads rebuilds the game on it by replaying
the moves, and says so when some move is no longer legal.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.errors import Problem
from game.scenario import check_file
from game.ui import portraits
from game.ui.screen import Screen
from game.ui.scrolltext import ScrollText
from game.ui.text import Span, draw_line
from game.ui.widgets import Button

if TYPE_CHECKING:
    from game.ui.table import TableScreen


def reload_scenario(table: TableScreen) -> bool:
    """Reload the table's scenario from disk; True when the game now runs on the new
    version. Never raises for a bad file: its problems are shown instead."""
    app = table.app
    session = table.session
    file = session.scenario.file
    if not file or not Path(file).is_file():
        app.toast("This scenario has no file to reload.", 4.0)
        return False
    scenario, problems = check_file(file)
    errors = [p for p in problems if p.severity == "error"]
    if scenario is None or errors:
        app.push(ReloadProblemsScreen(app, file, errors or problems))
        return False
    if table.pending:
        table.skip()
    try:
        replayed, warning = session.rebuild(scenario)
    except ValueError as exc:
        app.push(ReloadProblemsScreen(app, file, [Problem(file, 1, 1, "", str(exc))]))
        return False
    portraits.forget()  # the modder may have changed the pictures too
    app.use_scenario_theme(Path(file).parent)
    from game.ui.flow import theme_problem
    from game.ui.table import TableScreen
    fresh = TableScreen(app, session)
    fresh.seat = table.seat
    index = app.stack.index(table)
    table.leave()
    app.stack[index] = fresh
    fresh.layout(app.size)
    fresh.enter()
    fresh.show_all()
    app.invalidate()
    note = theme_problem(Path(file).parent)
    if warning:
        app.push(ReloadProblemsScreen(app, file, [], warning=warning))
    else:
        app.toast(f"Reloaded {Path(file).name}: {replayed} move{'s' if replayed != 1 else ''} "
                  "replayed." + (f" {note}" if note else ""), 5.0)
    return True


class ReloadProblemsScreen(Screen):
    """Drawn over the table: what is wrong with the file, or what the rebuild lost. The
    game goes on when it is closed."""

    name = "reload"
    opaque = False
    hint = "Enter or Esc: back to the table   Up/Down: scroll   F5: try again"

    def __init__(self, app, file: str, problems: list[Problem],  # type: ignore[no-untyped-def]
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
        self.ok.rect = pygame.Rect(self.box.right - 2 * u - 260,
                                   self.box.bottom - 2 * u - button_h, 260, button_h)
        top = self.box.y + 2 * u + head + u
        self.body.rect = pygame.Rect(self.box.x + 2 * u, top, self.box.w - 4 * u,
                                     self.ok.rect.y - u - top)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE):
                self.back()
                return
            if event.key == pygame.K_F5:
                self.back()
                table = self.app.top
                if table is not None and table.name == "table":
                    reload_scenario(table)  # type: ignore[arg-type]
                return
            if event.key in (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN):
                self.body.key(event)
                return
        super().handle_event(event)

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        u = t.unit
        shade = pygame.Surface(surface.get_size(), pygame.SRCALPHA)
        shade.fill(t.c["overlay"])
        surface.blit(shade, (0, 0))
        pygame.draw.rect(surface, t.c["panel"], self.box, border_radius=10)
        pygame.draw.rect(surface, t.c["event"] if not self.warning else t.c["accent"],
                         self.box, 2, border_radius=10)
        head = t.fonts.get("heading", bold=True)
        x, width = self.box.x + 2 * u, self.box.w - 4 * u
        draw_line(surface, head, self.title, t.c["text"], (x, self.box.y + 2 * u), width,
                  where="reload title")
        small = t.fonts.get("small")
        path = self.file
        while len(path) > 1 and small.size(path)[0] > width:
            path = "\u2026" + path[2:]  # a long path keeps its end: the file's own name
        draw_line(surface, small, path, t.c["muted"],
                  (x, self.box.y + 2 * u + head.get_linesize()), width, where="reload file")
        self.ring.draw(surface, t)
        w, h = surface.get_size()
        # The table's own help line lies under the shade: cover it before drawing ours.
        pygame.draw.rect(surface, t.c["background"], (0, h - self.hint_height(), w,
                                                      self.hint_height()))
        self.draw_hint(surface)
        self.ring.draw_tooltip(surface, t)
