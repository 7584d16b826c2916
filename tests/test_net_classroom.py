"""The class: joining tables, moves for one's own side, the teacher's controls, saves and a
restarted server (no network: the classroom itself)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from game.moves import Move
from game.net.classroom import (CODE_LENGTH, PAUSED, PLAYING, Classroom, Refusal,
                                clean_team_name)
from game.net.messages import (PROTOCOL_VERSION, BadMessage, Farewell, Final, Join, Notice, Refused, Update, Welcome,
                               _Message, entry_from_json, read_client_message)
from game.net.redact import WITHHELD, side_scenario
from game.save import read_save
from game.scenario import read_scenario
from game.settings import Settings
from tests.net_helpers import scenario


class Device:
    """What one team's device was sent."""

    def __init__(self) -> None:
        self.messages: list[_Message | None] = []

    def __call__(self, message: _Message | None) -> None:
        self.messages.append(message)

    def of(self, kind: type) -> list[Any]:
        return [m for m in self.messages if isinstance(m, kind)]

    @property
    def last(self) -> Update:
        return self.of(Update)[-1]


def _class(tmp_path: Path, **settings: Any) -> Classroom:
    return Classroom(scenario(), Settings().updated(**settings) if settings else Settings(),
                     tmp_path)


def _join(room: Classroom, team: str, **extra: Any) -> tuple[Any, Any, Device]:
    device = Device()
    table, seat, _ = room.join(Join(code=room.code, team=team, **extra), device)
    return table, seat, device


def test_the_code_and_password_are_long_random_and_kept(tmp_path: Path) -> None:
    room = _class(tmp_path)
    other = _class(tmp_path / "other")
    assert len(room.code) == CODE_LENGTH and len(room.password) >= 12
    assert room.code != other.code and room.password != other.password
    assert (tmp_path / "class.json").stat().st_mode & 0o077 == 0
    again = _class(tmp_path)
    assert (again.code, again.password) == (room.code, room.password)


def test_two_teams_share_a_table_one_side_each(tmp_path: Path) -> None:
    room = _class(tmp_path)
    table_a, seat_a, a = _join(room, "Alpha")
    assert a.last.status == "waiting" and not table_a.started
    table_b, seat_b, b = _join(room, "Beta")
    assert table_a is table_b and {seat_a.side, seat_b.side} == {"us", "ru"}
    assert table_a.session is not None and set(table_a.session.humans) == {"us", "ru"}
    assert table_a.session.game.teams == {seat_a.side: "Alpha", seat_b.side: "Beta"}
    # A third team waits at a new table.
    table_c, _, _ = _join(room, "Gamma")
    assert table_c is not table_a


def test_a_team_asks_for_a_side(tmp_path: Path) -> None:
    room = _class(tmp_path)
    _, seat, _ = _join(room, "Alpha", side="us")
    assert seat.side == "us"
    table, seat2, _ = _join(room, "Beta", side="us")
    assert seat2.side == "us" and not table.started  # not the table where "us" is taken
    with pytest.raises(Refusal, match="no side 'xx'"):
        _join(room, "Delta", side="xx")
    # A side by its name, as a player types it.
    _, seat3, _ = _join(room, "Epsilon", side="Russia")
    assert seat3.side == "ru"


def test_a_wrong_code_or_name_is_refused_plainly(tmp_path: Path) -> None:
    room = _class(tmp_path)
    with pytest.raises(Refusal, match="class code"):
        room.join(Join(code="WRONG123", team="Alpha"), Device())
    with pytest.raises(Refusal, match="computer's name"):
        _join(room, "computer")
    with pytest.raises(Refusal, match="name"):
        _join(room, "\x1b[2J\x07")
    assert clean_team_name("  Team\x1b]0;x\x07  One ") == "Team One"
    # The code may be typed in small letters.
    room.join(Join(code=room.code.lower(), team="Alpha"), Device())


def test_moves_wait_for_the_teacher_and_stop_when_paused(tmp_path: Path) -> None:
    room = _class(tmp_path)
    table, seat, a = _join(room, "Alpha", computer=True)
    assert table.session is not None
    mover = table.session.game.to_move
    assert mover == seat.side or mover is not None
    with pytest.raises(Refusal, match="not started"):
        room.move(table, seat, Move.wait().to_json())
    room.start()
    assert any("started" in n.text for n in a.of(Notice))
    assert table.session.game.to_move == seat.side  # the computer moved first if it opens
    room.pause()
    assert room.status == PAUSED
    with pytest.raises(Refusal, match="paused"):
        room.move(table, seat, Move.wait().to_json())
    assert _class(tmp_path).status == PAUSED  # a restarted server keeps it paused
    room.start()
    assert room.status == PLAYING
    room.move(table, seat, Move.wait().to_json())
    assert table.session.game.to_move == seat.side  # the computer answered at once


