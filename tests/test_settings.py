"""Teacher settings: the file, the flags and their errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import _parser, _settings
from game.errors import SettingsError
from game.settings import Settings, load_settings

GOOD = """\
# Settings for period 3
rounds = 5
difficulty = "hard"
undo = false
seconds_per_turn = 90
on_timeout = "computer"
scenarios = ["joint_strikes_2016"]
require_team_names = true
reveal_priorities = false
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "classroom.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_settings_file_sets_every_option(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, GOOD))
    assert settings == Settings(rounds=5, difficulty="hard", undo=False, seconds_per_turn=90,
                                on_timeout="computer", scenarios=("joint_strikes_2016",),
                                require_team_names=True, reveal_priorities=False)
    assert Settings.from_json(settings.to_json()) == settings


@pytest.mark.parametrize(("text", "words"), [
    ("rounds = 5\ndifficuly = \"hard\"\n", ":2: unknown setting 'difficuly' (did you mean "
                                           "'difficulty'?)"),
    ("undo = false\nrounds = 500\n", ":2: rounds must be a whole number from 1 to 50"),
    ("difficulty = \"impossible\"\n", ":1: difficulty must be one of easy, normal, hard"),
    ("undo = \"no\"\n", ":1: undo must be true or false"),
    ("seconds_per_turn = 1\n", "seconds_per_turn must be a whole number from 5 to 3600"),
    ("scenarios = \"joint_strikes_2016\"\n", "scenarios must be a list"),
    ("rounds = \n", "line 1"),
])
def test_a_bad_settings_file_names_the_line_and_the_key(tmp_path: Path, text: str,
                                                        words: str) -> None:
    with pytest.raises(SettingsError, match=r".*".join(map(_escape, words.split("'")))):
        load_settings(write(tmp_path, text))


def _escape(text: str) -> str:
    import re
    return re.escape(text)


def test_flags_override_the_settings_file(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    args = _parser().parse_args(["--settings", str(path), "play", "--text", "--rounds", "3"])
    settings = _settings(args)
    assert settings.rounds == 3 and settings.difficulty == "hard" and settings.undo is False


def test_a_zero_time_limit_means_no_limit() -> None:
    assert Settings.from_json({"seconds_per_turn": 0}).seconds_per_turn is None


def test_written_settings_read_back_the_same(tmp_path: Path) -> None:
    from game.settings import write_settings
    settings = Settings(rounds=4, difficulty="easy", undo=False, seconds_per_turn=60,
                        on_timeout="computer", scenarios=("tutorial", "joint_strikes_2016"),
                        require_team_names=True, reveal_priorities=False)
    path = tmp_path / "out" / "classroom.toml"
    write_settings(settings, path)
    assert load_settings(path) == settings
    write_settings(Settings(), path)
    assert load_settings(path) == Settings()


def test_every_setting_has_a_flag_for_the_window_and_for_play(tmp_path: Path) -> None:
    flags = ["--rounds", "4", "--difficulty", "easy", "--no-undo", "--seconds-per-turn", "45",
             "--on-timeout", "computer", "--scenarios", "tutorial, joint_strikes_2016",
             "--require-team-names", "--hide-priorities"]
    expected = Settings(rounds=4, difficulty="easy", undo=False, seconds_per_turn=45,
                        on_timeout="computer", scenarios=("tutorial", "joint_strikes_2016"),
                        require_team_names=True, reveal_priorities=False)
    assert _settings(_parser().parse_args(flags)) == expected
    assert _settings(_parser().parse_args(["play", "--text", *flags])) == expected
    path = write(tmp_path, GOOD)
    args = _parser().parse_args(["--settings", str(path), "--seconds-per-turn", "0"])
    assert _settings(args).seconds_per_turn is None and _settings(args).rounds == 5


def test_a_bad_flag_value_is_refused_plainly(capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli import main
    assert main(["play", "--text", "--rounds", "99"]) == 2
    assert "rounds must be a whole number from 1 to 50" in capsys.readouterr().err
