"""Computer against computer, many times: how a scenario plays, for balancing it."""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.analysis import OutcomeSpace, Package, from_ids, outcome_space, to_ids
from game.engine import Game
from game.model import Scenario, Strategy
from game.play.session import Session
from game.play.styles import STYLES, Policy
from game.scenario import load_scenario
from game.settings import DIFFICULTIES, Difficulty, Settings

STRATEGIES: tuple[Strategy, ...] = ("boulware", "linear", "conceder", "tit_for_tat")


def starting_fallbacks(scenario: Scenario) -> dict[str, float]:
    """Each side's fallback as the scenario sets it, before anything in a game moves it."""
    return {side: scenario.sides[side].batna.value for side in scenario.side_ids}


def result_utilities(game: Game) -> dict[str, float]:
    """What a finished game gave each side: the deal's utility, or with no deal the side's
    fallback at the end (the figures the debrief rounds)."""
    agreed = game.state.agreed
    if agreed is None:
        return dict(game.report().batna)
    space = outcome_space(game.scenario)
    n = space.index[from_ids(game.scenario, agreed)]
    return {side: space.utility[side][n] for side in space.sides}


def nash_share(game: Game) -> float | None:
    """The product of both sides' gains over their starting fallbacks for the game's
    result, as a share of the same product at the Nash point for those fallbacks; 0 when
    the result is below either fallback, None when no package beats both fallbacks."""
    return _nash_share(outcome_space(game.scenario), starting_fallbacks(game.scenario),
                       result_utilities(game))


def _nash_share(space: OutcomeSpace, start: Mapping[str, float],
                result: Mapping[str, float]) -> float | None:
    """:func:`nash_share` of a game whose result gave each side *result*."""
    nash = space.nash(start)
    if nash is None:
        return None
    a, b = space.sides
    best = (space.utility[a][nash] - start[a]) * (space.utility[b][nash] - start[b])
    gains = [result[a] - start[a], result[b] - start[b]]
    if min(gains) <= 0:
        return 0.0
    return gains[0] * gains[1] / best


@dataclass
class Tally:
    """Figures gathered over a batch of games; batches add up with :meth:`merge`."""

    games: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    agreements: int = 0
    rounds: int = 0
    utility: dict[str, float] = field(default_factory=dict)
    distance: float = 0.0
    tactics: Counter[str] = field(default_factory=Counter)
    options: Counter[str] = field(default_factory=Counter)
    gain: dict[str, float] = field(default_factory=dict)
    """Side id -> the sum of its gains over its starting fallback."""
    nash_share: float = 0.0
    nash_games: int = 0
    """Games with a Nash point (every game of a scenario, or none)."""
    packages: Counter[Package] = field(default_factory=Counter)
    """The packages agreed, as option positions."""

    def add(self, game: Game) -> None:
        self.games += 1
        state = game.state
        assert state.outcome is not None
        self.outcomes[state.outcome] += 1
        self.rounds += state.round
        space = game.space
        # What the game gave each side, as result_utilities() reads it (once for all).
        if state.agreed is not None:
            self.agreements += 1
            agreed = from_ids(game.scenario, state.agreed)
            n = space.index[agreed]
            self.distance += space.distance_to_frontier(n)
            self.packages[agreed] += 1
            result = {side: space.utility[side][n] for side in space.sides}
        else:
            result = dict(game.report().batna)
        for side in game.sides:
            self.utility[side] = self.utility.get(side, 0.0) + result[side]
        self.tactics.update(move.tactic for _, move, _ in game.moves
                            if move.kind == "tactic" and move.tactic)
        for _, package in state.offers:
            self.options.update(package.values())
        start = starting_fallbacks(game.scenario)
        for side, value in result.items():
            self.gain[side] = self.gain.get(side, 0.0) + value - start[side]
        share = _nash_share(space, start, result)
        if share is not None:
            self.nash_share += share
            self.nash_games += 1

    def merge(self, other: Tally) -> None:
        self.games += other.games
        self.outcomes.update(other.outcomes)
        self.agreements += other.agreements
        self.rounds += other.rounds
        for side, value in other.utility.items():
            self.utility[side] = self.utility.get(side, 0.0) + value
        self.distance += other.distance
        self.tactics.update(other.tactics)
        self.options.update(other.options)
        for side, value in other.gain.items():
            self.gain[side] = self.gain.get(side, 0.0) + value
        self.nash_share += other.nash_share
        self.nash_games += other.nash_games
        self.packages.update(other.packages)


