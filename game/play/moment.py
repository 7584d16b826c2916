"""What changed in a turn, as one side may see it: who did what, what an offer made is
worth against the fallback, issue by issue beside the side's own last offer, and every
meter change with its cause (events included).

It reads the structured record (:class:`~game.moves.Entry` and its typed
:class:`~game.moves.Change` values) and takes every figure from the one place that
computes it: points from the outcome space (:meth:`game.analysis.OutcomeSpace.utility_of`),
the fallback from the engine. No front end parses text to build it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from game.analysis import points
from game.engine import Game
from game.moves import TRADE, Entry
from game.play.wording import LOSS, crossing, event_title, offer_rows, signed


@dataclass(frozen=True)
class Act:
    """A move made: by *side* (its name in *who*), *what* it was (the record's title), and
    whether it was made because time ran out."""

    side: str
    who: str
    what: str
    timed_out: bool = False
    kind: str = ""
    """The move's kind ("reject", "tactic", "answer", ...; empty for a statement that
    follows a tactic)."""
    reply: str = ""
    """For an answer to "what matters most": "name", "deflect" or "decline"."""
    named: str = ""
    """The issue a side said matters to it (answering, or unasked), by its name."""
    words: str = ""
    """What the computer's delegation said in reply to a tactic (a tactic's ``reply``)."""


@dataclass(frozen=True)
class Worth:
    """What an offer is worth to *side*, in points, against its fallback now."""

    side: str
    who: str
    points: int
    fallback: int
    crosses: bool
    crossed: tuple[str, ...] = ()
    """The texts of the red lines it crosses, for the side itself (empty when the card is
    shown to both sides at once: red lines are private)."""
    above: float = 0.0
    """Its worth less the fallback, unrounded: an offer of 40 points against a fallback of
    40 may still lie a little above or below it (play had said "no better than the
    fallback" of one the terminal called less than a point above it)."""

    @property
    def good(self) -> bool:
        """Whether it is better than no deal: above the fallback, across no red line."""
        return not self.crosses and self.above > 1e-9

    @property
    def verdict(self) -> str:
        if self.crossed:
            return f"{crossing(self.crossed)}: {LOSS}"
        if self.crosses:
            return f"crosses a red line: {LOSS}"
        if self.points > self.fallback:
            return f"{self.points - self.fallback} above the fallback"
        if self.points == self.fallback:
            if abs(self.above) <= 1e-9:
                return "no better than the fallback"
            return f"less than a point {'above' if self.above > 0 else 'below'} the fallback"
        return f"{self.fallback - self.points} below the fallback"


@dataclass(frozen=True)
class OfferRow:
    """One issue of an offer: its name, the option offered, and the viewer's own last offer
    on it (None: the viewer has made none)."""

    issue: str
    offered: str
    own: str | None

    @property
    def same(self) -> bool:
        return self.own == self.offered


@dataclass(frozen=True)
class Offer:
    """The last offer made in the turn: by whom, issue by issue, and its worth."""

    side: str
    who: str
    rows: tuple[OfferRow, ...]
    worth: tuple[Worth, ...]
    whose: str = ""
    """Its maker's name as a possessive at the start of a sentence ("The United States'")."""


@dataclass(frozen=True)
class MeterChange:
    """A meter's change, with the value after it and its cause (the record's words)."""

    meter: str
    delta: float
    after: float
    cause: str

    @property
    def text(self) -> str:
        return f"{self.meter} {signed(self.delta)} (now {self.after:g})"


@dataclass(frozen=True)
class Moment:
    """What changed: the acts in order, the events, the last offer and the changes."""

    round: int
    acts: tuple[Act, ...]
    events: tuple[str, ...]
    offer: Offer | None
    changes: tuple[MeterChange, ...]
    fallback: tuple[str, ...]
    notes: tuple[str, ...] = ()
    """What the record says of a move that changed no meter: a trade of an agreed point
    that came out even (the log's line; the card showed nothing of it)."""
    acts_before: tuple[int, ...] = ()
    """For each event, how many of the acts came before it: the card tells them in the
    record's order (it listed an event of the round's start after the move that followed
    it, a window playtest)."""

    @property
    def empty(self) -> bool:
        return not (self.acts or self.events or self.changes or self.notes)


def since_last_move(entries: Sequence[Entry], side: str | None, start: int = 0) -> int:
    """Where what changed for *side* begins in *entries*: at its own last move (so its
    move and all that followed are told), or at *start* when it has made none since."""
    for n in range(len(entries) - 1, start - 1, -1):
        entry = entries[n]
        if entry.kind == "move" and entry.speaker == side:
            return n
    return start


def what_changed(game: Game, entries: Sequence[Entry], viewer: str | None) -> Moment:
    """What *entries* (a part of what *viewer* may see; None: both sides, a demo) show.

    An offer is weighed for the viewer, or for each side when no one is seated; a private
    entry of the other side is never read (the caller passes only what the viewer sees,
    and entries private to another side are skipped here too)."""
    scenario = game.scenario
    names = {m.id: m.name for m in scenario.meters}
    issue_ids = {issue.id for issue in scenario.issues}
    tactic_ids = {tactic.id for tactic in scenario.tactics}
    acts: list[Act] = []
    events: list[str] = []
    acts_before: list[int] = []
    changes: list[MeterChange] = []
    fallback: list[str] = []
    notes: list[str] = []
    offer: Offer | None = None
    timed_out: set[str] = set()
    round_ = entries[-1].round if entries else game.state.round
    for entry in entries:
        if entry.private is not None and entry.private != viewer:
            continue
        if entry.kind == "timeout" and entry.speaker is not None:
            timed_out.add(entry.speaker)
        elif entry.kind in ("move", "reply") and entry.speaker is not None:
            side = entry.speaker
            timed = side in timed_out or (entry.move is not None and entry.move.timed_out)
            timed_out.discard(side)
            move = entry.move
            kind = move.kind if move is not None else ""
            # An answer without a reply is a deflection, as the engine takes it.
            reply = (move.reply or "deflect") if move is not None and kind == "answer" else ""
            # What a side says matters to it is said at the table: the card names it.
            named = scenario.issue(entry.ref).name \
                if entry.kind == "reply" and entry.ref in issue_ids else ""
            # Words in reply to a tactic are the act itself: the card quotes them.
            words = entry.body if entry.kind == "reply" and move is None and \
                entry.ref in tactic_ids else ""
            acts.append(Act(side, scenario.sides[side].name, entry.title, timed, kind, reply,
                            named, words))
            if entry.offer is not None:
                offer = _offer(game, side, entry.offer, viewer)
        elif entry.kind == "event":
            events.append(event_title(entry))
            acts_before.append(len(acts))
        elif entry.kind == "effect":
            for change in entry.changes:
                if change.kind == "meter":
                    changes.append(MeterChange(names.get(change.target, change.target),
                                               change.delta, change.after, entry.title))
                elif change.kind == "batna" and change.target == viewer:
                    fallback.append(f"Your fallback {signed(points(change.delta))} points "
                                    f"(now {points(change.after)}): {entry.title}")
            if entry.ref == TRADE and not entry.changes:
                notes.append(entry.title)
    return Moment(round_, tuple(acts), tuple(events), offer, tuple(changes), tuple(fallback),
                  tuple(notes), tuple(acts_before))


def _offer(game: Game, side: str, offered: Mapping[str, str],
           viewer: str | None) -> Offer:
    scenario = game.scenario
    chosen = dict(offered)
    own = game.state.last_offer(viewer) if viewer is not None and viewer != side else None
    own_rows = dict(offer_rows(scenario, own)) if own is not None else {}
    rows = tuple(OfferRow(issue, option, own_rows.get(issue) if own is not None else None)
                 for issue, option in offer_rows(scenario, chosen))
    space = game.space
    package = space.package_of(chosen)
    worth: list[Worth] = []
    if package is not None:
        for who in ([viewer] if viewer is not None else list(game.sides)):
            crossed = tuple(space.red_lines_crossed(who, package))
            value, fallback = space.utility_of(who, package), game.fallback(who)
            worth.append(Worth(who, scenario.sides[who].called, points(value),
                               points(fallback), bool(crossed),
                               crossed if viewer is not None else (), value - fallback))
    spec = scenario.sides[side]
    return Offer(side, spec.name, rows, tuple(worth), spec.whose_first)
