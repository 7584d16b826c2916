"""What the window shows after an unexpected error: what happened in plain words, where the
crash report is, and a way back into the game from its last autosave (or out).

The app catches the error (:meth:`game.ui.app.Host.crashed`), stops the game from saving
again, writes the report with :mod:`game.crashlog` and puts this screen alone on the stack.
"""

from __future__ import annotations


import pygame

from game.errors import SaveError
from game.save import SaveSummary, read_save
from game.ui.crash_report import CrashReport
from game.ui.flow import resume_game
from game.ui.navigation import Title
from game.ui.screen import Host, Screen, paragraph, title_bar
from game.ui.widgets import Button


class CrashScreen(Screen):
    """Says what happened, where the report is, and offers to resume or to quit."""

    name = "crash"
    titled = True
    hint = "Enter: choose   Tab or arrows: move"

    def __init__(self, app: Host, report: CrashReport) -> None:
        super().__init__(app)
        self.report = report
        self.problem = ""
        if report.save_path is not None:
            self.go_on = Button("Resume from the last autosave", self._resume, kind="primary",
                                tooltip="Rebuild the game from its save, up to the last move "
                                        "that was saved, and go back to the table.")
        else:
            self.go_on = Button("Back to the title", self._title, kind="primary",
                                tooltip="Start again from the title screen.")
        self.quit_button = Button("Quit Parley", lambda: self.app.quit(1),
                                  tooltip="Close Parley. The saved game stays where it is.")
        self.ring.set([self.go_on, self.quit_button])

    def layout(self, size: tuple[int, int]) -> None:
        super().layout(size)
        w, h = size
        u = self.theme.unit
        bh = self.row_height()
        bw = min(420, (w - 9 * u) // 2)
        y = h - self.hint_height() - bh - 2 * u
        self.go_on.rect = pygame.Rect(3 * u, y, bw, bh)
        self.quit_button.rect = pygame.Rect(6 * u + bw, y, bw, bh)

    def handle_event(self, event: pygame.event.Event) -> None:
        # Esc must not pop the only screen (that would quit without a choice).
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return
        self.ring.handle(event)

    def paragraphs(self) -> list[tuple[str, str]]:
        """The screen's text as (palette colour, paragraph)."""
        r = self.report
        texts = [("text", f"An unexpected error stopped Parley while it showed the "
                          f"{r.screen} screen. This is a fault in Parley, not something "
                          "you did.")]
        if r.save_path is not None:
            moves = f"all {r.moves} moves" if r.moves else "the game"
            texts.append(("good", f"Your game is safe: it was saved after every move, and "
                                  f"{moves} can be rebuilt from {r.save_path}."))
        elif r.moves:
            texts.append(("muted", "This game was not being saved (a demonstration is not "
                                   "saved), so it cannot be resumed."))
        else:
            texts.append(("muted", "No game was lost: none was in progress."))
        if r.log_path is not None:
            texts.append(("text", f"A crash report was written to {r.log_path}. Please send "
                                  "it to whoever looks after Parley for your class."))
        else:
            texts.append(("bad", "The crash report could not be written to the log folder."))
        texts.append(("muted", f"What went wrong: {r.what}"))
        if self.problem:
            texts.append(("bad", self.problem))
        return texts

    def draw_content(self, surface: pygame.Surface) -> None:
        t = self.theme
        u = t.unit
        y = title_bar(surface, t, "Something went wrong",
                      "Parley stopped the game to keep it safe") + u
        body = t.fonts.get("body")
        width = surface.get_width() - 6 * u
        bottom = self.go_on.rect.y - u
        for colour, text in self.paragraphs():
            room = (bottom - y) // body.get_linesize()
            if room < 1:
                break
            y = paragraph(surface, body, text, t.c[colour], 3 * u, y, width, room,
                          "crash text") + u

    def texts(self) -> list[str]:
        return [text for _, text in self.paragraphs()] + super().texts()

    # ----- actions ----------------------------------------------------------------------

    def _resume(self) -> None:
        path = self.report.save_path
        assert path is not None
        try:
            save = read_save(path)
        except SaveError as exc:
            self.problem = f"The autosave cannot be read: {exc}"
            self.app.invalidate()
            return
        self.app.reset(Title())
        resume_game(self.app, SaveSummary(path, save, None))

    def _title(self) -> None:
        self.app.reset(Title())
