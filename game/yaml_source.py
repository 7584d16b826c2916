"""Read a YAML document into plain data, remembering where every value came from.

PyYAML's constructors keep the last of two duplicate keys without a word and expand
aliases without limit; this reader composes the node tree with the C parser (``CSafeLoader``
where the C extension is there), walks it itself, and so can refuse duplicate keys, cap the
size of what aliases expand to, and record the line and column of every value.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from game.errors import Problem

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

#: A scenario bigger than this is refused before it is parsed.
MAX_BYTES = 1_000_000
#: The most values a document may expand to (stops "billion laughs" alias bombs).
MAX_NODES = 200_000
#: The deepest nesting of mappings and lists a document may have.
MAX_DEPTH = 40

Path = tuple[str | int, ...]


@dataclass
class Document:
    """Plain data read from YAML, with the (line, column) of every value and key, 1-based."""

    name: str
    data: Any
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    #: Paths of quoted scalars, whose text starts one column after their position.
    quoted: set[Path] = field(default_factory=set)

    def where(self, path: Path) -> tuple[int, int]:
        """The position of the value at *path*, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            prefix = tuple(path[:end])
            if prefix in self.values:
                return self.values[prefix]
        return (1, 1)

    def where_key(self, path: Path) -> tuple[int, int]:
        """The position of the key that names *path* (falls back to :meth:`where`)."""
        return self.keys.get(tuple(path)) or self.where(path)

    def problem(self, path: Path, message: str, *, key: bool = False,
                severity: str = "error") -> Problem:
        line, column = self.where_key(path) if key else self.where(path)
        return Problem(self.name, line, column, format_path(path), message, severity)


def format_path(path: Path) -> str:
    """``("sides", "us", "weights", 0)`` -> ``sides.us.weights[0]``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += ("." if text else "") + str(part)
    return text


class _TooBig(Exception):
    def __init__(self, message: str, node: yaml.Node | None = None, path: Path = ()) -> None:
        super().__init__(message)
        self.node = node
        self.path = path


def _syntax_hint(problem: str, began: int | None) -> str:
    """What most often causes PyYAML's *problem*, in words a modder can act on; *began* is
    the line where the block being read began (PyYAML notices a misplaced line only where
    the block cannot go on, often a line or more after it)."""
    block = f"the block that began at line {began}" if began else "the block above"
    if problem.startswith("mapping values are not allowed"):
        return ("a 'name: value' stands where none can: check the indentation of this line "
                "and of the line above it, and put quotes around a text that contains ': '")
    if problem.startswith("did not find expected key"):
        return (f"{block} goes on with a line that is none of its names: check the "
                "indentation of the lines from there to here; one may be indented more or "
                "less than the names beside it")
    if problem.startswith("did not find expected '-' indicator"):
        return (f"the list in {block} goes on with a line that is not a '- ' item: check "
                "the indentation of the lines from there to here")
    if problem.startswith("could not find expected ':'"):
        return ("a name lacks its ':', or a text runs on to the next line without quotes: "
                "check this line and the one above it")
    return ""


def read_yaml(raw: bytes | str, name: str) -> tuple[Document | None, list[Problem]]:
    """Parse *raw* into a :class:`Document`; on failure return the problems instead."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_BYTES:
            return None, [Problem(name, 1, 1, "", f"file is {len(raw):,} bytes; "
                                  f"a scenario may be at most {MAX_BYTES:,} bytes")]
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            return None, [Problem(name, line, column, "", "file is not UTF-8 text "
                                  f"(byte 0x{raw[exc.start]:02x} cannot be decoded); "
                                  "save it as UTF-8")]
    else:
        text = raw
        if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            return None, [Problem(name, 1, 1, "", f"file is larger than {MAX_BYTES:,} bytes")]
    if not text.strip():
        return None, [Problem(name, 1, 1, "", "file is empty; expected a scenario mapping")]
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(p for p in (exc.context, exc.problem) if p)
        began = exc.context_mark.line + 1 if exc.context_mark else None
        hint = _syntax_hint(exc.problem or "", began)
        return None, [Problem(name, line, column, "",
                              f"YAML syntax error: {what}" + (f" ({hint})" if hint else ""))]
    except yaml.YAMLError as exc:
        return None, [Problem(name, 1, 1, "", f"YAML error: {exc}")]
    finally:
        loader.dispose()
    if root is None:
        return None, [Problem(name, 1, 1, "", "file holds no YAML document; "
                              "expected a scenario mapping")]
    doc = Document(name, None)
    problems: list[Problem] = []
    walker = _Walker(doc, problems, loader)
    try:
        doc.data = walker.build(root, (), 0)
    except _TooBig as exc:
        return None, [Problem(name, *_mark(exc.node or root), format_path(exc.path), str(exc))]
    if problems:
        return None, problems
    return doc, []


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Walker:
    def __init__(self, doc: Document, problems: list[Problem], loader: Any) -> None:
        self.doc = doc
        self.problems = problems
        self.loader = loader
        self.count = 0

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(f"document expands to more than {MAX_NODES:,} values "
                          "(an alias bomb?); refused")
        if depth > MAX_DEPTH:
            raise _TooBig(f"document nests deeper than {MAX_DEPTH} levels; refused",
                          node, path)
        self.doc.values.setdefault(path, _mark(node))
        if isinstance(node, yaml.ScalarNode) and node.style in ("'", '"'):
            self.doc.quoted.add(path)
        if isinstance(node, yaml.MappingNode):
            return dict(self._pairs(node, path, depth))
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, path + (i,), depth + 1)
                    for i, item in enumerate(node.value)]
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            self.problems.append(Problem(self.doc.name, *_mark(node), format_path(path),
                                         f"cannot read this value: {exc}"))
            return None

    def _pairs(self, node: yaml.MappingNode, path: Path,
               depth: int) -> Iterator[tuple[str, Any]]:
        seen: dict[str, tuple[int, int]] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(Problem(self.doc.name, *_mark(key_node),
                                             format_path(path), "merge keys (<<) are "
                                             "not supported; write the fields out"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(Problem(self.doc.name, *_mark(key_node),
                                             format_path(path), "a key must be plain text"))
                continue
            key = str(key_node.value)
            if key in seen:
                line, column = seen[key]
                self.problems.append(Problem(
                    self.doc.name, *_mark(key_node), format_path(path + (key,)),
                    f"duplicate key {key!r} (first given at line {line}, column {column}); "
                    "YAML would silently keep only the last one"))
                continue
            seen[key] = _mark(key_node)
            self.doc.keys[path + (key,)] = _mark(key_node)
            yield key, self.build(value_node, path + (key,), depth + 1)
