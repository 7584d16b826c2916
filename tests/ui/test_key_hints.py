"""Every help line says what its keys do with the control in focus, and a locked setting
looks locked."""

from __future__ import annotations

import pygame

from game.settings import Settings
from game.ui import flow
from game.ui.navigation import Setup
from game.ui.widgets import Choice
from tests.ui.conftest import press


def test_enter_on_a_row_of_the_mode_screen_begins_and_changes_nothing(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    flow.start(app)
    scenario, _ = flow.load(flow.SCENARIOS / "tutorial.yaml")
    assert scenario is not None
    mode = app.push(Setup(scenario))
    app.step(0.016)
    # No side is chosen yet: the focus starts on the side's row.
    assert mode.ring.focused is mode.side and "Enter: begin" in mode.key_hint()
    # Each row in turn: the help line says Enter begins, and Enter does not turn the value.
    mode.ring.focus(mode.mode)
    assert "Enter: begin" in mode.key_hint() and "Left/Right: change" in mode.key_hint()
    press(app, pygame.K_RETURN)
    assert mode.mode.index == 0 and app.top is mode  # no side chosen yet: asked for one
    assert app.toast_text is not None and "Choose your side first" in app.toast_text
    assert mode.ring.focused is mode.side
    press(app, pygame.K_RIGHT)
    chosen = mode.side.value
    assert chosen is not None
    mode.ring.focus(mode.difficulty)
    level = mode.difficulty.index
    assert "Enter: begin" in mode.key_hint()
    press(app, pygame.K_RETURN)
    assert mode.difficulty.index == level
    assert app.top.name == "briefing"
    assert tuple(app.top.session.humans) == (chosen,)


def test_the_mode_screens_help_line_follows_the_focus(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    flow.start(app)
    scenario, _ = flow.load(flow.SCENARIOS / "tutorial.yaml")
    mode = app.push(Setup(scenario))
    mode.ring.focus(mode.team)
    assert "Enter: next" in mode.key_hint() and "begin" not in mode.key_hint()
    press(app, pygame.K_RETURN)
    assert mode.ring.focused is not mode.team  # Enter moved on, as said
    mode.ring.focus(mode.back_button)
    assert mode.key_hint().startswith("Enter: back")
    press(app, pygame.K_RETURN)
    assert app.top.name == "title"


def test_the_settings_screens_help_line_says_what_enter_does_there(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    flow.start(app)
    app.top._settings()
    screen = app.top
    assert screen.name == "settings"
    screen.ring.focus(screen.difficulty)
    assert "Left/Right or Enter: change" in screen.key_hint()
    before = screen.difficulty.index
    press(app, pygame.K_RETURN)
    assert screen.difficulty.index == (before + 1) % len(screen.difficulty.values)
    toggle = screen.offered[0]
    screen.ring.focus(toggle)
    assert "Enter or Space: tick" in screen.key_hint()
    was = toggle.on
    press(app, pygame.K_RETURN)
    assert toggle.on is not was or app.toast_text  # ticked, or kept as the last one offered
    screen.ring.focus(screen.export)
    assert screen.key_hint().startswith("Enter: save as a file")
    screen.ring.focus(screen.done)
    assert screen.key_hint().startswith("Enter: done")
    # The help line drawn is the one for the control in focus.
    app.step(0.3)
    press(app, pygame.K_RETURN)
    assert app.top.name == "title"


def _arrow_pixels(surface: pygame.Surface, choice: Choice, colour: pygame.Color) -> int:
    """How many pixels of *colour* the arrows' part of *choice* holds."""
    x0 = choice.rect.x + int(choice.rect.w * 0.45)
    return sum(1 for x in range(x0, choice.rect.right) for y in range(choice.rect.y,
                                                                      choice.rect.bottom)
               if surface.get_at((x, y))[:3] == colour[:3])


def test_a_locked_settings_arrows_are_dimmed(make_app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.settings_screen import SettingsScreen
    app = make_app()
    flow.start(app)
    app.settings = Settings(locked=True)
    screen = app.push(SettingsScreen(app))
    app.step(0.016)
    accent, dim = app.theme.c["accent"], app.theme.c["disabled"]
    assert not screen.rounds.enabled and screen.text.enabled
    surface = app.window
    screen.draw(surface)
    # The locked row's arrows are in the dimmed colour, none in the bright one; the open
    # row (text size) keeps bright arrows.
    assert _arrow_pixels(surface, screen.rounds, accent) == 0
    assert _arrow_pixels(surface, screen.rounds, dim) > 0
    assert _arrow_pixels(surface, screen.text, accent) > 0
    # And a locked row cannot be reached or changed.
    screen.ring.focus(screen.rounds)
    press(app, pygame.K_RIGHT)
    assert screen.rounds.index == 0 or app.settings.rounds is None


def test_the_tables_help_line_follows_the_game(make_app) -> None:  # type: ignore[no-untyped-def]
    from game.moves import Move
    from game.play.session import VS_COMPUTER
    app = make_app()
    scenario, _ = flow.load(flow.SCENARIOS / "tutorial.yaml")
    flow.start(app)
    flow.begin_game(app, scenario, VS_COMPUTER, human_side="us")
    while app.top.name != "table":
        press(app, pygame.K_RETURN)
    table = app.top
    seen = set()
    for _ in range(4000):
        hint = table.key_hint()
        if table.pending:
            assert hint.startswith("Space: skip ahead")
            seen.add("pending")
        elif table.my_turn:
            assert "1-5: moves" in hint
            seen.add("turn")
            table.play(Move.wait())
        if table.debrief_button.visible:
            break
        app.step(0.05)
    assert seen == {"pending", "turn"}
    assert table.key_hint().startswith("Enter: see the debrief")
    # With the focus moved to the brief's button, Enter opens the brief: the line says so
    # (it promised the debrief, a window playtest), and says it again back on the button.
    table.ring.focus(table.brief_button)
    assert table.key_hint().startswith("Enter: choose")
    table.ring.focus(table.debrief_button)
    assert table.key_hint().startswith("Enter: see the debrief")
    press(app, pygame.K_RETURN)
    assert app.top.name == "debrief"
