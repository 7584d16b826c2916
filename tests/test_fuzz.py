"""Hostile files: mutated scenarios and saves end in Parley's own error with a location,
or load; nothing else is raised and nothing takes more than a second."""

from __future__ import annotations

import random
import time
from functools import cache

from hypothesis import given, settings, strategies as st

from game.errors import ParleyError, SaveError
from game.library import DEFAULT_SCENARIO
from game.model import Scenario
from game.save import parse_save, restore, to_save
from game.scenario import check_text, load_scenario
from game.settings import Settings
from game.simulate import play_one
from tests.mutate import hostile_save, mutated_save, mutated_scenario


@cache
def scenario() -> Scenario:
    return load_scenario(DEFAULT_SCENARIO)


@cache
def save_bytes() -> bytes:
    game = play_one(scenario(), 3, Settings())
    return to_save(game, {"us"}).model_dump_json(by_alias=True).encode("utf-8")


#: Seconds past which a check counts as hanging: these inputs take well under one on an idle
#: machine, a hang (an alias expanded, a pattern backtracking) takes minutes, and a machine
#: busy with other work must not fail the test.
HANG = 5.0


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32))
def test_mutated_scenarios_load_or_say_where_they_are_wrong(seed: int) -> None:
    raw = mutated_scenario(DEFAULT_SCENARIO.read_text(encoding="utf-8"), random.Random(seed))
    start = time.perf_counter()
    loaded, problems = check_text(raw, "fuzz.yaml")
    assert time.perf_counter() - start < HANG
    if loaded is None:
        assert problems
        for problem in problems:
            assert problem.file == "fuzz.yaml" and problem.line >= 1 and problem.column >= 1
            assert problem.message


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 2**32))
def test_mutated_saves_load_or_give_a_plain_message(seed: int) -> None:
    raw = mutated_save(save_bytes(), random.Random(seed))
    start = time.perf_counter()
    try:
        restore(parse_save(raw, "fuzz.json"), scenario())
    except SaveError as exc:
        assert str(exc)
    except ParleyError as exc:  # e.g. a move that is not legal any more
        assert str(exc)
    assert time.perf_counter() - start < HANG


def test_an_alias_bomb_is_refused_quickly() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9))
    start = time.perf_counter()
    loaded, problems = check_text(bomb, "bomb.yaml")
    assert loaded is None and "alias bomb" in problems[0].message
    assert time.perf_counter() - start < HANG


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32))
def test_saves_edited_by_hand_load_or_give_a_plain_message(seed: int) -> None:
    kind, raw = hostile_save(save_bytes(), random.Random(seed))
    start = time.perf_counter()
    try:
        restored = restore(parse_save(raw, "fuzz.json"), scenario())
    except ParleyError as exc:
        assert str(exc) and len(str(exc)) < 1000, kind
    else:
        # Only what is harmless loads: escapes (stripped where shown) and summaries that
        # do not match the moves (said, the replay counts).
        assert kind in ("escapes in a team name", "formula in the outcome",
                        "summary that lies"), kind
        assert kind == "escapes in a team name" or restored.warning
    assert time.perf_counter() - start < HANG


def test_the_fuzz_benchmark_of_collected_folders_finds_nothing(capsys) -> None:  # type: ignore[no-untyped-def]
    from benchmarks import bench_fuzz
    original = bench_fuzz.FOLDERS
    bench_fuzz.FOLDERS = 2
    try:
        bench_fuzz.collected_folders(scenario(), DEFAULT_SCENARIO.read_text(encoding="utf-8"))
    finally:
        bench_fuzz.FOLDERS = original
    out = capsys.readouterr().out
    assert "BENCH fuzz_folder_crashes 0 crashes" in out
    assert "BENCH fuzz_folder_changed_rows 0 rows" in out
