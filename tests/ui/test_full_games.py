"""Whole games as a new student plays them: one with the mouse only and one with the
keyboard only, from the title to the debrief, through real input events; and what those
games showed a student could misread."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.moves import Move
from game.ui import flow
from game.ui.widgets import Widget, tip_places
from tests.ui.conftest import click, press, seated_vs_computer


def widget(app, label: str) -> Widget:  # type: ignore[no-untyped-def]
    """The visible control of the screen on top whose first text starts with *label*."""
    for w in app.top.ring.widgets:
        if w.visible and w.texts() and w.texts()[0].startswith(label):
            return w
    raise AssertionError(f"no {label!r} on {app.top.name}")


def table_of(app):  # type: ignore[no-untyped-def]
    return next(s for s in app.stack if s.name == "table")


def test_a_whole_game_with_the_mouse_only(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(seed=3)
    flow.start(app)
    app.step(0.016)
    click(app, widget(app, "New here?").rect.center)
    mode = app.top
    assert mode.name == "mode"
    side = widget(app, "Your side")
    click(app, (side.rect.right - 10, side.rect.centery))  # the > of the side row
    assert mode.side.value is not None
    click(app, widget(app, "Begin").rect.center)
    click(app, widget(app, "To the table").rect.center)
    table = table_of(app)
    turns = 0
    for _ in range(6000):
        top = app.top
        if top.name == "debrief":
            break
        if top.name == "coach":
            click(app, top.box.center)
            continue
        if top.name == "outcome":  # the front page: its button goes on to the debrief
            click(app, top.go.rect.center)
            continue
        assert top is table, top.name
        if table.debrief_button.visible:
            click(app, table.debrief_button.rect.center)
            continue
        if table.my_turn and table.banner is None and not table.card_waiting:
            turns += 1
            if table.card is not None:
                click(app, table.card.box.center)
                assert table.card is None
            accept = table.actions.moves[1]
            button = accept if turns >= 3 and accept.enabled else table.actions.moves[0]
            if button is not accept:
                row = table.agenda.rows[turns % len(table.agenda.rows)]
                click(app, (row.rect.right - 10, row.rect.centery))
            click(app, button.rect.center)
            if table.my_turn:  # a warning: the button now says to press again
                assert button.texts()[0] == "Press again"
                click(app, button.rect.center)
            assert not table.my_turn
            continue
        app.step(0.05)
    assert app.top.name == "debrief" and not app.crashes and turns >= 2


def test_a_whole_game_with_the_keyboard_only(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(seed=4)
    flow.start(app)
    app.step(0.016)
    press(app, pygame.K_t)  # the tutorial, from the title
    mode = app.top
    assert mode.name == "mode"
    while mode.ring.focused is not mode.side:
        press(app, pygame.K_UP)
    press(app, pygame.K_RIGHT)
    press(app, pygame.K_RETURN)  # Enter on a row begins, as the help line says
    assert app.top.name == "briefing"
    press(app, pygame.K_RETURN)
    table = table_of(app)
    turns = 0
    for _ in range(6000):
        top = app.top
        if top.name == "debrief":
            break
        if top.name == "coach":
            press(app, pygame.K_ESCAPE)  # a student who knows the way ends the coaching
            continue
        if top.name == "question":
            press(app, pygame.K_1)
            continue
        if top.name == "outcome":  # the front page: Enter goes on to the debrief
            press(app, pygame.K_RETURN)
            continue
        assert top is table, top.name
        if table.debrief_button.visible:
            assert table.ring.focused is table.debrief_button
            press(app, pygame.K_RETURN)
            continue
        if table.pending:
            press(app, pygame.K_SPACE)
            continue
        if table.my_turn and table.banner is None and not table.card_waiting:
            turns += 1
            if table.card is not None:
                press(app, pygame.K_BACKSPACE)
            if turns == 1:
                press(app, pygame.K_t)
                assert table.tactics_open
                press(app, pygame.K_ESCAPE)
                assert not table.tactics_open and table.ring.focused is table.tactics_button
            while table.ring.focused not in table.agenda.rows:
                press(app, pygame.K_TAB)
            press(app, pygame.K_LEFT)
            key = pygame.K_2 if turns >= 3 and table.actions.moves[1].enabled else pygame.K_1
            press(app, key)
            if table.my_turn:
                press(app, key)
            assert not table.my_turn
            continue
        app.step(0.05)
    assert app.top.name == "debrief" and not app.crashes and turns >= 2


# ----- what the games showed -------------------------------------------------------------

def at_the_table(app, path=None):  # type: ignore[no-untyped-def]
    table = seated_vs_computer(app, path)
    for _ in range(3000):
        if table.my_turn:
            return table
        app.step(0.05)
    raise AssertionError("the player's turn never came")


def test_a_warning_about_a_move_goes_once_the_move_is_made(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    table = at_the_table(app, flow.SCENARIOS / "tutorial.yaml")
    values = table.session.scenario.sides["us"].values
    for row in table.agenda.rows:  # the worst option of every issue: below the fallback
        row.index = min(range(len(row.values)),
                        key=lambda n, r=row: values[r.issue.id][r.values[n][0]])
    table.agenda.on_change()
    table.propose()
    assert table.my_turn  # not made: a warning first
    assert app.toast_text is not None and "Press again" in app.toast_text
    table.propose()
    assert not table.my_turn and app.toast_text is None


def pass_until(app, table, holds: Callable[[], bool], failure: str) -> None:  # type: ignore[no-untyped-def]
    """Let the computer play and the table show it, the player passing, until it is the
    player's turn and *holds* is true (an AssertionError saying *failure* if it never is)."""
    for _ in range(3000):
        if table.my_turn and holds():
            return
        if table.my_turn:
            table.play(Move.wait())
        elif table.pending:
            table.skip()
        else:
            app.step(0.05)
    raise AssertionError(failure)


