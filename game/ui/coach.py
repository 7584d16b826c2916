"""The coach of a guided first game: it points at each part of the table as it comes to
matter (the objective, the agenda and package, the meters, the moves, the tactics, the
card of what changed, the brief's button), one short sentence each.

This module holds the steps and where the coaching stands; :mod:`game.ui.coach_screen`
draws a step over the table. Whether the coach has been shown on this computer is kept
beside the settings the window keeps (the platform's user config folder, or
$PARLEY_CONFIG), so the tutorial is coached the first time only unless asked again.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from game.settings import preferences_file

if TYPE_CHECKING:
    import pygame

log = logging.getLogger(__name__)

#: The scenario whose first game is coached unless the player turns the coach off.
TUTORIAL_ID = "tutorial"


@dataclass(frozen=True)
class Step:
    """One thing the coach points at: the table's *part* (see ``TableFace.coach_target``),
    a title and a sentence."""

    part: str
    title: str
    text: str


STEPS: tuple[Step, ...] = (
    Step("objective", "Your objective",
         "What a good result is for your side: beat your fallback (what you get with no "
         "deal) and keep your red lines."),
    Step("agenda", "The agenda and your package",
         "Each row is an issue: pick an option with Left/Right or the arrows. The bar below "
         "shows what your package is worth to you against your fallback."),
    Step("meters", "The meters",
         "Trust and the situation on the ground. Moves and events push them up or down; "
         "the number beside each shows how far it has moved, since the moment the "
         "panel's title names."),
    Step("moves", "Your moves",
         "1 puts your package on the table, 2 accepts the proposal there, 3 rejects it, "
         "4 passes and 5 walks out. A move ends your turn."),
    Step("tactics", "Tactics",
         "T opens the list of tactics. Ask what matters most to the other side, then "
         "trade: give what it wants and you value less for what you want most. Using one "
         "is your move."),
    Step("card", "What changed",
         "When the turn comes back to you, this card says what the other side did, what "
         "their offer is worth to you and what moved the meters. Backspace closes it."),
    Step("brief", "Your brief",
         "Your confidential brief: your priorities, your points and your fallback. F1 or "
         "this button opens it again at any time."),
)


class CoachedTable(Protocol):
    """What the coach asks of the table (:class:`game.ui.navigation.TableFace` has it)."""

    def coach_target(self, part: str) -> pygame.Rect | None:
        """Where *part* is on screen, or None while it is not there to be shown (not the
        player's turn yet, no card up)."""
        ...


class Coach:
    """Where the coaching of one game stands: the next step, and whether it has ended."""

    def __init__(self, shown: Callable[[], None] | None = None) -> None:
        """*shown* runs when the first step appears (to remember the coach was shown)."""
        self.next = 0
        self.ended = False
        self._shown = shown

    @property
    def current(self) -> Step | None:
        """The step to show next (None: the coaching is over)."""
        if self.ended or self.next >= len(STEPS):
            return None
        return STEPS[self.next]

    def due(self, table: CoachedTable) -> Step | None:
        """The next step if its part of *table* is there to be pointed at now."""
        step = self.current
        if step is None or table.coach_target(step.part) is None:
            return None
        return step

    def showing(self) -> None:
        """The current step is on screen."""
        if self._shown is not None:
            shown, self._shown = self._shown, None
            shown()

    def advance(self) -> None:
        """On to the next step."""
        self.next += 1

    def end(self) -> None:
        """No more steps (Esc)."""
        self.ended = True


def coach_file() -> Path:
    """Where the window remembers that the tutorial's coach was shown."""
    return preferences_file().parent / "coach.json"


def coached_before() -> bool:
    """Whether the coach has been shown on this computer (a file that cannot be read
    counts as not)."""
    try:
        data = json.loads(coach_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("shown") is True


def remember_coached() -> None:
    """Remember that the coach was shown; a folder that cannot be written is logged, and
    the coach comes again next time."""
    path = coach_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"shown": True}) + "\n", encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        log.warning("could not remember that the coach was shown: %s", exc)


def coach_by_default(scenario_id: str) -> bool:
    """The coach is on at first for the tutorial, until it has been shown once."""
    return scenario_id == TUTORIAL_ID and not coached_before()
