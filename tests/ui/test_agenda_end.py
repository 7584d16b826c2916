"""Once the talks are over, the agenda says what the player holds: the deal and its worth,
or, without one, the fallback, and never speaks of a deal that was not made."""

from __future__ import annotations

import pygame
import pytest

from game.analysis import points
from game.library import DEFAULT_SCENARIO
from game.play.session import Session
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import play_one
from game.ui import agenda as agenda_module
from game.ui.agenda import NO_DEAL_NOTE, Agenda


def ended(deal: bool) -> Session:
    scenario = load_scenario(DEFAULT_SCENARIO)
    for seed in range(80):
        game = play_one(scenario, seed, Settings(), players={"us": "hardline"})
        if (game.state.agreed is not None) is deal:
            return Session(game, ("us",))
    raise AssertionError("no such game")


@pytest.mark.parametrize("deal", [True, False], ids=["deal", "no-deal"])
def test_the_agenda_at_the_end_speaks_of_a_deal_only_when_there_is_one(
        make_app, monkeypatch: pytest.MonkeyPatch, deal: bool) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    session = ended(deal)
    said: list[str] = []

    def paragraph(surface, font, text, *args, **kwargs):  # type: ignore[no-untyped-def]
        said.append(text)
        return 0

    monkeypatch.setattr(agenda_module, "paragraph", paragraph)
    board = Agenda(session)
    board.table = session.game.state.agreed
    board.worth_lines = board.note_lines = 4
    board._draw_end(pygame.Surface((400, 200)), app.theme, 0, 0, 400, "us")
    label, note = said
    fallback = points(session.game.fallback("us"))
    if deal:
        assert label.startswith("The deal: ") and NO_DEAL_NOTE not in said
    else:
        assert label == f"No deal: you keep your fallback, {fallback} points."
        assert note == NO_DEAL_NOTE and "the deal is worth" not in note


