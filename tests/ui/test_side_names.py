"""A side's name reads as English inside a sentence on every screen and page: "Offers by the
United States", "the United States' fallback", never "United States's" or "by United
States" (a scenario says how its name reads in a sentence: ``in_sentence``)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from game import transcript
from game.debrief import debrief
from game.errors import ScenarioError
from game.handout import answer_sheet_html, side_page
from game.library import shipped_scenarios
from game.model import Scenario, Side
from game.play.headline import boxed, front_page
from game.play.moment import what_changed
from game.play.session import Session
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import play_one
from game.textdebrief import write_debrief
from game.textplay import TextGame
from game.ui.charts import legend
from game.ui.moment_card import moment_spans

SCENARIOS = [load_scenario(path) for path in shipped_scenarios()]


def test_a_sides_name_in_a_sentence_takes_its_article_and_possessive() -> None:
    us = SCENARIOS[0].sides["us"]
    assert (us.called, us.called_first, us.whose) == \
        ("the United States", "The United States", "the United States'")
    ru = SCENARIOS[0].sides["ru"]
    assert (ru.called, ru.called_first, ru.whose) == ("Russia", "Russia", "Russia's")
    plain = us.model_copy(update={"in_sentence": None})
    assert isinstance(plain, Side) and plain.called == "United States"


def test_a_name_in_a_sentence_without_the_name_is_refused_where_it_stands(
        tmp_path: Path) -> None:
    text = shipped_scenarios()[0].read_text(encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("in_sentence: the United States", "in_sentence: the US"),
                   encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(bad)
    said = str(caught.value)
    assert "in_sentence must contain the side's name 'United States'" in said
    line = next(n for n, row in enumerate(bad.read_text().splitlines(), 1)
                if "in_sentence: the US" in row)
    assert f"bad.yaml:{line}:" in said


#: A name used inside a sentence without the article it takes.
BARE = re.compile(r"United States's|\b(?:by|for|of|to|and|between|with|from|on|[Ww]orth to) "
                  r"United States\b|^United States (?:moves|is|walks|has)\b", re.M)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_no_screen_or_page_uses_a_bare_name_in_a_sentence(scenario, make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    theme = app.theme
    pages = [answer_sheet_html(scenario), *(side_page(scenario, side, Settings())
                                            for side in scenario.sides)]
    for page in pages:
        assert BARE.search(page) is None
    for seed, players in ((1, None), (2, {"us": "hardline"}), (3, {"ru": "careless"})):
        game = play_one(scenario, seed, Settings(), players=players)
        texts = [transcript.markdown(game), transcript.html(game)]
        for viewer in (*game.sides, None):
            moment = what_changed(game, game.log, viewer)
            texts += [span.text for span in moment_spans(moment, viewer)]
        texts += boxed(front_page(scenario, game.state, game.log))
        report = debrief(game)
        texts += [text for _, text, _ in legend(scenario, report, theme)]
        session = Session(game, ())
        out = io.StringIO()
        terminal = TextGame(session, io.StringIO(), out)
        write_debrief(scenario, report, set(), True, terminal.say, terminal.rule, out.write)
        texts.append(" ".join(out.getvalue().split()))
        for text in texts:
            found = BARE.search(text)
            assert found is None, (seed, found.group(0) if found else "", text[:300])


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_the_terminal_game_uses_no_bare_name_in_a_sentence(scenario: Scenario) -> None:
    # The whole terminal game as a player at each side reads it: the title, the brief,
    # every turn's table ("On the table, from the United States") and the moves.
    from game.engine import Game
    for side in scenario.side_ids:
        session = Session(Game(scenario, Settings(), seed=5), {side})
        out = io.StringIO()
        TextGame(session, io.StringIO("\n" + "p\n" * 5 + "q\ny\n"), out).run()
        text = " ".join(out.getvalue().split())
        assert "On the table, from " in text
        found = BARE.search(text)
        assert found is None, (side, found.group(0) if found else "")


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_each_side_s_goal_names_the_meters_it_must_not_wreck(scenario: Scenario) -> None:
    # Every front end states the goal with the scenario's own meters: the shared ones and
    # the side's own, never another scenario's ("support at home" where the meter is
    # "US standing with its partners").
    from game.engine import Game
    from game.play.wording import at_stake
    for side in scenario.side_ids:
        stake = at_stake(scenario, side)
        own = [m.name for m in scenario.meters if m.side == side]
        others = [m.name for m in scenario.meters if m.side not in (None, side)]
        assert all(name in stake for name in own)
        assert not any(name in stake for name in others)
        session = Session(Game(scenario, Settings(), seed=5), {side})
        out = io.StringIO()
        TextGame(session, io.StringIO(), out).briefing(side)
        assert f"without wrecking {stake}." in " ".join(out.getvalue().split())


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_the_window_states_the_same_goal(path: Path, make_app) -> None:  # type: ignore[no-untyped-def]
    from game.play.wording import at_stake
    from game.ui.table_panels import goal_texts
    from tests.ui.conftest import seated_vs_computer

    table = seated_vs_computer(make_app(), path)
    stake = at_stake(table.session.game.scenario, "us")
    assert goal_texts(table)[0].endswith(f"do not wreck {stake}.")
