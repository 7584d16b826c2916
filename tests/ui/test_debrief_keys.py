"""The debrief is not left by accident: an Enter pressed on arriving keeps it on screen."""

from __future__ import annotations

import pygame

from game.library import DEFAULT_SCENARIO
from game.play.session import DEMO, Session
from game.scenario import load_scenario
from game.settings import Settings
from game.ui.navigation import Debrief
from tests.ui.conftest import press


def test_enter_on_arriving_at_the_debrief_keeps_the_debrief(
        make_app) -> None:  # type: ignore[no-untyped-def]
    session = Session.start(load_scenario(DEFAULT_SCENARIO), Settings(), DEMO, seed=46)
    session.play_to_end()
    app = make_app()
    screen = app.push(Debrief(session))
    for _ in range(3):  # a student pressing Enter to go on, as at every earlier screen
        press(app, pygame.K_RETURN)
        assert app.top is screen
        assert screen.page == 0
    # "Play again" is still there, a Tab or a click away.
    assert screen.again in screen.ring.widgets