def test_a_package_that_cannot_stand_together_is_named_whole_in_the_note(
        make_app, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The note under the builder names the options that cannot stand together, whole: with
    their reason where it fits the note's lines, else alone (never cut off mid-word)."""
    from game.ui.text import wrap
    from tests.ui.conftest import seated_vs_computer

    app = make_app()
    table = seated_vs_computer(app)
    board = table.agenda
    said: list[tuple[str, int, int]] = []

    def paragraph(surface, font, text, colour, x, y, width, lines, where):  # type: ignore[no-untyped-def]
        said.append((text, len(wrap(text, font, width)), lines))
        return 0

    monkeypatch.setattr(agenda_module, "paragraph", paragraph)
    for row in board.rows:
        wanted = {"start_date": "may_25", "precondition": "verified_calm"}.get(row.issue.id)
        if wanted is not None:
            row.index = next(n for n, (option, _) in enumerate(row.values) if option == wanted)
    board.on_change()
    board.draw(pygame.Surface(app.size), app.theme)
    [(text, lines, room)] = [s for s in said if s[0].startswith("Cannot be proposed")]
    assert "Right away with Verified calm first" in text and lines <= room


@pytest.mark.parametrize("scenario_id", ["ceasefire_feb_2016", "joint_strikes_2016"])
def test_every_issue_is_in_view_with_a_proposal_on_the_table_at_1280x720(
        make_app, scenario_id: str) -> None:  # type: ignore[no-untyped-def]
    # A playtest proposed a February package without seeing one of its five issues: the
    # table's option on a line of its own under each row left room for four. The rows then
    # say only whether they hold the table's option; the table's proposal is whole in the
    # log and in the row's tooltip.
    from game.ui import flow, text
    from tests.ui.conftest import seated_vs_computer, skip_to_turn

    app = make_app((1280, 720))
    table = seated_vs_computer(app, flow.SCENARIOS / f"{scenario_id}.yaml")
    skip_to_turn(app, table)
    board = table.agenda
    if board.table is None:  # the player opens: it passes, and the computer proposes
        from game.moves import Move
        table.play(Move.wait())
        skip_to_turn(app, table)
    assert board.table is not None, "the computer's opening proposal is on the table"
    assert all(board.rows_rect.contains(row.rect) for row in board.rows), \
        [row.issue.id for row in board.rows if not board.rows_rect.contains(row.rect)]
    assert board.scrolls == (False, False)
    for row in board.rows:
        if row.on_table != row.value:
            assert f"On the table: {row.table_name}." in row.tooltip
    app.step(0.05)
    assert not text.OVERFLOWS


def test_a_small_window_names_the_tables_option_where_it_fits(make_app) -> None:  # type: ignore[no-untyped-def]
    """At 1024x600 every row said only "not as on the table" (a window playtest): a row
    names the table's option beside the issue wherever both fit on its line."""
    from game.ui import flow, text
    from tests.ui.conftest import seated_vs_computer, skip_to_turn

    app = make_app((1024, 600))
    table = seated_vs_computer(app, flow.SCENARIOS / "joint_strikes_2016.yaml")
    skip_to_turn(app, table)
    board = table.agenda
    if board.table is None:
        from game.moves import Move
        table.play(Move.wait())
        skip_to_turn(app, table)
    assert board.table is not None
    small, u = app.theme.fonts.get("small"), app.theme.unit
    named = cut = 0
    for row in board.rows:
        if row.on_table == row.value or not row.compact:
            continue
        fits = small.size(row.label)[0] + small.size(f"table: {row.table_name}")[0] + \
            3 * u <= row.rect.w
        tag = row.tag(app.theme)
        assert (tag == f"table: {row.table_name}") == fits, row.issue.id
        named += fits
        if not fits and tag != "not as on the table":
            # Too long to name whole: its start, cut short with an ellipsis, fits the line.
            assert tag.startswith("table: ") and tag.endswith("\u2026"), tag
            assert row.table_name.startswith(tag[len("table: "):-1].rstrip()), tag
            assert small.size(row.label)[0] + small.size(tag)[0] + 3 * u <= row.rect.w
            cut += 1
    assert named, "no row named the table's option"
    if not cut:
        # This game's table held no option too long to name whole: one is set on the row
        # of the precondition (its longest option), as a playtest's table held it.
        row = next(r for r in board.rows if r.issue.id == "precondition")
        longest = max(row.issue.options, key=lambda o: len(o.name))
        row.on_table, row.table_name = longest.id, longest.name
        row.index = next(k for k, (value, _) in enumerate(row.values) if value != longest.id)
        row.rect.w = small.size(row.label)[0] + small.size("table: Calm and g")[0] + 3 * u
        tag = row.tag(app.theme)
        assert tag.startswith("table: Calm") and tag.endswith("\u2026"), tag
        assert small.size(row.label)[0] + small.size(tag)[0] + 3 * u <= row.rect.w
    app.step(0.05)
    assert not text.OVERFLOWS


def test_the_header_on_the_last_move_does_not_ask_for_a_package() -> None:
    """On the game's last move, which cannot be a proposal, the header said "Your move:
    build a package or choose a move." over a greyed-out Counter button (a playtest)."""
    from game.engine import Game
    from game.moves import Move
    from game.ui.table_panels import what_now

    scenario = load_scenario(DEFAULT_SCENARIO)
    seen = set()
    for seed in range(20):
        played = play_one(scenario, seed, Settings(), players={"us": "principled"})
        game = Game(scenario, seed=seed)
        for _side, move, reason in played.moves:
            said = what_now(game)
            if game.state.last_turn:
                assert game.why_not(Move("propose")) is not None
                assert "package" not in said and said.startswith(", the last of the game:")
                mine = game.state.standing_by == game.to_move or game.state.standing is None
                assert ("no proposal left" in said) == mine
                seen.add(said)
            else:
                assert said == ": build a package or choose a move."
            game.apply(move, reason)
    assert any("accept or reject" in said for said in seen)
