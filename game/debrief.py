"""The debrief model: every figure shown after a game, computed once.

The window, the terminal, the transcripts and the class report only draw a
:class:`Debrief`; none of them computes a figure of its own, so the same game shows the
same numbers everywhere. Points are utilities on the 0-100 scale (:func:`points`); a
side's gain is its points minus its fallback's points, so the figures shown always add up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from game.analysis import DealReport, from_ids, half_up, points
from game.engine import Game
from game.model import HistoryFact, Scenario
from game.moves import Move
from game.speech import how_much, issue_words, listed, ordinal

Point = tuple[float, float]


@dataclass(frozen=True)
class SideResult:
    """How the game ended for one side."""

    side: str
    name: str
    short: str
    whose_first: str
    """Its name as a possessive at the start of a sentence ("The United States'")."""
    team: str
    utility: float
    batna: float
    points: int
    """The side's points for the result (its fallback's when there is no deal)."""
    batna_points: int
    """Its fallback (BATNA) at the end, in points."""
    gain_points: int
    """``points - batna_points``: what the result gained over walking away."""
    start_batna_points: int
    """Its fallback when the talks began, in points (events and tactics may move it)."""
    verdict: str
    red_lines_crossed: list[str]
    priorities: list[tuple[str, float]]
    """Issue names with this side's private weights, most important first."""
    best_gain_points: int
    """The most this side could have gained over its fallback, in points, in a deal the
    other side could still accept: one worth at least its own fallback to it (0 when there
    was none)."""
    mark: int
    """The side's own mark out of 100 (see :func:`mark`)."""
    taken_back: int = 0
    """How many times it took back a point both sides' proposals had agreed on."""
    called_first: str = ""
    """Its name at the start of a sentence ("The United States")."""
    called: str = ""
    """Its name inside a sentence ("the United States", "Russia")."""
    threats: int = 0
    """How many threats it made."""
    rejections: int = 0
    """How many of the other side's proposals it rejected."""
    beyond: str = ""
    """Why its deal gained more than :attr:`best_gain_points` (the other side took a deal
    across its own red line, or worth less to it than its fallback); empty when it did not."""
    pressing: tuple[tuple[str, int], ...] = ()
    """Its other tactics whose effects took something off the meters both sides share
    (a demand, its allies invoked): (the tactic's name, how many times), in the order first
    used (a playtester's demand and appeal to allies went uncounted beside a threat)."""
    pressure_cost: tuple[tuple[str, float], ...] = ()
    """What its threats, rejections and :attr:`pressing` tactics took off the meters both
    sides share: (the meter's name, the fall), as the record's effects of those moves add
    up."""
    proposals: int = 0
    """How many proposals it made."""
    across: int = 0
    """How many of them crossed one of the other side's red lines."""
    across_lines: tuple[str, ...] = ()
    """The other side's red lines they crossed, in the scenario's order."""
    across_every: int = 0
    """How many of them crossed every one of :attr:`across_lines`."""
    across_after_said: int = 0
    unsaid: bool = False
    """Whether the scenario lets a side say its red lines aloud and neither side did."""
    """How many of them came after the other side had said its red lines aloud."""
    other_name: str = ""
    """The other side's name inside a sentence ("the United States", "Russia")."""
    whose: str = ""
    """Its possessive inside a sentence ("the United States'", "Russia's")."""
    gifts: tuple[tuple[str, int], ...] = ()
    """The issues on which its proposals gave more than the other side asked while making
    no step toward what it asked: (the issue's words, how many times), in the order first
    given."""

    @property
    def conduct(self) -> str | None:
        """A sentence when the side went back on what both proposals had agreed (None: it
        never did): good faith is part of the result."""
        if not self.taken_back:
            return None
        if self.taken_back == 1:
            return (f"{self.whose_first} proposals once took back a point both sides had "
                    "agreed on, and trust fell.")
        return (f"{self.whose_first} proposals took back a point both sides had agreed on, "
                f"{self.taken_back} times in all; trust fell each time.")

    @property
    def pressure(self) -> str | None:
        """A sentence on the side's threats and rejections, and its other moves that took
        something off the meters both sides share, with what they cost those meters (None:
        it made none): bluster is part of the result too."""
        if not self.threats and not self.rejections and not self.pressing:
            return None
        parts = []
        if self.threats:
            parts.append("made 1 threat" if self.threats == 1 else
                         f"made {self.threats} threats")
        if self.rejections:
            parts.append("rejected 1 proposal" if self.rejections == 1 else
                         f"rejected {self.rejections} proposals")
        if self.pressing:
            used = " and ".join(f"\u201c{name}\u201d{_times(times)}"
                                for name, times in self.pressing)
            also = "also " if parts else ""
            # "Took something off", not "lowered the meters": a demand that cost trust
            # also steadied the ceasefire (a playtest).
            parts.append(f"used {used}, which {also}took something off the meters both "
                         "sides share")
        cost = " and ".join(f"{fall:g} off {name[:1].lower() + name[1:]}"
                            for name, fall in self.pressure_cost)
        moves = self.threats + self.rejections + sum(times for _, times in self.pressing)
        which = "it" if moves == 1 else "these moves"
        took = f"; {which} took {cost}" if cost else ""
        said = " and ".join(parts) if len(parts) < 3 else \
            ", ".join(parts[:-1]) + ", and " + parts[-1]
        return f"{self.called_first} {said}{took}."

    @property
    def gift(self) -> str | None:
        """A sentence when the side gave more than the other side asked with nothing asked
        in return (None: it never did): the record said each time that trust did not move,
        and a playtester who had given Russia its second priority that way wanted the
        debrief to say why it bought nothing."""
        if not self.gifts:
            return None
        on = listed([f"{words}{_times(times)}" for words, times in self.gifts])
        return (f"{self.called_first} gave {self.other_name} more than it had asked, on {on}, "
                "with nothing asked in return: a gift beyond the ask buys no trust, and a "
                "point given is better traded for one that matters more.")

    @property
    def asked_across(self) -> str | None:
        """A sentence when its proposals crossed one of the other side's red lines (None:
        none did), read once the talks are over, when the red lines are no longer private:
        a proposal the other side can never accept moves nothing, and a hard-line player
        did not learn why the other side would not engage."""
        if not self.across:
            return None
        lines = "; ".join(f"\u201c{text}\u201d" for text in self.across_lines)
        # "All 8 ... crossed red lines" read as both lines crossed every time, of offers
        # that crossed one (a playtest).
        which = "a red line" if len(self.across_lines) == 1 else "red lines" \
            if self.across_every == self.across else "one or more of the red lines"
        after = "" if not self.across_after_said else \
            f"; {'all' if self.across_after_said == self.across else self.across_after_said}" \
            f" of them after it had said its red lines aloud"
        # "1 of Russia's 1 proposals" read clumsily, and "which it could never accept" was
        # said of a proposal the other side had just accepted, as a loss (a playtest).
        counted = (f"{self.whose_first} only proposal" if self.proposals == 1 else
                   f"Both of {self.whose} proposals"
                   if self.across == self.proposals == 2 else
                   f"All {self.proposals} of {self.whose} proposals"
                   if self.across == self.proposals else
                   f"{self.across} of {self.whose} {self.proposals} proposals")
        # "which it could accept only as a loss" left a student unsure whose loss (a
        # terminal playtest): the other side is named.
        # A hard-liner who never said its red lines learnt only here why none of its
        # offers moved anything, and the advice named only what matters most (a playtest).
        unsaid = (f" Neither {self.called} nor {self.other_name} said its red lines aloud: a "
                  "side that says its own invites the other to say its own.") \
            if self.unsaid else ""
        return (f"{counted} crossed {which} of {self.other_name} ({lines}), which "
                f"{self.other_name} could accept only as a loss{after}.{unsaid}")

    @property
    def fallback_moved(self) -> str | None:
        """A sentence when the fallback moved during the talks (None: it did not)."""
        if self.start_batna_points == self.batna_points:
            return None
        # Named, not "its": the line sits under "Russia (you)" as under "Russia (computer)".
        return (f"{self.whose_first} fallback moved from {self.start_batna_points} to "
                f"{self.batna_points} points during the talks.")

    def mark_sentence(self, yours: bool) -> str:
        """The side's own mark with what it means, as every debrief states it (*yours*: the
        reader played this side, see :func:`addressed`)."""
        whose, it = ("Your", "you") if yours else ("Its", "it")
        # The best deal's worth said beside the gain: "(45 points over your fallback of 45)"
        # read as a misprint to a playtester.
        best = self.best_gain_points + self.batna_points
        what = (f"a deal worth {best} points to {it}, {self.best_gain_points} over "
                f"{whose.lower()} fallback of {self.batna_points}" if self.best_gain_points
                else f"none would have gained {it} anything over {whose.lower()} fallback of "
                     f"{self.batna_points}")
        sentence = (f"{whose} own mark: {self.mark} out of 100. 50 means no better than no "
                    f"deal; 100 means the most {it} could have gained in a deal the other side "
                    f"could still accept ({what}).")
        if self.beyond:
            sentence += (f" This deal gained {it} more, {self.gain_points} points: "
                         f"{self.beyond}.")
        return sentence

    @property
    def gain(self) -> float:
        """The gain as a utility (unrounded), for sorting and means."""
        return self.utility - self.batna


