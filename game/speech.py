"""What the delegations say: a line for each move, chosen among a scenario's variants, with
what just happened filled in, and offers spoken issue by issue.

A line may hold placeholders, each filled from the table (never from code or data a
scenario controls beyond its own text):

* ``{other}`` - the other delegation's name;
* ``{insisted}`` - an option the other side has kept in its last two offers and the speaker
  has not offered itself;
* ``{withdrawn}`` - an option the other side offered before and has now taken back;
* ``{threat}`` - a threat the other side has made more than once;
* ``{moved}`` - the other delegation's name, only when its last offer is worth more to the
  speaker than its offer before (it has moved);
* ``{unmoved}`` - the other delegation's name, only when its last offer is worth no more to
  the speaker than its offer before (it has not moved).

A variant whose placeholders cannot be filled now is not used; among the rest, one that
refers to what happened is preferred, and a side never says the same line twice in a row.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence

from game.model import Issue, Scenario

#: The placeholders a line may use.
PLACEHOLDERS = ("other", "insisted", "withdrawn", "threat", "moved", "unmoved")
_TOKEN = re.compile(r"\{([^{}]*)\}")

Package = tuple[int, ...]


def placeholder_problems(text: str) -> list[str]:
    """What is wrong with the placeholders of a line (an empty list: nothing).

    >>> placeholder_problems("You insist on {insisted}; {whatever} we say.")
    ["unknown placeholder '{whatever}'; a line may use {other}, {insisted}, {withdrawn}, {threat}, {moved}, {unmoved}"]
    """
    known = ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
    problems = [f"unknown placeholder '{{{name}}}'; a line may use {known}"
                for name in _TOKEN.findall(text) if name not in PLACEHOLDERS]
    rest = _TOKEN.sub("", text)
    if "{" in rest or "}" in rest:
        problems.append(f"a brace that opens or closes no placeholder; a line may use {known}")
    return problems


@functools.lru_cache(maxsize=1024)
def option_words(name: str) -> str:
    """An option's label as it reads inside a sentence: "Verified calm first" -> "verified
    calm first"; a name that starts with a proper noun or an acronym keeps its capital.

    >>> option_words("Verified calm first"), option_words("Al-Nusra only"), option_words("ISIL")
    ('verified calm first', 'al-Nusra only', 'ISIL')
    """
    if len(name) > 1 and name[0].isupper() and (name[1].islower() or name[1] == "-"):
        first = name.split()[0]
        if first in _PROPER:
            return name
        return name[0].lower() + name[1:]
    return name


#: First words that stay capitalised inside a sentence.
_PROPER = {"Assad", "Damascus", "Moscow", "Washington", "Russia", "Russian", "Syria",
           "Syrian", "US", "United", "Geneva", "Aleppo"}


def offer_speech(issues: Sequence[Issue], offer: Mapping[str, str],
                 previous: Mapping[str, str] | None = None) -> str:
    """A package as a delegation says it, issue by issue: every issue for a first offer,
    and only what changed after that ("On the start date: mid-June.")."""
    parts = []
    for issue in issues:
        chosen = offer.get(issue.id)
        if previous is not None and previous.get(issue.id) == chosen:
            continue
        option = next((o for o in issue.options if o.id == chosen), None)
        if option is not None:
            parts.append(f"On {option_words(issue.name)}: {option_words(option.name)}.")
    if not parts:
        return "Our offer stands as it was."
    if previous is not None and len(parts) < len(issues):
        parts.append("The rest stands as before.")
    return " ".join(parts)


class Table:
    """What a line may refer to, read from the game for the side about to speak."""

    def __init__(self, scenario: Scenario, speaker: str,
                 offers: Sequence[tuple[str, Package]], threats: Mapping[str, int],
                 worth: Callable[[Package], float] | None = None) -> None:
        """*worth*: what a package is worth to the speaker (default: its weighted option
        values, combinations left out)."""
        self.scenario = scenario
        self.worth = worth or self._weighted
        self.speaker = speaker
        self.other = scenario.other(speaker)
        self.theirs = [p for side, p in offers if side == self.other]
        mine = [p for side, p in offers if side == speaker]
        #: The speaker's own latest offer: it never complains of what it offered itself.
        self.mine = mine[-1] if mine else None
        self.threats = threats

    def fill(self, name: str) -> str | None:
        """The words for placeholder *name*, or None when nothing fits now."""
        scenario = self.scenario
        if name == "other":
            return scenario.sides[self.other].name
        if name == "insisted":
            if len(self.theirs) < 2:
                return None
            last, before = self.theirs[-1], self.theirs[-2]
            held = [n for n, (a, b) in enumerate(zip(last, before)) if a == b
                    and (self.mine is None or self.mine[n] != a)]
            if not held:
                return None
            weights = scenario.sides[self.speaker].weights
            # The kept option that costs the speaker most: what it would call insisting.
            n = min(held, key=lambda k: (scenario.sides[self.speaker].values[
                scenario.issues[k].id][scenario.issues[k].options[last[k]].id]
                - weights[scenario.issues[k].id]))
            return option_words(scenario.issues[n].options[last[n]].name)
        if name == "withdrawn":
            if len(self.theirs) < 2:
                return None
            last, before = self.theirs[-1], self.theirs[-2]
            values = scenario.sides[self.speaker].values
            for n, (a, b) in enumerate(zip(last, before)):
                issue = scenario.issues[n]
                if a != b and values[issue.id][issue.options[b].id] > \
                        values[issue.id][issue.options[a].id]:
                    return option_words(issue.options[b].name)
            return None
        if name == "threat":
            repeated = [t for t, count in self.threats.items() if count > 1]
            return scenario.tactic(repeated[-1]).name.lower() if repeated else None
        if name in ("moved", "unmoved"):
            if len(self.theirs) < 2:
                return None
            gain = self.worth(self.theirs[-1]) - self.worth(self.theirs[-2])
            if (gain > 1e-9) == (name == "moved"):
                return scenario.sides[self.other].name
            return None
        return None

    def _weighted(self, package: Package) -> float:
        side = self.scenario.sides[self.speaker]
        return sum(side.weights[issue.id] * side.values[issue.id][issue.options[k].id]
                   for issue, k in zip(self.scenario.issues, package))


@functools.lru_cache(maxsize=4096)
def _names(text: str) -> tuple[str, ...]:
    """The placeholders of a line, in order (lines are few and said again and again)."""
    return tuple(_TOKEN.findall(text))


def choose_line(variants: str | Sequence[str], table: Table, last: str | None,
                pick: int) -> str:
    """One of *variants* with its placeholders filled: never *last* (the speaker's previous
    line) when another will do, and, seven times in ten, one that refers to what happened
    when one can. *pick* is a number the game derives from its seed and turn, so the same
    game always says the same lines."""
    options = [variants] if isinstance(variants, str) else list(variants)
    known: dict[str, str | None] = {}  # each placeholder is filled once per line chosen

    def fill(name: str) -> str | None:
        if name not in known:
            known[name] = table.fill(name)
        return known[name]

    filled = []
    for text in options:
        names = _names(text)
        if all(fill(name) is not None for name in names):
            line = _TOKEN.sub(lambda m: fill(m.group(1)) or "", text) if names else text
            filled.append((line, any(n != "other" for n in names)))
    if not filled:  # every variant needs something that did not happen: the plainest one
        plain = min(options, key=lambda t: len(_names(t)))
        return _TOKEN.sub(lambda m: fill(m.group(1)) or "", plain)
    fresh = [f for f in filled if f[0] != last] or filled
    context = [f for f in fresh if f[1]]
    pool = context if context and pick % 10 < 7 else fresh
    return pool[(pick // 10) % len(pool)][0]
