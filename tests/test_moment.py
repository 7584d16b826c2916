"""What changed in a turn (game.play.moment): read from the structured record, with the
figures of the outcome space, and only what the viewer may see."""

from __future__ import annotations

from functools import cache

from game.analysis import points
from game.engine import Game
from game.library import DEFAULT_SCENARIO
from game.model import Scenario
from game.moves import Move
from game.play.moment import since_last_move, what_changed
from game.play.session import Session
from game.scenario import load_scenario


@cache
def scenario() -> Scenario:
    return load_scenario(DEFAULT_SCENARIO)


def played(turns: int, seed: int = 3) -> Game:
    game = Game(scenario(), None, seed)
    session = Session(game, set())
    for _ in range(turns):
        if game.finished:
            break
        session.play_computer()
    return game


def test_an_offer_is_weighed_with_the_outcome_space_beside_the_viewers_own() -> None:
    game = played(7)
    log = game.visible_log("us")
    start = since_last_move(log, "us")
    assert log[start].kind == "move" and log[start].speaker == "us"
    moment = what_changed(game, log[start:], "us")
    assert [a.side for a in moment.acts][:1] == ["us"]
    offer = moment.offer
    assert offer is not None and offer.side == "ru"
    package = game.space.package_of(dict(game.state.standing or {}))
    assert package is not None
    (worth,) = offer.worth
    assert worth.side == "us"
    assert worth.points == points(game.space.utility_of("us", package))
    assert worth.fallback == points(game.fallback("us"))
    assert worth.crosses == bool(game.space.red_lines_crossed("us", package))
    own = game.state.last_offer("us")
    assert own is not None
    names = {i.name: {o.id: o.name for o in i.options} for i in scenario().issues}
    for row, issue in zip(offer.rows, scenario().issues):
        assert row.issue == issue.name
        assert row.own == names[issue.name][own[issue.id]]


def test_every_meter_change_is_told_with_its_value_after_and_cause() -> None:
    game = played(12)
    log = game.visible_log("us")
    moment = what_changed(game, log, "us")
    told = [(c.delta, c.after, c.cause) for c in moment.changes]
    recorded = [(c.delta, c.after, e.title) for e in log if e.kind == "effect"
                for c in e.changes if c.kind == "meter"]
    assert told == recorded and told
    assert len(moment.events) == sum(e.kind == "event" for e in log) > 0


def test_the_other_sides_private_record_never_reaches_the_viewer() -> None:
    game = played(12)
    # Even given the whole record, only the viewer's own private entries are read.
    moment = what_changed(game, game.log, "us")
    assert all("Russia's fallback" not in line for line in moment.fallback)
    private_ru = {e.title for e in game.log if e.private == "ru" and e.kind == "reason"}
    shown = {a.what for a in moment.acts} | set(moment.fallback)
    assert not private_ru & shown
    for offer_worth in (moment.offer.worth if moment.offer else ()):
        assert offer_worth.side == "us"


def test_a_timed_out_move_is_named() -> None:
    game = Game(scenario(), None, 3)
    session = Session(game, {"ru"})
    session.time_out()
    moment = what_changed(game, game.log, "us")
    assert any(a.side == "ru" and a.timed_out for a in moment.acts)


def test_what_a_side_says_matters_most_is_named_on_the_card() -> None:
    """The issue a side names as what matters to it is said at the table: the card names
    it, for the side that asked and for the side that answered."""
    from game.moves import Move
    from game.ui.moment_card import moment_spans

    game = Game(scenario(), seed=1)
    game.apply(Move.use("ask_priority"))  # Russia asks
    game.apply(Move.answer("start_date"))  # the US names an issue of its choice
    for viewer, said in (("ru", "United States: Says what matters most: Start date"),
                         ("us", "You say what matters most: Start date")):
        log = game.visible_log(viewer)
        moment = what_changed(game, log[since_last_move(log, "us"):], viewer)
        assert said in [span.text for span in moment_spans(moment, viewer)]


def test_an_offer_across_red_lines_names_them_to_its_side_alone() -> None:
    # "Crosses a red line" of an offer that crossed two, and neither named (a playtest): a
    # side's card, its accept warning and the terminal name every red line crossed, in the
    # red line's own words; a card shown to both sides at once names none.
    from game.play.wording import accept_warning, crossing
    us = scenario().sides["us"]
    texts = [red.text for red in us.red_lines]
    assert len(texts) == 2
    said = crossing(texts)
    assert said.startswith("crosses 2 of your red lines: ")
    assert all(t.rstrip(".") in said for t in texts)
    assert crossing(texts[:1]) == f"crosses your red line \u201c{texts[0].rstrip('.')}\u201d"
    # Played: Russia proposes a package across both US red lines.
    game = Game(scenario(), seed=1)
    package = next(p for p in game.space.packages
                   if len(game.space.red_lines_crossed("us", p)) == 2
                   and not game.space.red_lines_crossed("ru", p))
    chosen = {i.id: i.options[k].id for i, k in zip(scenario().issues, package)}
    game.apply(Move.propose(chosen))
    warning, serious = accept_warning(game, "us")
    assert serious and said in warning
    # The same words for what such a deal is, on every screen and the printed brief (a
    # student read "worth 51 points to you, fallback 45: ... a loss" and asked how).
    from game.handout import side_page
    from game.play.wording import LOSS
    from game.settings import Settings
    from game.ui.agenda import RED_NOTE

    assert f"{said}: the deal would count as {LOSS}." in warning
    assert LOSS in RED_NOTE and "a mark of 0 out of 100" in LOSS
    assert LOSS in side_page(scenario(), "us", Settings())
    log = game.visible_log("us")
    (worth,) = what_changed(game, log, "us").offer.worth  # type: ignore[union-attr]
    assert worth.verdict == f"{said}: {LOSS}"
    shared = what_changed(game, game.log, None).offer  # type: ignore[union-attr]
    assert shared is not None
    assert all(w.verdict == f"crosses a red line: {LOSS}" or not w.crosses
               for w in shared.worth)


