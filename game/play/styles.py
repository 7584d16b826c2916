"""Scripted players that stand in for students: how a class might play a side.

Each style is a policy from one side's :class:`~game.view.SideView` to a legal
:class:`~game.moves.Move`, and it is given nothing else: not the game, not the scenario,
not the other side's values. Its random choices come from a ``random.Random`` seeded from
the view's seed, turn and side, so a game with the same seed is played the same way every
time, in any process.

* ``principled`` negotiates on interests: it asks what matters most to the other side,
  says what matters most to itself, says its red lines aloud once the other side asks for
  something across them, and then proposes packages that keep its red lines (and the
  other side's, once said) and beat its fallback. Its target falls steadily over the rounds from its ideal package
  towards a floor just above its fallback (never below the best offer the other side has
  made it); among the packages that reach the target it proposes the one it guesses the
  other side likes best. That guess comes from what the other side revealed and offered,
  so it gives way first on its own low-weight issues, where a step costs it least and may
  be worth most to the other side. It accepts an offer that beats its fallback and is close
  to what it would propose next, and it never threatens.
* ``hardline`` threatens whenever it may, rejects, asks for its ideal package every time
  and accepts only an offer close to that ideal.
* ``careless`` picks any legal move at random, and any package when it proposes.

:func:`smart_bully` makes one more, for benchmarks and tests: hardline play that accepts
as soon as an offer is worth a level it is given; and :func:`patient_hardline` is the
hard-liner who threatens once and then only repeats its ideal until the final round.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable

from game.moves import Move
from game.view import Package, SideView

Policy = Callable[[SideView], Move]

#: How much above its fallback a principled player's floor stays.
PRINCIPLED_MARGIN = 0.04
#: An offer within this much of what a principled player would propose next is close
#: enough to accept.
PRINCIPLED_CLOSE = 0.03
#: A hardline player accepts only offers within this much of its ideal package.
HARDLINE_CLOSE = 0.05
#: Below this level of trust (on a meter with the id "trust") a principled player appeals
#: to common ground before it goes on bargaining.
LOW_TRUST = 25.0


def rng_for(name: str, view: SideView) -> random.Random:
    """The random numbers a style uses on this turn: the same for the same game, turn and
    side, in any process (a string seed is hashed with SHA-512, not Python's hash)."""
    return random.Random(f"{name}:{view.known.seed}:{view.state.turn}:{view.side}")


# ----- what a side can read from its own view ----------------------------------------------


def _kinds(view: SideView) -> set[str]:
    return {move.kind for move in view.legal}


def _tactics_of_kind(view: SideView, kind: str) -> list[str]:
    """The ids of the tactics of *kind* this side may use now."""
    tactics = view.known.tactics
    return [m.tactic for m in view.legal if m.kind == "tactic" and m.tactic is not None
            and tactics[m.tactic].kind == kind]


def _used(view: SideView) -> Counter[str]:
    """How many times this side has used each kind of tactic, read from its record."""
    tactics = view.known.tactics
    used: Counter[str] = Counter()
    for entry in view.record:
        if entry.kind == "move" and entry.speaker == view.side and entry.move is not None:
            tactic = tactics.get(entry.move.tactic or "")
            if tactic is not None:
                used[tactic.kind] += 1
    return used


def _allowed(view: SideView) -> list[int]:
    """The positions of the packages that keep this side's own red lines."""
    space = view.known.space
    return [n for n in range(len(space.packages)) if not space.crosses[n]]


def _ideal(view: SideView) -> Package:
    """This side's best package that keeps its red lines (the first such, on a tie)."""
    space = view.known.space
    best = max(_allowed(view), key=lambda n: (space.utility[n], -n))
    return space.packages[best]


def _time(view: SideView) -> float:
    """How far the talks have gone: 0 in the first round, 1 in the last."""
    return (view.state.round - 1) / max(view.known.total_rounds - 1, 1)


def acceptable_standing(view: SideView) -> tuple[Package, float] | None:
    """The other side's offer on the table and its worth to this side, when this side may
    accept it and it keeps this side's red lines."""
    standing = view.standing_from_other()
    if standing is None or "accept" not in _kinds(view):
        return None
    space = view.known.space
    if space.crosses[space.index[standing]]:
        return None
    return standing, view.utility(standing)


def _refuse(view: SideView) -> Move:
    return Move.reject() if "reject" in _kinds(view) else Move.wait()


# ----- principled ---------------------------------------------------------------------------


def guess_other_values(view: SideView) -> list[list[float]]:
    """This side's guess of the other side's weight times value for every option of every
    issue, from the table alone.

    Issues the other side named as mattering most weigh more (the first named most), and
    so do issues it never moved on between its offers. An option's value is a blend of how
    often the other side put it in its offers and how little this side values it (with no
    offers yet, the guess is that the two sides want opposite things)."""
    issues = view.known.issues
    own = view.me.values
    other = view.other
    offers = [package for who, package in view.offers if who == other]
    weights = [1.0] * len(issues)
    for before, after in zip(offers, offers[1:]):
        for i, (a, b) in enumerate(zip(before, after)):
            if a == b:
                weights[i] += 0.25
    positions = {issue.id: n for n, issue in enumerate(issues)}
    for rank, issue_id in enumerate(view.revealed.get(other, ())):
        weights[positions[issue_id]] += 3.0 / (rank + 1)
    total = sum(weights)
    table = []
    for i, issue in enumerate(issues):
        opposite = [1.0 - own[issue.id][option.id] for option in issue.options]
        if offers:
            counts = [sum(1 for offer in offers if offer[i] == n)
                      for n in range(len(issue.options))]
            seen = [count / len(offers) for count in counts]
            values = [0.7 * s + 0.3 * o for s, o in zip(seen, opposite)]
        else:
            values = opposite
        table.append([weights[i] / total * v for v in values])
    return table


def principled_target(view: SideView) -> float:
    """The least a principled player asks for now: from its ideal package in the first
    round down, in a straight line, to just above its fallback in the last, and never
    below the best offer the other side has made it."""
    space = view.known.space
    ideal = view.utility(_ideal(view))
    floor = min(view.batna + PRINCIPLED_MARGIN, ideal)
    offered = [view.utility(p) for who, p in view.offers if who == view.other
               and not space.crosses[space.index[p]]]
    floor = max([floor, *offered])
    target = ideal - (ideal - floor) * _time(view)
    # Good faith: it never asks for more than it asked for last time.
    mine = view.last_offer(view.side)
    return min(target, view.utility(mine)) if mine is not None else target


def principled_package(view: SideView) -> Package:
    """The package a principled player proposes now: among those that keep its red lines
    and reach its target, the one it guesses the other side likes best (the better for
    itself on a tie)."""
    space = view.known.space
    target = principled_target(view) - 1e-9
    table = guess_other_values(view)
    reaching = [n for n in _allowed(view) if space.utility[n] >= target]
    if view.across is not None:  # what the other side has said it can never accept
        reaching = [n for n in reaching if not view.across[n]] or reaching
    mine = view.last_offer(view.side)
    if mine is not None:  # good faith: never more than it asked for last time
        asked = view.utility(mine)
        reaching = [n for n in reaching if space.utility[n] <= asked + 1e-9] or \
            [space.index[mine]]
    # It gives way where it cares least first: while it can reach its target without
    # moving on its heaviest issue, it keeps its ideal option there.
    ideal = _ideal(view)
    weights = [view.me.weights[issue.id] for issue in view.known.issues]
    heaviest = weights.index(max(weights))
    keeping = [n for n in reaching if space.packages[n][heaviest] == ideal[heaviest]]
    reaching = keeping or reaching

    def appeal(n: int) -> tuple[float, float, int]:
        package = space.packages[n]
        guess = sum(row[o] for row, o in zip(table, package))
        return round(guess, 9), space.utility[n], -n

    return space.packages[max(reaching, key=appeal)]


def principled(view: SideView) -> Move:
    """Interest-based bargaining (see the module's docstring)."""
    if view.state.asked == view.side:
        # Asked what matters most, it tells the truth: its next priority not yet named.
        weights = view.me.weights
        said = view.revealed[view.side]
        order = sorted(weights, key=lambda issue: -weights[issue])
        return Move.answer(next((i for i in order if i not in said), order[0]))
    kinds = _kinds(view)
    state = view.state
    used = _used(view)
    final = state.round >= view.known.total_rounds
    offer = acceptable_standing(view)
    if offer is not None:
        _, worth = offer
        if worth > view.batna + 0.005:
            if state.last_turn or "propose" not in kinds:
                return Move.accept()  # the last word: the alternative is the fallback
            next_worth = view.utility(principled_package(view))
            if worth >= next_worth - PRINCIPLED_CLOSE:
                return Move.accept()
    # Where the other side keeps asking for what it can never accept, it says its red
    # lines aloud (once) rather than let the other side guess.
    theirs = view.last_offer(view.other)
    red = _tactics_of_kind(view, "red_line")
    if red and theirs is not None and view.known.space.crosses[view.known.space.index[theirs]]:
        return Move.use(red[0])
    if not final:
        questions = _tactics_of_kind(view, "question")
        if questions and not used["question"] and not view.revealed.get(view.other):
            return Move.use(questions[0])
        preferences = _tactics_of_kind(view, "preference")
        if preferences and not used["preference"] and not view.revealed.get(view.side):
            return Move.use(preferences[0])
        appeals = _tactics_of_kind(view, "appeal")
        if appeals and state.meters.get("trust", 100.0) < LOW_TRUST:
            return Move.use(appeals[0])
    if "propose" in kinds:
        return Move.propose(view.ids(principled_package(view)))
    if view.standing_from_other() is not None:
        return _refuse(view)
    return Move.wait()


# ----- hardline -----------------------------------------------------------------------------


def hardline(view: SideView) -> Move:
    """Threats, rejections and its ideal package every time; it accepts only an offer
    close to its ideal (or, in the final round, one that beats its fallback), and
    refuses to say what matters to it."""
    if view.state.asked == view.side:
        return Move.decline()
    kinds = _kinds(view)
    rng = rng_for("hardline", view)
    ideal = _ideal(view)
    offer = acceptable_standing(view)
    if offer is not None and offer[1] >= view.utility(ideal) - HARDLINE_CLOSE:
        return Move.accept()
    if offer is not None and view.state.round >= view.known.total_rounds and \
            offer[1] > view.batna + 0.005:
        return Move.accept()  # its last word: even a hard-liner takes more than nothing
    threats = _tactics_of_kind(view, "threat")
    if threats:
        return Move.use(rng.choice(threats))
    if view.standing_from_other() is not None and "reject" in kinds and \
            (rng.random() < 0.5 or "propose" not in kinds):
        return Move.reject()
    if "propose" in kinds:
        return Move.propose(view.ids(ideal))
    return _refuse(view) if view.standing_from_other() is not None else Move.wait()


def smart_bully(bar: float) -> Policy:
    """``hardline`` play that takes the offer on the table as soon as it is worth at least
    *bar* to it (say, what good faith usually earns): the student who blusters and waits
    for the computer to give way. Not in :data:`STYLES`: it needs its *bar*."""
    def policy(view: SideView) -> Move:
        standing = acceptable_standing(view)
        if standing is not None and standing[1] >= bar:
            return Move.accept()
        return hardline(view)
    return policy


def patient_hardline(view: SideView) -> Move:
    """The hard-liner who waits: one threat, then its ideal package every turn (a rejection
    only when it may not propose), and in the final round it takes any offer that beats its
    fallback (a playtester's way of playing hard-line: it does not sour the talks, it only
    never gives ground). Not in :data:`STYLES`: a variant of ``hardline`` for benchmarks
    and tests."""
    if view.state.asked == view.side:
        return Move.decline()
    offer = acceptable_standing(view)
    if offer is not None and offer[1] >= view.utility(_ideal(view)) - HARDLINE_CLOSE:
        return Move.accept()
    if offer is not None and view.state.round >= view.known.total_rounds and \
            offer[1] > view.batna + 0.005:
        return Move.accept()
    threats = _tactics_of_kind(view, "threat")
    if threats and not _used(view)["threat"]:
        return Move.use(threats[0])
    if "propose" in _kinds(view):
        return Move.propose(view.ids(_ideal(view)))
    return _refuse(view) if view.standing_from_other() is not None else Move.wait()


# ----- careless -----------------------------------------------------------------------------


def careless(view: SideView) -> Move:
    """Any legal move at random; any package, red lines or not, when it proposes."""
    rng = rng_for("careless", view)
    move = rng.choice(view.legal)
    if move.kind == "propose":
        packages = view.known.space.packages
        return Move.propose(view.ids(packages[rng.randrange(len(packages))]))
    return move


#: Every style by name, in the order help texts list them.
STYLES: dict[str, Policy] = {"principled": principled, "hardline": hardline,
                             "careless": careless}


def style(name: str) -> Policy:
    """The style called *name*; raises ``ValueError`` naming the styles there are."""
    try:
        return STYLES[name]
    except KeyError:
        raise ValueError(f"unknown player style {name!r}: the styles are "
                         f"{', '.join(STYLES)}") from None


__all__ = ["Policy", "STYLES", "acceptable_standing", "careless", "guess_other_values",
           "hardline", "principled", "principled_package", "principled_target", "rng_for",
           "smart_bully", "style"]
