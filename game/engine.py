"""The engine: plays a scenario turn by turn and keeps the game record.

Every front end uses the same narrow face::

    game = Game(scenario, settings, seed)   # start
    game.choices(side)                      # every move a side has, and why not now
    game.apply(move)                        # make a move; returns the new record entries
    game.state                              # a snapshot of where the game stands (public)
    game.log                                # the record: structured entries
    game.view(side)                         # the game as one side may see it

The rule state itself is private. A game is its scenario, settings, seed and list of moves:
:meth:`Game.replay` rebuilds it, byte for byte, and :meth:`Game.undone` takes moves back by
replaying the others.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal, cast

from transitions import MachineError

from game.analysis import DealReport, OutcomeSpace, Package, deal_report, from_ids, \
    outcome_space
from game.coherence import incoherence
from game.conditions import Condition
from game.errors import IllegalMoveError
from game.model import (BEFORE_THE_MOVE, Effects, Event, Outcome, Phase, RedLine, SaidWhen,
                        Scenario, Tactic)
from game.moves import TRADE, Change, Entry, EntryKind, Move
from game.protocol import ENDED, Choice, GameState, PhaseMachine, phase_plan
from game.reactions import reaction_factor
from game.settings import Settings
from game.speech import (EDITION, FARTHER, MEETS, MORE, NEARER, TAKEN_BACK, TAKEN_UP, Table,
                         asked_by, directions, how_much, judged_issues, meets, offer_words,
                         only_taken_up, ordinal, package_speech, pick_line, traded, weighed,
                         what_matters)
from game.view import Knowledge, OtherSide, OwnSpace, SideView
from game.untrusted import shorten

log = logging.getLogger(__name__)

#: What a side without lines of its own for it says when it proposes its last package
#: again, by turn.
_STAND_BY = ("We stand by our offer.", "Our offer stands as it was.",
             "We hold to our last proposal.")
#: What a side says when it proposes the other side's latest proposal back, whole: it
#: cannot accept it (it is no longer the one on the table), and a concession's words with
#: the changes read out ("Washington can move some way toward you: On who is left outside
#: ...") hid that it now asks for nothing more (a playtest).
_THEIRS_BACK = "Your last proposal is one we can sign as it stands: we put it back on the table."

_DEFAULT_LINES = {
    "answer": "",
    "deflect": "Everything on this agenda matters to us; let us talk about the package as "
               "a whole.",
    "decline": "We will not discuss our priorities at this table.",
    "propose": "We propose:",
    "counter": "We cannot accept that as it stands. Our counter-proposal:",
    "concede": "We can move some way toward you:",
    "stand_by": _STAND_BY[0],
    "accept": "We accept the proposal on the table.",
    "reject": "We reject the proposal on the table.",
    "walkout": "We see no point in going on. Our delegation is leaving the table.",
    "pass": "We have nothing to add for now.",
}
# When none of a side's hold lines can be said now, its pass words: a default that waits
# for an answer would be false on the last move of the talks, which nobody can answer.
_DEFAULT_LINES["hold"] = _DEFAULT_LINES["pass"]


#: The most judgements, or proposals' words, a scenario's rules keep (see :class:`Rules`).
_KEPT_LIMIT = 4096

#: How many of a side's latest lines it does not say again while another will do.
RECENT_LINES = 3

#: The headline of each kind of move in the record (a tactic's is its name).
_TITLES = {"propose": "Proposal", "counter": "Counter-proposal",
           "accept": "Accepts the proposal", "reject": "Rejects the proposal",
           "walkout": "Walks out", "pass": "Passes"}
#: The headline of a proposal that makes the side's last proposal again, unchanged.
SAME_AGAIN = "Same proposal again"
#: The same headlines said to the side that made the move, where the record's is a verb.
YOUR_TITLES = {"accept": "You accept the proposal", "reject": "You reject the proposal",
               "walkout": "You walk out", "pass": "You pass"}
#: How each answer to "what matters most" is headed where moves are listed, for another
#: side and for the side that answered (the record heads every answer "What matters most").
ANSWER_TITLES = {"name": ("Says what matters most", "You say what matters most"),
                 "deflect": ("Sidesteps the question", "You sidestep the question"),
                 "decline": ("Declines to answer", "You decline to answer")}

Played = tuple[str, Move, str | None]

#: The team name the record gives a side the computer plays (see :attr:`Game.teams`).
COMPUTER = "Computer"

_ANSWER_FIRST = ("First answer the question you were asked: name what matters most to you, "
                 "deflect, or decline.")


def sentence(text: str) -> str:
    """*text* as a sentence: a capital first letter and a full stop at the end.

    >>> sentence("from round 2")
    'From round 2.'
    """
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


class Rules:
    """What every game of a scenario played over the same number of rounds starts from,
    derived from the scenario alone: built once (:func:`_rules`) and only read."""

    def __init__(self, scenario: Scenario, rounds: int | None, machine: PhaseMachine) -> None:
        self.scenario = scenario
        self.rounds = rounds
        self.machine = machine
        self.space = outcome_space(scenario)
        self.sides = scenario.side_ids
        #: The scenario's parsed conditions by text (read here once: a model's private
        #: attribute costs a slow lookup each time).
        self.conditions = scenario._conditions
        #: Side id -> the side facing it.
        self.other = {self.sides[0]: self.sides[1], self.sides[1]: self.sides[0]}
        #: Side id -> the way toward the other side's end of each issue's options, for its
        #: proposals, as the scenario says it (:func:`~game.speech.directions`).
        self.ends = {side: directions(scenario.issues, side) for side in self.sides}
        self.plan = phase_plan(scenario, rounds)
        self.total_rounds = sum(n for _, n in self.plan)
        self.phases = {p.id: p for p in scenario.phases}
        self.phase_rounds = {p.id: n for p, n in self.plan}
        sides = scenario.side_ids
        self.tactics = {t.id: t for t in scenario.tactics}
        self.side_tactics = {s: [t for t in scenario.tactics if s in t.sides] for s in sides}
        self.issue_ids = {issue.id for issue in scenario.issues}
        #: The issue ids in order, and each issue's option ids in order.
        self.issue_order = [issue.id for issue in scenario.issues]
        self.option_ids = [[o.id for o in issue.options] for issue in scenario.issues]
        #: How a proposal says each option of each issue (see :func:`package_speech`).
        self.offer_words = offer_words(scenario.issues)
        self.answers = [Move.answer(issue.id) for issue in scenario.issues] + \
            [Move.deflect(), Move.decline()]
        self.side_moves = {s: [Move("propose"), Move.accept(), Move.reject()]
                           + [Move.use(t.id) for t in self.side_tactics[s]]
                           + [Move.walkout(), Move.wait()] for s in sides}
        self.when_text = {t.id: sentence(t.when_text or f"needs {t.when}")
                          for t in scenario.tactics}
        #: The numbers conditions see at the start of a game (before its first phase).
        names = {o.id: float(n) for i in scenario.issues for n, o in enumerate(i.options, 1)}
        names.update({m.id: float(m.start) for m in scenario.meters})
        names.update({i.id: 0.0 for i in scenario.issues})
        names.update({p.id: 0.0 for p in scenario.phases})
        names.update({t.id: 0.0 for t in scenario.tactics})
        names.update({e.id: 0.0 for e in scenario.events})
        names.update(round=1.0, rounds_left=float(self.total_rounds - 1), turn=0.0,
                     offers=0.0, agreed=0.0, walkout=0.0)
        names.update({f"walkout_{side}": 0.0 for side in sides})
        names.update({f"offers_{side}": 0.0 for side in sides})
        self.names = names
        #: The scenario's events, each with its parsed condition (None: none).
        self.events = [(event, self.conditions[event.when] if event.when is not None else None)
                       for event in scenario.events]
        #: The same, each with its place in the list (its roll is the round's draw of that number).
        self.numbered_events = list(enumerate(self.events))
        #: Those certain to happen, and the rest (by chance), in the list's order.
        self.certain_events = [pair for pair in self.numbered_events if pair[1][0].chance >= 1.0]
        self.chance_events = [pair for pair in self.numbered_events if pair[1][0].chance < 1.0]
        #: Packages as moves name them (``Move.package``) -> their option positions.
        self.named: dict[tuple[tuple[str, str], ...], Package] = {}
        #: How proposals were judged (see :meth:`Game._judged`), by what decides it.
        self.judged: dict[tuple[object, ...], tuple[int, int, list[str]]] = {}
        #: Proposals as said (see :func:`package_speech`), by what decides the words.
        self.spoken: dict[tuple[object, ...], str] = {}
        #: Each meter's start and bounds, and each side's fallback, as a game begins. (Floats,
        #: as every meter's value is: a meter held at its bound read 0, not 0.0.)
        self.meter_starts = {m.id: float(m.start) for m in scenario.meters}
        self.bounds = {m.id: (float(m.min), float(m.max)) for m in scenario.meters}
        self.batna_starts = {s: scenario.sides[s].batna.value for s in scenario.side_ids}
        #: Side id -> its name at the start of a sentence.
        self.called_first = {side: scenario.sides[side].called_first for side in sides}
        #: Meter id -> the side whose standing it measures (None: both sides').
        self.meter_owners = {meter.id: meter.side for meter in scenario.meters}
        #: For each event, in the list's order: whether it sets the talks back, the sides
        #: it sets them back for, and whether it eases them (see :class:`Effects`).
        self.event_turns = [(event.effects.sets_back(),
                             {side for side in sides
                              if event.effects.sets_back_for(side, self.meter_owners)},
                             event.effects.eases()) for event in scenario.events]
        #: Trigger -> the outcomes it may end the game with, in the scenario's order.
        self.endings: dict[str, list[Outcome]] = {}
        for outcome in scenario.outcomes:
            self.endings.setdefault(outcome.trigger, []).append(outcome)
        #: Side id -> the name conditions count its proposals by.
        self.offers_name = {side: f"offers_{side}" for side in sides}
        self._plans: dict[tuple[str, str], list[_Planned]] = {}
        self._known: dict[str, dict[str, Any]] = {}
        self._phase_of: dict[int, tuple[Phase, int]] = {}
        #: Side id -> move kind -> the side's line or its variants (see :func:`_variants`).
        self.lines: dict[str, dict[str, Said]] = {
            s: {kind: _variants(line) for kind, line in scenario.sides[s].lines.items()}
            for s in sides}
        #: (side id, tactic id) -> what the side says as it uses the tactic (the same).
        self.tactic_lines = {(s, t.id): _variants(use.line) for t in scenario.tactics
                             for s, use in t.sides.items()}
        #: (side id, tactic id) -> what the other side answers when the side uses it.
        self.tactic_replies = {(s, t.id): _variants(use.reply) for t in scenario.tactics
                               for s, use in t.sides.items() if use.reply is not None}

    def ids_of(self, package: Package) -> dict[str, str]:
        """:func:`~game.analysis.to_ids` of *package*."""
        return {issue: options[n]
                for issue, options, n in zip(self.issue_order, self.option_ids, package)}

    def phase_at(self, round_number: int) -> tuple[Phase, int]:
        """The phase of round *round_number* and the first round of that phase."""
        found = self._phase_of.get(round_number)
        if found is None:
            first = 1
            for phase, rounds in self.plan:
                if round_number < first + rounds:
                    found = phase, first
                    break
                first += rounds
            else:
                found = self.plan[-1][0], first - self.plan[-1][1]
            self._phase_of[round_number] = found
        return found

    def known_of(self, side: str) -> dict[str, Any]:
        """What *side* knows for every game (:class:`Knowledge` but for the rules of the
        day, the seed and the length of the game)."""
        known = self._known.get(side)
        if known is None:
            scenario = self.scenario
            other = scenario.sides[scenario.other(side)]
            space = outcome_space(scenario)
            known = self._known[side] = dict(
                side=side, seat=scenario.side_ids.index(side), me=scenario.sides[side],
                other=OtherSide(scenario.other(side), other.name, other.short,
                                other.negotiator),
                issues=tuple(scenario.issues), meters=tuple(scenario.meters),
                phases=tuple(scenario.phases),
                tactics={t.id: t for t in self.side_tactics[side]},
                tactic_kinds={t.id: t.kind for t in scenario.tactics},
                # (A copy: a view leads nowhere a player could change the game's own.)
                conditions=dict(self.conditions),
                space=OwnSpace(space.packages, space.index, space.utility[side],
                               space.crosses[side], space.by_utility(side),
                               space.positions))
        return known

    def plan_of(self, side: str, phase: Phase) -> list[_Planned]:
        """Every move *side* has in *phase*, in the order of :meth:`Game.choices`: the
        move, its choice whatever the game has come to (refused when the phase alone rules
        it out, see :func:`_fixed_refusal`; available for a walkout or a pass the phase
        allows, which nothing else can refuse; else None), its tactic, its choice when
        it is available, and the tactic's limit and parsed condition (None: none)."""
        plan = self._plans.get((side, phase.id))
        if plan is None:
            plan = []
            for move in self.side_moves[side]:
                tactic = self.tactics[move.tactic] if move.tactic is not None else None
                why = _fixed_refusal(self.scenario, move.kind, side, tactic, phase)
                free = Choice(move, None)
                fixed = Choice(move, why) if why is not None else \
                    free if move.kind in _NEVER_REFUSED_NOW else None
                plan.append((move, fixed, tactic, free,
                             None if tactic is None else tactic.limit,
                             None if tactic is None or tactic.when is None
                             else self.conditions[tactic.when]))
            self._plans[(side, phase.id)] = plan
        return plan


