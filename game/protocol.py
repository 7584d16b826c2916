"""The turn protocol: a game's phases as a ``transitions`` state machine, and the snapshot
of where a game stands that every front end reads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from transitions import Machine

from game.model import Phase, Scenario
from game.moves import Move

#: The machine's final state, after the last phase.
ENDED = "ended"


class TurnProtocol:
    """The model the ``transitions`` Machine conducts: its ``state`` is the current phase."""

    state: str
    trigger: Callable[[str], bool]  # added by the Machine


class PhaseMachine:
    """A scenario's turn protocol built once (:func:`build_machine`, with no model of its
    own) and shared by every game of the scenario. Each game's :meth:`start` gives it a
    model of its own; the transitions the machine defines are read into a table once, so a
    game moves from phase to phase by looking its trigger up (a trigger the machine does
    not allow from the current phase goes to the machine itself, which refuses it)."""

    def __init__(self, scenario: Scenario) -> None:
        self.machine: Any = build_machine(scenario, None)
        #: (phase, trigger) -> the phase it leads to.
        self.table: dict[tuple[str, str], str] = {}
        for name, event in self.machine.events.items():
            for source, moves in event.transitions.items():
                # Only plain transitions (no conditions, no callbacks) are read ahead; the
                # protocol has no others.
                plain = [t for t in moves if not (t.conditions or t.prepare or t.before
                                                  or t.after)]
                if moves and plain == moves:
                    self.table[(source, name)] = moves[0].dest
        plain_states = all(not (state.on_enter or state.on_exit)
                           for state in self.machine.states.values())
        machine_hooks = (self.machine.before_state_change, self.machine.after_state_change,
                         self.machine.prepare_event, self.machine.finalize_event,
                         self.machine.on_final)
        if not plain_states or any(machine_hooks):
            self.table.clear()

    def start(self) -> TurnProtocol:
        """A new game's protocol, in the first phase."""
        return _Protocol(self)


class _Protocol(TurnProtocol):
    """One game's place in a shared :class:`PhaseMachine`."""

    def __init__(self, machine: PhaseMachine) -> None:
        self.state = machine.machine.initial
        self._table = machine.table
        self._events = machine.machine.events

    def trigger(self, name: str) -> bool:
        dest = self._table.get((self.state, name))
        if dest is not None:
            self.state = dest
            return True
        # What the Machine's own ``trigger`` does for a model it was given.
        event = self._events.get(name)
        if event is None:
            raise AttributeError(f"Do not know event named {name!r}.")
        result: bool = event.trigger(self)
        return result


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


def phase_plan(scenario: Scenario, rounds: int | None) -> list[tuple[Phase, int]]:
    """Each phase with the rounds it lasts: a teacher's *rounds* setting (None: not set)
    replaces the round count of the scenario's adjustable phase."""
    return [(p, rounds if p.adjustable and rounds else p.rounds) for p in scenario.phases]


class GameState(NamedTuple):
    """A snapshot of the game, as both sides can see it: nothing in it is private to a
    side. Packages are ``{issue_id: option_id}`` mappings. (A named tuple: one is made
    every turn, and tuples are made fast.)"""

    phase: str
    """The id of the current phase (of the last one, once the game is over)."""
    round: int
    rounds: int
    """Rounds in the whole game."""
    phase_round: int
    """The round within the current phase (1-based)."""
    phase_rounds: int
    """Rounds in the current phase."""
    turn: int
    to_move: str | None
    meters: dict[str, float]
    standing: dict[str, str] | None
    """The proposal on the table, if any."""
    standing_by: str | None
    finished: bool
    outcome: str | None
    agreed: dict[str, str] | None
    walked_out: str | None
    last_turn: bool
    """Whether the next move is the last of the game (no proposal can be answered)."""
    offers: tuple[tuple[str, dict[str, str]], ...]
    """Every proposal made so far, in order: (side, package)."""
    revealed: dict[str, tuple[str, ...]]
    """Side id -> the issue ids it has said matter most to it, most important first."""
    asked: str | None = None
    """The side asked what matters most that has not answered yet (it answers before its
    move)."""

    def last_offer(self, side: str) -> dict[str, str] | None:
        """*side*'s latest proposal, if it made one."""
        return next((p for who, p in reversed(self.offers) if who == side), None)


class Choice(NamedTuple):
    """One move a side has, and why it cannot make it now (None: it can).

    A proposal is listed once, without a package (any coherent package may be proposed);
    a tactic's move names the tactic. The sentence is the engine's, for every front end.
    """

    move: Move
    why_not: str | None

    @property
    def available(self) -> bool:
        return self.why_not is None