def test_a_team_moves_only_for_its_own_side_on_its_turn(tmp_path: Path) -> None:
    room = _class(tmp_path)
    table, seat_a, a = _join(room, "Alpha")
    _, seat_b, b = _join(room, "Beta")
    room.start()
    assert table.session is not None
    first = table.session.game.to_move
    mover, waiter = (seat_a, seat_b) if first == seat_a.side else (seat_b, seat_a)
    with pytest.raises(Refusal, match="not your turn"):
        room.move(table, waiter, Move.wait().to_json())
    with pytest.raises(Refusal, match="could not read"):
        room.move(table, mover, {"kind": "fly"})
    with pytest.raises(Refusal, match="clock"):
        room.move(table, mover, Move.wait().on_timeout().to_json())
    with pytest.raises(Refusal, match="accept"):
        room.move(table, mover, Move.accept().to_json())  # the engine's own sentence
    room.move(table, mover, Move.wait().to_json())
    assert table.session.game.to_move == waiter.side
    # Both devices were told, and only the side to move got its choices.
    mover_device, waiter_device = (a, b) if mover is seat_a else (b, a)
    assert waiter_device.last.choices and not mover_device.last.choices


def test_the_teacher_message_reaches_every_table(tmp_path: Path) -> None:
    room = _class(tmp_path)
    devices = [_join(room, name)[2] for name in ("A", "B", "C")]
    room.message("Five minutes left.\x1b[2J")
    for device in devices:
        assert device.of(Notice)[-1].text == "From your teacher: Five minutes left."
    with pytest.raises(Refusal):
        room.message("   ")
    with pytest.raises(Refusal, match="500"):
        room.message("x" * 501)


def test_time_runs_out_on_the_server(tmp_path: Path) -> None:
    now = [0.0]
    room = Classroom(scenario(), Settings().updated(seconds_per_turn=30), tmp_path,
                     clock=lambda: now[0])
    table, seat, device = _join(room, "Alpha", computer=True)
    room.start()
    assert table.session is not None
    moves = len(table.session.game.moves)
    assert device.last.seconds_left == 30
    now[0] = 29
    assert room.tick() == 0
    now[0] = 31
    assert room.tick() == 1
    game = table.session.game
    assert any(e.kind == "timeout" for e in game.log)
    assert len(game.moves) > moves and game.to_move == seat.side


def test_rejoining_finds_the_game_where_it_was(tmp_path: Path) -> None:
    room = _class(tmp_path)
    table, seat, first = _join(room, "Alpha", computer=True)
    room.start()
    room.move(table, seat, Move.wait().to_json())
    room.leave(seat, first)
    assert seat.send is None
    again = Device()
    table2, seat2, previous = room.join(Join(code=room.code, team="alpha"), again)
    assert table2 is table and seat2 is seat and previous is None
    update = again.last
    assert update.start == 0
    record = [entry_from_json(e) for e in update.entries]
    assert len(record) == len(first.last.entries) + first.last.start
    # A second device for the same team takes the seat; the first is told and let go.
    third = Device()
    room.join(Join(code=room.code, team="Alpha"), third)
    assert any(isinstance(m, Farewell) and "another device" in m.text
               for m in again.messages)


def test_two_teams_that_ask_for_the_same_side_are_told_whom_they_wait_for(
        tmp_path: Path) -> None:
    room = _class(tmp_path)
    first, _, alpha = _join(room, "Alpha", side="us")
    second, _, beta = _join(room, "Beta", side="us")
    assert first is not second  # one side each: they cannot share a table
    for device in (alpha, beta):
        assert device.last.note == ("Waiting for a team to join your table and play Russia. "
                                    "(A team that asks for the United States too waits at "
                                    "a table of its own.)")


