"""Draw Parley's default portraits and flags as PNG files.

Run from the repository's root: ``python assets/tools/make_art.py``. The pictures are
drawn, not photographs: a delegation is shown as a sober silhouette at the table, never
as a caricature of a real person. A scenario may ship its own pictures instead.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")

import pygame  # noqa: E402

ASSETS = Path(__file__).resolve().parent.parent
PORTRAIT = (240, 240)
FLAG = (228, 120)


def star(surface: pygame.Surface, centre: tuple[float, float], radius: float,
         colour: tuple[int, int, int]) -> None:
    points = []
    for k in range(10):
        r = radius if k % 2 == 0 else radius * 0.4
        angle = -math.pi / 2 + k * math.pi / 5
        points.append((centre[0] + r * math.cos(angle), centre[1] + r * math.sin(angle)))
    pygame.draw.polygon(surface, colour, points)


def flag_us() -> pygame.Surface:
    w, h = FLAG
    surface = pygame.Surface((w, h))
    red, white, blue = (178, 34, 52), (255, 255, 255), (60, 59, 110)
    stripe = h / 13
    for n in range(13):
        pygame.draw.rect(surface, red if n % 2 == 0 else white,
                         pygame.Rect(0, round(n * stripe), w, math.ceil(stripe) + 1))
    canton = pygame.Rect(0, 0, round(w * 0.4), round(stripe * 7))
    pygame.draw.rect(surface, blue, canton)
    # 50 stars: nine rows alternating six and five.
    for row in range(9):
        count = 6 if row % 2 == 0 else 5
        for col in range(count):
            x = canton.w * ((col * 2 + (1 if row % 2 == 0 else 2)) / 12)
            y = canton.h * ((row + 1) / 10)
            star(surface, (x, y), stripe * 0.38, white)
    return surface


def flag_ru() -> pygame.Surface:
    w, h = FLAG
    surface = pygame.Surface((w, h))
    for n, colour in enumerate([(255, 255, 255), (0, 57, 166), (213, 43, 30)]):
        pygame.draw.rect(surface, colour, pygame.Rect(0, round(n * h / 3), w, math.ceil(h / 3)))
    return surface


def portrait(colour: tuple[int, int, int]) -> pygame.Surface:
    """A delegate's silhouette at the table, lit in the side's colour."""
    w, h = PORTRAIT
    surface = pygame.Surface((w, h))
    for y in range(h):
        t = y / h
        shade = tuple(int(c * (0.28 + 0.22 * (1 - t)) + 14 * t) for c in colour)
        pygame.draw.line(surface, shade, (0, y), (w, y))
    dark = (22, 24, 28)
    shirt = (225, 225, 220)
    # Shoulders and jacket.
    pygame.draw.ellipse(surface, dark, pygame.Rect(w * 0.12, h * 0.62, w * 0.76, h * 0.62))
    # Collar and tie.
    pygame.draw.polygon(surface, shirt, [(w * 0.42, h * 0.64), (w * 0.58, h * 0.64),
                                         (w * 0.5, h * 0.80)])
    pygame.draw.polygon(surface, tuple(int(c * 0.6) for c in colour),
                        [(w * 0.48, h * 0.68), (w * 0.52, h * 0.68), (w * 0.54, h * 0.86),
                         (w * 0.5, h * 0.9), (w * 0.46, h * 0.86)])
    # Neck and head.
    pygame.draw.rect(surface, dark, pygame.Rect(w * 0.44, h * 0.52, w * 0.12, h * 0.12))
    pygame.draw.ellipse(surface, dark, pygame.Rect(w * 0.35, h * 0.22, w * 0.30, h * 0.36))
    # The table's edge in front.
    pygame.draw.rect(surface, (48, 38, 30), pygame.Rect(0, h * 0.9, w, h * 0.1))
    pygame.draw.line(surface, (90, 74, 58), (0, round(h * 0.9)), (w, round(h * 0.9)), 2)
    return surface


def hex_colour(text: str) -> tuple[int, int, int]:
    return int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16)


def main() -> None:
    pygame.display.init()
    (ASSETS / "flags").mkdir(exist_ok=True)
    (ASSETS / "portraits").mkdir(exist_ok=True)
    pygame.image.save(flag_us(), str(ASSETS / "flags" / "us.png"))
    pygame.image.save(flag_ru(), str(ASSETS / "flags" / "ru.png"))
    pygame.image.save(portrait(hex_colour("#1f78b4")), str(ASSETS / "portraits" / "us.png"))
    pygame.image.save(portrait(hex_colour("#d95f02")), str(ASSETS / "portraits" / "ru.png"))
    pygame.image.save(portrait((110, 110, 110)), str(ASSETS / "portraits" / "default.png"))
    pygame.quit()


if __name__ == "__main__":
    main()
