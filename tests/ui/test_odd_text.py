"""Text with no width never crashes the window."""

from __future__ import annotations

import pygame

from game.ui.text import render


def test_text_made_only_of_zero_width_characters_renders_as_nothing(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    font = app.theme.fonts.get("body")
    surface = render(font, "\u200b\u202e", (255, 255, 255))
    assert isinstance(surface, pygame.Surface) and surface.get_width() <= 1


def test_the_team_name_box_refuses_zero_width_characters(make_app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.setup import FORMAT_CHARACTERS
    assert "\u200b" in FORMAT_CHARACTERS and "\ufeff" in FORMAT_CHARACTERS
    assert "a" not in FORMAT_CHARACTERS and "\u0e01" not in FORMAT_CHARACTERS
