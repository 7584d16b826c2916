"""The end of the talks as a full-screen moment: the front page comes up after the last
move has been shown and before the debrief, for a deal, for no deal and for a walk-out;
Enter, Space or a click goes on to the debrief, Esc goes back to the table."""

from __future__ import annotations

import pygame
import pytest

from game.play.headline import front_page
from game.ui.outcome_screen import OutcomeScreen
from game.ui.table import TableScreen
from game.ui.table_panels import DEBRIEF_WAITING
from tools.screenshots import (accepting, ended, new_game, passing, seat_players,
                               walking_out)

from .conftest import click, press


def play_in_the_window(app, player) -> list[str]:  # type: ignore[no-untyped-def]
    """A game at the table, the player's moves chosen by *player*, shown at the normal
    pace; the names of the screens on top, frame by frame, until the debrief."""
    session = new_game(app)
    seat_players(app)
    table = app.top
    assert isinstance(table, TableScreen)
    tops: list[str] = []
    for _ in range(20_000):
        top = app.top
        tops.append(top.name)
        if top.name == "debrief":
            return tops
        if top.name == "outcome":
            # It comes only once the game is over and the table has shown all of it.
            assert session.game.finished and not table.pending
            assert app.stack[-2] is table
            press(app, pygame.K_RETURN)
        elif table.my_turn:
            table.play(player(session))
        else:
            app.step(0.1)
    raise AssertionError(f"no debrief; on {app.top.name}")


@pytest.mark.parametrize("player,ending", [(accepting, "deal"), (passing, "no_deal")])
def test_the_front_page_comes_after_the_last_move_and_before_the_debrief(
        make_app, player, ending) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    tops = play_in_the_window(app, player)
    first = tops.index("outcome")
    assert "debrief" not in tops[:first]
    assert set(tops[:first]) <= {"table", "question"}
    assert tops[-1] == "debrief"
    assert front_page(app.top.session.scenario, app.top.session.game.state).ending == ending


@pytest.mark.parametrize("player,ending", [(accepting, "deal"), (passing, "no_deal"),
                                           (walking_out, "walkout")])
def test_the_page_says_the_outcome(make_app, player, ending) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    screen = ended(app, player)
    page = screen.page
    state = screen.session.game.state
    assert page == front_page(screen.session.scenario, state, screen.session.visible_log())
    assert page.ending == ending
    if ending == "deal":
        assert len(page.terms) == len(screen.session.scenario.issues)
    assert not app.crashes


@pytest.mark.parametrize("key", [pygame.K_RETURN, pygame.K_SPACE, pygame.K_KP_ENTER])
def test_a_key_goes_on_to_the_debrief(make_app, key: int) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    screen = ended(app, accepting)
    press(app, key)
    assert app.top.name == "debrief" and app.top.session is screen.session
    # The debrief took the table's place: leaving it goes to the title.
    assert [s.name for s in app.stack] == ["title", "debrief"]


def test_a_click_anywhere_goes_on_to_the_debrief(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    ended(app, passing)
    click(app, (app.size[0] // 3, app.size[1] // 3))
    assert app.top.name == "debrief"
    again = ended(app, passing)
    click(app, again.go.rect.center)
    assert app.top.name == "debrief"


def test_escape_goes_back_to_the_table_and_the_page_is_not_shown_again(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    ended(app, walking_out)
    press(app, pygame.K_ESCAPE)
    table = app.top
    assert isinstance(table, TableScreen) and table.debrief_button.visible
    for _ in range(5):
        app.step(0.05)
    assert app.top is table
    press(app, pygame.K_RETURN)   # the focus is on "See the debrief"
    assert app.top.name == "debrief"


def test_the_picture_shows_each_delegation_as_the_talks_ended(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    screen = ended(app, walking_out)
    scenario = screen.session.scenario
    walker = screen.page.walked
    assert walker is not None
    faces = dict(zip(scenario.side_ids, screen.faces))
    assert faces[walker] == "firm" and faces[scenario.other(walker)] == "angry"
    assert isinstance(app.top, OutcomeScreen)
    box = screen.picture
    assert box.w > 100 and box.h > 50 and screen.paper.contains(box)



@pytest.mark.parametrize("high", [False, True], ids=["normal", "high contrast"])
def test_the_page_inks_meet_wcag_aa(high: bool) -> None:
    from game.ui.outcome_screen import PAPER

    from .test_contrast import ratio
    paper, *inks = (pygame.Color(c) for c in PAPER[high])
    assert all(ratio(ink, paper) >= 4.5 for ink in inks), [ratio(i, paper) for i in inks]


def test_the_front_page_of_a_class_s_table_reads_only_what_the_seat_has(make_app) -> None:  # type: ignore[no-untyped-def]
    # A class's table keeps the seat's record and the public state, not a local game: the
    # front page must come up from those alone (it stopped a networked window on an error).
    from types import SimpleNamespace

    from game.net.client import RemoteGame

    app = make_app()
    screen = ended(app, accepting)
    local = screen.session
    remote = RemoteGame(local.scenario, "us", local.settings)
    remote.log = [e for e in local.game.visible_log("us")]
    remote.state = local.game.state
    seat = SimpleNamespace(game=remote, scenario=local.scenario,
                           visible_log=lambda: list(remote.log),
                           whole_game=None, whole_game_lost=False)
    front = OutcomeScreen(app, SimpleNamespace(session=seat))  # type: ignore[arg-type]
    front.layout((1280, 720))
    front.draw(pygame.Surface((1280, 720)))
    assert front.faces == screen.faces
    # The debrief waits for the whole game, which the server sends after the end.
    assert not front.go.enabled and front.go.label == DEBRIEF_WAITING
