"""What a device at the table may know: the scenario and the record as one side sees them.

A client is sent the scenario with the other side's private data replaced by neutral
stand-ins (brief, priorities, fallback, red lines, weights, values, combinations and the
computer's personality), the record entries its side may see, and the public state of the
table. It can show its own brief, price its own offers and word every entry with that
alone; it cannot learn the other side's values, because they are never sent before the
game ends.
"""

from __future__ import annotations

from typing import Any

from game.engine import Game
from game.model import Scenario
from game.moves import Entry

#: What a client is told stands in for the other side's confidential data.
WITHHELD = "Confidential to the other delegation."


def side_scenario(scenario: Scenario, side: str) -> dict[str, Any]:
    """*scenario* as plain JSON data, with every side but *side* stripped of its private
    data. Raises ``ValueError`` for a side the scenario does not have."""
    if side not in scenario.sides:
        raise ValueError(f"no side {side!r} in this scenario")
    data = scenario.model_dump(mode="json", by_alias=True)
    for other, spec in data["sides"].items():
        # Pictures are found on the server's disk, not the client's.
        spec["portrait"] = spec["flag"] = None
        if other == side:
            continue
        weight = 1.0 / len(scenario.issues)
        spec.update({
            "brief": WITHHELD,
            "priorities": [WITHHELD],
            "cite": [],
            "batna": {"name": "Their fallback", "description": WITHHELD, "value": 0.0,
                      "cite": []},
            "red_lines": [],
            "weights": {issue.id: weight for issue in scenario.issues},
            "values": {issue.id: {option.id: 0.0 for option in issue.options}
                       for issue in scenario.issues},
            "combinations": [],
            "personality": {"strategy": "linear"},
        })
    return data


def is_shown_to(entry: Entry, side: str) -> bool:
    """Whether *side* may see *entry*: it is not private to the other side, and it is not
    the computer's reasoning for the other side."""
    if entry.private is not None and entry.private != side:
        return False
    return not (entry.kind == "reason" and entry.speaker not in (None, side))


def side_record(game: Game, side: str) -> list[Entry]:
    """The record *side* may see, in order."""
    return [entry for entry in game.visible_log(side) if is_shown_to(entry, side)]
