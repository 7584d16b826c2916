"""The modding guide stays true: its reference is the generated one, its tutorial files
validate and play, and the files it shows are the files shipped beside it."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

from game import model
from game.reference import (
    END, NAME_KINDS, START, extract_reference, reference_markdown, replace_reference,
)
from game.scenario import BUILTIN_NAMES, check_file, condition_names
from game.settings import Settings
from game.simulate import play_one

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "MODDING.md"
STEPS = sorted((ROOT / "docs" / "modding").glob("step*.yaml"))
REGENERATE = "regenerate it with: python -m game.reference --write docs/MODDING.md"

#: A full step file shown in the guide: a marker line naming the file, then a YAML block.
SHOWN = re.compile(r"^<!-- step: (?P<path>\S+) -->\n+```yaml\n(?P<body>.*?)^```$",
                   re.MULTILINE | re.DOTALL)


def _guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _models() -> list[type[BaseModel]]:
    return [value for value in vars(model).values()
            if isinstance(value, type) and issubclass(value, model.Part)
            and value is not model.Part]


def test_the_guide_holds_the_generated_reference() -> None:
    shown = extract_reference(_guide())
    assert shown == reference_markdown(), (
        f"the reference in docs/MODDING.md differs from game.reference's output; "
        f"{REGENERATE}")


def test_the_reference_names_every_field_of_every_model() -> None:
    text = reference_markdown()
    for part in _models():
        assert f"### {part.__name__}\n" in text, f"no table for {part.__name__}"
        table = text.split(f"### {part.__name__}\n", 1)[1].split("\n### ", 1)[0]
        for field in part.model_fields:
            assert f"| `{field}` |" in table, f"{part.__name__}.{field} is not in the reference"


def test_every_field_has_a_description_in_the_reference() -> None:
    for line in reference_markdown().splitlines():
        if line.startswith("| `") and line.count("|") == 7:
            assert line.rstrip().removesuffix("|").strip() != "", line
            assert not line.endswith("|  |"), f"a field without a description: {line}"


def test_the_reference_lists_every_builtin_name() -> None:
    text = reference_markdown()
    for name in BUILTIN_NAMES:
        assert f"| `{name}` |" in text


@pytest.mark.parametrize("path", STEPS, ids=lambda p: p.stem)
def test_every_condition_name_is_of_a_kind_the_reference_lists(path: Path) -> None:
    scenario, problems = check_file(path)
    assert scenario is not None, problems
    kinds = {
        "walkout_<side id>": {f"walkout_{s}" for s in scenario.sides},
        "offers_<side id>": {f"offers_{s}" for s in scenario.sides},
        "<meter id>": {m.id for m in scenario.meters},
        "<issue id>": {i.id for i in scenario.issues},
        "<option id>": {o.id for i in scenario.issues for o in i.options},
        "<phase id>": {p.id for p in scenario.phases},
        "<tactic id>": {t.id for t in scenario.tactics},
        "<event id>": {e.id for e in scenario.events},
    }
    assert [k for k, _, _ in NAME_KINDS] == list(kinds)
    documented = set(BUILTIN_NAMES).union(*kinds.values())
    assert set(condition_names(scenario)) == documented


def test_write_puts_the_reference_between_the_markers(tmp_path: Path) -> None:
    guide = tmp_path / "GUIDE.md"
    guide.write_text(f"# Guide\n\n{START}\nold text\n{END}\n\nAfter.\n", encoding="utf-8")
    from game.reference import main
    out: list[str] = []
    assert main(["--write", str(guide)], out.append) == 0
    text = guide.read_text(encoding="utf-8")
    assert extract_reference(text) == reference_markdown()
    assert text.startswith("# Guide\n\n") and text.endswith(f"{END}\n\nAfter.\n")
    assert replace_reference(text, reference_markdown()) == text


def test_write_refuses_a_file_without_markers(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from game.reference import main
    guide = tmp_path / "GUIDE.md"
    guide.write_text("# Guide\n", encoding="utf-8")
    assert main(["--write", str(guide)], lambda _: None) == 2
    assert "reference:start" in capsys.readouterr().err


def test_the_reference_module_does_not_import_pygame() -> None:
    import subprocess
    code = ("import sys, game.reference; game.reference.reference_markdown(); "
            "sys.exit('pygame' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_the_tutorial_has_four_to_six_steps() -> None:
    assert 4 <= len(STEPS) <= 6
    assert [p.name for p in STEPS] == [f"step{n}.yaml" for n in range(1, len(STEPS) + 1)]


@pytest.mark.parametrize("path", STEPS, ids=lambda p: p.stem)
def test_every_tutorial_step_validates_and_plays(path: Path) -> None:
    scenario, problems = check_file(path)
    assert scenario is not None and problems == [], [str(p) for p in problems]
    for seed in range(3):
        game = play_one(scenario, seed, Settings())
        assert game.finished and game.state.outcome is not None


def test_every_step_file_is_shown_in_the_guide() -> None:
    shown = {m.group("path") for m in SHOWN.finditer(_guide())}
    assert shown == {f"docs/modding/{p.name}" for p in STEPS}


def test_every_full_step_shown_in_the_guide_equals_its_file() -> None:
    matches = list(SHOWN.finditer(_guide()))
    assert matches, "the guide shows no full step file"
    for match in matches:
        path = ROOT / match.group("path")
        assert path.is_file(), f"the guide shows {match.group('path')}, which does not exist"
        assert match.group("body") == path.read_text(encoding="utf-8"), (
            f"the YAML shown for {match.group('path')} in docs/MODDING.md differs from the "
            "file; copy the file into the guide (or the block into the file)")


#: A simulation report shown in the guide: a block that opens with "N games of ...".
REPORT = re.compile(r"^```\n(?P<body>(?P<games>[\d,]+) games of \S+\n.*?)^```$",
                    re.MULTILINE | re.DOTALL)


def test_every_simulation_report_in_the_guide_is_what_simulate_prints_today(
        capsys: pytest.CaptureFixture[str]) -> None:
    """Each report the tutorial shows is the one `simulate -n N` prints for the step file
    shown last before it: a change to the computer negotiator that moves the figures must
    bring the guide along (its reports had gone stale over several changes)."""
    from game.cli import main

    guide = _guide()
    reports = list(REPORT.finditer(guide))
    assert len(reports) >= 4
    for report in reports:
        shown = [m for m in SHOWN.finditer(guide) if m.start() < report.start()]
        step = shown[-1].group("path")
        games = report.group("games").replace(",", "")
        assert main(["simulate", str(ROOT / step), "-n", games]) == 0
        printed = capsys.readouterr().out
        assert printed == report.group("body"), (
            f"the report shown after {step} in docs/MODDING.md is not what simulate prints "
            f"today; run: python main.py simulate {step} -n {games}")
