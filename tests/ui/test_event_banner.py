"""The event banner: an event is announced over the log column with its effects, for a few
seconds or until a key, never over the controls in use; the "what changed" card waits
for it."""

from __future__ import annotations

import pygame
import pytest

from game.moves import Move
from game.ui import flow
from game.ui.event_banner import event_effects
from tests.ui.conftest import press, seated_vs_computer

#: A seed with which the tutorial's "Ceasefire violation" event fires in round 2.
SEED = 1


def until_event(app, size=(1280, 720)):  # type: ignore[no-untyped-def]
    """A vs-computer tutorial game, played with waits until the banner comes up; returns
    the table."""
    table = seated_vs_computer(app, flow.SCENARIOS / "tutorial.yaml")
    for _ in range(4000):
        if table.banner is not None:
            return table
        if table.my_turn:
            table.play(Move.wait())
        app.step(0.05)
    raise AssertionError("no event was announced")


def test_an_event_is_announced_with_its_effects(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(seed=SEED)
    table = until_event(app)
    banner = table.banner
    visible = table.session.visible_log()
    at = max(n for n, e in enumerate(visible[:table.shown]) if e.kind == "event")
    event = visible[at]
    assert banner.title == f"Event: {event.title}"
    # Its effects as the record has them: the two meters it moved, with their new values.
    effects = event_effects(visible, at)
    meters = {c.target: c for e in effects for c in e.changes if c.kind == "meter"}
    assert set(meters) == {"ceasefire", "trust"}
    names = {m.id: m.name for m in table.session.scenario.meters}
    for meter, change in meters.items():
        assert any(line.startswith(names[meter]) and f"(now {change.after:g})" in line
                   for line in banner.effects), banner.effects
    # Drawn: the banner's frame is on screen in the event colour.
    app.invalidate()
    app.step(0.016)
    box = banner.box
    assert app.window.get_at((box.centerx, box.y + 1))[:3] == app.theme.c["event"][:3]


def test_the_meters_say_what_the_banner_says_while_it_shows(make_app) -> None:  # type: ignore[no-untyped-def]
    # The banner gives each meter's value after the event ("(now 41)"): the meter beside it
    # shows the same number from the moment the banner comes up, not a step later.
    app = make_app(seed=SEED)
    table = until_event(app)
    visible = table.session.visible_log()
    at = max(n for n, e in enumerate(visible[:table.shown]) if e.kind == "event")
    after = {c.target: c.after for e in event_effects(visible, at) for c in e.changes
             if c.kind == "meter"}
    assert after
    shown = {row.meter.id: row.value for row in table.meters}
    assert all(shown[meter] == value for meter, value in after.items()), (shown, after)


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720), (1920, 1080)])
def test_the_banner_covers_no_control_in_use(make_app, size) -> None:  # type: ignore[no-untyped-def]
    app = make_app(size=size, seed=SEED)
    app.prefs.text_scale = 1.5 if size == (1024, 600) else 1.0
    app.restyle()
    table = until_event(app, size)
    box = table.banner.box
    assert app.window.get_rect().contains(box)
    assert table.log_rect.union(table.quote_rect).contains(box)
    for widget in table.ring.widgets:
        if widget is table.log or not widget.visible or not widget.rect.w:
            continue
        area = widget.rect.clip(widget.clip) if widget.clip else widget.rect
        assert not box.colliderect(area), f"the banner covers {widget.texts()[:1]}"
    for name, rect in table.panels().items():
        if name not in ("log", "source"):
            assert not box.colliderect(rect), f"the banner covers the {name}"