@dataclass(frozen=True)
class OutcomeChart:
    """What the outcome-space chart draws, in utilities (x: the first side's, y: the
    second's)."""

    sides: tuple[str, str]
    packages: list[tuple[float, float, bool]]
    """Every package: x, y, and whether it crosses neither side's red lines."""
    frontier: list[Point]
    """The Pareto frontier, left to right."""
    path: list[tuple[str, float, float, bool]]
    """Every proposal in order: (side, x, y, across), *across* when it crosses a red line
    of either side (drawn hollow, as such packages are: a proposal across the student's red
    line, a loss whatever its points, had been drawn solid above the frontier, a playtest)."""
    batna: Point
    nash: Point | None
    deal: Point | None


@dataclass(frozen=True)
class Debrief:
    finished: bool
    outcome_id: str | None
    outcome_name: str
    outcome_text: str
    deal: list[tuple[str, str]] | None
    """The agreed package as (issue name, option name) rows (None: no deal)."""
    deal_ids: dict[str, str] | None
    results: dict[str, SideResult]
    report: DealReport
    score: int
    """Joint score out of 100: gains over the BATNAs, closeness to the Pareto frontier and
    the meters at the end."""
    score_parts: list[tuple[str, int]]
    score_how: list[str]
    """How each part of the joint score was reached, a sentence each, from figures the
    debrief shows."""
    nash: list[tuple[str, str]] | None
    """The Nash bargaining package as (issue name, option name) rows."""
    nash_points: dict[str, int] | None
    is_nash: bool
    """Whether the deal is the Nash bargaining package."""
    frontier_points: int | None
    """The deal's distance to the Pareto frontier, in points (None: no deal)."""
    frontier_sentence: str | None
    """What the frontier says of the deal, true for every deal; after talks that ended
    without a deal, what they left on the table (:func:`_no_deal_sentence`). None while
    the game goes on."""
    chart: OutcomeChart
    meters: list[tuple[str, list[float]]]
    """Each meter's name and its value at the start, after every change and at each turn's
    end (the engine's :attr:`~game.engine.Game.meter_history`)."""
    meter_turns: list[int]
    """The turn each point of :attr:`meters` belongs to (0: the start)."""
    meter_rounds: list[int]
    """The round the talks were in at each point of :attr:`meters`."""
    meter_ranges: list[tuple[float, float]]
    reasons: list[tuple[int, str, str]]
    """(round, side, reason) for every computer decision."""
    history: list[HistoryFact]
    questions: list[str]
    questions_note: str | None = None
    """Said before the questions when there was no deal (they may ask about "your deal")."""
    def meter_summary(self) -> list[str]:
        """Each meter's course in one line, for a debrief without the meters chart (the
        terminal's): "Trust between delegations: 35 at the start, lowest 31 (round 3),
        highest 55 (round 7), 55 at the end." Its high and low are the chart's points, so
        every level the record showed is among them; a meter that never moved is said to
        be unchanged."""
        lines = []
        for name, values in self.meters:
            if min(values) == max(values):
                # "lowest 60 (round 1), highest 60 (round 1)" read oddly (a playtest).
                lines.append(f"{name}: {values[0]:.0f} from start to end, unchanged.")
                continue
            low = min(range(len(values)), key=lambda k: (values[k], k))
            high = min(range(len(values)), key=lambda k: (-values[k], k))
            lines.append(f"{name}: {values[0]:.0f} at the start, lowest {values[low]:.0f} "
                         f"(round {self.meter_rounds[low]}), highest {values[high]:.0f} "
                         f"(round {self.meter_rounds[high]}), {values[-1]:.0f} at the end.")
        return lines

    def meter_x(self) -> list[float]:
        """Where each point of :attr:`meters` is drawn, in turns: at its turn's end, but a
        quarter of a turn later for a point of a new round at the end of the turn before
        it (that round's opening events), so that it lies inside the round it belongs to
        (drawn on the line between two rounds, a playtester read a round's events as the
        round before's)."""
        return [turn + 0.25 if turn and turn == 2 * r - 2 else float(turn)
                for turn, r in zip(self.meter_turns, self.meter_rounds)]

    @property
    def deal_across(self) -> bool:
        """Whether the deal crosses a red line of either side: every chart marks it so."""
        return self.deal is not None and any(r.red_lines_crossed for r in self.results.values())

    @property
    def offers_across(self) -> bool:
        """Whether any proposal crossed a red line of either side: every chart draws those
        apart (hollow in the pictures, the side's capital in the terminal) and says so in its
        key."""
        return any(across for *_, across in self.chart.path)

    #: What a deal across a red line is, in every chart's key.
    ACROSS = "across a red line: a loss for the side whose line it is"
    DEAL_ACROSS = f"the deal, {ACROSS}"

    @property
    def deal_key(self) -> str:
        """The deal's name in a chart's key: "The deal", or what it is when it crosses a red
        line (:attr:`DEAL_ACROSS`)."""
        return self.DEAL_ACROSS[:1].upper() + self.DEAL_ACROSS[1:] if self.deal_across \
            else "The deal"

    @property
    def frontier_heading(self) -> str:
        """The heading the transcripts give :attr:`frontier_text`."""
        return "The Pareto frontier" if self.deal is not None else \
            "What the talks left on the table"

    @property
    def frontier_text(self) -> str:
        """The frontier sentence with the deal's distance to the frontier, as every front
        end shows it ("" while the game goes on)."""
        gap = "" if self.frontier_sentence == ON_FRONTIER else \
            frontier_gap(self.frontier_points)
        return " ".join(part for part in (self.frontier_sentence or "", gap) if part)


