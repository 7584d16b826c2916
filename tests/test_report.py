"""The class report: one row for each side of each game, marks, notes, subfolders, copies."""

from __future__ import annotations

import csv
import re
import html
import shutil
from pathlib import Path

import pytest

from game.analysis import from_ids, points, to_ids
from game.cli import main
from game.debrief import _frontier_sentence, _no_deal_sentence, better_for_both, debrief, mark
from game.engine import Game
from game.library import DEFAULT_SCENARIO, shipped_scenarios
from game.moves import Move
from game.report import COLUMNS
from game.save import to_save, write_save
from game.scenario import load_scenario
from game.settings import Settings

SCENARIO = load_scenario(DEFAULT_SCENARIO)
#: A package Russia proposes that crosses the United States' red line on coordinating
#: joint planning with the Syrian government.
ACROSS_US_RED_LINE = {"joint_action": "joint_planning", "syria_coordination": "full_coordination",
                      "precondition": "verified_calm", "separation": "areas_marked",
                      "targets": "nusra_and_isil", "start_date": "mid_june"}


def game_of(moves: list[Move], teams: dict[str, str], seed: int = 1) -> Game:
    game = Game(SCENARIO, Settings(), seed, teams)
    for move in moves:
        game.apply(move)
    return game


def deal_across_the_red_line(team: str, seed: int = 1) -> Game:
    """Russia (the computer) proposes, the United States team accepts at once."""
    other = {"joint_action": "joint_execution", "syria_coordination": "full_coordination",
             "precondition": "no_precondition", "separation": "areas_marked",
             "targets": "all_violators", "start_date": "may_25"}
    return game_of([Move.propose(other), Move.propose(ACROSS_US_RED_LINE),
                    Move.propose(ACROSS_US_RED_LINE), Move.accept()],
                   {"us": team, "ru": "Computer"}, seed)


def walked_out(team: str, seed: int = 2) -> Game:
    return game_of([Move.propose(ACROSS_US_RED_LINE), Move.propose(ACROSS_US_RED_LINE),
                    Move.propose(ACROSS_US_RED_LINE), Move.walkout()],
                   {"us": team, "ru": "Computer"}, seed)


def report(folder: Path, out: Path) -> list[dict[str, str]]:
    assert main(["report", str(folder), "-o", str(out)]) == 0
    with out.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_the_marks_tell_a_red_line_crossed_from_a_principled_walk_out(tmp_path: Path) -> None:
    folder = tmp_path / "saves"
    folder.mkdir()
    crossed, left = deal_across_the_red_line("Reds Accept"), walked_out("Walk Away")
    assert crossed.finished and left.finished
    write_save(to_save(crossed, {"us"}), folder / "a.json")
    write_save(to_save(left, {"us"}), folder / "b.json")
    rows = report(folder, tmp_path / "class.csv")
    us = {row["team"]: row for row in rows if row["played_by"] == "people"}
    assert us["Reds Accept"]["red_lines"].startswith("crossed: ")
    assert us["Reds Accept"]["mark"] == "0" and us["Walk Away"]["mark"] == "50"
    assert "1 red line crossed" in us["Reds Accept"]["note"]
    assert us["Walk Away"]["class_rank"] == "1 of 2" and us["Reds Accept"]["class_rank"] == "2 of 2"
    assert us["Walk Away"]["class_mean_mark"] == "25"
    d = debrief(crossed)
    assert int(us["Reds Accept"]["points"]) == d.results["us"].points
    assert int(us["Reds Accept"]["gain"]) == d.results["us"].gain_points
    assert us["Reds Accept"]["opponent"] == "Computer"
    # The computer's side has its mark as every debrief states it ("Its own mark"), but
    # no rank: ranks and means compare the teams.
    computer = [row for row in rows if row["played_by"] == "computer"]
    assert len(computer) == 2
    assert all(row["mark"] != "" and row["class_rank"] == "" and row["class_mean_mark"] == ""
               for row in computer)
    assert int(next(row for row in computer if row["opponent"] == "Reds Accept")["mark"]) \
        == d.results["ru"].mark


def test_the_csv_header_is_plain_and_the_page_explains_every_column(tmp_path: Path) -> None:
    write_save(to_save(walked_out("Group 1"), {"us"}), tmp_path / "g.json")
    out = tmp_path / "class.csv"
    report(tmp_path, out)
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[:5] == ["team", "side", "played_by", "scenario", "outcome"]
    assert {"points", "gain", "mark", "note"} <= set(header)
    assert header == COLUMNS
    page = (tmp_path / "class.html").read_text(encoding="utf-8")
    for column in COLUMNS:
        assert f"<dt>{column}</dt>" in page
    assert "Marks out of 100" in page
    # Headed by the scenario played and the folder the saves came from.
    title = f"Class report: {walked_out('Group 1').scenario.title} ({tmp_path.name})"
    assert f"<h1>{html.escape(title)}</h1>" in page


