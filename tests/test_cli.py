"""The command line: every subcommand, its output and its exit code."""

from __future__ import annotations

import io
import json
import shutil
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.library import DEFAULT_SCENARIO, shipped_scenarios

ROOT = Path(__file__).resolve().parent.parent


def test_help_lists_every_subcommand_with_a_description() -> None:
    result = subprocess.run([sys.executable, "main.py", "--help"], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    # As the command was typed: "python main.py", or the environment's own Python when it
    # is not activated (installed: "usage: parley").
    first = result.stdout.splitlines()[0]
    assert first.startswith("usage: ") and " main.py " in first
    if not os.environ.get("VIRTUAL_ENV") and sys.prefix != sys.base_prefix:
        assert first.startswith("usage: .venv/bin/python main.py ") or \
            first.startswith(f"usage: {sys.executable} main.py ")
    for command in ("play", "validate", "simulate", "schema", "graph"):
        line = next(l for l in result.stdout.splitlines() if l.strip().startswith(command))
        assert len(line.split()) > 2  # the command and its description


def test_validate_accepts_the_shipped_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(DEFAULT_SCENARIO)]) == 0
    assert "OK" in capsys.readouterr().out


def test_without_a_file_the_shipped_scenarios_are_used(capsys: pytest.CaptureFixture[str]) -> None:
    # An installed Parley's scenarios are somewhere in site-packages: nobody should have to
    # know where to check them or to draw the default one.
    assert main(["validate"]) == 0
    checked = [line.split(": OK: ")[0] for line in capsys.readouterr().out.splitlines()]
    assert checked == [str(path) for path in shipped_scenarios()]
    assert main(["graph"]) == 0
    assert "stateDiagram-v2" in capsys.readouterr().out


