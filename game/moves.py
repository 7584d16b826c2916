"""Moves a side can make, and the entries of the game record."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

MoveKind = Literal["propose", "accept", "reject", "tactic", "walkout", "pass", "answer"]
MOVE_KINDS: tuple[MoveKind, ...] = ("propose", "accept", "reject", "tactic", "walkout",
                                    "pass", "answer")
#: How a side answers when asked what matters most: it names an issue, deflects or
#: declines.
ReplyKind = Literal["name", "deflect", "decline"]
REPLIES: tuple[ReplyKind, ...] = ("name", "deflect", "decline")


@dataclass(frozen=True)
class Move:
    """One move: propose (or counter) a package, accept, reject, use a tactic, walk out,
    or pass (hold one's position and let the turn go by); or, when the other side has asked
    what matters most, answer (name an issue, deflect or decline), which comes before the
    side's move and does not end its turn.

    ``package`` maps every issue id to an option id; ``tactic`` is a tactic id; ``reply``
    and ``issue`` say how a side answered; ``timed_out`` marks a move made for a side whose
    time ran out.
    """

    kind: MoveKind
    package: tuple[tuple[str, str], ...] | None = None
    tactic: str | None = None
    #: Made because the side's time ran out (a pass, or the computer's pick for it).
    timed_out: bool = False
    reply: ReplyKind | None = None
    issue: str | None = None

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
    def use(cls, tactic: str, issue: str | None = None) -> Move:
        """Use *tactic*; *issue*: for a tactic that says what matters most to the side, the
        issue it names (truly or not; None: its own top issue not named yet)."""
        return cls("tactic", tactic=tactic, issue=issue)

    @classmethod
    def walkout(cls) -> Move:
        return cls("walkout")

    @classmethod
    def answer(cls, issue: str) -> Move:
        """Answer "what matters most to you?" by naming *issue* (truly or not)."""
        return cls("answer", reply="name", issue=issue)

    @classmethod
    def deflect(cls) -> Move:
        """Answer "what matters most to you?" without naming anything."""
        return cls("answer", reply="deflect")

    @classmethod
    def decline(cls) -> Move:
        """Refuse to answer "what matters most to you?"."""
        return cls("answer", reply="decline")

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
        if self.reply is not None:
            data["reply"] = self.reply
        if self.issue is not None:
            data["issue"] = self.issue
        if self.timed_out:
            data["timeout"] = True
        return data

    def on_timeout(self) -> Move:
        """This move, marked as made because time ran out."""
        return Move(self.kind, self.package, self.tactic, True, self.reply, self.issue)

    @classmethod
    def from_json(cls, data: Any) -> Move:
        """Rebuild a move from :meth:`to_json` output; raises ``ValueError`` on bad data."""
        if not isinstance(data, dict) or data.get("kind") not in MOVE_KINDS:
            raise ValueError(f"not a move: {data!r}")
        extra = set(data) - {"kind", "package", "tactic", "timeout", "reply", "issue"}
        if extra:
            raise ValueError(f"unknown fields in move: {sorted(extra)}")
        package = data.get("package")
        tactic = data.get("tactic")
        if package is not None and not (isinstance(package, dict) and all(
                isinstance(k, str) and isinstance(v, str) for k, v in package.items())):
            raise ValueError(f"a package must map issue ids to option ids: {package!r}")
        if tactic is not None and not isinstance(tactic, str):
            raise ValueError(f"a tactic must be an id: {tactic!r}")
        timed_out = data.get("timeout", False)
        if not isinstance(timed_out, bool):
            raise ValueError(f"timeout must be true or false: {timed_out!r}")
        reply, issue = data.get("reply"), data.get("issue")
        if (data["kind"] == "answer") != (reply is not None) or \
                (reply is not None and reply not in REPLIES):
            raise ValueError(f"an answer must say how it answers ({', '.join(REPLIES)}): "
                             f"{data!r}")
        if issue is not None and not isinstance(issue, str):
            raise ValueError(f"an issue must be an id: {issue!r}")
        if data["kind"] == "answer" and (reply == "name") != (issue is not None):
            raise ValueError(f"an answer that names an issue must name exactly one: {data!r}")
        if data["kind"] not in ("answer", "tactic") and issue is not None:
            raise ValueError(f"only an answer or a tactic names an issue: {data!r}")
        return cls(data["kind"], tuple(package.items()) if package is not None else None,
                   tactic, timed_out, reply, issue)


#: The ``ref`` of the record's entry for a proposal that changes no meter yet is said: a
#: trade that comes out even, or more than was asked given for nothing in return; every
#: front end says it in words (see :meth:`game.engine.Game._do_propose`).
TRADE = "trade"
EntryKind = Literal["phase", "event", "move", "reply", "reason", "effect", "timeout",
                    "outcome"]
ChangeKind = Literal["meter", "batna", "stance"]


class Change(NamedTuple):
    """One change a move or event caused: a meter, a side's BATNA or a side's stance.

    ``target`` is the meter id (for a meter) or the side id (for a BATNA or a stance);
    ``after`` is the value once the change is made, so no reader re-adds deltas.
    (A named tuple, not a dataclass: a game makes thousands, and tuples are made fast.)
    """

    kind: ChangeKind
    target: str
    delta: float
    after: float

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "target": self.target, "delta": self.delta,
                "after": self.after}


class Entry(NamedTuple):
    """One line of the game record, as fields (never prose to be parsed again).

    * ``kind`` says what it is; ``speaker`` is the side that speaks or acts (None for the
      table itself: phases, events, effects, the outcome).
    * ``title`` is the headline (a phase, event, tactic or outcome name, or what caused an
      effect); ``body`` the text (a phase's description, an event's report, the line a
      delegation speaks, a computer's reason, an outcome's meaning).
    * ``move`` is the move made (for ``move`` and ``timeout`` entries); ``offer`` the package
      proposed, issue id -> option id.
    * ``changes`` are typed, each with the value after it.
    * ``private`` names the only side allowed to see the entry (a computer's reasoning, a
      change to one side's fallback) or is None for entries both sides see.
    * ``ref`` is the id of what the entry is about (phase, event, tactic, issue, outcome);
      ``occurrence`` how many times that event has happened so far (1 the first time).
    """

    turn: int
    round: int
    phase: str
    kind: EntryKind
    title: str = ""
    body: str = ""
    speaker: str | None = None
    move: Move | None = None
    offer: Mapping[str, str] | None = None
    cite: tuple[str, ...] = ()
    changes: tuple[Change, ...] = ()
    private: str | None = None
    ref: str | None = None
    occurrence: int = 1

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"turn": self.turn, "round": self.round, "phase": self.phase,
                                "kind": self.kind}
        for name in ("title", "body"):
            if getattr(self, name):
                data[name] = getattr(self, name)
        for name in ("speaker", "private", "ref"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        if self.move is not None:
            data["move"] = self.move.to_json()
        if self.offer is not None:
            data["offer"] = dict(self.offer)
        if self.cite:
            data["cite"] = list(self.cite)
        if self.changes:
            data["changes"] = [c.to_json() for c in self.changes]
        if self.occurrence != 1:
            data["occurrence"] = self.occurrence
        return data
