"""The turn protocol: a game's phases as a ``transitions`` state machine, and the snapshot
of where a game stands that every front end reads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from transitions import Machine

from game.model import Scenario

#: The machine's final state, after the last phase.
ENDED = "ended"


class TurnProtocol:
    """The model the ``transitions`` Machine conducts: its ``state`` is the current phase."""

    state: str
    trigger: Callable[[str], bool]  # added by the Machine


def build_machine(scenario: Scenario, model: Any, machine_class: type = Machine,
                  **options: Any) -> Any:
    """The turn protocol as a ``transitions`` machine: one state per phase, ``advance`` to
    the next phase, ``conclude`` from any phase to the end. Built from validated ids only."""
    states = [p.id for p in scenario.phases] + [ENDED]
    transitions: list[dict[str, Any]] = [{"trigger": "advance", "source": a.id, "dest": b.id}
                   for a, b in zip(scenario.phases, scenario.phases[1:])]
    transitions.append({"trigger": "conclude", "source": [p.id for p in scenario.phases],
                        "dest": ENDED})
    return machine_class(model=model, states=states, transitions=transitions,
                         initial=scenario.phases[0].id, auto_transitions=False,
                         ignore_invalid_triggers=False, **options)


@dataclass(frozen=True)
class GameState:
    """A snapshot of the game, as both sides can see it."""

    phase: str
    round: int
    rounds: int
    phase_round: int
    phase_rounds: int
    turn: int
    to_move: str | None
    meters: dict[str, float]
    standing: dict[str, str] | None
    standing_by: str | None
    finished: bool
    outcome: str | None
    agreed: dict[str, str] | None
    walked_out: str | None
    last_turn: bool
