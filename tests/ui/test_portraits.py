"""Pictures from a stranger's scenario folder: a file that is not a picture, a damaged one,
or one that claims to be enormous is not shown; Parley's own picture is, and the player is
told."""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

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
    # 35 bytes: a 1x1 screen whose one frame decodes to 65535x65535 pixels (16 GB).
    ("gif of 1x1 with a huge frame", b"GIF89a\x01\x00\x01\x00\x00\x00\x00" +
     b"\x2c\x00\x00\x00\x00\xff\xff\xff\xff\x00\x02\x02\x44\x01\x00\x3b" + b"\x00" * 10),
    ("gif with no image", b"GIF89a\x01\x00\x01\x00\x00\x00\x00\x3b"),
    ("gif with a damaged block", b"GIF89a\x01\x00\x01\x00\x00\x00\x00\x99\x00"),
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


#: A well-formed 1x1 GIF (white), with a graphic control extension before its image.
GIF_1X1 = (b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00"
           b"!\xf9\x04\x01\x00\x00\x00\x00"
           b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;")


def gif(frames: list[tuple[int, int]], screen: tuple[int, int] = (1, 1)) -> bytes:
    """A GIF of *frames* (their sizes), each with the same tiny image data."""
    out = b"GIF89a" + struct.pack("<HH", *screen) + b"\x80\x00\x00" + b"\xff" * 3 + b"\x00" * 3
    for w, h in frames:
        out += b"!\xf9\x04\x01\x00\x00\x00\x00"
        out += b"," + struct.pack("<HHHH", 0, 0, w, h) + b"\x00" + b"\x02\x02D\x01\x00"
    return out + b";"


def test_a_tiny_gif_that_decodes_to_gigabytes_is_refused_before_decoding(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bomb = tmp_path / "bomb.gif"
    bomb.write_bytes(gif([(1, 1), (1, 1), (65535, 65535)]))
    assert len(bomb.read_bytes()) < 100
    assert "65535x65535 pixels is too big" in portraits.picture_problem(bomb)
    good = tmp_path / "good.gif"
    good.write_bytes(GIF_1X1)
    assert portraits.picture_problem(good) == ""
    assert portraits.picture_frames(gif([(3, 4), (5, 6)], (9, 9))) == [(9, 9), (3, 4), (5, 6)]


def test_a_good_gif_is_shown(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    make_app()
    scenario = modded(tmp_path, GIF_1X1)
    assert picture(scenario, "us", "portrait", (100, 100)) is not None
    assert not portraits.NOTICES


@given(st.lists(st.tuples(st.integers(0, 65535), st.integers(0, 65535)), min_size=1,
                max_size=5))
@hsettings(max_examples=100, deadline=None)
def test_every_gif_frame_is_found(frames: list[tuple[int, int]]) -> None:
    assert portraits.picture_frames(gif(frames)) == [(1, 1)] + frames


@given(st.binary(max_size=300))
@hsettings(max_examples=300, deadline=None)
def test_any_bytes_give_sizes_or_a_plain_reason(tail: bytes) -> None:
    for head in (b"GIF89a", b"\x89PNG\r\n\x1a\n", b"BM", b"\xff\xd8", b""):
        try:
            frames = portraits.picture_frames(head + tail)
        except ValueError as exc:
            assert "GIF" in str(exc)
        else:
            assert all(isinstance(w, int) and isinstance(h, int) for w, h in frames)


def test_an_os2_bitmap_header_is_read_with_its_16_bit_sizes() -> None:
    bmp = b"BM" + b"\x00" * 12 + struct.pack("<IHHHH", 12, 64, 48, 1, 24) + b"\x00" * 8
    assert picture_size(bmp) == (64, 48)


def test_a_nul_byte_in_a_picture_path_gets_a_plain_message(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from game.scenario import check_file
    text = TUTORIAL.read_text(encoding="utf-8")
    marker = "    negotiator:"
    assert marker in text
    mod = tmp_path / "nul.yaml"
    mod.write_text(text.replace(marker, '    portrait: "me\\0.png"\n' + marker, 1),
                   encoding="utf-8")
    scenario, problems = check_file(mod)
    assert scenario is None
    assert any("control character" in p.message for p in problems), problems


def test_a_jpeg_size_is_found_past_a_large_metadata_segment() -> None:
    app1 = b"\xff\xe1" + struct.pack(">H", 65_000) + b"\x00" * 64_998
    jpeg = (b"\xff\xd8" + app1 + app1 + b"\xff\xc0" + struct.pack(">HBHH", 17, 8, 5000, 6000)
            + b"\x00" * 12)
    assert portraits.picture_frames(jpeg) == [(6000, 5000)]