def test_subfolders_copies_and_unfinished_games(tmp_path: Path) -> None:
    folder = tmp_path / "class"
    (folder / "laptop1").mkdir(parents=True)
    (folder / "laptop2" / "inner").mkdir(parents=True)
    (folder / ".hidden").mkdir()
    finished = to_save(walked_out("Group A"), {"us"})
    write_save(finished, folder / "laptop1" / "a.json")
    shutil.copy(folder / "laptop1" / "a.json", folder / "laptop2" / "inner" / "copy.json")
    shutil.copy(folder / "laptop1" / "a.json", folder / ".hidden" / "ignored.json")
    unfinished = game_of([Move.propose(ACROSS_US_RED_LINE)], {"us": "Group B", "ru": "Computer"})
    write_save(to_save(unfinished, {"us"}), folder / "laptop2" / "b.json")
    rows = report(folder, tmp_path / "new" / "folder" / "class.csv")
    assert (tmp_path / "new" / "folder" / "class.html").is_file()
    files = sorted({row["file"] for row in rows})
    assert files == ["laptop1/a.json", "laptop2/b.json"]
    a = next(r for r in rows if r["team"] == "Group A")
    assert "duplicate: identical copy at laptop2/inner/copy.json (counted once)" in a["note"]
    b = next(r for r in rows if r["team"] == "Group B")
    assert b["outcome"] == "Unfinished" and b["mark"] == "" and "unfinished" in b["note"]
    assert b["joint_score"] == ""


def test_a_later_save_of_the_same_game_is_the_one_counted(tmp_path: Path) -> None:
    early = game_of([Move.propose(ACROSS_US_RED_LINE)], {"us": "Group C", "ru": "Computer"}, 4)
    late = walked_out("Group C", 4)
    first = to_save(early, {"us"}, started="2026-05-20T09:00:00+00:00")
    second = to_save(late, {"us"}, started="2026-05-20T09:00:00+00:00")
    second = second.model_copy(update={"saved": "2026-05-20T09:30:00+00:00"})
    first = first.model_copy(update={"saved": "2026-05-20T09:10:00+00:00"})
    write_save(second, tmp_path / "z-old-name.json")
    write_save(first, tmp_path / "a-new-name.json")
    rows = report(tmp_path, tmp_path / "out" / "class.csv")
    assert {row["file"] for row in rows} == {"z-old-name.json"}
    assert "an earlier save of this game at a-new-name.json" in rows[0]["note"]


@pytest.mark.parametrize(("gain", "best", "fallback", "crossed", "deal", "expected"), [
    (0, 30, 45, False, False, 50), (30, 30, 45, False, True, 100), (40, 30, 45, False, True, 100),
    (15, 30, 45, False, True, 75), (-45, 30, 45, False, True, 0), (-9, 30, 45, False, True, 40),
    (20, 30, 45, True, True, 0), (5, 0, 45, False, True, 100),
    # Halves round up, as a student rounds by hand: 62.5 -> 63, 37.5 -> 38.
    (1, 4, 45, False, True, 63), (-1, 30, 4, False, True, 38)])
def test_mark(gain: int, best: int, fallback: int, crossed: bool, deal: bool,
              expected: int) -> None:
    assert mark(gain, best, fallback, crossed, deal) == expected


