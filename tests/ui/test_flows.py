"""Whole games through the UI, driven only by posted keyboard and mouse events."""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pytest

from game.analysis import from_ids

from game.ui import flow
from game.ui.app import App
from game.ui.table import TableScreen
from game.play.session import DEMO, HOTSEAT, VS_COMPUTER

from .conftest import click, pick_side, press, type_text

MAX_FRAMES = 6000


def human_turn(app: App) -> None:
    """A simple player who uses number keys only: accept a proposal worth more than the
    fallback, otherwise propose (or pass when proposing is not allowed)."""
    actions = app.top.actions
    game = app.top.session.game
    side = game.to_move or ""
    standing = game.state.standing
    package = from_ids(game.scenario, standing) if standing is not None else None
    if actions.accept.enabled and package is not None and \
            game.space.utility_of(side, package) > game.fallback(side) and \
            not game.space.red_lines_crossed(side, package):
        press(app, pygame.K_2)
    elif actions.propose.enabled:
        press(app, pygame.K_1)
    else:
        press(app, pygame.K_4)


def shown_until(app: App, table, done: Callable[[], bool], frames: int = 200) -> None:  # type: ignore[no-untyped-def]
    """Let the table show its turns (Space skips one being shown) until *done* holds."""
    for _ in range(frames):
        if done():
            return
        press(app, pygame.K_SPACE) if table.pending else app.step(0.05)
    raise AssertionError(f"never happened; on top: {app.top.name}")


def hotseat_turn(app: App):  # type: ignore[no-untyped-def]
    """A new game for two teams at one screen, to the first team's turn at the table:
    the session and the table."""
    from tools.screenshots import new_game, seat_players

    session = new_game(app, mode=HOTSEAT)
    seat_players(app)
    table = app.top
    assert table.name == "table"
    shown_until(app, table, lambda: table.my_turn)
    return session, table


def play_to_debrief(app: App) -> None:
    for _ in range(MAX_FRAMES):
        top = app.top
        assert top is not None and app.running
        if top.name == "debrief":
            return
        if top.name in ("briefing", "handover"):
            press(app, pygame.K_RETURN)
        elif top.name == "question":
            press(app, pygame.K_1)  # name the first issue as what matters most
        elif top.name == "outcome":
            press(app, pygame.K_RETURN)  # from the front page of the end to the debrief
        elif top.name == "table":
            if top.pending:
                press(app, pygame.K_SPACE)
            elif top.debrief_button.visible or top.pass_button.visible:
                press(app, pygame.K_RETURN)  # the debrief, or the screen passed on
            elif top.my_turn:
                human_turn(app)
            else:
                app.step(0.05)
        else:
            app.step(0.05)
    raise AssertionError(f"no debrief after {MAX_FRAMES} frames; on {app.top.name}")


def start_from_title(app: App) -> None:
    flow.start(app)
    assert app.top.name == "title"
    press(app, pygame.K_RETURN)
    assert app.top.name == "mode"


def seat_us(app: App) -> TableScreen:
    """From the title to the table as the United States against the computer."""
    start_from_title(app)
    pick_side(app, "us")
    press(app, pygame.K_RETURN)  # Begin
    press(app, pygame.K_RETURN)  # to the table
    assert isinstance(app.top, TableScreen)
    return app.top


@pytest.mark.parametrize("side", ["us", "ru"])
def test_against_the_computer_as_either_side(make_app, side: str) -> None:
    app = make_app()
    start_from_title(app)
    mode = app.top
    for _ in range(10):
        if app.top.ring.focused is mode.side:
            break
        press(app, pygame.K_UP)  # from Begin up to the side row
    assert app.top.ring.focused is mode.side
    while mode.side.value != side:
        press(app, pygame.K_RIGHT)
    for _ in range(10):
        if app.top.ring.focused is mode.begin:
            break
        press(app, pygame.K_DOWN)
    assert app.top.ring.focused is mode.begin
    press(app, pygame.K_RETURN)
    assert app.top.name == "briefing"
    play_to_debrief(app)
    session = app.top.session
    assert session.mode == VS_COMPUTER and session.humans == (side,)
    assert session.game.finished
    assert session.game.teams[session.scenario.other(side)] == "Computer"


