"""An unexpected error leaves a report and a plain message, never a bare traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from game import cli
from game.crashlog import write_crash_log


def test_a_crash_report_holds_the_traceback_and_the_context(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARLEY_LOGS", str(tmp_path))
    try:
        raise RuntimeError("the engine fell over")
    except RuntimeError as exc:
        path = write_crash_log(exc, {"scenario": "joint_strikes_2016", "seed": 4})
    assert path is not None and path.parent == tmp_path
    text = path.read_text(encoding="utf-8")
    assert "RuntimeError: the engine fell over" in text and "seed: 4" in text


def test_the_command_line_reports_a_bug_without_a_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PARLEY_LOGS", str(tmp_path))

    def broken(args: object) -> int:
        raise KeyError("oops")
    monkeypatch.setattr(cli, "_validate", broken)
    assert cli.main(["validate", "x.yaml"]) == 70
    err = capsys.readouterr().err
    assert "unexpected error" in err and "Traceback" not in err
    assert len(list(tmp_path.glob("crash-*.txt"))) == 1