#: The kinds of move :meth:`Game._now` never refuses (only the phase may).
_NEVER_REFUSED_NOW = frozenset({"walkout", "pass"})

#: A move as :meth:`Rules.plan_of` plans it.
_Planned = tuple[Move, Choice | None, Tactic | None, Choice, int | None, Condition | None]

#: A line as the engine reads it: one line, or its variants as (words, the condition under
#: which they may be said, or None).
Said = str | tuple[tuple[str, str | None], ...]


def _variants(line: str | list[str | SaidWhen]) -> Said:
    """A line of the scenario as :class:`Rules` keeps it (see :data:`Said`)."""
    if isinstance(line, str):
        return line
    return tuple((v, None) if isinstance(v, str) else (v.text, v.when) for v in line)


def _fixed_refusal(scenario: Scenario, kind: str, side: str, tactic: Tactic | None,
                   phase: Phase) -> str | None:
    """Why *side* may not make a move of *kind* (with *tactic*, for a tactic) in *phase*
    whatever the game has come to (None: it may, as far as the phase goes)."""
    if tactic is not None:
        if side not in tactic.sides:
            return f"{scenario.sides[side].whose_first} delegation cannot use it."
        if "tactic" not in phase.moves:
            return f"No tactics in this phase ({phase.name})."
        if tactic.phases is not None and phase.id not in tactic.phases:
            names = ", ".join(scenario.phase(p).name for p in tactic.phases)
            return f"Only in: {names}."
        return None
    if kind in ("pass", "answer") or kind in phase.moves:
        return None
    what = {"propose": "No proposals can be made", "accept": "Nothing can be accepted",
            "reject": "Nothing can be rejected",
            "walkout": "No delegation can walk out"}[kind]
    return f"{what} in this phase ({phase.name})."


#: What :func:`_rules` keeps on a scenario: the scenario it was made for (a copy of it, which
#: may differ and copies its private attributes, makes its own), its phase machine, and its
#: rules by number of rounds.
_KeptRules = tuple[Scenario, PhaseMachine, dict[int | None, Rules]]


def _rules(scenario: Scenario, rounds: int | None) -> Rules:
    """The :class:`Rules` of *scenario* over *rounds*, made on first use and kept with the
    scenario, so that they go with it: a window or a class server that loads its scenario
    afresh for each game does not keep every earlier load alive."""
    kept = cast("_KeptRules | None", scenario._kept_rules)
    if kept is None or kept[0] is not scenario:
        kept = (scenario, PhaseMachine(scenario), {})
        scenario._kept_rules = kept
    rules = kept[2].get(rounds)
    if rules is None:
        rules = kept[2][rounds] = Rules(scenario, rounds, kept[1])
    return rules


class _Luck:
    """A round's luck. One draw per event per round, whether or not it can happen, so that
    one event's condition never changes another's luck: the n-th event's roll is the n-th
    draw of the round's dice. The dice are made, and rolled, only as far as an event that
    can happen needs (most rounds none can)."""

    def __init__(self, seed: int) -> None:
        self._seed = seed
        self._dice: random.Random | None = None
        self._rolls: list[float] = []
        #: Events that happened by chance this round.
        self.by_chance = 0

    def roll(self, n: int) -> float:
        """The roll of the scenario's n-th event this round."""
        if self._dice is None:
            self._dice = random.Random(self._seed)
        rolls = self._rolls
        while len(rolls) <= n:
            rolls.append(self._dice.random())
        return rolls[n]


