"""Warnings beyond the schema: parts of a scenario that can never matter in play.

``validate`` reports these as warnings (errors with ``--strict``). A condition "never
holds" when no combination of the values its names can take makes it true: each name's
values are enumerated (meters from their minimum to their maximum at the thresholds the
scenario's conditions use, rounds over the game's length, counters up to what a game can
reach), so a warning is only given when it is certain.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

from game.analysis import outcome_space
from game.coherence import options_text, patterns
from game.conditions import Condition, shown
from game.errors import Problem
from game.model import SaidWhen, Scenario, line_text
from game.speech import placeholders
from game.yaml_source import Document

#: Above this many combinations a condition is not enumerated (and never warned about).
MAX_COMBINATIONS = 200_000
#: The work the lint may do trying values in conditions, counted in expression nodes
#: evaluated: each combination of values tried costs the size of the conditions tried
#: plus :data:`COMBINATION_COST` (building the combination and calling the evaluator cost
#: about as much as that many nodes). About half a second in all; the shipped scenarios
#: need a twentieth of it at most. Past it, the conditions left are not tried, and a
#: warning says so, so that loading a scenario (for play, the window or a class report)
#: never takes long whatever its conditions are.
LINT_BUDGET = 2_500_000
COMBINATION_COST = 30

Warn = Callable[[tuple[str | int, ...], str], None]


def lint(scenario: Scenario, doc: Document) -> list[Problem]:
    """Every warning about *scenario*, positioned in *doc*."""
    problems: list[Problem] = []

    def warn(path: tuple[str | int, ...], message: str) -> None:
        problems.append(doc.problem(path, message, severity="warning"))

    linter = _Linter(scenario, warn)
    linter.options()
    linter.option_order()
    linter.runs_from()
    linter.contradictions()
    linter.combination_values()
    linter.red_lines_and_batnas()
    linter.walkouts()
    linter.lines()
    linter.tactics()
    linter.events()
    linter.outcomes()
    linter.phases()
    if linter.untried:
        count = linter.untried
        warn((), f"{count} condition check{'s were' if count != 1 else ' was'} not made: "
                 "trying every value of the names in them would take too long (more than "
                 "about a second for the whole file); shorter conditions, or conditions on "
                 "fewer meters or with fewer different numbers, can all be checked")
    return problems


class _Linter:
    def __init__(self, scenario: Scenario, warn: Warn) -> None:
        self.s = scenario
        self.warn = warn
        self.rounds = sum(p.rounds for p in scenario.phases)
        self.constants = self._constants()
        self.fixed = {o.id: float(n) for i in scenario.issues
                      for n, o in enumerate(i.options, 1)}
        #: What is left of :data:`LINT_BUDGET`, and how many checks it did not cover.
        self.budget = LINT_BUDGET
        self.untried = 0

    # ----- the values a name can take ---------------------------------------------------

    def _constants(self) -> set[float]:
        found: set[float] = set()
        for condition in self.s._conditions.values():
            found |= condition.constants
        return found

    def domain(self, name: str) -> list[float]:
        s = self.s
        meter = next((m for m in s.meters if m.id == name), None)
        if meter is not None:
            values = {float(meter.min), float(meter.max), float(meter.start)}
            for c in self.constants:
                values |= {v for v in (c - 1, c, c + 1) if meter.min <= v <= meter.max}
            return sorted(values)
        issue = next((i for i in s.issues if i.id == name), None)
        if issue is not None:
            return [float(n) for n in range(len(issue.options) + 1)]
        if name in ("round",):
            return [float(r) for r in range(1, self.rounds + 1)]
        if name == "rounds_left":
            return [float(r) for r in range(self.rounds)]
        if name in ("turn", "offers") or name.startswith("offers_"):
            return [float(t) for t in range(2 * self.rounds + 1)]
        if name in ("agreed", "walkout") or name.startswith("walkout_") or \
                any(p.id == name for p in s.phases):
            return [0.0, 1.0]
        tactic = next((t for t in s.tactics if t.id == name), None)
        if tactic is not None:
            top = min(2 * self.rounds, len(tactic.sides) * (tactic.limit or 2 * self.rounds))
            return [float(n) for n in range(top + 1)]
        event = next((e for e in s.events if e.id == name), None)
        if event is not None:
            return [0.0, 1.0] if event.once else [float(n) for n in range(self.rounds + 1)]
        return [0.0]

    def combinations(self, names: set[str], fixed: dict[str, float], size: int = 1) -> \
            Iterator[dict[str, float]] | None:
        """Every combination of values of *names* (those in *fixed* set as given), or None
        when there are too many to try, or when trying them with conditions of *size* nodes
        in all would overrun the lint's budget (:data:`LINT_BUDGET`)."""
        free = sorted(n for n in names if n not in fixed and n not in self.fixed)
        domains = [self.domain(n) for n in free]
        count = 1
        for d in domains:
            count *= len(d)
        if count > MAX_COMBINATIONS:
            return None
        cost = count * (size + COMBINATION_COST)
        if cost > self.budget:
            self.untried += 1
            return None
        self.budget -= cost
        base = dict(self.fixed)
        base.update(fixed)

        def generate() -> Iterator[dict[str, float]]:
            for values in itertools.product(*domains):
                names_now = dict(base)
                names_now.update(zip(free, values))
                yield names_now
        return generate()

    def can_hold(self, text: str | None, fixed: dict[str, float]) -> bool:
        """False only when *text* is certainly false whatever the game does."""
        if text is None:
            return True
        condition = self.s.condition(text)
        combos = self.combinations(set(condition.names), fixed, condition.size)
        if combos is None:
            return True
        return any(condition.holds(names) for names in combos)

    # ----- the checks -------------------------------------------------------------------

    def options(self) -> None:
        sides = list(self.s.sides.values())
        for i, issue in enumerate(self.s.issues):
            # A combination of a side's that names an option of this issue may make it
            # worth more beside some options of other issues than its value says: then the
            # packages decide (each option against the other in every package).
            combined = any(issue.id in combination.options
                           for side in sides for combination in side.combinations)
            for j, option in enumerate(issue.options):
                for k, other in enumerate(issue.options):
                    if other.id == option.id:
                        continue
                    mine = [side.values[issue.id][option.id] for side in sides]
                    theirs = [side.values[issue.id][other.id] for side in sides]
                    if all(t >= m for t, m in zip(theirs, mine)) and theirs != mine and \
                            (not combined or self._dominated(i, j, k)):
                        if option.lose_lose is None:
                            self.warn(("issues", i, "options", j, "id"),
                                      f"option {option.id!r} is dominated for both sides "
                                      f"by {other.id!r}: no side gains by choosing it (if "
                                      "that is on purpose, say why in its 'lose_lose')")
                        break
                else:
                    if option.lose_lose is not None:
                        self.warn(("issues", i, "options", j, "lose_lose"),
                                  f"option {option.id!r} has a 'lose_lose' sentence, but no "
                                  "other option of its issue is worth more to both sides: "
                                  "say it only of an option both would be better off "
                                  "without")

    def _dominated(self, issue: int, option: int, other: int) -> bool:
        """Whether, in every package with *option* on the *issue*-th issue, *other* instead
        is worth at least as much to both sides, combinations counted."""
        space = outcome_space(self.s)
        sides = space.sides
        for package, n in space.index.items():
            if package[issue] != option:
                continue
            swapped = space.index[package[:issue] + (other,) + package[issue + 1:]]
            if any(space.utility[side][swapped] < space.utility[side][n] - 1e-12
                   for side in sides):
                return False
        return True

    def option_order(self) -> None:
        """An issue whose options follow neither side's values, rising or falling: the
        record and the computer judge a step by the order of options (an option nearer
        the other side's opening asks for more), so the order should run from one side's
        wish to the other's."""
        for i, issue in enumerate(self.s.issues):
            if len(issue.options) < 3:
                continue  # two options are always in order
            ordered = False
            for side in self.s.sides.values():
                values = [side.values[issue.id][o.id] for o in issue.options]
                pairs = list(zip(values, values[1:]))
                if all(a <= b for a, b in pairs) or all(a >= b for a, b in pairs):
                    ordered = True
            if not ordered:
                self.warn(("issues", i, "options"),
                          f"the options of {issue.id!r} follow neither side's values: list "
                          "them from one side's wish to the other's, since a step is judged "
                          "by their order (an option nearer the other side's opening "
                          "proposal gives it more)")

    def runs_from(self) -> None:
        """An issue whose ``runs_from`` does not fit the sides' values: the record would
        judge a step from an agreed point the wrong way (a concession as a point taken
        back)."""
        s = self.s
        for i, issue in enumerate(s.issues):
            named = issue.runs_from
            if named is None or named not in s.sides:
                continue
            first, last = issue.options[0].id, issue.options[-1].id
            for side_id, wish in ((named, first), (s.other(named), last)):
                values = s.sides[side_id].values.get(issue.id, {})
                other_end = last if wish == first else first
                if values.get(wish, 0.0) < values.get(other_end, 0.0):
                    self.warn(("issues", i, "runs_from"),
                              f"runs_from says {issue.id!r} runs from {named!r}'s wish "
                              f"({first!r}) to {s.other(named)!r}'s ({last!r}), but "
                              f"{side_id!r} values {other_end!r} above {wish!r}: a step "
                              "toward the other side's end would be judged the wrong way")
                    break

    def walkouts(self) -> None:
        for side_id, side in self.s.sides.items():
            text = side.personality.walkout_when
            if text and not self.can_hold(text, {"agreed": 0.0, "walkout": 0.0}):
                self.warn(("sides", side_id, "personality", "walkout_when"),
                          f"the computer playing {side_id!r} never walks out: {shown(text)} never "
                          "holds")

    def lines(self) -> None:
        """A side with no line of its own for a move it can make speaks the default line,
        the same for both delegations: the scenario should give it words."""
        allowed = {kind for phase in self.s.phases for kind in phase.moves}
        kinds = ["pass"]
        if "propose" in allowed:
            kinds += ["propose", "counter"]
        kinds += [k for k in ("accept", "reject", "walkout") if k in allowed]
        for side_id, side in self.s.sides.items():
            other = self.s.other(side_id)
            asked = "tactic" in allowed and any(
                t.kind == "question" and other in t.sides for t in self.s.tactics)
            needed = kinds + (["answer", "deflect", "decline"] if asked else [])
            missing = [k for k in needed if k not in side.lines]
            if missing:
                path: tuple[str | int, ...] = ("sides", side_id, "lines") if side.lines \
                    else ("sides", side_id)
                self.warn(path, f"{side_id!r} has no line of its own for "
                                f"{', '.join(missing)}: it would speak the default words, "
                                "the same for both delegations")
        # A list whose every variant needs a condition or something to have happened can
        # find nothing to say: the game then falls back on its default words.
        spoken: list[tuple[tuple[str | int, ...], str | list[str | SaidWhen]]] = []
        for side_id, side in self.s.sides.items():
            spoken += [(("sides", side_id, "lines", kind), lines)
                       for kind, lines in side.lines.items()]
        for i, tactic in enumerate(self.s.tactics):
            spoken += [(("tactics", i, "sides", side_id, "line"), use.line)
                       for side_id, use in tactic.sides.items()]
        for path, lines in spoken:
            variants = [lines] if isinstance(lines, str) else lines
            if not any(isinstance(v, str) and not (set(placeholders(v)) - {"other"})
                       for v in variants):
                self.warn(path, "every variant here needs a condition or a placeholder such "
                                "as {insisted}: when none can be said the game speaks its "
                                "default words; add one variant that needs neither")

        # {event} names an event that set the talks back: in the delegation's words when
        # the event gives them, else by its headline ("After “Al-Nusra offensive”, ..."
        # read a headline aloud, quotation marks and all).
        if any("event" in placeholders(line_text(v))
               for _, lines in spoken for v in ([lines] if isinstance(lines, str) else lines)):
            for i, event in enumerate(self.s.events):
                if event.in_sentence is None and event.effects.sets_back():
                    self.warn(("events", i, "name"),
                              f"event {event.id!r} sets the talks back, so a line's {{event}} "
                              f"may name it, and it would read its headline "
                              f"({event.name!r}); give it an in_sentence, the words a "
                              "delegation would use for it, such as 'the fighting near "
                              "Aleppo'")

        # A refusal names no point of the other side's (its real reason may be private):
        # a 'reject' variant that needs one is never said.
        for side_id, side in self.s.sides.items():
            rejects = side.lines.get("reject", [])
            for j, variant in enumerate([rejects] if isinstance(rejects, str) else rejects):
                text = variant if isinstance(variant, str) else variant.text
                needs = sorted(set(placeholders(text)) & {"insisted", "withdrawn", "unmoved"})
                if needs:
                    where: tuple[str | int, ...] = ("sides", side_id, "lines", "reject") + \
                        (() if isinstance(rejects, str) else (j,))
                    self.warn(where, f"this refusal is never said: a 'reject' line fills no "
                                     f"{{{needs[0]}}} (a refusal names no point of the "
                                     "other side's, since its real reason may be private)")

    def contradictions(self) -> None:
        """Rules that never match, and rules every package of which other rules already
        rule out (rules that leave no package at all are an error: see
        :meth:`game.scenario._Checker._playable`)."""
        rules = self.s.contradictions
        if not rules:
            return
        space = outcome_space(self.s)
        sizes = [len(i.options) for i in self.s.issues]
        matched = [[space.index[p] for p in rule.expand(sizes)] for rule in space.rules]
        count = [0] * len(space.index)
        for found in matched:
            for n in found:
                count[n] += 1
        # From the last rule back, so that of two rules ruling out the same packages the
        # later one is named: it is the one to remove.
        for i in reversed(range(len(rules))):
            path: tuple[str | int, ...] = ("contradictions", i, "options")
            empty = [k for k, v in rules[i].options.items() if not v]
            if empty:
                self.warn(path, f"this contradiction can never match: it lists no option for "
                                f"issue {empty[0]!r}")
            elif all(count[n] > 1 for n in matched[i]):
                self.warn(path, "this contradiction rules out nothing: every package it "
                                "matches is already ruled out by other contradictions")
                for n in matched[i]:
                    count[n] -= 1

    def combination_values(self) -> None:
        """Combinations no coherent package holds, and combination values that push a
        package's utility out of [0, 1] (where it is cut off)."""
        space = outcome_space(self.s)
        for side_id, side in self.s.sides.items():
            compiled = patterns(self.s, side.combinations)
            coherent = len(space.packages)
            sizes = [len(i.options) for i in self.s.issues]
            for k, (combo, pattern) in enumerate(zip(side.combinations, compiled)):
                if not any(space.index[p] < coherent for p in pattern.expand(sizes)):
                    self.warn(("sides", side_id, "combinations", k, "options"),
                              f"this combination ({options_text(self.s, combo.options)}) is "
                              "never worth anything: no coherent package holds it")
            if not side.combinations or not space.packages:
                continue
            # A package's sum leaves [0, 1] through its combinations only (the weights add
            # up to 1 within the loader's tolerance), so only their share is measured.
            worst: dict[int, tuple[float, int]] = {}
            table = space.tables[side_id]
            for n, package in enumerate(space.packages):
                extra = space.extra[side_id][n]
                if not extra:
                    continue
                base = sum(table[i][o] for i, o in enumerate(package))
                total = base + extra
                for sign, lost in ((1, total - max(1.0, base)), (-1, min(0.0, base) - total)):
                    if lost > 1e-9 and lost > worst.get(sign, (0.0, 0))[0]:
                        worst[sign] = (lost, n)
            for sign, (lost, n) in sorted(worst.items(), reverse=True):
                package = space.packages[n]
                k = next(k for k, (c, pattern) in enumerate(zip(side.combinations, compiled))
                         if pattern.matches(package) and sign * c.value > 0)
                names = ", ".join(i.options[o].name for i, o in zip(self.s.issues, package))
                self.warn(("sides", side_id, "combinations", k, "value"),
                          f"with its combination values the package ({names}) would be worth "
                          f"{space.sum_of(side_id, package):.3f} to {side_id!r}; utilities "
                          f"are kept within 0 to 1, so {lost:.3f} of it is lost (make the "
                          f"value {'smaller' if sign > 0 else 'less negative'})")

    def red_lines_and_batnas(self) -> None:
        space = outcome_space(self.s)
        coherent = len(space.packages)
        for side_id, side in self.s.sides.items():
            crosses = space.crosses[side_id][:coherent]
            best = max((u for u, crossed in zip(space.utility[side_id][:coherent], crosses)
                        if not crossed), default=0.0)
            if best <= side.batna.value:
                self.warn(("sides", side_id, "batna", "value"),
                          f"the BATNA ({side.batna.value:g}) is worth at least as much as the "
                          f"best deal this side can get ({best:.2f}): it never gains by "
                          "agreeing")
            option = next((o for issue in self.s.issues for o in issue.options
                           if o.name.casefold() == side.batna.name.casefold()), None)
            if option is not None:
                # A playtester read the US fallback "Deconfliction only" (50 points) and the
                # option "Deconfliction only" (35) as one thing.
                self.warn(("sides", side_id, "batna", "name"),
                          f"the BATNA is named like the option {option.id!r} "
                          f"({option.name!r}): players read the two as one thing, though "
                          "a deal holding the option is worth what the points table says, "
                          "not the BATNA; name the BATNA for what happens without a deal")

    def tactics(self) -> None:
        for i, tactic in enumerate(self.s.tactics):
            if not self.can_hold(tactic.when, {"agreed": 0.0, "walkout": 0.0}):
                self.warn(("tactics", i, "when"),
                          f"tactic {tactic.id!r} is never available: its condition "
                          f"{shown(tactic.when)} never holds")
            elif not any("tactic" in p.moves for p in self.s.phases
                         if tactic.phases is None or p.id in tactic.phases):
                self.warn(("tactics", i, "id"),
                          f"tactic {tactic.id!r} is never available: no phase allows tactics")
            if tactic.kind == "red_line":
                for side_id in tactic.sides:
                    if not self.s.sides[side_id].red_lines:
                        self.warn(("tactics", i, "sides", side_id),
                                  f"{side_id!r} has no red lines to say aloud: tactic "
                                  f"{tactic.id!r} is never available to it")

    def events(self) -> None:
        for i, event in enumerate(self.s.events):
            if event.chance == 0 or not self.can_hold(event.when,
                                                       {"agreed": 0.0, "walkout": 0.0}):
                what = "its chance is 0" if event.chance == 0 else \
                    f"its condition {shown(event.when)} never holds"
                self.warn(("events", i, "when" if event.chance else "chance"),
                          f"event {event.id!r} can never happen: {what}")
            if event.once and event.again is not None:
                self.warn(("events", i, "again"),
                          f"event {event.id!r} has an 'again' text but happens only once: "
                          "set once: false for it to happen again, or leave 'again' out")
        most = self.s.most_chance_events
        chance = sum(1 for event in self.s.events if 0 < event.chance < 1)
        if most is not None and most >= chance:
            self.warn(("most_chance_events",),
                      f"most_chance_events is {most}, but only {chance} event"
                      f"{'s happen' if chance != 1 else ' happens'} by chance: it never "
                      "limits them; set it below that number, or leave it out")

    def outcomes(self) -> None:
        fixed_by_trigger = {
            "agreement": {"agreed": 1.0, "walkout": 0.0},
            "walkout": {"agreed": 0.0, "walkout": 1.0},
            "deadline": {"agreed": 0.0, "walkout": 0.0, "round": float(self.rounds),
                         "rounds_left": 0.0},
            "breakdown": {"agreed": 0.0, "walkout": 0.0},
        }
        moves = {m for p in self.s.phases for m in p.moves}
        for i, outcome in enumerate(self.s.outcomes):
            path: tuple[str | int, ...] = ("outcomes", i, "when" if outcome.when else "trigger")
            earlier = [o for o in self.s.outcomes[:i] if o.trigger == outcome.trigger]
            if outcome.trigger == "agreement" and "accept" not in moves or \
                    outcome.trigger == "walkout" and "walkout" not in moves:
                self.warn(path, f"outcome {outcome.id!r} can never be reached: no phase "
                                f"allows the move its trigger {outcome.trigger!r} needs")
            elif any(o.when is None for o in earlier):
                first = next(o for o in earlier if o.when is None)
                self.warn(path, f"outcome {outcome.id!r} can never be reached: outcome "
                                f"{first.id!r} before it has the same trigger and no "
                                "condition, so it always matches first")
            elif not self._reachable(outcome.when, [o.when for o in earlier],
                                     fixed_by_trigger[outcome.trigger]):
                self.warn(path, f"outcome {outcome.id!r} can never be reached: its condition "
                                "never holds when no earlier outcome of the same trigger does")

    def _reachable(self, text: str | None, earlier: list[str | None],
                   fixed: dict[str, float]) -> bool:
        conditions = [self.s.condition(t) for t in earlier if t is not None]
        own = self.s.condition(text) if text is not None else None
        names: set[str] = set(own.names) if own else set()
        for c in conditions:
            names |= c.names
        size = sum(c.size for c in conditions) + (own.size if own else 0)
        combos = self.combinations(names, fixed, size)
        if combos is None:
            return True
        return any((own is None or own.holds(n)) and not any(c.holds(n) for c in conditions)
                   for n in combos)

    def phases(self) -> None:
        breakdowns = [self.s.condition(o.when) for o in self.s.outcomes
                      if o.trigger == "breakdown" and o.when is not None]
        first = 1
        for k, phase in enumerate(self.s.phases):
            if k and any(self._always(c, first - 1) for c in breakdowns):
                self.warn(("phases", k, "id"),
                          f"phase {phase.id!r} is never entered: a breakdown outcome always "
                          "ends the game before it")
            first += phase.rounds

    def _always(self, condition: Condition, round_number: int) -> bool:
        combos = self.combinations(set(condition.names),
                                   {"round": float(round_number), "agreed": 0.0,
                                    "walkout": 0.0}, condition.size)
        return combos is not None and all(condition.holds(n) for n in combos)
