"""The computer negotiator.

It plays one side with well-known strategies from negotiation research, on one core:

* **concession** (Faratin et al.'s time-dependent tactics): its target utility falls from
  its opening level towards its reservation level, late (Boulware), steadily (linear) or
  early (Conceder); relative tit-for-tat instead gives up the share of its own way to its
  reservation level that the other side's offers have come of theirs toward it. Each game
  the delegation's mood speeds up or slows down its concessions a little and lowers its
  opening a little, so replays differ. The clock it concedes by is the later of two: how
  much of the talks has passed, and how close they seem to breaking down (a meter sinking
  towards the bottom of its range at the pace it has sunk so far: talks that may be over in
  five rounds are conceded in as if five rounds were left). What the other side's threats and
  rejections take off a meter is left out of that reckoning: bluster does not buy faster
  concessions;
* **bidding**: among packages worth about its target to it, the one its opponent model
  (:mod:`game.opponent`) says the other side likes best, the model's weights drawn around
  their estimate as widely as the model is unsure of them, with a small preference for
  keeping the options of its own previous offer (it moves step by step rather than
  redrawing its package every turn), and without the option it likes least on an issue
  that weighs most to it while a package worth its target avoids it. Once its offers
  share a point with the other side's, it moves no further from the other side's latest
  one on any issue (in the issue's order of options) than its own last offer did: it keeps
  every point they share (it does not trade one away for another) and takes back nothing
  it gave on the way, so a step toward it is not answered by a step back (unless
  the other side has threatened, or its own fallback or stance has risen so that nothing
  worth its target keeps them). When the other side once offered a package worth its
  target to it, it proposes that one back;
* **acceptance** (after Baarslag et al.): it takes the offer on the table when it is worth
  at least what it would propose next or its target, never below its reservation level,
  and never when the other side offered it more earlier and it can still propose that
  package back; on the last move it takes anything above its fallback;
* **tactics** when they are expected to help: each tactic is weighed by what it is known
  to do (its effects on meters and fallbacks, what it would reveal, how far it would move
  the other side by the rules of :mod:`game.reactions` and by how this opponent has
  answered such tactics so far) against the cost of a turn without an offer. Its opening
  offer always comes first (it anchors the talks). Saying what matters most to it is worth
  as much as learning what matters most to the other side: a side that bids by its model
  of the other gives a named priority its due (measured over simulated games, asking
  mostly helps the side that answers, so it would rather say than ask).

It is given only a :class:`~game.view.SideView`: its own side's private data, the public
state and the record its side may see. The other side's private values are not in a view,
so it cannot read them. Every decision comes with a one-sentence reason, kept in the game
record for the debrief.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Callable, Mapping, Sequence
import math
import operator
import random
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from game.analysis import Package, points
from game.conditions import in_words
from game.model import Issue, Meter, Personality, Side, Strategy, Tactic
from game.moves import Entry, Move
from game.opponent import OpponentModel, OpponentNotes, alike_values, opposed_values
from game.reactions import reaction_factor
from game.settings import Difficulty
from game.speech import (FARTHER, MORE, TAKEN_BACK, TOWARD, directions, judged,
                          judged_issues, step, weighed)
from game.view import Knowledge, SideView

#: Concession exponents of the time-dependent strategies (below 1: concede late).
EXPONENTS = {"boulware": 0.35, "linear": 1.0, "conceder": 2.5, "tit_for_tat": 1.0}

#: A meter this far into the bottom of its range is taken as talks about to break down.
DANGER = 0.15
#: The share of the rounds it expects the talks to survive in which it plans to settle
#: (the expectation is an average; a run of bad news comes sooner).
SAFETY = 0.6

#: How far (log-normal spread) its bids let each issue's weight stray from its model's
#: estimate when the model knows nothing yet.
UNSURE = 0.8

#: How much it prefers, per issue, to keep an option of its previous offer (a delegation
#: moves step by step rather than redrawing its whole package each turn).
STEADY = 0.02

#: How far above its target the packages it bids from may lie (the band of :meth:`_span`).
BAND = 0.06
#: How near its target an offer must be (below it), and how far above its target its own
#: next proposal, for it to take the offer rather than bid far above what it aims for
#: (see :meth:`Negotiator._near_target`): the width of the band of packages it bids from.
NEAR_TARGET = BAND

#: How far (log scale) its mood in a game may speed up or slow down its concessions.
MOOD = 0.12

#: How much a tactic must be expected to gain before it is worth a turn (its estimate of a
#: tactic's worth is rough).
MARGIN = 0.005
#: The share of the ground its concession curve gives up over the next round that a turn
#: without an offer is taken to cost (see :meth:`Negotiator._worth`).
TURN_COST = 0.3
#: The share of its usual concession it makes while the other side has put nothing on the
#: table worth more to it than no deal (see :meth:`Negotiator.unanswered`). At 0.7 a
#: playtester who only threatened and rejected drew Russia's offers from 10 to 74 points;
#: over 500 games at 0.6 a hard-line student gains .050 (main, US) and .108 (February, US)
#: over its fallback against .089 and .166 at 0.7, a principled one exactly as much, and
#: the two sides' mean gains stay within .05 at every difficulty (0.5 left the main
#: scenario's easy level .054 apart).
UNANSWERED_SHARE = 0.6
#: ... and while the other side has proposed nothing at all: a delegation does not bid
#: against itself, and a side that only waits, asks or gestures has given it nothing to
#: answer (at 0.7 a student who never proposed and took the last offer gained 0.08-0.14 over
#: its fallback on average, against 0.29-0.36 for one who negotiated; at 0.5, 0.05-0.07).
SILENT_SHARE = 0.5
#: How fast its concession clock runs, as a share of its usual pace, while the other side
#: has made :data:`STALLED_AFTER` or more proposals, all one package worth no more to it
#: than no deal: a delegation does not walk toward a side that has not moved (see
#: :meth:`Negotiator.stalled_since`). Without it a student who threatened once, asked for
#: its ideal package every turn and took the final offer did as well as a principled one
#: in 30% of games (main scenario, US; 22% as Russia) with a deal in 38% (53%); at 0.9,
#: in 3% and 5% (300 seeds). Slower (0.8) left a hard-line student below a careless one.
STALLED_PACE = 0.9
#: How many proposals, all one package, make a stall (see :data:`STALLED_PACE`): two let
#: a hard computer's repeated opening in the three-round tutorial slow the other's clock,
#: and moved the two sides' mean gains from .35 and .32 to .45 and .18.
STALLED_AFTER = 3
#: What saying what matters most to it is expected to be worth at the start of the talks,
#: said in return for the other side's word (which keeps the exchange going), before the
#: cost of the turn.
SHOWN = 0.06

#: How a tactic kind is expected to move an opponent nobody has seen react yet.
EXPECTED_REACTION = {"statement": 0.2, "appeal": 0.5, "concession": 0.8, "question": 0.2,
                     "preference": 0.3, "threat": -0.6, "allies": -0.3, "precondition": -0.3}


@dataclass(frozen=True)
class Decision:
    move: Move
    reason: str


def tuned(personality: Personality, difficulty: Difficulty) -> tuple[Personality, float]:
    """The personality a difficulty level plays, and how fully it uses its opponent model
    (0 = not at all, 1 = fully)."""
    if difficulty == "easy":
        return replace_personality(personality, margin=max(personality.margin - 0.04, 0.01),
                                   tactic_rate=personality.tactic_rate * 0.6,
                                   strategy="conceder"), 0.0
    if difficulty == "hard":
        strategy = "boulware" if personality.strategy != "tit_for_tat" else "tit_for_tat"
        return replace_personality(personality, margin=min(personality.margin + 0.04, 0.5),
                                   strategy=strategy), 1.0
    return personality, 0.7


def replace_personality(personality: Personality, **changes: object) -> Personality:
    return personality.model_copy(update=changes)


def _tuned(personality: Personality, difficulty: Difficulty,
           strategy: Strategy | None) -> tuple[Personality, float]:
    """:func:`tuned`, with the strategy of a balancing run that tries every one."""
    played, modelling = tuned(personality, difficulty)
    if strategy is not None:
        played = replace_personality(played, strategy=strategy)
    return played, modelling


#: What the computer derives from a scenario's parts alone, kept for the next game: the ids
#: of the parts -> (the parts, what was derived). The parts are kept so that their ids are
#: not reused while the entry lasts.
_Kept = dict[tuple[int, ...], tuple[tuple[object, ...], Any]]
_DERIVED: _Kept = {}
#: The most entries kept in :data:`_DERIVED` (a class server may load many versions of
#: its scenarios).
_DERIVED_LIMIT = 256

_T = TypeVar("_T")

#: The most bids judged kept for a side of a scenario (see :meth:`_Bids.no_step_back`).
_KEPT_LIMIT = 4096
#: The most opponent models kept for a side of a scenario (see :attr:`_Derived.models`;
#: a few kilobytes each).
_MODELS_KEPT = 2048


def _shared(parts: tuple[object, ...], make: Callable[[], _T],
            kept_in: _Kept | None = None) -> _T:
    """``make()``, which depends on *parts* alone (immutable parts of a scenario and
    settings, told apart by identity): made once and shared by later games. With *kept_in*
    (a dict held by an object the parts belong to, such as a scenario's outcome space,
    which *make()*'s result must not hold), it is kept there, gone with that object: a
    window or a class server that loads its scenario afresh for each game does not keep
    every earlier load's packages alive (about 1 MB each)."""
    key = tuple(map(id, parts))
    kept_by = _DERIVED if kept_in is None else kept_in
    kept = kept_by.get(key)
    if kept is None or not all(map(operator.is_, kept[0], parts)):
        if len(kept_by) >= _DERIVED_LIMIT:
            kept_by.clear()
        kept = kept_by[key] = (parts, make())
    result: _T = kept[1]
    return result


def _least_on_heaviest(me: Side, issues: Sequence[Issue]) -> list[tuple[int, int]]:
    """(issue position, option position) of the option *me* likes least on each issue
    that weighs most to it."""
    heaviest = max(me.weights[issue.id] for issue in issues)
    least = []
    for i, issue in enumerate(issues):
        if me.weights[issue.id] >= heaviest - 1e-9:
            values = [me.values[issue.id][o.id] for o in issue.options]
            least.append((i, values.index(min(values))))
    return least


class _Bids:
    """What a side's bids read of its packages, in its order of them (:attr:`Negotiator.
    by_utility`; made once per scenario and side): each package's option on each issue,
    and which packages settle an issue one way or avoid the options it keeps off, as bit
    masks (bit k: the k-th package), so that the candidates of a bid are picked out in a
    few operations on whole masks instead of a pass over every candidate."""

    def __init__(self, me: Side, issues: Sequence[Issue], by_utility: Sequence[int],
                 packages: Sequence[Package], ends: Sequence[int] = ()) -> None:
        #: The way toward the other side's end of each issue, as the scenario says it
        #: (:func:`game.speech.directions`, for this side's proposals).
        self.ends = tuple(ends)
        #: columns[issue][k]: the option the k-th package picks on the issue.
        self.columns = [[packages[n][i] for n in by_utility] for i in range(len(issues))]
        #: settles[issue][option]: the packages that settle the issue with the option.
        self.settles = [[sum(1 << k for k, picked in enumerate(column) if picked == option)
                         for option in range(len(issue.options))]
                        for issue, column in zip(issues, self.columns)]
        #: within[issue][option][gap]: the packages whose option on the issue lies at most
        #: *gap* options from the option given, in the issue's order (see :func:`_no_further`).
        self.within = [[[sum((mask for other, mask in enumerate(settles)
                              if abs(other - option) <= gap), 0)
                         for gap in range(len(settles))]
                        for option in range(len(settles))] for settles in self.settles]
        #: Every package.
        self.everywhere = (1 << len(by_utility)) - 1
        #: no_worse[issue][option]: the packages whose option on the issue is worth at least
        #: as much to this side as the option given; no_better[issue][option]: at most as
        #: much (they take back nothing of it).
        self.no_worse: list[list[int]] = []
        self.no_better: list[list[int]] = []
        #: values[issue][option]: what the option is worth to this side on the issue.
        self.values: list[list[float]] = []
        for each, settles in zip(issues, self.settles):
            values = [me.values[each.id][option.id] for option in each.options]
            self.values.append(values)
            self.no_worse.append([sum((mask for other, mask in enumerate(settles)
                                       if values[other] >= value), 0) for value in values])
            self.no_better.append([sum((mask for other, mask in enumerate(settles)
                                        if values[other] <= value), 0) for value in values])
        #: The packages without the option it likes least on any issue that weighs most
        #: to it (see :func:`_least_on_heaviest`).
        self.avoiding = self.everywhere
        for issue, option in _least_on_heaviest(me, issues):
            self.avoiding &= self.everywhere ^ self.settles[issue][option]
        #: What :meth:`no_step_back` has given, by its arguments (they decide it alone).
        self._no_step_back: dict[tuple[object, ...], int] = {}
        #: What :meth:`step` has given, by its arguments.
        self._steps: dict[tuple[object, ...], int] = {}

    def no_step_back(self, previous: Package, theirs: Package,
                     asked: Sequence[Package], opening: Package) -> int:
        """The packages that the record would not judge a step away from *theirs* after
        *previous* (:func:`game.speech.step`, *asked* the other side's proposals so far,
        *opening* this side's first):
        on balance they come no farther from it, issue by issue, and take back no point the
        two proposals agree on, not even in a trade (which the record judges by the balance
        from rules edition 8: the computer keeps to the stricter rule of edition 7)."""
        key = (previous, theirs, tuple(asked), opening)
        kept = self._no_step_back.get(key)
        if kept is None:
            if len(self._no_step_back) >= _KEPT_LIMIT:
                self._no_step_back.clear()
            kept = self._no_step_back[key] = self._judge_steps(previous, theirs, asked,
                                                               opening)
        return kept

    def step(self, previous: Package, package: Package, theirs: Package,
             asked: Sequence[Package], opening: Package) -> int:
        """How far this side's proposal *package* after *previous* moves toward *theirs*,
        as the record judges it (:func:`game.speech.step`; *asked* the other side's
        proposals so far, *opening* this side's first), kept by its arguments."""
        key = (previous, package, theirs, tuple(asked), opening)
        kept = self._steps.get(key)
        if kept is None:
            if len(self._steps) >= _KEPT_LIMIT:
                self._steps.clear()
            kept = self._steps[key] = step(previous, package, theirs, asked,
                                           opening=opening, ends=self.ends)[0]
        return kept

    def _judge_steps(self, previous: Package, theirs: Package, asked: Sequence[Package],
                     opening: Package) -> int:
        """:meth:`no_step_back`, worked out."""
        # sums[s]: the packages whose issues so far count s toward *theirs* on balance.
        sums = {0: self.everywhere}
        for issue, (was, their) in enumerate(zip(previous, theirs)):
            # The packages by what their option here counts (an agreed point taken back
            # counts in no sum: such a package is never one).
            parts = {-1: 0, 0: 0, 1: 0}
            for option, settling in enumerate(self.settles[issue]):
                kind = judged(issue, was, option, their, asked, opening=opening,
                              ends=self.ends)
                if kind != TAKEN_BACK:
                    parts[TOWARD[kind]] |= settling
            moved: dict[int, int] = {}
            for total, mask in sums.items():
                for change, part in parts.items():
                    if mask & part:
                        moved[total + change] = moved.get(total + change, 0) | (mask & part)
            sums = moved
        return functools.reduce(operator.or_, [m for t, m in sums.items() if t >= 0], 0)


#: Bytes "0" and "1" -> 0 and 1 (see :func:`_positions`).
_BITS = bytes.maketrans(b"01", b"\0\1")


def _positions(mask: int, offset: int) -> list[int]:
    """*offset* plus the position of each bit set in *mask*, lowest first."""
    bits = format(mask, "b")[::-1].encode().translate(_BITS)
    return list(itertools.compress(range(offset, offset + len(bits)), bits))


def _lowest_bit(mask: int) -> int:
    """The position of the lowest bit set in *mask* (which is not 0)."""
    return (mask & -mask).bit_length() - 1


def _no_further(package: Package, asked: Package, previous: Package) -> bool:
    """Whether *package* lies no further than *previous* from *asked* on any issue, in the
    issue's order of options: it keeps every point *previous* shared with *asked*, and
    takes back nothing it had given on the way there."""
    return all(abs(option - wish) <= abs(was - wish)
               for option, wish, was in zip(package, asked, previous))


def _changes(package: Package, other: Package) -> int:
    """On how many issues two packages settle differently."""
    return sum(map(operator.ne, package, other))


def _matches(package: Package, other: Package) -> int:
    """On how many issues two packages settle alike (as the record counts a step toward
    the other side)."""
    return sum(map(operator.eq, package, other))


#: A meter a tactic moves, as a tactic's worth reads it: the meter, its change, and the
#: reason the change gives (see :meth:`Negotiator._worth`).
_Moved = tuple[Meter, float, str]


def _tactic_effects(known: Knowledge) -> dict[str, tuple[float, list[_Moved]]]:
    """For each tactic of *known*'s side: what it does to the fallbacks, as a tactic's
    worth counts it (its own gain less half the other side's), and the meters it moves
    with their changes and the reason each gives, in the scenario's order of meters."""
    other = known.other.id
    result = {}
    for tactic in known.tactics.values():
        effects = tactic.sides[known.side].effects
        batna = effects.batna.get(known.side, 0.0) - effects.batna.get(other, 0.0) * 0.5
        moved = [(meter, delta, "to shore up support at home" if meter.side is not None
                  else f"to raise {meter.name.lower()}") for meter in known.meters
                 if (delta := effects.meters.get(meter.id, 0.0))]
        result[tactic.id] = (batna, moved)
    return result


class _Stream:
    """A decision's random stream, seeded with *seed*: its first draw seeds the stream its
    tactics draw from, the rest are its bid's. It is made only when first drawn from (a
    decision in short talks often draws nothing, and making a stream costs more than
    drawing from it): the draws are the same as from ``random.Random(seed)``."""

    def __init__(self, seed: int) -> None:
        self._seed = seed
        self._rng: random.Random | None = None
        self._first = 0.0
        self._normal_next: float | None = None

    def first(self) -> float:
        """The stream's first draw."""
        if self._rng is None:
            self._rng = random.Random(self._seed)
            self._first = self._rng.random()
        return self._first

    def rest(self) -> random.Random:
        """The stream, past its first draw."""
        self.first()
        assert self._rng is not None
        return self._rng

    def normal(self, sigma: float) -> float:
        """A draw from the normal distribution of mean 0 and deviation *sigma*, past the
        stream's first draw: the number ``rest().gauss(0.0, sigma)`` gives, by the same
        steps (here compiled, see game._native), when all such draws are made here."""
        z = self._normal_next
        self._normal_next = None
        if z is None:
            draws = self.rest()
            x2pi = draws.random() * math.tau
            g2rad = math.sqrt(-2.0 * math.log(1.0 - draws.random()))
            z = math.cos(x2pi) * g2rad
            self._normal_next = math.sin(x2pi) * g2rad
        return 0.0 + z * sigma


@dataclass(frozen=True)
class _Derived:
    """What a negotiator derives from its side's part of a scenario alone, made once and
    shared by later games."""

    sorted_values: list[float]
    """The utility of each package of its :attr:`Negotiator.by_utility`, in that order."""
    effects: dict[str, tuple[float, list[_Moved]]]
    """What each of its tactics does (:func:`_tactic_effects`)."""
    prior: list[list[float]]
    """The opponent model's first guess (:func:`~game.opponent.opposed_values`)."""
    alike: list[list[float]]
    """Its guess where interests run alike (:func:`~game.opponent.alike_values`)."""
    bids: _Bids
    """What its bids read of its packages."""
    starts: dict[str, float]
    """Each meter's start, by id."""
    dangers: tuple[tuple[str, float, float], ...]
    """Each meter's id, start, and the level taken as talks about to break down (see
    :data:`DANGER`), in the scenario's order."""
    positions: dict[str, int]
    """Issue id -> its position."""
    called_first: str
    """The side's name at the start of a sentence."""
    proposals: dict[Package, Move] = field(default_factory=dict)
    """The move that proposes each package, made when first proposed."""
    models: dict[tuple[object, ...], OpponentModel] = field(default_factory=dict)
    """Opponent models made so far (only read once made), by what they are made from:
    the other side's proposals, what it named, and its answers to tactics (see
    :meth:`Negotiator.model`)."""


def _derived(view: SideView) -> _Derived:
    known = view.known
    space = known.space
    return _Derived([space.utility[n] for n in space.by_utility], _tactic_effects(known),
                    opposed_values(view), alike_values(view),
                    _Bids(known.me, known.issues, space.by_utility, space.packages,
                          directions(known.issues, known.side)),
                    {meter.id: float(meter.start) for meter in known.meters},
                    tuple((meter.id, meter.start, meter.min + DANGER * (meter.max - meter.min))
                          for meter in known.meters),
                    {issue.id: k for k, issue in enumerate(known.issues)},
                    known.me.called_first)


#: Which rule lifted a bid above the packages worth about its target (see
#: :meth:`Negotiator._held_above`): the points both offers share kept ("kept"), no step
#: away from the other side's offer ("no step back"), either with its heaviest issue held
#: (", heaviest"), nothing it gave taken back while the other side has proposed nothing
#: ("unanswered"), nothing taken back without giving ("steady"), the other side's red lines
#: ("red lines"), or no more given than the other side asked ("asked").
Lifted = Literal["kept", "kept, heaviest", "no step back", "no step back, heaviest",
                 "unanswered", "steady", "red lines", "asked"]

#: How far under the package nearest its target that crosses none of the other side's red
#: lines it looks for one worth more to the other side, when all lie under its target
#: (see :meth:`Negotiator._clear_of`). Over 400 games against a principled player of each
#: side of the main scenario, 0.025 raised the mean Nash share from 0.756 to 0.811 (the
#: student as the US) and from 0.914 to 0.953 (as Russia), neither side losing, and
#: changed no February game; 0.03 and 0.05 lowered February's (0.739 to 0.721).
CLEAR_BAND = 0.025

#: Why a proposal took back some of what the side's last one gave, after a threat (the
#: reason ended "a threat the other side made earlier freed it to", unfinished; then it
#: blamed a threat made before the offer it took back: see
#: :meth:`Negotiator._threat_since_its_offer`; "released it from what that proposal
#: offered" was hard going for a teenager, a playtest).
RELEASED = ("the other side has threatened since its last proposal, so it no longer holds to "
            "what that proposal offered")
#: Why a proposal moved off its bid by the other side's red lines took back some of what
#: the side's last one gave (said after "taking back ... what its last offer gave").
CLEARED = " to make up for what those red lines cost it"


class Negotiator:
    """Plays one side at a difficulty; call :meth:`decide` with that side's view on its
    turns. It never holds the game, only what a view gives it."""

    def __init__(self, view: SideView, difficulty: Difficulty | None = None,
                 strategy: Strategy | None = None, tactics: bool = True) -> None:
        known = view.known
        #: Whether it uses tactics at all (off: only offers and answers to them).
        self.tactics = tactics
        self.side = known.side
        self.other = known.other.id
        self.difficulty: Difficulty = difficulty or known.settings.difficulty
        self.personality, self.modelling = _shared(
            (known.me.personality, self.difficulty, strategy),
            lambda: _tuned(known.me.personality, self.difficulty, strategy))
        # Its mood for this game: the same delegation concedes a little faster or slower,
        # and holds out for a little more or less, from one game to the next, so that a
        # replay is not a rerun (drawn from the game's seed: a replayed game is the same).
        mood = random.Random(known.seed * 104_729 + known.seat)
        self.pace = math.exp(mood.uniform(-MOOD, MOOD))
        #: Where its concession starts, as a share of its best package: its personality's
        #: opening, lowered a little by its mood (kept apart: a copy of the personality for
        #: each game cost more than the rest of the negotiator's setting up).
        self.opening = self.personality.opening * (1 - mood.uniform(0, 0.05))
        space = known.space
        self.space = space
        self.own = space.utility
        self.by_utility = space.by_utility
        derived = self._derived = _shared((known.me, known.issues, known.tactics,
                                           known.meters, space.by_utility, space.utility,
                                           space.packages),
                                          lambda: _derived(view), kept_in=space.derived)
        self.sorted_values = derived.sorted_values
        self.best = self.own[self.by_utility[-1]] if self.by_utility else 0.0
        #: Its name inside a sentence, for its reasons ("worth 80 points to the United
        #: States").
        self.name = known.me.called
        self._name_first = derived.called_first
        #: Its possessive inside a sentence ("Russia's"): "its own fallback", after "the
        #: other side repeats one proposal", left a playtester asking whose.
        self._whose = known.me.whose
        self._seat = known.seat
        self._cached: tuple[tuple[int, int], OpponentModel] | None = None
        #: What :meth:`_lowest` has read: the record, each meter's lowest and current level
        #: (without the other side's moves), and whose move the last entries followed.
        self._lows: tuple[tuple[Entry, ...], dict[str, float], dict[str, float],
                          str | None] = ((), {}, {}, None)
        self._clock: tuple[SideView, float] | None = None
        self._unanswered: tuple[SideView, bool] | None = None
        self._share: tuple[SideView, float] | None = None
        #: The last target and band :meth:`_span` was asked about, and its answer.
        self._spans: tuple[float, float, tuple[int, int]] = (-1.0, -1.0, (0, 0))
        #: The record read so far, and how many threats it and the other side made in it.
        self._threats: tuple[tuple[Entry, ...], int, int] = ((), 0, 0)
        #: The offers read so far, and the best of the other side's among them.
        self._offered: tuple[tuple[tuple[str, Package], ...], Package | None,
                             float | None] = ((), None, None)
        #: What each of its tactics does (:func:`_tactic_effects`), shared by later games.
        self._effects = derived.effects
        # What it has read of the other side so far: each model reads only what is new.
        self._notes = OpponentNotes(known.issues, derived.prior, derived.alike,
                                    positions=derived.positions)
        #: What its bids read of its packages (made once per scenario and side).
        self._bids = derived.bids
        #: Which rule of :meth:`_choose` lifted its last bid above the packages worth about
        #: its target, for its reason (see :meth:`_held_above`); None: none did.
        self._lifted: Lifted | None = None

    # ----- the decision -----------------------------------------------------------------

    def decide(self, view: SideView) -> Decision:
        """Choose a legal move for this side, with a one-sentence reason."""
        state = view.state
        assert state.to_move == self.side and view.side == self.side, \
            "not this negotiator's turn"
        legal = view.legal
        kinds = {m.kind for m in legal}
        # Tit-for-tat reads the other side's proposals from its notes; no opponent model
        # is made for a target.
        reserve = self.reserve(view)
        target = self._target(view, self._proposals(view)
                              if self.personality.strategy == "tit_for_tat" else None,
                              reserve)
        standing = view.standing_from_other()
        index = self.space.index
        best_earlier = self._best_offered(view)
        can_propose = "propose" in kinds

        if "walkout" in kinds and self.personality.walkout_when and \
                view.holds(self.personality.walkout_when):
            labels = {meter.id: meter.name.lower() for meter in view.known.meters}
            point = in_words(self.personality.walkout_when, labels)
            return Decision(Move.walkout(), f"{self._name_first} walked out: it had "
                                            f"reached its breaking point ({point}).")

        # The worth of the offer on the table when nothing but its worth keeps it from
        # taking it (no red line crossed, nothing better offered earlier): see _near_target.
        takeable: float | None = None
        if standing is not None and "accept" in kinds:
            value = self.own[index[standing]]
            crossed = self.space.crosses[index[standing]]
            better = best_earlier is not None and can_propose and \
                self.own[index[best_earlier]] > value + 1e-9
            if state.last_turn:
                if not crossed and value > view.batna + 0.005:
                    return Decision(Move.accept(), f"Accepted the final offer: worth "
                                                   f"{points(value)} points to {self.name}, "
                                                   f"above its fallback "
                                                   f"({points(view.batna)}).")
                why = ("it crosses one of its red lines" if crossed else
                       f"it is worth {points(value)} points, no better than its "
                       f"fallback ({points(view.batna)})")
                move = Move.reject() if "reject" in kinds else Move.wait()
                return Decision(move, f"Refused the final offer: {why}.")
            threshold = max(min(target, self._next_offer_value(target)), reserve)
            if not crossed and not better:
                if value >= threshold:
                    return Decision(Move.accept(), f"Accepted: the offer is worth "
                                                   f"{points(value)} points to {self.name}, "
                                                   f"at or above its target "
                                                   f"({points(target)}) and its fallback "
                                                   f"({points(view.batna)}).")
                takeable = value

        stream = _Stream(view.known.seed * 7_919 + state.turn * 2 + self._seat + 17)
        # Tactics draw from their own stream, seeded with this one's first draw, so that
        # weighing a tactic and not using it leaves the offer it makes unchanged (the
        # streams are made only if they are drawn from).
        previous = view.last_offer(self.side)
        said = self._red_lines_aloud(view, legal)
        if said is not None:
            return said
        tactic = self._tactic(view, legal, stream.first, previous, can_propose)
        if tactic is not None:
            return tactic

        if can_propose:
            if best_earlier is not None and self.own[index[best_earlier]] >= target - 1e-9:
                if standing is not None and best_earlier == standing and "accept" in kinds:
                    return Decision(Move.accept(), "Accepted: the offer on the table is the "
                                                   "best the other side has made.")
                # Not one across a red line the other side has said aloud, even if that
                # side proposed it: told those lines, it answered that it would keep clear
                # of them (a playtest: a careless Russia proposed across its own red line,
                # and the United States proposed that package back twice).
                if best_earlier != view.standing and not view.crosses_said(best_earlier):
                    value = self.own[index[best_earlier]]
                    return Decision(self._proposal(view, best_earlier),
                                    f"Proposed back the other side's own earlier package, "
                                    f"worth {points(value)} points to {self.name} (target "
                                    f"{points(target)}).")
            # Bids read the opponent model only once it knows something and this level
            # uses it, and only when more than one package is worth about its target;
            # otherwise they need not make it.
            modelled = bool(self.modelling) and (
                bool(view.revealed[self.other]) or
                any(who == self.other for who, _ in view.offers))
            low, high = self._span(target)
            model = self.model(view) if modelled and high - low > 1 else None
            # The round of a threat made since its last proposal, which frees it to take back
            # what that proposal gave (read once for the decision).
            threat = self._threat_since_its_offer(view)
            released = threat is not None
            hold = self._kept_in_common(view, previous, released)
            steady = not released
            theirs = view.last_offer(self.other)
            # What the record judges a step against: the other side's latest proposal, all
            # its proposals and this side's opening one (once both sides have proposed).
            against = (theirs, [p for who, p in view.offers if who == self.other],
                       next(p for who, p in view.offers if who == self.side)) \
                if previous is not None and theirs is not None else None
            # Before the two offers share a point, it still takes no step away from the
            # other side's latest one, as the record judges a step (see _choose).
            facing = against if steady and hold is None else None
            package = self._choose(model, target, stream, previous, hold, steady=steady,
                                   facing=facing, unanswered=steady and theirs is None)
            chosen = package
            if view.across is not None and view.crosses_said(package):
                fair = self._bids.no_step_back(previous, *against) \
                    if against is not None and previous is not None else None
                package = self._clear_of(package, target, reserve, view.across,
                                         self.model(view) if modelled else None, fair,
                                         previous, self._named(view))
                if package != chosen:
                    self._lifted = "red lines"
            # Moved off its bid by the other side's red lines said aloud: said as the reason
            # for its choice, and for what it takes back (a playtest read "its own position
            # has risen since" of a proposal that made up for what those lines cost it).
            cleared = package != chosen
            if theirs is not None and self.modelling:
                # (Easy play, which reads no model of the other side, does not check.)
                fewer = self._no_more_than_asked(package, theirs, view.across)
                if fewer != package:
                    package, self._lifted = fewer, "asked"
            if against is not None and previous is not None and package != previous and \
                    not view.crosses_said(previous) and \
                    released and \
                    self._bids.step(previous, package, *against) > 0:
                # It answers no threat with a concession: a threat that moved it would teach
                # the other side to threaten again (and its reply to the threat said so).
                # (Not by standing on a proposal across red lines the other side has said.)
                # Which threat, by its round: a playtester read the reason two rounds after
                # the threat, and a concession of its own, and took it for another.
                worth = f"worth {points(self.own[index[previous]])} points to {self.name}"
                since = (f"it answers no threat with a concession, and the other side "
                         f"threatened in round {threat}, since "
                         f"its last proposal")
                if standing is None and state.standing_by == self.side:
                    return Decision(Move.wait(), f"Held its offer, {worth}: {since}.")
                return Decision(self._proposal(view, previous),
                                f"Stood by its last proposal, {worth}: {since}.")
            value = self.own[index[package]]
            if standing is not None and package == standing and "accept" in kinds:
                return Decision(Move.accept(), f"Accepted: the offer on the table is what "
                                               f"{self.name} would have proposed itself.")
            if takeable is not None and value > target + NEAR_TARGET and \
                    takeable >= max(target - NEAR_TARGET, reserve) and \
                    takeable > view.batna + 0.005:
                return self._near_target(view, takeable, value, target,
                                         None if previous is None else
                                         self.own[index[previous]])
            # By the model only where it weighed the choice: with one package about its
            # target there was nothing to weigh (the same opening read "by its model" in one
            # game and "by its own priorities" in another, a playtest).
            how = "its model of the other side's wishes" if model is not None else \
                "its own priorities"
            if package == previous and standing is None and \
                    state.standing_by == self.side:
                # Its offer's worth said beside its target: "nothing new to give at its
                # target of 64 points" over an offer worth 82 read as a contradiction.
                return Decision(Move.wait(), f"Held its offer, worth {points(value)} points "
                                             f"to {self.name} (target {points(target)}): "
                                             f"{self._held_above(value, target, previous, hold, how)}.")
            # Said once the other side has had a turn to propose, and not of an opening made
            # in the first round (a playtester read "it gives ground" of one), with its pace
            # beside its usual one ("slowly" was said of a delegation whose offers fell from
            # 96 to 73 points over the talks, a playtester).
            share = self.share(view)
            slow = "" if share == 1.0 or previous is None and state.round <= 1 or not any(
                entry.speaker == self.other and entry.kind in ("move", "timeout")
                for entry in view.record) else \
                ("; it gives ground at half its usual pace while the other side has proposed "
                 "nothing" if share == SILENT_SHARE else
                 "; it gives ground more slowly than usual while the other side repeats one "
                 f"proposal that does not beat {self._whose} fallback"
                 if self.stalled_since(view) is not None else
                 "; it gives ground more slowly than usual while nothing the other side has "
                 f"proposed beats {self._whose} fallback")
            worth = f"worth {points(value)} points to {self.name} (target {points(target)})"
            if package == previous:
                # The same package again: nothing it chose anew, nothing it kept or took back.
                return Decision(self._proposal(view, package),
                                f"Stood by its last proposal, {worth}: "
                                f"{self._held_above(value, target, previous, hold, how)}{slow}.")
            shared = _matches(previous, hold) if previous is not None and hold else 0
            if previous is not None and (
                    (hold and not _no_further(package, hold, previous)) or
                    (facing and self._bids.step(previous, package, *facing) < 0)):
                # See _choose: nothing worth its target keeps them any more. Said as the
                # record judges the move: leaving a point the other side asked for, toward
                # the other side's end, gives more than was asked and takes nothing back
                # (the reason said "taking back" of a gift the record had just called one).
                assert against is not None  # both sides have proposed
                verdicts = judged_issues(previous, package, against[0], against[1],
                                         opening=against[2], ends=self._bids.ends)
                if TAKEN_BACK in verdicts or FARTHER in verdicts:
                    kept = (f", taking back some of what its last offer gave the other side"
                            f"{CLEARED if cleared else ': its own position has risen since'}")
                else:
                    more = verdicts.count(MORE)
                    kept = (f", giving more than the other side's last proposal asked on "
                            f"{more} issue{'s' if more > 1 else ''}")
            elif previous is not None and package != previous and \
                    view.last_offer(self.other) is not None and released \
                    and (given_back := self._given_back(view, package, previous))[0]:
                # Counted as the record counts them (points taken back, steps farther), so
                # that its reason and the record give the same numbers. A move that still
                # comes toward the other side on balance says so: the record and its line
                # say that much. (A threat was answered: there are both sides' proposals.)
                words, toward = given_back
                balance = "moving toward the other side on balance, but " if toward > 0 else ""
                kept = f", {balance}{words}: {RELEASED}"
            elif previous is not None and view.last_offer(self.other) is None and \
                    (back := self._taken_back_own(view, package, previous)):
                # The other side has proposed nothing: what it took back of its own last
                # offer, by its own values, and why (see _choose's *unanswered*).
                if released:
                    why = f": {RELEASED}"
                else:
                    why = CLEARED if cleared else ": its own position has risen since"
                kept = (f", taking back on {back} issue{'s' if back > 1 else ''} what its "
                        f"last offer gave{why}")
            else:
                kept = (f", keeping the {shared} issue{'s' if shared > 1 else ''} on which "
                        f"its last offer already met the other side's" if shared else "")
            chosen_by = ("chosen to cross none of the red lines the other side has said "
                         "aloud") if cleared else f"chosen by {how}"
            return Decision(self._proposal(view, package),
                            f"Proposed a package, {worth}, {chosen_by}{kept}{slow}.")
        if standing is not None and "reject" in kinds:
            return Decision(Move.reject(), "Rejected the offer: it is below its target and "
                                           "it may not counter in this phase.")
        return Decision(Move.wait(), "Held its position: no move would improve on it.")

    def _proposal(self, view: SideView, package: Package) -> Move:
        """The move that proposes *package* (moves are immutable: one is made for each
        package and shared by later decisions and games)."""
        proposals = self._derived.proposals
        move = proposals.get(package)
        if move is None:
            move = proposals[package] = Move.propose(view.ids(package))
        return move

    def _held_above(self, value: float, target: float, previous: Package,
                    hold: Package | None, how: str) -> str:
        """Why it offers its last package (worth *value*) again: "still the best it could
        offer by" *how* while that package is worth about its *target*; otherwise what kept
        it from coming down toward its target, as :meth:`_choose` left it in
        :attr:`_lifted` (*hold*: the other side's latest proposal, when its bid kept the
        points they share). A reason had said "still the best it could offer" of an offer
        worth 83 points against a target of 68."""
        low, _ = self._span(target)
        lifted = self._lifted
        if value <= target + BAND + 1e-9 or lifted is None and \
                abs(self.sorted_values[low] - value) > 1e-9:
            return f"still the best it could offer by {how}"
        if lifted is None:
            return "no package is worth between its target and this one"
        every = "every package worth between its target and this one would"
        heaviest = lifted.endswith("heaviest")
        if lifted.startswith("kept") and hold is not None:
            if hold == previous:
                return "it is the other side's own latest proposal"
            shared = _matches(hold, previous)
            return (f"no package worth between its target and this one keeps the {shared} "
                    f"issue{'s' if shared > 1 else ''} on which the two offers already agree "
                    f"without moving away from the other side's offer on another" +
                    (" and spares it its worst option on the issue that weighs most with it"
                     if heaviest else ""))
        return {
            "steady": f"{every} take back some of what it has offered and give nothing for it",
            "unanswered": f"{every} take back some of what it has offered, and the other "
                          f"side has proposed nothing yet",
            "red lines": f"{every} cross a red line the other side has said",
            "asked": "its package at about its target gave the other side more than it "
                     "asked for on some issue, where this one takes the other side's own ask",
        }.get(lifted, f"{every} move away from the other side's latest proposal" +
              (" or give it its worst option on the issue that weighs most with it"
               if heaviest else ""))

    def _taken_back_own(self, view: SideView, package: Package, previous: Package) -> int:
        """On how many issues *package* holds an option worth more to this side than
        *previous* did: what it takes back of its own last offer, by its own values."""
        values = view.known.me.values
        return sum(values[issue.id][issue.options[now].id] >
                   values[issue.id][issue.options[was].id]
                   for issue, now, was in zip(view.known.issues, package, previous))

    def _given_back(self, view: SideView, package: Package, previous: Package
                    ) -> tuple[str, int]:
        """What *package* takes back of *previous*, as the record judges it against the
        other side's latest proposal: "taking back 2 points both proposals had agreed on
        and going farther from the other side's proposal on 1 issue" ("" when it does
        neither), with how far it moves toward that proposal on balance (as
        :func:`~game.speech.step` counts it)."""
        theirs = view.last_offer(self.other)
        assert theirs is not None
        asked = [p for who, p in view.offers if who == self.other]
        opening = next(p for who, p in view.offers if who == self.side)
        kinds = judged_issues(previous, package, theirs, asked, opening=opening,
                              ends=self._bids.ends)
        back, farther = kinds.count(TAKEN_BACK), kinds.count(FARTHER)
        parts = []
        if back:
            parts.append(f"taking back {'a point' if back == 1 else f'{back} points'} both "
                         f"proposals had agreed on")
        if farther:
            parts.append(f"going farther from the other side's proposal on {farther} "
                         f"issue{'s' if farther > 1 else ''}")
        return " and ".join(parts), weighed(kinds)[0]

    def model(self, view: SideView) -> OpponentModel:
        """What it has learnt of the other side from *view*."""
        # The model reads only the other side's proposals, what it named, and this side's
        # tactics before each of those proposals: it changes only when the other side
        # proposes or names something.
        key = (sum(1 for who, _ in view.offers if who == self.other),
               len(view.revealed[self.other]))
        if self._cached is None or self._cached[0] != key:
            # A model is made from the notes alone, so one made in an earlier game from the
            # same notes is the same model.
            notes = self._notes
            notes.read(view)
            made = (tuple(notes.offers), view.revealed[self.other],
                    tuple([(kind, tuple(gains)) for kind, gains in notes.responses.items()]))
            models = self._derived.models
            model = models.get(made)
            if model is None:
                if len(models) >= _MODELS_KEPT:
                    models.clear()
                model = models[made] = notes.model(view)
            self._cached = (key, model)
        return self._cached[1]

    def _proposals(self, view: SideView) -> Sequence[Package]:
        """The other side's proposals so far, in order."""
        self._notes.read(view)
        return self._notes.offers

    def _best_offered(self, view: SideView) -> Package | None:
        """The other side's offer so far that is worth most to this side, among those
        that cross none of its red lines."""
        # Only the offers made since the last view are read (all of them, for a view that
        # does not carry on from that one).
        return self._read_offers(view)[0]

    def _read_offers(self, view: SideView) -> tuple[Package | None, float | None]:
        """:meth:`_best_offered`, and the most any of the other side's offers is worth to
        this side (red lines aside; None: it has made none)."""
        offers = view.offers
        read, best, highest = self._offered
        if offers is read:
            return best, highest
        if offers[:len(read)] != read:
            read, best, highest = (), None, None
        index, own, crosses = self.space.index, self.own, self.space.crosses
        for who, package in offers[len(read):]:
            if who == self.other:
                n = index[package]
                if highest is None or own[n] > highest:
                    highest = own[n]
                if not crosses[n] and (best is None or own[n] > own[index[best]]):
                    best = package
        self._offered = (offers, best, highest)
        return best, highest

    # ----- targets ----------------------------------------------------------------------

    def reserve(self, view: SideView) -> float:
        """The lowest utility it will accept now: just above its fallback, lowered by how
        far its stance has softened (never to its fallback or below)."""
        margin = max(self.personality.margin - max(view.stance, 0.0), 0.01)
        return min(view.batna + margin + max(-view.stance, 0.0), self.best)

    def clock(self, view: SideView) -> float:
        """How far along its concession it should be, from 0 to 1: the later of the share
        of the talks gone by and the share of the rounds it expects them to survive."""
        kept = self._clock
        if kept is not None and kept[0] is view:  # asked more than once for one decision
            return kept[1]
        clock = self._clock_of(view)
        self._clock = (view, clock)
        return clock

    def _clock_of(self, view: SideView) -> float:
        total = view.known.total_rounds
        elapsed = view.state.round - 1
        deadline = elapsed / max(total - 1, 1)
        left = self.rounds_to_breakdown(view)
        if left is None or elapsed == 0:
            clock = min(deadline, 1.0)
        else:
            risk = elapsed / (elapsed + SAFETY * left) if left > 0 else 1.0
            clock = min(max(deadline, risk), 1.0)
        since = self.stalled_since(view)
        if since is not None:
            # The rounds since the other side's first proposal count at STALLED_PACE: the
            # clock still moves on each round (its target never climbs back), more slowly.
            stalled = (view.state.round - since) / max(total - 1, 1)
            clock = max(clock - (1 - STALLED_PACE) * stalled, 0.0)
        return clock

    def stalled_since(self, view: SideView) -> int | None:
        """The round of the other side's first proposal, while it has made
        :data:`STALLED_AFTER` or more and all of them are one package worth no more to this
        side than its fallback (the side that asks for the same thing every turn and waits
        for the deadline); None otherwise. Its concession clock runs at
        :data:`STALLED_PACE` since that round."""
        if not self.unanswered(view):
            return None
        other = self.other
        first: Package | None = None
        count = 0
        for who, package in view.offers:
            if who == other:
                if first is None:
                    first = package
                elif package != first:
                    return None
                count += 1
        if count < STALLED_AFTER:
            return None
        # Its round from the record, read only for a stall (rare).
        notes = self._notes
        notes.read(view)
        return notes.first_round

    def rounds_to_breakdown(self, view: SideView) -> float | None:
        """Rounds until some meter, sinking at the pace it has sunk so far from its start
        to its lowest, reaches the bottom of its range (None: none is sinking). What the
        other side's own moves took off a meter (its threats, its rejections) does not
        count: a delegation does not concede faster because the other side has soured the
        talks, which would reward bluster; it may walk out instead. Events and its own
        moves count."""
        elapsed = view.state.round - 1
        if elapsed <= 0:
            return None
        lows = self._lowest(view)
        soonest: float | None = None
        for meter, start, danger in self._derived.dangers:
            low = lows.get(meter, float(start))
            fall = start - low
            if fall <= 0:
                continue
            # Two quiet rounds of prior keep one early blow from reading as a collapse.
            rate = fall / (elapsed + 2)
            left = max(low - danger, 0.0) / rate
            soonest = left if soonest is None else min(soonest, left)
        return soonest

    def _lowest(self, view: SideView) -> dict[str, float]:
        """The lowest value each meter has reached, read from the record, leaving out what
        the other side's own moves took off it (see :meth:`rounds_to_breakdown`)."""
        # Only the entries new since the last view are read (all of them, for a view that
        # does not carry on from that one: another game, or the same one taken back).
        record = view.record
        read, lows, levels, cause = self._lows
        if record is read:
            return lows
        if record[:len(read)] != read:
            read, lows, levels, cause = (), {}, {}, None
        other = self.other
        starts = self._derived.starts
        for entry in record[len(read):]:
            kind = entry.kind
            if kind in ("move", "reply", "timeout"):
                if entry.move is not None:  # words in reply to a tactic change nothing
                    cause = entry.speaker
            elif kind in ("event", "phase", "outcome"):
                cause = None
            if cause == other:
                continue
            for change in entry.changes:
                if change.kind == "meter":
                    meter = change.target
                    level = levels.get(meter, starts.get(meter, 0.0)) + change.delta
                    levels[meter] = level
                    lows[meter] = min(lows.get(meter, level), level)
        self._lows = (record, lows, levels, cause)
        return lows

    def target(self, view: SideView, model: OpponentModel) -> float:
        """The utility it aims for at this point of the game."""
        return self._target(view, model.offers)

    def _target(self, view: SideView, offers: Sequence[Package] | None,
                reserve: float | None = None) -> float:
        """:meth:`target`, given the other side's proposals (read only by tit-for-tat) and
        :meth:`reserve` when the caller has it."""
        if reserve is None:
            reserve = self.reserve(view)
        time = self.clock(view)
        index = self.space.index
        share = self.share(view)
        if self.personality.strategy == "tit_for_tat":
            target = start = self._start(reserve)
            assert offers is not None
            if offers:
                # Relative tit-for-tat: it gives up the share of its own way from its start
                # to its reserve that the other side's proposals have come of theirs, from
                # the first toward its start, as it values them. Giving back point for point
                # favoured the side whose values move more a step: tit-for-tat against
                # itself at easy ended .052 apart in the main scenario over 500 games, the
                # largest gap at any level of the main and February scenarios; as shares,
                # .001 there, and .029 at most.
                come = 0.0
                for before, after in zip(offers, offers[1:]):
                    come += max(self.own[index[after]] - self.own[index[before]], 0.0)
                way = start - self.own[index[offers[0]]]
                if way > 1e-9:
                    target = start - (start - reserve) * min(come / way, 1.0)
            # Time pressure keeps two mirrors from waiting on each other forever.
            if time > 0.6:
                target -= (target - reserve) * share * (time - 0.6) / 0.4
            target -= max(view.stance, 0.0)
        else:
            target = self._curve(reserve, time, share)
            target -= max(view.stance, 0.0) * (1 - time)
        return round(max(target, reserve), 4)

    def _start(self, reserve: float) -> float:
        """Where its concession starts: its opening share of its best package (never
        below *reserve*)."""
        return max(self.best * self.opening, reserve)

    def _curve(self, reserve: float, time: float, share: float = 1.0) -> float:
        """Where its concession curve stands at *time* (its clock), from :meth:`_start`
        toward *reserve*, going *share* of the way: slowly at first for Boulware, evenly
        for linear (and tit-for-tat, whose own target follows the other side), quickly for
        Conceder."""
        start = self._start(reserve)
        exponent = EXPONENTS[self.personality.strategy] * self.pace
        return float(start - (start - reserve) * share * time ** (1 / exponent))

    def share(self, view: SideView) -> float:
        """How much of its usual concession it makes now: all of it once the other side
        has proposed something worth more to it than no deal; :data:`UNANSWERED_SHARE`
        while its proposals are all worth less; :data:`SILENT_SHARE` while it has proposed
        nothing at all."""
        kept = self._share
        if kept is not None and kept[0] is view:  # asked more than once for one decision
            return kept[1]
        if not self.unanswered(view):
            share = 1.0
        elif any(who == self.other for who, _ in view.offers):
            share = UNANSWERED_SHARE
        else:
            share = SILENT_SHARE
        self._share = (view, share)
        return share

    def unanswered(self, view: SideView) -> bool:
        """Whether the other side has put nothing on the table worth more to this side than
        its fallback (red lines aside: the other side may not know them): no proposal yet,
        or only proposals below it. Until it has, it gives ground only
        :data:`UNANSWERED_SHARE` of its usual way: a delegation does not bid against
        itself, walking toward its reserve turn after turn while the other side offers
        nothing better than no deal, or nothing at all. So asking for everything, or never
        proposing, and waiting for the deadline does not pay, and the first proposal that
        beats its fallback is answered at once (its curve drops to the full pace, never
        climbs: what it has given stays given)."""
        kept = self._unanswered
        if kept is not None and kept[0] is view:  # asked more than once for one decision
            return kept[1]
        highest = self._read_offers(view)[1]
        answer = highest is None or highest <= view.batna
        self._unanswered = (view, answer)
        return answer

    def _candidates(self, target: float, band: float = BAND) -> Sequence[int]:
        low, high = self._span(target, band)
        return self.by_utility[low:high]

    def _span(self, target: float, band: float = BAND) -> tuple[int, int]:
        """Where the packages worth about *target* to it lie in :attr:`by_utility`: those
        from *target* to *target* + *band*, else the next better one, else its best."""
        kept = self._spans
        if kept[0] == target and kept[1] == band:  # asked again for the same decision
            return kept[2]
        low = bisect.bisect_left(self.sorted_values, target - 1e-9)
        high = bisect.bisect_right(self.sorted_values, target + band)
        if low >= high:
            count = len(self.by_utility)
            low, high = (low, low + 1) if low < count else (max(count - 1, 0), count)
        self._spans = (target, band, (low, high))
        return low, high

    def _kept_in_common(self, view: SideView, previous: Package | None,
                        released: bool | None = None) -> Package | None:
        """The other side's latest proposal, when this side's next bid should lie no further
        from it on any issue than its own last offer did (see :func:`_no_further`): a
        delegation does not take back what it has given, least of all a point the other
        side has met, so a step of the other side's is never answered by a step back. None
        when the two offers share no point yet, or when the other side has threatened since
        this side's last proposal (*released*; None: read from the view), which frees it to
        take back what that proposal gave (see :meth:`_threat_since_its_offer`)."""
        theirs = view.last_offer(self.other)
        if released is None:
            released = self._threat_since_its_offer(view) is not None
        if previous is None or theirs is None or not _matches(previous, theirs) or released:
            return None
        return theirs

    def _choose(self, model: OpponentModel | None, target: float,
                rng: random.Random | _Stream, previous: Package | None = None,
                hold: Package | None = None, steady: bool = False,
                facing: tuple[Package, Sequence[Package], Package] | None = None,
                unanswered: bool = False) -> Package:
        """The package it bids at *target*, by *model* (None: a model that knows nothing
        yet), drawing from *rng* (a decision's stream: past its first draw) when it draws.
        With *hold* (the other side's latest proposal), only packages that lie no further
        from it than *previous* on any issue (see :func:`_no_further`): the next better one
        for itself when none worth about its target does. *steady*: it does not take back
        without giving (no package that is no worse for it than *previous* on every issue),
        unless nothing worth about its target is left; False once the other side has
        threatened. With *facing* (the other side's latest proposal, all its proposals and
        this side's opening one, when there is no *hold*), only packages the record would
        not judge a step away from that proposal (:meth:`_Bids.no_step_back`), or the next
        better one for itself when none worth about its target is one. *unanswered*: the
        other side has proposed nothing yet, so no step can be judged against its wishes;
        then it takes back nothing of *previous* on any issue (each concession stays given,
        so its offers do not zigzag), or bids the next package better for itself that
        does so when none worth about its target does. Which of these rules lifted its
        bid above the packages worth about its target is left in :attr:`_lifted`."""
        low, high = self._span(target)
        packages = self.space.packages
        bids = self._bids
        self._lifted = None
        # The candidates as a bit mask over :attr:`by_utility` (bit k: the k-th package).
        span = ((1 << high) - 1) ^ ((1 << low) - 1)
        # It does not offer the option it likes least on an issue that weighs most to it,
        # while a package worth its target avoids that.
        keeping: int | None = bids.avoiding & span
        if not keeping:
            keeping = None
        if hold is not None and previous is not None:
            # _no_further as masks: on each issue, the packages whose option lies no
            # further from the other side's than its previous offer's did.
            near = bids.everywhere
            for within, was, asked in zip(bids.within, previous, hold):
                near &= within[asked][abs(was - asked)]
            held = near & span
            both = held if keeping is None else held & keeping
            if not both and keeping is not None:
                # Nothing worth its target both keeps the other side's options and spares
                # its heaviest issue its worst option: it holds that issue, with the first
                # package better for itself that does both, rather than give up what it
                # cares most about (a playtester saw it name an issue as what mattered most
                # to it, then give it up whole).
                bid = self._above(near & bids.avoiding, high)
                if bid is not None:
                    self._lifted = "kept, heaviest" if held else "kept"
                    return bid
            keeping = both or held
            if not keeping:
                # The first package better for itself that keeps them, if any.
                bid = self._above(near, high)
                if bid is not None:
                    self._lifted = "kept"
                    return bid
                # Nothing worth its target keeps them (its fallback or stance has risen
                # since): its own position has moved, and it bids by it.
                keeping = None
        if facing is not None and previous is not None:
            fair = bids.no_step_back(previous, *facing)
            both = fair & (span if keeping is None else keeping)
            if not both and keeping is not None:
                # As above: it holds its heaviest issue.
                bid = self._above(fair & bids.avoiding, high)
                if bid is not None:
                    self._lifted = "no step back, heaviest" if fair & span else \
                        "no step back"
                    return bid
            keeping = both or (fair & span) or None
            if keeping is None:
                # The first package better for itself that is no step away.
                bid = self._above(fair, high)
                if bid is not None:
                    self._lifted = "no step back"
                    return bid
        if unanswered and previous is not None:
            given = bids.everywhere
            for no_better, option in zip(bids.no_better, previous):
                given &= no_better[option]
            both = given & (span if keeping is None else keeping)
            keeping = both or (given & span) or None
            if keeping is None:
                bid = self._above(given, high)
                if bid is not None:
                    self._lifted = "unanswered"
                    return bid
        if steady and previous is not None:
            # Nor does it take back without giving: a package no worse for itself than its
            # previous offer on every issue (and better on some) gives the other side
            # nothing for what it takes, unless every package worth its target does so.
            back = same = bids.everywhere
            for no_worse, settles, option in zip(bids.no_worse, bids.settles, previous):
                back &= no_worse[option]
                same &= settles[option]
            forward = (span if keeping is None else keeping) & ~(back ^ same)
            if forward:
                keeping = forward
            elif self.own[self.space.index[previous]] >= target - 1e-9:
                self._lifted = "steady"
                return previous  # still worth its target: it stands by it
        if high - low == 1:
            # The one package worth about its target is the bid, whatever the model says
            # (the rules above have let it stand). A bid is the last draw from its
            # decision's stream, so the draws it skips change nothing else.
            return packages[self.by_utility[low]]
        # The positions in :attr:`by_utility` of the packages it may bid, in that order.
        kept: Sequence[int] = range(low, high) if keeping is None else \
            _positions(keeping >> low, low)
        stream: _Stream | None = None
        if isinstance(rng, _Stream):
            stream, draws = rng, rng.rest()
        else:
            draws = rng
        if model is not None and model.known and self.modelling:
            weight = self.modelling
            # It bids on one plausible opponent drawn from what its model is unsure of
            # (how much each issue weighs), so its bids explore and replays differ.
            spread = UNSURE * (1.0 - model.certainty)
            rows = []
            for row in model.table:
                z = stream.normal(spread) if stream is not None else draws.gauss(0.0, spread)
                scale = math.exp(z)
                rows.append([v * scale for v in row])
            if previous is not None:  # keeping an option of its previous offer counts too
                for row, option in zip(rows, previous):
                    row[option] += STEADY
            # The hot loop of a simulation (compiled, see game._native): each candidate's
            # estimate is the sum of its options' rows, added in issue order.
            columns: list[list[int]] = bids.columns
            own_values: list[float] = self.sorted_values
            first_row, first_column = rows[0], columns[0]
            later = list(zip(rows[1:], columns[1:]))
            keep = 1 - weight
            scores: list[float] = []
            for k in kept:
                estimate: float = first_row[first_column[k]]
                for row, column in later:
                    estimate += row[column[k]]
                scores.append(weight * estimate + keep * own_values[k])
            # The best score; among equal ones, the package numbered first.
            best = max(scores)
            by_utility = self.by_utility
            if scores.count(best) == 1:
                pick = by_utility[kept[scores.index(best)]]
            else:
                pick = min(by_utility[k] for k, score in zip(kept, scores) if score == best)
        else:
            pick = draws.choice([self.by_utility[k] for k in kept])
        return packages[pick]

    def _above(self, mask: int, high: int) -> Package | None:
        """The package of *mask* (a bit mask over :attr:`by_utility`) worth least to itself
        among those from position *high* up, that is the first better for itself than the
        packages worth about its target (which end at *high*); None when *mask* has none."""
        later = mask >> high
        if not later:
            return None
        return self.space.packages[self.by_utility[high + _lowest_bit(later)]]

    def _red_lines_aloud(self, view: SideView, legal: tuple[Move, ...]) -> Decision | None:
        """Its red lines said aloud (a 'red_line' tactic), in return for the other side's:
        once the other side has said its own and its latest proposal still crosses one of
        this side's, when it may say them now. Never first: told a side's red lines, the
        other side bids the best package for itself that keeps them, and that side, now
        offered something it can sign, gives ground at its full pace; over simulated
        games between computers, red lines said first moved about 0.035 of utility a game
        to the United States in the main scenario, whichever side said them. Not with
        tactics switched off."""
        theirs = view.last_offer(self.other)
        if not self.tactics or view.across is None or theirs is None or \
                not self.space.crosses[self.space.index[theirs]]:
            return None
        tactics = view.known.tactics
        for move in legal:
            if move.kind == "tactic" and move.tactic is not None and \
                    move.tactic in tactics and tactics[move.tactic].kind == "red_line":
                return Decision(move, f"Said its red lines aloud in return for the other "
                                      f"side's, whose latest proposal crossed one of them: "
                                      f"{self.name} will not go there.")
        return None

    def _named(self, view: SideView) -> list[int]:
        """The positions of the issues the other side has named as what matters to it."""
        positions = self._notes.positions
        return [positions[issue] for issue in view.revealed[self.other] if issue in positions]

    def _clear_of(self, package: Package, target: float, reserve: float,
                  across: Sequence[bool], model: OpponentModel | None = None,
                  fair: int | None = None, previous: Package | None = None,
                  named: Sequence[int] = ()) -> Package:
        """A package in place of *package*, which crosses a red line the other side has said
        aloud (*across*, see :attr:`SideView.across`): among those worth about *target*
        that cross none, the one that changes the fewest issues of *package* (then the one
        worth most to itself); else the one that crosses none worth nearest *target* and
        no less than *reserve*, above or below it (the higher on a tie), so that knowing the
        other side's red lines moves its ask as little as it can; else *package* (every
        package it could bid crosses them). Below its target, and with a *model* of the
        other side that has learnt something, it weighs the packages that cross none down
        to :data:`CLEAR_BAND` under that one as its bids do (:meth:`_choose`): a little of
        its own worth given up where the other side gains much, rather than the package
        best for itself whatever it costs the other side (a playtest saw Russia, told the
        US red lines, take back its pledge on the precondition the US had named as what
        mattered most to it, for 2 points of its own); only among those the record would
        not judge a step away from the other side's latest proposal (*fair*, a bit mask over
        :attr:`by_utility` as :meth:`_Bids.no_step_back` gives it, when both sides have
        proposed), if any is; among those worth about *target*, too, and when none of those
        is, its *previous* proposal again if it crosses none. What it makes up for those
        red lines it takes from none of the issues the other side has said matter to it
        (*named*, by position), where a package that crosses none can keep all of them as
        *previous* had them: a playtester who had said the US's priority and its red lines
        saw Russia take back its pledge on that very issue, for 6 points of its own below
        its target, and read honesty punished (a skilled negotiator asks its price on what
        the other side values less)."""
        low, high = self._span(target)
        packages, by_utility, values = self.space.packages, self.by_utility, self.sorted_values
        if named and previous is not None:
            keeps = self._bids.everywhere
            for issue in named:
                keeps &= self._bids.no_better[issue][previous[issue]]
            # Those that take back any of them count as crossing, if any other is left.
            blocked = list(across)
            for k, n in enumerate(by_utility):
                if not keeps >> k & 1:
                    blocked[n] = True
            if any(not blocked[by_utility[k]] for k in
                   range(bisect.bisect_left(values, reserve - 1e-9), len(by_utility))):
                across = blocked
        clear = [k for k in range(low, high) if not across[by_utility[k]]]
        if clear:
            # No step away from the other side's offer where one worth its target is none;
            # where every one is a step away, its last proposal again if that crosses none
            # (it had come down to it to clear those lines, and goes back on nothing).
            fair_clear = [k for k in clear if fair is None or fair >> k & 1]
            if not fair_clear and previous is not None and \
                    not across[self.space.index[previous]]:
                return previous
            best = min(fair_clear or clear,
                       key=lambda k: (_changes(packages[by_utility[k]], package), -k))
            return packages[by_utility[best]]
        start = bisect.bisect_left(values, reserve - 1e-9)
        near = min((k for k in range(start, len(by_utility)) if not across[by_utility[k]]),
                   key=lambda k: (abs(values[k] - target), -k), default=None)
        if near is None:
            return package
        if model is None or not model.known or values[near] >= target:
            return packages[by_utility[near]]
        weight, keep = self.modelling, 1 - self.modelling
        floor = bisect.bisect_left(values, max(values[near] - CLEAR_BAND, reserve) - 1e-9)
        weighed = [k for k in range(floor, near + 1) if not across[by_utility[k]] and
                   (fair is None or fair >> k & 1)]
        if not weighed:
            return packages[by_utility[near]]
        best = max(weighed, key=lambda k: (weight * model.utility(packages[by_utility[k]]) +
                                           keep * values[k], k))
        return packages[by_utility[best]]

    def _no_more_than_asked(self, package: Package, theirs: Package,
                            across: Sequence[bool] | None = None) -> Package:
        """*package*, giving no more than *theirs* (the other side's latest proposal) asks
        on any issue: where it holds an option worth less to this side than the option
        asked, the option asked instead, when the package stays one it may propose and is
        worth no less to it (combinations counted), and crosses none of the red lines the
        other side has said aloud (*across*) that it did not already cross. A skilled
        negotiator does not concede past the other side's own ask: the option asked serves
        it better, and the other side asked for no more. The option asked lies nearest the
        other side's wishes, so no step the record judges comes out farther from them."""
        values = self._bids.values
        space = self.space
        index, own, crosses, coherent = space.index, self.own, space.crosses, \
            len(space.packages)
        best, worth = package, own[index[package]]
        changed = True
        while changed:  # until no such option is left that could be put right
            changed = False
            for i, (mine, asked) in enumerate(zip(best, theirs)):
                if values[i][mine] < values[i][asked]:
                    candidate = best[:i] + (asked,) + best[i + 1:]
                    n = index[candidate]
                    if n < coherent and not crosses[n] and own[n] >= worth and (
                            across is None or not across[n] or across[index[best]]):
                        best, worth, changed = candidate, own[n], True
        return best

    def _near_target(self, view: SideView, value: float, bid: float,
                     target: float, last: float | None = None) -> Decision:
        """It accepts the offer on the table, worth *value* to it, nearly its target, as its
        own next proposal (worth *bid* to it) would ask for far more than its target: with
        few options, the packages that keep to how it bids (nothing taken back of what it
        gave) may all lie well above its target or well below it. A playtest saw the
        computer answer an offer 2 points under its target with a bid 14 points over it,
        then propose that very offer back a round later. Where that bid is worth more than
        its *last* proposal, it says so (a playtester read "would have asked for 82" beside
        a standing offer of 74 and could not tell which was the slip)."""
        more = f", more than its last proposal ({points(last)})" \
            if last is not None and points(bid) > points(last) else ""
        return Decision(Move.accept(), f"Accepted: the offer is worth {points(value)} points "
                                       f"to {self.name}, near its target ({points(target)}) "
                                       f"and above its fallback ({points(view.batna)}), where "
                                       f"its own next proposal would have asked for "
                                       f"{points(bid)}{more}.")

    def _next_offer_value(self, target: float) -> float:
        # The candidates are in order of this side's utility: the first is worth least.
        low, high = self._span(target)
        return self.sorted_values[low] if low < high else target

    # ----- tactics ----------------------------------------------------------------------

    def _tactic(self, view: SideView, legal: tuple[Move, ...], seed: Callable[[], float],
                previous: Package | None, can_propose: bool) -> Decision | None:
        """A tactic worth a turn now, if any; its random choices are seeded with ``seed()``;
        *previous* is this side's latest proposal; *can_propose*: whether a proposal is
        among the *legal* moves."""
        if not self.tactics:
            return None
        if previous is None:
            return None  # its opening offer comes first: it anchors the talks
        state = view.state
        if state.round >= view.known.total_rounds:
            return None  # the last round is for offers: a tactic then wastes the move
        own = view.known.tactics
        # Its red lines it says only in return (see _red_lines_aloud), never for a tactic's
        # other effects.
        tactics = [own[m.tactic] for m in legal if m.kind == "tactic" and m.tactic and
                   own[m.tactic].kind != "red_line"]
        if not tactics:
            return None
        rng = random.Random(seed())
        if can_propose and rng.random() >= self.personality.tactic_rate:
            return None
        # A tactic's worth reads only what the other side has named and how it answered
        # tactics before: its notes hold both, so no opponent model need be made for it.
        notes = self._notes
        notes.read(view)
        time = self.clock(view)
        standing = self._standing(view)
        turn = self._turn_cost(view, time)
        scored = [(self._worth(view, tactic, notes.responses, time, standing, turn), tactic)
                  for tactic in tactics]
        # Among the tactics worth a turn, those within its rough estimate of the best are
        # as good as each other: it picks one of them (asking or saying what matters most,
        # say), so the same delegation does not always open the same way.
        best = max(worth[0] for worth, _ in scored)
        if best <= MARGIN:
            return None
        close = [pair for pair in scored if pair[0][0] > max(MARGIN, best - MARGIN)]
        (value, why), tactic = close[rng.randrange(len(close))] if len(close) > 1 \
            else close[0]
        return Decision(Move.use(tactic.id), f"Used '{tactic.name}' {why}.")

    def _standing(self, view: SideView) -> tuple[float | None, float | None, int]:
        """What every pressing tactic's worth reads from the table: trust as a share of its
        range, the best the other side has offered it, and how many threats it has made."""
        offered = self._best_offered(view)
        best = self.own[self.space.index[offered]] if offered is not None else None
        earlier, _ = self._threats_made(view)
        return self._trust_share(view), best, earlier

    def _threat_since_its_offer(self, view: SideView) -> int | None:
        """The round of the other side's latest threat since this side's latest proposal
        (None: it has made none since). Such a threat frees it to take back what that
        proposal gave; one made earlier does not: what it gave after a threat stays given
        (three playtests saw it go back and forth on an issue for the rest of the talks
        after one threat, its reasons blaming a threat made before the offer it took back;
        over 200 games against a hard-line student such returns to an option it had left
        fell from 138 to 86 in the main scenario and from 269 to 85 in February)."""
        kinds = view.known.tactic_kinds
        for entry in reversed(view.record):
            move = entry.move
            if entry.kind != "move" or move is None:
                continue
            if entry.speaker == self.side and move.kind == "propose":
                return None
            if entry.speaker == self.other and move.tactic and \
                    kinds.get(move.tactic) == "threat":
                return entry.round
        return None

    def _threats_made(self, view: SideView) -> tuple[int, int]:
        """How many threats this side and the other side have made so far."""
        # Only the entries new since the last view are read (all of them, for a view that
        # does not carry on from that one).
        record = view.record
        read, mine, theirs = self._threats
        if record is read:  # asked again for the same view (its bid and what it holds)
            return mine, theirs
        if record[:len(read)] != read:
            read, mine, theirs = (), 0, 0
        kinds = view.known.tactic_kinds
        for entry in record[len(read):]:
            move = entry.move
            if entry.kind == "move" and move is not None and move.tactic and \
                    kinds.get(move.tactic) == "threat":
                if entry.speaker == self.side:
                    mine += 1
                elif entry.speaker == self.other:
                    theirs += 1
        self._threats = (record, mine, theirs)
        return mine, theirs

    def _turn_cost(self, view: SideView, time: float) -> float:
        """What a turn spent on a tactic costs at *time* (its clock), in its utility. It is a
        turn without an offer: dearer as time runs out, and dearer the faster its own
        concession runs (an offer it does not make now is one made later at a lower
        target): :data:`TURN_COST` of the ground its curve gives up over the next round. A
        slow (Boulware) curve early on makes a question cheap; an even one in short talks
        makes it dear."""
        reserve = self.reserve(view)
        later = min(time + 1.0 / max(view.known.total_rounds - 1, 1), 1.0)
        drop = self._curve(reserve, time) - self._curve(reserve, later)
        return 0.01 + 0.04 * time + TURN_COST * drop

    def _worth(self, view: SideView, tactic: Tactic, responses: Mapping[str, list[float]],
               time: float, standing: tuple[float | None, float | None, int], turn: float
               ) -> tuple[float, str]:
        """What *tactic* is expected to be worth now, in this side's utility, with the
        reason it would give; *responses* are the other side's answers to this side's
        tactics by kind (see :class:`OpponentModel`), *standing* is :meth:`_standing` of
        the view and *turn* is :meth:`_turn_cost`."""
        meters = view.state.meters
        known = view.known
        kind = tactic.kind
        value = -turn
        reasons: list[tuple[float, str]] = []

        no_deal = 0.3 + 0.4 * time
        batna, moved = self._effects[tactic.id]
        if batna:
            value += batna * no_deal
            reasons.append((batna * no_deal, "to strengthen its fallback"))

        named = len(view.revealed[self.other])
        if kind == "question" and named < len(known.issues) - 1 and \
                not self._concession_unanswered(view):
            # Knowing what the other side values most finds packages both can accept.
            learnt = (1.0 - time) * 0.04 / (1 + named)
            value += learnt
            reasons.append((learnt, "to learn what the other side values most"))
        said = len(view.revealed[self.side])
        # It says what matters most to it in return for what the other side has said (an
        # answer counts), never first: said unasked at the start, it shows where it cannot
        # move before it has learnt anything of the other side, and over simulated games
        # that cost it more than it brought.
        if kind == "preference" and said < 2 and named > said and \
                self._asked_to_move_on_next_priority(view):
            shown = (1.0 - time) * SHOWN / (1 + said)
            value += shown
            reasons.append((shown, "in return for what the other side has said matters to "
                                   "it"))

        if tactic.pressure:
            trust, best, earlier = standing
            factor = reaction_factor(kind, fallback=view.batna, best_offer=best,
                                     earlier_threats=earlier, trust=trust)
            reaction = EXPECTED_REACTION.get(kind, 0.0)
            seen = responses.get(kind)
            if seen:
                # What this opponent did after such tactics, beyond a usual concession.
                reaction += max(min(sum(seen) / len(seen) * 10, 0.5), -0.5)
            push = tactic.pressure * reaction * factor * (1.0 - time)
            value += push
            reasons.append((push, "to soften the other side's position" if push > 0 else
                            "to press the other side"))

        for meter, delta, why in moved:
            if meter.side is not None:
                worth = delta * 0.0003 * (1 if meter.side == self.side else -1)
            else:
                # A shared meter near the bottom of its range is the talks' lifeline.
                share = (meters.get(meter.id, meter.start) - meter.min) / \
                    (meter.max - meter.min)
                worth = delta * (0.0015 if share < 0.4 else 0.0005)
            value += worth
            reasons.append((worth, why))
        if not reasons:
            return value, "to restate its position"
        # The reason that counts most (the first of equal ones).
        best, why = reasons[0]
        for worth, reason in reasons:
            if worth > best:
                best, why = worth, reason
        return value, why

    def _concession_unanswered(self, view: SideView) -> bool:
        """Whether the other side's latest proposal gave this side more than its one before
        it: a question then leaves that concession unanswered, and the other side may take
        it back. It answers the concession first: over 1,000 games of the main scenario, the
        United States' tactics had cost it 0.0015 of utility a game (questions asked at its
        second move, just after Russia's first concession, cost it 0.02 where they changed
        the game); with this rule they gain it 0.0001."""
        offers = self._proposals(view)
        if len(offers) < 2:
            return False
        index = self.space.index
        return self.own[index[offers[-1]]] > self.own[index[offers[-2]]] + 1e-9

    @staticmethod
    def _asked_to_move_on_next_priority(view: SideView) -> bool:
        """Whether the other side's last proposal asks it to give up its favourite option
        on the issue it would name next (saying where it cannot move is worth a turn only
        then)."""
        me = view.known.me
        left = me.ranked(view.known.issues, view.revealed[view.side])
        offer = view.last_offer(view.other)
        if not left or offer is None:
            return False
        issue = left[0]
        k = view.known.issues.index(issue)
        values = me.values[issue.id]
        return values[issue.options[offer[k]].id] < max(values.values())

    @staticmethod
    def _trust_share(view: SideView) -> float | None:
        meter = next((m for m in view.known.meters if m.id == "trust"), None)
        if meter is None:
            return None
        return (view.state.meters.get("trust", meter.start) - meter.min) / \
            (meter.max - meter.min)


__all__ = ["Decision", "Negotiator", "OpponentModel"]
