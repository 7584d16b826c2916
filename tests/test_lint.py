"""Warnings beyond the schema: one small scenario per warning, with its line checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.errors import Problem, ScenarioError
from game.scenario import check_text, read_scenario
from tests.conftest import MINI, edit, where


def warnings(text: str) -> list[Problem]:
    scenario, problems = check_text(text, "mini.yaml")
    assert scenario is not None, problems
    assert all(p.severity == "warning" for p in problems)
    return problems


def only(text: str, words: str) -> Problem:
    found = [p for p in warnings(text) if words in p.message]
    assert len(found) == 1, warnings(text)
    return found[0]


def test_the_small_scenario_has_no_warnings() -> None:
    assert warnings(MINI) == []


def test_an_outcome_whose_condition_never_holds() -> None:
    text = edit("when: trust < 20,", "when: trust > 100,")
    p = only(text, "outcome 'sour' can never be reached")
    assert (p.line, p.column) == where(text, "trust > 100")


def test_an_outcome_shadowed_by_an_earlier_fallback() -> None:
    text = edit('  - {id: deal, name: Deal, trigger: agreement, text: "A deal."}',
                '  - {id: deal, name: Deal, trigger: agreement, text: "A deal."}\n'
                '  - {id: deal2, name: Deal two, trigger: agreement, when: border == north,'
                ' text: "Another."}')
    p = only(text, "outcome 'deal2' can never be reached")
    assert "'deal' before it" in p.message
    assert p.line == where(text, "border == north")[0]


def test_an_outcome_shadowed_by_an_earlier_condition() -> None:
    text = edit("when: trust < 20,", "when: trust < 20 or trust >= 20,")
    p = only(text, "outcome 'late' can never be reached")
    assert "never holds when no earlier outcome" in p.message
    assert p.line == where(text, "id: late")[0]


def test_a_tactic_that_is_never_available() -> None:
    text = edit("when: round >= 1", "when: round > 3")
    p = only(text, "tactic 'plea' is never available")
    assert (p.line, p.column) == where(text, "round > 3")


RED_LINES_TACTIC = """\
  - id: lines
    name: Say your red lines
    kind: red_line
    help: "Say what you can never accept."
    sides:
      red: {line: "Hear what Red can never accept."}
      blue: {line: "Hear what Blue can never accept."}
