"""A scenario folder's theme.json from a stranger: whatever it holds, the window gets a
usable theme, the player a message, and nothing outside assets/ is read."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pygame
import pygame_gui
import pytest

from game.library import ASSET_DIR
from game.ui import flow
from game.ui.theme import FONT_SIZES, Theme, load_theme, load_theme_data

TUTORIAL = Path(flow.SCENARIOS) / "tutorial.yaml"
DEFAULTS = load_theme_data()

HOSTILE: list[tuple[str, bytes]] = [
    ("not JSON", b'{"palette": {"accent": "#ff0000"'),
    ("a list", b"[1, 2, 3]"),
    ("a string", b'"dark"'),
    ("null", b"null"),
    ("not UTF-8", b'{"palette": {"text": "\xff\xfe"}}'),
    ("deep nesting", b"[" * 100_000 + b"]" * 100_000),
    ("too many digits", b'{"fonts": {"sizes": {"body": ' + b"9" * 5000 + b"}}}"),
    ("palette a number", b'{"palette": 3}'),
    ("colour a number", b'{"palette": {"text": 5}}'),
    ("colour not a colour", b'{"palette": {"text": "tomato soup"}}'),
    ("colour a list", b'{"high_contrast": {"text": [255, 0, 0]}}'),
    ("unknown colour", b'{"palette": {"sparkle": "#ffffff"}}'),
    ("sides a string", b'{"high_contrast_sides": "red"}'),
    ("sides of one", b'{"high_contrast_sides": ["#ff0000"]}'),
    ("fonts a string", b'{"fonts": "Comic Sans"}'),
    ("font outside assets", b'{"fonts": {"regular": "../../../../etc/passwd"}}'),
    ("font absolute", b'{"fonts": {"bold": "/etc/passwd"}}'),
    ("font not a font", b'{"fonts": {"italic": "fonts/OFL.txt"}}'),
    ("font a number", b'{"fonts": {"regular": 12}}'),
    ("size a string", b'{"fonts": {"sizes": {"body": "big"}}}'),
    ("size huge", b'{"fonts": {"sizes": {"title": 1000000000}}}'),
    ("size negative", b'{"fonts": {"sizes": {"small": -4}}}'),
    ("size true", b'{"fonts": {"sizes": {"body": true}}}'),
    ("size a fraction", b'{"fonts": {"sizes": {"body": 15.5}}}'),
    ("size infinite", b'{"fonts": {"sizes": {"body": 1e999}}}'),
    ("unknown role", b'{"fonts": {"sizes": {"huge": 30}}}'),
    ("gui font path", b'{"pygame_gui": {"text_entry_line": {"font": {"name": "x", '
                      b'"size": "q", "regular_path": "/etc/passwd"}}}}'),
    ("gui image", b'{"pygame_gui": {"button": {"images": {"normal_image": '
                  b'{"path": "/etc/passwd"}}}}}'),
    ("gui colour a number", b'{"pygame_gui": {"text_entry_line": {"colours": '
                            b'{"dark_bg": 5}}}}'),
    ("gui a list", b'{"pygame_gui": [1]}'),
    ("unknown key", b'{"sparkles": true}'),
]


def check_usable(data: dict) -> None:  # type: ignore[type-arg]
    """The theme builds, its fonts load and pygame_gui accepts it without a warning."""
    theme = Theme(data, (1280, 720))
    for role in ("small", "body", "heading", "title"):
        for style in ({}, {"bold": True}, {"italic": True}):
            theme.fonts.get(role, **style).render("Parley", True, theme.c["text"])
    assert len(Theme(data, (1280, 720), high_contrast=True).hc_sides) == 2
    manager = pygame_gui.UIManager((1280, 720), theme.gui_theme())
    pygame_gui.elements.UITextEntryLine(pygame.Rect(0, 0, 300, 40), manager)
    manager.update(0.1)
    manager.draw_ui(pygame.display.get_surface())


@pytest.fixture
def window(make_app):  # type: ignore[no-untyped-def]
    return make_app()


@pytest.mark.parametrize("name,content", HOSTILE, ids=[n for n, _ in HOSTILE])
def test_a_hostile_theme_gives_a_message_and_a_usable_theme(  # type: ignore[no-untyped-def]
        window, tmp_path, name: str, content: bytes) -> None:
    (tmp_path / "theme.json").write_bytes(content)
    data, message = load_theme(tmp_path)
    assert message, name
    assert "Traceback" not in message
    check_usable(data)
    # What was wrong is left out: Parley's own values stand in for it.
    assert data["fonts"]["regular"] == DEFAULTS["fonts"]["regular"]
    assert data["fonts"]["sizes"].keys() == DEFAULTS["fonts"]["sizes"].keys()
    assert data["pygame_gui"] == DEFAULTS["pygame_gui"]


def test_the_good_part_of_a_theme_is_used(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "theme.json").write_text(json.dumps({
        "about": "A mod's look",
        "palette": {"accent": "#ff0000", "text": 7},
        "fonts": {"sizes": {"body": 18}},
        "pygame_gui": {"text_entry_line": {"colours": {"dark_bg": "#000000"}}},
    }), encoding="utf-8")
    data, message = load_theme(tmp_path)
    assert data["palette"]["accent"] == "#ff0000"
    assert data["palette"]["text"] == DEFAULTS["palette"]["text"]
    # One size changed, the others kept (a partial "sizes" used to drop them).
    assert data["fonts"]["sizes"] == {**DEFAULTS["fonts"]["sizes"], "body": 18}
    assert data["pygame_gui"]["text_entry_line"]["colours"]["dark_bg"] == "#000000"
    assert message and "'palette'" in message and "palette.text" in message
    assert "'fonts'" not in message
    check_usable(data)


def test_a_theme_that_is_a_link_out_of_the_folder_is_not_read(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path / "outside.json"
    outside.write_text('{"palette": {"accent": "#ff0000"}}', encoding="utf-8")
    folder = tmp_path / "mod"
    folder.mkdir()
    (folder / "theme.json").symlink_to(outside)
    data, message = load_theme(folder)
    assert data == DEFAULTS
    assert message and "outside" in message


def test_a_theme_too_big_or_not_a_file_is_not_read(window, tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "theme.json").write_bytes(b" " * 300_000 + b"{}")
    data, message = load_theme(tmp_path)
    assert data == DEFAULTS and message and "too big" in message
    other = tmp_path / "dir"
    (other / "theme.json").mkdir(parents=True)
    assert load_theme(other) == (DEFAULTS, None)


@pytest.mark.parametrize("name,content", HOSTILE[::3], ids=[n for n, _ in HOSTILE[::3]])
def test_a_game_of_a_scenario_with_a_hostile_theme_plays_on(  # type: ignore[no-untyped-def]
        make_app, tmp_path, name: str, content: bytes) -> None:
    folder = tmp_path / "mod"
    folder.mkdir()
    shutil.copy(TUTORIAL, folder / "tutorial.yaml")
    (folder / "theme.json").write_bytes(content)
    scenario, error = flow.load(folder / "tutorial.yaml")
    assert scenario is not None, error
    app = make_app()
    flow.start(app)
    flow.begin_game(app, scenario, "computer", human_side="us")
    for _ in range(5):
        app.invalidate()
        app.step(0.05)
    assert app.crashes == []
    assert app.top.name in ("briefing", "table")
    assert app.toast_text is not None   # the player is told what was left out


def test_parleys_own_fonts_may_be_links(window, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # A strict editable install gives Parley an assets/ folder whose files are links to
    # the checkout's: following them used to count as leaving assets/.
    linked = tmp_path / "assets"
    (linked / "fonts").mkdir(parents=True)
    for font in (ASSET_DIR / "fonts").glob("*.ttf"):
        (linked / "fonts" / font.name).symlink_to(font)
    monkeypatch.setattr("game.ui.theme.ASSET_DIR", linked)
    check_usable(DEFAULTS)
    assert all(path.parent == linked / "fonts"
               for path in Theme(DEFAULTS, (1280, 720)).fonts.paths.values())


@pytest.mark.parametrize("size", [(1280, 720), (1024, 600)])
def test_every_font_at_its_largest_size_still_shows_the_debrief(make_app, tmp_path, size) -> None:  # type: ignore[no-untyped-def]
    from .test_flows import play_to_debrief
    folder = tmp_path / "mod"
    folder.mkdir()
    shutil.copy(TUTORIAL, folder / "tutorial.yaml")
    largest = FONT_SIZES.stop - 1
    (folder / "theme.json").write_text(json.dumps({"fonts": {"sizes": {
        role: largest for role in ("small", "body", "heading", "title")}}}), encoding="utf-8")
    scenario, error = flow.load(folder / "tutorial.yaml")
    assert scenario is not None, error
    app = make_app(size)
    flow.start(app)
    flow.begin_game(app, scenario, "computer", human_side="us")
    assert app.theme.data["fonts"]["sizes"]["small"] == largest
    play_to_debrief(app)
    for scale in (0, 1, 2, 3, 3):       # and the player's largest text size
        app.scale_text(scale)
        for key in (pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_4, pygame.K_5, pygame.K_6,
                    pygame.K_DOWN, pygame.K_END):
            pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="",
                                                 scancode=0))
            app.invalidate()
            app.step(0.05)
    assert app.crashes == []
    assert app.top.name == "debrief"


# ----- damaged fonts ------------------------------------------------------------------------

REGULAR = ASSET_DIR / "fonts" / "NotoSans-Regular.ttf"


def damaged(raw: bytes, seed: int) -> bytes:
    """*raw* with a few bytes changed (in the glyphs, mostly: the bulk of a font)."""
    import random
    rng = random.Random(seed)
    out = bytearray(raw)
    for _ in range(rng.randint(1, 50)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def test_parleys_fonts_pass_the_font_check() -> None:
    from game.ui.font_check import font_problem, structure_problem
    for path in sorted((ASSET_DIR / "fonts").glob("*.ttf")):
        assert structure_problem(path.read_bytes()) == ""
        assert font_problem(path) == ""


def test_a_damaged_or_cut_font_is_refused_by_its_structure() -> None:
    from game.ui.font_check import structure_problem
    raw = REGULAR.read_bytes()
    for seed in range(8):
        assert structure_problem(raw[:len(raw) * seed // 8]) != ""
    # Changed bytes land in the glyphs or the metrics almost always; elsewhere (names,
    # kerning) they are harmless and the font still draws.
    refused = sum(bool(structure_problem(damaged(raw, seed))) for seed in range(40))
    assert refused >= 36


def test_many_damaged_fonts_never_crash_the_check(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """In a child process, so that a font FreeType chokes on could not take the tests down."""
    import subprocess
    import sys
    script = tmp_path / "check.py"
    script.write_text(f"""
