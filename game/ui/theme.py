"""The look: colours (normal and high contrast), fonts scaled to the window and to the
player's text size, side colours, and the pygame_gui theme, all from ``assets/theme.json``
(a scenario may override colours, fonts and text sizes with a ``theme.json`` beside its
file: it is checked, and what is wrong with it is left out and said)."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame

from game.library import ASSET_DIR
from game.ui.font_check import default_font_file, font_problem
from game.untrusted import UntrustedError, parse_json, read_file

log = logging.getLogger(__name__)

TEXT_SCALES = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5)
FONT_NAME = "parley_sans"


def colour(text: str) -> pygame.Color:
    return pygame.Color(text)


#: A scenario's theme.json bigger than this is refused unread.
MAX_THEME_BYTES = 200_000
#: Font sizes a scenario may ask for, in pixels at 1280x720.
FONT_SIZES = range(8, 97)


def load_theme_data(scenario_folder: Path | None = None) -> dict[str, Any]:
    """The theme's JSON, with a scenario's ``theme.json`` merged over it; what is wrong
    with that file is left out (see :func:`load_theme`)."""
    return load_theme(scenario_folder)[0]


def load_theme(scenario_folder: Path | None = None) -> tuple[dict[str, Any], str | None]:
    """The theme's JSON with a scenario's ``theme.json`` merged over it, and a message when
    that file, or some of its values, had to be left out. Never raises for the scenario's
    file.

    The file is checked value by value against Parley's own theme: a value of the wrong
    type, a colour that is not one, a font outside ``assets/`` or that does not load, a
    size out of range or an unknown key is left out (Parley's value stays); a file that is
    not JSON, not UTF-8, too big or a link out of the folder is left out whole. Of its
    ``pygame_gui`` part only the text entry's colours may be set: pygame_gui reads font
    and image paths from there itself (and crashed on a font that was not one)."""
    data: dict[str, Any] = json.loads((ASSET_DIR / "theme.json").read_text(encoding="utf-8"))
    own = _own_fonts(data["fonts"])
    if scenario_folder is None:
        return data, own
    path = Path(scenario_folder) / "theme.json"
    unusable: list[str] = []
    extra = _read_override(path, Path(scenario_folder), unusable)
    if unusable:
        log.warning("%s", unusable[0])
        return data, _joined(own, unusable[0])
    if extra is None:
        return data, own
    left_out = []
    for key, value in extra.items():
        if key == "about":
            continue
        check = _CHECKS.get(key)
        if check is None:
            left_out.append(f"{key!r} (not a theme key; the keys are "
                            f"{', '.join(sorted(_CHECKS))})")
            continue
        problems: list[str] = []
        data[key] = check(value, data[key], key, problems)
        if problems:
            left_out.append(f"{key!r} ({'; '.join(problems[:3])}"
                            f"{f'; and {len(problems) - 3} more' if len(problems) > 3 else ''})")
    if not left_out:
        return data, own
    log.warning("%s: left out %s", path, "; ".join(left_out))
    return data, _joined(own, f"{path.name}: left out {'; '.join(left_out)}.")


def _joined(first: str | None, second: str) -> str:
    return f"{first} {second}" if first else second


#: The font styles a theme names.
STYLES = ("regular", "bold", "italic")


def _own_fonts(fonts: dict[str, Any]) -> str | None:
    """Check Parley's own fonts (in *fonts*, the theme's "fonts" part); a damaged one is
    replaced in *fonts* by another of Parley's that works, or by pygame's own font (an
    empty name), and a message says so."""
    problems = {style: font_problem(_asset(fonts[style])) for style in STYLES}
    working = [fonts[style] for style in STYLES if not problems[style]]
    said = []
    for style in STYLES:
        if problems[style]:
            name = Path(fonts[style]).name
            fonts[style] = working[0] if working else ""
            instead = Path(working[0]).name if working else "pygame's own font"
            said.append(f"{name} is {problems[style]}; {instead} is used instead")
    if not said:
        return None
    log.warning("fonts: %s", "; ".join(said))
    return "Fonts: " + "; ".join(said) + "."


def _read_override(path: Path, folder: Path, problems: list[str]) -> dict[str, Any] | None:
    """The JSON object in *path*, or None (with the reason in *problems*) if there is none
    or it cannot be used (read by :mod:`game.untrusted`: a regular file only, no duplicate
    keys, no deep nesting, no huge numbers)."""
    try:
        if not path.exists() or path.is_dir():
            return None
        if not path.resolve().is_relative_to(folder.resolve()):
            problems.append(f"{path}: leads outside the scenario's folder; Parley's own "
                            "theme is used")
            return None
        text = read_file(path, MAX_THEME_BYTES, "a theme").decode("utf-8")
    except UnicodeDecodeError:
        problems.append(f"{path}: not UTF-8 text; Parley's own theme is used")
        return None
    except UntrustedError as exc:
        problems.append(f"{path}: {exc}; Parley's own theme is used")
        return None
    except (OSError, ValueError) as exc:
        problems.append(f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc}); "
                        "Parley's own look is used")
        return None
    try:
        extra = parse_json(text)
    except json.JSONDecodeError as exc:
        problems.append(f"{path}: not valid JSON (line {exc.lineno}, column {exc.colno}: "
                        f"{exc.msg}); Parley's own theme is used")
        return None
    except UntrustedError as exc:
        problems.append(f"{path}: not usable JSON ({exc}); Parley's own theme is used")
        return None
    if not isinstance(extra, dict):
        problems.append(f"{path}: expected a JSON object of theme keys, found "
                        f"{_kind(extra)}; Parley's own theme is used")
        return None
    return extra


def _kind(value: Any) -> str:
    """What a JSON value is, for a message: "a number (5)", "a list"."""
    names = {bool: "true/false", int: "a number", float: "a number", str: "a string",
             list: "a list", dict: "an object", type(None): "null"}
    kind = names.get(type(value), type(value).__name__)
    if isinstance(value, (bool, int, float, str)) and len(repr(value)) <= 40:
        return f"{kind} ({value!r})"
    return kind


def is_colour(value: Any) -> bool:
    """True for a colour as the theme writes them: a string pygame reads ("#1d232b",
    "#000000b4", "white").

    >>> is_colour("#1d232b"), is_colour("nope"), is_colour(5)
    (True, False, False)
    """
    if not isinstance(value, str) or len(value) > 40:
        return False
    try:
        pygame.Color(value)
    except ValueError:
        return False
    return True


def _object(value: Any, where: str, problems: list[str]) -> dict[str, Any] | None:
    if isinstance(value, dict):
        return value
    problems.append(f"{where}: expected an object, found {_kind(value)}")
    return None


def _colours(value: Any, default: dict[str, str], where: str,
             problems: list[str]) -> dict[str, str]:
    result = dict(default)
    given = _object(value, where, problems)
    for name, colour_text in (given or {}).items():
        if name not in default:
            problems.append(f"{where}.{name}: unknown colour name")
        elif not is_colour(colour_text):
            problems.append(f"{where}.{name}: expected a colour like \"#1d232b\", found "
                            f"{_kind(colour_text)}")
        else:
            result[name] = colour_text
    return result


def _side_colours(value: Any, default: list[str], where: str,
                  problems: list[str]) -> list[str]:
    if isinstance(value, list) and len(value) == 2 and all(map(is_colour, value)):
        return list(value)
    problems.append(f"{where}: expected a list of two colours, found {_kind(value)}")
    return default


def _fonts(value: Any, default: dict[str, Any], where: str,
           problems: list[str]) -> dict[str, Any]:
    result = {**default, "sizes": dict(default["sizes"])}
    given = _object(value, where, problems)
    for key, item in (given or {}).items():
        if key in ("regular", "bold", "italic"):
            problem = _font_problem(item)
            if problem:
                problems.append(f"{where}.{key}: {problem}")
            else:
                result[key] = item
        elif key == "sizes":
            for role, px in (_object(item, f"{where}.sizes", problems) or {}).items():
                if role not in result["sizes"]:
                    problems.append(f"{where}.sizes.{role}: unknown text role (known: "
                                    f"{', '.join(result['sizes'])})")
                elif type(px) is not int or px not in FONT_SIZES:
                    problems.append(f"{where}.sizes.{role}: expected a whole number of "
                                    f"pixels from {FONT_SIZES.start} to "
                                    f"{FONT_SIZES.stop - 1}, found {_kind(px)}")
                else:
                    result["sizes"][role] = px
        else:
            problems.append(f"{where}.{key}: unknown key")
    return result


def _font_problem(relative: Any) -> str:
    """Why *relative* cannot be a theme font ("" if it can)."""
    if not isinstance(relative, str) or not relative or len(relative) > 200:
        return f"expected a font file in assets/, found {_kind(relative)}"
    try:
        path = _asset(relative)
    except (ValueError, OSError):
        return f"{relative!r} is outside assets/"
    if path.suffix.lower() not in (".ttf", ".otf") or not path.is_file():
        return f"{relative!r} is not a font file in assets/"
    problem = font_problem(path)
    return f"{relative!r} cannot be used ({problem})" if problem else ""


#: The text entry's colours: the only part of the pygame_gui theme a scenario may set.
_GUI_ELEMENT = "text_entry_line"


def _gui(value: Any, default: dict[str, Any], where: str,
         problems: list[str]) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(json.dumps(default))
    given = _object(value, where, problems)
    for element, parts in (given or {}).items():
        if element != _GUI_ELEMENT:
            problems.append(f"{where}.{element}: only {_GUI_ELEMENT}.colours may be set")
            continue
        for part, items in (_object(parts, f"{where}.{element}", problems) or {}).items():
            if part != "colours":
                problems.append(f"{where}.{element}.{part}: only colours may be set")
                continue
            colours = result.setdefault(element, {}).setdefault("colours", {})
            result[element]["colours"] = _colours(items, colours,
                                                  f"{where}.{element}.colours", problems)
    return result


_CHECKS: dict[str, Callable[[Any, Any, str, list[str]], Any]] = {
    "palette": _colours,
    "high_contrast": _colours,
    "high_contrast_sides": _side_colours,
    "fonts": _fonts,
    "pygame_gui": _gui,
}


class Fonts:
    """Fonts by role (small, body, heading, title), sized for the window and text scale."""

    def __init__(self, data: dict[str, Any], scale: float) -> None:
        # An empty name: pygame's own font (Parley's was damaged; see _own_fonts).
        self.paths = {style: _asset(data[style]) if data[style] else default_font_file()
                      for style in STYLES}
        self.sizes: dict[str, int] = {role: max(9, round(px * scale))
                                      for role, px in data["sizes"].items()}
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}

    def get(self, role: str = "body", *, bold: bool = False,
            italic: bool = False) -> pygame.font.Font:
        style = "bold" if bold else "italic" if italic else "regular"
        size = self.sizes[role]
        font = self._fonts.get((style, size))
        if font is None:
            font = pygame.font.Font(str(self.paths[style]), size)
            self._fonts[(style, size)] = font
        return font

    def px(self, role: str = "body") -> int:
        return self.sizes[role]


def _asset(relative: str) -> Path:
    # Checked by name, without following links: a scenario's theme.json could name
    # "../../x.ttf", but Parley's own files may well be links (a strict editable install
    # links every file to the checkout, and resolving them led out of assets/).
    path = Path(os.path.normpath(ASSET_DIR / relative))
    if not path.is_relative_to(ASSET_DIR):
        raise ValueError(f"theme asset {relative!r} must stay inside assets/")
    return path


class Theme:
    """Everything a screen needs to draw: ``theme.c[name]`` colours, ``theme.fonts``,
    ``theme.unit`` (a spacing step in pixels) and side colours."""

    def __init__(self, data: dict[str, Any], size: tuple[int, int], *,
                 text_scale: float = 1.0, high_contrast: bool = False) -> None:
        self.data = data
        self.size = size
        self.text_scale = text_scale
        self.high_contrast = high_contrast
        w, h = size
        self.ui_scale = max(0.85, min(w / 1280, h / 720, 1.6))
        palette = dict(data["palette"])
        if high_contrast:
            palette.update(data["high_contrast"])
        self.c: dict[str, pygame.Color] = {k: colour(v) for k, v in palette.items()}
        self.fonts = Fonts(data["fonts"], self.ui_scale * text_scale)
        self.unit = max(4, round(8 * self.ui_scale))
        self.hc_sides = [colour(c) for c in data.get("high_contrast_sides", [])]

    def side_colour(self, scenario: Any, side: str) -> pygame.Color:
        """A side's colour: the scenario's, or in high contrast a bright colour-blind-safe
        pair (orange, sky blue)."""
        if self.high_contrast and len(self.hc_sides) >= 2:
            return self.hc_sides[list(scenario.side_ids).index(side) % 2]
        return colour(scenario.sides[side].colour)

    def gui_theme(self) -> dict[str, Any]:
        """The pygame_gui theme, with Parley's font at the body size."""
        theme: dict[str, Any] = json.loads(json.dumps(self.data.get("pygame_gui", {})))
        font = {"name": FONT_NAME, "size": str(self.fonts.px("body")),
                "regular_path": str(self.fonts.paths["regular"]),
                "bold_path": str(self.fonts.paths["bold"]),
                "italic_path": str(self.fonts.paths["italic"]),
                "bold_italic_path": str(self.fonts.paths["bold"])}
        defaults = theme.setdefault("defaults", {})
        defaults["font"] = font
        entry = theme.setdefault("text_entry_line", {})
        entry["font"] = font
        if self.high_contrast:
            entry.setdefault("colours", {}).update({
                "dark_bg": "#000000", "normal_text": "#ffffff", "normal_border": "#ffffff",
                "focused_border": "#ffff00", "text_cursor": "#ffff00"})
        return theme
