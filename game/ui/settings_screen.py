"""Settings: the teacher's rules of the day (rounds, time per turn and what happens when it
runs out, difficulty, undo, team names, the debrief's priorities, the scenarios offered) and
the display (text size, high contrast, pace of the computer's turns, full screen).

Settings given on the command line (``--settings classroom.toml``) are what it shows first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pygame

from game.model import Scenario
from game.save import claim
from game.settings import DIFFICULTIES, preferences_file, write_settings
from game.ui.flow import SCENARIOS, load
from game.ui.navigation import Title
from game.ui.screen import Host, Screen, paragraph, title_bar
from game.ui.text import draw_line, report_overflow, wrap
from game.ui.theme import TEXT_SCALES, Theme
from game.ui.widgets import Button, Choice, Widget, draw_focus
from game.play.wording import program

log = logging.getLogger(__name__)

PACES = [("slow", "Slow"), ("normal", "Normal"), ("fast", "Fast")]
SECONDS = (30, 60, 90, 120, 180, 300)
ROUNDS = tuple(range(2, 13))


def with_current(values: list[tuple[Any, str]], current: Any,
                 label: Callable[[Any], str]) -> tuple[list[tuple[Any, str]], int]:
    """*values* with *current* added if it is not among them (a settings file may give any
    number), and the index of *current*."""
    if all(v != current for v, _ in values):
        values = values + [(current, label(current))]
    return values, next(i for i, (v, _) in enumerate(values) if v == current)


class Toggle(Widget):
    """A check box with a label: Enter, Space, Left/Right or a click turn it on or off."""

    def __init__(self, label: str, on: bool, on_change: Callable[[Toggle], None], *,
                 tooltip: str = "") -> None:
        super().__init__(tooltip=tooltip)
        self.label = label
        self.on = on
        self.on_change = on_change

    def texts(self) -> list[str]:
        return [self.label]

    def activate(self) -> None:
        if self.enabled:
            self.on = not self.on
            self.on_change(self)

    def key(self, event: pygame.event.Event) -> bool:
        if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
            self.activate()
            return True
        return super().key(event)

    def draw(self, surface: pygame.Surface, theme: Theme, focused: bool, hovered: bool) -> None:
        c = theme.c
        pygame.draw.rect(surface, c["button_hover"] if hovered or focused else c["panel_alt"],
                         self.rect, border_radius=6)
        font = theme.fonts.get("body")
        pad = theme.unit
        side = font.get_height() - 4
        box = pygame.Rect(self.rect.x + pad, self.rect.centery - side // 2, side, side)
        colour = c["accent"] if self.enabled else c["disabled"]
        pygame.draw.rect(surface, colour, box, 2, border_radius=3)
        if self.on:
            pygame.draw.lines(surface, colour, False, [
                (box.x + side * 0.2, box.y + side * 0.55), (box.x + side * 0.42,
                                                            box.y + side * 0.78),
                (box.x + side * 0.82, box.y + side * 0.25)], 3)
        room = self.rect.right - box.right - 2 * pad
        if font.size(self.label)[0] > room:
            font = theme.fonts.get("small")  # a long title: smaller rather than cut
        # Smaller still too long: on two lines of the smaller text.
        lines = wrap(self.label, font, room)[:2] if font.size(self.label)[0] > room \
            else [self.label]
        if len(wrap(self.label, font, room)) > 2:
            report_overflow("toggle label", self.label)
        y = self.rect.centery - font.get_linesize() * len(lines) // 2
        for line in lines:
            draw_line(surface, font, line, c["text"] if self.enabled else c["disabled"],
                      (box.right + pad, y), room, where="toggle label")
            y += font.get_linesize()
        if focused:
            draw_focus(surface, theme, self.rect)


class SettingsScreen(Screen):
    name = "settings"
    titled = True
    hint = "Up/Down: move   Left/Right: change   Enter: tick   Esc: back"

    def __init__(self, app: Host, in_game: bool = False) -> None:
        super().__init__(app)
        self.in_game = in_game
        s = app.settings
        rounds, at = with_current([(None, "As the scenario says")] +
                                  [(n, f"{n} rounds") for n in ROUNDS], s.rounds,
                                  lambda n: f"{n} rounds")
        self.rounds = Choice("Bargaining rounds", rounds, at, self._rules,
                             tooltip="Rounds in the scenario's bargaining phase.")
        self.difficulty = Choice("Difficulty", [(d, d.capitalize()) for d in DIFFICULTIES],
                                 DIFFICULTIES.index(s.difficulty), self._rules,
                                 tooltip="How hard the computer bargains.")
        self.undo = Choice("Undo", [(True, "Allowed"), (False, "Not allowed")],
                           0 if s.undo else 1, self._rules,
                           tooltip="Whether players may take a move back (Ctrl+Z) and play "
                                   "it again (Ctrl+Y). Never in hot-seat.")
        limits, at = with_current([(None, "No limit")] + [(n, f"{n} seconds") for n in SECONDS],
                                  s.seconds_per_turn, lambda n: f"{n} seconds")
        self.seconds = Choice("Time per turn", limits, at, self._rules,
                              tooltip="A visible countdown for each move of a team.")
        timeouts = [("pass", "The turn passes"), ("computer", "The computer picks")]
        self.timeout = Choice("When time runs out", timeouts,
                              [v for v, _ in timeouts].index(s.on_timeout), self._rules,
                              tooltip="What happens to a team whose time is up: it passes, or "
                                      "the computer picks a move for it.")
        self.names = Choice("Team names", [(False, "Optional"), (True, "Required")],
                            int(s.require_team_names), self._rules,
                            tooltip="Whether teams must give their names (kept in the game "
                                    "record) before they play.")
        self.reveal = Choice("Other side's priorities",
                             [(True, "Shown in the debrief"), (False, "Kept hidden")],
                             0 if s.reveal_priorities else 1, self._rules,
                             tooltip="Whether the debrief reveals what the other side "
                                     "privately cared about.")
        self.offered = self._scenario_toggles(s.scenarios)
        p = app.prefs
        scales = [(x, f"{x:.0%}") for x in TEXT_SCALES]
        self.text = Choice("Text size", scales,
                           min(range(len(scales)), key=lambda i: abs(scales[i][0] - p.text_scale)),
                           self._text, tooltip="Also Ctrl + and Ctrl - anywhere.")
        self.contrast = Choice("High contrast", [(False, "Off"), (True, "On")],
                               int(p.high_contrast), app.set_high_contrast,
                               tooltip="Black background, white text, bright focus.")
        self.pace = Choice("Pace of the computer", PACES,
                           [v for v, _ in PACES].index(p.pace), self._pace,
                           tooltip="How long each line stays before the next (Space skips).")
        self.full = Choice("Full screen", [(False, "Off"), (True, "On")], int(app.fullscreen),
                           lambda on: app.toggle_fullscreen() if on != app.fullscreen else None,
                           tooltip="Also F11 anywhere.")
        self.done = Button("Done", self.back, kind="primary")
        self.export = Button("Save as a file", self.save_file,
                             tooltip="Write these rules to classroom.toml in the current "
                                     "folder (a new name if one is there already), to "
                                     f"hand out: {program()} --settings classroom.toml")
        self.rules: list[Widget] = [self.rounds, self.difficulty, self.undo, self.seconds,
                                    self.timeout, self.names, self.reveal]
        #: The teacher's file locks the rules: shown, never changed here.
        self.locked = s.locked
        for widget in [*self.rules, *self.offered]:
            widget.enabled = not in_game and not self.locked
        self.display = [self.text, self.contrast, self.pace, self.full]
        self.ring.set([*self.rules, *self.offered, *self.display, self.done, self.export])

    def key_hint(self) -> str:
        focused = self.ring.focused
        if isinstance(focused, Toggle):
            return "Up/Down: move   Enter or Space: tick   Esc: back"
        if isinstance(focused, Choice):
            return "Up/Down: move   Left/Right or Enter: change   Esc: back"
        if focused is self.export:
            return "Enter: save as a file   Up/Down: move   Esc: back"
        return "Enter: done   Up/Down: move   Esc: back"

    # ----- the scenarios offered ----------------------------------------------------------

    def _scenario_toggles(self, allowed: tuple[str, ...] | None) -> list[Toggle]:
        self.catalogue: list[Scenario] = []
        for path in sorted(SCENARIOS.glob("*.y*ml")):
            scenario, _ = load(path)
            if scenario is not None:
                self.catalogue.append(scenario)
        known = {s.id for s in self.catalogue}
        # Ids the settings name that are not in the folder are kept as they are.
        self.others = tuple(i for i in (allowed or ()) if i not in known)
        return [Toggle(s.title, allowed is None or s.id in allowed, self._offer,
                       tooltip=f"Offer {s.title!r} ({s.minutes} minutes) on the title and "
                               "scenario screens.")
                for s in self.catalogue]

    def _offer(self, toggle: Toggle) -> None:
        if not any(t.on for t in self.offered):
            toggle.on = True
            self.app.toast("At least one scenario must be offered.")
            return
        self._rules(None)

    def offered_ids(self) -> tuple[str, ...] | None:
        """The scenarios ticked, or None when every one is (offer all, even new ones)."""
        if all(t.on for t in self.offered) and not self.others:
            return None
        return tuple(s.id for s, t in zip(self.catalogue, self.offered) if t.on) + self.others

    # ----- changes ------------------------------------------------------------------------

    def _rules(self, _value: object) -> None:
        self.app.settings = replace(self.app.settings, rounds=self.rounds.value,
                                    difficulty=self.difficulty.value, undo=self.undo.value,
                                    seconds_per_turn=self.seconds.value,
                                    on_timeout=self.timeout.value,
                                    require_team_names=self.names.value,
                                    reveal_priorities=self.reveal.value,
                                    scenarios=self.offered_ids())

    def _text(self, value: float) -> None:
        self.app.prefs.text_scale = value
        self.app.restyle()

    def _pace(self, value: str) -> None:
        self.app.prefs.pace = value

    def save_file(self) -> None:
        """Write the rules of the day as a settings file a teacher can hand out."""
        # Never over a file already there: a playtester's click replaced the folder's
        # classroom.toml without a word, and a teacher's own file would have gone too. The
        # name is taken as a save's is (classroom-2.toml and so on).
        target = Path.cwd() / "classroom.toml"
        try:
            target = claim(target)
            try:
                write_settings(self.app.settings, target)
            except OSError:
                target.unlink(missing_ok=True)  # nothing of it was written: no empty file
                raise
        except OSError as exc:
            self.app.toast(f"Could not write {target}: {exc.strerror or exc}", 5)
            return
        self.app.toast(f"Saved {target}", 5)

    def back(self) -> None:
        if not self.in_game and not self.locked:
            # Kept for the next time the window opens on this computer.
            try:
                write_settings(self.app.settings, preferences_file())
            except OSError as exc:
                log.warning("could not keep the settings: %s", exc)
        self.app.pop()
        # The title offers the scenarios the new settings allow.
        top = self.app.top
        if not self.in_game and top is not None and top.name == "title" and \
                len(self.app.stack) == 1:
            self.app.reset(Title())

    # ----- the frame ----------------------------------------------------------------------

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        w, h = size
        u = self.theme.unit
        fonts = self.theme.fonts
        top = self.content_top()
        self.head_h = fonts.get("small", bold=True).get_linesize() + u // 2
        cw = (w - 7 * u) // 2
        self.columns = (3 * u, 4 * u + cw)
        self.column_w = cw
        bottom = h - self.hint_height()
        # The scenarios offered go below the rules or, where that runs off the window
        # (large text on a small screen), below the display; rows are then less padded.
        for rh, beside in ((self.row_height(), False), (self.row_height(), True),
                           (fonts.get("body").get_linesize() + u, True)):
            if self._arrange(top, cw, rh, beside) <= bottom:
                break

    def _arrange(self, top: int, cw: int, rh: int, beside: bool) -> int:
        """Place every row; returns the lowest y used."""
        u = self.theme.unit
        self.heads: list[tuple[str, int, int]] = []
        y = self._column(self.columns[0], top, cw, rh, "Rules of the day", self.rules)
        self.note_y = y
        if self.in_game or self.locked:
            y += self.theme.fonts.get("small").get_linesize() * 2
        low = y
        if not beside:
            low = self._column(self.columns[0], y + u, cw, rh, "Scenarios offered",
                               self.offered)
        y = self._column(self.columns[1], top, cw, rh, "Display, on this computer",
                         self.display)
        if beside:
            y = self._column(self.columns[1], y + u, cw, rh, "Scenarios offered",
                             self.offered)
        done_w = self.done.width_for(self.theme, 200)
        self.done.rect = pygame.Rect(self.columns[1], y + u, done_w, rh)
        self.export.rect = pygame.Rect(self.done.rect.right + u, y + u,
                                       min(self.export.width_for(self.theme, 260),
                                           cw - done_w - u), rh)
        return max(low, self.done.rect.bottom)

    def _column(self, x: int, y: int, width: int, rh: int, head: str,
                rows: Sequence[Widget]) -> int:
        self.heads.append((head, x, y))
        y += self.head_h
        for row in rows:
            row.rect = pygame.Rect(x, y, width, rh)
            y += rh + self.theme.unit // 2
        return y

    def draw_content(self, surface: pygame.Surface) -> None:
        t = self.theme
        title_bar(surface, t, "Settings",
                  "Rules of the day for the next game, and how Parley looks")
        font = t.fonts.get("small", bold=True)
        for head, x, y in self.heads:
            draw_line(surface, font, head.upper(), t.c["muted"], (x, y), self.column_w,
                      where="settings heading")
        if self.locked:
            paragraph(surface, t.fonts.get("small"), "Your teacher's settings file locks the "
                      "rules of the day: they cannot be changed here.", t.c["muted"],
                      self.columns[0], self.note_y + 2, self.column_w, 2, "settings note")
        elif self.in_game:
            paragraph(surface, t.fonts.get("small"), "The rules are fixed for the game in "
                      "progress; they apply to the next one.", t.c["muted"], self.columns[0],
                      self.note_y + 2, self.column_w, 2, "settings note")
