"""The whole game in a terminal: ``python main.py play --text``.

It uses the engine's face like every other front end; input and output are streams, so
tests drive it with text.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import TextIO

from game.analysis import Package, points, to_ids
from game.engine import Game
from game.moves import Entry, Move
from game.negotiator import Negotiator
from game.takeback import Takebacks
from game.textdebrief import write_debrief

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
        self.takebacks = Takebacks(humans)
        self.shown = 0
        self.last_human: str | None = None
        # Meter values as of the last entry shown, so "(now N)" is right at every line.
        self.seen = {m.id: float(m.start) for m in self.scenario.meters}

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
                self.briefing(next(iter(self.humans)), start=True)
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
            write_debrief(self.game, self.humans, self.say, self.rule, self.out.write)
        except Quit:
            self.say()
            self.say("Game left unfinished.")
        return 0

    def play(self, move: Move, reason: str | None = None) -> None:
        """Apply a move and save the game at once, so a closed laptop loses nothing."""
        self.game.apply(move, reason)
        if self.autosave:
            self.autosave(self.game)

    def skip_to(self, shown: int) -> None:
        """Start showing the record from entry *shown* (for a resumed game)."""
        for entry in self.game.log[:shown]:
            self._track(entry)
        self.shown = shown

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
                 "make one move. If there is no deal after the last round, the talks end "
                 "without one.")
        self.say("Every deal is scored in points from 0 to 100 for each side.")

    def briefing(self, side: str, start: bool = False) -> None:
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
        self.say(f"Your fallback if there is no deal (your BATNA): {spec.batna.name}, worth "
                 f"{points(spec.batna.value)} points. {spec.batna.description}")
        for red in spec.red_lines:
            self.say(f"Red line: {red.text}", 0, 2)
        self.say()
        self.say("How many points a deal gives you: each issue counts for a share of your "
                 "score, and each option earns that share in full (100) or in part:")
        for issue in self.scenario.issues:
            self.say(f"{issue.name}: {spec.weights[issue.id]:.0%} of your score", 2)
            for option in issue.options:
                self.say(f"{round(spec.values[issue.id][option.id] * 100):>3}  {option.name}", 6)
        self.say()
        self.say("Your goal: a deal worth more points than your BATNA, without crossing a "
                 "red line, and without wrecking trust or your support at home.")
        sources = sorted({c for c in spec.cite + spec.batna.cite})
        if sources:
            self.say()
            self.say("This brief rests on:")
            for source_id in sources:
                self.quote(source_id, 2)
        if start:
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
            self._track(entry)
            if entry.private is not None and entry.private != viewer and self.humans:
                continue
            self.show_entry(entry)

    def _track(self, entry: Entry) -> None:
        for key, delta in entry.changes.items():
            if key in self.seen:
                self.seen[key] += delta

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
            self.say(f"(computer's reasoning: {entry.text})", 3, 2)
        elif entry.kind == "outcome":
            self.say()
            self.rule("THE TALKS ARE OVER")
            self.say(entry.text)

    def changes(self, changes: dict[str, float]) -> str:
        parts = []
        meters = {m.id: m.name for m in self.scenario.meters}
        for key, delta in changes.items():
            if key in meters:
                parts.append(f"{meters[key]} {delta:+g} (now {self.seen[key]:g})")
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
        self.say()
        self.rule(f"{self.name(side).upper()} TO MOVE - ROUND {state.round} OF {state.rounds} "
                  f"({game.phase.name})")
        self.say("   ".join(f"{m.name}: {game.meters[m.id]:g}" for m in self.scenario.meters))
        batna = points(game.batna[side])
        if game.standing is not None:
            by = "you" if game.standing_by == side else self.name(game.standing_by or side)
            value = points(game.space.utility_of(side, game.standing))
            crossed = game.space.red_lines_crossed(side, game.standing)
            self.say(f"On the table (from {by}): {game.package_text(game.standing)}.")
            if crossed:
                for red in crossed:
                    self.say(f"It crosses your red line: {red} Agreeing to it counts as a "
                             "loss.", 2, 2)
            else:
                verdict = "better than" if value > batna else "NOT better than"
                self.say(f"Worth {value} points to you; your BATNA is worth {batna}: "
                         f"{verdict} no deal.", 2, 2)
        else:
            self.say(f"Nothing is on the table. Your BATNA is worth {batna} points.")
        if state.last_turn:
            self.say("This is the last move of the game: after it, the talks end.")

    def human_turn(self, side: str) -> None:
        if len(self.humans) > 1 and self.last_human != side:
            self.hand_over(side)
        self.last_human = side
        self.status(side)
        menu = self.menu(side)
        while True:
            choice = self.ask("Your move (number or letter, ? for help): ").lower()
            if choice in ("q", "quit"):
                if self.ask("Leave the game? It is saved; you can resume it later. "
                            "Type y to confirm: ").lower().startswith("y"):
                    raise Quit
            elif choice in ("?", "h", "help"):
                self.help()
            elif choice == "b":
                self.briefing(side)
            elif choice == "s":
                for source in self.scenario.sources:
                    self.quote(source.id, 2)
            elif choice == "m":
                self.status(side)
                menu = self.menu(side)
            elif choice == "u":
                if self.undo():
                    return
            elif choice == "r":
                if self.redo():
                    return
            elif choice in menu:
                move, why = menu[choice]
                if why:
                    self.say(f"Not now: {why}.")
                    continue
                if move.kind == "propose":
                    proposal = self.build_package(side)
                    if proposal is None:
                        self.say("No proposal made. Choose a move (m shows the menu again).")
                        continue
                    move = Move.propose(to_ids(self.scenario, proposal))
                elif move.kind == "walkout" and not self.ask(
                        "Walk out and end the talks? Type y to confirm: ").lower().startswith("y"):
                    continue
                self.takebacks.moved()  # a new move of a player's own: nothing to redo
                self.play(move)
                return
            else:
                self.say("Type the number or letter of a move (m shows the menu again, ? "
                         "explains the game).")

    def menu(self, side: str) -> dict[str, tuple[Move, str | None]]:
        """Show the moves under numbers that never change during a game; moves not
        available now are shown with the reason."""
        game = self.game
        legal = {(m.kind, m.tactic) for m in game.legal_moves()}
        countering = game.standing is not None and game.standing_by != side
        standing = game.standing is not None and game.standing_by != side
        phase = game.phase.name
        entries: list[tuple[str, str, Move, str | None]] = [
            ("1", "Make a counter-proposal" if countering else "Propose a package",
             Move("propose"), None if ("propose", None) in legal else
             "the last move of the game cannot be a proposal" if game.state.last_turn
             else f"no proposals in {phase}"),
            ("2", "Accept the proposal on the table", Move.accept(),
             None if ("accept", None) in legal else
             "there is no proposal from the other side" if not standing
             else f"no accepting in {phase}"),
            ("3", "Reject the proposal on the table", Move.reject(),
             None if ("reject", None) in legal else
             "there is no proposal from the other side" if not standing
             else f"no rejecting in {phase}")]
        number = 4
        for tactic, why in game.tactics(side):
            entries.append((str(number), f"{tactic.name}: {tactic.help}", Move.use(tactic.id),
                            why))
            number += 1
        entries.append(("w", "Walk out (ends the talks)", Move.walkout(),
                        None if ("walkout", None) in legal else f"no walking out in {phase}"))
        entries.append(("p", "Pass (hold your position)", Move.wait(), None))
        self.say("Your moves:")
        for key, label, _, why in entries:
            if why is None:
                self.say(f"{key:>2}  {label}", 2, 4)
            else:
                self.say(f"{key:>2}  ({label.split(':')[0]}: not now, {why})", 2, 4)
        extra = "u undo   r redo   " if game.settings.undo else ""
        self.say(f"b your brief   s sources   m menu   {extra}? help   q quit", 2)
        return {key: (move, why) for key, _, move, why in entries}

    def build_package(self, side: str) -> Package | None:
        spec = self.scenario.sides[side]
        game = self.game
        base = game.standing or game.last_offer.get(side)
        self.say()
        self.say("Build your package: one option for every issue. Type the option's number "
                 "for each issue, or all the numbers at once (e.g. 2 1 3 2 3); c cancels.")
        if base is not None:
            self.say("The * marks the option in the proposal on the table; press Enter to "
                     "keep it.")
        issues = self.scenario.issues
        choices: list[int] = []
        for n, issue in enumerate(issues):
            if len(choices) == len(issues):
                break
            self.say(f"{issue.name} ({spec.weights[issue.id]:.0%} of your score)", 2)
            for k, option in enumerate(issue.options, 1):
                mark = "*" if base is not None and base[n] == k - 1 else " "
                self.say(f"{mark}{k}  {option.name:<42} "
                         f"{round(spec.values[issue.id][option.id] * 100):>3} of 100", 4)
            default = base[n] + 1 if base is not None else None
            prompt = f"  Option for {issue.name}" + (f" [Enter: {default}]" if default
                                                     else "") + ": "
            while True:
                answer = self.ask(prompt)
                parts = answer.split()
                if answer.lower() in ("c", "cancel"):
                    return None
                if not parts and default:
                    choices.append(default - 1)
                    break
                if n == 0 and len(parts) == len(issues) and all(p.isdigit() for p in parts):
                    picked = [int(p) - 1 for p in parts]
                    if all(0 <= p < len(i.options) for p, i in zip(picked, issues)):
                        choices = picked
                        break
                if len(parts) == 1 and parts[0].isdigit() and \
                        1 <= int(parts[0]) <= len(issue.options):
                    choices.append(int(parts[0]) - 1)
                    break
                self.say(f"Type a number from 1 to {len(issue.options)} (or c to cancel).", 4)
        package = tuple(choices)
        value = points(game.space.utility_of(side, package))
        batna = points(game.batna[side])
        self.say()
        self.say(f"Your package: {game.package_text(package)}.")
        self.say(f"Worth {value} points to you, against your BATNA of {batna} "
                 f"({value - batna:+d}).", 2)
        for red in game.space.red_lines_crossed(side, package):
            self.say(f"Warning: it crosses your red line: {red}", 2, 2)
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
            self.briefing(side, start=True)

    def undo(self) -> bool:
        """Take back the player's last move and the replies after it; True when done."""
        if not self.game.settings.undo:
            self.say("Undo is switched off for this game.")
            return False
        before = len(self.game.moves)
        game = self.takebacks.undo(self.game)
        if game is None:
            self.say("There is no move of yours to take back.")
            return False
        self._replace(game)
        count = before - len(game.moves)
        self.say(f"Took back {count} move{'s' if count > 1 else ''}. Type r to redo.")
        return True

    def redo(self) -> bool:
        """Play again what the last undo took back; True when done."""
        before = len(self.game.moves)
        game = self.takebacks.redo(self.game)
        if game is None:
            self.say("There is nothing to redo.")
            return False
        self._replace(game)
        count = len(game.moves) - before
        self.say(f"Played {count} move{'s' if count > 1 else ''} again.")
        return True

    def _replace(self, game: Game) -> None:
        self.game = game
        self.players = {s: Negotiator(game, s) for s in game.sides if s not in self.humans}
        self.seen = {m.id: float(m.start) for m in self.scenario.meters}
        self.skip_to(len(game.log))
        if self.autosave:
            self.autosave(game)

    def help(self) -> None:
        self.say()
        self.say("How to play: each round both sides make one move. Propose a package (one "
                 "option for every issue), accept or reject the other side's proposal, use a "
                 "tactic, pass, or walk out. A deal is made when one side accepts the other's "
                 "proposal. A deal gives each side points from 0 to 100 (your brief shows "
                 "how); it is worth taking only if it gives you more than your BATNA, what "
                 "you get with no deal. When the other side asks what matters most to you, "
                 "your delegation answers truthfully. At the end, a joint score out of 100 "
                 "rewards both sides' gains over their BATNAs, a deal no other deal beats for "
                 "both, and trust, the ceasefire and support at home.", 0, 0)
