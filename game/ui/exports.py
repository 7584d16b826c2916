"""The debrief's exports: the game's transcript as Markdown and as one HTML page
(game.transcript), written where the teacher collects them. No pygame here."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from game import transcript
from game.engine import Game
from game.save import save_folder


def transcript_folder() -> Path:
    """Where transcripts go: $PARLEY_TRANSCRIPTS, else ``transcripts/`` beside the saves."""
    override = os.environ.get("PARLEY_TRANSCRIPTS")
    return Path(override) if override else save_folder().parent / "transcripts"


def transcript_name(game: Game, save_path: Path | None = None) -> str:
    """A file name (without suffix) for *game*'s transcript: its save's name when it has
    one, so the two are easy to pair, else the scenario, the time and the seed."""
    if save_path is not None:
        return save_path.stem
    return f"{game.scenario.id}-{time.strftime('%Y%m%d-%H%M%S')}-{game.seed}"


def write_transcripts(game: Game, name: str, folder: Path | None = None,
                      humans: Iterable[str] = ()) -> tuple[Path, Path]:
    """Write *game*'s transcript as ``name.md`` and ``name.html`` in *folder* (default
    :func:`transcript_folder`); returns both paths. *humans*: the sides people play (before
    the game is over, a transcript shows only what the one team playing has seen). Raises
    :class:`OSError` when the folder cannot be written. Each file is written whole or not
    at all."""
    folder = folder or transcript_folder()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for suffix, text in ((".md", transcript.markdown(game, humans)),
                         (".html", transcript.html(game, humans))):
        path = folder / f"{name}{suffix}"
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        written.append(path)
    return written[0], written[1]
