"""Parley's pygame front end: a stack of screens over the engine's face.

Start it with :func:`game.ui.app.run`. Importing this package opens no window and loads
nothing: pygame is initialised, and the window and pictures made, only in ``run()``.
"""

import os

# pygame prints a banner when imported; a classroom game has no use for it.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
