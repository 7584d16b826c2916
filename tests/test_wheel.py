"""The wheel: it holds every module, scenario and asset, and Parley runs from it far from
the checkout, the way ``pip install`` leaves it."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest

from game.cli import main

ROOT = Path(__file__).resolve().parent.parent
#: What the build reads: pyproject.toml names the README and maps the two data folders.
SOURCES = ("pyproject.toml", "README.md", "game", "scenarios", "assets")
#: What the ``parley`` console script runs (the wheel's entry point is checked below).
LAUNCHER = "import sys; from game.cli import main; sys.exit(main())"


def _builds_offline() -> bool:
    """Whether the installed setuptools can build a wheel with no download: it can by
    itself from 70.1 on, and older ones need the ``wheel`` package."""
    major, minor = (int(part) for part in version("setuptools").split(".")[:2])
    return (major, minor) >= (70, 1) or importlib.util.find_spec("wheel") is not None


def _files(folder: Path, prefix: str) -> set[str]:
    return {f"{prefix}/{path.relative_to(folder).as_posix()}" for path in folder.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not _builds_offline():
        pytest.skip("building the wheel offline needs setuptools>=70.1, from the test extra "
                    "(make installs it)")
    # The build runs on a copy: setuptools writes build/ and *.egg-info/ beside the
    # sources, and a stale build/ in the checkout would put old files in the wheel.
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, source / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(ROOT / name, source / name)
    dist = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps",
         "--no-build-isolation", "--no-index", "--disable-pip-version-check", "-q",
         "-w", str(dist)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    [built] = dist.glob("parley-*.whl")
    return built


@pytest.fixture(scope="module")
def site(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel unpacked, as pip installs it into site-packages."""
    folder = tmp_path_factory.mktemp("site-packages")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(folder)
    return folder


def _elsewhere(tmp_path: Path, command: list[str],
               **env: str) -> subprocess.CompletedProcess[str]:
    """Run *command* from an empty folder outside the checkout, with no window, no sound,
    and saves, settings and logs kept in *tmp_path*."""
    cwd = tmp_path / "elsewhere"
    cwd.mkdir(exist_ok=True)
    base = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120,
                          env=dict(base, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
                                   PYGAME_HIDE_SUPPORT_PROMPT="1",
                                   PARLEY_SAVES=str(tmp_path / "saves"),
                                   PARLEY_CONFIG=str(tmp_path / "config"),
                                   PARLEY_LOGS=str(tmp_path / "logs"), **env))


def _installed(site: Path, tmp_path: Path, *args: str,
               code: str = LAUNCHER) -> subprocess.CompletedProcess[str]:
    """Run *code* with the unpacked wheel as the only Parley on the path."""
    return _elsewhere(tmp_path, [sys.executable, "-c", code, *args], PYTHONPATH=str(site))


def test_the_wheel_holds_every_module_scenario_and_asset(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        [entry_points] = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        scripts = archive.read(entry_points).decode("utf-8")
    shipped = (_files(ROOT / "game", "game") | _files(ROOT / "scenarios", "game/scenarios")
               | _files(ROOT / "assets", "game/assets"))
    metadata = {n for n in names if n.startswith("parley-") and ".dist-info/" in n}
    assert sorted(shipped - names) == []
    assert sorted(names - shipped - metadata) == []
    assert "parley = game.cli:main" in scripts


def test_installed_parley_finds_its_data_inside_the_package(site: Path,
                                                            tmp_path: Path) -> None:
    code = ("import json, game.library as l; print(json.dumps([l.__file__, str(l.SCENARIO_DIR),"
            " str(l.DEFAULT_SCENARIO), str(l.ASSET_DIR)]))")
    result = _installed(site, tmp_path, code=code)
    assert result.returncode == 0, result.stderr
    module, scenarios, default, assets = map(Path, json.loads(result.stdout))
    assert module == site / "game" / "library.py"
    assert scenarios == site / "game" / "scenarios"
    assert default.is_file() and default.parent == scenarios
    assert assets == site / "game" / "assets"


def test_installed_parley_validates_simulates_and_plays(site: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    result = _installed(site, tmp_path, "validate", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    checked = {line.split(": OK: ")[0] for line in result.stdout.splitlines()}
    assert checked == {str(site / "game" / "scenarios" / path.name)
                       for path in (ROOT / "scenarios").glob("*.yaml")}

    result = _installed(site, tmp_path, "simulate", "-n", "5", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["games"] == 5

    # The same seed plays the same game as in the checkout: the same scenario was found.
    play = ("play", "--text", "--side", "none", "--seed", "1", "--no-save")
    result = _installed(site, tmp_path, *play)
    assert result.returncode == 0, result.stderr
    assert main(list(play)) == 0
    assert result.stdout == capsys.readouterr().out


WINDOW = """
import json
from game.ui.app import App
from game.ui.choose import ScenarioScreen
from game.ui.flow import start
app = App(size=(1280, 720), seed=1)
start(app)
app.step(0.016)
title = app.top
texts = title.texts()
app.push(ScenarioScreen(app))
app.step(0.016)
print(json.dumps({"screen": title.name, "texts": texts,
                  "scenarios": [str(path) for path, _, _ in app.top.entries],
                  "fonts": [str(path) for path in app.theme.fonts.paths.values()],
                  "crashes": [repr(exc) for exc in app.crashes], "drawn": app.drawn}))
"""


def test_installed_window_draws_the_title_and_lists_the_scenarios(site: Path,
                                                                  tmp_path: Path) -> None:
    result = _installed(site, tmp_path, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: parley ") and "validate" in result.stdout
    result = _installed(site, tmp_path, code=WINDOW)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.splitlines()[-1])
    assert seen["crashes"] == [] and seen["drawn"] >= 2
    assert seen["screen"] == "title"
    assert any(text.startswith("Start \u201c") for text in seen["texts"])
    assert any("tutorial" in text for text in seen["texts"])
    assert sorted(Path(p).name for p in seen["scenarios"]) == \
        sorted(p.name for p in (ROOT / "scenarios").glob("*.yaml"))
    assert all(Path(p).parent == site / "game" / "scenarios" for p in seen["scenarios"])
    assert seen["fonts"] and all(Path(p).is_relative_to(site / "game" / "assets")
                                 for p in seen["fonts"])


@pytest.mark.skipif(not os.environ.get("PARLEY_VENV_CHECK"),
                    reason="installs the wheel and its dependencies from PyPI into a new "
                           "virtual environment: set PARLEY_VENV_CHECK=1 to run it")
def test_the_wheel_installs_and_runs_in_a_fresh_virtual_environment(wheel: Path,
                                                                    tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    scripts = venv / ("Scripts" if os.name == "nt" else "bin")
    pip = subprocess.run([str(scripts / "python"), "-m", "pip", "install", "-q",
                          "--disable-pip-version-check", str(wheel)],
                         capture_output=True, text=True, timeout=600)
    assert pip.returncode == 0, pip.stderr
    for args in (["--help"], ["validate", "--strict"], ["simulate", "-n", "20"],
                 ["play", "--text", "--side", "none", "--seed", "1", "--no-save"]):
        result = _elsewhere(tmp_path, [str(scripts / "parley"), *args])
        assert result.returncode == 0, (args, result.stderr)
    result = _elsewhere(tmp_path, [str(scripts / "python"), "-c", WINDOW])
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.splitlines()[-1])
    assert seen["crashes"] == []
    assert len(seen["scenarios"]) == len(list((ROOT / "scenarios").glob("*.yaml")))
    assert all(Path(p).is_relative_to(venv) for p in seen["scenarios"] + seen["fonts"])