def test_validate_reports_every_problem_and_exits_1(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yaml"
    text = DEFAULT_SCENARIO.read_text(encoding="utf-8")
    text = text.replace("minutes: 30", "minutes: lots").replace("start: 35", "start: high")
    bad.write_text(text, encoding="utf-8")
    assert main(["validate", str(bad), str(DEFAULT_SCENARIO)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:13:10: error: [minutes]" in out and "'lots'" in out
    assert "[meters[0].start]" in out and "'high'" in out
    assert f"{DEFAULT_SCENARIO}: OK" in out


def test_schema_is_json_schema_of_the_format(tmp_path: Path) -> None:
    target = tmp_path / "scenario.schema.json"
    assert main(["schema", "-o", str(target)]) == 0
    schema = json.loads(target.read_text(encoding="utf-8"))
    assert {"sides", "issues", "phases", "outcomes"} <= set(schema["properties"])


def test_graph_prints_mermaid_and_writes_dot(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", str(DEFAULT_SCENARIO)]) == 0
    out = capsys.readouterr().out
    assert out.count("stateDiagram-v2") == 1 and "Bargaining" in out
    target = tmp_path / "flow.dot"
    assert main(["graph", str(DEFAULT_SCENARIO), "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("digraph")


def test_graph_to_svg_needs_graphviz(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "flow.svg"
    code = main(["graph", str(DEFAULT_SCENARIO), "-o", str(target)])
    if shutil.which("dot"):
        assert code == 0 and "<svg" in target.read_text(encoding="utf-8")
    else:
        assert code == 2 and "Graphviz" in capsys.readouterr().err


def test_simulate_reports_the_balance_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(DEFAULT_SCENARIO), "-n", "40", "--jobs", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["games"] == 40 and sum(data["outcomes"].values()) == 40
    for key in ("agreement_rate", "mean_rounds", "mean_utility", "mean_distance_to_frontier",
                "tactics_never_used", "options_never_proposed", "outcomes_never_reached"):
        assert key in data


def test_simulate_gives_the_same_figures_with_one_or_two_jobs() -> None:
    from game.simulate import simulate, summary
    one = summary(*simulate(DEFAULT_SCENARIO, 30, seed=7, jobs=1))
    two = summary(*simulate(DEFAULT_SCENARIO, 30, seed=7, jobs=2))
    assert one == two


def test_play_text_runs_a_whole_game_from_the_command_line(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["play", "--text", "--side", "none", "--seed", "9"]) == 0
    out = capsys.readouterr().out
    assert "seed 9" in out and "DEBRIEF" in out


def test_every_command_that_plays_a_scenario_takes_a_shipped_ones_id(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    # As brief does: "play --text ceasefire_feb_2016", not only the file's path.
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["play", "--text", "ceasefire_feb_2016", "--side", "none",
                 "--seed", "9"]) == 0
    assert "Cessation of Hostilities" in capsys.readouterr().out
    assert main(["simulate", "tutorial", "--games", "3", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["games"] == 3
    assert main(["graph", "ceasefire_feb_2016"]) == 0
    assert capsys.readouterr().out.startswith(("stateDiagram", "---", "%%"))
    # A name that is neither a file nor a shipped id is still refused, with where.
    assert main(["play", "--text", "ceasefire_feb", "--side", "none"]) == 2
    assert "ceasefire_feb" in capsys.readouterr().err


def test_a_broken_scenario_is_reported_without_a_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("format: 1\nid: [unclosed\n", encoding="utf-8")
    assert main(["play", str(bad), "--text"]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:" in err and "Traceback" not in err


def test_unknown_side_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["play", "--text", "--side", "france"]) == 2
    err = capsys.readouterr().err
    assert "unknown side 'france'; choose one of ru (Russia), us (United States), both or " \
        "none" in err


@pytest.mark.parametrize("named", ["Russia", "russia", "RU", " ru "])
def test_a_side_is_taken_by_its_name_as_by_its_id(
        named: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Every place that takes a side takes its name too, as the terminal's question does:
    ``play --side``, ``--team SIDE=NAME`` and ``simulate --player SIDE=STYLE`` (``brief
    --side`` and joining a class are tested with them)."""
    from game.cli import _teams
    from game.scenario import load_scenario

    monkeypatch.setattr(sys, "stdin", io.StringIO("q\ny\n"))
    assert main(["play", "--text", "--side", named, "--seed", "1", "--no-save",
                 "--team", f"{named}=Red Group"]) == 0
    assert "At the table: Russia (you)" in capsys.readouterr().out
    scenario = load_scenario(DEFAULT_SCENARIO)
    assert _teams([f"{named}=Red Group"], scenario, {"ru"}, False) == ({"ru": "Red Group"}, None)
    assert main(["simulate", str(DEFAULT_SCENARIO), "-n", "2", "--player",
                 f"{named}=careless"]) == 0
    assert "players             RU careless" in capsys.readouterr().out


def test_simulate_matrix_plays_every_pair(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(DEFAULT_SCENARIO), "-n", "4", "--matrix", "strategy",
                 "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["pairs"]) == 16 and data["games_per_pair"] == 4
    assert {(p["ru"], p["us"]) for p in data["pairs"]} == {
        (a, b) for a in ("boulware", "linear", "conceder", "tit_for_tat")
        for b in ("boulware", "linear", "conceder", "tit_for_tat")}
    assert main(["simulate", str(DEFAULT_SCENARIO), "-n", "3", "--matrix", "difficulty"]) == 0
    table = capsys.readouterr().out
    assert "pair of difficulties" in table and table.count("%") == 9


def test_simulate_reports_progress_as_it_goes() -> None:
    from game.simulate import simulate
    seen: list[tuple[int, int]] = []
    simulate(DEFAULT_SCENARIO, 600, jobs=2, progress=lambda done, total: seen.append(
        (done, total)))
    assert seen[-1] == (600, 600) and len(seen) == 3
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_simulate_lets_a_scripted_player_take_a_side(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(DEFAULT_SCENARIO), "-n", "12", "--player", "us=principled",
                 "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["players"] == {"ru": "computer", "us": "principled"}
    assert data["games"] == 12
    assert main(["simulate", str(DEFAULT_SCENARIO), "-n", "5", "--player", "us=careless",
                 "--player", "ru=hardline"]) == 0
    assert "players             RU hardline, US careless" in capsys.readouterr().out
    assert main(["simulate", str(DEFAULT_SCENARIO), "-n", "5"]) == 0
    assert "players" not in capsys.readouterr().out  # the computer on both sides, as ever


@pytest.mark.parametrize("given,message", [
    (["--player", "fr=principled"], "unknown side 'fr': the scenario's sides are ru, us"),
    (["--player", "us=nice"],
     "unknown style 'nice': the styles are principled, hardline, careless"),
    (["--player", "us"], "--player takes SIDE=STYLE, e.g. us=principled (got 'us')"),
    (["--player", "us=careless", "--player", "us=hardline"], "the side 'us' is given twice"),
    (["--player", "us=careless", "--matrix", "strategy"], "cannot be used with --matrix"),
])
def test_simulate_refuses_a_wrong_player_plainly(given: list[str], message: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(DEFAULT_SCENARIO), "-n", "3", *given]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith("parley: ") and message in captured.err
    assert "Traceback" not in captured.err and captured.out == ""


def test_simulate_with_players_gives_the_same_figures_with_one_or_two_jobs(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import game.simulate
    from game.simulate import simulate, summary
    monkeypatch.setattr(game.simulate, "CHUNK", 7)  # several batches for two processes
    for players in ({"ru": "careless"}, {"us": "principled", "ru": "hardline"}):
        one = summary(*simulate(DEFAULT_SCENARIO, 30, seed=3, jobs=1, players=players))
        two = summary(*simulate(DEFAULT_SCENARIO, 30, seed=3, jobs=2, players=players))
        assert one == two


def test_simulate_json_holds_gains_the_nash_share_and_the_deals(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(DEFAULT_SCENARIO), "-n", "40", "--player", "us=principled",
                 "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data["mean_gain"]) == {"ru", "us"}
    assert all(-1.0 <= gain <= 1.0 for gain in data["mean_gain"].values())
    assert data["mean_gain"]["us"] > 0  # a principled player beats its fallback
    assert 0.0 < data["mean_nash_share"] <= 1.5
    deals = data["packages_agreed"]
    assert sum(item["count"] for item in deals) == round(data["agreement_rate"] * 40)
    assert [item["count"] for item in deals] == sorted(
        (item["count"] for item in deals), reverse=True)
    assert all(len(item["package"]) == 6 for item in deals)


def test_validate_skips_the_schema_beside_the_scenarios(capsys: pytest.CaptureFixture[str]) -> None:
    from game.library import SCENARIO_DIR

    files = sorted(str(p) for p in SCENARIO_DIR.iterdir() if p.suffix in (".yaml", ".json"))
    assert any(f.endswith("scenario.schema.json") for f in files)
    assert main(["validate", "--strict", *files]) == 0
    out = capsys.readouterr().out
    assert "scenario.schema.json: skipped: the JSON Schema of the scenario format" in out


@pytest.mark.parametrize("args", [
    ["play", "{file}", "--text"],
    ["play", "--text", "--scenario", "{file}"],
    ["--scenario", "{file}", "play", "--text"],
])
def test_the_scenario_of_a_terminal_game_may_be_named_in_every_way_the_help_shows(
        args: list[str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    february = str(DEFAULT_SCENARIO.parent / "ceasefire_feb_2016.yaml")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    given = [february if a == "{file}" else a for a in args]
    assert main(given + ["--side", "none", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    assert "Cessation of Hostilities" in out and "Joint Strikes?" not in out


def test_a_terminal_game_records_that_it_had_no_countdown(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # The terminal game has no countdown: a teacher's seconds_per_turn applies in the
    # window only, and a terminal game's save, transcript and report say it had none (a
    # teacher read "90 s a move" for games that had no clock).
    from game.play import session as sessions
    from game.transcript import markdown

    played = []
    start = sessions.Session.__init__

    def seen(self, game, *args, **kwargs):  # type: ignore[no-untyped-def]
        played.append(game)
        start(self, game, *args, **kwargs)
    monkeypatch.setattr(sessions.Session, "__init__", seen)
    monkeypatch.setenv("PARLEY_SAVES", str(tmp_path / "saves"))
    settings = tmp_path / "classroom.toml"
    settings.write_text("seconds_per_turn = 90\n", encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["play", "--text", "--side", "none", "--seed", "9",
                 "--settings", str(settings)]) == 0
    assert "no countdown" in capsys.readouterr().err
    assert played and played[0].settings.seconds_per_turn is None
    assert "seconds per turn no limit" in markdown(played[0])
