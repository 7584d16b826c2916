"""The game as one side sees it: what a player or the computer negotiator may know.

A :class:`SideView` holds one side's own private data (its brief, values, fallback and
personality), the public state of the table, the record that side may see and what the
other side revealed. The other side's private values are not in it at all, not even out of
reach: a view is built from copies and from model parts that carry no side's private data
(issues, meters, tactics), so nothing reachable from it leads to the other side's values.
The computer negotiator is given only views; a test walks every object a view can reach.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from game.conditions import Condition
from game.model import Issue, Meter, Phase, Side, Tactic
from game.moves import Entry, Move
from game.protocol import GameState
from game.settings import Settings

Package = tuple[int, ...]


@dataclass(frozen=True)
class OtherSide:
    """What everyone knows of the other delegation: who it is, not what it wants."""

    id: str
    name: str
    short: str
    negotiator: str


@dataclass(frozen=True, eq=False)
class OwnSpace:
    """Every package a deal may be (the scenario's coherent packages), with this side's
    own utility and whether the package crosses one of its own red lines. Made once per
    scenario, side and length of the talks, and told apart by identity (what the computer
    derives from it is kept with it, see :func:`game.negotiator._shared`)."""

    packages: Sequence[Package]
    index: Mapping[Package, int]
    utility: Sequence[float]
    crosses: Sequence[bool]
    by_utility: Sequence[int]
    """The packages crossing none of this side's red lines, worst to best for it."""
    positions: Sequence[tuple[str, Mapping[str, int]]]
    """For each issue: its id and option id -> option position."""
    derived: dict[tuple[int, ...], tuple[tuple[object, ...], Any]] = \
        field(default_factory=dict, repr=False)
    """What the computer derives from the space (:func:`game.negotiator._shared`): kept
    with it and gone with it."""


@dataclass(frozen=True)
class Knowledge:
    """What a side knows for the whole game: built once per game and side."""

    side: str
    seat: int
    """0 for the side that opens the talks, 1 for the other."""
    me: Side
    other: OtherSide
    settings: Settings
    """The rules of the day (public: both sides play by them)."""
    issues: tuple[Issue, ...]
    meters: tuple[Meter, ...]
    phases: tuple[Phase, ...]
    tactics: Mapping[str, Tactic]
    """The tactics this side may use, by id."""
    tactic_kinds: Mapping[str, str]
    """The kind of every tactic of the scenario, either side's, by id (the rules are
    public: each side sees what kind of move the other made, a threat say)."""
    space: OwnSpace
    conditions: Mapping[str, Condition]
    seed: int
    total_rounds: int


class SideView(NamedTuple):
    """One side's view of the game at one moment. See the module's docstring."""

    known: Knowledge
    state: GameState
    names: Mapping[str, float]
    """The numbers scenario conditions see (all public: meters, rounds, counts)."""
    offers: tuple[tuple[str, Package], ...]
    """Every proposal made so far, in order: (side, package)."""
    revealed: Mapping[str, tuple[str, ...]]
    """Side id -> the issue ids that side has said matter most to it, in order."""
    standing: Package | None
    """The proposal on the table, as option positions (``state.standing`` has its ids)."""
    batna: float
    """This side's fallback now (its own; effects may have moved it)."""
    stance: float
    """How much more (positive) or less willing to concede this side has become."""
    legal: tuple[Move, ...]
    record: tuple[Entry, ...]
    """The entries of the record this side may see."""
    across: Sequence[bool] | None = None
    """For each package (numbered as in ``known.space``), whether it crosses one of the
    red lines the other side has said aloud (a 'red_line' tactic): None until it has."""

    @property
    def side(self) -> str:
        return self.known.side

    @property
    def other(self) -> str:
        return self.known.other.id

    @property
    def me(self) -> Side:
        return self.known.me

    def holds(self, condition: str | None) -> bool:
        """Whether a condition written in the scenario holds now (no condition: True)."""
        if condition is None:
            return True
        return self.known.conditions[condition].holds(self.names)

    def standing_from_other(self) -> Package | None:
        """The other side's proposal on the table, if there is one."""
        if self.standing is None or self.state.standing_by != self.known.other.id:
            return None
        return self.standing

    def last_offer(self, side: str) -> Package | None:
        """*side*'s latest proposal, if it made one."""
        # A plain loop: the computer asks several times a move, and a generator costs more
        # to start than the few offers it would look at.
        for who, package in reversed(self.offers):
            if who == side:
                return package
        return None

    def package(self, chosen: Mapping[str, str]) -> Package:
        """``{issue_id: option_id}`` -> option positions."""
        return tuple([options[chosen[issue]] for issue, options in self.known.space.positions])

    def ids(self, package: Package) -> dict[str, str]:
        """Option positions -> ``{issue_id: option_id}``."""
        return {issue.id: issue.options[n].id for issue, n in zip(self.known.issues, package)}

    def utility(self, package: Package) -> float:
        """This side's own utility of *package*."""
        space = self.known.space
        return space.utility[space.index[package]]

    def crosses_said(self, package: Package) -> bool:
        """Whether *package* crosses one of the red lines the other side has said aloud."""
        across = self.across
        return across is not None and across[self.known.space.index[package]]
