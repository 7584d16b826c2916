"""The moves available now (numbered 1-5) and the side's tactics (lettered), each with a
tooltip on what it does; unavailable ones are greyed with the engine's reason."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pygame

from game.moves import Move
from game.play.session import Session
from game.ui.theme import Theme
from game.ui.widgets import Button

MOVE_HELP = {
    "propose": "Put the package you built on the table. The other side may accept it, reject "
               "it or answer with its own.",
    "accept": "Agree to the proposal on the table. The game ends with this deal.",
    "reject": "Turn down the proposal on the table. It costs a little trust.",
    "pass": "Say nothing new this turn: your position stands.",
    "walkout": "Leave the talks. The game ends with no deal: each side falls back on its BATNA.",
}
LETTERS = "ABDEFGHIJKLMNOQSTUVXYZ"  # C copies the table's proposal; P, R, W are not used


class Actions:
    """Buttons for the moves and tactics of the side at the table."""

    def __init__(self, session: Session, play: Callable[[Move], None],
                 propose: Callable[[], None], accept: Callable[[], None],
                 choose_issue: Callable[[str], None]) -> None:
        """*choose_issue*: called with a tactic that says what matters most, to let the
        player pick the issue it names."""
        self.session = session
        self.play = play
        #: The move waiting for a second press, after a warning.
        self.armed: str | None = None
        self.propose = Button("Propose this package", propose, hint="1",
                              tooltip=MOVE_HELP["propose"], kind="primary")
        self.accept = Button("Accept the proposal", accept, hint="2",
                             tooltip=MOVE_HELP["accept"])
        self.reject = Button("Reject it", lambda: play(Move.reject()), hint="3",
                             tooltip=MOVE_HELP["reject"])
        self.wait = Button("Pass", lambda: play(Move.wait()), hint="4",
                           tooltip=MOVE_HELP["pass"])
        self.walkout = Button("Walk out", self._walkout, hint="5", kind="danger",
                              tooltip=MOVE_HELP["walkout"])
        self.moves = [self.propose, self.accept, self.reject, self.wait, self.walkout]
        self.tactics: dict[str, list[Button]] = {}
        for side in session.game.sides:
            buttons = []
            tactics = [session.scenario.tactic(c.move.tactic or "")
                       for c in session.choices(side) if c.move.kind == "tactic"]
            for n, tactic in enumerate(tactics):
                use = partial(choose_issue, tactic.id) if tactic.kind == "preference" \
                    else partial(play, Move.use(tactic.id))
                buttons.append(Button(tactic.name, use,
                                      hint=LETTERS[n] if n < len(LETTERS) else "",
                                      role="small", tooltip=tactic.help))
            self.tactics[side] = buttons
        self.side: str | None = None
        self.scroll = 0
        self.list_rect = pygame.Rect(0, 0, 0, 0)

    def arm(self, kind: str) -> bool:
        """Ask for a second press before *kind*; True if this press is the second."""
        if self.armed == kind:
            return True
        self.disarm()
        self.armed = kind
        button = {"propose": self.propose, "accept": self.accept, "walkout": self.walkout}[kind]
        button.set_label("Press again to confirm")
        return False

    def disarm(self) -> None:
        self.armed = None
        self.walkout.set_label("Walk out")
        self.accept.set_label("Accept the proposal")
        state = self.session.game.state
        countering = state.standing is not None and state.standing_by != self.side
        self.propose.set_label("Counter with this package" if countering
                               else "Propose this package")

    def _walkout(self) -> None:
        if self.arm("walkout"):
            self.play(Move.walkout())

    def buttons(self) -> list[Button]:
        return self.moves + self.tactics.get(self.side or "", [])

    def refresh(self, side: str | None, active: bool) -> None:
        """Enable what the engine allows *side* now (*active*: it is a human's turn and
        nothing is still being shown)."""
        self.side = side
        self.disarm()
        # The engine says what the side may do now and, for the rest, why not.
        choices = self.session.choices(side) if side is not None else []
        why: dict[str, str | None] = {c.move.kind: c.why_not for c in choices
                                      if c.move.kind != "tactic"}
        for button, kind in ((self.propose, "propose"), (self.accept, "accept"),
                             (self.reject, "reject"), (self.wait, "pass"),
                             (self.walkout, "walkout")):
            reason = why.get(kind, "")
            button.enabled = active and reason is None
            help_text = MOVE_HELP[kind]
            if active and reason:
                help_text += f" Not now: {reason}"
            button.tooltip = help_text
        if side is None:
            return
        tactics = [c for c in choices if c.move.kind == "tactic"]
        for button, choice in zip(self.tactics[side], tactics):
            tactic = self.session.scenario.tactic(choice.move.tactic or "")
            button.enabled = active and choice.why_not is None
            tip = f"{tactic.help} Using it is your move for this turn."
            if active and choice.why_not is not None:
                tip += f" Not available now: {choice.why_not}"
            button.tooltip = tip

    def layout(self, moves_rect: pygame.Rect, list_rect: pygame.Rect, theme: Theme) -> None:
        u = theme.unit
        bh = theme.fonts.get("body").get_linesize() + u
        y = moves_rect.y
        for button in self.moves:
            button.rect = pygame.Rect(moves_rect.x, y, moves_rect.w, bh)
            y += bh + u // 2
        self.list_rect = list_rect
        small = theme.fonts.get("small").get_linesize()
        for buttons in self.tactics.values():
            y = list_rect.y
            for button in buttons:
                # Two lines of small text: long tactic names wrap rather than run out.
                lines = 1 if theme.fonts.get("small").size(button.label)[0] < \
                    list_rect.w - 6 * u else 2
                button.rect = pygame.Rect(list_rect.x, y, list_rect.w, small * lines + u)
                button.clip = list_rect
                y += button.rect.h + u // 2
        self.scroll = 0

    @staticmethod
    def moves_height(theme: Theme) -> int:
        u = theme.unit
        return 5 * (theme.fonts.get("body").get_linesize() + u) + 4 * (u // 2)

    def keep_visible(self, focused: object) -> None:
        """Scroll the tactics list so the focused button is inside it."""
        buttons = self.tactics.get(self.side or "", [])
        if focused not in buttons or not buttons:
            return
        base = buttons[0].rect.y + self.scroll
        button = focused
        top = button.rect.y + self.scroll - base
        bottom = top + button.rect.h
        if top < self.scroll:
            self._shift(top - self.scroll)
        elif bottom > self.scroll + self.list_rect.h:
            self._shift(bottom - self.scroll - self.list_rect.h)

    def _shift(self, dy: int) -> None:
        for button in self.tactics.get(self.side or "", []):
            button.rect.y -= dy
        self.scroll += dy

    def wheel(self, dy: int) -> None:
        buttons = self.tactics.get(self.side or "", [])
        if not buttons:
            return
        total = buttons[-1].rect.bottom - buttons[0].rect.y
        limit = max(0, total - self.list_rect.h)
        step = max(-self.scroll, min(-dy * 30, limit - self.scroll))
        self._shift(step)
