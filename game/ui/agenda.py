"""The agenda: every issue with the proposal on the table, and the proposal builder (an
option for each issue) with the package's worth to the player's side, live, against its
fallback. Utilities come from the engine's outcome space; nothing is computed here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame

from game.analysis import from_ids, points, to_ids
from game.coherence import incoherence
from game.model import Issue
from game.ui.screen import panel
from game.play.session import Session
from game.ui.text import draw_line, report_overflow, wrap
from game.ui.theme import Theme
from game.ui.widgets import Button, Choice, draw_focus


class IssueRow(Choice):
    """One issue of the builder: Left/Right picks the option."""

    def __init__(self, issue: Issue, index: int,
                 on_change: Callable[[Any], None] | None) -> None:
        super().__init__(issue.name, [(o.id, o.name) for o in issue.options], index, on_change)
        self.issue = issue
        self.on_table: str | None = None

    def click(self, pos: tuple[int, int], button: int) -> bool:
        if button != 1:
            return False
        self.step(-1 if pos[0] < self.rect.centerx else 1)
        return True

    @staticmethod
    def height(theme: Theme) -> int:
        return (theme.fonts.get("small").get_linesize() + theme.fonts.get("body").get_linesize()
                + theme.unit // 2)

    def draw(self, surface: pygame.Surface, theme: Theme, focused: bool, hovered: bool) -> None:
        c = theme.c
        r = self.rect
        u = theme.unit
        pygame.draw.rect(surface, c["button_hover"] if hovered or focused else c["panel_alt"],
                         r, border_radius=6)
        small = theme.fonts.get("small")
        body = theme.fonts.get("body")
        y = r.y + u // 4
        on_table = self.on_table is not None and self.on_table == self.value
        tag = "on the table"
        draw_line(surface, small, self.label, c["muted"], (r.x + u, y),
                  r.w - 3 * u - small.size(tag)[0], where="issue name")
        if on_table:
            draw_line(surface, small, tag, c["accent"], (r.right - u, y), align="right")
            # A bar that the eye can follow down the agenda.
            pygame.draw.rect(surface, c["accent"], (r.x + 2, r.y + 4, 3, r.h - 8))
        y += small.get_linesize()
        arrows = theme.fonts.get("body", bold=True)
        colour = c["accent"] if self.enabled else c["disabled"]
        draw_line(surface, arrows, "<", colour, (r.x + u, y))
        draw_line(surface, arrows, ">", colour, (r.right - u, y), align="right")
        inner = r.w - 2 * u - 2 * arrows.size("< ")[0]
        draw_line(surface, body, self.values[self.index][1], c["text"], (r.centerx, y), inner,
                  align="center", where="issue option")
        if focused:
            draw_focus(surface, theme, r)


class Agenda:
    """The builder's widgets and the panel drawn around them."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.drafts: dict[str, dict[str, str]] = {}
        self.rows = [IssueRow(issue, 0, lambda _v: self._changed()) for issue in
                     session.scenario.issues]
        self.copy = Button("Start from the proposal on the table", self.copy_table,
                           hint="C", role="small",
                           tooltip="Set every issue of your package to the proposal on the "
                                   "table, to change only what you must.")
        self.rect = pygame.Rect(0, 0, 0, 0)
        self.side: str | None = None
        self.table: dict[str, str] | None = None
        self.table_by: str | None = None
        #: Called whenever the player changes the package.
        self.on_change: Callable[[], None] | None = None

    # ----- state ------------------------------------------------------------------------

    def show(self, side: str | None, table: dict[str, str] | None, by: str | None) -> None:
        """Show *side*'s draft (None: nobody's, as in a demo) and the table's proposal."""
        if self.side is not None:
            self.drafts[self.side] = self.package()
        self.side, self.table, self.table_by = side, table, by
        draft = self.drafts.get(side or "") or self._ideal(side)
        for row in self.rows:
            row.index = [v for v, _ in row.values].index(draft[row.issue.id])
            row.on_table = table.get(row.issue.id) if table else None
            row.enabled = side is not None and self.session.is_human(side)
            row.tooltip = self._tip(row)

    def _ideal(self, side: str | None) -> dict[str, str]:
        """Where the builder starts: the side's best package that may be a deal (coherent,
        within its red lines)."""
        game = self.session.game
        if side is None:
            return self.table or to_ids(game.scenario, game.space.packages[0])
        space = game.space
        best = max((n for n in range(len(space.packages)) if not space.crosses[side][n]),
                   key=lambda n: space.utility[side][n], default=0)
        return to_ids(game.scenario, space.packages[best])

    def package(self) -> dict[str, str]:
        return {row.issue.id: row.value for row in self.rows}

    def copy_table(self) -> None:
        if self.table:
            for row in self.rows:
                row.index = [v for v, _ in row.values].index(self.table[row.issue.id])
            self._changed()

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change()
        for row in self.rows:
            row.tooltip = self._tip(row)

    def _tip(self, row: IssueRow) -> str:
        issue = row.issue
        option = issue.options[row.index]
        text = f"{issue.description} Now: {option.name}: {option.description}"
        if self.side is not None and self.session.is_human(self.side):
            spec = self.session.scenario.sides[self.side]
            text += (f" Worth to you: {points(spec.values[issue.id][option.id])} of 100 on "
                     f"this issue, which weighs {spec.weights[issue.id]:.0%} of the whole.")
        return text

    def worth(self, side: str, package: dict[str, str]) -> float:
        game = self.session.game
        return game.space.utility_of(side, from_ids(game.scenario, package))

    def crossed(self, side: str, package: dict[str, str]) -> list[str]:
        game = self.session.game
        return game.space.red_lines_crossed(side, from_ids(game.scenario, package))

    # ----- drawing ----------------------------------------------------------------------

    def layout(self, rect: pygame.Rect, theme: Theme) -> int:
        """Place the rows inside *rect* below the table's proposal; returns the height
        the panel needs."""
        u = theme.unit
        self.rect = rect
        small = theme.fonts.get("small")
        y = rect.y + u + small.get_linesize() + u // 2  # panel title
        y += small.get_linesize() * 3 + u // 2          # the table's proposal
        rh = IssueRow.height(theme)
        for row in self.rows:
            row.rect = pygame.Rect(rect.x + u, y, rect.w - 2 * u, rh)
            y += rh + u // 2
        self.utility_y = y + u // 2
        y = self.utility_y + small.get_linesize() * 2 + max(6, u) + u
        bh = small.get_linesize() + u
        self.copy.rect = pygame.Rect(rect.x + u, y, rect.w - 2 * u, bh)
        return self.copy.rect.bottom + u - rect.y

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        t = theme
        u = t.unit
        scenario = self.session.scenario
        y = panel(surface, t, self.rect, "Agenda and proposal")
        small = t.fonts.get("small")
        x, width = self.rect.x + u * 3 // 2, self.rect.w - 3 * u
        if self.table:
            who = scenario.sides[self.table_by].name if self.table_by else ""
            text = (f"On the table, from {who}: "
                    + "; ".join(i.options[[o.id for o in i.options].index(self.table[i.id])].name
                                for i in scenario.issues))
            colour = t.c["text"]
        else:
            text = "Nothing is on the table yet. Build a package below and propose it."
            colour = t.c["muted"]
        lines = wrap(text, small, width)
        if len(lines) > 3:
            report_overflow("agenda table", text)
        for n, line in enumerate(lines[:3]):
            draw_line(surface, small, line, colour, (x, y + n * small.get_linesize()))
        self._draw_worth(surface, t, x, width)

    def _draw_worth(self, surface: pygame.Surface, theme: Theme, x: int, width: int) -> None:
        u = theme.unit
        small = theme.fonts.get("small")
        bold = theme.fonts.get("small", bold=True)
        y = self.utility_y
        game = self.session.game
        if self.side is None:
            if self.table:
                for n, s in enumerate(game.sides):
                    spec = game.scenario.sides[s]
                    draw_line(surface, small, f"Worth to {spec.short}: "
                              f"{points(self.worth(s, self.table))} points (its fallback "
                              f"{points(game.fallback(s))})",
                              theme.side_colour(game.scenario, s),
                              (x, y + n * small.get_linesize()), width,
                              where="agenda demo worth")
            return
        side = self.side
        package = self.package()
        value = self.worth(side, package)
        batna = game.fallback(side)
        crossed = self.crossed(side, package)
        good = value > batna and not crossed
        label = f"Your package: {points(value)} points. Your fallback: {points(batna)}."
        draw_line(surface, bold, label, theme.c["good"] if good else theme.c["bad"], (x, y),
                  width, where="agenda worth")
        bar = pygame.Rect(x, y + small.get_linesize() + 2, width, max(6, u))
        pygame.draw.rect(surface, theme.c["panel_alt"], bar, border_radius=3)
        fill = bar.copy()
        fill.w = round(bar.w * max(0.0, min(value, 1.0)))
        pygame.draw.rect(surface, theme.c["good"] if good else theme.c["bad"], fill,
                         border_radius=3)
        tick = bar.x + round(bar.w * batna)
        pygame.draw.line(surface, theme.c["text"], (tick, bar.y - 3), (tick, bar.bottom + 2), 2)
        y = bar.bottom + 2
        contradiction = incoherence(game.scenario, package)
        if contradiction:
            note = f"Cannot be proposed: {contradiction}"
            colour = theme.c["bad"]
        elif crossed:
            note = "This package crosses one of your red lines: a loss, whatever its worth."
            colour = theme.c["bad"]
        elif self.table and self.table_by != side:
            note = (f"The table's proposal is worth {points(self.worth(side, self.table))} "
                    f"points to you.")
            colour = theme.c["muted"]
            if self.crossed(side, self.table):
                note = "The table's proposal crosses one of your red lines."
                colour = theme.c["bad"]
        else:
            note = "The white mark on the bar is your fallback: stay to its right."
            colour = theme.c["muted"]
        draw_line(surface, small, note, colour, (x, y), width, where="agenda note")
