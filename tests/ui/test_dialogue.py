"""The log at the table brings each new line into view."""

from __future__ import annotations

import pytest

from game.engine import Game
from game.library import DEFAULT_SCENARIO
from game.moves import Move
from game.scenario import load_scenario
from game.ui.dialogue import DialogueLog


def test_a_new_line_scrolls_the_log_back_to_the_newest() -> None:
    game = Game(load_scenario(DEFAULT_SCENARIO), seed=2)
    log = DialogueLog(game.scenario)
    log.set_entries(list(game.log))
    log.offset = 120  # the reader scrolled up to read an older line
    log.set_entries(list(game.log))  # nothing new: the reader stays where they are
    assert log.offset == 120
    game.apply(Move.wait())
    log.set_entries(list(game.log))
    assert log.offset == 0


def test_the_meter_badges_read_the_values_after_each_change_events_included() -> None:
    """A meter's value is the record's value after its last change, and its badge is how
    far it moved since the latest move shown began, the events after that move included:
    never a sum of deltas that disagrees with the value."""
    from game.ui.meters import shown_meters

    scenario = load_scenario(DEFAULT_SCENARIO)
    for seed in range(30):
        game = Game(scenario, seed=seed)
        while not game.finished:
            game.apply(Move.wait())
            entries = list(game.log)
            values, last = shown_meters(scenario, entries)
            assert values == game.state.meters
            latest = max(e.turn for e in entries if e.kind in ("move", "reply"))
            start = next(i for i, e in enumerate(entries) if e.turn == latest)
            before, _ = shown_meters(scenario, entries[:start])
            for meter, value in values.items():
                assert last.get(meter, 0.0) == value - before[meter]


def test_the_table_never_shows_the_computers_private_record(make_app) -> None:  # type: ignore[no-untyped-def]
    """Whatever the front end: the window's log holds only what the player's side may see
    (no reasons of the computer, no change to its fallback or stance) until the end."""
    from tools.screenshots import at_table, new_game, play_turns, seat_players

    app = make_app()
    for side in ("us", "ru"):
        session = new_game(app, side=side)
        seat_players(app)
        play_turns(app, 30)
        table = at_table(app)
        assert table is not None
        game = session.game
        assert any(e.private not in (None, side) for e in game.log)  # there was some to hide
        assert all(e.private in (None, side) for e in table.log.entries)


def test_a_rule_divides_the_rounds_in_the_log(make_app) -> None:  # type: ignore[no-untyped-def]
    from tools.screenshots import scene_table, table_of
    app = make_app(seed=7)
    scene_table(app)
    log = table_of(app).log
    rounds = [e.round for e in log.entries]
    dividers = [n for n in range(len(log.entries)) if log.divider(n)]
    assert dividers == [n for n in range(len(rounds)) if n == 0 or rounds[n] != rounds[n - 1]]
    assert len(dividers) >= 3
    n = dividers[-1]
    assert log.divider(n) == f"ROUND {rounds[n]} OF {table_of(app).session.game.state.rounds}"
    painter = log.painter
    assert painter is not None
    plain = painter.paint(log.entries[n], log._width())
    assert log.laid[n].surface.get_height() > plain.surface.get_height()


def test_a_long_tactic_heading_wraps_instead_of_being_cut(
        make_app) -> None:  # type: ignore[no-untyped-def]
    # "United States · Threaten to keep deconfliction only" in a narrow log: the heading
    # takes a second line, as every other line of the log does, instead of losing its end.
    from game.settings import Settings
    from game.simulate import play_one
    from game.ui.dialogue import EntryPainter
    from game.ui.text import wrap

    app = make_app()
    theme = app.theme
    scenario = load_scenario(DEFAULT_SCENARIO)
    painter = EntryPainter(scenario, theme)
    bold = theme.fonts.get("body", bold=True)
    tested = 0
    for seed in range(10):
        game = play_one(scenario, seed, Settings(), players={"us": "hardline"})
        for entry in game.log:
            if entry.kind != "move" or entry.move is None or entry.move.kind != "tactic":
                continue
            heading = f"{scenario.sides[entry.speaker or ''].name} \u00b7 {entry.title}"
            width = bold.size(heading)[0] * 2 // 3
            assert len(wrap(heading, bold, width)) > 1
            # A short line and no sources: only the heading can need more lines.
            short = entry._replace(body="Yes.", cite=())
            narrow = painter.paint(short, width).surface.get_height()
            wide = painter.paint(short, width * 10).surface.get_height()
            assert narrow >= wide + bold.get_linesize()
            tested += 1
    assert tested


