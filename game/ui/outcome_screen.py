"""The end of the talks as a moment of its own, between the table and the debrief: a
newspaper's front page with the headline (:mod:`game.play.headline`), the picture of the
table as the talks ended (a handshake, papers left apart, empty chairs), the outcome and
the package issue by issue. One key or one click goes on to the debrief."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.play.headline import MASTHEAD, SIMULATION, front_page
from game.play.presence import expression
from game.ui import art
from game.ui.navigation import Debrief, TableFace
from game.ui.screen import Host, Screen, paragraph
from game.ui.table_panels import sync_debrief_button
from game.ui.text import draw_line, report_overflow, wrap
from game.ui.widgets import Button

#: The page's paper and inks: a newsprint page in the usual look, black on white in high
#: contrast (ink on paper is 15:1 or more; the grey and the kicker's brown over 5:1).
PAPER = {False: ((240, 236, 226), (26, 26, 28), (84, 82, 78), (122, 72, 8)),
         True: ((255, 255, 255), (0, 0, 0), (40, 40, 40), (0, 0, 0))}


@dataclass
class Fit:
    """The sizes the page is set in: its headline's font role, the outcome's text (None:
    left for the debrief) and the terms'."""

    headline: str
    lede: str | None
    terms: str


#: From the largest setting to the smallest; the first that fits the window is used.
FITS = (Fit("title", "body", "body"), Fit("title", "small", "small"),
        Fit("heading", "small", "small"), Fit("heading", None, "small"))


