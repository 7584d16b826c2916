"""Slow files: whatever a scenario's conditions are, checking and loading it takes about a
second at most, and no message echoes a huge condition whole."""

from __future__ import annotations

import time
from pathlib import Path

from hypothesis import given, settings as hsettings, strategies as st

from game.cli import main
from game.conditions import MAX_LENGTH, Condition, ConditionSyntaxError
from game.library import SCENARIO_DIR
from game.scenario import check_file, check_text
from tests.mutate import slow_scenario

TUTORIAL = SCENARIO_DIR / "tutorial.yaml"


@given(st.integers(1, 50), st.integers(1, 20), st.booleans())
@hsettings(max_examples=8, deadline=None)
def test_a_scenario_of_conditions_that_never_hold_loads_within_a_second(
        tactics: int, terms: int, spread: bool) -> None:
    text = slow_scenario(TUTORIAL.read_text(encoding="utf-8"), tactics, terms, spread)
    start = time.perf_counter()
    scenario, problems = check_text(text, "slow.yaml")
    took = time.perf_counter() - start
    assert scenario is not None, problems[:3]
    assert took < 2.0, f"{took:.2f} s for {tactics} tactics of {terms} terms"


def test_checks_left_out_are_said_and_the_rest_still_made(tmp_path: Path,
                                                          capsys) -> None:  # type: ignore[no-untyped-def]
    text = slow_scenario(TUTORIAL.read_text(encoding="utf-8"), 40, 14, True)
    # One cheap condition that never holds, checked before the costly ones.
    text = text.replace("tactics:\n", "tactics:\n" + TACTIC.format(id="never",
                                                                  when="trust > 100"), 1)
    path = tmp_path / "slow.yaml"
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    assert main(["validate", str(path)]) == 0
    took = time.perf_counter() - start
    out = capsys.readouterr().out
    assert "tactic 'never' is never available" in out
    assert "condition checks were not made" in out and took < 3.0


TACTIC = """  - id: {id}
    name: "Tactic {id}"
    kind: appeal
    help: "x"
    when: "{when}"
    sides:
      us:
        line: "x"
        effects: {{meters: {{trust: 1}}}}
"""


def test_a_condition_too_long_is_refused_without_being_echoed_whole() -> None:
    text = " or ".join(["trust > 1"] * 60_000)  # about 780,000 characters
    try:
        Condition(text, {"trust": "meter"})
    except ConditionSyntaxError as exc:
        message = str(exc)
    else:
        raise AssertionError("a condition of 780,000 characters was taken")
    assert f"at most {MAX_LENGTH:,}" in message and len(message) < 400
    source = TUTORIAL.read_text(encoding="utf-8").replace(
        "tactics:\n", "tactics:\n" + TACTIC.format(id="huge", when=" or ".join(
            ["trust > 1"] * 60_000)), 1)
    start = time.perf_counter()
    scenario, problems = check_text(source, "huge.yaml")
    assert time.perf_counter() - start < 5.0  # under one second idle; a hang takes minutes
    assert scenario is None and len(problems) == 1 and len(str(problems[0])) < 500
    assert "characters long" in problems[0].message


def test_a_condition_that_does_not_parse_is_shown_cut_short() -> None:
    text = "trust > 1 and (" * 300
    try:
        Condition(text, {"trust": "meter"})
    except ConditionSyntaxError as exc:
        assert len(str(exc)) < 400 and "more characters" in str(exc)
    else:
        raise AssertionError("took a condition that does not parse")


def test_the_shipped_scenarios_are_checked_whole() -> None:
    for path in sorted(SCENARIO_DIR.glob("*.yaml")):
        scenario, problems = check_file(path)
        assert scenario is not None
        assert not [p for p in problems if "were not made" in p.message or
                    "was not made" in p.message]