def test_the_card_tells_of_a_trade_that_changed_no_meter() -> None:
    """A proposal that trades an agreed point for as much elsewhere changes no meter, and
    the card said nothing of it (a window playtest: the offer's row showed the other
    option, and only the log, scrolled, said a point both had agreed on was traded)."""
    from game.engine import Game
    from game.library import shipped_scenarios
    from game.moves import TRADE, Move
    from game.play.moment import since_last_move, what_changed
    from game.scenario import load_scenario
    from game.ui.moment_card import moment_spans

    from tests.test_replies import FEB_RU, FEB_US

    feb = load_scenario(next(p for p in shipped_scenarios() if "ceasefire_feb" in str(p)))
    # Both sides offer the agreed list of areas.
    us = {**FEB_US, "monitoring": "joint_task_force", "humanitarian_access": "named_areas"}
    ru = {**FEB_RU, "humanitarian_access": "named_areas"}
    game = Game(feb, seed=1, teams={"ru": "Team B"})
    game.apply(Move.propose(us))
    game.apply(Move.propose(ru))  # the player, at Russia
    # The US takes back the agreed list of areas and meets Russia on what the co-chairs
    # answer for: a trade that comes out even.
    game.apply(Move.propose({**us, "humanitarian_access": "unhindered",
                             "cochair_duties": "press_own_side"}))
    trade = [e for e in game.log if e.ref == TRADE]
    assert len(trade) == 1 and not trade[0].changes
    seen = game.visible_log("ru")
    moment = what_changed(game, seen[since_last_move(seen, "ru"):], "ru")
    assert moment.notes == (trade[0].title,)
    assert trade[0].title in [span.text for span in moment_spans(moment, "ru")]


def test_the_card_tells_an_event_where_the_record_has_it() -> None:
    """An event at a round's start came after the seated side's move and before the other
    side's: the card listed it after the other side's proposal (a window playtest). It
    tells it between the two, as the record does."""
    from game.settings import Settings
    from game.simulate import play_one
    from game.ui.moment_card import moment_spans

    seen = 0
    for seed in range(20):
        played = play_one(scenario(), seed, Settings())
        game = Game(scenario(), seed=seed)
        for side, move, reason in played.moves:
            game.apply(move, reason)
            if game.finished or game.to_move != "us":
                continue
            log = game.visible_log("us")
            moment = what_changed(game, log[since_last_move(log, "us"):], "us")
            if not moment.events or not moment.acts:
                continue
            texts = [span.text for span in moment_spans(moment, "us")]
            order = [e for e in log[since_last_move(log, "us"):]
                     if e.kind == "event" or
                     (e.kind in ("move", "reply") and e.speaker is not None)]
            # The acts and events come first, before the offer's paragraph (an empty line).
            said = texts[:texts.index("")] if "" in texts else texts
            # The record's order of moves and events, as the card says them.
            assert ["event" if e.kind == "event" else "move" for e in order] == \
                ["event" if t.startswith("Event: ") else "move" for t in said], (texts, order)
            seen += order[0].kind == "move" and order[-1].kind == "move"
    assert seen


def test_an_offer_a_fraction_of_a_point_from_the_fallback_is_said_alike_everywhere() -> None:
    # A playtest read "Worth 40 points to you: less than a point above your fallback of 40"
    # and, of the same offer, "your fallback 40: NOT better than no deal". Every screen
    # compares the unrounded worth with the fallback: the window's card, the terminal's
    # table line and the terminal's move line, and the debrief's verdict.
    from game.debrief import verdict
    from game.play.moment import Worth
    from game.textplay import against, table_verdict

    for worth, fallback, said, card, end in (
            (0.4025, 0.40, "above", "less than a point above the fallback",
             "Barely better than walking away."),
            (0.3975, 0.40, "below", "less than a point below the fallback",
             "A loss, by less than a point: the deal is worse than walking away."),
            (0.40, 0.40, "the same", "no better than the fallback",
             "No better than walking away.")):
        better = worth > fallback + 1e-9
        shown = Worth("us", "the United States", points(worth), points(fallback), False,
                      above=worth - fallback)
        assert shown.verdict == card and shown.good == better
        assert said in against(worth, fallback)
        assert table_verdict(worth, fallback, []).startswith(
            "better" if better else "NOT better")
        assert verdict(points(worth) - points(fallback), [], True, worth - fallback) == end
