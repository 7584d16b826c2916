"""Mode and side: against the computer (as either side, with a difficulty), two teams at
one screen, or computer against computer; and the teams' names for the record."""

from __future__ import annotations

import unicodedata

import pygame
import pygame_gui

from game.model import Scenario
from game.settings import DIFFICULTIES
from game.ui.coach import coach_by_default
from game.ui.flow import begin_game
from game.ui.screen import Host, Screen, panel, paragraph, title_bar
from game.play.session import DEMO, HOTSEAT, VS_COMPUTER, computer_name_taken
from game.ui.text import draw_line, wrap
from game.ui.theme import Theme
from game.ui.widgets import Button, Choice, Widget, draw_focus

#: Control and format characters (zero-width space, direction marks, soft hyphen...).
FORMAT_CHARACTERS = [chr(c) for c in range(0x10000)
                     if unicodedata.category(chr(c)) in ("Cc", "Cf", "Zl", "Zp")]

MODE_TEXT = {
    VS_COMPUTER: ("Against the computer",
                  "Your team negotiates for one side; the computer plays the other with a "
                  "strategy from negotiation research. It sees only what is said at the table."),
    HOTSEAT: ("Two teams, one screen",
              "Each team plays one side. Before each turn a hand-over screen asks the other "
              "team to look away, so neither sees the other's brief or numbers."),
    DEMO: ("Computer against computer",
           "Both sides are played by the computer, at a pace the room can read. Good for a "
           "projector before the class plays. Space skips ahead."),
}
DIFFICULTY_TEXT = {"easy": "Easy: concedes early", "normal": "Normal",
                   "hard": "Hard: concedes late"}


class EntryField(Widget):
    """A labelled pygame_gui text entry that takes part in the focus ring."""

    def __init__(self, label: str, placeholder: str, short: str = "") -> None:
        """*short*: a shorter label, for when *label* does not fit beside the entry."""
        super().__init__(tooltip="Type a name; it is kept in the game record.")
        self.label = label
        self.short = short or label
        self.placeholder = placeholder
        self.text = ""
        self.entry: pygame_gui.elements.UITextEntryLine | None = None

    def texts(self) -> list[str]:
        return [self.label]

    def build(self, manager: pygame_gui.UIManager, theme: Theme) -> None:
        self.kill()
        if not self.visible:
            return
        label_w = int(self.rect.w * 0.45)
        rect = pygame.Rect(self.rect.x + label_w, self.rect.y, self.rect.w - label_w,
                           self.rect.h)
        self.entry = pygame_gui.elements.UITextEntryLine(
            rect, manager, initial_text=self.text or None, placeholder_text=self.placeholder)
        self.entry.set_text_length_limit(30)
        # Characters with no width (typed or pasted) would make pygame_gui's font refuse
        # the whole entry; a team name never needs them.
        self.entry.set_forbidden_characters(FORMAT_CHARACTERS)

    def kill(self) -> None:
        if self.entry is not None:
            self.text = self.entry.get_text()
            self.entry.kill()
            self.entry = None

    @property
    def value(self) -> str:
        return self.entry.get_text() if self.entry is not None else self.text

    def key(self, event: pygame.event.Event) -> bool:
        return False

    def click(self, pos: tuple[int, int], button: int) -> bool:
        return True

    def draw(self, surface: pygame.Surface, theme: Theme, focused: bool, hovered: bool) -> None:
        font = theme.fonts.get("body")
        y = self.rect.centery - font.get_linesize() // 2
        room = int(self.rect.w * 0.45) - 2 * theme.unit
        label = self.label if font.size(self.label)[0] <= room else self.short
        draw_line(surface, font, label, theme.c["muted"], (self.rect.x + theme.unit, y),
                  room, where="entry label")
        if focused:
            draw_focus(surface, theme, self.rect)


