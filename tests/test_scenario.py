"""Loading scenarios: every problem named with file:line:column, field path and a hint."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from pydantic import ValidationError

from conftest import MINI, edit, where
from game.errors import Problem, ScenarioError
from game.model import Scenario
from game.scenario import check_file, check_text, load_scenario, read_scenario
from game.yaml_source import MAX_BYTES

SHIPPED = sorted((Path(__file__).parent.parent / "scenarios").glob("*.yaml"))


def problems(text: str | bytes) -> list[Problem]:
    scenario, found = check_text(text, "mini.yaml")
    assert scenario is None
    assert found, "expected problems"
    return found


def at(found: list[Problem], path: str) -> Problem:
    """The one problem reported for *path*."""
    matches = [p for p in found if p.path == path]
    assert len(matches) == 1, found
    return matches[0]


def only(text: str | bytes) -> Problem:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


# --- whole files -----------------------------------------------------------------------

def test_the_small_scenario_loads_with_no_problems() -> None:
    scenario, found = check_text(MINI, "mini.yaml")
    assert found == []
    assert isinstance(scenario, Scenario)
    assert scenario.file == "mini.yaml"
    assert scenario.digest == hashlib.sha256(MINI.encode()).hexdigest()


def test_shipped_scenarios_exist() -> None:
    assert SHIPPED


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_scenario_loads_with_no_problems(path: Path) -> None:
    scenario, found = check_file(path)
    assert found == []
    assert scenario is not None
    assert scenario.digest == hashlib.sha256(path.read_bytes()).hexdigest()


def test_loaded_scenario_is_immutable() -> None:
    scenario = read_scenario(MINI)
    with pytest.raises(ValidationError, match="frozen"):
        scenario.title = "Other talks"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="frozen"):
        scenario.sides["red"].personality.strategy = "conceder"  # type: ignore[misc]


def test_conditions_are_parsed_at_load_time() -> None:
    scenario = read_scenario(MINI)
    condition = scenario.condition("trust < 20")
    assert condition.holds({"trust": 10}) is True
    assert condition.holds({"trust": 30}) is False


def test_scenario_error_shows_each_problem_as_file_line_column() -> None:
    text = edit("minutes: 10", "minutes: 10\nopens2: red")
    with pytest.raises(ScenarioError) as info:
        read_scenario(text, "mini.yaml")
    assert len(info.value.problems) == 1
    line, column = where(text, "opens2")
    assert str(info.value).startswith("1 problem in scenario:\n")
    assert f"mini.yaml:{line}:{column}: error: [opens2] unknown field 'opens2'" in str(info.value)


def test_load_scenario_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(edit("minutes: 10", "minutes: ten"))
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert [p.file for p in info.value.problems] == [str(path)]


def test_check_file_that_cannot_be_read(tmp_path: Path) -> None:
    scenario, found = check_file(tmp_path / "nowhere.yaml")
    assert scenario is None
    assert "cannot read the file" in found[0].message


def test_check_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(MINI.encode() + b"#" * MAX_BYTES)
    scenario, found = check_file(path)
    assert scenario is None
    assert (found[0].line, found[0].column) == (1, 1)
    assert f"at most {MAX_BYTES:,} bytes" in found[0].message


@pytest.mark.parametrize("raw, words", [
    ("", "file is empty"),
    ("format: 1\nid: [mini\n", "YAML syntax error"),
    ("format: 1\nid: caf\xe9\n".encode("latin-1"), "not UTF-8"),
    ("format: 1\nid: mini\nid: other\n", "duplicate key 'id'"),
])
def test_file_level_problems_come_through(raw: str | bytes, words: str) -> None:
    assert words in only(raw).message


@pytest.mark.parametrize("raw, found", [
    ("- format: 1\n- id: mini\n", "found list"), ("just some words\n", "found str"),
    ("42\n", "found int"), ("~\n", "found nothing"),
])
def test_file_that_is_not_a_mapping(raw: str, found: str) -> None:
    p = only(raw)
    assert (p.line, p.column, p.path) == (1, 1, "")
    assert "expected a mapping of scenario fields" in p.message
    assert found in p.message


def test_several_problems_are_reported_at_once() -> None:
    text = MINI
    for old, new in [("opens: red", "opens: rde"), ("cite: [memo]\n", "cite: [mmeo]\n"),
                     ("when: trust < 20", "when: trst < 20"),
                     ("{border: 0.3, river: 0.7}", "{border: 0.3, river: 0.2}")]:
        text = edit(old, new, text)
    assert sorted(p.path for p in problems(text)) == [
        "opens", "outcomes[2].when", "sides.blue.weights", "sides.red.cite[0]"]


def test_several_field_problems_are_reported_at_once() -> None:
    text = edit("minutes: 10", "minutes: ten", edit('title: "Border talks"\n', "titel: x\n"))
    assert sorted(p.path for p in problems(text)) == ["", "minutes", "titel"]


# --- format version --------------------------------------------------------------------

def test_format_too_new() -> None:
    text = edit("format: 1", "format: 99")
    p = only(text)
    assert (p.line, p.column, p.path) == (*where(text, "99"), "format")
    assert "format 99, which is too new" in p.message
    assert "update Parley" in p.message


def test_format_too_new_is_said_before_fields_it_may_have_added() -> None:
    p = only(edit("format: 1", "format: 2\nnew_field: 1"))
    assert "too new" in p.message


def test_format_too_old() -> None:
    p = only(edit("format: 1", "format: 0"))
    assert p.path == "format"
    assert "format 0, which is too old" in p.message


@pytest.mark.parametrize("value", ['"2"', "2.0", "true"])
def test_format_must_be_a_whole_number(value: str) -> None:
    p = only(edit("format: 1", f"format: {value}"))
    assert (p.line, p.column, p.path) == (1, 9, "format")
    assert "format must be a whole number" in p.message


def test_missing_format() -> None:
    p = only(edit("format: 1\n", ""))
    assert "missing required field 'format'" in p.message


# --- fields ------------------------------------------------------------------------------

def test_unknown_field_with_a_near_miss() -> None:
    text = edit('value: 0.3}\n    red_lines', 'vlaue: 0.3}\n    red_lines')
    p = at(problems(text), "sides.red.batna.vlaue")
    assert (p.line, p.column) == where(text, "vlaue")
    assert "unknown field 'vlaue' (did you mean 'value'?)" in p.message


def test_unknown_field_with_nothing_close_lists_the_fields() -> None:
    text = edit("minutes: 10", "minutes: 10\nsoundtrack: drums.ogg")
    p = only(text)
    assert (p.line, p.column, p.path) == (*where(text, "soundtrack"), "soundtrack")
    assert "unknown field 'soundtrack'; expected one of: contradictions, date, debrief," in p.message


def test_wrong_type() -> None:
    text = edit("minutes: 10", "minutes: ten")
    p = only(text)
    assert (p.line, p.column, p.path) == (*where(text, "ten"), "minutes")
    assert "valid integer" in p.message
    assert "found 'ten'" in p.message


def test_wrong_type_of_a_nested_value() -> None:
    text = edit("strategy: boulware", "strategy: [boulware]")
    p = only(text)
    assert (p.line, p.column) == where(text, "[boulware]")
    assert p.path == "sides.blue.personality.strategy"
    assert "found ['boulware']" in p.message


def test_value_not_among_the_choices() -> None:
    p = only(edit("strategy: boulware", "strategy: bulware"))
    assert p.path == "sides.blue.personality.strategy"
    assert "'boulware', 'linear', 'conceder' or 'tit_for_tat'" in p.message
    assert "found 'bulware'" in p.message


@pytest.mark.parametrize("old, new, path, words", [
    ("minutes: 10", "minutes: 1000", "minutes", "less than or equal to 300; found 1000"),
    ("rounds: 3", "rounds: 0", "phases[0].rounds", "greater than or equal to 1; found 0"),
    ("value: 0.3}\n    red_lines", "value: 1.5}\n    red_lines", "sides.red.batna.value",
     "less than or equal to 1; found 1.5"),
    ("trust: 5}", "trust: 500}", "tactics[0].sides.red.effects.meters.trust",
     "less than or equal to 100; found 500"),
])
def test_number_out_of_range(old: str, new: str, path: str, words: str) -> None:
    text = edit(old, new)
    p = only(text)
    assert p.path == path
    line, column = where(text, new)
    assert (p.line, p.column) == (line, column + new.index(": ") + 2)
    assert words in p.message


def test_missing_required_field() -> None:
    text = edit('    brief: "Keep the river."\n', "")
    p = only(text)
    assert p.path == "sides.blue"
    assert (p.line, p.column) == where(text, "name: Blue")
    assert "missing required field 'brief'" in p.message


def test_bad_key_of_a_mapping_points_at_the_key() -> None:
    text = edit("weights: {border: 0.3", "weights: {Border: 0.3")
    p = only(text)
    assert (p.line, p.column) == where(text, "Border: 0.3")
    assert p.path == "sides.blue.weights.Border"
    assert p.message.startswith("key 'Border': String should match pattern")


# --- cross-references ---------------------------------------------------------------------

@pytest.mark.parametrize("old, new, needle, path, words", [
    ("opens: red", "opens: redd", "redd", "opens", "unknown side 'redd' (did you mean 'red'?)"),
    ("weights: {border: 0.6", "weights: {bordr: 0.6", "bordr", "sides.red.weights.bordr",
     "unknown issue 'bordr' (did you mean 'border'?)"),
    ("      river: {shared: 0.5", "      rivr: {shared: 0.5", "rivr", "sides.red.values.rivr",
     "unknown issue 'rivr' (did you mean 'river'?)"),
    ("kept: 1.0}", "kpet: 1.0}", "kpet", "sides.red.values.river.kpet",
     "'kpet' for issue 'river' (did you mean 'kept'?)"),
    ("forbid: {border:", "forbid: {bordre:", "bordre", "sides.red.red_lines[0].forbid.bordre",
     "unknown issue 'bordre' (did you mean 'border'?)"),
    ("[south]", "[suoth]", "suoth", "sides.red.red_lines[0].forbid.border[0]",
     "'suoth' for issue 'border' (did you mean 'south'?)"),
    ("meters: {trust: 5}", "meters: {trsut: 5}", "trsut",
     "tactics[0].sides.red.effects.meters.trsut", "unknown meter 'trsut' (did you mean 'trust'?)"),
    ("stance: {blue: 0.1}", "stance: {bleu: 0.1}", "bleu",
     "tactics[0].sides.red.effects.stance.bleu", "unknown side 'bleu' (did you mean 'blue'?)"),
    ("batna: {red: 0.1}", "batna: {redd: 0.1}", "redd", "events[0].effects.batna.redd",
     "unknown side 'redd' (did you mean 'red'?)"),
    ("side: blue}", "side: bleu}", "bleu", "meters[0].side",
     "unknown side 'bleu' (did you mean 'blue'?)"),
    ("      red: {line:", "      redd: {line:", "redd", "tactics[0].sides.redd",
     "unknown side 'redd' (did you mean 'red'?)"),
    ("phases: [talks]", "phases: [tlaks]", "tlaks", "tactics[0].phases[0]",
     "unknown phase 'tlaks' (did you mean 'talks'?)"),
    ("cite: [memo]\n", "cite: [mmeo]\n", "mmeo", "sides.red.cite[0]",
     "unknown source 'mmeo' (did you mean 'memo'?)"),
    ("cite: [memo], effects", "cite: [meom], effects", "meom", "tactics[0].sides.red.cite[0]",
     "unknown source 'meom' (did you mean 'memo'?)"),
])
def test_misspelt_id_is_answered_with_the_nearest(old: str, new: str, needle: str, path: str,
                                                   words: str) -> None:
    text = edit(old, new)
    p = at(problems(text), path)
    assert (p.line, p.column) == where(text, needle)
    assert words in p.message


def test_misspelt_weight_also_leaves_the_issue_without_weight() -> None:
    text = edit("weights: {border: 0.6", "weights: {bordr: 0.6")
    p = at(problems(text), "sides.red.weights")
    assert "missing weight for issue 'border'" in p.message


def test_tactic_phase_that_allows_no_tactics() -> None:
    text = edit("moves: [propose, accept, reject, tactic, walkout]",
                "moves: [propose, accept, reject, walkout]")
    p = at(problems(text), "tactics[0].phases[0]")
    assert "phase 'talks' does not allow tactics" in p.message


def test_id_used_twice() -> None:
    text = edit("id: plea", "id: storm")
    p = only(text)
    assert p.path == "events[0].id"
    assert (p.line, p.column) == where(text, "storm\n    name: Storm")
    first_line = where(text, "storm\n    name: Plea")[0]
    assert f"id 'storm' is used twice (already used at line {first_line})" in p.message


def test_id_that_is_a_built_in_name() -> None:
    p = only(edit("id: plea", "id: round"))
    assert p.path == "tactics[0].id"
    assert "id 'round' is used twice (it is a built-in name)" in p.message


def test_id_used_twice_names_the_line_of_a_side_key() -> None:
    text = edit("tactics:", '  - {id: blue, name: Mood, description: "x", start: 1}\ntactics:')
    p = only(text)
    assert p.path == "meters[1].id"
    side_line = where(text, "  blue:\n")[0]
    assert f"id 'blue' is used twice (already used at line {side_line})" in p.message


# --- sides, meters, outcomes ----------------------------------------------------------------

def test_weights_that_do_not_add_up_to_one() -> None:
    text = edit("weights: {border: 0.3, river: 0.7}", "weights: {border: 0.3, river: 0.6}")
    p = only(text)
    assert p.path == "sides.blue.weights"
    assert (p.line, p.column) == where(text, "{border: 0.3")
    assert "weights must add up to 1; they add up to 0.900" in p.message


def test_missing_value_for_an_option() -> None:
    text = edit("river: {shared: 0.6, kept: 0.0}", "river: {shared: 0.6}")
    p = only(text)
    assert p.path == "sides.blue.values.river"
    assert (p.line, p.column) == where(text, "{shared: 0.6}")
    assert "missing value for option 'kept'" in p.message


def test_missing_values_for_an_issue() -> None:
    p = only(edit("      river: {shared: 0.6, kept: 0.0}\n", ""))
    assert p.path == "sides.blue.values"
    assert "missing values for issue 'river'" in p.message


def test_meter_start_out_of_range() -> None:
    text = edit("start: 50", "start: 150")
    p = only(text)
    assert p.path == "meters[0].start"
    assert (p.line, p.column) == where(text, "150")
    assert "start (150) must lie between min (0) and max (100)" in p.message


def test_meter_with_max_not_above_min() -> None:
    p = only(edit("start: 50", "start: 50, min: 60, max: 60"))
    assert p.path == "meters[0].max"
    assert "max (60) must be above min (60)" in p.message


def test_missing_default_outcome() -> None:
    text = edit('  - {id: late, name: Late, trigger: deadline, text: "Time ran out."}\n', "")
    p = only(text)
    assert p.path == "outcomes"
    assert (p.line, p.column) == where(text, "- {id: deal")
    assert "no outcome for trigger 'deadline' without a 'when'" in p.message
    assert "add one as the default outcome, last of its trigger" in p.message


def test_walkout_needs_a_fallback_only_when_walking_out_is_allowed() -> None:
    text = edit('  - {id: quit, name: Quit, trigger: walkout, text: "Someone left."}\n', "")
    assert "trigger 'walkout'" in only(text).message
    text = edit("tactic, walkout]", "tactic]", text)
    assert check_text(text, "mini.yaml")[1] == []


# --- conditions ----------------------------------------------------------------------------

@pytest.mark.parametrize("condition, needle, words", [
    ("trst < 20", "trst", "unknown name 'trst' in condition (did you mean 'trust'?)"),
    ("trust < 'low'", "'low'", "only numbers may be written in a condition, not 'low'"),
    ("max(trust, 3) < 20", "max(", "call is not allowed in a condition"),
    ("trust.real < 20", "trust.real", "attribute is not allowed in a condition"),
    ("trust < (20", "(20", "cannot parse condition 'trust < (20'"),
])
def test_bad_condition_points_at_the_trouble(condition: str, needle: str, words: str) -> None:
    text = edit("when: trust < 20", f'when: "{condition}"')
    p = only(text)
    assert p.path == "outcomes[2].when"
    assert (p.line, p.column) == where(text, needle)
    assert words in p.message


def test_column_of_a_bad_unquoted_condition() -> None:
    text = edit("when: trust < 20", "when: round > 1 and trst < 20")
    p = only(text)
    assert (p.line, p.column) == where(text, "trst")


@pytest.mark.parametrize("old, path", [
    ("when: round >= 1", "tactics[0].when"),
    ("when: round >= 2", "events[0].when"),
    ("walkout_when: trust < 10", "sides.red.personality.walkout_when"),
])
def test_every_condition_is_checked(old: str, path: str) -> None:
    text = edit(old, old.replace("round", "rnd").replace("trust", "trst"))
    p = only(text)
    assert p.path == path
    assert "unknown name" in p.message


def test_conditions_may_use_every_declared_id() -> None:
    names = "border + north + trust + plea + storm + talks + walkout_red + rounds_left"
    text = edit("when: trust < 20", f"when: {names} > 0")
    scenario, found = check_text(text, "mini.yaml")
    assert scenario is not None and [p for p in found if p.severity == "error"] == []


# --- assets --------------------------------------------------------------------------------

def with_portrait(value: str) -> str:
    return edit('colour: "#aa0000"', f'colour: "#aa0000"\n    portrait: {value}')


@pytest.mark.parametrize("value", ["../secret.png", "art/../../secret.png", "/etc/passwd",
                                   "'..\\secret.png'", "'C:/secret.png'", "'\\\\host\\x.png'"])
def test_asset_path_outside_the_folder(value: str) -> None:
    text = with_portrait(value)
    p = only(text)
    assert p.path == "sides.red.portrait"
    assert (p.line, p.column) == where(text, value)
    assert "must stay inside the scenario's folder" in p.message


def test_asset_beside_the_scenario_is_found(tmp_path: Path) -> None:
    (tmp_path / "art").mkdir()
    (tmp_path / "art" / "red.png").write_bytes(b"png")
    path = tmp_path / "mini.yaml"
    path.write_text(with_portrait("art/red.png"))
    assert check_file(path)[1] == []


def test_missing_asset_file(tmp_path: Path) -> None:
    path = tmp_path / "mini.yaml"
    path.write_text(with_portrait("art/red.png"))
    p = check_file(path)[1][0]
    assert p.path == "sides.red.portrait"
    assert "asset file 'art/red.png' not found" in p.message


def test_asset_link_leading_outside_the_folder(tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(b"png")
    folder = tmp_path / "scenario"
    folder.mkdir()
    (folder / "red.png").symlink_to(tmp_path / "secret.png")
    path = folder / "mini.yaml"
    path.write_text(with_portrait("red.png"))
    p = check_file(path)[1][0]
    assert "asset path 'red.png' leads outside the scenario's folder" in p.message


def test_yaml_surprises_are_explained() -> None:
    text = edit('date: "1 May 2016"', "date: 2016-05-01")
    assert "read it as a date; put it in quotes" in at(problems(text), "date").message
    text = edit("short: RD", "short: NO")
    assert "put the text in quotes" in at(problems(text), "sides.red.short").message


def test_a_badly_formed_id_says_what_an_id_is() -> None:
    text = edit("id: mini", "id: Mini-Scenario")
    message = at(problems(text), "id").message
    assert "expected an id: a lowercase letter" in message and "'Mini-Scenario'" in message


def test_a_breakdown_outcome_needs_a_condition() -> None:
    text = edit("outcomes:\n", "outcomes:\n  - {id: doom, name: Doom, trigger: breakdown, "
                "text: Over.}\n")
    p = at(problems(text), "outcomes[0].trigger")
    assert "needs a 'when'" in p.message and p.line == where(text, "id: doom")[0]


@pytest.mark.parametrize(("old", "new", "path", "hint"), [
    ('colour: "#aa0000"', "colour: #aa0000", "sides.red.colour", "a # starts a comment"),
    ('priorities: ["The border"]', "priorities: [Most important: the border]",
     "sides.red.priorities[0]", "text holding ': '"),
    ('date: "1 May 2016"', "date: 1995", "date", "the number 1995 (put it in quotes"),
])
def test_text_that_yaml_read_as_something_else_gets_a_hint(old: str, new: str, path: str,
                                                          hint: str) -> None:
    assert hint in at(problems(edit(old, new)), path).message


# --- contradictions and combinations -------------------------------------------------------

def with_rule(options: str, why: str = '"North and kept water cannot go together."') -> str:
    """MINI with one contradiction whose options are *options* (a YAML flow mapping)."""
    return edit("meters:\n", f"contradictions:\n  - options: {options}\n    why: {why}\n"
                             "meters:\n")


def with_combination(options: str, value: str = "0.05") -> str:
    """MINI with one combination of Red's whose options are *options*."""
    return edit("      river: {shared: 0.5, kept: 1.0}\n",
                "      river: {shared: 0.5, kept: 1.0}\n    combinations:\n"
                f"      - {{options: {options}, value: {value}, why: \"Better together.\"}}\n")


