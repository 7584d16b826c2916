"""Saved games: versioned JSON, written atomically, rebuilt by replaying their moves.

A save holds the scenario's id and content hash, the seed, the settings, the team names and
the moves (with the computer's reasons); the game is rebuilt by replaying them, so a save
can never hold anything but data. A save from a newer Parley, a corrupt, truncated or
foreign file is refused with a plain message, and nothing is overwritten.
"""

from __future__ import annotations

import glob
import json
import re
import os
import stat
import tempfile
import time
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from game.engine import Game
from game.errors import SaveError, SettingsError
from game.model import Scenario
from game.moves import Move
from game.settings import Settings
from game.untrusted import JSONProblem, UntrustedError, parse_json, read_file, shorten

#: The newest save format this Parley writes. A save's version is also the edition of the
#: rules its game is played by (see ``Game.edition``): version 1 saves come from before a
#: side chose its answer to "what matters most", and replay with the answer given at once;
#: version 2 saves replay with a concession judged by its maker's own values; version 3
#: saves replay with an option left for one nearer the other side's opening proposal
#: counted as a step away; version 4 saves with an option left for one the other side had
#: proposed before, but not nearer its opening, counted as one; version 5 saves with only
#: meeting or leaving the other side's option counted, by the balance (an agreed point
#: taken back could count as a concession); version 6 saves with an agreed point left for
#: an option the other side had once asked for counted as giving more than was asked, even
#: back toward the proposer's own opening (and for any other as taken back, even further
#: toward the other side), and a proposal said as a concession only when it met the other
#: side on more issues; version 7 saves with an agreed point taken back as part of a trade
#: (ground given on as many other issues) counted as a step away, trust lost and a point
#: taken back on the record; version 8 saves with no words from the computer in reply to
#: a tactic (a tactic's ``reply``), a step toward that also stepped away said as a
#: concession, and a refusal across the refuser's red line free to name another point;
#: version 9 saves with a change from a point both latest proposals held, where both sides
#: had opened on the same option, counted as taking it back whichever way it went (unless
#: the other side had once asked for the new option), not by the way the scenario says the
#: issue runs (``runs_from``); version 10 saves with an option the other side had offered
#: beyond the proposer's own last ask, taken up, counted as a step toward it (trust gained,
#: said as a concession) rather than as giving nothing; version 11 saves with a question
#: asked by a round's last move answered after the next round's heading and events, and
#: the words of edition 11 (see ``game.speech.EDITION``); version 12 saves with several
#: changes that keep a proposal clear of red lines said as "These two" after others.
SAVE_VERSION = 13
#: The oldest save format it reads.
MIN_SAVE_VERSION = 1
#: The marker that tells a Parley save from any other JSON file.
MARKER = "parley-save"
#: A save bigger than this is refused unread.
MAX_SAVE_BYTES = 5_000_000
#: The longest team name a save may hold (games record at most 30 characters; the window
#: wraps names, so a longer one must not reach it).
MAX_TEAM_NAME = 100


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SavedMove(_Strict):
    side: str = Field(max_length=40)
    move: dict[str, Any]
    reason: str | None = Field(default=None, max_length=2000)


class SavedScenario(_Strict):
    id: str = Field(max_length=40)
    title: str = Field(max_length=600)
    file: str = Field(max_length=4000)
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")


