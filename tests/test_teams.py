"""Team names in the terminal game, the save's file name, the transcript and the report."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from game import transcript
from game.cli import main
from game.save import file_part, read_save, restore
from game.scenario import load_scenario
from game.library import DEFAULT_SCENARIO


@pytest.fixture
def saves(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "saves"
    monkeypatch.setenv("PARLEY_SAVES", str(folder))
    return folder


#: In hot-seat: Russia's team sits down, reads its brief and passes; the United States'
#: team sits down, reads its brief and leaves the game.
PASS_THEN_QUIT = "\n\np\n\n\nq\ny\n"


def _play(argv: list[str], typed: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(typed))
    return main(argv)


@pytest.mark.parametrize(("name", "part"), [
    ("Blue Group", "Blue_Group"), ("Les Élèves / 3e B", "Les_Eleves_3e_B"),
    ("../../etc", "etc"), ("???", ""), ("A" * 40, "A" * 24), ("Team: 7!", "Team_7")])
def test_a_team_name_is_a_safe_part_of_a_file_name(name: str, part: str) -> None:
    assert file_part(name) == part


def test_team_flags_name_the_save_the_transcript_and_the_record(
        saves: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # Two teams at one keyboard: Russia passes, then the United States leaves.
    code = _play(["play", "--text", "--side", "both", "--seed", "5", "--team", "us=Blue Group",
                  "--team", "ru=Équipe Rouge"], PASS_THEN_QUIT, monkeypatch)
    assert code == 0
    (path,) = saves.glob("*.json")
    assert "Equipe_Rouge_RU-Blue_Group_US" in path.name
    save = read_save(path)
    game = restore(save, load_scenario(DEFAULT_SCENARIO)).game
    assert game.teams == {"us": "Blue Group", "ru": "Équipe Rouge"}
    text = transcript.markdown(game)
    assert "Russia: Équipe Rouge" in text and "United States: Blue Group" in text
    assert json.loads(path.read_text(encoding="utf-8"))["teams"]["us"] == "Blue Group"


def test_the_terminal_asks_for_names_when_the_settings_require_them(
        saves: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    settings = tmp_path / "classroom.toml"
    settings.write_text("require_team_names = true\n", encoding="utf-8")
    code = _play(["--settings", str(settings), "play", "--text", "--side", "us", "--seed", "2"],
                 "\n" + "x" * 31 + "\nGroup 4\n\np\nq\ny\n", monkeypatch)
    assert code == 0
    out = capsys.readouterr().out
    assert "Name of the team playing United States" in out
    assert "Your teacher asks every team for its name" in out
    assert "keep it to 30" in out
    (path,) = saves.glob("*.json")
    assert "Group_4_US" in path.name
    assert read_save(path).teams == {"us": "Group 4", "ru": "Computer"}


def test_without_names_the_teams_are_told_apart(saves: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert _play(["play", "--text", "--side", "both", "--seed", "5"], PASS_THEN_QUIT,
                 monkeypatch) == 0
    (path,) = saves.glob("*.json")
    teams = read_save(path).teams
    assert sorted(teams.values()) == ["Team A", "Team B"]
    # The file says which team played which side.
    assert "-Team_A_RU-Team_B_US-" in path.name, path.name


@pytest.mark.parametrize(("argv", "said"), [
    (["--side", "us", "--team", "ru=Reds"], "Russia is played by the computer"),
    (["--side", "us", "--team", "fr=Bleus"], "unknown side 'fr'"),
    (["--side", "us", "--team", "us"], "--team takes SIDE=NAME"),
    (["--side", "both", "--team", "us=A", "--team", "us=B"], "named twice"),
    (["--side", "us", "--team", "us=" + "x" * 31], "at most 30 characters"),
])
def test_wrong_team_flags_are_refused_plainly(argv: list[str], said: str, saves: Path,
                                              monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert _play(["play", "--text", *argv], "", monkeypatch) == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
    assert not saves.exists() or not list(saves.iterdir())


def test_team_flags_belong_to_a_new_terminal_game(
        saves: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert _play(["play", "--team", "us=Reds"], "", monkeypatch) == 2
    assert "names the teams of the terminal game" in capsys.readouterr().err
    assert _play(["play", "--text", "--side", "both", "--seed", "5"], PASS_THEN_QUIT,
                 monkeypatch) == 0
    (save,) = saves.glob("*.json")
    capsys.readouterr()
    assert _play(["play", "--text", "--load", str(save), "--team", "us=Other"], "",
                 monkeypatch) == 2
    assert "a saved game keeps its own names" in capsys.readouterr().err


def test_no_team_takes_the_computer_s_name(
        saves: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # "Computer" is the record's name for a side the computer plays (the game chooses a
    # player's words without reproach by it): the terminal asks again, and a name given
    # on the command line falls back to the team's default.
    from game.play.session import team_names

    assert team_names(["ru", "us"], ["ru", "us"], {"us": " computer ", "ru": "Reds"}) == \
        {"ru": "Reds", "us": "Team B"}
    settings = tmp_path / "classroom.toml"
    settings.write_text("require_team_names = true\n", encoding="utf-8")
    code = _play(["--settings", str(settings), "play", "--text", "--side", "us", "--seed", "2"],
                 "\nComputer\nGroup 4\n\np\nq\ny\n", monkeypatch)
    assert code == 0
    out = capsys.readouterr().out
    assert "'Computer' is the computer's name: choose another team name." in out
    (path,) = saves.glob("*.json")
    assert read_save(path).teams["us"] == "Group 4"