def test_hotseat_with_team_names_and_handovers(make_app) -> None:
    app = make_app()
    start_from_title(app)
    mode = app.top
    for _ in range(10):
        if app.top.ring.focused is mode.mode:
            break
        press(app, pygame.K_UP)
    assert app.top.ring.focused is mode.mode
    press(app, pygame.K_RIGHT)
    assert mode.mode.value == HOTSEAT
    press(app, pygame.K_TAB)
    type_text(app, "Harbour")
    press(app, pygame.K_RETURN)
    type_text(app, "Lantern")
    press(app, pygame.K_RETURN)
    assert app.top.ring.focused is mode.begin
    press(app, pygame.K_RETURN)
    handovers = 0
    assert app.top.name == "handover"
    for _ in range(MAX_FRAMES):
        if app.top.name == "debrief":
            break
        if app.top.name == "handover":
            handovers += 1
        if app.top.name in ("briefing", "handover"):
            press(app, pygame.K_RETURN)
        else:
            play_to_debrief(app)
    session = app.top.session
    assert session.mode == HOTSEAT
    assert sorted(session.game.teams.values()) == ["Harbour", "Lantern"]
    # One hand-over before each brief and one before every turn after the first.
    assert handovers >= 3


def test_demo_reaches_the_debrief_and_the_mouse_opens_it(make_app) -> None:
    app = make_app()
    flow.start(app, demo=True)
    assert app.top.name == "table" and app.top.session.mode == DEMO
    for _ in range(MAX_FRAMES):
        table = app.top
        if table.name == "outcome":
            break
        if table.pending:
            press(app, pygame.K_SPACE)
        else:
            app.step(0.1)
    # The front page of the end, then a click on its button opens the debrief.
    assert app.top.name == "outcome"
    click(app, app.top.go.rect.center)
    assert app.top.name == "debrief"
    for page in range(6):
        press(app, pygame.K_1 + page)
        assert app.top.page == page


def test_keyboard_only_game(make_app) -> None:
    """Tab, arrows, Enter, letters and numbers: a whole game without the mouse."""
    app = make_app(size=(1024, 600))
    start_from_title(app)
    pick_side(app, "us")
    press(app, pygame.K_UP)  # the team name
    type_text(app, "Harbour")
    press(app, pygame.K_RETURN)  # Enter in a field moves on, to Begin
    press(app, pygame.K_RETURN)
    assert app.top.name == "briefing"
    press(app, pygame.K_PAGEDOWN)
    press(app, pygame.K_RETURN)
    table = app.top
    assert table.name == "table"
    session = table.session
    assert session.game.teams[session.humans[0]] == "Harbour"
    for _ in range(MAX_FRAMES):
        if table.my_turn:
            break
        press(app, pygame.K_SPACE) if table.pending else app.step(0.05)
    # Tab to the first issue, change it with the arrows, and propose with Enter on the
    # focused button.
    while table.ring.focused is not table.agenda.rows[0]:
        press(app, pygame.K_TAB)
    before = table.agenda.package()
    press(app, pygame.K_RIGHT)
    assert table.agenda.package() != before
    while table.ring.focused is not table.actions.propose:
        press(app, pygame.K_DOWN)
    moves = len(session.game.moves)
    press(app, pygame.K_RETURN)
    assert session.game.moves[moves][1].kind == "propose"
    # A tactic by its letter on the next turn.
    for _ in range(MAX_FRAMES):
        if table.my_turn:
            break
        press(app, pygame.K_SPACE) if table.pending else app.step(0.05)
    letter = next(b.hint for b in table.actions.tactics[session.humans[0]] if b.enabled)
    press(app, getattr(pygame, f"K_{letter.lower()}"))
    assert session.game.moves[-1][1].kind == "tactic"
    # A source is read with ] and the pause menu opens and closes with Esc.
    press(app, pygame.K_RIGHTBRACKET)
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "pause"
    press(app, pygame.K_ESCAPE)
    assert app.top is table
    play_to_debrief(app)
    press(app, pygame.K_RIGHT)
    assert app.top.page == 1
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "title"


