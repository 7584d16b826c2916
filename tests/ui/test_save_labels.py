"""A finished save is listed by the name the debrief gives its outcome."""

from __future__ import annotations

from pathlib import Path

from game.library import DEFAULT_SCENARIO
from game.save import parse_save, to_save
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import play_one
from game.ui.save_labels import outcome_words

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def test_a_finished_save_is_listed_by_its_outcomes_name_in_the_scenario() -> None:
    scenario = load_scenario(DEFAULT_SCENARIO)
    names = {o.id: o.name for o in scenario.outcomes}
    seen = set()
    # Computers against each other reach nearly always the same outcome: a careless
    # player on one side in every other game brings others (a walkout, no deal).
    for seed in range(40):
        game = play_one(scenario, seed, Settings(),
                        players={"us": "careless"} if seed % 2 else None)
        save = to_save(game, ["us"])
        assert save.outcome is not None
        # The same words as the debrief's heading and the newspaper's.
        assert outcome_words(save) == names[save.outcome]
        seen.add(save.outcome)
    assert len(seen) > 1


def test_a_save_written_before_outcome_names_were_kept_still_lists_its_outcome() -> None:
    old = FIXTURES / "save_v3_generous.json"
    save = parse_save(old.read_bytes())
    assert save.outcome_name is None
    assert outcome_words(save) == "Verified joint operation"
