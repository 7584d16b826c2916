"""The reference of the scenario format, as Markdown, generated from the format's own schema.

``reference_markdown()`` reads :meth:`Scenario.model_json_schema` and writes one table per
object of the format (every field with its type, whether it is required, its default,
what values it allows and its description), then the table of every name a condition may
use. ``docs/MODDING.md`` holds its exact output between two marker lines; a test fails
when the two drift apart. Regenerate the guide's copy with::

    python -m game.reference --write docs/MODDING.md

or print the reference alone with ``python -m game.reference``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from game.model import Scenario
from game.scenario import BUILTIN_NAMES

#: The lines between which docs/MODDING.md holds the generated reference.
START = "<!-- reference:start -->"
END = "<!-- reference:end -->"

#: The objects of the format, in the order a modder meets them; any object the schema
#: gains later is listed after these.
ORDER = ("Scenario", "Side", "Issue", "Option", "Contradiction", "Meter", "Batna", "RedLine",
         "Combination", "Personality", "Effects", "Tactic", "TacticUse", "SaidWhen",
         "Event", "Phase",
         "Outcome", "Source", "Debrief", "HistoryFact")

#: Fields that hold a condition (a string to the schema, an expression to the loader).
CONDITION_FIELDS = frozenset({"when", "walkout_when"})

#: Descriptions for the few fields and objects whose model gives none, keyed by
#: (object, field) and object; the model's own description, once it has one, wins.
#: The kinds of scenario ids that are also names in conditions: (how the name is
#: written, what it stands for, where the ids come from).
NAME_KINDS: tuple[tuple[str, str, str], ...] = (
    ("walkout_<side id>", "1 once that side has walked out, else 0",
     "one per side, e.g. `walkout_us`"),
    ("offers_<side id>", "how many proposals that side has made so far",
     "one per side, e.g. `offers_ru`"),
    ("<meter id>", "the meter's current value", "`meters[].id`"),
    ("<issue id>", "the position (1, 2, 3...) of the option chosen for that issue in the "
                   "proposal on the table, 0 when no proposal is on the table",
     "`issues[].id`"),
    ("<option id>", "its fixed position among its issue's options (1 for the first)",
     "`issues[].options[].id`"),
    ("<phase id>", "1 while that phase is the current one, else 0", "`phases[].id`"),
    ("<tactic id>", "how many times the tactic has been used so far, by either side",
     "`tactics[].id`"),
    ("<event id>", "how many times the event has happened so far", "`events[].id`"),
)

_ID_PATTERN = "^[a-z][a-z0-9_]{0,39}$"


def _escape(text: str) -> str:
    """*text* made safe for one cell of a Markdown table."""
    return " ".join(text.split()).replace("|", "\\|")


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _ref_name(schema: dict[str, Any]) -> str | None:
    ref = schema.get("$ref")
    return str(ref).rsplit("/", 1)[-1] if ref is not None else None


def _link(name: str) -> str:
    return f"[{name}](#{name.lower()})"


def _limits(schema: dict[str, Any]) -> list[str]:
    """The constraints of one schema node itself (not of its items or values)."""
    found: list[str] = []
    if "enum" in schema:
        found.append("one of " + ", ".join(f"`{v}`" for v in schema["enum"]))
    if schema.get("pattern") == _ID_PATTERN:
        found.append(f"an id: `{_ID_PATTERN}`")
    elif "pattern" in schema:
        found.append(f"pattern `{schema['pattern']}`")
    low, high = schema.get("minimum"), schema.get("maximum")
    above = schema.get("exclusiveMinimum")
    if above is not None and high is not None:
        found.append(f"above {_number(above)}, at most {_number(high)}")
    elif low is not None and high is not None:
        found.append(f"{_number(low)} to {_number(high)}")
    elif low is not None:
        found.append(f"at least {_number(low)}")
    elif high is not None:
        found.append(f"at most {_number(high)}")
    for least, most, unit in (("minLength", "maxLength", "characters"),
                              ("minItems", "maxItems", "items"),
                              ("minProperties", "maxProperties", "entries")):
        a, b = schema.get(least), schema.get(most)
        if a is not None and b is not None:
            found.append(f"{a} {unit}" if a == b else f"{a} to {b} {unit}")
        elif a is not None:
            found.append(f"at least {a} {_singular(unit) if a == 1 else unit}")
        elif b is not None:
            found.append(f"at most {b} {unit}")
    return found


def _singular(unit: str) -> str:
    return {"entries": "entry"}.get(unit, unit[:-1])


def _without_id(limits: list[str]) -> list[str]:
    """*limits* less the id pattern, which an item's or a key's type "id" already says."""
    return [x for x in limits if not x.startswith("an id:")]


def _describe(schema: dict[str, Any], condition: bool = False) -> tuple[str, list[str]]:
    """(type as a modder reads it, constraints) of one schema node."""
    ref = _ref_name(schema)
    if ref:
        return _link(ref), []
    if "anyOf" in schema:
        parts = [s for s in schema["anyOf"] if s.get("type") != "null"]
        if len(parts) == 1:
            return _describe(parts[0], condition)
        texts = [_describe(p, condition) for p in parts]
        return " or ".join(t for t, _ in texts), [x for _, ls in texts for x in ls]
    kind = schema.get("type")
    limits = _limits(schema)
    if kind == "string":
        if condition:
            return "condition", limits
        if "enum" in schema:
            return "choice", limits
        if schema.get("pattern") == _ID_PATTERN:
            return "id", limits
        return "text", limits
    if kind == "integer":
        return "whole number", limits
    if kind == "number":
        return "number", limits
    if kind == "boolean":
        return "true or false", limits
    if kind == "array":
        item, item_limits = _describe(schema.get("items", {}))
        return f"list of {item}", limits + [f"each: {x}" for x in _without_id(item_limits)]
    if kind == "object":
        values: dict[str, Any] | None = None
        keys = "text"
        key_limits: list[str] = []
        if "patternProperties" in schema:
            pattern, values = next(iter(schema["patternProperties"].items()))
            if pattern == _ID_PATTERN:
                keys = "id"
            else:
                key_limits = [f"pattern `{pattern}`"]
        elif isinstance(schema.get("additionalProperties"), dict):
            values = schema["additionalProperties"]
        if "propertyNames" in schema:
            keys = "choice"
            key_limits = _limits(schema["propertyNames"])
        if values is None:
            return "mapping", limits
        value, value_limits = _describe(values)
        limits = limits + [f"keys: {x}" for x in key_limits]
        if values.get("type") == "object":
            # A mapping of mappings: the inner mapping already says "values: ...".
            limits += _without_id(value_limits)
        else:
            limits += [f"values: {x}" for x in _without_id(value_limits)]
        return f"mapping of {keys} to {value}", limits
    return "any", limits


def _default(field: dict[str, Any]) -> str:
    if "default" not in field:
        return ""
    value = field["default"]
    if value is None:
        return "none"
    if isinstance(value, dict) and not any(value.values()):
        return "`{}`"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, (int, float)):
        return f"`{_number(value)}`"
    return f"`{json.dumps(value)}`"


def _description(owner: str, name: str, field: dict[str, Any],
                 defs: dict[str, Any]) -> str:
    """The field's own description, else the description of the object it holds."""
    if "description" in field:
        return str(field["description"])
    inner = [field, field.get("items", {}), field.get("additionalProperties", {}),
             *field.get("patternProperties", {}).values()]
    for schema in inner:
        target = _ref_name(schema) if isinstance(schema, dict) else None
        if target and "description" in defs.get(target, {}):
            return str(defs[target]["description"])
    return ""