def test_undo_from_the_pause_menu(make_app) -> None:
    app = make_app()
    flow.start(app)
    press(app, pygame.K_RETURN)
    pick_side(app, "us")
    press(app, pygame.K_RETURN)   # Begin, as the United States
    press(app, pygame.K_RETURN)   # to the table
    table = app.top
    for _ in range(MAX_FRAMES):
        if table.my_turn:
            break
        press(app, pygame.K_SPACE) if table.pending else app.step(0.05)
    press(app, pygame.K_4)  # pass
    for _ in range(MAX_FRAMES):
        if table.my_turn:
            break
        press(app, pygame.K_SPACE) if table.pending else app.step(0.05)
    made = len(table.session.game.moves)
    press(app, pygame.K_z, mod=pygame.KMOD_CTRL)
    assert len(table.session.game.moves) < made
    assert table.log.entries == table.session.visible_log()


def test_window_keys_resize_scale_and_screenshot(make_app, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PARLEY_SCREENSHOTS", str(tmp_path))
    app = make_app()
    flow.start(app)
    body = app.theme.fonts.px("body")
    press(app, pygame.K_EQUALS, mod=pygame.KMOD_CTRL)
    assert app.theme.fonts.px("body") > body
    press(app, pygame.K_MINUS, mod=pygame.KMOD_CTRL)
    assert app.theme.fonts.px("body") == body
    press(app, pygame.K_F12)
    assert list(tmp_path.glob("*.png"))
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(1600, 900), w=1600, h=900))
    app.step(0.016)
    assert app.size == (1600, 900)
    press(app, pygame.K_F11)
    assert app.fullscreen
    press(app, pygame.K_F11)
    assert not app.fullscreen


def test_a_broken_scenario_shows_its_problems(make_app, tmp_path) -> None:
    bad = tmp_path / "broken.yaml"
    bad.write_text("format: 1\nid: broken\ntitle: 3\n", encoding="utf-8")
    app = make_app()
    flow.start(app, str(bad))
    assert app.top.name == "problems"
    app.step(0.016)
    press(app, pygame.K_RETURN)
    assert app.top.name == "title"


def test_a_risky_proposal_needs_a_second_press(make_app) -> None:
    """Proposing a package across one's own red line warns first; a second press of the
    same key makes the move."""
    app = make_app()
    flow.start(app)
    press(app, pygame.K_RETURN)
    pick_side(app, "us")
    press(app, pygame.K_RETURN)   # Begin, as the United States
    press(app, pygame.K_RETURN)   # to the table
    table = app.top
    for _ in range(MAX_FRAMES):
        if table.my_turn and table.session.game.state.round >= 2:
            break
        if table.my_turn:
            press(app, pygame.K_4)
        press(app, pygame.K_SPACE) if table.pending else app.step(0.05)
    rows = {row.issue.id: row for row in table.agenda.rows}
    for issue, option in (("joint_action", "joint_execution"),
                          ("syria_coordination", "full_coordination")):
        row = rows[issue]
        while row.value != option:
            row.step(1)
    made = len(table.session.game.moves)
    press(app, pygame.K_1)
    assert len(table.session.game.moves) == made
    assert "again" in table.actions.propose.label
    press(app, pygame.K_1)
    assert table.session.game.moves[made][1].kind == "propose"


def until_asked(app: App) -> TableScreen:
    """The United States seated against the computer, passing (Space through the pacing)
    until the computer asks what matters most: the question is on top."""
    table = seat_us(app)
    for _ in range(MAX_FRAMES):
        if app.top.name == "question":
            break
        if table.pending:
            press(app, pygame.K_SPACE)
        elif table.my_turn:
            press(app, pygame.K_4)  # pass, and wait for the computer to ask
        else:
            app.step(0.05)
    assert app.top.name == "question", "the computer never asked"
    return table


