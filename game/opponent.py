"""What one side learns about the other from the table alone: the opponent model.

It estimates the other side's utility of every package as a weighted sum, like the real
one, from nothing but a :class:`~game.view.SideView`:

* **option values** start from the guess that interests are opposed and valued alike: on
  each issue, the option this side likes least is worth to the other what this side's
  favourite is worth to it, and so on down. The options the other side keeps proposing,
  its first proposals most, move that guess part of the way (at most halfway: a side that
  bids by its own model of this side fills its proposals with what it thinks this side
  wants, so reading values from proposals alone does worse than the guess);
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

from collections import defaultdict

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


def _scaled(values: list[float]) -> list[float]:
    """*values* stretched onto 0..1 (all 0.5 when they are equal)."""
    low, high = min(values), max(values)
    if high - low < 1e-12:
        return [0.5] * len(values)
    return [(v - low) / (high - low) for v in values]


def opposed_values(view: SideView) -> list[list[float]]:
    """The guess that interests are opposed, shaped like this side's own values: on each
    issue the option this side likes least gets the value this side gives its favourite,
    and so on down (stretched onto 0..1)."""
    me = view.known.me
    result = []
    for issue in view.known.issues:
        own = [me.values[issue.id][o.id] for o in issue.options]
        mirrored = [0.0] * len(own)
        for value, k in zip(sorted(own, reverse=True),
                            sorted(range(len(own)), key=lambda k: own[k])):
            mirrored[k] = value
        result.append(_scaled(mirrored))
    return result


class OpponentModel:
    """The other side's utility as this side estimates it from one view."""

    def __init__(self, view: SideView,
                 prior: list[list[float]] | None = None) -> None:
        """*prior*: :func:`opposed_values` for this side, when the caller keeps it."""
        known = view.known
        self.issues = known.issues
        other = view.other
        offers = [package for who, package in view.offers if who == other]
        revealed = list(view.revealed[other])
        #: The other side's proposals, in order.
        self.offers = offers
        #: The issue ids the other side named as its priorities, in order.
        self.revealed = revealed
        self.known = bool(offers) or bool(revealed)
        n = len(self.issues)

        # Option values: opposed interests, shaped like this side's own.
        self.values: list[list[float]] = [list(v) for v in (prior or opposed_values(view))]
        # What its proposals hold: an option it keeps proposing on an issue, above all in
        # its first proposals (made nearest its ideal), is likely one it values. On issues
        # that weigh little to it, its proposals hold what it thinks this side wants; those
        # issues count little in its utility, so a partial blend still gains.
        if offers:
            blend = PROPOSED_SHARE * len(offers) / (len(offers) + PROPOSED_PRIOR)
            for i, values in enumerate(self.values):
                counts = [0.0] * len(values)
                for k, package in enumerate(offers):
                    counts[package[i]] += PROPOSED_DECAY ** k
                if max(counts) > min(counts):
                    proposed = _scaled(counts)
                    self.values[i] = [(1 - blend) * v + blend * f
                                      for v, f in zip(values, proposed)]

        # Issue weights: how firmly it holds each issue while it moves on others.
        firm = [0.0] * n
        moves = 0
        for before, after in zip(offers, offers[1:]):
            if before == after:
                continue
            moves += 1
            for i in range(n):
                if before[i] == after[i]:
                    firm[i] += 1.0
                else:
                    # Giving up much of an issue's value says it weighs little.
                    drop = self.values[i][before[i]] - self.values[i][after[i]]
                    firm[i] -= max(drop, 0.0)
        positions = {issue.id: k for k, issue in enumerate(self.issues)}
        named = [positions[i] for i in revealed if i in positions]
        rest = sorted((k for k in range(n) if k not in named), key=lambda k: -firm[k])
        order = named + rest
        ranked = [n - r + RANK_SPREAD for r in range(n)]
        total = sum(ranked)
        ranked = [w / total for w in ranked]
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

        # Reactions: the other side's next offer after each of this side's tactics, in
        # this side's own utility, against its offer before.
        space = known.space
        utility = space.utility
        index = space.index
        self.responses: dict[str, list[float]] = defaultdict(list)
        tactics = known.tactics
        last_offer: Package | None = None
        pending: list[str] = []
        for entry in view.record:
            move = entry.move
            if entry.kind != "move" or move is None:
                continue
            if entry.speaker == view.side and move.kind == "tactic" and move.tactic:
                pending.append(move.tactic)
            elif entry.speaker == other and move.kind == "propose" and entry.offer:
                package = view.package(entry.offer)
                if last_offer is not None:
                    gain = utility[index[package]] - utility[index[last_offer]]
                    for tactic_id in pending:
                        if tactic_id in tactics:
                            self.responses[tactics[tactic_id].kind].append(gain)
                pending = []
                last_offer = package

    def utility(self, package: Package) -> float:
        """The other side's utility of *package*, as this model estimates it."""
        return sum(row[o] for row, o in zip(self.table, package))

    def top_issue(self) -> str:
        """The id of the issue the model says matters most to the other side."""
        best = max(range(len(self.weights)), key=lambda k: self.weights[k])
        return self.issues[best].id


__all__ = ["OpponentModel", "opposed_values"]
