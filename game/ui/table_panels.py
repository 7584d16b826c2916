"""The table's status panels: phase and round, the objective, the selected source's
quotation, and the banner that announces an event."""

from __future__ import annotations

from typing import Protocol

import pygame

from game.analysis import points
from game.engine import Game
from game.play.session import HOTSEAT, Session
from game.play.wording import at_stake, phase_round
from game.ui.dialogue import DialogueLog
from game.ui.event_banner import EventBanner
from game.ui.screen import overlay_box, panel, paragraph
from game.ui.text import draw_line, wrap
from game.ui.theme import Theme
from game.ui.widgets import Button


class TableView(Protocol):
    """What the panels read of the table (:class:`game.ui.table.TableScreen` is the one
    table; it imports this module, so the panels name what they read rather than it)."""

    @property
    def theme(self) -> Theme: ...

    @property
    def session(self) -> Session: ...

    @property
    def seat(self) -> str | None: ...

    @property
    def shown(self) -> int:
        """How many entries of the visible log are shown so far."""
        ...

    @property
    def pending(self) -> bool: ...

    @property
    def my_turn(self) -> bool: ...

    @property
    def clock(self) -> float:
        """Seconds since the table opened."""
        ...

    @property
    def turn_started(self) -> float:
        """When the current turn started, on :attr:`clock`."""
        ...

    @property
    def banner(self) -> EventBanner | None:
        """The event announced over the log column, while it shows."""
        ...

    @property
    def log(self) -> DialogueLog: ...

    @property
    def debrief_button(self) -> Button: ...

    @property
    def pass_button(self) -> Button: ...

    @property
    def skip_button(self) -> Button: ...

    @property
    def centre(self) -> pygame.Rect: ...

    @property
    def goal_rect(self) -> pygame.Rect: ...

    @property
    def meters_rect(self) -> pygame.Rect: ...

    @property
    def meters_since(self) -> str:
        """What the changes beside the meters count from ("since your last move")."""
        ...

    @property
    def quote_rect(self) -> pygame.Rect: ...

    @property
    def log_rect(self) -> pygame.Rect: ...

    @property
    def tactics_box(self) -> pygame.Rect:
        """The list of tactics opened over the table."""
        ...

    @property
    def help_rect(self) -> pygame.Rect:
        """The list's help strip."""
        ...

    def tactic_help(self) -> tuple[str, str] | None: ...


def what_now(game: Game) -> str:
    """What the side to move may do, after "Your move": ": build a package or choose a
    move." while it may propose; on the game's last move, which cannot be a proposal, what
    is left (a window playtest: the header still said "build a package" over a greyed-out
    Counter button)."""
    state = game.state
    if not state.last_turn:
        return ": build a package or choose a move."
    if state.standing is not None and state.standing_by != game.to_move:
        return ", the last of the game: accept or reject the proposal on the table."
    return ", the last of the game: there is no proposal left to answer."