class SaveFile(_Strict):
    """The JSON document of a save."""

    kind: str = Field(alias="parley")
    version: int = Field(ge=MIN_SAVE_VERSION, le=SAVE_VERSION, strict=True)
    scenario: SavedScenario
    seed: int = Field(ge=0, le=2**63)
    settings: dict[str, Any]
    teams: dict[Annotated[str, Field(max_length=40)],
                Annotated[str, Field(max_length=MAX_TEAM_NAME)]] = Field(max_length=2)
    humans: list[Annotated[str, Field(max_length=40)]] = Field(max_length=2)
    started: str = Field(max_length=40)
    saved: str = Field(max_length=40)
    moves: list[SavedMove] = Field(max_length=10_000)
    # Shown in lists of saves without replaying the game.
    round: int = Field(ge=0)
    finished: bool
    outcome: str | None = Field(default=None, max_length=40)
    #: The outcome's name in the scenario ("Joint operation in stages"); saves written
    #: before it was kept have only the id.
    outcome_name: str | None = Field(default=None, max_length=200)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def to_save(game: Game, humans: set[str] | list[str], started: str | None = None) -> SaveFile:
    """The save document of *game*; *humans* are the sides people play."""
    return SaveFile(
        kind=MARKER, version=game.edition,
        scenario=SavedScenario(id=game.scenario.id, title=game.scenario.title,
                               file=game.scenario.file, sha256=game.scenario.digest),
        seed=game.seed, settings=game.settings.to_json(), teams=dict(game.teams),
        humans=sorted(humans), started=started or now(), saved=now(),
        moves=[SavedMove(side=side, move=move.to_json(), reason=reason)
               for side, move, reason in game.moves],
        round=game.state.round, finished=game.finished, outcome=game.state.outcome,
        outcome_name=ended.name if (ended := game.scenario.outcome(game.state.outcome))
        else None)


#: A temporary file of a save older than this is left over from a write that was cut off
#: (the game was killed while saving) and is removed at the next save of that file.
STALE_SECONDS = 60


def write_save(save: SaveFile, path: Path) -> None:
    """Write *save* to *path* atomically: a temporary file in the same folder, flushed and
    synced to disk, then renamed over the old save. A crash at any moment leaves either the
    old save or the new one, never a torn file; the temporary files such a crash leaves
    are removed at the next save of the same file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(save.model_dump(by_alias=True), indent=1, ensure_ascii=False)
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    try:  # make the rename itself durable
        folder = os.open(path.parent, os.O_RDONLY)
    except OSError:
        folder = -1
    if folder >= 0:
        try:
            os.fsync(folder)
        except OSError:
            pass
        finally:
            os.close(folder)
    _remove_stale_temporaries(path)


def _remove_stale_temporaries(path: Path) -> None:
    """Remove what writes of *path* that were cut off left behind (never a recent one: it
    may be another write in progress)."""
    cutoff = time.time() - STALE_SECONDS
    try:
        leftovers = list(path.parent.glob(f".{glob.escape(path.name)}.*.tmp"))
    except OSError:
        return
    for leftover in leftovers:
        try:
            info = leftover.lstat()
            if stat.S_ISREG(info.st_mode) and info.st_mtime < cutoff:
                leftover.unlink()
        except OSError:
            pass


def claim(path: Path) -> Path:
    """Create the save file *path*, or ``<stem>-2.json``, ``-3`` and so on, whichever does
    not exist yet, atomically (never a file another game created, even in the same instant);
    returns the path created. Raises :class:`OSError` when the folder cannot be written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    stem, number, candidate = path.stem, 2, path
    while True:
        try:
            handle = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            candidate, number = path.with_name(f"{stem}-{number}{path.suffix}"), number + 1
            if number > 10_000:
                raise
            continue
        os.close(handle)
        return candidate


def read_save(path: Path) -> SaveFile:
    """Read and check the save at *path*; raises :class:`SaveError` saying what is wrong.

    Only a regular file is read (see :func:`game.untrusted.read_file`)."""
    name = str(path)
    try:
        raw = read_file(path, MAX_SAVE_BYTES, "a Parley save")
    except UntrustedError as exc:
        raise SaveError(f"{name}: {exc}") from exc
    except OSError as exc:
        raise SaveError(f"{name}: cannot read the file ({exc.strerror or exc})") from exc
    return parse_save(raw, name)