class Game:
    """One game of a scenario. See the module's docstring for its face."""

    def __init__(self, scenario: Scenario, settings: Settings | None = None,
                 seed: int = 0, teams: dict[str, str] | None = None, *,
                 edition: int = EDITION) -> None:
        if edition not in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, EDITION):
            raise ValueError(f"no rules edition {edition!r}")
        #: The edition of the rules the game is played by: 1 for games saved before a side
        #: chose its answer to "what matters most" (it was given at once, truthfully); 2
        #: for games saved while a proposal counted as a concession by its maker's own
        #: (private) values, not by what both sides see at the table; 3 for games saved
        #: while leaving the other side's option for one nearer its opening proposal
        #: counted as a step away; 4 for games saved while leaving it for an option that
        #: side had proposed before, but not nearer its opening, counted as one; 5 for
        #: games saved while only meeting or leaving the other side's option counted and a
        #: proposal that took back an agreed point could still count as a concession
        #: (:meth:`_shift`); 6 for games saved while leaving an agreed point was judged by
        #: what the other side had asked alone (an option it had once asked for gave more,
        #: even back toward the proposer's own opening; any other took the point back,
        #: even one further toward the other side), and a proposal's line was said as a
        #: concession only when it met the other side's latest proposal on more issues; 7
        #: for games saved while an agreed point offered up in a trade counted as taken
        #: back; 8 for games saved before the computer answered a tactic in words (a
        #: tactic's ``reply``), while a step toward the other side that also went farther
        #: or took back on an issue was said in the words for a concession, while a
        #: refusal of a package across the refuser's red line could name another point,
        #: and while the record said a step that met no more issues "as before"; 9 for
        #: games saved while a change from a point both latest proposals held, where both
        #: sides had opened on the same option, counted as taking it back whichever way it
        #: went; 10 for games saved while taking up an option the other side had offered
        #: beyond the proposer's own last ask counted as a step toward it; 11 for games
        #: saved while a question asked by a round's last move was answered after the next
        #: round's heading and events, with the words of edition 11 (see
        #: :data:`game.speech.EDITION`).
        self.edition = edition
        self.scenario = scenario
        self.settings = settings or Settings()
        self.seed = seed
        #: Side id -> the name of the team (or "Computer") playing it, for the record.
        self.teams = dict(teams or {})
        #: Every package with both sides' utilities (derived from the scenario alone).
        rules = self._rules = _rules(scenario, self.settings.rounds)
        self.space: OutcomeSpace = rules.space
        self.sides: tuple[str, str] = rules.sides
        self._phase_plan: list[tuple[Phase, int]] = rules.plan
        self._total_rounds = rules.total_rounds
        self._protocol = rules.machine.start()
        #: The id of the current phase: the machine's state, and once the game is over the
        #: phase it ended in.
        self._phase_now: str = self._protocol.state
        self._meters: dict[str, float] = dict(rules.meter_starts)
        self._bounds = rules.bounds
        self._batna = dict(rules.batna_starts)
        self._stance = {s: 0.0 for s in self.sides}
        self._standing: Package | None = None
        self._standing_by: str | None = None
        self._offers: list[tuple[str, Package]] = []
        #: Side id -> its latest proposal (the last of its own in the offers).
        self._latest: dict[str, Package] = {}
        #: The same offers as issue id -> option id mappings, for snapshots.
        self._offer_ids: list[tuple[str, dict[str, str]]] = []
        #: Side id -> how many times it took back a point both sides' latest proposals
        #: had agreed on (rules edition 6, see :meth:`_shift`).
        self._taken_back: dict[str, int] = {}
        #: Side id -> the issues (positions) of its gifts: more than the other side asked,
        #: given by a proposal that made no step toward what it asked (see :meth:`_shift`).
        self._gifts: dict[str, list[int]] = {s: [] for s in self.sides}
        # (Counts in plain dicts: a Counter costs more to make than a game uses it.)
        self._used: dict[str, int] = {}
        self._used_by: dict[tuple[str, str], int] = {}
        self._fired: dict[str, int] = {}
        #: Side id -> the latest event that set the talks back since its last proposal, in
        #: its in_sentence words or else by its name: what its next proposal's line may
        #: name ({event}), unless an event has eased the talks since. Read from what both
        #: sides see (the meters), never from a side's stance, which is its own; nor an event
        #: that lowers only the other side's support at home (Effects.sets_back_for).
        self._hardened: dict[str, str] = {}
        #: Side id -> how far its latest proposal moved toward the other side's latest
        #: then, as the record judged it (:func:`~game.speech.step`; absent: not judged).
        self._stepped: dict[str, int] = {}
        self._revealed: dict[str, list[str]] = {s: [] for s in self.sides}
        #: The side asked what matters most that has not answered yet.
        self._asked: str | None = None
        #: Whether the next round begins once that side has answered (asked by the round's
        #: last move, from edition 12).
        self._round_after_answer = False
        #: The sides that have said their red lines aloud (a 'red_line' tactic).
        self._stated: set[str] = set()
        #: The last line each side spoke (a side never says the same line twice in a row).
        #: Each side's latest lines (the variants, the latest last): not said again soon.
        self._last_line: dict[str, list[str]] = {side: [] for side in self.sides}
        self._turn = 0
        self._round = 1
        self._agreed: Package | None = None
        self._walked_out: str | None = None
        self._outcome: Outcome | None = None
        self._moves: list[Played] = []
        self._log: list[Entry] = []
        #: Side id -> the entries that side may see, kept as the record grows.
        self._seen: dict[str, list[Entry]] = {s: [] for s in self.sides}
        self._snapshot: GameState | None = None
        self._phases = rules.phases
        self._conditions = rules.conditions
        self._names = dict(rules.names)
        self._names[self._phase_now] = 1.0
        self._tactics = rules.tactics
        self._side_tactics = rules.side_tactics
        self._issue_ids = rules.issue_ids
        #: The answers a side asked what matters most may give.
        self._answers = rules.answers
        #: Every move each side has, in the order of :meth:`choices`.
        self._side_moves = rules.side_moves
        self._choices: dict[str, list[Choice]] = {}
        #: The moves the side to move may make now (made once a turn, for its view).
        self._legal: tuple[Move, ...] | None = None
        #: The last proposal whose package was checked, and that package.
        self._checked: tuple[Move | None, Package | None] = (None, None)
        #: What players are told while a tactic's condition does not hold.
        self._when_text = rules.when_text
        self._phase_rounds = rules.phase_rounds
        self._known: dict[str, Knowledge] = {}
        #: Each side's latest view, given again until the game moves on.
        self._views: dict[str, SideView] = {}
        #: The debrief chart's points: the meters at the start, after every change and at
        #: each turn's end, each with its turn (0: the start and the first round's events)
        #: and round (see :attr:`meter_turns`, :attr:`meter_rounds`).
        self._meter_points: list[tuple[dict[str, float], int, int]] = []
        #: The turn the points marked now belong to.
        self._meter_at = 0
        self._mark_meters()
        self._begin_round()
        self._meter_at = 1

    # ----- rebuilding a game ------------------------------------------------------------

    @classmethod
    def replay(cls, scenario: Scenario, settings: Settings | None, seed: int,
               moves: Iterable[Played], teams: dict[str, str] | None = None, *,
               edition: int = EDITION) -> Game:
        """Rebuild a game from its moves; raises :class:`IllegalMoveError` at the first
        move that is no longer legal (its message says which)."""
        game = cls(scenario, settings, seed, teams, edition=edition)
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
                     moves: Sequence[Played], teams: dict[str, str] | None = None, *,
                     edition: int = EDITION) -> tuple[Game, str | None]:
        """Rebuild a game from its moves as far as they are still legal (the scenario may
        have changed since they were played); returns the game and, when a move had to be
        dropped, a sentence saying which."""
        game = cls(scenario, settings, seed, teams, edition=edition)
        for number, (side, move, reason) in enumerate(moves, 1):
            try:
                if side != game.to_move:
                    raise IllegalMoveError(f"it is not {side}'s turn")
                game.apply(move, reason)
            except IllegalMoveError as exc:
                # A move from a save may name anything: say why without echoing it whole.
                why = shorten(str(exc).rstrip("."), 200)
                return game, (f"Move {number} of {len(moves)} can no longer be played "
                              f"({why}); the game was rebuilt up to move {number - 1}.")
        return game, None

    def undone(self, count: int = 1) -> Game:
        """A copy of this game with its last *count* moves taken back."""
        if not 0 < count <= len(self._moves):
            raise IllegalMoveError(f"cannot take back {count} move(s); "
                                   f"{len(self._moves)} made")
        return Game.replay(self.scenario, self.settings, self.seed, self._moves[:-count],
                           self.teams, edition=self.edition)

    # ----- reading the game -------------------------------------------------------------

    @property
    def finished(self) -> bool:
        return self._outcome is not None

    @property
    def to_move(self) -> str | None:
        return None if self._outcome is not None else self.sides[self._turn % 2]

    @property
    def moves(self) -> tuple[Played, ...]:
        """Every move made so far: (side, move, the computer's reason or None)."""
        return tuple(self._moves)

    @property
    def log(self) -> Sequence[Entry]:
        return tuple(self._log)

    def visible_log(self, side: str | None) -> list[Entry]:
        """The entries *side* may see (None: only those both sides see)."""
        if side is None:
            return [e for e in self._log if e.private is None]
        return list(self._seen[side])

    def taken_back(self, side: str) -> int:
        """How many of *side*'s proposals took back a point both sides' latest proposals
        had agreed on (public: the record says each)."""
        return self._taken_back.get(side, 0)

    def gifts(self, side: str) -> list[str]:
        """The issue ids on which *side*'s proposals gave more than the other side asked
        while making no step toward what it asked, one for each time (public: the record
        says each; a gift made within a trade is counted by the trade's balance instead)."""
        return [self._rules.issue_order[k] for k in self._gifts[side]]

    @property
    def meter_history(self) -> tuple[dict[str, float], ...]:
        """The meters at the start, after every change and at the end of each turn (public,
        for the debrief chart: every level the record showed the players, the highs and
        lows between a move and the next round's events included, a playtest found them
        missing when the chart had one point a turn)."""
        return tuple(dict(meters) for meters, _, _ in self._meter_points)

    @property
    def meter_turns(self) -> tuple[int, ...]:
        """The turn each point of :attr:`meter_history` belongs to: 0 for the start and the
        first round's events, n for the changes in the n-th turn, the events that follow
        it, and its end."""
        return tuple(turn for _, turn, _ in self._meter_points)

    @property
    def meter_rounds(self) -> tuple[int, ...]:
        """The round the talks were in at each point of :attr:`meter_history` (the events
        that open a round, and the end of the turn before them, count in the new one)."""
        return tuple(round_ for _, _, round_ in self._meter_points)

    def _mark_meters(self) -> None:
        """A point of the debrief chart: the meters now, in the turn being played."""
        self._meter_points.append((dict(self._meters), self._meter_at,
                                   min(self._round, self._total_rounds)))

    @property
    def state(self) -> GameState:
        """Where the game stands, as both sides may see it (a snapshot, made once a turn)."""
        if self._snapshot is None:
            now = min(self._round, self._total_rounds)
            phase, first = self._rules.phase_at(now)
            outcome = self._outcome
            # (In the order of the fields.)
            self._snapshot = GameState(
                self._phase_now, self._round, self._total_rounds, now - first + 1,
                self._phase_rounds[phase.id], self._turn,
                None if outcome is not None else self.sides[self._turn % 2],
                dict(self._meters),
                # The standing proposal is always the last one made (a reject clears it).
                self._offer_ids[-1][1] if self._standing is not None else None,
                self._standing_by, outcome is not None,
                outcome.id if outcome else None,
                self._ids(self._agreed), self._walked_out, self._last_turn,
                tuple(self._offer_ids),
                {s: tuple(ids) for s, ids in self._revealed.items()}, self._asked)
        return self._snapshot

    def fallback(self, side: str) -> float:
        """*side*'s own fallback (BATNA) value now; only that side's front end should ask."""
        return self._batna[side]

    def view(self, side: str) -> SideView:
        """The game as *side* may see it: what the computer negotiator is given. The other
        side's private values are not in it (see :mod:`game.view`)."""
        state = self.state
        kept = self._views.get(side)
        if kept is not None and kept.state is state:
            return kept  # nothing has happened since (the snapshot is made anew each move)
        other = self._rules.other[side]
        # (In the order of the fields.)
        view = self._views[side] = SideView(
            self._knowledge(side), state, dict(self._names), tuple(self._offers),
            state.revealed, self._standing, self._batna[side], self._stance[side],
            self._legal_now() if state.to_move == side else (), tuple(self._seen[side]),
            self.space.crosses[other] if other in self._stated else None)
        return view

    def _knowledge(self, side: str) -> Knowledge:
        known = self._known.get(side)
        if known is None:
            known = Knowledge(**self._rules.known_of(side), settings=self.settings,
                              seed=self.seed, total_rounds=self._total_rounds)
            self._known[side] = known
        return known

    def report(self) -> DealReport:
        """The analysis of the game's end, both sides' values included: for the debrief,
        once the game is over."""
        return deal_report(self.scenario, self._agreed, self._batna)

    # ----- moves ------------------------------------------------------------------------

    def legal_moves(self) -> list[Move]:
        """Moves the side to move may make now. A proposal appears once, without a
        package: any coherent package may be proposed."""
        side = self.to_move
        if side is None:
            return []
        return [c.move for c in self.choices(side) if c.why_not is None]

    def _legal_now(self) -> tuple[Move, ...]:
        if self._legal is None:
            side = self.to_move
            # legal_moves(), from the turn's choices as kept (not copied)
            self._legal = () if side is None else tuple(
                [c.move for c in self._choices_of(side) if c.why_not is None])
        return self._legal

    def choices(self, side: str | None = None) -> list[Choice]:
        """Every move *side* (default: the side to move) has, in a fixed order (propose,
        accept, reject, its tactics, walk out, pass), each with None when it may make it
        now or a sentence saying why not."""
        return list(self._choices_of(side or self.to_move or self.sides[0]))

    def _choices_of(self, side: str) -> list[Choice]:
        """:meth:`choices` of *side*, as kept for the turn (only read)."""
        # Asked by the computer and by every front end each turn; the answer changes only
        # when a move is made.
        choices = self._choices.get(side)
        if choices is None:
            blocked = self._blocked(side)
            if blocked is None and self._asked == side:
                # Asked what matters most: the side answers first, then makes its move.
                choices = [Choice(move, None) for move in self._answers] + \
                    [Choice(move, _ANSWER_FIRST) for move in self._side_moves[side]]
            elif blocked is not None:
                choices = [Choice(move, blocked) for move in self._side_moves[side]]
            else:
                choices = []
                used_by, names = self._used_by, self._names
                # What _now allows of a proposal or an answer to one, read here once.
                can_propose = not self._last_turn
                can_answer = self._standing is not None and self._standing_by != side
                for move, fixed, tactic, free, limit, when in \
                        self._rules.plan_of(side, self._phase):
                    if fixed is None:
                        if tactic is None:
                            kind = move.kind
                            why = None if (can_propose if kind == "propose" else
                                           can_answer if kind in ("accept", "reject")
                                           else False) else self._now(move, side, None)
                        # _now's reading of a tactic, here for every tactic of every turn
                        elif limit is not None and \
                                used_by.get((side, tactic.id), 0) >= limit:
                            why = self._now(move, side, tactic)
                        elif when is not None and not when.holds(names):
                            why = self._when_text[tactic.id]
                        else:
                            why = None
                        fixed = free if why is None else Choice(move, why)
                    choices.append(fixed)
            self._choices[side] = choices
        return choices

    def why_not(self, move: Move, side: str | None = None) -> str | None:
        """Why *side* (default: the side to move) may not make *move* now, as a sentence
        for players; None when it may. A proposal without a package is judged as "a
        proposal"; with one, the package is checked too."""
        return self._blocked(side) or self._why_not(move, side or self.sides[self._turn % 2],
                                                    self._phase)

    def _blocked(self, side: str | None) -> str | None:
        """Why *side* can make no move at all now (None: it may make some)."""
        if self.finished:
            return "The game is over."
        mover = self.sides[self._turn % 2]
        if side is not None and side != mover:
            return f"It is {self.scenario.sides[mover].whose} turn."
        return None

    def _why_not(self, move: Move, side: str, phase: Phase) -> str | None:
        """:meth:`why_not` for the side to move, in *phase* (the current one)."""
        if move.kind == "answer":
            if self._asked != side:
                return "Nobody has asked you what matters most."
            if move.reply == "name" and move.issue not in self._issue_ids:
                return f"There is no issue {move.issue!r} in this scenario."
            return None
        if self._asked == side:
            return _ANSWER_FIRST
        tactic = None
        if move.kind == "tactic":
            tactic = self._tactics.get(move.tactic or "")
            if tactic is None:
                return f"There is no tactic {move.tactic!r} in this scenario."
            if move.issue is not None:
                if tactic.kind != "preference":
                    return f"\u201c{tactic.name}\u201d does not name an issue."
                if move.issue not in self._issue_ids:
                    return f"There is no issue {move.issue!r} in this scenario."
                if move.issue in self._revealed[side]:
                    return "You have already named that issue."
            if tactic.kind == "red_line" and not self.scenario.sides[side].red_lines:
                return "Your side has no red lines to state."
        why = _fixed_refusal(self.scenario, move.kind, side, tactic, phase) or \
            self._now(move, side, tactic)
        if why is None and move.kind == "propose" and move.package is not None:
            # A package named as such before is the same package (only whole ones are kept).
            package = self._rules.named.get(move.package)
            if package is None:
                package = self.space.package_of(move.chosen)
                if package is not None and len(self._rules.named) < _KEPT_LIMIT:
                    self._rules.named[move.package] = package
            self._checked = (move, package)
            if package is None:
                try:
                    from_ids(self.scenario, move.chosen)
                except ValueError as exc:
                    return sentence(str(exc))
                return "That is not a package of this scenario."
            if not self.space.is_coherent(package):
                return incoherence(self.scenario, package)
        return why

    def _now(self, move: Move, side: str, tactic: Tactic | None) -> str | None:
        """Why the side to move may not make *move* now, by what the game has come to (what
        the phase alone rules out is :func:`_fixed_refusal`'s)."""
        if tactic is not None:
            if tactic.limit is not None and \
                    self._used_by.get((side, tactic.id), 0) >= tactic.limit:
                return f"Already used {tactic.limit} time{'s' if tactic.limit > 1 else ''}."
            when = tactic.when
            if when is not None and not self._conditions[when].holds(self._names):
                return self._when_text[tactic.id]
            return None
        if move.kind == "propose":
            if self._last_turn:
                return ("The last move of the game cannot be a proposal: nobody could "
                        "answer it.")
        elif move.kind in ("accept", "reject"):
            if self._standing is None or self._standing_by == side:
                return f"There is no proposal from the other side to {move.kind}."
        return None

    def apply(self, move: Move, reason: str | None = None) -> list[Entry]:
        """Make *move* for the side to move; returns the record entries it caused.

        *reason* is a computer player's one-sentence reason, kept private to its side.
        Raises :class:`IllegalMoveError` when the move is not legal now.
        """
        why = self.why_not(move)
        if why is None and move.kind == "propose" and move.package is None:
            why = "A proposal must name an option for every issue."
        if why is not None:
            raise IllegalMoveError(why)
        side = self.sides[self._turn % 2]
        start = len(self._log)
        self._snapshot = None
        self._choices = {}
        self._legal = None
        self._moves.append((side, move, reason))
        if move.timed_out:
            whose = self.scenario.sides[side].whose
            what = {"pass": "its turn passes.",
                    "answer": "it sidesteps the question."}.get(move.kind,
                                                               "the computer moved for it.")
            self._add("timeout", title="Time ran out", speaker=side, move=move,
                      body=f"Time ran out for {whose} delegation: {what}")
        if reason:
            self._add("reason", body=reason, speaker=side, private=side)
        _CARRY_OUT[move.kind](self, side, move)
        if not self.finished:
            self._check_breakdown()
        if not self.finished and (move.kind == "answer" or (
                move.kind == "tactic" and
                self._tactics[move.tactic or ""].kind in BEFORE_THE_MOVE)):
            # An answer comes before the side's move, and so do its red lines said aloud:
            # its turn goes on.
            if move.kind == "answer" and self._round_after_answer:
                self._round_after_answer = False
                self._next_round()
            self._snapshot = None
            self._choices = {}
            self._legal = None
            return self._log[start:]
        if not self.finished:
            self._turn += 1
            self._set("turn", self._turn)
            if self._turn % 2 == 0:
                if self._round >= self._total_rounds:
                    self._finish("deadline")
                elif self.edition >= 12 and self._asked == self.sides[0]:
                    # The round's last move asked what matters most: the answer closes the
                    # round, and the next begins after it (its heading and events came
                    # between question and answer before edition 12).
                    self._round_after_answer = True
                else:
                    self._next_round()
        # The turn's end (the chart's line goes on through a turn that changed nothing).
        if self._meter_points[-1][1] != self._meter_at:
            self._mark_meters()
        self._meter_at += 1
        self._snapshot = None
        self._choices = {}
        self._legal = None
        return self._log[start:]

    # ----- rules ------------------------------------------------------------------------

    @property
    def _phase(self) -> Phase:
        """The current phase (the last one played, once the game is over)."""
        return self._phases[self._phase_now]

    @property
    def _last_turn(self) -> bool:
        return self._round == self._total_rounds and self._turn % 2 == 1

    def _set(self, name: str, value: float) -> None:
        """Change one number conditions see; every change of state goes through here."""
        self._names[name] = float(value)

    def _set_package(self, package: Package | None) -> None:
        names = self._names
        if package is None:
            for issue_id in self._rules.issue_order:
                names[issue_id] = 0.0
        else:
            for issue_id, option in zip(self._rules.issue_order, package):
                names[issue_id] = float(option + 1)

    def _holds(self, text: str | None) -> bool:
        """Whether a condition written in the scenario holds now (no condition: True)."""
        if text is None:
            return True
        return self._conditions[text].holds(self._names)

    def _line(self, side: str, kind: str, proposing: Package | None = None, *,
              reproach: bool = True, conceding: int | None = None) -> str:
        """What *side* says for a move of *kind*: one of the scenario's variants, with what
        just happened filled in, never the same line twice in a row."""
        lines = self._rules.lines[side]
        default = _DEFAULT_LINES[kind]
        return self._say(side, lines[kind] if kind in lines else default, proposing,
                         default or None, reproach=reproach, conceding=conceding)

    def _say(self, side: str, variants: Said, proposing: Package | None = None,
             fallback: str | None = None, *, reproach: bool = True,
             conceding: int | None = None) -> str:
        """*side*'s line from *variants*; *fallback* when none can be said now;
        *reproach*: False to say no reproach ({insisted}, {withdrawn}, {unmoved}) even
        from the computer; *conceding*: how far *proposing* moves toward the other side,
        as the record judges it (:func:`~game.speech.step`), when it is known."""
        if not variants:
            return ""
        # Only the variants whose condition holds now (one without a condition always
        # does: the loader makes sure every list has one).
        conditions, names = self._conditions, self._names
        texts = variants if isinstance(variants, str) else \
            [text for text, when in variants
             if when is None or conditions[when].holds(names)]
        if isinstance(texts, str) and "{" not in texts:
            line = variant = texts  # one plain line: nothing to choose or fill
        else:
            other = self._rules.other[side]
            threats = {t: n for (who, t), n in self._used_by.items()
                       if who != side and self._tactics[t].kind == "threat"}
            # The game chooses a player's words for it, but never a reproach: a team says
            # what it thinks of the other side's offers in its own moves, not in words put
            # in its mouth (a side with no team named is the computer's).
            table = Table(self.scenario, side, self._offers, threats, proposing,
                          edition=self.edition,
                          reproach=reproach and
                          self.teams.get(side, COMPUTER) == COMPUTER,
                          hardened_by=self._hardened.get(side), ends=self._rules.ends,
                          steps=(conceding, self._stepped.get(other)), other=other)
            pick = self.seed * 7_207 + self._turn * 31 + self.sides.index(side)
            line, variant = pick_line(texts, table, self._last_line[side], pick, fallback)
        # The variant, not the line: the same sentence filled differently is the same line.
        recent = self._last_line[side]
        recent.append(variant)
        del recent[:-RECENT_LINES]
        return line

    def _do_propose(self, side: str, move: Move) -> None:
        checked, package = self._checked  # apply() has checked the package
        if checked is not move or package is None:
            package = self.space.package_of(move.chosen) or from_ids(self.scenario, move.chosen)
        kind: Literal["counter", "propose"] = \
            "counter" if self._standing is not None and self._standing_by != side \
            else "propose"
        previous = self._latest.get(side)
        theirs = self._latest.get(self._rules.other[side])
        said: str = kind
        # How the record judges the proposal against the other side's latest (worked out
        # once, for its line and for its effects).
        judgement = self._judged(side, previous, package, theirs) \
            if previous is not None and theirs is not None and previous != package and \
            self.edition >= 3 else None
        if previous is not None and theirs is not None and \
                "concede" in self._rules.lines[side] and \
                self._voiced_as_concession(previous, package, theirs, judgement):
            said = "concede"  # a step toward the other side, as the record judges it
        # The same step as the speaker's line reads it (the same package again: none).
        conceding = judgement[0] if judgement is not None else \
            0 if previous is not None and previous == package else None
        offer = self._rules.ids_of(package)
        # The line is said with the package on the table, so that a line's condition can
        # read what is being proposed ("joint_action >= joint_planning").
        self._set_package(package)
        words = self._rules.offer_words
        # What keeps it clear of red lines said aloud: said (edition 12), and no gift.
        clearing = self._clearing(side, previous, package)
        if previous == package:
            # The same offer again: said as such, in full, not as a new proposal, in the
            # side's own words, else in words that differ from one turn to the next (two
            # sides standing by their offers back to back do not say the same sentence).
            line = self._line(side, "stand_by", package, conceding=conceding) \
                if "stand_by" in self._rules.lines[side] \
                else _STAND_BY[self._turn % len(_STAND_BY)]
            body = f"{line} {package_speech(words, package)}"
        elif package == theirs:
            body = _THEIRS_BACK
        else:
            # In the words for a concession, what it takes up of the other side's offer is
            # said as such (see package_speech).
            up = [k for k, kind in enumerate(judgement[2]) if kind == TAKEN_UP] \
                if judgement is not None and (said == "concede" or self.edition >= 12) \
                else []
            if said == "counter" and previous is not None and \
                    only_taken_up(package, previous, up) and "propose" in self._rules.lines[side]:
                # It only takes up what the other side offered: no words of a counter to
                # it ("The United States keeps insisting on joint planning. Russia proposes
                # this instead: On the start date: mid-June", a window playtest).
                said = "propose"
            spoken = self._spoken(package, previous, up, clearing if self.edition >= 12 else (),
                                  len(self.scenario.sides[self._rules.other[side]].red_lines))
            body = f"{self._line(side, said, package, conceding=conceding)} {spoken}"
        # The same offer again is headed as such, on the card as in the log.
        title = SAME_AGAIN if previous == package else _TITLES[kind]
        self._add("move", title=title, body=body, speaker=side, move=move, offer=offer)
        if previous is not None and previous != package:
            shift, verb = self._shift(side, previous, package, judgement, clearing)
            cause = f"{self._rules.called_first[side]} {verb}"
            if shift and shift in self.scenario.move_effects:
                self._effects(self.scenario.move_effects[shift], cause, ref=shift)
            elif shift is None and verb:
                # A trade that comes out even changes no meter, and the record says so: a
                # student who traded an agreed point for as much elsewhere saw nothing said
                # of it, and could not tell a fair trade from a point taken back unnoticed.
                # So does more than was asked, given for nothing in return.
                self._add("effect", title=cause, ref=TRADE)
        self._standing, self._standing_by = package, side
        self._hardened.pop(side, None)  # its line has answered the event, or had no need
        if conceding is not None and theirs is not None:
            self._stepped[side] = conceding
        else:
            self._stepped.pop(side, None)
        self._offers.append((side, package))
        self._latest[side] = package
        self._offer_ids.append((side, offer))
        self._set("offers", len(self._offers))
        counted = self._rules.offers_name[side]
        self._set(counted, self._names[counted] + 1)

    def _spoken(self, package: Package, previous: Package | None, up: Sequence[int],
                clearing: Sequence[int], red_lines: int) -> str:
        """:func:`package_speech` with the scenario's words, said once for every game."""
        last = self.edition >= 13
        key = (package, previous, tuple(up), tuple(clearing), red_lines, last)
        spoken = self._rules.spoken
        said = spoken.get(key)
        if said is None:
            if len(spoken) >= _KEPT_LIMIT:
                spoken.clear()
            said = spoken[key] = package_speech(self._rules.offer_words, package, previous,
                                                up, clearing, red_lines, last=last)
        return said

    def _clearing(self, side: str, previous: Package | None, package: Package) -> list[int]:
        """The issues on which *package* leaves *side*'s *previous* proposal, which
        crossed a red line the other side has said aloud, for options without which it
        would cross one still: the changes that keep it clear of them all (none where it
        crosses one still, or the other side has said none). Said so from edition 12."""
        other = self._rules.other[side]
        if previous is None or other not in self._stated:
            return []
        crosses, index = self.space.crosses[other], self.space.index
        if not crosses[index[previous]] or crosses[index[package]]:
            return []
        return [k for k, (was, now) in enumerate(zip(previous, package))
                if was != now and crosses[index[package[:k] + (was,) + package[k + 1:]]]]

    def _voiced_as_concession(self, previous: Package, package: Package, theirs: Package,
                              judgement: tuple[int, int, list[str]] | None) -> bool:
        """Whether a proposal, after the proposer's *previous* one, is said in the side's
        words for a concession: a step toward the other side's latest proposal *theirs* as
        the record judges it (*judgement*, :meth:`_judged`; before edition 7, more issues
        met), or from edition 11 a gift beyond what it asked with no step either way (a
        student's proposal that only gave more was said as "We cannot accept that as it
        stands"); from edition 9, never while it moves away on any issue ("Moscow will
        move" over a step back on the issue a student cared most about read as a trick;
        the record still weighs the balance)."""
        if self.edition < 7:
            return meets(package, theirs) > meets(previous, theirs)
        if judgement is None:
            return False
        toward, generous, kinds = judgement
        if self.edition >= 9 and {FARTHER, TAKEN_BACK} & set(kinds):
            return False
        return toward > 0 or (self.edition >= 11 and toward == 0 and generous > 0)

    def _shift(self, side: str, previous: Package, package: Package,
               judgement: tuple[int, int, list[str]] | None, clearing: Sequence[int] = ()
               ) -> tuple[str | None, str]:
        """Whether *side*'s new proposal *package* concedes ground or hardens against its
        *previous* one, and how the record says so (*clearing*: :meth:`_clearing` of it, no
        gift).

        It is judged by what both sides see at the table: how many issues the proposal
        settles as the other side's latest proposal does. Moving to the other side's option
        on an issue meets it; moving away from it hardens; a trade that does both on
        different issues counts by the balance. From edition 4, leaving the other side's
        option for one nearer, in the issue's order of options, to that side's opening
        proposal counts neither way: it gives more than was asked (edition 3 counted it as
        hardening, and a student who gave more lost trust). From edition 5, so does leaving
        it for an option that side proposed itself in an earlier proposal (edition 4 counted
        that as hardening when its opening proposal had held another option). (Edition 2
        judged by the maker's own values, which told the other side something private and
        counted a fair trade as hardening.) From edition 7, leaving a point both latest
        proposals held is judged by the way it goes between the two sides' openings: toward
        the other side's end it gives more than was asked, back toward the proposer's own
        it takes the point back, whatever either side asked on the way.

        *judgement* is :meth:`_judged` of the proposal (None before edition 3, or without a
        proposal of the other side's)."""
        if self.edition < 3:
            change = self.space.utility_of(side, package) - self.space.utility_of(side, previous)
            shift = "concede" if change < -0.005 else "harden" if change > 0.005 else None
            return shift, ("concedes ground, by its own measure" if shift == "concede" else
                           "hardens its position, by its own measure")
        other = self._rules.other[side]
        theirs = self._latest.get(other)
        if theirs is None or judgement is None:
            return None, ""
        before, after = meets(previous, theirs), meets(package, theirs)
        toward, generous, kinds = judgement
        taken = [k for k, kind in enumerate(kinds) if kind == TAKEN_BACK] \
            if self.edition >= 6 else []
        trade = bool(taken) and self.edition >= 8 and traded(kinds)
        # Named, not "the other side": in the shared record a student reads "the other
        # side" as the side that just moved.
        them = f"{self.scenario.sides[other].whose} last proposal"
        # A point taken back leads the sentence, which then names the proposal it measures
        # the rest of the move against.
        named = bool(taken) and not (trade and toward)  # else the balance names it first
        target = them if named else "it"
        fewer = _fewer_by_gifts(previous, package, theirs, kinds) if after != before else ""
        if after != before:
            clauses = [f"it now matches {target} on {after} of {len(package)} issues "
                       f"(before: {before}){fewer}"]
        elif self.edition >= 9:
            # "it now matches it on 0 of 5 issues as before" read awkwardly (a playtest).
            count = "none" if after == 0 else f"{after}"
            clauses = [f"it still matches {target} on {count} of the {len(package)} issues"]
        else:
            clauses = [f"it now matches {target} on {after} of {len(package)} issues as "
                       "before"]
        clauses += [f"{words} {_issues(count)}" for words, count in
                    (("comes nearer to it on", kinds.count(NEARER)),
                     ("goes farther from it on", kinds.count(FARTHER))) if count]
        # Said, and counted neither way (from edition 11): what that proposal offered beyond
        # the proposer's own last ask, taken up (edition 10 counted it a step toward).
        up = [k for k, kind in enumerate(kinds) if kind == TAKEN_UP]
        base = _clauses(clauses)
        taken_up = ""
        if up:
            taken_up = (f"beyond {self.scenario.sides[side].whose} own last ask on "
                        f"{_issues(len(up))} ({self._points(package, up)})")
            clauses.append(f"takes up what that proposal offered {taken_up}")
        # The gifts that left matched points are said already ("one fewer only because it
        # gives more than was asked there"): not again (a playtester read the same gift
        # twice in one sentence); any others are "other" issues.
        others = generous - (before - after) if fewer else generous
        if others and (toward or trade):
            # (In a trade that comes out even too: what it gives beyond the ask is what
            # evens it, and a record that left it out read as a step back called even.)
            issues = _issues(others).replace(" ", " other ", 1) if fewer else _issues(others)
            clauses.append(f"on {issues} it gives more than that proposal asked")
        how = _clauses(clauses)
        if taken:
            agreed = self._points(previous, taken)
            which = "a point" if len(taken) == 1 else "points"
            if trade:
                # Offered up for ground elsewhere (edition 8): judged by the balance, which
                # the record says when it is not even (a step farther on another issue can
                # tip a trade into a move away, and trust falls for it).
                balance = (f", and moves toward {them} on balance" if toward > 0 else
                           f", but moves away from {them} on balance" if toward < 0 else "")
                traded_for = f"trades {which} both sides' proposals had agreed on ({agreed}) " \
                    f"for ground elsewhere{balance}; {how}"
                if not toward:
                    traded_for += ": it comes out even, so trust does not move"
                return ("concede" if toward > 0 else "harden" if toward < 0 else None,
                        traded_for)
            self._taken_back[side] = self._taken_back.get(side, 0) + 1
            return "harden", (f"takes back {which} both sides' proposals had agreed on "
                              f"({agreed}); {how}")
        if toward > 0:
            return "concede", f"moves toward {them}: {how}"
        if toward < 0:
            return "harden", f"moves away from {them}: {how}"
        if generous:
            # Given, and said (a student who gave more than was asked saw nothing said of
            # it, and the count of issues met had fallen), though it buys no trust: it is no
            # step toward what the other side asked.
            more = [k for k, kind in enumerate(kinds) if kind == MORE]
            # What keeps clear of the red lines the other side said aloud is no gift, nor
            # is the other side's own earlier proposal, put back to it.
            if (other, package) not in self._offers:
                self._gifts[side] += [k for k in more if k not in clearing]
            given = self._points(package, more)
            return None, (f"gives more than {them} asked on {_issues(generous)} ({given}); "
                          f"{how}: a gift beyond the ask, but no step toward what was asked, "
                          "so trust does not move")
        if up:
            # Nothing given: said, so that a student does not read a point settled their way
            # as the other side's concession (nor wonder why trust did not move).
            return None, (f"takes up what {them} offered {taken_up}; {base}: taking up "
                          "what was offered gives nothing, so trust does not move")
        if self.edition >= 12 and kinds.count(FARTHER) and (
                kinds.count(MEETS) or kinds.count(NEARER)):
            # Steps toward and away that even out: said, as a trade that comes out even is
            # (the computer's reason said it took something back, and the record, silent,
            # seemed to say the move was nothing).
            return None, (f"moves toward {them} on some issues and away from it on others; "
                          f"{how}: it comes out even, so trust does not move")
        return None, ""

    def _points(self, package: Package, at: Sequence[int]) -> str:
        """The options *package* holds on the issues at positions *at*, as the record names
        them: "Start date: Mid-June; Target groups: Al-Nusra Front only"."""
        issues = self.scenario.issues
        return "; ".join(f"{issues[k].name}: {issues[k].options[package[k]].name}" for k in at)

    def _judged(self, side: str, previous: Package, package: Package,
                theirs: Package) -> tuple[int, int, list[str]]:
        """How *side*'s proposal *package*, after its *previous* one, moves against the other
        side's latest proposal *theirs*, by this game's rules: :func:`~game.speech.step`
        (toward, issues given beyond the ask) and each issue's judgement."""
        other = self._rules.other[side]
        asked = asked_by([p for who, p in self._offers if who == other], self.edition)
        opening = next(p for who, p in self._offers if who == side)
        # The same proposal after the same ones judges the same in every game (only read).
        key = (side, previous, package, theirs, None if asked is None else tuple(asked),
               opening, self.edition)
        judged = self._rules.judged
        kept = judged.get(key)
        if kept is None:
            kinds = judged_issues(previous, package, theirs, asked, self.edition, opening,
                                  self._rules.ends[side])
            toward, generous = weighed(kinds, self.edition)
            if len(judged) >= _KEPT_LIMIT:
                judged.clear()
            kept = judged[key] = (toward, generous, kinds)
        return kept

    def _do_accept(self, side: str, move: Move) -> None:
        self._add("move", title=_TITLES["accept"], body=self._line(side, "accept"),
                  speaker=side, move=move, offer=self._ids(self._standing))
        self._agreed = self._standing
        self._set("agreed", 1)
        self._finish("agreement")

    def _do_reject(self, side: str, move: Move) -> None:
        # From edition 9 a refusal names no point of the other side's ({insisted} and the
        # other reproaches): its real reason may be private (a red line), and a point named
        # instead sent a student to fix the wrong issue; choosing the words by that private
        # reason would tell it. The side's next proposal says what it wants.
        self._add("move", title=_TITLES["reject"],
                  body=self._line(side, "reject", reproach=self.edition < 9),
                  speaker=side, move=move)
        self._standing = self._standing_by = None
        self._set_package(None)
        if "reject" in self.scenario.move_effects:
            self._effects(self.scenario.move_effects["reject"], "The rejection costs trust",
                          ref="reject")

    def _do_walkout(self, side: str, move: Move) -> None:
        self._add("move", title=_TITLES["walkout"], body=self._line(side, "walkout"),
                  speaker=side, move=move)
        self._walked_out = side
        self._set("walkout", 1)
        self._set(f"walkout_{side}", 1)
        self._finish("walkout")

    def _do_pass(self, side: str, move: Move) -> None:
        # Its own proposal on the table, a side that passes waits for the answer, and says
        # so where the scenario gives it words for that: "has nothing to add this turn",
        # with a counter-proposal of the student's answered the turn before, read as the
        # computer ignoring it (a playtest).
        holding = self._standing is not None and self._standing_by == side and \
            "hold" in self._rules.lines[side]
        self._add("move", title=_TITLES["pass"],
                  body=self._line(side, "hold" if holding else "pass"), speaker=side,
                  move=move)

    def _do_tactic(self, side: str, move: Move) -> None:
        tactic = self._tactics[move.tactic or ""]
        use = tactic.sides[side]
        # The state of the talks as the tactic is used decides how far it moves the other
        # side: judged before this use counts as an earlier threat.
        factor = self._reaction_factor(side, tactic)
        self._used[tactic.id] = self._used.get(tactic.id, 0) + 1
        self._set(tactic.id, self._used[tactic.id])
        self._used_by[(side, tactic.id)] = self._used_by.get((side, tactic.id), 0) + 1
        said = self._say(side, self._rules.tactic_lines[(side, tactic.id)])
        if tactic.kind == "red_line":
            # Its red lines, each in its own words: the other side knows them from now on.
            lines = self.scenario.sides[side].red_lines
            said = " ".join([said, *[red.text for red in lines]])
            if self.edition >= 12:
                said += _crossed_now(lines, self._standing if self._standing_by ==
                                     self._rules.other[side] else None, self.space, side)
            self._stated.add(side)
        self._add("move", title=tactic.name, body=said, speaker=side, move=move, cite=use.cite,
                  ref=tactic.id)
        # What it names follows its words at once (its effects came between them before
        # edition 12: "We will tell you plainly ...", then trust +3, then "What matters most
        # to us is ...", a window playtest).
        named_first = tactic.kind == "preference" and self.edition >= 12
        if named_first:
            self._reveal(side, move.issue)
        extras = [extra for extra in use.conditional if self._holds(extra.when)]
        other = self.scenario.other(side)
        reaction = self.scenario.sides[other].personality.reactions.get(tactic.kind, 0.0)
        push = round(tactic.pressure * reaction * factor, 4)
        self._effects(use.effects, f"Effects of \u201c{tactic.name}\u201d", ref=tactic.id,
                      stance={**use.effects.stance, other: push} if push else None)
        for extra in extras:
            self._effects(extra.effects, f"Effects of \u201c{tactic.name}\u201d "
                                         f"({extra.when})", ref=tactic.id)
        if tactic.kind == "question":
            if self.edition >= 2:
                self._asked = other  # it answers at the start of its turn, as it chooses
            else:
                self._reveal(other)
        elif tactic.kind == "preference" and not named_first:
            self._reveal(side, move.issue)
        if self.edition >= 9:
            self._reply(side, tactic)

    def _reply(self, side: str, tactic: Tactic) -> None:
        """The other delegation answers *tactic* in words, when the scenario gives it a
        reply that can be said now and the computer plays that side: the game never
        speaks for a player."""
        variants = self._rules.tactic_replies.get((side, tactic.id))
        other = self._rules.other[side]
        if variants is None or self.teams.get(other, COMPUTER) != COMPUTER:
            return
        if not isinstance(variants, str):
            # A variant written for the state the talks are in (a repeated threat, high
            # trust) is said before one for any state; its condition is read once, here.
            fitting = tuple((text, None) for text, when in variants
                            if when is not None and self._holds(when))
            variants = fitting or tuple(v for v in variants if v[1] is None)
            if not variants:
                return  # every variant is for another state of the talks
        self._add("reply", title=f"Reply to \u201c{tactic.name}\u201d",
                  body=self._say(other, variants), speaker=other, ref=tactic.id)

    def _do_answer(self, side: str, move: Move) -> None:
        self._asked = None
        reply = move.reply or "deflect"
        if reply == "name":
            issue = self.scenario.issue(move.issue or "")
            said = self._revealed[side]
            if issue.id not in said:
                said.append(issue.id)
            rank = said.index(issue.id)
            which = how_much(rank + 1)
            lead = self._line(side, "answer")  # an optional opening, in character
            before = [self.scenario.issue(i) for i in said[:rank]]
            body = f"{lead} {what_matters(before, issue)}".strip()
            self._add("reply", title=f"What matters {which}", body=body, speaker=side,
                      move=move, ref=issue.id)
            kind = "answer"
        else:
            self._add("reply", title="What matters most", body=self._line(side, reply),
                      speaker=side, move=move)
            kind = reply
        if kind in self.scenario.move_effects:
            why = {"answer": "A question answered", "deflect": "A question sidestepped",
                   "decline": "A question refused"}[kind]
            self._effects(self.scenario.move_effects[kind], why, ref=kind)

    def _reaction_factor(self, side: str, tactic: Tactic) -> float:
        """How much of *tactic*'s push lands on the other side now (see
        :mod:`game.reactions`): from *side*'s fallback and the best offer it has had, the
        threats it made before, and trust."""
        other = self.scenario.other(side)
        offered = [self.space.utility_of(side, p) for who, p in self._offers if who == other]
        earlier = sum(n for (who, tactic_id), n in self._used_by.items()
                      if who == side and self._tactics[tactic_id].kind == "threat")
        trust = None
        if "trust" in self._meters:
            low, high = self._bounds["trust"]
            trust = (self._meters["trust"] - low) / (high - low)
        return reaction_factor(tactic.kind, fallback=self._batna[side],
                               best_offer=max(offered, default=None),
                               earlier_threats=earlier, trust=trust)

    def _reveal(self, side: str, chosen: str | None = None) -> None:
        """*side* says what matters most to it: *chosen* (an issue it picked, truly or
        not), or else its own top issue not named yet."""
        left = self.scenario.sides[side].ranked(self.scenario.issues, self._revealed[side])
        if chosen is not None:
            left = [self.scenario.issue(chosen)]
        if not left:
            text = "We have already told you what matters most to us."
        else:
            issue = left[0]
            before = [self.scenario.issue(i) for i in self._revealed[side]]
            self._revealed[side].append(issue.id)
            which = how_much(len(self._revealed[side]))
            text = what_matters(before, issue)
        self._add("reply", title=f"What matters {which}" if left else "What matters most",
                  body=text, speaker=side,
                  ref=self._revealed[side][-1] if left else None)

    def _effects(self, effects: Effects, cause: str, ref: str | None = None,
                 stance: dict[str, float] | None = None) -> None:
        """Apply *effects* (with *stance* in place of their changes of stance, if given);
        the record gets one public entry for the meters and, for each side whose fallback
        or stance moved, one entry only that side sees."""
        public: list[Change] = []
        for meter, delta in effects.meters.items():
            low, high = self._bounds[meter]
            new = min(max(self._meters[meter] + delta, low), high)
            if new != self._meters[meter]:
                public.append(Change("meter", meter, round(new - self._meters[meter], 4), new))
                self._meters[meter] = new
                self._set(meter, new)
        private: dict[str, list[Change]] = {}
        for side, delta in effects.batna.items():
            new = round(min(max(self._batna[side] + delta, 0.0), 1.0), 4)
            if new != self._batna[side]:
                private.setdefault(side, []).append(
                    Change("batna", side, round(new - self._batna[side], 4), new))
                self._batna[side] = new
        for side, delta in (effects.stance if stance is None else stance).items():
            if delta:
                self._stance[side] = round(self._stance[side] + delta, 4)
                private.setdefault(side, []).append(
                    Change("stance", side, round(delta, 4), self._stance[side]))
        if public:
            self._add("effect", title=cause, changes=tuple(public), ref=ref)
            self._mark_meters()
        for side in self.sides:
            if side in private:
                self._add("effect", title=cause, changes=tuple(private[side]), ref=ref,
                          private=side)

    def _next_round(self) -> None:
        self._round += 1
        self._set("round", self._round)
        self._set("rounds_left", self._total_rounds - self._round)
        self._begin_round()

    def _begin_round(self) -> None:
        phase, first = self._phase_at(self._round)
        if self._round == first:
            if self._round > 1:
                self._set(self._protocol.state, 0)
                self._protocol.trigger("advance")
                self._phase_now = self._protocol.state
                self._set(self._protocol.state, 1)
            self._add("phase", title=phase.name, body=phase.description, ref=phase.id)
        most: int | None = self.scenario.most_chance_events
        luck = _Luck(self.seed * 1_000_003 + self._round)
        rules = self._rules
        if most is None:
            self._try_events(rules.numbered_events, luck, most)
            return
        # With a most for chance events, those certain to happen come first, then the rest
        # in an order drawn for the round once the certain ones have happened (they can
        # make a chance event possible).
        self._try_events(rules.certain_events, luck, most)
        if not self.finished:
            self._try_events(self._chance_order(), luck, most)

    def _try_events(self, events: list[tuple[int, tuple[Event, Condition | None]]],
                    luck: _Luck, most: int | None) -> None:
        """Try *events* (each with its place in the scenario's list) in turn: each that
        can happen now happens if its roll is under its chance and the most for chance
        events is not reached; stops when the talks end."""
        fired = self._fired
        for n, (event, when) in events:
            if not self._can_happen(event, when):
                continue
            if luck.roll(n) >= event.chance:
                continue
            if event.chance < 1.0 and most is not None:
                if luck.by_chance >= most:
                    continue
                luck.by_chance += 1
            occurrence = fired[event.id] = fired.get(event.id, 0) + 1
            self._set(event.id, occurrence)
            body = event.again if occurrence > 1 and event.again else event.text
            self._add("event", title=event.name, body=body, cite=event.cite,
                      ref=event.id, occurrence=occurrence)
            self._effects(event.effects, f"Effects of \u201c{event.name}\u201d", ref=event.id)
            sets_back, set_back_sides, eases = self._rules.event_turns[n]
            if sets_back:
                for side in self.sides:
                    if side in set_back_sides:
                        self._hardened[side] = event.in_sentence or event.name
                    elif self.edition >= 12:
                        # The news since is the other side's setback: an older one is no
                        # reason to give now (Russia said "After the fighting near Aleppo,
                        # Moscow cannot give ground now" just after a strike near a group
                        # the US backs, a terminal playtest).
                        self._hardened.pop(side, None)
            elif eases:
                # An event that eased the talks since: the one before is no reason to give
                # no ground now ("After al-Nusra's attacks from shared lines, Moscow cannot
                # give ground now" came just after an offensive that both sides saw press
                # them to act, a terminal playtest).
                self._hardened.clear()
            self._check_breakdown()
            if self.finished:
                return

    def _chance_order(self) -> list[tuple[int, tuple[Event, Condition | None]]]:
        """The events that happen by chance, each with its place in the list, in an order
        drawn for the round, so that no event wins a place under the scenario's most for
        chance events by coming first in the list; none when none of them can happen now
        (no order changes anything then, and the draw is saved)."""
        chance = self._rules.chance_events
        if not any(self._can_happen(event, when) for _, (event, when) in chance):
            return []
        shuffle = random.Random(self.seed * 1_000_033 + self._round * 7 + 1)
        order = list(chance)
        shuffle.shuffle(order)
        return order

    def _can_happen(self, event: Event, when: Condition | None) -> bool:
        """Whether *event* can happen now: not a once-only event that has happened, and
        its condition (if any) holds."""
        if event.once and self._fired.get(event.id):
            return False
        return when is None or when.holds(self._names)

    def _check_breakdown(self) -> None:
        for outcome in self._rules.endings.get("breakdown", ()):
            if self._holds(outcome.when):
                self._end(outcome)
                return

    def _finish(self, trigger: str) -> None:
        for outcome in self._rules.endings.get(trigger, ()):
            if self._holds(outcome.when):
                self._end(outcome)
                return
        raise AssertionError(f"validated scenario has no fallback for {trigger!r}")

    def _end(self, outcome: Outcome) -> None:
        self._outcome = outcome
        try:
            self._protocol.trigger("conclude")
        except MachineError as exc:  # pragma: no cover - the machine allows it from any phase
            raise IllegalMoveError(str(exc)) from exc
        assert self._protocol.state == ENDED
        self._phase_now = self._phase_at(min(self._round, self._total_rounds))[0].id
        self._add("outcome", title=outcome.name, body=outcome.text, ref=outcome.id)
        log.debug("game over: %s after %d turns", outcome.id, self._turn)

    def _phase_at(self, round_number: int) -> tuple[Phase, int]:
        return self._rules.phase_at(round_number)

    def _ids(self, package: Package | None) -> dict[str, str] | None:
        return self._rules.ids_of(package) if package is not None else None

    def _add(self, kind: EntryKind, *, title: str = "", body: str = "",
             speaker: str | None = None, move: Move | None = None,
             offer: dict[str, str] | None = None, cite: Sequence[str] = (),
             changes: tuple[Change, ...] = (), private: str | None = None,
             ref: str | None = None, occurrence: int = 1) -> None:
        entry = Entry(self._turn, self._round, self._phase_now, kind, title, body, speaker,
                      move, offer, tuple(cite), changes, private, ref, occurrence)
        self._log.append(entry)
        if private is None:
            for seen in self._seen.values():
                seen.append(entry)
        else:
            self._seen[private].append(entry)