def test_a_key_pressed_to_skip_the_pacing_never_answers_the_question(make_app) -> None:  # type: ignore[no-untyped-def]
    """Space and Enter skip the computer's pacing; the question of what matters most may
    come up in the middle of it. A playtester pressed Space twice and found an issue named
    for it. Space never answers; Enter does only once the question has settled on screen."""
    app = make_app(seed=1)  # a game in which the computer asks in the second round
    table = until_asked(app)
    session = table.session
    moves = len(session.game.moves)
    for key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_SPACE, pygame.K_KP_ENTER):
        press(app, key)
        assert app.top.name == "question" and len(session.game.moves) == moves
    for _ in range(60):
        app.step(0.016)
    press(app, pygame.K_SPACE)
    assert app.top.name == "question" and len(session.game.moves) == moves
    press(app, pygame.K_RETURN)  # on the first issue, in focus
    assert app.top is table and session.game.moves[-1][1].kind == "answer"


def test_asked_what_matters_most_the_player_answers_by_keyboard(make_app) -> None:  # type: ignore[no-untyped-def]
    """The computer asks; the question comes over the table; Esc does not dodge it; D
    deflects, and the player's turn goes on."""
    app = make_app(seed=1)  # a game in which the computer asks in the second round
    table = until_asked(app)
    session = table.session
    assert session.game.state.asked == session.humans[0]
    # The keys it offers are the issues there are (it said "1-9" over six, a playtest).
    assert app.top.hint.startswith(f"1-{len(session.scenario.issues)}: name an issue   D:")
    press(app, pygame.K_ESCAPE)
    assert app.top.name == "question" and "Answer first" in (app.toast_text or "")
    turn = session.game.state.turn
    press(app, pygame.K_d)
    assert app.top is table and session.game.state.asked is None
    assert session.game.moves[-1][1].reply == "deflect"
    assert session.game.state.turn == turn and session.game.to_move == session.humans[0]


def test_no_side_is_chosen_for_the_player(make_app) -> None:  # type: ignore[no-untyped-def]
    """Both sides are offered alike and none is chosen: Begin first asks for one."""
    app = make_app()
    start_from_title(app)
    mode = app.top
    assert mode.side.value is None
    assert mode.side.values[0][1] == "Press Left or Right"
    assert [v for v, _ in mode.side.values][1:] == list(mode.scenario.side_ids)
    # The focus starts where the first choice is to be made: the side.
    assert mode.ring.focused is mode.side
    press(app, pygame.K_RETURN)  # Enter begins, with no side chosen
    assert app.top is mode and mode.ring.focused is mode.side
    assert "Choose your side first" in (app.toast_text or "")
    press(app, pygame.K_RIGHT)
    assert mode.side.value == mode.scenario.side_ids[0]


def test_in_hot_seat_the_team_that_just_moved_takes_its_move_back_at_the_hand_over(make_app) -> None:  # type: ignore[no-untyped-def]
    from tools.screenshots import new_game, seat_players, skip_all

    app = make_app()
    session = new_game(app, mode=HOTSEAT)
    seat_players(app)
    table = app.top
    assert table.name == "table"
    first = session.game.to_move
    skip_all(app)
    moves = len(session.game.moves)
    press(app, pygame.K_4)  # the first team passes
    shown_until(app, table, lambda: table.pass_button.visible)
    # The team that moved stays seated and reads what its move did, then passes the
    # screen itself; it may still take the move back here (Ctrl+Z).
    assert app.top is table and table.seat == first and table.passing
    assert table.shown == len(session.visible_log())
    assert table.ring.focused is table.pass_button and not table.my_turn
    press(app, pygame.K_z, pygame.KMOD_CTRL)
    assert len(session.game.moves) == moves and table.my_turn
    assert not table.pass_button.visible
    press(app, pygame.K_4)
    shown_until(app, table, lambda: table.pass_button.visible)
    press(app, pygame.K_RETURN)
    handover = app.top
    assert handover.name == "handover" and handover.take_back.visible
    assert handover.previous == first and table.seat is None
    press(app, pygame.K_u)
    assert app.top is table and len(session.game.moves) == moves
    assert session.game.to_move == first and table.seat == first
    assert "Took back 1 move" in (app.toast_text or "")
    # The team now at the keyboard can never take back the other team's move.
    press(app, pygame.K_4)
    shown_until(app, table, lambda: table.pass_button.visible)
    table.pass_button.activate()
    app.top.ready.activate()
    app.step(0.02)
    assert app.top is table and session.undo_blocked(table.seat) is not None


