"""Text wrapping in the window: the same lines as measuring every candidate would give,
every line within its width, and time linear in the length of the text."""

from __future__ import annotations

import time
from functools import cache

import pygame
import pytest
from hypothesis import given, settings as hsettings, strategies as st

from game.library import ASSET_DIR
from game.ui.text import ELLIPSIS, fit, fitting, wrap


@cache
def font() -> pygame.font.Font:
    pygame.font.init()
    return pygame.font.Font(str(ASSET_DIR / "fonts" / "NotoSans-Regular.ttf"), 16)


def measured_wrap(text: str, font: pygame.font.Font, width: int) -> list[str]:
    """Wrapping by trying every piece with the font (the way it was done before; its time
    grows with the cube of the length of a long word): the reference for short texts."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if font.size(candidate)[0] <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            while font.size(word)[0] > width and len(word) > 1:
                cut = len(word) - 1
                while cut > 1 and font.size(word[:cut])[0] > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            line = word
        lines.append(line)
    return lines


words = st.text(alphabet=st.sampled_from("aeiouWMil.,'\u00e9\u2014\u201c"), min_size=0,
                max_size=60)


@given(st.lists(words, max_size=30).map(" ".join), st.integers(20, 500))
@hsettings(max_examples=150, deadline=None)
def test_the_lines_are_those_measuring_every_piece_gives(text: str, width: int) -> None:
    if not pygame.display.get_init():
        pygame.display.init()
    assert wrap(text, font(), width) == measured_wrap(text, font(), width)


@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=300), st.integers(1, 400))
@hsettings(max_examples=150, deadline=None)
def test_every_line_fits_and_nothing_is_lost(text: str, width: int) -> None:
    lines = wrap(text, font(), width)
    for line in lines:
        assert len(line) == 1 or font().size(line)[0] <= width or " " not in line
    assert "".join(lines).replace(" ", "") == text.replace("\n", "").replace(" ", "")


@pytest.mark.parametrize("length", [8_000, 1_000_000])
def test_an_unbroken_word_wraps_in_time_linear_in_its_length(length: int) -> None:
    start = time.perf_counter()
    lines = wrap("W" * length, font(), 400)
    took = time.perf_counter() - start
    assert all(font().size(line)[0] <= 400 for line in lines)
    assert "".join(lines) == "W" * length
    # Linear: about 0.4 s a million characters here; the old way took minutes for 8,000.
    assert took < max(2.0, length / 1_000_000 * 3)


def test_a_lone_surrogate_is_drawn_as_a_question_mark() -> None:
    from game.ui.text import render
    assert render(font(), "a\ud800", (255, 255, 255)).get_width() == \
        font().size("a?")[0]
    assert wrap("a\ud800 b", font(), 300) == ["a\ud800 b"]


def test_fit_cuts_a_huge_text_at_once() -> None:
    start = time.perf_counter()
    shown = fit("M" * 1_000_000, font(), 300, "test")
    assert time.perf_counter() - start < 2.0  # well under 0.1 s idle
    assert shown.endswith(ELLIPSIS) and font().size(shown)[0] <= 300
    assert font().size(shown[:-1] + "M" + ELLIPSIS)[0] > 300  # as much as fits


# Without NUL, at which the font stops measuring (a NUL is never drawn either), and without
# lone surrogates, which the font cannot measure at all (the readers of scenarios and saves
# refuse them).
@given(st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
               max_size=80), st.integers(0, 300), st.sampled_from(["", ELLIPSIS]))
@hsettings(max_examples=150, deadline=None)
def test_fitting_is_the_longest_start_that_fits(text: str, width: int, suffix: str) -> None:
    count = fitting(font(), text, width, suffix)
    if not text:
        assert count == 0
        return
    fits = font().size(text[:count] + suffix)[0] <= width
    # One character at least without a suffix, to move on; none when even the suffix alone
    # is too wide.
    assert fits or (count == 1 and not suffix) or (count == 0 and suffix)
    if fits and count < len(text):
        assert font().size(text[:count + 1] + suffix)[0] > width


def test_the_title_screen_with_long_team_names_in_the_saves_opens_at_once(  # type: ignore[no-untyped-def]
        make_app, tmp_path, monkeypatch) -> None:
    import json

    from game.library import SCENARIO_DIR
    from game.save import MAX_TEAM_NAME, list_saves, save_folder, to_save, write_save
    from game.scenario import load_scenario
    from game.settings import Settings
    from game.simulate import play_one
    from game.engine import Game
    from game.ui import flow

    scenario = load_scenario(SCENARIO_DIR / "tutorial.yaml")
    moves = play_one(scenario, 5, Settings()).moves[:2]
    game, _ = Game.replay_legal(scenario, Settings(), 5, moves,
                                {"us": "W" * MAX_TEAM_NAME, "ru": "Computer"})
    folder = save_folder()
    write_save(to_save(game, {"us"}), folder / "long.json")
    data = json.loads((folder / "long.json").read_text(encoding="utf-8"))
    data["teams"]["us"] = "W" * 1_000_000
    (folder / "huge.json").write_text(json.dumps(data), encoding="utf-8")
    errors = {s.path.name: s.error for s in list_saves(folder)}
    assert errors["long.json"] is None and "teams" in (errors["huge.json"] or "")
    start = time.perf_counter()
    app = make_app()
    flow.start(app)
    for _ in range(3):
        app.step(0.016)
    assert time.perf_counter() - start < 5.0
