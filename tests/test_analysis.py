"""Utilities, the Pareto frontier, the Nash point and the report on a deal."""

from __future__ import annotations

import math
from functools import cache

from game.analysis import OutcomeSpace, deal_report, from_ids, outcome_space, to_ids
from game.library import DEFAULT_SCENARIO
from game.model import Scenario
from game.scenario import load_scenario


@cache
def scenario() -> Scenario:
    return load_scenario(DEFAULT_SCENARIO)


def space() -> OutcomeSpace:
    return outcome_space(scenario())


def batnas() -> dict[str, float]:
    return {s: scenario().sides[s].batna.value for s in scenario().sides}


def test_every_package_is_there_once_with_utilities_in_0_1() -> None:
    sp = space()
    assert len(sp.packages) == math.prod(len(i.options) for i in scenario().issues)
    assert len(set(sp.packages)) == len(sp.packages)
    for side in sp.sides:
        assert all(0.0 <= u <= 1.0 + 1e-9 for u in sp.utility[side])


def test_utility_is_the_weighted_sum_of_option_values() -> None:
    package = {"joint_action": "joint_planning", "syria_coordination": "damascus_informed",
               "precondition": "verified_calm", "targets": "nusra_and_isil",
               "start_date": "mid_june"}
    spec = scenario().sides["ru"]
    expected = sum(spec.weights[i] * spec.values[i][o] for i, o in package.items())
    assert math.isclose(space().utility_of("ru", from_ids(scenario(), package)), expected)
    assert to_ids(scenario(), from_ids(scenario(), package)) == package


def test_the_frontier_holds_exactly_the_undominated_allowed_packages() -> None:
    sp = space()
    a, b = sp.sides
    allowed = [n for n in range(len(sp.packages)) if sp.allowed[n]]
    frontier = set(sp.frontier)

    def dominated(n: int) -> bool:
        return any(sp.utility[a][m] >= sp.utility[a][n] and sp.utility[b][m] >= sp.utility[b][n]
                   and (sp.utility[a][m] > sp.utility[a][n] or sp.utility[b][m] > sp.utility[b][n])
                   for m in allowed)
    for n in allowed:
        assert (n in frontier) == (not dominated(n)) or \
            any(sp.point(f) == sp.point(n) for f in frontier)


def test_the_nash_point_maximises_the_product_of_gains() -> None:
    sp = space()
    b = batnas()
    best = max((n for n in range(len(sp.packages)) if sp.allowed[n]),
               key=lambda n: (sp.utility["us"][n] - b["us"]) * (sp.utility["ru"][n] - b["ru"]))
    nash = sp.nash(b)
    assert nash is not None
    product = (sp.utility["us"][nash] - b["us"]) * (sp.utility["ru"][nash] - b["ru"])
    best_product = (sp.utility["us"][best] - b["us"]) * (sp.utility["ru"][best] - b["ru"])
    assert math.isclose(product, best_product)


def test_no_nash_point_when_no_package_beats_both_batnas() -> None:
    assert space().nash({"us": 0.99, "ru": 0.99}) is None


def test_a_deal_on_the_frontier_has_distance_zero_and_its_gains() -> None:
    sp = space()
    n = sp.frontier[len(sp.frontier) // 2]
    report = deal_report(scenario(), sp.packages[n], batnas())
    assert report.distance_to_frontier == 0.0
    for side in sp.sides:
        assert math.isclose(report.gain[side], report.utility[side] - batnas()[side],
                            abs_tol=1e-4)


def test_a_dominated_deal_is_some_distance_from_the_frontier() -> None:
    sp = space()
    worst = min(range(len(sp.packages)), key=lambda n: sum(sp.point(n)))
    report = deal_report(scenario(), sp.packages[worst], batnas())
    assert report.distance_to_frontier is not None and report.distance_to_frontier > 0.1
    assert report.gain["us"] < 0 or report.gain["ru"] < 0


def test_no_deal_means_each_side_gets_its_batna() -> None:
    report = deal_report(scenario(), None, batnas())
    assert report.utility == batnas() and report.gain == {"ru": 0.0, "us": 0.0}
    assert report.distance_to_frontier is None and report.nash is not None


def test_red_lines_are_reported_by_their_text() -> None:
    package = from_ids(scenario(), {"joint_action": "joint_execution",
                                    "syria_coordination": "full_coordination",
                                    "precondition": "no_precondition",
                                    "targets": "all_violators", "start_date": "may_25"})
    crossed = space().red_lines_crossed("us", package)
    assert len(crossed) == 2 and all(isinstance(text, str) for text in crossed)
    assert space().red_lines_crossed("ru", package) == []
