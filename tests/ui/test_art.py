"""Parley's own pictures: a portrait for every expression, each different, drawn once and
kept; the table's pictures differ for the title, a deal, no deal and a walk-out; and the
table shows each delegation's face and who spoke last, as the record says."""

from __future__ import annotations

import itertools

import pygame
import pytest

from game.play.presence import EXPRESSIONS, expression, last_speaker
from game.ui import art, portraits
from game.ui import table as table_module
from tools.screenshots import scene_table, table_of

BLUE, ORANGE, BACK = (31, 120, 180), (217, 95, 2), (29, 35, 43)


def pixels(surface: pygame.Surface) -> bytes:
    return bytes(pygame.image.tobytes(surface.convert_alpha(), "RGBA"))


def distance(a: pygame.Surface, b: pygame.Surface) -> float:
    """The mean difference of two pictures' colour channels (0 to 255)."""
    pa, pb = pixels(a), pixels(b)
    return sum(abs(pa[n] - pb[n]) for n in range(len(pa)) if n % 4 != 3) / (len(pa) * 3 / 4)


def differing(a: pygame.Surface, b: pygame.Surface) -> float:
    """The share of pixels that differ between two pictures of one size."""
    assert a.get_size() == b.get_size()
    pa, pb = pixels(a), pixels(b)
    count = sum(1 for n in range(0, len(pa), 4) if pa[n:n + 4] != pb[n:n + 4])
    return count / (a.get_width() * a.get_height())


@pytest.fixture(autouse=True)
def display(make_app) -> None:  # type: ignore[no-untyped-def]
    make_app()
    art.forget()


@pytest.mark.parametrize("size", [48, 64, 200])
def test_every_expression_is_drawn_differently(size: int) -> None:
    faces = {e: art.portrait(BLUE, e, size, BACK) for e in EXPRESSIONS}
    for a, b in itertools.combinations(EXPRESSIONS, 2):
        # The faces differ, and only the face: the rest of the portrait is the same.
        share = differing(faces[a], faces[b])
        assert 0.004 < share < 0.25, (a, b, share)


def test_a_portrait_is_drawn_once_and_kept() -> None:
    first = art.portrait(BLUE, "angry", 64, BACK)
    assert art.portrait(BLUE, "angry", 64, BACK) is first
    assert art.portrait(ORANGE, "angry", 64, BACK) is not first
    assert differing(art.portrait(ORANGE, "angry", 64, BACK), first) > 0.1
    assert art.portrait(BLUE, "angry", 65, BACK).get_size() == (65, 65)


def test_the_table_pictures_differ_by_outcome() -> None:
    size, colours = (600, 220), (BLUE, ORANGE)
    pictures = [art.scene(size, colours, ("neutral", "neutral"), "title", BACK),
                art.scene(size, colours, ("pleased", "pleased"), "deal", BACK),
                art.scene(size, colours, ("firm", "firm"), "no_deal", BACK),
                art.scene(size, colours, ("firm", "angry"), "walkout", BACK, walked=0),
                art.scene(size, colours, ("angry", "firm"), "walkout", BACK, walked=1)]
    for a, b in itertools.combinations(pictures, 2):
        assert differing(a, b) > 0.01
    assert art.scene(size, colours, ("neutral", "neutral"), "title", BACK) is pictures[0]


def test_the_speaking_highlight_is_drawn(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    scene_table(app)
    table = table_of(app)
    rect = table.cards[0]
    side = table.session.game.sides[0]
    shots = []
    for speaking in (False, True):
        surface = pygame.Surface(app.size)
        portraits.delegation_card(surface, app.theme, app, table.session, side, rect,
                                  compact=True, speaking=speaking)
        shots.append(surface.subsurface(rect).copy())
    assert differing(*shots) > 0.02


def test_the_table_shows_the_faces_and_the_speaker_of_the_record(make_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    drawn: list[tuple[str, bool, str]] = []
    real = table_module.delegation_card

    def spy(surface, theme, app, session, side, rect, **kw):  # type: ignore[no-untyped-def]
        drawn.append((side, kw["speaking"], kw["expression"]))
        return real(surface, theme, app, session, side, rect, **kw)

    monkeypatch.setattr(table_module, "delegation_card", spy)
    app = make_app()
    scene_table(app)
    table = table_of(app)
    drawn.clear()
    app.invalidate()
    app.step(0.02)
    shown = table.session.visible_log()[:table.shown]
    speaker = last_speaker(shown)
    assert speaker is not None
    scenario = table.session.scenario
    assert drawn == [(side, side == speaker, expression(scenario, shown, side))
                     for side in table.session.game.sides]
    # The window shows the face drawn for that expression, closer to it than to any other.
    side, _, face = drawn[0]
    u = app.theme.unit
    inner = table.cards[0].inflate(-2 * u, -2 * u)
    inner.x += u // 2
    size = inner.h
    lower_left = pygame.Rect(0, size // 4, size * 2 // 3, size * 2 // 3)
    on_screen = app.window.subsurface(lower_left.move(inner.topleft)).copy()
    colour = app.theme.side_colour(scenario, side)

    def away(shown: str) -> float:
        drawn_face = art.portrait(colour, shown, size, app.theme.c["panel"])  # type: ignore[arg-type]
        return distance(on_screen, drawn_face.subsurface(lower_left).copy())

    assert away(face) < 2
    assert all(away(other) > away(face) + 2 for other in EXPRESSIONS if other != face)
