"""The screen for each destination: the one module that imports the screens.

Screens ask the app for a :mod:`game.ui.navigation` destination; the app asks this module
for the screen that shows it. Nothing else imports a screen module, so the screens form no
import loop however they follow each other.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

from game.ui.navigation import (Briefing, ChooseScenario, Coaching, Confirm, Crash, Debrief,
                                HandOver, JoinClass, Load, Message, Outcome, Pause, Problems,
                                Question, ReloadProblems, Settings, Setup, Table, Title)
from game.ui.screen import Destination, Host, Screen

S = TypeVar("S", bound=Screen)


def screen_for(app: Host, to: Destination[S]) -> S:
    """A new screen of *app* that shows *to*. Raises TypeError for a destination no screen
    shows (a new kind of destination not added here)."""
    # Each case below makes the screen its destination names (tests/ui/test_navigation.py
    # checks every one); mypy cannot follow a match statement to the type parameter.
    return cast(S, _build(app, to))


def _build(app: Host, to: Destination[Any]) -> Screen:
    # Each screen's module is imported when it is first shown: the title comes up without
    # the table, the debrief or the class client (aiohttp) being read (tests/ui/
    # test_launch.py checks what the title leaves unread).
    match to:
        case Title():
            from game.ui.title import TitleScreen
            return TitleScreen(app)
        case ChooseScenario():
            from game.ui.choose import ScenarioScreen
            return ScenarioScreen(app)
        case Setup(scenario, side):
            from game.ui.setup import ModeScreen
            return ModeScreen(app, scenario, side)
        case HandOver(session, side, then):
            from game.ui.briefing import HandoverScreen
            return HandoverScreen(app, session, side, then)
        case Briefing(session, side, then, again):
            from game.ui.briefing import BriefingScreen
            return BriefingScreen(app, session, side, then, again)
        case Table(session):
            from game.ui.table import TableScreen
            return TableScreen(app, session)
        case Pause(table):
            from game.ui.pause import PauseScreen
            return PauseScreen(app, table)
        case Question(table, side, tactic):
            from game.ui.question import QuestionScreen
            return QuestionScreen(app, table, side, tactic)
        case Outcome(table):
            from game.ui.outcome_screen import OutcomeScreen
            return OutcomeScreen(app, table)
        case Coaching(table, coach):
            from game.ui.coach_screen import CoachScreen
            return CoachScreen(app, table, coach)
        case Debrief(session):
            from game.ui.debrief_screen import DebriefScreen
            return DebriefScreen(app, session)
        case Settings(in_game):
            from game.ui.settings_screen import SettingsScreen
            return SettingsScreen(app, in_game=in_game)
        case JoinClass() as join:
            from game.ui.join import JoinScreen
            return JoinScreen(app, join)
        case Load():
            from game.ui.saves_screen import SavesScreen
            return SavesScreen(app)
        case Problems(error):
            from game.ui.problems import ProblemsScreen
            return ProblemsScreen(app, error)
        case Message(title, text, subtitle):
            from game.ui.problems import MessageScreen
            return MessageScreen(app, title, text, subtitle)
        case Confirm(title, text, then, yes, subtitle):
            from game.ui.problems import ConfirmScreen
            return ConfirmScreen(app, title, text, then, yes=yes, subtitle=subtitle)
        case ReloadProblems(file, problems, warning):
            from game.ui.reload_screen import ReloadProblemsScreen
            return ReloadProblemsScreen(app, file, problems, warning)
        case Crash(report):
            from game.ui.crash_screen import CrashScreen
            return CrashScreen(app, report)
    raise TypeError(f"no screen shows {to!r}")