class FormScreen(Screen):
    """A screen with text entries (pygame_gui's) among its widgets: keys go to the entry in
    focus, Enter moves on from it, and pygame_gui's own focus follows the ring's."""

    titled = True

    def _fields(self) -> list[EntryField]:
        """The screen's text entries."""
        raise NotImplementedError

    def _build_fields(self) -> None:
        """(Re)build the entries at their laid-out places, the focus as the ring has it."""
        for field in self._fields():
            field.build(self.app.gui, self.theme)
        self.ring.set(self.ring.widgets)
        self._sync_focus()

    def leave(self) -> None:
        for field in self._fields():
            field.kill()

    def _lay_out_form(self, size: tuple[int, int], rows: list[Widget], first: Widget,
                      second: Widget) -> None:
        """The form's shape: the visible *rows* down the left half, *first* and *second*
        side by side under them, the explanation panel on the right; then the entries."""
        w, h = size
        u = self.theme.unit
        top = self.content_top()
        rh = self.row_height()
        lw = int(w * 0.5)
        y = top
        for row in rows:
            if row.visible:
                row.rect = pygame.Rect(3 * u, y, lw, rh)
                y += rh + u
        first.rect = pygame.Rect(3 * u, y + u, (lw - u) // 2, rh)
        second.rect = pygame.Rect(first.rect.right + u, y + u, (lw - u) // 2, rh)
        self.explain = pygame.Rect(4 * u + lw, top, w - 7 * u - lw,
                                   h - top - self.hint_height() - 2 * u)
        # A control's tooltip goes in the room left under the buttons, not over the panel
        # that explains the choice (a window playtest: the side's tooltip hid the panel's
        # heading and first line) nor over the next rows; where that room is too small, it
        # goes where it covers least.
        room = self.explain.bottom - first.rect.bottom - 2 * u
        enough = room >= 4 * self.theme.fonts.get("small").get_linesize() + 2 * u
        # (No height: the tip's own, from the spot's top; nothing under it to paint over.)
        spot = pygame.Rect(3 * u, first.rect.bottom + 2 * u, lw, 0)
        for widget in [*rows, first, second]:
            widget.tip_spot = spot if enough else None
        self._build_fields()

    def tip_avoid(self) -> list[pygame.Rect]:
        return [*super().tip_avoid(), self.explain]

    def _sync_focus(self) -> None:
        focused = self.ring.focused
        entry = focused.entry if isinstance(focused, EntryField) else None
        current = self.app.gui.get_focus_set() or set()
        # Focusing an entry again puts its cursor back at the start: only change focus when
        # it moves (otherwise every key release reversed what had been typed).
        if (entry is None and current) or (entry is not None and entry not in current):
            self.app.gui.set_focus_set(entry)

    def handle_event(self, event: pygame.event.Event) -> None:
        focused = self.ring.focused
        typing = isinstance(focused, EntryField)
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.back()
                return
            if typing and event.key not in (pygame.K_TAB, pygame.K_UP, pygame.K_DOWN,
                                            pygame.K_RETURN, pygame.K_KP_ENTER):
                self.app.gui.process_events(event)
                return
            if typing and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
                self.ring.move(1)
                self._sync_focus()
                return
        elif event.type in (pygame.TEXTINPUT, pygame.TEXTEDITING):
            if typing:
                self.app.gui.process_events(event)
            return
        elif event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP, pygame.MOUSEMOTION):
            self.app.gui.process_events(event)
        self.ring.handle(event)
        self._sync_focus()



class ModeScreen(FormScreen):
    name = "mode"
    hint = "Up/Down: move   Left/Right: change   Enter: begin   Esc: back"

    def __init__(self, app: Host, scenario: Scenario, side: str | None = None) -> None:
        """*side*: a side id, or "both" for two teams at one screen, chosen already (on
        the command line); None: the team chooses."""
        super().__init__(app)
        self.scenario = scenario
        sides = scenario.side_ids
        self.mode = Choice("Mode", [(m, MODE_TEXT[m][0]) for m in (VS_COMPUTER, HOTSEAT, DEMO)],
                           0, lambda _: self._relayout(),
                           tooltip="Who plays each side.")
        # No side is the default: the team picks one, and both are offered alike. Until it
        # has, the row says what to do ("Not chosen: Left or Right" read as an option).
        self.side = Choice("Your side", [(None, "Press Left or Right")] +
                           [(s, scenario.sides[s].name) for s in sides], 0,
                           lambda _: self._relayout(),
                           tooltip="The side your team negotiates for: Left/Right to choose.")
        level = DIFFICULTIES.index(app.settings.difficulty)
        self.difficulty = Choice("Difficulty", [(d, DIFFICULTY_TEXT[d]) for d in DIFFICULTIES],
                                 level, tooltip="How hard the computer bargains.")
        self.coach = Choice("Coach", [(True, "On: show me the table"), (False, "Off")],
                            0 if coach_by_default(scenario.id) else 1,
                            tooltip="A guide points at each part of the table as it comes "
                                    "to matter, one sentence each. Esc ends it.")
        self.team = EntryField("Your team's name", "Team A")
        self.teams = {s: EntryField(f"Team playing {scenario.sides[s].name}",
                                    f"Team {'AB'[n]}", short=f"{scenario.sides[s].short} team")
                      for n, s in enumerate(sides)}
        self.begin = Button("Begin", self._begin, kind="primary",
                            tooltip="Read your confidential brief, then sit at the table.")
        self.back_button = Button("Back", self.back)
        self.rows: list[Widget] = [self.mode, self.side, self.difficulty, self.coach,
                                   self.team, *self.teams.values()]
        self.ring.set(self.rows + [self.begin, self.back_button])
        if side == "both":
            self.mode.index = [m for m, _ in self.mode.values].index(HOTSEAT)
        elif side in sides:
            self.side.index = [s for s, _ in self.side.values].index(side)
        # The first thing to do is where the focus starts: the side, while none is chosen
        # (a playtester pressed Enter on Begin and Left/Right there, and only got a toast).
        self.ring.focus(self.side if self.mode.value == VS_COMPUTER and self.side.value is None
                        else self.begin)

    def _fields(self) -> list[EntryField]:
        return [self.team, *self.teams.values()]

    def key_hint(self) -> str:
        focused = self.ring.focused
        if isinstance(focused, EntryField):
            return "Type a name   Enter: next   Tab or Up/Down: move   Esc: back"
        if isinstance(focused, Choice):
            return "Up/Down: move   Left/Right: change   Enter: begin   Esc: back"
        if focused is self.back_button:
            return "Enter: back   Up/Down: move   Esc: back"
        return "Enter: begin   Up/Down: move   Esc: back"

    def handle_event(self, event: pygame.event.Event) -> None:
        # Enter on a row begins, as the help line says; Left/Right change the row's value.
        if event.type == pygame.KEYDOWN and event.key in (pygame.K_RETURN, pygame.K_KP_ENTER) \
                and isinstance(self.ring.focused, Choice):
            self._begin()
            return
        super().handle_event(event)

    def _relayout(self) -> None:
        self.layout(self.size)

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        mode = self.mode.value
        self.side.visible = mode == VS_COMPUTER
        self.difficulty.visible = mode in (VS_COMPUTER, DEMO)
        self.coach.visible = mode == VS_COMPUTER
        self.team.visible = mode == VS_COMPUTER
        for field in self.teams.values():
            field.visible = mode == HOTSEAT
        self._lay_out_form(size, self.rows, self.begin, self.back_button)

    def draw_content(self, surface: pygame.Surface) -> None:
        t = self.theme
        title_bar(surface, t, "How will you play?", self.scenario.title)
        u = t.unit
        y = panel(surface, t, self.explain, "What this means") + u
        x, width = self.explain.x + 2 * u, self.explain.w - 4 * u
        mode = self.mode.value
        head = t.fonts.get("heading", bold=True)
        body = t.fonts.get("body")
        y = paragraph(surface, head, MODE_TEXT[mode][0], t.c["text"], x, y, width, 2,
                      "mode name")
        y = paragraph(surface, body, MODE_TEXT[mode][1], t.c["text"], x, y + u // 2, width, 5,
                      "mode text") + u
        if mode == VS_COMPUTER:
            small = t.fonts.get("small")
            if self.side.value is None:
                first, second = (self.scenario.sides[s] for s in self.scenario.side_ids)
                text = (f"Choose the side your team speaks for: {first.called} "
                        f"({first.negotiator}) or {second.called} ({second.negotiator}). The "
                        f"computer speaks for the other. {self.scenario.minutes} minutes "
                        "or so.")
            else:
                side = self.scenario.sides[self.side.value]
                other = self.scenario.sides[self.scenario.other(self.side.value)]
                text = (f"You speak for {side.called} ({side.negotiator}). The computer "
                        f"speaks for {other.called}. {self.scenario.minutes} minutes or so.")
            if len(wrap(text, small, width)) * small.get_linesize() < self.explain.bottom - y:
                y = paragraph(surface, small, text, t.c["muted"], x, y, width, 4,
                              "mode side text") + u
        # The situation, when there is room for all of it.
        lines = wrap(self.scenario.summary, body, width)
        head_font = t.fonts.get("small", bold=True)
        need = head_font.get_linesize() + len(lines) * body.get_linesize() + 2 * u
        if y + u + need < self.explain.bottom:
            y += u
            draw_line(surface, head_font, "THE SITUATION", t.c["muted"], (x, y), width)
            paragraph(surface, body, self.scenario.summary, t.c["text"], x,
                      y + head_font.get_linesize() + u // 2, width, len(lines), "summary")

    def _begin(self) -> None:
        mode = self.mode.value
        if mode == VS_COMPUTER and self.side.value is None:
            names = " or ".join(self.scenario.sides[s].name for s in self.scenario.side_ids)
            self.app.toast(f"Choose your side first: {names} (the < and > of 'Your side', or Left/Right).")
            self.ring.focus(self.side)
            return
        if mode == VS_COMPUTER:
            teams = {self.side.value: self.team.value}
            fields = [self.team]
        else:
            teams = {side: field.value for side, field in self.teams.items()}
            fields = list(self.teams.values()) if mode == HOTSEAT else []
        computer = next((f for f in fields if computer_name_taken(f.value)), None)
        if computer is not None:
            self.app.toast(computer_name_taken(computer.value) or "")
            self.ring.focus(computer)
            self._sync_focus()
            return
        if self.app.settings.require_team_names:
            empty = next((f for f in fields if not f.value.strip()), None)
            if empty is not None:
                self.app.toast("Please enter your team's name first: it goes in the record.")
                self.ring.focus(empty)
                self._sync_focus()
                return
        begin_game(self.app, self.scenario, mode,
                   human_side=self.side.value if mode == VS_COMPUTER else None,
                   teams=teams, difficulty=self.difficulty.value,
                   coach=mode == VS_COMPUTER and self.coach.value)
