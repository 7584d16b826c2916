"""Every shipped scenario validates, and 500 computer games of it play out cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.library import DEFAULT_SCENARIO, shipped_scenarios
from game.model import Scenario
from game.scenario import check_file, load_scenario
from game.settings import Settings
from game.simulate import Tally, play_one, summary

SCENARIOS = shipped_scenarios()


def test_the_default_scenario_is_shipped_and_listed_first() -> None:
    assert SCENARIOS and SCENARIOS[0] == DEFAULT_SCENARIO


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_shipped_scenario_validates_without_problems(path: Path) -> None:
    scenario, problems = check_file(path)
    assert scenario is not None and problems == []


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_shipped_scenario_plays_500_computer_games(path: Path) -> None:
    scenario = load_scenario(path)
    tally = Tally()
    for seed in range(500):
        game = play_one(scenario, seed, Settings())
        assert game.finished and game.state.round <= game.state.rounds
        tally.add(game)
    figures = summary(scenario, tally)
    assert figures["games"] == 500
    # Two computers find the main scenario's verified joint operation in nearly every game
    # (the tutorial's in every one: each keeps what both offers already share); the other
    # outcomes come from how the talks are played: moods and events, and students who
    # play carelessly on either side.
    for side in scenario.side_ids:
        for seed in range(100):
            tally.add(play_one(scenario, seed, Settings(), players={side: "careless"}))
    outcomes = summary(scenario, tally)["outcomes"]
    assert len([o for o, count in outcomes.items() if count]) >= 4, outcomes


def test_the_main_scenario_meets_its_content_minimums() -> None:
    s = load_scenario(DEFAULT_SCENARIO)
    assert len(s.issues) >= 5 and all(len(i.options) >= 3 for i in s.issues)
    assert len(s.meters) >= 4 and len(s.tactics) >= 8 and len(s.events) >= 4
    assert len(s.phases) >= 3 and len(s.outcomes) >= 5
    assert len(s.debrief.questions) >= 5 and all(side.brief for side in s.sides.values())
    check_quotes(s)


def check_quotes(scenario: Scenario) -> bool:
    """Assert that each source of *scenario* quotes its text word for word: a source from
    the article quotes it; any other (a government's own words) quotes what the checked
    history gives in quotation marks, cut pieces marked "[...]" and a slip of the original
    marked "[sic]". False when the shared
    article and history are not beside the project (nothing checked)."""
    shared = Path(__file__).resolve().parents[2] / "shared"
    article, history = shared / "seed/article.txt", shared / "HISTORY.md"
    if not (article.exists() and history.exists()):
        return False

    def plain(path: Path) -> str:
        return " ".join(path.read_text(encoding="utf-8").split()).replace("\u2019", "'")
    texts = {"the article": plain(article), "the history": plain(history)}
    for source in scenario.sources:
        where = "the article" if "Washington Examiner" in source.origin else "the history"
        # "[sic]" marks a slip of the original, quoted as it stands.
        quoted = " ".join(source.text.split()).replace("\u2019", "'").replace(" [sic]", "")
        for piece in quoted.replace("[Assad]", "[...]").split("[...]"):
            piece = piece.strip(" .")
            if piece:
                assert piece in texts[where], f"source {source.id} does not quote {where}"
    return True


def test_the_shipped_schema_is_the_formats_own() -> None:
    import json

    from game.model import Scenario
    shipped = json.loads((SCENARIOS[0].parent / "scenario.schema.json").read_text("utf-8"))
    assert shipped == Scenario.model_json_schema(), \
        "regenerate it: python main.py schema -o scenarios/scenario.schema.json"


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_shipped_scenarios_point_editors_to_the_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./scenario.schema.json"


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_quotation_marks_in_briefs_hold_only_words_from_the_record(path: Path) -> None:
    # Nothing is shown in quotation marks that is not verbatim: a quoted phrase in a brief
    # is from the article or from the dated facts of the history.
    import re

    shared = Path(__file__).resolve().parents[2] / "shared"
    if not (shared / "seed/article.txt").exists():
        pytest.skip("the shared sources are not beside the project")
    record = " ".join((shared / "seed/article.txt").read_text(encoding="utf-8").split()) + \
        " ".join((shared / "HISTORY.md").read_text(encoding="utf-8").split())
    record = record.replace("\u2019", "'")
    for side in load_scenario(path).sides.values():
        text = " ".join(side.brief.split()).replace("\u2019", "'")
        for quoted in re.findall(r'["\u201c]([^"\u201d]+)["\u201d]', text):
            assert quoted in record, f"{side.name}'s brief quotes words not in the record: " \
                                     f"{quoted!r}"


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_shipped_source_quotes_its_text_word_for_word(path: Path) -> None:
    # As for the main scenario (above), in every shipped scenario.
    if not check_quotes(load_scenario(path)):
        pytest.skip("the shared article and history are not beside the project")
