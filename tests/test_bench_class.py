"""The class benchmark's own check, on a small class: every game finishes, none is mixed
up with another table's, and every move is answered."""

from __future__ import annotations

from benchmarks.bench_class import main


def test_a_small_class_plays_every_game_to_its_end() -> None:
    figures = main(tables=3, rounds=2)
    assert figures["class_games_finished"] == figures["class_games_expected"] == 6
    assert figures["class_games_mixed_up"] == 0
    assert figures["class_moves"] >= 6 * 8  # every game has at least 16 moves, 2 devices
