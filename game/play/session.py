"""The table session: one game with its players, as every front end plays it.

The terminal game, the window and the simulator all drive a :class:`Session`; they only
show it and pass it the players' input. It owns who plays which side (team names, who is
human), the hot-seat rule for taking moves back, undo and redo, the autosave, the
computer's turns and turn time-outs. It decides no rule of the game: the engine does, and
the session passes its sentences on.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from game.answers import computer_move
from game.engine import COMPUTER, Game, Played
from game.errors import IllegalMoveError, SaveError
from game.model import Scenario
from game.moves import Entry, Move
from game.negotiator import Decision, Negotiator
from game.protocol import Choice, GameState
from game.model import Strategy
from game.save import Autosave, Restored
from game.settings import Difficulty, Settings

log = logging.getLogger(__name__)

VS_COMPUTER = "computer"
HOTSEAT = "hotseat"
DEMO = "demo"
MODES = (VS_COMPUTER, HOTSEAT, DEMO)
#: The longest team name kept.
TEAM_NAME_LIMIT = 30


def computer_name_taken(name: str) -> str | None:
    """Why *name* cannot be a team's (None: it can): "Computer" is the record's name for a
    side the computer plays, and the game reads it so (a player's words are chosen
    without reproach, a computer's are not). Every front end asks again with this."""
    if name.strip().casefold() == COMPUTER.casefold():
        return f"{COMPUTER!r} is the computer's name: choose another team name."
    return None


def team_names(sides: Iterable[str], humans: Iterable[str],
               given: dict[str, str] | None = None) -> dict[str, str]:
    """The team name recorded for each side: the name given (trimmed, at most 30
    characters), "Team A"/"Team B" for a human side with none (or given the computer's
    name), "Computer" otherwise."""
    people = [s for s in sides if s in set(humans)]
    names = {}
    for side in sides:
        if side in people:
            default = f"Team {'AB'[people.index(side)]}"
            name = ((given or {}).get(side) or "").strip()[:TEAM_NAME_LIMIT]
            names[side] = default if not name or computer_name_taken(name) else name
        else:
            names[side] = COMPUTER
    return names


@dataclass(frozen=True)
class Saved:
    """Where the session's game is saved, and whether the last save worked."""

    path: Path | None
    error: str | None
    written: bool = False
    """Whether the game was written to *path* at least once in this session."""


class Session:
    """One game in progress, with its players. See the module's docstring."""

    #: What leaving the game keeps, when something else than this device keeps the game (a
    #: class server); None: the save says it.
    leave_note: str | None = None

    #: Whether the game is one of a class's tables (its server runs the rules of the day).
    at_class = False

    def __init__(self, game: Game, humans: Iterable[str], *,
                 autosave: Autosave | None = None,
                 computers: dict[str, tuple[Difficulty | None, Strategy | None]] | None = None
                 ) -> None:
        self._game = game
        people = set(humans)
        unknown = people - set(game.sides)
        if unknown:
            raise ValueError(f"no side {sorted(unknown)!r} in this scenario")
        #: The sides people play, in the order the sides sit at the table.
        self.humans: tuple[str, ...] = tuple(s for s in game.sides if s in people)
        # The record names the team at every side people play (the game chooses their
        # words by it: never a reproach); a game made without team names gets the defaults.
        for side, team in team_names(game.sides, self.humans, game.teams).items():
            game.teams.setdefault(side, team)
        self._autosave = autosave
        #: Why the last autosave failed, until a front end has shown it (then set to None).
        self.save_error: str | None = None
        self._save_failed = False
        self._written = False
        self._undone: list[list[Played]] = []
        #: Side id -> (difficulty, strategy) of the computer playing it (None: the rules'
        #: difficulty and the scenario's strategy).
        self._computers = dict(computers or {})
        self._players: dict[str, Negotiator] = {}
        self._make_players()

    # ----- starting ---------------------------------------------------------------------

    @classmethod
    def start(cls, scenario: Scenario, settings: Settings, mode: str, *,
              human_side: str | None = None, teams: dict[str, str] | None = None,
              seed: int | None = None, saves: Path | None = None) -> Session:
        """A new game. *mode* is "computer" (*human_side* plays the computer), "hotseat"
        (two teams) or "demo" (the computer plays both). *teams* maps side ids to team
        names. With *saves*, the game is saved after every move to a new file in that
        folder (a demo, which nobody plays, is never saved)."""
        sides = scenario.side_ids
        if mode == VS_COMPUTER:
            if human_side not in sides:
                raise ValueError(f"choose the side the player takes: one of {sides}")
            humans: tuple[str, ...] = (human_side,)
        elif mode == HOTSEAT:
            humans = tuple(sides)
        elif mode == DEMO:
            humans = ()
        else:
            raise ValueError(f"unknown mode {mode!r}")
        if seed is None:
            seed = random.randrange(1, 1_000_000)
        game = Game(scenario, settings, seed=seed, teams=team_names(sides, humans, teams))
        autosave = Autosave(saves, game, set(humans)) if humans and saves is not None \
            else None
        return cls(game, humans, autosave=autosave)

    @classmethod
    def resume(cls, restored: Restored, path: Path | None, *, save: bool = True) -> Session:
        """Go on with a game rebuilt from the save at *path*. The save keeps being updated
        when it was replayed on the very scenario it was played on; otherwise (the scenario
        changed) the game goes on in a new file beside it, so the old save keeps every move
        it had and the scenario it was played on. With *save* False the game is not saved
        at all."""
        game, humans = restored.game, set(restored.humans)
        autosave = None
        if save and humans and path is not None:
            new_file = restored.lost or restored.changed
            autosave = Autosave(path.parent, game, humans, started=restored.started,
                                path=None if new_file else path)
        return cls(game, humans, autosave=autosave)

    # ----- who plays, and what each may see ----------------------------------------------

    @property
    def game(self) -> Game:
        """The game (a new object after an undo, a redo or a rebuild: read it each time)."""
        return self._game

    @property
    def whole_game(self) -> Game | None:
        """The whole game, both sides' private record with it, which the debrief reads. On
        this computer it is always here; a class's table has it only once the server has
        sent it, after the talks are over (None until then)."""
        return self._game

    #: Whether the whole game will not come although the talks are over (a class's table
    #: whose server went, or sent a game this Parley cannot read).
    whole_game_lost = False

    #: What the link to a class's server is going through, for a front end to keep in
    #: sight while it lasts: the same sentence in shorter and shorter wordings, for the
    #: room there is (empty: nothing wrong, or no server).
    link_trouble: tuple[str, ...] = ()

    @property
    def scenario(self) -> Scenario:
        return self._game.scenario

    @property
    def settings(self) -> Settings:
        return self._game.settings

    @property
    def state(self) -> GameState:
        return self._game.state

    @property
    def mode(self) -> str:
        return HOTSEAT if len(self.humans) == 2 else VS_COMPUTER if self.humans else DEMO

    def is_human(self, side: str | None) -> bool:
        return side is not None and side in self.humans

    def team(self, side: str) -> str:
        return self._game.teams.get(side, "")

    @property
    def computer_to_move(self) -> bool:
        side = self._game.to_move
        return side is not None and side not in self.humans

    @property
    def viewer(self) -> str | None:
        """The side whose private view a screen shows: the player's side against the
        computer; in hot-seat the side to move (or that moved last); None in a demo."""
        if self.mode == VS_COMPUTER:
            return self.humans[0]
        if self.mode == HOTSEAT:
            game = self._game
            if game.to_move is not None:
                return game.to_move
            return game.moves[-1][0] if game.moves else game.sides[0]
        return None

    def visible_log(self) -> list[Entry]:
        """The record a screen shows. A demo shows both computers' reasons: nobody sits at
        either side, and the reasons are what the audience learns from."""
        if self.mode == DEMO:
            return list(self._game.log)
        return self._game.visible_log(self.viewer)

    def choices(self, side: str | None = None) -> list[Choice]:
        """Every move *side* (default: the side to move) has, each with the engine's
        sentence when it cannot make it now."""
        return self._game.choices(side)

    # ----- playing ----------------------------------------------------------------------

    def play(self, move: Move) -> list[Entry]:
        """A player's move for the side to move; raises IllegalMoveError (with the engine's
        sentence) when it is not allowed now."""
        side = self._game.to_move
        if side is None or side not in self.humans:
            raise IllegalMoveError("It is not a player's turn.")
        entries = self._game.apply(move)
        self._undone.clear()  # a new move: what was undone can no longer be redone
        self._save()
        return entries

    def play_computer(self) -> list[Entry]:
        """The computer's move for the side to move."""
        side = self._game.to_move
        if side is None or side not in self._players:
            raise ValueError("it is not the computer's turn")
        view = self._game.view(side)
        decision = computer_move(self._players[side], view)
        entries = self._game.apply(decision.move, decision.reason)
        self._save()
        return entries

    def decide_for(self, side: str) -> Decision:
        """What the computer would play for *side* now (a hint, or a move on time-out)."""
        view = self._game.view(side)
        return computer_move(Negotiator(view), view)

    def time_out(self) -> list[Entry]:
        """The side to move ran out of time: it passes, or (if the settings say so) the
        computer moves for it. The record says that time ran out."""
        side = self._game.to_move
        if side is None or side not in self.humans:
            raise ValueError("no player is to move")
        if self.settings.on_timeout == "computer":
            move = self.decide_for(side).move.on_timeout()
        elif self._game.state.asked == side:
            move = Move.deflect().on_timeout()  # no answer given: the question goes by
        else:
            move = Move.wait().on_timeout()
        entries = self._game.apply(move)
        self._undone.clear()
        self._save()
        return entries

    def play_to_end(self) -> GameState:
        """Let the computer play every remaining move (for a demo or a simulation)."""
        while self.computer_to_move:
            self.play_computer()
        return self._game.state

    # ----- undo and redo ----------------------------------------------------------------

    def undo_blocked(self, requester: str | None = None) -> str | None:
        """Why *requester* (default: the side at the screen) cannot take a move back now
        (None: it can). A team takes back only its own moves: never when the other team has
        moved since, and never once the game is over."""
        requester = requester or self.viewer
        if not self.humans or requester is None:
            return "Nobody plays in a demo: there is nothing to take back."
        if requester not in self.humans:
            return "Only a team can take back its own moves."
        if not self.settings.undo:
            return "Undo is switched off in the teacher's settings."
        game = self._game
        if game.finished:
            return "The game is over: a finished game cannot be reopened."
        moves = game.moves
        mine = [n for n, (side, _, _) in enumerate(moves) if side == requester]
        if not mine:
            return "Nothing to take back yet: you have not made a move."
        if any(side in self.humans and side != requester for side, _, _ in moves[mine[-1]:]):
            return ("The other team has moved since your last move: a team takes back only "
                    "its own moves.")
        return None

    def undo_count(self, requester: str | None = None) -> int:
        """How many moves an undo takes back now: the requester's last move and every
        computer reply after it (0 when none can be taken back)."""
        if self.undo_blocked(requester):
            return 0
        requester = requester or self.viewer
        moves = self._game.moves
        last = max(n for n, (side, _, _) in enumerate(moves) if side == requester)
        return len(moves) - last

    def undo(self, requester: str | None = None) -> int:
        """Take back the requester's last move and the replies to it; returns how many
        moves were taken back (0: none could be). The autosave follows."""
        count = self.undo_count(requester)
        if not count:
            return 0
        self._undone.append(list(self._game.moves[-count:]))
        self._replace(self._game.undone(count))
        return count

    def redo_blocked(self, requester: str | None = None) -> str | None:
        """Why Redo cannot be used now (None: it can)."""
        requester = requester or self.viewer
        if not self.humans or requester is None:
            return "Nobody plays in a demo: there is nothing to play again."
        if not self.settings.undo:
            return "Redo is switched off with undo in the teacher's settings."
        if not self._undone:
            return ("Nothing to redo: Redo plays again what Undo took back, until a new "
                    "move is made.")
        if requester not in {side for side, _, _ in self._undone[-1]}:
            return "Only the team that took the moves back can play them again."
        return None

    def redo(self, requester: str | None = None) -> int:
        """Play again what the last undo took back; returns how many moves (0: none)."""
        if self.redo_blocked(requester):
            return 0
        moves = self._undone.pop()
        game = self._game
        self._replace(Game.replay(game.scenario, game.settings, game.seed,
                                  list(game.moves) + moves, dict(game.teams),
                                  edition=game.edition))
        return len(moves)

    # ----- a scenario file changed on disk (F5 in the window) ----------------------------

    def rebuild(self, scenario: Scenario) -> tuple[int, str | None]:
        """Go on with this game on *scenario* (a new version of its file) by replaying its
        moves as far as they are still legal. Returns how many were replayed and, when not
        all, a warning saying which move stopped the replay.

        Raises :class:`ValueError` when the file now holds another scenario or other
        sides. When moves were lost, the game goes on in a new save file (the old one
        keeps every move)."""
        old = self._game
        if scenario.id != old.scenario.id:
            raise ValueError(f"the file now holds the scenario {scenario.id!r}, not "
                             f"{old.scenario.id!r}")
        if list(scenario.side_ids) != list(old.sides):
            raise ValueError(f"the scenario's sides changed ({', '.join(old.sides)} -> "
                             f"{', '.join(scenario.side_ids)})")
        game, warning = Game.replay_legal(scenario, old.settings, old.seed, list(old.moves),
                                          dict(old.teams), edition=old.edition)
        if warning is not None and self._autosave is not None:
            self._autosave = Autosave(self._autosave.path.parent, game, set(self.humans),
                                      started=self._autosave.started)
        self._undone.clear()  # what was undone belongs to the old version of the scenario
        self._replace(game)
        return len(game.moves), warning

    # ----- saving -----------------------------------------------------------------------

    @property
    def saved(self) -> Saved:
        """Where the game is saved (None: it is not) and the last save's error, if any."""
        path = self._autosave.path if self._autosave is not None else None
        return Saved(path, self.save_error if self._save_failed else None,
                     self._written and self._autosave is not None)

    @property
    def save_path(self) -> Path | None:
        return self._autosave.path if self._autosave is not None else None

    @property
    def save_works(self) -> bool:
        """Whether the game is being saved and the last save worked."""
        return self._autosave is not None and not self._save_failed

    def stop_saving(self) -> None:
        """Save no more (the window's crash screen keeps the last good autosave as it is)."""
        self._autosave = None

    def _save(self) -> None:
        if self._autosave is None:
            return
        try:
            self._autosave(self._game)
        except (OSError, SaveError) as exc:
            # Said once (the front end tells the players); every failure goes to the log.
            (log.info if self._save_failed else log.warning)("autosave failed: %s", exc)
            # Play goes on; the front end tells the players once, plainly.
            if not self._save_failed:
                self.save_error = (f"The game could not be saved ({exc}); play goes on, but "
                                   "it is not saved.")
            self._save_failed = True
        else:
            if self._save_failed:
                self.save_error = None
            self._save_failed = False
            self._written = True

    def _make_players(self) -> None:
        self._players = {side: Negotiator(self._game.view(side),
                                          *self._computers.get(side, (None, None)))
                         for side in self._game.sides if side not in self.humans}

    def _replace(self, game: Game) -> None:
        self._game = game
        self._make_players()
        self._save()
