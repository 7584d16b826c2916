"""Where Parley's own scenarios and assets are found."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.errors import ParleyError
from game.library import (ASSET_DIR, DEFAULT_SCENARIO, SCENARIO_DIR, shipped_folder,
                          shipped_scenarios)

ROOT = Path(__file__).resolve().parent.parent


def test_a_checkout_uses_its_own_top_level_folders() -> None:
    # Not another checkout's, even when an editable install of that one is on the path.
    assert SCENARIO_DIR == ROOT / "scenarios"
    assert ASSET_DIR == ROOT / "assets"
    assert DEFAULT_SCENARIO.is_file() and (ASSET_DIR / "theme.json").is_file()


def test_the_default_scenario_comes_first() -> None:
    found = shipped_scenarios()
    assert found[0] == DEFAULT_SCENARIO
    assert sorted(found) == sorted(SCENARIO_DIR.glob("*.yaml"))


def test_a_missing_folder_says_where_it_was_looked_for() -> None:
    with pytest.raises(ParleyError, match="maps folder is missing") as caught:
        shipped_folder("maps")
    assert str(ROOT / "maps") in str(caught.value)
    assert str(ROOT / "game" / "maps") in str(caught.value)