def test_every_table_is_saved_and_restored_after_a_restart(tmp_path: Path) -> None:
    room = _class(tmp_path)
    table, seat_a, _ = _join(room, "Alpha")
    _, seat_b, _ = _join(room, "Beta")
    vs_table, vs_seat, _ = _join(room, "Gamma", computer=True)
    room.start()
    assert table.session is not None and vs_table.session is not None
    for _ in range(3):
        mover = seat_a if table.session.game.to_move == seat_a.side else seat_b
        room.move(table, mover, Move.wait().to_json())
    room.move(vs_table, vs_seat, Move.wait().to_json())
    room.flush()
    saved = sorted((tmp_path / "tables").glob("*.json"))
    assert len(saved) == 2
    assert read_save(saved[0]).teams  # the normal save format
    # No move is taken back at a class's table, whatever the settings file says: the saves
    # (and so the class report) record it, as the rules of the day say.
    assert room.rules().count("no moves taken back") == 1
    assert all(read_save(path).settings["undo"] is False for path in saved)
    log_before = list(table.session.game.log)
    vs_before = list(vs_table.session.game.log)

    restarted = _class(tmp_path)
    assert restarted.restored == 2 and restarted.code == room.code
    assert restarted.status == PLAYING  # as the teacher left it
    device = Device()
    table2, seat2, _ = restarted.join(Join(code=room.code, team="Alpha"), device)
    assert table2.session is not None and list(table2.session.game.log) == log_before
    assert seat2.side == seat_a.side
    _, gamma, _ = restarted.join(Join(code=room.code, team="Gamma"), Device())
    assert gamma.side == vs_seat.side
    vs_table2 = next(t for t in restarted.tables.values() if t.computer)
    assert vs_table2.session is not None and list(vs_table2.session.game.log) == vs_before
    # Play goes on where it was.
    mover = seat2 if table2.session.game.to_move == seat2.side else table2.seats[
        next(s for s in table2.seats if s != seat2.side)]
    restarted.move(table2, mover, Move.wait().to_json())
    assert len(table2.session.game.moves) == 4


def test_the_teacher_sees_every_table(tmp_path: Path) -> None:
    room = _class(tmp_path)
    _join(room, "Alpha")
    _join(room, "Beta")
    _join(room, "Gamma", computer=True)
    _join(room, "Delta")
    room.start()
    view = room.overview()
    assert view["status"] == PLAYING and len(view["tables"]) == 3
    first = view["tables"][0]
    assert {t["team"] for t in first["teams"].values()} == {"Alpha", "Beta"}
    assert first["round"].startswith("Opening") and len(first["meters"]) == 4
    waiting = view["tables"][2]
    assert "waiting" in waiting["round"]
    assert "8 rounds" in view["rules"] and "no time limit" in view["rules"]
    timed = _class(tmp_path / "timed", seconds_per_turn=90, rounds=4)
    assert "6 rounds" in timed.rules() and "90 seconds a move" in timed.rules()
    json.dumps(view)  # plain data


# ----- the messages ------------------------------------------------------------------------

@pytest.mark.parametrize("raw, said", [
    ("not json", "one JSON object"),
    ("[1]", "one JSON object"),
    ('{"v": 1, "type": "join"}', "protocol version 2"),
    ('{"v": 2, "type": "dance"}', "cannot read"),
    ('{"v": 2, "type": "join", "code": "A", "team": "B", "admin": true}', "cannot read"),
    ('{"v": 2, "type": "join", "code": "A", "team": "' + "x" * 31 + '"}', "cannot read"),
    ('{"v": 2, "type": "move", "move": {}, "pad": "' + "x" * 5000 + '"}', "too long"),
    ("[" * 3000 + "]" * 3000, "too long"),
])
def test_a_bad_message_gets_a_plain_sentence(raw: str, said: str) -> None:
    with pytest.raises(BadMessage, match=said):
        read_client_message(raw)


def test_a_good_message_is_read() -> None:
    message = read_client_message('{"v": 2, "type": "join", "code": "ABC", "team": "T"}')
    assert isinstance(message, Join) and message.side is None and not message.computer


# ----- what a side is sent ------------------------------------------------------------------

def test_the_scenario_sent_to_a_side_has_none_of_the_other_sides_secrets() -> None:
    full = scenario()
    sent = side_scenario(full, "us")
    text = json.dumps(sent)
    ru = full.sides["ru"]
    for secret in [ru.brief, ru.batna.description, *ru.priorities,
                   *(r.text for r in ru.red_lines), *(c.why for c in ru.combinations)]:
        assert secret not in text
    assert sent["sides"]["ru"]["brief"] == WITHHELD
    assert all(v == 0.0 for options in sent["sides"]["ru"]["values"].values()
               for v in options.values())
    # The side's own brief and values are all there, and the client can read it all.
    assert sent["sides"]["us"]["brief"] == full.sides["us"].brief
    again = read_scenario(text)
    assert again.sides["us"].values == full.sides["us"].values
    with pytest.raises(ValueError):
        side_scenario(full, "fr")


def test_refused_and_welcome_are_typed() -> None:
    assert Refused(text="no").model_dump()["v"] == PROTOCOL_VERSION
    with pytest.raises(ValueError):
        Welcome(table="1", side="us", team="A", scenario={}, settings={}, extra=1)  # type: ignore[call-arg]


