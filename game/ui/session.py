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
from game.save import Autosave, save_folder
from game.settings import Settings
from game.takeback import Takebacks

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
    #: Undo and redo (game.takeback): what the players took back and may play again.
    takebacks: Takebacks = field(init=False)

    def __post_init__(self) -> None:
        self.takebacks = Takebacks(set(self.humans))

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
            session.autosave = Autosave(save_folder(), game, set(humans))
        return session

    @classmethod
    def resume(cls, game: Game, humans: set[str], path: Path | None = None, *,
               started: str | None = None, keep_file: bool = True) -> Session:
        """Go on with a game rebuilt from a save (at *path*, which keeps being updated).

        With *keep_file* False (not every saved move could be replayed) the game goes on
        in a new save file beside it, so the old save keeps every move it had."""
        sides = game.sides
        ordered = tuple(s for s in sides if s in humans)
        mode = HOTSEAT if len(ordered) == 2 else VS_COMPUTER if ordered else DEMO
        session = cls(game, mode, ordered)
        session._make_players()
        if ordered and path is not None:
            autosave = Autosave(path.parent, game, set(ordered)) if keep_file else \
                Autosave(path.parent, game, set(ordered))
            if started:
                autosave.started = started
            if keep_file:
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
        self.takebacks.moved()  # a new move: what was undone can no longer be redone
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

    # ----- undo and redo (game.takeback) ---------------------------------------------

    def undo_blocked(self) -> str | None:
        """Why Undo cannot be used now (None: it can)."""
        if not self.humans:
            return "Nobody plays in a demo: there is nothing to take back."
        if self.mode == HOTSEAT:
            return ("No undo when two teams share the screen: a team could take back the "
                    "other team's move.")
        if not self.game.settings.undo:
            return "Undo is switched off in the teacher's settings."
        if not self.takebacks.undo_count(self.game):
            return "Nothing to take back yet: you have not made a move."
        return None

    def redo_blocked(self) -> str | None:
        """Why Redo cannot be used now (None: it can)."""
        blocked = self.undo_blocked()
        if blocked and not blocked.startswith("Nothing"):
            return blocked.replace("Undo", "Redo").replace("take back", "play again")
        if not self.takebacks.can_redo(self.game):
            return ("Nothing to redo: Redo plays again what Undo took back, until a new "
                    "move is made.")
        return None

    def undo_count(self) -> int:
        """How many moves Undo takes back: back to before the last human move (0 if
        none can be taken back)."""
        return 0 if self.undo_blocked() else self.takebacks.undo_count(self.game)

    def undo(self) -> bool:
        """Take back the players' last move and the replies to it; False if not possible.
        The autosave follows."""
        if self.undo_blocked():
            return False
        game = self.takebacks.undo(self.game)
        if game is None:
            return False
        self._replace(game)
        return True

    def redo(self) -> bool:
        """Play again what the last undo took back; False if there is nothing to redo."""
        if self.redo_blocked():
            return False
        game = self.takebacks.redo(self.game)
        if game is None:
            return False
        self._replace(game)
        return True

    def _replace(self, game: Game) -> None:
        self.game = game
        self._make_players()
        self._save()

    # ----- a scenario file changed on disk (F5) ------------------------------------------

    def rebuild(self, scenario: Scenario) -> tuple[int, str | None]:
        """Go on with this game on *scenario* (a new version of its file) by replaying its
        moves as far as they are still legal. Returns how many were replayed and, when not
        all, a warning saying which move stopped the replay.

        Raises :class:`ValueError` when the file now holds another scenario or other
        sides. When moves were lost, the game goes on in a new save file (the old one
        keeps every move)."""
        old = self.game
        if scenario.id != old.scenario.id:
            raise ValueError(f"the file now holds the scenario {scenario.id!r}, not "
                             f"{old.scenario.id!r}")
        if list(scenario.side_ids) != list(old.sides):
            raise ValueError(f"the scenario's sides changed ({', '.join(old.sides)} -> "
                             f"{', '.join(scenario.side_ids)})")
        game, warning = Game.replay_legal(scenario, old.settings, old.seed, list(old.moves),
                                          dict(old.teams))
        replayed = len(game.moves)
        if warning is not None and isinstance(self.autosave, Autosave):
            fresh = Autosave(self.autosave.path.parent, game, set(self.humans))
            fresh.started = self.autosave.started
            self.autosave = fresh
        # What was undone belongs to the old version of the scenario.
        self.takebacks = Takebacks(set(self.humans))
        self._replace(game)
        return replayed, warning
