"""Negotiation analysis: utilities, the Pareto frontier, the Nash bargaining point.

A *package* picks one option for every issue. Internally it is a tuple of option
positions (0-based, in the scenario's issue order); in moves, logs and saves it is a
mapping ``{issue_id: option_id}`` that people can read. Only *coherent* packages, those
holding no contradiction of the scenario (:mod:`game.coherence`), can be deals: they alone
make up :attr:`OutcomeSpace.packages`, and so the frontier, the Nash point, the charts and
the computer's choices.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass

from game.coherence import Pattern, patterns
from game.model import Scenario

Package = tuple[int, ...]

#: The most packages a scenario may have (the product of its issues' option counts).
MAX_PACKAGES = 50_000


def points(utility: float) -> int:
    """A utility on the 0-100 scale players see (0.42 -> 42), halves rounded up as a
    student rounds by hand (0.735 -> 74, 0.665 -> 67; Python's round() would give 74 and
    66). Every number a player sees on that scale goes through it.

    >>> points(0.42), points(0.735), points(0.665), points(-0.025)
    (42, 74, 67, -2)
    """
    return half_up(utility * 100)


def percent(weight: float) -> str:
    """An issue's weight as a share of a side's points ("25%"), by :func:`points`, as
    every screen and file shows it (a format's own rounding, halves to even, showed a
    weight of 0.125 as 12% beside the brief's 13%).

    >>> percent(0.25), percent(0.125)
    ('25%', '13%')
    """
    return f"{points(weight)}%"


def half_up(value: float) -> int:
    """*value* to the nearest whole number, halves up (62.5 -> 63), for every whole number
    a player sees: a mark, a score, points. A hair of slack absorbs float error (0.735 * 100
    is 73.49999999999999).

    >>> half_up(62.5), half_up(66.5), half_up(73.49999999999999), half_up(-2.5)
    (63, 67, 74, -2)
    """
    return math.floor(value + 0.5 + 1e-9)


def package_count(scenario: Scenario) -> int:
    return math.prod([len(issue.options) for issue in scenario.issues])


def to_ids(scenario: Scenario, package: Package) -> dict[str, str]:
    """``(0, 2, ...)`` -> ``{"joint_action": "deconfliction_only", ...}``."""
    return {issue.id: issue.options[i].id for issue, i in zip(scenario.issues, package)}


def from_ids(scenario: Scenario, chosen: Mapping[str, str]) -> Package:
    """The inverse of :func:`to_ids`; raises ``KeyError`` or ``ValueError`` on bad ids."""
    if set(chosen) != {issue.id for issue in scenario.issues}:
        missing = [i.id for i in scenario.issues if i.id not in chosen]
        extra = [k for k in chosen if k not in {i.id for i in scenario.issues}]
        raise ValueError(f"a package needs exactly one option for every issue "
                         f"(missing {missing}, unknown {extra})")
    result = []
    for issue in scenario.issues:
        ids = [o.id for o in issue.options]
        if chosen[issue.id] not in ids:
            raise ValueError(f"{chosen[issue.id]!r} is not an option of issue {issue.id!r}")
        result.append(ids.index(chosen[issue.id]))
    return tuple(result)


class OutcomeSpace:
    """Every package of a scenario with both sides' utilities; built once per scenario.

    ``packages`` holds the coherent packages only, numbered ``0 .. len(packages) - 1``;
    the incoherent ones (``incoherent``) are numbered after them, so that ``index``,
    ``utility``, ``crosses`` and ``allowed`` still answer for a package played before it was
    refused (an old save, say). ``allowed[n]``: package *n* is coherent and crosses no red
    line; only allowed packages reach the frontier and the Nash point.
    """

    def __init__(self, scenario: Scenario) -> None:
        self.scenario = scenario
        self.sides = scenario.side_ids
        self._by_utility: dict[str, list[int]] = {}
        #: For each issue in order: its id and option id -> option position.
        self.positions = [(i.id, {o.id: n for n, o in enumerate(i.options)})
                          for i in scenario.issues]
        self.rules: list[Pattern] = patterns(scenario, scenario.contradictions)
        sizes = [len(i.options) for i in scenario.issues]
        ruled_out = {p for rule in self.rules for p in rule.expand(sizes)}
        every = list(itertools.product(*[range(n) for n in sizes]))
        self.packages: list[Package] = [p for p in every if p not in ruled_out]
        self.incoherent: list[Package] = [p for p in every if p in ruled_out]
        numbered = self.packages + self.incoherent
        self.index = {p: n for n, p in enumerate(numbered)}
        # tables[side][issue position][option position] = weight * value
        self.tables: dict[str, list[list[float]]] = {}
        #: combinations[side]: each combination of the side compiled, with its value.
        self.combinations: dict[str, list[tuple[Pattern, float]]] = {}
        #: extra[side][n]: what the side's combinations add to package n (0 for most).
        self.extra: dict[str, list[float]] = {}
        for side_id in self.sides:
            side = scenario.sides[side_id]
            self.tables[side_id] = [
                [side.weights[issue.id] * side.values[issue.id][o.id] for o in issue.options]
                for issue in scenario.issues]
            self.combinations[side_id] = list(zip(patterns(scenario, side.combinations),
                                                  [c.value for c in side.combinations]))
            extra = [0.0] * len(numbered)
            for pattern, value in self.combinations[side_id]:
                for p in pattern.expand(sizes):
                    extra[self.index[p]] += value
            self.extra[side_id] = extra
        self.utility: dict[str, list[float]] = {
            s: [self._capped(self._weighted(s, p) + extra)
                for p, extra in zip(numbered, self.extra[s])] for s in self.sides}
        # Each red line's packages, as a combination's are found: by expanding its
        # pattern, not by testing every package against every red line.
        self.crosses: dict[str, list[bool]] = {}
        for side_id in self.sides:
            crosses = [False] * len(numbered)
            for red in scenario.sides[side_id].red_lines:
                for p in Pattern.of(scenario, red.forbid).expand(sizes):
                    crosses[self.index[p]] = True
            self.crosses[side_id] = crosses
        coherent = len(self.packages)
        self.allowed = [n < coherent and not any(self.crosses[s][n] for s in self.sides)
                        for n in range(len(numbered))]
        self.frontier = self._frontier()

    def by_utility(self, side: str) -> list[int]:
        """The coherent packages that cross none of *side*'s red lines, from the worst for
        *side* to the best (made once per scenario: every computer player needs it)."""
        order = self._by_utility.get(side)
        if order is None:
            utility, crosses = self.utility[side], self.crosses[side]
            order = sorted((n for n in range(len(self.packages)) if not crosses[n]),
                           key=lambda n: utility[n])
            self._by_utility[side] = order
        return order

    def package_of(self, chosen: Mapping[str, str]) -> Package | None:
        """``{issue_id: option_id}`` -> option positions, or None when *chosen* is not a
        whole package of this scenario (:func:`from_ids` says what is wrong)."""
        if len(chosen) != len(self.positions):
            return None
        try:
            return tuple([options[chosen[issue]] for issue, options in self.positions])
        except KeyError:
            return None

    def is_coherent(self, package: Package) -> bool:
        """Whether *package* holds none of the scenario's contradictions."""
        return self.index[package] < len(self.packages)

    def _weighted(self, side: str, package: Package) -> float:
        table = self.tables[side]
        return sum(table[i][o] for i, o in enumerate(package))

    def _extra(self, side: str, package: Package) -> float:
        return sum(value for pattern, value in self.combinations[side]
                   if pattern.matches(package))

    @staticmethod
    def _capped(total: float) -> float:
        # Rounded so that equal utilities reached by different sums compare equal.
        return round(min(max(total, 0.0), 1.0), 9)

    def sum_of(self, side: str, package: Package) -> float:
        """*side*'s weighted sum of option values in *package* plus the values of the
        combinations it holds, before :meth:`utility_of` keeps it within [0, 1]."""
        return self._weighted(side, package) + self._extra(side, package)

    def utility_of(self, side: str, package: Package) -> float:
        """*side*'s utility of *package*: the weighted sum of its option values plus the
        values of *side*'s combinations it holds, kept within [0, 1]."""
        return self._capped(self.sum_of(side, package))

    def red_lines_crossed(self, side: str, package: Package) -> list[str]:
        """The texts of *side*'s red lines that *package* crosses."""
        crossed = []
        positions = {issue.id: n for n, issue in enumerate(self.scenario.issues)}
        for red in self.scenario.sides[side].red_lines:
            if all(self.scenario.issues[positions[issue_id]].options[
                    package[positions[issue_id]]].id in options
                   for issue_id, options in red.forbid.items()):
                crossed.append(red.text)
        return crossed

    def _frontier(self) -> list[int]:
        """Indexes of packages no other allowed package beats for both sides."""
        a, b = self.sides
        order = sorted((n for n in range(len(self.packages)) if self.allowed[n]),
                       key=lambda n: (-self.utility[a][n], -self.utility[b][n]))
        frontier: list[int] = []
        best_b = -1.0
        for n in order:
            if self.utility[b][n] > best_b + 1e-12:
                frontier.append(n)
                best_b = self.utility[b][n]
        return frontier

    def point(self, n: int) -> tuple[float, float]:
        a, b = self.sides
        return self.utility[a][n], self.utility[b][n]

    def nash(self, batna: Mapping[str, float]) -> int | None:
        """The allowed package that maximises the product of both sides' gains over their
        BATNAs, or None when no package beats both BATNAs."""
        a, b = self.sides
        best, best_value = None, 0.0
        for n in self.frontier:
            gain_a = self.utility[a][n] - batna[a]
            gain_b = self.utility[b][n] - batna[b]
            if gain_a > 0 and gain_b > 0 and gain_a * gain_b > best_value:
                best, best_value = n, gain_a * gain_b
        return best

    def distance_to_frontier(self, n: int) -> float:
        """Euclidean distance in utility space from package *n* to the nearest frontier
        package (0 when it is on the frontier)."""
        x, y = self.point(n)
        return min(math.dist((x, y), self.point(f)) for f in self.frontier)


def outcome_space(scenario: Scenario) -> OutcomeSpace:
    """The scenario's :class:`OutcomeSpace`, built on first use and kept with it."""
    if not isinstance(scenario._space, OutcomeSpace):
        scenario._space = OutcomeSpace(scenario)
    return scenario._space


@dataclass(frozen=True)
class DealReport:
    """How good the end of a game was, for each side and for both together."""

    package: dict[str, str] | None
    utility: dict[str, float]
    batna: dict[str, float]
    gain: dict[str, float]
    red_lines_crossed: dict[str, list[str]]
    distance_to_frontier: float | None
    distance_to_nash: float | None
    nash: dict[str, str] | None
    nash_utility: dict[str, float] | None

    def to_json(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def deal_report(scenario: Scenario, package: Package | None,
                batna: Mapping[str, float]) -> DealReport:
    """Analyse a finished game: *package* is the deal (None for no deal), *batna* each
    side's BATNA value at the end."""
    space = outcome_space(scenario)
    sides = space.sides
    nash = space.nash(batna)
    nash_u = {s: round(space.utility[s][nash], 4) for s in sides} if nash is not None \
        else None
    if package is None:
        utility = {s: batna[s] for s in sides}
        return DealReport(None, utility, dict(batna), {s: 0.0 for s in sides},
                          {s: [] for s in sides}, None,
                          math.dist(tuple(utility.values()), tuple(nash_u.values()))
                          if nash_u else None,
                          to_ids(scenario, space.packages[nash]) if nash is not None else None,
                          nash_u)
    n = space.index[package]
    utility = {s: round(space.utility[s][n], 4) for s in sides}
    return DealReport(
        package=to_ids(scenario, package),
        utility=utility,
        batna=dict(batna),
        gain={s: round(utility[s] - batna[s], 4) for s in sides},
        red_lines_crossed={s: space.red_lines_crossed(s, package) for s in sides},
        distance_to_frontier=round(space.distance_to_frontier(n), 4),
        distance_to_nash=round(math.dist(space.point(n), tuple(nash_u.values())), 4)
        if nash_u else None,
        nash=to_ids(scenario, space.packages[nash]) if nash is not None else None,
        nash_utility=nash_u,
    )
