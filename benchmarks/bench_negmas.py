"""Parley beside NegMAS: the same negotiation domain played in both, timed in one run.

For each shipped scenario the same domain is built in NegMAS (the optional ``bench`` extra,
``pip install -e '.[bench]'``; ``make bench`` installs it):

* **issues**: one categorical issue per Parley issue, its values the option ids in order;
* **utilities**: each side's linear additive utility function, the side's issue weights
  times its option values (``Side.weights`` and ``Side.values``);
* **reservation values**: each side's fallback as the scenario sets it (``batna.value``);
* **length**: as many turns as a Parley game has at default settings (two per round, every
  phase counted, as the engine counts them), in NegMAS's alternating-offers mechanism
  (``SAOMechanism``) with one offer per step (its last step only answers the offer on the
  table, as a proposal on Parley's last turn would go unanswered);
* **negotiators**: NegMAS's time-based ``AspirationNegotiator`` on both sides, conceding on
  the curve of the side's Parley personality: Parley's computer aims at
  ``start - (start - reserve) * t ** (1 / e)`` with ``e`` from
  :data:`game.negotiator.EXPONENTS` (tit-for-tat counts as linear), NegMAS's at
  ``reserve + (best - reserve) * a * (1 - t ** x)``, so ``x = 1 / e`` and ``a`` is where
  the side's opening share of its best utility lies between its reserve and its best.

Left out of the NegMAS domain, so NegMAS plays a simpler game than Parley: combinations'
values, contradictions (NegMAS may agree on a package Parley would refuse as incoherent)
and red lines, meters, tactics, events, the computer's opponent model and moods, and
every fallback or stance a game moves. Parley plays its whole game: engine, record, side
views, the computer's decisions and tactics, through the play layer
(:func:`game.simulate.play_one`, one process).

Each scenario plays ``PARLEY_BENCH_GAMES`` games (default 300) in each system, in a few
batches that alternate between the two, so that the load of the machine weighs on both
alike; one untimed game of each comes first (imports, caches). Prints
``BENCH <name> <value> <unit>    # target: ...`` lines: each system's games per second,
their ratio (target: Parley at least 5 times NegMAS's), and for information each
system's agreement rate and mean utilities, measured alike for both: the agreed package's
linear additive utility (the NegMAS domain's), or the side's reservation value without a
deal. Without NegMAS it prints how to install it and exits 0.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from benchmarks import compiled
from game.analysis import outcome_space
from game.engine import Game
from game.library import shipped_scenarios
from game.model import Scenario
from game.negotiator import EXPONENTS
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import play_one

GAMES = int(os.environ.get("PARLEY_BENCH_GAMES", "300"))
#: Batches per system and scenario, taken in turns.
BATCHES = 5
TARGET = 5.0

#: A package in the NegMAS domain: one option id per issue, in the scenario's issue order.
Package = tuple[str, ...]


@dataclass(frozen=True)
class Concession:
    """How one side's NegMAS negotiator concedes (``AspirationNegotiator``'s arguments)."""

    exponent: float
    """``aspiration_type``: its aspiration falls as ``1 - t ** exponent``."""
    start: float
    """``max_aspiration``: where it opens, from 0 (its reserve) to 1 (its best package)."""


@dataclass(frozen=True)
class Domain:
    """A Parley scenario as NegMAS is given it: plain data, built without NegMAS."""

    name: str
    sides: tuple[str, str]
    """The side ids, the side that opens first."""
    issues: tuple[tuple[str, tuple[str, ...]], ...]
    """(issue id, its option ids), in the scenario's order."""
    weights: dict[str, tuple[float, ...]]
    """Side id -> its weight of each issue, in issue order."""
    values: dict[str, tuple[dict[str, float], ...]]
    """Side id -> for each issue in order, option id -> the side's value of it."""
    reserve: dict[str, float]
    """Side id -> its reservation value: its fallback as the scenario sets it."""
    turns: int
    """Turns in a game (two per round): NegMAS's ``n_steps`` with one offer per step."""
    concession: dict[str, Concession]

    def utility(self, side: str, package: Package) -> float:
        """The linear additive utility of *package* for *side*."""
        return sum(weight * values[option] for weight, values, option
                   in zip(self.weights[side], self.values[side], package))

    def result(self, side: str, package: Package | None) -> float:
        """What a game gave *side*: the package's utility, or its reserve with no deal."""
        return self.reserve[side] if package is None else self.utility(side, package)


def domain(scenario: Scenario, settings: Settings | None = None) -> Domain:
    """The NegMAS domain of *scenario* played under *settings* (default: the defaults)."""
    settings = settings or Settings()
    sides = scenario.side_ids
    issues = tuple((issue.id, tuple(o.id for o in issue.options)) for issue in scenario.issues)
    weights = {s: tuple(scenario.sides[s].weights[i.id] for i in scenario.issues)
               for s in sides}
    values = {s: tuple({o.id: scenario.sides[s].values[i.id][o.id] for o in i.options}
                       for i in scenario.issues) for s in sides}
    reserve = {s: scenario.sides[s].batna.value for s in sides}
    # The rounds as the engine counts them, the adjustable phase set by the settings.
    turns = 2 * Game(scenario, settings, 0).state.rounds
    concession = {}
    for side in sides:
        personality = scenario.sides[side].personality
        best = sum(w * max(v.values()) for w, v in zip(weights[side], values[side]))
        span = best - reserve[side]
        opening = best * personality.opening - reserve[side]
        start = min(max(opening / span, 0.0), 1.0) if span > 0 else 1.0
        concession[side] = Concession(1.0 / EXPONENTS[personality.strategy], start)
    return Domain(scenario.id, sides, issues, weights, values, reserve, turns, concession)


