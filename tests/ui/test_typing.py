"""Team names typed as a keyboard sends them: a key press, the text, a key release, each
in its own frame."""

from __future__ import annotations

import pygame

from tests.ui.conftest import press
from tests.ui.test_flows import start_from_title


def test_a_name_typed_key_by_key_comes_out_in_order(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    start_from_title(app)
    setup = app.top
    while app.top.ring.focused is not setup.team:
        press(app, pygame.K_UP)
    for char in "Eagles":
        key = pygame.key.key_code(char.lower())
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=char,
                                             scancode=0))
        app.step(0.016)
        pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=char))
        app.step(0.016)
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode=char,
                                             scancode=0))
        app.step(0.016)
    assert setup.team.value == "Eagles"
    press(app, pygame.K_BACKSPACE)
    assert setup.team.value == "Eagle"