def until_legal(app, table, kind: str, failure: str) -> None:  # type: ignore[no-untyped-def]
    """:func:`pass_until` the United States may make a move of *kind*."""
    pass_until(app, table, lambda: any(c.move.kind == kind and c.why_not is None
                                       for c in table.session.choices("us")), failure)


def test_accepting_ends_the_talks_only_on_a_second_press(make_app) -> None:  # type: ignore[no-untyped-def]
    """Accepting ends the talks: the first press of 2 says so, with the deal's worth in the
    points every screen shows; the second accepts."""
    from game.analysis import points

    app = make_app()
    table = at_the_table(app)
    session = table.session
    # The US proposes the fairest split first (the computer gives little ground to a side
    # that has proposed nothing); then a proposal on the table worth more than the
    # fallback to the US.
    nash = session.game.report().nash
    assert nash is not None
    for row in table.agenda.rows:
        row.index = [v for v, _ in row.values].index(nash[row.issue.id])
    table.agenda.on_change()
    table.propose()
    assert not table.my_turn
    pass_until(app, table, lambda: (standing := session.game.state.standing) is not None and
               table.agenda.worth("us", standing) > session.game.fallback("us") and
               not table.agenda.crossed("us", standing), "no acceptable proposal came")
    standing = session.game.state.standing
    assert standing is not None
    worth = points(table.agenda.worth("us", standing))
    press(app, pygame.K_2)
    assert table.my_turn and not session.game.finished
    assert app.toast_text is not None and f"worth {worth} points to you" in app.toast_text
    assert table.actions.moves[1].texts()[0] == "Press again"
    press(app, pygame.K_2)
    assert session.game.finished and session.game.state.agreed is not None


def test_no_tooltip_comes_over_the_controls_after_a_click(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    table = at_the_table(app)
    row = table.agenda.rows[0]
    click(app, (row.rect.right - 10, row.rect.centery))
    for _ in range(40):  # two seconds with the pointer resting on the control
        app.step(0.05)
    assert table.ring.tip_rect is None or not table.ring.hover
    table.ring.tip_rect = None
    app.invalidate()
    app.step(0.05)
    assert table.ring.tip_rect is None
    # Moving on to another control brings its tooltip as before.
    other = table.agenda.rows[1]
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=other.rect.center,
                                         rel=(0, 0), buttons=(0, 0, 0)))
    for _ in range(20):
        app.step(0.05)
    assert table.ring.tip_rect is not None


def test_no_tooltip_of_a_closed_list_stays_over_the_table(make_app) -> None:  # type: ignore[no-untyped-def]
    """The pointer rests on a tactic in the open list, and the list is closed with Esc:
    the tactic's tooltip went on floating over the meters and the agenda."""
    app = make_app()
    table = at_the_table(app)
    table.open_tactics()
    app.step(0.05)
    tactic = table.actions.tactics["us"][0]
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=tactic.rect.center,
                                         rel=(0, 0), buttons=(0, 0, 0)))
    for _ in range(20):
        app.step(0.05)
    assert table.ring.hover is tactic  # its help shows in the list's own strip
    press(app, pygame.K_ESCAPE)
    assert not table.tactics_open
    table.ring.tip_rect = None
    for _ in range(20):
        app.step(0.05)
    assert table.ring.hover is not tactic
    assert table.ring.tip_rect is None


