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

It reads its own side's private data, the public state and the log entries its side may
see: never the other side's private values. Every decision comes with a one-sentence
reason, kept in the game record for the debrief.
"""

from __future__ import annotations

import bisect
import random
from dataclasses import dataclass

from game.analysis import Package, points, to_ids
from game.engine import Game
from game.model import Personality, Strategy
from game.moves import Move
from game.settings import Difficulty

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

    def __init__(self, game: Game, side: str) -> None:
        scenario = game.scenario
        self.issues = scenario.issues
        other = scenario.other(side)
        # Both come from what was said at the table: the other side's proposals, and the
        # priorities it revealed when asked or when it chose to state them.
        offers = [package for who, package in game.offer_history if who == other]
        revealed = game.revealed[other]
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
    """Plays *side* of a game at a difficulty; call :meth:`decide` on its turns."""

    def __init__(self, game: Game, side: str, difficulty: Difficulty | None = None,
                 strategy: Strategy | None = None) -> None:
        self.side = side
        self.index = game.sides.index(side)
        self.other = game.scenario.other(side)
        self.difficulty: Difficulty = difficulty or game.settings.difficulty
        self.personality, self.modelling = tuned(game.scenario.sides[side].personality,
                                                 self.difficulty)
        if strategy is not None:  # a balancing run trying every strategy
            self.personality = replace_personality(self.personality, strategy=strategy)
        space = game.space
        self.own = space.utility[side]
        self.allowed = [n for n in range(len(space.packages)) if not space.crosses[side][n]]
        self.by_utility = sorted(self.allowed, key=lambda n: self.own[n])
        self.sorted_values = [self.own[n] for n in self.by_utility]
        self.best = self.own[self.by_utility[-1]] if self.by_utility else 0.0
        self.name = game.scenario.sides[side].name
        self._cached: tuple[tuple[int, int], OpponentModel] | None = None

    # ----- the decision -----------------------------------------------------------------

    def decide(self, game: Game) -> Decision:
        """Choose a legal move for this side, with a one-sentence reason."""
        assert game.to_move == self.side, "not this negotiator's turn"
        rng = random.Random(game.seed * 7_919 + game.turn * 2 + self.index + 17)
        legal = game.legal_moves()
        kinds = {m.kind for m in legal}
        model = self._model(game)
        target = self.target(game, model)
        reserve = self.reserve(game)
        standing = self._standing(game)

        if "walkout" in kinds and self.personality.walkout_when and \
                game.holds(self.personality.walkout_when):
            return Decision(Move.walkout(), f"{self.name} walked out: the talks reached its "
                                            f"breaking point ({self.personality.walkout_when}).")

        if standing is not None and "accept" in kinds:
            value = self.own[game.space.index[standing]]
            crossed = game.space.crosses[self.side][game.space.index[standing]]
            floor = reserve if not game.last_turn else game.batna[self.side] + 0.005
            if not crossed and value >= max(min(target, self._next_offer_value(game, model,
                                                                             target)), floor):
                return Decision(Move.accept(), f"Accepted: the offer is worth {points(value)} "
                                               f"points to {self.name}, at or above its "
                                               f"target ({points(target)}) and its fallback "
                                               f"({points(game.batna[self.side])}).")
            if game.last_turn:
                why = ("it crosses one of its red lines" if crossed else
                       f"it is worth {points(value)} points, no better than its "
                       f"fallback ({points(game.batna[self.side])})")
                move = Move.reject() if "reject" in kinds else Move.wait()
                return Decision(move, f"Refused the final offer: {why}.")

        tactic = self._tactic(game, legal, model, target, rng)
        if tactic is not None:
            return tactic

        if "propose" in kinds:
            package = self._choose(game, model, target, rng)
            value = self.own[game.space.index[package]]
            if standing is not None and package == standing and "accept" in kinds:
                return Decision(Move.accept(), f"Accepted: the offer on the table is what "
                                               f"{self.name} would have proposed itself.")
            if package == game.last_offer.get(self.side) and standing is None and \
                    game.standing_by == self.side:
                return Decision(Move.wait(), f"Held its offer: nothing new to give at its "
                                             f"target of {points(target)} points.")
            how = ("its model of the other side's wishes" if model.known and self.modelling
                   else "its own priorities")
            return Decision(Move.propose(to_ids(game.scenario, package)),
                            f"Proposed a package worth {points(value)} points to {self.name} "
                            f"(target {points(target)}), chosen by {how}.")
        if standing is not None and "reject" in kinds:
            return Decision(Move.reject(), "Rejected the offer: it is below its target and "
                                           "it may not counter in this phase.")
        return Decision(Move.wait(), "Held its position: no move would improve on it.")

    def _model(self, game: Game) -> OpponentModel:
        # The model changes only when the other side proposes or reveals something.
        key = (len(game.offer_history), len(game.revealed[self.other]))
        if self._cached is None or self._cached[0] != key:
            self._cached = (key, OpponentModel(game, self.side))
        return self._cached[1]

    # ----- targets ----------------------------------------------------------------------

    def reserve(self, game: Game) -> float:
        """The lowest utility it will accept now: just above its fallback, lowered by how
        far its stance has softened (never to its fallback or below)."""
        batna = game.batna[self.side]
        margin = max(self.personality.margin - max(game.stance[self.side], 0.0), 0.01)
        return min(batna + margin + max(-game.stance[self.side], 0.0), self.best)

    def target(self, game: Game, model: OpponentModel) -> float:
        """The utility it aims for at this point of the game."""
        reserve = self.reserve(game)
        start = max(self.best * self.personality.opening, reserve)
        time = (game.round - 1) / max(game.total_rounds - 1, 1)
        strategy = self.personality.strategy
        if strategy == "tit_for_tat":
            target = start
            offers = model.offers
            for before, after in zip(offers, offers[1:]):
                moved = self.own[game.space.index[after]] - self.own[game.space.index[before]]
                target -= max(moved, 0.0)
            # Time pressure keeps two mirrors from waiting on each other forever.
            if time > 0.6:
                target -= (target - reserve) * (time - 0.6) / 0.4
            target -= max(game.stance[self.side], 0.0)
        else:
            exponent = EXPONENTS[strategy]
            target = start - (start - reserve) * time ** (1 / exponent)
            target -= max(game.stance[self.side], 0.0) * (1 - time)
        return round(max(target, reserve), 4)

    def _standing(self, game: Game) -> Package | None:
        if game.standing is not None and game.standing_by == self.other:
            return game.standing
        return None

    def _candidates(self, target: float, band: float = 0.06) -> list[int]:
        low = bisect.bisect_left(self.sorted_values, target - 1e-9)
        high = bisect.bisect_right(self.sorted_values, target + band)
        return self.by_utility[low:high] or self.by_utility[low:low + 1] or \
            self.by_utility[-1:]

    def _choose(self, game: Game, model: OpponentModel, target: float,
                rng: random.Random) -> Package:
        candidates = self._candidates(target)
        packages = game.space.packages
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

    def _next_offer_value(self, game: Game, model: OpponentModel, target: float) -> float:
        return min((self.own[n] for n in self._candidates(target)), default=target)

    # ----- tactics ----------------------------------------------------------------------

    def _tactic(self, game: Game, legal: list[Move], model: OpponentModel, target: float,
                rng: random.Random) -> Decision | None:
        tactics = [game.tactic(m.tactic) for m in legal
                   if m.kind == "tactic" and m.tactic]
        if not tactics or game.round >= game.total_rounds:
            return None  # the last round is for offers: a tactic then wastes the move
        kinds = {m.kind for m in legal}
        opening_statement = next((t for t in tactics if t.kind == "statement"), None)
        if opening_statement is not None and not game.offer_history:
            return Decision(Move.use(opening_statement.id),
                            "Opened with a statement of its public position.")
        if "propose" in kinds and rng.random() >= self.personality.tactic_rate:
            return None
        meters = game.meters
        trust = meters.get("trust", 50.0)
        support = next((meters[m.id] for m in game.scenario.meters if m.side == self.side), 50.0)
        standing = self._standing(game)
        gap = target - self.own[game.space.index[standing]] if standing is not None else 0.0
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
                late = game.round >= game.total_rounds // 2
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
        tactic = game.tactic(tactic_id)
        return Decision(Move.use(tactic_id), f"Used '{tactic.name}' {why}.")


def play_computer_turn(game: Game, players: dict[str, Negotiator]) -> Decision:
    """Let the computer move for the side to move and apply it; returns the decision."""
    side = game.to_move
    if side is None:
        raise ValueError("the game is over")
    decision = players[side].decide(game)
    game.apply(decision.move, decision.reason)
    return decision


__all__ = ["Decision", "Negotiator", "OpponentModel", "play_computer_turn"]
