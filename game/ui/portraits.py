"""Delegations' pictures: the portraits Parley draws (:mod:`game.ui.art`, with the
expression the talks give them), or a scenario's own, relative to its folder; flags from
``assets/`` or the scenario's folder. Pictures are scaled once per size and kept."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from game.library import ASSET_DIR
from game.play.presence import Expression
from game.ui import art
from game.ui.screen import Host, paragraph
from game.ui.text import draw_line
from game.ui.theme import Theme
from game.untrusted import UntrustedError, read_file

if TYPE_CHECKING:
    from game.play.session import Session

log = logging.getLogger(__name__)

_images: dict[Path, pygame.Surface | None] = {}
_scaled: dict[tuple[Path, tuple[int, int]], pygame.Surface] = {}
#: What could not be shown, not yet told to the player (see :func:`delegation_card`).
NOTICES: list[str] = []

#: A picture file bigger than this is not read.
MAX_BYTES = 8_000_000
#: Nor one that would unpack to more pixels than this (a small file can claim a huge size).
MAX_PIXELS = 4096 * 4096


def _load(path: Path) -> pygame.Surface | None:
    """The picture at *path*, or None (said once in :data:`NOTICES` and the log) when it
    is missing, too big, not a PNG, JPEG, GIF or BMP picture, or damaged."""
    if path not in _images:
        if path.is_relative_to(ASSET_DIR) and not path.is_file():
            _images[path] = None    # Parley has no such picture (a flag for every side)
            return None
        problem = picture_problem(path)
        image = None
        if not problem:
            try:
                image = pygame.image.load(str(path)).convert_alpha()
            except (pygame.error, OSError, ValueError, MemoryError) as exc:
                problem = f"cannot be read as a picture ({exc})"
            else:
                w, h = image.get_size()
                if w * h > MAX_PIXELS:    # what was decoded is what counts
                    image, problem = None, (f"a picture of {w}x{h} pixels is too big (at "
                                            f"most {MAX_PIXELS:,} pixels)")
        if problem:
            log.warning("%s: %s", path, problem)
            NOTICES.append(f"{path.name}: {problem}; Parley's own picture is shown.")
        _images[path] = image
    return _images[path]


def picture_problem(path: Path) -> str:
    """Why the file at *path* will not be shown ("" if it will): checked from its bytes
    before pygame decodes anything. Only PNG, JPEG, GIF and BMP files are decoded (pygame
    tells formats by their first bytes, so these four are all it is ever given), and only
    when every frame the file holds is at most :data:`MAX_PIXELS` pixels: the size the
    decoder will allocate, whatever small size the file itself has."""
    try:
        raw = read_file(path, MAX_BYTES, "a picture")
    except UntrustedError as exc:
        return str(exc)
    except (OSError, ValueError) as exc:
        return f"cannot be read ({getattr(exc, 'strerror', None) or exc})"
    try:
        frames = picture_frames(raw)
    except ValueError as exc:
        return str(exc)
    if not frames:
        return "not a PNG, JPEG, GIF or BMP picture"
    for w, h in frames:
        if w <= 0 or h <= 0 or w * h > MAX_PIXELS:
            return f"a picture of {w}x{h} pixels is too big (at most {MAX_PIXELS:,} pixels)"
    return ""


def picture_size(head: bytes) -> tuple[int, int] | None:
    r"""Width and height a PNG, GIF, BMP or JPEG file declares in its first bytes *head*;
    None for anything else.

    >>> picture_size(b"GIF89a\x10\x00\x20\x00")
    (16, 32)
    >>> picture_size(b"not a picture") is None
    True
    """
    try:
        frames = picture_frames(head, header_only=True)
    except ValueError:
        return None
    return frames[0] if frames else None


def picture_frames(raw: bytes, header_only: bool = False) -> list[tuple[int, int]]:
    r"""The sizes of what a decoder allocates for the PNG, GIF, BMP or JPEG file *raw*:
    for a GIF, its logical screen and every frame; for the others, the one image. An empty
    list for anything else; :class:`ValueError` for a GIF whose blocks do not add up.

    >>> gif = (b"GIF89a\x01\x00\x01\x00\x00\x00\x00" b"\x2c\x00\x00\x00\x00\xff\xff\xff\xff\x00"
    ...        b"\x02\x02\x44\x01\x00\x3b")
    >>> picture_frames(gif)
    [(1, 1), (65535, 65535)]
    """
    if raw.startswith(b"\x89PNG\r\n\x1a\n") and len(raw) >= 24 and raw[12:16] == b"IHDR":
        return [(int.from_bytes(raw[16:20], "big"), int.from_bytes(raw[20:24], "big"))]
    if raw[:6] in (b"GIF87a", b"GIF89a") and len(raw) >= 10:
        screen = (int.from_bytes(raw[6:8], "little"), int.from_bytes(raw[8:10], "little"))
        return [screen] if header_only else [screen] + _gif_frames(raw)
    if raw.startswith(b"BM") and len(raw) >= 26:
        if int.from_bytes(raw[14:18], "little") == 12:   # an OS/2 header: 16-bit sizes
            return [(int.from_bytes(raw[18:20], "little"), int.from_bytes(raw[20:22], "little"))]
        return [(int.from_bytes(raw[18:22], "little", signed=True),
                 abs(int.from_bytes(raw[22:26], "little", signed=True)))]
    if raw.startswith(b"\xff\xd8"):
        size = _jpeg_size(raw)
        return [size] if size else []
    return []


def _gif_frames(raw: bytes) -> list[tuple[int, int]]:
    """The width and height of every image descriptor in the GIF *raw* (its blocks walked
    from the start, without decoding any)."""
    def table(flags: int) -> int:
        return 3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0

    def skip_sub_blocks(at: int) -> int:
        while at < len(raw) and raw[at]:
            at += raw[at] + 1
        return at + 1

    frames = []
    at = 13 + table(raw[10]) if len(raw) > 10 else len(raw)
    while at < len(raw):
        block = raw[at]
        if block == 0x3B:            # the trailer
            break
        if block == 0x21:            # an extension: its label, then sub-blocks
            at = skip_sub_blocks(at + 2)
        elif block == 0x2C:          # an image: where it sits, its size, its own colours
            if at + 10 > len(raw):
                raise ValueError("a GIF picture cut short in an image's description")
            frames.append((int.from_bytes(raw[at + 5:at + 7], "little"),
                           int.from_bytes(raw[at + 7:at + 9], "little")))
            at = skip_sub_blocks(at + 10 + table(raw[at + 9]) + 1)
        else:
            raise ValueError(f"a damaged GIF picture (a block of unknown kind {block:#04x})")
    if not frames:
        raise ValueError("a GIF picture with no image in it")
    return frames


def _jpeg_size(head: bytes) -> tuple[int, int] | None:
    """The size in a JPEG's start-of-frame marker (within *head*), or None."""
    at = 2
    while at + 9 <= len(head):
        if head[at] != 0xFF:
            return None
        marker = head[at + 1]
        if marker == 0xFF:          # fill byte
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            at += 2
            continue
        length = int.from_bytes(head[at + 2:at + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            return (int.from_bytes(head[at + 7:at + 9], "big"),
                    int.from_bytes(head[at + 5:at + 7], "big"))
        if length < 2:
            return None
        at += 2 + length
    return None


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
    folder = ASSET_DIR / sub
    own = folder / f"{side}.png"
    return own if own.is_file() else folder / "default.png"


def own_picture_path(side: str, kind: str) -> Path:
    """Parley's own picture of *side* (or its default one)."""
    folder = ASSET_DIR / ("portraits" if kind == "portrait" else "flags")
    own = folder / f"{side}.png"
    return own if own.is_file() else folder / "default.png"


def picture(scenario: Any, side: str, kind: str, size: tuple[int, int]) -> pygame.Surface | None:
    """*side*'s *kind* scaled into *size*: the scenario's picture, or Parley's own when
    that one cannot be shown; None when there is none at all."""
    path = picture_path(scenario, side, kind)
    key = (path, size)
    if key not in _scaled:
        image = _load(path)
        if image is None:
            fallback = own_picture_path(side, kind)
            image = _load(fallback) if fallback != path and fallback.is_file() else None
        if image is None or size[0] < 1 or size[1] < 1:
            return None
        # Keep the picture's proportions inside the box.
        iw, ih = image.get_size()
        scale = min(size[0] / iw, size[1] / ih)
        _scaled[key] = pygame.transform.smoothscale(
            image, (max(1, round(iw * scale)), max(1, round(ih * scale))))
    return _scaled[key]


def scenario_portrait(scenario: Any, side: str, size: tuple[int, int]) -> pygame.Surface | None:
    """The portrait *scenario* ships for *side*, scaled into *size*; None when it ships
    none, or one that cannot be shown (said once in :data:`NOTICES`): Parley draws its
    own then."""
    path = picture_path(scenario, side, "portrait")
    if path.is_relative_to(ASSET_DIR) or _load(path) is None:
        return None
    return picture(scenario, side, "portrait", size)


def speech_mark(surface: pygame.Surface, theme: Theme, around: pygame.Rect,
                colour: pygame.Color) -> None:
    """The speaking highlight: a ring of the side's colour round the portrait and a
    speech bubble at its lower right corner."""
    pygame.draw.rect(surface, colour, around.inflate(6, 6), 3, border_radius=8)
    w = max(14, around.w // 3)
    h = max(10, w * 2 // 3)
    bubble = pygame.Rect(around.right - w + 4, around.bottom - h + 2, w, h)
    ink = theme.c["background"]
    pygame.draw.polygon(surface, theme.c["text"], [
        (bubble.x + w // 4, bubble.bottom - 2), (bubble.x + w // 8, bubble.bottom + h // 3),
        (bubble.x + w // 2, bubble.bottom - 2)])
    pygame.draw.ellipse(surface, theme.c["text"], bubble)
    pygame.draw.ellipse(surface, ink, bubble, 1)
    r = max(1, w // 14)
    for n in (-1, 0, 1):
        pygame.draw.circle(surface, ink, (bubble.centerx + n * w // 4, bubble.centery), r)


def delegation_card(surface: pygame.Surface, theme: Theme, app: Host, session: Session, side: str,
                    rect: pygame.Rect, *, compact: bool = False, speaking: bool = False,
                    expression: Expression = "neutral") -> int:
    """A delegation: portrait (with *expression*, and the speaking highlight when
    *speaking*), flag, name, negotiator and team. Returns the y below it."""
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
    # A long delegation ("Russian delegation, co-chair of the Support Group") takes two
    # lines under the picture rather than being cut (the picture gives up the room).
    named = 1 if compact or small.size(spec.negotiator)[0] <= inner.w else 2
    text_h = body.get_linesize() + small.get_linesize() * (1 if compact else 1 + named)
    pic = min(inner.h - (0 if compact else text_h + u // 2), inner.w if not compact else inner.h)
    pic = max(pic, 16)
    portrait = scenario_portrait(scenario, side, (pic, pic)) or \
        art.portrait(colour, expression, pic, t.c["panel"])
    flag = picture(scenario, side, "flag", (max(16, pic // 3), max(10, pic // 5)))
    while NOTICES:   # a scenario's picture that cannot be shown
        app.toast(NOTICES.pop(0), 6.0)
    surface.blit(portrait, (inner.x, inner.y))
    if flag is not None:
        fx = inner.x + portrait.get_width() - flag.get_width() - 4
        surface.blit(flag, (fx, inner.y + 4))
        pygame.draw.rect(surface, t.c["border"], (fx, inner.y + 4, *flag.get_size()), 1)
    if speaking:
        speech_mark(surface, t, pygame.Rect(inner.topleft, portrait.get_size()), colour)
    if compact:
        x, y, width = inner.x + pic + u, inner.y, inner.w - pic - u
    else:
        x, y, width = inner.x, inner.y + pic + u // 2, inner.w
    draw_line(surface, body, f"{spec.name} ({spec.short})", colour if not t.high_contrast
              else t.c["text"], (x, y), width, where="card name")
    y += body.get_linesize()
    if compact:
        room = max(1, (inner.bottom - y) // small.get_linesize())
        y = paragraph(surface, small, spec.negotiator, t.c["muted"], x, y, width, room,
                      "card negotiator")
    else:
        y = paragraph(surface, small, spec.negotiator, t.c["muted"], x, y, width, named,
                      "card negotiator")
    if not compact:
        draw_line(surface, small, f"Played by: {session.team(side)}", t.c["muted"], (x, y),
                  width, where="card team")
        y += small.get_linesize()
    return rect.bottom + u