def parley_package(scenario: Scenario, agreed: dict[str, str] | None) -> Package | None:
    """A Parley agreement (issue id -> option id) as a NegMAS package."""
    return None if agreed is None else tuple(agreed[issue.id] for issue in scenario.issues)


class NegmasTable:
    """The domain built in NegMAS once (issues, outcome space, utility functions), as
    Parley loads a scenario once; :meth:`play` plays one game on it."""

    def __init__(self, made: Domain) -> None:
        from negmas import make_issue
        from negmas.outcomes import make_os
        from negmas.preferences import LinearAdditiveUtilityFunction

        self.domain = made
        issues = [make_issue(list(options), name=issue) for issue, options in made.issues]
        self.space = make_os(issues)
        self.ufuns = {
            side: LinearAdditiveUtilityFunction(
                values=list(made.values[side]), weights=list(made.weights[side]),
                outcome_space=self.space, reserved_value=made.reserve[side])
            for side in made.sides}

    def play(self) -> Package | None:
        """One game, the opening side first; the package agreed, or None."""
        from negmas import AspirationNegotiator, SAOMechanism

        made = self.domain
        mechanism = SAOMechanism(outcome_space=self.space, n_steps=made.turns,
                                 one_offer_per_step=True)
        for side in made.sides:
            concession = made.concession[side]
            mechanism.add(AspirationNegotiator(name=side, aspiration_type=concession.exponent,
                                               max_aspiration=concession.start),
                          ufun=self.ufuns[side])
        agreement: Any = mechanism.run().agreement
        return None if agreement is None else tuple(agreement)


@dataclass
class Runs:
    """The games one system played on one scenario, and the time they took."""

    seconds: float = 0.0
    results: list[Package | None] | None = None

    def timed(self, games: Callable[[], list[Package | None]]) -> None:
        start = time.perf_counter()
        played = games()
        self.seconds += time.perf_counter() - start
        self.results = (self.results or []) + played


def bench(name: str, value: float, unit: str, target: str = "-") -> None:
    print(f"BENCH {name} {value:.4g} {unit}    # target: {target}", flush=True)


def compare(path: Path, games: int) -> float:
    """Play *games* games of the scenario at *path* in both systems, print the figures,
    and return Parley's throughput as a multiple of NegMAS's."""
    scenario = load_scenario(path)
    made = domain(scenario)
    table = NegmasTable(made)
    settings = Settings()
    name = scenario.id

    def negmas_games(count: int) -> list[Package | None]:
        return [table.play() for _ in range(count)]

    def parley_games(first: int, count: int) -> list[Package | None]:
        return [parley_package(scenario, play_one(scenario, seed, settings).state.agreed)
                for seed in range(first, first + count)]

    negmas_games(1)  # untimed: imports and caches
    parley_games(games, 1)
    negmas, parley = Runs(), Runs()
    done = 0
    for batch in range(BATCHES):
        count = games * (batch + 1) // BATCHES - done
        negmas.timed(partial(negmas_games, count))
        parley.timed(partial(parley_games, done, count))
        done += count

    space = outcome_space(scenario)
    rates = {}
    for system, runs in (("negmas", negmas), ("parley", parley)):
        results = runs.results or []
        rates[system] = len(results) / runs.seconds
        bench(f"{system}_{name}_games_per_second", rates[system], "games/s")
        deals = [p for p in results if p is not None]
        bench(f"{system}_{name}_agreement_rate", 100 * len(deals) / len(results), "%")
        for side in made.sides:
            mean = sum(made.result(side, p) for p in results) / len(results)
            bench(f"{system}_{name}_mean_utility_{side}", mean, "utility")
        if system == "negmas":
            refused = sum(1 for p in deals if not space.allowed[space.index[tuple(
                options.index(o) for (_, options), o in zip(made.issues, p))]])
            bench(f"negmas_{name}_deals_parley_refuses", 100 * refused / max(len(deals), 1),
                  "%", "- (incoherent or across a red line in Parley)")
    ratio = rates["parley"] / rates["negmas"]
    bench(f"parley_vs_negmas_{name}", ratio, "x", f">= {TARGET:g} x")
    return ratio


def main() -> int:
    try:
        import negmas  # noqa: F401
    except ImportError:
        print("# bench_negmas skipped: NegMAS is not installed; install the bench extra "
              "with: pip install -e '.[bench]' (make bench does)", flush=True)
        return 0
    compiled()
    for path in shipped_scenarios():
        compare(path, GAMES)
    return 0


if __name__ == "__main__":
    sys.exit(main())
