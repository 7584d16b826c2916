"""The agenda: every issue with the proposal on the table, and the proposal builder (an
option for each issue) with the package's worth to the player's side, live, against its
fallback. Utilities come from the engine's outcome space; nothing is computed here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pygame

from game.analysis import from_ids, percent, points, to_ids
from game.coherence import clashes_in, incoherence
from game.model import Issue
from game.ui.meters import arrow
from game.ui.screen import panel, paragraph
from game.play.session import Session
from game.play.wording import LOSS, crossing, with_others
from game.ui.text import ELLIPSIS, draw_line, report_overflow, shortened, wrap
from game.ui.theme import Theme
from game.ui.widgets import Button, Choice, draw_focus


class IssueRow(Choice):
    """One issue of the builder: Left/Right picks the option."""

    def __init__(self, issue: Issue, index: int,
                 on_change: Callable[[Any], None] | None) -> None:
        super().__init__(issue.name, [(o.id, o.name) for o in issue.options], index, on_change)
        self.issue = issue
        #: The option of the proposal on the table (None: nothing is on the table).
        self.on_table: str | None = None
        self.table_name = ""

    def click(self, pos: tuple[int, int], button: int) -> bool:
        if button != 1:
            return False
        self.step(-1 if pos[0] < self.rect.centerx else 1)
        return True

    def step(self, delta: int) -> None:
        """The next option in the issue's order, stopping at either end: the options run
        from one side's wish to the other's, and going round from the last to the first
        would jump to the far end (a player pressing Right once more found it there)."""
        if 0 <= self.index + delta < len(self.values):
            super().step(delta)

    #: The table's option shows on the line of the issue's name, right-aligned (True), or
    #: on a line of its own (False): set by the agenda's layout, for all rows alike.
    inline = True
    #: Lines for the table's option on its own line (the most any option needs).
    table_lines = 1
    #: Only whether the option shown is the table's, on the line of the issue's name (set
    #: by the agenda's layout when the table's option on a line of its own would leave an
    #: issue out of view: every issue shows before any detail of one; the table's proposal
    #: is whole in the log and in the row's tooltip).
    compact = False
    #: Whether a compact row says in words if its option is the table's (set by the
    #: agenda's layout, for all rows alike: only when the words fit beside every issue's
    #: name; else the bar at a row's edge alone marks the table's option).
    tagged = True
    #: Shows the table's option only, with no arrows (the demo: nobody builds a package).
    readonly = False
    #: What a read-only row says when nothing is on the table.
    empty_text = "Nothing proposed yet"
    #: The option shown is part of a red line the package crosses.
    red = False

    @staticmethod
    def height(theme: Theme, table_lines: int = 0) -> int:
        """A row's height, with *table_lines* for the proposal on the table."""
        small = theme.fonts.get("small").get_linesize()
        return small * (1 + table_lines) + theme.fonts.get("body").get_linesize() + \
            theme.unit // 2

    def texts(self) -> list[str]:
        return [self.label, self.values[self.index][1]]

    def tag(self, theme: Theme) -> str:
        """What the row says of the table's option beside the issue's name ("" when it says
        nothing there: nothing on the table, or the table's option on a line of its own)."""
        if self.on_table is None or not (self.compact or self.inline):
            return ""
        if self.on_table == self.value:
            return "as on the table" if self.inline or self.tagged else ""
        named = f"table: {self.table_name}"
        if self.inline:
            return named
        # The table's option itself where it fits beside this issue's name (a small window
        # said only "not as on the table" on every row, a window playtest).
        small = theme.fonts.get("small")
        room = self.rect.w - small.size(self.label)[0] - 3 * theme.unit
        if small.size(named)[0] <= room:
            return named
        # Cut short where the room allows a word of it: a long option's name ("Calm and
        # grounded air force") had left its row alone saying "not as on the table" on every
        # turn, and a playtester scrolled the log to find what the table held.
        if small.size(f"table: {self.table_name[:8]}{ELLIPSIS}")[0] <= room:
            return shortened(named, small, room)
        return "not as on the table" if self.tagged else ""

    def draw(self, surface: pygame.Surface, theme: Theme, focused: bool, hovered: bool) -> None:
        c = theme.c
        r = self.rect
        u = theme.unit
        pygame.draw.rect(surface, c["button_hover"] if hovered or focused else c["panel_alt"],
                         r, border_radius=6)
        small = theme.fonts.get("small")
        body = theme.fonts.get("body")
        y = r.y + u // 4
        if self.readonly:
            draw_line(surface, small, self.label, c["muted"], (r.x + u, y), r.w - 2 * u,
                      where="issue name")
            y += small.get_linesize()
            if self.on_table is None:
                draw_line(surface, body, self.empty_text, c["muted"], (r.centerx, y),
                          r.w - 2 * u, align="center", where="issue option")
            else:
                # A long option in the small size rather than cut (large text, a small
                # window).
                font = body if body.size(self.table_name)[0] <= r.w - 2 * u else small
                draw_line(surface, font, self.table_name, c["text"], (r.centerx, y),
                          r.w - 2 * u, align="center", where="issue option")
            return
        on_table = self.on_table is not None and self.on_table == self.value
        tag = self.tag(theme)
        if tag:
            draw_line(surface, small, tag, c["accent"] if on_table else c["muted"],
                      (r.right - u, y), align="right")
        draw_line(surface, small, self.label, c["muted"], (r.x + u, y),
                  r.w - 2 * u - (small.size(tag)[0] + u if tag else 0), where="issue name")
        if on_table:
            # A bar that the eye can follow down the agenda.
            pygame.draw.rect(surface, c["accent"], (r.x + 2, r.y + 4, 3, r.h - 8))
        y += small.get_linesize()
        arrows = theme.fonts.get("body", bold=True)
        colour = c["accent"] if self.enabled else c["disabled"]
        draw_line(surface, arrows, "<", colour, (r.x + u, y))
        draw_line(surface, arrows, ">", colour, (r.right - u, y), align="right")
        inner = r.w - 2 * u - 2 * arrows.size("< ")[0]
        draw_line(surface, body, self.values[self.index][1], c["bad"] if self.red else c["text"],
                  (r.centerx, y), inner, align="center", where="issue option")
        if self.on_table is not None and not self.inline and not self.compact:
            y += body.get_linesize()
            if on_table:
                draw_line(surface, small, "The same as on the table", c["accent"],
                          (r.centerx, y), r.w - 2 * u, align="center", where="issue table")
            else:
                text = next((x for x in (f"On the table: {self.table_name}",
                                         f"Table: {self.table_name}")
                             if small.size(x)[0] <= r.w - 2 * u), f"Table: {self.table_name}")
                lines = wrap(text, small, r.w - 2 * u)
                if len(lines) > self.table_lines:
                    report_overflow("issue table", text)
                for line in lines[:self.table_lines]:
                    draw_line(surface, small, line, c["muted"], (r.centerx, y), r.w - 2 * u,
                              align="center", where="issue table")
                    y += small.get_linesize()
        if focused:
            draw_focus(surface, theme, r)


