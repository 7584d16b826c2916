"""The rules of the day a teacher picks: rounds, difficulty, undo."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, Literal

from game.errors import SettingsError

Difficulty = Literal["easy", "normal", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "normal", "hard")


@dataclass(frozen=True)
class Settings:
    """Settings a game is played under; recorded with the game."""

    rounds: int | None = None
    """Rounds in the scenario's adjustable phase (None keeps the scenario's number)."""
    difficulty: Difficulty = "normal"
    """How hard the computer negotiates."""
    undo: bool = True
    """Whether players may take moves back."""

    def __post_init__(self) -> None:
        if self.rounds is not None and (isinstance(self.rounds, bool) or
                                        not isinstance(self.rounds, int) or
                                        not 1 <= self.rounds <= 50):
            raise SettingsError(f"rounds must be a whole number from 1 to 50, "
                                f"not {self.rounds!r}")
        if self.difficulty not in DIFFICULTIES:
            raise SettingsError(f"difficulty must be one of {', '.join(DIFFICULTIES)}, "
                                f"not {self.difficulty!r}")
        if not isinstance(self.undo, bool):
            raise SettingsError(f"undo must be true or false, not {self.undo!r}")

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Any) -> Settings:
        """Settings from a mapping; raises :class:`SettingsError` naming the bad key."""
        if not isinstance(data, dict):
            raise SettingsError(f"settings must be a mapping, not {type(data).__name__}")
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            raise SettingsError(f"unknown setting {unknown[0]!r}; known settings: "
                                f"{', '.join(sorted(known))}")
        return cls(**data)
