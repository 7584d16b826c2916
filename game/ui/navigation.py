"""Where a screen can send the player: one small value per screen of the window.

A screen never imports another screen. It asks the app for a destination
(``self.app.push(Setup(scenario))``, ``self.app.reset(Title())``) and
:mod:`game.ui.router`, the only module that imports the screens, builds the screen that
shows it. The sequences of several screens (a new game's hand-overs and briefs, resuming a
save) are in :mod:`game.ui.flow`, written with these same destinations.

Each destination names the screen it makes (``Destination[TableScreen]``), so that
``app.push(Table(session))`` is known to return a table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.ui.screen import Destination

if TYPE_CHECKING:
    # Only named for mypy: importing a screen here would tie every screen to every other.
    # The screens are named in quotes in the classes' bases, which pyflakes does not read.
    from game.errors import Problem, ScenarioError
    from game.model import Scenario
    from game.ui.briefing import BriefingScreen, HandoverScreen  # noqa: F401
    from game.ui.choose import ScenarioScreen  # noqa: F401
    from game.ui.crash_report import CrashReport
    from game.ui.crash_screen import CrashScreen  # noqa: F401
    from game.ui.debrief_screen import DebriefScreen  # noqa: F401
    from game.ui.pause import PauseScreen  # noqa: F401
    from game.ui.problems import ConfirmScreen, MessageScreen, ProblemsScreen  # noqa: F401
    from game.ui.reload_screen import ReloadProblemsScreen  # noqa: F401
    from game.ui.saves_screen import SavesScreen  # noqa: F401
    from game.play.session import Session
    from game.ui.settings_screen import SettingsScreen  # noqa: F401
    from game.ui.setup import ModeScreen  # noqa: F401
    from game.ui.table import TableScreen
    from game.ui.text import Span
    from game.ui.title import TitleScreen  # noqa: F401

@dataclass(frozen=True)
class Title(Destination["TitleScreen"]):
    """The title: resume, start, the tutorial, and the way to everything else."""


@dataclass(frozen=True)
class ChooseScenario(Destination["ScenarioScreen"]):
    """Every scenario offered, to choose one."""


@dataclass(frozen=True)
class Setup(Destination["ModeScreen"]):
    """Mode, side, difficulty and team names for a game of *scenario*."""

    scenario: Scenario


@dataclass(frozen=True)
class HandOver(Destination["HandoverScreen"]):
    """"Pass the screen" to the team playing *side*; *then* runs when it is seated."""

    session: Session
    side: str
    then: Callable[[], None]


@dataclass(frozen=True)
class Briefing(Destination["BriefingScreen"]):
    """The confidential brief of *side*; *then* runs when it has been read."""

    session: Session
    side: str
    then: Callable[[], None]


@dataclass(frozen=True)
class Table(Destination["TableScreen"]):
    """The negotiating table of *session*."""

    session: Session


@dataclass(frozen=True)
class Pause(Destination["PauseScreen"]):
    """The pause menu, over *table*."""

    table: TableScreen


@dataclass(frozen=True)
class Debrief(Destination["DebriefScreen"]):
    """What the game of *session* came to."""

    session: Session


@dataclass(frozen=True)
class Settings(Destination["SettingsScreen"]):
    """The rules of the day and the display; *in_game*: the rules are fixed."""

    in_game: bool = False


@dataclass(frozen=True)
class Load(Destination["SavesScreen"]):
    """Every saved game, to continue one."""


@dataclass(frozen=True)
class Problems(Destination["ProblemsScreen"]):
    """What is wrong with a scenario file."""

    error: ScenarioError


@dataclass(frozen=True)
class Message(Destination["MessageScreen"]):
    """A title, some text and a way back."""

    title: str
    text: str | list[Span]
    subtitle: str = ""


@dataclass(frozen=True)
class Confirm(Destination["ConfirmScreen"]):
    """A message with a choice: *then* runs if the player goes on."""

    title: str
    text: str | list[Span]
    then: Callable[[], None]
    yes: str = "Go on"
    subtitle: str = ""


@dataclass(frozen=True)
class ReloadProblems(Destination["ReloadProblemsScreen"]):
    """Over the table: what is wrong with the reloaded *file*, or what the rebuild lost."""

    file: str
    problems: list[Problem]
    warning: str | None = None


@dataclass(frozen=True)
class Crash(Destination["CrashScreen"]):
    """What happened after an unexpected error, and the way back into the game."""

    report: CrashReport
