"""What the delegations say: a line for each move, chosen among a scenario's variants, with
what just happened filled in, and offers spoken issue by issue.

A line may hold placeholders, each filled from the table (never from code or data a
scenario controls beyond its own text):

* ``{other}`` - the other delegation's name, as its ``name`` gives it (no article);
* ``{insisted}`` - an option the other side has kept in its last two offers and the speaker
  does not offer itself;
* ``{withdrawn}`` - an option the other side offered before, as the speaker's own offer has
  it, and has now taken back;
* ``{threat}`` - a threat the other side has made more than once;
* ``{moved}`` - the other delegation's name, only when its last offer meets the speaker's
  own on more issues than its offer before did (it has moved) and the speaker has not
  answered that offer with a proposal yet;
* ``{unmoved}`` - the other delegation's name, only when it does not (it has not moved)
  and its last offer meets the speaker's on no more issues than before, likewise.

Every placeholder is filled from what both sides see at the table, never from a side's
values: a line never gives away what its speaker keeps private.

A variant whose placeholders cannot be filled now is not used; among the rest, one that
refers to what happened is preferred, and a side never says the same line twice in a row.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Mapping, Sequence

from game.model import Issue, Scenario

#: The placeholders a line may use.
PLACEHOLDERS = ("other", "insisted", "withdrawn", "threat", "moved", "unmoved", "event")
_TOKEN = re.compile(r"\{([^{}]*)\}")

Package = tuple[int, ...]


def placeholder_problems(text: str) -> list[str]:
    """What is wrong with the placeholders of a line (an empty list: nothing).

    >>> placeholder_problems("You insist on {insisted}; {whatever} we say.")
    ["unknown placeholder '{whatever}'; a line may use {other}, {insisted}, {withdrawn}, {threat}, {moved}, {unmoved}, {event}"]
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
    calm first"; a name that starts with a proper noun or an acronym (two capitals: "ISIL",
    "UN-led") keeps its capital, and a one-letter word is the article.

    >>> option_words("Verified calm first"), option_words("Al-Nusra only"), option_words("ISIL")
    ('verified calm first', 'al-Nusra only', 'ISIL')
    >>> option_words("A task force that rules on violations")
    'a task force that rules on violations'
    """
    first = name.split()[0] if name.strip() else ""
    if not first[:1].isupper() or first in _PROPER or first[1:2].isupper():
        return name
    return name[0].lower() + name[1:]


def issue_words(issue: Issue) -> str:
    """An issue's name as it reads inside a sentence: its ``in_sentence`` ("the start
    date"), else its name as :func:`option_words` says it ("start date")."""
    return issue.in_sentence or option_words(issue.name)