def _play_out(room: Classroom, table: Any, limit: int = 400) -> None:
    """Play the table to its end: each side the first move it may make that is neither a
    proposal nor walking out (the rounds run out, or an offer is taken)."""
    session = table.session
    for _ in range(limit):
        game = session.game
        if game.finished:
            return
        side = game.to_move
        move = next(c.move for c in game.choices(side)
                    if c.why_not is None and c.move.kind not in ("propose", "walkout"))
        room.move(table, table.seats[side], move.to_json())
    raise AssertionError("the game did not end")


def test_a_table_restored_before_its_first_move_is_played(tmp_path: Path) -> None:
    room = _class(tmp_path)
    _join(room, "Alpha")
    _join(room, "Beta")
    _join(room, "Waiting")  # a team alone at its table: nothing to restore yet
    vs_table, _, _ = _join(room, "Gamma", computer=True)
    assert all(not t.session.game.moves for t in room.tables.values() if t.session)
    room.flush()
    saved = sorted(p.name for p in (tmp_path / "tables").glob("*.json"))
    assert [name.split("-")[:2] for name in saved] == [["table", "1"], ["table", "3"]]
    assert not read_save(tmp_path / "tables" / saved[0]).moves

    restarted = _class(tmp_path)
    assert restarted.restored == 2
    assert sorted(restarted.tables) == ["1", "3"]  # the numbers the teacher saw
    assert restarted.tables["3"].computer and vs_table.id == "3"
    alpha, beta = Device(), Device()
    table, seat_a, _ = restarted.join(Join(code=room.code, team="Alpha"), alpha)
    table_b, seat_b, _ = restarted.join(Join(code=room.code, team="beta"), beta)
    assert table is table_b is restarted.tables["1"] and seat_a.side != seat_b.side
    assert alpha.last.teams == {seat_a.side: "Alpha", seat_b.side: "Beta"}
    # A new team gets a new number, never a restored table's.
    table_d, _, _ = _join(restarted, "Delta", computer=True)
    assert table_d.id == "4"
    restarted.start()
    mover = alpha if table.session.game.to_move == seat_a.side else beta
    assert mover.last.choices and mover.last.status == PLAYING
    _play_out(restarted, table)
    assert any(isinstance(m, Final) for m in alpha.messages)
    restarted.flush()
    # Still the one file, now with the whole game.
    again = read_save(tmp_path / "tables" / saved[0])
    assert again.finished and len(again.moves) == len(table.session.game.moves)
    # The table against the computer goes on too.
    gamma = Device()
    vs_table2, gamma_seat, _ = restarted.join(Join(code=room.code, team="Gamma"), gamma)
    assert vs_table2.id == "3" and gamma.last.choices
    _play_out(restarted, vs_table2)
    assert vs_table2.finished


def test_a_finished_tables_results_are_worked_out_once_for_the_teachers_page(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The teacher's page asks for the class every second: a finished table's results are
    worked out once, and every later answer gives the same figures."""
    from game.net import classroom as classroom_module

    room = _class(tmp_path)
    table, _, _ = _join(room, "Alpha")
    _join(room, "Beta")
    room.start()
    _play_out(room, table)
    calls: list[object] = []
    real = classroom_module.debrief

    def counted(game):  # type: ignore[no-untyped-def]
        calls.append(game)
        return real(game)

    monkeypatch.setattr(classroom_module, "debrief", counted)
    first = room.overview()["tables"][0]["results"]
    again = room.overview()["tables"][0]["results"]
    assert len(calls) == 1 and first == again
    assert {r["team"] for r in first} == {"Alpha", "Beta"}


def test_the_teachers_page_names_a_tactic_made_without_the_move_lists_words(
        tmp_path: Path) -> None:
    # The move list says "Say where your red lines are, and still move"; a move made is named.
    room = _class(tmp_path)
    table, seat, _ = _join(room, "Alpha")
    _join(room, "Beta")
    room.start()
    assert table.session is not None
    game = table.session.game
    tactic = next(t for t in scenario().tactics if t.kind == "red_line")
    mover = table.seats[game.to_move or ""]
    while game.why_not(Move.use(tactic.id)) is not None:
        room.move(table, mover, Move.wait().to_json())
        mover = table.seats[game.to_move or ""]
    room.move(table, mover, Move.use(tactic.id).to_json())
    last = room.overview()["tables"][0]["last_move"]
    assert last.endswith(f": {tactic.name}") and "still move" not in last
