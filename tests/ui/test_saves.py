"""Games are saved after every move; the title's "Load a game" continues them."""

from __future__ import annotations

import os
from pathlib import Path

import pygame

from game.play.wording import program
from game.ui import flow

from .conftest import pick_side, press, wait_for_turn



def test_a_game_is_saved_and_loaded_back(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    flow.start(app)
    press(app, pygame.K_RETURN)
    pick_side(app, "us")
    press(app, pygame.K_RETURN)   # Begin, as the United States
    press(app, pygame.K_RETURN)   # to the table
    wait_for_turn(app)
    press(app, pygame.K_4)        # pass
    wait_for_turn(app)
    moves = list(app.top.session.game.moves)
    folder = Path(os.environ["PARLEY_SAVES"])
    assert len(list(folder.glob("*.json"))) == 1
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)   # Quit to title
    assert app.top.name == "title"
    app.top._load()
    assert app.top.name == "saves"
    press(app, pygame.K_1)
    table = app.top
    assert table.name == "table"
    assert table.session.game.moves == tuple(moves)
    assert table.session.humans == ("us",)
    assert not table.pending


def test_a_hotseat_game_resumes_behind_a_handover(make_app) -> None:  # type: ignore[no-untyped-def]
    from tools.screenshots import new_game, play_turns
    app = make_app()
    new_game(app, "hotseat")
    play_turns(app, 3)
    app.reset(app.stack[0])
    app.top._load()
    press(app, pygame.K_1)
    assert app.top.name == "handover"
    press(app, pygame.K_RETURN)
    assert app.top.name == "table" and app.top.my_turn


def test_a_damaged_save_says_what_is_wrong(make_app) -> None:  # type: ignore[no-untyped-def]
    folder = Path(os.environ["PARLEY_SAVES"])
    folder.mkdir(parents=True)
    (folder / "cut.json").write_text('{"parley": "parley-save", "version": 1, ', "utf-8")
    app = make_app()
    flow.start(app)
    app.top._load()
    screen = app.top
    assert screen.saves and screen.saves[0].error
    app.step(0.016)
    press(app, pygame.K_1)
    assert app.top.name == "message"


