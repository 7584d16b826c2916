"""Reading YAML into plain data with positions, and refusing what PyYAML would let pass."""

from __future__ import annotations

import time

import pytest

from game.errors import Problem
from game.yaml_source import MAX_BYTES, MAX_DEPTH, MAX_NODES, format_path, read_yaml


def only_problem(raw: bytes | str) -> Problem:
    doc, problems = read_yaml(raw, "f.yaml")
    assert doc is None
    assert len(problems) == 1, problems
    return problems[0]


def test_reads_data_with_positions_of_values_and_keys() -> None:
    doc, problems = read_yaml("a: 1\nb:\n  - x\n  - {c: 2}\n", "f.yaml")
    assert problems == []
    assert doc is not None
    assert doc.data == {"a": 1, "b": ["x", {"c": 2}]}
    assert doc.where(("a",)) == (1, 4)
    assert doc.where(("b", 1, "c")) == (4, 9)
    assert doc.where_key(("b", 1, "c")) == (4, 6)


def test_position_of_a_missing_path_falls_back_to_its_nearest_ancestor() -> None:
    doc, _ = read_yaml("a:\n  b: 1\n", "f.yaml")
    assert doc is not None
    assert doc.where(("a", "nothing", 3)) == doc.where(("a",)) == (2, 3)


def test_format_path_writes_keys_with_dots_and_indexes_in_brackets() -> None:
    assert format_path(("sides", "us", "weights", 0, "x")) == "sides.us.weights[0].x"
    assert format_path(()) == ""


def test_duplicate_key_is_reported_at_the_second_with_the_first_position() -> None:
    p = only_problem("a: 1\nb:\n  c: 2\n  d: 3\n  c: 4\n")
    assert (p.file, p.line, p.column, p.path) == ("f.yaml", 5, 3, "b.c")
    assert "duplicate key 'c'" in p.message
    assert "first given at line 3, column 3" in p.message


def test_every_duplicate_key_is_reported() -> None:
    _, problems = read_yaml("a: 1\nb: 2\na: 3\nb: 4\n", "f.yaml")
    assert [(p.line, p.path) for p in problems] == [(3, "a"), (4, "b")]


def test_merge_key_is_refused_where_it_is_written() -> None:
    p = only_problem("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n")
    assert (p.line, p.column, p.path) == (3, 3, "other")
    assert "merge keys (<<) are not supported" in p.message


def test_a_key_that_is_not_plain_text_is_refused() -> None:
    p = only_problem("? [a, b]\n: 1\n")
    assert (p.line, p.column) == (1, 3)
    assert "a key must be plain text" in p.message


@pytest.mark.parametrize("raw", ["", "   \n\n", b""])
def test_empty_file(raw: str | bytes) -> None:
    p = only_problem(raw)
    assert (p.line, p.column, p.path) == (1, 1, "")
    assert "file is empty" in p.message


def test_file_of_only_comments_holds_no_document() -> None:
    p = only_problem("# a comment\n# and another\n")
    assert (p.line, p.column) == (1, 1)
    assert "no YAML document" in p.message


def test_syntax_error_names_line_and_column() -> None:
    p = only_problem("a: 1\nb: [1, 2\nc: 3\n")
    assert (p.line, p.column) == (3, 2)
    assert "YAML syntax error" in p.message
    assert "flow sequence" in p.message


def test_tab_indentation_is_a_syntax_error_on_its_line() -> None:
    p = only_problem("a:\n\tb: 1\n")
    assert p.line == 2
    assert "YAML syntax error" in p.message


def test_two_documents_in_one_file_are_refused() -> None:
    p = only_problem("a: 1\n---\nb: 2\n")
    assert p.line == 2
    assert "single document" in p.message


def test_non_utf8_bytes_are_reported_at_the_bad_byte() -> None:
    p = only_problem("a: 1\nb: caf\xe9\n".encode("latin-1"))
    assert (p.line, p.column) == (2, 7)
    assert "not UTF-8" in p.message
    assert "0xe9" in p.message


