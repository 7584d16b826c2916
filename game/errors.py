"""Every error Parley raises on purpose, in one place.

Front ends catch :class:`ParleyError` at their boundary and show its message; anything
else that escapes is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass


class ParleyError(Exception):
    """Base of every error Parley raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario file, with where it is."""

    file: str
    line: int
    column: int
    path: str
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        field = f" [{self.path}]" if self.path else ""
        return f"{where}: {self.severity}:{field} {self.message}"


class ScenarioError(ParleyError):
    """A scenario file that cannot be used; carries every problem found at once."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in scenario"
        super().__init__(head + ":\n" + "\n".join(str(p) for p in self.problems))


class IllegalMoveError(ParleyError, ValueError):
    """A move that is not legal in the game's current state."""


class SaveError(ParleyError):
    """A saved game that cannot be read or replayed."""


class SettingsError(ParleyError):
    """Game settings that are out of range or unknown."""


class ScenarioNotFoundError(SaveError):
    """The scenario a save was played on is in none of the places Parley looked.

    The message says which scenario (title and id), every place looked in with what was
    found there, and what to do; the parts are kept for front ends that lay them out."""

    def __init__(self, title: str, scenario_id: str, looked: list[str], advice: str) -> None:
        self.title = title
        self.scenario_id = scenario_id
        self.looked = list(looked)
        self.advice = advice
        places = "\n".join(f"  - {place}" for place in self.looked)
        super().__init__(f"cannot find the scenario this game was played on: {title!r} "
                         f"({scenario_id}). Parley looks for the very file the game was "
                         "played on, by its content; an edited version of it is used only "
                         "from the file recorded in the save or a scenario file named on "
                         f"the command line. It looked in:\n{places}\n{advice}")
