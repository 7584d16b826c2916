"""The class report on a folder collected from many laptops: hostile files are skipped with
a note, every other game is reported, and no cell of class.csv runs as a formula."""

from __future__ import annotations

import csv
import json
import os
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from game.cli import main
from game.library import DEFAULT_SCENARIO
from game.model import Scenario
from game.report import FORMULA_STARTS, gather, spreadsheet_safe
from game.save import to_save
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import play_one


@cache
def scenario() -> Scenario:
    return load_scenario(DEFAULT_SCENARIO)


@cache
def good_save(seed: int) -> str:
    game = play_one(scenario(), seed, Settings())
    return json.dumps(to_save(game, {"us"}).model_dump(by_alias=True))


def hostile(seed: int, change: str) -> bytes:
    """A save of a real game, damaged in one of the ways a student could try."""
    data = json.loads(good_save(seed))
    text = json.dumps(data)
    if change == "nested":
        text = text.replace('"teams":', '"x": ' + "[" * 100_000 + "]" * 100_000 + ', "teams":')
    elif change == "digits":
        data["seed"] = 0
        text = json.dumps(data).replace('"seed": 0', '"seed": ' + "9" * 10_000)
    elif change == "surrogate":
        data["teams"] = {"us": "Team \ud83d"}
        text = json.dumps(data)
    elif change == "unknown side":
        data["teams"] = {"martians": "Team A"}
        text = json.dumps(data)
    elif change == "twice":
        text = text.replace('"seed":', '"seed": 1, "seed":')
    elif change == "version":
        data["version"] = "2"
        text = json.dumps(data)
    elif change == "bad move":
        data["moves"][0]["move"] = {"kind": "propose", "package": {"x" * 3000: "y"}}
        text = json.dumps(data)
    return text.encode("utf-8", "surrogatepass")


CHANGES = ["nested", "digits", "surrogate", "unknown side", "twice", "version", "bad move"]


def test_a_folder_with_hostile_files_reports_every_other_game(tmp_path: Path) -> None:
    for seed in (1, 2):
        (tmp_path / f"group{seed}.json").write_text(good_save(seed), encoding="utf-8")
    for n, change in enumerate(CHANGES):
        (tmp_path / f"bad{n}.json").write_bytes(hostile(10 + n, change))
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.json")
    if Path("/dev/zero").exists():
        (tmp_path / "zero.json").symlink_to("/dev/zero")
    out = tmp_path / "class.csv"
    assert main(["report", str(tmp_path), "-o", str(out)]) == 0
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # A save whose moves are not legal is rebuilt as far as they are, and says so.
    last = f"bad{len(CHANGES) - 1}.json"
    # One row for each side of each game.
    assert sorted(dict.fromkeys(r["file"] for r in rows)) == [last, "group1.json",
                                                              "group2.json"]
    assert len(rows) == 6
    note = next(r["note"] for r in rows if r["file"] == last)
    assert "can no longer be played" in note and len(note) < 600
    _, problems = gather(tmp_path)
    skipped = {p.split(":")[0].rsplit("/", 1)[-1] for p in problems}
    assert skipped >= {f"bad{n}.json" for n in range(len(CHANGES) - 1)} | \
        ({"pipe.json"} if hasattr(os, "mkfifo") else set())
    assert all(len(p) < 600 for p in problems), max(problems, key=len)[:200]
    page = (tmp_path / "class.html").read_text(encoding="utf-8")
    assert "bad0.json" in page


def test_no_cell_of_the_csv_starts_like_a_formula(tmp_path: Path) -> None:
    data = json.loads(good_save(1))
    data["teams"] = {"us": "=HYPERLINK(\"http://x\")", "ru": "Computer"}
    (tmp_path / "=1+2.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "@SUM(A1).json").write_text(good_save(2), encoding="utf-8")
    (tmp_path / "-2+3.json").write_text(good_save(3), encoding="utf-8")
    out = tmp_path / "class.csv"
    assert main(["report", str(tmp_path), "-o", str(out)]) == 0
    with out.open(encoding="utf-8") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert "'=1+2.json" in cells and "'@SUM(A1).json" in cells and "'-2+3.json" in cells
    for cell in cells:
        assert not cell.startswith(FORMULA_STARTS) or _number(cell), cell


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


@given(st.text(max_size=30))
@hsettings(max_examples=200, deadline=None)
def test_spreadsheet_safe_text_never_starts_a_formula(text: str) -> None:
    safe = spreadsheet_safe(text)
    assert not safe.startswith(FORMULA_STARTS)
    assert safe in (text, "'" + text)


@pytest.mark.parametrize("value", [-3, 0, 2.5, True, None])
def test_numbers_stay_numbers(value: object) -> None:
    assert spreadsheet_safe(value) == value
