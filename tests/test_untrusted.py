"""Files from strangers: one reader for saves, settings and themes that opens only regular
files, caps their size, and refuses JSON that Python's own parser takes without a word."""

from __future__ import annotations

import json
import os
import re
import signal
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from game.errors import SaveError, SettingsError
from game.library import DEFAULT_SCENARIO
from game.model import Scenario
from game.save import list_saves, parse_save, read_save, restore, to_save, write_save
from game.scenario import load_scenario
from game.settings import Settings, load_settings, settings_text, toml_string
from game.simulate import play_one
from game.untrusted import (MAX_JSON_DEPTH, JSONProblem, UntrustedError, parse_json,
                            read_file)

FIXTURE = Path(__file__).parent / "fixtures" / "save_v1_question.json"


@cache
def scenario() -> Scenario:
    return load_scenario(DEFAULT_SCENARIO)


@cache
def save_text() -> str:
    game = play_one(scenario(), 3, Settings())
    return json.dumps(to_save(game, {"us"}).model_dump(by_alias=True), indent=1)


@contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail instead of hanging (a FIFO that nobody writes blocks a plain open)."""
    def expired(*_: object) -> None:
        raise AssertionError(f"took longer than {seconds} s")
    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


# ----- hostile JSON, as hypothesis strategies --------------------------------------------

def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


#: JSON texts the reader must refuse, each with a word its message must hold.
hostile_json = st.one_of(
    st.integers(MAX_JSON_DEPTH + 1, 100_000).map(lambda d: (nested(d), "nested")),
    st.integers(MAX_JSON_DEPTH + 1, 5_000).map(
        lambda d: ('{"a":' * d + "1" + "}" * d, "nested")),
    st.integers(41, 20_000).map(lambda n: ("9" * n, "digits")),
    st.integers(0xD800, 0xDFFF).map(lambda c: (f'{{"team": "x\\u{c:04x}y"}}', "surrogate")),
    st.text(min_size=1, max_size=20).map(
        lambda k: (json.dumps({k: 1})[:-1] + ", " + json.dumps(k) + ": 2}", "twice")),
    st.sampled_from([("NaN", "NaN"), ("[Infinity]", "Infinity"), ("-Infinity", "Infinity")]),
)


@given(hostile_json)
@hsettings(max_examples=60, deadline=None)
def test_hostile_json_is_refused_with_a_plain_reason(case: tuple[str, str]) -> None:
    text, word = case
    with pytest.raises(JSONProblem, match=word):
        parse_json(text)


@given(st.recursive(st.none() | st.booleans() | st.integers(-10**30, 10**30) |
                    st.floats(allow_nan=False, allow_infinity=False) | st.text(),
                    lambda inner: st.lists(inner, max_size=4) |
                    st.dictionaries(st.text(), inner, max_size=4), max_leaves=30))
@hsettings(max_examples=80, deadline=None)
def test_ordinary_json_reads_as_python_reads_it(value: object) -> None:
    text = json.dumps(value)
    assert parse_json(text) == json.loads(text)


def test_brackets_inside_strings_do_not_count_as_nesting() -> None:
    assert parse_json(json.dumps({"name": "[" * 500 + '\\"{' * 100})) == \
        {"name": "[" * 500 + '\\"{' * 100}


@given(hostile_json)
@hsettings(max_examples=40, deadline=None)
def test_a_save_holding_hostile_json_is_refused_as_damaged(case: tuple[str, str]) -> None:
    text, _ = case
    save = json.loads(save_text())
    body = json.dumps(save)
    # The hostile value takes the place of the team names.
    spliced = body.replace('"teams": {', f'"extra": {text}, "teams": {{', 1)
    with pytest.raises(SaveError, match="damaged"):
        parse_save(spliced.encode("utf-8", "surrogatepass"), "game.json")


def with_teams(text: str, teams: dict[str, str]) -> str:
    data = json.loads(text)
    data["teams"] = teams
    return json.dumps(data)


@pytest.mark.parametrize("change,word", [
    (lambda t: re.sub(r'"version": (\d+)', r'"version": "\1"', t), "whole number"),
    (lambda t: re.sub(r'"version": (\d+)', r'"version": \1, "version": \1', t), "twice"),
    (lambda t: t.replace('"seed": 3', '"seed": ' + "7" * 5000), "digits"),
    (lambda t: with_teams(t, {"us": "A\ud800"}), "surrogate"),
    (lambda t: with_teams(t, {"us": "x" * 5000}), "teams"),
])
def test_a_damaged_save_gets_a_plain_message(change, word: str) -> None:  # type: ignore[no-untyped-def]
    text = change(save_text())
    assert text != save_text()
    with pytest.raises(SaveError, match=word):
        parse_save(text.encode(), "game.json")


def test_a_save_with_a_team_of_an_unknown_side_is_refused_on_restore() -> None:
    data = json.loads(save_text())
    data["teams"] = {"martians": "Team A"}
    save = parse_save(json.dumps(data).encode(), "game.json")
    with pytest.raises(SaveError, match="martians"):
        restore(save, scenario())


def test_a_summary_that_does_not_match_the_moves_is_said_and_the_replay_counts() -> None:
    data = json.loads(save_text())
    data["round"], data["finished"], data["outcome"] = 1, True, "joint_operation"
    restored = restore(parse_save(json.dumps(data).encode(), "game.json"), scenario())
    assert restored.warning and "does not match its moves" in restored.warning
    assert restored.game.state.round != 1 or restored.game.state.outcome != "joint_operation"
    honest = restore(parse_save(save_text().encode(), "game.json"), scenario())
    assert honest.warning is None


# ----- special files ----------------------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_among_the_saves_is_refused_without_hanging(tmp_path: Path) -> None:
    write_save(parse_save(save_text().encode()), tmp_path / "good.json")
    os.mkfifo(tmp_path / "pipe.json")
    with deadline(10):
        found = {s.path.name: s for s in list_saves(tmp_path)}
        with pytest.raises(SaveError, match="named pipe"):
            read_save(tmp_path / "pipe.json")
    assert found["good.json"].save is not None
    assert found["pipe.json"].save is None and "named pipe" in (found["pipe.json"].error or "")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_link_to_a_device_is_refused_unread(tmp_path: Path) -> None:
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    (tmp_path / "classroom.toml").symlink_to("/dev/zero")
    with deadline(10):
        with pytest.raises(SaveError, match="a device"):
            read_save(tmp_path / "zero.json")
        with pytest.raises(SettingsError, match="a device"):
            load_settings(tmp_path / "classroom.toml")


def test_read_file_caps_what_it_reads_and_refuses_a_folder(tmp_path: Path) -> None:
    (tmp_path / "big").write_bytes(b"x" * 1001)
    with pytest.raises(UntrustedError, match="too big"):
        read_file(tmp_path / "big", 1000)
    assert read_file(tmp_path / "big", 1001) == b"x" * 1001
    with pytest.raises(UntrustedError, match="folder"):
        read_file(tmp_path, 1000)
    with pytest.raises(UntrustedError, match="NUL"):
        read_file(str(tmp_path / "a\0b"), 1000)


# ----- settings files ----------------------------------------------------------------------

@pytest.mark.parametrize("content,word", [
    ("\ufeffrounds = 5\n".encode(), "byte-order mark"),
    (b"scenarios = " + b"[" * 5000 + b"]" * 5000 + b"\n", "nested too deeply"),
    (b"rounds = " + b"9" * 5000 + b"\n", "digits"),
    (b"rounds = 5\n\xff\n", "UTF-8"),
    (b"x" * 200_000, "too big"),
])
def test_a_bad_settings_file_gets_a_plain_message(tmp_path: Path, content: bytes,
                                                  word: str) -> None:
    path = tmp_path / "classroom.toml"
    path.write_bytes(content)
    with pytest.raises(SettingsError, match=word) as caught:
        load_settings(path)
    assert str(path) in str(caught.value) and len(str(caught.value)) < 400


@given(st.lists(st.text(max_size=30), max_size=4))
@hsettings(max_examples=80, deadline=None)
def test_settings_written_out_read_back_the_same(names: list[str]) -> None:
    """A scenario list entry with quotes, backslashes and newlines writes one TOML value,
    never settings lines of its own."""
    settings = Settings(scenarios=tuple(names), rounds=4)
    data = tomllib.loads(settings_text(settings))
    assert data.get("scenarios", []) == names
    assert data["rounds"] == 4 and set(data) <= {"rounds", "difficulty", "undo", "scenarios",
                                                 "on_timeout", "require_team_names",
                                                 "reveal_priorities", "locked"}


def test_a_list_entry_cannot_write_settings_lines_of_its_own() -> None:
    text = settings_text(Settings(scenarios=('a"]\nundo = false\n#',)))
    assert tomllib.loads(text)["undo"] is True
    assert toml_string("\x7f\x00") == '"\\u007f\\u0000"'


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_fifo_named_as_a_scenario_is_refused_without_hanging(tmp_path: Path) -> None:
    from game.cli import main
    from game.scenario import check_file
    os.mkfifo(tmp_path / "mod.yaml")
    with deadline(10):
        scenario, problems = check_file(tmp_path / "mod.yaml")
        assert scenario is None and "named pipe" in problems[0].message
        assert main(["validate", str(tmp_path / "mod.yaml")]) == 1
