"""The scenarios shipped with Parley, and where they live."""

from __future__ import annotations

from pathlib import Path

#: The folder of shipped scenarios (a scenario may have a folder of assets beside it).
SCENARIO_DIR = Path(__file__).resolve().parent.parent / "scenarios"
#: The scenario a new game starts on.
DEFAULT_SCENARIO = SCENARIO_DIR / "joint_strikes_2016.yaml"


def shipped_scenarios() -> list[Path]:
    """Every scenario file shipped with Parley, the default first."""
    files = sorted(SCENARIO_DIR.glob("*.yaml"))
    return sorted(files, key=lambda p: p != DEFAULT_SCENARIO)
