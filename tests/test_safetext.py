"""Text from strangers on the terminal and in Markdown: no escape sequences, no raw HTML, no
crash on a terminal that cannot show a character; and the terminal game tells the truth
about saving when saving fails, when it is interrupted, and when a save's scenario changed."""

from __future__ import annotations

import doctest
import io
import json
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

import game.play.wording
import game.report
import game.safetext
import game.settings
import game.untrusted
from game.cli import main
from game.engine import Game
from game.library import SCENARIO_DIR
from game.model import Scenario
from game.safetext import TerminalOutput, markdown_text, plain
from game.save import read_save, to_save, write_save
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import play_one
from game.textplay import TextGame
from game import transcript

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = SCENARIO_DIR / "tutorial.yaml"
#: What a hostile team name or text may try: retitle the window, clear the screen, write
#: the clipboard (OSC 52), a C1 control sequence introducer, a bell.
NASTY = "\x1b]0;owned\x07\x1b[2J\x1b]52;c;cm0gLXJmIH4=\x07\x9b31m\x07<script>alert(1)</script>"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@cache
def tutorial() -> Scenario:
    return load_scenario(TUTORIAL)


@pytest.mark.parametrize("module", [game.safetext, game.untrusted, game.settings,
                                    game.report, game.play.wording],
                         ids=lambda m: m.__name__)
def test_the_examples_in_the_docstrings_hold(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.attempted and not result.failed


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60) |
       st.lists(st.sampled_from(["\x1b", "[", "]", "0", ";", "\x07", "\\", "P", "a", "\n",
                                 "\t", "\x9b", "\x90", "m"]), max_size=40).map("".join))
@hsettings(max_examples=300, deadline=None)
def test_plain_text_holds_no_control_character_but_newline_and_tab(text: str) -> None:
    cleaned = plain(text)
    assert not CONTROL.search(cleaned)
    assert plain(cleaned) == cleaned
    assert "<" not in markdown_text(text)


def test_ordinary_text_is_left_as_it_is() -> None:
    text = "Lavrov: \u201cJoint strikes\u201d \u2014 25 May.\n\tRound 3 of 8 (trust 55 \u2192 60)"
    assert plain(text) == text


def test_terminal_output_replaces_what_an_ascii_terminal_cannot_show() -> None:
    raw = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    out = TerminalOutput(raw)  # type: ignore[arg-type]
    out.write("Team \U0001f600 \ud800 caf\u00e9" + NASTY)
    raw.flush()
    written = raw.buffer.getvalue().decode("ascii")  # type: ignore[attr-defined]
    assert written.startswith("Team ? ? caf?") and "\x1b" not in written


def hostile_save(tmp_path: Path, moves: int = 2) -> Path:
    played = play_one(tutorial(), 5, Settings()).moves[:moves]
    game, _ = Game.replay_legal(tutorial(), Settings(), 5, played,
                                {"us": "US " + NASTY[:60], "ru": "Computer"})
    path = tmp_path / "game.json"
    write_save(to_save(game, {"us"}), path)
    return path


def test_hostile_scenario_text_reaches_the_terminal_without_escapes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    text = TUTORIAL.read_text(encoding="utf-8")
    old = 'title: "Tutorial: Your First Negotiation (May 2016)"'
    assert old in text
    mod = tmp_path / "mod.yaml"
    mod.write_text(text.replace(old, 'title: "Owned \\e]0;owned\\a\\e[2J\\x9b31m title"'),
                   encoding="utf-8")
    assert "\x1b" in load_scenario(mod).title
    monkeypatch.setattr(sys, "stdin", io.StringIO("b\nq\ny\n"))
    assert main(["play", "--text", str(mod), "--side", "us", "--no-save"]) == 0
    captured = capsys.readouterr()
    assert "Owned 31m title" in captured.out  # the title is shown, without escapes
    assert not CONTROL.search(captured.out + captured.err)


