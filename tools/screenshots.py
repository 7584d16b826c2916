"""Every screen, put into a telling state: used by the layout tests and to make the
pictures in ``docs/screenshots/``.

Run ``python -m tools.screenshots [--size 1280x720] [--out docs/screenshots]``.

The scenes reach each screen as a player would: through the app's destinations and the
screens' own buttons and public methods.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pygame

from game.errors import Problem, ScenarioError
from game.ui import flow
from game.ui.app import App
from game.ui.briefing import BriefingScreen, HandoverScreen
from game.ui.debrief_screen import DebriefScreen
from game.moves import Move
from game.play.presence import Expression, expression
from game.ui.navigation import (ChooseScenario, Confirm, Load, Pause, Problems, ReloadProblems,
                                Settings, Table, Title)
from game.ui.outcome_screen import OutcomeScreen
from game.play.session import Session
from game.ui.setup import ModeScreen
from game.ui.question import QuestionScreen
from game.ui.table import TableScreen
from game.ui.title import TitleScreen

SEED = 7

Scene = Callable[[App], None]


def settle(app: App, frames: int = 3) -> None:
    """Run a few frames, drawing them whatever changed."""
    for _ in range(frames):
        app.invalidate()
        app.step(0.02)


def at_table(app: App) -> TableScreen | None:
    """The table, if it is the screen on top."""
    top = app.top
    return top if isinstance(top, TableScreen) else None


def table_of(app: App) -> TableScreen:
    """The table on top; AssertionError when another screen is."""
    table = at_table(app)
    assert table is not None, f"the table is not on top: {app.top}"
    return table


def debrief_of(app: App) -> DebriefScreen:
    """The debrief on top; AssertionError when another screen is."""
    top = app.top
    assert isinstance(top, DebriefScreen), f"the debrief is not on top: {top}"
    return top


def skip_all(app: App, limit: int = 4000) -> None:
    """Step until nothing is being shown at the table (skipping the pacing)."""
    table = app.top
    for _ in range(limit):
        if not isinstance(table, TableScreen) or not table.pending:
            return
        table.skip()
        app.step(0.02)


def seat_players(app: App) -> None:
    """Read past hand-overs and briefs to the table, pressing their buttons, and answer a
    question put to a player as the computer would."""
    for _ in range(12):
        top = app.top
        if isinstance(top, BriefingScreen):
            top.go.activate()
        elif isinstance(top, HandoverScreen):
            top.ready.activate()
        elif isinstance(top, TableScreen) and top.pass_button.visible:
            top.pass_button.activate()  # the team that moved has read what it did
        elif isinstance(top, QuestionScreen):
            top.answer(top.table.session.decide_for(top.side).move)
        else:
            return


def play_turns(app: App, turns: int) -> None:
    """Play *turns* moves at the table, the computer choosing for the humans too."""
    for _ in range(turns * 40):
        seat_players(app)
        table = at_table(app)
        if table is None or table.session.game.finished or turns <= 0:
            return
        skip_all(app)
        if table.my_turn:
            decision = table.session.decide_for(table.session.game.to_move or "")
            table.play(decision.move)
            turns -= 1
        elif table.session.computer_to_move:
            table.think = 0
            app.step(0.02)
            turns -= 1
        else:
            app.step(0.02)


def new_game(app: App, mode: str = "computer", side: str | None = "us") -> Session:
    """A game of the default scenario begun from the title, as the mode screen begins it."""
    app.reset(Title())
    scenario, error = flow.load(flow.default_scenario_path())
    assert scenario is not None, error
    return flow.begin_game(app, scenario, mode,
                           human_side=side if mode == "computer" else None,
                           teams={"us": "Team Harbour", "ru": "Team Lantern"})


def scene_title(app: App) -> None:
    app.reset(Title())


def scene_scenarios(app: App) -> None:
    scene_title(app)
    app.push(ChooseScenario())


def scene_mode(app: App) -> None:
    title = app.reset(Title())
    assert isinstance(title, TitleScreen)
    title.start.activate()
    assert isinstance(app.top, ModeScreen)


def scene_mode_hotseat(app: App) -> None:
    scene_mode(app)
    mode = app.top
    assert isinstance(mode, ModeScreen)
    mode.mode.step(1)


def scene_briefing(app: App) -> None:
    new_game(app)


def scene_handover(app: App) -> None:
    new_game(app, "hotseat")


def scene_table(app: App) -> None:
    new_game(app)
    seat_players(app)
    play_turns(app, 7)
    skip_all(app)
    table = table_of(app)
    table.log.select(-1)
    table.ring.focus(table.agenda.rows[0])


def scene_table_demo(app: App) -> None:
    new_game(app, "demo", None)
    play_turns(app, 5)
    skip_all(app)


def scene_pause(app: App) -> None:
    scene_table(app)
    app.push(Pause(table_of(app)))


def scene_settings(app: App) -> None:
    scene_title(app)
    app.push(Settings())


def scene_problems(app: App) -> None:
    scene_title(app)
    error = ScenarioError([
        Problem("scenarios/my_scenario.yaml", 12, 5, "sides.us.batna.value",
                "expected a number from 0 to 1, found 1.4"),
        Problem("scenarios/my_scenario.yaml", 40, 9, "issues[2].options[0].id",
                "unknown option 'verfied_calm'; did you mean 'verified_calm'?")])
    app.push(Problems(error))


def scene_load(app: App) -> None:
    scene_title(app)
    app.push(Load())


def finished_game(app: App) -> None:
    """A game played to its end, and its debrief (after the front page of its end)."""
    new_game(app)
    seat_players(app)
    play_turns(app, 100)
    skip_all(app)
    settle(app, 2)
    top = app.top
    if isinstance(top, OutcomeScreen):
        top.go_on()
    else:
        table_of(app).to_debrief()


def debrief_page(page: int) -> Scene:
    def scene(app: App) -> None:
        if not isinstance(app.top, DebriefScreen):
            finished_game(app)
        debrief_of(app).show(page)
    return scene


def scene_title_resume(app: App) -> None:
    """The title after a game was left unfinished: it offers to resume it."""
    new_game(app)
    seat_players(app)
    play_turns(app, 3)
    skip_all(app)
    scene_title(app)


def scene_undo(app: App) -> None:
    """The table just after Ctrl+Z: Redo is ready."""
    new_game(app)
    seat_players(app)
    play_turns(app, 4)
    skip_all(app)
    table = table_of(app)
    table.undo()
    app.dismiss_toast()
    table.ring.focus(table.redo_button)


def scene_reload_problems(app: App) -> None:
    scene_table(app)
    file = "scenarios/my_scenario.yaml"
    app.push(ReloadProblems(file, [
        Problem(file, 12, 5, "sides.us.batna.value", "expected a number from 0 to 1, "
                "found 1.4"),
        Problem(file, 40, 9, "issues[2].options[0].id",
                "unknown option 'verfied_calm'; did you mean 'verified_calm'?")]))


def scene_changed_save(app: App) -> None:
    scene_title(app)
    app.push(Confirm(
        "The scenario has changed since this game was saved",
        "The scenario has changed since this game was saved. Move 5 of 9 can no longer be "
        "played (tactic 'invoke_allies' is not available now); the game was rebuilt up to "
        "move 4. If you go on, the game continues in a new save file; this save keeps every "
        "move it had.", lambda: None, yes="Go on from move 4",
        subtitle="Joint Strikes? Washington and Moscow, May 2016"))


def scene_transcript(app: App) -> None:
    if not isinstance(app.top, DebriefScreen):
        finished_game(app)
    debrief_of(app).save_transcript()


def to_players_turn(app: App, turns: int) -> TableScreen:
    """A new game played *turns* moves on, then on until it is the player's turn."""
    new_game(app)
    seat_players(app)
    play_turns(app, turns)
    skip_all(app)
    table = table_of(app)
    for _ in range(400):
        seat_players(app)
        if table.my_turn:
            break
        table.think = 0
        skip_all(app)
        app.step(0.02)
    table.banner = None
    return table