def _object(name: str, schema: dict[str, Any], defs: dict[str, Any]) -> list[str]:
    lines = [f"### {name}", ""]
    about = schema.get("description")
    if about:
        lines += [_escape(str(about)), ""]
    lines += ["| Field | Type | Required | Default | Allowed values | Description |",
              "|---|---|---|---|---|---|"]
    required = set(schema.get("required", ()))
    for field_name, field in schema.get("properties", {}).items():
        kind, limits = _describe(field, condition=field_name in CONDITION_FIELDS)
        cells = [f"`{field_name}`", kind, "yes" if field_name in required else "no",
                 _default(field), "; ".join(limits),
                 _description(name, field_name, field, defs)]
        lines.append("| " + " | ".join(_escape(c) for c in cells) + " |")
    lines.append("")
    return lines


def _names() -> list[str]:
    lines = ["### Names in conditions", "",
             "Every name a condition may use. These are built in:", "",
             "| Name | Stands for |", "|---|---|"]
    lines += [f"| `{n}` | {_escape(what)} |" for n, what in BUILTIN_NAMES.items()]
    lines += ["", "And these ids of the scenario are names too:", "",
              "| Name | Stands for | Ids from |", "|---|---|---|"]
    lines += [f"| `{written}` | {_escape(what)} | {where} |"
              for written, what, where in NAME_KINDS]
    lines += ["", "Side ids, outcome ids and source ids are not names in conditions.", ""]
    return lines


