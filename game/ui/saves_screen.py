"""Load a game: every save (games are saved after every move), newest first; choosing one
rebuilds it by replaying its moves and goes back to the table."""

from __future__ import annotations

from functools import partial

import pygame

from game.save import SaveSummary, list_saves, save_folder
from game.ui.flow import resume_game
from game.ui.save_labels import describe, outcome_words, saved_when, shorten
from game.ui.screen import Host, Screen, panel, paragraph, title_bar
from game.ui.widgets import Button

MOST = 30


class SavesScreen(Screen):
    name = "saves"
    titled = True
    hint = "Up/Down: choose   Enter: continue this game   Esc: back"

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        self.folder = save_folder()
        self.saves = list_saves(self.folder)[:MOST]
        self.buttons = [Button(" ".join(describe(s)), partial(self._pick, s), role="small",
                               hint=str(n + 1) if n < 9 else "")
                        for n, s in enumerate(self.saves)]
        self.back_button = Button("Back", self.back)
        self.ring.set(self.buttons + [self.back_button])

    def key_hint(self) -> str:
        """What Enter does to the save chosen: a finished game is opened, not continued (a
        playtester read "continue this game" over a game that had ended)."""
        summary = self.selected
        if summary is not None and summary.save is not None and summary.save.finished:
            return "Up/Down: choose   Enter: open this finished game   Esc: back"
        return self.hint

    @property
    def selected(self) -> SaveSummary | None:
        focused = self.ring.focused
        if focused in self.buttons:
            return self.saves[self.buttons.index(focused)]
        return self.saves[0] if self.saves else None

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        w, h = size
        u = self.theme.unit
        fonts = self.theme.fonts
        top = self.content_top()
        bh = self.row_height()
        self.back_button.rect = pygame.Rect(3 * u, h - self.hint_height() - bh - u,
                                            self.back_button.width_for(self.theme, 200), bh)
        lw = int(w * 0.45)
        rh = fonts.get("small").get_linesize() * 2 + u
        y = top
        small = fonts.get("small")
        # The key hint's cap (drawn at least as wide as it is high) and its padding.
        bold = fonts.get("small", bold=True)
        cap = max(bold.size("9")[0] + 8, bold.get_height() + 2) + 3 * u
        for summary, button in zip(self.saves, self.buttons):
            button.visible = y + rh <= self.back_button.rect.y - u
            button.rect = pygame.Rect(3 * u, y, lw, rh)
            first, second = describe(summary)
            room = lw - cap - u
            button.set_label(f"{shorten(first, small, room)}\n{shorten(second, small, room)}")
            y += rh + u // 2
        self.detail = pygame.Rect(4 * u + lw, top, w - 7 * u - lw,
                                  self.back_button.rect.bottom - top)
        self.ring.set(self.ring.widgets)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN and pygame.K_1 <= event.key <= pygame.K_9:
            n = event.key - pygame.K_1
            if n < len(self.saves) and self.buttons[n].visible:
                self._pick(self.saves[n])
                return
        super().handle_event(event)

    def draw_content(self, surface: pygame.Surface) -> None:
        t = self.theme
        u = t.unit
        title_bar(surface, t, "Load a game",
                  f"{len(self.saves)} saved game{'s' if len(self.saves) != 1 else ''}")
        y = panel(surface, t, self.detail, "About this game") + u
        x, width = self.detail.x + 2 * u, self.detail.w - 4 * u
        body = t.fonts.get("body")
        small = t.fonts.get("small")
        lines_left = max(1, (self.detail.bottom - y - u) // body.get_linesize())
        summary = self.selected
        if summary is None:
            paragraph(surface, body, "No saved games yet. Every game against the computer "
                      "or between two teams is saved after each move, so it can be continued "
                      f"after a crash or a closed laptop. Saves are kept in {self.folder}.",
                      t.c["muted"], x, y, width, lines_left, "no saves")
            return
        save = summary.save
        if save is None:
            paragraph(surface, body, summary.error or "This save cannot be read.", t.c["bad"],
                      x, y, width, lines_left, "save error")
            return
        head = t.fonts.get("heading", bold=True)
        y = paragraph(surface, head, save.scenario.title, t.c["text"], x, y, width, 2,
                      "save title") + u // 2
        teams = " \u00b7 ".join(f"{side.upper()}: {name}" for side, name in save.teams.items())
        facts = [f"Teams: {teams}",
                 f"Started {saved_when(save.started)}, saved {saved_when(save.saved)}",
                 f"{len(save.moves)} moves, round {save.round}",
                 f"Finished: {outcome_words(save)}" if save.finished
                 else "In progress: continue it from where it stopped."]
        for fact in facts:
            if y + small.get_linesize() * 2 > self.detail.bottom:
                break
            y = paragraph(surface, small, fact, t.c["muted"], x, y, width, 2, "save fact")
        paragraph(surface, small, summary.path.name, t.c["disabled"], x, y + u, width, 3,
                  "save file")

    def _pick(self, summary: SaveSummary) -> None:
        resume_game(self.app, summary)