def test_utf8_byte_order_mark_is_accepted() -> None:
    doc, problems = read_yaml(b"\xef\xbb\xbfa: caf\xc3\xa9\n", "f.yaml")
    assert problems == []
    assert doc is not None and doc.data == {"a": "café"}


def test_control_character_is_refused() -> None:
    p = only_problem("a: b\x00c\n")
    assert "YAML error" in p.message
    assert "control characters" in p.message


def test_bytes_over_the_size_limit_are_refused_before_parsing() -> None:
    # Broken YAML after the limit proves the file was never parsed.
    p = only_problem(b"a: 1\n" + b"#" * MAX_BYTES + b"\n[")
    assert (p.line, p.column) == (1, 1)
    assert f"at most {MAX_BYTES:,} bytes" in p.message


def test_text_over_the_size_limit_is_refused() -> None:
    p = only_problem("a: " + "é" * (MAX_BYTES // 2 + 1))
    assert f"larger than {MAX_BYTES:,} bytes" in p.message


def test_file_just_under_the_size_limit_is_read() -> None:
    raw = b"a: 1\n" + b"#" * (MAX_BYTES - 6) + b"\n"
    assert len(raw) == MAX_BYTES
    doc, problems = read_yaml(raw, "f.yaml")
    assert problems == [] and doc is not None


def billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = "abcdefghijklmnop"
    for prev, name in zip(names, names[1:levels]):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_quickly() -> None:
    start = time.perf_counter()
    p = only_problem(billion_laughs())  # 9 ** 9 values if expanded
    assert time.perf_counter() - start < 5
    assert f"more than {MAX_NODES:,} values" in p.message
    assert "alias bomb" in p.message


def test_a_few_aliases_are_fine() -> None:
    doc, problems = read_yaml("a: &x [1, 2]\nb: *x\n", "f.yaml")
    assert problems == []
    assert doc is not None and doc.data == {"a": [1, 2], "b": [1, 2]}


def nested(levels: int) -> str:
    return "".join("  " * i + f"k{i}:\n" for i in range(levels)) + "  " * levels + "end\n"


def test_nesting_deeper_than_the_limit_is_refused_at_the_deep_value() -> None:
    p = only_problem(nested(MAX_DEPTH + 1))
    # The scalar "end", on the last line, is the value past the limit.
    assert (p.line, p.column) == (MAX_DEPTH + 2, 2 * (MAX_DEPTH + 1) + 1)
    assert p.path.startswith("k0.k1.k2.")
    assert f"deeper than {MAX_DEPTH} levels" in p.message


def test_nesting_up_to_the_limit_is_fine() -> None:
    doc, problems = read_yaml(nested(MAX_DEPTH), "f.yaml")
    assert problems == [] and doc is not None


def test_deep_flow_nesting_is_refused() -> None:
    p = only_problem("a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n")
    assert "deeper than" in p.message


def test_python_tags_are_refused_not_run() -> None:
    p = only_problem("a: !!python/name:os.system ''\n")
    assert (p.line, p.column, p.path) == (1, 4, "a")
    assert "cannot read this value" in p.message


def test_quoted_scalars_are_remembered() -> None:
    doc, _ = read_yaml("a: 'x'\nb: \"y\"\nc: z\n", "f.yaml")
    assert doc is not None
    assert doc.quoted == {("a",), ("b",)}


@pytest.mark.parametrize(("text", "where", "hint"), [
    # A value indented less than its name ends the mapping early.
    ("sides:\n  us:\n    name: US\n    batna:\n      value: 0.4\n    why:\n  x: 1\n y: 2\n",
     None, "check the indentation"),
    # A line indented more than the names beside it.
    ("a:\n  b: 1\n  c: 2\n   d: 3\n", None, "a 'name: value' stands where none can"),
    # A list that goes on with a line that is not an item.
    ("a:\n  - 1\n  - 2\n  b: 3\n", "began at line", "is not a '- ' item"),
])
def test_an_indentation_mistake_gets_a_hint_of_what_to_check(
        text: str, where: str | None, hint: str) -> None:
    p = only_problem(text)
    assert "YAML syntax error" in p.message and hint in p.message
    if where:
        assert where in p.message