def draw_centre(table: TableView, surface: pygame.Surface) -> None:
    """Phase, round, rounds left and whose move it is."""
    t = table.theme
    game = table.session.game
    visible = table.session.visible_log()
    # While lines are still being revealed, the header follows them; once they have all
    # been shown it is the game's own round and phase.
    last = visible[table.shown - 1] if table.shown and table.pending else None
    state = game.state
    phase = game.scenario.phase(last.phase if last else state.phase)
    rnd = last.round if last else state.round
    x, w = table.centre.centerx, table.centre.w
    y = table.centre.y
    bold = t.fonts.get("body", bold=True)
    small = t.fonts.get("small")
    draw_line(surface, bold, phase.name, t.c["accent"], (x, y), w, "center", "phase")
    y += bold.get_linesize()
    left = state.rounds - rnd
    after = "the talks are over" if game.finished and not table.pending else \
        "the last round" if left == 0 else f"{left} round{'s' if left != 1 else ''} after this"
    _, within, count, total = phase_round(game.scenario, game.settings.rounds, rnd)
    where = f"Round {rnd} of {total}" if count in (1, total) else \
        f"Round {within} of {count} in this phase, {rnd} of {total} in all"
    # The longest wording that fits the strip: all of it, then less.
    left_short = "over" if game.finished and not table.pending else \
        "last" if left == 0 else f"{left} left"
    text = fitting(small, w, f"{where}  \u00b7  {after}", f"{where}  \u00b7  {left_short}",
                   f"Round {rnd} of {total}  \u00b7  {after}",
                   f"Round {rnd} of {total}  \u00b7  {left_short}")
    draw_line(surface, small, text, t.c["text"], (x, y), w, "center", "round")
    y += small.get_linesize()
    trouble = table.session.link_trouble
    if trouble:  # in sight for as long as it lasts, whatever else is going on
        strong = t.fonts.get("small", bold=True)
        draw_line(surface, strong, fitting(strong, w, *trouble), t.c["bad"], (x, y), w, "center", "link trouble")
        return
    if table.debrief_button.visible or table.pass_button.visible or \
            table.skip_button.visible:
        # A button stands in this line's place (the one to skip ahead says the record is
        # being read out, so that a player who sees the moves greyed out and nothing
        # moving for a few seconds knows why: a student took the screen for stalled).
        return
    if game.finished:
        status = "The talks are over."
    elif table.session.computer_to_move:
        name = game.scenario.sides[game.to_move or ""].name
        status = f"{name} is considering its move\u2026"
    elif table.my_turn:
        if table.session.mode == HOTSEAT:
            # Two teams at one screen: whose move it is, by name.
            whose = game.scenario.sides[game.to_move or ""].whose_first
            team = table.session.team(game.to_move or "")
            status = fitting(small, w, f"{whose} move ({team}){what_now(game)}",
                             f"{whose} move ({team}).", f"{whose} move.")
        else:
            status = fitting(small, w, f"Your move{what_now(game)}", "Your move.")
        seconds = game.settings.seconds_per_turn
        if seconds:
            remaining = max(0, int(seconds - (table.clock - table.turn_started)))
            status = f"Your move: {remaining} seconds left."
            if remaining <= 10:
                draw_line(surface, t.fonts.get("small", bold=True), status, t.c["bad"], (x, y),
                          w, "center", "status")
                return
    else:
        status = "Waiting for the next team."
    draw_line(surface, small, status, t.c["muted"], (x, y), w, "center", "status")


def goal_texts(table: TableView, fallback: int | None = None) -> list[str]:
    """The objective in words, longest first (*fallback*: in points, else the seated
    side's)."""
    side = table.seat if table.session.is_human(table.seat) else None
    if side:
        batna = points(table.session.game.fallback(side)) if fallback is None else fallback
        stake = at_stake(table.session.game.scenario, side)
        return [f"Beat your fallback ({batna} points), keep your red lines, and "
                f"do not wreck {stake}.",
                f"Beat your fallback ({batna} points); keep your red lines."]
    return ["Both sides are played by the computer. Each wants a deal worth more "
            "than its fallback, within its red lines.",
            "Computer against computer."]


def goal_height(table: TableView, width: int) -> int:
    """The height the objective's panel needs at *width* for its shorter wording."""
    t = table.theme
    u = t.unit
    small = t.fonts.get("small")
    text = goal_texts(table, 100)[-1]
    return u + small.get_linesize() + u // 2 + \
        len(wrap(text, small, width - 3 * u)) * small.get_linesize() + u


