"""The log at the table brings each new line into view."""

from __future__ import annotations

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
