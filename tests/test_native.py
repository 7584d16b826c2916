"""The compiled modules (game._native): used only when fresh, and they play the same games as
the Python source, move for move and word for word."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from game import _native
from game.library import shipped_scenarios
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import play_one

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "game"


def records_digest(seeds: int) -> str:
    """A digest of whole games (moves with reasons, the record with every line and reason,
    the meters' history, the outcome) over every shipped scenario, difficulty and kind of
    player: the computer on both sides, and each scripted style on each side."""
    total = hashlib.sha256()
    for path in shipped_scenarios():
        scenario = load_scenario(path)
        first, second = scenario.side_ids
        players: list[dict[str, str]] = [{}]
        for style in ("principled", "hardline", "careless"):
            players += [{first: style}, {second: style}]
        for difficulty in ("easy", "normal", "hard"):
            settings = Settings(difficulty=difficulty)
            for who in players:
                for seed in range(seeds):
                    game = play_one(scenario, seed, settings, players=who)
                    total.update(repr((game.moves, game.log, game.meter_history,
                                       game.state)).encode())
    return total.hexdigest()


def test_the_compiled_modules_play_the_same_games_as_the_python_source() -> None:
    built = _native.fresh_build(_native.NATIVE_DIR, PACKAGE)
    if os.environ.get("PARLEY_NATIVE_REQUIRED") == "1":
        # CI builds them (make test): a build that failed would leave every speed figure
        # measured on the Python source.
        assert built is not None, "no fresh build in build/native: python -m tools.build_native"
    if built is None:
        pytest.skip("no fresh compiled build (python -m tools.build_native makes one)")
    assert _native.active, "a fresh build exists but the game runs from its source"
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import tests.test_native as t; "
            "from game import _native; assert not _native.active; "
            "print(t.records_digest(int(sys.argv[2])))")
    source = subprocess.run(
        [sys.executable, "-c", code, str(ROOT), "3"], capture_output=True, text=True,
        check=True, cwd=ROOT, env={**os.environ, _native.SWITCH: "0"}).stdout.strip()
    assert records_digest(3) == source


def manifest_for(native: Path, **changed: object) -> Path:
    """A build folder *native* whose manifest is fresh for the sources, but for *changed*."""
    native.mkdir(exist_ok=True)
    manifest = {"ext_suffix": sysconfig.get_config_var("EXT_SUFFIX"),
                "modules": _native.source_digests(PACKAGE), "group": "x__mypyc",
                "library": "x__mypyc.so", **changed}
    (native / _native.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    return native


def test_a_build_is_used_only_for_the_very_sources_it_was_made_from(tmp_path: Path) -> None:
    assert _native.fresh_build(manifest_for(tmp_path / "fresh"), PACKAGE) is not None
    edited = dict(_native.source_digests(PACKAGE), engine="0" * 64)
    assert _native.fresh_build(manifest_for(tmp_path / "edited", modules=edited),
                               PACKAGE) is None
    fewer = {name: digest for name, digest in _native.source_digests(PACKAGE).items()
             if name != "speech"}
    assert _native.fresh_build(manifest_for(tmp_path / "fewer", modules=fewer),
                               PACKAGE) is None
    assert _native.fresh_build(manifest_for(tmp_path / "other", ext_suffix=".cpython-39.so"),
                               PACKAGE) is None
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / _native.MANIFEST).write_text("{not json", encoding="utf-8")
    assert _native.fresh_build(tmp_path / "broken", PACKAGE) is None
    assert _native.fresh_build(tmp_path / "none", PACKAGE) is None


def test_a_build_that_cannot_be_loaded_leaves_the_game_on_its_source(tmp_path: Path) -> None:
    path: list[str] = []
    # Fresh by its manifest, but its library is not there.
    assert not _native.activate(path, manifest_for(tmp_path / "missing"))
    assert path == []


def test_the_switch_keeps_the_game_on_its_source(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(_native.SWITCH, "0")
    path: list[str] = []
    assert not _native.activate(path, manifest_for(tmp_path / "fresh"))
    assert path == []


def test_the_benchmarks_say_whether_they_time_the_compiled_modules(
        capsys: pytest.CaptureFixture[str]) -> None:
    from benchmarks import compiled
    compiled()
    line = capsys.readouterr().out.split()
    assert line[:3] == ["BENCH", "compiled_modules", str(int(_native.active))]