def test_the_markdown_transcript_holds_no_escape_and_no_raw_html(tmp_path: Path) -> None:
    path = hostile_save(tmp_path)
    assert main(["transcript", str(path), "-o", str(tmp_path / "t.md")]) == 0
    text = (tmp_path / "t.md").read_text(encoding="utf-8")
    assert "&lt;script>" in text and "<script" not in text and not CONTROL.search(text)
    assert main(["transcript", str(path), "-o", str(tmp_path / "t.html")]) == 0
    page = (tmp_path / "t.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;" in page and not CONTROL.search(page)
    game = Game.replay(tutorial(), Settings(), 5, play_one(tutorial(), 5, Settings()).moves)
    assert transcript.markdown(game).count("&lt;") == 0  # shipped text is left alone


def test_an_ascii_terminal_does_not_crash_on_an_emoji(tmp_path: Path) -> None:
    text = TUTORIAL.read_text(encoding="utf-8")
    old = 'title: "Tutorial: Your First Negotiation (May 2016)"'
    mod = tmp_path / "mod.yaml"
    mod.write_text(text.replace(old, 'title: "Caf\u00e9 talks \U0001f600"'), encoding="utf-8")
    env = dict(os.environ, PYTHONIOENCODING="ascii", PYTHONPATH=str(ROOT),
               PARLEY_SAVES=str(tmp_path / "saves"))
    # The players type a character the terminal's encoding cannot read, too.
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "play", "--text", str(mod),
                           "--side", "us", "--no-save"], input="b\n\u00e9\nq\ny\n".encode(),
                          env=env, capture_output=True, timeout=120)
    stdout, stderr = done.stdout.decode("ascii"), done.stderr.decode("ascii")
    assert done.returncode == 0, stderr[-2000:]
    assert "Caf? talks ?" in stdout and "Traceback" not in stderr


# ----- saving, truthfully ------------------------------------------------------------------

def test_a_save_folder_that_cannot_be_written_leaves_the_game_playing_unsaved(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("PARLEY_SAVES", str(blocker / "saves"))
    monkeypatch.setattr(sys, "stdin", io.StringIO("p\np\np\nq\ny\n"))
    assert main(["play", "--text", str(TUTORIAL), "--side", "us", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    assert out.count("Warning: The game could not be saved") == 1
    assert "It is NOT saved" in out and "game saved to" not in out
    assert "it is not saved)" in out


def test_a_full_disk_leaves_the_game_playing_unsaved(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PARLEY_SAVES", str(tmp_path / "saves"))

    def full(_: int) -> None:
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fsync", full)
    monkeypatch.setattr(sys, "stdin", io.StringIO("p\np\nq\ny\n"))
    assert main(["play", "--text", str(TUTORIAL), "--side", "us", "--seed", "2"]) == 0
    out = capsys.readouterr().out
    assert "No space left on device" in out and "game saved to" not in out
    assert list((tmp_path / "saves").glob("*.json")) == []


def test_ctrl_c_says_where_the_game_is_saved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PARLEY_SAVES", str(tmp_path / "saves"))
    asked = []

    def ask(self: TextGame, prompt: str) -> str:
        asked.append(prompt)
        if len(asked) > 3:
            raise KeyboardInterrupt
        return "p"
    monkeypatch.setattr(TextGame, "ask", ask)
    assert main(["play", "--text", str(TUTORIAL), "--side", "us", "--seed", "2"]) == 130
    err = capsys.readouterr().err
    [saved] = list((tmp_path / "saves").glob("*.json"))
    assert f"game saved to {saved}" in err and f"--load {saved}" in err
    assert len(read_save(saved).moves) >= 3


def test_loading_a_save_whose_scenario_changed_never_overwrites_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    mod = tmp_path / "mod" / "tutorial.yaml"
    mod.parent.mkdir()
    mod.write_text(TUTORIAL.read_text(encoding="utf-8") + "\n# a modder's copy\n",
                   encoding="utf-8")
    played = play_one(load_scenario(mod), 5, Settings()).moves[:2]
    game, _ = Game.replay_legal(load_scenario(mod), Settings(), 5, played, {})
    path = tmp_path / "mod" / "game.json"
    write_save(to_save(game, {"us"}), path)
    before = path.read_bytes()
    # The modder edits the scenario; every move still replays.
    mod.write_text(mod.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO("\np\nq\ny\n"))
    assert main(["play", "--text", str(mod), "--load", str(path)]) == 0
    out = capsys.readouterr().out
    assert "changed" in out and "new save file" in out
    assert path.read_bytes() == before
    new = [p for p in path.parent.glob("*.json") if p != path]
    assert len(new) == 1 and len(read_save(new[0]).moves) > 2
    assert json.loads(before)["scenario"]["sha256"] != read_save(new[0]).scenario.sha256


def test_ctrl_c_before_any_move_claims_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PARLEY_SAVES", str(tmp_path / "saves"))

    def ask(self: TextGame, prompt: str) -> str:
        raise KeyboardInterrupt
    monkeypatch.setattr(TextGame, "ask", ask)
    assert main(["play", "--text", str(TUTORIAL), "--side", "us", "--seed", "2"]) == 130
    err = capsys.readouterr().err
    assert "Interrupted" in err and "could not be saved" not in err and "saved to" not in err
    assert not (tmp_path / "saves").exists() or not list((tmp_path / "saves").iterdir())
