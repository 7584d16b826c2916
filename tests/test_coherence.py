"""Coherent packages: which options contradict each other, the sentence players get, and
computer games that never agree to a contradiction."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from game.analysis import from_ids, outcome_space
from game.coherence import (
    combinations_met, contradictions_in, incoherence, options_text,
)
from game.library import DEFAULT_SCENARIO
from game.model import Scenario
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import play_one


@cache
def scenario() -> Scenario:
    return load_scenario(DEFAULT_SCENARIO)


def package(**chosen: str) -> dict[str, str]:
    """A full package of the main scenario: a coherent base with *chosen* changed."""
    base = {"joint_action": "joint_planning", "syria_coordination": "damascus_informed",
            "precondition": "verified_calm", "separation": "areas_marked",
            "targets": "nusra_and_isil",
            "start_date": "mid_june"}
    return {**base, **chosen}


def test_a_coherent_package_gets_no_sentence() -> None:
    assert incoherence(scenario(), package()) is None
    assert contradictions_in(scenario(), package()) == []


@pytest.mark.parametrize("chosen, words", [
    ({"start_date": "may_25"}, "cannot begin right away"),
    ({"precondition": "no_precondition", "separation": "us_pledge",
      "start_date": "when_verified"}, "nothing to verify"),
    ({"joint_action": "deconfliction_only"}, "no joint strikes for a precondition"),
])
def test_an_incoherent_package_gets_the_rules_sentence(chosen: dict[str, str],
                                                       words: str) -> None:
    mapping = package(**chosen)
    why = incoherence(scenario(), mapping)
    assert why is not None and words in why
    # The same answer for the engine's form of a package, a tuple of positions.
    assert incoherence(scenario(), from_ids(scenario(), mapping)) == why


def test_every_rule_a_package_breaks_is_listed_in_order() -> None:
    mapping = package(joint_action="deconfliction_only", syria_coordination="full_coordination",
                      start_date="may_25")
    broken = contradictions_in(scenario(), mapping)
    assert broken == [scenario().contradictions[0], scenario().contradictions[2],
                      scenario().contradictions[3], scenario().contradictions[5]]
    # Every clash is named, with the options of the package it is about, so a player can
    # fix them all at once.
    why = incoherence(scenario(), mapping)
    assert why is not None and why.startswith("Right away with ")
    assert all(rule.why in why for rule in broken)
    assert "Deconfliction only with Full coordination: " in why


def test_a_package_being_built_is_checked_on_the_issues_chosen_so_far() -> None:
    assert incoherence(scenario(), {"start_date": "may_25"}) is None
    assert incoherence(scenario(), {"start_date": "may_25",
                                    "precondition": "verified_calm"}) is not None
    assert incoherence(scenario(), {"start_date": "may_25",
                                    "precondition": "no_such_option"}) is None


def test_combinations_met_names_what_adds_to_a_sides_utility() -> None:
    september = package(joint_action="joint_execution", start_date="when_verified")
    assert [c.value for c in combinations_met(scenario(), "us", september)] == [0.03, 0.03]
    # Russia's mirror: strikes once the groups are seen to have moved away from al-Nusra.
    assert [c.value for c in combinations_met(scenario(), "ru", september)] == [0.03]
    assert [c.value for c in combinations_met(
        scenario(), "ru", package(joint_action="intelligence_sharing"))] == [-0.04]


def test_options_text_reads_as_players_see_the_options() -> None:
    rule = scenario().contradictions[0]
    assert options_text(scenario(), rule.options) == \
        "Right away (start date) with Verified calm first or Calm and grounded air force " \
        "(ceasefire precondition on Damascus)"
    # Three issues: each named after its options, the last with "and".
    three = next(r for r in scenario().contradictions if len(r.options) == 3)
    said = options_text(scenario(), three.options)
    assert said.count(" with ") == 1 and said.count(" and ") >= 1
    assert all(f"({issue.name.lower()})" in said.lower() for issue in scenario().issues
               if issue.id in three.options)


@pytest.mark.parametrize("path", sorted(DEFAULT_SCENARIO.parent.glob("*.yaml")),
                         ids=lambda p: p.name)
def test_every_shipped_rule_and_combination_has_a_reason(path: Path) -> None:
    shipped = load_scenario(path)
    space = outcome_space(shipped)
    for rule in shipped.contradictions:
        assert rule.why.endswith(".") and len(rule.options) >= 2
        assert any(rule in contradictions_in(shipped, p) for p in space.incoherent)
    # A combination is worth at most a tenth of the score: enough to carry a condition
    # (joint strikes are worth less to Washington than the channel alone until calm is
    # checked), never so much that the points table stops saying what a side wants.
    for side in shipped.sides.values():
        for combo in side.combinations:
            assert combo.why.endswith(".") and abs(combo.value) <= 0.1


def test_computer_games_of_the_main_scenario_agree_only_coherent_packages() -> None:
    settings = Settings()
    agreed = []
    for seed in range(300):
        game = play_one(scenario(), seed, settings)
        for _, offer in game.state.offers:
            assert incoherence(scenario(), offer) is None, offer
        if game.state.agreed is not None:
            agreed.append(game.state.agreed)
    assert len(agreed) > 200  # most games end in a deal
    assert [p for p in agreed if incoherence(scenario(), p) is not None] == []
    space = outcome_space(scenario())
    nash = space.nash({s: scenario().sides[s].batna.value for s in space.sides})
    assert nash is not None and incoherence(scenario(), space.packages[nash]) is None


def test_the_engine_refuses_an_incoherent_proposal_with_the_rules_sentence() -> None:
    from game.engine import Game
    from game.errors import IllegalMoveError
    from game.moves import Move

    game = Game(scenario(), seed=1)
    package = {"joint_action": "joint_planning", "syria_coordination": "damascus_informed",
               "precondition": "verified_calm", "separation": "areas_marked",
               "targets": "nusra_and_isil",
               "start_date": "may_25"}
    why = incoherence(scenario(), package)
    assert why is not None
    assert game.why_not(Move.propose(package)) == why
    with pytest.raises(IllegalMoveError) as raised:
        game.apply(Move.propose(package))
    assert str(raised.value) == why


def test_signing_the_status_quo_is_worth_no_more_than_no_deal() -> None:
    """In the main scenario a deal for deconfliction only keeps things as they are: the US's
    own fallback, and Russia's with nothing gained. What such a package says of targets or
    a start date binds nobody, so no coherent one is worth more to either side than its
    fallback (a playtest found one worth 59 to the United States against a fallback of
    50: signing the status quo beat the status quo)."""
    shipped = load_scenario(DEFAULT_SCENARIO)
    space = outcome_space(shipped)
    k = [issue.id for issue in shipped.issues].index("joint_action")
    quo = shipped.issues[k].options[0]
    assert quo.id == "deconfliction_only"
    signed = [n for n, package in enumerate(space.packages)
              if package[k] == 0 and space.is_coherent(package)]
    assert signed
    for side in shipped.side_ids:
        fallback = shipped.sides[side].batna.value
        assert max(space.utility[side][n] for n in signed) < fallback, side