def test_a_save_whose_scenario_is_gone_says_where_it_looked(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from game.engine import Game
    from game.save import to_save, write_save
    from game.scenario import load_scenario
    from game.settings import Settings
    from game.ui.title import TitleScreen
    mod = tmp_path / "mod" / "tutorial.yaml"
    mod.parent.mkdir()
    mod.write_text((Path(flow.SCENARIOS) / "tutorial.yaml").read_text(encoding="utf-8") +
                   "\n# a modder's version\n", encoding="utf-8")
    game = Game(load_scenario(mod), Settings(), 5, {"us": "Team A", "ru": "Computer"})
    folder = Path(os.environ["PARLEY_SAVES"])
    write_save(to_save(game, {"us"}), folder / "modded.json")
    mod.unlink()
    app = make_app()
    flow.start(app)
    for way in ("resume offer", "load screen"):
        if way == "resume offer":
            assert app.top.resume is not None
            press(app, pygame.K_r)
        else:
            app.top._load()
            press(app, pygame.K_1)
        assert app.top.name == "message", way
        text = " ".join(span.text for span in app.top.body.spans)
        assert text.startswith("Cannot find the scenario this game was played on: "
                               "'Tutorial: Your First Negotiation (May 2016)' (tutorial).")
        assert f"{mod} (where the game was played): no such file" in text
        assert f"{program()} play --text FILE --load {folder / 'modded.json'}" in text
        app.reset(TitleScreen(app))
    assert (folder / "modded.json").is_file()


def test_hostile_saves_never_break_the_title_or_the_load_screen(make_app) -> None:  # type: ignore[no-untyped-def]
    """A folder of saves where a student left every kind of hostile file: the title screen
    still opens, the load screen lists each with its reason, and choosing one says why it
    cannot be loaded."""
    import json
    import random

    from game.engine import Game
    from game.library import SCENARIO_DIR
    from game.save import to_save
    from game.scenario import load_scenario
    from game.settings import Settings
    from game.simulate import play_one
    from tests.mutate import HOSTILE_SAVE_EDITS

    scenario = load_scenario(SCENARIO_DIR / "tutorial.yaml")
    moves = play_one(scenario, 5, Settings()).moves[:2]
    game, _ = Game.replay_legal(scenario, Settings(), 5, moves, {"us": "Team A"})
    raw = to_save(game, {"us"}).model_dump_json(by_alias=True)
    text = json.dumps(json.loads(raw))
    folder = Path(os.environ["PARLEY_SAVES"])
    folder.mkdir(parents=True, exist_ok=True)
    for n, (_, edit) in enumerate(HOSTILE_SAVE_EDITS):
        (folder / f"hostile{n:02}.json").write_bytes(
            edit(text, random.Random(n)).encode("utf-8", "surrogatepass"))
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.json")
    if Path("/dev/zero").exists():
        (folder / "zero.json").symlink_to("/dev/zero")
    app = make_app()
    flow.start(app)
    for _ in range(3):
        app.invalidate()
        app.step(0.05)
    assert app.crashes == [] and app.top.name == "title"
    app.top._load()
    assert app.top.name == "saves"
    for key in (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5):
        press(app, key)
        app.invalidate()
        app.step(0.05)
        if app.top.name != "saves":
            press(app, pygame.K_ESCAPE)
    assert app.crashes == []


def test_the_command_line_opens_a_save_and_a_side_in_the_window(make_app, monkeypatch,
                                                                 capsys) -> None:  # type: ignore[no-untyped-def]
    """``play --load SAVE``, ``--side`` and ``--seed`` without ``--text`` were ignored by
    the window (a window playtest: ``play --seed 4 --side ru`` opened the title): the save
    opens at its table, the side comes chosen on the game's setup, the seed seeds its
    games; an unknown side is refused as in the terminal."""
    from game import cli
    from game.ui.setup import ModeScreen
    from tools.screenshots import new_game, play_turns

    app = make_app()
    new_game(app, "computer", "us")
    play_turns(app, 2)
    moves = app.top.session.game.moves
    save, = Path(os.environ["PARLEY_SAVES"]).glob("*.json")
    fresh = make_app()
    flow.start(fresh, save=save)
    assert fresh.top.name == "table" and fresh.top.session.game.moves == moves
    # A side chosen on the command line comes chosen on the setup; "both": two teams.
    for side, mode in (("ru", "computer"), ("both", "hotseat")):
        other = make_app()
        flow.start(other, None, side=side)
        screen = other.top
        assert isinstance(screen, ModeScreen) and screen.mode.value == mode
        assert screen.side.value == (side if side != "both" else None)
    # The command line hands them over; a side no scenario has is refused with a word.
    given: dict[str, object] = {}
    monkeypatch.setattr(cli, "_window", lambda *a, **k: given.update(k) or 0)
    assert cli.main(["play", "--side", "Russia", "--seed", "4"]) == 0
    assert given["side"] == "ru" and given["seed"] == 4 and given["load"] is None
    assert cli.main(["play", "--load", str(save)]) == 0 and given["load"] == save
    assert cli.main(["play", "--side", "france"]) == 2
    assert "unknown side 'france'" in capsys.readouterr().err


def test_the_load_screen_opens_a_finished_game_and_says_so(make_app) -> None:  # type: ignore[no-untyped-def]
    """"Enter: continue this game" was said over a game that had ended (a window
    playtest): over a finished game it says the game is opened; over one in progress, that
    it is continued."""
    from game.engine import Game
    from game.library import DEFAULT_SCENARIO
    from game.save import to_save, write_save
    from game.scenario import load_scenario
    from game.settings import Settings
    from game.simulate import play_one
    from game.ui.saves_screen import SavesScreen

    folder = Path(os.environ["PARLEY_SAVES"])
    scenario = load_scenario(DEFAULT_SCENARIO)
    done = play_one(scenario, 3, Settings())
    assert done.finished
    write_save(to_save(done, {"us"}, started="2026-01-01T10:00:00+00:00"),
               folder / "finished.json")
    going = Game(scenario, Settings(), 4)
    write_save(to_save(going, {"us"}, started="2026-01-02T10:00:00+00:00"),
               folder / "going.json")
    app = make_app()
    screen = app.push(SavesScreen(app))
    hints = {}
    for button, summary in zip(screen.buttons, screen.saves):
        screen.ring.focus(button)
        hints[summary.path.name] = screen.key_hint()
    assert "Enter: open this finished game" in hints["finished.json"]
    assert "Enter: continue this game" in hints["going.json"]
