"""The engine and every non-window front end work without pygame."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_engine_imports_without_pygame() -> None:
    code = ("import sys\n"
            "import game.engine, game.scenario, game.negotiator, game.analysis, "
            "game.simulate, game.textplay, game.cli, game.graph, game.debrief, "
            "game.play.session, game.play.wording, game.view, game.transcript, game.report\n"
            "assert 'pygame' not in sys.modules, 'pygame was imported'\n"
            "assert 'pygame_gui' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_no_module_outside_the_ui_imports_pygame() -> None:
    for path in (ROOT / "game").rglob("*.py"):
        if "ui" in path.relative_to(ROOT / "game").parts:
            continue
        text = path.read_text(encoding="utf-8")
        assert "import pygame" not in text and "from pygame" not in text, path
