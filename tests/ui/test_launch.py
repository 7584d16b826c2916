"""The launch: the title screen comes up without reading what only later screens need."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: Modules the title screen does not need: the text entries' manager, the class client
#: and its HTTP library, the screens after the title and the play layer's session.
NOT_AT_TITLE = ("pygame_gui", "aiohttp", "game.net.client", "game.ui.join",
                "game.ui.table", "game.ui.debrief_screen", "game.ui.setup",
                "game.ui.settings_screen", "game.ui.briefing", "game.play.session")


def test_the_title_comes_up_without_later_screens_modules() -> None:
    code = ("import sys; from game.ui.app import App; from game.ui.flow import start; "
            "app = App(size=(1280, 720)); app.first_frame(); start(app); app.step(0.0); "
            "assert app.top.name == 'title', app.stack; "
            f"print(sorted(m for m in {NOT_AT_TITLE!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "SDL_VIDEODRIVER": "dummy",
                                         "SDL_AUDIODRIVER": "dummy"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_text_entries_manager_is_made_when_a_screen_needs_it(make_app) -> None:  # type: ignore[no-untyped-def]
    from game.ui.flow import start
    from game.ui.navigation import JoinClass
    app = make_app()
    start(app)
    app.step(0.016)
    assert app._gui is None  # the title has no text entry
    app.push(JoinClass())
    app.step(0.016)
    assert app._gui is not None and app.gui.get_root_container().elements
    app.restyle()  # a new text size: the entries are made again with a new manager
    app.step(0.016)
    assert app.gui.get_root_container().elements
