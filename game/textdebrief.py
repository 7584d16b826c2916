"""The debrief as text, for the terminal game: it draws the debrief model, nothing more."""

from __future__ import annotations

import shutil
from collections.abc import Callable

from game.analysis import percent
from game.debrief import REASONS_NOTE, Debrief, addressed, score_parts_text
from game.model import Scenario
from game.textchart import outcome_chart


def write_debrief(scenario: Scenario, d: Debrief, humans: set[str], reveal: bool,
                  say: Callable[..., None], rule: Callable[[str], None],
                  write: Callable[[str], object]) -> None:
    """Write the whole debrief of a finished game with the terminal game's helpers;
    *reveal* shows what each side cared about."""
    say()
    rule("DEBRIEF")
    say(f"Outcome: {d.outcome_name}")
    if d.deal:
        say("The deal:")
        for issue, option in d.deal:
            say(f"{issue}: {option}", 2)
    say()
    say("Results, in points out of 100 for each side:")
    for side, r in d.results.items():
        # "you" only when one team is at the screen, as the mark's sentence says it: two
        # teams at one screen are each named.
        who = "you" if addressed(side, humans) else \
            (r.team or "a team") if side in humans else "computer"
        say(f"{r.name} ({who}): {r.points} points, fallback {r.batna_points}, gain "
            f"{r.gain_points:+d}. {r.verdict}", 2, 2)
        if r.fallback_moved:
            say(r.fallback_moved, 4, 2)
        if r.conduct:
            say(r.conduct, 4, 2)
        if r.pressure:
            say(r.pressure, 4, 2)
        if r.gift:
            say(r.gift, 4, 2)
        if r.asked_across and reveal:  # it names the other side's red lines
            say(r.asked_across, 4, 2)
        for red in r.red_lines_crossed:
            say(f"Red line crossed: {red}", 4, 2)
        say(r.mark_sentence(addressed(side, humans)), 4, 2)
    say()
    say(f"Joint score: {d.score}/100 ({score_parts_text(d.score_parts)})")
    for how in d.score_how:
        say(how, 4, 2)
    if d.nash is not None and d.nash_points is not None:
        worth = ", ".join(f"{n} points to {scenario.sides[s].called}"
                          for s, n in d.nash_points.items())
        if d.is_nash:
            say(f"Your deal is the fairest split of what both sides could gain (the Nash point: "
                f"{worth}).")
        else:
            say(f"The fairest split of what both sides could gain (the Nash point: {worth}) "
                "would have been:")
            for issue, option in d.nash:
                say(f"{issue}: {option}", 2)
    if d.frontier_text:
        say(d.frontier_text)
    say()
    write(outcome_chart(scenario, d, width=min(shutil.get_terminal_size().columns, 78)))
    say()
    say("The meters over the game:")
    for line in d.meter_summary():
        say(line, 2, 2)
    if reveal:
        say()
        say("What each side cared about (now revealed):")
        for r in d.results.values():
            say(f"{r.name}: " + ", ".join(f"{label} {percent(weight)}"
                                          for label, weight in r.priorities), 2, 2)
    if d.reasons:
        say()
        say("Why the computer did what it did:")
        say(REASONS_NOTE, 2, 2)
        for round_number, side, reason in d.reasons:
            say(f"round {round_number}, {scenario.sides[side].name}: {reason}", 2, 2)
    say()
    rule("WHAT REALLY HAPPENED")
    for fact in d.history:
        say(f"{fact.date}: {fact.text} (source: {fact.source})")
    say()
    rule("QUESTIONS FOR DISCUSSION")
    if d.questions_note:
        say(d.questions_note, 0, 0)
    for number, question in enumerate(d.questions, 1):
        say(f"{number}. {question}", 0, 3)