Pair = tuple[Any, Any]
#: The sides scripted players take, as (side id, style name) pairs (plain data, so that
#: batches can be handed to other processes).
Players = tuple[tuple[str, str], ...]


def play_one(scenario: Scenario, seed: int, settings: Settings,
             difficulties: tuple[Difficulty, Difficulty] | None = None,
             strategies: tuple[Strategy | None, Strategy | None] | None = None,
             players: Mapping[str, str | Policy] | None = None) -> Game:
    """One game; *difficulties* and *strategies* (None: the scenario's) per side, in the
    scenario's side order, for the sides the computer plays. *players* maps a side id to
    the scripted style (see :mod:`game.play.styles`) that plays it instead of the
    computer, by name or as a policy; raises ``KeyError`` for an unknown style name."""
    game = Game(scenario, settings, seed)
    levels = difficulties or (settings.difficulty, settings.difficulty)
    kinds = strategies or (None, None)
    scripted = {side: STYLES[name] if isinstance(name, str) else name
                for side, name in (players or {}).items()}
    session = Session(game, tuple(scripted), computers={
        side: (level, kind) for side, level, kind in zip(game.sides, levels, kinds)})
    if not scripted:
        session.play_to_end()
        return session.game
    while not session.game.finished:
        side = session.game.to_move
        assert side is not None
        if side in scripted:
            # A scripted player sees the game as a student at that side would: its view.
            session.play(scripted[side](session.game.view(side)))
        else:
            session.play_computer()
    return session.game


_SCENARIOS: dict[str, Scenario] = {}


def _batch(args: tuple[str, int, int, dict[str, Any], Pair, Pair, Players]) -> Tally:
    path, first, count, settings, levels, kinds, players = args
    if path not in _SCENARIOS:  # each worker process loads the scenario once
        _SCENARIOS[path] = load_scenario(path)
    scenario = _SCENARIOS[path]
    tally = Tally()
    rules = Settings.from_json(settings)
    for seed in range(first, first + count):
        tally.add(play_one(scenario, seed, rules, levels, kinds, dict(players)))
    return tally


#: Games per unit of work handed to a process (small enough for a smooth progress bar).
CHUNK = 250


def simulate(path: str | Path, games: int, seed: int = 0, jobs: int = 1,
             settings: Settings | None = None,
             difficulties: tuple[Difficulty, Difficulty] | None = None,
             strategies: tuple[Strategy | None, Strategy | None] | None = None,
             progress: Callable[[int, int], None] | None = None,
             players: Mapping[str, str] | None = None) -> tuple[Scenario, Tally]:
    """Play *games* games of the scenario at *path* with seeds ``seed, seed+1, ...``, in
    *jobs* processes; *progress* is called with (games done, games in all). *players*
    maps side ids to scripted styles that play those sides instead of the computer.
    Returns the scenario and the figures, which do not depend on *jobs*.

    Raises ``ValueError`` for a side the scenario does not have or an unknown style."""
    scenario = load_scenario(path)
    settings = settings or Settings()
    levels: Pair = difficulties or (None, None)
    kinds: Pair = strategies or (None, None)
    for side, name in (players or {}).items():
        if side not in scenario.side_ids:
            raise ValueError(f"unknown side {side!r}: the scenario's sides are "
                             f"{', '.join(scenario.side_ids)}")
        if name not in STYLES:
            raise ValueError(f"unknown player style {name!r}: the styles are "
                             f"{', '.join(STYLES)}")
    scripted: Players = tuple(sorted((players or {}).items()))
    batches = [(str(path), first, min(CHUNK, seed + games - first), settings.to_json(),
                levels, kinds, scripted) for first in range(seed, seed + games, CHUNK)]
    jobs = max(1, min(jobs, len(batches)))
    # Parts are added up in the order of their seeds, whatever order they finish in, so
    # that sums of floating-point figures come out the same with any number of processes.
    parts: dict[int, Tally] = {}
    done = 0

    def collect(first: int, part: Tally) -> None:
        nonlocal done
        parts[first] = part
        done += part.games
        if progress:
            progress(done, games)

    if jobs == 1:
        for batch in batches:
            collect(batch[1], _batch(batch))
    else:
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        with context.Pool(jobs) as pool:
            for first, part in pool.imap_unordered(_numbered_batch, batches):
                collect(first, part)
    tally = Tally()
    for first in sorted(parts):
        tally.merge(parts[first])
    return scenario, tally


