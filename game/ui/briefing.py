"""The confidential brief of one side, and the hand-over screen that comes before any
screen showing one side's private information in hot-seat."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.analysis import percent, points
from game.model import possessive
from game.ui.portraits import delegation_card
from game.ui.screen import Host, Screen, paragraph, title_bar
from game.ui.scrolltext import ScrollText
from game.play.session import Session
from game.play.wording import (POINTS_TABLE, TOGETHER, combination_texts, contradiction_texts,
                               in_all_texts, rounds_text)
from game.ui.text import Span, draw_line
from game.ui.widgets import Button


def brief_spans(session: Session, side: str) -> list[Span]:
    """The brief as text: situation, priorities, fallback, red lines, and the article's
    words it rests on."""
    scenario = session.scenario
    spec = scenario.sides[side]
    spans = [Span(rounds_text(scenario, session.settings.rounds), colour="muted", gap=0.6),
             Span(spec.brief, gap=1)]
    spans.append(Span("Your priorities", style="heading", bold=True, gap=0.3))
    for n, line in enumerate(spec.priorities, 1):
        spans.append(Span(f"{n}. {line}", gap=0.2, indent=12))
    spans.append(Span("", gap=0.2))
    spans.append(Span(f"Your fallback (BATNA): {spec.batna.name}", style="heading", bold=True,
                      gap=0.3))
    spans.append(Span(spec.batna.description, gap=0.3))
    spans.append(Span(f"Worth {points(spec.batna.value)} points to you, out of 100. A deal "
                      f"is worth making only if it is worth more than that.", colour="accent",
                      gap=1))
    if spec.red_lines:
        spans.append(Span("Your red lines", style="heading", bold=True, gap=0.3))
        for red in spec.red_lines:
            spans.append(Span(f"\u2014 {red.text}", gap=0.2, indent=12))
        spans.append(Span("", gap=0.5))
    # The points table, as the printed brief and the terminal's have it (the window's had
    # none, and its line of what an option is worth in all spoke of the scores above).
    spans.append(Span("Your points table", style="heading", bold=True, gap=0.3))
    spans.append(Span(POINTS_TABLE, gap=0.3))
    for issue in scenario.issues:
        spans.append(Span(f"{issue.name}: {percent(spec.weights[issue.id])} of your points",
                          bold=True, gap=0.1))
        for option in issue.options:
            spans.append(Span(f"{points(spec.values[issue.id][option.id]):>3}  {option.name}",
                              gap=0.1, indent=12))
    spans.append(Span("", gap=0.5))
    together = combination_texts(scenario, side)
    if together:
        spans.append(Span("Worth more or less together", style="heading", bold=True, gap=0.3))
        spans.append(Span(TOGETHER, gap=0.2))
        for text in together:
            spans.append(Span(f"\u2014 {text}", gap=0.2, indent=12))
        for text in in_all_texts(scenario, side):
            spans.append(Span(text, gap=0.2))
        spans.append(Span("", gap=0.5))
    rules = contradiction_texts(scenario)
    if rules:
        spans.append(Span("Options that cannot stand together", style="heading", bold=True,
                          gap=0.3))
        spans.append(Span("For both sides: a package that holds them cannot be proposed.",
                          gap=0.2))
        for text in rules:
            spans.append(Span(f"\u2014 {text}", gap=0.2, indent=12))
        spans.append(Span("", gap=0.5))
    cites = list(dict.fromkeys([*spec.cite, *spec.batna.cite]))
    if cites:
        spans.append(Span("What this rests on", style="heading", bold=True, gap=0.3))
        for source_id in cites:
            source = scenario.source(source_id)
            spans.append(Span(f"\u201c{source.text}\u201d", italic=True, gap=0.1, indent=12))
            spans.append(Span(source.attribution, style="small",
                              colour="muted", gap=0.6, indent=24))
    return spans


class BriefingScreen(Screen):
    name = "briefing"
    titled = True
    hint = "Up/Down or Page Up/Down: read   Enter: to the table"

    def __init__(self, app: Host, session: Session, side: str,
                 then: Callable[[], None], again: bool = False) -> None:
        """*again*: opened again from the table (F1), where Esc and F1 go back too (they
        did nothing there, a window playtest); at the start of a game only Enter leaves."""
        super().__init__(app)
        self.session = session
        self.side = side
        self.then = then
        self.again = again
        if again:
            self.hint = "Up/Down or Page Up/Down: read   Enter, Esc or F1: back to the table"
        self.text = ScrollText(brief_spans(session, side))
        self.go = Button("To the table", self._go, kind="primary")
        self.ring.set([self.go, self.text])

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        w, h = size
        u = self.theme.unit
        top = self.content_top()
        bh = self.row_height()
        # 360 pixels at 1280x720, scaled with the window and with larger text.
        side_w = min(int(w * 0.28), round(360 * self.theme.ui_scale *
                                          max(1.0, self.theme.text_scale)))
        self.card = pygame.Rect(3 * u, top, side_w, h - top - self.hint_height() - u)
        self.go.rect = pygame.Rect(self.card.x, self.card.bottom - bh, side_w, bh)
        text_x = self.card.right + 3 * u
        self.text.rect = pygame.Rect(text_x, top, w - text_x - 3 * u,
                                     h - top - self.hint_height() - u)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN,
                             pygame.K_HOME, pygame.K_END):
                self.text.key(event)
                return
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self._go()
                return
            if event.key in (pygame.K_ESCAPE, pygame.K_F1) and self.again:
                self._go()
                return
            if event.key == pygame.K_ESCAPE:
                return  # the game has begun: the brief is left with Enter
        super().handle_event(event)

    def draw_content(self, surface: pygame.Surface) -> None:
        t = self.theme
        spec = self.session.scenario.sides[self.side]
        team = self.session.team(self.side)
        title_bar(surface, t, f"Confidential brief: {spec.name}",
                  f"For {possessive(team)} eyes only. {spec.negotiator}.")
        u = t.unit
        bottom = self.go.rect.y - u
        y = delegation_card(surface, t, self.app, self.session, self.side,
                            pygame.Rect(self.card.x, self.card.y, self.card.w,
                                        min(self.card.w, bottom - self.card.y)))
        small = t.fonts.get("small")
        if y + small.get_linesize() * 2 < bottom:
            paragraph(surface, small, self.note, t.c["muted"], self.card.x,
                      y + u, self.card.w, max(1, (bottom - y - u) // small.get_linesize()),
                      "brief note")

    @property
    def note(self) -> str:
        """What the card says of reading the brief: at the start, to read it now; opened
        again from the table, how to go back (it said "Read it now ... F1 at the table
        opens it again" there, a window playtest)."""
        if not self.again:
            return "Read it now: F1 at the table opens it again, and Esc there pauses the game."
        return "Enter takes you back to the table, where F1 opens this brief again."

    def _go(self) -> None:
        self.app.pop()
        self.then()


class HandoverScreen(Screen):
    """"Pass the screen": hides everything until the named team is ready."""

    name = "handover"
    hint = "Enter: we are ready"

    def __init__(self, app: Host, session: Session, side: str,
                 then: Callable[[], None]) -> None:
        super().__init__(app)
        self.session = session
        self.side = side
        self.then = then
        team = session.team(side)
        name = session.scenario.sides[side].name
        self.ready = Button(f"{team} ({name}) is ready", self._ready, kind="primary")
        # The team that just moved may still take its move back, before the other sits down.
        self.previous = session.scenario.other(side)
        self.take_back = Button(f"{session.team(self.previous)}: take back your move",
                                self._take_back, hint="U",
                                tooltip="Only the team that just moved, before the other "
                                        "team sits down.")
        self.take_back.visible = session.undo_blocked(self.previous) is None
        self.ring.set([self.ready, self.take_back] if self.take_back.visible
                      else [self.ready])
        if self.take_back.visible:
            # The footer names every key the screen takes (it left out U, a playtest).
            self.hint = "Enter: we are ready   U: take back the last move"

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        w, h = size
        u = self.theme.unit
        bh = self.row_height()
        bw = min(w - 8 * u, max(420, w // 2))
        self.ready.rect = pygame.Rect((w - bw) // 2, int(h * 0.62), bw, bh)
        self.take_back.rect = pygame.Rect((w - bw) // 2, self.ready.rect.bottom + u, bw, bh)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_u and \
                self.take_back.visible:
            self._take_back()
            return
        super().handle_event(event)

    def _take_back(self) -> None:
        """The team that just moved takes its move back and sits down again."""
        count = self.session.undo(self.previous)
        if not count:
            return
        self.app.pop()
        self.app.toast(f"Took back {count} move{'s' if count != 1 else ''}.")
        self.then()

    def draw_content(self, surface: pygame.Surface) -> None:
        t = self.theme
        w, h = surface.get_size()
        u = t.unit
        spec = self.session.scenario.sides[self.side]
        colour = t.side_colour(self.session.scenario, self.side)
        pygame.draw.rect(surface, colour, (0, int(h * 0.2), w, max(4, u // 2)))
        big = t.fonts.get("title", bold=True)
        y = int(h * 0.28)
        draw_line(surface, big, "Pass the screen", t.c["text"], (w // 2, y), w - 4 * u,
                  align="center")
        y += big.get_linesize() + u
        head = t.fonts.get("heading")
        team = self.session.team(self.side)
        draw_line(surface, head, f"{team}, playing {spec.called}, takes the seat.",
                  t.c["text"], (w // 2, y), w - 4 * u, align="center", where="handover who")
        y += head.get_linesize() + u
        other = self.session.scenario.other(self.side)
        draw_line(surface, t.fonts.get("body"),
                  f"{self.session.team(other)}: please look away until the screen changes "
                  f"hands again.", t.c["muted"], (w // 2, y), w - 4 * u, align="center",
                  where="handover away")

    def _ready(self) -> None:
        self.app.pop()
        self.then()