def gain_words(more: int) -> str:
    return f"{more} more points" if more > 1 else "1 more point" if more == 1 else \
        "less than a point more"


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_a_nash_point_that_only_seems_better_is_explained(path: Path) -> None:
    """A deal of 62 and 77 beside a Nash point shown as 67 and 77 read as five points lost
    at no cost, though the Nash point gave Russia 76.75 (a February playtest): for every
    deal, wherever the Nash point's rounded points are as many for one side and more for
    the other while it is not better for both, the sentence says why."""
    from game.analysis import deal_report
    scenario = load_scenario(path)
    game = Game(scenario, Settings(), 0)
    space = game.space
    nash_ids = deal_report(scenario, None, {s: 0.0 for s in game.sides}).nash
    assert nash_ids is not None
    nash = from_ids(scenario, nash_ids)
    explained = 0
    for n, package in enumerate(space.packages):
        sentence = _frontier_sentence(game, package, nash)
        assert sentence is not None
        shown = [(points(space.utility_of(s, package)), points(space.utility_of(s, nash)))
                 for s in game.sides]
        seems = package != nash and all(there >= here for here, there in shown) and \
            any(there > here for here, there in shown)
        beaten = sentence.startswith("Another deal was better for both sides.")
        said = "It does not: points are rounded" in sentence
        assert said == (seems and not beaten and not all(
            space.utility_of(s, nash) >= space.utility_of(s, package) - 1e-9
            for s in game.sides)), (to_ids(scenario, package), sentence)
        explained += said
    if path.stem == "ceasefire_feb_2016":
        # The playtest's deal: the United States 62 and Russia 77; the Nash point 67, 76.75.
        deal = from_ids(scenario, {"excluded_groups": "nusra_and_allies",
                                   "monitoring": "cochair_rules",
                                   "humanitarian_access": "unhindered",
                                   "start_date": "when_monitored",
                                   "cochair_duties": "press_own_side"})
        assert _frontier_sentence(game, deal, nash) == (
            "No other deal was better for both sides: the deal is on the Pareto frontier. "
            "The Nash point seems to beat this deal for both sides, with the United States 5 "
            "more points and the same points as the deal for Russia. It does not: points are "
            "rounded, and it "
            "gives Russia a fraction of a point less.")
        assert explained


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_the_frontier_sentence_is_true_for_every_deal(path: Path) -> None:
    scenario = load_scenario(path)
    game = Game(scenario, Settings(), 0)
    space = game.space
    a, b = game.sides
    for n, package in enumerate(space.packages):
        sentence = _frontier_sentence(game, package)
        ua, ub = space.utility[a][n], space.utility[b][n]
        better = any(space.allowed[m] and space.utility[a][m] > ua and space.utility[b][m] > ub
                     for m in range(len(space.packages)))
        assert sentence is not None
        assert sentence.startswith("Another deal was better for both sides.") == better, \
            to_ids(scenario, package)
        # Each issue it says both sides lost on: the option named instead, all else kept,
        # is a deal both could sign and worth more to both; and it says every such issue.
        for i, issue in enumerate(scenario.issues):
            said = f"On “{issue.name}”, both would have done better with “"
            swaps = [space.index[package[:i] + (k,) + package[i + 1:]]
                     for k in range(len(issue.options)) if k != package[i]]
            lost = [m for m in swaps if m < len(space.packages) and space.allowed[m] and
                    space.utility[a][m] > ua and space.utility[b][m] > ub]
            assert (said in sentence) == bool(lost), (issue.id, to_ids(scenario, package))
            if lost:  # with what the first such option would have given each side
                m = lost[0]
                more = [points(space.utility[side][m]) - points(u) for side, u in
                        ((a, ua), (b, ub))]
                assert (f"“{issue.options[package[i]].name}”: "
                        f"{scenario.sides[a].called} {gain_words(more[0])} and "
                        f"{scenario.sides[b].called} {gain_words(more[1])}.") in sentence
        # Without such an issue, it gives an example: a deal both could sign, better for
        # both, changing as few issues as any such deal, with each side's gain in points.
        if better and "both would have done better with" not in sentence:
            m = better_for_both(game, package)
            assert m is not None and space.allowed[m]
            assert space.utility[a][m] > ua and space.utility[b][m] > ub
            changed = [i for i, (x, y) in enumerate(zip(space.packages[m], package)) if x != y]
            assert len(changed) == min(
                sum(1 for x, y in zip(space.packages[k], package) if x != y)
                for k in range(len(space.packages)) if space.allowed[k] and
                space.utility[a][k] > ua and space.utility[b][k] > ub)
            for i in changed:
                issue = scenario.issues[i]
                assert (f"“{issue.options[space.packages[m][i]].name}” instead of "
                        f"“{issue.options[package[i]].name}” on “{issue.name}”") in sentence
            for side, u in ((a, ua), (b, ub)):
                more = points(space.utility[side][m]) - points(u)
                assert f"{scenario.sides[side].called} {gain_words(more)}" in sentence
            crossed = any(space.red_lines_crossed(side, package) for side in game.sides)
            assert (", and crossed no red line of " in sentence) == crossed, sentence
        elif not better and "at no cost to the other" in sentence:
            _check_free_example(game, package, sentence)
        elif not better:
            assert "For example" not in sentence


_FREE = re.compile(r"For example, (.*) would have given (.+?) (\d+ more points?|a fraction "
                   r"of a point more) and (.+?) as many as the deal did"
                   r"(, and crossed no red line of .+?: a gain for .+?, not a loss)?\.")


def _check_free_example(game: Game, deal: tuple[int, ...], sentence: str) -> None:
    """The deal a frontier sentence names as better for one side at no cost to the other
    than *deal*: one both sides could sign, as good for the one and worth the points it
    says more to the other."""
    scenario, space = game.scenario, game.space
    found = _FREE.search(sentence)
    assert found, sentence
    changes, gainer, amount, other, clear = found.groups()
    # Said of a deal that clears the red line the deal crossed, and only then.
    assert (clear is not None) == any(space.red_lines_crossed(s, deal) for s in game.sides)
    ids = to_ids(scenario, deal)
    for change in re.split(r", | and (?=“)", changes):
        new, old, issue_name = re.fullmatch(r"“(.+)” instead of “(.+)” on “(.+)”",
                                            change).groups()
        issue = next(i for i in scenario.issues if i.name == issue_name)
        assert next(o.name for o in issue.options if o.id == ids[issue.id]) == old
        ids[issue.id] = next(o.id for o in issue.options if o.name == new)
    package = from_ids(scenario, ids)
    assert space.allowed[space.index[package]]
    sides = {scenario.sides[s].called: s for s in game.sides}
    up, same = sides[gainer], sides[other]
    assert abs(space.utility_of(same, package) - space.utility_of(same, deal)) < 1e-9
    assert space.utility_of(up, package) > space.utility_of(up, deal) + 1e-9
    more = points(space.utility_of(up, package)) - points(space.utility_of(up, deal))
    assert amount == ("a fraction of a point more" if more == 0 else
                      "1 more point" if more == 1 else f"{more} more points")