def scene_event_banner(app: App) -> None:
    """An event announced over the log column, a moment after it came (the player passes
    until one does)."""
    new_game(app)
    seat_players(app)
    table = table_of(app)
    for _ in range(4000):
        seat_players(app)
        if table.banner is not None:
            break
        if table.my_turn:
            table.play(Move.wait())
        table.think = 0
        app.step(0.05)
    assert table.banner is not None, "no event was announced"
    app.step(0.3)


def scene_tactics(app: App) -> None:
    """The list of tactics, open over the table on the player's turn."""
    to_players_turn(app, 4).open_tactics()


def ended(app: App, player: Callable[[Session], Move]) -> OutcomeScreen:
    """A game against the computer, the player's moves chosen by *player*, played to its
    end and shown at the table: the front page of its end comes up."""
    session = new_game(app)
    while not session.game.finished:
        if session.computer_to_move:
            session.play_computer()
        else:
            session.play(player(session))
    app.rebase(Table(session)).show_all()
    settle(app, 2)
    top = app.top
    assert isinstance(top, OutcomeScreen), f"no front page at the end: {top}"
    return top


def accepting(session: Session) -> Move:
    """Accept the proposal on the table when there is one, else play as the computer
    would."""
    side = session.game.to_move or ""
    accept = next(c for c in session.game.choices(side) if c.move.kind == "accept")
    return accept.move if accept.available else session.decide_for(side).move


def passing(session: Session) -> Move:
    """Let every turn go by."""
    return Move.wait()


