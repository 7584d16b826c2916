"""The pause menu, drawn over the table: resume, undo, redo, settings, quit to title."""

from __future__ import annotations

import pygame

from game.play.session import Session
from game.ui.navigation import Settings, TableFace, Title
from game.ui.screen import Host, Screen, overlay_box
from game.ui.text import draw_line
from game.ui.widgets import Button


def leave_tooltip(session: Session) -> str:
    """What leaving the game now keeps, truly: saved, not saved, or nothing to save yet (or,
    at a class's table, the team's seat)."""
    if session.leave_note is not None:
        return session.leave_note
    if not session.game.moves:
        return "Leave this game. No move has been made yet: there is nothing to save."
    if session.save_works:
        return "Leave this game. It is saved: resume it from the title screen."
    return "Leave this game. It is not saved: it will be lost."


class PauseScreen(Screen):
    name = "pause"
    opaque = False
    hint = "Esc: resume   Up/Down: move   Enter: choose"

    def __init__(self, app: Host, table: TableFace) -> None:
        super().__init__(app)
        self.table = table
        session = table.session
        no_undo, no_redo = session.undo_blocked(), session.redo_blocked()
        self.buttons = [
            Button("Resume", self.back, kind="primary"),
            Button("Undo your last move", self._undo, enabled=no_undo is None, hint="Ctrl+Z",
                   tooltip=no_undo or "Take back your last move (and the computer's answer)."),
            Button("Redo", self._redo, enabled=no_redo is None, hint="Ctrl+Y",
                   tooltip=no_redo or "Play again what Undo took back."),
            Button("Settings", self._settings,
                   tooltip="Text size, high contrast and pace apply now; rules apply to the "
                           "next game."),
            Button("Quit to title", self._quit, tooltip=leave_tooltip(session)),
        ]
        self.ring.set(self.buttons)

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        w, h = size
        u = self.theme.unit
        bh = self.theme.fonts.get("body").get_linesize() * 2
        bw = min(max(b.width_for(self.theme, 420) for b in self.buttons), w - 8 * u)
        total = len(self.buttons) * (bh + u)
        self.box = pygame.Rect((w - bw) // 2 - 3 * u, (h - total) // 2 - 8 * u,
                               bw + 6 * u, total + 11 * u)
        y = self.box.y + 8 * u
        for button in self.buttons:
            button.rect = pygame.Rect((w - bw) // 2, y, bw, bh)
            y += bh + u

    def draw(self, surface: pygame.Surface) -> None:
        t = self.theme
        overlay_box(surface, t, self.box, t.c["accent"])
        head = t.fonts.get("heading", bold=True)
        draw_line(surface, head, "Paused", t.c["text"], (self.box.centerx, self.box.y + 3 * t.unit),
                  self.box.w - 2 * t.unit, align="center")
        self.ring.draw(surface, t)
        # The table's own key hints show through the shade: cover them before drawing ours.
        w, h = surface.get_size()
        surface.fill(t.c["background"], (0, h - self.hint_height(), w, self.hint_height()))
        self.draw_hint(surface)
        self.ring.draw_tooltip(surface, t)

    def _undo(self) -> None:
        self.app.pop()
        self.table.undo()

    def _redo(self) -> None:
        self.app.pop()
        self.table.redo()

    def _settings(self) -> None:
        self.app.push(Settings(in_game=True))

    def _quit(self) -> None:
        self.app.reset(Title())
