"""A game as the front end plays it: who plays which side (a team or the computer), and
what each screen may show. It wraps the engine's face and decides no rule itself.

No pygame here: tests and the screens share it.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from game.engine import Game
from game.errors import SaveError
from game.model import Scenario
from game.moves import Entry, Move
from game.negotiator import Negotiator
from game.settings import Settings

try:
    from game.analysis import points
except ImportError:  # an engine from before the 0-100 scale
    def points(utility: float) -> int:
        """A utility on the 0-100 scale players see (0.42 -> 42)."""
        return round(utility * 100)

log = logging.getLogger(__name__)

VS_COMPUTER = "computer"
HOTSEAT = "hotseat"
DEMO = "demo"
MODES = (VS_COMPUTER, HOTSEAT, DEMO)
COMPUTER = "Computer"


@dataclass
class Session:
    """One game in progress, with its players."""

    game: Game
    mode: str
    humans: tuple[str, ...]
    players: dict[str, Negotiator] = field(default_factory=dict)
    #: Writes the game to its save file after every move (None: not saved).
    autosave: Callable[[Game], None] | None = None
    #: Why the last autosave failed, if it did (shown to the player once).
    save_error: str | None = None

    @classmethod
    def start(cls, scenario: Scenario, settings: Settings, mode: str, *,
              human_side: str | None = None, teams: dict[str, str] | None = None,
              seed: int | None = None, save: bool = True) -> Session:
        """A new game. *human_side* is the player's side against the computer; *teams*
        maps side ids to team names (the computer's side is recorded as "Computer")."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        sides = scenario.side_ids
        if mode == VS_COMPUTER:
            humans: tuple[str, ...] = (human_side or sides[0],)
        elif mode == HOTSEAT:
            humans = tuple(sides)
        else:
            humans = ()
        names = dict(teams or {})
        record = {}
        for side in sides:
            if side in humans:
                default = f"Team {'AB'[humans.index(side)]}"
                record[side] = (names.get(side) or "").strip()[:30] or default
            else:
                record[side] = COMPUTER
        if seed is None:
            seed = random.randrange(1, 1_000_000)
        game = Game(scenario, settings, seed=seed, teams=record)
        session = cls(game, mode, humans)
        session._make_players()
        if humans and save:
            # Nobody plays a demo: nothing worth keeping, so it is not saved.
            from game.save import Autosave, save_folder
            session.autosave = Autosave(save_folder(), game, set(humans))
        return session

    @classmethod
    def resume(cls, game: Game, humans: set[str], path: Path | None = None) -> Session:
        """Go on with a game rebuilt from a save (at *path*, which keeps being updated)."""
        sides = game.sides
        ordered = tuple(s for s in sides if s in humans)
        mode = HOTSEAT if len(ordered) == 2 else VS_COMPUTER if ordered else DEMO
        session = cls(game, mode, ordered)
        session._make_players()
        if ordered and path is not None:
            from game.save import Autosave
            autosave = Autosave(path.parent, game, set(ordered))
            autosave.path = path
            session.autosave = autosave
        return session

    def _save(self) -> None:
        if self.autosave is None:
            return
        try:
            self.autosave(self.game)
        except (OSError, SaveError) as exc:
            log.warning("autosave failed: %s", exc)
            self.save_error = f"The game could not be saved: {exc}"

    def _make_players(self) -> None:
        self.players = {side: Negotiator(self.game, side, self.game.settings.difficulty)
                        for side in self.game.sides if side not in self.humans}

    # ----- who sees what ----------------------------------------------------------------

    @property
    def scenario(self) -> Scenario:
        return self.game.scenario

    def is_human(self, side: str | None) -> bool:
        return side is not None and side in self.humans

    @property
    def computer_to_move(self) -> bool:
        side = self.game.to_move
        return side is not None and side not in self.humans

    @property
    def viewer(self) -> str | None:
        """The side whose private view the table shows: the player's side against the
        computer; in hot-seat the side to move (or that moved last); None in a demo."""
        if self.mode == VS_COMPUTER:
            return self.humans[0]
        if self.mode == HOTSEAT:
            if self.game.to_move is not None:
                return self.game.to_move
            return self.game.moves[-1][0] if self.game.moves else self.game.sides[0]
        return None

    def visible_log(self) -> list[Entry]:
        """The log the table shows. A demo shows the computers' reasons too: no player
        sits at either side, and the reasons are what the audience learns from."""
        if self.mode == DEMO:
            return list(self.game.log)
        return self.game.visible_log(self.viewer)

    def team(self, side: str) -> str:
        return self.game.teams.get(side, "")

    # ----- playing ----------------------------------------------------------------------

    def play(self, move: Move) -> list[Entry]:
        """A human's move for the side to move; raises IllegalMoveError if not legal."""
        entries = self.game.apply(move)
        self._save()
        return entries

    def play_computer(self) -> list[Entry]:
        """The computer's move for the side to move."""
        side = self.game.to_move
        assert side is not None and side in self.players
        decision = self.players[side].decide(self.game)
        entries = self.game.apply(decision.move, decision.reason)
        self._save()
        return entries

    def play_timeout(self) -> list[Entry]:
        """The side to move ran out of time: it passes, or (if the settings say so) the
        computer moves for it."""
        side = self.game.to_move
        assert side is not None
        if getattr(self.game.settings, "on_timeout", "pass") == "computer":
            move = Negotiator(self.game, side, self.game.settings.difficulty).decide(
                self.game).move
        else:
            move = Move.wait()
        return self.play(move)

    def undo_count(self) -> int:
        """How many moves Undo takes back: back to before the last human move (0 if
        none can be taken back)."""
        # In hot-seat a team could take back the other team's move: no undo there.
        if not self.game.settings.undo or self.mode != VS_COMPUTER:
            return 0
        moves = self.game.moves
        for back in range(1, len(moves) + 1):
            if moves[-back][0] in self.humans:
                return back
        return 0

    def undo(self) -> bool:
        count = self.undo_count()
        if not count:
            return False
        self.game = self.game.undone(count)
        self._make_players()
        self._save()
        return True
