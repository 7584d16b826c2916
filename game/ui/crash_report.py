"""What the app knows of an unexpected error: the report the crash screen tells, and what
the crash log says about the game that was being played.

The app catches the error (:meth:`game.ui.app.App.crashed`), stops the game from saving
again, writes the log with :mod:`game.crashlog` and shows :mod:`game.ui.crash_screen`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.play.session import Session

if TYPE_CHECKING:
    from game.ui.screen import Screen


@dataclass(frozen=True)
class CrashReport:
    """One unexpected error, as the crash screen tells it."""

    error: BaseException
    #: The screen that was showing (its name, e.g. "table").
    screen: str
    #: Where the crash report was written (None: it could not be written).
    log_path: Path | None
    #: The crashed game's autosave, if it has one on disk.
    save_path: Path | None
    #: Moves the crashed game had made (0: no game, or nothing played yet).
    moves: int

    @property
    def what(self) -> str:
        """The error in one line: its kind and message, never a traceback."""
        message = str(self.error).strip().splitlines()[0][:300] if str(self.error).strip() \
            else "(no message)"
        return f"{type(self.error).__name__}: {message}"


def crash_context(stack: list[Screen]) -> dict[str, Any]:
    """What a crash report says about the game: the screens, and the scenario, seed, mode,
    moves and autosave of the game being played (if any)."""
    context: dict[str, Any] = {"screen": stack[-1].name if stack else "none",
                               "screens": " > ".join(s.name for s in stack) or "none"}
    session = find_session(stack)
    if session is None:
        return context
    try:
        game = session.game
        context["scenario"] = f"{game.scenario.id} ({game.scenario.file})"
        context["seed"] = game.seed
        context["mode"] = session.mode
        context["round"] = game.state.round
        context["moves"] = len(game.moves)
        for n, (side, move, _reason) in enumerate(game.moves, 1):
            context[f"move {n}"] = f"{side} {move.to_json()}"
        context["autosave"] = autosave_path(session) or "none"
    except Exception as exc:  # the report must be written even if the game is broken
        context["context error"] = repr(exc)
    return context


def find_session(stack: list[Screen]) -> Session | None:
    """The game being played: the session of the topmost screen that has one."""
    for screen in reversed(stack):
        session = getattr(screen, "session", None)
        if isinstance(session, Session):
            return session
    return None


def autosave_path(session: Session) -> Path | None:
    return session.save_path
