"""The end of the talks as a front page: a headline from the public outcome, fair to both
sides, the package issue by issue and the scenario's dateline; and the terminal prints it
in a box."""

from __future__ import annotations

import doctest
import io
from pathlib import Path

import pytest

from game.play import headline as headline_module
from game.play.headline import boxed, front_page
from game.play.session import DEMO, Session
from game.scenario import load_scenario
from game.settings import Settings
from game.textplay import TextGame

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
SCENARIO = load_scenario(SCENARIOS / "joint_strikes_2016.yaml")
#: Words that would make one side the winner of the talks.
PARTISAN = ("win", "wins", "won", "victory", "defeat", "loses", "lost", "beats", "caves",
            "humiliat", "triumph", "backs down")


def finished_state():  # type: ignore[no-untyped-def]
    session = Session.start(SCENARIO, Settings(), DEMO, seed=4)
    while not session.game.finished:
        session.play_computer()
    return session.game.state


STATE = finished_state()
OFFER = {issue.id: issue.options[0].id for issue in SCENARIO.issues}


def ending(trigger: str):  # type: ignore[no-untyped-def]
    return next(o for o in SCENARIO.outcomes if o.trigger == trigger)


def fair(page) -> None:  # type: ignore[no-untyped-def]
    text = " ".join([page.kicker, page.headline]).lower()
    for word in PARTISAN:
        assert word not in text.split() and f"{word} " not in text, (word, text)


def test_a_deal_is_reached_by_both_and_its_terms_are_listed() -> None:
    deal = ending("agreement")
    page = front_page(SCENARIO, STATE._replace(outcome=deal.id, agreed=OFFER,
                                               walked_out=None))
    assert page.ending == "deal" and page.kicker == "Agreement"
    assert page.headline == "Russia and the United States reach an agreement"
    assert (page.deck, page.lede, page.dateline) == (deal.name, deal.text, "20 May 2016")
    assert page.terms_title == "The terms agreed"
    assert page.terms == tuple((i.name, i.options[0].name) for i in SCENARIO.issues)
    fair(page)


def test_no_deal_names_neither_side_as_the_cause_and_shows_the_last_proposal() -> None:
    late = ending("deadline")
    page = front_page(SCENARIO, STATE._replace(outcome=late.id, agreed=None,
                                               walked_out=None,
                                               offers=(("us", OFFER),)))
    assert page.ending == "no_deal" and page.kicker == "No agreement"
    assert page.headline == "Talks between Russia and the United States end without agreement"
    assert page.terms_title == "Last proposal on the table, by the United States"
    assert len(page.terms) == len(SCENARIO.issues)
    fair(page)
    none = front_page(SCENARIO, STATE._replace(outcome=late.id, agreed=None, offers=()))
    assert none.terms == () and none.terms_title == "No proposal was made."
    broke = front_page(SCENARIO, STATE._replace(outcome=ending("breakdown").id,
                                                agreed=None))
    assert broke.kicker == "Talks overtaken" and broke.ending == "no_deal"


@pytest.mark.parametrize("side", ["us", "ru"])
def test_a_walkout_names_who_left_and_nothing_more(side: str) -> None:
    left = next(o for o in SCENARIO.outcomes if o.trigger == "walkout")
    page = front_page(SCENARIO, STATE._replace(outcome=left.id, agreed=None,
                                               walked_out=side))
    assert page.ending == "walkout" and page.walked == side
    assert page.headline == f"{SCENARIO.sides[side].called_first} walks out of the talks"
    fair(page)


def test_a_game_not_over_has_no_headline() -> None:
    with pytest.raises(ValueError, match="not over"):
        front_page(SCENARIO, STATE._replace(finished=False, outcome=None))


def test_the_box_holds_every_line_within_its_width() -> None:
    page = front_page(SCENARIO, STATE)
    for width in (40, 78):
        lines = boxed(page, width)
        assert all(len(line) == width for line in lines), lines
        assert lines[0] == lines[-1] == "+" + "-" * (width - 2) + "+"
        text = " ".join(lines)
        assert page.headline.upper().split()[0] in text and "20 MAY 2016" in text
    assert doctest.testmod(headline_module).failed == 0


def test_the_terminal_prints_the_front_page_at_the_end() -> None:
    session = Session.start(SCENARIO, Settings(), DEMO, seed=4)
    out = io.StringIO()
    TextGame(session, io.StringIO(), out).run()
    printed = out.getvalue()
    page = front_page(SCENARIO, session.game.state, session.visible_log())
    assert "THE TALKS ARE OVER" in printed
    box = boxed(page, 78)
    start = printed.index(box[1])
    assert printed[start - len(box[0]) - 1:].startswith(box[0])
    assert all(line in printed for line in box)
    assert printed.index("THE TALKS ARE OVER") < start < printed.index("DEBRIEF")


def test_talks_that_went_through_a_dated_event_are_dated_after_it() -> None:
    """The main scenario is set on 20 May; a game that saw "25 May" arrive ends on it, or
    after it when the talks went on for more rounds (a walkout dated the day Russia held off
    its strikes read as a contradiction, a playtest)."""
    session = Session.start(SCENARIO, Settings(), DEMO, seed=4)
    while not session.game.finished:
        session.play_computer()
    record = session.visible_log()
    went = [e for e in record if e.kind == "event" and e.ref == "may_25_arrives"]
    assert went and SCENARIO.date == "20 May 2016"
    later = any(e.round > went[-1].round for e in record)
    assert front_page(SCENARIO, session.game.state, record).dateline == \
        ("After 25 May 2016" if later else "25 May 2016")
    through = [e for e in record if e.round <= went[-1].round]
    assert front_page(SCENARIO, session.game.state, through).dateline == "25 May 2016"
    before = [e for e in record if e not in went]
    assert front_page(SCENARIO, session.game.state, before).dateline == "20 May 2016"
    # An event nobody was shown does not date the page.
    hidden = [e._replace(private="us") if e in went else e for e in record]
    assert front_page(SCENARIO, session.game.state, hidden).dateline == "20 May 2016"
