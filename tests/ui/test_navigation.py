"""Screens are reached through destinations: every destination opens the screen it names,
and the app's stack operations say what they did."""

from __future__ import annotations

from typing import Any, get_args

import pytest

from game.errors import Problem, ScenarioError
from game.play.session import DEMO, VS_COMPUTER, Session
from game.ui import flow
from game.ui.app import App
from game.ui.briefing import BriefingScreen, HandoverScreen
from game.ui.choose import ScenarioScreen
from game.ui.coach import Coach
from game.ui.coach_screen import CoachScreen
from game.ui.crash_report import CrashReport
from game.ui.crash_screen import CrashScreen
from game.ui.debrief_screen import DebriefScreen
from game.ui.join import JoinScreen
from game.ui.navigation import (Briefing, ChooseScenario, Coaching, Confirm, Crash, Debrief,
                                HandOver, JoinClass, Load, Message, Outcome, Pause, Problems,
                                Question, ReloadProblems, Settings, Setup, Table, TableFace,
                                Title)
from game.ui.outcome_screen import OutcomeScreen
from game.ui.pause import PauseScreen
from game.ui.question import QuestionScreen
from game.ui.problems import ConfirmScreen, MessageScreen, ProblemsScreen
from game.ui.reload_screen import ReloadProblemsScreen
from game.ui.router import screen_for
from game.ui.saves_screen import SavesScreen
from game.ui.screen import Destination, Screen
from game.ui.settings_screen import SettingsScreen
from game.ui.setup import ModeScreen
from game.ui.table import TableScreen
from game.ui.title import TitleScreen

#: The screen each destination opens: the router's cases, written out again.
SCREENS: dict[type[Destination[Any]], type[Screen]] = {
    Title: TitleScreen, ChooseScenario: ScenarioScreen, Setup: ModeScreen,
    HandOver: HandoverScreen, Briefing: BriefingScreen, Table: TableScreen, Pause: PauseScreen,
    Question: QuestionScreen, Outcome: OutcomeScreen, Coaching: CoachScreen,
    Debrief: DebriefScreen, Settings: SettingsScreen, Load: SavesScreen,
    Problems: ProblemsScreen, Message: MessageScreen, Confirm: ConfirmScreen,
    ReloadProblems: ReloadProblemsScreen, Crash: CrashScreen, JoinClass: JoinScreen}


def promised(kind: type[Destination[Any]]) -> type[Screen]:
    """What a kind of destination says its caller gets back (the X of ``Destination[X]``)."""
    # __orig_bases__ holds the subscripted bases of a generic class, as written.
    bases = getattr(kind, "__orig_bases__")
    base = next(b for b in bases if getattr(b, "__origin__", None) is Destination)
    (screen,) = get_args(base)
    assert isinstance(screen, type) and issubclass(screen, Screen), screen
    return screen


def nothing() -> None:
    """What a hand-over, a brief or a confirmation does next, in these tests."""


def every_destination(app: App) -> list[Destination[Any]]:
    flow.start(app)
    scenario, error = flow.load(flow.default_scenario_path())
    assert scenario is not None, error
    session = flow.begin_game(app, scenario, VS_COMPUTER, human_side="us")
    table = next(s for s in app.stack if isinstance(s, TableScreen))
    problem = Problem("my.yaml", 3, 4, "sides", "expected a mapping")
    ended = Session.start(scenario, app.settings, DEMO, seed=2)
    while not ended.game.finished:
        ended.play_computer()
    return [Title(), ChooseScenario(), Setup(scenario), HandOver(session, "us", nothing),
            Briefing(session, "us", nothing), Table(session), Pause(table), Question(table, "us"),
            Outcome(TableScreen(app, ended)), Coaching(table, Coach()), Debrief(session),
            Settings(), Settings(in_game=True), Load(), JoinClass(),
            Problems(ScenarioError([problem])),
            Message("A title", "Some text."), Confirm("Sure?", "Really.", nothing),
            ReloadProblems("my.yaml", [problem]),
            Crash(CrashReport(ValueError("broken"), "table", None, None, 0))]


def test_every_destination_opens_its_screen(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    destinations = every_destination(app)
    assert {type(d) for d in destinations} == set(SCREENS) == {
        c for c in Destination.__subclasses__() if c.__module__ == "game.ui.navigation"}
    assert promised(Table) is TableFace
    for destination in destinations:
        screen = app.push(destination)
        assert type(screen) is SCREENS[type(destination)], destination
        # The router casts to the promised type: this is what makes that cast true.
        assert isinstance(screen, promised(type(destination))), destination
        assert app.top is screen
        app.step(0.016)
        assert app.top is screen and not app.crashes
        app.pop()


def test_a_destination_without_a_screen_is_refused(make_app) -> None:  # type: ignore[no-untyped-def]
    class Nowhere(Destination[TableScreen]):
        pass

    with pytest.raises(TypeError, match="no screen shows"):
        screen_for(make_app(), Nowhere())


def test_stack_operations_return_their_screen(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    title = app.reset(Title())
    assert app.stack == [title]
    load = app.push(Load())
    settings = app.replace(Settings())
    assert app.stack == [title, settings] and load not in app.stack
    app.push(ChooseScenario())
    message = app.rebase(Message("A title", "Some text."))
    assert app.stack == [title, message]
    app.pop()
    assert app.stack == [title] and app.running
    app.pop()
    assert not app.stack and not app.running
