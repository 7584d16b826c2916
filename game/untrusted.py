"""Reading files that come from strangers: saves, settings files and themes.

Every such file is read by :func:`read_file`, which opens only regular files (a FIFO, a
device such as ``/dev/zero`` or a folder is refused before anything is read, and the file
is opened without blocking, so a FIFO swapped in at the last moment cannot hang the game)
and never reads more than a size cap, whatever the file system says its size is. JSON is
parsed by :func:`parse_json`, which refuses what Python's own parser takes without a word:
duplicate keys (the last one silently wins), nesting deep enough to exhaust the stack,
integers of thousands of digits, ``NaN`` and ``Infinity``, and strings that are not valid
Unicode (a lone surrogate written as ``\\ud800``, which cannot be printed or saved again).

Both raise :class:`UntrustedError` with a plain sentence; callers add the file's name and
turn it into their own error.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

#: The deepest nesting of objects and lists a JSON document may have.
MAX_JSON_DEPTH = 40
#: The most digits a JSON number may have.
MAX_NUMBER_DIGITS = 40


class UntrustedError(ValueError):
    """A file from a stranger that is refused; the message says why, without the name."""


def read_file(path: str | Path, max_bytes: int, what: str = "file") -> bytes:
    """The bytes of the regular file at *path*, at most *max_bytes* of them.

    *what* names the file in messages ("a save"). Raises :class:`UntrustedError` for a file
    that is not a regular file or is bigger than *max_bytes*, and :class:`OSError` when it
    cannot be read."""
    if "\0" in str(path):
        raise UntrustedError("the file name holds a NUL character")
    info = os.stat(path)
    _check_kind(info, what)
    if info.st_size > max_bytes:
        raise UntrustedError(f"{info.st_size:,} bytes is too big for {what} (at most "
                             f"{max_bytes:,})")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    handle = os.open(path, flags)
    try:
        # The file may have been swapped for another between the two calls.
        _check_kind(os.fstat(handle), what)
        chunks, total = [], 0
        while total <= max_bytes:
            chunk = os.read(handle, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    finally:
        os.close(handle)
    if total > max_bytes:
        raise UntrustedError(f"more than {max_bytes:,} bytes is too big for {what}")
    return b"".join(chunks)


def _check_kind(info: os.stat_result, what: str) -> None:
    mode = info.st_mode
    if stat.S_ISREG(mode):
        return
    kind = ("a folder" if stat.S_ISDIR(mode) else "a named pipe (FIFO)" if stat.S_ISFIFO(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket" if stat.S_ISSOCK(mode) else "not a regular file")
    raise UntrustedError(f"{kind}, not {what}")


def is_regular(path: Path) -> bool:
    """True when *path* is a regular file (through links); never raises."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


class JSONProblem(UntrustedError):
    """JSON that is refused; ``line`` and ``column`` say where, when known (1-based)."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def parse_json(text: str) -> Any:
    """The value of the JSON document *text*, refusing what :mod:`game.untrusted` says.

    Raises :class:`JSONProblem`; a syntax error raises :class:`json.JSONDecodeError`, so
    callers can say where the file was cut or damaged."""
    _check_depth(text)
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_int=_whole,
                           parse_float=_decimal, parse_constant=_no_constant)
    except RecursionError as exc:  # pragma: no cover - the depth check comes first
        raise JSONProblem(f"nested more than {MAX_JSON_DEPTH} levels deep") from exc
    _check_strings(value)
    return value


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than :data:`MAX_JSON_DEPTH` before parsing (in one pass that
    skips strings), so that the parser never recurses that deep."""
    depth, inside, escaped, line, start = 0, False, False, 1, 0
    for at, char in enumerate(text):
        if inside:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                inside = False
        elif char == '"':
            inside = True
        elif char in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                raise JSONProblem(f"nested more than {MAX_JSON_DEPTH} levels deep", line,
                                  at - start + 1)
        elif char in "]}":
            depth -= 1
        elif char == "\n":
            line, start = line + 1, at + 1


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise JSONProblem(f"the key {shorten(key)!r} is given twice")
        result[key] = value
    return result


def _whole(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise JSONProblem(f"a number of {len(text.lstrip('-')):,} digits (at most "
                          f"{MAX_NUMBER_DIGITS})")
    return int(text)


def _decimal(text: str) -> float:
    digits = sum(c.isdigit() for c in text)
    if digits > MAX_NUMBER_DIGITS:
        raise JSONProblem(f"a number of {digits:,} digits (at most {MAX_NUMBER_DIGITS})")
    return float(text)


def _no_constant(text: str) -> Any:
    raise JSONProblem(f"{text} is not a number JSON allows")


def _check_strings(value: Any) -> None:
    todo = [value]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            _check_text(item)
        elif isinstance(item, dict):
            for key, inner in item.items():
                _check_text(key)
                todo.append(inner)
        elif isinstance(item, list):
            todo.extend(item)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise JSONProblem(f"the text {shorten(text, 40)!r} holds {text[exc.start]!r}, half "
                          "of a character (a lone surrogate), which is not valid "
                          "Unicode") from exc


def shorten(text: str, most: int = 80) -> str:
    """*text* cut to at most *most* characters, with how much was left out.

    >>> shorten("abc", 10)
    'abc'
    >>> shorten("a" * 100, 10)
    'aaaaaaaaaa… (90 more characters)'
    """
    if len(text) <= most:
        return text
    return f"{text[:most]}\u2026 ({len(text) - most:,} more characters)"