def test_the_debrief_names_a_lose_lose_option_the_deal_settled_on() -> None:
    from game import textdebrief, transcript

    scenario = load_scenario(DEFAULT_SCENARIO.parent / "ceasefire_feb_2016.yaml")
    game = Game(scenario, Settings(), 0)
    space = game.space
    duties = next(i for i in scenario.issues if i.id == "cochair_duties")
    trap = next(o for o in duties.options if o.lose_lose)
    # A deal both could sign that leaves each party to itself, proposed and accepted.
    first, second = game.sides
    for n in range(len(space.packages)):
        ids = to_ids(scenario, space.packages[n])
        if space.allowed[n] and ids["cochair_duties"] == trap.id and \
                game.why_not(Move.propose(ids)) is None:
            break
    while not game.finished:
        if game.to_move == first and game.why_not(Move.propose(ids)) is None:
            game.apply(Move.propose(ids))
        elif game.to_move == second and game.why_not(Move.accept()) is None:
            game.apply(Move.accept())
        else:
            game.apply(Move.wait())
    assert game.state.agreed == ids
    sentence = debrief(game).frontier_sentence
    assert sentence is not None
    better = {**ids, "cochair_duties": "press_own_side"}
    gains = [points(space.utility_of(side, from_ids(scenario, better))) -
             points(space.utility_of(side, from_ids(scenario, ids))) for side in game.sides]
    called = [scenario.sides[side].called for side in game.sides]
    expected = (f"On “{duties.name}”, both would have done better with “Each co-chair "
                f"presses the side it backs” than with “{trap.name}”: {called[0]} "
                f"{gains[0]} more points and {called[1]} {gains[1]} more points. "
                f"{trap.lose_lose}")
    assert expected in sentence
    # Every front end that shows the debrief says it, word for word (the window draws the
    # same debrief's sentence).
    said: list[str] = []
    textdebrief.write_debrief(scenario, debrief(game), set(), True,
                              lambda text="", *_: said.append(str(text)),
                              lambda _title: None, lambda _text: None)
    for text in ("\n".join(said), transcript.markdown(game),
                 html.unescape(transcript.html(game))):
        assert " ".join(expected.split()) in " ".join(text.split())


def points_over(more: int) -> str:
    return f"{more} points" if more > 1 else "1 point" if more == 1 else "less than a point"


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_the_no_deal_sentence_is_true_for_every_game_without_a_deal(path: Path) -> None:
    """After talks that ended without a deal the debrief says what they left on the table:
    a deal both sides could sign worth more than each one's fallback at the end, the one
    nearest a side's last proposal (none nearer), with each side's points over its fallback
    as the results list them; or that there was none."""
    from game.simulate import play_one

    scenario = load_scenario(path)
    forms: set[str] = set()
    for seed in range(60):
        style = ("hardline", "careless")[seed % 2]
        game = play_one(scenario, seed, Settings(), players={scenario.side_ids[seed % 2]: style})
        if game.state.agreed is not None:
            continue
        d = debrief(game)
        sentence = d.frontier_sentence
        assert sentence is not None and d.frontier_text == sentence
        space, a, b = game.space, *game.sides
        batna = d.report.batna
        signable = [n for n in range(len(space.packages)) if space.allowed[n] and
                    space.utility[a][n] > batna[a] and space.utility[b][n] > batna[b]]
        assert (d.nash is not None) == bool(signable)
        if not signable:
            assert sentence.startswith("No deal both sides could sign was better for both than "
                                       "walking away")
            forms.add("none")
            continue
        last = {}
        for side, move, _ in game.moves:
            if move.kind == "propose" and move.package:
                last[side] = from_ids(scenario, dict(move.package))
        assert last, "the styles always propose"
        nearest = min(sum(x != y for x, y in zip(space.packages[n], package))
                      for n in signable for package in last.values())
        named = [side for side in last if
                 f"{scenario.sides[side].whose} last proposal" in sentence or
                 sentence.startswith(f"{scenario.sides[side].whose_first} last proposal")]
        assert len(named) == 1, sentence
        package = last[named[0]]
        if nearest == 0:
            assert " last proposal was better for both sides than walking away: accepted" \
                in sentence
            forms.add("last")
            deal = package
        else:
            assert sentence.startswith("Deals both sides could sign were better for both than "
                                       "walking away. For example, ")
            forms.add("example")
            changes = {}
            for i, issue in enumerate(scenario.issues):
                for k, option in enumerate(issue.options):
                    if f"“{option.name}” instead of “{issue.options[package[i]].name}” on " \
                            f"“{issue.name}”" in sentence:
                        changes[i] = k
            assert len(changes) == nearest, sentence
            deal = tuple(changes.get(i, k) for i, k in enumerate(package))
        assert space.index[deal] in signable
        for side in game.sides:
            more = points(space.utility_of(side, deal)) - d.results[side].batna_points
            assert f"{scenario.sides[side].called} {points_over(more)} above its fallback" \
                in sentence
    assert forms, "some game ended without a deal"


def test_the_no_deal_sentence_when_nothing_beat_both_fallbacks_or_nobody_proposed() -> None:
    game = Game(SCENARIO, Settings(), 0)
    # Fallbacks no package beats for both: walking away cost neither side anything.
    assert _no_deal_sentence(game, {side: 1.0 for side in game.sides}).startswith(
        "No deal both sides could sign was better for both than walking away")
    game.apply(Move.wait())
    game.apply(Move.wait())  # the opening statements; a walkout is possible from round 2
    game.apply(Move.walkout())
    packages = len(game.space.packages)
    sentence = debrief(game).frontier_sentence
    assert sentence is not None and sentence.startswith(
        "Deals both sides could sign were better for both than walking away (")
    assert f"of the {packages} packages), but neither side made a proposal." in sentence


