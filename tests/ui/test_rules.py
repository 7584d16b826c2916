"""The teacher's settings as the window applies them: time per turn, team names required,
priorities kept hidden, the scenarios offered."""

from __future__ import annotations

import pygame

from game.settings import Settings
from game.ui import flow
from game.ui.app import App

from .conftest import pick_side, press


def test_time_per_turn_runs_out_and_the_computer_moves(make_app) -> None:  # type: ignore[no-untyped-def]
    app: App = make_app()
    app.settings = Settings(seconds_per_turn=5, on_timeout="computer")
    flow.start(app)
    press(app, pygame.K_RETURN)
    pick_side(app, "us")
    press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)
    table = app.top
    for _ in range(2000):
        if table.my_turn:
            break
        press(app, pygame.K_SPACE) if table.pending else app.step(0.05)
    made = len(table.session.game.moves)
    for _ in range(200):  # about six seconds of play
        app.step(0.03)
    assert len(table.session.game.moves) > made
    side, _move, _reason = table.session.game.moves[made]
    assert side == "us"


def test_team_names_can_be_required(make_app) -> None:  # type: ignore[no-untyped-def]
    app: App = make_app()
    app.settings = Settings(require_team_names=True)
    flow.start(app)
    press(app, pygame.K_RETURN)
    pick_side(app, "us")
    press(app, pygame.K_RETURN)
    assert app.top.name == "mode"  # still there: no name given
    from .conftest import type_text
    type_text(app, "Harbour")
    press(app, pygame.K_RETURN)
    press(app, pygame.K_RETURN)
    assert app.top.name == "briefing"


def test_hidden_priorities_stay_hidden_in_the_debrief(make_app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.debrief_screen import DebriefScreen
    from tools.screenshots import new_game, play_turns, seat_players
    app: App = make_app()
    app.settings = Settings(reveal_priorities=False)
    session = new_game(app)
    seat_players(app)
    play_turns(app, 100)
    screen = DebriefScreen(app, session)
    text = " ".join(span.text for span in screen._priority_spans())
    assert "Kept hidden" in text
    assert "Russia (hidden" not in text


def test_only_the_offered_scenarios_are_listed(make_app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.choose import ScenarioScreen
    app: App = make_app()
    app.settings = Settings(scenarios=("joint_strikes_2016",))
    flow.start(app)
    screen = ScenarioScreen(app)
    assert [s.id for _, s, _ in screen.entries if s] == ["joint_strikes_2016"]
