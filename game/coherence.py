"""Coherent packages: options of different issues that cannot, or are worth more or less
to a side when they, stand together.

A scenario's ``contradictions`` name options that contradict each other (a start on 25 May
with a week of verified calm first); a package holding any of them is *incoherent* and can
never be a deal. A side's ``combinations`` add a bonus or a penalty to its utility of the
packages that hold them. Both use the same matching rule as red lines: a package matches
when, for every issue named, it picks one of the options listed.

The engine, the package builders and the analysis all ask :func:`incoherence` (or
:func:`contradictions_in`), so that every front end gives the same sentence.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from game.model import Combination, Contradiction, OptionsByIssue, Scenario
from game.speech import option_words

#: A package as option positions (0-based, in the scenario's issue order), as in
#: :mod:`game.analysis`; kept here too so that this module needs only the model.
Positions = tuple[int, ...]


@dataclass(frozen=True)
class Pattern:
    """Options by issue compiled to positions: (issue position, option positions) pairs."""

    parts: tuple[tuple[int, frozenset[int]], ...]

    @classmethod
    def of(cls, scenario: Scenario, options: OptionsByIssue) -> Pattern:
        """Compile *options*; ids the scenario does not know match nothing."""
        parts = []
        for issue_id, option_ids in options.items():
            position = next((n for n, i in enumerate(scenario.issues) if i.id == issue_id),
                            None)
            if position is None:
                return cls(((0, frozenset()),))
            ids = [o.id for o in scenario.issues[position].options]
            parts.append((position, frozenset(ids.index(o) for o in option_ids if o in ids)))
        return cls(tuple(parts))

    def matches(self, package: Positions) -> bool:
        """Whether *package* picks one of the listed options for every issue named."""
        return all(package[issue] in options for issue, options in self.parts)

    def expand(self, sizes: Sequence[int]) -> Iterator[Positions]:
        """Every package that matches, for issues with *sizes* options each: quicker than
        trying every package when a rule names few options."""
        choices: list[Sequence[int]] = [range(n) for n in sizes]
        for issue, options in self.parts:
            choices[issue] = sorted(options)
        return itertools.product(*choices)


def _positions(scenario: Scenario, package: Positions | Mapping[str, str]) -> \
        list[int | None]:
    """*package* as one option position per issue (None where a mapping leaves an issue
    out or names an option the issue does not have)."""
    if not isinstance(package, Mapping):
        return list(package)
    found: list[int | None] = []
    for issue in scenario.issues:
        ids = [o.id for o in issue.options]
        chosen = package.get(issue.id)
        found.append(ids.index(chosen) if chosen in ids else None)
    return found


def _matches(scenario: Scenario, options: OptionsByIssue,
             package: Positions | Mapping[str, str]) -> bool:
    pattern = Pattern.of(scenario, options)
    chosen = _positions(scenario, package)
    return all(chosen[issue] is not None and chosen[issue] in picks
               for issue, picks in pattern.parts)


def contradictions_in(scenario: Scenario,
                      package: Positions | Mapping[str, str]) -> list[Contradiction]:
    """Every contradiction of *scenario* that *package* holds, in the file's order.

    *package* is a tuple of option positions or a mapping ``{issue_id: option_id}``; the
    mapping may leave issues out (a package still being built), and then only the rules
    whose issues are all chosen can match.
    """
    return [rule for rule in scenario.contradictions
            if _matches(scenario, rule.options, package)]


def incoherence(scenario: Scenario, package: Positions | Mapping[str, str]) -> str | None:
    """Why *package* cannot be a deal, or None when its options can stand together.

    Returns, for every contradiction of the scenario that *package* holds, in the file's
    order, the options of the package it names and its ``why`` sentence, written for
    players (e.g. "Right away with Verified calm first: Strikes cannot begin on 25 May, days
    away, if they must first wait for a period of verified calm."), so that a player can
    fix every clash at once. *package* is a tuple of option positions (as the engine
    keeps it) or a mapping ``{issue_id: option_id}``, possibly partial (as a package builder
    holds it while the player picks options); unknown ids never match. Never raises for a
    package of the scenario.

    Engine: refuse a ``propose`` whose package gets a sentence here, and give the sentence
    as the reason (``IllegalMoveError(sentence)``). Package builders: show the sentence as a
    warning beside the options as soon as it is not None. :func:`contradictions_in` lists
    every rule a package breaks, when one sentence is not enough.
    """
    clashes = clashes_in(scenario, package)
    if not clashes:
        return None
    return " ".join(f"{names}: {why}" for names, why in clashes)


def clashes_in(scenario: Scenario, package: Positions | Mapping[str, str]
               ) -> list[tuple[str, str]]:
    """For every contradiction *package* holds (see :func:`incoherence`): the options of
    the package it names ("Right away with Verified calm first") and its ``why`` sentence
    (a package builder short of room shows the names alone)."""
    chosen = _positions(scenario, package)
    clashes = []
    for rule in contradictions_in(scenario, package):
        names = [issue.options[k].name for issue_id in rule.options  # in the rule's order
                 for n, issue in enumerate(scenario.issues)
                 if issue.id == issue_id and (k := chosen[n]) is not None]
        clashes.append((" with ".join(names), rule.why))
    return clashes


def combinations_met(scenario: Scenario, side: str,
                     package: Positions | Mapping[str, str]) -> list[Combination]:
    """The combinations of *side* that *package* holds: their values are part of *side*'s
    utility of it (see :meth:`game.analysis.OutcomeSpace.utility_of`)."""
    return [combo for combo in scenario.sides[side].combinations
            if _matches(scenario, combo.options, package)]


def options_text(scenario: Scenario, options: OptionsByIssue) -> str:
    """The options of a rule or combination as players read them, each issue's named after
    them, e.g. "Right away (start date) with Verified calm first or Calm and grounded air
    force (ceasefire precondition on Damascus)"; a third issue comes with "and" (a student
    could not tell which issue "No condition or Russian pledge with No separation" was
    about)."""
    parts = option_parts(scenario, options)
    if len(parts) <= 2:
        return " with ".join(parts)
    return f"{parts[0]} with {', '.join(parts[1:-1])} and {parts[-1]}"


def option_parts(scenario: Scenario, options: OptionsByIssue) -> list[str]:
    """Each issue of *options* as players read it: its options, then the issue's name
    ("Verified calm first or Calm and grounded air force (ceasefire precondition on
    Damascus)"), in the order *options* names the issues."""
    issues = {i.id: i for i in scenario.issues}
    parts: list[str] = []
    for issue_id, option_ids in options.items():
        issue = issues.get(issue_id)
        names = {o.id: o.name for o in issue.options} if issue is not None else {}
        chosen = " or ".join(names.get(o, o) for o in option_ids) or "(no option)"
        parts.append(f"{chosen} ({option_words(issue.name)})" if issue is not None else chosen)
    return parts


def patterns(scenario: Scenario, rules: Sequence[Contradiction | Combination]) -> \
        list[Pattern]:
    """*rules* compiled once, for checking many packages."""
    return [Pattern.of(scenario, rule.options) for rule in rules]
