"""The debrief as text, for the terminal game."""

from __future__ import annotations

import shutil
from collections.abc import Callable

from game.analysis import from_ids, points
from game.debrief import debrief
from game.engine import Game
from game.textchart import outcome_chart


def write_debrief(game: Game, humans: set[str], say: Callable[..., None],
                  rule: Callable[[str], None], write: Callable[[str], object]) -> None:
    """Write the whole debrief of a finished game with the terminal game's helpers."""
    result = debrief(game)
    name = game.side_name
    say()
    rule("DEBRIEF")
    say(f"Outcome: {result.outcome_name}")
    if result.deal:
        say("The deal:")
        for issue, option in result.deal.items():
            say(f"{issue}: {option}", 2)
    say()
    say("Results, in points out of 100 for each side:")
    for side, r in result.results.items():
        who = "you" if side in humans else "computer"
        say(f"{r.name} ({who}): {points(r.utility)} points, BATNA {points(r.batna)}, gain "
            f"{round(r.gain * 100):+d}. {r.verdict}", 2, 2)
        for red in r.red_lines_crossed:
            say(f"Red line crossed: {red}", 4, 2)
    say()
    say(f"Joint score: {result.score}/100 (" + ", ".join(
        f"{label.lower()} {value}" for label, value in result.score_parts) + ")")
    report = result.report
    if report.nash is not None and report.nash_utility is not None:
        nash = from_ids(game.scenario, report.nash)
        worth = ", ".join(f"{points(v)} points to {name(s)}"
                          for s, v in report.nash_utility.items())
        if game.agreed == nash:
            say(f"Your deal is the Nash bargaining point, the fairest of the efficient deals "
                f"({worth}).")
        else:
            say(f"The fairest efficient deal (the Nash bargaining point) would have been: "
                f"{game.package_text(nash)} ({worth}).")
    if report.distance_to_frontier is not None:
        if report.distance_to_frontier < 1e-9:
            say("Your deal was on the Pareto frontier: no other deal was better for both "
                "sides.")
        else:
            say(f"Your deal was {points(report.distance_to_frontier)} points away from the "
                "Pareto frontier: another deal was better for both sides.")
    say()
    write(outcome_chart(game, width=min(shutil.get_terminal_size().columns, 78)))
    if game.settings.reveal_priorities:
        say()
        say("What each side cared about (now revealed):")
        for r in result.results.values():
            say(f"{r.name}: " + ", ".join(f"{label} {weight:.0%}"
                                          for label, weight in r.priorities), 2, 2)
    if result.reasons:
        say()
        say("Why the computer did what it did:")
        for round_number, side, reason in result.reasons:
            say(f"round {round_number}, {name(side)}: {reason}", 2, 2)
    say()
    rule("WHAT REALLY HAPPENED")
    for fact in result.history:
        say(f"{fact.date}: {fact.text} (source: {fact.source})")
    say()
    rule("QUESTIONS FOR DISCUSSION")
    for number, question in enumerate(result.questions, 1):
        say(f"{number}. {question}", 0, 3)
