"""A keyboard-focus tooltip never covers the next button when there is room elsewhere."""

from __future__ import annotations

import pygame

from game.ui.widgets import Button, FocusRing


def test_the_tip_of_a_wide_button_goes_where_it_hides_no_other_button(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    start = Button("Start", tooltip="Start the default scenario. " * 4)
    tutorial = Button("New here? Start with the tutorial")
    start.rect = pygame.Rect(320, 330, 640, 52)
    tutorial.rect = pygame.Rect(320, 390, 640, 52)
    ring = FocusRing([start, tutorial])
    ring.focus(start)
    ring.keyboard, ring.still = True, 2.0
    surface = pygame.Surface((1280, 720))
    ring.draw_tooltip(surface, app.theme)
    assert ring.tip_rect is not None
    assert not ring.tip_rect.colliderect(tutorial.rect)
    assert surface.get_rect().contains(ring.tip_rect)