#: First words that stay capitalised inside a sentence.
_PROPER = {"I", "Assad", "Damascus", "Moscow", "Washington", "Russia", "Russian", "Syria",
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
            parts.append(_option_said(issue, option.name))
    return _joined(parts, len(issues) - len(parts) if previous is not None else 0)


def offer_words(issues: Sequence[Issue]) -> list[list[str]]:
    """How each option of each issue is said in an offer, by position ("On the start date:
    mid-June."): made once for a scenario and read by :func:`package_speech`."""
    return [[_option_said(issue, option.name) for option in issue.options]
            for issue in issues]


def package_speech(words: Sequence[Sequence[str]], package: Package,
                   previous: Package | None = None, apart: Sequence[int] = (),
                   clearing: Sequence[int] = (), red_lines: int = 2, *,
                   last: bool = True) -> str:
    """:func:`offer_speech` of a package given as option positions, said with the scenario's
    :func:`offer_words` (the engine says a proposal every turn: its words are made once).
    *apart*: the positions of issues on which it takes up what the other side offered,
    said after the rest as such, not as the side's own step (a playtester heard Russia
    list the US's gift on separation among its own concessions); only when it changes
    other issues too; alone, each is said "as you offered" (Russia taking up the US's gift
    on the start date was heard as a proposal of its own, a window playtest).
    *clearing*: the positions of issues whose change keeps the proposal clear of the red
    lines the other side said aloud (*red_lines* of them), said after its other changes
    and said to do so (a playtester who had said the US's red lines heard Russia's next
    proposal as a list of changes, one of them taking something back, and could not tell
    it had met them; said before the others, the words read as the excuse for a step back
    that followed them, another playtest; "This keeps ..." after two changes, a third, read
    as said of both). Several, after others, are "the last two" (*last*, from edition 13;
    "These two keep ..." after four changes left a playtester asking which two)."""
    if previous is None:
        parts = [options[n] for options, n in zip(words, package)]
        return _joined(parts, 0)
    changed = _changed(package, previous)
    cleared = [k for k in changed if k in clearing]
    taken = [k for k in apart if k in changed and k not in cleared]
    alone = len(taken) == len(changed)
    if alone:
        taken = []
    parts = [_as_offered(words[k][package[k]]) if alone and k in apart else words[k][package[k]]
             for k in changed if k not in taken and k not in cleared]
    if cleared:
        which = "the red line" if red_lines == 1 else "the red lines"
        if len(cleared) == 1:
            said = words[cleared[0]][package[cleared[0]]]
            parts.append(f"{said[:-1]}, which keeps our proposal clear of {which} you named.")
        else:
            parts += [words[k][package[k]] for k in cleared]
            count = _NUMBERS.get(len(cleared), str(len(cleared)))
            these = (f"The last {count} keep" if last else f"These {count} keep") \
                if len(parts) > len(cleared) else "These keep"
            parts.append(f"{these} our proposal clear of {which} you named.")
    if taken:
        parts.append("We also take up what you offered: " +
                     " ".join(words[k][package[k]] for k in taken))
    return _joined(parts, len(words) - len(changed))


def _changed(package: Package, previous: Package) -> list[int]:
    """The positions of the issues *package* settles otherwise than *previous*."""
    return [k for k, (n, before) in enumerate(zip(package, previous)) if n != before]


def only_taken_up(package: Package, previous: Package, apart: Sequence[int]) -> bool:
    """Whether every change of *package* from *previous* takes up what the other side
    offered (*apart*, as :func:`package_speech` reads it): a proposal that only does that
    is no counter to the other side's."""
    changed = _changed(package, previous)
    return bool(changed) and all(k in apart for k in changed)


def _as_offered(said: str) -> str:
    """An issue of an offer said as taken up: "On the start date: mid-June, as you
    offered."."""
    return f"{said[:-1]}, as you offered."


def _option_said(issue: Issue, option: str) -> str:
    """One issue of an offer as said: "On the start date: mid-June."."""
    return f"On {issue_words(issue)}: {option_words(option)}."


def _joined(parts: list[str], left: int) -> str:
    """The issues of an offer said one after another; *left*: how many issues were left
    out because the side's last proposal had them as they are."""
    if not parts:
        return "Our offer stands as it was."
    if left:
        # Said in one of a few ways, picked by what was said before it (the same offer is
        # always said the same way), so that a delegation moving one issue at a time does
        # not close every turn with the same sentence; of one issue left, as one ("On every
        # other point" of the tutorial's one other issue read wrong, a playtest).
        said = _REST_STANDS[len("".join(parts)) % len(_REST_STANDS)]
        parts.append(said.replace("every other point", "the other point") if left == 1
                     else said)
    return " ".join(parts)


#: Small counts in words ("The last two keep our proposal clear of ...").
_NUMBERS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six"}

#: The ways an offer that names only what changed says that the rest is unchanged.
_REST_STANDS = ("The rest of our last proposal stands.",
                "Everything else stays as we last proposed.",
                "On every other point, our last proposal holds.")


#: Ordinals in words, first to tenth (:func:`ordinal`).
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth")


def ordinal(n: int) -> str:
    """*n* (from 1) as an ordinal: "first", "second", ..., "tenth", then "11th"."""
    return _ORDINALS[n - 1] if 1 <= n <= len(_ORDINALS) else f"{n}th"


def how_much(rank: int) -> str:
    """How much an issue named *rank*-th matters, in the words of "What matters ... to us":
    "most", "second most" and so on (the record, the card and both front ends' menus)."""
    return "most" if rank <= 1 else f"{ordinal(rank)} most"


def listed(items: Sequence[str]) -> str:
    """*items* in a sentence: "A", "A and B", "A, B and C"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def what_matters(before: Sequence[Issue], issue: Issue) -> str:
    """What a side says when it names *issue* as what matters most to it, after the issues
    *before* it named already: "What matters most to us is the start date.", then "After
    the start date, what matters most to us is the role of the Syrian government." (asked
    "what matters most to Moscow?", a delegation that answered "What matters second most
    to us is ..." read as answering another question, a playtest)."""
    if not before:
        return f"What matters most to us is {issue_words(issue)}."
    return (f"After {listed([issue_words(i) for i in before])}, what matters most to us is "
            f"{issue_words(issue)}.")


def meets(package: Package, theirs: Package) -> int:
    """On how many issues *package* settles as *theirs* does: how the record judges whether
    a proposal moves toward the other side (the engine's ``Game._shift``)."""
    return sum(map(operator.eq, package, theirs))


#: The edition of the rules new games are played by (see :attr:`game.engine.Game.edition`):
#: the record's judgement of a step (:func:`judged`) is the part of the rules that changed
#: from one edition to the next, and in edition 9 what the delegations say (replies to
#: tactics, no concession words over a step back, no false reason for a refusal); in
#: edition 10 a change from an agreed point goes the way the scenario says the issue runs
#: (``runs_from``); in edition 11 taking up an option the other side offered beyond the
#: proposer's own last ask is no step toward it (:data:`TAKEN_UP`); in edition 12 a
#: question asked by a round's last move is answered before the next round begins, and
#: what is said changes too: a step toward and one away that even out are said in the
#: record, the changes that keep a proposal clear of red lines said aloud are said to, red
#: lines said aloud say which the proposal on the table crosses, what a side says matters
#: most to it comes before that move's effects, and a setback of the other side's alone
#: ends an older one as a side's reason; in edition 13 several changes that keep a
#: proposal clear of red lines, said after its other changes, are "the last two" of them.
EDITION = 13

#: How a proposal's change of option on one issue counts against the other side's latest
#: proposal (see :func:`judged`).
SAME, MEETS, NEARER, MORE, FARTHER, TAKEN_BACK, TAKEN_UP = \
    "same", "meets", "nearer", "more", "farther", "taken back", "taken up"
#: What each counts toward that proposal (a point taken back also makes the whole proposal
#: a move away, from rules edition 6). Taking up what the other side offered beyond one's
#: own last ask settles the point, but gives nothing: it counts neither way.
TOWARD = {SAME: 0, MEETS: 1, NEARER: 1, MORE: 0, FARTHER: -1, TAKEN_BACK: -1, TAKEN_UP: 0}


def judged(k: int, before: int, after: int, their: int,
           asked: Sequence[Package] | None, edition: int = EDITION,
           opening: Package | None = None, ends: Sequence[int] | None = None) -> str:
    """How moving from option *before* to *after* on issue *k* counts against *their*
    option (see :func:`step`): it MEETS it; comes NEARER to it in the issue's order of
    options (from edition 6); gives MORE than was asked; goes FARTHER from it (from
    edition 6); leaves it when both latest proposals held it (TAKEN_BACK: an agreed point
    taken back); or counts neither way (SAME). *opening* is the proposer's own opening
    proposal: from edition 7, leaving an agreed point is judged by the way the change goes
    in the issue's order of options, when the two sides' opening proposals (*opening*, and
    the first of *asked*) lie apart on the issue. Toward the other side's opening end it
    gives more than was asked, even when the other side never asked for that option; back
    toward the proposer's own end it takes the point back, even when the other side once
    asked for that option (a side that gave more than was asked, and saw it accepted,
    gives nothing by going back to the first ask). *ends* (:func:`directions`, for the
    proposer): from edition 10, where the scenario says which end of the issue's options
    is whose (``runs_from``), that tells the way, even when both sides opened on the same
    option (edition 9 then judged every change from the point as taking it back, unless
    the other side had once asked for the option, and a student who gave more lost
    trust). From edition 11, moving to *their* option is TAKEN_UP, not MEETS, when it goes
    toward the proposer's own end of the issue (as *ends* says, else as the two openings
    lie): the other side offered more there than the proposer last asked, and taking it
    up gives nothing (edition 10 counted it as a step toward, with trust gained and the
    proposer's words for a concession, a playtest). The one rule the record, the lines and
    the computer's bids (:meth:`game.negotiator._Bids.no_step_back`) judge a step by."""
    if after == before:
        return SAME
    if after == their:
        if edition >= 11 and (after - before) * _way(k, ends, asked, opening) < 0:
            return TAKEN_UP
        return MEETS
    if before != their:
        if edition < 6:
            return SAME  # before edition 6, only meeting or leaving *their* option counted
        change = abs(after - their) - abs(before - their)
        if change < 0:
            return NEARER
        if change == 0:
            return SAME
    elif edition >= 7:
        # From a point both held, the way the change goes in the issue's order: toward the
        # other side's end gives more; toward the proposer's own takes the point back
        # (whatever either side asked on the way). The end is the scenario's from edition
        # 10 (``runs_from``), else where the two sides opened.
        toward = _way(k, ends if edition >= 10 else None, asked, opening)
        if toward:
            return MORE if (after - before) * toward > 0 else TAKEN_BACK
    if gives_more(k, before, after, asked):
        return MORE
    return TAKEN_BACK if before == their else FARTHER


def _way(k: int, ends: Sequence[int] | None, asked: Sequence[Package] | None,
         opening: Package | None) -> int:
    """The way toward the other side's end of issue *k*'s options, for the proposer: as
    the scenario says it (*ends*, :func:`directions`), else as the two sides' openings
    lie (the other side's first of *asked*, the proposer's *opening*); 0 when neither
    tells."""
    if ends and ends[k]:
        return ends[k]
    if opening is not None and asked:
        return (asked[0][k] > opening[k]) - (asked[0][k] < opening[k])
    return 0


def judged_issues(previous: Package, package: Package, theirs: Package,
                  asked: Sequence[Package] | None = None, edition: int = EDITION,
                  opening: Package | None = None,
                  ends: Sequence[int] | None = None) -> list[str]:
    """How each issue of *package*, after *previous*, counts against *theirs*
    (:func:`judged`)."""
    return [judged(k, before, after, their, asked, edition, opening, ends)
            for k, (before, after, their) in enumerate(zip(previous, package, theirs))]


def directions(issues: Sequence[Issue], proposer: str) -> tuple[int, ...]:
    """For each issue, the way toward the other side's end of its options, for a proposal
    of *proposer*'s, as the scenario says (``runs_from``): 1 when the options run from
    the proposer's wish to the other side's, -1 the other way, 0 when the issue does not
    say (see :func:`judged`)."""
    return tuple(0 if issue.runs_from is None else 1 if issue.runs_from == proposer else -1
                 for issue in issues)


def step(previous: Package, package: Package, theirs: Package,
         asked: Sequence[Package] | None = None, edition: int = EDITION,
         opening: Package | None = None, ends: Sequence[int] | None = None
         ) -> tuple[int, int]:
    """How a proposal *package*, after the proposer's *previous* one, moves against the other
    side's latest proposal *theirs*, as the record judges it under rules *edition*: (how
    far it moves toward *theirs*, in issues; the issues on which it gives more than the
    latest proposal asks).

    On each issue it changes (:func:`judged`), a proposal moves toward *theirs* when it now
    settles the issue as *theirs* does, and (from edition 6) when it comes nearer to that
    option in the issue's order of options; it moves away when it leaves the option *theirs*
    has, and (from edition 6) when it goes farther from it. A move away to an option that
    asks for more than *theirs* does not count: one nearer, in the issue's order, to the
    other side's opening proposal, or one the other side proposed itself in any of *asked*
    (its proposals so far, its opening one first); it gives more than was asked. From
    edition 6, a proposal that leaves an option on which both sides' latest proposals
    agreed takes back an agreed point, and counts as a move away whatever it gives
    elsewhere (the first number is then at most -1).

    *opening* is the proposer's own opening proposal: from edition 7, a proposal that
    leaves a point both latest proposals held, where the two openings lie apart, gives
    more than was asked when it moves toward the end the other side opened at, and takes
    the point back when it moves toward its own, whatever either side asked on the way;
    from edition 10, where the scenario says which end is whose (*ends*, see
    :func:`directions`), by that.

    (Rules edition 4 passed the opening proposal alone as *asked*: the option had to lie
    nearer to it. Without *asked*, before edition 4, every option left counts against the
    proposer, and the first number is the plain change in :func:`meets`. Before edition 6
    only meeting and leaving *theirs* counted, and a proposal was judged by the balance.)"""
    return weighed(judged_issues(previous, package, theirs, asked, edition, opening, ends),
                   edition)


def weighed(kinds: Sequence[str], edition: int = EDITION) -> tuple[int, int]:
    """:func:`step` from each issue's judgement (:func:`judged_issues`)."""
    toward = sum(TOWARD[kind] for kind in kinds)
    if edition >= 6 and TAKEN_BACK in kinds:
        if edition >= 8 and traded(kinds):
            # A trade: what it gives beyond the ask counts as given, against the points
            # it takes back.
            toward += kinds.count(MORE)
        else:
            toward = min(toward, -1)
    return toward, kinds.count(MORE)


def traded(kinds: Sequence[str]) -> bool:
    """Whether a proposal judged issue by issue as *kinds* (:func:`judged_issues`) trades
    the agreed points it takes back for ground elsewhere (from rules edition 8): on at
    least as many other issues it meets the other side's latest proposal, comes nearer to
    it, or gives more than it asked. Packages are agreed whole: a point both latest
    proposals held is not settled until the whole package is, and offering it up for more
    on another issue is a trade, judged by the balance. Taken back for nothing, it hardens
    (edition 6 judged every point taken back so, trade or not)."""
    given = kinds.count(MEETS) + kinds.count(NEARER) + kinds.count(MORE)
    return given >= kinds.count(TAKEN_BACK) > 0


def reopened(previous: Package, package: Package, theirs: Package,
             asked: Sequence[Package] | None, opening: Package | None = None,
             ends: Sequence[int] | None = None) -> list[int]:
    """The issues on which *package* takes back an agreed point (see :func:`step`)."""
    return [k for k, kind in enumerate(judged_issues(previous, package, theirs, asked,
                                                     opening=opening, ends=ends))
            if kind == TAKEN_BACK]


def nearer(previous: Package, package: Package, theirs: Package,
           asked: Sequence[Package] | None = None) -> tuple[int, int]:
    """On how many issues *package*, after *previous*, comes nearer to the option *theirs*
    has without meeting it, and on how many it goes farther from an option it did not
    meet, not giving more than was asked (from rules edition 6, see :func:`judged`)."""
    kinds = judged_issues(previous, package, theirs, asked)
    return kinds.count(NEARER), kinds.count(FARTHER)


def gives_more(k: int, before: int, after: int, asked: Sequence[Package] | None) -> bool:
    """Whether moving from option *before* to *after* on issue *k* asks for more than the
    other side's latest proposal, by what it *asked* (see :func:`step`)."""
    if not asked:
        return False
    return abs(after - asked[0][k]) < abs(before - asked[0][k]) or \
        any(p[k] == after for p in asked)


def asked_by(proposals: list[Package], edition: int) -> list[Package] | None:
    """What a side's *proposals* (its opening one first) asked for, as :func:`step` reads
    it under rules *edition*: nothing before edition 4, the opening proposal alone in
    edition 4, every proposal from edition 5."""
    if edition < 4:
        return None
    return proposals if edition >= 5 else proposals[:1]


class Table:
    """What a line may refer to, read from the table for the side about to speak.

    Only what both sides see is read (the offers on the record and the threats made), never
    a side's values: what a delegation says can never give away what it keeps private.
    """

    def __init__(self, scenario: Scenario, speaker: str,
                 offers: Sequence[tuple[str, Package]], threats: Mapping[str, int],
                 proposing: Package | None = None, edition: int = EDITION,
                 reproach: bool = True, hardened_by: str | None = None,
                 ends: Mapping[str, Sequence[int]] | None = None,
                 steps: tuple[int | None, int | None] = (None, None),
                 other: str | None = None) -> None:
        """*proposing*: the package the speaker is proposing with this line, if any;
        *reproach*: whether a line may reproach the other side (``{insisted}``,
        ``{withdrawn}``, ``{unmoved}``) or give a reason for its move (``{event}``): not for
        a player's move, whose words the game chooses for it;
        *hardened_by*: the latest event that set the talks back (by what both
        sides see) since the speaker's last proposal, in its ``in_sentence`` words or
        else by its name, if any (``{event}``);
        *edition*: the rules edition the record judges moves by (see :func:`step`): from 4
        an option left for one nearer the other side's opening proposal counts neither way,
        from 5 also one the other side proposed itself;
        *ends*: side id -> :func:`directions` for its proposals, when the caller has them;
        *steps*: :func:`step`'s first number for the speaker's proposal now and for the
        other side's last proposal (as :meth:`other_moved` reads it), when the caller has
        them (None: worked out here); *other*: the side facing the speaker, when the
        caller has it."""
        self._edition = edition
        self._reproach = reproach
        self._hardened_by = hardened_by
        self.scenario = scenario
        self.speaker = speaker
        self.other = scenario.other(speaker) if other is None else other
        self._ends = ends
        self._steps = steps
        self._offers = tuple(offers)
        self._proposing = proposing
        self.threats = threats
        # What lines refer to is worked out from the offers in one pass, only when a line
        # first asks (:meth:`_read`); the offers do not change while a line is chosen.
        self._read_yet = False
        self._theirs: list[Package] = []
        self._all_mine: list[Package] = []
        self._mine_then: Package | None = None
        self._conceding = 0
        self._other_moved: int | None = None

    def _read(self) -> None:
        """Sort the offers out by side and judge the latest proposal of each side."""
        theirs, mine = self._theirs, self._all_mine
        mine_then = None  # the speaker's latest proposal before the other side's last one
        then = 0  # how many proposals the speaker had made by then
        for side, package in self._offers:
            if side == self.other:
                theirs.append(package)
                mine_then = mine[-1] if mine else None
                then = len(mine)
            elif side == self.speaker:
                mine.append(package)
        # Whether the speaker has answered the other side's last proposal with one of its
        # own already: then what that proposal did is old news, said once.
        answered = len(mine) > then
        conceding, other_moved = self._steps
        if self._proposing is not None:
            mine.append(self._proposing)
            if len(mine) >= 2 and theirs:
                self._conceding = conceding if conceding is not None else \
                    step(mine[-2], self._proposing, theirs[-1],
                         asked_by(theirs, self._edition), self._edition, mine[0],
                         self._directions(self.speaker))[0]
        if len(theirs) >= 2 and mine_then is not None and not answered:
            self._other_moved = other_moved if other_moved is not None else \
                step(theirs[-2], theirs[-1], mine_then, asked_by(mine[:then], self._edition),
                     self._edition, theirs[0], self._directions(self.other))[0]
        self._mine_then = mine_then
        self._read_yet = True

    def _directions(self, proposer: str) -> Sequence[int]:
        if self._ends is not None:
            return self._ends[proposer]
        return directions(self.scenario.issues, proposer)

    @property
    def conceding(self) -> int:
        """How many more issues the speaker's proposal now meets the other side's latest
        proposal on than its proposal before did (0 without a proposal now, or without one
        before): above 0, it is moving toward the other side."""
        if not self._read_yet:
            self._read()
        return self._conceding

    def other_moved(self) -> int | None:
        """How the record judged the other side's last proposal: how many more issues it
        met the speaker's latest proposal on than the other side's proposal before did
        (None: it has made fewer than two, the speaker had proposed nothing before, or the
        speaker has answered it with a proposal already, so that a line does not greet the
        same step twice, after a pass say)."""
        if not self._read_yet:
            self._read()
        return self._other_moved

    @property
    def theirs(self) -> list[Package]:
        """The other side's proposals, in order."""
        if not self._read_yet:
            self._read()
        return self._theirs

    @property
    def all_mine(self) -> list[Package]:
        """Every package the speaker has proposed, the one it proposes now included."""
        if not self._read_yet:
            self._read()
        return self._all_mine

    @property
    def mine(self) -> Package | None:
        """The speaker's own offer as it speaks (the one it proposes now, or its latest):
        it never complains of what it offers itself."""
        return self.all_mine[-1] if self.all_mine else None

    def fill(self, name: str) -> str | None:
        """The words for placeholder *name*, or None when nothing fits now."""
        scenario = self.scenario
        if name == "other":
            return scenario.sides[self.other].name
        if name in _COMPLAINTS and (not self._reproach or self.conceding > 0):
            # No reproach in a player's mouth, nor in the same breath as a step toward the
            # other side.
            return None
        if name == "insisted":
            theirs = self.theirs
            if len(theirs) < 2:
                return None
            # An option the other side kept, that the speaker has never offered itself (it
            # cannot say it will not sign up to what it once proposed); the first issue of
            # the agenda on a tie.
            mine = self.all_mine
            for n, (a, b) in enumerate(zip(theirs[-1], theirs[-2])):
                if a == b and all(p[n] != a for p in mine):
                    return option_words(scenario.issues[n].options[a].name)
            return None
        if name == "withdrawn":
            # An option the other side had offered, as the speaker's offer had it then and
            # has it still, and has now taken back, in a proposal the record judged as no
            # step toward the speaker.
            moved = self.other_moved()
            if moved is None or moved > 0 or self.mine is None or self.conceding < 0:
                return None  # (nor while the speaker itself moves away: "not go backwards")
            if moved == 0 and self._edition >= 8:
                return None  # a trade, not a step back (see :func:`traded`)
            last, before = self.theirs[-1], self.theirs[-2]
            # The speaker's latest proposal before the other side's last one (there is one:
            # the record judged the other side's last proposal against it).
            then, now = self._mine_then, self.mine
            assert then is not None
            for n, (a, b) in enumerate(zip(last, before)):
                if a != b and b == then[n] == now[n]:
                    return option_words(scenario.issues[n].options[b].name)
            return None
        if name == "event":
            # Why the speaker gives no more ground than before: an event that set the talks
            # back, named only in its own (the computer's) words, with a proposal after its
            # first that moves away from the other side, or stands by its last one.
            if self._hardened_by is None or not self._reproach or self._proposing is None \
                    or len(self.all_mine) < 2:
                return None
            if self.conceding > 0 or (self.conceding == 0 and
                                      self.all_mine[-2] != self._proposing):
                return None
            return self._hardened_by
        if name == "threat":
            repeated = [t for t, count in self.threats.items() if count > 1]
            return scenario.tactic(repeated[-1]).name.lower() if repeated else None
        if name in ("moved", "unmoved"):
            # As the record judged the other side's last proposal when it was made.
            moved = self.other_moved()
            if moved is None or (moved > 0) != (name == "moved"):
                return None
            if name == "unmoved" and self._mine_then is not None and \
                    meets(self._theirs[-1], self._mine_then) > \
                    meets(self._theirs[-2], self._mine_then):
                # It met more issues, though the record counts it no step (it took up what
                # was offered beyond its ask): "Russia's offer comes no closer to ours"
                # read as a contradiction just under "it now matches it on 5 of 6 issues
                # (before: 4)" (a terminal playtest).
                return None
            return scenario.sides[self.other].name
        return None


#: Placeholders that reproach the other side: left unfilled while the speaker itself moves
#: toward it.
_COMPLAINTS = frozenset({"insisted", "withdrawn", "unmoved"})


@functools.lru_cache(maxsize=4096)
def _names(text: str) -> tuple[str, ...]:
    """The placeholders of a line, in order (lines are few and said again and again)."""
    return tuple(_TOKEN.findall(text))


def placeholders(text: str) -> tuple[str, ...]:
    """The placeholders of a line, in order: ``("insisted",)`` for "Still: {insisted}."."""
    return _names(text)


@functools.lru_cache(maxsize=4096)
def _pieces(text: str) -> tuple[str, ...]:
    """A line cut at its placeholders: text, placeholder name, text, ..., text."""
    return tuple(_TOKEN.split(text))


@functools.lru_cache(maxsize=4096)
def _reading(text: str) -> tuple[tuple[str, ...], bool]:
    """The placeholders of a line, and whether it refers to what happened (a placeholder
    other than ``{other}``)."""
    names = _names(text)
    return names, any(name != "other" for name in names)


def _said(text: str, words: list[str]) -> str:
    """*text* with its placeholders, in order, replaced by *words*."""
    pieces = _pieces(text)
    said = [pieces[0]]
    for word, piece in zip(words, pieces[2::2]):
        said += (word, piece)
    return "".join(said)


def _filled(text: str, fill: Callable[[str], str | None]) -> str:
    """*text* with each placeholder replaced by ``fill(name)`` (nothing when None)."""
    pieces = _pieces(text)
    if len(pieces) == 1:
        return text
    return "".join([piece if n % 2 == 0 else fill(piece) or ""
                    for n, piece in enumerate(pieces)])


def choose_line(variants: str | Sequence[str], table: Table,
                last: str | Sequence[str] | None, pick: int) -> str:
    """:func:`pick_line`'s line."""
    return pick_line(variants, table, last, pick)[0]


def pick_line(variants: str | Sequence[str], table: Table,
              last: str | Sequence[str] | None, pick: int,
              fallback: str | None = None) -> tuple[str, str]:
    """One of *variants* with its placeholders filled, and the variant it came from: never
    one of the variants in *last* (the speaker's recent ones, the latest last, filled
    differently or not) when another will do, else never the latest; and, seven times in
    ten, one that refers to what happened when one can. *pick* is a number the game
    derives from its seed and turn, so the same game always says the same lines. When no
    variant can be said, *fallback*, if given."""
    recent = [] if last is None else [last] if isinstance(last, str) else list(last)
    options = [variants] if isinstance(variants, str) else variants
    known: dict[str, str | None] = {}  # each placeholder is filled once per line chosen

    def fill(name: str) -> str | None:
        if name not in known:
            known[name] = table.fill(name)
        return known[name]

    filled = []
    for text in options:
        names, refers = _reading(text)
        if not names:
            filled.append((text, text, False))
            continue
        words = []
        for name in names:
            word = fill(name)
            if word is None:
                break  # a variant that cannot be said now (the rest need not be filled)
            words.append(word)
        else:
            filled.append((_said(text, words), text, refers))
    if not filled:
        # Every variant needs something that did not happen: *fallback* (the game's own
        # words for the move), else the plainest variant with what it lacks left out.
        if fallback is not None:
            return fallback, fallback
        plain = min(options, key=lambda t: len(_names(t)))
        return _filled(plain, fill), plain
    fresh = [f for f in filled if f[0] not in recent and f[1] not in recent] or \
        [f for f in filled if recent[-1:] not in ([f[0]], [f[1]])] or filled
    context = [f for f in fresh if f[2]]
    pool = context if context and pick % 10 < 7 else fresh
    line, text, _ = pool[(pick // 10) % len(pool)]
    return line, text
