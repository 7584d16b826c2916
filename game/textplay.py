"""The whole game in a terminal: ``python main.py play --text``.

It uses the engine's face like every other front end; input and output are streams, so
tests drive it with text.
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from typing import TextIO

from game.analysis import Package, from_ids, to_ids
from game.debrief import debrief
from game.engine import Game
from game.moves import Entry, Move
from game.negotiator import Negotiator
from game.textchart import outcome_chart

WIDTH = 78


class Quit(Exception):
    """The player left (typed q, or the input ended)."""


class TextGame:
    """Plays one game in a terminal; *humans* are the sides people play."""

    def __init__(self, game: Game, humans: set[str], inp: TextIO, out: TextIO,
                 clear: Callable[[], None] | None = None,
                 autosave: Callable[[Game], None] | None = None) -> None:
        self.game = game
        self.autosave = autosave
        self.scenario = game.scenario
        self.humans = humans
        self.inp = inp
        self.out = out
        self.clear = clear
        self.players = {s: Negotiator(game, s) for s in game.sides if s not in humans}
        self.shown = 0
        self.last_human: str | None = None

    # ----- output helpers ----------------------------------------------------------------

    def say(self, text: str = "", indent: int = 0, hang: int = 0) -> None:
        """Write *text* wrapped to the width, indented; *hang* indents its later lines more."""
        if not text:
            self.out.write("\n")
            return
        pad = " " * indent
        for paragraph in text.split("\n"):
            self.out.write(textwrap.fill(paragraph, WIDTH, initial_indent=pad,
                                         subsequent_indent=pad + " " * hang,
                                         break_on_hyphens=False,
                                         break_long_words=False) + "\n")

    def rule(self, title: str = "") -> None:
        title = f" {title} " if title else ""
        side = max((WIDTH - len(title)) // 2, 2)
        self.out.write("-" * side + title + "-" * max(WIDTH - side - len(title), 2) + "\n")

    def ask(self, prompt: str) -> str:
        self.out.write(prompt)
        self.out.flush()
        line = self.inp.readline()
        if not line:
            raise Quit
        return line.strip()

    def name(self, side: str) -> str:
        return self.scenario.sides[side].name

    # ----- the game ----------------------------------------------------------------------

    def run(self) -> int:
        """Play until the game ends or the player quits; returns an exit code."""
        try:
            self.title()
            if len(self.humans) == 1:
                self.briefing(next(iter(self.humans)))
            while not self.game.finished:
                self.show_new_entries()
                side = self.game.to_move
                assert side is not None
                if side in self.humans:
                    self.human_turn(side)
                else:
                    decision = self.players[side].decide(self.game)
                    self.play(decision.move, decision.reason)
            self.show_new_entries()
            self.debrief()
        except Quit:
            self.say()
            self.say("Game left unfinished. Goodbye.")
        return 0

    def play(self, move: Move, reason: str | None = None) -> None:
        """Apply a move and save the game at once, so a closed laptop loses nothing."""
        self.game.apply(move, reason)
        if self.autosave:
            self.autosave(self.game)

    def title(self) -> None:
        s = self.scenario
        self.rule("PARLEY")
        self.say(s.title)
        self.say(f"{s.date} - about {s.minutes} minutes")
        self.say()
        self.say(s.summary)
        self.say()
        sides = " and ".join(f"{self.name(x)} ({'you' if x in self.humans else 'computer'})"
                             for x in self.game.sides)
        self.say(f"At the table: {sides}. {self.name(self.game.sides[0])} speaks first.")
        self.say(f"The game lasts {self.game.total_rounds} rounds; in each round both sides "
                 "make one move.")

    def briefing(self, side: str) -> None:
        spec = self.scenario.sides[side]
        self.say()
        self.rule(f"CONFIDENTIAL BRIEF: {spec.name.upper()}")
        self.say(f"You are the {spec.negotiator}.")
        self.say()
        self.say(spec.brief)
        self.say()
        self.say("Your priorities:")
        for line in spec.priorities:
            self.say(f"- {line}", 2, 2)
        self.say()
        self.say(f"Your fallback if there is no deal (BATNA): {spec.batna.name}, worth "
                 f"{spec.batna.value:.2f}. {spec.batna.description}")
        for red in spec.red_lines:
            self.say(f"Red line: {red.text}")
        self.say()
        self.say("What each issue is worth to you (weight), and each option (0-100):")
        for issue in self.scenario.issues:
            self.say(f"{issue.name} - {spec.weights[issue.id]:.0%} of your score", 2)
            for option in issue.options:
                self.say(f"{round(spec.values[issue.id][option.id] * 100):>3}  {option.name}", 6)
        self.say()
        self.say("Your goal: a deal worth more to you than your BATNA, without crossing a red "
                 "line, and without wrecking trust or your support at home.")
        sources = sorted({c for c in spec.cite + spec.batna.cite})
        if sources:
            self.say()
            self.say("This brief rests on:")
            for source_id in sources:
                self.quote(source_id, 2)
        self.ask("\nPress Enter to take your seat at the table. ")

    def quote(self, source_id: str, indent: int = 4) -> None:
        source = self.scenario.source(source_id)
        self.say(f"\u201c{source.text}\u201d - {source.speaker}", indent, 1)

    def show_new_entries(self) -> None:
        # A player sees only entries private to their own side; with no player (the
        # computer against itself) the audience sees both computers' reasoning.
        viewer = next(iter(self.humans)) if len(self.humans) == 1 else None
        entries = self.game.log[self.shown:]
        self.shown = len(self.game.log)
        for entry in entries:
            if entry.private is not None and entry.private != viewer and self.humans:
                continue
            self.show_entry(entry)

    def show_entry(self, entry: Entry) -> None:
        if entry.kind == "phase":
            self.say()
            self.rule(f"Round {entry.round} of {self.game.total_rounds}")
            self.say(entry.text)
        elif entry.kind == "event":
            self.say()
            self.say(f"EVENT: {entry.text}")
        elif entry.kind in ("move", "reply"):
            assert entry.side is not None
            short = self.scenario.sides[entry.side].short
            self.say()
            self.say(f"{short}: \u201c{entry.text}\u201d")
            for source_id in entry.cite:
                self.quote(source_id)
        elif entry.kind == "effect":
            self.say(f"{entry.text} " + self.changes(entry.changes), 3, 2)
        elif entry.kind == "reason":
            self.say(f"   (computer's reasoning: {entry.text})")
        elif entry.kind == "outcome":
            self.say()
            self.rule("THE TALKS ARE OVER")
            self.say(entry.text)

    def changes(self, changes: dict[str, float]) -> str:
        parts = []
        meters = {m.id: m.name for m in self.scenario.meters}
        for key, delta in changes.items():
            if key in meters:
                parts.append(f"{meters[key]} {delta:+g} (now {self.game.meters[key]:g})")
            elif key.startswith("batna:"):
                side = key.split(":", 1)[1]
                word = "stronger" if delta > 0 else "weaker"
                parts.append(f"{self.name(side)}'s fallback {word}")
            elif key.startswith("stance:"):
                side = key.split(":", 1)[1]
                word = "more willing to concede" if delta > 0 else "less willing to concede"
                parts.append(f"{self.name(side)} {word}")
        return "; ".join(parts) + "." if parts else ""

    # ----- a human's turn ----------------------------------------------------------------

    def status(self, side: str) -> None:
        game = self.game
        state = game.state
        phase = game.phase
        self.say()
        self.rule(f"{self.name(side).upper()} TO MOVE - round {state.round} of {state.rounds}, "
                  f"{phase.name} {state.phase_round}/{state.phase_rounds}")
        self.say("   ".join(f"{m.name}: {game.meters[m.id]:g}" for m in self.scenario.meters))
        batna = game.batna[side]
        if game.standing is not None:
            by = "you" if game.standing_by == side else self.name(game.standing_by or side)
            value = game.space.utility_of(side, game.standing)
            self.say(f"On the table (from {by}): {game.package_text(game.standing)}.")
            verdict = "better than" if value > batna else "NOT better than"
            self.say(f"Worth {value:.2f} to you; your BATNA is worth {batna:.2f}: {verdict} "
                     "no deal.", 2)
            for red in game.space.red_lines_crossed(side, game.standing):
                self.say(f"It crosses your red line: {red}", 2)
        else:
            self.say(f"Nothing is on the table. Your BATNA is worth {batna:.2f}.")
        if state.last_turn:
            self.say("This is the last move of the game.")

    def human_turn(self, side: str) -> None:
        if len(self.humans) > 1 and self.last_human != side:
            self.hand_over(side)
        self.last_human = side
        while True:
            self.status(side)
            legal = self.game.legal_moves()
            menu = self.menu(side, legal)
            choice = self.ask("Your move (number, or ? for help): ").lower()
            if choice in ("q", "quit"):
                if self.ask("Leave the game? Type y to confirm: ").lower().startswith("y"):
                    raise Quit
                continue
            if choice in ("?", "h", "help"):
                self.help()
                continue
            if choice == "b":
                self.briefing(side)
                continue
            if choice == "s":
                for source in self.scenario.sources:
                    self.quote(source.id, 2)
                continue
            if choice == "u":
                self.undo(side)
                return
            if choice.isdigit() and 1 <= int(choice) <= len(menu):
                move = menu[int(choice) - 1]
                if move.kind == "propose":
                    proposal = self.build_package(side)
                    if proposal is None:
                        continue
                    move = Move.propose(to_ids(self.scenario, proposal))
                elif move.kind == "walkout":
                    if not self.ask("Walk out and end the talks? Type y to confirm: "
                                    ).lower().startswith("y"):
                        continue
                self.play(move)
                return
            self.say("Type the number of a move, or ? for help.")

    def menu(self, side: str, legal: list[Move]) -> list[Move]:
        self.say("Your moves:")
        rank = {"propose": 0, "accept": 1, "reject": 2, "tactic": 3, "walkout": 4, "pass": 5}
        ordered = sorted(legal, key=lambda m: rank[m.kind])
        countering = self.game.standing is not None and self.game.standing_by != side
        for number, move in enumerate(ordered, 1):
            if move.kind == "tactic" and move.tactic:
                tactic = self.game.tactic(move.tactic)
                self.say(f"{number:>2}  {tactic.name}: {tactic.help}", 2, 4)
            else:
                label = {"propose": "Make a counter-proposal" if countering
                         else "Propose a package",
                         "accept": "Accept the proposal on the table",
                         "reject": "Reject the proposal on the table",
                         "walkout": "Walk out (ends the talks)",
                         "pass": "Pass (hold your position)"}[move.kind]
                self.say(f"{number:>2}  {label}", 2)
        # Tactics whose phase is over are left out: they will not come back.
        later = [p.id for p in self.scenario.phases][
            [p.id for p in self.scenario.phases].index(self.game.current_phase_id):]
        unavailable = [(t, why) for t, why in self.game.tactics(side) if why and (
            t.phases is None or any(p in later for p in t.phases))]
        if unavailable:
            self.say("Not available now: " + "; ".join(f"{t.name} ({why})"
                                                       for t, why in unavailable), 2)
        extra = "u undo   " if self.game.settings.undo else ""
        self.say(f"b your brief   s sources   {extra}? help   q quit", 2)
        return ordered

    def build_package(self, side: str) -> Package | None:
        spec = self.scenario.sides[side]
        game = self.game
        base = game.last_offer.get(side) or game.standing
        self.say()
        self.say("Build your package: one option for every issue. Press Enter to keep the "
                 "option in brackets, or type all numbers at once (e.g. 2 1 3 2 3).")
        choices: list[int] = []
        for n, issue in enumerate(self.scenario.issues):
            if choices and len(choices) == len(self.scenario.issues):
                break
            self.say(f"{issue.name} ({spec.weights[issue.id]:.0%} of your score)", 2)
            for k, option in enumerate(issue.options, 1):
                mark = "*" if base is not None and base[n] == k - 1 else " "
                self.say(f"{mark}{k}  {option.name:<42} worth "
                         f"{round(spec.values[issue.id][option.id] * 100):>3} to you", 4)
            default = base[n] + 1 if base is not None else None
            prompt = f"  Option for {issue.name}" + (f" [{default}]" if default else "") + ": "
            while True:
                answer = self.ask(prompt)
                parts = answer.split()
                if not parts and default:
                    choices.append(default - 1)
                    break
                if n == 0 and len(parts) == len(self.scenario.issues) and all(
                        p.isdigit() for p in parts):
                    picked = [int(p) - 1 for p in parts]
                    if all(0 <= p < len(i.options) for p, i in zip(picked, self.scenario.issues)):
                        choices = picked
                        break
                if len(parts) == 1 and parts[0].isdigit() and \
                        1 <= int(parts[0]) <= len(issue.options):
                    choices.append(int(parts[0]) - 1)
                    break
                if answer.lower() in ("c", "cancel"):
                    return None
                self.say(f"Type a number from 1 to {len(issue.options)} (or c to cancel).", 4)
        package = tuple(choices)
        value = game.space.utility_of(side, package)
        batna = game.batna[side]
        self.say()
        self.say(f"Your package: {game.package_text(package)}.")
        self.say(f"Worth {value:.2f} to you, against your BATNA of {batna:.2f} "
                 f"({value - batna:+.2f}).", 2)
        for red in game.space.red_lines_crossed(side, package):
            self.say(f"Warning: it crosses your red line: {red}", 2)
        if self.ask("Propose it? [Y/n] ").lower().startswith("n"):
            return None
        return package

    def hand_over(self, side: str) -> None:
        if self.clear:
            self.clear()
        self.say()
        self.rule("HAND-OVER")
        self.say(f"Pass the keyboard to the {self.name(side)} team. Everyone else, look away: "
                 "the next screen shows this side's private information.")
        self.ask(f"{self.name(side)} team, press Enter when ready. ")
        if self.game.turn < 2:
            self.briefing(side)

    def undo(self, side: str) -> None:
        game = self.game
        if not game.settings.undo:
            self.say("Undo is switched off for this game.")
            return
        humans = [i for i, (who, _, _) in enumerate(game.moves) if who in self.humans]
        if not humans:
            self.say("There is no move of yours to take back.")
            return
        count = len(game.moves) - humans[-1]
        self.game = game.undone(count)
        self.players = {s: Negotiator(self.game, s) for s in self.game.sides
                        if s not in self.humans}
        self.shown = len(self.game.log)
        if self.autosave:
            self.autosave(self.game)
        self.say(f"Took back {count} move{'s' if count > 1 else ''}.")

    def help(self) -> None:
        self.say()
        self.say("How to play: each round both sides make one move. Propose a package (one "
                 "option for every issue), accept or reject the other side's proposal, use a "
                 "tactic, pass, or walk out. A deal is made when one side accepts the other's "
                 "proposal. Your score depends on how much the deal is worth to you compared "
                 "with your BATNA (what you get with no deal), on how close it is to the best "
                 "deals possible for both sides, and on trust, the ceasefire and support at "
                 "home at the end.")

    # ----- the debrief -------------------------------------------------------------------

    def debrief(self) -> None:
        game = self.game
        result = debrief(game)
        self.say()
        self.rule("DEBRIEF")
        self.say(f"Outcome: {result.outcome_name}")
        if result.deal:
            self.say("The deal:")
            for issue, option in result.deal.items():
                self.say(f"{issue}: {option}", 2)
        self.say()
        for side, r in result.results.items():
            who = "you" if side in self.humans else "computer"
            self.say(f"{r.name} ({who}): worth {r.utility:.2f}, BATNA {r.batna:.2f}, gain "
                     f"{r.gain:+.2f}. {r.verdict}")
            for red in r.red_lines_crossed:
                self.say(f"Red line crossed: {red}", 2)
        self.say()
        self.say(f"Joint score: {result.score}/100 (" + ", ".join(
            f"{name.lower()} {points}" for name, points in result.score_parts) + ")")
        report = result.report
        if report.nash is not None and report.nash_utility is not None:
            nash = from_ids(self.scenario, report.nash)
            self.say()
            self.say("The fairest efficient deal (the Nash bargaining point) would have been: "
                     f"{game.package_text(nash)}, worth " + ", ".join(
                         f"{v:.2f} to {self.name(s)}" for s, v in report.nash_utility.items())
                     + ".")
        if report.distance_to_frontier is not None:
            where = ("on the Pareto frontier: no other deal was better for both sides"
                     if report.distance_to_frontier < 1e-9 else
                     f"{report.distance_to_frontier:.2f} away from the Pareto frontier: some "
                     "deal was better for both sides")
            self.say(f"Your deal was {where}.")
        self.say()
        self.out.write(outcome_chart(game, width=min(shutil.get_terminal_size().columns, WIDTH)))
        self.say()
        self.say("What each side cared about (now revealed):")
        for side, r in result.results.items():
            self.say(f"{r.name}: " + ", ".join(f"{name} {weight:.0%}"
                                                for name, weight in r.priorities), 2)
        if result.reasons:
            self.say()
            self.say("Why the computer did what it did:")
            for round_number, side, reason in result.reasons:
                self.say(f"round {round_number}, {self.name(side)}: {reason}", 2)
        self.say()
        self.rule("WHAT REALLY HAPPENED")
        for fact in result.history:
            self.say(f"{fact.date}: {fact.text} (source: {fact.source})")
        self.say()
        self.rule("QUESTIONS FOR DISCUSSION")
        for number, question in enumerate(result.questions, 1):
            self.say(f"{number}. {question}")
