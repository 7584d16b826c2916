"""Text from scenario files and saves, made safe to print on a terminal or write to Markdown.

A scenario's texts, a team's name and a saved reason may hold terminal escape sequences
(that retitle the window, clear the screen or write to the clipboard) and other control
characters. :class:`TerminalOutput` wraps the command line's output streams, so that
everything printed loses them, whichever part of Parley printed it, and so that a
character the terminal's encoding cannot show is printed as ``?`` instead of ending the
program. :func:`markdown_text` does the same for Markdown and escapes ``<``, so that no
raw HTML (a ``<script>``) reaches a page the Markdown is turned into.
"""

from __future__ import annotations

import io
import re
from typing import TextIO

#: Escape sequences (CSI, OSC, DCS, SOS, PM, APC, and two-character ones) and every
#: control character but newline and tab: C0, DEL and C1.
_CONTROLS = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"                 # CSI: colours, cursor moves, clearing
    r"|\x1b[\]PX^_][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, DCS, SOS, PM, APC up to their end
    r"|\x1b[ -/]*[0-~]?"                        # any other escape
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain(text: str) -> str:
    r"""*text* without escape sequences and control characters (newlines and tabs stay).

    >>> plain("Team \x1b]0;pwned\x07A\x1b[2J\n\tok\x9b31m")
    'Team A\n\tok31m'
    """
    return _CONTROLS.sub("", text)


def markdown_text(text: str) -> str:
    """*text* for a Markdown file: :func:`plain`, with ``<`` written as ``&lt;``, so that
    no HTML tag survives (a Markdown viewer shows it as ``<``).

    >>> markdown_text("<script>alert(1)</script> & co")
    '&lt;script>alert(1)&lt;/script> & co'
    """
    return plain(text).replace("<", "&lt;")


class TerminalOutput(io.TextIOBase):
    """A text stream that writes to *stream* what :func:`plain` leaves of the text, with
    any character *stream*'s encoding cannot hold replaced by ``?``.

    :meth:`control` writes Parley's own control sequences (clearing the screen, redrawing
    a progress bar) as they are."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", None) or "utf-8"

    def write(self, text: str) -> int:
        cleaned = plain(text)
        encoding = self.encoding
        try:
            cleaned.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            try:
                cleaned = cleaned.encode(encoding, "replace").decode(encoding, "replace")
            except LookupError:
                cleaned = cleaned.encode("ascii", "replace").decode("ascii")
        self.stream.write(cleaned)
        return len(text)

    def control(self, sequence: str) -> None:
        self.stream.write(sequence)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    def fileno(self) -> int:
        return self.stream.fileno()

    def writable(self) -> bool:
        return True


def control(stream: TextIO, sequence: str) -> None:
    """Write Parley's own control *sequence* to *stream* (through a
    :class:`TerminalOutput`, which would strip it from ordinary text)."""
    if isinstance(stream, TerminalOutput):
        stream.control(sequence)
    else:
        stream.write(sequence)