#: The frontier sentence of a deal on the frontier (then nothing is said of its distance:
#: "It is 0 points away from the best deals" after it said the same twice, a playtest).
ON_FRONTIER = "No other deal was better for both sides: the deal is on the Pareto frontier."

#: Said before the computer's reasons wherever they are shown: what their figures are (a
#: playtester read "worth 86 points to Russia (target 91)" and found "target" explained
#: nowhere).
REASONS_NOTE = ("In the computer's reasons, points are what a package is worth to that "
                "side, out of 100. Its target is what it aimed for at that moment: near its "
                "best package at first, coming down as the rounds run out (sooner when the "
                "talks might break down, and as events move it), and never as low as its "
                "fallback, what it has without a deal.")

#: Before the questions for discussion after talks that ended without a deal.
NO_DEAL_QUESTIONS = ("There was no deal: where a question asks about your deal, answer it "
                     "for the last proposal on the table, or for the deal your side would "
                     "have signed.")


def _times(times: int) -> str:
    """How often something was done, after its name: "", " (twice)", " (3 times)"."""
    return "" if times == 1 else " (twice)" if times == 2 else f" ({times} times)"


def addressed(side: str, humans: Iterable[str]) -> bool:
    """Whether a debrief speaks to *side* as "you": its team is the only one at the screen
    (*humans*: the sides people played). With two teams at one screen, or none, each side
    is "it"."""
    return set(humans) == {side}


def verdict(gain_points: int, crossed: list[str], deal: bool, gain: float = 0.0) -> str:
    """A plain-words judgement of one side's result; *gain* is the exact gain over the
    fallback, which *gain_points* rounds (a gain of 0 points may still be a little above
    or below it, and is said so, as every screen says it)."""
    if crossed:
        return "A loss: the deal crosses a red line."
    if not deal:
        return "No deal: the side falls back on its BATNA."
    if gain_points < 0:
        return "A loss: the deal is worse than walking away."
    if gain_points == 0 and gain < -1e-9:
        return "A loss, by less than a point: the deal is worse than walking away."
    if gain_points == 0 and gain <= 1e-9:
        return "No better than walking away."
    if gain_points < 5:
        return "Barely better than walking away."
    if gain_points < 20:
        return "A modest gain over walking away."
    return "A clear gain over walking away."


