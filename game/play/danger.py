"""Warnings that the talks are near a breakdown, for every front end.

A scenario's ``breakdown`` outcomes end the game the moment their condition holds, after
any move or event: "calm <= 5", say. A player should see that coming. A meter is in danger
when one heavy blow, the largest single fall any tactic, event or move can deal it in this
scenario, would make such a condition hold. Only conditions on meters alone are read (the
numbers every side sees). Trust is also in danger when it is low enough for a delegation to
walk out (:data:`LOW_TRUST`), or one heavy blow from that. The warning is worked out here
once and shown alike by the terminal, the window and a class's tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from game.model import Scenario


#: Trust (a meter with the id "trust") this far into the bottom of its range is low enough
#: for a delegation to walk out: said to both sides alike, from the meter alone, never
#: from a delegation's own breaking point (which is its own to know).
LOW_TRUST = 0.2


@dataclass(frozen=True)
class Danger:
    """A meter low enough to end the talks: one heavy blow away from *outcome*, or, for
    trust, low enough for a delegation to walk out (*outcome* None)."""

    meter: str
    """The meter's id."""
    name: str
    value: float
    outcome: str | None
    """The name of the outcome that would end the talks (None: a walk-out)."""
    near: bool = False
    """For trust: not yet low enough for a walk-out, but one heavy blow away from it."""

    def consequence(self) -> str:
        """What may follow, as a sentence of its own."""
        if self.outcome is None and self.near:
            return ("One more heavy blow could bring it low enough for a delegation to "
                    "walk out.")
        if self.outcome is None:
            return "This low, a delegation may walk out."
        return f"One more heavy blow could end the talks: \u201c{self.outcome}\u201d."

    def sentence(self) -> str:
        return f"{self.name} is at {self.value:g}. {self.consequence()}"


def _blows(scenario: Scenario) -> Iterable[Mapping[str, float]]:
    """Meter id -> change, for each thing that can happen at once: a tactic's use with every
    extra effect whose condition may hold (they all apply together), an event, a move."""
    for tactic in scenario.tactics:
        for use in tactic.sides.values():
            together = dict(use.effects.meters)
            for extra in use.conditional:
                for meter, delta in extra.effects.meters.items():
                    together[meter] = together.get(meter, 0.0) + delta
            yield together
    for event in scenario.events:
        yield event.effects.meters
    for effects in scenario.move_effects.values():
        yield effects.meters


def heaviest_blows(scenario: Scenario) -> dict[str, float]:
    """Meter id -> the largest single fall any tactic, event or move can deal it (only
    meters that something can lower)."""
    blows: dict[str, float] = {}
    for changes in _blows(scenario):
        for meter, delta in changes.items():
            if delta < 0:
                blows[meter] = max(blows.get(meter, 0.0), -delta)
    return blows


def dangers(scenario: Scenario, meters: Mapping[str, float]) -> list[Danger]:
    """The meters, at the values *meters* gives, that one heavy blow would carry into a
    breakdown (none once a breakdown condition already holds: the game is over)."""
    blows = heaviest_blows(scenario)
    bounds = {m.id: m for m in scenario.meters}
    found: list[Danger] = []
    for outcome in scenario.outcomes:
        if outcome.trigger != "breakdown" or outcome.when is None:
            continue
        condition = scenario.condition(outcome.when)
        if not condition.names or not condition.names <= bounds.keys() or \
                condition.holds(meters):
            continue
        for meter_id in sorted(condition.names):
            blow = blows.get(meter_id)
            if not blow or any(d.meter == meter_id for d in found):
                continue
            lowered = dict(meters)
            lowered[meter_id] = max(meters[meter_id] - blow, bounds[meter_id].min)
            if condition.holds(lowered):
                found.append(Danger(meter_id, bounds[meter_id].name, meters[meter_id],
                                    outcome.name))
    trust = bounds.get("trust")
    if trust is not None and "trust" in meters and \
            not any(d.meter == "trust" for d in found):
        low = meters["trust"] - trust.min - LOW_TRUST * (trust.max - trust.min)
        if low <= 0:
            found.append(Danger("trust", trust.name, meters["trust"], None))
        elif low <= blows.get("trust", 0.0):
            # A playtester's trust stood at 21, unwarned; a rejection and two events took
            # it to 9 before the next move, and a delegation walked out.
            found.append(Danger("trust", trust.name, meters["trust"], None, near=True))
    return found


__all__ = ["Danger", "dangers", "heaviest_blows"]
