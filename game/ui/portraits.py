"""Delegations' pictures: portraits and flags from ``assets/`` (a scenario may name its
own, relative to its folder), scaled once per size and kept."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pygame

from game.ui.text import draw_line
from game.ui.theme import ASSETS, Theme

log = logging.getLogger(__name__)

_images: dict[Path, pygame.Surface | None] = {}
_scaled: dict[tuple[Path, tuple[int, int]], pygame.Surface] = {}


def _load(path: Path) -> pygame.Surface | None:
    if path not in _images:
        try:
            _images[path] = pygame.image.load(str(path)).convert_alpha() \
                if path.is_file() and path.stat().st_size < 8_000_000 else None
        except (pygame.error, OSError) as exc:
            log.warning("cannot load %s: %s", path, exc)
            _images[path] = None
    return _images[path]


def forget() -> None:
    """Drop every picture loaded so far (a scenario reloaded with F5 may have new ones)."""
    _images.clear()
    _scaled.clear()


def _inside(folder: Path, relative: str) -> Path | None:
    """*folder*/*relative* if it is a file that stays inside *folder* (links resolved)."""
    try:
        candidate = (folder / relative).resolve()
        if candidate.is_relative_to(folder.resolve()) and candidate.is_file():
            return candidate
    except (OSError, ValueError):
        pass
    return None


def picture_path(scenario: Any, side: str, kind: str) -> Path:
    """Where *side*'s *kind* ("portrait" or "flag") comes from: the file the scenario names
    (relative to its folder), else ``portraits/<side>.png`` or ``flags/<side>.png`` in the
    scenario's folder, else Parley's own. A path that leads out of the scenario's folder
    (``..``, an absolute path, a link) is never used."""
    sub = "portraits" if kind == "portrait" else "flags"
    named = getattr(scenario.sides[side], kind)
    if scenario.file:
        folder = Path(scenario.file).parent
        for relative in ([named] if named else []) + [f"{sub}/{side}.png"]:
            found = _inside(folder, relative)
            if found is not None:
                return found
    folder = ASSETS / sub
    own = folder / f"{side}.png"
    return own if own.is_file() else folder / "default.png"


def picture(scenario: Any, side: str, kind: str, size: tuple[int, int]) -> pygame.Surface | None:
    path = picture_path(scenario, side, kind)
    key = (path, size)
    if key not in _scaled:
        image = _load(path)
        if image is None:
            return None
        # Keep the picture's proportions inside the box.
        iw, ih = image.get_size()
        scale = min(size[0] / iw, size[1] / ih)
        _scaled[key] = pygame.transform.smoothscale(
            image, (max(1, round(iw * scale)), max(1, round(ih * scale))))
    return _scaled[key]


def delegation_card(surface: pygame.Surface, theme: Theme, app: Any, session: Any, side: str,
                    rect: pygame.Rect, *, compact: bool = False, speaking: bool = False) -> int:
    """A delegation: portrait, flag, name, negotiator and team. Returns the y below it."""
    t = theme
    u = t.unit
    scenario = session.scenario
    spec = scenario.sides[side]
    colour = t.side_colour(scenario, side)
    pygame.draw.rect(surface, t.c["panel"], rect, border_radius=8)
    pygame.draw.rect(surface, colour if speaking else t.c["border"], rect,
                     3 if speaking else 1, border_radius=8)
    pygame.draw.rect(surface, colour, (rect.x, rect.y + 8, max(4, u // 2), rect.h - 16))
    inner = rect.inflate(-2 * u, -2 * u)
    inner.x += u // 2
    inner.w -= u // 2
    body = t.fonts.get("body", bold=True)
    small = t.fonts.get("small")
    text_h = body.get_linesize() + small.get_linesize() * (1 if compact else 2)
    pic = min(inner.h - (0 if compact else text_h + u // 2), inner.w if not compact else inner.h)
    pic = max(pic, 16)
    portrait = picture(scenario, side, "portrait", (pic, pic))
    if portrait is not None:
        surface.blit(portrait, (inner.x, inner.y))
    flag = picture(scenario, side, "flag", (max(16, pic // 3), max(10, pic // 5)))
    if flag is not None:
        fx = inner.x + (portrait.get_width() if portrait else pic) - flag.get_width() - 4
        surface.blit(flag, (fx, inner.y + 4))
        pygame.draw.rect(surface, t.c["border"], (fx, inner.y + 4, *flag.get_size()), 1)
    if compact:
        x, y, width = inner.x + pic + u, inner.y, inner.w - pic - u
    else:
        x, y, width = inner.x, inner.y + pic + u // 2, inner.w
    draw_line(surface, body, f"{spec.name} ({spec.short})", colour if not t.high_contrast
              else t.c["text"], (x, y), width, where="card name")
    y += body.get_linesize()
    if compact:
        from game.ui.screen import paragraph
        room = max(1, (inner.bottom - y) // small.get_linesize())
        y = paragraph(surface, small, spec.negotiator, t.c["muted"], x, y, width, room,
                      "card negotiator")
    else:
        draw_line(surface, small, spec.negotiator, t.c["muted"], (x, y), width,
                  where="card negotiator")
        y += small.get_linesize()
    if not compact:
        draw_line(surface, small, f"Played by: {session.team(side)}", t.c["muted"], (x, y),
                  width, where="card team")
        y += small.get_linesize()
    return rect.bottom + u