class OutcomeScreen(Screen):
    """The front page of the end of the talks, over the table it ended at."""

    name = "outcome"
    hint = "Enter, Space or a click: the debrief   Esc: back to the table"

    def __init__(self, app: Host, table: TableFace) -> None:
        super().__init__(app)
        self.table = table
        self.session = table.session
        game = self.session.game
        # What both sides saw, read from the seat's own record (a class's table keeps no
        # other record than the seat's).
        public = [e for e in self.session.visible_log() if e.private is None]
        self.page = front_page(game.scenario, game.state, public)
        sides = game.scenario.side_ids
        self.faces = (expression(game.scenario, public, sides[0]),
                      expression(game.scenario, public, sides[1]))
        self.go = Button("See the debrief", self.go_on, kind="primary",
                         tooltip="What each side's result was worth, the better deals there "
                                 "were, and what really happened.")
        sync_debrief_button(self.go, self.session)
        self.ring.set([self.go])
        self.fit = FITS[-1]
        self.paper = pygame.Rect(0, 0, 0, 0)
        self.picture = pygame.Rect(0, 0, 0, 0)
        self.column = pygame.Rect(0, 0, 0, 0)
        self.body_top = 0

    # ----- layout ------------------------------------------------------------------------

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        t = self.theme
        w, h = size
        u = t.unit
        bh = t.fonts.get("body").get_linesize() + 2 * u
        bw = min(max(self.go.natural_width(t) + 4 * u, w // 4), w - 8 * u)
        self.go.rect = pygame.Rect((w - bw) // 2, h - self.hint_height() - u - bh, bw, bh)
        self.paper = pygame.Rect(2 * u, u, w - 4 * u, self.go.rect.y - 2 * u)
        if self.paper.w > 1500:
            self.paper.x, self.paper.w = (w - 1500) // 2, 1500
        inner = self.paper.inflate(-4 * u, -4 * u)
        for fit in FITS:
            self.fit = fit
            self.body_top = inner.y + self._head_height(inner.w)
            room = inner.bottom - self.body_top
            # The picture on the left, the outcome and its terms on the right.
            left = int(inner.w * 0.52)
            self.column = pygame.Rect(inner.x + left + 2 * u, self.body_top,
                                      inner.w - left - 2 * u, room)
            if self._column_height(self.column.w) <= room and \
                    len(self._headline_lines(inner.w)) <= 2:
                break
        art_h = min(self.column.h, int(left / 2.4))
        self.picture = pygame.Rect(inner.x, self.body_top, left, art_h)

    def _headline_lines(self, width: int) -> list[str]:
        return wrap(self.page.headline, self.theme.fonts.get(self.fit.headline, bold=True),
                    width)

    def _head_height(self, width: int) -> int:
        """The masthead, the dateline and the headline with its deck, down to the rule
        above the body of the page."""
        t = self.theme
        u = t.unit
        f = t.fonts
        head = f.get(self.fit.headline, bold=True).get_linesize()
        deck = f.get("heading").get_linesize()
        return (f.get("heading", bold=True).get_linesize() + 2 * u +
                f.get("small", italic=True).get_linesize() + u +
                f.get("small", bold=True).get_linesize() +
                head * min(2, len(self._headline_lines(width))) +
                deck * min(2, len(wrap(self.page.deck, f.get("heading"), width))) + 2 * u)

    def _column_height(self, width: int) -> int:
        t = self.theme
        u = t.unit
        f = t.fonts
        need = 0
        if self.fit.lede:
            font = f.get(self.fit.lede)
            need += len(wrap(self.page.lede, font, width)) * font.get_linesize() + u
        terms = f.get(self.fit.terms)
        need += f.get(self.fit.terms, bold=True).get_linesize() * \
            len(wrap(self._terms_title(), f.get(self.fit.terms, bold=True), width))
        for issue, option in self.page.terms:
            need += len(wrap(f"{issue}: {option}", terms, width - u)) * terms.get_linesize()
        return need

    def _terms_title(self) -> str:
        return f"{self.page.terms_title}:" if self.page.terms else self.page.terms_title

    # ----- input -------------------------------------------------------------------------

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                self.go_on()
                return
            if event.key == pygame.K_ESCAPE:
                self.back()
                return
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self.go_on()    # a click anywhere on the page goes on
            return
        super().handle_event(event)

    def update(self, dt: float) -> bool:
        changed = super().update(dt)
        # A class's server sends the whole game, which the debrief reads, after the end.
        if not self.go.enabled and sync_debrief_button(self.go, self.session):
            self.layout(self.size)  # the button's label changed
            return True
        return changed

    def go_on(self) -> None:
        """On to the debrief, in place of the table (once the debrief can be read)."""
        if self.session.whole_game is None:
            return
        self.app.pop()
        if self.app.top is self.table:
            self.app.replace(Debrief(self.session))
        else:
            self.app.push(Debrief(self.session))

    # ----- drawing -----------------------------------------------------------------------

    def draw_content(self, surface: pygame.Surface) -> None:
        t = self.theme
        u = t.unit
        f = t.fonts
        paper, ink, grey, kicker = (pygame.Color(c) for c in PAPER[t.high_contrast])
        pygame.draw.rect(surface, paper, self.paper, border_radius=4)
        inner = self.paper.inflate(-4 * u, -4 * u)
        x, y, w = inner.x, inner.y, inner.w
        # The masthead, its rules, and the dateline.
        mast = f.get("heading", bold=True)
        small = f.get("small")
        date = self.page.dateline.upper()
        date_w = small.size(date)[0]
        draw_line(surface, mast, MASTHEAD.upper(), ink, (x, y), w - date_w - 2 * u,
                  where="masthead")
        draw_line(surface, small, date, ink, (inner.right, y + mast.get_linesize() -
                                              small.get_linesize()), align="right")
        y += mast.get_linesize() + u // 2
        pygame.draw.line(surface, ink, (x, y), (inner.right, y), 3)
        pygame.draw.line(surface, ink, (x, y + 4), (inner.right, y + 4), 1)
        y += u + u // 2
        italic = f.get("small", italic=True)
        draw_line(surface, italic, SIMULATION, grey, (x, y), w, where="simulation note")
        y += italic.get_linesize() + u
        bold_small = f.get("small", bold=True)
        draw_line(surface, bold_small, self.page.kicker.upper(), kicker, (x, y), w,
                  where="kicker")
        y += bold_small.get_linesize()
        head = f.get(self.fit.headline, bold=True)
        y = paragraph(surface, head, self.page.headline, ink, x, y, w, 2, "headline")
        y = paragraph(surface, f.get("heading"), self.page.deck, grey, x, y, w, 2, "deck")
        pygame.draw.line(surface, grey, (x, self.body_top - u), (inner.right, self.body_top - u))
        self._draw_picture(surface, paper)
        # The outcome's text and the terms, beside the picture.
        col = self.column
        y = col.y
        if self.fit.lede:
            y = paragraph(surface, f.get(self.fit.lede), self.page.lede, ink, col.x, y, col.w,
                          99, "lede") + u
        terms = f.get(self.fit.terms)
        y = paragraph(surface, f.get(self.fit.terms, bold=True), self._terms_title(), ink,
                      col.x, y, col.w, 9, "terms title")
        for issue, option in self.page.terms:
            y = paragraph(surface, terms, f"{issue}: {option}", ink, col.x + u, y,
                          col.w - u, 9, "term")
        if y > col.bottom + 1:
            # Even the smallest setting of the page did not fit the window.
            report_overflow("outcome terms", self.page.terms_title)

    def _draw_picture(self, surface: pygame.Surface, paper: pygame.Color) -> None:
        box = self.picture
        if box.w < 16 or box.h < 16:
            return
        scenario = self.session.scenario
        sides = scenario.side_ids
        walked = sides.index(self.page.walked) if self.page.walked in sides else None
        colours = (self.theme.side_colour(scenario, sides[0]),
                   self.theme.side_colour(scenario, sides[1]))
        surface.blit(art.scene(box.size, colours, self.faces, self.page.ending, paper,
                               walked), box.topleft)