def _numbered_batch(args: tuple[str, int, int, dict[str, Any], Pair, Pair, Players]
                    ) -> tuple[int, Tally]:
    return args[1], _batch(args)


def matrix(path: str | Path, axis: str, games: int, seed: int = 0, jobs: int = 1,
           settings: Settings | None = None,
           progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Every pair of computer *axis* values ("difficulty" or "strategy") for the two sides,
    *games* games each: agreement rate and mean utilities per pair."""
    values: tuple[Any, ...] = DIFFICULTIES if axis == "difficulty" else STRATEGIES
    cells = []
    total = games * len(values) ** 2
    done = 0
    scenario = load_scenario(path)
    a, b = scenario.side_ids
    for first in values:
        for second in values:
            pair = (first, second)

            def step(n: int, _: int) -> None:
                if progress:
                    progress(done + n, total)
            _, tally = simulate(path, games, seed, jobs, settings,
                                difficulties=pair if axis == "difficulty" else None,
                                strategies=pair if axis == "strategy" else None,
                                progress=step)
            done += games
            data = summary(scenario, tally)
            cells.append({a: first, b: second, "agreement_rate": data["agreement_rate"],
                          "mean_utility": data["mean_utility"],
                          "mean_rounds": data["mean_rounds"]})
    return {"scenario": scenario.id, "axis": axis, "games_per_pair": games,
            "sides": [a, b], "pairs": cells}


def format_matrix(data: dict[str, Any], names: dict[str, str]) -> str:
    """The matrix as a text table: rows the first side's value, columns the second's."""
    a, b = data["sides"]
    values = list(dict.fromkeys(cell[a] for cell in data["pairs"]))
    width = 22
    corner = f"{names.get(a, a)} \\ {names.get(b, b)}"
    plural = {"difficulty": "difficulties", "strategy": "strategies"}[data["axis"]]
    lines = [f"{data['games_per_pair']:,} games per pair of {plural}: agreement rate, "
             f"then mean points {names.get(a, a)} / {names.get(b, b)}",
             f"{corner:<14}" +
             "".join(f"{v:>{width}}" for v in values)]
    for first in values:
        row = [c for c in data["pairs"] if c[a] == first]
        lines.append(f"{first:<14}" + "".join(
            f"{c['agreement_rate']:>7.0%} {100 * c['mean_utility'][a]:.0f}/"
            f"{100 * c['mean_utility'][b]:.0f}"
            .rjust(width) for c in row))
    return "\n".join(lines)


def summary(scenario: Scenario, tally: Tally,
            players: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The figures a modder balances a scenario by, as plain JSON-ready data. *players*
    names the scripted style of each side not played by the computer.

    ``mean_gain`` is each side's mean of (the result's utility - its starting fallback);
    ``mean_nash_share`` the mean of each game's Nash product as a share of the Nash
    point's (see :func:`nash_share`); ``packages_agreed`` every agreed package with how
    many games agreed on it, most common first."""
    games = max(tally.games, 1)
    agreements = max(tally.agreements, 1)
    packages = sorted(tally.packages.items(), key=lambda kv: (-kv[1], kv[0]))
    return {
        "scenario": scenario.id,
        "games": tally.games,
        "players": {s: (players or {}).get(s, "computer") for s in scenario.side_ids},
        "agreement_rate": round(tally.agreements / games, 4),
        "outcomes": {o.id: tally.outcomes.get(o.id, 0) for o in scenario.outcomes},
        "mean_rounds": round(tally.rounds / games, 3),
        "mean_utility": {s: round(tally.utility.get(s, 0.0) / games, 4)
                         for s in scenario.side_ids},
        "mean_gain": {s: round(tally.gain.get(s, 0.0) / games, 4) for s in scenario.side_ids},
        "mean_nash_share": round(tally.nash_share / tally.nash_games, 4)
        if tally.nash_games else None,
        "mean_distance_to_frontier": round(tally.distance / agreements, 4)
        if tally.agreements else None,
        "packages_agreed": [{"package": to_ids(scenario, package), "count": count}
                            for package, count in packages],
        "outcomes_never_reached": [o.id for o in scenario.outcomes
                                   if not tally.outcomes.get(o.id)],
        "tactics_never_used": [t.id for t in scenario.tactics if not tally.tactics.get(t.id)],
        "options_never_proposed": [o.id for i in scenario.issues for o in i.options
                                   if not tally.options.get(o.id)],
    }


#: The agreed packages the text summary lists (the JSON lists them all).
PACKAGES_SHOWN = 5


def format_summary(data: dict[str, Any], names: dict[str, str],
                   scenario: Scenario | None = None) -> str:
    """The summary as text for a terminal, in points of 100 as every screen and page gives
    them (the JSON keeps utilities from 0 to 1); *names* maps ids to display names, and
    *scenario*, when given, names the options and tactics as players read them."""
    lines = [f"{data['games']:,} games of {data['scenario']}"]
    players = data.get("players", {})
    if any(style != "computer" for style in players.values()):
        lines.append("  players             " + ", ".join(
            f"{names.get(side, side)} {style}" for side, style in players.items()))
    lines += [f"  agreement rate      {data['agreement_rate']:.1%}",
              f"  mean rounds         {data['mean_rounds']:.2f}"]
    # Each figure's meaning beside its first side only.
    for n, (side, value) in enumerate(data["mean_utility"].items()):
        lines.append(f"  mean points {names.get(side, side):<8}{100 * value:.1f}" +
                     ("" if n else "  (the deal's worth to the side, or its fallback "
                                   "without one)"))
    for n, (side, value) in enumerate(data["mean_gain"].items()):
        lines.append(f"  mean gain {names.get(side, side):<10}{100 * value:+.1f}" +
                     ("" if n else "  (points over its fallback at the start)"))
    if data["mean_nash_share"] is not None:
        lines.append(f"  mean Nash share     {data['mean_nash_share']:.1%}  (the product of "
                     "both gains, as a share of the Nash point's)")
    if data["mean_distance_to_frontier"] is not None:
        lines.append(f"  mean distance of deals to the Pareto frontier "
                     f"{100 * data['mean_distance_to_frontier']:.1f} points")
    lines.append("  outcomes:")
    total = max(data["games"], 1)
    for outcome, count in sorted(data["outcomes"].items(), key=lambda kv: -kv[1]):
        lines.append(f"    {count / total:6.1%}  {count:>7,}  {names.get(outcome, outcome)}")
    issues = scenario.issues if scenario else ()
    options = {(issue.id, option.id): option.name for issue in issues for option in issue.options}
    agreed = data["packages_agreed"]
    lines.append("  packages agreed:" + ("" if agreed else " none"))
    for item in agreed[:PACKAGES_SHOWN]:
        said = ", ".join(options.get((issue, option), option)
                         for issue, option in item["package"].items())
        lines.append(f"    {item['count'] / total:6.1%}  {item['count']:>7,}  {said}")
    if len(agreed) > PACKAGES_SHOWN:
        rest = len(agreed) - PACKAGES_SHOWN
        lines.append(f"    and {rest:,} other package{'s' if rest != 1 else ''}")
    tactics = {t.id: t.name for t in scenario.tactics} if scenario else {}
    # An option by its name and its issue's (two issues may name options alike).
    unproposed = {option.id: f"{option.name} ({issue.name.lower()})"
                  for issue in issues for option in issue.options}
    for key, title, said_as in (("outcomes_never_reached", "outcomes never reached", names),
                                ("tactics_never_used", "tactics never used", tactics),
                                ("options_never_proposed", "options never proposed",
                                 unproposed)):
        items = [said_as.get(item, item) for item in data[key]]
        lines.append(f"  {title}: {'; '.join(items) if items else 'none'}")
    return "\n".join(lines)
