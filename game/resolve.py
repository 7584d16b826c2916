"""Finding the scenario a saved game was played on.

A save records its scenario's id, title and file, and the SHA-256 hash of that file's bytes
(:attr:`Scenario.digest <game.model.Scenario.digest>` is the same hash, so a file can be
matched by hashing it, without loading it). :class:`ScenarioFinder` is the one rule every
front end uses: ``play --load``, the window's "Load a game" and resume offer,
``transcript`` and ``report``.

The rule, in order:

1. **By hash.** The candidate files, in this order:

   a. the scenario files named to the finder (on the command line: ``play FILE --load``);
   b. the file recorded in the save (as written there; a relative path is taken from the
      current folder);
   c. the scenario files (``*.yaml``, ``*.yml``) in the folder the save is in;
   d. the scenario files in each folder given to the finder (``--scenarios-dir``), in the
      order given, each folder's files by name;
   e. the scenarios shipped with Parley;
   f. the earlier versions of them that releases since have changed
      (:data:`~game.library.PAST_DIR`), so that a game saved on one replays on it.

   Each file is hashed once (a file bigger than a scenario may be is skipped unread); the
   first whose hash is the save's and which loads is the scenario, and the game replays
   exactly as it was played.
2. **By id, from a named or recorded file only.** When no candidate has the hash, the
   first of the named files, then the recorded file, that loads and holds a scenario with
   the save's id is used: a modder edited it since. :func:`game.save.restore` then replays
   the game as far as its moves are still legal and says the scenario changed.
3. Otherwise :class:`~game.errors.ScenarioNotFoundError` says which scenario (title and id),
   each place looked in and what was found there, and what to do.

Never by id from a folder, nor by a file's name: a scenario dropped into a folder of saves,
or a modified copy named like a shipped one, can never change the scenario another save is
replayed on. Scenarios are cached by hash for the finder's life, so a report on thirty saves
loads each scenario once.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from game.errors import ScenarioError, ScenarioNotFoundError
from game.library import PAST_DIR, PAST_SUFFIX, past_scenarios, shipped_scenarios
from game.model import Scenario
from game.save import SaveFile
from game.scenario import check_file, unzipped
from game.untrusted import UntrustedError, read_file
from game.yaml_source import MAX_BYTES

log = logging.getLogger(__name__)

#: The endings of the files taken for scenarios in a folder.
SUFFIXES = (".yaml", ".yml")

#: What to do when a save's scenario cannot be found, when the caller says nothing better.
ADVICE = "Name the scenario file, or the folder that holds it with --scenarios-dir DIR."
#: The same, for commands that take folders of scenarios but no scenario file.
FOLDER_ADVICE = "Name the folder that holds the scenario file with --scenarios-dir DIR."


@dataclass(frozen=True)
class Found:
    """The scenario a save is to be replayed on."""

    scenario: Scenario
    exact: bool
    """True when it is the very file the game was played on (the same hash); False when it
    is an edited version found by its id in a named or the recorded file."""
    note: str | None = None
    """Set when a file named to the finder was passed over for the one the game was
    played on, to tell the player."""


@dataclass(frozen=True)
class _Place:
    """Where the finder looks: one file, or the scenario files of a folder."""

    where: str
    files: list[Path]
    by_id: bool
    """A file here may be used by its id when no file has the save's hash."""
    folder: Path | None = None


def file_digest(path: Path) -> str:
    """The SHA-256 hash of the file at *path*, as :attr:`Scenario.digest` would be (of the
    scenario's own bytes, unzipped, for an earlier version kept gzipped).

    Raises :class:`OSError` when it cannot be read and :class:`ValueError` when it is not a
    file or is too big to be a scenario."""
    return hashlib.sha256(_scenario_bytes(path)).hexdigest()


