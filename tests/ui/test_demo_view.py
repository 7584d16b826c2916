"""The demo as a projector view: no control nobody may use, large text, and both
computers' reasoning on screen."""

from __future__ import annotations

import pygame
import pytest

from game.ui import flow, text
from game.ui.demo_view import DEMO_TEXT_SCALE
from game.ui.navigation import Title
from tests.ui.conftest import press


def demo_until_both_reasoned(app):  # type: ignore[no-untyped-def]
    flow.start(app, demo=True)
    table = app.top
    assert table.name == "table" and table.demo
    for _ in range(4000):
        if len(table.demo_reasons()) == 2:
            return table
        app.step(0.05)
    raise AssertionError("both computers never gave a reason")


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)])
def test_the_demo_shows_no_dead_control_and_both_sides_reasons(make_app, size) -> None:  # type: ignore[no-untyped-def]
    app = make_app(size=size, seed=5)
    text.OVERFLOWS.clear()
    table = demo_until_both_reasoned(app)
    # Every control that shows can act; nothing takes the focus that cannot.
    shown = [w for w in table.ring.widgets if w.visible]
    for widget in shown:
        if table.ring._usable(widget):
            assert widget.enabled, f"a dead control shows: {widget.texts()[:1]}"
    assert not any(w.visible for w in [*table.actions.moves, table.tactics_button,
                                        table.undo_button, table.redo_button,
                                        table.agenda.copy])
    assert all(not table.ring._usable(row) for row in table.agenda.rows)
    focused = table.ring.focused
    assert focused is None or focused.enabled
    # The help line names only keys that do something.
    hint = table.key_hint()
    assert "1-5" not in hint and "tactics" not in hint.lower()
    press(app, pygame.K_t)
    assert not table.tactics_open
    # Both sides' latest reasoning, as the record has it.
    shown_log = table.session.visible_log()[:table.shown]
    for reason in table.demo_reasons():
        last = [e for e in shown_log if e.kind == "reason" and e.speaker == reason.side][-1]
        assert reason.text == last.body and reason.round == last.round
    assert {r.side for r in table.demo_reasons()} == set(table.session.game.sides)
    # Drawn in full in its panel, on screen, at the demo's large text size.
    app.invalidate()
    app.step(0.016)
    assert app.theme.text_scale >= DEMO_TEXT_SCALE
    assert app.window.get_rect().contains(table.panels()["reasons"])
    assert not [o for o in text.OVERFLOWS if o[0].startswith("demo")], text.OVERFLOWS


def test_the_players_text_size_comes_back_after_the_demo(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(seed=5)
    assert app.prefs.text_scale == 1.0
    flow.start(app, demo=True)
    assert app.theme.text_scale == DEMO_TEXT_SCALE
    app.prefs.text_scale = 1.5  # a larger size of the player's own is kept
    app.restyle()
    assert app.theme.text_scale == 1.5
    app.prefs.text_scale = 1.0
    app.reset(Title())
    assert app.theme.text_scale == 1.0


def test_a_game_with_players_keeps_its_controls(make_app) -> None:  # type: ignore[no-untyped-def]
    from game.play.session import VS_COMPUTER
    app = make_app()
    scenario, _ = flow.load(flow.default_scenario_path())
    flow.start(app)
    flow.begin_game(app, scenario, VS_COMPUTER, human_side="us")
    table = next(s for s in app.stack if s.name == "table")
    assert not table.demo and app.theme.text_scale == 1.0
    assert all(b.visible for b in table.actions.moves) and table.tactics_button.visible
    assert "moves" in table.panels() and "objective" in table.panels()
