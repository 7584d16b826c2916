"""The rules of the day a teacher picks, from a settings file, the command line or a screen.

A settings file (``classroom.toml``) a teacher can hand out holds any of these keys::

    rounds = 6                  # rounds of the main bargaining phase
    difficulty = "normal"       # easy, normal or hard
    undo = false                # may players take moves back?
    seconds_per_turn = 90       # a visible countdown; 0 or absent: no limit
    on_timeout = "pass"         # when time runs out: "pass", or "computer" picks a move
    scenarios = ["joint_strikes_2016", "tutorial"]   # which scenarios are offered
    require_team_names = true   # teams must give their names before playing
    reveal_priorities = true    # the debrief shows the other side's hidden priorities
    locked = true               # the window's settings screen cannot change these rules
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any, Literal

from game.errors import SettingsError
from game.untrusted import UntrustedError, read_file, shorten

Difficulty = Literal["easy", "normal", "hard"]
DIFFICULTIES: tuple[Difficulty, ...] = ("easy", "normal", "hard")
TIMEOUTS = ("pass", "computer")


@dataclass(frozen=True)
class Settings:
    """Settings a game is played under; recorded with the game."""

    rounds: int | None = None
    """Rounds in the scenario's adjustable phase (None keeps the scenario's number)."""
    difficulty: Difficulty = "normal"
    """How hard the computer negotiates."""
    undo: bool = True
    """Whether players may take moves back."""
    seconds_per_turn: int | None = None
    """Time a player has for a move (None: no limit)."""
    on_timeout: Literal["pass", "computer"] = "pass"
    """What happens when the time runs out: the side passes, or the computer moves for it."""
    scenarios: tuple[str, ...] | None = None
    """Ids of the scenarios offered (None: all of them)."""
    require_team_names: bool = False
    """Whether teams must give their names before they play."""
    reveal_priorities: bool = True
    """Whether the debrief shows the other side's hidden priorities."""
    locked: bool = False
    """Whether the game window's settings screen shows the rules of the day without letting
    anyone change them (a teacher's file for students)."""

    def __post_init__(self) -> None:
        _whole("rounds", self.rounds, 1, 50)
        _whole("seconds_per_turn", self.seconds_per_turn, 5, 3600)
        if self.difficulty not in DIFFICULTIES:
            raise SettingsError(f"difficulty must be one of {', '.join(DIFFICULTIES)}, "
                                f"not {self.difficulty!r}")
        if self.on_timeout not in TIMEOUTS:
            raise SettingsError(f"on_timeout must be one of {', '.join(TIMEOUTS)}, "
                                f"not {self.on_timeout!r}")
        for name in ("undo", "require_team_names", "reveal_priorities", "locked"):
            if not isinstance(getattr(self, name), bool):
                raise SettingsError(f"{name} must be true or false, not "
                                    f"{getattr(self, name)!r}")
        if self.scenarios is not None:
            if isinstance(self.scenarios, str) or not all(
                    isinstance(s, str) for s in self.scenarios):
                raise SettingsError("scenarios must be a list of scenario ids, e.g. "
                                    "[\"joint_strikes_2016\"]")
            object.__setattr__(self, "scenarios", tuple(self.scenarios))

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        if self.scenarios is not None:
            data["scenarios"] = list(self.scenarios)
        return data

    @classmethod
    def from_json(cls, data: Any) -> Settings:
        """Settings from a mapping; raises :class:`SettingsError` naming the bad key."""
        if not isinstance(data, dict):
            raise SettingsError(f"settings must be a mapping, not {type(data).__name__}")
        unknown = sorted(set(data) - KNOWN)
        if unknown:
            raise SettingsError(_unknown(unknown[0]))
        values = dict(data)
        if values.get("seconds_per_turn") == 0:
            values["seconds_per_turn"] = None
        return cls(**values)

    def updated(self, **changes: Any) -> Settings:
        """A copy with *changes* (None values are ignored: "not given")."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


KNOWN = {f.name for f in fields(Settings)}


def _whole(name: str, value: Any, low: int, high: int) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise SettingsError(f"{name} must be a whole number from {low} to {high}, "
                            f"not {value!r}")


def _unknown(key: str) -> str:
    near = difflib.get_close_matches(key, sorted(KNOWN), n=1)
    hint = f" (did you mean {near[0]!r}?)" if near else ""
    return f"unknown setting {key!r}{hint}; known settings: {', '.join(sorted(KNOWN))}"


#: A settings file bigger than this is refused unread.
MAX_SETTINGS_BYTES = 100_000


def load_settings(path: str | Path, scenario_ids: list[str] | None = None) -> Settings:
    """Read a settings file; raises :class:`SettingsError` listing every mistake in it, each
    with the file, the line and the key. The ids in ``scenarios`` are checked against
    *scenario_ids* (default: the shipped scenarios), with the nearest one for a misspelt
    id. Only a regular file of at most :data:`MAX_SETTINGS_BYTES` is read (see
    :func:`game.untrusted.read_file`)."""
    name = str(path)
    try:
        raw = read_file(path, MAX_SETTINGS_BYTES, "a settings file")
    except UntrustedError as exc:
        raise SettingsError(f"{name}: {exc}") from exc
    except OSError as exc:
        raise SettingsError(f"{name}: cannot read the settings file "
                            f"({exc.strerror or exc})") from exc
    if raw.startswith(b"\xef\xbb\xbf"):
        raise SettingsError(f"{name}: the file starts with a byte-order mark (BOM), which "
                            "TOML does not allow; save it as UTF-8 without BOM (in Notepad: "
                            "Save as, Encoding: UTF-8)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SettingsError(f"{name}: not UTF-8 text (byte {exc.start + 1} cannot be "
                            "read); save it as UTF-8") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{name}: {exc}") from exc
    except RecursionError as exc:
        raise SettingsError(f"{name}: lists or tables are nested too deeply") from exc
    except ValueError as exc:  # a number of thousands of digits
        raise SettingsError(f"{name}: {shorten(str(exc))}") from exc
    problems = []
    for key, value in data.items():
        line = _line_of(text, key)
        if key not in KNOWN:
            problems.append(f"{name}:{line}: {_unknown(key)}")
            continue
        try:
            Settings.from_json({key: value})
        except SettingsError as exc:
            problems.append(f"{name}:{line}: {exc}")
            continue
        if key == "scenarios":
            problems += [f"{name}:{line}: scenarios: {problem}"
                         for problem in unknown_scenarios(value, scenario_ids)]
    if problems:
        count = len(problems)
        raise SettingsError("\n".join(problems) if count == 1 else
                            f"{count} mistakes in {name}:\n" + "\n".join(problems))
    return Settings.from_json(data)


def unknown_scenarios(ids: list[str] | tuple[str, ...],
                      known: list[str] | None = None) -> list[str]:
    """A sentence for each id in *ids* that names no scenario of *known* (default: the
    shipped ones), with the nearest id; and one for an empty list, which offers nothing."""
    known = known if known is not None else _shipped_ids()
    problems = []
    for scenario_id in ids:
        if scenario_id not in known:
            near = difflib.get_close_matches(scenario_id, known, n=1)
            hint = f" (did you mean {near[0]!r}?)" if near else ""
            problems.append(f"no scenario has the id {scenario_id!r}{hint}; the scenarios "
                            f"are {', '.join(known)}")
    if not ids:
        problems.append("the list is empty, so no scenario would be offered; leave it out "
                        "to offer them all")
    return problems


def _shipped_ids() -> list[str]:
    """The ids of the scenarios shipped with Parley (each file is named by its id)."""
    from game.library import shipped_scenarios
    return sorted(path.stem for path in shipped_scenarios())


def _line_of(text: str, key: str) -> int:
    match = re.search(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*[=\[]", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def settings_text(settings: Settings) -> str:
    """The settings as the text of a settings file, every key written out."""
    lines = ["# Parley settings: hand this file out, or start the game with",
             "#   python main.py --settings classroom.toml", ""]
    for key, value in settings.to_json().items():
        if value is None:
            lines.append(f"# {key} = (not set)")
        elif isinstance(value, bool):
            lines.append(f"{key} = {'true' if value else 'false'}")
        elif isinstance(value, list):
            lines.append(f"{key} = [" + ", ".join(toml_string(v) for v in value) + "]")
        elif isinstance(value, str):
            lines.append(f"{key} = {toml_string(value)}")
        else:
            lines.append(f"{key} = {value}")
    return "\n".join(lines) + "\n"


def toml_string(text: str) -> str:
    r"""*text* as a TOML basic string: quotes, backslashes and control characters escaped.

    >>> print(toml_string('a "b"\nc'))
    "a \"b\"\nc"
    """
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


_SHORT_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def write_settings(settings: Settings, path: str | Path) -> None:
    """Write *settings* as a settings file (readable by :func:`load_settings`)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(settings_text(settings), encoding="utf-8")


def preferences_file() -> Path:
    """Where the game window keeps the settings last chosen on its settings screen: the
    platform's user config folder, or $PARLEY_CONFIG."""
    import os
    override = os.environ.get("PARLEY_CONFIG")
    if override:
        return Path(override) / "settings.toml"
    import platformdirs
    return platformdirs.user_config_path("Parley", appauthor=False) / "settings.toml"