def _scenario_bytes(path: Path) -> bytes:
    """The bytes of the scenario in the file at *path*, unzipped when it is an earlier
    version kept gzipped; raises as :func:`file_digest` does."""
    if not path.is_file():
        raise ValueError("no such file" if not path.exists() else "not a file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ValueError(f"{size:,} bytes, too big to be a scenario")
    try:  # the file may have been swapped for a pipe or a device since
        raw = read_file(path, MAX_BYTES, "a scenario file")
    except UntrustedError as exc:
        raise ValueError(str(exc)) from exc
    return unzipped(raw) if path.name.endswith(PAST_SUFFIX) else raw


class ScenarioFinder:
    """Finds the scenarios of saves by the rule in this module's docstring.

    *named* are scenario files named by the player (tried first, and usable by id);
    *folders* are folders of scenarios to search by hash; *advice* ends the message when a
    scenario cannot be found, saying what to do in the caller's own terms."""

    def __init__(self, named: Iterable[str | Path] = (), folders: Iterable[str | Path] = (),
                 *, advice: str = ADVICE) -> None:
        self.named = [Path(p) for p in named]
        self.folders = [Path(p) for p in folders]
        self.advice = advice
        self._digests: dict[Path, str | None] = {}
        self._unreadable: dict[Path, str] = {}
        self._loaded: dict[Path, Scenario | ScenarioError] = {}
        self._by_digest: dict[str, Scenario] = {}
        self._listings: dict[Path, list[Path]] = {}

    def find(self, save: SaveFile, save_path: Path | None = None) -> Found:
        """The scenario to replay *save* on; *save_path* is the file it was read from.

        Raises :class:`~game.errors.ScenarioNotFoundError` saying where it looked."""
        wanted = save.scenario.sha256
        places = self._places(save, save_path)
        scenario = self._by_digest.get(wanted)
        if scenario is None:
            scenario = self._by_hash(places, wanted)
        if scenario is not None:
            return Found(scenario, True, self._passed_over(scenario, wanted))
        for place in places:
            for path in place.files if place.by_id else ():
                # Only a file that could be hashed is loaded: a path recorded in a save
                # from elsewhere may name anything, such as a device that never ends.
                loaded = self._load(path) if self._digest(path) is not None else None
                if isinstance(loaded, Scenario) and loaded.id == save.scenario.id:
                    log.info("save of %s: no file has its hash; using %s, which holds its id",
                             save.scenario.id, path)
                    return Found(loaded, False)
        raise ScenarioNotFoundError(save.scenario.title, save.scenario.id,
                                    [self._looked(place, wanted) for place in places],
                                    self.advice)

    # ----- the rule ---------------------------------------------------------------------

    def _places(self, save: SaveFile, save_path: Path | None) -> list[_Place]:
        places = [_Place(f"{path} (the file named)", [path], True) for path in self.named]
        recorded = Path(save.scenario.file)
        if save.scenario.file and _key(recorded) not in {_key(p) for p in self.named}:
            places.append(_Place(f"{recorded} (where the game was played)", [recorded], True))
        folders = ([("the save's own folder", save_path.parent)] if save_path else []) + \
            [("the folder", folder) for folder in self.folders]
        for what, folder in folders:
            places.append(_Place(f"{what} {folder}", self._listing(folder), False, folder))
        shipped = shipped_scenarios()
        home = shipped[0].parent if shipped else None
        places.append(_Place("the scenarios shipped with Parley" + (f" in {home}" if home
                                                                      else ""),
                             shipped, False, home))
        places.append(_Place(f"the earlier versions of them in {PAST_DIR}", past_scenarios(),
                             False, PAST_DIR))
        return places

    def _by_hash(self, places: list[_Place], wanted: str) -> Scenario | None:
        seen: set[Path] = set()
        for place in places:
            for path in place.files:
                key = _key(path)
                if key in seen:
                    continue
                seen.add(key)
                if self._digest(path) != wanted:
                    continue
                loaded = self._load(path)
                # The bytes loaded are the bytes hashed (the file may change in between).
                if isinstance(loaded, Scenario) and loaded.digest == wanted:
                    self._by_digest[wanted] = loaded
                    return loaded
        return None

    def _passed_over(self, scenario: Scenario, wanted: str) -> str | None:
        others = [p for p in self.named if self._digest(p) != wanted]
        if not others:
            return None
        names = ", ".join(str(p) for p in others)
        return (f"{names} is not the scenario file this game was played on; it goes on "
                f"with the one it was played on, {scenario.file}.")

    def _looked(self, place: _Place, wanted: str) -> str:
        """One line of the "where it looked" list: the place and what was found there."""
        if place.folder is not None or not place.files:
            return f"{place.where}: {self._in_folder(place, wanted)}"
        path = place.files[0]
        if self._digest(path) is None:
            return f"{place.where}: {self._unreadable[_key(path)]}"
        loaded = self._load(path)
        if isinstance(loaded, ScenarioError):
            first = loaded.problems[0] if loaded.problems else "it has problems"
            more = len(loaded.problems) - 1
            also = f" (and {more} more)" if more > 0 else ""
            from game.play.wording import program

            return (f"{place.where}: cannot be loaded: {first}{also}; check it with: "
                    f"{program()} validate {path}")
        return f"{place.where}: holds another scenario, {loaded.title!r} ({loaded.id})"

    def _in_folder(self, place: _Place, wanted: str) -> str:
        if not place.files:
            if place.folder is None:
                return "none found"
            return "no scenario files" if place.folder.is_dir() else "no such folder"
        broken = [path for path in place.files if self._digest(path) == wanted]
        if broken:
            loaded = self._load(broken[0])
            problem = loaded.problems[0] if isinstance(loaded, ScenarioError) and \
                loaded.problems else "it has problems"
            return f"{broken[0].name} is the very file, but cannot be loaded now: {problem}"
        count = len(place.files)
        return (f"{count} scenario file{'s' if count != 1 else ''}, none of them the one "
                "this game was played on")

    # ----- memos --------------------------------------------------------------------------

    def _digest(self, path: Path) -> str | None:
        """The file's hash, or None when it cannot be hashed (the reason is kept)."""
        key = _key(path)
        if key not in self._digests:
            digest: str | None = None
            try:
                digest = file_digest(path)
            except OSError as exc:
                self._unreadable[key] = f"cannot be read ({exc.strerror or exc})"
            except ValueError as exc:
                self._unreadable[key] = str(exc)
            self._digests[key] = digest
        return self._digests[key]

    def _load(self, path: Path) -> Scenario | ScenarioError:
        key = _key(path)
        if key not in self._loaded:
            scenario, problems = check_file(path)
            self._loaded[key] = scenario if scenario is not None else ScenarioError(problems)
        return self._loaded[key]

    def _listing(self, folder: Path) -> list[Path]:
        key = _key(folder)
        if key not in self._listings:
            try:
                files = sorted(p for p in folder.iterdir()
                               if p.suffix.lower() in SUFFIXES and p.is_file())
            except OSError:
                files = []
            self._listings[key] = files
        return self._listings[key]


def _key(path: Path) -> Path:
    """One key for every spelling of a path (relative, with .., through a link)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()
