"""Moves a side can make, and the entries of the game record."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

MoveKind = Literal["propose", "accept", "reject", "tactic", "walkout", "pass"]
MOVE_KINDS: tuple[MoveKind, ...] = ("propose", "accept", "reject", "tactic", "walkout",
                                    "pass")


@dataclass(frozen=True)
class Move:
    """One move: propose (or counter) a package, accept, reject, use a tactic, walk out,
    or pass (hold one's position and let the turn go by).

    ``package`` maps every issue id to an option id; ``tactic`` is a tactic id.
    """

    kind: MoveKind
    package: tuple[tuple[str, str], ...] | None = None
    tactic: str | None = None

    @classmethod
    def propose(cls, package: Mapping[str, str]) -> Move:
        return cls("propose", package=tuple(package.items()))

    @classmethod
    def accept(cls) -> Move:
        return cls("accept")

    @classmethod
    def reject(cls) -> Move:
        return cls("reject")

    @classmethod
    def use(cls, tactic: str) -> Move:
        return cls("tactic", tactic=tactic)

    @classmethod
    def walkout(cls) -> Move:
        return cls("walkout")

    @classmethod
    def wait(cls) -> Move:
        """Let the turn pass without a move (always legal while the game goes on)."""
        return cls("pass")

    @property
    def chosen(self) -> dict[str, str]:
        """The proposed package as ``{issue_id: option_id}`` (empty for other moves)."""
        return dict(self.package or ())

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind}
        if self.package is not None:
            data["package"] = dict(self.package)
        if self.tactic is not None:
            data["tactic"] = self.tactic
        return data

    @classmethod
    def from_json(cls, data: Any) -> Move:
        """Rebuild a move from :meth:`to_json` output; raises ``ValueError`` on bad data."""
        if not isinstance(data, dict) or data.get("kind") not in MOVE_KINDS:
            raise ValueError(f"not a move: {data!r}")
        extra = set(data) - {"kind", "package", "tactic"}
        if extra:
            raise ValueError(f"unknown fields in move: {sorted(extra)}")
        package = data.get("package")
        tactic = data.get("tactic")
        if package is not None and not (isinstance(package, dict) and all(
                isinstance(k, str) and isinstance(v, str) for k, v in package.items())):
            raise ValueError(f"a package must map issue ids to option ids: {package!r}")
        if tactic is not None and not isinstance(tactic, str):
            raise ValueError(f"a tactic must be an id: {tactic!r}")
        return cls(data["kind"], tuple(package.items()) if package is not None else None,
                   tactic)


EntryKind = Literal["phase", "event", "move", "reply", "reason", "effect", "outcome"]


@dataclass(frozen=True)
class Entry:
    """One line of the game record.

    ``private`` names the only side allowed to see the entry (a computer's reasoning,
    say) or is None for entries both sides see.
    """

    turn: int
    round: int
    phase: str
    kind: EntryKind
    text: str
    side: str | None = None
    move: dict[str, Any] | None = None
    cite: tuple[str, ...] = ()
    changes: dict[str, float] = field(default_factory=dict)
    private: str | None = None
    ref: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"turn": self.turn, "round": self.round, "phase": self.phase,
                                "kind": self.kind, "text": self.text}
        for name in ("side", "move", "private", "ref"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        if self.cite:
            data["cite"] = list(self.cite)
        if self.changes:
            data["changes"] = dict(self.changes)
        return data