events:"""


def test_a_red_line_tactic_for_a_side_without_red_lines() -> None:
    text = edit("events:", RED_LINES_TACTIC)
    p = only(text, "has no red lines to say aloud")
    assert p.message.startswith("'blue' has no red lines") and "'lines'" in p.message
    assert p.line == where(text, "      blue: {line: \"Hear what Blue")[0]


def test_an_option_dominated_for_both_sides() -> None:
    text = edit("river: {shared: 0.6, kept: 0.0}", "river: {shared: 0.6, kept: 0.7}")
    p = only(text, "option 'shared' is dominated for both sides by 'kept'")
    assert p.line == where(text, "id: shared")[0] and p.path == "issues[1].options[0].id"


def test_a_lose_lose_option_is_dominated_on_purpose() -> None:
    dominated = edit("river: {shared: 0.6, kept: 0.0}", "river: {shared: 0.6, kept: 0.7}")
    marked = dominated.replace(
        'description: "Both draw it."}',
        'description: "Both draw it.", lose_lose: "Neither side can fish a shared river."}')
    assert marked != dominated
    assert not [w for w in warnings(marked) if "dominated" in w.message]
    # Said of an option no other beats for both, the sentence would not be true.
    untrue = MINI.replace(
        'description: "Both draw it."}',
        'description: "Both draw it.", lose_lose: "Neither side can fish a shared river."}')
    p = only(untrue, "option 'shared' has a 'lose_lose' sentence, but no other option")
    assert p.path == "issues[1].options[0].lose_lose" and \
        p.line == where(untrue, "lose_lose")[0]


def test_an_option_better_only_beside_another_option_is_not_dominated() -> None:
    # Kept is worth more than Shared to both sides on its own, but Blue values Shared with
    # the north line far above its parts: beside North, Shared is worth more to Blue, so
    # neither option is dominated (a side's combinations count, not its values alone).
    dominated = edit("river: {shared: 0.6, kept: 0.0}", "river: {shared: 0.6, kept: 0.7}")
    combined = edit("    personality: {strategy: boulware}",
                    "    combinations:\n"
                    "      - options: {border: [north], river: [shared]}\n"
                    "        value: 0.2\n"
                    "        why: \"A shared river makes the north line livable.\"\n"
                    "    personality: {strategy: boulware}", dominated)
    assert not [w for w in warnings(combined) if "dominated" in w.message]
    # A combination too small to change which is better leaves the warning.
    small = combined.replace("value: 0.2", "value: 0.01")
    only(small, "option 'shared' is dominated for both sides by 'kept'")


def test_an_event_that_never_happens() -> None:
    text = edit("when: round >= 2", "when: round >= 9")
    p = only(text, "event 'storm' can never happen")
    assert (p.line, p.column) == where(text, "round >= 9")


def test_an_again_text_for_an_event_that_happens_once() -> None:
    text = edit('    text: "A storm floods the valley."',
                '    text: "A storm floods the valley."\n    again: "Another storm."')
    p = only(text, "event 'storm' has an 'again' text but happens only once")
    assert p.path == "events[0].again" and p.line == where(text, "again:")[0]
    assert not [w for w in warnings(edit('    text: "A storm floods the valley."',
                                         '    text: "A storm floods the valley."\n'
                                         '    again: "Another storm."\n    once: false'))
                if "again" in w.message]


def test_a_phase_never_entered() -> None:
    text = edit("    rounds: 3\n    moves: [propose, accept, reject, tactic, walkout]",
                "    rounds: 1\n    moves: [propose, accept, reject, tactic, walkout]\n"
                "  - id: later\n    name: Later\n    description: Later talks.\n"
                "    rounds: 2\n    moves: [propose, accept]")
    text = edit("outcomes:\n", "outcomes:\n  - {id: doom, name: Doom, trigger: breakdown, "
                "when: round >= 1, text: Over.}\n", text)
    p = only(text, "phase 'later' is never entered")
    assert p.line == where(text, "id: later")[0]


def error(text: str, words: str) -> Problem:
    """The one problem of *text*, an error that says *words* (the scenario does not load)."""
    scenario, problems = check_text(text, "mini.yaml")
    assert scenario is None
    assert len(problems) == 1 and problems[0].severity == "error", problems
    assert words in problems[0].message
    return problems[0]


def test_red_lines_that_rule_out_every_package_are_an_error() -> None:
    text = edit("forbid: {border: [south]}", "forbid: {border: [south, north]}")
    p = error(text, "rule out every package 'red' could propose or accept")
    assert p.path == "sides.red.red_lines"
    assert "no game can be played" in p.message


@pytest.mark.parametrize(("batna", "words", "field", "marked"), [
    # Worth more than every deal: it never gains by agreeing.
    ('name: "Wait", description: "Nothing changes.", value: 0.95',
     "never gains by agreeing", "value", "value: 0.95"),
    # Named like an option: players read the two as one thing.
    ('name: "shared", description: "Nothing changes.", value: 0.3',
     "the BATNA is named like the option 'shared'", "name", 'name: "shared"'),
])
def test_a_batna_that_misleads(batna: str, words: str, field: str, marked: str) -> None:
    text = edit('batna: {name: "Wait", description: "Nothing changes.", value: 0.3}',
                f"batna: {{{batna}}}")
    p = only(text, words)
    assert p.path == f"sides.blue.batna.{field}"
    assert p.line == where(text, marked)[0]


@pytest.mark.parametrize("strict", [False, True])
def test_validate_prints_warnings_and_strict_makes_them_errors(
        tmp_path: Path, strict: bool, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mini.yaml"
    path.write_text(edit("when: round >= 2", "when: round >= 9"), encoding="utf-8")
    args = ["validate", str(path)] + (["--strict"] if strict else [])
    assert main(args) == (1 if strict else 0)
    assert "warning: [events[0].when] event 'storm' can never happen" in capsys.readouterr().out


def test_a_computer_that_never_walks_out() -> None:
    text = edit("walkout_when: trust < 10", "walkout_when: round > 30")
    p = only(text, "never walks out")
    assert p.path == "sides.red.personality.walkout_when"


def with_rules(*rules: str) -> str:
    """MINI with contradictions, each given as its flow-mapping of options."""
    body = "".join(f"  - options: {r}\n    why: \"Rule {n}.\"\n" for n, r in enumerate(rules))
    return edit("meters:\n", f"contradictions:\n{body}meters:\n")


def with_combinations(*combos: tuple[str, str]) -> str:
    """MINI with combinations of Red's, each given as (options, value)."""
    body = "".join(f"      - {{options: {options}, value: {value}, why: \"Together.\"}}\n"
                   for options, value in combos)
    return edit("      river: {shared: 0.5, kept: 1.0}\n",
                f"      river: {{shared: 0.5, kept: 1.0}}\n    combinations:\n{body}")


