"""The scenarios and assets shipped with Parley, and where they live.

This module is the one place that knows. In a checkout, ``scenarios/`` and ``assets/`` sit
at the top of the repository, beside ``game/``; the build maps them into the package (see
``[tool.setuptools.package-dir]`` in ``pyproject.toml``), so an installed Parley has them
as ``game/scenarios`` and ``game/assets``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from game.errors import ParleyError


def shipped_folder(name: str) -> Path:
    """Parley's own folder *name* (``"scenarios"`` or ``"assets"``) as a real directory.

    Raises :class:`ParleyError` when it is in neither place it can be (a broken install).
    """
    installed = resources.files("game") / name
    # pip unpacks a wheel into real folders, so the resource is a Path that pygame can open
    # fonts and pictures from as it is; no as_file() copy is made. A zipped install is not
    # a Path, and is not supported: it falls through to the error below.
    if isinstance(installed, Path) and installed.is_dir():
        return installed
    # A checkout, installed in editable mode or not installed at all: the folder at the top
    # of the repository that holds this very game/ (not the one of another checkout an
    # editable install may point at).
    beside = Path(__file__).resolve().parent.parent / name
    if beside.is_dir():
        return beside
    raise ParleyError(f"Parley's {name} folder is missing: neither {installed} nor "
                      f"{beside} exists; reinstall Parley")


#: The folder of shipped scenarios (a scenario may have a folder of assets beside it).
SCENARIO_DIR = shipped_folder("scenarios")
#: The scenario a new game starts on.
DEFAULT_SCENARIO = SCENARIO_DIR / "joint_strikes_2016.yaml"
#: Parley's own fonts, theme, portraits and flags.
ASSET_DIR = shipped_folder("assets")


def shipped_scenarios() -> list[Path]:
    """Every scenario file shipped with Parley, the default first."""
    files = sorted(SCENARIO_DIR.glob("*.yaml"))
    return sorted(files, key=lambda p: p != DEFAULT_SCENARIO)


#: Earlier versions of the shipped scenarios, as earlier releases shipped them, each
#: gzipped and named ``<id>-<first 12 hex digits of its SHA-256>.yaml.gz`` (the hash of the
#: scenario's own bytes, unzipped). Only the finder of saves reads them: a game saved on a
#: version since changed replays on that very version, so its figures stay what its
#: players saw. ``python -m tools.past_scenarios`` keeps a version here before it changes.
PAST_DIR = SCENARIO_DIR / "past"
#: The ending of a file in :data:`PAST_DIR`.
PAST_SUFFIX = ".yaml.gz"


def past_scenarios(folder: Path = PAST_DIR) -> list[Path]:
    """Every earlier version of a shipped scenario kept in *folder*, by name."""
    return sorted(folder.glob(f"*{PAST_SUFFIX}")) if folder.is_dir() else []
