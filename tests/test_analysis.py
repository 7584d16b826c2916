"""Utilities, the Pareto frontier, the Nash point and the report on a deal."""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

from conftest import edit
from game.analysis import OutcomeSpace, deal_report, from_ids, outcome_space, points, to_ids
from game.coherence import combinations_met, incoherence
from game.library import DEFAULT_SCENARIO
from game.model import Scenario
from game.scenario import load_scenario, read_scenario


@cache
def scenario() -> Scenario:
    return load_scenario(DEFAULT_SCENARIO)


def space() -> OutcomeSpace:
    return outcome_space(scenario())


def batnas() -> dict[str, float]:
    return {s: scenario().sides[s].batna.value for s in scenario().sides}


def test_every_package_is_there_once_with_utilities_in_0_1() -> None:
    sp = space()
    every = sp.packages + sp.incoherent
    assert len(every) == math.prod(len(i.options) for i in scenario().issues)
    assert len(set(every)) == len(every)
    assert sp.index == {p: n for n, p in enumerate(every)}
    for side in sp.sides:
        assert len(sp.utility[side]) == len(every)
        assert all(0.0 <= u <= 1.0 for u in sp.utility[side])


def test_only_coherent_packages_are_in_the_space_the_frontier_and_the_nash_point() -> None:
    sp = space()
    assert sp.packages and sp.incoherent
    assert all(incoherence(scenario(), p) is None for p in sp.packages)
    assert all(incoherence(scenario(), p) is not None for p in sp.incoherent)
    assert all(sp.is_coherent(p) for p in sp.packages)
    assert not any(sp.is_coherent(p) for p in sp.incoherent)
    assert not any(sp.allowed[sp.index[p]] for p in sp.incoherent)
    assert all(n < len(sp.packages) for n in sp.frontier)
    nash = sp.nash(batnas())
    assert nash is not None and incoherence(scenario(), sp.packages[nash]) is None


def test_an_incoherent_package_still_has_utilities_and_a_report() -> None:
    # A game saved before a rule was written may hold one: it is reported, never offered.
    sp = space()
    package = from_ids(scenario(), {"joint_action": "joint_execution",
                                    "syria_coordination": "no_coordination",
                                    "precondition": "verified_calm",
                                    "separation": "areas_marked",
                                    "targets": "nusra_and_isil", "start_date": "may_25"})
    assert package in sp.incoherent
    report = deal_report(scenario(), package, batnas())
    assert report.utility["us"] == round(sp.utility_of("us", package), 4)
    assert report.distance_to_frontier is not None


def test_a_combination_adds_its_value_to_the_weighted_sum() -> None:
    chosen = {"joint_action": "joint_planning", "syria_coordination": "no_coordination",
              "precondition": "verified_calm", "separation": "areas_marked",
              "targets": "nusra_only",
              "start_date": "when_verified"}
    spec = scenario().sides["us"]
    weighted = sum(spec.weights[i] * spec.values[i][o] for i, o in chosen.items())
    package = from_ids(scenario(), chosen)
    # The September sequence and joint action once calm is checked: both hold.
    assert [c.value for c in combinations_met(scenario(), "us", package)] == [0.03, 0.03]
    assert math.isclose(space().utility_of("us", package), weighted + 0.06)
    # One option changed, and the sequence no longer holds; checked calm still does.
    other = from_ids(scenario(), {**chosen, "start_date": "mid_june"})
    assert [c.value for c in combinations_met(scenario(), "us", other)] == [0.03]
    assert math.isclose(space().utility_of("us", other),
                        weighted + 0.03 - spec.weights["start_date"] * (
                            spec.values["start_date"]["when_verified"]
                            - spec.values["start_date"]["mid_june"]))


def test_a_negative_combination_takes_its_value_away() -> None:
    chosen = {"joint_action": "intelligence_sharing", "syria_coordination": "damascus_informed",
              "precondition": "grounded_air_force", "separation": "areas_marked",
              "targets": "nusra_and_isil",
              "start_date": "mid_june"}
    spec = scenario().sides["ru"]
    weighted = sum(spec.weights[i] * spec.values[i][o] for i, o in chosen.items())
    package = from_ids(scenario(), chosen)
    assert math.isclose(space().utility_of("ru", package), weighted - 0.04)
    assert math.isclose(space().sum_of("ru", package), weighted - 0.04)


def test_a_utility_pushed_beyond_1_or_below_0_is_cut_off() -> None:
    text = edit("      river: {shared: 0.5, kept: 1.0}\n",
                "      river: {shared: 0.5, kept: 1.0}\n    combinations:\n"
                "      - {options: {border: [north], river: [kept]}, value: 0.5, why: \"A.\"}\n"
                "      - {options: {border: [south], river: [shared]}, value: -0.5, "
                "why: \"B.\"}\n")
    mini = read_scenario(text)
    sp = outcome_space(mini)
    top = from_ids(mini, {"border": "north", "river": "kept"})
    bottom = from_ids(mini, {"border": "south", "river": "shared"})
    assert math.isclose(sp.sum_of("red", top), 1.5) and sp.utility_of("red", top) == 1.0
    assert math.isclose(sp.sum_of("red", bottom), -0.3) and sp.utility_of("red", bottom) == 0.0
    assert sp.utility["red"][sp.index[top]] == 1.0


def test_utility_is_the_weighted_sum_of_option_values() -> None:
    package = {"joint_action": "joint_planning", "syria_coordination": "damascus_informed",
               "precondition": "verified_calm", "separation": "areas_marked",
               "targets": "nusra_and_isil",
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
                                    "separation": "no_separation",
                                    "targets": "all_violators", "start_date": "may_25"})
    crossed = space().red_lines_crossed("us", package)
    assert len(crossed) == 2 and all(isinstance(text, str) for text in crossed)
    assert space().red_lines_crossed("ru", package) == []


def test_every_number_on_the_players_scale_rounds_halves_up() -> None:
    """A half point shows as the next point up wherever it shows (Python's round() sends
    66.5 to 66 and 73.5 to 74, which a student checking by hand reads as an error); the
    doctests hold the examples, and no module rounds a utility to points by itself."""
    import ast
    import doctest

    import game.analysis

    assert doctest.testmod(game.analysis).failed == 0
    assert [points(u) for u in (0.665, 0.735, 0.125, 0.005)] == [67, 74, 13, 1]
    package = Path(game.analysis.__file__).parent
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                    node.func.id == "round" and node.args:
                text = ast.unparse(node.args[0])
                assert "100" not in text, \
                    f"{path.name}:{node.lineno}: round({text}): use points() or half_up()"
