"""A quote's source is named one way everywhere (:attr:`Source.attribution`): the terminal,
the window's brief, the printed handouts and the transcripts; and the February scenario
never shows a report of May 2016 as if it were known in February."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pytest

from game.handout import side_page
from game.library import shipped_scenarios
from game.model import Scenario, Source
from game.play.session import DEMO, Session
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import play_one
from game.textplay import TextGame
from game.transcript import markdown
from game.ui.briefing import brief_spans

SCENARIOS = {path.stem: load_scenario(path) for path in shipped_scenarios()}


def source(speaker: str, origin: str) -> Source:
    return Source(id="s", speaker=speaker, text="Words.", origin=origin)


def test_an_attribution_names_the_speaker_and_the_origin_once_each() -> None:
    paper = "Washington Examiner, 20 May 2016"
    assert source(paper, paper).attribution == paper
    later = f"{paper}, looking back on these talks"
    assert source(paper, later).attribution == later
    about = f"{paper}, on Russian Defence Minister Sergei Shoigu"
    assert source(about, paper).attribution == about
    meeting = f"{paper}, on a Russian Defence Ministry meeting broadcast that day"
    assert source(about, meeting).attribution == \
        f"{about}; on a Russian Defence Ministry meeting broadcast that day"
    assert source("Eric Schultz, deputy White House press secretary",
                  "Daily briefing, 20 May 2016").attribution == \
        "Eric Schultz, deputy White House press secretary; Daily briefing, 20 May 2016"


def cited_by_sides(scenario: Scenario) -> dict[str, list[str]]:
    return {side: list(dict.fromkeys([*spec.cite, *spec.batna.cite]))
            for side, spec in scenario.sides.items()}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_brief_names_its_sources_by_their_attribution(name: str) -> None:
    scenario = SCENARIOS[name]
    session = Session.start(scenario, Settings(), DEMO, seed=3)
    for side, cites in cited_by_sides(scenario).items():
        assert cites, f"{side} rests on no source"
        printed = side_page(scenario, side, Settings())
        window = [span.text for span in brief_spans(session, side)]
        out = io.StringIO()
        terminal = TextGame(session, io.StringIO(), out)
        for source_id in cites:
            terminal.quote(source_id)
        said = " ".join(out.getvalue().split())
        for source_id in cites:
            who = scenario.source(source_id).attribution
            assert html.escape(who) in printed
            assert who in window
            assert who in said


@pytest.mark.parametrize("name", ["joint_strikes_2016", "ceasefire_feb_2016"])
def test_both_briefs_rest_on_as_many_sources_and_alike_on_their_own_officials(
        name: str) -> None:
    # Each government in its own terms: the two briefs cite about as many sources, and
    # where one quotes its own officials' words (not a newspaper's account of them), so
    # does the other. A teacher found the US brief quoting the White House while Russia's
    # rested on the Washington Examiner's account of its minister alone.
    scenario = SCENARIOS[name]
    cites = cited_by_sides(scenario)
    us, ru = len(cites["us"]), len(cites["ru"])
    assert abs(us - ru) <= 1, cites

    def own_words(side: str) -> list[str]:
        return [c for c in cites[side]
                if not scenario.source(c).speaker.startswith("Washington Examiner")]
    assert bool(own_words("us")) == bool(own_words("ru")), (own_words("us"), own_words("ru"))


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_no_page_names_a_source_twice_over(name: str) -> None:
    scenario = SCENARIOS[name]
    game = play_one(scenario, 5, Settings())
    pages = [markdown(game), *(side_page(scenario, side, Settings()) for side in scenario.sides)]
    for s in scenario.sources:
        for page in pages:
            # "Washington Examiner, 20 May 2016. Washington Examiner, 20 May 2016, ..." or
            # with a semicolon between: the publication named twice in a row.
            twice = re.escape(s.speaker) + r"[.;,] " + re.escape(s.speaker)
            assert not re.search(twice, html.unescape(page)), (s.id, twice)


def test_every_february_quote_from_may_says_it_is_a_later_report() -> None:
    # The February talks cite the article of 20 May 2016 for what was already so in
    # February: wherever such a quote is shown, its source says it looks back.
    scenario = SCENARIOS["ceasefire_feb_2016"]
    later = [s for s in scenario.sources if "May 2016" in s.attribution]
    assert later
    for s in later:
        assert re.search(r"looking back|later report", s.attribution), s.attribution
    shown = 0
    for seed in range(8):
        game = play_one(scenario, seed, Settings())
        text = markdown(game)
        for entry in game.log:
            for source_id in entry.cite:
                if scenario.source(source_id) in later:
                    assert scenario.source(source_id).attribution in text
                    shown += 1
    assert shown


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_every_points_table_says_alike_how_combinations_add_up(name: str) -> None:
    # Two combinations may both hold for one deal: the brief says each one counts, in the
    # same words in the window, on paper and in the terminal.
    from game.play.wording import TOGETHER, combination_texts

    scenario = SCENARIOS[name]
    session = Session.start(scenario, Settings(), DEMO, seed=3)
    for side, spec in scenario.sides.items():
        window = [span.text for span in brief_spans(session, side)]
        printed = html.unescape(side_page(scenario, side, Settings()))
        out = io.StringIO()
        TextGame(session, io.StringIO(), out).briefing(side)
        terminal = " ".join(out.getvalue().split())
        if spec.combinations:
            assert TOGETHER in window and TOGETHER in printed and TOGETHER in terminal
            assert all(text in printed for text in combination_texts(scenario, side))
        else:
            assert TOGETHER not in window and TOGETHER not in printed
            assert TOGETHER not in terminal
        # The points table itself, introduced in the same words everywhere, its shares in
        # the same words (the terminal said "of your score", the others "of your points").
        from game.analysis import points
        from game.play.wording import POINTS_TABLE
        assert POINTS_TABLE in window and POINTS_TABLE in printed and POINTS_TABLE in terminal
        issue = scenario.issues[0]
        share = f"{points(spec.weights[issue.id])}% of your points"
        assert any(share in text for text in window) and share in printed and share in terminal


#: The main scenario as edition 10 shipped it: its US table gave "Deconfliction only" 60
#: and "Joint planning" 50 of 100 on joint action, and only the combinations made joint
#: planning worth more once calm was checked.
EDITION_10 = load_scenario(Path(__file__).parent / "fixtures" /
                           "joint_strikes_2016_edition10.yaml")


@pytest.mark.parametrize("name", [*sorted(SCENARIOS), "edition10"])
def test_where_combinations_change_the_best_option_every_brief_adds_it_up(name: str) -> None:
    # An option's own points can read against the brief: the US table gave "Deconfliction
    # only" 60 and "Joint planning" 50 of 100 on joint action, while its brief says joint
    # strikes are worth a great deal once its conditions are met (a teacher found students
    # would not add the lines up). Where a side's combinations change which option of an
    # issue is worth most, the window, the page and the terminal say what each is worth in
    # all, as the outcome space counts it.
    from game.analysis import outcome_space, points
    from game.play.wording import in_all_texts

    scenario = SCENARIOS.get(name, EDITION_10)
    space = outcome_space(scenario)
    session = Session.start(scenario, Settings(), DEMO, seed=3)
    said = 0
    for side in scenario.side_ids:
        window = [span.text for span in brief_spans(session, side)]
        printed = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", side_page(
            scenario, side, Settings()))).split())
        out = io.StringIO()
        TextGame(session, io.StringIO(), out).briefing(side)
        terminal = " ".join(out.getvalue().split())
        texts = in_all_texts(scenario, side)
        for text in texts:
            assert text in window and text in printed and text in terminal
        for k, issue in enumerate(scenario.issues):
            tables = space.tables[side][k]
            best_alone = max(range(len(issue.options)), key=tables.__getitem__)
            in_all = {o: max(space.utility[side][n] - sum(
                space.tables[side][j][p] for j, p in enumerate(package) if j != k)
                for n, package in enumerate(space.packages) if package[k] == o)
                for o in range(len(issue.options))}
            changed = max(in_all.values()) > in_all[best_alone] + 1e-9
            text = next((t for t in texts if t.startswith(
                f"{issue.name}, all told (points of your whole score: ")), None)
            assert (text is not None) == changed, (side, issue.name, texts)
            if text is not None:
                said += 1
                top = max(range(len(issue.options)), key=in_all.__getitem__)
                assert text.endswith(f". “{issue.options[top].name}” can beat "
                                     f"“{issue.options[best_alone].name}”."), text
                share = scenario.sides[side].weights[issue.id]
                assert f"whole score: {share:.0%} of the option's score above" in text
                for o, option in enumerate(issue.options):
                    assert f"{option.name} " in text
                    assert f"to {points(in_all[o])}" in text or \
                        f"{option.name} {points(in_all[o])}" in text, (option.name, text)
    if name == "edition10":
        assert said == 1  # the US's joint action
        # "5 to 16" says why: the issues a range depends on are named.
        text, = in_all_texts(scenario, "us")
        assert "ranges depend on the ceasefire precondition on Damascus and the start date" \
            in text
    if name == "joint_strikes_2016":
        # Two students read the table of edition 10 as saying the US wants no joint action.
        # The table itself now puts joint planning first, as the US priorities do; joint
        # strikes before the Syrian government is checked are worth less than the channel
        # alone (a combination), so the table needs no adding up.
        us = scenario.sides["us"].values["joint_action"]
        assert max(us, key=us.__getitem__) == "joint_planning"
        assert said == 0


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_every_event_says_whether_it_happened(path) -> None:  # type: ignore[no-untyped-def]
    # An event the record does not hold says so in plain words, at its start ("Imagined for
    # this game:"; a student read "What could have happened:" and could not tell); one that
    # follows the record says where ("As happened on 25 May 2016", "As in Munich, ...").
    for event in load_scenario(path).events:
        text = " ".join(event.text.split())
        assert text.startswith(("Imagined for this game: ", "As happened on ", "As in ")), \
            (event.id, text[:60])
        # Said again when it happens again, in words of its own.
        if event.again is not None:
            again = " ".join(event.again.split())
            assert again.startswith(text.split(":")[0] + ":") and again != text, event.id
        assert text.startswith("Imagined") == (event.date is None and
                                              not text.startswith("As in ")), event.id
        # An event that happened on a date cites a source of that date (the 25 May event
        # cited nothing, while the imagined ones cited their background).
        if event.date is not None:
            assert event.cite, event.id
            scenario = load_scenario(path)
            assert any(event.date in scenario.source(c).attribution for c in event.cite), \
                event.id


def test_the_us_threatens_over_checks_only_while_nobody_checks() -> None:
    """February's US line "If Moscow will not accept checks on violations, ..." is said
    only while the proposal on the table leaves violations unchecked (a co-chairs' channel
    where nobody rules on them): a student who had just offered the co-chairs' monitoring
    with rules on force heard it as absurd."""
    scenario = SCENARIOS["ceasefire_feb_2016"]
    issue = scenario.issue("monitoring")
    tactic = scenario.tactic("take_it_to_the_group")
    lines = tactic.sides["us"].line
    assert isinstance(lines, list)
    checked = [v for v in lines if not isinstance(v, str) and "checks on violations" in v.text]
    assert len(checked) == 1 and checked[0].when is not None
    condition = scenario.condition(checked[0].when)
    positions = {o.id: float(n + 1) for n, o in enumerate(issue.options)}
    said = {o.id for o in issue.options
            if condition.holds({**positions, "monitoring": positions[o.id]})}
    assert said == {"cochair_channel"}


@pytest.mark.parametrize("name", ["joint_strikes_2016", "ceasefire_feb_2016"])
def test_where_the_history_gives_one_sides_reproach_it_gives_the_others(name: str) -> None:
    # Both sides' accounts: a history entry in which one government says the other did not
    # keep its word says what the other government said too (a playtester found the end of
    # the September plan told in Moscow's words alone).
    for item in SCENARIOS[name].debrief.history:
        text = " ".join(item.text.split())
        if "had not kept" in text:
            assert "Each side said" in text or ("Washington" in text and "Russia" in text
                                                and text.count("said") >= 2), item.date
            assert re.search(r"For Washington|Washington said|the US said|US blamed", text), \
                item.date


def test_both_february_briefs_say_their_own_government_bombs_in_syria() -> None:
    # Each government in its own terms, with its own force named: the February US brief
    # spoke of Russia's airstrikes and never of its own (a playtester found Russia alone
    # coming across as the side that uses force).
    scenario = SCENARIOS["ceasefire_feb_2016"]
    us = " ".join(scenario.sides["us"].brief.split())
    ru = " ".join(scenario.sides["ru"].brief.split())
    assert re.search(r"your own aircraft bomb", us)
    assert re.search(r"Russia has carried out airstrikes|Russia's air campaign", ru)
    assert "src_since_september" in cited_by_sides(scenario)["us"]