import os, sys
os.environ["SDL_VIDEODRIVER"] = "dummy"
from pathlib import Path
sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
from tests.ui.test_theme import damaged, REGULAR
from game.ui.font_check import font_problem
raw = REGULAR.read_bytes()
refused = 0
for seed in range(60):
    path = Path({str(tmp_path)!r}) / f"f{{seed}}.ttf"
    path.write_bytes(damaged(raw, seed) if seed % 3 else raw[:seed * 9000])
    refused += bool(font_problem(path))
print(refused)
""", encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout.split()[-1]) >= 55


def assets_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from game.ui import theme
    folder = tmp_path / "assets"
    shutil.copytree(ASSET_DIR, folder)
    monkeypatch.setattr(theme, "ASSET_DIR", folder)
    return folder


def test_a_damaged_font_in_assets_named_by_a_theme_is_left_out(  # type: ignore[no-untyped-def]
        window, tmp_path, monkeypatch) -> None:
    assets = assets_copy(tmp_path, monkeypatch)
    (assets / "fonts" / "Broken.ttf").write_bytes(damaged(REGULAR.read_bytes(), 3))
    mod = tmp_path / "mod"
    mod.mkdir()
    (mod / "theme.json").write_text(json.dumps({"fonts": {"regular": "fonts/Broken.ttf"}}),
                                    encoding="utf-8")
    data, message = load_theme(mod)
    assert data["fonts"]["regular"] == DEFAULTS["fonts"]["regular"]
    assert message and "Broken.ttf" in message and "damaged font" in message


def test_a_damaged_font_of_parleys_own_is_replaced_and_said(  # type: ignore[no-untyped-def]
        make_app, tmp_path, monkeypatch) -> None:
    assets = assets_copy(tmp_path, monkeypatch)
    (assets / "fonts" / "NotoSans-Regular.ttf").write_bytes(damaged(REGULAR.read_bytes(), 5))
    data, message = load_theme()
    assert message and "NotoSans-Regular.ttf is a damaged font" in message
    assert data["fonts"]["regular"] == data["fonts"]["bold"]
    app = make_app()
    flow.start(app)
    for _ in range(3):
        app.invalidate()
        app.step(0.05)
    assert app.crashes == [] and "damaged font" in (app.toast_text or "")
    for name in ("NotoSans-Bold.ttf", "NotoSans-Italic.ttf"):
        (assets / "fonts" / name).write_bytes(b"not a font")
    data, message = load_theme()
    assert data["fonts"]["regular"] == "" and "pygame's own font" in (message or "")
    fonts = Theme(data, (1280, 720)).fonts
    assert fonts.get("body").size("Parley")[0] > 0
