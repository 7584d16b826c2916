"""The table's "what changed" card: it comes up when the turn comes back to the player,
lies over the log without taking the focus, and closes on Backspace or the player's move."""

from __future__ import annotations

import pygame

from tests.ui.conftest import press
from tools.screenshots import scene_what_changed, table_of


def test_the_card_comes_with_the_players_turn_and_leaves_the_focus_alone(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(seed=7)
    scene_what_changed(app)
    table = table_of(app)
    card = table.card
    assert card is not None and table.my_turn
    assert not table.log.visible and card.box == table.log_rect.union(table.quote_rect)
    # The focus stays on the table's own controls; no widget of the card is in the ring.
    assert table.ring.focused in table.agenda.rows + table.actions.moves + \
        [table.tactics_button, table.agenda.copy]
    assert card.moment.acts and card.moment.acts[-1].side != table.seat
    press(app, pygame.K_BACKSPACE)
    assert table.card is None and table.log.visible


def test_the_players_move_closes_the_card(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(seed=7)
    scene_what_changed(app)
    table = table_of(app)
    assert table.card is not None
    press(app, pygame.K_4)  # pass
    assert table.card is None


def test_the_mouse_wheel_over_the_card_leaves_it_open_and_a_click_closes_it(make_app) -> None:  # type: ignore[no-untyped-def]
    # A turn of the wheel comes as a wheel event and as a press of button 4 or 5: it is
    # for scrolling the card's text, and only a real click (left or right) closes the card.
    app = make_app(seed=7)
    scene_what_changed(app)
    table = table_of(app)
    card = table.card
    assert card is not None
    inside = card.box.center
    pygame.mouse.set_pos(inside)
    for button, y in ((5, -1), (4, 1)):
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=button,
                                             pos=inside))
        pygame.event.post(pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=y, flipped=False))
        pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, button=button, pos=inside))
        app.step(0.016)
        assert table.card is card
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=inside))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=inside))
    app.step(0.016)
    assert table.card is None
