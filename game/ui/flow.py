"""How the screens follow each other when it takes more than one: a fresh launch, a new
game (hand-overs and briefs before the table), a saved game resumed. Written with the
destinations of :mod:`game.ui.navigation`: this module imports no screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from game.errors import Problem, SaveError, ScenarioError
from game.library import DEFAULT_SCENARIO, SCENARIO_DIR
from game.model import Scenario
from game.resolve import ScenarioFinder
from game.save import Restored, SaveSummary, read_save, restore, save_folder
from game.scenario import load_scenario
from game.settings import Difficulty
from game.ui.navigation import (Briefing, Confirm, HandOver, JoinClass, Message, Problems,
                                Setup, Table, Title)
from game.ui.screen import Host
from game.ui.theme import load_theme
from game.play.wording import program

if TYPE_CHECKING:
    # The game itself (the engine under the session) is read when a game starts, not for
    # the title.
    from game.play.session import Session

#: The shipped scenarios' folder, under the name the screens use (game.library knows where
#: it is).
SCENARIOS = SCENARIO_DIR


def default_scenario_path() -> Path:
    return DEFAULT_SCENARIO


def load(path: str | Path) -> tuple[Scenario | None, ScenarioError | None]:
    """The scenario at *path*, or the error that says what is wrong with it."""
    try:
        return load_scenario(path), None
    except ScenarioError as exc:
        return None, exc
    except OSError as exc:
        return None, ScenarioError([Problem(str(path), 0, 0, "", f"cannot read: {exc}")])


def start(app: Host, scenario_path: str | None = None, *, demo: bool = False,
          join: JoinClass | None = None, side: str | None = None,
          save: Path | None = None) -> None:
    """Fill the stack for a fresh launch: the title, then whatever was asked for (with
    *join*, joining a class; with *save*, that saved game; with *side*, a side id or
    "both", the game's setup with it chosen)."""
    app.push(Title())
    if join is not None:
        app.push(join)
        return
    if save is not None:
        try:
            summary = SaveSummary(save, read_save(save), None)
        except SaveError as exc:
            summary = SaveSummary(save, None, str(exc))
        resume_game(app, summary)
        return
    if scenario_path is None and not demo and side is None:
        return
    scenario, error = load(scenario_path or default_scenario_path())
    if scenario is None:
        assert error is not None
        app.push(Problems(error))
        return
    if demo:
        from game.play.session import DEMO
        begin_game(app, scenario, DEMO)
    else:
        app.push(Setup(scenario, side))


def begin_game(app: Host, scenario: Scenario, mode: str, *, human_side: str | None = None,
               teams: dict[str, str] | None = None,
               difficulty: Difficulty | None = None, coach: bool = False) -> Session:
    """Start a game and show what comes first: the brief (after a hand-over in hot-seat)
    or, in a demo, the table. With *coach*, the coach points at each part of the table as
    it comes to matter (see :mod:`game.ui.coach`)."""
    from game.play.session import DEMO, HOTSEAT, Session
    settings = app.settings if difficulty is None else replace(app.settings,
                                                               difficulty=difficulty)
    use_theme(app, scenario)
    session = Session.start(scenario, settings, mode, human_side=human_side, teams=teams,
                            seed=app.seed, saves=save_folder())
    # The table goes on the stack first, hidden under the briefings, so that leaving the
    # last brief reveals it.
    table = app.rebase(Table(session))
    if mode == DEMO:
        return session
    if coach:
        from game.ui.coach import Coach, remember_coached
        table.coach = Coach(remember_coached)
    # Each step is a screen shown over the table, which runs the next step when left.
    steps: list[Callable[[Callable[[], None]], object]] = []
    for side in session.humans:
        if mode == HOTSEAT:
            steps.append(partial(_over_table, app, HandOver, session, side))
        steps.append(partial(_over_table, app, Briefing, session, side))
    if mode == HOTSEAT and session.game.to_move != session.humans[-1]:
        steps.append(partial(_over_table, app, HandOver, session, session.game.to_move or ""))
    table.waiting_for_briefs = True

    def chain(n: int) -> None:
        if n == len(steps):
            table.waiting_for_briefs = False
            return
        steps[n](lambda: chain(n + 1))

    chain(0)
    return session


def _over_table(app: Host, destination: type[HandOver] | type[Briefing], session: Session,
                side: str, then: Callable[[], None]) -> None:
    """Show the hand-over or brief of *side*; *then* runs when it is left."""
    app.push(destination(session, side, then))


def find_scenario(scenario_id: str, file: str) -> tuple[Scenario | None, str]:
    """A scenario to start, by id (the teacher's settings name scenarios by id): the file
    given if it holds that scenario, else the one with that id in ``scenarios/``. A save's
    scenario is found by :mod:`game.resolve` instead, never by id alone."""
    candidates = [Path(file)] if file else []
    candidates += sorted(SCENARIOS.glob("*.y*ml"))
    for path in candidates:
        if not path.is_file():
            continue
        scenario, _ = load(path)
        if scenario is not None and scenario.id == scenario_id:
            return scenario, ""
    return None, f"The scenario {scenario_id!r} of this save is not in {SCENARIOS}."


def theme_problem(folder: Path | None) -> str | None:
    """What had to be left out of the scenario folder's ``theme.json``, if anything."""
    return load_theme(folder)[1] if folder is not None else None


def use_theme(app: Host, scenario: Scenario) -> None:
    """Dress the window in the scenario's own theme; a broken ``theme.json`` is left out
    and the player told so."""
    folder = Path(scenario.file).parent if scenario.file else None
    app.use_scenario_theme(folder)
    problem = theme_problem(folder)
    if problem:
        app.toast(problem, 8.0)


def resume_game(app: Host, summary: SaveSummary) -> None:
    """Rebuild a saved game and go back to its table (after a hand-over in hot-seat).

    A save that cannot be read or rebuilt says why, and is left as it is. A save whose
    scenario changed since says so first, and the player chooses to go on with what could
    be replayed (in a new save file, so the old one keeps every move) or to go back."""
    save = summary.save
    if save is None:
        app.push(Message("This save cannot be read", summary.error or "Unknown problem.",
                         "The file is left as it is."))
        return
    path = summary.path
    finder = ScenarioFinder(advice="Put the scenario file back where the game was played "
                                   "and load it again, or go on in the terminal, naming the "
                                   f"file: {program()} play --text FILE --load {path}")
    try:
        scenario = finder.find(save, path).scenario
        restored = restore(save, scenario)
    except SaveError as exc:
        why = str(exc)
        app.push(Message("This save cannot be loaded", why[:1].upper() + why[1:],
                         "The file is left as it is."))
        return
    new_file = bool(restored.lost or restored.changed)

    def go_on() -> None:
        _open_table(app, scenario, restored, path)

    if restored.warning:
        more = ("" if not new_file else " If you go on, the game continues in a new save "
                "file; this save keeps every move it had.")
        app.push(Confirm("The scenario has changed since this game was saved"
                         if restored.changed else "This save does not match its moves",
                         restored.warning + more, go_on,
                         yes=f"Go on from move {restored.replayed}",
                         subtitle=save.scenario.title))
        return
    go_on()


def _open_table(app: Host, scenario: Scenario, restored: Restored, path: Path | None) -> None:
    from game.play.session import HOTSEAT, Session
    use_theme(app, scenario)
    session = Session.resume(restored, path)
    table = app.rebase(Table(session))
    table.show_all()
    if session.mode == HOTSEAT and not session.game.finished:
        table.seat = None
        table.show_all()  # nothing private shows until a team is seated: a hand-over first
