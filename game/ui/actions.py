"""The moves available now (numbered 1-5) and the side's tactics (lettered, in a list that
opens over the table), each with help on what it does; unavailable ones are greyed with
the engine's reason."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pygame

from game.moves import Move
from game.play.session import Session
from game.play.wording import tactic_help, tactic_label
from game.ui.theme import Theme
from game.ui.widgets import Button

MOVE_HELP = {
    "propose": "Put the package you built on the table. The other side may accept it, reject "
               "it or answer with its own.",
    "accept": "Agree to the proposal on the table. The game ends with this deal.",
    "reject": "Turn down the proposal on the table. It costs a little trust.",
    "pass": "Say nothing new this turn, and wait for the other side.",
    "walkout": "Leave the talks. The game ends with no deal: each side falls back on its BATNA.",
}
#: The tactics' keys: C copies the table's proposal, T opens the list of tactics; P, R and
#: W are not used.
LETTERS = "ABDEFGHIJKLMNOQSUVXYZ"
#: The moves' labels, short enough for a grid of two columns at 150% text.
LABELS = {"propose": "Propose", "counter": "Counter", "accept": "Accept", "reject": "Reject",
          "pass": "Pass", "walkout": "Walk out", "confirm": "Press again"}


class Actions:
    """Buttons for the moves and tactics of the side at the table."""

    def __init__(self, session: Session, play: Callable[[Move], None],
                 propose: Callable[[], None], accept: Callable[[], None],
                 choose_issue: Callable[[str], None], walkout: Callable[[], None]) -> None:
        """*choose_issue*: called with a tactic that says what matters most, to let the
        player pick the issue it names; *propose*, *accept* and *walkout*: called at a
        press of those moves (each asks for a second press where it must)."""
        self.session = session
        self.play = play
        #: The move waiting for a second press, after a warning.
        self.armed: str | None = None
        #: Called when a move waiting for a second press stops waiting (the warning that
        #: asked for it goes with it).
        self.on_disarm: Callable[[], None] | None = None
        self.propose = Button(LABELS["propose"], propose, hint="1",
                              tooltip=MOVE_HELP["propose"], kind="primary")
        self.accept = Button(LABELS["accept"], accept, hint="2", tooltip=MOVE_HELP["accept"])
        self.reject = Button(LABELS["reject"], lambda: play(Move.reject()), hint="3",
                             tooltip=MOVE_HELP["reject"])
        self.wait = Button(LABELS["pass"], lambda: play(Move.wait()), hint="4",
                           tooltip=MOVE_HELP["pass"])
        self.walkout = Button(LABELS["walkout"], walkout, hint="5", kind="danger",
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
                button = Button(tactic_label(tactic), use, hint=LETTERS[n] if n < len(LETTERS) else "",
                                role="small", tooltip=tactic_help(tactic))
                # The arrows stop on a greyed-out tactic too, so that the list's help strip
                # says why it cannot be used now: they skipped it, and only the pointer
                # could ask (two window playtests). Enter does nothing on it.
                button.always_focusable = True
                buttons.append(button)
            self.tactics[side] = buttons
        self.side: str | None = None
        #: id(button) -> why it is greyed out at the player's turn.
        self._why_not: dict[int, str] = {}

    def arm(self, kind: str) -> bool:
        """Ask for a second press before *kind*; True if this press is the second."""
        if self.armed == kind:
            return True
        self.disarm()
        self.armed = kind
        button = {"propose": self.propose, "accept": self.accept, "walkout": self.walkout}[kind]
        button.set_label(LABELS["confirm"])
        return False

    def disarm(self) -> None:
        if self.armed is not None and self.on_disarm is not None:
            self.on_disarm()
        self.armed = None
        self.walkout.set_label(LABELS["walkout"])
        self.accept.set_label(LABELS["accept"])
        state = self.session.game.state
        countering = state.standing is not None and state.standing_by != self.side
        self.propose.set_label(LABELS["counter"] if countering else LABELS["propose"])

    def buttons(self) -> list[Button]:
        return self.moves + self.tactics.get(self.side or "", [])

    def refresh(self, side: str | None, active: bool) -> None:
        """Enable what the engine allows *side* now (*active*: it is a human's turn and
        nothing is still being shown)."""
        self.side = side
        self.disarm()
        self._why_not = {}
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
                self._why_not[id(button)] = f"Not now: {reason}"
            button.tooltip = help_text
        if side is None:
            return
        tactics = [c for c in choices if c.move.kind == "tactic"]
        for button, choice in zip(self.tactics[side], tactics):
            tactic = self.session.scenario.tactic(choice.move.tactic or "")
            button.enabled = active and choice.why_not is None
            tip = tactic_help(tactic)
            if active and choice.why_not is not None:
                tip += f" Not available now: {choice.why_not}"
                self._why_not[id(button)] = f"{tactic.name}: not available now. " \
                    f"{choice.why_not}"
            button.tooltip = tip

    def why_not(self, button: Button) -> str | None:
        """Why *button* is greyed out at the player's turn (None: it is not, or it is not
        the player's turn): its key says so, as its tooltip does under the pointer."""
        return self._why_not.get(id(button))

    def layout(self, moves_rect: pygame.Rect, theme: Theme, extra: list[Button]) -> None:
        """The moves, then *extra* buttons (the tactics list's), in a grid of three
        columns, or two where three would not hold the labels, filling *moves_rect*'s
        width from its top."""
        u = theme.unit
        bh = self.button_height(theme)
        columns = self.columns(theme, moves_rect.w, extra)
        bw = (moves_rect.w - (columns - 1) * u) // columns
        for n, button in enumerate(self.moves + extra):
            row, col = divmod(n, columns)
            button.rect = pygame.Rect(moves_rect.x + col * (bw + u),
                                      moves_rect.y + row * (bh + u // 2), bw, bh)

    @staticmethod
    def button_height(theme: Theme) -> int:
        return theme.fonts.get("body").get_linesize() + theme.unit

    @staticmethod
    def columns(theme: Theme, width: int, extra: list[Button]) -> int:
        """How many columns of buttons fit *width*: 3 when every label fits a third."""
        u = theme.unit
        bold = theme.fonts.get("body", bold=True)
        cap = theme.fonts.get("small", bold=True).get_linesize() + 8
        widest = max(bold.size(label)[0] for label in
                     [*LABELS.values(), *(b.label for b in extra)])
        return 3 if widest + cap + 4 * u <= (width - 2 * u) // 3 else 2

    @classmethod
    def moves_height(cls, theme: Theme, width: int, extra: list[Button]) -> int:
        """The height of the grid of the moves and *extra* buttons in *width*."""
        count = len(MOVE_HELP) + len(extra)
        columns = cls.columns(theme, width, extra)
        rows = -(-count // columns)
        return rows * cls.button_height(theme) + (rows - 1) * (theme.unit // 2)

    def layout_list(self, box: pygame.Rect, theme: Theme) -> int:
        """Every tactic of every side inside *box*, in one column or, when that is too
        tall, two (labels wrapped to two lines where they must be); returns the height
        used."""
        u = theme.unit
        small = theme.fonts.get("small")
        cap = theme.fonts.get("small", bold=True).get_linesize() + 8
        used = 0
        for buttons in self.tactics.values():
            # The first arrangement that fits: one column, then two.
            for columns in (1, 2):
                bw = (box.w - (columns - 1) * u) // columns
                lines = 2 if any(small.size(b.label)[0] + cap + 3 * u > bw
                                 for b in buttons) else 1
                bh = small.get_linesize() * lines + u
                per_column = -(-len(buttons) // columns)
                if per_column * (bh + u // 2) - u // 2 <= box.h:
                    break
            for n, button in enumerate(buttons):
                col, row = divmod(n, per_column)
                button.rect = pygame.Rect(box.x + col * (bw + u), box.y + row * (bh + u // 2),
                                          bw, bh)
                button.clip = None
            used = max(used, per_column * (bh + u // 2) - u // 2)
        return used