def draw_meters_since(table: TableView, surface: pygame.Surface) -> None:
    """What the changes beside the meters count from, right-aligned in the panel's title
    row, where it fits beside the title."""
    t = table.theme
    u = t.unit
    rect = table.meters_rect
    small = t.fonts.get("small")
    text = f"change {table.meters_since}"
    title = t.fonts.get("small", bold=True).size("METERS")[0]
    if title + small.size(text)[0] + 4 * u <= rect.w:
        draw_line(surface, small, text, t.c["muted"], (rect.right - u * 3 // 2, rect.y + u),
                  align="right")


def draw_goal(table: TableView, surface: pygame.Surface) -> None:
    """The objective, always on screen."""
    t = table.theme
    u = t.unit
    y = panel(surface, t, table.goal_rect, "Your objective")
    texts = goal_texts(table)
    font = t.fonts.get("small")
    lines = max(1, (table.goal_rect.bottom - y - u) // font.get_linesize())
    width = table.goal_rect.w - 3 * u
    text = next((x for x in texts if len(wrap(x, font, width)) <= lines), texts[-1])
    paragraph(surface, font, text, t.c["text"], table.goal_rect.x + u * 3 // 2, y,
              table.goal_rect.w - 3 * u, lines, "goal")


#: What the source panel says until a source is selected.
QUOTE_HINT = "Press [ or ] (or click a [number]) to read the quoted sentence a line rests on."


def draw_quote(table: TableView, surface: pygame.Surface) -> None:
    """The quoted sentence of the selected source mark."""
    t = table.theme
    u = t.unit
    y = panel(surface, t, table.quote_rect, "Source")
    x, w = table.quote_rect.x + u * 3 // 2, table.quote_rect.w - 3 * u
    source_id = table.log.selected_source
    small = t.fonts.get("small")
    if source_id is None:
        paragraph(surface, small, QUOTE_HINT, t.c["muted"], x, y, w,
                  max(3, len(wrap(QUOTE_HINT, small, w))), "quote hint")
        return
    source = table.session.scenario.source(source_id)
    italic = t.fonts.get("small", italic=True)
    y = paragraph(surface, italic, f"\u201c{source.text}\u201d", t.c["text"], x, y, w, 8,
                  "quote text")
    paragraph(surface, small, f"\u2014 {source.attribution}", t.c["muted"], x, y, w, 3,
              "quote speaker")


def quote_lines(table: TableView, width: int) -> int:
    """Lines the longest quote needs at *width*, so that any fits (at most 9)."""
    italic = table.theme.fonts.get("small", italic=True)
    small = table.theme.fonts.get("small")
    need = max(3, len(wrap(QUOTE_HINT, small, width)))
    for source in table.session.scenario.sources:
        need = max(need, len(wrap(f"\u201c{source.text}\u201d", italic, width)) +
                   len(wrap(f"\u2014 {source.attribution}", small, width)))
    return min(need, 9)


def draw_banner(table: TableView, surface: pygame.Surface) -> None:
    """The event announced over the log column, until its time is up or a key."""
    if table.banner is not None:
        table.banner.draw(surface, table.theme)


def draw_tactics(table: TableView, surface: pygame.Surface) -> None:
    """The list of tactics open over the table: its box, title and help strip (the
    buttons are the table's widgets)."""
    t = table.theme
    u = t.unit
    box = table.tactics_box
    overlay_box(surface, t, box, t.c["accent"])
    head = t.fonts.get("heading", bold=True)
    draw_line(surface, head, "Tactics", t.c["accent"], (box.x + 2 * u, box.y + 2 * u),
              box.w - 4 * u, where="tactics title")
    small = t.fonts.get("small")
    strip = table.help_rect
    pygame.draw.rect(surface, t.c["panel_alt"], strip, border_radius=6)
    shown = table.tactic_help()
    lines = (strip.h - u) // small.get_linesize()
    if shown is None:
        text, colour = "Point at a tactic, or move to it, to read what it does.", t.c["muted"]
    else:
        text, colour = f"{shown[0]}: {shown[1]}", t.c["text"]
    paragraph(surface, small, text, colour, strip.x + u, strip.y + u // 2, strip.w - 2 * u,
              lines, "tactic help")


#: What a debrief button says while the whole game has not come from a class's server,
#: and when it will not come.
DEBRIEF_WAITING = "Waiting for the whole game..."
DEBRIEF_LOST = "No debrief: ask your teacher"


def sync_debrief_button(button: Button, session: Session) -> bool:
    """Enable *button* (a "See the debrief") once the debrief can be read, and say why not
    while it cannot; True when that changed the button."""
    ready = session.whole_game is not None
    label = "See the debrief" if ready else \
        DEBRIEF_LOST if session.whole_game_lost else DEBRIEF_WAITING
    changed = button.enabled != ready or button.label != label
    button.enabled = ready
    button.set_label(label)
    return changed


def fitting(font: pygame.font.Font, width: int, *wordings: str) -> str:
    """The first of *wordings* (longest first) that fits *width* in *font*; the last when
    none does."""
    return next((text for text in wordings if font.size(text)[0] <= width), wordings[-1])
