"""Finding a save's scenario: by hash first, by id only from a named or recorded file, and a
plain message naming every place looked in; and the commands that read saves."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import shutil
import sys
from functools import cache
from pathlib import Path

import pytest

from game import resolve
from game.play.wording import program
from game.cli import main
from game.debrief import debrief
from game.engine import Game
from game.errors import SaveError, ScenarioNotFoundError
from game.library import (DEFAULT_SCENARIO, PAST_DIR, PAST_SUFFIX, SCENARIO_DIR, past_scenarios,
                          shipped_scenarios)
from game.model import Scenario
from game.resolve import ScenarioFinder, file_digest
from game.save import SaveFile, read_save, restore, to_save, write_save
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import play_one
from game.yaml_source import MAX_BYTES
from tools import past_scenarios as past_tool

TUTORIAL = SCENARIO_DIR / "tutorial.yaml"
FIXTURES = Path(__file__).parent / "fixtures"
FEBRUARY = SCENARIO_DIR / "ceasefire_feb_2016.yaml"
#: The first side's values for one issue of the main scenario, and the same values turned
#: round: a modified copy that keeps the id but scores every deal differently.
US_VALUES = ("joint_action: {deconfliction_only: 0.0, intelligence_sharing: 0.35, "
             "joint_planning: 0.75, joint_execution: 1.0}")
US_TURNED = ("joint_action: {deconfliction_only: 1.0, intelligence_sharing: 0.75, "
             "joint_planning: 0.35, joint_execution: 0.0}")


@cache
def shipped(path: Path) -> Scenario:
    return load_scenario(path)


def save_of(scenario: Scenario, seed: int = 3, *, file: str | None = None) -> SaveFile:
    """A save of a whole game of *scenario*, recording *file* as where it was played."""
    save = to_save(play_one(scenario, seed, Settings()), {scenario.side_ids[0]})
    if file is None:
        return save
    return save.model_copy(update={"scenario": save.scenario.model_copy(update={"file": file})})


def edited(source: Path, target: Path, old: str = "", new: str = "") -> Path:
    """A copy of *source* at *target* with *old* replaced (a comment added when not given)."""
    text = source.read_text(encoding="utf-8")
    if old:
        assert old in text
        text = text.replace(old, new, 1)
    else:
        text += "\n# edited by a modder\n"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return target


# ----- by hash ------------------------------------------------------------------------------

@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_a_files_hash_is_its_scenarios_digest(path: Path) -> None:
    assert file_digest(path) == shipped(path).digest


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_every_shipped_scenario_is_found_by_hash_wherever_it_was_played(path: Path) -> None:
    save = save_of(shipped(path), file="/a/laptop/that/is/gone.yaml")
    found = ScenarioFinder().find(save)
    assert found.exact and found.note is None
    assert found.scenario.digest == save.scenario.sha256
    assert Path(found.scenario.file) == path


# ----- earlier versions of the shipped scenarios ----------------------------------------

@pytest.mark.parametrize("path", past_scenarios(), ids=lambda p: p.name)
def test_each_earlier_version_kept_loads_under_its_id_and_hash(path: Path) -> None:
    """Each is a version an earlier release shipped, not the one shipped now, named by its
    id and the hash of its own bytes (unzipped), which is the digest a save records."""
    finder = ScenarioFinder()
    loaded = finder._load(path)
    assert isinstance(loaded, Scenario), loaded
    assert path.name == f"{loaded.id}-{loaded.digest[:12]}{PAST_SUFFIX}"
    assert loaded.digest == file_digest(path)
    assert loaded.id in {shipped(p).id for p in shipped_scenarios()}
    assert loaded.digest not in {shipped(p).digest for p in shipped_scenarios()}


def test_a_save_of_an_earlier_shipped_version_replays_on_that_version(tmp_path: Path) -> None:
    """A class played the main scenario before a release changed its points; the teacher
    makes the report after updating Parley. The game replays on the version it was played
    on, with the figures its players saw (a playtest: the transcript gave the United
    States 77 points against a fallback of 50, where the debrief had said 73 against 45)."""
    earlier = load_scenario(FIXTURES / "joint_strikes_2016_edition10.yaml")
    assert earlier.digest not in {shipped(p).digest for p in shipped_scenarios()}
    played = play_one(earlier, 7, Settings())
    save = to_save(played, {"us"})
    save = save.model_copy(update={"scenario": save.scenario.model_copy(
        update={"file": str(DEFAULT_SCENARIO)})})  # played on the shipped file of then
    save_path = tmp_path / "group2.json"
    write_save(save, save_path)
    found = ScenarioFinder().find(read_save(save_path), save_path)
    assert found.exact and Path(found.scenario.file).parent == PAST_DIR
    restored = restore(read_save(save_path), found.scenario)
    assert not restored.warning
    then = debrief(played)
    now = debrief(restored.game)
    figures = [(r.points, r.batna_points, r.gain_points) for r in then.results.values()]
    assert [(r.points, r.batna_points, r.gain_points) for r in now.results.values()] == figures
    assert (now.score, now.nash) == (then.score, then.nash)
    # On the shipped version of today the same moves would score otherwise.
    assert load_scenario(DEFAULT_SCENARIO).sides["us"].batna.value != \
        earlier.sides["us"].batna.value


def test_a_damaged_earlier_version_is_reported_not_raised(tmp_path: Path) -> None:
    bad = tmp_path / f"tutorial-000000000000{PAST_SUFFIX}"
    bad.write_bytes(b"not gzip at all")
    with pytest.raises(ValueError, match="not a gzipped scenario"):
        file_digest(bad)
    loaded = ScenarioFinder()._load(bad)
    assert not isinstance(loaded, Scenario)
    assert "not a gzipped scenario" in str(loaded)
    huge = tmp_path / f"tutorial-111111111111{PAST_SUFFIX}"
    huge.write_bytes(gzip.compress(b"#" * (MAX_BYTES + 10)))
    with pytest.raises(ValueError, match="too big to be a scenario"):
        file_digest(huge)


def test_keeping_a_version_writes_it_once_by_its_hash_and_never_the_shipped_one(
        tmp_path: Path) -> None:
    raw = (FIXTURES / "joint_strikes_2016_edition10.yaml").read_bytes()
    kept = past_tool.keep(raw, "edition10", folder=tmp_path)
    if kept is None:  # kept already among the shipped earlier versions
        kept = tmp_path / past_tool.kept_name("joint_strikes_2016", raw)
        kept.write_bytes(gzip.compress(raw, mtime=0))
    assert gzip.decompress(kept.read_bytes()) == raw
    assert file_digest(kept) == hashlib.sha256(raw).hexdigest()
    assert past_tool.keep(DEFAULT_SCENARIO.read_bytes(), "shipped", folder=tmp_path) is None
    with pytest.raises(ValueError, match="does not load"):
        past_tool.keep(b"id: [", "broken", folder=tmp_path)


def test_the_file_named_is_taken_first_when_it_is_the_very_file(tmp_path: Path) -> None:
    copy = tmp_path / "mine" / "tutorial.yaml"
    copy.parent.mkdir()
    shutil.copy(TUTORIAL, copy)
    found = ScenarioFinder([copy]).find(save_of(shipped(TUTORIAL)))
    assert found.exact and Path(found.scenario.file) == copy


def test_a_scenarios_dir_is_searched_by_hash(tmp_path: Path) -> None:
    mod = edited(TUTORIAL, tmp_path / "mods" / "any_name.yml")
    save = save_of(load_scenario(mod), file="/gone/tutorial.yaml")
    with pytest.raises(ScenarioNotFoundError):
        ScenarioFinder().find(save)
    found = ScenarioFinder(folders=[tmp_path / "mods"]).find(save)
    assert found.exact and Path(found.scenario.file) == mod


def test_the_very_file_wins_over_an_edited_file_named(tmp_path: Path) -> None:
    mod = edited(TUTORIAL, tmp_path / "tutorial.yaml")
    found = ScenarioFinder([mod]).find(save_of(shipped(TUTORIAL)))
    assert found.exact and Path(found.scenario.file) == TUTORIAL
    assert found.note is not None and str(mod) in found.note and str(TUTORIAL) in found.note


def test_files_named_like_the_shipped_ones_beside_the_save_change_nothing(
        tmp_path: Path) -> None:
    for path in shipped_scenarios():
        edited(path, tmp_path / path.name)
    save_path = tmp_path / "group1.json"
    write_save(save_of(shipped(TUTORIAL), file=str(tmp_path / "tutorial.yaml")), save_path)
    found = ScenarioFinder(folders=[tmp_path]).find(read_save(save_path), save_path)
    assert found.exact and Path(found.scenario.file) == TUTORIAL


def test_each_scenario_is_loaded_once_and_each_file_hashed_once_for_many_saves(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loads: list[Path] = []
    hashes: list[Path] = []
    real_check, real_digest = resolve.check_file, resolve.file_digest
    monkeypatch.setattr(resolve, "check_file", lambda p: (loads.append(Path(p)),
                                                          real_check(p))[1])
    monkeypatch.setattr(resolve, "file_digest", lambda p: (hashes.append(Path(p).resolve()),
                                                           real_digest(p))[1])
    saves = [save_of(shipped(path), seed=1, file="/gone.yaml")
             for path in (TUTORIAL, FEBRUARY)] * 15
    finder = ScenarioFinder(folders=[SCENARIO_DIR])
    found = [finder.find(save, tmp_path / "x.json") for save in saves]
    assert [f.scenario.id for f in found] == ["tutorial", "ceasefire_feb_2016"] * 15
    assert sorted(loads) == sorted([TUTORIAL, FEBRUARY])
    assert len(hashes) == len(set(hashes))


# ----- by id, from a named or the recorded file only ------------------------------------

def test_an_edited_file_at_the_recorded_path_is_used_and_the_change_told(
        tmp_path: Path) -> None:
    mod = edited(TUTORIAL, tmp_path / "mod" / "tutorial.yaml")
    save = save_of(load_scenario(mod))
    edited(TUTORIAL, mod, "Your First Negotiation", "Your Very First Negotiation")
    found = ScenarioFinder().find(save)
    assert not found.exact and Path(found.scenario.file) == mod
    assert "Very First" in found.scenario.title
    restored = restore(save, found.scenario)
    assert restored.warning and "scenario has changed" in restored.warning


def test_an_edited_file_named_is_used_before_the_recorded_one(tmp_path: Path) -> None:
    recorded = edited(TUTORIAL, tmp_path / "recorded.yaml")
    save = save_of(load_scenario(recorded))
    edited(TUTORIAL, recorded, "Your First Negotiation", "Recorded Negotiation")
    named = edited(TUTORIAL, tmp_path / "named.yaml", "Your First Negotiation",
                   "Named Negotiation")
    found = ScenarioFinder([named]).find(save)
    assert not found.exact and "Named" in found.scenario.title


def test_a_file_with_the_id_in_a_folder_is_never_used_by_id(tmp_path: Path) -> None:
    played = edited(TUTORIAL, tmp_path / "played.yaml")
    save = save_of(load_scenario(played), file="/gone/tutorial.yaml")
    played.unlink()
    edited(TUTORIAL, tmp_path / "mods" / "tutorial.yaml", "Your First Negotiation",
           "Another Negotiation")
    save_path = tmp_path / "mods" / "g.json"
    with pytest.raises(ScenarioNotFoundError) as caught:
        ScenarioFinder(folders=[tmp_path / "mods"]).find(save, save_path)
    assert "1 scenario file, none of them the one" in str(caught.value)


# ----- the message -------------------------------------------------------------------------

def test_not_found_says_which_scenario_where_it_looked_and_what_to_do(tmp_path: Path) -> None:
    gone = edited(TUTORIAL, tmp_path / "gone.yaml")
    save = save_of(load_scenario(gone), file=str(tmp_path / "gone.yaml"))
    gone.unlink()
    (tmp_path / "empty").mkdir()
    finder = ScenarioFinder([FEBRUARY], [tmp_path / "empty", tmp_path / "missing"],
                            advice="Do this.")
    with pytest.raises(ScenarioNotFoundError) as caught:
        finder.find(save, tmp_path / "saves" / "g.json")
    error = caught.value
    assert isinstance(error, SaveError)
    assert (error.title, error.scenario_id) == (save.scenario.title, "tutorial")
    assert error.looked == [
        f"{FEBRUARY} (the file named): holds another scenario, "
        f"{shipped(FEBRUARY).title!r} (ceasefire_feb_2016)",
        f"{gone} (where the game was played): no such file",
        f"the save's own folder {tmp_path / 'saves'}: no such folder",
        f"the folder {tmp_path / 'empty'}: no scenario files",
        f"the folder {tmp_path / 'missing'}: no such folder",
        f"the scenarios shipped with Parley in {SCENARIO_DIR}: "
        f"{len(shipped_scenarios())} scenario files, none of them the one this game was "
        "played on",
        f"the earlier versions of them in {PAST_DIR}: {len(past_scenarios())} scenario "
        "files, none of them the one this game was played on"]
    text = str(error)
    assert text.startswith(f"cannot find the scenario this game was played on: "
                           f"{save.scenario.title!r} (tutorial).")
    assert text.endswith("\nDo this.")
    assert all(f"  - {place}" in text for place in error.looked)


def test_a_broken_file_at_the_recorded_path_shows_its_first_problem(tmp_path: Path) -> None:
    mod = edited(TUTORIAL, tmp_path / "tutorial.yaml")
    save = save_of(load_scenario(mod))
    mod.write_text("format: 1\nid: [unclosed\n", encoding="utf-8")
    with pytest.raises(ScenarioNotFoundError) as caught:
        ScenarioFinder().find(save)
    line = caught.value.looked[0]
    assert line.startswith(f"{mod} (where the game was played): cannot be loaded: {mod}:")
    assert line.endswith(f"check it with: {program()} validate {mod}")


def test_the_very_file_that_no_longer_loads_is_named(tmp_path: Path) -> None:
    # The same bytes in a folder without the portrait they name: found, but unusable.
    folder = tmp_path / "with_portrait"
    folder.mkdir()
    (folder / "face.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    text = TUTORIAL.read_text(encoding="utf-8")
    marker = "\n  us:\n"
    assert marker in text
    text = text.replace(marker, marker + "    portrait: face.png\n", 1)
    (folder / "tutorial.yaml").write_text(text, encoding="utf-8")
    save = save_of(load_scenario(folder / "tutorial.yaml"), file="/gone.yaml")
    (folder / "face.png").unlink()
    with pytest.raises(ScenarioNotFoundError) as caught:
        ScenarioFinder(folders=[folder]).find(save)
    assert (f"the folder {folder}: tutorial.yaml is the very file, but cannot be loaded now"
            in str(caught.value))
    assert "face.png" in str(caught.value)


def test_a_recorded_path_that_is_no_scenario_file_is_never_read(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_BYTES + 1))
    for path, finding in ((tmp_path, "not a file"), (big, "too big to be a scenario")):
        save = save_of(shipped(TUTORIAL))
        save = save.model_copy(update={"scenario": save.scenario.model_copy(
            update={"file": str(path), "sha256": "0" * 64})})
        with pytest.raises(ScenarioNotFoundError) as caught:
            ScenarioFinder().find(save)
        assert caught.value.looked[0].startswith(f"{path} (where the game was played): ")
        assert finding in caught.value.looked[0]


# ----- the commands that read saves -------------------------------------------------------

def test_play_text_load_resumes_a_tutorial_save_without_naming_the_scenario(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PARLEY_SAVES", str(tmp_path / "saves"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    moves = play_one(shipped(TUTORIAL), 5, Settings()).moves[:2]
    game, _ = Game.replay_legal(shipped(TUTORIAL), Settings(), 5, moves, {})
    unfinished = to_save(game, {"us"})
    unfinished = unfinished.model_copy(update={"scenario": unfinished.scenario.model_copy(
        update={"file": "/another/computer/tutorial.yaml"})})
    path = tmp_path / "tutorial-game.json"
    write_save(unfinished, path)
    assert main(["play", "--text", "--load", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"resuming {path}: 2 moves replayed" in out
    assert shipped(TUTORIAL).title in out and "changed" not in out


def test_play_text_load_of_a_moved_modded_save_says_where_it_looked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mod = edited(TUTORIAL, tmp_path / "mod" / "tutorial.yaml")
    path = tmp_path / "modded.json"
    write_save(save_of(load_scenario(mod)), path)
    shutil.rmtree(tmp_path / "mod")
    assert main(["play", "--text", "--load", str(path), "--no-save"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("parley: cannot find the scenario this game was played on: ")
    assert f"{mod} (where the game was played): no such file" in err
    assert f"{program()} play --text FILE --load SAVE" in err and "Traceback" not in err


def test_transcript_of_a_february_save_finds_its_scenario(tmp_path: Path) -> None:
    save = tmp_path / "february.json"
    write_save(save_of(shipped(FEBRUARY), seed=8, file="/elsewhere/feb.yaml"), save)
    assert main(["transcript", str(save), "-o", str(tmp_path / "t.md")]) == 0
    text = (tmp_path / "t.md").read_text(encoding="utf-8")
    assert text.startswith(f"# {shipped(FEBRUARY).title}: transcript")


def test_report_finds_a_modded_scenario_in_a_scenarios_dir(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mod = edited(DEFAULT_SCENARIO, tmp_path / "mods" / "strikes_mod.yaml", US_VALUES,
                 US_TURNED)
    saves = tmp_path / "class"
    saves.mkdir()
    write_save(save_of(load_scenario(mod), file="C:\\Users\\pupil\\strikes_mod.yaml"),
               saves / "group1.json")
    out = tmp_path / "class.csv"
    assert main(["report", str(saves), "-o", str(out)]) == 0
    assert "skipped" in capsys.readouterr().err
    assert main(["report", str(saves), "--scenarios-dir", str(tmp_path / "mods"),
                 "-o", str(out)]) == 0
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["file"] for r in rows] == ["group1.json"] * 2 and rows[0]["note"] == ""
    assert main(["report", str(saves), "--scenarios-dir", str(tmp_path / "none"),
                 "-o", str(out)]) == 2
    assert "--scenarios-dir" in capsys.readouterr().err


def figures(save: SaveFile, scenario: Scenario) -> dict[str, object]:
    game = restore(save, scenario).game
    d = debrief(game)
    a, b = game.sides
    return {"outcome": d.outcome_name if game.finished else "Unfinished",
            "points_a": d.results[a].points, "points_b": d.results[b].points,
            "gain_a": d.results[a].gain_points, "gain_b": d.results[b].gain_points,
            "score": d.score if game.finished else ""}


def row_figures(rows: list[dict[str, str]]) -> dict[str, object]:
    """The figures of one game from its two rows, one for each side."""
    a, b = rows
    return {"outcome": a["outcome"], "points_a": int(a["points"]),
            "points_b": int(b["points"]), "gain_a": int(a["gain"]),
            "gain_b": int(b["gain"]),
            "score": int(a["joint_score"]) if a["joint_score"] else ""}


def test_a_hostile_folder_cannot_change_any_groups_figures(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    folder.mkdir()
    main_scenario = shipped(DEFAULT_SCENARIO)
    # A modified copy named like the shipped file, another under its own name: both keep
    # the id and turn the first side's values round.
    lookalike = edited(DEFAULT_SCENARIO, folder / DEFAULT_SCENARIO.name, US_VALUES, US_TURNED)
    modified = edited(DEFAULT_SCENARIO, folder / "modified.yaml", US_VALUES, US_TURNED)
    recorded = [str(DEFAULT_SCENARIO), str(lookalike), str(modified), "/gone.yaml"]
    saves = {f"group{n}.json": save_of(main_scenario, seed=n, file=file)
             for n, file in enumerate(recorded)}
    # One group really played the modified copy: its own row uses it.
    saves["group9.json"] = save_of(load_scenario(modified), seed=9)
    for name, save in saves.items():
        write_save(save, folder / name)
    out = tmp_path / "class.csv"
    assert main(["report", str(folder), "--scenarios-dir", str(folder), "-o", str(out)]) == 0
    rows: dict[str, list[dict[str, str]]] = {}
    with out.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rows.setdefault(row["file"], []).append(row)
    assert sorted(rows) == sorted(saves)
    differs = False
    for name in [f"group{n}.json" for n in range(len(recorded))]:
        expected = figures(saves[name], main_scenario)
        assert row_figures(rows[name]) == pytest.approx(expected)
        # Nothing to check but that the groups share the one team name nobody set.
        note = rows[name][0]["note"]
        assert not note or note.startswith("the team name is also in "), note
        differs |= expected != figures(saves[name], load_scenario(modified))
    assert differs  # the modified copy would have changed the figures
    assert row_figures(rows["group9.json"]) == pytest.approx(
        figures(saves["group9.json"], load_scenario(modified)))


def test_a_file_changed_between_hashing_and_loading_is_not_taken_for_the_very_file(
        tmp_path: Path) -> None:
    mod = edited(TUTORIAL, tmp_path / "mod" / "tutorial.yaml")
    save = save_of(load_scenario(mod), file=str(mod))
    finder = ScenarioFinder()
    assert finder._digest(mod) == save.scenario.sha256  # hashed: the very file, then...
    edited(mod, mod, "", "")                             # ...changed before it is loaded
    found = finder.find(save, tmp_path / "mod" / "game.json")
    assert not found.exact and found.scenario.digest != save.scenario.sha256


def test_play_text_load_shows_the_round_it_was_saved_in_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    # A playtester resumed a game saved in round 1 and saw only its last few entries: not
    # the red lines it had said nor the question it had asked earlier in that round.
    from game.library import DEFAULT_SCENARIO

    monkeypatch.setenv("PARLEY_SAVES", str(tmp_path / "saves"))
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n"))  # takes its seat, then stops
    scenario = load_scenario(DEFAULT_SCENARIO)
    played = play_one(scenario, 3, Settings())
    # Cut where the round then under way has more than six entries in the record.
    for cut in range(2, len(played.moves)):
        game, _ = Game.replay_legal(scenario, Settings(), 3, played.moves[:cut], {})
        first = next(n for n, e in enumerate(game.log) if e.round == game.log[-1].round)
        if len(game.log) - first > 8 and game.to_move == "ru":
            break
    else:
        pytest.fail("no round with more than eight entries (this shows nothing)")
    path = tmp_path / "game.json"
    write_save(to_save(game, {"ru"}), path)
    assert main(["play", "--text", "--load", str(path)]) == 0
    out = capsys.readouterr().out.split("moves replayed")[-1]
    round_start = game.log[first]
    said = round_start.body or round_start.title
    assert said.split("\n")[0][:40] in " ".join(out.split()), (said, out[:2000])
