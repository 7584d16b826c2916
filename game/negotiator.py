"""The computer negotiator.

It plays one side with well-known strategies from negotiation research:

* time-dependent concession (Faratin et al.): its target utility falls from its opening
  level towards its reservation level as the deadline nears, late (Boulware), steadily
  (linear) or early (Conceder);
* relative tit-for-tat: it concedes, in its own utility, as much as the other side's last
  offer conceded to it;
* an opponent model built only from what it has seen at the table (the other side's offers,
  and any priority the other side revealed): issues the other side rarely moves on weigh
  more, options it offers often are worth more to it. Among packages it could offer at its
  target, it picks the one the model says the other side likes best.

It is given only a :class:`~game.view.SideView`: its own side's private data, the public
state and the record its side may see. The other side's private values are not in a view,
so it cannot read them. Every decision comes with a one-sentence reason, kept in the game
record for the debrief.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass

from game.analysis import Package, points
from game.model import Personality, Strategy
from game.moves import Move
from game.settings import Difficulty
from game.view import SideView

#: Concession exponents of the time-dependent strategies (below 1: concede late).
EXPONENTS = {"boulware": 0.35, "linear": 1.0, "conceder": 2.5, "tit_for_tat": 1.0}


@dataclass(frozen=True)
class Decision:
    move: Move
    reason: str


def tuned(personality: Personality, difficulty: Difficulty) -> tuple[Personality, float]:
    """The personality a difficulty level plays, and how fully it uses its opponent model
    (0 = not at all, 1 = fully)."""
    if difficulty == "easy":
        return replace_personality(personality, margin=max(personality.margin - 0.04, 0.01),
                                   tactic_rate=personality.tactic_rate * 0.6,
                                   strategy="conceder"), 0.0
    if difficulty == "hard":
        strategy = "boulware" if personality.strategy != "tit_for_tat" else "tit_for_tat"
        return replace_personality(personality, margin=min(personality.margin + 0.04, 0.5),
                                   strategy=strategy), 1.0
    return personality, 0.7


def replace_personality(personality: Personality, **changes: object) -> Personality:
    return personality.model_copy(update=changes)


class OpponentModel:
    """What one side has learnt about the other from the table alone."""

    def __init__(self, view: SideView) -> None:
        self.issues = view.known.issues
        other = view.other
        # Both come from what was said at the table: the other side's proposals, and the
        # priorities it revealed when asked or when it chose to state them.
        offers = [package for who, package in view.offers if who == other]
        revealed = view.revealed[other]
        self.offers = offers
        weights = [1.0] * len(self.issues)
        for before, after in zip(offers, offers[1:]):
            for i, (a, b) in enumerate(zip(before, after)):
                if a == b:
                    weights[i] += 0.25
        positions = {issue.id: n for n, issue in enumerate(self.issues)}
        for rank, issue_id in enumerate(revealed):
            weights[positions[issue_id]] += 2.0 / (rank + 1)
        total = sum(weights)
        self.weights = [w / total for w in weights]
        self.values: list[list[float]] = []
        for i, issue in enumerate(self.issues):
            counts = [0] * len(issue.options)
            for offer in offers:
                counts[offer[i]] += 1
            top = max(counts) + 1
            self.values.append([(count + 1) / top for count in counts])
        self.known = bool(offers) or bool(revealed)

        #: table[issue][option]: estimated weight * value, so a utility is one sum.
        self.table = [[w * v for v in values] for w, values in zip(self.weights, self.values)]

    def utility(self, package: Package) -> float:
        """The other side's utility of *package*, as this model estimates it."""
        return sum(row[o] for row, o in zip(self.table, package))


