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


def test_every_mistake_in_the_file_is_reported_at_once(tmp_path: Path) -> None:
    path = write(tmp_path, 'rounds = 80\ndifficulty = "hardd"\nscenarios = ["joint_strike"]\n'
                           "undoo = true\nlocked = 1\n")
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    lines = str(caught.value).splitlines()
    assert lines[0] == f"5 mistakes in {path}:"
    assert [line.split(": ", 1)[0] for line in lines[1:]] == [f"{path}:{n}" for n in range(1, 6)]
    assert "did you mean 'joint_strikes_2016'?" in lines[3]
    assert "did you mean 'undo'?" in lines[4]
    assert "locked must be true or false" in lines[5]


@pytest.mark.parametrize(("ids", "said"), [
    ('["tutorial", "tutoral"]', "no scenario has the id 'tutoral' (did you mean 'tutorial'?)"),
    ("[]", "the list is empty"),
])
def test_scenario_ids_are_checked(tmp_path: Path, ids: str, said: str) -> None:
    with pytest.raises(SettingsError, match=_escape(said)):
        load_settings(write(tmp_path, f"scenarios = {ids}\n"))


def test_the_scenarios_flag_is_checked_too(capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli import main
    assert main(["play", "--text", "--scenarios", "joint_strikes"]) == 2
    assert "did you mean 'joint_strikes_2016'?" in capsys.readouterr().err


def test_a_locked_file_reads_back(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path, "locked = true\n")).locked is True
    assert _settings(_parser().parse_args(["--locked"])).locked is True


COMMANDS = ["play", "validate", "simulate", "schema", "graph", "transcript", "brief", "report"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_takes_settings_before_or_after_it(
        command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, GOOD)
    parser = _parser()
    needs = {"transcript": ["save.json", "-o", "t.md"], "brief": ["-o", "b.html"],
             "report": ["saves"]}.get(command, [])
    after = parser.parse_args([command, *needs, "--settings", str(path)])
    before = parser.parse_args(["--settings", str(path), command, *needs])
    assert after.settings == before.settings == str(path)
    with pytest.raises(SystemExit):
        parser.parse_args([command, "--help"])
    assert "--settings FILE" in capsys.readouterr().out


@pytest.mark.parametrize("command", ["schema", "graph", "report"])
def test_a_mistake_in_the_file_stops_any_command(
        command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli import main
    path = write(tmp_path, "rounds = 0\n")
    args = [str(tmp_path)] if command == "report" else []
    assert main([command, *args, "--settings", str(path)]) == 2
    assert f"{path}:1: rounds must be" in capsys.readouterr().err


def test_validate_checks_a_settings_file(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli import main
    good, bad = write(tmp_path, GOOD), tmp_path / "bad.toml"
    bad.write_text('scenarios = ["tutorail"]\n', encoding="utf-8")
    assert main(["validate", "--settings", str(good), "scenarios/tutorial.yaml"]) == 0
    assert f"{good}: OK: settings" in capsys.readouterr().out
    assert main(["validate", "scenarios/tutorial.yaml", "--settings", str(bad)]) == 1
    assert "did you mean 'tutorial'?" in capsys.readouterr().out


def test_rounds_are_shown_within_their_phase_and_the_total_explained() -> None:
    from game.library import DEFAULT_SCENARIO
    from game.play.wording import round_label, rounds_text
    from game.scenario import load_scenario

    scenario = load_scenario(DEFAULT_SCENARIO)
    assert rounds_text(scenario, 8) == (
        "The talks last 10 rounds: opening statements (1 round), then bargaining (8 rounds), "
        "then final offers (1 round). In each round both sides make one move.")
    assert round_label(scenario, 8, 1) == "Opening statements, round 1 of 10"
    assert round_label(scenario, 8, 2) == "Bargaining round 1 of 8 (round 2 of 10)"
    assert round_label(scenario, 8, 9) == "Bargaining round 8 of 8 (round 9 of 10)"
    assert round_label(scenario, 8, 10) == "Final offers, round 10 of 10"


def test_the_terminal_says_which_bargaining_round_it_is(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io
    import sys

    from game.cli import main
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["play", "--text", "--side", "none", "--seed", "9", "--rounds", "8",
                 "--no-save"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "The talks last 10 rounds: opening statements (1 round), then bargaining (8 " \
           "rounds)" in out
    assert "Bargaining round 1 of 8 (round 2 of 10)" in out
