"""How well the computer negotiates, over computer-vs-computer games of every shipped
scenario at normal difficulty.

* **Opponent model**: at the end of each game, the Pearson correlation, over every package
  of the outcome space, between what each side's model estimates the other side's utility
  to be and that side's true utility; beside it, the same for the naive guess "1 minus my
  own utility". The true values are read here only to score the model. Beside them, for
  information, a **ceiling**: the correlation of a model handed the other side's true issue
  weights and the true order of its options on every issue (evenly spaced from 0 to 1),
  which is more than any reading of the table can tell; where it falls short of the
  target, the target asks for the other side's exact option values.
* **Acceptance**: the share of deals in which the side that accepted took a package worse
  for it than one the other side had offered earlier and that it could still propose back
  (it crosses none of its red lines, proposing is allowed, and the other side would still
  have a turn to accept it).
* **Length of the talks**: the agreement rate with the bargaining phase set to 6, 12, 24
  and 48 rounds.
* **Tactics**: each side's mean utility (the deal, or its fallback without one) when it
  uses its tactics as it normally does, and when it uses none, the other side unchanged, over
  the same seeds (at least 1,000 games: the difference is a few thousandths), with the
  paired standard error.
* **Speed**: the 99th percentile of a decision, its view included.

Prints ``BENCH <name> <value> <unit>    # target: ...`` lines. ``PARLEY_BENCH_GAMES`` sets
the games per figure (default 300).
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from game.analysis import outcome_space
from game.answers import computer_move
from game.engine import Game
from game.library import shipped_scenarios
from game.model import Scenario
from game.negotiator import Negotiator
from game.scenario import load_scenario
from game.settings import Settings
from game.view import SideView

GAMES = int(os.environ.get("PARLEY_BENCH_GAMES", "300"))
#: Games for the value of the computer's tactics: a paired difference of a few thousandths,
#: so more games than the other figures (``PARLEY_BENCH_TACTICS_GAMES``).
TACTICS_GAMES = int(os.environ.get("PARLEY_BENCH_TACTICS_GAMES", str(max(GAMES, 1000))))
ROUNDS = (6, 12, 24, 48)


def bench(name: str, value: float, unit: str, target: str) -> None:
    print(f"BENCH {name} {value:.4g} {unit}    # target: {target}", flush=True)


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    """The Pearson correlation of two equally long series (0 when either is constant)."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-18 or syy <= 1e-18:
        return 0.0
    return sxy / math.sqrt(sxx * syy)


@dataclass
class Played:
    """One finished game and what was measured while it was played."""

    game: Game
    players: dict[str, Negotiator]
    decisions: list[float] = field(default_factory=list)
    #: The side that accepted, when it took less than an earlier offer it could re-propose.
    accepted_worse: str | None = None


def play(scenario: Scenario, seed: int, settings: Settings,
         without_tactics: frozenset[str] = frozenset()) -> Played:
    """A computer-vs-computer game played the way the play layer plays one."""
    game = Game(scenario, settings, seed)
    players = {s: Negotiator(game.view(s), tactics=s not in without_tactics)
               for s in game.sides}
    played = Played(game, players)
    while not game.finished:
        side = game.to_move
        assert side is not None
        start = time.perf_counter()
        view = game.view(side)
        decision = computer_move(players[side], view)
        played.decisions.append(time.perf_counter() - start)
        if decision.move.kind == "accept" and _could_have_had_more(view):
            played.accepted_worse = side
        game.apply(decision.move, decision.reason)
    return played


def _could_have_had_more(view: SideView) -> bool:
    standing = view.standing_from_other()
    if standing is None or view.state.last_turn or \
            not any(m.kind == "propose" for m in view.legal):
        return False
    space = view.known.space
    value = space.utility[space.index[standing]]
    earlier = [p for who, p in view.offers[:-1] if who == view.other]
    return any(space.utility[space.index[p]] > value + 1e-9 and not space.crosses[space.index[p]]
               for p in earlier)


def ceiling(scenario: Scenario, side: str) -> float:
    """The correlation with the other side's true utility of a model that knows its true
    issue weights and the order of its options on each issue, not how far apart they lie."""
    space = outcome_space(scenario)
    other_id = scenario.other(side)
    other = scenario.sides[other_id]
    ranks = []
    for issue in scenario.issues:
        values = [other.values[issue.id][o.id] for o in issue.options]
        order = sorted(set(values))
        step = max(len(order) - 1, 1)
        ranks.append([order.index(v) / step for v in values])
    weights = [other.weights[issue.id] for issue in scenario.issues]
    estimate = [sum(w * row[o] for w, row, o in zip(weights, ranks, package))
                for package in space.packages]
    truth = space.utility[other_id][:len(space.packages)]
    return pearson(estimate, truth)


