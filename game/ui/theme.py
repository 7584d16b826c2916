"""The look: colours (normal and high contrast), fonts scaled to the window and to the
player's text size, side colours, and the pygame_gui theme, all from ``assets/theme.json``
(a scenario may override any key with a ``theme.json`` beside its file)."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pygame

log = logging.getLogger(__name__)

ASSETS = Path(__file__).resolve().parents[2] / "assets"
TEXT_SCALES = (0.8, 0.9, 1.0, 1.15, 1.3, 1.5)
FONT_NAME = "parley_sans"


def colour(text: str) -> pygame.Color:
    return pygame.Color(text)


def load_theme_data(scenario_folder: Path | None = None) -> dict[str, Any]:
    """The theme's JSON, with a scenario's ``theme.json`` merged over it (one level deep).
    A broken override is left out (see :func:`load_theme` for why)."""
    return load_theme(scenario_folder)[0]


def load_theme(scenario_folder: Path | None = None) -> tuple[dict[str, Any], str | None]:
    """The theme's JSON with a scenario's ``theme.json`` merged over it, and a message when
    that file, or some of its keys, had to be left out (bad JSON, a colour that is not one,
    a font outside ``assets/``). Never raises for the scenario's file."""
    data: dict[str, Any] = json.loads((ASSETS / "theme.json").read_text(encoding="utf-8"))
    if scenario_folder is None:
        return data, None
    override = scenario_folder / "theme.json"
    try:
        if not override.is_file():
            return data, None
        if override.stat().st_size > 200_000:
            return data, f"{override}: too big for a theme (over 200 kB); Parley's own is used."
        extra = json.loads(override.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        log.warning("ignoring %s: %s", override, exc)
        return data, (f"{override}: not valid JSON (line {exc.lineno}: {exc.msg}); "
                      "Parley's own theme is used.")
    except (OSError, UnicodeDecodeError) as exc:
        log.warning("ignoring %s: %s", override, exc)
        return data, f"{override}: cannot be read ({exc}); Parley's own theme is used."
    if not isinstance(extra, dict):
        return data, f"{override}: must be a JSON object; Parley's own theme is used."
    left_out = []
    for key, value in extra.items():
        trial = dict(data)
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            trial[key] = {**data[key], **value}
        else:
            trial[key] = value
        why = theme_problem(trial)
        if why:
            left_out.append(f"{key!r} ({why})")
            continue
        data = trial
    if left_out:
        log.warning("%s: left out %s", override, ", ".join(left_out))
        return data, f"{override.name}: left out {'; '.join(left_out)}."
    return data, None


def theme_problem(data: dict[str, Any]) -> str | None:
    """What is wrong with a theme's data, or None: every colour must be one, the fonts
    must be files in ``assets/`` and their sizes whole numbers."""
    try:
        for section in ("palette", "high_contrast"):
            values = data.get(section)
            if not isinstance(values, dict):
                return f"{section} must be an object of colours"
            for name, text in values.items():
                if not isinstance(text, str):
                    return f"{section}.{name} must be a colour like \"#1d232b\""
                colour(text)
        sides = data.get("high_contrast_sides", [])
        if not isinstance(sides, list) or not all(isinstance(c, str) for c in sides):
            return "high_contrast_sides must be a list of colours"
        for text in sides:
            colour(text)
        fonts = data.get("fonts")
        if not isinstance(fonts, dict):
            return "fonts must be an object"
        for style in ("regular", "bold", "italic"):
            path = _asset(str(fonts.get(style)))
            if not path.is_file():
                return f"fonts.{style}: no font file {fonts.get(style)!r} in assets/"
        sizes = fonts.get("sizes")
        if not isinstance(sizes, dict) or any(
                not isinstance(sizes.get(role), int) or isinstance(sizes.get(role), bool) or
                not 6 <= sizes[role] <= 200 for role in ("small", "body", "heading", "title")):
            return "fonts.sizes needs small, body, heading and title in pixels (6 to 200)"
        if not isinstance(data.get("pygame_gui", {}), dict):
            return "pygame_gui must be an object"
    except ValueError as exc:
        return str(exc)
    return None


class Fonts:
    """Fonts by role (small, body, heading, title), sized for the window and text scale."""

    def __init__(self, data: dict[str, Any], scale: float) -> None:
        self.paths = {style: _asset(data[style]) for style in ("regular", "bold", "italic")}
        self.sizes = {role: max(9, round(px * scale)) for role, px in data["sizes"].items()}
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
    path = (ASSETS / relative).resolve()
    if not path.is_relative_to(ASSETS.resolve()):
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
        theme = json.loads(json.dumps(self.data.get("pygame_gui", {})))
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