def mark(gain_points: int, best_gain_points: int, batna_points: int, crossed: bool,
         deal: bool) -> int:
    """One side's own mark out of 100, from its result alone: 0 for a deal across its red
    line; 50 with no deal (the fallback kept, nothing gained); a deal scores 50 plus its
    share of the best gain the side could have had in a deal the other side could still
    accept (100: that best gain or more), and a deal worse than the fallback
    scores below 50, down to 0 for a deal worth nothing.

    >>> mark(0, 30, 45, False, False), mark(15, 30, 45, False, True), mark(-9, 30, 45, False, True)
    (50, 75, 40)
    >>> mark(30, 30, 45, True, True)
    0
    """
    if crossed:
        return 0
    if not deal or gain_points == 0:
        return 50
    if gain_points < 0:
        return max(0, half_up(50 + 50 * gain_points / max(batna_points, 1)))
    if best_gain_points <= 0:
        return 100
    return min(100, half_up(50 + 50 * gain_points / best_gain_points))


def best_gain(game: Game, side: str, batna: dict[str, float]) -> int:
    """The most *side* could have gained over its fallback, in points, in a deal that
    crosses no red line and that is worth at least its own fallback to the other side (the
    edge of what the other side could accept)."""
    space = game.space
    other = game.scenario.other(side)
    own, theirs = space.utility[side], space.utility[other]
    best = max((own[n] for n in range(len(space.packages))
                if space.allowed[n] and theirs[n] >= batna[other]), default=None)
    return max(points(best) - points(batna[side]), 0) if best is not None else 0


def _across(game: Game, side: str) -> dict[str, Any]:
    """*side*'s proposals, and those that crossed a red line of the other side (its red
    lines are the debrief's to tell: they are no longer private once the talks are over)."""
    scenario = game.scenario
    other = scenario.other(side)
    space = game.space
    proposals = [ids for who, ids in game.state.offers if who == side]
    hits = [set(space.red_lines_crossed(other, from_ids(scenario, ids))) for ids in proposals]
    crossed = set().union(*hits)
    # In the order of the moves: which of its proposals came after the other side had said
    # its red lines aloud (a 'red_line' tactic).
    said, after, anyone = False, [], False
    for who, move, _ in game.moves:
        if move.kind == "tactic" and scenario.tactic(move.tactic or "").kind == "red_line":
            anyone = True
            said = said or who == other
        elif who == side and move.kind == "propose":
            after.append(said)
    return {"proposals": len(proposals), "across": sum(map(bool, hits)),
            "across_after_said": sum(1 for hit, late in zip(hits, after) if hit and late),
            "across_lines": tuple(red.text for red in scenario.sides[other].red_lines
                                  if red.text in crossed),
            "across_every": sum(1 for hit in hits if hit and hit == crossed),
            "unsaid": not anyone and any(t.kind == "red_line" for t in scenario.tactics),
            "other_name": scenario.sides[other].called, "whose": scenario.sides[side].whose}


def _pressure(game: Game, side: str) -> dict[str, Any]:
    """*side*'s threats and rejections, and its other tactics whose effects took something
    off the meters both sides share, read from the public record, with what the effects of
    those moves took off those meters (:attr:`SideResult.pressure_cost`)."""
    scenario = game.scenario
    tactics = {tactic.id: tactic for tactic in scenario.tactics}
    shared = {meter.id: meter.name for meter in scenario.meters if meter.side is None}
    # Each tactic or rejection of its, with what the effects that follow it did to the
    # shared meters.
    moves: list[tuple[Move, dict[str, float]]] = []
    current: dict[str, float] | None = None
    for entry in game.log:
        if entry.private is not None:
            continue
        if entry.kind == "move":
            move = entry.move
            current = None
            if entry.speaker == side and move is not None and (
                    move.kind == "reject" or move.kind == "tactic" and move.tactic in tactics):
                current = {}
                moves.append((move, current))
        elif entry.kind == "effect":
            if current is not None:
                for change in entry.changes:
                    if change.kind == "meter" and change.target in shared:
                        current[change.target] = current.get(change.target, 0.0) + change.delta
        else:
            current = None
    threats = rejections = 0
    pressing: dict[str, int] = {}
    fall: dict[str, float] = {}
    for move, changed in moves:
        kind = "reject" if move.kind == "reject" else tactics[move.tactic or ""].kind
        if kind == "threat":
            threats += 1
        elif kind == "reject":
            rejections += 1
        elif any(delta < 0 for delta in changed.values()):
            name = tactics[move.tactic or ""].name
            pressing[name] = pressing.get(name, 0) + 1
        else:
            continue
        for meter, delta in changed.items():
            fall[meter] = fall.get(meter, 0.0) - delta
    cost = tuple((shared[meter], lost) for meter, lost in fall.items() if lost > 0)
    return {"threats": threats, "rejections": rejections,
            "pressing": tuple(pressing.items()), "pressure_cost": cost}


