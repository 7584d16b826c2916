"""The delegations' faces follow the public record: the other side's last move toward a
side, the climate of the shared meters and the end of the talks; and never a private
entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.moves import Change, Entry, Move
from game.play.presence import climate, expression, last_speaker, reaction
from game.play.session import DEMO, Session
from game.scenario import load_scenario
from game.settings import Settings

SCENARIO = load_scenario(Path(__file__).resolve().parent.parent / "scenarios" /
                         "joint_strikes_2016.yaml")
RU_OFFER = {"joint_action": "joint_execution", "syria_coordination": "full_coordination",
            "precondition": "no_precondition", "separation": "separated_first",
            "targets": "all_violators", "start_date": "may_25"}
US_OFFER = {"joint_action": "deconfliction_only", "syria_coordination": "no_coordination",
            "precondition": "grounded_air_force", "separation": "no_separation",
            "targets": "nusra_only", "start_date": "when_verified"}


def move(side: str, made: Move, offer: dict[str, str] | None = None) -> Entry:
    return Entry(1, 1, "bargaining", "move", speaker=side, move=made, offer=offer)


def propose(side: str, offer: dict[str, str]) -> Entry:
    return move(side, Move.propose(offer), offer)


def meters(trust: float, ceasefire: float, private: str | None = None) -> Entry:
    return Entry(1, 1, "bargaining", "effect", title="Effects",
                 changes=(Change("meter", "trust", 0.0, trust),
                          Change("meter", "ceasefire", 0.0, ceasefire)), private=private)


def with_us(**changes: str) -> dict[str, str]:
    return {**RU_OFFER, **changes}


def test_nothing_said_yet_is_neutral() -> None:
    assert expression(SCENARIO, [], "us") == "neutral"
    assert last_speaker([]) is None


@pytest.mark.parametrize("tactic,face", [("strike_alone", "angry"), ("assad_first", "firm"),
                                         ("invoke_allies", "firm"),
                                         ("opening_statement", "neutral"),
                                         ("shared_enemy", "pleased"), ("goodwill", "pleased")])
def test_a_tactic_toward_a_side_sets_its_face(tactic: str, face: str) -> None:
    entries = [move("ru", Move.use(tactic))]
    assert expression(SCENARIO, entries, "us") == face
    # The side that used it answers to the other side's moves, not to its own.
    assert expression(SCENARIO, entries, "ru") == "neutral"


@pytest.mark.parametrize("made,face", [(Move.reject(), "firm"), (Move.wait(), "neutral")])
def test_other_moves_set_the_face(made: Move, face: str) -> None:
    assert expression(SCENARIO, [move("ru", made)], "us") == face


def test_an_offer_that_comes_closer_pleases_and_one_that_moves_away_angers() -> None:
    start = [propose("us", US_OFFER), propose("ru", RU_OFFER)]
    assert reaction(SCENARIO, start, "us") == "firm"      # a first offer far from ours
    closer = with_us(joint_action="deconfliction_only", targets="nusra_only")
    assert expression(SCENARIO, start + [propose("ru", closer)], "us") == "pleased"
    further = start + [propose("ru", closer), propose("us", US_OFFER),
                       propose("ru", RU_OFFER)]
    assert expression(SCENARIO, further, "us") == "angry"
    same = start + [propose("ru", RU_OFFER)]
    assert expression(SCENARIO, same, "us") == "firm"
    assert expression(SCENARIO, start + [propose("ru", US_OFFER)], "us") == "pleased"


def test_the_climate_tilts_a_firm_or_neutral_face() -> None:
    low, high = meters(10, 20), meters(90, 80)
    assert climate(SCENARIO, []) == pytest.approx((0.35 + 0.55) / 2)
    assert climate(SCENARIO, [low]) == pytest.approx(0.15)
    assert expression(SCENARIO, [low], "us") == "firm"
    assert expression(SCENARIO, [high], "us") == "pleased"
    rejected = [move("ru", Move.reject())]
    assert expression(SCENARIO, rejected + [low], "us") == "angry"
    assert expression(SCENARIO, rejected + [high], "us") == "neutral"
    # A threat stays a threat, and a gesture a gesture, whatever the climate.
    assert expression(SCENARIO, [move("ru", Move.use("strike_alone")), high], "us") == "angry"
    assert expression(SCENARIO, [move("ru", Move.use("goodwill")), low], "us") == "pleased"


def test_private_entries_never_change_a_face() -> None:
    base = [move("ru", Move.reject())]
    hidden = base + [meters(5, 5, private="us"),
                     Entry(1, 1, "bargaining", "move", speaker="ru",
                           move=Move.use("strike_alone"), private="ru")]
    assert expression(SCENARIO, hidden, "us") == expression(SCENARIO, base, "us") == "firm"
    assert last_speaker(hidden) == "ru"


def test_the_end_of_the_talks_sets_both_faces() -> None:
    deal = [propose("us", US_OFFER), move("ru", Move.accept()),
            Entry(1, 1, "bargaining", "outcome", ref="deconfliction_agreed")]
    assert expression(SCENARIO, deal, "us") == expression(SCENARIO, deal, "ru") == "pleased"
    left = [move("us", Move.walkout()), Entry(1, 1, "bargaining", "outcome", ref="us_walkout")]
    assert expression(SCENARIO, left, "us") == "firm"
    assert expression(SCENARIO, left, "ru") == "angry"
    late = [Entry(1, 1, "final", "outcome", ref="deadline_status_quo")]
    assert expression(SCENARIO, late, "us") == "firm"
    assert expression(SCENARIO, [meters(5, 5), *late], "us") == "angry"


def test_the_last_speaker_is_whoever_moved_last() -> None:
    entries = [propose("us", US_OFFER), meters(40, 50), move("ru", Move.use("goodwill")),
               Entry(1, 1, "bargaining", "event", title="An event")]
    assert last_speaker(entries) == "ru"


def test_faces_follow_a_real_game_and_are_the_same_for_every_seat() -> None:
    session = Session.start(SCENARIO, Settings(), DEMO, seed=3)
    game = session.game
    seen = set()
    while not game.finished:
        session.play_computer()
        for side in game.sides:
            face = expression(SCENARIO, game.log, side)
            assert face == expression(SCENARIO, game.visible_log(side), side)
            assert face == expression(SCENARIO, game.visible_log(None), side)
            seen.add(face)
    assert len(seen) >= 2


def test_an_offer_that_gives_more_than_was_asked_does_not_anger() -> None:
    """Russia left the US's option on the precondition for one nearer the US's opening one:
    more than the US asked. As the record judges it, that is no step away."""
    us_asks = {**US_OFFER, "precondition": "verified_calm"}
    matched = with_us(precondition="verified_calm")
    start = [propose("us", US_OFFER), propose("ru", RU_OFFER), propose("us", us_asks),
             propose("ru", matched)]
    more = with_us(precondition="grounded_air_force")  # nearer the US's opening ask
    assert reaction(SCENARIO, start + [propose("ru", more)], "us") == "firm"
    less = with_us(precondition="russian_pledge")      # away from it: a step back
    assert reaction(SCENARIO, start + [propose("ru", less)], "us") == "angry"