def reference_markdown() -> str:
    """The Markdown reference of every field of the scenario format and every name a
    condition may use, generated from ``Scenario.model_json_schema()``."""
    schema = Scenario.model_json_schema()
    defs: dict[str, Any] = dict(schema.get("$defs", {}))
    objects: dict[str, dict[str, Any]] = {"Scenario": schema, **defs}
    names = [n for n in ORDER if n in objects] + sorted(n for n in objects if n not in ORDER)
    lines = ["Generated from the format's JSON Schema by `python -m game.reference`; do "
             "not edit it by hand.", "",
             "Types: *text* is a string (quote it in YAML when it holds `:` or `#`, or "
             "could be read as a number, a date or yes/no); *id* is a lowercase letter "
             "followed by lowercase letters, digits or `_`, 40 characters at most; a "
             "*condition* is written in the condition language; a *mapping* is a YAML "
             "mapping (`key: value` lines or `{key: value, ...}`); a field that is not "
             "required may be left out, and then has its default.", "",
             "Objects: " + ", ".join(_link(n) for n in names) + ".", ""]
    for name in names:
        lines += _object(name, objects[name], defs)
    lines += _names()
    return "\n".join(lines).rstrip("\n") + "\n"


def replace_reference(document: str, reference: str) -> str:
    """*document* with the text between its reference markers replaced by *reference*.

    Raises ValueError when the markers are missing or out of order.
    """
    start, end = document.find(START), document.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the document needs the lines {START!r} and {END!r}, in order")
    head = document[:start + len(START)]
    return f"{head}\n{reference}{document[end:]}"


def extract_reference(document: str) -> str:
    """The text between the reference markers of *document* (ValueError when missing)."""
    start, end = document.find(START), document.find(END)
    if start < 0 or end < start:
        raise ValueError(f"the document needs the lines {START!r} and {END!r}, in order")
    return document[start + len(START):end].removeprefix("\n")


def main(argv: Sequence[str] | None = None,
         write: Callable[[str], object] = sys.stdout.write) -> int:
    """``python -m game.reference [--write FILE]``: print the reference, or put it between
    the markers of FILE (docs/MODDING.md)."""
    parser = argparse.ArgumentParser(prog="python -m game.reference",
                                     description="Print the scenario format's reference as "
                                                 "Markdown, or write it into a guide.")
    parser.add_argument("--write", metavar="FILE",
                        help=f"replace the text between {START} and {END} in FILE")
    args = parser.parse_args(argv)
    reference = reference_markdown()
    if not args.write:
        write(reference)
        return 0
    path = Path(args.write)
    try:
        document = path.read_text(encoding="utf-8")
        updated = replace_reference(document, reference)
    except (OSError, ValueError) as exc:
        print(f"parley: {exc}", file=sys.stderr)
        return 2
    if updated != document:
        path.write_text(updated, encoding="utf-8")
        write(f"updated the reference in {path}\n")
    else:
        write(f"the reference in {path} is up to date\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
