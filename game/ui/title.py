"""The title screen: start the default scenario with one key, or go elsewhere."""

from __future__ import annotations

import pygame

from game.ui.screen import Screen, paragraph
from game.ui.text import draw_line
from game.ui.widgets import Button


class TitleScreen(Screen):
    name = "title"
    hint = "Enter: start   Tab or arrows: move   F11: full screen   Ctrl +/-: text size"

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        super().__init__(app)
        from game.ui.flow import default_scenario_path, find_scenario, load
        self.scenario, self.error = load(default_scenario_path())
        allowed = getattr(app.settings, "scenarios", None)
        if allowed and (self.scenario is None or self.scenario.id not in allowed):
            # The teacher offers other scenarios: start the first of them.
            chosen, _ = find_scenario(allowed[0], "")
            if chosen is not None:
                self.scenario, self.error = chosen, None
        title = self.scenario.title if self.scenario else "the default scenario"
        self.start = Button(f"Start: {title}", self._start, kind="primary",
                            tooltip="Play the default scenario: choose your side next.")
        self.buttons = [
            self.start,
            Button("Choose a scenario", self._choose,
                   tooltip="Every scenario in the scenarios folder, with its length."),
            Button("Load a game", self._load, tooltip="Continue a saved game: every game is saved after each move."),
            Button("Settings", self._settings,
                   tooltip="Rounds, difficulty, undo, text size, high contrast, pace."),
            Button("Quit", self.app.quit, tooltip="Close Parley."),
        ]
        self.ring.set(self.buttons)

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        w, h = size
        u = self.theme.unit
        bw = min(max(w // 2, 420), w - 8 * u)
        bh = self.theme.fonts.get("body").get_linesize() * 2 + u
        top = int(h * 0.46)
        for n, button in enumerate(self.buttons):
            gap = u * 2 if n == 1 else u
            button.rect = pygame.Rect((w - bw) // 2, top, bw, bh)
            top += bh + gap

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.quit()
            return
        super().handle_event(event)

    def draw_content(self, surface: pygame.Surface) -> None:
        t = self.theme
        w, h = surface.get_size()
        u = t.unit
        big = t.fonts.get("title", bold=True)
        y = int(h * 0.1)
        draw_line(surface, big, "PARLEY", t.c["text"], (w // 2, y), w - 4 * u, align="center")
        y += big.get_linesize()
        body = t.fonts.get("body")
        draw_line(surface, body, "A negotiation game for the classroom", t.c["muted"],
                  (w // 2, y), w - 4 * u, align="center")
        y += body.get_linesize() + u * 2
        pygame.draw.line(surface, t.c["accent"], (w // 2 - 6 * u, y), (w // 2 + 6 * u, y), 2)
        y += u * 2
        if self.scenario is not None:
            head = t.fonts.get("heading", bold=True)
            draw_line(surface, head, self.scenario.title, t.c["text"], (w // 2, y),
                      w - 4 * u, align="center", where="title scenario")
            y += head.get_linesize()
        small = t.fonts.get("small", italic=True)
        note = ("The talks in this game are a simulation; the war they are about, and its "
                "victims, are real.")
        bottom = self.buttons[0].rect.y - u
        width = min(w - 8 * u, 900)
        if y + small.get_linesize() <= bottom:
            paragraph(surface, small, note, t.c["muted"], (w - width) // 2 +
                      max(0, (width - small.size(note)[0]) // 2), y + u // 2, width,
                      max_lines=2, where="title note")

    # ----- actions ----------------------------------------------------------------------

    def _start(self) -> None:
        from game.ui.problems import ProblemsScreen
        from game.ui.setup import ModeScreen
        if self.scenario is None:
            assert self.error is not None
            self.app.push(ProblemsScreen(self.app, self.error))
        else:
            self.app.push(ModeScreen(self.app, self.scenario))

    def _choose(self) -> None:
        from game.ui.choose import ScenarioScreen
        self.app.push(ScenarioScreen(self.app))

    def _load(self) -> None:
        from game.ui.saves_screen import SavesScreen
        self.app.push(SavesScreen(self.app))

    def _settings(self) -> None:
        from game.ui.settings_screen import SettingsScreen
        self.app.push(SettingsScreen(self.app))
