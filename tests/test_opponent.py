"""The opponent model kept up to date from one decision to the next: a model made from a
side's notes is the model made afresh from the whole view, value for value."""

from __future__ import annotations

import random
from functools import cache

import pytest

from game.engine import Game
from game.library import shipped_scenarios
from game.model import Scenario
from game.opponent import OpponentModel, OpponentNotes, opposed_values
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import play_one
from game.view import SideView


@cache
def scenarios() -> tuple[Scenario, ...]:
    return tuple(load_scenario(path) for path in shipped_scenarios())


def assert_same(model: OpponentModel, fresh: OpponentModel) -> None:
    # Every attribute, floats compared exactly: the negotiator's choices read them all.
    assert vars(model) == vars(fresh)
    assert list(model.responses) == list(fresh.responses)


def replayed_views(game: Game) -> list[dict[str, SideView]]:
    """Both sides' views of *game* before each of its moves and at its end."""
    replay = Game(game.scenario, game.settings, game.seed)
    views = []
    for _side, move, reason in game.moves:
        views.append({side: replay.view(side) for side in replay.sides})
        replay.apply(move, reason)
    views.append({side: replay.view(side) for side in replay.sides})
    return views


GAMES = [(scenario, seed, players)
         for scenario in range(3) for seed in range(12)
         for players in ({}, {"first": "principled"}, {"second": "hardline"})]


@pytest.mark.parametrize("which, seed, players", GAMES)
def test_a_model_from_notes_equals_a_fresh_one_at_every_move(
        which: int, seed: int, players: dict[str, str]) -> None:
    scenario = scenarios()[which]
    first, second = scenario.side_ids
    styles = {first if key == "first" else second: style for key, style in players.items()}
    settings = Settings(difficulty=("easy", "normal", "hard")[seed % 3])
    game = play_one(scenario, seed, settings, players=styles)
    views = replayed_views(game)
    # Notes read at every move and notes read now and then (as a negotiator reads them:
    # only when the other side has proposed or named something new) must both agree.
    cadence = random.Random(seed)
    for side in game.sides:
        every = OpponentNotes(scenario.issues, opposed_values(views[0][side]))
        sometimes = OpponentNotes(scenario.issues, opposed_values(views[0][side]))
        for moment in views:
            view = moment[side]
            fresh = OpponentModel(view)
            assert_same(every.model(view), fresh)
            if cadence.random() < 0.3 or moment is views[-1]:
                assert_same(sometimes.model(view), fresh)


def test_the_notes_read_a_view_afresh_when_it_does_not_carry_on_from_the_last() -> None:
    scenario = scenarios()[0]
    side = scenario.side_ids[0]
    games = [play_one(scenario, seed, Settings()) for seed in (1, 2)]
    late, other = (replayed_views(game) for game in games)
    notes = OpponentNotes(scenario.issues, opposed_values(late[0][side]))
    assert notes.model(late[-1][side]).offers
    # The same game taken back to an earlier move, then another game altogether.
    for view in (late[len(late) // 2][side], other[-1][side], other[3][side]):
        assert_same(notes.model(view), OpponentModel(view))


def test_a_model_made_from_notes_is_not_changed_by_later_reading() -> None:
    scenario = scenarios()[0]
    side = scenario.side_ids[1]
    views = replayed_views(play_one(scenario, 4, Settings()))
    notes = OpponentNotes(scenario.issues, opposed_values(views[0][side]))
    middle = views[len(views) // 2][side]
    early = notes.model(middle)
    kept = {name: repr(value) for name, value in vars(early).items()}
    notes.model(views[-1][side])
    assert {name: repr(value) for name, value in vars(early).items()} == kept
    assert_same(early, OpponentModel(middle))
