"""Checking a font file before any text is laid out with it.

FreeType opens a damaged font without complaint and fails later, in the middle of drawing
a screen ("Passed a NULL pointer", "Text has zero width", or worse). So a font is taken
only when its table directory adds up, the tables that drive drawing (character map,
glyphs, metrics) have the checksums the file records for them, and it draws and measures
a sample text at the smallest and largest sizes the theme allows.
"""

from __future__ import annotations

import struct
from functools import lru_cache
from pathlib import Path

import pygame

from game.untrusted import UntrustedError, read_file

#: A font file bigger than this is not read.
MAX_FONT_BYTES = 20_000_000
#: The tables every font needs to draw text.
REQUIRED = (b"cmap", b"head", b"hhea", b"hmtx", b"maxp")
#: The tables whose checksums are checked: those that drive drawing (other tables, such as
#: OS/2, are often recorded with a wrong checksum by font tools, harmlessly).
CHECKED = (b"cmap", b"glyf", b"loca", b"head", b"hhea", b"hmtx", b"maxp", b"CFF ", b"CFF2")
#: What a font must draw and measure.
SAMPLE = "Parley Ag 0123 \u2014 \u201cjoint\u201d \u00e9\u00e7 \u2212\u2192\u2026"
SIZES = (8, 96)


def font_problem(path: Path) -> str:
    """Why the font file at *path* cannot be used ("" if it can); each file is checked
    once while it stays unchanged."""
    try:
        info = path.stat()
    except (OSError, ValueError) as exc:
        return f"cannot be read ({getattr(exc, 'strerror', None) or exc})"
    return _checked(str(path), info.st_size, info.st_mtime_ns)


@lru_cache(maxsize=32)
def _checked(path: str, size: int, mtime: int) -> str:
    try:
        raw = read_file(path, MAX_FONT_BYTES, "a font")
    except UntrustedError as exc:
        return str(exc)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    problem = structure_problem(raw)
    if problem:
        return f"a damaged font: {problem}"
    try:
        if not pygame.font.get_init():
            pygame.font.init()
        for px in SIZES:
            font = pygame.font.Font(path, px)
            font.render(SAMPLE, True, (0, 0, 0))
            if font.size(SAMPLE)[0] <= 0 or len(font.metrics(SAMPLE)) != len(SAMPLE):
                return "a damaged font: it does not measure text"
    except (pygame.error, OSError, ValueError, MemoryError) as exc:
        return f"a damaged font: it cannot draw text ({exc})"
    return ""


def structure_problem(raw: bytes) -> str:
    r"""What is wrong with the table directory of the TrueType or OpenType font *raw*
    ("" if nothing).

    >>> structure_problem(b"not a font at all")
    'not a TrueType or OpenType font'
    """
    if len(raw) < 12 or raw[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
        return "not a TrueType or OpenType font"
    count = struct.unpack(">H", raw[4:6])[0]
    if not 0 < count <= 200 or 12 + 16 * count > len(raw):
        return f"its table directory is cut short ({count} tables)"
    tables: dict[bytes, tuple[int, int, int]] = {}
    for k in range(count):
        tag, checksum, offset, length = struct.unpack(">4sIII", raw[12 + 16 * k:28 + 16 * k])
        if offset + length > len(raw):
            return f"its {tag.decode('latin-1')!r} table runs past the end of the file"
        tables[tag] = (checksum, offset, length)
    missing = [t.decode() for t in REQUIRED if t not in tables]
    if b"glyf" not in tables and b"CFF " not in tables and b"CFF2" not in tables:
        missing.append("glyf or CFF")
    if missing:
        return f"it has no {', '.join(missing)} table"
    _, head, head_length = tables[b"head"]
    if head_length < 54 or raw[head + 12:head + 16] != b"\x5f\x0f\x3c\xf5":
        return "its 'head' table is damaged"
    for tag in CHECKED:
        if tag in tables:
            checksum, offset, length = tables[tag]
            if _checksum(raw, offset, length, tag == b"head") != checksum:
                return f"its {tag.decode().strip()!r} table does not match its checksum"
    return ""


def _checksum(raw: bytes, offset: int, length: int, head: bool) -> int:
    data = bytearray(raw[offset:offset + length])
    if head:
        data[8:12] = b"\0\0\0\0"  # the whole file's adjustment, left out of its own sum
    data += b"\0" * (-len(data) % 4)
    words: tuple[int, ...] = struct.unpack(f">{len(data) // 4}I", data)
    return sum(words) & 0xFFFFFFFF


def default_font_file() -> Path:
    """pygame's own font file, used when one of Parley's is damaged."""
    return Path(pygame.__file__).parent / pygame.font.get_default_font()