def debrief(game: Game) -> Debrief:
    """The debrief of a finished game (of the game so far, if it is still going on)."""
    scenario = game.scenario
    report = game.report()
    state = game.state
    agreed = from_ids(scenario, state.agreed) if state.agreed is not None else None
    results = {}
    for side in game.sides:
        spec = scenario.sides[side]
        order = spec.ranked(scenario.issues)
        utility, batna = report.utility[side], report.batna[side]
        crossed = report.red_lines_crossed[side]
        gain = points(utility) - points(batna)
        best = best_gain(game, side, report.batna)
        other = scenario.other(side)
        beyond = ""
        if agreed is not None and not crossed and gain > best:
            # More than any deal the other side would have taken: it took this one anyway.
            beyond = ("the other side agreed to it across its own red line"
                      if report.red_lines_crossed[other] else
                      "the other side agreed to it for less than its own fallback")
        results[side] = SideResult(
            side=side, name=spec.name, short=spec.short, whose_first=spec.whose_first,
            team=game.teams.get(side, ""),
            utility=utility, batna=batna, points=points(utility), batna_points=points(batna),
            gain_points=gain, start_batna_points=points(spec.batna.value),
            verdict=verdict(gain, crossed, agreed is not None, utility - batna),
            red_lines_crossed=crossed,
            priorities=[(i.name, spec.weights[i.id]) for i in order],
            best_gain_points=best,
            mark=mark(gain, best, points(batna), bool(crossed), agreed is not None),
            taken_back=game.taken_back(side), called_first=spec.called_first, called=spec.called,
            gifts=tuple(Counter(issue_words(scenario.issue(i))
                                for i in game.gifts(side)).items()),
            beyond=beyond, **_pressure(game, side), **_across(game, side))
    score, parts, how = joint_score(game, report)
    outcome = scenario.outcome(state.outcome)
    nash = from_ids(scenario, report.nash) if report.nash is not None else None
    meters = game.meter_history
    return Debrief(
        finished=state.finished, outcome_id=state.outcome,
        outcome_name=outcome.name if outcome else "The game is not over",
        outcome_text=outcome.text if outcome else "",
        deal=_rows(scenario, state.agreed) if state.agreed is not None else None,
        deal_ids=state.agreed, results=results, report=report, score=score,
        score_parts=parts, score_how=how,
        nash=_rows(scenario, report.nash) if report.nash is not None else None,
        nash_points={s: points(v) for s, v in report.nash_utility.items()}
        if report.nash_utility else None,
        is_nash=agreed is not None and agreed == nash,
        frontier_points=points(report.distance_to_frontier)
        if report.distance_to_frontier is not None else None,
        frontier_sentence=_frontier_sentence(game, agreed, nash) if agreed is not None else
        _no_deal_sentence(game, report.batna) if state.finished else None,
        chart=_chart(game, report, agreed, nash),
        meters=[(m.name, [values[m.id] for values in meters]) for m in scenario.meters],
        meter_turns=list(game.meter_turns), meter_rounds=list(game.meter_rounds),
        meter_ranges=[(float(m.min), float(m.max)) for m in scenario.meters],
        reasons=[(e.round, e.speaker or "", e.body) for e in game.log if e.kind == "reason"],
        history=list(scenario.debrief.history), questions=list(scenario.debrief.questions),
        questions_note=None if agreed is not None else NO_DEAL_QUESTIONS)


def _rows(scenario: Scenario, chosen: dict[str, str]) -> list[tuple[str, str]]:
    rows = []
    for issue in scenario.issues:
        option = next(o for o in issue.options if o.id == chosen[issue.id])
        rows.append((issue.name, option.name))
    return rows


def _frontier_sentence(game: Game, agreed: tuple[int, ...] | None,
                       nash: tuple[int, ...] | None = None) -> str | None:
    """Whether any deal both sides could sign was better for both, or for one at no cost
    to the other: the sentence says exactly which (computed, never assumed from a
    distance), and names what would have given both more; with the Nash point *nash*,
    why it may seem to beat the deal when it does not (:func:`_rounded_nash`)."""
    if agreed is None:
        return None
    better = _better_for_both(game, agreed)
    if better:
        return " ".join(["Another deal was better for both sides.",
                         *(_lose_lose_sentences(game, agreed, better) or
                           [_better_example(game, agreed, better)]), _unseen(game)])
    sentence = _not_beaten(game, agreed)
    note = _rounded_nash(game, agreed, nash)
    return f"{sentence} {note}" if note else sentence


def _rounded_nash(game: Game, agreed: tuple[int, ...], nash: tuple[int, ...] | None) -> str:
    """Why the Nash point, shown in rounded points, seems to give one side more and the
    other as much as the deal, when it gives the other less (a student read "United States
    67, Russia 77" beside a deal of 62 and 77 as five points lost at no cost; it gave
    Russia 76.75; a later playtester found "Russia as many only because points are rounded:
    it gives Russia less than a point less" hard to parse): "" when it does not seem to,
    or truly does."""
    if nash is None or nash == agreed:
        return ""
    space = game.space
    shown = {side: (points(space.utility_of(side, agreed)), points(space.utility_of(side, nash)))
             for side in game.sides}
    if any(there < here for here, there in shown.values()) or \
            all(there == here for here, there in shown.values()):
        return ""
    less = [side for side in game.sides
            if space.utility_of(side, nash) < space.utility_of(side, agreed) - 1e-9]
    if not less:
        return ""
    names = game.scenario.sides
    more = " and ".join(f"{names[side].called} {there - here} more "
                        f"point{'' if there - here == 1 else 's'}"
                        for side, (here, there) in shown.items() if there > here)
    fewer = " and ".join(names[side].called for side in less)
    # "The same points as the deal for", not "as many for": after "6 more points", the same
    # words in the no-cost example were read as 6 more again (a window playtest).
    return (f"The Nash point seems to beat this deal for both sides, with {more} and the "
            f"same points as the deal for {fewer}. It does not: points are rounded, and it "
            f"gives {fewer} a fraction of a point less.")


