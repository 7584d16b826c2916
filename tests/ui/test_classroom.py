"""Issue 4 in the window: undo and redo, resuming and loading saves, every teacher setting
on the settings screen, and transcripts from the debrief. Driven by posted events."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pygame

from game.moves import Move
from game.save import read_save, write_save
from game.scenario import load_scenario
from game.settings import Settings
from game.ui import flow
from game.ui.app import App
from game.play.session import VS_COMPUTER, Session

from .conftest import click, pick_side, press, wait_for_turn

TUTORIAL = Path(flow.SCENARIOS) / "tutorial.yaml"


def saves_folder() -> Path:
    return Path(os.environ["PARLEY_SAVES"])


def to_the_table(app: App) -> None:
    flow.start(app)
    press(app, pygame.K_RETURN)
    pick_side(app, "us")
    press(app, pygame.K_RETURN)   # Begin, as the United States
    press(app, pygame.K_RETURN)   # to the table
    wait_for_turn(app)


def saved_moves() -> int:
    (path,) = saves_folder().glob("*.json")
    return len(read_save(path).moves)


def toast(app: App) -> str:
    return app.toast_text or ""


# ----- undo and redo -----------------------------------------------------------------------

def test_undo_and_redo_by_keys_and_buttons_and_the_autosave_follows(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    to_the_table(app)
    table = app.top
    assert not table.undo_button.enabled and "Nothing to take back" in table.undo_button.tooltip
    press(app, pygame.K_4)  # pass
    wait_for_turn(app)
    made = len(table.session.game.moves)
    assert table.undo_button.enabled and not table.redo_button.enabled
    assert "Nothing to redo" in table.redo_button.tooltip

    press(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    assert len(table.session.game.moves) < made
    assert saved_moves() == len(table.session.game.moves)
    assert table.redo_button.enabled and table.my_turn
    assert table.log.entries == table.session.visible_log()

    press(app, pygame.K_y, mod=pygame.KMOD_CTRL)
    assert len(table.session.game.moves) == made
    assert saved_moves() == made

    click(app, table.undo_button.rect.center)
    assert len(table.session.game.moves) < made
    press(app, pygame.K_z, mod=pygame.KMOD_CTRL | pygame.KMOD_SHIFT)  # redo, too
    assert len(table.session.game.moves) == made

    press(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    press(app, pygame.K_4)  # a new move: what was undone cannot come back
    wait_for_turn(app)
    assert not table.redo_button.enabled
    press(app, pygame.K_y, mod=pygame.KMOD_CTRL)
    assert "Nothing to redo" in toast(app)


def test_undo_is_refused_with_a_reason(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    app.settings = Settings(undo=False)
    to_the_table(app)
    table = app.top
    press(app, pygame.K_4)
    wait_for_turn(app)
    made = len(table.session.game.moves)
    assert not table.undo_button.enabled
    assert "switched off in the teacher's settings" in table.undo_button.tooltip
    press(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    assert len(table.session.game.moves) == made
    assert "switched off" in toast(app)
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "pause" and not app.top.buttons[1].enabled

    scenario = load_scenario(flow.default_scenario_path())
    hot = Session.start(scenario, Settings(), "hotseat", seed=3)
    hot.play(Move.wait())
    # The US team is at the keyboard and has no move of its own to take back; Russia's
    # team could take back its own, but never once the US team has moved after it.
    assert "not made a move" in (hot.undo_blocked() or "")
    hot.play(Move.wait())
    assert "takes back only its own moves" in (hot.undo_blocked("ru") or "")
    demo = Session.start(scenario, Settings(), "demo", seed=3)
    assert "demo" in (demo.undo_blocked() or "")


def test_redo_from_the_pause_menu(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    to_the_table(app)
    table = app.top
    press(app, pygame.K_4)
    wait_for_turn(app)
    made = len(table.session.game.moves)
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)  # Undo your last move
    assert app.top is table and len(table.session.game.moves) < made
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_DOWN)  # Undo is greyed (nothing left to take back): skipped
    assert app.top.ring.focused.label == "Redo"
    press(app, pygame.K_RETURN)
    assert app.top is table and len(table.session.game.moves) == made


# ----- resuming and loading ------------------------------------------------------------------

def play_and_leave(app: App) -> list:  # type: ignore[type-arg]
    to_the_table(app)
    press(app, pygame.K_4)
    wait_for_turn(app)
    moves = list(app.top.session.game.moves)
    app.reset(app.stack[0])
    return moves


def test_the_title_offers_to_resume_the_newest_unfinished_game(make_app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.title import TitleScreen
    app = make_app()
    moves = play_and_leave(app)
    app.reset(TitleScreen(app))
    title = app.top
    assert title.resume is not None and title.ring.focused is title.resume
    label = title.resume.label
    assert "Joint Strikes" in label and "Team A" in label and "Computer" in label
    assert f"round {app.top.unfinished.save.round}" in label and "saved today" in label
    press(app, pygame.K_r)
    assert app.top.name == "table"
    assert app.top.session.game.moves == tuple(moves)
    # Once the newest save is of a finished game, nothing is offered.
    (path,) = saves_folder().glob("*.json")
    save = read_save(path)
    done = save.model_copy(update={"finished": True, "outcome": "deadline",
                                   "saved": "2999-01-01T00:00:00+00:00"})
    write_save(done, saves_folder() / "later.json")
    app.reset(TitleScreen(app))
    assert app.top.resume is None


def test_the_load_screen_lists_scenario_teams_round_date_and_outcome(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    play_and_leave(app)
    app.top._load()
    app.step(0.016)
    label = app.top.buttons[0].label
    for part in ("Joint Strikes", "Computer v Team A", "round 2", "today"):
        assert part in label, label


def test_bad_saves_say_why_and_are_left_untouched(make_app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.title import TitleScreen
    folder = saves_folder()
    folder.mkdir(parents=True)
    files = {"cut.json": b'{"parley": "parley-save", "version": 1, ',
             "foreign.json": b'{"name": "a spreadsheet"}',
             "newer.json": json.dumps({"parley": "parley-save", "version": 99}).encode(),
             "empty.json": b""}
    for name, data in files.items():
        (folder / name).write_bytes(data)
    app = make_app()
    flow.start(app)
    assert app.top.resume is None
    app.top._load()
    screen = app.top
    messages = {}
    for n, summary in enumerate(screen.saves):
        app.step(0.016)
        press(app, pygame.K_1 + n)
        assert app.top.name == "message"
        messages[summary.path.name] = summary.error
        press(app, pygame.K_ESCAPE)
        assert app.top is screen
    assert "cut short" in messages["cut.json"]
    assert "not a Parley save" in messages["foreign.json"]
    assert "newer Parley" in messages["newer.json"]
    assert "empty" in messages["empty.json"]
    for name, data in files.items():
        assert (folder / name).read_bytes() == data
    app.reset(TitleScreen(app))


def changed_copy(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "mod" / "tutorial.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return path


def saved_tutorial_game(tmp_path: Path) -> tuple[Path, Session]:
    (tmp_path / "mod").mkdir()
    # A modder's own version: were it the shipped file byte for byte, a save of it would be
    # a save of the shipped tutorial, found by its hash whatever the copy became.
    (tmp_path / "mod" / "tutorial.yaml").write_text(
        TUTORIAL.read_text(encoding="utf-8") + "\n# the modder's version\n", encoding="utf-8")
    scenario = load_scenario(tmp_path / "mod" / "tutorial.yaml")
    session = Session.start(scenario, Settings(), VS_COMPUTER, human_side="us", seed=5,
                            saves=saves_folder())
    for _ in range(3):
        if session.computer_to_move:
            session.play_computer()
        else:
            session.play(Move.propose({i.id: i.options[0].id for i in scenario.issues}))
    (path,) = saves_folder().glob("*.json")
    return path, session


def test_a_save_of_a_changed_scenario_warns_before_play_goes_on(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, session = saved_tutorial_game(tmp_path)
    changed_copy(tmp_path, "Your First Negotiation", "Your Very First Negotiation")
    app = make_app()
    flow.start(app)
    app.top._load()
    press(app, pygame.K_1)
    assert app.top.name == "confirm"
    text = " ".join(s.text for s in app.top.body.spans)
    assert "changed since" in text and "new save file" in text
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "saves"
    press(app, pygame.K_1)
    press(app, pygame.K_RETURN)   # go on
    table = app.top
    assert table.name == "table"
    assert table.session.game.moves == session.game.moves
    assert "Very First" in table.session.scenario.title
    # Every move replayed, but on another version of the scenario: the game goes on in a
    # new file, and the save keeps the game as it was played, on the scenario it was.
    assert table.session.save_path != path


def test_moves_no_longer_legal_go_on_in_a_new_save_file(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path, session = saved_tutorial_game(tmp_path)
    before = path.read_bytes()
    changed_copy(tmp_path, "moves: [propose, accept, reject, tactic, walkout]",
                 "moves: [accept, reject, tactic, walkout]")
    app = make_app()
    flow.start(app)
    app.top._load()
    press(app, pygame.K_1)
    assert app.top.name == "confirm"
    text = " ".join(s.text for s in app.top.body.spans)
    assert "can no longer be played" in text and "new save file" in text
    press(app, pygame.K_RETURN)
    table = app.top
    assert table.name == "table"
    assert len(table.session.game.moves) < len(session.game.moves)
    assert table.session.save_path != path
    wait_for_turn(app)
    table.play(Move.wait())
    assert path.read_bytes() == before


# ----- settings -----------------------------------------------------------------------------

def test_the_settings_screen_shows_and_changes_every_teacher_setting(make_app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.settings_screen import SettingsScreen
    given = Settings(rounds=20, difficulty="hard", undo=False, seconds_per_turn=45,
                     on_timeout="computer", scenarios=("tutorial", "elsewhere"),
                     require_team_names=True, reveal_priorities=False)
    app = make_app()
    app.settings = given  # as run(settings=...) from --settings classroom.toml
    flow.start(app)
    app.top._settings()
    screen = app.top
    assert isinstance(screen, SettingsScreen)
    assert screen.rounds.value == 20 and screen.difficulty.value == "hard"
    assert screen.undo.value is False and screen.seconds.value == 45
    assert screen.timeout.value == "computer" and screen.names.value is True
    assert screen.reveal.value is False
    ticked = {s.id: t.on for s, t in zip(screen.catalogue, screen.offered)}
    assert ticked == {"ceasefire_feb_2016": False, "joint_strikes_2016": False,
                      "tutorial": True}
    # Changing one row keeps every other setting as given.
    screen.ring.focus(screen.timeout)
    press(app, pygame.K_RIGHT)
    assert app.settings == Settings(**{**given.to_json(), "on_timeout": "pass",
                                       "scenarios": ("tutorial", "elsewhere")})
    # Ticking a scenario offers it; the last one cannot be unticked.
    joint = screen.offered[screen.catalogue.index(
        next(s for s in screen.catalogue if s.id == "joint_strikes_2016"))]
    screen.ring.focus(joint)
    press(app, pygame.K_RETURN)
    assert app.settings.scenarios == ("joint_strikes_2016", "tutorial", "elsewhere")
    tutorial = screen.offered[[s.id for s in screen.catalogue].index("tutorial")]
    screen.ring.focus(tutorial)
    press(app, pygame.K_SPACE)
    screen.ring.focus(joint)
    press(app, pygame.K_SPACE)
    assert joint.on and app.settings.scenarios == ("joint_strikes_2016", "elsewhere")
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "title"
    assert app.top.tutorial is None  # the tutorial is no longer offered
    # With the tutorial alone offered, the start button starts it, named in quotation
    # marks, and no second button does the same.
    app.settings = Settings(scenarios=("tutorial",))
    from game.ui.navigation import Title
    app.reset(Title())
    title = app.top
    assert title.name == "title"
    assert title.scenario is not None and title.scenario.id == "tutorial"
    assert title.tutorial is None
    assert title.start.label == f"Start \u201c{title.scenario.title}\u201d"


def test_rules_are_fixed_during_a_game(make_app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.settings_screen import SettingsScreen
    app = make_app()
    flow.start(app)
    screen = SettingsScreen(app, in_game=True)
    assert not any(w.enabled for w in [*screen.rules, *screen.offered])
    assert all(w.enabled for w in screen.display)


# ----- transcripts --------------------------------------------------------------------------

def test_the_debrief_writes_the_transcript_and_says_where(make_app, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tools.screenshots import finished_game
    monkeypatch.delenv("PARLEY_TRANSCRIPTS", raising=False)
    app = make_app()
    finished_game(app)
    debrief = app.top
    assert debrief.name == "debrief"
    press(app, pygame.K_t)
    assert app.top.name == "message"
    md, html = debrief.written
    assert md.parent == saves_folder().parent / "transcripts"
    assert md.stem == debrief.session.save_path.stem
    shown = " ".join(s.text for s in app.top.body.spans)
    assert str(md) in shown and str(html) in shown
    assert md.read_text(encoding="utf-8").startswith("#")
    assert "<svg" in html.read_text(encoding="utf-8")
    press(app, pygame.K_ESCAPE)
    assert app.top is debrief
    monkeypatch.setenv("PARLEY_TRANSCRIPTS", str(tmp_path / "class"))
    click(app, debrief.export.rect.center)
    assert debrief.written[1].parent == tmp_path / "class"
    assert debrief.written[1].is_file()


def test_an_unwritable_transcript_folder_says_so(make_app, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tools.screenshots import finished_game
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PARLEY_TRANSCRIPTS", str(blocker / "sub"))
    app = make_app()
    finished_game(app)
    press(app, pygame.K_t)
    assert app.top.name == "message" and "could not" in app.top.title