def test_every_front_end_says_what_talks_without_a_deal_left_on_the_table() -> None:
    from game import textdebrief, transcript

    game = walked_out_on(SCENARIO)
    d = debrief(game)
    assert d.deal is None and d.frontier_sentence is not None
    said: list[str] = []
    textdebrief.write_debrief(SCENARIO, d, {"us"}, True,
                              lambda text="", *_: said.append(str(text)),
                              lambda _title: None, lambda _text: None)
    markdown, page = transcript.markdown(game), html.unescape(transcript.html(game))
    assert f"**What the talks left on the table:** {d.frontier_sentence}" in markdown
    assert f"What the talks left on the table:</strong> {d.frontier_sentence}" in page
    assert d.frontier_sentence in "\n".join(said)
    # While the game goes on there is nothing to say.
    assert debrief(Game(SCENARIO, Settings(), 0)).frontier_text == ""


def test_the_transcript_shows_each_sides_own_mark() -> None:
    from game import transcript

    game = deal_across_the_red_line("Group D")
    d = debrief(game)
    text = transcript.markdown(game)
    for r in d.results.values():
        # As every debrief states it, with what 50 and 100 mean.
        assert " ".join(r.mark_sentence(yours=False).split()) in " ".join(text.split())
    assert d.results["us"].mark == 0


def test_a_game_replayed_on_a_changed_scenario_is_noted(tmp_path: Path) -> None:
    mod = tmp_path / "mods" / "strikes_mod.yaml"
    mod.parent.mkdir()
    text = DEFAULT_SCENARIO.read_text(encoding="utf-8") + "\n# a modder's copy\n"
    mod.write_text(text, encoding="utf-8")
    game = walked_out_on(load_scenario(mod))
    folder = tmp_path / "saves"
    folder.mkdir()
    write_save(to_save(game, {"us"}), folder / "g.json")
    mod.write_text(text + "# edited again after the game\n", encoding="utf-8")
    rows = report(folder, tmp_path / "class.csv")
    assert rows and all(row["note"].startswith("scenario changed: The scenario has changed")
                        for row in rows)


def walked_out_on(scenario) -> Game:  # type: ignore[no-untyped-def]
    game = Game(scenario, Settings(), 2, {"us": "Group E", "ru": "Computer"})
    for move in (Move.propose(ACROSS_US_RED_LINE), Move.propose(ACROSS_US_RED_LINE),
                 Move.propose(ACROSS_US_RED_LINE), Move.walkout()):
        game.apply(move)
    return game


def test_a_transcript_heads_each_round_with_its_place_in_its_phase() -> None:
    from game import transcript

    text = transcript.markdown(walked_out("Group F"))
    assert "### Opening statements, round 1 of 8" in text
    assert "### Bargaining round 1 of 6 (round 2 of 8)" in text
    assert "The talks last 8 rounds: opening statements (1 round), then bargaining" in text


def test_the_page_lists_each_sides_teams_best_mark_first(tmp_path: Path) -> None:
    write_save(to_save(deal_across_the_red_line("Zero Team"), {"us"}), tmp_path / "a.json")
    write_save(to_save(walked_out("Half Team"), {"us"}), tmp_path / "b.json")
    report(tmp_path, tmp_path / "class.csv")
    page = (tmp_path / "class.html").read_text(encoding="utf-8")
    table = page.split("<h2>Teams</h2>", 1)[1].split("<h2>Games</h2>", 1)[0]
    assert table.index("<td>Half Team</td>") < table.index("<td>Zero Team</td>")
    # The games table gives every side's own mark, the computer's too (a window playtest
    # found the computer's only in the CSV), as the debrief states them.
    games = page.split("<h2>Games</h2>", 1)[1]
    assert "<th>Marks</th>" in games
    for game in (deal_across_the_red_line("Zero Team"), walked_out("Half Team")):
        marks = debrief(game).results
        assert f"<td>Russia {marks['ru'].mark}, United States {marks['us'].mark}</td>" \
            in games


@pytest.mark.parametrize("command", [["report", "{folder}"], ["brief", "tutorial"],
                                     ["transcript", "{folder}/g.json"]])
