"""The brief from the table: F1 or the button opens the seated team's own brief, never the
other side's, and Enter comes back to the table."""

from __future__ import annotations

import pygame

from game.ui.briefing import BriefingScreen
from tests.ui.conftest import press
from tools.screenshots import new_game, seat_players, table_of, to_players_turn


def test_f1_and_the_button_open_the_seated_teams_brief(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(seed=7)
    table = to_players_turn(app, 2)
    assert table.brief_button.visible and table.brief_button in table.ring.widgets
    press(app, pygame.K_F1)
    brief = app.top
    assert isinstance(brief, BriefingScreen) and brief.side == table.seat == "us"
    # Opened again mid-game, it says how to go back, not "Read it now" (a window playtest).
    assert table.session.game.moves
    assert brief.note.startswith("Enter takes you back to the table")
    press(app, pygame.K_RETURN)
    assert app.top is table
    table.brief_button.activate()
    assert isinstance(app.top, BriefingScreen) and app.top.side == "us"
    # Opened again from the table, Esc and F1 go back too (they did nothing, a playtest).
    press(app, pygame.K_ESCAPE)
    assert app.top is table
    press(app, pygame.K_F1)
    assert isinstance(app.top, BriefingScreen)
    press(app, pygame.K_F1)
    assert app.top is table
    # It holds the points table, as the printed brief does.
    from game.analysis import points
    from game.ui.briefing import brief_spans
    said = [span.text for span in brief_spans(table.session, "us")]
    us = table.session.scenario.sides["us"]
    issue = table.session.scenario.issues[0]
    option = issue.options[0]
    assert "Your points table" in said
    assert f"{issue.name}: {points(us.weights[issue.id])}% of your points" in said
    assert f"{points(us.values[issue.id][option.id]):>3}  {option.name}" in said


def test_no_brief_opens_while_nobody_is_seated(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(seed=7)
    new_game(app, "hotseat")
    seat_players(app)
    table = table_of(app)
    table.seat = None  # as at a hand-over
    table._refresh()
    assert not table.brief_button.visible
    table.open_brief()
    assert app.top is table
