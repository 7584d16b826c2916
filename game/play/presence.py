"""How each delegation looks at the table, and who spoke last: read from the public
record only, the same for every seat.

A delegation's face answers the other side's last move toward it, tilted by the climate
of the talks (the shared meters: trust, calm on the ground). Nothing here reads a side's
private values, fallback or stance: a face must never tell a player what only the other
team knows. An offer is judged as both teams see it at the table, by how many issues it
settles as the watching side's own latest proposal does (the engine's own public measure
of conceding and hardening, edition 3).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from game.analysis import from_ids
from game.model import Scenario
from game.moves import Entry
from game.speech import directions, step

Expression = Literal["angry", "firm", "neutral", "pleased"]
#: Every expression, from the worst mood to the best.
EXPRESSIONS: tuple[Expression, ...] = ("angry", "firm", "neutral", "pleased")

#: How a side takes a tactic of each kind used toward it.
TACTIC_FACES: dict[str, Expression] = {
    "threat": "angry", "precondition": "firm", "allies": "firm", "statement": "neutral",
    "question": "neutral", "preference": "neutral", "appeal": "pleased",
    "concession": "pleased"}
#: How a side takes the other side's other moves.
MOVE_FACES: dict[str, Expression] = {"accept": "pleased", "reject": "firm",
                                     "walkout": "angry", "pass": "neutral"}
#: Below this share of their range the shared meters make a face one step darker; above
#: ``1 - LOW_CLIMATE``, one step brighter.
LOW_CLIMATE = 0.3


def public(entries: Sequence[Entry]) -> list[Entry]:
    """The entries both sides see (a seat's own private entries are left out, so that
    every seat sees the same faces)."""
    return [e for e in entries if e.private is None]


def last_speaker(entries: Sequence[Entry]) -> str | None:
    """The side that made the last move or answer in *entries* (None: nobody yet)."""
    for entry in reversed(entries):
        if entry.private is None and entry.kind in ("move", "reply") and entry.speaker:
            return entry.speaker
    return None


def climate(scenario: Scenario, entries: Sequence[Entry]) -> float | None:
    """The shared meters' mean value as a share of their ranges (0 to 1), as the record
    stands after *entries*; None when the scenario has no shared meter."""
    shared = [m for m in scenario.meters if m.side is None and m.max > m.min]
    if not shared:
        return None
    values = {m.id: float(m.start) for m in shared}
    found: set[str] = set()
    for entry in reversed(entries):
        if entry.private is not None:
            continue
        for change in entry.changes:
            if change.kind == "meter" and change.target in values and \
                    change.target not in found:
                values[change.target] = change.after
                found.add(change.target)
        if len(found) == len(values):
            break
    return sum((values[m.id] - m.min) / (m.max - m.min) for m in shared) / len(shared)


def _matches(a: Mapping[str, str], b: Mapping[str, str]) -> int:
    return sum(1 for issue, option in a.items() if b.get(issue) == option)


def offer_face(scenario: Scenario, entries: Sequence[Entry], at: int, side: str) -> Expression:
    """How *side* takes the proposal at *entries[at]* by the other side: pleased when it
    meets *side*'s own latest proposal on more issues than the proposer's previous one did
    (or on every issue), angry when on fewer (an option left for one nearer *side*'s
    opening proposal, or for one *side* proposed itself, is not counted as fewer), firm
    when on as many; a first proposal is
    neutral if it meets half of them or more, else firm. Neutral when *side* has proposed
    nothing yet."""
    offer = entries[at].offer or {}
    mine: Mapping[str, str] | None = None
    previous: Mapping[str, str] | None = None
    proposer = entries[at].speaker
    for entry in reversed(entries[:at]):
        if entry.kind != "move" or entry.offer is None or entry.move is None or \
                entry.move.kind != "propose":
            continue
        if entry.speaker == side and mine is None:
            mine = entry.offer
        elif entry.speaker == proposer and previous is None:
            previous = entry.offer
        if mine is not None and previous is not None:
            break
    if mine is None:
        return "neutral"
    issues = len(scenario.issues)
    now = _matches(offer, mine)
    if now == issues:
        return "pleased"
    if previous is None:
        return "neutral" if 2 * now >= issues else "firm"
    # As the record judges it (:func:`game.speech.step`): leaving *side*'s option for one
    # nearer *side*'s opening proposal, or for one *side* proposed itself, gives more than
    # was asked, not a step away.
    asked = [from_ids(scenario, e.offer) for e in entries[:at]
             if e.kind == "move" and e.speaker == side and e.offer is not None
             and e.move is not None and e.move.kind == "propose"]
    opening = next(e.offer for e in entries[:at]
                   if e.kind == "move" and e.speaker == proposer and e.offer is not None
                   and e.move is not None and e.move.kind == "propose")
    toward, _ = step(from_ids(scenario, previous), from_ids(scenario, offer),
                     from_ids(scenario, mine), asked, opening=from_ids(scenario, opening),
                     ends=directions(scenario.issues, scenario.other(side)))
    return "pleased" if toward > 0 else "angry" if toward < 0 else "firm"


def reaction(scenario: Scenario, entries: Sequence[Entry], side: str) -> Expression:
    """How *side* takes the other side's last move in *entries* (public ones only),
    before the climate is counted; neutral before the other side has moved."""
    seen = public(entries)
    for at in range(len(seen) - 1, -1, -1):
        entry = seen[at]
        if entry.kind != "move" or entry.speaker in (None, side) or entry.move is None:
            continue
        move = entry.move
        if move.kind == "propose":
            return offer_face(scenario, seen, at, side)
        if move.kind == "tactic":
            tactic = next((t for t in scenario.tactics if t.id == move.tactic), None)
            return TACTIC_FACES.get(tactic.kind if tactic else "", "neutral")
        return MOVE_FACES.get(move.kind, "neutral")
    return "neutral"


def expression(scenario: Scenario, entries: Sequence[Entry], side: str) -> Expression:
    """The face *side*'s delegation shows after *entries* (the record as far as it is
    shown; private entries are ignored).

    Once the talks are over: pleased at an agreement; at a walk-out, firm for the side that
    left and angry for the side left at the table; otherwise firm. While they go on: the
    other side's last move toward *side* (:func:`reaction`). Then the climate tilts a firm
    or neutral face one step: darker when the shared meters are low (under 30% of their
    range), brighter when they are high (over 70%)."""
    seen = public(entries)
    ended = next((e for e in reversed(seen) if e.kind == "outcome"), None)
    if ended is not None:
        outcome = scenario.outcome(ended.ref)
        trigger = outcome.trigger if outcome else ""
        if trigger == "agreement":
            return "pleased"
        if trigger == "walkout":
            walker = next((e.speaker for e in reversed(seen) if e.move is not None
                           and e.move.kind == "walkout"), None)
            return "firm" if walker == side else "angry"
        face: Expression = "firm"
    else:
        face = reaction(scenario, seen, side)
    if face in ("firm", "neutral"):
        level = climate(scenario, seen)
        step = 0 if level is None else -1 if level < LOW_CLIMATE else \
            1 if level > 1 - LOW_CLIMATE else 0
        face = EXPRESSIONS[EXPRESSIONS.index(face) + step]
    return face
