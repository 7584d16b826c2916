"""Transcripts (Markdown and HTML) and the class report."""

from __future__ import annotations

import csv
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest

from game import transcript
from game.cli import main
from game.debrief import debrief
from game.engine import Game
from game.play.wording import offer_rows
from game.library import DEFAULT_SCENARIO
from game.model import Scenario
from game.report import gather
from game.save import to_save, write_save
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import play_one

VOID = {"meta", "br", "img", "hr", "input", "link"}


@cache
def scenario() -> Scenario:
    return load_scenario(DEFAULT_SCENARIO)


class Checker(HTMLParser):
    """Checks that every element is closed in order and collects the text and tags."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack[-1:]}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def game() -> Game:
    g = play_one(scenario(), 6, Settings())
    g.teams.update({"us": "Team <Eagles> & co", "ru": "Computer"})
    return g


def test_the_html_transcript_parses_and_holds_every_move_and_both_charts() -> None:
    g = game()
    page = transcript.html(g)
    checker = Checker()
    checker.feed(page)
    checker.close()
    assert checker.stack == ["html"] or checker.stack == []
    text = " ".join(" ".join(checker.text).split())
    for entry in g.log:
        if entry.kind in ("move", "reply", "event"):
            assert " ".join(entry.body.split()) in text
        if entry.kind == "event":
            assert entry.title in text
        if entry.offer is not None and entry.move is not None and \
                entry.move.kind == "propose":
            for issue, option in offer_rows(scenario(), entry.offer):
                assert f"{issue}: {option}" in text
    assert checker.tags.count("svg") == 2
    assert checker.tags.count("circle") >= len(g.space.packages)
    assert "Team <Eagles> & co" in text and "<Eagles>" not in page
    assert "http" not in page.replace("http://www.w3.org/2000/svg", "")  # self-contained


def test_the_markdown_transcript_holds_every_move_citation_and_the_debrief() -> None:
    g = game()
    text = transcript.markdown(g)
    for entry in g.log:
        if entry.kind == "move":
            assert entry.body in text
        for source_id in entry.cite:
            assert scenario().source(source_id).text.split(".")[0] in text
    for heading in ("## The talks", "## Debrief", "What really happened",
                    "Questions for discussion"):
        assert heading in text


def test_hidden_priorities_stay_hidden_when_the_teacher_says_so() -> None:
    g = play_one(scenario(), 6, Settings(reveal_priorities=False))
    assert "What each side cared about" not in transcript.markdown(g)


def test_the_class_report_matches_the_saves_it_read(tmp_path: Path) -> None:
    games = [play_one(scenario(), seed, Settings(difficulty=level))
             for seed, level in ((1, "easy"), (2, "normal"), (3, "hard"))]
    for n, g in enumerate(games):
        write_save(to_save(g, {"us"}), tmp_path / f"group{n}.json")
    (tmp_path / "broken.json").write_text('{"parley": "parley-save"', encoding="utf-8")
    assert main(["report", str(tmp_path), "-o", str(tmp_path / "class.csv")]) == 0
    with (tmp_path / "class.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # One row for each side of each game.
    assert [r["file"] for r in rows] == [f"group{n}.json" for n in range(3) for _ in "ab"]
    for n, g in enumerate(games):
        d = debrief(g)
        for side, row in zip(g.sides, rows[2 * n:2 * n + 2]):
            assert row["side"] == g.scenario.sides[side].name
            assert row["outcome"] == d.outcome_name
            assert row["difficulty"] == g.settings.difficulty
            assert int(row["rounds"]) == g.state.round
            assert int(row["points"]) == d.results[side].points
            assert int(row["gain"]) == d.results[side].gain_points
            assert row["played_by"] == ("people" if side == "us" else "computer")
            # Every side's own mark, as the debrief states it; only teams are ranked.
            assert int(row["mark"]) == d.results[side].mark
            assert (row["class_rank"] != "") == (side == "us")
    page = (tmp_path / "class.html").read_text(encoding="utf-8")
    assert "broken.json" in page
    _, problems = gather(tmp_path)
    assert len(problems) == 1 and "cut short" in problems[0]


def test_transcript_command_writes_both_formats(tmp_path: Path) -> None:
    save = tmp_path / "g.json"
    write_save(to_save(game(), {"us"}), save)
    assert main(["transcript", str(save), "-o", str(tmp_path / "t.md")]) == 0
    assert main(["transcript", str(save), "-o", str(tmp_path / "t.html")]) == 0
    assert (tmp_path / "t.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["transcript", str(save), "-o", str(tmp_path / "t.pdf")]) == 2


def test_a_bad_save_is_reported_without_a_traceback(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("", encoding="utf-8")
    assert main(["transcript", str(bad), "-o", str(tmp_path / "t.md")]) == 2
    assert "empty" in capsys.readouterr().err


def test_a_change_with_a_cause_of_its_own_says_its_cause_and_sources_are_named_once() -> None:
    from game.library import DEFAULT_SCENARIO
    from game.scenario import load_scenario
    from game.settings import Settings
    from game.simulate import play_one
    from game.transcript import markdown

    scenario = load_scenario(DEFAULT_SCENARIO)
    found = False
    for seed in range(30):
        game = play_one(scenario, seed, Settings())
        text = markdown(game)
        assert "Washington Examiner, 20 May 2016; Washington Examiner, 20 May 2016" not in text
        if any(e.ref in ("concede", "harden") for e in game.log):
            assert "last proposal: it now matches it on" in text
            found = True
    assert found


def test_every_debrief_gives_each_part_of_the_joint_score_with_the_most_it_can_give(
        tmp_path: Path) -> None:
    # "86/100 (46, 30, 10)" did not say that the parts are out of 50, 30 and 20 (a window
    # playtest): the window, the terminal and both transcripts now say so, in one wording.
    import io
    from game.debrief import PART_MOST, score_parts_text
    from game.textdebrief import write_debrief
    g = game()
    d = debrief(g)
    assert [label for label, _ in d.score_parts] == list(PART_MOST)
    assert sum(value for _, value in d.score_parts) == d.score
    line = score_parts_text(d.score_parts)
    assert all(f"{label.lower()} {value} of {PART_MOST[label]}" in line
               for label, value in d.score_parts)
    out = io.StringIO()
    write_debrief(g.scenario, d, set(), False, lambda text="", *a: out.write(f"{text}\n"),
                  lambda *a: None, out.write)
    assert f"Joint score: {d.score}/100 ({line})" in out.getvalue()
    assert f"({line})" in transcript.markdown(g)
    assert line.replace("&", "&amp;") in transcript.html(g)
    # The class report's rows (its CSV column and its page) say the same.
    from game.report import gather
    from game.save import to_save, write_save
    write_save(to_save(g, set()), tmp_path / "game.json")
    rows, _ = gather(tmp_path)
    assert rows and {row.values["joint_score_parts"] for row in rows} == {line}


def test_meters_at_the_same_level_are_drawn_side_by_side_in_every_chart() -> None:
    # Both sides' support starts at 60 in the main scenario: drawn on one line, one of the
    # two was hidden (a playtest). Meters that meet are spread a few pixels around their
    # level, in the window's chart and in the transcript's alike.
    import re
    from game.svgchart import meter_dodge, meters_svg
    assert meter_dodge([[60, 60, 50], [60, 55, 50], [30, 30, 50]], 4) == \
        [[-2, 0, -4], [2, 0, 0], [0, 0, 4]]
    d = debrief(game())
    starts = [values[0] for _, values in d.meters]
    assert len(set(starts)) < len(starts), "the main scenario has meters that start level"
    firsts = [line.split()[0] for line in re.findall(r'<polyline points="([^"]+)" fill="none" '
                                                        r'stroke="#[0-9a-f]+" stroke-width="2">',
                                                        meters_svg(d))]
    assert len(firsts) == len(d.meters) and len(set(firsts)) == len(firsts)


def test_the_terminal_debrief_names_two_teams_at_one_screen_as_its_mark_sentence_does() -> None:
    # "United States (you): ... Its own mark" with two teams at one keyboard: "you" only
    # when one team is at the screen; two are each named by their team.
    import io
    from game.textdebrief import write_debrief
    g = game()
    g.teams = {"us": "Blue Group", "ru": "Red Group"}
    d = debrief(g)
    for humans, said in (({"us", "ru"}, ["United States (Blue Group):", "Russia (Red Group):"]),
                         ({"us"}, ["United States (you):", "Russia (computer):"])):
        out = io.StringIO()
        write_debrief(g.scenario, d, humans, False,
                      lambda text="", *a: out.write(f"{text}\n"), lambda *a: None, out.write)
        text = out.getvalue()
        assert all(s in text for s in said), text[:400]
        assert ("Your own mark" in text) == (humans == {"us"})


def test_the_transcripts_outcome_chart_marks_the_nash_point_and_the_deal_as_the_window_does() -> None:
    # The window draws a diamond for the Nash point and a ring round the deal; the HTML
    # transcript drew a square and a diamond, and its legend said so (a window playtest).
    import re
    from game.svgchart import outcome_space_svg
    g = game()
    d = debrief(g)
    svg = outcome_space_svg(g.scenario, d)
    assert "diamond: Nash point; ring: the deal" in svg
    if d.chart.nash is not None:
        assert re.search(r'<path d="M[^"]+ Z" fill="#[0-9a-f]+"><title>Nash point</title>', svg)
    if d.chart.deal is not None:
        assert re.search(r'<circle [^>]*stroke-width="3"><title>The deal</title>', svg)
    assert "<title>Nash point</title></rect>" not in svg


def test_the_answer_sheets_chart_keys_only_what_it_draws() -> None:
    # The teacher's answer sheet draws no offers and no deal: its key named both, and its
    # caption called the Nash point's diamond a square (a teacher's playtest).
    from game.handout import answer_sheet_html
    from game.svgchart import outcome_space_svg
    g = game()
    empty = debrief(Game(g.scenario, Settings(), 0))
    assert not empty.chart.path and empty.chart.deal is None
    svg = outcome_space_svg(g.scenario, empty)
    assert "offers" not in svg and "the deal" not in svg and "diamond: Nash point" in svg
    assert all(f"{s.short} fallback (dashed)" in svg for s in g.scenario.sides.values())
    page = answer_sheet_html(g.scenario)
    assert "square" not in page and "diamond is the Nash bargaining point" in page


def test_the_meters_chart_numbers_each_round_on_the_page() -> None:
    # A playtester could not match the meters chart's points to rounds: its axis said only
    # "each turn's end, two to a round". The page's chart numbers each round, as the
    # window's does (laid out at every size by the layout tests), in the middle of its two
    # turns: numbered at its end, a round's opening events read as the round before's (a
    # teacher's playtest). A change the debrief puts in round r lies in round r's span.
    import re
    from game.svgchart import W, PAD, meters_svg
    g = game()
    d = debrief(g)
    turns = d.meter_turns[-1]
    rounds = -(-turns // 2)
    assert rounds >= 2
    svg = meters_svg(d)
    found = re.findall(r'<text x="([\d.]+)" y="[\d.]+" text-anchor="middle" '
                       r'font-size="11">(\d+)</text>', svg)
    assert [label for _, label in found] == [str(r) for r in range(1, rounds + 1)]
    width = W - 2 * PAD
    for x, label in found:
        middle = PAD + width * min((2 * int(label) - 1) / turns, 1.0)
        assert abs(float(x) - middle) < 0.5
    assert "round (one turn for each side" in svg
    # Each point is drawn inside the span of the round the debrief gives it (the start of
    # round r is the end of turn 2r - 2): a round's opening events after the line between
    # the rounds, not on it (a window playtest read them as the round before's).
    for x, round_ in zip(d.meter_x(), d.meter_rounds):
        assert 2 * round_ - 2 <= x <= 2 * round_, (x, round_)
        assert round_ == 1 or x > 2 * round_ - 2, (x, round_)


def test_every_debrief_says_when_a_sides_proposals_crossed_the_others_red_lines() -> None:
    # A hard-line player never learnt why the other side would not engage: its proposals
    # crossed the other side's red lines, which are the debrief's to tell once the talks
    # are over. The terminal's debrief and the transcript say how many did, and which red
    # lines (the window's result page says the same sentence: see the window tests).
    import io

    from game.analysis import from_ids
    from game.textdebrief import write_debrief

    scenario = load_scenario(DEFAULT_SCENARIO)
    game = play_one(scenario, 5, Settings(), players={"us": "hardline"})
    assert game.finished
    d = debrief(game)
    said = 0
    for side, result in d.results.items():
        other = scenario.other(side)
        mine = [ids for who, ids in game.state.offers if who == side]
        across = [ids for ids in mine
                  if game.space.red_lines_crossed(other, from_ids(scenario, ids))]
        assert (result.proposals, result.across) == (len(mine), len(across))
        if not across:
            assert result.asked_across is None
            continue
        said += 1
        sentence = result.asked_across
        assert sentence is not None
        whose = scenario.sides[side].whose
        counted = (f"{whose[:1].upper()}{whose[1:]} only proposal" if len(mine) == 1 else
                   f"Both of {whose} proposals" if len(across) == len(mine) == 2 else
                   f"All {len(mine)} of {whose} proposals" if len(across) == len(mine) else
                   f"{len(across)} of {whose} {len(mine)} proposals")
        assert sentence.startswith(f"{counted} crossed"), sentence
        # "red lines" only when each of those proposals crossed every line named.
        hits = [set(game.space.red_lines_crossed(other, from_ids(scenario, ids)))
                for ids in across]
        every = all(hit == set(result.across_lines) for hit in hits)
        assert (" crossed one or more of the red lines of " in sentence) == \
            (len(result.across_lines) > 1 and not every), sentence
        # Where neither side said its red lines, the sentence says so, and what saying
        # them invites (a hard-liner learnt only here why its offers moved nothing).
        anyone = any(m.kind == "tactic" and scenario.tactic(m.tactic or "").kind == "red_line"
                     for _, m, _ in game.moves)
        assert ("said its red lines aloud: a side that says its own invites the other to "
                "say its own." in sentence) == (not anyone), sentence
        for text in result.across_lines:
            assert text in sentence and text in [r.text for r in scenario.sides[other].red_lines]
        out = io.StringIO()
        write_debrief(scenario, d, {"us"}, True,
                      lambda text="", *a: out.write(f"{text}\n"), lambda *a: None, out.write)
        assert sentence in " ".join(out.getvalue().split())
        assert sentence in " ".join(transcript.markdown(game).split())
        # It names the other side's red lines: not when the teacher hides what each side
        # held private.
        hidden = Game.replay(scenario, Settings(reveal_priorities=False), game.seed,
                             game.moves, game.teams, edition=game.edition)
        quiet = io.StringIO()
        write_debrief(scenario, debrief(hidden), {"us"}, False,
                      lambda text="", *a: quiet.write(f"{text}\n"), lambda *a: None,
                      quiet.write)
        assert sentence not in " ".join(quiet.getvalue().split())
        assert sentence not in " ".join(transcript.markdown(hidden).split())
    assert said


def test_every_meter_level_the_record_shows_is_a_point_of_the_meters_chart() -> None:
    """The record said trust had reached 41 and the chart peaked at 39: it had one point a
    turn, taken after the next round's events (a playtest). Every level the record shows,
    "(now 41)", is now a point of the chart, at the turn it came in, in every front end
    (they all draw the debrief's series)."""
    from game.library import shipped_scenarios
    from game.scenario import load_scenario
    from game.settings import Settings
    from game.simulate import play_one

    steps = 0
    for path in shipped_scenarios():
        scenario = load_scenario(path)
        names = {m.id: m.name for m in scenario.meters}
        for seed in range(30):
            side = scenario.side_ids[seed % 2]
            style = ["careless", "principled", "hardline"][seed % 3]
            played = play_one(scenario, seed, Settings(), players={side: style})
            d = debrief(played)
            positions = d.meter_turns
            assert positions == sorted(positions) and positions[0] == 0
            # One point at least at each turn's end: the line runs through every turn.
            assert set(positions) == set(range(positions[-1] + 1))
            series = dict(d.meters)
            for entry in played.log:
                for change in entry.changes:
                    if change.kind == "meter" and entry.private is None:
                        assert change.after in series[names[change.target]], entry.title
            steps += len(positions) - len(set(positions))
            # The last point holds the meters as the game ended.
            for meter in scenario.meters:
                assert series[meter.name][-1] == played.state.meters[meter.id]
    assert steps  # some turns changed a meter more than once (a move, then events)


def test_the_terminal_debrief_gives_each_meters_course_and_the_page_colours_a_sides_meter() -> None:
    """The terminal's debrief had no meters chart (a playtest): it gives each meter's start,
    low, high and end, with their rounds, from the chart's points. The page's chart drew
    trust and Russian support in two greens: a meter of one side's is in its colour."""
    import io

    from game.library import shipped_scenarios
    from game.scenario import load_scenario
    from game.settings import Settings
    from game.simulate import play_one
    from game.svgchart import meters_svg
    from game.textdebrief import write_debrief

    for path in shipped_scenarios():
        scenario = load_scenario(path)
        played = play_one(scenario, 5, Settings(), players={"us": "hardline"})
        d = debrief(played)
        lines = d.meter_summary()
        assert len(lines) == len(scenario.meters)
        for line, (name, values), meter in zip(lines, d.meters, scenario.meters):
            low, high = min(values), max(values)
            if low == high:
                assert line == f"{name}: {low:.0f} from start to end, unchanged."
                continue
            assert line == (
                f"{name}: {values[0]:.0f} at the start, lowest {low:.0f} (round "
                f"{d.meter_rounds[values.index(low)]}), highest {high:.0f} (round "
                f"{d.meter_rounds[values.index(high)]}), {values[-1]:.0f} at the end.")
            assert values[-1] == played.state.meters[meter.id]
        assert d.meter_rounds == sorted(d.meter_rounds) and d.meter_rounds[0] == 1
        out = io.StringIO()
        write_debrief(scenario, d, {"us"}, False, lambda text="", *_: out.write(text + "\n"),
                      lambda title="": out.write(title + "\n"), out.write)
        shown = " ".join(out.getvalue().split())
        assert "The meters over the game:" in shown and all(line in shown for line in lines)
        svg = meters_svg(d, scenario)
        for meter in scenario.meters:
            if meter.side is not None:
                assert f'stroke="{scenario.sides[meter.side].colour}" stroke-width="2">' \
                       f"<title>{meter.name}</title>" in svg
    # A meter that never moved is said to be unchanged, not "lowest 60, highest 60".
    flat = [line for seed in range(10) for line in debrief(play_one(
        load_scenario(shipped_scenarios()[0]), seed, Settings())).meter_summary()
        if line.endswith("from start to end, unchanged.")]
    assert flat


def test_the_computers_reasons_come_after_what_their_figures_are_in_every_export() -> None:
    # A playtester found "target" in the computer's reasons explained nowhere: the
    # terminal's debrief and both transcripts say it before the reasons, once the game is
    # over (before, they show no reason, and no note).
    import io
    from html import escape

    from game.debrief import REASONS_NOTE
    from game.textdebrief import write_debrief

    g = game()
    md, page = transcript.markdown(g), transcript.html(g)
    assert md.index(REASONS_NOTE) < md.index("the computer's reasoning:")
    assert page.index(escape(REASONS_NOTE)) < page.index("the computer&#x27;s reasoning:")
    out = io.StringIO()
    write_debrief(g.scenario, debrief(g), {"us"}, False,
                  lambda text="", *a: out.write(f"{text}\n"), lambda *a: None, out.write)
    text = out.getvalue()
    assert text.index("Why the computer did what it did:") < text.index(REASONS_NOTE)
    # Before the end, the team playing the United States sees none of Russia's reasons.
    moves = [(side, move, None if side == "us" else reason) for side, move, reason in g.moves]
    unfinished = Game.replay(g.scenario, g.settings, g.seed, moves[:6], dict(g.teams))
    assert REASONS_NOTE not in transcript.markdown(unfinished, {"us"})
    assert escape(REASONS_NOTE) not in transcript.html(unfinished, {"us"})


def test_what_the_outcome_means_is_said_once_where_the_talks_end() -> None:
    # A playtester read the outcome's paragraph twice in a row: last in the talks, then
    # first in the debrief. The debrief names the outcome; its meaning ends the talks.
    from html import unescape

    g = game()
    d = debrief(g)
    assert d.outcome_text
    for text in (transcript.markdown(g), transcript.html(g)):
        said = unescape(text)
        assert said.count(d.outcome_text) == 1
        assert said.index(d.outcome_text) < said.index("Debrief")
        assert f"Outcome: {d.outcome_name}." in said.replace("**", "").replace(
            "<strong>", "").replace("</strong>", "")



def test_two_proposals_across_red_lines_are_both_not_all_2() -> None:
    # "All 2 of the United States' proposals crossed a red line" (a playtest).
    from dataclasses import replace

    result = next(r for r in debrief(game()).results.values())
    lines = [red.text for red in scenario().sides[scenario().other(result.side)].red_lines]
    two = replace(result, proposals=2, across=2, across_lines=lines[:1], across_after_said=0)
    assert two.asked_across is not None
    assert two.asked_across.startswith(f"Both of {two.whose} proposals crossed")
