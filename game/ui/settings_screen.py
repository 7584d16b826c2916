"""Settings: the rules of the day (rounds, difficulty, undo) and the display (text size,
high contrast, pace of the computer's turns, full screen)."""

from __future__ import annotations

from dataclasses import replace

import pygame

from game.settings import DIFFICULTIES
from game.ui.screen import Screen, paragraph, title_bar
from game.ui.theme import TEXT_SCALES
from game.ui.widgets import Button, Choice

PACES = [("slow", "Slow"), ("normal", "Normal"), ("fast", "Fast")]
SECONDS = (30, 60, 90, 120, 180, 300)


class SettingsScreen(Screen):
    name = "settings"
    hint = "Up/Down: move   Left/Right: change   Esc: back"

    def __init__(self, app, in_game: bool = False) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        self.in_game = in_game
        s = app.settings
        rounds = [(None, "As the scenario says")] + [(n, f"{n} rounds") for n in range(2, 13)]
        self.rounds = Choice("Bargaining rounds", rounds,
                             next((i for i, (v, _) in enumerate(rounds) if v == s.rounds), 0),
                             self._rules, tooltip="Rounds in the scenario's bargaining phase.")
        self.difficulty = Choice("Difficulty", [(d, d.capitalize()) for d in DIFFICULTIES],
                                 DIFFICULTIES.index(s.difficulty), self._rules,
                                 tooltip="How hard the computer bargains.")
        self.undo = Choice("Undo", [(True, "Allowed"), (False, "Not allowed")],
                           0 if s.undo else 1, self._rules,
                           tooltip="Whether players may take a move back (Ctrl+Z).")
        limits = [(None, "No limit")] + [(n, f"{n} seconds") for n in SECONDS]
        current = getattr(s, "seconds_per_turn", None)
        if current is not None and current not in SECONDS:
            limits.append((current, f"{current} seconds"))
        self.seconds = Choice("Time per turn", limits,
                              next(i for i, (v, _) in enumerate(limits) if v == current),
                              self._rules, tooltip="A countdown for each move of a team.")
        timeouts = [("pass", "The turn passes"), ("computer", "The computer moves")]
        self.timeout = Choice("When time runs out", timeouts,
                              [v for v, _ in timeouts].index(getattr(s, "on_timeout", "pass")),
                              self._rules, tooltip="What happens to a team whose time is up.")
        p = app.prefs
        scales = [(x, f"{round(x * 100)}%") for x in TEXT_SCALES]
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
        self.rules = [self.rounds, self.difficulty, self.undo, self.seconds, self.timeout]
        for choice in self.rules:
            choice.enabled = not in_game
        self.rows = [*self.rules, self.text, self.contrast, self.pace, self.full]
        self.ring.set(self.rows + [self.done])

    def _rules(self, _value: object) -> None:
        self.app.settings = replace(self.app.settings, rounds=self.rounds.value,
                                    difficulty=self.difficulty.value, undo=self.undo.value,
                                    seconds_per_turn=self.seconds.value,
                                    on_timeout=self.timeout.value)

    def _text(self, value: float) -> None:
        self.app.prefs.text_scale = value
        self.app.restyle()

    def _pace(self, value: str) -> None:
        self.app.prefs.pace = value

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        w, h = size
        u = self.theme.unit
        fonts = self.theme.fonts
        top = fonts.get("heading").get_linesize() + fonts.get("body").get_linesize() + 5 * u
        rh = fonts.get("body").get_linesize() + 2 * u
        rw = min(w - 6 * u, max(640, w // 2))
        y = top
        for n, row in enumerate(self.rows):
            if n == len(self.rules):
                y += fonts.get("small").get_linesize() + u
            row.rect = pygame.Rect(3 * u, y, rw, rh)
            y += rh + u // 2
        self.done.rect = pygame.Rect(3 * u, y + u, 200, rh)

    def draw_content(self, surface: pygame.Surface) -> None:
        t = self.theme
        title_bar(surface, t, "Settings", "Rules of the day for the next game, and how Parley "
                  "looks")
        if self.in_game:
            r = self.rows[len(self.rules) - 1].rect
            paragraph(surface, t.fonts.get("small"), "The rules are fixed for the game in "
                      "progress; they apply to the next one.", t.c["muted"], r.x, r.bottom + 2,
                      r.w, 1, "settings note")
