"""The table: both delegations, the agenda and proposal builder, moves and tactics,
meters, the phase and round, and the dialogue log. The computer's turns are paced so the
room can read them (Space skips); the engine itself never waits."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.errors import IllegalMoveError
from game.moves import Entry, Move
from game.ui import table_panels
from game.ui.actions import LETTERS, Actions
from game.ui.agenda import Agenda
from game.play.wording import CALLED_OFF, accept_warning, crossing, phase_round, \
    tactic_help, walkout_warning
from game.ui import demo_view
from game.ui.dialogue import DialogueLog
from game.ui.event_banner import EventBanner, event_effects
from game.play.danger import dangers
from game.ui.meters import MeterRow, shown_meters
from game.ui.moment_card import MomentCard
from game.play.moment import since_last_move, what_changed
from game.play.presence import expression, last_speaker
from game.ui.coach import Coach
from game.ui.navigation import (Briefing, Coaching, Debrief, HandOver, Outcome, Pause,
                                Question, TableFace)
from game.ui.portraits import delegation_card
from game.ui.reload import reload_scenario
from game.ui.screen import Host, panel
from game.play.session import DEMO, HOTSEAT, Session
from game.ui.text import wrap
from game.ui.widgets import Button, Widget, clicked

#: Seconds an entry stays before the next appears, by kind, before the pace setting.
BASE_DELAY = {"phase": 1.2, "event": 2.0, "move": 1.0, "reply": 1.0, "reason": 1.0,
              "effect": 0.7, "outcome": 0.5}
THINK = 0.7
#: Seconds after a banner's time runs out during which a click where it was is taken as
#: meant for it.
BANNER_GRACE = 0.6
#: How long a warning that asks for a second press stays up: until the move is made or
#: called off (None; it went after 5 seconds while the button still read "Press again",
#: a window playtest).
CONFIRMING = None


def reading_time(entry: Entry) -> float:
    """How long an entry needs on screen to be read: a base by kind plus its length."""
    per_char = 0.0 if entry.kind in ("effect", "outcome") else 1 / 45
    return min(BASE_DELAY.get(entry.kind, 1.0) + len(entry.title + entry.body) * per_char,
               5.0)




class TableScreen(TableFace):
    """The negotiating table: the one :class:`~game.ui.navigation.TableFace`."""

    name = "table"
    TABLE_HINT = "Tab or arrows: move   Enter: choose   1-5: moves   T: tactics   Esc: pause"
    LIST_HINT = "A-Z: use a tactic   Tab or arrows: move   Enter: use   T or Esc: close"
    hint = TABLE_HINT

    def __init__(self, app: Host, session: Session) -> None:
        super().__init__(app)
        self.session = session
        scenario = session.scenario
        #: A demo is a projector view: no controls nobody may use, large text, and both
        #: computers' reasoning (game.ui.demo_view).
        self.demo = session.mode == DEMO
        if self.demo:
            self.hint = demo_view.DEMO_HINT
            self.least_text_scale = demo_view.DEMO_TEXT_SCALE
        self.log = DialogueLog(scenario, session.humans)
        self.log.rounds = session.game.state.rounds
        self.agenda = Agenda(session)
        self.actions = Actions(session, self.play, self.propose, self.accept,
                               self.choose_issue, self.walk_out)
        self.actions.on_disarm = self.app.dismiss_toast
        self.agenda.on_change = self.actions.disarm
        #: What the changes beside the meters count from (see :meth:`_sync_meters`).
        self.meters_since = "this turn"
        self.meters = [MeterRow(m, app.theme.side_colour(scenario, m.side) if m.side else None)
                       for m in scenario.meters]
        for row in self.meters:
            row.tooltip += " The arrow and number show its change on the last turn."

        self.tactics_button = Button("Tactics", self.open_tactics, hint="T",
                                     tooltip="Every tactic you have, in a list over the "
                                             "table. At the table, a tactic's letter uses it "
                                             "at once.")
        self.close_tactics = Button("Close the list", self.shut_tactics, hint="Esc",
                                    role="small")
        self.brief_button = Button("Your brief", self.open_brief, hint="F1", role="small",
                                   tooltip="Read your confidential brief again: your "
                                           "priorities, points and fallback.")
        #: The list of tactics is open over the table.
        self.tactics_open = False
        self.tactics_box = pygame.Rect(0, 0, 0, 0)
        # It says why the moves are greyed while the record is read out, in the header's
        # last line, which it covers (a window playtest saw the tops of the letters).
        self.skip_button = Button("Reading out what happened\u2026 skip ahead", self.skip,
                                  hint="Space",
                                  tooltip="Show the rest of this turn at once.")
        self.undo_button = Button("Undo", self.undo, role="small")
        self.redo_button = Button("Redo", self.redo, role="small")
        self.debrief_button = Button("See the debrief", self.to_debrief, kind="primary",
                                     tooltip="What was agreed, how good it was, and what "
                                             "really happened.")
        #: Two teams at one screen: once a team has moved, it reads what its move did,
        #: then passes the screen with this button.
        self.pass_button = Button("Pass the screen", self.hand_over, kind="primary",
                                  tooltip="Your move is made: once you have read what it "
                                          "did, the other team takes the seat.")
        #: The "what changed" card over the table, while it is up.
        self.card: MomentCard | None = None
        self.card_time = 0.0
        #: How much of the visible record the cards have told so far.
        self.card_seen = 0
        self.shown = 0
        self.timer = 0.0
        self.think = THINK
        self.waiting_for_briefs = False
        self.coach: Coach | None = None
        self.seat = session.viewer
        #: The event announced over the log column, while it shows.
        self.banner: EventBanner | None = None
        #: Where the banner was and when its time ran out (the table's clock): a click
        #: meant for it that comes just after does not fall on what lay beneath.
        self._banner_gone: tuple[pygame.Rect, float] | None = None
        #: A "what changed" card due while a banner showed: it comes when the banner goes.
        self.card_waiting = False
        self.clock = 0.0
        self.turn_started = 0.0
        #: The end of the talks has been shown as a front page.
        self.outcome_shown = False
        self._refresh()

    # ----- state ------------------------------------------------------------------------

    @property
    def pending(self) -> bool:
        return self.shown < len(self.session.visible_log())

    @property
    def my_turn(self) -> bool:
        game = self.session.game
        return (not self.pending and not game.finished and not self.waiting_for_briefs
                and self.session.is_human(game.to_move) and self.seat == game.to_move)

    def _moves_follow_turn(self) -> None:
        """Light the moves (and the copy of the table's proposal) only while the player may
        make one."""
        game = self.session.game
        side = self.seat if self.session.is_human(self.seat) else None
        shown_side = side or (game.to_move if self.session.mode == "demo" else None)
        self.actions.refresh(shown_side, self.my_turn)
        self.agenda.copy.enabled = self.my_turn and game.state.standing is not None

    def _refresh(self) -> None:
        """Bring the widgets up to what is shown (called when the log has caught up)."""
        game = self.session.game
        state = game.state
        side = self.seat if self.session.is_human(self.seat) else None
        # Once the talks are over, the rows show the deal (or that there is none).
        self.agenda.over = game.finished
        self.agenda.show(side, state.agreed if game.finished else state.standing,
                         state.standing_by)
        for row in self.agenda.rows:
            row.readonly = self.agenda.readonly or game.finished
            row.enabled = row.enabled and not game.finished
        self._moves_follow_turn()
        self.tactics_button.enabled = not game.finished  # the list is read between turns
        self.debrief_button.visible = game.finished and not self.pending
        table_panels.sync_debrief_button(self.debrief_button, self.session)
        self.pass_button.visible = self.passing
        if self.pass_button.visible:
            to = game.to_move or ""
            team, name = self.session.team(to), game.scenario.sides[to].name
            self.pass_button.set_label(f"Pass the screen to {team} ({name})" if team else
                                       f"Pass the screen to the team playing {name}")
        # Only the seated side's own brief, and never while nobody is seated.
        self.brief_button.visible = self.session.is_human(self.seat)
        self.skip_button.visible = self.pending
        self._sync_takebacks()
        if self.demo:  # nobody moves, builds or takes back in a demo: no dead controls
            for widget in [*self.actions.moves, self.tactics_button, self.undo_button,
                           self.redo_button, self.agenda.copy]:
                widget.visible = False
            # The meters and the log still explain themselves to the pointer and scroll
            # under the wheel, but take no focus: nothing there acts.
            readers: list[Widget] = [*self.meters, self.log]
            for reader in readers:
                reader.focusable = False
        self._ring()

    def _sync_takebacks(self) -> None:
        """Enable Undo and Redo when the session allows them; else say why in the tip."""
        for button, why, tip in (
                (self.undo_button, self.session.undo_blocked(self.seat),
                 "Take back your last move and the computer's answer to it (Ctrl+Z)."),
                (self.redo_button, self.session.redo_blocked(self.seat),
                 "Play again what Undo took back (Ctrl+Y or Ctrl+Shift+Z).")):
            button.enabled = why is None
            button.tooltip = tip if why is None else f"{tip} Not now: {why}"

    def _ring(self) -> None:
        if self.tactics_open:
            self.ring.set([*self.actions.tactics.get(self.actions.side or "", []),
                           self.close_tactics])
            return
        self.ring.set(self._table_widgets())
        if self.debrief_button.visible:
            self.ring.focus(self.debrief_button)
        elif self.pass_button.visible:
            self.ring.focus(self.pass_button)

    def _table_widgets(self) -> list[Widget]:
        """The table's widgets in focus order (under the list of tactics when it is
        open)."""
        widgets: list[Widget] = []
        if self.debrief_button.visible:
            widgets.append(self.debrief_button)
        if self.pass_button.visible:
            widgets.append(self.pass_button)
        widgets += [*self.agenda.rows, self.agenda.copy]
        widgets += self.actions.moves + [self.tactics_button, self.undo_button,
                                         self.redo_button]
        if self.skip_button.visible:
            widgets.append(self.skip_button)
        if self.brief_button.visible:
            widgets.append(self.brief_button)
        widgets += [*self.meters, self.log]
        return widgets

    def _sync_meters(self) -> None:
        """The meters as the shown record leaves them, each with its change: caught up at
        a seated side's turn, since that side's last move, as the "what changed" card
        counts it (and, a team having moved at one screen, what its move did); while a
        turn is being shown, since that turn's move."""
        shown = self.session.visible_log()[:self.shown]
        since = since_last_move(shown, self.seat) \
            if self.my_turn or self.passing else None
        values, last = shown_meters(self.session.scenario, shown, since)
        # What the changes beside the meters count from, said in the panel's title row (a
        # playtester saw trust "-1" while a turn was shown, then "+6" at its own turn, and
        # could not tell why the number had changed its start).
        moved = since is not None and any(e.kind == "move" and e.speaker == self.seat
                                          for e in shown)
        self.meters_since = ("since your last move" if moved else
                             "since the talks began" if since is not None else "this turn")
        warned = {d.meter: d for d in dangers(self.session.scenario, values)}
        was = [row.danger for row in self.meters]
        for row in self.meters:
            row.value = values[row.meter.id]
            row.change = last.get(row.meter.id, 0.0)
            danger = warned.get(row.meter.id)
            row.danger = danger.consequence() if danger else None
        if was != [row.danger for row in self.meters] and self.size != (0, 0):
            self.layout(self.size)  # a warning takes lines under its meter

    def _reveal(self, count: int, announce: bool = True) -> None:
        """Show the next *count* entries of the record; with *announce*, an event among
        them comes with its effects and its banner, and what follows it waits until the
        banner goes (each event its own banner, the meters what the banner says)."""
        visible = self.session.visible_log()
        start = self.shown
        new = visible[self.shown:self.shown + count]
        if announce:
            for n, entry in enumerate(new):
                if entry.kind == "event":
                    more = len(event_effects(visible, start + n))
                    new = visible[start:start + n + 1 + more]
                    break
        self.shown += len(new)
        self.log.set_entries(visible[:self.shown])
        self._sync_meters()
        for n, entry in enumerate(new):
            if entry.kind == "event" and announce:
                self._announce(visible, start + n)
            elif entry.kind == "outcome":
                self.banner = None  # the outcome is the news now: nothing lies over it
        if not self.pending:
            self._caught_up()

    @property
    def passing(self) -> bool:
        """Two teams at one screen, the team seated has moved and the other is to move: the
        team reads what its move did, then passes the screen (:meth:`hand_over`)."""
        game = self.session.game
        return (self.session.mode == HOTSEAT and self.seat is not None and not game.finished
                and game.to_move != self.seat and not self.pending
                and not self.waiting_for_briefs)

    def hand_over(self) -> None:
        """The team that moved passes the screen: nothing private shows until the next
        team is seated."""
        game = self.session.game
        if self.session.mode != HOTSEAT or game.finished or game.to_move == self.seat:
            return
        self.seat = None
        self._refresh()
        self.app.push(HandOver(self.session, game.to_move or "", self.seated))

    def _caught_up(self) -> None:
        game = self.session.game
        if self.session.mode == HOTSEAT and game.finished:
            # Both teams read the end together: neither side's private view (its brief,
            # its own points alone) stays up.
            self.seat = None
        if (self.session.mode == HOTSEAT and not game.finished and game.to_move != self.seat
                and not self.waiting_for_briefs):
            if self.seat is None:  # nobody seated (a game resumed): the hand-over at once
                self.hand_over()
                return
            # The team that moved reads what its move did before it passes the screen.
            self._refresh()
            return
        self.turn_started = self.clock
        self._refresh()
        self._focus_for_turn()
        self._show_card()
        self._ask_if_asked()
        self._coach_if_due()  # in the same frame: before the player can act

    # ----- the event banner --------------------------------------------------------------

    def _announce(self, visible: list[Entry], at: int) -> None:
        """Announce the event at *at* of the visible record, with its effects."""
        viewer = self.seat if self.session.is_human(self.seat) else None
        banner = EventBanner(self.session.scenario, visible[at], event_effects(visible, at),
                             viewer, 0.0)
        banner.seconds = banner.left = (4.0 + 0.6 * len(banner.effects)) * self.app.pace + 1.0
        self.banner = banner
        self._layout_banner()

    def _layout_banner(self) -> None:
        if self.banner is not None:
            u = self.theme.unit
            # Over the log column (the log and the source), never over a control.
            self.banner.layout(self.log_rect.union(self.quote_rect).inflate(-u, -u),
                               self.theme)

    def close_banner(self) -> None:
        """Take the banner away (its time is up, a key, a click); a card that waited for
        it comes now."""
        if self.banner is not None:
            self.banner = None
            self.app.invalidate()
        if self.card_waiting:
            self.card_waiting = False
            self._show_card()

    # ----- what changed ------------------------------------------------------------------

    def _show_card(self) -> None:
        """When the turn comes back to a player, or after each move in a demo, show what
        changed since: from the record the seat may see, never another side's."""
        game = self.session.game
        visible = self.session.visible_log()[:self.shown]
        if game.finished or len(visible) <= self.card_seen:
            return
        if self.banner is not None:  # the event first, then what changed
            self.card_waiting = True
            return
        demo = self.session.mode == "demo"
        if demo:
            start = self.card_seen
            viewer = None
            title = "What changed"
        elif self.my_turn:
            start = since_last_move(visible, self.seat)
            viewer = self.seat
            title = "Since your last move" if start else "At the table so far"
        else:
            return
        entries = visible[start:]
        if not any(e.kind == "move" and e.speaker != viewer for e in entries):
            return
        self.card_seen = len(visible)
        moment = what_changed(game, entries, viewer)
        if moment.empty:
            return
        # At a team's turn, the round it now moves in, as the header says; in a demo, the
        # round of what the card tells.
        now = moment.round if demo else game.state.round
        round_label = phase_round(game.scenario, game.settings.rounds, now)
        self.card = MomentCard(moment, viewer, f"{title} \u00b7 round {now} of "
                                               f"{round_label[3]}",
                               **({"close": demo_view.DEMO_CARD_CLOSE} if demo else {}))
        self.card_time = (6.0 + 0.5 * len(moment.acts + moment.changes)) * self.app.pace
        self.log.visible = False  # the card lies over the log until it closes
        # No focused control's tooltip comes over the new card until a key is used again.
        self.ring.keyboard = False
        self._layout_card()

    def _layout_card(self) -> None:
        if self.card is not None:
            self.card.layout(self.log_rect.union(self.quote_rect), self.theme)

    def close_card(self) -> None:
        """Close the card (Backspace, a click on it, or the player's move) and show the
        log again."""
        if self.card is not None:
            self.card = None
            self.log.visible = True

    def _ask_if_asked(self) -> None:
        """The other side asked what matters most: the seated team answers first."""
        if self.my_turn and self.session.game.state.asked == self.seat and \
                self.app.top is self:
            self.app.push(Question(self, self.seat or ""))

    def _focus_for_turn(self) -> None:
        """On the player's turn, bring the focus back to the agenda if it was left on
        something that cannot act (a used tactic, a meter)."""
        focused = self.ring.focused
        if self.my_turn and (focused is None or not focused.enabled or
                             focused in self.meters or focused is self.log):
            self.ring.focus(self.agenda.rows[0])

    def show_all(self) -> None:
        """Show the whole log at once (a resumed game), with no event banner."""
        self._reveal(len(self.session.visible_log()), announce=False)
        self.banner = None
        self.card_waiting = False

    def seated(self) -> None:
        self.seat = self.session.game.to_move
        visible = self.session.visible_log()
        if self.shown > len(visible):  # moves were taken back at the hand-over
            self.shown = len(visible)
            self.log.set_entries(visible)
            self._reveal(0)
        self.turn_started = self.clock
        if self.tactics_open:
            self.shut_tactics()
        self._refresh()
        self._sync_meters()  # the badges count from this team's last move, as its card
        # A new team sits down: the focus starts on the agenda, not where the other team
        # left it (on Tactics, Enter would open the list).
        if self.my_turn:
            self.ring.focus(self.agenda.rows[0])
        self._show_card()
        self._ask_if_asked()

    def open_brief(self) -> None:
        """The seated team's confidential brief, over the table (F1); Enter or Esc comes
        back."""
        if self.seat is not None and self.session.is_human(self.seat):
            self.app.push(Briefing(self.session, self.seat, lambda: None, again=True))

    def key_hint(self) -> str:
        """The help line as the table stands: the keys of the list when it is open, Space
        while a turn is being shown, Enter for the debrief once the talks are over."""
        if self.tactics_open or self.demo:
            return self.hint
        if self.debrief_button.visible:
            # Enter acts where the focus is: on the brief's button it opened the brief
            # under a line that promised the debrief (a window playtest).
            enter = "Enter: see the debrief" if self.ring.focused in (
                None, self.debrief_button) else "Enter: choose   Tab or arrows: move"
            return f"{enter}   [ or ]: sources   Esc: pause"
        if self.pass_button.visible:
            return "Enter: pass the screen   Ctrl+Z: take back your move   Esc: pause"
        if self.pending:
            return "Space: skip ahead   Tab or arrows: move   T: tactics   Esc: pause"
        return self.hint

    # ----- the coach --------------------------------------------------------------------

    def coach_target(self, part: str) -> pygame.Rect | None:
        """Where *part* is, once it is the player's turn (and, for the card, while one
        is up; for the brief's button, while it shows)."""
        if not self.my_turn or self.tactics_open:
            return None
        if part == "card":
            return self.card.box if self.card is not None else None
        if part == "brief":
            return self.brief_button.rect if self.brief_button.visible else None
        return {"objective": self.goal_rect, "agenda": self.agenda.rect,
                "meters": self.meters_rect, "moves": self.moves_rect,
                "tactics": self.tactics_button.rect}.get(part)

    def _coach_if_due(self) -> bool:
        """Show the coach's next step over the table if its part is there now."""
        coach = self.coach
        if coach is None or self.banner is not None or self.app.top is not self or \
                coach.due(self) is None:
            return False
        self.app.push(Coaching(self, coach))
        return True

    # ----- the list of tactics -----------------------------------------------------------

    def open_tactics(self) -> None:
        """Open the list of the side's tactics over the table (T)."""
        if not self.actions.tactics.get(self.actions.side or ""):
            return
        self.tactics_open = True
        self.hint = self.LIST_HINT
        self._ring()
        buttons = self.actions.tactics[self.actions.side or ""]
        first = next((b for b in buttons if b.enabled), None)
        self.ring.focus(first or self.close_tactics)

    def shut_tactics(self) -> None:
        """Close the list (Esc, T, or a click outside it); the focus goes back to the
        button that opened it."""
        if self.tactics_open:
            self.tactics_open = False
            self.hint = self.TABLE_HINT
            self._ring()
            # Back to the button that opened it, unless the move is made at one screen:
            # then _ring has put it on passing the screen, as the key hint says Enter does.
            if not self.pass_button.visible:
                self.ring.focus(self.tactics_button)

    def _list_closes(self) -> None:
        """The list closes because a move is made from it (its focus is not given back to
        the Tactics button: the move is made)."""
        if self.tactics_open:
            self.tactics_open = False
            self.hint = self.TABLE_HINT
            self._ring()

    def use_tactic(self, button: Button) -> None:
        """A tactic chosen in the list or by its letter: the list closes, then it acts."""
        self._list_closes()
        if button.enabled:
            button.activate()
            # The tactic is used: the focus leaves the Tactics button, where a later Enter
            # would open the list again over the table.
            if self.ring.focused is self.tactics_button:
                self.ring.focus(self.agenda.rows[0])

    def tactic_help(self) -> tuple[str, str] | None:
        """The name and help of the tactic pointed at or focused in the open list, for
        its help strip."""
        buttons = self.actions.tactics.get(self.actions.side or "", [])
        # The keyboard's choice while the keyboard is in use (the strip described the
        # tactic the resting pointer was on, not the one the arrows had moved to).
        ring = self.ring
        widget = ring.focused if ring.keyboard and ring.focused in buttons else \
            ring.hover if ring.hover in buttons else ring.focused
        if widget in buttons:
            button = buttons[buttons.index(widget)]
            return button.label, button.tooltip
        return None

    # ----- moves ------------------------------------------------------------------------

    def choose_issue(self, tactic: str) -> None:
        """Saying what matters most: the team picks the issue it names."""
        if self.my_turn:
            self._list_closes()
            self.app.push(Question(self, self.seat or "", tactic))

    def play(self, move: Move) -> None:
        if not self.my_turn:
            return
        # However the move was chosen (a tactic's button in the list, by Enter or a click,
        # acts at once): the list of tactics does not stay open over the table, where it
        # showed the tactic as unused and hid the event banners that followed.
        self._list_closes()
        self.close_card()
        try:
            self.session.play(move)
        except IllegalMoveError as exc:
            self.app.toast(str(exc), 4.0)
            return
        # A warning about the move ("press again to...") is old news once it is made.
        self.app.dismiss_toast()
        self.think = THINK * self.app.pace
        self._reveal(len(self.session.visible_log()))
        if self.pending:
            # The move is made: no move button stays lit while what followed it is still
            # being shown (an event's banner after the player's move left them lit for
            # seconds, and a key pressed then did nothing); the rest of _refresh waits
            # until the record has caught up.
            self._moves_follow_turn()

    def _report_save_error(self) -> None:
        if self.session.save_error:
            self.app.toast(self.session.save_error, 6.0)
            self.session.save_error = None

    def propose(self) -> None:
        """Propose the builder's package; a package that crosses the player's red lines,
        is worth less than the fallback or repeats the other side's proposal needs a
        second press, after a warning."""
        side = self.seat or ""
        package = self.agenda.package()
        game = self.session.game
        why = game.why_not(Move.propose(package), side)
        if why is not None:  # the rules forbid it: no second press makes it legal
            self.app.toast(why, 5.0)
            return
        warning = ""
        crossed = self.agenda.crossed(side, package)
        if crossed:
            warning = f"This package {crossing(crossed)}."
        elif self.agenda.worth(side, package) <= game.fallback(side):
            warning = "This package is worth no more to you than your fallback."
        elif game.state.standing == package and game.state.standing_by != side:
            warning = "This is the other side's own proposal: you could accept it instead (2)."
        if warning and not self.actions.arm("propose"):
            self.app.toast(f"{warning} To propose it anyway, press 1 or click "
                           "\u201cPress again\u201d; Esc keeps it to change.", CONFIRMING)
            return
        self.play(Move.propose(package))

    def accept(self) -> None:
        """Accept the proposal on the table at the second press: the first says what the
        deal is worth, or warns (:func:`~game.play.wording.accept_warning`)."""
        warning, serious = accept_warning(self.session.game, self.seat or "")
        if not self.actions.arm("accept"):
            self.app.toast(f"{warning} To accept it anyway, press 2 or click \u201cPress "
                           "again\u201d; Esc leaves it on the table." if serious else
                           f"{warning} Press 2 again (or click \u201cPress again\u201d) to "
                           "accept; Esc leaves it on the table.", CONFIRMING)
            return
        self.play(Move.accept())

    def walk_out(self) -> None:
        """Walk out at the second press: the first says what walking out means to the
        player (:func:`~game.play.wording.walkout_warning`)."""
        if not self.actions.arm("walkout"):
            self.app.toast(f"{walkout_warning(self.session.game, self.seat or '')} Press 5 "
                           "again (or click \u201cPress again\u201d) to walk out; Esc stays "
                           "at the table.", CONFIRMING)
            return
        self.play(Move.walkout())

    def skip(self) -> None:
        self.close_banner()
        if self.pending:
            self._reveal(len(self.session.visible_log()))

    def undo(self) -> bool:
        """Take back the players' last move (Ctrl+Z); False, with the reason shown, when
        that is not possible."""
        return self._take_back(self.session.undo, self.session.undo_blocked, "Took back")

    def redo(self) -> bool:
        """Play again what Undo took back (Ctrl+Y, Ctrl+Shift+Z)."""
        return self._take_back(self.session.redo, self.session.redo_blocked, "Played again")

    def _take_back(self, act: Callable[[str | None], int],
                   blocked: Callable[[str | None], str | None], done: str) -> bool:
        if self.pending:
            self.skip()
        why = blocked(self.seat)
        count = act(self.seat) if why is None else 0
        if not count:
            self.app.toast(why or "Nothing to do.", 4.0)
            return False
        self.banner = None
        self.card_waiting = False
        self.close_card()
        self.shown = len(self.session.visible_log())
        self.card_seen = self.shown  # what is shown again needs no card
        self.log.set_entries(self.session.visible_log())
        self.think = THINK * self.app.pace
        self._reveal(0)
        self._report_save_error()
        again = (f" Ctrl+Y plays {'it' if count == 1 else 'them'} again."
                 if done == "Took back" else "")
        self.app.toast(f"{done} {count} move{'s' if count != 1 else ''}.{again}")
        return True

    def to_debrief(self) -> None:
        if self.session.whole_game is not None:
            self.app.replace(Debrief(self.session))

    # ----- the frame --------------------------------------------------------------------

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        t = self.theme
        self.meters_colours()
        w, h = size
        u = t.unit
        small = t.fonts.get("small").get_linesize()
        strip = t.fonts.get("body", bold=True).get_linesize() + small * 2 + 2 * u
        card_w = int(w * 0.3)
        self.cards = (pygame.Rect(u, u, card_w, strip),
                      pygame.Rect(w - u - card_w, u, card_w, strip))
        self.centre = pygame.Rect(self.cards[0].right + u, u, w - 2 * card_w - 4 * u, strip)
        top = u * 2 + strip
        bottom = h - self.hint_height()
        title = small + u + u // 2
        # Three columns: the meters and the objective; the agenda and the moves; the log
        # and the source. The first is as wide as its meters need to fit above the
        # objective, from a quarter of the window to a third.
        c1w = int(w * 0.25)
        while c1w < w // 3 and self._left_height(c1w, title) > bottom - top:
            c1w += u
        c2w = int(w * 0.40)
        c1 = pygame.Rect(u, top, c1w, bottom - top)
        c2 = pygame.Rect(c1.right + u, top, c2w, bottom - top)
        c3 = pygame.Rect(c2.right + u, top, w - c2.right - 2 * u, bottom - top)
        y = top + title
        for row in self.meters:
            mh = row.height(t, c1.w - 3 * u)
            row.rect = pygame.Rect(c1.x + u * 3 // 2, y, c1.w - 3 * u, mh)
            y += mh + u
        self.meters_rect = pygame.Rect(c1.x, top, c1.w, y - top)
        # The brief's button under the objective, when someone plays.
        brief_h = self._brief_height()
        self.goal_rect = pygame.Rect(c1.x, self.meters_rect.bottom + u, c1.w,
                                     bottom - self.meters_rect.bottom - u - brief_h)
        self.brief_button.rect = pygame.Rect(c1.x, self.goal_rect.bottom + u, c1.w,
                                             max(0, brief_h - u))
        # The moves under the agenda: the package is proposed right below where it is
        # built. Undo and Redo sit in the panel's title row, right-aligned.
        extra = [self.tactics_button]
        moves_h = title + Actions.moves_height(t, c2.w - 2 * u, extra) + u
        if self.demo:  # no moves: the agenda has the whole column
            moves_h = -u
        self.moves_rect = pygame.Rect(c2.x, bottom - moves_h, c2.w, moves_h)
        self.actions.layout(pygame.Rect(c2.x + u, self.moves_rect.y + title, c2.w - 2 * u, 0),
                            t, extra)
        # An issue's tooltip, with no room beside its row, covers the objective beside the
        # agenda for a moment: never the package's worth under the rows, which a player
        # watches while changing options (a playtest at 1024x600 found the worth hidden
        # whenever a row had the focus), nor the log.
        self.agenda.beside = None if self.demo else self.goal_rect.copy()
        self.agenda.layout(pygame.Rect(c2.x, top, c2.w, self.moves_rect.y - u - top), t)
        quote_h = title + table_panels.quote_lines(self, c3.w - 3 * u) * small + u
        quote_h = min(quote_h, c3.h // 2)
        self.log_rect = pygame.Rect(c3.x, top, c3.w, c3.h - quote_h - u)
        self.log.rect = pygame.Rect(c3.x + u, top + title, c3.w - 2 * u,
                                    self.log_rect.h - title - u)
        self.quote_rect = pygame.Rect(c3.x, self.log_rect.bottom + u, c3.w, quote_h)
        bh = t.fonts.get("body").get_linesize() + u
        self.debrief_button.rect = pygame.Rect(self.centre.x, self.centre.bottom - bh,
                                               self.centre.w, bh)
        self.skip_button.rect = self.debrief_button.rect.copy()
        self.pass_button.rect = self.debrief_button.rect.copy()
        small_font = t.fonts.get("small")
        x = self.moves_rect.right - u
        for button in (self.redo_button, self.undo_button):
            bw = small_font.size(button.label)[0] + 2 * u
            button.rect = pygame.Rect(x - bw, self.moves_rect.y + u // 2, bw,
                                      small + u // 2)
            x -= bw + u // 2
        self._layout_tactics(size)
        self._layout_card()
        self._layout_banner()
        self.log.relayout(t)

    def toast_area(self) -> pygame.Rect | None:
        """A message at the table (a move to confirm, a screenshot saved) stays over the
        agenda's rows, above the moves where the key was pressed and above the package's
        worth: over the top of the window it covered the header's round and the
        delegations, and just above the moves the worth, its red-line note and the card's
        terms of the proposal being accepted (two window playtests)."""
        if self.demo:
            return None
        u = self.theme.unit
        agenda = self.agenda.rect
        return pygame.Rect(agenda.x + u, agenda.y + u, agenda.w - 2 * u,
                           max(self.agenda.utility_y - u - agenda.y - u, u))

    def panels(self) -> dict[str, pygame.Rect]:
        """The table's panels by name (for the layout check: none may be empty, overlap
        another or leave the window)."""
        panels = {"us card": self.cards[0], "ru card": self.cards[1], "round": self.centre,
                  "meters": self.meters_rect, "objective": self.goal_rect,
                  "agenda": self.agenda.rect, "agenda rows": self.agenda.rows_rect,
                  "moves": self.moves_rect, "log": self.log_rect, "source": self.quote_rect}
        if self.demo:
            del panels["moves"]
            panels["reasons"] = panels.pop("objective")
        return panels

    def demo_reasons(self) -> list[demo_view.Reason]:
        """Both computers' latest reasoning among the lines shown (a demo's panel)."""
        return demo_view.latest_reasons(self.session,
                                        self.session.visible_log()[:self.shown])

    def _left_height(self, width: int, title: int) -> int:
        """The height the meters and the objective need in a column of *width*."""
        t = self.theme
        u = t.unit
        meters = title + sum(row.height(t, width - 3 * u) + u for row in self.meters)
        if self.demo:
            return meters + u + demo_view.reasons_height(
                t, width, demo_view.longest_reasons(self.session))
        return meters + u + table_panels.goal_height(self, width) + self._brief_height()

    def _brief_height(self) -> int:
        """The room the brief's button takes under the objective (none in a demo)."""
        if not self.session.humans:
            return 0
        return self.theme.fonts.get("small").get_linesize() + 2 * self.theme.unit

    def _layout_tactics(self, size: tuple[int, int]) -> None:
        """The list of tactics, opened over the table: a box in the middle of the window
        with its title and the button that closes it, the tactics and a help strip."""
        t = self.theme
        w, h = size
        u = t.unit
        head = t.fonts.get("heading", bold=True).get_linesize()
        font = t.fonts.get("small")
        small = font.get_linesize()
        box_w = min(w - 4 * u, max(int(w * 0.6), 720))
        # The strip holds the longest help with its name, and a line for why not now.
        helps = [f"{x.name}: {tactic_help(x)}" for x in self.session.scenario.tactics]
        lines = max((len(wrap(x, font, box_w - 6 * u)) for x in helps), default=1) + 1
        help_h = small * min(lines, 8) + u
        bottom = h - self.hint_height() - u
        room = bottom - u - (2 * u + head + u + u + help_h + 2 * u)
        inner = pygame.Rect((w - box_w) // 2 + 2 * u, 0, box_w - 4 * u, room)
        inner.y = u + 2 * u + head + u
        used = self.actions.layout_list(inner, t)
        box_h = 2 * u + head + u + used + u + help_h + 2 * u
        self.tactics_box = pygame.Rect((w - box_w) // 2, u, box_w, box_h)
        dy = max(0, (bottom - box_h) // 2 - u)
        self.tactics_box.y += dy
        for buttons in self.actions.tactics.values():
            for button in buttons:
                button.rect.y += dy
        self.help_rect = pygame.Rect(inner.x, inner.y + dy + used + u, inner.w, help_h)
        cap = t.fonts.get("small", bold=True).size(self.close_tactics.hint)[0] + 8
        cw = font.size(self.close_tactics.label)[0] + cap + 4 * u
        self.close_tactics.rect = pygame.Rect(self.tactics_box.right - 2 * u - cw,
                                              self.tactics_box.y + 2 * u, cw, small + u)

    def meters_colours(self) -> None:
        scenario = self.session.scenario
        for row in self.meters:
            if row.meter.side:
                row.side_colour = self.theme.side_colour(scenario, row.meter.side)

    def handle_event(self, event: pygame.event.Event) -> None:
        if self.banner is not None:
            # Any key takes the banner away and still does what it does; a click on the
            # banner only takes it away.
            if clicked(event) and self.banner.box.collidepoint(event.pos):
                self.close_banner()
                return
            if event.type == pygame.KEYDOWN:
                self.close_banner()
        if clicked(event) and self._banner_gone is not None:
            box, when = self._banner_gone
            self._banner_gone = None
            if self.clock - when < BANNER_GRACE and box.collidepoint(event.pos):
                # Meant for the banner, which its time took away as the player clicked: a
                # click there closed the card of what changed beneath it, unread (a window
                # playtest).
                return
        if self.card is not None and not self.tactics_open:
            if event.type == pygame.KEYDOWN and event.key == pygame.K_BACKSPACE:
                self.close_card()
                return
            if clicked(event) and self.card.box.collidepoint(event.pos):
                self.close_card()
                return
            if event.type == pygame.MOUSEWHEEL and \
                    self.card.box.collidepoint(pygame.mouse.get_pos()):
                self.card.text.wheel(event.y)
                return
        if event.type == pygame.KEYDOWN:
            key = event.key
            ctrl = event.mod & pygame.KMOD_CTRL
            if key == pygame.K_ESCAPE:
                if self.tactics_open:
                    self.shut_tactics()
                elif self.actions.armed is not None:
                    # Esc takes back a first press that waits for a second one.
                    called_off = CALLED_OFF[self.actions.armed]
                    self.actions.disarm()
                    self.app.toast(called_off, 3.0)
                else:
                    self.actions.disarm()
                    self.app.push(Pause(self))
                return
            if key == pygame.K_t and not ctrl and not self.demo:
                if self.tactics_open:
                    self.shut_tactics()
                else:
                    self.open_tactics()
                return
            if self.pending and key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER):
                self.skip()
                return
            if key == pygame.K_SPACE:
                # Space only ever skips: a spare press must not change the package.
                return
            shift = event.mod & pygame.KMOD_SHIFT
            if ctrl and (key == pygame.K_y or (key == pygame.K_z and shift)):
                self.redo()
                return
            if ctrl and key == pygame.K_z:
                self.undo()
                return
            if key == pygame.K_F5:
                reload_scenario(self)
                return
            if key == pygame.K_F1:
                self.open_brief()
                return
            if key in (pygame.K_LEFTBRACKET, pygame.K_RIGHTBRACKET):
                self.log.select(-1 if key == pygame.K_LEFTBRACKET else 1)
                return
            if not ctrl and self._shortcut(key):
                return
        if self.tactics_open and clicked(event) and \
                not self.tactics_box.collidepoint(event.pos):
            self.shut_tactics()
            return
        if not self.tactics_open and event.type == pygame.MOUSEWHEEL and \
                self.agenda.rows_rect.collidepoint(pygame.mouse.get_pos()):
            self.agenda.wheel(event.y)
            return
        self.ring.handle(event)
        self.agenda.keep_visible(self.ring.focused)

    def _shortcut(self, key: int) -> bool:
        digits = {pygame.K_1: 0, pygame.K_2: 1, pygame.K_3: 2, pygame.K_4: 3, pygame.K_5: 4,
                  pygame.K_KP1: 0, pygame.K_KP2: 1, pygame.K_KP3: 2, pygame.K_KP4: 3,
                  pygame.K_KP5: 4}
        if key in digits:
            if self.tactics_open:
                return True
            # The move is made where the focus is: a key does not move it.
            button = self.actions.moves[digits[key]]
            if button.enabled:
                button.activate()
            elif why := self.actions.why_not(button):
                self.app.toast(why, 4.0)  # a key says what the pointer's tooltip says
            return True
        if key == pygame.K_c and self.session.is_human(self.seat):
            self.agenda.copy_table()
            return True
        name = pygame.key.name(key).upper()
        if len(name) == 1 and name in LETTERS:
            buttons = self.actions.tactics.get(self.actions.side or "", [])
            n = LETTERS.index(name)
            if n < len(buttons) and buttons[n].enabled:
                self.use_tactic(buttons[n])
            elif n < len(buttons) and (why := self.actions.why_not(buttons[n])):
                self.app.toast(why, 4.0)
            return True
        return False

    def update(self, dt: float) -> bool:
        super().update(dt)
        self.clock += dt
        changed = False
        if self.banner is not None:
            # Its last line counts the seconds left: drawn again when one goes by.
            counted = self.banner.seconds_left
            if self.banner.tick(dt):
                self._banner_gone = (self.banner.box, self.clock)
                self.close_banner()
            changed = self.banner is None or self.banner.seconds_left != counted
        elif self.card_waiting:  # the banner was taken away from outside (a picture, say)
            self.close_banner()
            changed = True
        if self.waiting_for_briefs or self.app.top is not self:
            return changed
        if self.debrief_button.visible and not self.debrief_button.enabled:
            # A class's server sends the whole game, which the debrief reads, after the end.
            changed |= table_panels.sync_debrief_button(self.debrief_button, self.session)
        if self.debrief_button.visible and not self.outcome_shown:
            # The talks are over and their end has been shown: now the front page.
            self.outcome_shown = True
            self.app.push(Outcome(self))
            return True
        if self._coach_if_due():
            return True
        if self.card is not None and self.session.mode == "demo":
            # A demo leaves each card up while the room reads it, then shows the log.
            self.card_time -= dt
            if self.card_time <= 0:
                self.close_card()
                changed = True
        if self.my_turn and self.session.game.state.asked == self.seat:
            self._ask_if_asked()  # e.g. a team seated after the question was put
            return True
        seconds = self.session.settings.seconds_per_turn
        if seconds and self.my_turn:
            if self.clock - self.turn_started >= seconds:
                self.app.toast("Time is up.")
                self.session.time_out()
                self.think = THINK * self.app.pace
                self._reveal(len(self.session.visible_log()))
                self._report_save_error()
                return True
            # The countdown shows whole seconds: draw again when one goes by.
            changed |= int(self.clock - dt - self.turn_started) != \
                int(self.clock - self.turn_started)
        if self.pending:
            if self.banner is not None:
                return changed  # the rest of the record waits until the event is read
            self.timer -= dt
            if self.timer <= 0:
                self._reveal(1)
                shown = self.session.visible_log()[self.shown - 1]
                self.timer = reading_time(shown) * self.app.pace
                return True
            return changed
        if self.session.computer_to_move:
            self.think -= dt
            if self.think <= 0:
                self.session.play_computer()
                self.think = THINK * self.app.pace
                self.timer = 0.0
                self._refresh()
                return True
        return changed

    def draw_content(self, surface: pygame.Surface) -> None:
        t = self.theme
        game = self.session.game
        # The faces and the speaking highlight follow the record as far as it is shown.
        shown = self.session.visible_log()[:self.shown]
        speaking = last_speaker(shown)
        for side, rect in zip(game.sides, self.cards):
            delegation_card(surface, t, self.app, self.session, side, rect, compact=True,
                            speaking=side == speaking,
                            expression=expression(game.scenario, shown, side))
        table_panels.draw_centre(self, surface)
        panel(surface, t, self.meters_rect, "Meters")
        table_panels.draw_meters_since(self, surface)
        self.agenda.draw(surface, t)
        panel(surface, t, self.log_rect, "At the table")
        if self.demo:
            demo_view.draw_reasons(surface, t, self.goal_rect, self.demo_reasons(),
                                   {s: t.side_colour(self.session.scenario, s)
                                    for s in game.sides})
        else:
            panel(surface, t, self.moves_rect, "Your move" if self.my_turn else "Moves")
            table_panels.draw_goal(self, surface)
        table_panels.draw_quote(self, surface)
        if self.card is not None:
            self.card.draw(surface, t)

    def tip_avoid(self) -> list[pygame.Rect]:
        # The log column (the record, the source, the card of what changed): what a player
        # weighs an option against; the header's round and whose move it is; and the
        # package's worth, which changes as an option is chosen (a start date's tooltip
        # hid "Your package: 90 points" while the student chose it, a window playtest).
        # The header's round lines, above the button that may stand in the status line's
        # place (the debrief's button's tip covered them, a window playtest: a tip keeps
        # off a spared part only when the part is not under its own button).
        centre = self.centre
        button = self.debrief_button.rect
        rounds = pygame.Rect(centre.x, centre.y, centre.w, max(button.y - centre.y, 0))
        return [self.log_rect.union(self.quote_rect), self.centre, rounds,
                self.agenda.worth_rect, *super().tip_avoid()]

    def draw(self, surface: pygame.Surface) -> None:
        if not self.tactics_open:
            super().draw(surface)
            table_panels.draw_banner(self, surface)
            return
        # The table under the open list, then the list; a tactic's help shows in the
        # list's own strip, never over the list.
        surface.fill(self.theme.c["background"])
        self.draw_content(surface)
        for widget in self._table_widgets():
            if not widget.visible:
                continue
            old = surface.get_clip()
            if widget.clip is not None:
                surface.set_clip(widget.clip)
            widget.draw(surface, self.theme, False, False)
            surface.set_clip(old)
        table_panels.draw_tactics(self, surface)
        self.ring.draw(surface, self.theme)
        self.draw_hint(surface)
