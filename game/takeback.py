"""Undo and redo for players: take back your last move (and the replies to it), or play
again what you took back, as long as nothing new has been played since."""

from __future__ import annotations

from game.engine import Game
from game.moves import Move

Played = tuple[str, Move, str | None]


class Takebacks:
    """Undo and redo over one game played by *humans* (the sides people play).

    Undo takes back the players' last move together with every move made after it (the
    computer's replies); redo plays those moves again. A new move clears what could be
    redone. Front ends hold the returned game in place of the old one.
    """

    def __init__(self, humans: set[str]) -> None:
        self.humans = set(humans)
        self._undone: list[list[Played]] = []

    def undo_count(self, game: Game) -> int:
        """How many moves an undo would take back now (0: nothing to undo)."""
        if not game.settings.undo:
            return 0
        mine = [i for i, (side, _, _) in enumerate(game.moves) if side in self.humans]
        return len(game.moves) - mine[-1] if mine else 0

    def can_redo(self, game: Game) -> bool:
        return game.settings.undo and bool(self._undone)

    def undo(self, game: Game) -> Game | None:
        """The game with the players' last move taken back, or None when there is none."""
        count = self.undo_count(game)
        if not count:
            return None
        self._undone.append(list(game.moves[-count:]))
        return game.undone(count)

    def redo(self, game: Game) -> Game | None:
        """The game with the last undone moves played again, or None when there are none."""
        if not self.can_redo(game):
            return None
        moves = self._undone.pop()
        again = Game.replay(game.scenario, game.settings, game.seed,
                            list(game.moves) + moves, game.teams)
        return again

    def moved(self) -> None:
        """Call after every new move: what was undone can no longer be redone."""
        self._undone.clear()