def wrapped(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """Every text the log's painter wraps from now on, in order (what it writes)."""
    from game.ui import dialogue

    said: list[str] = []
    real_wrap = dialogue.wrap

    def wrap(text, font, width):  # type: ignore[no-untyped-def]
        said.append(text)
        return real_wrap(text, font, width)

    monkeypatch.setattr(dialogue, "wrap", wrap)
    return said


def test_answers_are_headed_by_what_was_answered_and_a_stated_priority_is_not_an_answer(
        make_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from game.play.moment import what_changed
    from game.ui.dialogue import EntryPainter
    from game.ui.moment_card import moment_spans

    app = make_app()
    scenario = load_scenario(DEFAULT_SCENARIO)
    tactic = {t.kind: t.id for t in scenario.tactics if "ru" in t.sides}
    heads: dict[str, list[str]] = {}
    for reply, move in (("decline", Move.decline()), ("deflect", Move.deflect()),
                        ("name", Move.answer(scenario.issues[0].id))):
        game = Game(scenario, seed=2)
        while game.to_move != "ru" or game.why_not(Move.use(tactic["question"])) is not None:
            game.apply(Move.wait())
        game.apply(Move.use(tactic["question"]))
        start = len(game.log)
        game.apply(move)
        entries = game.log[start:]
        yours = [s.text for s in moment_spans(what_changed(game, entries, "us"), "us")]
        theirs = [s.text for s in moment_spans(what_changed(game, entries, "ru"), "ru")]
        heads[reply] = yours[:1] + theirs[:1]
    assert heads == {"decline": ["You decline to answer", "United States: Declines to answer"],
                     "deflect": ["You sidestep the question",
                                 "United States: Sidesteps the question"],
                     "name": ["You say what matters most: Form of joint action",
                              "United States: Says what matters most: Form of joint action"]}

    # In the log, an answer is marked as one; what a side says of its own accord is not.
    said = wrapped(monkeypatch)
    painter = EntryPainter(scenario, app.theme)
    game = Game(scenario, seed=2)
    game.apply(Move.use(tactic["preference"], scenario.issues[0].id))
    for entry in game.log:
        painter.paint(entry, 600)
    assert "Russia" in said and not any("(answering)" in text for text in said)


@pytest.mark.parametrize("mode", ["computer", "hotseat"])
def test_the_meter_badges_and_the_card_count_the_same_changes(make_app, mode: str) -> None:  # type: ignore[no-untyped-def]
    """At a team's turn the "what changed" card lists each meter's changes since its last
    move; the badge beside each meter is their sum, never another span's."""
    from tools.screenshots import new_game, seat_players

    app = make_app(seed=5)
    new_game(app, mode=mode)
    checked = 0
    for _ in range(4000):
        seat_players(app)
        table = app.top
        if table.name != "table" or table.session.game.finished:
            if table.name != "table":
                app.step(0.05)
                continue
            break
        if table.pending:
            table._sync_meters()
            assert table.meters_since == "this turn"
            table.skip()
            continue
        if table.banner is not None:  # the event first, then the card
            table.close_banner()
            continue
        if table.my_turn and table.card is not None:
            names = {row.meter.name: row for row in table.meters}
            moved: dict[str, float] = {}
            for change in table.card.moment.changes:
                moved[change.meter] = moved.get(change.meter, 0.0) + change.delta
            for name, row in names.items():
                assert row.change == pytest.approx(moved.get(name, 0.0)), name
            # The panel says what the badges count from (a playtester saw "-1" while a turn
            # was shown, then "+6" at its own turn, and could not tell why).
            moved_before = any(e.kind == "move" and e.speaker == table.seat
                               for e in table.session.visible_log()[:table.shown])
            assert table.meters_since == ("since your last move" if moved_before
                                          else "since the talks began")
            # The card's round is the one the team now moves in, as the header says.
            assert f"round {table.session.game.state.round} of" in table.card.title
            checked += 1
            if checked >= 6:
                break
        if table.my_turn:
            # A move with effects of its own (a tactic: trust, support), which the card
            # counts from and the badge must too; else a pass.
            game = table.session.game
            tactics = [c.move for c in game.choices(table.seat)
                       if c.why_not is None and c.move.kind == "tactic"
                       and c.move.tactic != "state_priority"]
            table.play(tactics[0] if tactics else Move.wait())
        else:
            app.step(0.05)
    assert checked >= 3


def test_the_log_fades_its_cut_top_line_into_the_panel(make_app) -> None:  # type: ignore[no-untyped-def]
    # With the record going on above the log's top edge, a line cut there (a speaker's name
    # cut in two, at 1024x600) fades into the panel; at the top of the record, nothing
    # fades.
    from tools.screenshots import SCENES, settle

    app = make_app(size=(1024, 600), seed=7)
    dict(SCENES)["07_table"](app)
    table = app.top
    if table.banner is not None:
        table.close_banner()
    table.close_card()
    log = table.log
    assert log.total > log.rect.h, "the record fits the log (this shows nothing)"
    log.offset = 0
    settle(app, 2)
    panel = tuple(app.theme.c["panel"])[:3]
    top = [tuple(app.window.get_at((x, log.rect.y)))[:3]
           for x in range(log.rect.x, log.rect.right - 8, 7)]
    assert all(pixel == panel for pixel in top)
    faded = []
    made = log._top_fade
    log._top_fade = lambda theme: faded.append(1) or made(theme)  # type: ignore[method-assign]
    settle(app, 1)
    assert faded
    faded.clear()
    log.offset = log.total - log.rect.h  # scrolled to the first entry
    settle(app, 2)
    assert not faded


def test_the_log_says_a_trade_that_comes_out_even(make_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A trade that changes no meter is said in the window's log as in the terminal and the
    # transcript (see the speech tests), where before nothing was.
    from game.library import shipped_scenarios
    from game.moves import TRADE
    from game.ui.dialogue import EntryPainter

    app = make_app()
    scenario = load_scenario(next(p for p in shipped_scenarios()
                                  if p.stem.startswith("ceasefire")))
    ids = [i.id for i in scenario.issues]
    options = [[o.id for o in i.options] for i in scenario.issues]

    def package(*picks: int) -> dict[str, str]:
        return {ids[k]: options[k][p] for k, p in enumerate(picks)}

    game = Game(scenario, seed=3)
    for picks in ((0, 2, 1, 0, 2), (2, 0, 1, 2, 0), (0, 2, 2, 2, 2)):
        game.apply(Move.propose(package(*picks)))
    even = next(e for e in game.log if e.ref == TRADE)
    said = wrapped(monkeypatch)
    EntryPainter(scenario, app.theme).paint(even, 600)
    assert f"{even.title}." in said