def until_my_turn(app: App, table: TableScreen) -> None:
    """Space through the computer's pacing until the player at *table* may move."""
    for _ in range(MAX_FRAMES):
        if table.my_turn and not table.pending:
            return
        if table.pending:
            press(app, pygame.K_SPACE)
        else:
            app.step(0.05)


def test_saying_what_matters_most_the_player_picks_the_issue_or_calls_it_off(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(seed=3)
    table = seat_us(app)
    session = table.session
    until_my_turn(app, table)
    button = next(b for b in table.actions.tactics["us"] if b.label.startswith("Say what"))
    assert button.action is not None
    button.action()
    assert app.top.name == "question"
    press(app, pygame.K_ESCAPE)  # called off: back at the table, nothing said
    assert app.top is table and not session.game.state.revealed["us"]
    button.action()
    press(app, pygame.K_6)  # the sixth issue: start date
    assert app.top is table and session.game.state.revealed["us"] == ("start_date",)
    # The next time, every issue keeps its number: start date is shown as named and its
    # key names nothing new (a playtest found the list renumbered without it).
    until_my_turn(app, table)
    button = next(b for b in table.actions.tactics["us"] if b.label.startswith("Say what"))
    button.action()
    screen = app.top
    assert screen.name == "question" and len(screen.buttons) == len(session.scenario.issues)
    assert not screen.buttons[5].enabled and "named already" in screen.buttons[5].label
    press(app, pygame.K_6)
    assert app.top is screen and "named already" in (app.toast_text or "")
    press(app, pygame.K_2)  # the Syrian government's role
    assert session.game.state.revealed["us"] == ("start_date", "syria_coordination")
    titles = [e.title for e in session.game.log if e.kind == "reply" and e.speaker == "us"]
    assert titles == ["What matters most", "What matters second most"]


def test_at_one_screen_the_header_names_whose_move_and_the_end_shows_no_private_view(
        make_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Two teams at one screen: the header names the side and team to move; a new team
    sits down with the focus on the agenda, not on the other team's last button; at the
    end neither team's private view stays up."""
    from game.moves import Move
    from tests.ui.conftest import header_lines

    said = header_lines(monkeypatch, "status")
    app = make_app()
    session, table = hotseat_turn(app)
    to = session.game.to_move
    mover = session.scenario.sides[to]
    app.draw(app.window)
    assert said and said[-1].startswith(f"{mover.whose_first} move ({session.team(to)})")
    table.ring.focus(table.tactics_button)  # where a team that used a tactic leaves it
    table.play(Move.wait())
    shown_until(app, table, lambda: table.pass_button.visible)
    table.pass_button.activate()
    app.top.ready.activate()
    assert app.top is table and table.my_turn
    assert table.ring.focused is table.agenda.rows[0] and not table.tactics_open
    # To the end: no side's brief or own view is left up for both teams.
    play_to_debrief(app)
    assert table.seat is None and not table.brief_button.visible


def test_keys_after_the_tactics_list_go_where_the_hint_says(make_app) -> None:  # type: ignore[no-untyped-def]
    """After a tactic is used the focus leaves the Tactics button (a later Enter must not
    open the list again); a list closed after the team's move at one screen leaves Enter
    to pass the screen, as the hint says; a new card brings up no focused control's
    tooltip over it."""
    app = make_app()
    session, table = hotseat_turn(app)
    table.open_tactics()
    usable = [b for b in table.actions.tactics[table.seat] if b.enabled]
    table.use_tactic(usable[0])
    assert table.ring.focused is not table.tactics_button and not table.tactics_open
    shown_until(app, table, lambda: table.pass_button.visible)
    assert table.passing
    press(app, pygame.K_t)
    assert table.tactics_open
    press(app, pygame.K_ESCAPE)
    assert not table.tactics_open and table.ring.focused is table.pass_button
    press(app, pygame.K_RETURN)
    assert app.top.name == "handover"
    app.top.ready.activate()
    if table.card is not None:
        assert not table.ring.keyboard  # the Enter just pressed brings no tooltip over it
    assert session.game.to_move == table.seat


def test_the_window_asks_for_another_name_than_the_computer_s(make_app) -> None:  # type: ignore[no-untyped-def]
    """'Computer' is the record's name for a side the computer plays: a team that types it
    is asked for another, as in the terminal and at a class's table."""
    app = make_app(size=(1024, 600))
    start_from_title(app)
    pick_side(app, "us")
    press(app, pygame.K_UP)  # the team name
    type_text(app, "computer")
    press(app, pygame.K_RETURN)  # on to Begin
    press(app, pygame.K_RETURN)
    assert app.top.name != "briefing"
    assert app.toast_text == "'Computer' is the computer's name: choose another team name."


def test_the_header_of_the_last_round_says_it_is_the_last(make_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # "Round 7 of 7 · 0 rounds after this" (a window playtest).
    from game.moves import Move
    from tests.ui.conftest import header_lines, seated_vs_computer, skip_to_turn

    app = make_app()
    table = seated_vs_computer(app)
    game = table.session.game
    skip_to_turn(app, table)
    while game.state.round < game.state.rounds:
        table.play(Move.wait())
        skip_to_turn(app, table)
    assert table.my_turn and not game.finished
    said = header_lines(monkeypatch)
    app.invalidate()
    app.step(0.02)
    assert any("the last round" in text for text in said), said
    assert not any("0 rounds after this" in text for text in said)


@pytest.mark.parametrize("how", ["enter", "click"])
def test_a_tactic_chosen_in_the_list_closes_the_list(make_app, how: str) -> None:  # type: ignore[no-untyped-def]
    # Chosen by Enter or a click on its button in the open list, a tactic acted at once and
    # the list stayed open over the table, the tactic still shown as unused and the event
    # banners that followed hidden under it (a window playtest).
    from tests.ui.conftest import click, seated_vs_computer, skip_to_turn

    app = make_app()
    table = seated_vs_computer(app)
    skip_to_turn(app, table)
    table.open_tactics()
    assert table.tactics_open
    button = next(b for b in table.actions.tactics[table.actions.side or ""] if b.enabled)
    moves = len(table.session.game.moves)
    if how == "enter":
        table.ring.focus(button)
        press(app, pygame.K_RETURN)
    else:
        app.step(0.02)
        click(app, button.rect.center)
    if app.top.name == "question":  # saying what matters most: the issue comes first
        press(app, pygame.K_RETURN)
    assert len(table.session.game.moves) == moves + 1 or app.top is not table
    assert not table.tactics_open


def test_no_move_button_stays_lit_once_the_players_move_is_made(make_app) -> None:  # type: ignore[no-untyped-def]
    # An event's banner after the player's move left the move buttons lit for seconds
    # (a window playtest at 1024x600): a key pressed then did nothing.
    from game.moves import Move
    from tests.ui.conftest import seated_vs_computer, skip_to_turn

    app = make_app((1024, 600), seed=2)
    table = seated_vs_computer(app)
    # The player passes until its move is followed by what still waits to be shown (in
    # this game, its second pass: an event's banner holds back what follows).
    for _ in range(6):
        skip_to_turn(app, table)
        assert table.actions.wait.enabled
        table.play(Move.wait())
        if table.pending:
            break
    assert table.pending and not table.my_turn
    buttons = [table.actions.propose, table.actions.accept, table.actions.reject,
               table.actions.wait, table.actions.walkout,
               table.agenda.copy, *table.actions.tactics[table.actions.side or ""]]
    assert not any(button.enabled for button in buttons)


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)])
def test_a_move_to_confirm_is_asked_above_the_moves_not_over_the_header(make_app, size) -> None:  # type: ignore[no-untyped-def]
    # The first press of Accept says what the deal is worth and asks for a second: that
    # message covered the header's round and the delegations (a playtester at 1024x600).
    app = make_app(size=size, seed=1)
    table = seat_us(app)
    for _ in range(MAX_FRAMES):
        if table.my_turn and table.session.game.state.standing is not None:
            break
        if table.my_turn:
            press(app, pygame.K_4)
        press(app, pygame.K_SPACE) if table.pending else app.step(0.05)
    assert table.my_turn and table.session.game.state.standing is not None
    moves = len(table.session.game.moves)
    press(app, pygame.K_2)
    assert len(table.session.game.moves) == moves and app.toast_text
    app.invalidate()
    app.step(0.016)
    toast = app.toast_rect
    assert toast is not None
    header = table.centre.union(table.cards[0]).union(table.cards[1])
    assert not toast.colliderect(header), (toast, header)
    assert toast.bottom <= table.moves_rect.y and app.window.get_rect().contains(toast)
    # Nor over the package's worth and its note, or the card of the proposal accepted (a
    # window playtest): within the agenda's column.
    assert not toast.colliderect(table.agenda.worth_rect), (toast, table.agenda.worth_rect)
    assert not toast.colliderect(table.log_rect.union(table.quote_rect))
    assert table.agenda.rect.contains(toast), (toast, table.agenda.rect)


