"""What one side learns about the other from the table alone: the opponent model.

It estimates the other side's utility of every package as a weighted sum, like the real
one, from nothing but a :class:`~game.view.SideView`:

* **option values** start from the guess that interests are opposed: on each issue, the
  option this side likes least is the other's favourite, and so on down. How far apart the
  options lie is guessed halfway between two readings: the other side values them alike
  (this side's values, mirrored), or it gains what this side loses (this side's values,
  upside down). The options the other side keeps proposing, its first proposals most, move
  that guess part of the way (at most halfway: a side that bids by its own model of this
  side fills its proposals with what it thinks this side wants, so reading values from
  proposals alone does worse than the guess). Its very first proposal is made at its
  ideal, so an option it opens with is taken for its favourite on that issue, whatever the
  guess said: the two sides may want the same thing;
* **issue weights** start even. Issues the other side has named as its priorities rank
  first, in the order named; among the rest, an issue the other side holds firm on while it
  moves on others weighs more, and one on which it gives up a lot weighs less (a side
  concedes first where conceding costs it least);
* **reactions**: after each of this side's tactics, how much better for this side the
  other's next offer was than its previous one, kept by tactic kind, so the negotiator can
  tell which kinds have moved this opponent.

A few offers already beat the opposed-interests guess; stated priorities sharpen it most.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence

from game.model import Issue
from game.moves import Entry
from game.view import Package, SideView

#: The spread of weights over issues ranked first to last (a lower number: steeper).
RANK_SPREAD = 2.5
#: How far what the other side keeps proposing may move its option values from the
#: opposed-interests guess (reached only after many proposals) ...
PROPOSED_SHARE = 0.5
#: ... how many proposals it takes to get halfway there ...
PROPOSED_PRIOR = 4.0
#: ... and how much less each later proposal counts than the one before (later ones are
#: nearer a compromise and say less about what it wants).
PROPOSED_DECAY = 0.85
#: Where on this side's own range (0 its worst option, 1 its best) the other side's opening
#: option must lie for the model to guess that their interests on the issue run alike.
#: Measured over 150 games of each shipped scenario: at 0.5 the February US model read
#: Russia's opening on the co-chairs' duties ("press their own side", 0.56 of the US range)
#: as alike and fell below the baseline; at 0.8 the main scenario's joint action (Russia
#: opens on joint execution, 0.75 of the US range) was missed.
ALIKE = 0.7
#: How far above the guess's favourite an option of the other side's first proposal is
#: put, on an issue where the guess ranked it lower.
OPENING_LEAD = 0.1


@functools.lru_cache(maxsize=64)
def _ranked(n: int) -> list[float]:
    """The share of the weight of the issue ranked first, second and so on, of *n* issues
    (shared: only read)."""
    ranked = [n - r + RANK_SPREAD for r in range(n)]
    total = sum(ranked)
    return [w / total for w in ranked]


def _scaled(values: list[float]) -> list[float]:
    """*values* stretched onto 0..1 (all 0.5 when they are equal)."""
    low, high = min(values), max(values)
    if high - low < 1e-12:
        return [0.5] * len(values)
    return [(v - low) / (high - low) for v in values]


def opposed_values(view: SideView) -> list[list[float]]:
    """The guess that interests are opposed: on each issue the option this side likes least
    is the other's favourite, and so on down. Each value lies halfway between this side's
    values mirrored (the option it likes least gets the value of its favourite, and so on)
    and its values upside down, both stretched onto 0..1."""
    result = []
    for own in _own_values(view):
        mirrored = [0.0] * len(own)
        for value, k in zip(sorted(own, reverse=True),
                            sorted(range(len(own)), key=lambda k: own[k])):
            mirrored[k] = value
        result.append([(a + b) / 2 for a, b in zip(_scaled(mirrored),
                                                   _scaled([-v for v in own]))])
    return result


def alike_values(view: SideView) -> list[list[float]]:
    """The guess that interests run alike: this side's own values, each issue's stretched
    onto 0..1."""
    return [_scaled(own) for own in _own_values(view)]


def _own_values(view: SideView) -> list[list[float]]:
    """This side's values of each issue's options, in the issues' and options' order."""
    me = view.known.me
    return [[me.values[issue.id][o.id] for o in issue.options] for issue in view.known.issues]


class OpponentNotes:
    """What one side has read of the other's moves so far: its proposals, a tally of the
    options they hold, and its answers to this side's tactics. A negotiator keeps its notes
    from one decision to the next, so each decision reads only what is new at the table;
    :meth:`model` gives the same model as one made afresh from the whole view."""

    def __init__(self, issues: Sequence[Issue], prior: list[list[float]],
                 alike: list[list[float]], *, positions: dict[str, int] | None = None
                 ) -> None:
        """*issues*: the scenario's; *prior*: :func:`opposed_values` for this side;
        *alike*: :func:`alike_values` for it; *positions*: issue id -> its position, when
        the caller has them (only read)."""
        self.prior = prior
        #: The guess on an issue where the other side opens on an option this side rates
        #: near its own best (:func:`alike_values`).
        self.alike = alike
        #: Issue id -> its position.
        self.positions = positions if positions is not None else \
            {issue.id: k for k, issue in enumerate(issues)}
        #: The share of the weight of the issue ranked first, second and so on.
        self.ranked = _ranked(len(issues))
        self._clear()

    def _clear(self) -> None:
        #: The other side's proposals, in order.
        self.offers: list[Package] = []
        #: counts[issue][option]: how often its proposals held the option, each later
        #: proposal counting less (see :data:`PROPOSED_DECAY`).
        self.counts = [[0.0] * len(row) for row in self.prior]
        #: Tactic kind -> how much better for this side the other's next offer was.
        self.responses: dict[str, list[float]] = {}
        # What has been read: the offers and the record of the last view.
        self._offers_read: tuple[tuple[str, Package], ...] = ()
        self._record_read: tuple[Entry, ...] = ()
        # Where the reading of the record stands: the other side's last proposal, and this
        # side's tactics since then.
        self._last_offer: Package | None = None
        self._pending: list[str] = []
        #: The round of the other side's first proposal (None: it has made none).
        self.first_round: int | None = None

    def read(self, view: SideView) -> None:
        """Take in what *view* shows beyond the last view read (everything, when *view*
        does not carry on from that one: another game, or the same one taken back)."""
        offers, record = view.offers, view.record
        if offers is self._offers_read and record is self._record_read:
            return  # the same view again
        if offers[:len(self._offers_read)] != self._offers_read or \
                record[:len(self._record_read)] != self._record_read:
            self._clear()
        other = view.other
        for who, package in offers[len(self._offers_read):]:
            if who == other:
                # Its first proposals are made nearest its ideal and count most.
                weight = PROPOSED_DECAY ** len(self.offers)
                for counts, option in zip(self.counts, package):
                    counts[option] += weight
                self.offers.append(package)

        # Reactions: the other side's next offer after each of this side's tactics, in
        # this side's own utility, against its offer before.
        space = view.known.space
        utility, index = space.utility, space.index
        tactics = view.known.tactics
        side = view.side
        for entry in record[len(self._record_read):]:
            move = entry.move
            if entry.kind != "move" or move is None:
                continue
            if entry.speaker == side and move.kind == "tactic" and move.tactic:
                self._pending.append(move.tactic)
            elif entry.speaker == other and move.kind == "propose" and entry.offer:
                package = view.package(entry.offer)
                if self._last_offer is not None:
                    gain = utility[index[package]] - utility[index[self._last_offer]]
                    for tactic_id in self._pending:
                        if tactic_id in tactics:
                            self.responses.setdefault(tactics[tactic_id].kind,
                                                      []).append(gain)
                self._pending = []
                self._last_offer = package
                if self.first_round is None:
                    self.first_round = entry.round
        self._offers_read, self._record_read = offers, record

    def model(self, view: SideView) -> OpponentModel:
        """The model of the other side from *view*, which these notes read first."""
        return OpponentModel(view, notes=self)


class OpponentModel:
    """The other side's utility as this side estimates it from one view."""

    def __init__(self, view: SideView, prior: list[list[float]] | None = None, *,
                 notes: OpponentNotes | None = None) -> None:
        """*prior*: :func:`opposed_values` for this side, when the caller keeps it;
        *notes*: what this side has read of the other so far, to be brought up to date
        with *view* (a model made from notes is the same as one made without)."""
        if notes is None:
            notes = OpponentNotes(view.known.issues, prior or opposed_values(view),
                                  alike_values(view))
        notes.read(view)
        known = view.known
        self.issues = known.issues
        offers = list(notes.offers)
        revealed = list(view.revealed[view.other])
        #: The other side's proposals, in order.
        self.offers = offers
        #: The issue ids the other side named as its priorities, in order.
        self.revealed = revealed
        self.known = bool(offers) or bool(revealed)
        n = len(self.issues)

        # Option values: the guess of opposed interests (copied: the notes keep it for the
        # next model). What its proposals hold: an option it keeps proposing on an issue,
        # above all in its first proposals (made nearest its ideal), is likely one it
        # values. On issues that weigh little to it, its proposals hold
        # what it thinks this side wants; those issues count little in its utility, so a
        # partial blend still gains.
        if offers:
            values = []
            blend = PROPOSED_SHARE * len(offers) / (len(offers) + PROPOSED_PRIOR)
            keep = 1 - blend
            for row, counts, alike, opened in zip(notes.prior, notes.counts, notes.alike,
                                                  offers[0]):
                # Its first proposal is made at its ideal: where that is an option this
                # side rates near its own best too (above ALIKE of its range), their
                # interests on the issue run alike, not opposed, and this side's own order
                # is the better guess (both delegations want joint strikes in the main
                # scenario, one planned, the other flown together).
                if alike[opened] > ALIKE:
                    row = alike
                # The counts stretched onto 0..1 (as by _scaled, in one pass), blended in.
                low, high = min(counts), max(counts)
                span = high - low
                if high <= low:
                    values.append(list(row))
                elif span >= 1e-12:
                    values.append([keep * v + blend * ((c - low) / span)
                                   for v, c in zip(row, counts)])
                else:
                    values.append([keep * v + blend * 0.5 for v in row])
            # Its first proposal is made at its ideal: what it holds on an issue is its
            # favourite there, even where the guess (opposed interests) said otherwise.
            for row, option in zip(values, offers[0]):
                top = max(row)
                if row[option] < top:
                    row[option] = top + OPENING_LEAD
        else:
            values = [list(row) for row in notes.prior]
        self.values = values

        # Issue weights: how firmly it holds each issue while it moves on others.
        firm = [0.0] * n
        moves = 0
        for before, after in zip(offers, offers[1:]):
            if before == after:
                continue
            moves += 1
            for i, (was, now) in enumerate(zip(before, after)):
                if was == now:
                    firm[i] += 1.0
                else:
                    # Giving up much of an issue's value says it weighs little.
                    drop = values[i][was] - values[i][now]
                    if drop > 0.0:
                        firm[i] -= drop
        named = [notes.positions[i] for i in revealed if i in notes.positions]
        # The firmest first; among equal ones, the first on the agenda (a stable sort).
        rest = sorted([k for k in range(n) if k not in named] if named else range(n),
                      key=firm.__getitem__, reverse=True)
        order = named + rest
        ranked = notes.ranked
        # Confidence in where an unnamed issue ranks grows with the moves seen.
        confidence = moves / (moves + 3.0)
        unnamed_mean = (sum(ranked[len(named):]) / len(rest)) if rest else 0.0
        weights = [0.0] * n
        for r, k in enumerate(order):
            if r < len(named):
                weights[k] = ranked[r]
            else:
                weights[k] = confidence * ranked[r] + (1 - confidence) * unnamed_mean
        total = sum(weights)
        self.weights = [w / total for w in weights]
        #: How sure it is of the weights, from 0 (nothing seen) towards 1.
        self.certainty = (len(named) + moves / 2) / (n + moves / 2 + 1)

        #: table[issue][option]: estimated weight * value, so a utility is one sum.
        self.table = [[w * v for v in values] for w, values in zip(self.weights, self.values)]

        #: Tactic kind -> how much better for this side the other's next offer was after
        #: each of this side's tactics of that kind, than its offer before.
        self.responses: dict[str, list[float]] = defaultdict(
            list, {kind: list(gains) for kind, gains in notes.responses.items()})

    def utility(self, package: Package) -> float:
        """The other side's utility of *package*, as this model estimates it."""
        return sum(row[o] for row, o in zip(self.table, package))

    def top_issue(self) -> str:
        """The id of the issue the model says matters most to the other side."""
        best = max(range(len(self.weights)), key=lambda k: self.weights[k])
        return self.issues[best].id


__all__ = ["OpponentModel", "OpponentNotes", "opposed_values"]
