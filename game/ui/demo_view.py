"""The demo as a projector view: the computer plays both sides, so the table shows no
control that nobody may use (no moves, tactics, undo or package builder), its text is at
least :data:`DEMO_TEXT_SCALE`, and both computers' reasoning shows where a player's
objective would be. Showing both sides' reasons is what the demo is for: nobody sits at
either side, and the reasons are what the room learns from.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pygame

from game.moves import Entry
from game.play.session import Session
from game.ui.screen import panel, paragraph
from game.ui.text import draw_line, shortened, wrap
from game.ui.theme import Theme

#: The least text size of the demo's table (a room reads it from the back).
DEMO_TEXT_SCALE = 1.3
#: The help line of the demo's table: only the keys that do something there.
DEMO_HINT = "Space: skip ahead   Esc: pause   F11: full screen   Ctrl +/-: text size"
#: The card's last line in a demo (no one moves).
DEMO_CARD_CLOSE = "Backspace or a click closes this card."
TITLE = "Why each side moved"
WAITING = "Each computer's reasoning shows here after its move."


@dataclass(frozen=True)
class Reason:
    """A side's latest reasoning: its name, the round, and the reason as recorded."""

    side: str
    name: str
    round: int
    text: str


def latest_reasons(session: Session, shown: Sequence[Entry]) -> list[Reason]:
    """The last reason each side gave among the *shown* entries, in the sides' order."""
    names = {s: session.scenario.sides[s].name for s in session.game.sides}
    last: dict[str, Entry] = {}
    for entry in shown:
        if entry.kind == "reason" and entry.speaker in names:
            last[entry.speaker] = entry
    return [Reason(side, names[side], last[side].round, last[side].body)
            for side in session.game.sides if side in last]


def _blocks(reasons: Sequence[Reason]) -> list[tuple[str, str]]:
    if not reasons:
        return [("", WAITING)]
    return [(f"{r.name} \u00b7 round {r.round}", r.text) for r in reasons]


def reasons_height(theme: Theme, width: int, reasons: Sequence[Reason]) -> int:
    """The height the panel needs at *width* for *reasons* in the small text it falls
    back to (for the longest reason of each side, use :func:`longest_reasons`)."""
    u = theme.unit
    small = theme.fonts.get("small")
    bold = theme.fonts.get("small", bold=True)
    body = small
    height = u + small.get_linesize() + u // 2
    for head, text in _blocks(reasons):
        if head:
            height += len(wrap(head, bold, width - 3 * u)) * bold.get_linesize()
        height += len(wrap(text, body, width - 3 * u)) * body.get_linesize() + u // 2
    return height + u


def longest_reasons(session: Session) -> list[Reason]:
    """A reason of the longest wording each side can give, for laying the panel out
    before the game has said it (the engine's reasons are of a few fixed shapes)."""
    names = [session.scenario.sides[s].name for s in session.game.sides]
    longest = max(names, key=len)
    text = (f"Proposed a package worth 100 points to {longest} (target 100), chosen by its "
            "model of the other side's wishes, keeping the 5 issues on which its last offer "
            "already met the other side's.")
    return [Reason(side, name, 88, text) for side, name in zip(session.game.sides, names)]


def draw_reasons(surface: pygame.Surface, theme: Theme, rect: pygame.Rect,
                 reasons: Sequence[Reason], colours: dict[str, pygame.Color]) -> None:
    """The panel: each side's latest reason under its name in its colour; a reason too
    long for the room is shortened, never drawn outside the panel."""
    u = theme.unit
    y = panel(surface, theme, rect, TITLE)
    x, width = rect.x + u * 3 // 2, rect.w - 3 * u
    bold = theme.fonts.get("small", bold=True)
    body = theme.fonts.get("body")
    if not reasons:
        paragraph(surface, body, WAITING, theme.c["muted"], x, y, width,
                  max(1, (rect.bottom - y - u) // body.get_linesize()), "demo reasons")
        return
    room = rect.bottom - u - y
    # The body's size where both reasons fit, else the small one (a small window); when
    # even that does not fit, each side has half the room and its reason is shortened
    # (the log below keeps it whole).
    fits = False
    for font in (body, theme.fonts.get("small")):
        need = [bold.get_linesize() + len(wrap(r.text, font, width)) * font.get_linesize()
                for r in reasons]
        fits = sum(need) + u // 2 * (len(reasons) - 1) <= room
        if fits:
            break
    share = room // len(reasons)
    top = y
    for n, reason in enumerate(reasons):
        if not fits:
            top = y + n * share
        draw_line(surface, bold, f"{reason.name} \u00b7 round {reason.round}",
                  colours.get(reason.side, theme.c["text"]), (x, top), width,
                  where="demo reason side")
        lines = wrap(reason.text, font, width)
        if not fits:
            room_lines = max(1, (share - bold.get_linesize()) // font.get_linesize())
            if len(lines) > room_lines:
                lines = lines[:room_lines]
                lines[-1] = shortened(lines[-1], font, width)
        for k, line in enumerate(lines):
            draw_line(surface, font, line, theme.c["text"],
                      (x, top + bold.get_linesize() + k * font.get_linesize()), width,
                      where="demo reason")
        top += need[n] + u // 2
