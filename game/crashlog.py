"""Reports of unexpected errors, written to the user's log folder so nothing is lost and a
teacher can send the file on."""

from __future__ import annotations

import os
import platform
import sys
import traceback
from datetime import datetime, timezone
from pathlib import Path
from typing import Any


def log_folder() -> Path:
    """The folder crash reports go to: the platform's user log folder, or $PARLEY_LOGS."""
    override = os.environ.get("PARLEY_LOGS")
    if override:
        return Path(override)
    import platformdirs
    return platformdirs.user_log_path("Parley", appauthor=False)


def write_crash_log(error: BaseException, context: dict[str, Any] | None = None) -> Path | None:
    """Write a report of *error* (its traceback, the Python and system versions and
    *context*, e.g. the scenario and the save) and return its path; None when even that
    fails (the caller still shows the error)."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    lines = [f"Parley crash report, {stamp}",
             f"Python {sys.version.split()[0]} on {platform.platform()}", ""]
    for key, value in (context or {}).items():
        lines.append(f"{key}: {value}")
    lines += ["", "".join(traceback.format_exception(error))]
    try:
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{stamp}.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        return path
    except OSError:
        return None
