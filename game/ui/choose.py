"""Scenario choice: every scenario in ``scenarios/`` with its title, date, summary and
length; a file with problems says so and shows them."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pygame

from game.errors import ScenarioError
from game.model import Scenario
from game.ui.flow import SCENARIOS, load
from game.ui.navigation import Problems, Setup
from game.ui.screen import Host, Screen, panel, paragraph, title_bar
from game.ui.text import wrap
from game.ui.widgets import Button


class ScenarioScreen(Screen):
    name = "scenarios"
    titled = True
    hint = "Up/Down: choose   Enter: play this scenario   Esc: back"

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        self.entries: list[tuple[Path, Scenario | None, ScenarioError | None]] = []
        allowed = app.settings.scenarios
        for path in sorted(SCENARIOS.glob("*.y*ml")):
            scenario, error = load(path)
            if allowed is not None and (scenario is None or scenario.id not in allowed):
                continue  # the teacher's settings offer only some scenarios
            self.entries.append((path, scenario, error))
        self.buttons: list[Button] = []
        for n, (path, scenario, error) in enumerate(self.entries):
            label = scenario.title if scenario else f"{path.name} (has problems)"
            self.buttons.append(Button(label, partial(self._pick, n), hint=str(n + 1)
                                       if n < 9 else ""))
        self.back_button = Button("Back", self.back)
        self.ring.set(self.buttons + [self.back_button])

    @property
    def selected(self) -> int:
        focused = self.ring.focused
        return self.buttons.index(focused) if focused in self.buttons else 0

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        w, h = size
        u = self.theme.unit
        fonts = self.theme.fonts
        top = self.content_top()
        bh = fonts.get("body").get_linesize() * 2 + u
        lw = int(w * 0.38)
        for n, button in enumerate(self.buttons):
            button.rect = pygame.Rect(3 * u, top + n * (bh + u), lw, bh)
        self.back_button.rect = pygame.Rect(3 * u, h - self.hint_height() - bh - u,
                                            self.back_button.width_for(self.theme, 200), bh)
        self.detail = pygame.Rect(4 * u + lw, top, w - 7 * u - lw,
                                  self.back_button.rect.bottom - top)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and pygame.K_1 <= event.key <= pygame.K_9:
            n = event.key - pygame.K_1
            if n < len(self.buttons):
                self._pick(n)
                return
        super().handle_event(event)

    def draw_content(self, surface: pygame.Surface) -> None:
        t = self.theme
        title_bar(surface, t, "Choose a scenario", f"{len(self.entries)} found in scenarios/")
        if not self.entries:
            return
        path, scenario, error = self.entries[self.selected]
        u = t.unit
        y = panel(surface, t, self.detail, "About this scenario") + u
        x, width = self.detail.x + 2 * u, self.detail.w - 4 * u
        bottom = self.detail.bottom - u
        if scenario is None:
            assert error is not None
            count = len(error.problems)
            paragraph(surface, t.fonts.get("body"), f"{path.name} has {count} problem"
                      f"{'s' if count != 1 else ''}; press Enter to see them.", t.c["bad"],
                      x, y, width, max_lines=3, where="scenario problems")
            return
        head = t.fonts.get("heading", bold=True)
        y = paragraph(surface, head, scenario.title, t.c["text"], x, y, width, max_lines=2,
                      where="scenario title")
        small = t.fonts.get("small")
        sides = " and ".join(s.name for s in scenario.sides.values())
        facts = f"{scenario.date}   \u00b7   {sides}   \u00b7   about " \
            f"{scenario.minutes} minutes   \u00b7   {len(scenario.issues)} issues"
        y = paragraph(surface, small, facts, t.c["accent"], x, y + u // 2, width,
                      max_lines=3, where="scenario facts")
        y += u + u // 2
        # In the body's size, or the smaller one where that does not fit.
        for body in (t.fonts.get("body"), t.fonts.get("small")):
            lines = max(1, (bottom - y) // body.get_linesize())
            if len(wrap(scenario.summary, body, width)) <= lines:
                break
        paragraph(surface, body, scenario.summary, t.c["text"], x, y, width,
                  max_lines=lines, where="scenario summary")

    def _pick(self, n: int) -> None:
        path, scenario, error = self.entries[n]
        if scenario is None:
            assert error is not None
            self.app.push(Problems(error))
        else:
            self.app.push(Setup(scenario))
