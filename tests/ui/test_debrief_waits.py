"""The debrief reads the whole game. At a class's table the server sends it only after the
talks are over, so until it has come the table's and the front page's "See the debrief"
say they wait (and do nothing), and say so for good when it will not come."""

from __future__ import annotations

import pygame
import pytest

from game.library import DEFAULT_SCENARIO
from game.engine import Game
from game.play.session import Session
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import play_one
from game.ui.debrief_screen import DebriefScreen
from game.ui.navigation import Debrief, Table
from game.ui.outcome_screen import OutcomeScreen
from game.ui.table import TableScreen
from game.ui.table_panels import DEBRIEF_LOST, DEBRIEF_WAITING
from tests.ui.conftest import press


class Withheld(Session):
    """A finished game whose whole record has not come yet (as at a class's table)."""

    sent = False
    lost = False

    @property
    def whole_game(self) -> Game | None:
        return self.game if self.sent else None

    @property
    def whole_game_lost(self) -> bool:  # type: ignore[override]
        return self.lost and not self.sent


def finished() -> Withheld:
    game = play_one(load_scenario(DEFAULT_SCENARIO), 3, Settings(), players={})
    assert game.finished
    return Withheld(game, ("us",))


def table_at_end(app, session: Session) -> tuple[TableScreen, OutcomeScreen]:  # type: ignore[no-untyped-def]
    """The table of *session* shown to its end: the table, and the front page over it."""
    table = app.reset(Table(session))
    assert isinstance(table, TableScreen)
    for _ in range(400):
        if isinstance(app.top, OutcomeScreen):
            break
        table.skip()  # Space: each event's banner in turn, then the rest at once
        app.step(0.05)
    outcome = app.top
    assert isinstance(outcome, OutcomeScreen), outcome.name
    return table, outcome


def test_the_debrief_waits_for_the_whole_game_then_opens(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    session = finished()
    table, outcome = table_at_end(app, session)
    # The front page of the end shows; its way on says it waits, and does not go on.
    assert not outcome.go.enabled and outcome.go.label == DEBRIEF_WAITING
    press(app, pygame.K_RETURN)
    app.step(0.05)
    assert app.top is outcome
    assert not table.debrief_button.enabled
    assert table.debrief_button.label == DEBRIEF_WAITING
    table.to_debrief()
    assert app.top is outcome
    with pytest.raises(ValueError):
        DebriefScreen(app, session)
    # The whole game comes: both buttons offer the debrief, and Enter opens it.
    session.sent = True
    app.step(0.05)
    assert outcome.go.enabled and outcome.go.label == "See the debrief"
    assert outcome.go.rect.w >= outcome.go.natural_width(app.theme)
    press(app, pygame.K_RETURN)
    app.step(0.05)
    assert isinstance(app.top, DebriefScreen)
    assert app.top.game is session.game


def test_a_whole_game_that_will_not_come_is_said(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    session = finished()
    session.lost = True
    table, outcome = table_at_end(app, session)
    assert not outcome.go.enabled and outcome.go.label == DEBRIEF_LOST
    press(app, pygame.K_ESCAPE)
    app.step(0.05)
    assert app.top is table
    assert table.debrief_button.visible and not table.debrief_button.enabled
    assert table.debrief_button.label == DEBRIEF_LOST


def test_a_game_on_this_computer_offers_the_debrief_at_once(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    game = play_one(load_scenario(DEFAULT_SCENARIO), 3, Settings(), players={})
    session = Session(game, ("us",))
    assert session.whole_game is game and not session.whole_game_lost
    table, outcome = table_at_end(app, session)
    assert outcome.go.enabled and table.debrief_button.enabled
    app.push(Debrief(session))
    assert isinstance(app.top, DebriefScreen)
