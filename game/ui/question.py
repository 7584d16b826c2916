"""Asked what matters most: the player answers as they choose, over the table.

They may name any issue (the truth, or not), sidestep the question or refuse to answer;
the answer comes before their move and does not use up their turn. The same screen lets a
player who says what matters most to them (a tactic) pick the issue they name.
"""

from __future__ import annotations

from functools import partial

import pygame

from game.analysis import percent
from game.moves import Move
from game.play.wording import ANSWER_INVITE, named_already
from game.speech import how_much
from game.ui.navigation import TableFace
from game.ui.screen import Host, Screen, overlay_box, paragraph
from game.ui.text import draw_line
from game.ui.widgets import Button


#: Seconds a question is on screen before Enter answers it: a press of Enter meant to skip
#: the pacing at the table, as the question comes up, does not pick an answer.
SETTLE = 0.6


class QuestionScreen(Screen):
    name = "question"
    opaque = False

    def __init__(self, app: Host, table: TableFace, side: str,
                 tactic: str | None = None) -> None:
        super().__init__(app)
        self.table = table
        self.side = side
        #: The tactic that says what matters most, when the player uses it (None: asked).
        self.tactic = tactic
        #: Seconds the question has been on screen (see :data:`SETTLE`).
        self.shown_for = 0.0
        scenario = table.session.scenario
        spec = scenario.sides[side]
        self.asker = scenario.sides[scenario.other(side)].name
        # The keys there are, not "1-9" over six issues (a window playtest).
        keys = "1: name the issue" if len(scenario.issues) == 1 else \
            f"1-{min(len(scenario.issues), 9)}: name an issue"
        self.hint = f"{keys}   D: deflect   N: decline   Up/Down: move   Enter: choose"
        if tactic is not None:
            self.hint = f"{keys}   Up/Down: move   Enter: choose   Esc: back"
            said = list(table.session.game.state.revealed.get(side, ()))
            self.which = which = how_much(len(said) + 1)
            # Every issue under its agenda number, those named before shown as named.
            self.buttons = [
                Button(f"Name: {issue.name} ({percent(spec.weights[issue.id])} of your points)"
                       if issue.id not in said else
                       f"{issue.name}: {named_already(said, issue.id)}",
                       partial(self.answer, Move.use(tactic, issue.id)),
                       hint=str(n) if n < 10 else "", role="small",
                       enabled=issue.id not in said,
                       tooltip=f"Tell them this issue matters {which} to you. The truth "
                               "helps them find a deal you value; another issue may mislead "
                               "them.")
                for n, issue in enumerate(scenario.issues, 1)]
            self.ring.set(self.buttons)
            self.box = pygame.Rect(0, 0, 0, 0)
            return
        self.buttons = [
            Button(f"Name: {issue.name} ({percent(spec.weights[issue.id])} of your points)",
                   partial(self.answer, Move.answer(issue.id)),
                   hint=str(n) if n < 10 else "", role="small",
                   tooltip="Tell them this issue matters most to you. The truth helps them "
                           "find a deal you value; another issue may mislead them.")
            for n, issue in enumerate(scenario.issues, 1)]
        self.buttons += [
            Button("Deflect: answer without naming anything",
                   partial(self.answer, Move.deflect()), hint="D", role="small",
                   tooltip="Sidestep the question politely; they learn nothing."),
            Button("Decline: refuse to discuss your priorities",
                   partial(self.answer, Move.decline()), hint="N", role="small",
                   tooltip="Refuse outright; they learn nothing, and may trust you less.")]
        self.ring.set(self.buttons)
        self.box = pygame.Rect(0, 0, 0, 0)

    def answer(self, move: Move) -> None:
        self.app.pop()
        self.table.play(move)

    def back(self) -> None:
        """Esc does not leave the question unanswered: the answer comes first. Saying what
        matters most of one's own accord may be called off."""
        if self.tactic is not None:
            self.app.pop()
            return
        self.app.toast("Answer first: name an issue, deflect (D) or decline (N).", 3.0)

    def update(self, dt: float) -> bool:
        self.shown_for += dt
        return super().update(dt)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and (
                event.key == pygame.K_SPACE or
                (event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and
                 self.shown_for < SETTLE)):
            # Space and Enter skip the computer's pacing at the table, and the question
            # may come up in the middle of it: a press meant to skip never answers (a
            # playtester's second Space named an issue it never chose). Space does not
            # answer at all (the help line names 1-9, D, N and Enter); Enter does once the
            # question has been on screen for a moment.
            return
        if event.type == pygame.KEYDOWN:
            named = len(self.buttons) - (0 if self.tactic is not None else 2)
            keys = {} if self.tactic is not None else \
                {pygame.K_d: len(self.buttons) - 2, pygame.K_n: len(self.buttons) - 1}
            keys.update({pygame.K_1 + n: n for n in range(min(9, named))})
            if event.key in keys:
                button = self.buttons[keys[event.key]]
                if not button.enabled:
                    self.app.toast(f"{button.label.split(':')[0]} is named already: choose "
                                   "another issue.", 3.0)
                elif button.action is not None:
                    button.action()
                return
        super().handle_event(event)

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        w, h = size
        u = self.theme.unit
        bh = self.theme.fonts.get("small").get_linesize() * 2
        bw = min(640, w - 8 * u)
        head = self.theme.fonts.get("heading", bold=True).get_linesize()
        text = self.theme.fonts.get("small").get_linesize() * 2
        total = len(self.buttons) * (bh + u // 2)
        height = min(total + head + text + 6 * u, h - self.hint_height() - 2 * u)
        self.box = pygame.Rect((w - bw) // 2 - 3 * u, max(u, (h - height) // 2),
                               bw + 6 * u, height)
        y = self.box.y + 2 * u + head + text + u
        for button in self.buttons:
            button.rect = pygame.Rect((w - bw) // 2, y, bw, bh)
            y += bh + u // 2

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        u = t.unit
        overlay_box(surface, t, self.box, t.c["accent"])
        head = t.fonts.get("heading", bold=True)
        x, width = self.box.x + 3 * u, self.box.w - 6 * u
        if self.tactic is not None:
            title = f"Say what matters {self.which} to you"
            text = "Name the issue you choose: the truth, or another. Saying it is your move."
        else:
            title = f"{self.asker} asks what matters most to you"
            text = ANSWER_INVITE
        draw_line(surface, head, title, t.c["text"], (x, self.box.y + 2 * u), width,
                  where="question title")
        paragraph(surface, t.fonts.get("small"), text, t.c["muted"], x,
                  self.box.y + 2 * u + head.get_linesize(), width, 2, "question text")
        self.ring.draw(surface, t)
        w, h = surface.get_size()
        surface.fill(t.c["background"], (0, h - self.hint_height(), w, self.hint_height()))
        self.draw_hint(surface)
        self.ring.draw_tooltip(surface, t)
