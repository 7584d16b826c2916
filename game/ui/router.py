"""The screen for each destination: the one module that imports the screens.

Screens ask the app for a :mod:`game.ui.navigation` destination; the app asks this module
for the screen that shows it. Nothing else imports a screen module, so the screens form no
import loop however they follow each other.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

from game.ui.briefing import BriefingScreen, HandoverScreen
from game.ui.choose import ScenarioScreen
from game.ui.crash_screen import CrashScreen
from game.ui.debrief_screen import DebriefScreen
from game.ui.join import JoinScreen
from game.ui.navigation import (Briefing, ChooseScenario, Confirm, Crash, Debrief, HandOver,
                                JoinClass, Load, Message, Outcome, Pause, Problems,
                                Question, ReloadProblems, Settings, Setup, Table, Title)
from game.ui.outcome_screen import OutcomeScreen
from game.ui.pause import PauseScreen
from game.ui.problems import ConfirmScreen, MessageScreen, ProblemsScreen
from game.ui.question import QuestionScreen
from game.ui.reload_screen import ReloadProblemsScreen
from game.ui.saves_screen import SavesScreen
from game.ui.screen import Destination, Host, Screen
from game.ui.settings_screen import SettingsScreen
from game.ui.setup import ModeScreen
from game.ui.table import TableScreen
from game.ui.title import TitleScreen

S = TypeVar("S", bound=Screen)


def screen_for(app: Host, to: Destination[S]) -> S:
    """A new screen of *app* that shows *to*. Raises TypeError for a destination no screen
    shows (a new kind of destination not added here)."""
    # Each case below makes the screen its destination names (tests/ui/test_navigation.py
    # checks every one); mypy cannot follow a match statement to the type parameter.
    return cast(S, _build(app, to))


def _build(app: Host, to: Destination[Any]) -> Screen:
    match to:
        case Title():
            return TitleScreen(app)
        case ChooseScenario():
            return ScenarioScreen(app)
        case Setup(scenario):
            return ModeScreen(app, scenario)
        case HandOver(session, side, then):
            return HandoverScreen(app, session, side, then)
        case Briefing(session, side, then):
            return BriefingScreen(app, session, side, then)
        case Table(session):
            return TableScreen(app, session)
        case Pause(table):
            return PauseScreen(app, table)
        case Question(table, side, tactic):
            return QuestionScreen(app, table, side, tactic)
        case Outcome(table):
            return OutcomeScreen(app, table)
        case Debrief(session):
            return DebriefScreen(app, session)
        case Settings(in_game):
            return SettingsScreen(app, in_game=in_game)
        case JoinClass() as join:
            return JoinScreen(app, join)
        case Load():
            return SavesScreen(app)
        case Problems(error):
            return ProblemsScreen(app, error)
        case Message(title, text, subtitle):
            return MessageScreen(app, title, text, subtitle)
        case Confirm(title, text, then, yes, subtitle):
            return ConfirmScreen(app, title, text, then, yes=yes, subtitle=subtitle)
        case ReloadProblems(file, problems, warning):
            return ReloadProblemsScreen(app, file, problems, warning)
        case Crash(report):
            return CrashScreen(app, report)
    raise TypeError(f"no screen shows {to!r}")