def test_a_contradiction_with_no_warning() -> None:
    assert warnings(with_rules("{border: [north], river: [shared]}")) == []


def test_a_contradiction_that_can_never_match() -> None:
    text = with_rules("{border: [], river: [kept]}")
    p = only(text, "can never match")
    assert p.path == "contradictions[0].options"
    assert p.line == where(text, "{border: [], river: [kept]}")[0]
    assert "no option for issue 'border'" in p.message


def test_a_contradiction_that_other_contradictions_already_cover() -> None:
    text = with_rules("{border: [south], river: [shared, kept]}",
                      "{border: [south], river: [kept]}")
    p = only(text, "rules out nothing")
    assert p.path == "contradictions[1].options"
    assert p.line == where(text, "{border: [south], river: [kept]}")[0]


def test_of_two_equal_contradictions_the_later_is_named() -> None:
    text = with_rules("{border: [south], river: [kept]}", "{river: [kept], border: [south]}")
    p = only(text, "rules out nothing")
    assert p.path == "contradictions[1].options"
    assert p.line == where(text, "{river: [kept], border: [south]}")[0]


def test_contradictions_that_rule_out_every_package_are_an_error() -> None:
    text = with_rules("{border: [north], river: [shared, kept]}",
                      "{border: [south], river: [shared, kept]}")
    p = error(text, "these contradictions rule out every package (together they cover")
    assert p.path == "contradictions"
    assert p.line == where(text, "- options: {border: [north]")[0]


def test_the_contradiction_that_alone_rules_out_every_package_is_named() -> None:
    text = with_rules("{border: [north], river: [kept]}",
                      "{border: [north, south], river: [shared, kept]}")
    p = error(text, "contradiction 2 alone lists every option")
    assert p.path == "contradictions[1].options"
    assert p.line == where(text, "{border: [north, south], river: [shared, kept]}")[0]


@pytest.mark.parametrize("command", [["validate"], ["play", "--text", "--side", "none"],
                                     ["simulate", "-n", "2"]])
