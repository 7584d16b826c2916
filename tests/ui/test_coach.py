"""The guided first game: on the tutorial, the coach points at each part of the table as
it comes to matter, in order, with its text beside the part and never over it; any key
goes on, Esc ends it, and it is remembered as shown."""

from __future__ import annotations

import pygame
import pytest

from game.moves import Move
from game.ui import flow
from game.ui.coach import STEPS, coach_file, coached_before
from game.ui.navigation import Setup
from tests.ui.conftest import click, press

TUTORIAL = flow.SCENARIOS / "tutorial.yaml"


def to_table(app, coach: bool | None = None):  # type: ignore[no-untyped-def]
    """From the mode screen of the tutorial (the coach as it is offered, or as *coach*
    says) through the brief to the table; returns the mode screen."""
    scenario, _ = flow.load(TUTORIAL)
    assert scenario is not None
    flow.start(app)
    mode = app.push(Setup(scenario))
    app.step(0.016)
    mode.side.index = 1
    if coach is not None:
        mode.coach.index = 0 if coach else 1
    mode._begin()
    while app.top.name == "briefing":
        press(app, pygame.K_RETURN)
    return mode


def run_until_coach(app, limit: int = 3000) -> None:  # type: ignore[no-untyped-def]
    """Frames until the coach shows; the player waits whenever it is their turn."""
    for _ in range(limit):
        top = app.top
        if top.name == "coach":
            return
        assert top.name == "table", top.name
        if top.session.game.finished:
            raise AssertionError(f"the game ended before the coach came "
                                 f"({top.coach and top.coach.current})")
        # The player reads what comes (an event's banner, then the card) before moving.
        if top.my_turn and top.banner is None and not top.card_waiting and \
                (top.coach is None or top.coach.due(top) is None):
            top.play(Move.wait())
        app.step(0.05)
    raise AssertionError("the coach did not come")


def check_step(app, name: str) -> None:  # type: ignore[no-untyped-def]
    coach = app.top
    window = app.window.get_rect()
    target, box = coach.target, coach.box
    assert target.w > 0 and target.h > 0, f"{name}: points at nothing"
    assert window.contains(target), f"{name}: {target} is off the window"
    assert window.contains(box), f"{name}: the text {box} leaves the window"
    assert not box.colliderect(target), f"{name}: the text {box} covers the part {target}"
    assert box.bottom <= window.bottom - coach.hint_height(), f"{name}: over the help line"
    assert coach.texts(), f"{name}: says nothing"


@pytest.mark.parametrize("size,scale", [((1280, 720), 1.0), ((1024, 600), 1.5),
                                        ((1920, 1080), 1.0)])
def test_the_coach_points_at_each_part_in_order(make_app, size, scale) -> None:  # type: ignore[no-untyped-def]
    app = make_app(size=size)
    app.prefs.text_scale = scale
    app.restyle()
    assert not coached_before()
    mode = to_table(app)
    assert mode.coach.value is True  # on at first for the tutorial
    table = next(s for s in app.stack if s.name == "table")
    seen: list[str] = []
    while len(seen) < len(STEPS):
        run_until_coach(app)
        screen = app.top
        step = screen.step
        # The right moment: the player's turn, and for the card, a card up.
        assert table.my_turn
        if step.part == "card":
            assert table.card is not None and screen.target == table.card.box
        expected = {"objective": table.goal_rect, "agenda": table.agenda.rect,
                    "meters": table.meters_rect, "moves": table.moves_rect,
                    "tactics": table.tactics_button.rect, "brief": table.brief_button.rect}
        if step.part in expected:
            assert screen.target == expected[step.part]
        check_step(app, f"{step.part} at {size}")
        assert coached_before()  # remembered as soon as it shows
        seen.append(step.part)
        # Any key goes on, and does nothing else at the table.
        before = table.agenda.package()
        press(app, pygame.K_RIGHT)
        assert table.agenda.package() == before
    assert seen == [s.part for s in STEPS]
    assert app.top is table
    for _ in range(200):  # no more steps
        app.step(0.05)
        assert app.top.name != "coach"


def test_a_click_goes_on_and_esc_ends_the_coaching(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    to_table(app)
    run_until_coach(app)
    first = app.top.step
    click(app, (5, 5))
    assert app.top.name == "coach" and app.top.step is not first
    press(app, pygame.K_ESCAPE)
    table = app.top
    assert table.name == "table" and table.coach.ended
    for _ in range(600):
        assert app.top.name != "coach"
        if table.session.game.finished:
            break
        if table.my_turn:
            table.play(Move.wait())
        app.step(0.05)


def test_the_coach_is_offered_again_only_on_request(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    to_table(app)
    run_until_coach(app)
    press(app, pygame.K_ESCAPE)
    assert coached_before()
    # The next tutorial: off at first, and on when asked for.
    mode = to_table(app)
    assert mode.coach.value is False
    table = next(s for s in app.stack if s.name == "table")
    assert table.coach is None
    to_table(app, coach=True)
    run_until_coach(app)
    assert app.top.step is STEPS[0]


def test_a_damaged_coach_file_counts_as_not_shown(make_app) -> None:  # type: ignore[no-untyped-def]
    make_app()
    path = coach_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff{not json")
    assert not coached_before()
    path.write_text("[1, 2]", encoding="utf-8")
    assert not coached_before()


def test_other_modes_have_no_coach(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    scenario, _ = flow.load(TUTORIAL)
    flow.start(app)
    mode = app.push(Setup(scenario))
    app.step(0.016)
    assert mode.coach.visible
    press(app, pygame.K_UP)  # Begin -> the last row
    mode.ring.focus(mode.mode)
    press(app, pygame.K_RIGHT)  # two teams, one screen
    assert not mode.coach.visible
