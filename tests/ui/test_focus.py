"""The focus never jumps to a control the player did not move to: a move made with its
number key leaves the focus where the player left it (on the package), not on Undo."""

from __future__ import annotations

import pygame

from tests.ui.conftest import press, skip_to_turn
from tools.screenshots import table_of, to_players_turn


def test_a_number_key_move_leaves_the_focus_on_the_package(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(seed=7)
    table = to_players_turn(app, 3)
    table.close_card()
    row = table.agenda.rows[2]
    table.ring.focus(row)
    press(app, pygame.K_RIGHT)  # the player edits the package with the keyboard
    moves = len(table.session.game.moves)
    press(app, pygame.K_4)      # and passes with the number key
    assert len(table.session.game.moves) > moves
    # While the computer answers, no control shows the focus: not Undo, not a meter.
    assert table.ring.focused is None or table.ring.focused is row
    assert table.ring.focused is not table.undo_button
    assert table.ring.tip_rect is None
    skip_to_turn(app, table)
    assert table_of(app) is table and table.my_turn
    assert table.ring.focused is row
