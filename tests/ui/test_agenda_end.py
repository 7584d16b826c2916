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