def walking_out(session: Session) -> Move:
    """Walk out as soon as the rules allow it."""
    side = session.game.to_move or ""
    out = next(c for c in session.game.choices(side) if c.move.kind == "walkout")
    return out.move if out.available else Move.wait()


def scene_outcome_deal(app: App) -> None:
    """The front page of a deal."""
    assert ended(app, accepting).page.ending == "deal"


def scene_outcome_no_deal(app: App) -> None:
    """The front page of talks that ran out of time."""
    assert ended(app, passing).page.ending == "no_deal"


def scene_outcome_walkout(app: App) -> None:
    """The front page of a walk-out."""
    assert ended(app, walking_out).page.ending == "walkout"


def provoking(session: Session, side: str) -> Move:
    """A threat when *side* may make one (the computer keeps what it has agreed and seldom
    gives a delegation cause for anger by itself), else the move the computer would make."""
    kinds = {t.id: t.kind for t in session.scenario.tactics}
    threat = next((c.move for c in session.game.choices(side) if c.available and
                   c.move.kind == "tactic" and kinds.get(c.move.tactic or "") == "threat"),
                  None)
    return threat or session.decide_for(side).move


def face_at_table(face: Expression) -> Scene:
    """The table at the first moment a delegation shows *face*, the player's moves made
    as the computer would make them (with a threat when it may, for an angry face)."""
    def scene(app: App) -> None:
        session = new_game(app)
        sides = session.game.sides
        while True:
            assert not session.game.finished, f"no delegation looked {face}"
            side = session.game.to_move or ""
            if session.computer_to_move:
                session.play_computer()
            else:
                session.play(provoking(session, side) if face == "angry" else
                             session.decide_for(side).move)
            shown = session.game.visible_log(None)
            if session.game.state.asked is None and not session.game.finished and \
                    face in (expression(session.scenario, shown, s) for s in sides):
                break
        table = app.rebase(Table(session))
        table.show_all()
        assert app.top is table
    return scene


def scene_what_changed(app: App) -> None:
    """The player's turn comes back: the card says what changed since their last move."""
    table = to_players_turn(app, 6)
    assert table.card is not None, "no card on the player's turn"



def scene_reply(app: App) -> None:
    """The player threatens; the computer's delegation answers in words, then moves, and
    the turn comes back with the card saying so."""
    session = new_game(app)
    kinds = {t.id: t.kind for t in session.scenario.tactics}
    while True:
        assert not session.game.finished, "the threat never became available"
        if session.computer_to_move:
            session.play_computer()
            continue
        threat = next((c.move for c in session.game.choices("us") if c.available and
                       c.move.kind == "tactic" and kinds.get(c.move.tactic or "") == "threat"),
                      None)
        if threat is not None:
            break
        session.play(session.decide_for("us").move)
    app.rebase(Table(session))
    table = table_of(app)
    table.show_all()
    table.play(threat)
    for _ in range(400):
        skip_all(app)
        if table.my_turn:
            break
        table.think = 0
        app.step(0.02)
    assert any(e.kind == "reply" and e.move is None for e in session.game.log)


SCENES: list[tuple[str, Scene]] = [
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
    ("18_load", scene_load),
    ("19_title_resume", scene_title_resume),
    ("20_table_undo", scene_undo),
    ("21_reload_problems", scene_reload_problems),
    ("22_changed_save", scene_changed_save),
    ("23_transcript_saved", scene_transcript),
    ("24_table_tactics", scene_tactics),
    ("25_table_what_changed", scene_what_changed),
    ("26_outcome_deal", scene_outcome_deal),
    ("27_outcome_no_deal", scene_outcome_no_deal),
    ("28_outcome_walkout", scene_outcome_walkout),
    ("29_table_firm", face_at_table("firm")),
    ("30_table_pleased", face_at_table("pleased")),
    ("31_table_angry", face_at_table("angry")),
    ("32_table_reply", scene_reply),
    ("43_event_banner", scene_event_banner),
]


def main(argv: list[str] | None = None) -> int:
    """Save a PNG of every scene; returns the exit code."""
    parser = argparse.ArgumentParser(description="Save a PNG of every Parley screen.")
    parser.add_argument("--size", default="1280x720", help="window size, e.g. 1280x720")
    parser.add_argument("--out", default="docs/screenshots", help="folder for the PNGs")
    parser.add_argument("--high-contrast", action="store_true", help="use the high-contrast "
                                                                      "theme")
    parser.add_argument("--text-scale", type=float, default=1.0, help="text size, e.g. 1.3")
    args = parser.parse_args(argv)
    # SDL reads these when the window opens, not when pygame is imported.
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    # The games played for the pictures are saved apart from the player's own.
    os.environ["PARLEY_SAVES"] = tempfile.mkdtemp(prefix="parley-screenshots-")
    os.environ["PARLEY_TRANSCRIPTS"] = tempfile.mkdtemp(prefix="parley-transcripts-")
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