def model_scores(played: Played) -> dict[str, tuple[float, float]]:
    """Side -> (its model's correlation, the baseline's) with the other side's true
    utility, at the end of the game."""
    game = played.game
    space = game.space
    scores = {}
    for side in game.sides:
        other = game.scenario.other(side)
        view = game.view(side)
        model = played.players[side].model(view)
        # Over the packages a deal may be (the coherent ones, numbered first).
        deals = range(len(space.packages))
        estimate = [model.utility(p) for p in space.packages]
        baseline = [1.0 - space.utility[side][n] for n in deals]
        truth = [space.utility[other][n] for n in deals]  # read only to score
        scores[side] = (pearson(estimate, truth), pearson(baseline, truth))
    return scores


def main() -> None:
    decisions: list[float] = []
    spread_worst = 0.0
    for path in shipped_scenarios():
        name = Path(path).stem
        scenario = load_scenario(path)
        sides = scenario.side_ids

        games = [play(scenario, seed, Settings()) for seed in range(GAMES)]
        for played in games:
            decisions.extend(played.decisions)
        sums = {s: [0.0, 0.0] for s in sides}
        for played in games:
            for side, (model, baseline) in model_scores(played).items():
                sums[side][0] += model / GAMES
                sums[side][1] += baseline / GAMES
        for side in sides:
            model, baseline = sums[side]
            bench(f"model_correlation_{name}_{side}", model, "r",
                  f">= {baseline + 0.10:.2f} (baseline 1 - own utility: {baseline:.2f})")
            bench(f"baseline_correlation_{name}_{side}", baseline, "r", "-")
            bench(f"model_ceiling_{name}_{side}", ceiling(scenario, side), "r",
                  "- (true weights and order of options: more than the table shows)")

        deals = [p for p in games if p.game.state.agreed is not None]
        worse = sum(1 for p in deals if p.accepted_worse is not None)
        bench(f"accepted_below_earlier_offer_{name}", 100 * worse / max(len(deals), 1), "%",
              f"<= 1 % of deals ({worse} of {len(deals)})")

        rates = {}
        for rounds in ROUNDS:
            batch = [play(scenario, seed, Settings(rounds=rounds)) for seed in range(GAMES)]
            rates[rounds] = 100 * sum(p.game.state.agreed is not None for p in batch) / GAMES
            bench(f"agreement_rate_{name}_rounds{rounds}", rates[rounds], "%",
                  "within 15 points of each other for 6, 12, 24" if rounds < 48 else "-")
        spread = max(rates[r] for r in ROUNDS[:3]) - min(rates[r] for r in ROUNDS[:3])
        spread_worst = max(spread_worst, spread)
        bench(f"agreement_spread_{name}_rounds6_24", spread, "points", "<= 15 points")

        count = TACTICS_GAMES
        both = games[:count] + [play(scenario, seed, Settings())
                                for seed in range(len(games), count)]
        with_tactics = {s: sum(p.game.report().utility[s] for p in both) / count
                        for s in sides}
        for side in sides:
            without = [play(scenario, seed, Settings(), frozenset({side}))
                       for seed in range(count)]
            plain = sum(p.game.report().utility[side] for p in without) / count
            # The same seeds with and without: the gain's standard error is the paired one.
            gains = [a.game.report().utility[side] - b.game.report().utility[side]
                     for a, b in zip(both, without)]
            mean = sum(gains) / count
            error = math.sqrt(sum((g - mean) ** 2 for g in gains) / max(count - 1, 1) / count)
            bench(f"tactics_utility_{name}_{side}_with", with_tactics[side], "utility",
                  f">= without tactics ({plain:.3f})")
            bench(f"tactics_utility_{name}_{side}_without", plain, "utility", "-")
            verdict = "below 0 by more than two standard errors" if mean < -2 * error else \
                "not below 0 by more than two standard errors"
            bench(f"tactics_gain_{name}_{side}", mean, "utility",
                  f">= 0 (standard error {error:.4f}, {verdict}; "
                  f"{sum(1 for g in gains if g)} of {count} games differ)")

    decisions.sort()
    bench("negotiation_decision_p99", decisions[int(len(decisions) * 0.99)] * 1000, "ms",
          "<= 2 ms")
    bench("agreement_spread_worst_rounds6_24", spread_worst, "points", "<= 15 points")


if __name__ == "__main__":
    main()