def test_the_header_says_the_record_is_being_read_out(make_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # While the log reads out an event and its effects, an entry at a time, the moves are
    # greyed and nothing moves for a few seconds: the header says why (a window playtest
    # took the screen for stalled).
    from game.moves import Move
    from tests.ui.conftest import header_lines, seated_vs_computer, skip_to_turn

    app = make_app()
    table = seated_vs_computer(app)
    skip_to_turn(app, table)
    said = header_lines(monkeypatch)
    table.play(Move.wait())
    for _ in range(400):  # until the computer has moved and its entries wait their turn
        if table.pending:
            break
        table.think = 0
        app.step(0.02)
    assert table.pending
    said.clear()
    app.invalidate()
    app.step(0.02)
    # On the button that stands in the header's last line while the record is read out
    # (a status line under it showed only the tops of its letters, a window playtest).
    assert table.skip_button.visible and \
        table.skip_button.label.startswith("Reading out what happened")
    assert not any(text.startswith("Reading out") for text in said), said
    skip_to_turn(app, table)
    said.clear()
    app.invalidate()
    app.step(0.02)
    assert not any(text.startswith("Reading out") for text in said)


def test_saying_ones_red_lines_in_the_window_leaves_the_move(make_app) -> None:  # type: ignore[no-untyped-def]
    from game.play.wording import tactic_help

    app = make_app(seed=3)
    table = seat_us(app)
    session = table.session
    until_my_turn(app, table)
    red = next(t for t in session.scenario.tactics if t.kind == "red_line")
    button = next(b for b in table.actions.tactics["us"]
                  if b.label == f"{red.name}, and still move")
    assert button.enabled and button.tooltip == tactic_help(red)
    assert button.action is not None
    turn = session.game.state.turn
    button.action()
    app.step(0.05)
    said = [e for e in session.game.log if e.kind == "move" and e.ref == red.id]
    assert len(said) == 1 and all(r.text in said[0].body
                                  for r in session.scenario.sides["us"].red_lines)
    # Still the player's turn, and the button is spent (once a game).
    assert table.my_turn and session.game.state.turn == turn
    assert not next(b for b in table.actions.tactics["us"]
                    if b.label == f"{red.name}, and still move").enabled


def test_no_tooltip_of_the_table_shows_behind_a_dialog_over_it(make_app) -> None:  # type: ignore[no-untyped-def]
    # A window playtest saw a tooltip of the table behind the priority dialog: only the
    # screen on top draws its tooltip.
    from game.ui.navigation import Question

    app = make_app(seed=3)
    table = seat_us(app)
    until_my_turn(app, table)
    drawn: list[object] = []
    original = table.ring.draw_tooltip

    def counted(*args: object, **kwargs: object) -> None:
        drawn.append(args)
        original(*args, **kwargs)  # type: ignore[arg-type]

    table.ring.draw_tooltip = counted  # type: ignore[method-assign]
    surface = pygame.Surface(app.size)
    app.draw(surface)
    assert drawn, "the table on top draws its tooltip"
    drawn.clear()
    question = app.push(Question(table, "us"))
    app.draw(surface)
    assert not drawn and app.top is question
