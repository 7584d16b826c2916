"""The NegMAS comparison's domain: a Parley scenario as NegMAS is given it.

The conversion needs no NegMAS; the one test that plays a NegMAS game is skipped without
it (it is the optional ``bench`` extra)."""

from __future__ import annotations

import itertools
import math

import pytest

from benchmarks.bench_negmas import Domain, domain, parley_package
from game.analysis import outcome_space
from game.engine import Game
from game.library import shipped_scenarios
from game.model import Scenario
from game.negotiator import EXPONENTS
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import play_one

SCENARIOS = {path.stem: load_scenario(path) for path in shipped_scenarios()}


@pytest.fixture(params=sorted(SCENARIOS))
def scenario(request: pytest.FixtureRequest) -> Scenario:
    return SCENARIOS[request.param]


def test_issues_and_options_in_the_scenarios_order(scenario: Scenario) -> None:
    made = domain(scenario)
    assert made.name == scenario.id
    assert made.sides == scenario.side_ids
    assert made.issues == tuple((i.id, tuple(o.id for o in i.options))
                                for i in scenario.issues)


def test_weights_values_and_reserves_are_the_sides_own(scenario: Scenario) -> None:
    made = domain(scenario)
    for side_id in scenario.side_ids:
        side = scenario.sides[side_id]
        assert made.weights[side_id] == tuple(side.weights[i.id] for i in scenario.issues)
        assert made.values[side_id] == tuple(side.values[i.id] for i in scenario.issues)
        assert made.reserve[side_id] == side.batna.value


def test_utility_is_parleys_without_combinations(scenario: Scenario) -> None:
    """Over every package, the domain's utility is Parley's weighted sum of values: its
    utility wherever no combination adds to it (and nothing is cut at 0 or 1)."""
    made = domain(scenario)
    space = outcome_space(scenario)
    compared = 0
    for positions in itertools.product(*(range(len(i.options)) for i in scenario.issues)):
        package = tuple(options[n] for (_, options), n in zip(made.issues, positions))
        for side in scenario.side_ids:
            weighted = sum(row[n] for row, n in zip(space.tables[side], positions))
            assert math.isclose(made.utility(side, package), weighted, abs_tol=1e-12)
            n = space.index[positions]
            if space.extra[side][n] == 0 and 0 <= weighted <= 1:
                assert math.isclose(made.utility(side, package), space.utility[side][n],
                                    abs_tol=1e-12)
                compared += 1
    assert compared > 0


def test_result_without_a_deal_is_the_reserve(scenario: Scenario) -> None:
    made = domain(scenario)
    for side in scenario.side_ids:
        assert made.result(side, None) == scenario.sides[side].batna.value


@pytest.mark.parametrize("rounds", [None, 3, 12])
def test_turns_are_two_per_round_of_a_parley_game(scenario: Scenario,
                                                  rounds: int | None) -> None:
    settings = Settings(rounds=rounds)
    made = domain(scenario, settings)
    expected = sum(rounds if rounds and p.adjustable else p.rounds for p in scenario.phases)
    assert made.turns == 2 * expected
    assert made.turns == 2 * Game(scenario, settings, 0).state.rounds


def test_concession_follows_the_sides_personality(scenario: Scenario) -> None:
    made = domain(scenario)
    for side in scenario.side_ids:
        personality = scenario.sides[side].personality
        concession = made.concession[side]
        assert concession.exponent == pytest.approx(1 / EXPONENTS[personality.strategy])
        assert 0.0 <= concession.start <= 1.0
        if personality.opening == 1.0:
            assert concession.start == 1.0


def test_parley_agreement_as_a_package(scenario: Scenario) -> None:
    made = domain(scenario)
    game = play_one(scenario, 0, Settings())
    agreed = game.state.agreed
    package = parley_package(scenario, agreed)
    if agreed is None:
        assert package is None
    else:
        assert package is not None
        assert list(package) == [agreed[i] for i, _ in made.issues]


def test_negmas_plays_the_domain() -> None:
    pytest.importorskip("negmas")
    from benchmarks.bench_negmas import NegmasTable

    made: Domain = domain(SCENARIOS["tutorial"])
    table = NegmasTable(made)
    for side in made.sides:
        ufun = table.ufuns[side]
        for package in itertools.product(*(options for _, options in made.issues)):
            assert math.isclose(float(ufun(package)), made.utility(side, package))
    agreed = table.play()
    if agreed is not None:
        assert all(option in options for option, (_, options) in zip(agreed, made.issues))
