"""The teacher's guide (docs/TEACHING.md) stays true to the game it describes."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from game.cli import _parser
from game.library import shipped_scenarios
from game.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "TEACHING.md"


@pytest.fixture(scope="module")
def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _section(guide: str, scenario_id: str) -> str:
    """The guide's section on one scenario: the one whose heading names its id."""
    for section in guide.split("\n### ")[1:]:
        if f"`{scenario_id}`" in section.split("\n", 1)[0]:
            return section.split("\n## ", 1)[0]
    raise AssertionError(f"{scenario_id} has no section in the guide")


def test_readme_links_the_guide() -> None:
    assert "(docs/TEACHING.md)" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_every_outcome_of_every_scenario_is_explained(guide: str, path: Path) -> None:
    scenario = load_scenario(path)
    section = _section(guide, scenario.id)
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    named = {row.split("|")[1].strip() for row in rows}
    missing = [o.name for o in scenario.outcomes if o.name not in named]
    assert not missing, f"{scenario.id}: outcomes missing from the guide: {missing}"


def test_rounds_said_for_each_scenario_match_the_phases(guide: str) -> None:
    for path in shipped_scenarios():
        scenario = load_scenario(path)
        section = _section(guide, scenario.id)
        said = re.search(r"(\w+)\s+rounds", section)
        assert said is not None, scenario.id
        words = {"three": 3, "seven": 7, "eight": 8}
        total = sum(p.rounds for p in scenario.phases)
        assert words[said.group(1).lower()] == total, scenario.id


@pytest.mark.parametrize("term", ["BATNA", "Pareto frontier", "Nash bargaining point",
                                  "Deconfliction", "Cessation of hostilities"])
def test_glossary_defines(guide: str, term: str) -> None:
    glossary = guide.split("## Glossary", 1)[1].split("\n## ", 1)[0]
    assert f"**{term}" in glossary


def test_every_section_the_contents_name_exists(guide: str) -> None:
    anchors = re.findall(r"\]\(#([a-z0-9-]+)\)", guide)
    headings = {re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-")
                for h in re.findall(r"^#+ (.+)$", guide, re.MULTILINE)}
    assert anchors and set(anchors) <= headings, set(anchors) - headings


def test_every_command_in_the_guide_parses(guide: str) -> None:
    commands = re.findall(r"python main\.py ([^`\n]*)", guide)
    assert len(commands) >= 5
    parser = _parser()
    for command in commands:
        args = shlex.split(command.replace("SAVE", "save.json").replace("FILE", "x.yaml"),
                           comments=True)
        try:
            parser.parse_args(args)
        except SystemExit as exc:  # argparse's way of refusing
            pytest.fail(f"the guide's command does not parse: python main.py {command} "
                        f"({exc})")


def test_neutral_words(guide: str) -> None:
    # "regime" only inside a quotation: an odd number of quote marks before it in its
    # paragraph.
    for match in re.finditer(r"regime", guide):
        paragraph = guide[:match.start()].rsplit("\n\n", 1)[-1]
        assert paragraph.count('"') % 2 == 1, guide[match.start() - 80:match.end() + 40]