def test_a_contradiction_and_a_combination_load() -> None:
    text = with_combination("{border: [north], river: [shared]}",
                            ).replace("meters:\n  - {id", "contradictions:\n  - options: "
                                      "{border: [south], river: [kept]}\n    why: \"No.\"\n"
                                      "meters:\n  - {id")
    scenario, found = check_text(text, "mini.yaml")
    assert scenario is not None, found
    assert scenario.contradictions[0].options == {"border": ["south"], "river": ["kept"]}
    assert scenario.contradictions[0].why == "No."
    assert scenario.sides["red"].combinations[0].value == 0.05


@pytest.mark.parametrize("options, needle, path, words", [
    ("{bordr: [north], river: [kept]}", "bordr", "contradictions[0].options.bordr",
     "unknown issue 'bordr' (did you mean 'border'?)"),
    ("{border: [nroth], river: [kept]}", "nroth", "contradictions[0].options.border[0]",
     "unknown option 'nroth' for issue 'border' (did you mean 'north'?)"),
    ("{border: [north], river: [shared, kpet]}", "kpet", "contradictions[0].options.river[1]",
     "unknown option 'kpet' for issue 'river' (did you mean 'kept'?)"),
])
def test_a_misspelt_id_in_a_contradiction(options: str, needle: str, path: str,
                                          words: str) -> None:
    text = with_rule(options)
    p = at(problems(text), path)
    assert (p.line, p.column) == where(text, needle)
    assert words in p.message