def _not_beaten(game: Game, agreed: tuple[int, ...]) -> str:
    """:func:`_frontier_sentence` for a deal no other beats for both sides."""
    space = game.space
    a, b = game.sides
    mine_a, mine_b = space.utility_of(a, agreed), space.utility_of(b, agreed)
    ua, ub = space.utility[a], space.utility[b]
    free = [n for n in range(len(space.packages))
            if space.allowed[n] and ua[n] >= mine_a - 1e-9 and ub[n] >= mine_b - 1e-9 and
            (ua[n] > mine_a + 1e-9 or ub[n] > mine_b + 1e-9)]
    if free:
        # Named, as a deal better for both is: a playtester read "another was better for
        # one side" with nothing to show which, and could not learn from it.
        # "No other deal": "No deal" is also what the game calls talks without one (a
        # terminal playtest).
        return ("No other deal was better for both sides, but one was better for one side at "
                f"no cost to the other. {_free_example(game, agreed, free)}")
    if not space.allowed[space.index[agreed]]:
        # The frontier holds only deals both sides could sign: this one is not among them.
        return ("No other deal that keeps both sides' red lines was better for both sides; "
                "this one crosses a red line, so it is not on the frontier of deals both could "
                "sign.")
    return ON_FRONTIER


def _no_deal_sentence(game: Game, batna: Mapping[str, float]) -> str:
    """What talks that ended without a deal left on the table: whether any deal both sides
    could sign was worth more to each than its fallback at the end, that is better for both
    than walking away (the packages the Nash point is chosen from), and if so the one
    nearest a side's last proposal, with what it would have given each side over its
    fallback."""
    space = game.space
    a, b = game.sides
    ua, ub = space.utility[a], space.utility[b]
    signable = [n for n in range(len(space.packages))
                if space.allowed[n] and ua[n] - batna[a] > 0 and ub[n] - batna[b] > 0]
    if not signable:
        return ("No deal both sides could sign was better for both than walking away: with "
                "these fallbacks, walking away cost neither side anything.")
    last = {side: from_ids(game.scenario, dict(move.package))
            for side, move, _ in game.moves if move.kind == "propose" and move.package}
    if not last:
        return (f"Deals both sides could sign were better for both than walking away "
                f"({len(signable)} of the {len(space.packages)} packages), but neither side "
                f"made a proposal.")

    fallback = {side: points(batna[side]) for side in game.sides}

    def nearest(n: int) -> tuple[int, int, str, int]:
        # The fewest issues changed from a last proposal; among those, the largest smaller
        # gain over the fallbacks in points; then the earlier proposal's side, the package.
        changed, side = min((len(_changed(space.packages[n], package)), side)
                            for side, package in last.items())
        return changed, -_smaller_gain(game, n, fallback), side, n

    changed, _, side, n = min(nearest(n) for n in signable)
    spec = game.scenario.sides[side]
    # As the results list them: points over the fallback, each rounded on its own.
    over = _each_side(game, n, fallback, more="", after=" above its fallback")
    if not changed:
        return (f"{spec.whose_first} last proposal was better for both sides than walking "
                f"away: accepted, it would have given {over}.")
    listed = _instead(game, space.packages[n], last[side])
    return (f"Deals both sides could sign were better for both than walking away. For "
            f"example, {spec.whose} last proposal with {listed} would have given {over}. "
            f"{_unseen(game)}")


def _unseen(game: Game) -> str:
    """Why the better deal the debrief names is hard to find (a student asked why the
    computer never offered it): each side knows only its own points, and what the record
    shows of what each said mattered most to it, and whether that was true (a playtester
    named the issue that mattered least to it and read that it had said what mattered
    most). (Not that neither side could see it: a side may have been offered the better
    option and left it.)"""
    said = [side for side in game.sides if game.state.revealed.get(side)]
    names = game.scenario.sides
    how = ("Such a deal is found by asking what matters most, saying it, and trading what "
           "matters less.")
    untrue = {side: wrong for side in said if (wrong := _said_untrue(game, side))}
    if untrue:
        truthful = [side for side in said if side not in untrue]
        wrong = "; ".join(untrue.values())
        told = (f"and only {names[truthful[0]].called} said truly what mattered most to it: "
                f"{wrong}" if truthful else
                f"and neither said truly what mattered most to it: {wrong}")
        how = ("Such a deal is found by asking what matters most, answering truly, and "
               "trading what matters less.")
    elif not said:
        told = "and neither said what mattered most to it"
    elif len(said) == 1:
        told = f"and only {names[said[0]].called} said what mattered most to it"
    else:
        told = "even once both had said what mattered most to them"
        how = ("Finding it takes more than naming priorities: trading, on several issues at "
               "once, what matters less to you for what matters more.")
    return f"Each side knows only its own points, {told}. {how}"


def _said_untrue(game: Game, side: str) -> str | None:
    """How *side* first named an issue as mattering more to it than it did, read once the
    talks are over, when its weights are no longer private ("Russia said the start date
    mattered most to it, but it was only sixth of its 6 issues"); None when every issue it
    named mattered as much as it said (an issue tied with another counts as either)."""
    spec = game.scenario.sides[side]
    issues = game.scenario.issues
    ranked = spec.ranked(issues)
    for k, issue_id in enumerate(game.state.revealed.get(side, ())):
        weight = spec.weights[issue_id]
        if weight >= spec.weights[ranked[k].id] - 1e-9:
            continue
        place = 1 + sum(1 for issue in issues if spec.weights[issue.id] > weight + 1e-9)
        came = ordinal(place)
        if sum(1 for issue in issues if abs(spec.weights[issue.id] - weight) <= 1e-9) > 1:
            came = f"tied for {came}"
        return (f"{spec.called} said {issue_words(game.scenario.issue(issue_id))} mattered "
                f"{how_much(k + 1)} to it, but it was only {came} of its {len(issues)} issues")
    return None


