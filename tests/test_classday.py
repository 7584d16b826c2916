"""The class day on loopback (benchmarks/bench_classday.py): four tables of terminal
clients, game windows and a team against the computer, the teacher's page in Chromium
where it is installed, a client and the server killed and started again mid-game; every
game finishes with the record it would have had without the faults, and the report and
transcripts come from the page. And the check of the records can fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.bench_classday import (DEAL_PACKAGE, HOLD_ROUND, Device, Turn, check_records,
                                       chromium, decide, main, reference_game)
from game.moves import Move
from game.play.session import Session
from game.save import to_save, write_save
from game.settings import Settings
from tests.net_helpers import scenario


def test_a_class_day_with_faults_finishes_every_game_as_it_would_have() -> None:
    figures = main()
    assert figures["browser"] == (chromium() is not None)
    assert figures["classday_games_finished"] == 4
    assert figures["classday_report_rows"] == 8 and figures["classday_transcripts"] == 8
    # The server was killed while every table was playing, past its opening (every team
    # waits at HOLD_ROUND for the restart, so that no table has finished by then).
    rounds = figures["rounds_when_the_server_was_killed"]
    assert min(rounds) >= 2 and max(rounds) == HOLD_ROUND
    assert len(figures["outcomes"]) == 4
    assert figures["classday_answers"] >= 40


def test_the_players_rule() -> None:
    assert decide("deal", "ru", Turn(6, False, False)) == "propose"
    assert decide("deal", "us", Turn(6, False, True)) == "accept"
    assert decide("deal", "us", Turn(5, False, True)) == "pass"
    assert decide("talk", "us", Turn(7, False, True)) == "pass"
    assert decide("computer", "us", Turn(6, False, True)) == "accept"
    assert decide("deal", "ru", Turn(6, True, False)) == "deflect"


def _saves(folder: Path, changed: bool = False) -> list[Device]:
    """Four finished games by the players' rule, saved as the server saves them (with
    *changed*, one of them with another move than the rule's in its fifth turn)."""
    s = scenario()
    devices = []
    for n, (plan, teams, humans) in enumerate([
            ("deal", {"us": "A1", "ru": "A2"}, ["us", "ru"]),
            ("talk", {"us": "B1", "ru": "B2"}, ["us", "ru"]),
            ("talk", {"us": "C1", "ru": "C2"}, ["us", "ru"]),
            ("computer", {"us": "D1"}, ["us"])]):
        game = reference_game(s, Settings(), 100 + n, teams, humans, plan)
        if changed and n == 1:
            session = Session.start(s, Settings(), "hotseat", teams=teams, seed=100 + n)
            for _, move, _ in game.moves[:4]:
                session.play(move)
            side = session.game.to_move
            session.play(next(c.move for c in session.game.choices(side)
                              if c.why_not is None and c.move.kind not in
                              ("pass", "walkout", "propose", "answer", "deflect")))
            while not session.game.finished:
                session.play(Move.wait() if session.game.state.asked is None
                             else Move.deflect())
            game = session.game
        write_save(to_save(game, humans), folder / f"table-{n + 1}.json")
        devices += [Device(team, plan, side, [], {}) for side, team in teams.items()]
    return devices


def test_the_check_of_the_records_finds_a_changed_game(tmp_path: Path) -> None:
    (tmp_path / "good").mkdir()
    devices = _saves(tmp_path / "good")
    assert check_records(tmp_path / "good", scenario(), devices)["classday_moves_checked"] > 40
    (tmp_path / "bad").mkdir()
    devices = _saves(tmp_path / "bad", changed=True)
    with pytest.raises(AssertionError, match="table-2.json"):
        check_records(tmp_path / "bad", scenario(), devices)
    assert len(DEAL_PACKAGE) == len(scenario().issues)
