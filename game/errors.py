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
