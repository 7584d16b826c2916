"""Pictures from a stranger's scenario folder: a file that is not a picture, a damaged one,
or one that claims to be enormous is not shown; Parley's own picture is, and the player is
told."""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

import pytest

from game.library import ASSET_DIR
from game.ui import flow, portraits
from game.ui.portraits import picture, picture_size
from tools.screenshots import seat_players

TUTORIAL = Path(flow.SCENARIOS) / "tutorial.yaml"
REAL = (ASSET_DIR / "portraits" / "us.png").read_bytes()


def png_header(width: int, height: int) -> bytes:
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr +
            struct.pack(">I", zlib.crc32(b"IHDR" + ihdr)))


BAD_PICTURES = [
    ("text", b"this is not a picture"),
    ("empty", b""),
    ("truncated png", REAL[:200]),
    ("random bytes", bytes(range(256)) * 8),
    ("png claiming 100000x100000", png_header(100_000, 100_000) + b"\x00" * 64),
    ("png claiming 0x0", png_header(0, 0)),
    ("svg", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>"),
    ("gif claiming 65535x65535", b"GIF89a\xff\xff\xff\xff" + b"\x00" * 32),
]


@pytest.fixture(autouse=True)
def fresh_pictures() -> None:
    portraits.forget()
    portraits.NOTICES.clear()


def modded(tmp_path: Path, content: bytes) -> object:
    folder = tmp_path / "mod"
    (folder / "portraits").mkdir(parents=True)
    (folder / "flags").mkdir()
    shutil.copy(TUTORIAL, folder / "tutorial.yaml")
    (folder / "portraits" / "us.png").write_bytes(content)
    (folder / "flags" / "us.png").write_bytes(content)
    scenario, error = flow.load(folder / "tutorial.yaml")
    assert scenario is not None, error
    return scenario


@pytest.mark.parametrize("name,content", BAD_PICTURES, ids=[n for n, _ in BAD_PICTURES])
def test_a_bad_picture_shows_parleys_own_and_says_so(make_app, tmp_path,  # type: ignore[no-untyped-def]
                                                      name: str, content: bytes) -> None:
    make_app()
    scenario = modded(tmp_path, content)
    shown = picture(scenario, "us", "portrait", (120, 120))
    portraits.forget()
    own = picture(type("S", (), {"file": "", "sides": scenario.sides})(), "us", "portrait",
                  (120, 120))
    assert shown is not None and own is not None
    assert shown.get_size() == own.get_size()
    assert picture(scenario, "us", "flag", (40, 24)) is not None
    assert portraits.NOTICES and "us.png" in portraits.NOTICES[0]
    assert "Parley's own picture" in portraits.NOTICES[0]


def test_in_the_window_the_player_is_told(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    scenario = modded(tmp_path, b"not a picture")
    flow.start(app)
    flow.begin_game(app, scenario, "computer", human_side="us")
    seat_players(app)
    for _ in range(3):
        app.invalidate()
        app.step(0.05)
    assert app.crashes == []
    assert app.toast_text is not None and "us.png" in app.toast_text
    assert not portraits.NOTICES


def test_a_good_scenario_picture_is_used(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    make_app()
    scenario = modded(tmp_path, (ASSET_DIR / "portraits" / "ru.png").read_bytes())
    assert picture(scenario, "us", "portrait", (100, 100)) is not None
    assert not portraits.NOTICES


def test_picture_sizes_are_read_from_the_header() -> None:
    assert picture_size(REAL[:64]) is not None
    assert picture_size(png_header(300, 200)) == (300, 200)
    assert picture_size(b"GIF87a\x10\x00\x20\x00") == (16, 32)
    bmp = b"BM" + b"\x00" * 16 + struct.pack("<ii", 64, -48)
    assert picture_size(bmp) == (64, 48)
    jpeg = (b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", 16) + b"\x00" * 14 +
            b"\xff\xc0" + struct.pack(">HBHH", 17, 8, 480, 640) + b"\x00" * 12)
    assert picture_size(jpeg) == (640, 480)
    assert picture_size(b"\xff\xd8\xff") is None
    assert picture_size(b"RIFF....WEBP") is None