def _each_side(game: Game, n: int, was: Mapping[str, int], more: str, after: str) -> str:
    """What package *n* gives each side beyond *was* (points by side), in points, both
    sides in one phrase: "the United States 7 {more}points{after} and Russia 1
    {more}point{after}" ("less than a point" when it rounds to none)."""
    said = []
    for side in game.sides:
        gain = points(game.space.utility[side][n]) - was[side]
        amount = f"{gain} {more}points" if gain > 1 else f"1 {more}point" if gain == 1 \
            else f"less than a point{' ' + more.strip() if more else ''}"
        said.append(f"{game.scenario.sides[side].called} {amount}{after}")
    return " and ".join(said)


def _better_for_both(game: Game, agreed: tuple[int, ...]) -> list[int]:
    """The deals both sides could sign that are worth more to both than *agreed*."""
    space = game.space
    a, b = game.sides
    mine_a, mine_b = space.utility_of(a, agreed), space.utility_of(b, agreed)
    ua, ub = space.utility[a], space.utility[b]
    return [n for n in range(len(space.packages))
            if space.allowed[n] and ua[n] > mine_a + 1e-9 and ub[n] > mine_b + 1e-9]


def _changed(package: tuple[int, ...], agreed: tuple[int, ...]) -> list[int]:
    """The positions of the issues *package* settles otherwise than *agreed*."""
    return [i for i, (x, y) in enumerate(zip(package, agreed)) if x != y]


def _lose_lose_sentences(game: Game, agreed: tuple[int, ...], better: list[int]) -> list[str]:
    """For each issue the deal settled on an option both sides were worse off with (a deal
    in *better* changes that issue alone: combinations counted), a sentence naming the two
    options (the first such in the issue's order), with what each side would have gained
    and the scenario's `lose_lose` reason when it gives one."""
    space = game.space
    alone: dict[int, int] = {}  # issue position -> the better deal changing it alone
    for n in better:
        changed = _changed(space.packages[n], agreed)
        if len(changed) == 1:
            i = changed[0]
            if i not in alone or space.packages[n][i] < space.packages[alone[i]][i]:
                alone[i] = n
    said = []
    for i, n in sorted(alone.items()):
        issue = game.scenario.issues[i]
        option, other = issue.options[agreed[i]], issue.options[space.packages[n][i]]
        why = f" {option.lose_lose}" if option.lose_lose else ""
        said.append(f"On “{issue.name}”, both would have done better with “{other.name}” "
                    f"than with “{option.name}”: {_gains(game, agreed, n)}.{why}")
    return said


def better_for_both(game: Game, agreed: tuple[int, ...],
                    better: list[int] | None = None) -> int | None:
    """The deal both sides could sign that is better for both than *agreed* (among
    *better*, :func:`_better_for_both` when not given) and changes the fewest issues; among
    those, the one whose smaller gain in points is largest (the first such, on a tie). None
    when there is none."""
    space = game.space
    was = {side: points(space.utility_of(side, agreed)) for side in game.sides}
    return min(better if better is not None else _better_for_both(game, agreed),
               key=lambda n: (len(_changed(space.packages[n], agreed)),
                              -_smaller_gain(game, n, was), n),
               default=None)


def _smaller_gain(game: Game, n: int, was: Mapping[str, int]) -> int:
    """The smaller of the two sides' gains, in points, that package *n* brings beyond *was*
    (points by side)."""
    return min(points(game.space.utility[side][n]) - was[side] for side in game.sides)


def _better_example(game: Game, agreed: tuple[int, ...], better: list[int]) -> str:
    """A sentence naming what :func:`better_for_both` changes, and what each side gains."""
    n = better_for_both(game, agreed, better)
    assert n is not None
    return (f"For example, {_instead(game, game.space.packages[n], agreed)} would have "
            f"given {_gains(game, agreed, n)}{_clear_where_crossed(game, agreed)}.")


def _clear_where_crossed(game: Game, agreed: tuple[int, ...]) -> str:
    """After a deal both sides could sign is named beside *agreed*, when *agreed* crossed a
    side's red line: that the named deal did not (a playtest read "3 more points" of a deal
    that would have turned the side's loss into a gain); "" otherwise."""
    crossed = [game.scenario.sides[side] for side in game.sides
               if game.space.red_lines_crossed(side, agreed)]
    if not crossed:
        return ""
    if len(crossed) > 1:
        return ", and crossed no red line of either side: a gain for both, not a loss"
    return (f", and crossed no red line of {crossed[0].called}: a gain for "
            f"{crossed[0].called}, not a loss")


def _free_example(game: Game, agreed: tuple[int, ...], free: list[int]) -> str:
    """A sentence naming a deal in *free* (better for one side than *agreed*, as good for
    the other): one whose gain shows in whole points where there is one, then the one
    that changes the fewest issues; among those, the one that gives the side it favours
    the most points (the first such, on a tie)."""
    space = game.space
    a, b = game.sides
    mine = space.utility_of(a, agreed)
    was = {side: points(space.utility_of(side, agreed)) for side in game.sides}
    # Each with the side it favours (the other gets as much) and that side's gain in points.
    ranked = []
    for n in free:
        side = a if space.utility[a][n] > mine + 1e-9 else b
        gain = points(space.utility[side][n]) - was[side]
        ranked.append((gain < 1, len(_changed(space.packages[n], agreed)), -gain, n, side))
    _, _, least, n, side = min(ranked)
    gain = -least
    other = game.scenario.other(side)
    names = game.scenario.sides
    amount = (f"{gain} more points" if gain > 1 else "1 more point" if gain == 1 else
              "a fraction of a point more")
    # "As many as the deal did": "and Russia as many", after "6 more points", was read as
    # 6 more for Russia too (a window playtest).
    return (f"For example, {_instead(game, space.packages[n], agreed)} would have given "
            f"{names[side].called} {amount} and {names[other].called} as many as the deal "
            f"did{_clear_where_crossed(game, agreed)}.")