def parse_save(raw: bytes, name: str = "<save>") -> SaveFile:
    """Check a save held in memory; raises :class:`SaveError`."""
    if not raw.strip():
        raise SaveError(f"{name}: the file is empty (the save was lost before it was written)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SaveError(f"{name}: not a Parley save (not UTF-8 text)") from exc
    try:
        data = parse_json(text)
    except JSONProblem as exc:
        raise SaveError(f"{name}: the save is damaged: {exc}") from exc
    except json.JSONDecodeError as exc:
        # Every save ends with the brace that closes it: without it, or with the reading
        # stopped by the end of the text (a cut just after an inner brace), it was cut.
        if not text.rstrip().endswith("}") or exc.pos >= len(text.rstrip()):
            raise SaveError(f"{name}: the save is cut short at line {exc.lineno} (truncated "
                            "while it was being written?)") from exc
        raise SaveError(f"{name}: the save is damaged at line {exc.lineno}, column "
                        f"{exc.colno}: {exc.msg}") from exc
    if not isinstance(data, dict) or data.get("parley") != MARKER:
        raise SaveError(f"{name}: not a Parley save")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise SaveError(f"{name}: the save is damaged: its version must be a whole number "
                        f"such as {SAVE_VERSION}, not {shorten(repr(version), 40)}")
    if version > SAVE_VERSION:
        raise SaveError(f"{name}: this save was made by a newer Parley (save format "
                        f"{version}; this one reads up to {SAVE_VERSION}); update Parley")
    if version < MIN_SAVE_VERSION:
        raise SaveError(f"{name}: this save is too old (save format {version}; this "
                        f"Parley reads {MIN_SAVE_VERSION} to {SAVE_VERSION})")
    try:
        return SaveFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = shorten(".".join(str(p) for p in first["loc"]), 80)
        raise SaveError(f"{name}: the save is damaged: {where}: {first['msg']}") from exc


@dataclass(frozen=True)
class Restored:
    """A game rebuilt from a save, and what the player should be told about it."""

    game: Game
    humans: set[str]
    started: str
    replayed: int
    """How many of the saved moves were replayed."""
    warning: str | None
    """Set when the scenario changed since the save or not every move could be replayed."""
    lost: int = 0
    """How many saved moves could not be replayed (the game goes on in a new file then, so
    the old save keeps every move)."""
    changed: bool = False
    """True when the scenario is not the very file the game was played on (the game goes
    on in a new file then too, so the old save still names its scenario)."""


def restore(save: SaveFile, scenario: Scenario) -> Restored:
    """Rebuild the saved game on *scenario* by replaying its moves.

    When the scenario is not the one the game was saved with, replays as far as the moves
    are still legal and says so. Raises :class:`SaveError` when the save is for another
    scenario or its settings are bad."""
    if save.scenario.id != scenario.id:
        raise SaveError(f"this save is a game of {save.scenario.title!r} ({save.scenario.id}), "
                        f"not of {scenario.title!r}")
    try:
        settings = Settings.from_json(save.settings)
        moves = [(m.side, Move.from_json(m.move), m.reason) for m in save.moves]
    except (ValueError, TypeError, SettingsError) as exc:
        raise SaveError(f"the save is damaged: {exc}") from exc
    for what, named in (("players", save.humans), ("team names", save.teams)):
        unknown = sorted(set(named) - set(scenario.sides))
        if unknown:
            raise SaveError(f"the save is damaged: its {what} name a side this scenario does "
                            f"not have: {unknown[0]!r} (its sides: "
                            f"{', '.join(scenario.sides)})")
    changed = save.scenario.sha256 != scenario.digest
    game, warning = Game.replay_legal(scenario, settings, save.seed, moves, dict(save.teams),
                                      edition=save.version)
    replayed = len(game.moves)
    if changed:
        note = "The scenario has changed since this game was saved."
        warning = f"{note} {warning}" if warning else \
            f"{note} All {replayed} moves could still be replayed."
    elif replayed == len(moves) and _summary(save) != _summary_of(game):
        # The summary lists of saves show came from the file; the replay is what counts.
        said, found = _summary(save), _summary_of(game)
        note = (f"The save's summary ({said}) does not match its moves, which give "
                f"{found}; the moves are what count.")
        warning = f"{warning} {note}" if warning else note
    return Restored(game, set(save.humans), save.started, replayed, warning,
                    len(moves) - replayed, changed)


def _summary(save: SaveFile) -> str:
    end = f"ended: {save.outcome}" if save.finished else "not finished"
    return f"round {save.round}, {end}"


def _summary_of(game: Game) -> str:
    end = f"ended: {game.state.outcome}" if game.finished else "not finished"
    return f"round {game.state.round}, {end}"


def save_folder() -> Path:
    """The folder autosaves go to: the platform's user data folder, or $PARLEY_SAVES."""
    override = os.environ.get("PARLEY_SAVES")
    if override:
        return Path(override)
    import platformdirs
    return platformdirs.user_data_path("Parley", appauthor=False) / "saves"


class Autosave:
    """Saves one game after every move, always to the same file.

    With no *path*, a new file is named after the scenario, the time and the seed; with
    *started*, the save keeps the time the game began (a resumed game)."""

    def __init__(self, folder: Path, game: Game, humans: set[str], *,
                 started: str | None = None, path: Path | None = None) -> None:
        self.started = started or now()
        self.humans = humans
        self._claimed = path is not None
        if path is not None:
            self.path = self._planned = path
            return
        stamp = now().replace(":", "").replace("+0000", "Z")
        # Each team with its side's short name: two games a student played, one as each
        # side, were both saved as "...-Team_A-..." (a terminal playtest).
        teams = "-".join("_".join(part for part in (file_part(game.teams.get(side, "")),
                                                    file_part(game.scenario.sides[side].short))
                                  if part)
                         for side in game.sides if side in humans)
        stem = "-".join(part for part in (game.scenario.id, teams, stamp, str(game.seed))
                        if part)
        # Where the game will be saved; the file is created at the first save, by
        # :func:`claim`, under another number if that name is taken by then.
        self._planned = folder / f"{stem}.json"
        self.path, number = self._planned, 2
        while self.path.exists():  # the name shown before the first save: one not in use
            self.path = self._planned.with_stem(f"{self._planned.stem}-{number}")
            number += 1

    def __call__(self, game: Game) -> None:
        if not self._claimed:
            # Two games started in the same second must never share a file: the name is
            # taken by creating the file exclusively, not by checking it does not exist.
            self.path = claim(self._planned)
            self._claimed = True
            try:
                write_save(to_save(game, self.humans, self.started), self.path)
            except BaseException:
                self.path.unlink(missing_ok=True)  # empty: nothing of this game was saved
                self.path, self._claimed = self._planned, False
                raise
            return
        write_save(to_save(game, self.humans, self.started), self.path)


def file_part(name: str, limit: int = 24) -> str:
    """*name* as a safe piece of a file name on every system: letters and digits (accents
    dropped), the rest as single underscores, at most *limit* characters.

    >>> file_part("Les Élèves / 3e B")
    'Les_Eleves_3e_B'
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9]+", "_", ascii_name).strip("_")[:limit].strip("_")


@dataclass(frozen=True)
class SaveSummary:
    """One line of a list of saves: enough to choose one without replaying it."""

    path: Path
    save: SaveFile | None
    error: str | None


def list_saves(folder: Path) -> list[SaveSummary]:
    """Every save in *folder*, newest first; unreadable ones carry their error."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.json"):
        try:
            found.append(SaveSummary(path, read_save(path), None))
        except SaveError as exc:
            found.append(SaveSummary(path, None, str(exc)))
    return sorted(found, key=lambda s: (s.save.saved if s.save else "", s.path.name),
                  reverse=True)


def latest_unfinished(folder: Path) -> SaveSummary | None:
    """The newest readable save of a game that did not end, if any (to offer to resume)."""
    return next((s for s in list_saves(folder) if s.save and not s.save.finished), None)