class Negotiator:
    """Plays one side at a difficulty; call :meth:`decide` with that side's view on its
    turns. It never holds the game, only what a view gives it."""

    def __init__(self, view: SideView, difficulty: Difficulty | None = None,
                 strategy: Strategy | None = None, tactics: bool = True) -> None:
        known = view.known
        #: Whether it uses tactics at all (off: only offers and answers to them).
        self.tactics = tactics
        self.side = known.side
        self.other = known.other.id
        self.difficulty: Difficulty = difficulty or known.settings.difficulty
        self.personality, self.modelling = tuned(known.me.personality, self.difficulty)
        if strategy is not None:  # a balancing run trying every strategy
            self.personality = replace_personality(self.personality, strategy=strategy)
        space = known.space
        self.space = space
        self.own = space.utility
        self.allowed = [n for n in range(len(space.packages)) if not space.crosses[n]]
        self.by_utility = sorted(self.allowed, key=lambda n: self.own[n])
        self.sorted_values = [self.own[n] for n in self.by_utility]
        self.best = self.own[self.by_utility[-1]] if self.by_utility else 0.0
        self.name = known.me.name
        self._seat = known.seat
        self._cached: tuple[tuple[int, int], OpponentModel] | None = None

    # ----- the decision -----------------------------------------------------------------

    def decide(self, view: SideView) -> Decision:
        """Choose a legal move for this side, with a one-sentence reason."""
        state = view.state
        assert state.to_move == self.side and view.side == self.side, \
            "not this negotiator's turn"
        rng = random.Random(view.known.seed * 7_919 + state.turn * 2 + self._seat + 17)
        legal = view.legal
        kinds = {m.kind for m in legal}
        model = self._model(view)
        target = self.target(view, model)
        reserve = self.reserve(view)
        standing = view.standing_from_other()
        index = self.space.index

        if "walkout" in kinds and self.personality.walkout_when and \
                view.holds(self.personality.walkout_when):
            return Decision(Move.walkout(), f"{self.name} walked out: the talks reached its "
                                            f"breaking point ({self.personality.walkout_when}).")

        if standing is not None and "accept" in kinds:
            value = self.own[index[standing]]
            crossed = self.space.crosses[index[standing]]
            floor = reserve if not state.last_turn else view.batna + 0.005
            if not crossed and value >= max(min(target, self._next_offer_value(target)),
                                            floor):
                return Decision(Move.accept(), f"Accepted: the offer is worth {points(value)} "
                                               f"points to {self.name}, at or above its "
                                               f"target ({points(target)}) and its fallback "
                                               f"({points(view.batna)}).")
            if state.last_turn:
                why = ("it crosses one of its red lines" if crossed else
                       f"it is worth {points(value)} points, no better than its "
                       f"fallback ({points(view.batna)})")
                move = Move.reject() if "reject" in kinds else Move.wait()
                return Decision(move, f"Refused the final offer: {why}.")

        tactic = self._tactic(view, legal, model, target, rng)
        if tactic is not None:
            return tactic

        if "propose" in kinds:
            package = self._choose(model, target, rng)
            value = self.own[index[package]]
            if standing is not None and package == standing and "accept" in kinds:
                return Decision(Move.accept(), f"Accepted: the offer on the table is what "
                                               f"{self.name} would have proposed itself.")
            if package == view.last_offer(self.side) and standing is None and \
                    state.standing_by == self.side:
                return Decision(Move.wait(), f"Held its offer: nothing new to give at its "
                                             f"target of {points(target)} points.")
            how = ("its model of the other side's wishes" if model.known and self.modelling
                   else "its own priorities")
            return Decision(Move.propose(view.ids(package)),
                            f"Proposed a package worth {points(value)} points to {self.name} "
                            f"(target {points(target)}), chosen by {how}.")
        if standing is not None and "reject" in kinds:
            return Decision(Move.reject(), "Rejected the offer: it is below its target and "
                                           "it may not counter in this phase.")
        return Decision(Move.wait(), "Held its position: no move would improve on it.")

    def model(self, view: SideView) -> OpponentModel:
        """What it has learnt of the other side from *view*."""
        return self._model(view)

    def _model(self, view: SideView) -> OpponentModel:
        # The model changes only when the other side proposes or reveals something.
        key = (len(view.offers), len(view.revealed[self.other]))
        if self._cached is None or self._cached[0] != key:
            self._cached = (key, OpponentModel(view))
        return self._cached[1]

    # ----- targets ----------------------------------------------------------------------

    def reserve(self, view: SideView) -> float:
        """The lowest utility it will accept now: just above its fallback, lowered by how
        far its stance has softened (never to its fallback or below)."""
        margin = max(self.personality.margin - max(view.stance, 0.0), 0.01)
        return min(view.batna + margin + max(-view.stance, 0.0), self.best)

    def target(self, view: SideView, model: OpponentModel) -> float:
        """The utility it aims for at this point of the game."""
        reserve = self.reserve(view)
        start = max(self.best * self.personality.opening, reserve)
        total = view.known.total_rounds
        time = (view.state.round - 1) / max(total - 1, 1)
        strategy = self.personality.strategy
        index = self.space.index
        if strategy == "tit_for_tat":
            target = start
            offers = model.offers
            for before, after in zip(offers, offers[1:]):
                moved = self.own[index[after]] - self.own[index[before]]
                target -= max(moved, 0.0)
            # Time pressure keeps two mirrors from waiting on each other forever.
            if time > 0.6:
                target -= (target - reserve) * (time - 0.6) / 0.4
            target -= max(view.stance, 0.0)
        else:
            exponent = EXPONENTS[strategy]
            target = start - (start - reserve) * time ** (1 / exponent)
            target -= max(view.stance, 0.0) * (1 - time)
        return round(max(target, reserve), 4)

    def _candidates(self, target: float, band: float = 0.06) -> list[int]:
        low = bisect.bisect_left(self.sorted_values, target - 1e-9)
        high = bisect.bisect_right(self.sorted_values, target + band)
        return self.by_utility[low:high] or self.by_utility[low:low + 1] or \
            self.by_utility[-1:]

    def _choose(self, model: OpponentModel, target: float, rng: random.Random) -> Package:
        candidates = self._candidates(target)
        packages = self.space.packages
        if model.known and self.modelling:
            weight, own, rows = self.modelling, self.own, model.table
            scored = []
            for n in candidates:  # the hot loop of a simulation: kept plain
                estimate = 0.0
                for row, option in zip(rows, packages[n]):
                    estimate += row[option]
                scored.append((-(weight * estimate + (1 - weight) * own[n]), n))
            scored.sort()
            pick = scored[0][1] if rng.random() < 0.8 or len(scored) < 2 else scored[1][1]
        else:
            pick = rng.choice(candidates)
        return packages[pick]

    def _next_offer_value(self, target: float) -> float:
        return min((self.own[n] for n in self._candidates(target)), default=target)

    # ----- tactics ----------------------------------------------------------------------

    def _tactic(self, view: SideView, legal: tuple[Move, ...], model: OpponentModel,
                target: float, rng: random.Random) -> Decision | None:
        own = view.known.tactics
        tactics = [own[m.tactic] for m in legal if m.kind == "tactic" and m.tactic]
        if not self.tactics:
            return None
        state = view.state
        if not tactics or state.round >= view.known.total_rounds:
            return None  # the last round is for offers: a tactic then wastes the move
        kinds = {m.kind for m in legal}
        opening_statement = next((t for t in tactics if t.kind == "statement"), None)
        if opening_statement is not None and not view.offers:
            return Decision(Move.use(opening_statement.id),
                            "Opened with a statement of its public position.")
        if "propose" in kinds and rng.random() >= self.personality.tactic_rate:
            return None
        meters = state.meters
        trust = meters.get("trust", 50.0)
        support = next((meters[m.id] for m in view.known.meters if m.side == self.side), 50.0)
        standing = view.standing_from_other()
        gap = target - self.own[self.space.index[standing]] if standing is not None else 0.0
        scores: list[tuple[float, str, str]] = []
        for tactic in tactics:
            kind = tactic.kind
            if kind == "question":
                score, why = (0.6 if len(model.offers) < 3 else 0.2), "to learn what the other side values most"
            elif kind == "preference":
                score, why = (0.5 if gap > 0.1 else 0.15), "so the other side sees where it cannot move"
            elif kind == "appeal":
                score, why = (0.7 if trust < 40 else 0.3), "to rebuild trust around the shared aim"
            elif kind == "concession":
                score, why = (0.6 if trust < 30 else 0.2), "to buy goodwill while trust is low"
            elif kind == "threat":
                late = state.round >= view.known.total_rounds // 2
                score, why = (0.6 if gap > 0.15 and late else 0.05), "to press a side whose offers stay far from its target"
            elif kind == "precondition":
                score, why = (0.55 if gap > 0.1 else 0.2), "to put its condition back on the table"
            elif kind == "allies":
                score, why = (0.5 if support < 50 else 0.1), "to shore up support at home"
            else:
                score, why = 0.2, "to restate its position"
            scores.append((score * (0.5 + rng.random()), tactic.id, why))
        scores.sort(reverse=True)
        score, tactic_id, why = scores[0]
        if score < 0.25:
            return None
        return Decision(Move.use(tactic_id), f"Used '{own[tactic_id].name}' {why}.")


__all__ = ["Decision", "Negotiator", "OpponentModel"]
