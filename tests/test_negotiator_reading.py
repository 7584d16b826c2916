"""The computer reads the table a little at a time: what it keeps from one decision to the
next (the best offer it has had, the threats it has made, the lowest each meter has been,
its notes on the other side) gives what a negotiator made afresh reads from the whole
view."""

from __future__ import annotations

from functools import cache

import pytest

from game.engine import Game
from game.library import shipped_scenarios
from game.model import Scenario
from game.negotiator import Negotiator
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import play_one
from game.view import SideView


@cache
def scenarios() -> tuple[Scenario, ...]:
    return tuple(load_scenario(path) for path in shipped_scenarios())


def views_of(game: Game, side: str) -> list[SideView]:
    """*side*'s view of *game* before each of its moves and at its end."""
    replay = Game(game.scenario, game.settings, game.seed)
    views = []
    for _side, move, reason in game.moves:
        views.append(replay.view(side))
        replay.apply(move, reason)
    views.append(replay.view(side))
    return views


def read_afresh(view: SideView) -> tuple[object, ...]:
    player = Negotiator(view)
    return player._best_offered(view), player._standing(view), player._threats_made(view), \
        player._lowest(view)


def read_on(player: Negotiator, view: SideView) -> tuple[object, ...]:
    return player._best_offered(view), player._standing(view), player._threats_made(view), \
        player._lowest(view)


@pytest.mark.parametrize("which", range(3))
@pytest.mark.parametrize("seed", range(6))
def test_what_it_keeps_between_decisions_is_what_a_fresh_reading_gives(
        which: int, seed: int) -> None:
    scenario = scenarios()[which]
    # A hardline side threatens, so the count of earlier threats is read too.
    game = play_one(scenario, seed, Settings(), players={scenario.side_ids[1]: "hardline"})
    for side in game.sides:
        views = views_of(game, side)
        player = Negotiator(views[0])
        for view in views:
            assert read_on(player, view) == read_afresh(view)


def test_a_view_that_does_not_carry_on_from_the_last_is_read_whole() -> None:
    scenario = scenarios()[0]
    side = scenario.side_ids[1]  # the side that threatens, read as the computer would
    first, second = (views_of(play_one(scenario, seed, Settings(), players=players), side)
                     for seed, players in ((3, {side: "hardline"}), (4, {})))
    player = Negotiator(first[0])
    player._standing(first[-1])
    # The same game taken back to an earlier move, then another game.
    for view in (first[len(first) // 2], second[-1], second[len(second) // 3]):
        assert read_on(player, view) == read_afresh(view)
    assert any(read_afresh(view)[1][2] for view in first)  # some threats were counted
    other = scenario.side_ids[0]  # ... and read by the side they were made against
    assert any(read_afresh(view)[2][1] for view in views_of(
        play_one(scenario, 3, Settings(), players={side: "hardline"}), other))
