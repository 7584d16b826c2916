"""Words for the structured record, the same in every front end (terminal, window,
transcript): offers issue by issue, changes with their values after, move labels.

Nothing here splits text or re-adds deltas: it reads the record's fields.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from game.analysis import from_ids, outcome_space, percent, points
from game.coherence import option_parts, options_text
from game.model import BEFORE_THE_MOVE, Combination, Scenario, Tactic
from game.moves import Change, Entry, Move
from game.speech import how_much, issue_words
from game.protocol import phase_plan

if TYPE_CHECKING:
    from game.engine import Game

#: What a deal across one of a side's red lines is to it, in every front end and handout (a
#: window playtest: "worth 51 points to you, fallback 45: crosses 2 of your red lines: a
#: loss" left a student asking how 51 above 45 could be a loss).
LOSS = "a loss, whatever its points (a mark of 0 out of 100)"

#: How each kind of move is labelled in a list of moves (a tactic's label is its name).
MOVE_LABELS = {"accept": "Accept the proposal on the table",
               "reject": "Reject the proposal on the table",
               "walkout": "Walk out (ends the talks)", "pass": "Pass (hold your position)"}


def program() -> str:
    """The command as the player types it: ``parley`` once installed; in a checkout,
    ``python main.py`` (as the README's table of commands writes it), or, when the game
    runs in a virtual environment that is not activated, that environment's Python, as it
    was typed to start the game (``.venv/bin/python main.py``): a teacher who copied
    ``python main.py transcript ...`` from the end of a game got an error (a playtest)."""
    if Path(sys.argv[0]).name != "main.py":
        return "parley"
    if sys.prefix == sys.base_prefix or os.environ.get("VIRTUAL_ENV"):
        return f"python {sys.argv[0]}"
    python = Path(sys.executable)
    try:
        python = python.relative_to(Path.cwd())
    except ValueError:
        pass
    return f"{python} {sys.argv[0]}"


def read_again(save: Path | str) -> str:
    """How to read a finished game again, debrief included, from its save: the command on
    a line of its own, as short as it can be (a terminal narrower than it breaks it
    mid-word), so that it can be copied whole."""
    page = Path(save).with_suffix(".html").name
    # "as a web page (game.html, beside the save), with:" sent a student looking for a
    # page the command had not written yet (a terminal playtest).
    return f"To read it again, debrief included, as a web page, run the line below: it " \
        f"writes {page} beside the save.\n  {program()} transcript {save}"


def offer_rows(scenario: Scenario, offer: Mapping[str, str]) -> list[tuple[str, str]]:
    """A package as (issue name, option name) rows, in the scenario's issue order."""
    rows = []
    for issue in scenario.issues:
        option = next((o for o in issue.options if o.id == offer.get(issue.id)), None)
        rows.append((issue.name, option.name if option else "(none)"))
    return rows


def offer_text(scenario: Scenario, offer: Mapping[str, str]) -> str:
    """A package on one line, each option with its issue: "Joint action: intelligence
    sharing; Start: 1 June; ..."."""
    return "; ".join(f"{issue}: {option}" for issue, option in offer_rows(scenario, offer))


#: Before a side's combinations, wherever its points table lists them.
TOGETHER = ("Some options are worth more or less together than apart: the points are added "
            "to, or taken from, the score of a deal that holds the options named. A deal that "
            "holds the options of more than one line gets each line's points.")


def combination_texts(scenario: Scenario, side: str) -> list[str]:
    """The side's combinations as its points table states them (:func:`combination_text`)."""
    return [combination_text(scenario, c) for c in scenario.sides[side].combinations]


def combination_text(scenario: Scenario, combination: Combination) -> str:
    """A combination as a points table states it: how many points the options are worth
    more or less together, which options, and why.

    For example: "3 points more together: Form of joint action: Joint planning or Joint
    planning and execution; Start date: Once conditions are met. Joint strikes that begin
    only once calm is verified."
    """
    parts = []
    for issue in scenario.issues:
        chosen = combination.options.get(issue.id)
        if chosen:
            names = [o.name for o in issue.options if o.id in chosen]
            parts.append(f"{issue.name}: {' or '.join(names)}")
    return f"{_more_or_less(combination)} together: {'; '.join(parts)}. {combination.why}"


def in_all_texts(scenario: Scenario, side: str) -> list[str]:
    """For each issue on which *side*'s combinations change which option is worth most to
    it, what each option is worth in all, in points of the side's 100: its own share, and
    with the combinations that can hold it in a package that may be proposed, from the
    least to the most. An option's own points can read against the brief without it
    ("Deconfliction only" outscores "Joint planning" on its issue, yet joint planning is
    worth more in all once calm is checked), and students do not add the lines up.

    For example: "Form of joint action, all told (points of your whole score: 20% of the
    option's score above, with the lines above added; ranges depend on the ceasefire
    precondition on Damascus and the start date): Joint planning 5 to 16, Joint planning and
    execution 3 to 14, Deconfliction only 12, Intelligence sharing 11. “Joint planning” can
    beat “Deconfliction only”."
    """
    space = outcome_space(scenario)
    table, combinations = space.tables[side], space.combinations[side]
    texts = []
    for k, issue in enumerate(scenario.issues):
        held = [(pattern, value) for pattern, value in combinations
                if any(issue_at == k for issue_at, _ in pattern.parts)]
        if not held:
            continue
        spans: dict[int, tuple[float, float]] = {}
        for package in space.packages:
            option = package[k]
            worth = table[k][option] + sum(value for pattern, value in held
                                           if pattern.matches(package))
            low, high = spans.get(option, (worth, worth))
            spans[option] = (min(low, worth), max(high, worth))
        order = sorted(spans, key=lambda o: (-spans[o][1], o))
        own_best = max(spans, key=lambda o: table[k][o])
        if spans[own_best][1] >= spans[order[0]][1] - 1e-9:
            continue  # the option worth most alone is worth as much as any in all
        parts = []
        for option in order:
            low, high = (points(x) for x in spans[option])
            said = f"{low}" if low == high else f"{low} to {high}"
            parts.append(f"{issue.options[option].name} {said}")
        # The issues a range depends on, named: a student reads "5 to 16" and asks why.
        others = sorted({at for pattern, _ in held for at, _ in pattern.parts} - {k})
        by = " and ".join(issue_words(scenario.issues[at]) for at in others)
        # Said plainly: the table's best option on the issue is not the one worth most in
        # all (a student read the brief's points as contradicting its priorities).
        # In points of the whole score, tied to the scores above by the issue's share (a
        # student read "12" beside "60" as a second scale).
        share = scenario.sides[side].weights[issue.id]
        texts.append(f"{issue.name}, all told (points of your whole score: {percent(share)} of "
                     f"the option's score above, with the lines above added"
                     f"{f'; ranges depend on {by}' if by else ''}): "
                     f"{', '.join(parts)}. “{issue.options[order[0]].name}” can beat "
                     f"“{issue.options[own_best].name}”.")
    return texts


def _more_or_less(combination: Combination) -> str:
    """What a combination adds or takes away, in points: "3 points more", "1 point less"."""
    worth = points(abs(combination.value))
    return f"{worth} point{'' if worth == 1 else 's'} " \
        f"{'more' if combination.value > 0 else 'less'}"


def with_others(scenario: Scenario, side: str, issue_id: str, option_id: str) -> str:
    """What an option is worth to *side* more or less beside others, from its combinations
    that hold it ("3 points more with Verified calm first or Calm and grounded air force
    (ceasefire precondition on Damascus); ..."); empty when none does. An option's own
    points can read against the brief without it: "Deconfliction only" outscores "Joint
    planning" on its issue, yet joint planning is worth more in all once calm is checked."""
    parts = []
    for combination in scenario.sides[side].combinations:
        if option_id not in combination.options.get(issue_id, ()):
            continue
        said = _more_or_less(combination)
        rest = option_parts(scenario, {k: v for k, v in combination.options.items()
                                       if k != issue_id})
        parts.append(f"{said} with {' and '.join(rest)}" if rest else said)
    return "; ".join(parts)


def contradiction_texts(scenario: Scenario) -> list[str]:
    """The scenario's options that cannot stand together, each as players read it with its
    reason: "Right away with Verified calm first or Calm and grounded air force: strikes
    cannot begin ...". Both sides see them: they are the rules of the table."""
    return [f"{options_text(scenario, rule.options)}: {rule.why}"
            for rule in scenario.contradictions]


def at_stake(scenario: Scenario, side: str) -> str:
    """The meters a side's goal asks it not to wreck, in a sentence: the shared ones by the
    heads of their names, then its own in full ("trust, ceasefire stability or US support at
    home and among allies"; "trust between delegations" alone when that is all there is).

    Every front end's goal says the same."""
    # A side's own meter is named for the side ("Russian support ..."): said as written.
    words = [n if n[1:2].isupper() else n[:1].lower() + n[1:]
             for n in (short_name(m.name) for m in scenario.meters if m.side is None)] + \
        [m.name for m in scenario.meters if m.side == side]
    if len(words) < 2:
        return "".join(words) or "the talks"
    return f"{', '.join(words[:-1])} or {words[-1]}"


def short_name(name: str) -> str:
    """A meter's name cut to its head, for a line that holds every meter: the words
    before the first "between", "at", "in", "among", "of", "with" or "(".

    >>> short_name("Trust between delegations"), short_name("US support at home and among allies")
    ('Trust', 'US support')
    >>> short_name("Ceasefire stability"), short_name("Morale (at home)")
    ('Ceasefire stability', 'Morale')
    >>> short_name("Russian standing with Damascus and at home")
    'Russian standing'
    """
    words = name.split()
    for n, word in enumerate(words[1:], 1):
        if word in ("between", "at", "in", "among", "of", "with") or word.startswith("("):
            head = words[:n]
            while len(head) > 1 and head[-1] in ("and", "or"):
                head.pop()
            return " ".join(head)
    return name


#: What a side asked what matters most is told, in every front end: the answer is its
#: choice, and it does not use up the turn (a terminal playtester could not tell). Not
#: "your move comes after your answer": asked at the end of a round, a side answers, and
#: its move comes after the next round's heading and events (a playtester read that as
#: the game skipping its move).
ANSWER_INVITE = ("Answer as you choose: the truth, another issue, or nothing at all. "
                 "Answering does not use up your move.")


def tactic_help(tactic: Tactic) -> str:
    """A tactic's help as every front end shows it, with whether using it is the turn's
    move: saying one's red lines aloud comes before the move, as an answer does."""
    if tactic.kind in BEFORE_THE_MOVE:
        return f"{tactic.help} It leaves you your move: you still make one this turn."
    return f"{tactic.help} Using it is your move for this turn."


def tactic_label(tactic: Tactic) -> str:
    """A tactic's name as a list of moves shows it: with ", and still move" when using it
    leaves the side its move (a playtester learnt that saying red lines does not end the
    turn only from the help; another read ", then move" as leaving the table)."""
    return f"{tactic.name}, and still move" if tactic.kind in BEFORE_THE_MOVE else tactic.name


def move_label(scenario: Scenario, move: Move, countering: bool = False,
               listed: bool = False) -> str:
    """The label of *move*; *listed*: as a list of moves to choose from shows it (a tactic
    by :func:`tactic_label`), else as a move made."""
    if move.kind == "propose":
        return "Make a counter-proposal" if countering else "Propose a package"
    if move.kind == "tactic":
        tactic = scenario.tactic(move.tactic or "")
        return tactic_label(tactic) if listed else tactic.name
    return MOVE_LABELS[move.kind]


def signed(value: float) -> str:
    """``+3``, ``\u22122``, ``0``: a change as players read it (with a true minus sign)."""
    text = f"{abs(value):g}"
    return text if value == 0 else ("+" if value > 0 else "\u2212") + text


def change_text(scenario: Scenario, change: Change, viewer: str | None = None) -> str:
    """One change in words, with the value after it: "Trust between delegations \u22125
    (now 30)", "your fallback +3 points (now 45)", "Russia more willing to concede"."""
    if change.kind == "meter":
        meter = next(m for m in scenario.meters if m.id == change.target)
        return f"{meter.name} {signed(change.delta)} (now {change.after:g})"
    spec = scenario.sides[change.target]
    if change.kind == "batna":
        whose = "your fallback" if change.target == viewer else f"{spec.whose} fallback"
        return (f"{whose} {signed(points(change.delta))} points "
                f"(now {points(change.after)})")
    more = "more" if change.delta > 0 else "less"
    who = "you are" if change.target == viewer else f"{spec.called} is"
    return f"{who} {more} willing to concede"


def changes_text(scenario: Scenario, entry: Entry, viewer: str | None = None) -> str:
    """Every change of an effect entry in words, joined with semicolons."""
    return "; ".join(change_text(scenario, c, viewer) for c in entry.changes)


def event_title(entry: Entry) -> str:
    """An event's headline, marked when the same event happens again: "(again)" the second
    time, "(third time)" after that."""
    if entry.occurrence <= 1:
        return entry.title
    if entry.occurrence == 2:
        return f"{entry.title} (again)"
    return f"{entry.title} ({_ORDINALS.get(entry.occurrence, f'{entry.occurrence}th')} time)"


_ORDINALS = {3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth"}


def rounds_text(scenario: Scenario, rounds: int | None) -> str:
    """The talks' phases and rounds when the teacher's *rounds* setting is *rounds* (None:
    the scenario's), as a sentence that explains the total.

    The same rule as the engine's (:func:`game.protocol.phase_plan`)."""
    plan = phase_plan(scenario, rounds)
    total = sum(n for _, n in plan)
    if len(plan) == 1:
        return f"The talks last {total} round{'s' if total > 1 else ''}. In each round both " \
               "sides make one move."
    parts = [f"{phase.name.lower()} ({n} round{'s' if n > 1 else ''})" for phase, n in plan]
    return (f"The talks last {total} rounds: " + ", then ".join(parts) +
            ". In each round both sides make one move.")


def phase_round(scenario: Scenario, rounds: int | None,
                number: int) -> tuple[str, int, int, int]:
    """Where round *number* of the whole game falls: the phase's name, the round within
    the phase, the phase's rounds, and the game's rounds."""
    plan = phase_plan(scenario, rounds)
    total = sum(n for _, n in plan)
    start = 0
    for phase, count in plan:
        if number <= start + count:
            return phase.name, number - start, count, total
        start += count
    last, count = plan[-1]
    return last.name, count, count, total


def round_label(scenario: Scenario, rounds: int | None, number: int) -> str:
    """Where round *number* of the whole game falls, in words: "Bargaining round 3 of 6
    (round 4 of 8)", or "Opening statements, round 1 of 8" for a phase of one round."""
    name, within, count, total = phase_round(scenario, rounds, number)
    if count == 1 or count == total:
        return f"{name}, round {number} of {total}"
    return f"{name} round {within} of {count} (round {number} of {total})"


def named_already(said: Sequence[str], issue_id: str) -> str:
    """How a menu marks an issue the side has named before, where every issue keeps its
    agenda number: "named already, as what matters second most"."""
    return f"named already, as what matters {how_much(list(said).index(issue_id) + 1)}"


def crossing(texts: Sequence[str]) -> str:
    """Which of its own red lines a package crosses, said to that side alone: "crosses your
    red line “No strikes on every group ...”", "crosses 2 of your red lines: “...”; “...”"
    (a playtest read "crosses a red line" of an offer that crossed two, and could not tell
    which). Never said to the other side: red lines are private."""
    quoted = "; ".join(f"\u201c{text.strip().rstrip('.')}\u201d" for text in texts)
    if len(texts) == 1:
        return f"crosses your red line {quoted}"
    return f"crosses {len(texts)} of your red lines: {quoted}"


def on_the_table(game: Game, side: str) -> tuple[int, list[str]] | None:
    """What the proposal on the table is worth to *side*, in points, and the texts of the
    side's red lines it crosses; None with nothing on the table."""
    standing = game.state.standing
    if standing is None:
        return None
    package = from_ids(game.scenario, standing)
    return (points(game.space.utility_of(side, package)),
            game.space.red_lines_crossed(side, package))


def accept_warning(game: Game, side: str) -> tuple[str, bool]:
    """What accepting the proposal on the table means to *side*, said before it accepts in
    every front end (accepting ends the talks: a stray key must not do it): the sentence,
    and whether it warns (the deal crosses one of the side's red lines, or is worth no
    more to it than its fallback). Empty with nothing on the table."""
    table = on_the_table(game, side)
    if table is None:
        return "", False
    worth, crossed = table
    fallback = points(game.fallback(side))
    if crossed:
        return (f"The proposal on the table, worth {worth} points to you, {crossing(crossed)}: "
                f"the deal would count as {LOSS}."), True
    if worth <= fallback:
        return (f"The proposal on the table is worth {worth} points to you, no more than "
                f"your fallback ({fallback})."), True
    return f"Accepting ends the talks with this deal, worth {worth} points to you.", False


#: What a side's points table is, in every front end's brief (the printed one, the window's).
POINTS_TABLE = ("A deal is worth 0 to 100 points to you. Each issue counts for a share of "
                "your points; each option earns that share in full (100) or in part.")


def walkout_warning(game: Game, side: str) -> str:
    """What walking out means to *side*, said before it walks out in every front end (the
    window said nothing at the first press, only relabelled the button): the talks end
    with no deal, what its fallback is worth, and what the proposal on the table would
    have given it when that is more."""
    spec = game.scenario.sides[side]
    fallback = points(game.fallback(side))
    said = (f"Walking out ends the talks with no deal: you fall back on "
            f"\u201c{spec.batna.name}\u201d, worth {fallback} points to you.")
    table = on_the_table(game, side) if game.state.standing_by != side else None
    if table is not None and table[0] > fallback and not table[1]:
        said += f" The proposal on the table would give you {table[0]}."
    return said


#: What the game says when a player calls off a move that waited for a second yes (Esc in
#: the window, anything but y in the terminal).
CALLED_OFF = {"accept": "Not accepted: the proposal is still on the table.",
              "walkout": "You stay at the table.",
              "propose": "Not proposed: the package is still yours to change."}