#: The method that carries out each kind of move. (Named in full: a method name made for
#: each move was a new string each time, and CPython's attribute cache kept thousands.)
_CARRY_OUT: dict[str, Callable[[Game, str, Move], None]] = {
    "propose": Game._do_propose, "accept": Game._do_accept, "reject": Game._do_reject,
    "tactic": Game._do_tactic, "walkout": Game._do_walkout, "pass": Game._do_pass,
    "answer": Game._do_answer}


def _clauses(clauses: Sequence[str]) -> str:
    """Clauses of a sentence joined, the last after ", and"."""
    return ", and ".join([", ".join(clauses[:-1]), clauses[-1]]) if len(clauses) > 1 \
        else clauses[0]


def _crossed_now(lines: Sequence[RedLine], standing: Package | None, space: OutcomeSpace,
                 side: str) -> str:
    """What a side saying its red lines *lines* says of the other side's proposal on the
    table (*standing*), when it crosses some: " Your proposal on the table crosses the
    second." (a playtester said Russia's red line over a US proposal that crossed it, and
    the words did not say so); "" when it crosses none, or there is none."""
    if standing is None:
        return ""
    crossed = set(space.red_lines_crossed(side, standing))
    if not crossed:
        return ""
    if len(lines) == 1:
        which = "it"
    elif len(crossed) == len(lines):
        which = "both" if len(lines) == 2 else "all of them"
    elif len(crossed) == 1:
        which = "the " + ordinal(next(k for k, red in enumerate(lines, 1)
                                      if red.text in crossed))
    else:
        which = f"{len(crossed)} of them"
    return f" Your proposal on the table crosses {which}."


def _fewer_by_gifts(previous: Package, package: Package, theirs: Package,
                    kinds: Sequence[str]) -> str:
    """Said after a count of issues matched that fell, when the fall is all what the
    proposal gives beyond the ask: "one fewer only because ..." (a student read "it now
    matches it on 1 of 6 issues (before: 2): a gift" as a step back called a gift)."""
    left = [kind for kind, was, now, asked in zip(kinds, previous, package, theirs)
            if was == asked and now != asked]
    if not left or any(kind != MORE for kind in left) or \
            any(was != asked and now == asked
                for was, now, asked in zip(previous, package, theirs)):
        return ""
    where = "there" if len(left) == 1 else "on those issues"
    return f", {'one' if len(left) == 1 else len(left)} fewer only because it gives more " \
        f"than was asked {where}"


def _issues(count: int) -> str:
    return f"{count} {'issue' if count == 1 else 'issues'}"