def test_the_options_of_a_crossed_red_line_show_red(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    table = at_the_table(app)
    agenda = table.agenda
    red = table.session.scenario.sides["us"].red_lines[0]
    for row in agenda.rows:
        if row.issue.id in red.forbid:
            row.index = [v for v, _ in row.values].index(red.forbid[row.issue.id][0])
    agenda._changed()
    assert agenda.crossed("us", agenda.package())
    assert {r.issue.id for r in agenda.rows if r.red} >= set(red.forbid)
    assert not any(r.red for r in agenda.rows if r.issue.id not in red.forbid) or \
        len(agenda.crossed("us", agenda.package())) > 1


def test_the_table_at_the_end_shows_the_deal_and_no_live_control(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    table = at_the_table(app)
    session = table.session
    for _ in range(4000):
        if session.game.finished and not table.pending:
            break
        if table.my_turn:
            table.play(Move.accept() if session.game.why_not(Move.accept(), "us") is None
                       else Move.wait())
        app.step(0.05)
    app.step(0.05)
    assert session.game.finished
    agreed = session.game.state.agreed
    for row in table.agenda.rows:
        assert row.readonly and not table.ring._usable(row)
        if agreed:
            assert row.on_table == agreed[row.issue.id]
    assert not table.tactics_button.enabled
    assert all(not b.enabled for b in table.actions.moves)
    assert table.agenda.over


def test_esc_calls_off_a_first_press_that_waits_for_a_second(make_app) -> None:  # type: ignore[no-untyped-def]
    """After the first press of 2, Esc takes it back with a word (the proposal stays on the
    table), instead of pausing with the button still reading "Press again"; the next 2 is a
    first press again. With nothing waiting, Esc pauses as before."""
    from game.play.wording import CALLED_OFF

    app = make_app()
    table = at_the_table(app)
    session = table.session
    until_legal(app, table, "accept", "nothing came to accept")
    press(app, pygame.K_2)
    assert table.actions.moves[1].texts()[0] == "Press again"
    press(app, pygame.K_ESCAPE)
    assert app.top is table and table.actions.armed is None
    assert app.toast_text == CALLED_OFF["accept"]
    assert table.actions.moves[1].texts()[0] != "Press again"
    press(app, pygame.K_2)
    assert not session.game.finished and table.actions.armed == "accept"
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_ESCAPE)
    assert app.top is not table  # paused


def test_a_greyed_out_move_s_key_says_why_not(make_app) -> None:  # type: ignore[no-untyped-def]
    """From the keyboard, a move or tactic that may not be used now says why when its key
    is pressed, as its tooltip does under the pointer (a student pressed the letter of a
    greyed-out threat and nothing happened)."""
    from game.ui.actions import LETTERS

    app = make_app()
    table = at_the_table(app)
    session = table.session
    pass_until(app, table, lambda: True, "the player's turn never came")
    choices = session.choices("us")
    accept = next(c for c in choices if c.move.kind == "accept")
    assert accept.why_not is not None  # nothing to accept at the opening
    press(app, pygame.K_2)
    assert app.toast_text == f"Not now: {accept.why_not}"
    tactics = [c for c in choices if c.move.kind == "tactic"]
    n, barred = next((n, c) for n, c in enumerate(tactics) if c.why_not is not None)
    name = session.scenario.tactic(barred.move.tactic or "").name
    press(app, getattr(pygame, f"K_{LETTERS[n].lower()}"))
    assert app.toast_text == f"{name}: not available now. {barred.why_not}"
    assert table.my_turn  # neither key made a move


def test_an_issue_s_options_stop_at_either_end(make_app) -> None:  # type: ignore[no-untyped-def]
    """Left and Right walk an issue's options in their order, from one side's wish to the
    other's, and stop at the ends: one more Right on the last option does not jump to the
    first, at the far end (a window playtest found it there, 96 points to 75)."""
    app = make_app()
    table = at_the_table(app)
    row = table.agenda.rows[0]
    last = len(row.values) - 1
    for _ in range(len(row.values) + 2):
        row.step(1)
    assert row.index == last
    for _ in range(len(row.values) + 2):
        row.step(-1)
    assert row.index == 0


def test_walking_out_says_what_it_means_and_waits_for_a_second_press(make_app) -> None:  # type: ignore[no-untyped-def]
    """The first press of 5 said nothing (only the button's label changed) and a second
    press after any key ended the game (a window playtest): it says what walking out means,
    as the terminal does, and the warning stays up while the move waits; Esc calls it off
    and takes the warning away."""
    import time

    from game.play.wording import CALLED_OFF, walkout_warning

    app = make_app()
    table = at_the_table(app)
    session = table.session
    until_legal(app, table, "walkout", "walking out never became possible")
    press(app, pygame.K_5)
    warning = walkout_warning(session.game, "us")
    assert warning.startswith("Walking out ends the talks with no deal: you fall back on")
    assert app.toast_text is not None and app.toast_text.startswith(warning)
    assert table.actions.walkout.texts()[0] == "Press again" and not session.game.finished
    # It stays while the move waits (it went after 5 seconds, the button still armed).
    assert app._toast is not None and app._toast[1] - time.monotonic() > 60
    # Drawn a unit inside the window, not across the whole table.
    app.step(0.02)
    window, u = app.window.get_rect(), app.theme.unit
    assert app.toast_rect is not None and window.inflate(-2 * u, -2 * u).contains(app.toast_rect)
    assert app.toast_rect.w <= window.w * 3 // 5 + 24
    press(app, pygame.K_ESCAPE)
    assert app.toast_text == CALLED_OFF["walkout"] and table.actions.armed is None
    press(app, pygame.K_5)
    press(app, pygame.K_5)
    assert session.game.finished and session.game.state.walked_out == "us"


def test_a_warning_goes_when_its_move_stops_waiting(make_app) -> None:  # type: ignore[no-untyped-def]
    """Changing the package after a warning about it takes the warning away with the
    second press it asked for."""
    app = make_app()
    table = at_the_table(app, flow.SCENARIOS / "tutorial.yaml")
    values = table.session.scenario.sides["us"].values
    for row in table.agenda.rows:  # below the fallback: a warning first
        row.index = min(range(len(row.values)),
                        key=lambda n, r=row: values[r.issue.id][r.values[n][0]])
    table.agenda.on_change()
    table.propose()
    assert table.actions.armed == "propose" and app.toast_text is not None
    table.agenda.on_change()  # the package changed
    assert table.actions.armed is None and app.toast_text is None


def test_a_tooltip_with_nowhere_free_covers_the_least_it_can(make_app) -> None:  # type: ignore[no-untyped-def]
    """Where every place beside, above or below a control covers something, its tooltip
    takes the one that covers least of the other controls and of what the screen asks it
    to spare (the first such place covered the next move buttons, or the header's round
    and whose move it is: a window playtest)."""
    app = make_app()
    table = at_the_table(app)
    app.step(0.05)
    ring = table.ring
    spare = table.tip_avoid()
    assert table.centre in spare
    # The help line of keys at the foot of the window too (a tooltip sliced through it).
    foot = app.window.get_height() - table.hint_height()
    assert any(r.top == foot and r.bottom == app.window.get_height() for r in spare)
    for widget in [*table.actions.moves, table.agenda.copy]:
        if not widget.visible or not widget.tooltip:
            continue
        ring.hover, ring.hover_time = widget, 1.0
        ring.draw_tooltip(app.window, app.theme, spare)
        box = ring.tip_rect
        assert box is not None and app.window.get_rect().contains(box)
        others = [w.rect for w in ring.widgets if w is not widget and w.visible] + \
            [r for r in spare if not r.colliderect(widget.rect)]

        def covered(place: pygame.Rect) -> int:
            return sum(place.clip(o).w * place.clip(o).h for o in others)

        places = tip_places(widget.rect, box.size)
        assert len(places) == 8
        on_screen = [p for p in places if app.window.get_rect().contains(p)]
        assert covered(box) == min(covered(p) for p in on_screen), widget.texts()
        # The round and whose move it is stay in view.
        assert not box.colliderect(table.centre) or covered(box) > 0, widget.texts()


def test_a_click_meant_for_a_banner_that_just_went_does_not_close_the_card(make_app) -> None:  # type: ignore[no-untyped-def]
    """The event banner went by itself just as the player clicked it, and the click closed
    the card of what changed beneath it, unread (a window playtest): a click where the
    banner was, just after its time ran out, is taken as meant for it."""
    from game.ui.table import BANNER_GRACE
    from tools.screenshots import at_table, new_game, seat_players

    for seed in range(1, 12):
        app = make_app(seed=seed)
        new_game(app)
        for _ in range(3000):
            seat_players(app)
            table = at_table(app)
            if table is None or table.session.game.finished or table.banner is not None:
                break
            if table.my_turn:
                table.play(table.session.decide_for(table.session.game.to_move or "").move)
            else:
                table.think = 0
                app.step(0.05)
        if table is not None and table.banner is not None:
            break
    assert table is not None and table.banner is not None, "no event came"
    box = table.banner.box.copy()
    table.update(table.banner.left + 0.01)  # its time runs out
    assert table.banner is None
    for _ in range(400):  # on to the player's turn, where the card of what changed opens
        if table.card is not None:
            break
        table.think = 0
        table.skip()
        app.step(0.05)
    card = table.card
    assert card is not None and card.box.colliderect(box)
    spot = card.box.clip(box).center
    # (Given to the table itself: a question of the other side's may lie over it.)
    press_at = pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=spot, button=1)
    table._banner_gone = (box, table.clock)  # as if its time had just run out
    table.handle_event(press_at)
    assert table.card is card  # meant for the banner: the card stays
    table._banner_gone = (box, table.clock - BANNER_GRACE - 0.1)
    table.handle_event(press_at)
    assert table.card is None  # later, a click on the card closes it as before
