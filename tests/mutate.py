"""Hostile variations of valid files, for the fuzz tests and the fuzz benchmark.

Each function takes a seeded ``random.Random`` so a failing case can be replayed.
"""

from __future__ import annotations

import re

import copy
import json
import random
from typing import Any

import yaml

ODD_TEXT = ["", " ", "\u202e\u0645\u0631\u062d\u0628\u0627", "\U0001f600" * 30,
            "e\u0301" * 20, "\x00", "null", "~", "yes", "NO", "1e999", "-0", "\ufeff",
            "'", '"', "{", "[", "&a", "*a", "!!python/object:os.system", "a" * 5000]
ODD_VALUES: list[Any] = [None, True, False, 0, -1, 2**63, -(2**70), 1e308, -1e-308,
                         float("inf"), float("nan"), 3.5, [], {}, [[[]]], {"a": {"b": {}}}]


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _paths(value, path + (i,))
    return found


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        data = data[part]
    return data


def _deep(rng: random.Random) -> Any:
    value: Any = rng.choice(ODD_VALUES + ODD_TEXT)
    for _ in range(rng.randint(20, 120)):
        value = [value] if rng.random() < 0.5 else {"k": value}
    return value


def mutate_data(data: Any, rng: random.Random, times: int = 3) -> Any:
    """A copy of *data* with a few random keys deleted or renamed, values replaced by
    values of other types, huge numbers, odd text or deep nesting."""
    data = copy.deepcopy(data)
    for _ in range(times):
        paths = _paths(data)
        path = rng.choice(paths)
        if not path:
            continue
        parent = _get(data, path[:-1])
        key = path[-1]
        action = rng.randrange(6)
        if action == 0 and isinstance(parent, dict):
            del parent[key]
        elif action == 0 and isinstance(parent, list):
            parent.pop(key)
        elif action == 1 and isinstance(parent, dict):
            parent[str(key) + rng.choice(["x", "_", "s", ""]) + "e"] = parent.pop(key)
        elif action == 2:
            parent[key] = rng.choice(ODD_VALUES)
        elif action == 3:
            parent[key] = rng.choice(ODD_TEXT)
        elif action == 4:
            parent[key] = _deep(rng)
        else:
            other = _get(data, rng.choice(paths))
            parent[key] = copy.deepcopy(other) if other is not data else None
    return data


def mutate_bytes(raw: bytes, rng: random.Random) -> bytes:
    """*raw* truncated, with random bytes flipped or inserted, or lines shuffled."""
    action = rng.randrange(5)
    if action == 0:
        return raw[: rng.randrange(len(raw) + 1)]
    if action == 1:
        out = bytearray(raw)
        for _ in range(rng.randint(1, 20)):
            out[rng.randrange(len(out))] = rng.randrange(256)
        return bytes(out)
    if action == 2:
        at = rng.randrange(len(raw) + 1)
        return raw[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 64))) + raw[at:]
    if action == 3:
        lines = raw.split(b"\n")
        i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return b"\n".join(lines)
    return bytes(rng.randrange(256) for _ in range(rng.randint(0, 2000)))


def mutated_scenario(text: str, rng: random.Random) -> bytes:
    """A hostile variant of a scenario file."""
    if rng.random() < 0.5:
        data = mutate_data(yaml.safe_load(text), rng, rng.randint(1, 4))
        try:
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        except (yaml.YAMLError, ValueError, RecursionError):
            text = repr(data)
        return text.encode("utf-8", "surrogatepass")
    return mutate_bytes(text.encode("utf-8"), rng)


def mutated_save(raw: bytes, rng: random.Random) -> bytes:
    """A hostile variant of a save file."""
    if rng.random() < 0.5:
        data = mutate_data(json.loads(raw), rng, rng.randint(1, 4))
        try:
            return json.dumps(data).encode("utf-8", "surrogatepass")
        except (ValueError, RecursionError):
            return repr(data).encode("utf-8", "surrogatepass")
    return mutate_bytes(raw, rng)


def slow_scenario(text: str, tactics: int = 40, terms: int = 14, spread: bool = True) -> str:
    """*text* (a scenario with meters ``trust`` and ``ceasefire``) with *tactics* more
    tactics, each available on a long ``or`` of *terms* terms that never holds: the lint
    would try every value of both meters (the numbers written, *spread* over 0 to 100,
    give each a hundred values) for every tactic."""
    added = []
    for k in range(tactics):
        parts = []
        for n in range(terms):
            i = (k * terms + n) * 3 % 102 if spread else n
            j = (k * 7 + n * 11) * 3 % 102 if spread else n
            parts.append(f"(trust == {i} and ceasefire == {j} and offers > 90)")
        added.append(f"""  - id: slow_{k}
    name: "Slow {k}"
    kind: appeal
    help: "x"
    when: "{' or '.join(parts)}"
    sides:
      us:
        line: "x"
        effects: {{meters: {{trust: 1}}}}
""")
    return text.replace("tactics:\n", "tactics:\n" + "".join(added), 1)


def _set(text: str, path: tuple[str, ...], value: Any) -> str:
    data = json.loads(text)
    inner = data
    for key in path[:-1]:
        inner = inner.setdefault(key, {})
    inner[path[-1]] = value
    return json.dumps(data)


#: What a student could do to a save by hand, each a function of the save's JSON text.
HOSTILE_SAVE_EDITS: list[tuple[str, Any]] = [
    ("deep nesting", lambda t, rng: t.replace('"teams":', '"x": ' + "[" * rng.randint(41, 50_000)
                                               + "]" * 50_000 + ', "teams":', 1)),
    ("huge number", lambda t, rng: t.replace('"seed": ', '"seed": ' + "9" * rng.randint(41, 9000),
                                             1)),
    ("lone surrogate", lambda t, rng: _set(t, ("teams", "us"), "Team \ud83d")),
    ("duplicate key", lambda t, rng: t.replace('"seed":', '"seed": 1, "seed":', 1)),
    ("string version", lambda t, rng: re.sub(r'"version": (\d+)', r'"version": "\1"', t,
                                              count=1)),
    ("unknown side", lambda t, rng: _set(t, ("teams", "martians"), "A")),
    ("huge team name", lambda t, rng: _set(t, ("teams", "us"), "W" * rng.randint(101, 200_000))),
    ("escapes in a team name", lambda t, rng: _set(t, ("teams", "us"),
                                                   "\x1b]0;owned\x07\x1b[2J=cmd|x")),
    ("NaN", lambda t, rng: t.replace('"seed": ', '"seed": NaN, "x": ', 1)),
    ("formula in the outcome", lambda t, rng: _set(t, ("outcome",), "=1+2")),
    ("summary that lies", lambda t, rng: _set(_set(t, ("round",), 1), ("finished",), False)),
]


def hostile_save(raw: bytes, rng: random.Random) -> tuple[str, bytes]:
    """A save edited by hand in one of the ways of :data:`HOSTILE_SAVE_EDITS` (the JSON
    written without spaces after its separators is put back in the usual form first)."""
    text = json.dumps(json.loads(raw))
    name, edit = rng.choice(HOSTILE_SAVE_EDITS)
    return name, edit(text, rng).encode("utf-8", "surrogatepass")