def _instead(game: Game, package: tuple[int, ...], base: tuple[int, ...]) -> str:
    """The issues *package* settles otherwise than *base*, in words: "“A” instead of “B”
    on “Issue” and “C” instead of “D” on “Other issue”"."""
    issues = game.scenario.issues
    changes = [f"“{issues[i].options[package[i]].name}” instead of "
               f"“{issues[i].options[base[i]].name}” on “{issues[i].name}”"
               for i in _changed(package, base)]
    return listed(changes)


def _gains(game: Game, agreed: tuple[int, ...], n: int) -> str:
    """What package *n* would have given each side more than *agreed*, in points (its
    options' points and its combinations', as the points tables list them)."""
    return _each_side(game, n, {side: points(game.space.utility_of(side, agreed))
                                for side in game.sides}, more="more ", after="")


def frontier_gap(points: int | None) -> str:
    """How far a deal falls short of the Pareto frontier, in the words every debrief uses:
    plain words first, the term after them (a debrief is read by 15-year-olds)."""
    if points is None:
        return ""
    away = "1 point" if points == 1 else f"{points} points"
    return (f"It is {away} away from the best deals for both sides (the Pareto "
            "frontier: deals no other beats for both; 0 means it is one of them).")


def _chart(game: Game, report: DealReport, agreed: tuple[int, ...] | None,
           nash: tuple[int, ...] | None) -> OutcomeChart:
    space = game.space
    a, b = game.sides
    points_ = [(*space.point(n), space.allowed[n]) for n in range(len(space.packages))]
    frontier = sorted(space.point(n) for n in space.frontier)
    path = []
    for side, chosen in game.state.offers:
        package = from_ids(game.scenario, chosen)
        path.append((side, space.utility_of(a, package), space.utility_of(b, package),
                     not space.allowed[space.index[package]]))
    return OutcomeChart(
        sides=(a, b), packages=points_, frontier=frontier, path=path,
        batna=(report.batna[a], report.batna[b]),
        nash=(space.utility_of(a, nash), space.utility_of(b, nash)) if nash else None,
        deal=(space.utility_of(a, agreed), space.utility_of(b, agreed)) if agreed else None)


#: The joint score's parts, by their labels (:func:`joint_score`).
GAINS, CLOSENESS, METERS = ("Gains over both fallbacks", "Closeness to the best deals",
                            "The meters at the end")
#: The most each part of the joint score can give, by its label.
PART_MOST = {GAINS: 50, CLOSENESS: 30, METERS: 20}


def joint_score(game: Game, report: DealReport
                ) -> tuple[int, list[tuple[str, int]], list[str]]:
    """Score the pair's result out of 100: up to 50 for gains over both BATNAs (a loss for
    either side scores 0), 30 for closeness to the Pareto frontier, 20 for the meters; with
    its parts, and a sentence for each saying how it was reached from figures the debrief
    shows (a student could not check "gains over both fallbacks 38 of 50")."""
    sides = game.sides
    space = game.space
    names = [game.scenario.sides[s].called for s in sides]
    if report.package is None or any(report.red_lines_crossed[s] for s in sides) or \
            any(report.gain[s] < 0 for s in sides):
        gains = 0
        frontier = 0
        why = ("there was no deal" if report.package is None else
               "the deal crossed a red line" if any(report.red_lines_crossed[s] for s in sides)
               else "the deal left a side below its fallback")
        how = [f"{GAINS}: nothing, since {why}.", f"{CLOSENESS}: nothing, since {why}."]
    else:
        # In the points the debrief shows (each side's points less its fallback's), so that
        # a student can redo it.
        fallback = [points(report.batna[s]) for s in sides]
        gained = [points(report.utility[s]) - low for s, low in zip(sides, fallback)]
        most = max(sum(points(space.utility[s][n]) - low for s, low in zip(sides, fallback))
                   for n in space.frontier)
        gains = half_up(PART_MOST[GAINS] * max(min(sum(gained) / most, 1.0), 0.0)) \
            if most > 0 else 0
        away = points(report.distance_to_frontier or 0.0)
        frontier = max(PART_MOST[CLOSENESS] - away, 0)
        how = [f"{GAINS}: {names[0]} gained {gained[0]} points and {names[1]} {gained[1]}, "
               f"{sum(gained)} together, of the {most} the best deal for both could give: "
               f"{gains} of {PART_MOST[GAINS]}.",
               f"{CLOSENESS}: " +
               ("the deal is one of them" if not away else
                f"the deal is {away} point{'' if away == 1 else 's'} from them, and this "
                f"part loses a point for each") + f": {frontier} of {PART_MOST[CLOSENESS]}."]
    meters = game.state.meters
    spans = [(meters[m.id] - m.min) / (m.max - m.min) for m in game.scenario.meters]
    share = half_up(100 * sum(spans) / len(spans)) if spans else 0
    meter_score = half_up(PART_MOST[METERS] * share / 100)
    if spans:
        how.append(f"{METERS}: on average {share}% of the way up their ranges: "
                   f"{meter_score} of {PART_MOST[METERS]}.")
    parts = [(GAINS, gains), (CLOSENESS, frontier), (METERS, meter_score)]
    return gains + frontier + meter_score, parts, how


def score_parts_text(parts: Sequence[tuple[str, int]]) -> str:
    """The joint score's parts in one line, each with the most it can give ("gains over
    both fallbacks 44 of 50, ..."), as the terminal and the transcripts say them."""
    return ", ".join(f"{label.lower()} {value} of {PART_MOST[label]}" for label, value in parts)


__all__ = ["NO_DEAL_QUESTIONS", "PART_MOST", "Debrief", "OutcomeChart", "SideResult",
           "addressed", "score_parts_text",
           "best_gain", "debrief", "joint_score", "mark", "verdict"]
