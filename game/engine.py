"""The engine: plays a scenario turn by turn and keeps the game record.

Every front end uses the same narrow face::

    game = Game(scenario, settings, seed)   # start
    game.legal_moves()                      # what the side to move may do
    game.apply(move)                        # make a move; returns the new log entries
    game.state                              # a snapshot of where the game stands
    game.log                                # the record, one Entry per line

A game is its scenario, settings, seed and list of moves: :meth:`Game.replay` rebuilds it,
byte for byte, and :meth:`Game.undone` takes moves back by replaying the others.
"""

from __future__ import annotations

import logging
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, Literal

from transitions import MachineError

from game.analysis import DealReport, Package, deal_report, from_ids, outcome_space, to_ids
from game.errors import IllegalMoveError
from game.model import Effects, Outcome, Phase, Scenario, Tactic
from game.moves import Entry, Move
from game.protocol import ENDED, GameState, TurnProtocol, build_machine
from game.settings import Settings

log = logging.getLogger(__name__)

_DEFAULT_LINES = {
    "propose": "We propose:",
    "counter": "We cannot accept that as it stands. Our counter-proposal:",
    "accept": "We accept the proposal on the table.",
    "reject": "We reject the proposal on the table.",
    "walkout": "We see no point in going on. Our delegation is leaving the table.",
    "pass": "We have nothing to add this turn; our position stands.",
}


