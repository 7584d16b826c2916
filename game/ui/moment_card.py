"""The "what changed" card the table shows when a turn comes back to a player (and after
each move in a demo): who did what, the last offer issue by issue beside the player's own
last offer with its worth against the fallback, and every meter change with its cause.
It draws a :class:`game.play.moment.Moment`; no figure is computed here."""

from __future__ import annotations

import pygame

from game.engine import ANSWER_TITLES, YOUR_TITLES
from game.play.moment import Moment
from game.ui.scrolltext import ScrollText
from game.ui.text import Span, draw_line, wrap
from game.ui.theme import Theme


def moment_spans(moment: Moment, viewer: str | None) -> list[Span]:
    """The card's text, paragraph by paragraph."""
    spans: list[Span] = []
    # Each event where the record has it among the acts (see Moment.acts_before).
    told = 0
    for n, act in enumerate(moment.acts):
        while told < len(moment.events) and moment.acts_before[told] <= n:
            spans.append(Span(f"Event: {moment.events[told]}", colour="event", bold=True,
                              gap=0.2))
            told += 1
        late = " (time ran out)" if act.timed_out else ""
        if act.reply in ANSWER_TITLES:
            theirs, yours = ANSWER_TITLES[act.reply]
            said = f"{yours}{late}" if act.side == viewer else f"{act.who}: {theirs}{late}"
        elif act.side == viewer and act.kind in YOUR_TITLES:
            said = f"{YOUR_TITLES[act.kind]}{late}"
        else:
            said = f"{'You' if act.side == viewer else act.who}: {act.what}{late}"
        if act.named:
            said += f": {act.named}"
        if act.words:
            said = f"{act.who}, in reply: \u201c{act.words}\u201d"
        spans.append(Span(said, bold=True, gap=0.2))
    for event in moment.events[told:]:
        spans.append(Span(f"Event: {event}", colour="event", bold=True, gap=0.2))
    offer = moment.offer
    if offer is not None:
        spans.append(Span("", gap=0.1))
        whose = "Your offer" if offer.side == viewer else f"{offer.whose} offer"
        for worth in offer.worth:
            to = "to you" if worth.side == viewer else f"to {worth.who}"
            colour = "good" if worth.good else "bad"
            spans.append(Span(f"{whose}: worth {worth.points} points {to}, fallback "
                              f"{worth.fallback}: {worth.verdict}.", colour=colour, bold=True,
                              gap=0.2))
        for row in offer.rows:
            if row.own is None:
                text = f"{row.issue}: {row.offered}"
            elif row.same:
                text = f"{row.issue}: {row.offered} (as in your last offer)"
            else:
                text = f"{row.issue}: {row.offered} (yours: {row.own})"
            spans.append(Span(text, style="small", colour="text" if row.own is None or
                              not row.same else "muted", gap=0.1, indent=16))
    if moment.changes or moment.fallback or moment.notes:
        spans.append(Span("", gap=0.1))
        spans.append(Span("What it changed", style="small", colour="muted", bold=True,
                          gap=0.1))
    for change in moment.changes:
        spans.append(Span(f"{change.text} \u2014 {change.cause}", style="small",
                          colour="up" if change.delta > 0 else "down", gap=0.1, indent=16))
    for line in moment.fallback:
        spans.append(Span(line, style="small", colour="accent", gap=0.1, indent=16))
    for line in moment.notes:
        spans.append(Span(line, style="small", colour="muted", gap=0.1, indent=16))
    return spans


class MomentCard:
    """The card, laid over the table's log column: a title, the text (scrolled by the wheel
    when long) and how to close it. It takes no focus: the player goes on building a
    package or choosing a move while it shows."""

    CLOSE = "Backspace or a click closes this card; so does your move."

    def __init__(self, moment: Moment, viewer: str | None, title: str,
                 close: str = CLOSE) -> None:
        """*close*: the card's last line, how it closes."""
        self.moment = moment
        self.title = title
        self.close = close
        self.text = ScrollText(moment_spans(moment, viewer))
        self.box = pygame.Rect(0, 0, 0, 0)

    def layout(self, box: pygame.Rect, theme: Theme) -> None:
        """Fill *box* (the log column)."""
        u = theme.unit
        head = theme.fonts.get("heading", bold=True).get_linesize()
        small = theme.fonts.get("small")
        self.box = box.copy()
        self.close_lines = wrap(self.close, small, box.w - 4 * u)
        self.title_lines = wrap(self.title, theme.fonts.get("heading", bold=True),
                                box.w - 4 * u)
        foot = len(self.close_lines) * small.get_linesize()
        top = box.y + u + u // 2 + head * len(self.title_lines) + u // 2
        self.text.rect = pygame.Rect(box.x + 2 * u, top, box.w - 3 * u,
                                     box.bottom - u - foot - u - top)

    def draw(self, surface: pygame.Surface, theme: Theme) -> None:
        u = theme.unit
        pygame.draw.rect(surface, theme.c["panel"], self.box, border_radius=8)
        pygame.draw.rect(surface, theme.c["accent"], self.box, 2, border_radius=8)
        head = theme.fonts.get("heading", bold=True)
        y = self.box.y + u + u // 2
        for line in self.title_lines:
            draw_line(surface, head, line, theme.c["accent"], (self.box.x + 2 * u, y),
                      self.box.w - 4 * u, where="card title")
            y += head.get_linesize()
        self.text.draw(surface, theme, False, False)
        small = theme.fonts.get("small")
        y = self.box.bottom - u - len(self.close_lines) * small.get_linesize()
        for line in self.close_lines:
            draw_line(surface, small, line, theme.c["muted"], (self.box.x + 2 * u, y),
                      self.box.w - 4 * u, where="card close")
            y += small.get_linesize()
