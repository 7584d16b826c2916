"""Printed handouts: each side's brief and the teacher's answer sheet (game.handout), and
``python main.py brief``."""

from __future__ import annotations

import re
import shutil
import subprocess
from html import escape
from pathlib import Path

import pytest

from game.analysis import points
from game.cli import main
from game.debrief import debrief
from game.engine import Game
from game.handout import answer_sheet_html, briefs_html, condition_words
from game.play.wording import rounds_text
from game.library import DEFAULT_SCENARIO, shipped_scenarios
from game.scenario import load_scenario
from game.settings import Settings


@pytest.fixture(scope="module")
def scenario():  # type: ignore[no-untyped-def]
    return load_scenario(DEFAULT_SCENARIO)


def _text(html: str) -> str:
    """The page's text without tags, with entities as they are written."""
    return re.sub(r"<[^>]+>", " ", html)


def test_one_side_has_its_own_brief_and_numbers_only(scenario) -> None:  # type: ignore[no-untyped-def]
    us, ru = scenario.sides["us"], scenario.sides["ru"]
    page = briefs_html(scenario, ["us"])
    assert page.count('class="page side"') == 1
    assert escape(us.brief) in page
    assert escape(ru.brief) not in page
    assert f"{us.batna.name}: worth {points(us.batna.value)} points" in page
    for red in us.red_lines:
        assert escape(red.text) in page
    for red in ru.red_lines:
        assert escape(red.text) not in page
    for issue in scenario.issues:
        assert f"{points(us.weights[issue.id])}% of your points" in page
        for option in issue.options:
            row = (f"<tr><td>{escape(option.name)}</td>"
                   f'<td class="n">{points(us.values[issue.id][option.id])}</td></tr>')
            assert row in page, option.id
    for source_id in {*us.cite, *us.batna.cite}:
        assert escape(scenario.source(source_id).text) in page


def test_both_sides_print_one_page_each_and_need_nothing_else(scenario) -> None:  # type: ignore[no-untyped-def]
    page = briefs_html(scenario, list(scenario.side_ids))
    assert page.count('class="page side"') == 2
    assert "@page" in page and "break-after:page" in page
    assert "<script" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//|file:)""", page)
    assert "CONFIDENTIAL: UNITED STATES ONLY" in page and "CONFIDENTIAL: RUSSIA ONLY" in page


def test_rounds_follow_the_settings_as_the_game_counts_them(scenario) -> None:  # type: ignore[no-untyped-def]
    for rounds in (None, 4):
        settings = Settings(rounds=rounds)
        total = Game(scenario, settings, 0).state.rounds
        assert rounds_text(scenario, settings.rounds).startswith(f"The talks last {total} rounds")
    assert "bargaining (4 rounds)" in briefs_html(scenario, ["ru"], Settings(rounds=4))


def test_answer_sheet_has_the_debriefs_figures(scenario) -> None:  # type: ignore[no-untyped-def]
    page = answer_sheet_html(scenario)
    d = debrief(Game(scenario, Settings(), 0))
    assert d.nash is not None and d.nash_points is not None
    worth = ", ".join(f"{scenario.sides[s].name} {n}" for s, n in d.nash_points.items())
    assert f"The Nash bargaining point ({worth} points)" in page
    for issue, option in d.nash:
        assert f"<li>{escape(issue)}: {escape(option)}</li>" in page
    assert "<svg" in page and "Pareto frontier" in page
    for outcome in scenario.outcomes:
        assert escape(outcome.name) in page
    for side in scenario.side_ids:
        spec = scenario.sides[side]
        assert f"{escape(spec.batna.name)}, {points(spec.batna.value)} points" in page
    assert "NOT FOR STUDENTS" in page
    for side in scenario.side_ids:
        best = d.results[side].best_gain_points
        assert f"{escape(scenario.sides[side].name)}</h2><p><strong>Fallback:" in page
        assert f"<strong>Best gain:</strong> {best} points over its fallback" in page


def test_the_best_gain_is_said_as_it_is_found(scenario) -> None:  # type: ignore[no-untyped-def]
    # The best gain is reached by a deal worth at least the other side's fallback to it,
    # and at the edge that deal leaves the other side no better off than no deal: the page
    # says "at least its own fallback", not that the other side would prefer it (a teacher
    # found Russia's best gain in a deal worth exactly the US's fallback).
    page = " ".join(_text(answer_sheet_html(scenario)).split())
    game = Game(scenario, Settings(), 0)
    d = debrief(game)
    space = game.space
    edge = False
    for side in scenario.side_ids:
        other = scenario.other(side)
        batna = {s: scenario.sides[s].batna.value for s in scenario.side_ids}
        best = d.results[side].best_gain_points
        acceptable = [n for n in range(len(space.packages)) if space.allowed[n] and
                      space.utility[other][n] >= batna[other]]
        gains = {n: points(space.utility[side][n]) - points(batna[side]) for n in acceptable}
        assert max(gains.values()) == best
        reaching = [n for n, gain in gains.items() if gain == best]
        edge |= all(points(space.utility[other][n]) == points(batna[other]) for n in reaching)
    assert edge, "no side's best gain sits at the other's fallback (this shows nothing)"
    assert "in a deal worth at least its own fallback to the other side" in page
    assert "prefer" not in page


def test_conditions_read_in_the_scenarios_words(scenario) -> None:  # type: ignore[no-untyped-def]
    words = condition_words(scenario, "joint_action >= joint_planning and trust < 30")
    assert words == ("Form of joint action is at least \u201cJoint planning\u201d and Trust "
                     "between delegations is below 30")
    assert condition_words(scenario, "walkout_ru") == "the side is Russia"


def test_brief_command_writes_each_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "new folder" / "us.html"
    assert main(["brief", "joint_strikes_2016", "--side", "us", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").count('class="page side"') == 1
    assert "the brief of United States" in capsys.readouterr().out
    russia = tmp_path / "ru.html"
    assert main(["brief", "joint_strikes_2016", "--side", "Russia", "-o", str(russia)]) == 0
    assert "the brief of Russia" in capsys.readouterr().out
    teacher = tmp_path / "teacher.html"
    assert main(["brief", str(DEFAULT_SCENARIO), "--teacher", "-o", str(teacher)]) == 0
    assert "answer sheet" in teacher.read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "said"), [
    (["brief", "joint_strike", "-o", "x.html"], "did you mean 'joint_strikes_2016'?"),
    (["brief", "tutorial", "--side", "fr", "-o", "x.html"], "unknown side; choose one of"),
    (["brief", "tutorial", "-o", "x.pdf"], "name it .html"),
])
def test_brief_command_says_what_is_wrong(args: list[str], said: str, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(args) == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
    assert not list(tmp_path.iterdir())


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="needs Chromium to print the page")
@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_each_side_prints_on_one_page(path: Path, tmp_path: Path) -> None:
    scenario = load_scenario(path)
    page = tmp_path / "brief.html"
    page.write_text(briefs_html(scenario, list(scenario.side_ids)), encoding="utf-8")
    pdf = tmp_path / "brief.pdf"
    subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    pages = re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes())
    assert len(pages) == len(scenario.side_ids)
