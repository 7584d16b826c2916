"""The settings screen keeps the rules for next time and writes them as a file to hand
out."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import _parser, _settings
from game.settings import Settings, load_settings, preferences_file
from game.ui.settings_screen import SettingsScreen


def test_rules_chosen_on_the_screen_are_kept_and_can_be_handed_out(
        make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    app = make_app()
    app.settings = Settings(rounds=5, difficulty="hard", undo=False)
    screen = SettingsScreen(app)
    app.push(screen)
    screen.save_file()
    assert load_settings(tmp_path / "classroom.toml") == app.settings
    # A file already there is never written over: the next goes beside it.
    app.settings = Settings(rounds=3)
    screen.save_file()
    assert load_settings(tmp_path / "classroom.toml").rounds == 5
    assert load_settings(tmp_path / "classroom-2.toml") == app.settings
    screen.back()
    assert load_settings(preferences_file()) == app.settings
    # The next window opened on this computer starts with them.
    args = _parser().parse_args([])
    assert _settings(args, window=True) == app.settings


def test_a_broken_kept_settings_file_is_ignored_with_a_message(
        capsys: pytest.CaptureFixture[str]) -> None:
    preferences_file().parent.mkdir(parents=True, exist_ok=True)
    preferences_file().write_text("rounds = [\n", encoding="utf-8")
    assert _settings(_parser().parse_args([]), window=True) == Settings()
    assert "ignoring the saved settings" in capsys.readouterr().err


def test_a_locked_file_makes_the_rules_read_only(
        make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    file = tmp_path / "classroom.toml"
    file.write_text("rounds = 4\nlocked = true\n", encoding="utf-8")
    app = make_app()
    app.settings = load_settings(file)
    screen = SettingsScreen(app)
    app.push(screen)
    assert all(not widget.enabled for widget in [*screen.rules, *screen.offered])
    assert all(widget.enabled for widget in screen.display)
    screen.back()
    # Nothing was kept for next time: the locked rules stay the teacher's file's.
    assert not preferences_file().exists()


def test_an_unlocked_file_leaves_the_rules_open(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    app.settings = Settings(rounds=4)
    screen = SettingsScreen(app)
    assert all(widget.enabled for widget in screen.rules)


def test_the_brief_in_the_window_explains_the_rounds() -> None:
    from game.library import DEFAULT_SCENARIO
    from game.play.session import Session
    from game.scenario import load_scenario
    from game.ui.briefing import brief_spans

    session = Session.start(load_scenario(DEFAULT_SCENARIO), Settings(rounds=8), "computer",
                            human_side="us", seed=1)
    first = brief_spans(session, "us")[0].text
    assert first.startswith("The talks last 10 rounds: opening statements (1 round), then "
                            "bargaining (8 rounds), then final offers (1 round).")
