"""Parley: a negotiation simulation game for the classroom. Run ``python main.py --help``."""

import sys

from game.cli import main

if __name__ == "__main__":
    sys.exit(main())