@pytest.mark.parametrize("options, needle, path, words", [
    ("{bordr: [north], river: [kept]}", "bordr", "sides.red.combinations[0].options.bordr",
     "unknown issue 'bordr' (did you mean 'border'?)"),
    ("{border: [north], river: [kpet]}", "kpet", "sides.red.combinations[0].options.river[0]",
     "unknown option 'kpet' for issue 'river' (did you mean 'kept'?)"),
])
def test_a_misspelt_id_in_a_combination(options: str, needle: str, path: str,
                                        words: str) -> None:
    text = with_combination(options)
    p = at(problems(text), path)
    assert (p.line, p.column) == where(text, needle)
    assert words in p.message


def test_a_contradiction_must_span_two_issues() -> None:
    text = with_rule("{border: [north, south]}")
    p = only(text)
    assert p.path == "contradictions[0].options"
    assert (p.line, p.column) == where(text, "{border: [north, south]}")
    assert "at least two issues; it names only issue 'border'" in p.message


def test_a_combination_must_span_two_issues() -> None:
    text = with_combination("{river: [kept]}")
    p = only(text)
    assert p.path == "sides.red.combinations[0].options"
    assert p.line == where(text, "{river: [kept]}")[0]
    assert "a combination must name options of at least two issues" in p.message


