"""Tools that drive Parley's window from outside the game package: the screenshots of every
screen (``python -m tools.screenshots``) and the monkey (``python -m tools.monkey``). They
use only the app's public face, as a player's keys and clicks would."""

import os

# pygame prints a banner when imported; the tools import it before the game package does.
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