#: The note under a package that crosses a red line, when the red line's own words do not
#: fit the note's lines.
RED_NOTE = f"This package crosses one of your red lines: {LOSS}."
#: Under the result once talks have ended: with a deal, and without one.
DEAL_NOTE = "The talks are over: the debrief says how this deal compares with the best ones."
NO_DEAL_NOTE = "The talks are over: the debrief shows what a deal could have been."


#: The copy button's labels, longest first: the longest that fits the title row is used.
COPY_LABELS = ("Start from the proposal on the table", "Start from the table's proposal",
               "Start from the table", "Copy the table")


class Agenda:
    """The builder's widgets and the panel drawn around them."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.drafts: dict[str, dict[str, str]] = {}
        self.rows = [IssueRow(issue, 0, lambda _v: self._changed()) for issue in
                     session.scenario.issues]
        #: The demo's agenda: the table's proposal only, nothing to build.
        self.readonly = session.mode == "demo"
        for row in self.rows:
            row.readonly = self.readonly
        self.copy = Button(COPY_LABELS[0], self.copy_table,
                           hint="C", role="small",
                           tooltip="Set every issue of your package to the proposal on the "
                                   "table, to change only what you must.")
        self.rect = pygame.Rect(0, 0, 0, 0)
        #: Where the rows show; they scroll inside it when they do not all fit.
        self.rows_rect = pygame.Rect(0, 0, 0, 0)
        #: Where the scroll arrows end on the right, in the title row (see :meth:`layout`).
        self.arrows_right = 0
        #: Where an issue's tooltip goes when there is no room beside its row (set by the
        #: table: the panel beside the agenda); None: under the rows.
        self.beside: pygame.Rect | None = None
        self.scroll = 0
        #: A row's height and the gap below it: the rows scroll by this much.
        self.pitch = 1
        #: The theme of the last layout (None before the first).
        self.theme: Theme | None = None
        self.side: str | None = None
        self.table: dict[str, str] | None = None
        self.table_by: str | None = None
        #: Called whenever the player changes the package.
        self.on_change: Callable[[], None] | None = None
        #: The talks are over: the rows show the deal (or that there is none).
        self.over = False

    # ----- state ------------------------------------------------------------------------

    def show(self, side: str | None, table: dict[str, str] | None, by: str | None) -> None:
        """Show *side*'s draft (None: nobody's, as in a demo) and the table's proposal."""
        if self.side is not None:
            self.drafts[self.side] = self.package()
        # The rows gain a line for the table's option when a proposal is first made.
        again = (table is None) != (self.table is None) and self.theme is not None
        self.side, self.table, self.table_by = side, table, by
        draft = self.drafts.get(side or "") or self._ideal(side)
        for row in self.rows:
            row.index = [v for v, _ in row.values].index(draft[row.issue.id])
            row.on_table = table.get(row.issue.id) if table else None
            row.table_name = dict(row.values).get(row.on_table or "", "")
            row.enabled = side is not None and self.session.is_human(side)
            row.empty_text = "No deal" if self.over else "Nothing proposed yet"
            row.tooltip = self._tip(row)
        self._mark_red()
        if again and self.theme is not None:
            self.layout(self.rect, self.theme)

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
        self._mark_red()

    def _mark_red(self) -> None:
        """Show in the red-line colour the options of every red line the package
        crosses, so that the player sees which choices to change."""
        issues: set[str] = set()
        if self.side is not None and self.session.is_human(self.side):
            package = self.package()
            for red in self.session.scenario.sides[self.side].red_lines:
                if all(package[issue] in options for issue, options in red.forbid.items()):
                    issues.update(red.forbid)
        for row in self.rows:
            row.red = row.issue.id in issues

    def _tip(self, row: IssueRow) -> str:
        issue = row.issue
        option = issue.options[row.index]
        text = f"{issue.description} Now: {option.name}: {option.description}"
        if row.on_table is not None and row.on_table != row.value:
            text += f" On the table: {row.table_name}."
        if self.side is not None and self.session.is_human(self.side):
            spec = self.session.scenario.sides[self.side]
            text += (f" Worth to you: {points(spec.values[issue.id][option.id])} of 100 on "
                     f"this issue, which weighs {percent(spec.weights[issue.id])} of the whole.")
            together = with_others(self.session.scenario, self.side, issue.id, option.id)
            if together:
                text += f" Beside other options, in all: {together}."
        return text

    def worth(self, side: str, package: dict[str, str]) -> float:
        game = self.session.game
        return game.space.utility_of(side, from_ids(game.scenario, package))

    def crossed(self, side: str, package: dict[str, str]) -> list[str]:
        game = self.session.game
        return game.space.red_lines_crossed(side, from_ids(game.scenario, package))

    # ----- drawing ----------------------------------------------------------------------

    def _fixed(self, theme: Theme, width: int) -> tuple[int, int, int]:
        """Lines of the table's line, the worth and the note, at *width*."""
        small = theme.fonts.get("small")
        bold = theme.fonts.get("small", bold=True)
        head = max(len(wrap(text, small, width)) for text in (
            "Nothing is on the table yet. Build a package below and propose it.",
            *(f"On the table: {s.whose} proposal, issue by issue below."
              for s in self.session.scenario.sides.values())))
        worth = max(len(wrap(text, bold, width)) for text in (
            "Your package: 100 points. Your fallback: 100.",
            "The deal: 100 points to you. Your fallback: 100.",
            "No deal: you keep your fallback, 100 points."))
        # A red line is named in the note only where it fits these lines (see red_note).
        note = max(len(wrap(text, small, width)) for text in (
            "The white mark on the bar is your fallback: stay to its right.",
            RED_NOTE,
            "The table's proposal is worth 100 points to you.",
            DEAL_NOTE, NO_DEAL_NOTE))
        return head, worth, note

    def layout(self, rect: pygame.Rect, theme: Theme) -> None:
        """Place the rows inside *rect* (the panel): the button that copies the table's
        proposal in the title row, the table's line under it, the worth at the bottom,
        the rows between, scrolling when they do not fit."""
        u = theme.unit
        self.rect = rect
        self.theme = theme
        small = theme.fonts.get("small")
        head, worth, note = self._fixed(theme, rect.w - 3 * u)
        # The copy button sits right-aligned in the title row, as Undo and Redo do in the
        # moves' panel, with the longest of its labels that leaves the title whole: the
        # rows below get the room (at 1024x600 every issue of six shows). Where none fits
        # (large text in a small window), it spans the panel's foot.
        title_w = theme.fonts.get("small", bold=True).size("Agenda and proposal".upper())[0]
        free = rect.w - 4 * u - title_w - self.arrows_width(theme)
        label = next((label for label in COPY_LABELS
                      if self.copy.natural_width(theme, label) <= free), None)
        if label is not None:
            self.copy.set_label(label)
            bw = self.copy.natural_width(theme)
            self.copy.rect = pygame.Rect(rect.right - u - bw, rect.y + u // 2, bw,
                                         small.get_linesize() + u // 2)
            foot = rect.bottom
            self.arrows_right = self.copy.rect.x - u
        else:
            self.copy.set_label(COPY_LABELS[0])
            bh = small.get_linesize() + u
            self.copy.rect = pygame.Rect(rect.x + u, rect.bottom - u - bh, rect.w - 2 * u, bh)
            foot = self.copy.rect.y
            self.arrows_right = rect.right - u
        y = rect.y + u + small.get_linesize() + u // 2  # panel title
        self.worth_lines, self.note_lines = worth, note
        self.utility_y = foot - u - (worth + note) * small.get_linesize() - max(6, u) - 4
        if self.readonly:  # the demo: a line of worth for each side, no bar, note or button
            self.utility_y = rect.bottom - u - len(self.session.game.sides) * \
                small.get_linesize()
        inline = all(
            small.size(row.label)[0] + small.size(f"table: {name}")[0] + 3 * u <= rect.w - 2 * u
            for row in self.rows for _, name in row.values)
        table_lines = max((len(wrap(f"Table: {name}", small, rect.w - 4 * u))
                           for row in self.rows for _, name in row.values), default=1)
        full = IssueRow.height(theme, table_lines if self.table is not None and not inline
                               and not self.readonly else 0)
        lean = IssueRow.height(theme, 0)

        def fit(top: int) -> tuple[int, int, bool]:
            """The rows' height, how many show and whether they are compact, when they
            start at *top*. They show whole: their room holds a whole number of them, and
            they scroll a whole row at a time, so no row is ever cut in half at its edge.
            Issues in view come first: when the table's option on a line of its own would
            leave out an issue that rows without it would show (a playtest proposed
            without seeing two of five issues), the rows say only whether they hold the
            table's option."""
            room = self.utility_y - u // 2 - top + u // 2
            count = len(self.rows)
            shown = max(0, min(count, room // (full + u // 2)))
            lean_shown = max(0, min(count, room // (lean + u // 2)))
            if full > lean and lean_shown > shown:
                return lean, lean_shown, True
            return full, shown, False

        # The line on the table's proposal, unless the rows need its room (each row says
        # the table's option too): it shows when the rows show as many, and as fully,
        # below it.
        below = y + u // 2
        with_head = fit(below + small.get_linesize() * head)
        self.head_lines = head if with_head == fit(below) and with_head[1] else 0
        y = below + small.get_linesize() * self.head_lines
        rh, shown, compact = fit(y)
        shown = max(shown, 1)  # one row shows, whatever the room
        self.pitch = rh + u // 2
        self.rows_rect = pygame.Rect(rect.x + u, y, rect.w - 2 * u,
                                     shown * self.pitch - u // 2)
        self.scroll = 0
        # An option's tooltip, with no room beside its row, goes to the panel the table
        # names (:attr:`beside`), else under the rows; never over the other side's
        # proposal in the log that the player is comparing it with (a playtest's
        # complaint).
        spot = self.beside or pygame.Rect(rect.x + u, self.rows_rect.bottom + u // 2,
                                          rect.w - 2 * u,
                                          max(0, rect.bottom - self.rows_rect.bottom - u))
        tagged = all(small.size(row.label)[0] + small.size("not as on the table")[0] + 3 * u
                     <= rect.w - 2 * u for row in self.rows)
        for row in self.rows:
            row.inline = inline and not compact
            row.compact = compact
            row.tagged = tagged
            row.table_lines = table_lines
            row.rect = pygame.Rect(rect.x + u, y, rect.w - 2 * u, rh)
            row.clip = self.rows_rect
            row.tip_spot = spot
            y += self.pitch

    @staticmethod
    def arrows_width(theme: Theme) -> int:
        """The width the two scroll arrows take in the title row."""
        return 4 * max(8, theme.unit) + theme.unit

    @property
    def scrolls(self) -> tuple[bool, bool]:
        """Whether rows lie above and below what shows."""
        if not self.rows:
            return False, False
        return (self.rows[0].rect.y < self.rows_rect.y,
                self.rows[-1].rect.bottom > self.rows_rect.bottom)

    def keep_visible(self, focused: object) -> None:
        """Scroll the rows so that the focused one shows whole."""
        if focused not in self.rows:
            return
        row = self.rows[self.rows.index(focused)]
        if row.rect.y < self.rows_rect.y:
            self._shift(row.rect.y - self.rows_rect.y)
        elif row.rect.bottom > self.rows_rect.bottom:
            self._shift(row.rect.bottom - self.rows_rect.bottom)

    def wheel(self, dy: int) -> None:
        """Scroll a whole row for each notch of the wheel."""
        if not self.rows:
            return
        total = self.rows[-1].rect.bottom - self.rows[0].rect.y
        limit = max(0, total - self.rows_rect.h)
        self._shift(max(-self.scroll, min(-dy * self.pitch, limit - self.scroll)))

    def _shift(self, dy: int) -> None:
        for row in self.rows:
            row.rect.y -= dy
        self.scroll += dy

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        t = theme
        u = t.unit
        scenario = self.session.scenario
        y = panel(surface, t, self.rect, "Agenda and proposal")
        small = t.fonts.get("small")
        x, width = self.rect.x + u * 3 // 2, self.rect.w - 3 * u
        if self.over:
            text = ("The talks are over: the deal, issue by issue below." if self.table
                    else "The talks are over without a deal.")
            colour = t.c["text"]
        elif self.table:
            whose = scenario.sides[self.table_by].whose if self.table_by else "a"
            text = f"On the table: {whose} proposal, issue by issue below."
            colour = t.c["text"]
        else:
            text = "Nothing is on the table yet. Build a package below and propose it."
            colour = t.c["muted"]
        if self.head_lines:
            paragraph(surface, small, text, colour, x, y, width, self.head_lines,
                      "agenda table")
        above, below = self.scrolls
        size = max(8, u)
        mid = self.rect.y + u + small.get_linesize() // 2
        # Left of the copy button in the title row, whether it shows or not (the demo
        # hides it).
        right = self.arrows_right
        if below:
            arrow(surface, t.c["accent"], (right - size, mid), size, False)
        if above:
            arrow(surface, t.c["accent"], (right - 3 * size, mid), size, True)
        self._draw_worth(surface, t, x, width)

    @property
    def worth_rect(self) -> pygame.Rect:
        """Where the package's worth, its bar and its note are drawn: what a player reads
        while choosing an option, so no tooltip covers it."""
        return pygame.Rect(self.rect.x, self.utility_y, self.rect.w,
                           max(0, self.rect.bottom - self.utility_y))

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
        batna = game.fallback(side)
        if self.over:
            self._draw_end(surface, theme, x, y, width, side)
            return
        package = self.package()
        value = self.worth(side, package)
        crossed = self.crossed(side, package)
        good = value > batna and not crossed
        label = f"Your package: {points(value)} points. Your fallback: {points(batna)}."
        y = paragraph(surface, bold, label, theme.c["good"] if good else theme.c["bad"], x, y,
                      width, self.worth_lines, "agenda worth")
        bar = pygame.Rect(x, y + 2, width, max(6, u))
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
            if len(wrap(note, small, width)) > self.note_lines:
                # Short of room: the options alone (the reason comes with a try to
                # propose, and in the brief).
                named = "; ".join(names for names, _ in clashes_in(game.scenario, package))
                note = f"Cannot be proposed together: {named}."
            colour = theme.c["bad"]
        elif crossed:
            note = self.red_note(crossed[0], small, width)
            colour = theme.c["bad"]
        elif self.table and self.table_by != side:
            note = (f"The table's proposal is worth {points(self.worth(side, self.table))} "
                    f"points to you.")
            colour = theme.c["muted"]
            table_crosses = self.crossed(side, self.table)
            if table_crosses:
                note = f"The table's proposal {crossing(table_crosses)}."
                if len(wrap(note, small, width)) > self.note_lines:  # short of room
                    count = len(table_crosses)
                    note = "The table's proposal crosses " + \
                        ("one of your red lines." if count == 1 else
                         f"{count} of your red lines.")
                colour = theme.c["bad"]
        else:
            note = "The white mark on the bar is your fallback: stay to its right."
            colour = theme.c["muted"]
        paragraph(surface, small, note, colour, x, y, width, self.note_lines, "agenda note")

    def _draw_end(self, surface: pygame.Surface, theme: Theme, x: int, y: int, width: int,
                  side: str) -> None:
        """Once the talks are over: what the deal is worth to the player, or that there is
        none (the builder's package no longer matters)."""
        small = theme.fonts.get("small")
        bold = theme.fonts.get("small", bold=True)
        batna = self.session.game.fallback(side)
        if self.table:
            value = self.worth(side, self.table)
            crossed = self.crossed(side, self.table)
            good = value > batna and not crossed
            label = f"The deal: {points(value)} points to you. Your fallback: {points(batna)}."
            colour = theme.c["good"] if good else theme.c["bad"]
            note = self.red_note(crossed[0], small, width) if crossed else DEAL_NOTE
        else:
            label = f"No deal: you keep your fallback, {points(batna)} points."
            note = NO_DEAL_NOTE
            colour = theme.c["text"]
        y = paragraph(surface, bold, label, colour, x, y, width, self.worth_lines,
                      "agenda worth")
        paragraph(surface, small, note, colour if self.table and crossed else
                  theme.c["muted"], x, y + max(6, theme.unit) + 4, width, self.note_lines,
                  "agenda note")

    def red_note(self, red_line: str, font: pygame.font.Font, width: int) -> str:
        """The note for a package (or, once the talks are over, the deal) that crosses
        *red_line*: its own words where they fit the note's lines, else the general
        warning (the red options show in the rows)."""
        named = f"Crosses your red line ({red_line}): {LOSS}."
        if len(wrap(named, font, width)) <= self.note_lines:
            return named
        return RED_NOTE.replace("This package", "The deal") if self.over else RED_NOTE
