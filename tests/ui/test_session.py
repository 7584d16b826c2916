"""The session wraps the engine's face for the screens; it needs no pygame."""

from __future__ import annotations

from game.moves import Move
from game.scenario import load_scenario
from game.settings import Settings
from game.ui.flow import default_scenario_path
from game.ui.session import DEMO, HOTSEAT, VS_COMPUTER, Session


def scenario():  # type: ignore[no-untyped-def]
    return load_scenario(default_scenario_path())


def test_teams_are_recorded_and_the_computer_named() -> None:
    session = Session.start(scenario(), Settings(), VS_COMPUTER, human_side="us",
                            teams={"us": "  Blue table "}, seed=1)
    assert session.game.teams == {"us": "Blue table", "ru": "Computer"}
    assert session.viewer == "us"
    hot = Session.start(scenario(), Settings(), HOTSEAT, teams={}, seed=1)
    assert set(hot.game.teams.values()) == {"Team A", "Team B"}


def test_undo_takes_back_the_human_move_and_the_reply() -> None:
    session = Session.start(scenario(), Settings(), VS_COMPUTER, human_side="ru", seed=2)
    assert session.game.to_move == "ru"
    session.play(Move.wait())
    session.play_computer()
    assert len(session.game.moves) == 2
    assert session.undo_count() == 2
    assert session.undo()
    assert session.game.moves == []


def test_no_undo_when_the_settings_forbid_it_or_in_hotseat() -> None:
    session = Session.start(scenario(), Settings(undo=False), VS_COMPUTER, human_side="ru",
                            seed=2)
    session.play(Move.wait())
    assert session.undo_count() == 0
    hot = Session.start(scenario(), Settings(), HOTSEAT, seed=2)
    hot.play(Move.wait())
    assert hot.undo_count() == 0


def test_demo_shows_the_reasons_and_hotseat_hides_nothing_public() -> None:
    demo = Session.start(scenario(), Settings(), DEMO, seed=3)
    demo.play_computer()
    assert any(e.kind == "reason" for e in demo.visible_log())
    vs = Session.start(scenario(), Settings(), VS_COMPUTER, human_side="us", seed=3)
    vs.play_computer()
    assert not any(e.kind == "reason" for e in vs.visible_log())
