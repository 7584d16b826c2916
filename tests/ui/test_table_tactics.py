"""The tactics in a list of their own, opened over the table (T): every tactic shows whole
at any window and text size, each has its own letter, and a letter uses it at once."""

from __future__ import annotations

import itertools

import pygame
import pytest

from game.ui.actions import LETTERS
from game.ui.theme import TEXT_SCALES
from tests.ui.conftest import press, skip_to_turn
from tools.screenshots import new_game, scene_tactics, seat_players, settle, table_of


@pytest.mark.parametrize("size", [(1024, 600), (1920, 1080)], ids=str)
def test_every_tactic_shows_whole_in_the_open_list(make_app, size) -> None:  # type: ignore[no-untyped-def]
    app = make_app(size=size, seed=7)
    for scale in (min(TEXT_SCALES), 1.0, max(TEXT_SCALES)):
        app.prefs.text_scale = scale
        app.restyle()
        scene_tactics(app)
        table = table_of(app)
        settle(app, 2)
        buttons = table.actions.tactics[table.seat or ""]
        assert buttons
        window = app.window.get_rect()
        assert window.contains(table.tactics_box)
        for button in buttons:
            assert table.tactics_box.contains(button.rect), (scale, button.label)
        for a, b in itertools.combinations([*buttons, table.close_tactics], 2):
            assert not a.rect.colliderect(b.rect), (scale, a.label, b.label)
        for button in buttons:
            assert not button.rect.colliderect(table.help_rect)
        # Every tactic has a letter of its own, and no letter is one the table uses.
        hints = [b.hint for b in buttons]
        assert all(hints) and len(set(hints)) == len(hints)
        assert not set(hints) & {"C", "T"}


def test_t_opens_the_list_and_esc_closes_it_back_on_its_button(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(seed=7)
    scene_tactics(app)
    table = table_of(app)
    table.shut_tactics()
    assert not table.tactics_open
    press(app, pygame.K_t)
    assert table.tactics_open
    buttons = table.actions.tactics[table.seat or ""]
    assert table.ring.focused in buttons and table.ring.focused.enabled
    # The help strip reads the focused tactic; no floating tooltip covers the list.
    assert table.tactic_help() == (table.ring.focused.label, table.ring.focused.tooltip)
    press(app, pygame.K_ESCAPE)
    assert not table.tactics_open and app.top is table
    assert table.ring.focused is table.tactics_button


def test_a_tactic_letter_uses_it_from_the_table_or_the_list(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(seed=7)
    new_game(app)
    seat_players(app)
    table = table_of(app)
    skip_to_turn(app, table, then=lambda: seat_players(app))
    table.open_tactics()
    buttons = table.actions.tactics[table.seat or ""]
    n, button = next((n, b) for n, b in enumerate(buttons) if b.enabled and
                     not b.label.startswith("Say what"))
    moves = len(table.session.game.moves)
    press(app, getattr(pygame, f"K_{LETTERS[n].lower()}"))
    assert not table.tactics_open
    assert len(table.session.game.moves) > moves
    side, move, _ = table.session.game.moves[moves]
    assert side == table.session.humans[0] and move.kind == "tactic"
    assert table.session.scenario.tactic(move.tactic or "").name == button.label


def test_the_help_strip_follows_the_keyboard_over_a_resting_pointer(make_app) -> None:  # type: ignore[no-untyped-def]
    """With the pointer resting on one tactic and the arrows moved to another, the strip
    described the one under the pointer (a window playtest): it follows the keyboard
    while the keyboard is in use, and the pointer again once it moves."""
    app = make_app(seed=7)
    scene_tactics(app)
    table = table_of(app)
    buttons = table.actions.tactics[table.seat or ""]
    rested = buttons[0]
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=rested.rect.center,
                                         rel=(0, 0), buttons=(0, 0, 0)))
    app.step(0.05)
    assert table.tactic_help() == (rested.label, rested.tooltip)
    press(app, pygame.K_DOWN)
    focused = table.ring.focused
    assert focused in buttons and focused is not rested
    assert table.tactic_help() == (focused.label, focused.tooltip)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=rested.rect.center,
                                         rel=(1, 0), buttons=(0, 0, 0)))
    app.step(0.05)
    assert table.tactic_help() == (rested.label, rested.tooltip)


def test_the_arrows_stop_on_a_greyed_out_tactic_and_the_strip_says_why(make_app) -> None:  # type: ignore[no-untyped-def]
    """The arrows skipped the tactics that cannot be used now, so a keyboard player never
    learnt why ("Not available now: From round 2." showed only under the pointer, two
    window playtests). They stop on every tactic; on a greyed-out one the help strip says
    why, and Enter does nothing."""
    app = make_app(seed=7)
    new_game(app)
    seat_players(app)
    table = table_of(app)
    skip_to_turn(app, table, then=lambda: seat_players(app))  # the first round
    table.open_tactics()
    buttons = table.actions.tactics[table.seat or ""]
    greyed = [b for b in buttons if not b.enabled]
    assert greyed and any(b.enabled for b in buttons)
    reached = set()
    for _ in range(len(buttons) + 1):
        press(app, pygame.K_DOWN)
        reached.add(id(table.ring.focused))
    assert {id(b) for b in greyed} <= reached
    table.ring.focus(greyed[0])
    name, help_text = table.tactic_help() or ("", "")
    assert name == greyed[0].label and "Not available now: " in help_text
    moves = len(table.session.game.moves)
    press(app, pygame.K_RETURN)
    assert len(table.session.game.moves) == moves and table.tactics_open