def test_an_unplayable_scenario_is_refused_with_where_and_why_not_a_crash(
        tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mini.yaml"
    path.write_text(edit("forbid: {border: [south]}", "forbid: {border: [south, north]}"),
                    encoding="utf-8")
    code = main([command[0], str(path), *command[1:]])
    said = capsys.readouterr()
    assert code not in (0, 70)
    assert "rule out every package 'red' could propose or accept" in said.out + said.err
    assert "Traceback" not in said.out + said.err


def test_red_lines_count_only_coherent_packages() -> None:
    # Red's red line rules out the south, and a contradiction every northern package: the
    # red line leaves Red nothing it may agree to.
    text = with_rules("{border: [north], river: [shared, kept]}")
    p = error(text, "rule out every package 'red' could propose or accept")
    assert p.path == "sides.red.red_lines"


def test_a_combination_that_no_coherent_package_holds() -> None:
    text = edit("meters:\n", "contradictions:\n  - options: {border: [north], river: [kept]}\n"
                             "    why: \"No.\"\nmeters:\n",
                with_combinations(("{border: [north], river: [kept]}", "0.05")))
    p = only(text, "never worth anything")
    assert p.path == "sides.red.combinations[0].options"
    assert "North (border) with Kept (river)" in p.message


def test_a_combination_that_pushes_a_utility_above_1() -> None:
    text = with_combinations(("{border: [north], river: [kept]}", "0.2"))
    p = only(text, "utilities are kept within 0 to 1")
    assert p.path == "sides.red.combinations[0].value"
    assert p.line == where(text, "value: 0.2")[0]
    assert "(North, Kept) would be worth 1.200 to 'red'" in p.message
    assert "0.200 of it is lost (make the value smaller)" in p.message


def test_a_combination_that_pushes_a_utility_below_0() -> None:
    text = with_combinations(("{border: [north], river: [shared]}", "0.05"),
                             ("{border: [south], river: [shared]}", "-0.3"))
    p = only(text, "utilities are kept within 0 to 1")
    assert p.path == "sides.red.combinations[1].value"
    assert p.line == where(text, "value: -0.3")[0]
    assert "would be worth -0.100 to 'red'" in p.message and "less negative" in p.message


def test_a_combination_within_0_and_1_is_not_warned_about() -> None:
    assert warnings(with_combinations(("{border: [north], river: [shared]}", "0.2"),
                                      ("{border: [south], river: [kept]}", "-0.2"))) == []


def test_a_side_without_a_line_for_a_move_it_can_make() -> None:
    text = edit('      counter: "Blue answers with:"\n', "")
    text = edit('      walkout: "Blue leaves the table."\n', "", text)
    p = only(text, "no line of its own")
    assert p.path == "sides.blue.lines"
    assert (p.line, p.column) == where(text, 'propose: "Blue proposes:"')
    assert "'blue' has no line of its own for counter, walkout: it would speak the default " \
           "words" in p.message


def test_a_side_with_no_lines_is_told_every_move_it_can_make() -> None:
    text = edit('    lines:\n      propose: "Red proposes:"\n      counter: "Red answers with:"\n'
                '      accept: "Red agrees."\n      reject: "Red refuses."\n'
                '      walkout: "Red leaves the table."\n      pass: "Red waits."\n', "")
    p = only(text, "no line of its own")
    assert p.path == "sides.red"
    assert p.line == where(text, "name: Red\n")[0]
    assert "for pass, propose, counter, accept, reject, walkout:" in p.message


def asked(text: str = MINI) -> str:
    """*text* with Red's tactic made a question: Red can ask Blue what matters most."""
    return edit("kind: appeal", "kind: question", text)


def test_a_side_with_every_line_it_needs_is_not_warned_about() -> None:
    text = asked(edit('      pass: "Blue waits."\n',
                      '      pass: "Blue waits."\n      answer: "Plainly put:"\n'
                      '      deflect: "All of it matters."\n      decline: "That is ours."\n'))
    assert [p for p in warnings(text) if "no line of its own" in p.message] == []


def test_answer_deflect_and_decline_are_asked_only_of_a_side_that_can_be_asked() -> None:
    # Only Red may use the question, so only Blue can be asked what matters most.
    text = asked()
    p = only(text, "no line of its own")
    assert p.path == "sides.blue.lines"
    assert "'blue' has no line of its own for answer, deflect, decline:" in p.message
    # Once Blue may ask too, Red needs the same three lines.
    text = edit('      red: {line: "Please.",',
                '      blue: {line: "What matters most to you?"}\n'
                '      red: {line: "Please.",', text)
    assert sorted(p.path for p in warnings(text) if "no line of its own" in p.message) == \
        ["sides.blue.lines", "sides.red.lines"]


def test_a_list_of_lines_that_may_find_nothing_to_say_is_warned_about() -> None:
    text = edit('      counter: "Blue answers with:"\n',
                '      counter:\n        - "Still: {insisted}."\n'
                '        - {text: "Blue answers with:", when: "round >= 2"}\n')
    p = only(text, "every variant here needs")
    assert p.path == "sides.blue.lines.counter"
    assert "add one variant that needs neither" in p.message
    # One variant that needs nothing (or only the other side's name) is enough.
    fine = edit('      counter: "Blue answers with:"\n',
                '      counter:\n        - "Still: {insisted}."\n        - "{other}, here:"\n')
    assert [p for p in warnings(fine) if "every variant here needs" in p.message] == []


def test_options_in_neither_sides_order() -> None:
    """February's start dates listed as they read on a calendar (days, two weeks, when
    monitored) follow neither side's values; the shipped file lists them from one side's
    wish to the other's."""
    shipped = (Path(__file__).resolve().parent.parent / "scenarios" /
               "ceasefire_feb_2016.yaml").read_text("utf-8")
    monitored = ('      - id: when_monitored\n        name: "When monitoring is ready"\n'
                 '        description: "No date: it starts once the monitoring arrangements '
                 'work."\n')
    assert shipped.count(monitored) == 1
    text = shipped.replace(monitored, "").replace(
        '        description: "Two weeks for every party to sign up and for the lines '
        'between groups to be drawn."\n',
        '        description: "Two weeks for every party to sign up and for the lines '
        'between groups to be drawn."\n' + monitored)
    assert text != shipped
    p = only(text, "the options of 'start_date' follow neither side's values")
    assert p.path == "issues[3].options" and p.severity == "warning"
    assert not [w for w in warnings(shipped) if "follow neither side" in w.message]


def test_a_runs_from_that_does_not_fit_the_values_is_warned_about() -> None:
    """``runs_from`` names the side whose wish the first option is: the main scenario's
    precondition runs from Russia's "No condition" to the United States' "Calm and grounded
    air force". Named the other way round, the record would judge every step from an
    agreed point the wrong way, and validate says so; an unknown side is an error."""
    shipped = (Path(__file__).resolve().parent.parent / "scenarios" /
               "joint_strikes_2016.yaml").read_text("utf-8")
    said = "    cite: [schultz_todo, schultz_goal]\n    runs_from: ru\n"
    assert shipped.count(said) == 1
    assert not [w for w in warnings(shipped) if "runs_from" in w.message]
    p = only(shipped.replace(said, said.replace("from: ru", "from: us")),
             "runs_from says 'precondition' runs from 'us''s wish")
    assert p.path == "issues[2].runs_from" and p.severity == "warning"
    assert "'us' values 'grounded_air_force' above 'no_precondition'" in p.message
    with pytest.raises(ScenarioError) as caught:
        read_scenario(shipped.replace(said, said.replace("from: ru", "from: russia")), "mod.yaml")
    assert "unknown side 'russia'" in str(caught.value)


def test_a_most_for_chance_events_that_never_limits_them() -> None:
    # The small scenario's one event (the storm) is certain: a most of 1 limits nothing.
    text = edit("events:", "most_chance_events: 1\nevents:")
    p = only(text, "most_chance_events is 1, but only 0 events happen by chance")
    assert p.line == where(text, "most_chance_events: 1")[0]
    # With two events by chance, a most of 1 limits them: no warning.
    chancy = edit("events:", "most_chance_events: 1\nevents:\n"
                  "  - {id: gust, name: Gust, text: Gust., chance: 0.5}\n"
                  "  - {id: hail, name: Hail, text: Hail., chance: 0.5}")
    assert not [p for p in warnings(chancy) if "most_chance_events" in p.message]


def test_an_event_a_line_may_name_without_words_for_a_sentence() -> None:
    # "After “Fighting near Aleppo: each side blames the other”, Moscow cannot give ground
    # now" read a headline aloud, quotation marks and all (a terminal playtest).
    text = edit('      counter: "Red answers with:"',
                '      counter: ["Red answers with:", "After {event}, Red asks more:"]')
    found = only(text, "give it an in_sentence")
    assert found.path == "events[0].name" and "'Storm'" in found.message
    words = edit('    name: Storm\n', '    name: Storm\n    in_sentence: "the storm"\n', text)
    assert not [p for p in warnings(words) if "in_sentence" in p.message]
    # No line names an event: nothing to warn about.
    assert not [p for p in warnings(MINI) if "in_sentence" in p.message]
