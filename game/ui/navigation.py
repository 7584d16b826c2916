"""Where a screen can send the player: one small value per screen of the window.

A screen never imports another screen. It asks the app for a destination
(``self.app.push(Setup(scenario))``, ``self.app.reset(Title())``) and
:mod:`game.ui.router`, the only module that imports the screens, builds the screen that
shows it. The sequences of several screens (a new game's hand-overs and briefs, resuming a
save) are in :mod:`game.ui.flow`, written with these same destinations.

Each destination says what its caller gets back: a :class:`~game.ui.screen.Screen`, or,
for the table, the :class:`TableFace` that the flows and the screens over the table use
(``app.push(Table(session))`` is known to return one). This module names no screen module,
not even for the type checker: the screens import it, so naming them here would tie every
screen to every other.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.ui.screen import Destination, Screen

if TYPE_CHECKING:
    import pygame

    from game.errors import Problem, ScenarioError
    from game.moves import Move
    from game.model import Scenario
    from game.play.session import Session
    from game.ui.coach import Coach
    from game.ui.crash_report import CrashReport
    from game.ui.text import Span


class TableFace(Screen):
    """The negotiating table as the rest of the window knows it: what a flow does with the
    table it opens (seat nobody until a hand-over, wait for the briefs, show the whole log)
    and what the screens over it use. :class:`game.ui.table.TableScreen` is the table."""

    #: The game played at the table.
    session: Session
    #: The side whose private view is shown (None: nobody is seated; nothing private shows).
    seat: str | None
    #: True while the hand-overs and briefs of a new game are shown over the table.
    waiting_for_briefs: bool
    #: The coach of a guided game (None: no coaching).
    coach: Coach | None

    @abstractmethod
    def coach_target(self, part: str) -> pygame.Rect | None:
        """Where the table's *part* (a :data:`game.ui.coach.STEPS` part) is on screen, or
        None while it is not there to be pointed at (not the player's turn, no card up)."""

    @property
    @abstractmethod
    def pending(self) -> bool:
        """Some of the log is still to be revealed."""

    @abstractmethod
    def play(self, move: Move) -> None:
        """Make *move* for the side seated at the table, and show what it caused."""

    @abstractmethod
    def show_all(self) -> None:
        """Show the whole log at once, with no event banner."""

    @abstractmethod
    def skip(self) -> None:
        """Reveal the rest of this turn at once."""

    @abstractmethod
    def undo(self) -> bool:
        """Take back the players' last move; False, with the reason shown, when that is
        not possible."""

    @abstractmethod
    def redo(self) -> bool:
        """Play again what :meth:`undo` took back; False, with the reason shown, when that
        is not possible."""


@dataclass(frozen=True)
class Title(Destination[Screen]):
    """The title: resume, start, the tutorial, and the way to everything else."""


@dataclass(frozen=True)
class ChooseScenario(Destination[Screen]):
    """Every scenario offered, to choose one."""


@dataclass(frozen=True)
class Setup(Destination[Screen]):
    """Mode, side, difficulty and team names for a game of *scenario*; *side* (a side id,
    or "both" for two teams at one screen) is chosen already (``play --side``)."""

    scenario: Scenario
    side: str | None = None


@dataclass(frozen=True)
class HandOver(Destination[Screen]):
    """"Pass the screen" to the team playing *side*; *then* runs when it is seated."""

    session: Session
    side: str
    then: Callable[[], None]


@dataclass(frozen=True)
class Briefing(Destination[Screen]):
    """The confidential brief of *side*; *then* runs when it has been read. *again*: opened
    again from the table (F1), where Esc and F1 go back too."""

    session: Session
    side: str
    then: Callable[[], None]
    again: bool = False


@dataclass(frozen=True)
class Table(Destination[TableFace]):
    """The negotiating table of *session*."""

    session: Session


@dataclass(frozen=True)
class Pause(Destination[Screen]):
    """The pause menu, over *table*."""

    table: TableFace


@dataclass(frozen=True)
class Question(Destination[Screen]):
    """Asked what matters most, the team playing *side* answers, over *table*; with
    *tactic* (a tactic that says what matters most), the team picks the issue it names."""

    table: TableFace
    side: str
    tactic: str | None = None


@dataclass(frozen=True)
class Outcome(Destination[Screen]):
    """The end of the talks at *table* as a front page, before the debrief."""

    table: TableFace


@dataclass(frozen=True)
class Coaching(Destination[Screen]):
    """The coach's next step, pointing at a part of *table*."""

    table: TableFace
    coach: Coach


@dataclass(frozen=True)
class Debrief(Destination[Screen]):
    """What the game of *session* came to."""

    session: Session


@dataclass(frozen=True)
class Settings(Destination[Screen]):
    """The rules of the day and the display; *in_game*: the rules are fixed."""

    in_game: bool = False


@dataclass(frozen=True)
class Load(Destination[Screen]):
    """Every saved game, to continue one."""


@dataclass(frozen=True)
class JoinClass(Destination[Screen]):
    """Join a class on the teacher's class server: address, code, team name, side (None:
    any) and whether against the computer; with an address, a code and a name given
    (``python main.py join``), the screen joins at once."""

    address: str = ""
    code: str = ""
    team: str = ""
    side: str | None = None
    computer: bool = False


@dataclass(frozen=True)
class Problems(Destination[Screen]):
    """What is wrong with a scenario file."""

    error: ScenarioError


@dataclass(frozen=True)
class Message(Destination[Screen]):
    """A title, some text and a way back."""

    title: str
    text: str | list[Span]
    subtitle: str = ""


@dataclass(frozen=True)
class Confirm(Destination[Screen]):
    """A message with a choice: *then* runs if the player goes on."""

    title: str
    text: str | list[Span]
    then: Callable[[], None]
    yes: str = "Go on"
    subtitle: str = ""


@dataclass(frozen=True)
class ReloadProblems(Destination[Screen]):
    """Over the table: what is wrong with the reloaded *file*, or what the rebuild lost."""

    file: str
    problems: list[Problem]
    warning: str | None = None


@dataclass(frozen=True)
class Crash(Destination[Screen]):
    """What happened after an unexpected error, and the way back into the game."""

    report: CrashReport
