"""The title screen: resume an unfinished game or start the default scenario with one key,
the tutorial for new players, or go elsewhere."""

from __future__ import annotations

import pygame

from game.model import Scenario
from game.save import SaveSummary, list_saves, save_folder
from game.ui import art
from game.ui.flow import SCENARIOS, default_scenario_path, find_scenario, load, resume_game
from game.ui.navigation import ChooseScenario, JoinClass, Load, Problems, Settings, Setup
from game.ui.save_labels import saved_when, teams_text
from game.ui.screen import Host, Screen, paragraph
from game.ui.text import draw_line
from game.ui.widgets import Button

TUTORIAL_ID = "tutorial"


class TitleScreen(Screen):
    name = "title"
    hint = "Enter: start   Tab or arrows: move   F11: full screen   Ctrl +/-: text size"

    def __init__(self, app: Host) -> None:
        super().__init__(app)
        self.scenario, self.error = load(default_scenario_path())
        allowed = app.settings.scenarios
        if allowed and (self.scenario is None or self.scenario.id not in allowed):
            # The teacher offers other scenarios: start the first of them.
            chosen, _ = find_scenario(allowed[0], "")
            if chosen is not None:
                self.scenario, self.error = chosen, None
        title = self.scenario.title if self.scenario else "the default scenario"
        self.unfinished = unfinished_game()
        self.resume: Button | None = None
        if self.unfinished is not None:
            self.resume = Button(resume_label(self.unfinished), self._resume, kind="primary",
                                 hint="R", role="small",
                                 tooltip="Your last game did not end (a closed laptop, a "
                                         "crash?): go on from where it stopped.")
            self.hint = "R: resume   Enter: choose   Tab or arrows: move   F11: full screen"
        # The title in quotation marks: "Start: Tutorial: Your First Negotiation" read
        # badly with two colons (a window playtest).
        self.start = Button(f"Start \u201c{title}\u201d", self._start,
                            kind="normal" if self.resume else "primary",
                            tooltip="Play the default scenario: choose your side next.")
        self.tutorial: Button | None = None
        self.tutorial_scenario = tutorial_scenario(allowed)
        # (By id: the two are loaded apart, and a second button for the tutorial that the
        # start button already starts did the same thing twice, a window playtest.)
        if self.tutorial_scenario is not None and (
                self.scenario is None or self.tutorial_scenario.id != self.scenario.id):
            minutes = self.tutorial_scenario.minutes
            self.tutorial = Button(f"New here? Start with the tutorial ({minutes} minutes)",
                                   self._tutorial, hint="T",
                                   tooltip="Two issues, three rounds and a short brief: "
                                           "learn how the table works before the real talks.")
        self.grid = [
            Button("Choose a scenario", self._choose,
                   tooltip="Every scenario in the scenarios folder, with its length."),
            Button("Load a game", self._load,
                   tooltip="Continue a saved game: every game is saved after each move."),
            Button("Join a class", self._join,
                   tooltip="Play at a table on your teacher's class server, each team on "
                           "its own computer."),
            Button("Settings", self._settings,
                   tooltip="The teacher's rules of the day, text size, high contrast, pace."),
            Button("Quit", self.app.quit, tooltip="Close Parley."),
        ]
        self.full = [b for b in (self.resume, self.start, self.tutorial) if b is not None]
        self.buttons = self.full + self.grid
        self.ring.set(self.buttons)

    def layout(self, size: tuple[int, int]) -> None:
        """The buttons sit in the same place whether or not a game can be resumed: the
        resume button takes a row kept for it above the others, and the picture of the
        table fills what is left under the title."""
        super().layout(size)
        w, h = size
        t = self.theme
        u = t.unit
        below = [b for b in self.full if b is not self.resume]
        # As wide as the widest label in bold, which the start button has when no game
        # can be resumed: the same width either way.
        bold = t.fonts.get("body", bold=True)
        bw = min(max(w // 2, 420, *(b.natural_width(t) for b in below),
                     bold.size(self.start.label)[0] + 2 * u + 4), w - 8 * u)
        bh = t.fonts.get("body").get_linesize() * 2 + u
        header = t.fonts.get("title", bold=True).get_linesize() + \
            t.fonts.get("body").get_linesize() + 4 * u
        rows = len(below) + (len(self.grid) + 1) // 2
        need = rows * bh + (rows - 1) * u + u
        resume_row = bh + 2 * u
        fits = h - self.hint_height() - u - need
        top = min(max(min(int(h * 0.56), fits), int(h * 0.1) + header + u + resume_row), fits)
        # On a small screen with large text the title moves up to leave the resume row.
        self.title_y = max(u, min(int(h * 0.1), top - resume_row - u - header))
        x = (w - bw) // 2
        if self.resume is not None:
            rw = min(max(bw, self.resume.natural_width(t)), w - 8 * u)
            self.resume.rect = pygame.Rect((w - rw) // 2, top - resume_row, rw, bh)
        for button in below:
            button.rect = pygame.Rect(x, top, bw, bh)
            top += bh + u
        half = (bw - u) // 2
        for n, button in enumerate(self.grid):
            button.rect = pygame.Rect(x + (n % 2) * (half + u), top + (n // 2) * (bh + u),
                                      half, bh)

    def handle_event(self, event: pygame.event.Event) -> None:
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_ESCAPE:
                self.app.quit()
                return
            if event.key == pygame.K_r and self.resume is not None:
                self._resume()
                return
            if event.key == pygame.K_t and self.tutorial is not None:
                self._tutorial()
                return
            if event.key in (pygame.K_LEFT, pygame.K_RIGHT):
                # The buttons stand two to a row: Left and Right step along them, in the
                # order Tab takes, as the hint's "arrows" promise.
                self.ring.keyboard = True
                self.ring.move(1 if event.key == pygame.K_RIGHT else -1)
                return
        super().handle_event(event)

    def draw_content(self, surface: pygame.Surface) -> None:
        t = self.theme
        w, h = surface.get_size()
        u = t.unit
        big = t.fonts.get("title", bold=True)
        y = self.title_y
        draw_line(surface, big, "PARLEY", t.c["text"], (w // 2, y), w - 4 * u, align="center")
        y += big.get_linesize()
        body = t.fonts.get("body")
        draw_line(surface, body, "A negotiation game for the classroom", t.c["muted"],
                  (w // 2, y), w - 4 * u, align="center")
        y += body.get_linesize() + u * 2
        pygame.draw.line(surface, t.c["accent"], (w // 2 - 6 * u, y), (w // 2 + 6 * u, y), 2)
        y += u * 2
        bottom = self.buttons[0].rect.y - u
        if self.scenario is not None and self.resume is None:
            head = t.fonts.get("heading", bold=True)
            draw_line(surface, head, self.scenario.title, t.c["text"], (w // 2, y),
                      w - 4 * u, align="center", where="title scenario")
            y += head.get_linesize()
        small = t.fonts.get("small", italic=True)
        note = ("The talks in this game are a simulation; the war they are about, and its "
                "victims, are real.")
        width = min(w - 8 * u, 900)
        if y + small.get_linesize() <= bottom:
            y = paragraph(surface, small, note, t.c["muted"], (w - width) // 2 +
                          max(0, (width - small.size(note)[0]) // 2), y + u // 2, width,
                          max_lines=2, where="title note")
        self._draw_table(surface, pygame.Rect(0, y + u, w, bottom - y - u))

    def _draw_table(self, surface: pygame.Surface, band: pygame.Rect) -> None:
        """The negotiating table with both delegations, as large as the band under the
        title allows (none in a band too small to show it)."""
        t = self.theme
        art_h = min(band.h, int(surface.get_height() * 0.3))
        if art_h < 5 * t.unit or self.scenario is None:
            return
        art_w = min(surface.get_width() - 8 * t.unit, art_h * 3)
        sides = self.scenario.side_ids
        picture = art.scene((art_w, art_h), (t.side_colour(self.scenario, sides[0]),
                                             t.side_colour(self.scenario, sides[1])),
                            ("neutral", "neutral"), "title", t.c["background"])
        surface.blit(picture, ((surface.get_width() - art_w) // 2,
                               band.y + (band.h - art_h) // 2))

    # ----- actions ----------------------------------------------------------------------

    def _start(self) -> None:
        if self.scenario is None:
            assert self.error is not None
            self.app.push(Problems(self.error))
        else:
            self.app.push(Setup(self.scenario))

    def _resume(self) -> None:
        if self.unfinished is not None:
            resume_game(self.app, self.unfinished)

    def _tutorial(self) -> None:
        if self.tutorial_scenario is not None:
            self.app.push(Setup(self.tutorial_scenario))

    def _choose(self) -> None:
        self.app.push(ChooseScenario())

    def _load(self) -> None:
        self.app.push(Load())

    def _join(self) -> None:
        self.app.push(JoinClass())

    def _settings(self) -> None:
        self.app.push(Settings())


def unfinished_game() -> SaveSummary | None:
    """The newest save in the save folder, if it is of a game that did not end."""
    newest = next((s for s in list_saves(save_folder()) if s.save is not None), None)
    return newest if newest is not None and newest.save and not newest.save.finished else None


def resume_label(summary: SaveSummary) -> str:
    """"Resume: <scenario>" and, on a second line, the teams, round and when it was saved."""
    save = summary.save
    assert save is not None
    return (f"Resume: {save.scenario.title}\n{teams_text(save)}  \u00b7  round {save.round}"
            f"  \u00b7  saved {saved_when(save.saved)}")


def tutorial_scenario(allowed: tuple[str, ...] | None) -> Scenario | None:
    """The tutorial, for new players (unless the teacher's settings leave it out)."""
    if allowed is not None and TUTORIAL_ID not in allowed:
        return None
    scenario, _ = load(SCENARIOS / "tutorial.yaml")
    return scenario if scenario is not None and scenario.id == TUTORIAL_ID else None
