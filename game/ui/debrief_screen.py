"""The debrief: what was agreed and how good it was for each side, the outcome space,
the meters over the game, each side's hidden priorities, what really happened, and the
questions for discussion. Pages are switched with Left/Right or the number keys."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pygame

from game.analysis import percent
from game.debrief import REASONS_NOTE, addressed, debrief
from game.ui import charts
from game.ui.exports import transcript_folder, transcript_name, write_transcripts
from game.ui.navigation import Message, Setup, Title
from game.ui.screen import Host, Screen, panel, paragraph, title_bar
from game.ui.scrolltext import ScrollText
from game.play.session import Session
from game.ui.text import Span, draw_line
from game.ui.widgets import Button

PAGES = ("Result", "Outcome space", "Meters", "Priorities", "History", "Questions")


class DebriefScreen(Screen):
    name = "debrief"
    titled = True
    hint = "Left/Right or 1-6: pages   Up/Down: scroll   T: save the transcript   Esc: title"

    def __init__(self, app: Host, session: Session) -> None:
        super().__init__(app)
        self.session = session
        game = session.whole_game
        if game is None:
            raise ValueError("the debrief is read once the whole game is over")
        #: The whole game (at a class's table, the one the server sent at the end).
        self.game = game
        self.report = debrief(game)
        self.page = 0
        self.tabs = [Button(name, partial(self.show, n), hint=str(n + 1), role="small")
                     for n, name in enumerate(PAGES)]
        self.again = Button("Play again", self._again, kind="primary",
                            tooltip="Same scenario: choose the mode and side again.")
        # A class's table plays what the teacher runs: "Play again" would leave the class
        # for a game on this computer alone.
        self.again.visible = not session.at_class
        self.title_button = Button("Back to title", self.back)
        self.export = Button("Save the transcript", self.save_transcript, hint="T",
                             tooltip="Write this game's transcript as Markdown and as an HTML "
                                     "page (with the charts), for the teacher.")
        #: Where the transcript was last written (shown on screen).
        self.written: tuple[Path, Path] | None = None
        self.texts_by_page = {0: ScrollText(self._result_spans()),
                              3: ScrollText(self._priority_spans()),
                              4: ScrollText(self._history_spans()),
                              5: ScrollText(self._question_spans())}
        self._charts: dict[tuple[int, tuple[int, int], int], pygame.Surface] = {}
        self._rebuild_ring()
        # The focus starts on the first page's tab, not on "Play again": an Enter pressed
        # to go on from the game's last screen must not leave the debrief unread.
        self.ring.focus(self.tabs[0])

    def _rebuild_ring(self) -> None:
        text = self.texts_by_page.get(self.page)
        self.ring.set([*([self.again] if self.again.visible else []), self.title_button,
                       self.export, *self.tabs, *([text] if text else [])])

    def show(self, page: int) -> None:
        """Open *page*. A focus left on another page's tab moves to this one's, so that one
        tab only looks chosen (the focus ring and the mark under the open page's tab)."""
        self.page = page % len(PAGES)
        self._rebuild_ring()
        if self.ring.focused in self.tabs:
            self.ring.focus(self.tabs[self.page])

    def save_transcript(self) -> None:
        """Write the transcript (Markdown and HTML) and show where it went."""
        session = self.session
        path = session.save_path
        folder = transcript_folder()
        try:
            self.written = write_transcripts(self.game,
                                             transcript_name(self.game, path), folder,
                                             session.humans)
        except OSError as exc:
            self.app.push(Message("The transcript could not be written",
                                  f"{folder}: {exc.strerror or exc}"))
            return
        md, html = self.written
        self.export.set_label("Transcript saved")
        self.app.push(Message("Transcript saved", [
            Span("This game's transcript was written in two forms:", gap=0.6),
            Span("Markdown (plain text)", bold=True, gap=0),
            Span(str(md), indent=16, gap=0.6),
            Span("HTML page with the charts (opens in any browser)", bold=True, gap=0),
            Span(str(html), indent=16, gap=0.6),
            Span(f"Folder: {folder}", colour="muted", gap=0.3),
            Span("Set PARLEY_TRANSCRIPTS to write them somewhere else, such as a shared "
                 "class folder.", style="small", colour="muted")],
            subtitle=session.scenario.title))

    def back(self) -> None:
        self.app.reset(Title())

    def _again(self) -> None:
        self.app.reset(Title())
        self.app.push(Setup(self.session.scenario))

    # ----- text pages -------------------------------------------------------------------

    def _result_spans(self) -> list[Span]:
        d = self.report
        game = self.game
        spans = [Span(d.outcome_name, style="heading", bold=True, colour="accent", gap=0.2),
                 Span(d.outcome_text, gap=0.8)]
        if d.deal:
            spans.append(Span("The deal", bold=True, gap=0.2))
            for issue, option in d.deal:
                spans.append(Span(f"{issue}: {option}", indent=12, gap=0.1))
            spans.append(Span("", gap=0.3))
        for side, result in d.results.items():
            team = self.session.team(side)
            spans.append(Span(f"{result.name} ({team})", bold=True, gap=0.1))
            gain = result.gain_points
            spans.append(Span(f"Worth {result.points} points against a fallback of "
                              f"{result.batna_points}: {gain:+d}. {result.verdict}", indent=12,
                              colour="good" if gain > 0 and not result.red_lines_crossed
                              else "bad" if gain < 0 or result.red_lines_crossed
                              else "text", gap=0.1))
            if result.fallback_moved:
                spans.append(Span(result.fallback_moved, indent=12, colour="muted", gap=0.1))
            if result.conduct:
                spans.append(Span(result.conduct, indent=12, colour="bad", gap=0.1))
            if result.pressure:
                spans.append(Span(result.pressure, indent=12, colour="muted", gap=0.1))
            if result.gift:
                spans.append(Span(result.gift, indent=12, colour="muted", gap=0.1))
            # It names the other side's red lines: said when the teacher's settings reveal
            # what each side held private.
            if result.asked_across and (self.session.settings.reveal_priorities or
                                        self.session.mode == "demo"):
                spans.append(Span(result.asked_across, indent=12, colour="muted", gap=0.1))
            for crossed in result.red_lines_crossed:
                spans.append(Span(f"Red line crossed: {crossed}", indent=12, colour="bad",
                                  gap=0.1))
            spans.append(Span(result.mark_sentence(addressed(side, self.session.humans)),
                              indent=12, gap=0.1))
            spans.append(Span("", gap=0.3))
        spans.append(Span(f"Joint score: {d.score} out of 100", style="heading", bold=True,
                          gap=0.2))
        # Each part with how it was reached, from figures this page shows (a student could
        # not check "gains over both fallbacks 38 of 50").
        for how in d.score_how:
            spans.append(Span(how, indent=12, gap=0.1))
        if d.nash is not None and d.nash_points is not None:
            spans.append(Span("", gap=0.3))
            if d.is_nash:
                spans.append(Span("The deal is the fairest split of what both sides could "
                                  "gain (the Nash point).", bold=True, gap=0.1))
            else:
                spans.append(Span("The fairest split of what both sides could gain (the Nash "
                                  "point) was:", bold=True, gap=0.1))
                for issue, option in d.nash:
                    spans.append(Span(f"{issue}: {option}", indent=12, gap=0.1))
            worth = ", ".join(f"{game.scenario.sides[s].name} {n} points"
                              for s, n in d.nash_points.items())
            spans.append(Span(f"Worth: {worth}.", indent=12, colour="muted", gap=0.3))
        if d.frontier_text:
            # Under its heading, as the transcripts give it, in the text's own colour: what
            # the talks left on the table is the page's lesson (a teacher found it too dim
            # to read on a projector).
            spans.append(Span(d.frontier_heading, bold=True, gap=0.1))
            spans.append(Span(d.frontier_text))
        # The seed, as the terminal prints it and the transcript gives it (the window showed
        # it nowhere, though the command's help says it is shown, a window playtest).
        spans.append(Span(f"Seed {game.seed}: a game started with --seed {game.seed} meets the "
                          "same events, and the computer answers the same moves alike.",
                          colour="muted", gap=0.3))
        return spans

    def _priority_spans(self) -> list[Span]:
        d = self.report
        spans = [Span("What each side cared about, each keeping its own from the other "
                      "during the game:", colour="muted",
                      gap=0.6)]
        reveal = self.session.settings.reveal_priorities
        for side, result in d.results.items():
            own = self.session.is_human(side) and self.session.mode != "hotseat"
            if not reveal and not own and self.session.mode != "demo":
                spans.append(Span(result.name, style="heading", bold=True, gap=0.2))
                spans.append(Span("Kept hidden: the teacher's settings do not reveal the "
                                  "other side's priorities.", colour="muted", indent=12,
                                  gap=0.6))
                continue
            hidden = "" if own else " (hidden from the other side until now)"
            spans.append(Span(f"{result.name}{hidden}", style="heading", bold=True, gap=0.2))
            for name, weight in result.priorities:
                # The issue's name before its bar, so that the names line up whatever the
                # bars' lengths (a playtest found them staggered).
                bar = "\u2022" * max(1, round(weight * 20))
                spans.append(Span(f"{percent(weight)}  {name}  {bar}", indent=12, gap=0.1))
            spans.append(Span("", gap=0.4))
        if d.reasons:
            spans.append(Span("Why the computer did what it did", style="heading", bold=True,
                              gap=0.2))
            spans.append(Span(REASONS_NOTE, style="small", indent=12, gap=0.3))
            for rnd, side, reason in d.reasons:
                name = self.session.scenario.sides[side].name if side else ""
                spans.append(Span(f"Round {rnd}, {name}: {reason}", style="small", indent=12,
                                  gap=0.15))
        return spans

    def _history_spans(self) -> list[Span]:
        spans = [Span("What really happened", style="heading", bold=True, gap=0.4)]
        for fact in self.report.history:
            spans.append(Span(fact.date, bold=True, colour="accent", gap=0.0))
            spans.append(Span(fact.text, indent=12, gap=0.1))
            spans.append(Span(f"Source: {fact.source}", style="small", colour="muted",
                              indent=12, gap=0.6))
        return spans

    def _question_spans(self) -> list[Span]:
        spans = [Span("For discussion", style="heading", bold=True, gap=0.4)]
        if self.report.questions_note:
            spans.append(Span(self.report.questions_note, colour="muted", gap=0.6))
        for n, question in enumerate(self.report.questions, 1):
            spans.append(Span(f"{n}. {question}", gap=0.6))
        return spans

    # ----- frame ------------------------------------------------------------------------

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        w, h = size
        u = self.theme.unit
        fonts = self.theme.fonts
        top = fonts.get("heading").get_linesize() + fonts.get("body").get_linesize() + 4 * u
        tw = (w - 6 * u - (len(self.tabs) - 1) * u) // len(self.tabs)
        # A tab's name goes on two lines when one is too narrow for it.
        lines = 1 if all(tab.natural_width(self.theme) <= tw for tab in self.tabs) else 2
        th = fonts.get("small").get_linesize() * lines + u
        for n, tab in enumerate(self.tabs):
            tab.rect = pygame.Rect(3 * u + n * (tw + u), top, tw, th)
        bh = fonts.get("body").get_linesize() + u
        bottom = h - self.hint_height() - bh - u
        # The buttons are as wide as their labels (at least 220 pixels at 1280x720).
        least = round(220 * self.theme.ui_scale)
        widths = [max(least, b.natural_width(self.theme))
                  for b in (self.again, self.title_button)]
        share = (w - 8 * u) // 3
        if sum(widths) + least + 2 * u > w - 6 * u:  # huge type: three equal shares
            widths = [share, share]
        self.title_button.rect = pygame.Rect(w - 3 * u - widths[1], bottom, widths[1], bh)
        self.again.rect = pygame.Rect(self.title_button.rect.x - u - widths[0], bottom,
                                      widths[0], bh)
        self.export.rect = pygame.Rect(3 * u, bottom,
                                       min(max(least, self.export.natural_width(self.theme)),
                                           self.again.rect.x - 4 * u), bh)
        self.body = pygame.Rect(3 * u, top + th + u, w - 6 * u, bottom - top - th - 2 * u)
        for text in self.texts_by_page.values():
            text.rect = self.body.inflate(-3 * u, -2 * u)
        self._charts.clear()

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
                self.show(self.page + (1 if event.key == pygame.K_RIGHT else -1))
                return
            if pygame.K_1 <= event.key <= pygame.K_6:
                self.show(event.key - pygame.K_1)
                return
            if event.key == pygame.K_t:
                self.save_transcript()
                return
            text = self.texts_by_page.get(self.page)
            if text is not None and event.key in (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP,
                                                  pygame.K_PAGEDOWN, pygame.K_HOME,
                                                  pygame.K_END):
                text.key(event)
                return
        super().handle_event(event)

    def _chart(self, page: int, size: tuple[int, int]) -> pygame.Surface:
        key = (page, size, id(self.theme))
        if key not in self._charts:
            draw = charts.outcome_space if page == 1 else charts.meters_over_time
            self._charts[key] = draw(self.session.scenario, self.report, size, self.theme)
        return self._charts[key]

    def draw_content(self, surface: pygame.Surface) -> None:
        t = self.theme
        u = t.unit
        title_bar(surface, t, f"Debrief: {self.report.outcome_name}",
                  f"{self.session.scenario.title}   \u00b7   joint score {self.report.score}/100")
        panel(surface, t, self.body)
        tab = self.tabs[self.page].rect
        pygame.draw.rect(surface, t.c["accent"], (tab.x, tab.bottom + 2, tab.w, 3))
        inner = self.body.inflate(-3 * u, -2 * u)
        if self.page == 1:
            legend_w = max(260, inner.w // 3)
            chart = self._chart(1, (inner.w - legend_w - u, inner.h))
            surface.blit(chart, inner.topleft)
            x = inner.x + chart.get_width() + 2 * u
            legend_w = inner.right - x
            head = t.fonts.get("body", bold=True)
            draw_line(surface, head, "How to read it", t.c["text"], (x, inner.y), legend_w,
                      where="legend title")
            y = charts.draw_legend(surface, charts.legend(self.session.scenario, self.report, t),
                                   t, x,
                                   inner.y + head.get_linesize() + u // 2, legend_w)
            small = t.fonts.get("small")
            lines = max(0, (inner.bottom - y - u) // small.get_linesize())
            if lines:
                paragraph(surface, small, "A deal above and to the right of both fallback "
                          "lines is better than walking away for both. Deals on the frontier "
                          "leave nothing on the table.", t.c["muted"], x, y + u, legend_w,
                          lines, "chart note")
        elif self.page == 2:
            surface.blit(self._chart(2, inner.size), inner.topleft)