class Game:
    """One game of a scenario. See the module's docstring for its face."""

    def __init__(self, scenario: Scenario, settings: Settings | None = None,
                 seed: int = 0, teams: dict[str, str] | None = None) -> None:
        self.scenario = scenario
        self.settings = settings or Settings()
        self.seed = seed
        #: Side id -> the name of the team (or "Computer") playing it, for the record.
        self.teams = dict(teams or {})
        self.space = outcome_space(scenario)
        self.sides = scenario.side_ids
        self.phase_plan: list[tuple[Phase, int]] = [
            (p, self.settings.rounds if p.adjustable and self.settings.rounds else p.rounds)
            for p in scenario.phases]
        self.total_rounds = sum(n for _, n in self.phase_plan)
        self.protocol = TurnProtocol()
        build_machine(scenario, self.protocol)
        self.meters: dict[str, float] = {m.id: float(m.start) for m in scenario.meters}
        self.bounds = {m.id: (m.min, m.max) for m in scenario.meters}
        self.batna = {s: scenario.sides[s].batna.value for s in self.sides}
        self.stance = {s: 0.0 for s in self.sides}
        self.standing: Package | None = None
        self.standing_by: str | None = None
        self.last_offer: dict[str, Package] = {}
        self.offer_history: list[tuple[str, Package]] = []
        self.used: Counter[str] = Counter()
        self.used_by: Counter[tuple[str, str]] = Counter()
        self.fired: Counter[str] = Counter()
        self.revealed: dict[str, list[str]] = {s: [] for s in self.sides}
        self.turn = 0
        self.round = 1
        self.agreed: Package | None = None
        self.walked_out: str | None = None
        self.outcome: Outcome | None = None
        self.moves: list[tuple[str, Move, str | None]] = []
        self._log: list[Entry] = []
        self._phases = {p.id: p for p in scenario.phases}
        self._conditions = scenario._conditions
        self._names = self._initial_names()
        self._names[self.current_phase_id] = 1.0
        self._tactics = {t.id: t for t in scenario.tactics}
        self._side_tactics = {s: [t for t in scenario.tactics if s in t.sides]
                              for s in self.sides}
        #: The meters after each turn (index 0: at the start), for the debrief's chart.
        self.meter_history: list[dict[str, float]] = []
        self._begin_round()
        self.meter_history.append(dict(self.meters))

    # ----- the face ---------------------------------------------------------------------

    @classmethod
    def replay(cls, scenario: Scenario, settings: Settings | None, seed: int,
               moves: Iterable[tuple[str, Move, str | None]],
               teams: dict[str, str] | None = None) -> Game:
        """Rebuild a game from its moves; raises :class:`IllegalMoveError` at the first
        move that is no longer legal (its message says which)."""
        game = cls(scenario, settings, seed, teams)
        for number, (side, move, reason) in enumerate(moves, 1):
            if side != game.to_move:
                raise IllegalMoveError(f"move {number}: it is not {side}'s turn")
            try:
                game.apply(move, reason)
            except IllegalMoveError as exc:
                raise IllegalMoveError(f"move {number}: {exc}") from exc
        return game

    @classmethod
    def replay_legal(cls, scenario: Scenario, settings: Settings | None, seed: int,
                     moves: Sequence[tuple[str, Move, str | None]],
                     teams: dict[str, str] | None = None) -> tuple[Game, str | None]:
        """Rebuild a game from its moves as far as they are still legal (the scenario may
        have changed since they were played); returns the game and, when a move had to be
        dropped, a sentence saying which."""
        game = cls(scenario, settings, seed, teams)
        for number, (side, move, reason) in enumerate(moves, 1):
            try:
                if side != game.to_move:
                    raise IllegalMoveError(f"it is not {side}'s turn")
                game.apply(move, reason)
            except IllegalMoveError as exc:
                return game, (f"Move {number} of {len(moves)} can no longer be played "
                              f"({exc}); the game was rebuilt up to move {number - 1}.")
        return game, None

    def undone(self, count: int = 1) -> Game:
        """A copy of this game with its last *count* moves taken back."""
        if not 0 < count <= len(self.moves):
            raise IllegalMoveError(f"cannot take back {count} move(s); "
                                   f"{len(self.moves)} made")
        return Game.replay(self.scenario, self.settings, self.seed, self.moves[:-count],
                           self.teams)

    @property
    def finished(self) -> bool:
        return self.outcome is not None

    @property
    def to_move(self) -> str | None:
        return None if self.finished else self.sides[self.turn % 2]

    @property
    def phase(self) -> Phase:
        return self._phases[self.current_phase_id]

    @property
    def current_phase_id(self) -> str:
        if self.protocol.state == ENDED:
            return self._phase_at(min(self.round, self.total_rounds))[0].id
        return self.protocol.state

    @property
    def last_turn(self) -> bool:
        return self.round == self.total_rounds and self.turn % 2 == 1

    @property
    def log(self) -> Sequence[Entry]:
        return tuple(self._log)

    def visible_log(self, side: str | None) -> list[Entry]:
        """The entries *side* may see (None: only those both sides see)."""
        return [e for e in self._log if e.private is None or e.private == side]

    @property
    def state(self) -> GameState:
        phase, first = self._phase_at(min(self.round, self.total_rounds))
        return GameState(
            phase=self.current_phase_id, round=self.round, rounds=self.total_rounds,
            phase_round=min(self.round, self.total_rounds) - first + 1,
            phase_rounds=dict((p.id, n) for p, n in self.phase_plan)[phase.id],
            turn=self.turn, to_move=self.to_move, meters=dict(self.meters),
            standing=self._ids(self.standing), standing_by=self.standing_by,
            finished=self.finished, outcome=self.outcome.id if self.outcome else None,
            agreed=self._ids(self.agreed), walked_out=self.walked_out,
            last_turn=self.last_turn)

    def legal_moves(self) -> list[Move]:
        """Moves the side to move may make now. A proposal appears once, without a
        package: any full package may be proposed."""
        if self.finished:
            return []
        side = self.sides[self.turn % 2]
        allowed = self.phase.moves
        moves: list[Move] = []
        if "propose" in allowed and not self.last_turn:
            moves.append(Move("propose"))
        if self.standing is not None and self.standing_by != side:
            if "accept" in allowed:
                moves.append(Move.accept())
            if "reject" in allowed:
                moves.append(Move.reject())
        moves += [Move.use(t.id) for t, why in self.tactics(side) if why is None]
        if "walkout" in allowed:
            moves.append(Move.walkout())
        moves.append(Move.wait())
        return moves

    def tactics(self, side: str) -> list[tuple[Tactic, str | None]]:
        """Every tactic *side* has, each with None when usable now or why it is not."""
        phase = self.phase
        return [(tactic, self._unavailable(side, tactic, phase))
                for tactic in self._side_tactics[side]]

    def apply(self, move: Move, reason: str | None = None) -> list[Entry]:
        """Make *move* for the side to move; returns the log entries it caused.

        *reason* is a computer player's one-sentence reason, kept private to its side.
        Raises :class:`IllegalMoveError` when the move is not legal now.
        """
        if self.finished:
            raise IllegalMoveError("the game is over")
        side = self.sides[self.turn % 2]
        self._check(side, move)
        start = len(self._log)
        self.moves.append((side, move, reason))
        if reason:
            self._add("reason", reason, side=side, private=side)
        handler = getattr(self, f"_do_{move.kind}")
        handler(side, move)
        if not self.finished:
            self._check_breakdown()
        if self.finished:
            self.meter_history.append(dict(self.meters))
        else:
            self.turn += 1
            self._set("turn", self.turn)
            if self.turn % 2 == 0:
                if self.round >= self.total_rounds:
                    self._finish("deadline")
                else:
                    self.round += 1
                    self._set("round", self.round)
                    self._set("rounds_left", self.total_rounds - self.round)
                    self._begin_round()
            self.meter_history.append(dict(self.meters))
        return self._log[start:]

    def report(self) -> DealReport:
        """The analysis of the game's end (or of the present, while it goes on)."""
        return deal_report(self.scenario, self.agreed, self.batna)

    def names(self) -> dict[str, float]:
        """The numbers a scenario condition sees now (a live view: do not change it)."""
        return self._names

    def _set(self, name: str, value: float) -> None:
        """Change one number conditions see; every change of state goes through here."""
        self._names[name] = float(value)

    def _set_package(self, package: Package | None) -> None:
        for n, issue in enumerate(self.scenario.issues):
            self._set(issue.id, package[n] + 1 if package is not None else 0)

    def _initial_names(self) -> dict[str, float]:
        names = {o.id: float(n) for i in self.scenario.issues for n, o in enumerate(i.options, 1)}
        names.update(self.meters)
        names.update({i.id: 0.0 for i in self.scenario.issues})
        names.update({p.id: 0.0 for p in self.scenario.phases})
        names.update({t.id: 0.0 for t in self.scenario.tactics})
        names.update({e.id: 0.0 for e in self.scenario.events})
        names.update(round=1.0, rounds_left=float(self.total_rounds - 1), turn=0.0,
                     offers=0.0, agreed=0.0, walkout=0.0)
        names.update({f"walkout_{side}": 0.0 for side in self.sides})
        return names

    def holds(self, text: str | None) -> bool:
        """Whether a condition written in the scenario holds now (no condition: True)."""
        if text is None:
            return True
        return self._conditions[text].holds(self._names)

    def package_text(self, package: Package) -> str:
        return "; ".join(issue.options[i].name for issue, i in
                         zip(self.scenario.issues, package))

    def tactic(self, tactic_id: str) -> Tactic:
        return self._tactics[tactic_id]

    def side_name(self, side: str) -> str:
        return self.scenario.sides[side].name

    # ----- rules ------------------------------------------------------------------------

    def _check(self, side: str, move: Move) -> None:
        allowed = self.phase.moves
        name = self.phase.name
        if move.kind == "tactic":
            if move.tactic is None:
                raise IllegalMoveError("a tactic move must name a tactic")
            tactic = self._tactics.get(move.tactic)
            if tactic is None:
                raise IllegalMoveError(f"no tactic {move.tactic!r} in this scenario")
            why = self._unavailable(side, tactic)
            if why:
                raise IllegalMoveError(f"{tactic.name!r} is not available: {why}")
            return
        if move.kind == "pass":
            return
        if move.kind not in allowed:
            raise IllegalMoveError(f"{move.kind!r} is not allowed in phase {name!r}")
        if move.kind == "propose":
            if self.last_turn:
                raise IllegalMoveError("the last move of the game cannot be a proposal: "
                                       "nobody could answer it")
            try:
                from_ids(self.scenario, move.chosen)
            except ValueError as exc:
                raise IllegalMoveError(str(exc)) from None
        elif move.kind in ("accept", "reject"):
            if self.standing is None or self.standing_by == side:
                raise IllegalMoveError(f"there is no proposal from the other side to "
                                       f"{move.kind}")

    def _unavailable(self, side: str, tactic: Tactic, phase: Phase | None = None) -> str | None:
        phase = phase or self.phase
        if self.finished:
            return "the game is over"
        if side not in tactic.sides:
            return f"{self.side_name(side)} cannot use it"
        if "tactic" not in phase.moves:
            return f"no tactics in phase {phase.name!r}"
        if tactic.phases is not None and phase.id not in tactic.phases:
            names = ", ".join(self.scenario.phase(p).name for p in tactic.phases)
            return f"only in: {names}"
        if tactic.limit is not None and self.used_by[(side, tactic.id)] >= tactic.limit:
            return f"already used {tactic.limit} time{'s' if tactic.limit > 1 else ''}"
        if not self.holds(tactic.when):
            return tactic.when_text or f"needs {tactic.when}"
        return None

    def _do_propose(self, side: str, move: Move) -> None:
        package = from_ids(self.scenario, move.chosen)
        countering = self.standing is not None and self.standing_by != side
        lines = self.scenario.sides[side].lines
        kind: Literal["counter", "propose"] = "counter" if countering else "propose"
        line = lines.get(kind, _DEFAULT_LINES[kind])
        self._add("move", f"{line} {self.package_text(package)}.", side=side,
                  move=move.to_json())
        previous = self.last_offer.get(side)
        if previous is not None and previous != package:
            change = self.space.utility_of(side, package) - self.space.utility_of(side, previous)
            shift = "concede" if change < -0.005 else "harden" if change > 0.005 else None
            if shift and shift in self.scenario.move_effects:
                verb = ("concedes ground, by its own measure" if shift == "concede" else
                        "hardens its position, by its own measure")
                self._effects(self.scenario.move_effects[shift],
                              f"{self.side_name(side)} {verb}.")
        self.standing, self.standing_by = package, side
        self.last_offer[side] = package
        self.offer_history.append((side, package))
        self._set_package(package)
        self._set("offers", len(self.offer_history))

    def _do_accept(self, side: str, move: Move) -> None:
        self._add("move", self.scenario.sides[side].lines.get("accept",
                                                               _DEFAULT_LINES["accept"]),
                  side=side, move=move.to_json())
        self.agreed = self.standing
        self._set("agreed", 1)
        self._finish("agreement")

    def _do_reject(self, side: str, move: Move) -> None:
        self._add("move", self.scenario.sides[side].lines.get("reject",
                                                               _DEFAULT_LINES["reject"]),
                  side=side, move=move.to_json())
        self.standing = self.standing_by = None
        self._set_package(None)
        if "reject" in self.scenario.move_effects:
            self._effects(self.scenario.move_effects["reject"], "The rejection costs trust.")

    def _do_walkout(self, side: str, move: Move) -> None:
        self._add("move", self.scenario.sides[side].lines.get("walkout",
                                                               _DEFAULT_LINES["walkout"]),
                  side=side, move=move.to_json())
        self.walked_out = side
        self._set("walkout", 1)
        self._set(f"walkout_{side}", 1)
        self._finish("walkout")

    def _do_pass(self, side: str, move: Move) -> None:
        self._add("move", self.scenario.sides[side].lines.get("pass", _DEFAULT_LINES["pass"]),
                  side=side, move=move.to_json())

    def _do_tactic(self, side: str, move: Move) -> None:
        tactic = self._tactics[move.tactic or ""]
        use = tactic.sides[side]
        self.used[tactic.id] += 1
        self._set(tactic.id, self.used[tactic.id])
        self.used_by[(side, tactic.id)] += 1
        self._add("move", use.line, side=side, move=move.to_json(), cite=use.cite,
                  ref=tactic.id)
        other = self.scenario.other(side)
        reaction = self.scenario.sides[other].personality.reactions.get(tactic.kind, 0.0)
        stance = Effects(stance={other: round(tactic.pressure * reaction, 4)}) \
            if tactic.pressure and reaction else Effects()
        self._effects(use.effects.model_copy(update={"stance": {**use.effects.stance,
                                                                **stance.stance}}),
                      f"Effects of \u201c{tactic.name}\u201d.")
        if tactic.kind == "question":
            self._reveal(other, "In answer:")
        elif tactic.kind == "preference":
            self._reveal(side, "")

    def _reveal(self, side: str, lead: str) -> None:
        weights = self.scenario.sides[side].weights
        order = sorted(self.scenario.issues, key=lambda i: -weights[i.id])
        left = [i for i in order if i.id not in self.revealed[side]]
        if not left:
            text = "We have already told you what matters most to us."
        else:
            issue = left[0]
            self.revealed[side].append(issue.id)
            rank = len(self.revealed[side])
            which = "most" if rank == 1 else f"{_ordinal(rank)} most"
            text = f"What matters {which} to us: {issue.name}."
        self._add("reply", f"{lead} {text}".strip(), side=side,
                  ref=self.revealed[side][-1] if left else None)

    def _effects(self, effects: Effects, why: str) -> None:
        changes: dict[str, float] = {}
        for meter, delta in effects.meters.items():
            low, high = self.bounds[meter]
            new = min(max(self.meters[meter] + delta, low), high)
            if new != self.meters[meter]:
                changes[meter] = round(new - self.meters[meter], 4)
                self.meters[meter] = new
                self._set(meter, new)
        for side, delta in effects.batna.items():
            new = min(max(self.batna[side] + delta, 0.0), 1.0)
            if new != self.batna[side]:
                changes[f"batna:{side}"] = round(new - self.batna[side], 4)
                self.batna[side] = round(new, 4)
        for side, delta in effects.stance.items():
            if delta:
                self.stance[side] = round(self.stance[side] + delta, 4)
                changes[f"stance:{side}"] = round(delta, 4)
        if changes:
            self._add("effect", why, changes=changes)

    def _begin_round(self) -> None:
        phase, first = self._phase_at(self.round)
        if self.round == first:
            if self.round > 1:
                self._set(self.protocol.state, 0)
                self.protocol.trigger("advance")
                self._set(self.protocol.state, 1)
            self._add("phase", f"{phase.name}: {phase.description}", ref=phase.id)
        # One draw per event per round, whether or not it can happen, so that one
        # event's condition never changes another's luck.
        dice = random.Random(self.seed * 1_000_003 + self.round)
        for event in self.scenario.events:
            roll = dice.random()
            if self.finished:
                return
            if event.once and self.fired[event.id]:
                continue
            if not self.holds(event.when):
                continue
            if roll >= event.chance:
                continue
            self.fired[event.id] += 1
            self._set(event.id, self.fired[event.id])
            again = " (again)" if self.fired[event.id] > 1 else ""
            self._add("event", f"{event.name}{again}. {event.text}", cite=event.cite,
                      ref=event.id)
            self._effects(event.effects, f"Effects of \u201c{event.name}\u201d.")
            self._check_breakdown()

    def _check_breakdown(self) -> None:
        for outcome in self.scenario.outcomes:
            if outcome.trigger == "breakdown" and self.holds(outcome.when):
                self._end(outcome)
                return

    def _finish(self, trigger: str) -> None:
        for outcome in self.scenario.outcomes:
            if outcome.trigger == trigger and self.holds(outcome.when):
                self._end(outcome)
                return
        raise AssertionError(f"validated scenario has no fallback for {trigger!r}")

    def _end(self, outcome: Outcome) -> None:
        self.outcome = outcome
        try:
            self.protocol.trigger("conclude")
        except MachineError as exc:  # pragma: no cover - the machine allows it from any phase
            raise IllegalMoveError(str(exc)) from exc
        self._add("outcome", f"{outcome.name}. {outcome.text}", ref=outcome.id)
        log.debug("game over: %s after %d turns", outcome.id, self.turn)

    def _phase_at(self, round_number: int) -> tuple[Phase, int]:
        first = 1
        for phase, rounds in self.phase_plan:
            if round_number < first + rounds:
                return phase, first
            first += rounds
        return self.phase_plan[-1][0], first - self.phase_plan[-1][1]

    def _ids(self, package: Package | None) -> dict[str, str] | None:
        return to_ids(self.scenario, package) if package is not None else None

    def _add(self, kind: Any, text: str, *, side: str | None = None,
             move: dict[str, Any] | None = None, cite: Sequence[str] = (),
             changes: dict[str, float] | None = None, private: str | None = None,
             ref: str | None = None) -> None:
        self._log.append(Entry(self.turn, self.round, self.current_phase_id, kind, text,
                               side, move, tuple(cite), changes or {}, private, ref))


def _ordinal(n: int) -> str:
    return {2: "second", 3: "third", 4: "fourth", 5: "fifth"}.get(n, f"{n}th")
