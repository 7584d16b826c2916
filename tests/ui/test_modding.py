"""Issue 5 in the window: F5 reloads the scenario during play, a scenario folder's own
portraits and theme (confined to the folder, a broken theme.json survived), and the title
pointing new players to the tutorial."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pygame

from game.library import ASSET_DIR
from game.moves import Move
from game.ui import flow
from game.ui.app import App
from game.ui.portraits import picture_path
from game.ui.theme import load_theme

from .conftest import press

TUTORIAL = Path(flow.SCENARIOS) / "tutorial.yaml"


def modded_table(app: App, tmp_path: Path) -> Path:
    """A game of a copy of the tutorial, two moves in, at the player's turn."""
    from tools.screenshots import seat_players, skip_all
    folder = tmp_path / "mod"
    folder.mkdir(exist_ok=True)
    path = folder / "tutorial.yaml"
    shutil.copy(TUTORIAL, path)
    scenario, error = flow.load(path)
    assert scenario is not None, error
    flow.begin_game(app, scenario, "computer", human_side="us")
    seat_players(app)
    table = app.top
    for _ in range(2000):
        skip_all(app)
        if table.my_turn and len(table.session.game.moves) >= 2:
            break
        if table.my_turn:
            table.play(Move.propose({i.id: i.options[0].id for i in scenario.issues}))
        app.step(0.05)
    assert table.my_turn
    return path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_f5_shows_a_broken_file_and_play_goes_on(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    path = modded_table(app, tmp_path)
    table = app.top
    scenario, moves = table.session.scenario, list(table.session.game.moves)
    edit(path, "    rounds: 3\n    moves:", "    rounds: three\n    moves:")
    press(app, pygame.K_F5)
    overlay = app.top
    assert overlay.name == "reload"
    text = " ".join(s.text for s in overlay.body.spans)
    line = next(n for n, l in enumerate(path.read_text().splitlines(), 1) if "rounds: three" in l)
    assert f"tutorial.yaml, line {line}" in text
    assert overlay.problems and overlay.problems[0].line == line
    app.step(0.016)
    press(app, pygame.K_RETURN)
    assert app.top is table
    assert table.session.scenario is scenario and table.session.game.moves == tuple(moves)
    press(app, pygame.K_4)  # still playing on the last good version
    assert len(table.session.game.moves) == len(moves) + 1


def test_f5_rebuilds_the_game_on_the_new_file(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    path = modded_table(app, tmp_path)
    moves = list(app.top.session.game.moves)
    edit(path, "Your First Negotiation", "Your First Talks")
    press(app, pygame.K_F5)
    table = app.top
    assert table.name == "table"
    assert "Your First Talks" in table.session.scenario.title
    assert table.session.game.moves == tuple(moves)
    assert "Reloaded tutorial.yaml" in (app.toast_text or "")
    # A move the new version forbids: the game is rebuilt up to it, and says so.
    edit(path, "moves: [propose, accept, reject, tactic, walkout]",
         "moves: [accept, reject, tactic, walkout]")
    press(app, pygame.K_F5)
    assert app.top.name == "reload" and app.top.warning
    assert "can no longer be played" in app.top.warning
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "table"
    assert len(app.top.session.game.moves) < len(moves)


def test_f5_refuses_a_file_that_now_holds_another_scenario(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    path = modded_table(app, tmp_path)
    edit(path, "id: tutorial", "id: another")
    press(app, pygame.K_F5)
    assert app.top.name == "reload"
    assert "another" in app.top.problems[0].message


def test_a_scenario_folder_brings_its_own_theme_and_survives_a_broken_one(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "mod"
    folder.mkdir()
    (folder / "theme.json").write_text('{"palette": {"accent": "#ff0000"}', encoding="utf-8")
    data, problem = load_theme(folder)
    assert problem and "not valid JSON" in problem and "line 1" in problem
    assert data == load_theme(None)[0]
    (folder / "theme.json").write_text(json.dumps({
        "palette": {"accent": "#ff0000"},
        "high_contrast": {"text": "not a colour"},
        "fonts": {"regular": "../../../etc/passwd"}}), encoding="utf-8")
    data, problem = load_theme(folder)
    assert data["palette"]["accent"] == "#ff0000"
    assert data["high_contrast"]["text"] == "#ffffff"
    assert data["fonts"]["regular"] == "fonts/NotoSans-Regular.ttf"
    assert problem and "'high_contrast'" in problem and "'fonts'" in problem
    # In the window: the good part is used, and the player is told what was left out.
    app = make_app()
    shutil.copy(TUTORIAL, folder / "tutorial.yaml")
    scenario, _ = flow.load(folder / "tutorial.yaml")
    flow.begin_game(app, scenario, "computer", human_side="us")
    assert app.theme.c["accent"] == pygame.Color("#ff0000")
    assert "left out" in (app.toast_text or "")
    app.step(0.016)


def test_portraits_come_from_the_scenario_folder_and_never_from_outside(tmp_path) -> None:
    folder = tmp_path / "mod"
    (folder / "portraits").mkdir(parents=True)
    (folder / "art").mkdir()
    shutil.copy(ASSET_DIR / "portraits" / "us.png", folder / "portraits" / "us.png")
    shutil.copy(ASSET_DIR / "portraits" / "ru.png", folder / "art" / "putin.png")
    outside = tmp_path / "secret.png"
    shutil.copy(ASSET_DIR / "portraits" / "ru.png", outside)
    (folder / "art" / "link.png").symlink_to(outside)

    def scenario(**named: str | None) -> SimpleNamespace:
        sides = {s: SimpleNamespace(portrait=named.get(s), flag=None) for s in ("us", "ru")}
        return SimpleNamespace(file=str(folder / "mod.yaml"), sides=sides)

    assert picture_path(scenario(), "us", "portrait") == (folder / "portraits" / "us.png").resolve()
    assert picture_path(scenario(ru="art/putin.png"), "ru", "portrait") == \
        (folder / "art" / "putin.png").resolve()
    for bad in ("art/link.png", "../secret.png", str(outside)):
        assert picture_path(scenario(ru=bad), "ru", "portrait") == \
            ASSET_DIR / "portraits" / "ru.png"
    assert picture_path(scenario(), "us", "flag") == ASSET_DIR / "flags" / "us.png"


def test_the_title_points_new_players_to_the_tutorial(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    flow.start(app)
    title = app.top
    assert title.tutorial is not None
    assert title.tutorial.label == "New here? Start with the tutorial (10 minutes)"
    press(app, pygame.K_t)
    assert app.top.name == "mode" and app.top.scenario.id == "tutorial"
    press(app, pygame.K_ESCAPE)
    title.ring.focus(title.tutorial)
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=title.tutorial.rect.center,
                                         button=1))
    app.step(0.016)
    assert app.top.name == "mode" and app.top.scenario.id == "tutorial"