def test_the_banner_goes_after_a_few_seconds_and_the_card_follows(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(seed=SEED)
    table = until_event(app)
    seconds = table.banner.seconds
    assert 3.0 <= seconds <= 12.0
    # Its last line says how long it stays, in whole seconds counted down (a thin bar that
    # shortened was taken for a stray line, twice); drawn again only when one goes by.
    banner = table.banner
    said = [banner.close_text()]
    draws = 0
    for _ in range(int(seconds / 0.05) + 2):
        if table.banner is None:
            break
        if banner.close_text() != said[-1]:
            said.append(banner.close_text())
        draws += table.update(0.0) or 0  # no time passes: nothing to draw again
        app.step(0.05)
    assert table.banner is None and draws == 0
    counts = [int(text.split(" in ")[1].split()[0]) for text in said]
    assert said[0].startswith("Any key or a click closes this, or it goes in ")
    assert counts == list(range(counts[0], 0, -1)) and counts[-1] == 1, said
    assert said[-1].endswith("in 1 second.")
    # The player's turn came while it showed: the card of what changed comes after it.
    for _ in range(400):
        if table.my_turn:
            break
        app.step(0.05)
    assert table.my_turn and table.card is not None
    assert any(e.startswith("Ceasefire violation") for e in table.card.moment.events)


def test_a_key_takes_the_banner_away_and_still_acts(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app(seed=SEED)
    table = until_event(app)
    for _ in range(400):  # the rest of the turn shown; the banner still up
        if not table.pending:
            break
        table.timer = 0
        app.step(0.01)
    if table.banner is None:
        pytest.skip("the banner's time ran out before the turn came back")
    table.ring.focus(table.agenda.rows[0])
    before = table.agenda.rows[0].index
    press(app, pygame.K_RIGHT)
    assert table.banner is None
    assert table.agenda.rows[0].index != before  # the key did its work as well


def test_a_click_on_the_banner_takes_it_away(make_app) -> None:  # type: ignore[no-untyped-def]
    from tests.ui.conftest import click
    app = make_app(seed=SEED)
    table = until_event(app)
    click(app, table.banner.box.center)
    assert table.banner is None


def test_the_outcome_takes_the_banner_away(make_app) -> None:  # type: ignore[no-untyped-def]
    from game.moves import Entry
    app = make_app(seed=SEED)
    table = until_event(app)
    assert table.banner is not None
    outcome = Entry(turn=99, round=3, phase="talks", kind="outcome", title="The end")
    original = table.session.visible_log
    table.session.visible_log = lambda: [*original(), outcome]  # type: ignore[method-assign]
    table._reveal(len(table.session.visible_log()))
    assert table.banner is None


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)])
def test_every_shipped_event_s_report_shows_whole_in_the_banner(make_app, size) -> None:  # type: ignore[no-untyped-def]
    # Each event of every shipped scenario, laid out over the log column of a table: its
    # report is not cut ("..."), at the smallest window the game supports and at the usual.
    from game.library import shipped_scenarios
    from game.scenario import load_scenario
    from game.ui.event_banner import EventBanner

    app = make_app(size=size)
    table = seated_vs_computer(app)
    u = table.theme.unit
    area = table.log_rect.union(table.quote_rect).inflate(-u, -u)
    for path in shipped_scenarios():
        scenario = load_scenario(path)
        for event in scenario.events:
            entry = next(e for e in table.session.game.log if e.kind == "phase")
            shown = entry._replace(kind="event", title=event.name, body=event.text,
                                   ref=event.id)
            banner = EventBanner(scenario, shown, [], None, 1.0)
            banner.layout(area, table.theme)
            words = " ".join(text for _, _, text in banner._lines)
            assert "\u2026" not in words, (path.stem, event.id, size)


def test_every_event_gets_its_own_banner_even_two_in_one_round(make_app) -> None:  # type: ignore[no-untyped-def]
    # Two events of one round each come with a banner of their own, one after the other,
    # and the meters say what the banner up says: a window playtest saw one banner while
    # the meters moved by two events (the second had replaced the first).
    doubled = False
    for seed in range(6):
        app = make_app(seed=seed)
        table = seated_vs_computer(app)
        announced: list[int] = []
        announce = table._announce

        def spy(visible, at, announce=announce, announced=announced):  # type: ignore[no-untyped-def]
            announced.append(at)
            announce(visible, at)
            after = {c.target: c.after for e in event_effects(visible, at) for c in e.changes
                     if c.kind == "meter"}
            shown = {row.meter.id: row.value for row in table.meters}
            assert all(shown[m] == v for m, v in after.items()), (shown, after)

        table._announce = spy
        for _ in range(20000):
            if table.session.game.finished and not table.pending:
                break
            if table.my_turn:
                table.play(Move.wait())
            app.step(0.1)
        visible = table.session.visible_log()
        events = [n for n, e in enumerate(visible) if e.kind == "event"]
        assert announced == events, (seed, announced, events)
        rounds = [visible[n].round for n in events]
        doubled |= len(set(rounds)) < len(rounds)
        if doubled:
            break
    assert doubled, "no game had two events in one round"
