"""The simulator's figures: gains over the starting fallbacks, the Nash share, the deals."""

from __future__ import annotations

from game.coherence import combinations_met, incoherence

from collections import Counter
from functools import cache

import pytest

from game.engine import Game
from game.library import DEFAULT_SCENARIO
from game.model import Scenario
from game.scenario import read_scenario
from game.settings import Settings
from game.simulate import Tally, format_summary, play_one, simulate, summary


@cache
def scenario() -> Scenario:
    """The main scenario with a modder's threat that strengthens Russia's fallback (no
    shipped tactic or event moves one), so that some games end with a fallback moved: the
    gains are counted over the starting fallbacks all the same."""
    shipped = DEFAULT_SCENARIO.read_text(encoding="utf-8")
    threat = "effects: {meters: {trust: -8, ceasefire: -4, support_ru: 3}}"
    assert threat in shipped
    return read_scenario(shipped.replace(threat, threat[:-1] + ", batna: {ru: 0.02}}"),
                         DEFAULT_SCENARIO.name)


@cache
def games() -> tuple[Game, ...]:
    """Deals and no deals, with fallbacks that moved during the game and ones that did
    not: computer games, careless and hardline play."""
    played = [play_one(scenario(), seed, Settings()) for seed in range(3)]
    played += [play_one(scenario(), seed, Settings(), players={"us": "careless"})
               for seed in range(6)]
    played += [play_one(scenario(), seed, Settings(), players={"ru": "hardline"})
               for seed in range(2)]
    return tuple(played)


def utility(side: str, chosen: dict[str, str]) -> float:
    """The weighted sum, plus the side's combination values, kept within 0 and 1."""
    spec = scenario().sides[side]
    total = sum(spec.weights[issue] * spec.values[issue][option]
                for issue, option in chosen.items())
    total += sum(c.value for c in combinations_met(scenario(), side, chosen))
    return min(max(total, 0.0), 1.0)


def crosses(side: str, chosen: dict[str, str]) -> bool:
    return any(all(chosen[issue] in options for issue, options in red.forbid.items())
               for red in scenario().sides[side].red_lines)


def every_package() -> list[dict[str, str]]:
    packages: list[dict[str, str]] = [{}]
    for issue in scenario().issues:
        packages = [{**p, issue.id: o.id} for p in packages for o in issue.options]
    return [p for p in packages if incoherence(scenario(), p) is None]


def test_mean_gain_and_nash_share_are_what_a_hand_computation_gives() -> None:
    sides = scenario().side_ids
    start = {s: scenario().sides[s].batna.value for s in sides}
    nash = max((utility(sides[0], p) - start[sides[0]]) * (utility(sides[1], p) -
                                                            start[sides[1]])
               for p in every_package()
               if not any(crosses(s, p) for s in sides)
               and all(utility(s, p) > start[s] for s in sides))
    gains = {s: 0.0 for s in sides}
    shares = 0.0
    agreed: Counter[tuple[str, ...]] = Counter()
    moved = no_deal = 0
    for game in games():
        deal = game.state.agreed
        end = {s: game.fallback(s) for s in sides}
        moved += end != start
        if deal is None:
            no_deal += 1
            result = end
        else:
            result = {s: utility(s, deal) for s in sides}
            agreed[tuple(deal.values())] += 1
        for s in sides:
            gains[s] += result[s] - start[s]
        a, b = (result[s] - start[s] for s in sides)
        shares += a * b / nash if a > 0 and b > 0 else 0.0
    assert no_deal and no_deal < len(games()) and moved  # the cases worth checking

    tally = Tally()
    for game in games():
        tally.add(game)
    data = summary(scenario(), tally)
    count = len(games())
    for s in sides:
        assert data["mean_gain"][s] == pytest.approx(gains[s] / count, abs=1e-4)
    assert data["mean_nash_share"] == pytest.approx(shares / count, abs=1e-4)
    listed = [(tuple(item["package"].values()), item["count"])
              for item in data["packages_agreed"]]
    assert Counter(dict(listed)) == agreed
    assert [c for _, c in listed] == sorted((c for _, c in listed), reverse=True)


def test_a_result_below_a_starting_fallback_adds_nothing_to_the_nash_share() -> None:
    from game.simulate import nash_share, result_utilities, starting_fallbacks
    start = starting_fallbacks(scenario())
    seen = 0
    for game in games():
        result = result_utilities(game)
        if any(result[s] < start[s] for s in game.sides):
            assert nash_share(game) == 0.0
            seen += 1
    assert seen


def test_the_agreed_packages_add_up_to_the_agreements() -> None:
    _, tally = simulate(DEFAULT_SCENARIO, 60, seed=2, players={"us": "careless"})
    data = summary(scenario(), tally)
    assert sum(item["count"] for item in data["packages_agreed"]) == tally.agreements
    assert all(set(item["package"]) == {i.id for i in scenario().issues}
               for item in data["packages_agreed"])


def test_the_text_summary_shows_the_new_figures() -> None:
    # In points and names, as every screen and page gives them (a teacher read "mean
    # utility RU 0.712" and option ids beside "71 points" everywhere else); the JSON keeps
    # utilities from 0 to 1 and ids.
    _, tally = simulate(DEFAULT_SCENARIO, 40, seed=0)
    sc = scenario()
    data = summary(sc, tally)
    names = {s: sc.sides[s].short for s in sc.side_ids}
    text = format_summary(data, names, sc)
    assert f"mean points RU      {100 * data['mean_utility']['ru']:.1f}" in text
    assert f"mean gain RU        {100 * data['mean_gain']['ru']:+.1f}" in text
    assert f"mean Nash share     {data['mean_nash_share']:.1%}" in text
    top = data["packages_agreed"][0]
    options = {(i.id, o.id): o.name for i in sc.issues for o in i.options}
    assert ", ".join(options[(issue, option)] for issue, option in top["package"].items()) \
        in text
    assert f"and {len(data['packages_agreed']) - 5:,} other packages" in text
    for tactic in data["tactics_never_used"]:
        assert next(t.name for t in sc.tactics if t.id == tactic) in text
    assert "utility" not in text


def test_nothing_outlives_a_game_but_the_bounded_caches() -> None:
    """Games already played twice, replayed, leave nothing behind: the caches shared by a
    scenario's games hold their entries already, and nothing else may outlive a game
    (each move had made a new method name, and CPython's attribute cache kept up to
    4,096 of them)."""
    import gc
    import tracemalloc

    played = scenario()
    seeds = range(900, 940)
    for _ in range(2):
        for seed in seeds:
            play_one(played, seed, Settings())
    tracemalloc.start()
    try:
        gc.collect()
        before, _ = tracemalloc.get_traced_memory()
        moves = 0
        for seed in seeds:
            moves += len(play_one(played, seed, Settings()).moves)
        gc.collect()
        after, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert moves > 400
    assert after - before < 4096, f"{after - before} bytes outlived {moves} moves"
