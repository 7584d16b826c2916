"""Screens are reached through destinations: every destination opens the screen it names,
and the app's stack operations say what they did."""

from __future__ import annotations

from typing import Any, ForwardRef, get_args

import pytest

from game.errors import Problem, ScenarioError
from game.ui import flow
from game.ui.app import App
from game.ui.crash_report import CrashReport
from game.ui.navigation import (Briefing, ChooseScenario, Confirm, Crash, Debrief, Destination,
                                HandOver, Load, Message, Pause, Problems, ReloadProblems,
                                Settings, Setup, Table, Title)
from game.ui.router import screen_for
from game.play.session import VS_COMPUTER
from game.ui.table import TableScreen


def named_screen(destination: Destination[Any]) -> str:
    """The name of the screen class a destination says it makes (``Destination[X]``)."""
    # __orig_bases__ holds the subscripted bases of a generic class, as written.
    bases = getattr(type(destination), "__orig_bases__")
    base = next(b for b in bases if getattr(b, "__origin__", None) is Destination)
    (screen,) = get_args(base)
    return screen.__forward_arg__ if isinstance(screen, ForwardRef) else str(screen.__name__)


def nothing() -> None:
    """What a hand-over, a brief or a confirmation does next, in these tests."""


def every_destination(app: App) -> list[Destination[Any]]:
    flow.start(app)
    scenario, error = flow.load(flow.default_scenario_path())
    assert scenario is not None, error
    session = flow.begin_game(app, scenario, VS_COMPUTER, human_side="us")
    table = next(s for s in app.stack if isinstance(s, TableScreen))
    problem = Problem("my.yaml", 3, 4, "sides", "expected a mapping")
    return [Title(), ChooseScenario(), Setup(scenario), HandOver(session, "us", nothing),
            Briefing(session, "us", nothing), Table(session), Pause(table), Debrief(session),
            Settings(), Settings(in_game=True), Load(), Problems(ScenarioError([problem])),
            Message("A title", "Some text."), Confirm("Sure?", "Really.", nothing),
            ReloadProblems("my.yaml", [problem]),
            Crash(CrashReport(ValueError("broken"), "table", None, None, 0))]


def test_every_destination_opens_the_screen_it_names(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    destinations = every_destination(app)
    assert {type(d) for d in destinations} == {
        c for c in Destination.__subclasses__() if c.__module__ == "game.ui.navigation"}
    for destination in destinations:
        screen = app.push(destination)
        assert type(screen).__name__ == named_screen(destination), destination
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
