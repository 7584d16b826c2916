"""Every screen, put into a telling state: used by the layout tests and to make the
pictures in ``docs/screenshots/``.

Run ``python -m game.ui.screenshots [--size 1280x720] [--out docs/screenshots]``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from game.errors import Problem, ScenarioError
from game.negotiator import Negotiator

SEED = 7


def settle(app, frames: int = 3) -> None:  # type: ignore[no-untyped-def]
    """Run a few frames, drawing them whatever changed."""
    for _ in range(frames):
        app.invalidate()
        app.step(0.02)


def skip_all(app, limit: int = 4000) -> None:  # type: ignore[no-untyped-def]
    """Step until nothing is being shown at the table (skipping the pacing)."""
    table = app.top
    for _ in range(limit):
        if table.name != "table" or not table.pending:
            return
        table.skip()
        app.step(0.02)


def seat_players(app) -> None:  # type: ignore[no-untyped-def]
    """Read past hand-overs and briefs to the table."""
    for _ in range(12):
        top = app.top
        if top.name == "briefing":
            top._go()
        elif top.name == "handover":
            top._ready()
        else:
            return


def play_turns(app, turns: int) -> None:  # type: ignore[no-untyped-def]
    """Play *turns* moves at the table, the computer choosing for the humans too."""
    for _ in range(turns * 40):
        seat_players(app)
        table = app.top
        if table.name != "table" or table.session.game.finished or turns <= 0:
            return
        skip_all(app)
        if table.my_turn:
            game = table.session.game
            decision = Negotiator(game, game.to_move).decide(game)
            table.play(decision.move)
            turns -= 1
        elif table.session.computer_to_move:
            table.think = 0
            app.step(0.02)
            turns -= 1
        else:
            app.step(0.02)


def new_game(app, mode: str = "computer", side: str | None = "us"):  # type: ignore[no-untyped-def]
    from game.ui.flow import begin_game, default_scenario_path, load
    from game.ui.title import TitleScreen
    app.reset(TitleScreen(app))
    scenario, error = load(default_scenario_path())
    assert scenario is not None, error
    return begin_game(app, scenario, mode, human_side=side if mode == "computer" else None,
                      teams={"us": "Team Harbour", "ru": "Team Lantern"})


def scene_title(app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.title import TitleScreen
    app.reset(TitleScreen(app))


def scene_scenarios(app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.choose import ScenarioScreen
    scene_title(app)
    app.push(ScenarioScreen(app))


def scene_mode(app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.setup import ModeScreen
    from game.ui.title import TitleScreen
    app.reset(TitleScreen(app))
    app.top._start()
    assert isinstance(app.top, ModeScreen)


def scene_mode_hotseat(app) -> None:  # type: ignore[no-untyped-def]
    scene_mode(app)
    app.top.mode.step(1)


def scene_briefing(app) -> None:  # type: ignore[no-untyped-def]
    new_game(app)


def scene_handover(app) -> None:  # type: ignore[no-untyped-def]
    new_game(app, "hotseat")


def scene_table(app) -> None:  # type: ignore[no-untyped-def]
    new_game(app)
    seat_players(app)
    play_turns(app, 7)
    skip_all(app)
    table = app.top
    table.log.select(-1)
    table.ring.focus(table.agenda.rows[0])


def scene_table_demo(app) -> None:  # type: ignore[no-untyped-def]
    new_game(app, "demo", None)
    play_turns(app, 5)
    skip_all(app)


def scene_pause(app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.pause import PauseScreen
    scene_table(app)
    app.push(PauseScreen(app, app.top))


def scene_settings(app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.settings_screen import SettingsScreen
    scene_title(app)
    app.push(SettingsScreen(app))


def scene_problems(app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.problems import ProblemsScreen
    scene_title(app)
    error = ScenarioError([
        Problem("scenarios/my_scenario.yaml", 12, 5, "sides.us.batna.value",
                "expected a number from 0 to 1, found 1.4"),
        Problem("scenarios/my_scenario.yaml", 40, 9, "issues[2].options[0].id",
                "unknown option 'verfied_calm'; did you mean 'verified_calm'?")])
    app.push(ProblemsScreen(app, error))


def scene_load(app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.saves_screen import SavesScreen
    scene_title(app)
    app.push(SavesScreen(app))


def finished_game(app) -> None:  # type: ignore[no-untyped-def]
    new_game(app)
    seat_players(app)
    play_turns(app, 100)
    skip_all(app)
    app.top.to_debrief()


def debrief_page(page: int) -> Callable[..., None]:
    def scene(app) -> None:  # type: ignore[no-untyped-def]
        if app.top is None or app.top.name != "debrief":
            finished_game(app)
        app.top.show(page)
    return scene


def scene_title_resume(app) -> None:  # type: ignore[no-untyped-def]
    """The title after a game was left unfinished: it offers to resume it."""
    new_game(app)
    seat_players(app)
    play_turns(app, 3)
    skip_all(app)
    scene_title(app)


def scene_undo(app) -> None:  # type: ignore[no-untyped-def]
    """The table just after Ctrl+Z: Redo is ready."""
    new_game(app)
    seat_players(app)
    play_turns(app, 4)
    skip_all(app)
    table = app.top
    table.undo()
    app._toast = None
    table.ring.focus(table.redo_button)


def scene_reload_problems(app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.reload_screen import ReloadProblemsScreen
    scene_table(app)
    file = "scenarios/my_scenario.yaml"
    app.push(ReloadProblemsScreen(app, file, [
        Problem(file, 12, 5, "sides.us.batna.value", "expected a number from 0 to 1, "
                "found 1.4"),
        Problem(file, 40, 9, "issues[2].options[0].id",
                "unknown option 'verfied_calm'; did you mean 'verified_calm'?")]))


def scene_changed_save(app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.problems import ConfirmScreen
    scene_title(app)
    app.push(ConfirmScreen(
        app, "The scenario has changed since this game was saved",
        "The scenario has changed since this game was saved. Move 5 of 9 can no longer be "
        "played (tactic 'invoke_allies' is not available now); the game was rebuilt up to "
        "move 4. If you go on, the game continues in a new save file; this save keeps every "
        "move it had.", lambda: None, yes="Go on from move 4",
        subtitle="Joint Strikes? Washington and Moscow, May 2016"))


def scene_transcript(app) -> None:  # type: ignore[no-untyped-def]
    if app.top is None or app.top.name != "debrief":
        finished_game(app)
    app.top.save_transcript()


SCENES: list[tuple[str, Callable[..., None]]] = [
    ("01_title", scene_title),
    ("02_scenarios", scene_scenarios),
    ("03_mode", scene_mode),
    ("04_mode_hotseat", scene_mode_hotseat),
    ("05_briefing", scene_briefing),
    ("06_handover", scene_handover),
    ("07_table", scene_table),
    ("08_table_demo", scene_table_demo),
    ("09_pause", scene_pause),
    ("10_settings", scene_settings),
    ("11_problems", scene_problems),
    ("12_debrief_result", debrief_page(0)),
    ("13_debrief_outcome_space", debrief_page(1)),
    ("14_debrief_meters", debrief_page(2)),
    ("15_debrief_priorities", debrief_page(3)),
    ("16_debrief_history", debrief_page(4)),
    ("17_debrief_questions", debrief_page(5)),
    ("18_load", lambda app: scene_load(app)),
    ("19_title_resume", scene_title_resume),
    ("20_table_undo", scene_undo),
    ("21_reload_problems", scene_reload_problems),
    ("22_changed_save", scene_changed_save),
    ("23_transcript_saved", scene_transcript),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Save a PNG of every Parley screen.")
    parser.add_argument("--size", default="1280x720", help="window size, e.g. 1280x720")
    parser.add_argument("--out", default="docs/screenshots", help="folder for the PNGs")
    parser.add_argument("--high-contrast", action="store_true", help="use the high-contrast "
                                                                      "theme")
    parser.add_argument("--text-scale", type=float, default=1.0, help="text size, e.g. 1.3")
    args = parser.parse_args(argv)
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    # The games played for the pictures are saved apart from the player's own.
    import tempfile
    os.environ["PARLEY_SAVES"] = tempfile.mkdtemp(prefix="parley-screenshots-")
    os.environ["PARLEY_TRANSCRIPTS"] = tempfile.mkdtemp(prefix="parley-transcripts-")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    import pygame

    from game.ui.app import App
    w, h = (int(n) for n in args.size.lower().split("x"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = App(size=(w, h), seed=SEED)
    app.prefs.high_contrast = args.high_contrast
    app.prefs.text_scale = args.text_scale
    app.restyle()
    try:
        for name, scene in SCENES:
            scene(app)
            settle(app)
            path = out / f"{name}.png"
            pygame.image.save(app.window, str(path))
            print(path)
    finally:
        pygame.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
