"""WCAG AA contrast in both themes, over the theme's colours: text at least 4.5:1 against
every surface it is drawn on, buttons' labels against their faces in every state."""

from __future__ import annotations

import pygame
import pytest

from game.ui.theme import Theme, load_theme_data
from game.ui.widgets import primary_fill

TEXT = ("text", "muted", "accent", "good", "bad", "event", "up", "down", "button_text")
SURFACES = ("background", "panel", "panel_alt")


def luminance(colour: pygame.Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.r) + 0.7152 * channel(colour.g) + \
        0.0722 * channel(colour.b)


def ratio(a: pygame.Color, b: pygame.Color) -> float:
    """The WCAG contrast ratio of two colours."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_ratio_is_wcags() -> None:
    assert round(ratio(pygame.Color("#000000"), pygame.Color("#ffffff")), 1) == 21.0
    assert round(ratio(pygame.Color("#767676"), pygame.Color("#ffffff")), 1) == 4.5


@pytest.mark.parametrize("high", [False, True], ids=["normal", "high contrast"])
def test_text_and_buttons_meet_wcag_aa(high: bool) -> None:
    c = Theme(load_theme_data(None), (1280, 720), high_contrast=high).c
    low = []
    for text in TEXT:
        for surface in SURFACES:
            if ratio(c[text], c[surface]) < 4.5:
                low.append((text, surface, round(ratio(c[text], c[surface]), 2)))
    faces = {"button": c["button"], "button_hover": c["button_hover"]}
    for name, face in faces.items():
        for text in ("button_text", "bad"):  # a label; a danger button's label
            if ratio(c[text], face) < 4.5:
                low.append((text, name, round(ratio(c[text], face), 2)))
    # A primary button: its label (in the background colour) on its face, at rest and
    # pointed at.
    for hovered in (False, True):
        face = primary_fill(c, hovered)
        if ratio(c["background"], face) < 4.5:
            low.append(("background", f"primary {hovered}", round(ratio(c["background"],
                                                                        face), 2)))
    assert not low, low