def test_an_output_that_cannot_be_written_is_said_plainly(
        command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    write_save(to_save(walked_out("Group G"), {"us"}), tmp_path / "g.json")
    suffix = ".csv" if command[0] == "report" else ".html"
    args = [part.format(folder=tmp_path) for part in command]
    assert main([*args, "-o", str(blocker / f"out{suffix}")]) == 2
    err = capsys.readouterr().err
    assert "cannot write there" in err and "Traceback" not in err


def test_an_edited_copy_of_a_groups_save_never_replaces_it(tmp_path: Path) -> None:
    # Same game (scenario, seed, start, teams), other moves, "saved" later: it is no later
    # save of that game, so both are counted and both notes say so.
    honest = to_save(walked_out("Group D", 5), {"us"}, started="2026-05-20T09:00:00+00:00")
    forged = to_save(deal_across_the_red_line("Group D", 5), {"us"},
                     started="2026-05-20T09:00:00+00:00")
    forged = forged.model_copy(update={"saved": "2099-01-01T00:00:00+00:00"})
    write_save(honest, tmp_path / "honest.json")
    write_save(forged, tmp_path / "forged.json")
    rows = report(tmp_path, tmp_path / "out" / "class.csv")
    us = {row["file"]: row for row in rows if row["played_by"] == "people"}
    assert set(us) == {"honest.json", "forged.json"}
    assert us["honest.json"]["mark"] == "50"  # its own walk-out, not the forged deal
    assert "conflicts with forged.json" in us["honest.json"]["note"]
    assert "conflicts with honest.json" in us["forged.json"]["note"]


def test_a_deal_beyond_the_best_gain_says_why_every_debrief_reads_it() -> None:
    # The United States accepted a deal across its own red line: Russia gained more than any
    # deal the United States would have taken could give it, and its mark's sentence, which
    # says what 100 means, says so instead of leaving a gain above "the most it could have
    # gained" unexplained (a playtest read a mark of 100 beside a smaller best gain).
    scenario = load_scenario(DEFAULT_SCENARIO)
    space = Game(scenario, Settings(), 1).space
    # Russia's best package that crosses no red line of its own.
    best = max((p for n, p in enumerate(space.packages) if not space.crosses["ru"][n]),
               key=lambda p: space.utility_of("ru", p))
    assert space.red_lines_crossed("us", best)
    chosen = to_ids(scenario, best)
    game = game_of([Move.propose(chosen), Move.propose(chosen), Move.propose(chosen),
                    Move.accept()], {"us": "Group G", "ru": "Computer"}, 1)
    assert game.state.agreed == chosen
    ru = debrief(game).results["ru"]
    assert ru.gain_points > ru.best_gain_points and ru.mark == 100
    assert ru.beyond == "the other side agreed to it across its own red line"
    sentence = ru.mark_sentence(yours=True)
    assert sentence.endswith(f"This deal gained you more, {ru.gain_points} points: the other "
                             "side agreed to it across its own red line.")
    us = debrief(game).results["us"]
    assert us.beyond == "" and "This deal gained" not in us.mark_sentence(yours=True)
    # The best deal's worth beside its gain: "(45 points over your fallback of 45)" read as a
    # misprint (a terminal playtest).
    best = us.best_gain_points + us.batna_points
    assert f"(a deal worth {best} points to you, {us.best_gain_points} over your fallback " \
        f"of {us.batna_points})." in us.mark_sentence(yours=True)
    from dataclasses import replace
    none = replace(us, best_gain_points=0).mark_sentence(yours=False)
    assert f"(none would have gained it anything over its fallback of {us.batna_points})." \
        in none


def test_the_distance_to_the_frontier_is_said_in_points_or_one_point() -> None:
    from game.debrief import frontier_gap

    assert frontier_gap(None) == ""
    # A deal on the frontier is said to be on it once, not also "0 points away".
    from game.debrief import ON_FRONTIER
    from game.simulate import play_one
    on = [d for d in (debrief(play_one(SCENARIO, seed, Settings())) for seed in range(40))
          if d.frontier_sentence == ON_FRONTIER]
    assert on and all(d.frontier_text == ON_FRONTIER and d.frontier_points == 0 for d in on)
    assert frontier_gap(1).startswith("It is 1 point away from the best deals")
    assert frontier_gap(4).startswith("It is 4 points away from the best deals")


def test_the_debrief_says_which_proposals_crossed_red_lines_said_aloud() -> None:
    """Proposals across the other side's red lines are counted apart once that side has
    said them aloud: the player was told, and asked anyway."""
    tactic = next(t.id for t in SCENARIO.tactics if t.kind == "red_line")
    ours = {"joint_action": "joint_planning", "syria_coordination": "damascus_informed",
            "precondition": "verified_calm", "separation": "areas_marked",
            "targets": "nusra_and_isil", "start_date": "mid_june"}
    game = game_of([Move.propose(ACROSS_US_RED_LINE),  # Russia, before it was told
                    Move.use(tactic), Move.propose(ours),  # the US says its red lines
                    Move.propose(ACROSS_US_RED_LINE), Move.propose(ours),
                    Move.propose(ACROSS_US_RED_LINE), Move.walkout()],
                   {"ru": "Group R", "us": "Computer"})
    said = debrief(game).results["ru"].asked_across
    assert said is not None
    assert said.startswith("All 3 of Russia's proposals crossed a red line of the United "
                           "States")
    assert said.endswith("which the United States could accept only as a loss; 2 of them "
                         "after it had said its red lines aloud.")
    # Before anything was said aloud, nothing is added.
    early = game_of([Move.propose(ACROSS_US_RED_LINE), Move.propose(ours)],
                    {"ru": "Group R", "us": "Computer"})
    said = debrief(early).results["ru"].asked_across or ""
    assert said.startswith("Russia's only proposal crossed") and \
        said.endswith("which the United States could accept only as a loss. Neither Russia "
                      "nor the United States said its red lines aloud: a side that says its "
                      "own invites the other to say its own.")

    # Proposals that crossed one of two red lines each are not said to cross both
    # (seed 21: Russia's first two crossed both, its later six one; a playtest).
    from game.simulate import play_one

    game = play_one(SCENARIO, 21, Settings(), players={"us": "hardline"})
    said = debrief(game).results["ru"].asked_across or ""
    assert "crossed one or more of the red lines of the United States" in said, said


def test_a_deal_better_for_both_is_said_to_clear_the_red_line_the_deal_crossed() -> None:
    # A student who took a final offer across its own red line read "3 more points" of a
    # deal that would have been a gain, not a loss (seed 21, a playtest).
    from game.play import styles
    from game.simulate import play_one
    from game.view import SideView

    def takes_the_last_offer(view: SideView) -> Move:
        if view.standing_from_other() is not None and view.state.last_turn and \
                any(m.kind == "accept" for m in view.legal):
            return Move.accept()
        return styles.patient_hardline(view)

    game = play_one(SCENARIO, 21, Settings(), players={"us": takes_the_last_offer})
    assert game.state.agreed is not None
    agreed = from_ids(SCENARIO, game.state.agreed)
    assert game.space.red_lines_crossed("us", agreed)
    said = _frontier_sentence(game, agreed) or ""
    assert "crossed no red line of the United States: a gain for the United States, not a " \
        "loss." in said, said
    # Of a deal that crossed none, nothing is said of red lines.
    fair = play_one(SCENARIO, 21, Settings(), players={"us": "principled"})
    assert fair.state.agreed is not None
    assert "red line" not in (_frontier_sentence(fair, from_ids(SCENARIO, fair.state.agreed))
                              or "")

def test_the_better_deal_left_unseen_is_explained_by_what_each_side_said() -> None:
    """A student asked why the computer never offered the better deal the debrief named:
    the debrief says each side knows only its own points, and who said what mattered most
    to it, as the record has it."""
    from game.simulate import play_one

    seen = set()
    for seed in range(60):
        style = ["principled", "careless", "hardline"][seed % 3]
        game = play_one(SCENARIO, seed, Settings(), players={"us": style})
        sentence = debrief(game).frontier_sentence or ""
        explained = "Each side knows only its own points, " in sentence
        better = sentence.startswith("Another deal was better for both sides.") or \
            "For example, " in sentence and "at no cost to the other" not in sentence
        assert explained == better, sentence
        if not explained:
            continue
        said = [s for s in game.sides if game.state.revealed.get(s)]
        if any(_named_below_its_rank(game, s) for s in said):
            continue  # see test_a_priority_said_untruly_is_not_counted_as_candour
        names = [SCENARIO.sides[s].called for s in said]
        clause = ("and neither said what mattered most to it" if not said else
                  f"and only {names[0]} said what mattered most to it" if len(said) == 1
                  else "even once both had said what mattered most to them")
        assert clause in sentence, (said, sentence)
        seen.add(len(said))
        assert sentence.endswith(
            "Finding it takes more than naming priorities: trading, on several issues at "
            "once, what matters less to you for what matters more." if len(said) == 2 else
            "Such a deal is found by asking what matters most, saying it, and trading what "
            "matters less.")
    assert len(seen) >= 2, seen


def _named_below_its_rank(game: Game, side: str) -> bool:
    """Whether *side* named an issue k-th that weighs less to it than its k-th issue."""
    spec = game.scenario.sides[side]
    weights = sorted(spec.weights.values(), reverse=True)
    return any(spec.weights[issue] < weights[k] - 1e-9
               for k, issue in enumerate(game.state.revealed.get(side, ())))


def test_a_priority_said_untruly_is_not_counted_as_candour() -> None:
    """A playtester named the issue that mattered least to Russia as what mattered most,
    and the debrief said "only Russia said what mattered most to it": once the talks are
    over, the debrief says which side named an issue above its true rank, and where it
    truly ranked."""
    from game.play.styles import STYLES
    from game.simulate import play_one

    def bluffer(view):  # type: ignore[no-untyped-def]
        # Plays in good faith but for one thing: the issue it names is its least.
        least = min(view.known.issues, key=lambda i: view.me.weights[i.id])
        if view.state.asked == view.side:
            return Move.answer(least.id)
        move = STYLES["principled"](view)
        if move.kind == "tactic" and move.tactic == "state_priority":
            return Move.use("state_priority", least.id)
        return move

    checked = 0
    for seed in range(40):
        game = play_one(SCENARIO, seed, Settings(), players={"ru": bluffer})
        sentence = debrief(game).frontier_sentence or ""
        if "Each side knows only its own points, " not in sentence or \
                not game.state.revealed.get("ru"):
            continue
        assert _named_below_its_rank(game, "ru")
        least = min(SCENARIO.issues, key=lambda i: SCENARIO.sides["ru"].weights[i.id])
        assert least.in_sentence
        # Two issues weigh least to Russia, 10% each: fifth, tied, of six.
        assert f"Russia said {least.in_sentence} mattered most to it, but it was only " \
               "tied for fifth of its 6 issues" in sentence, sentence
        assert "only Russia said what mattered most" not in sentence
        truthful = game.state.revealed.get("us") and not _named_below_its_rank(game, "us")
        assert (("and only the United States said truly what mattered most to it: Russia "
                 if truthful else "and neither said truly what mattered most to it: Russia ")
                in sentence), sentence
        assert sentence.endswith("Such a deal is found by asking what matters most, "
                                 "answering truly, and trading what matters less.")
        checked += 1
    assert checked >= 3


def test_a_deal_better_for_one_side_at_no_cost_is_named() -> None:
    """"Another was better for one side at no cost to the other" was said with nothing to
    show which (a playtest): the debrief names one, and the deal it names is one both
    sides could sign, worth the points it says more to one side and as much to the other."""
    from game.simulate import play_one

    named = 0
    for path in shipped_scenarios()[:2]:
        scenario = load_scenario(path)
        for seed in range(100):
            # (Careless play leaves such deals; principled play seldom does.)
            game = play_one(scenario, seed // 2, Settings(),
                            players={scenario.side_ids[seed % 2]: "careless"})
            sentence = debrief(game).frontier_sentence or ""
            if "at no cost to the other" not in sentence:
                continue
            _check_free_example(game, from_ids(scenario, game.state.agreed), sentence)
            named += 1
    assert named >= 3


def test_each_part_of_the_joint_score_can_be_redone_from_the_figures_shown() -> None:
    """A student could not check "gains over both fallbacks 38 of 50" (the gains were +27
    and +23, exactly 50): each part now says how it was reached, from the figures the
    debrief shows, and the arithmetic holds."""
    from game.analysis import half_up
    from game.simulate import play_one

    deals = 0
    for path in shipped_scenarios():
        scenario = load_scenario(path)
        for seed in range(30):
            style = ["principled", "careless", "hardline"][seed % 3]
            d = debrief(play_one(scenario, seed, Settings(),
                                 players={scenario.side_ids[seed % 2]: style}))
            parts = dict(d.score_parts)
            assert d.score == sum(parts.values()) and len(d.score_how) == 3
            gains, close, meters = d.score_how
            assert meters.endswith(f": {parts['The meters at the end']} of 20.")
            share = int(re.search(r"on average (\d+)% of the way up", meters).group(1))
            assert parts["The meters at the end"] == half_up(20 * share / 100)
            if parts["Gains over both fallbacks"] == 0 and "nothing, since" in gains:
                continue
            deals += 1
            a, b = (r.gain_points for r in d.results.values())
            found = re.search(r"gained (-?\d+) points and .* (-?\d+), (-?\d+) together, of "
                              r"the (\d+) the best deal for both could give: (\d+) of 50\.",
                              gains)
            assert found, gains
            shown_a, shown_b, total, most, part = map(int, found.groups())
            assert (shown_a, shown_b, total) == (a, b, a + b)
            assert part == parts["Gains over both fallbacks"] == half_up(50 * min(total / most,
                                                                                 1.0))
            found_away = re.search(r"the deal is (\d+) points? from them, and this part "
                                   r"loses a point for each", close)
            away = int(found_away.group(1)) if found_away else 0
            assert found_away or "the deal is one of them: 30 of 30." in close
            assert away == d.frontier_points
            assert parts["Closeness to the best deals"] == max(30 - away, 0)
            assert close.endswith(f": {max(30 - away, 0)} of 30.")
    assert deals


def test_the_class_page_says_each_games_scenario_and_notes_a_team_name_in_two_games(
        tmp_path: Path) -> None:
    """A teacher's folder held games of two scenarios, every team called "Team" (the
    terminal game asks for no name unless the settings require one): the page showed two
    scenarios' outcomes side by side and "Team (Russia)" twice, and nothing said the rows
    could be different groups. The page now names each game's scenario where the folder
    holds more than one, lists the marks in the table's order, and the note says a team
    name is in another game too."""
    from game.library import shipped_scenarios
    from game.simulate import play_one

    folder = tmp_path / "saves"
    folder.mkdir()
    tutorial = load_scenario(next(p for p in shipped_scenarios() if p.stem == "tutorial"))
    for name, scenario, seed in (("a.json", SCENARIO, 1), ("b.json", tutorial, 2),
                                 ("c.json", tutorial, 3)):
        game = play_one(scenario, seed, Settings(), players={"us": "principled"})
        game = Game.replay(scenario, game.settings, game.seed, game.moves, {"us": "Team"})
        write_save(to_save(game, {"us"}), folder / name)
    rows = report(folder, tmp_path / "class.csv")
    people = [row for row in rows if row["played_by"] == "people"]
    assert len(people) == 3
    for row in people:
        others = sorted({"a.json", "b.json", "c.json"} - {row["file"]})
        assert f"the team name is also in {', '.join(others)}: check it is the same group" \
            in row["note"]
    computers = [row for row in rows if row["played_by"] == "computer"]
    assert all("team name" not in row["note"] for row in computers)
    page = (tmp_path / "class.html").read_text(encoding="utf-8")
    assert "<th>Scenario</th><th>Team</th>" in page and "<th>Game</th><th>Scenario</th>" in page
    assert "<h1>Class report: saves</h1>" in page  # two scenarios: the folder alone
    for scenario in (SCENARIO, tutorial):
        assert f"Team (United States, {scenario.id})" in page
    # Marks in the order of the table of teams.
    table = page.split("<h3>Marks out of 100</h3>")[1]
    bars = re.findall(r'<text x="340"[^>]*>([^<]+)</text>', table.split("</svg>")[0])
    listed = [f"Team (United States, {row['scenario']})" for row in sorted(
        people, key=lambda r: (r["scenario"], -int(r["mark"])))]
    assert bars == listed