def test_a_contradiction_needs_its_sentence() -> None:
    text = edit("meters:\n", "contradictions:\n  - options: {border: [north], river: [kept]}\n"
                             "meters:\n")
    p = only(text)
    assert p.path == "contradictions[0]"
    assert "missing required field 'why'" in p.message
    assert p.line == where(text, "options: {border: [north], river: [kept]}")[0]


def test_a_misspelt_field_of_a_contradiction() -> None:
    text = with_rule("{border: [north], river: [kept]}").replace("    why:", "    wyh:")
    p = at(problems(text), "contradictions[0].wyh")
    assert (p.line, p.column) == where(text, "wyh")
    assert "unknown field 'wyh' (did you mean 'why'?)" in p.message


@pytest.mark.parametrize("value, words", [
    ("0.8", "less than or equal to 0.5"),
    ("0", "a combination worth 0 changes nothing"),
])
def test_a_combination_value_out_of_range(value: str, words: str) -> None:
    text = with_combination("{border: [north], river: [kept]}", value)
    p = only(text)
    assert p.path == "sides.red.combinations[0].value"
    assert p.line == where(text, f"value: {value}, why")[0]
    assert words in p.message

def test_conditional_effects_are_checked_like_every_condition_and_effect() -> None:
    use = ('red: {line: "Please.", cite: [memo], effects: {meters: {trust: 5}, '
           'stance: {blue: 0.1}}}')
    text = edit(use, use[:-1] + ', conditional: [{when: "trust >= 60", '
                                'effects: {meters: {trsut: 2}}}, {when: "turst > 1", '
                                'effects: {}}]}')
    found = problems(text)
    assert "did you mean 'trust'" in at(
        found, "tactics[0].sides.red.conditional[0].effects.meters.trsut").message
    assert "unknown name 'turst'" in at(
        found, "tactics[0].sides.red.conditional[1].when").message


def test_conditional_effects_load_with_their_conditions_parsed() -> None:
    use = ('red: {line: "Please.", cite: [memo], effects: {meters: {trust: 5}, '
           'stance: {blue: 0.1}}}')
    scenario = read_scenario(edit(use, use[:-1] + ', conditional: [{when: "trust >= 60", '
                                                 'effects: {meters: {trust: 2}}}]}'))
    extra = scenario.tactic("plea").sides["red"].conditional[0]
    assert extra.effects.meters == {"trust": 2}
    assert scenario.condition("trust >= 60").holds({"trust": 61})


def test_a_name_ending_in_s_takes_an_apostrophe_alone_as_a_possessive() -> None:
    from game.model import possessive

    assert possessive("Russia") == "Russia's"
    assert possessive("the United States") == "the United States'"
    assert possessive("Team Owls") == "Team Owls'"  # "For Team Owls' eyes only"
