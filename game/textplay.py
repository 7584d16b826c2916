"""The whole game in a terminal: ``python main.py play --text``.

It shows a :class:`~game.play.session.Session` and passes the players' input to it, like
the window does; input and output are streams, so tests drive it with text.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from typing import TextIO

from game.analysis import Package, from_ids, percent, points, to_ids
from game.debrief import debrief
from game.errors import IllegalMoveError
from game.model import Scenario
from game.moves import TRADE, Entry, Move
from game.play.danger import dangers
from game.play.headline import boxed, front_page
from game.play.session import TEAM_NAME_LIMIT, Session, computer_name_taken
from game.play.wording import (ANSWER_INVITE, CALLED_OFF, LOSS, POINTS_TABLE, TOGETHER,
                               accept_warning, at_stake, change_text, combination_texts,
                               contradiction_texts, crossing, event_title, in_all_texts,
                               move_label, named_already, offer_rows, round_label, rounds_text,
                               short_name, tactic_help, walkout_warning)
from game.safetext import control
from game.speech import how_much
from game.textdebrief import write_debrief

WIDTH = 78
#: Home, clear the screen, and clear the scrollback too (ESC[3J), so that a team taking the
#: keyboard cannot scroll back to the other team's numbers.
CLEAR = "\033[H\033[2J\033[3J"


def terminal_clearer(out: TextIO) -> Callable[[], None] | None:
    """What clears *out* at a hand-over when it is a terminal (None when it is not): the
    sequence goes through :func:`game.safetext.control`, which the filter on everything
    else printed would strip."""
    if not out.isatty():
        return None

    def clear() -> None:
        control(out, CLEAR)
        out.flush()
    return clear


def against(worth: float, fallback: float) -> str:
    """How a package worth *worth* compares with a fallback of *fallback* (utilities), in
    words and the points every screen shows; when the two round to the same points, whether
    it is above or below all the same, as the debrief says it (play said "the same as your
    fallback of 40" of a proposal the debrief called less than a point above it).

    >>> against(0.75, 0.42), against(0.403, 0.40), against(0.40, 0.40)
    ('33 above your fallback of 42', 'less than a point above your fallback of 40', 'the same as your fallback of 40')
    """
    value, batna = points(worth), points(fallback)
    if value == batna:
        if abs(worth - fallback) <= 1e-9:
            return f"the same as your fallback of {batna}"
        return f"less than a point {'above' if worth > fallback else 'below'} your " \
               f"fallback of {batna}"
    return f"{abs(value - batna)} {'above' if value > batna else 'below'} your fallback " \
           f"of {batna}"


def table_verdict(worth: float, fallback: float, crossed: list[str]) -> str:
    """Whether the offer on the table, worth *worth* against *fallback* (utilities), is
    better than no deal, unrounded as :func:`against` says it ("40 points, your fallback
    40: NOT better than no deal" had followed "less than a point above your fallback of 40"
    of the same offer, a playtest).

    >>> table_verdict(0.4025, 0.40, []), table_verdict(0.40, 0.40, [])
    ('better than no deal (by less than a point)', 'NOT better than no deal')
    """
    if crossed:
        return f"it {crossing(crossed)}, so agreeing to it counts as {LOSS}"
    if worth <= fallback + 1e-9:
        return "NOT better than no deal"
    return "better than no deal" + (" (by less than a point)"
                                    if points(worth) == points(fallback) else "")


class Quit(Exception):
    """The player left (typed q, or the input ended)."""


def choose_sides(scenario: Scenario, inp: TextIO, out: TextIO) -> set[str]:
    """Ask which side the player takes: no side is the default, and both are offered the
    same way (in the scenario's order). Raises :class:`Quit` when the input ends."""
    sides = scenario.side_ids
    out.write("Which side will you play?\n")
    for n, side in enumerate(sides, 1):
        spec = scenario.sides[side]
        out.write(f"  {n}  {spec.name} ({spec.negotiator})\n")
    out.write("  b  both sides: two teams at one keyboard\n"
              "  n  neither: watch the computer play both sides\n")
    while True:
        out.write("Your choice: ")
        out.flush()
        line = inp.readline()
        if not line:
            raise Quit
        answer = line.strip().lower()
        if answer.isdigit() and 1 <= int(answer) <= len(sides):
            return {sides[int(answer) - 1]}
        named = scenario.side_named(answer)
        if named is not None:
            return {named}
        if answer in ("b", "both"):
            return set(sides)
        if answer in ("n", "none", "neither"):
            return set()
        out.write("Type 1 or 2 for a side, b for both, or n to watch.\n")


def ask_team_names(scenario: Scenario, sides: list[str], given: Mapping[str, str],
                   inp: TextIO, out: TextIO) -> dict[str, str]:
    """Ask the name of each team playing one of *sides* that has none in *given*; a name
    is required (the teacher's settings ask for one). Raises :class:`Quit` when the input
    ends."""
    names = {side: given[side] for side in sides if given.get(side, "").strip()}
    for side in sides:
        while side not in names:
            out.write(f"Name of the team playing {scenario.sides[side].name} "
                      f"(at most {TEAM_NAME_LIMIT} characters): ")
            out.flush()
            line = inp.readline()
            if not line:
                raise Quit
            name = line.strip()
            if not name:
                out.write("Your teacher asks every team for its name: type one, then "
                          "Enter.\n")
            elif len(name) > TEAM_NAME_LIMIT:
                out.write(f"That name is {len(name)} characters long; keep it to "
                          f"{TEAM_NAME_LIMIT}.\n")
            elif taken := computer_name_taken(name):
                out.write(f"{taken}\n")
            else:
                names[side] = name
    return names


def taken(count: int) -> str:
    """What an undo took back, as players count it: their move, and the replies after it."""
    if count == 1:
        return "your move"
    if count == 2:
        return "your move and the reply to it"
    return f"your move and the {count - 1} moves made after it"


class TextGame:
    """Plays one session in a terminal."""

    def __init__(self, session: Session, inp: TextIO, out: TextIO,
                 clear: Callable[[], None] | None = None,
                 where_saved: Callable[[], str | None] | None = None) -> None:
        """*where_saved*: says where the game is saved (None: nothing to say), once the
        game is over, before the player leaves the table."""
        self.session = session
        self.scenario = session.scenario
        self.humans = set(session.humans)
        self.inp = inp
        self.out = out
        self.clear = clear
        #: How far into the record each audience has read: a side in hot-seat (each team
        #: sees what happened since its last turn), or None for the one screen otherwise.
        self.shown: dict[str | None, int] = {}
        self.last_human: str | None = None
        #: Each side's fallback as of the last entry shown to it: an offer is weighed
        #: against the fallback the player knew when it was made.
        self.fallbacks = {s: self.scenario.sides[s].batna.value for s in self.scenario.sides}
        #: The offer printed last, issue by issue (the turn's summary need not repeat it).
        self.offer_shown: Mapping[str, str] | None = None
        #: The package builder has listed the options that cannot stand together.
        self.rules_shown = False
        #: The round of the last entry shown: a new round is headed as it begins, even
        #: when the computer moves first in it or an event opens it.
        self.round_shown = 0
        self.where_saved = where_saved
        #: Whether the game's end has been told where the game is saved.
        self.told_where_saved = False

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
        # Wrapped as every other line is, the answer typed after its last line (a walk-out
        # warning ran past the edge and broke a word in two, a playtest).
        lead = prompt[:len(prompt) - len(prompt.lstrip("\n"))]
        body = prompt[len(lead):]
        lines = textwrap.wrap(body, WIDTH, break_on_hyphens=False, break_long_words=False)
        if len(lines) > 1:
            prompt = lead + "\n".join(lines[:-1]) + "\n" + lines[-1] + \
                body[len(body.rstrip()):]
        self.out.write(prompt)
        self.out.flush()
        line = self.inp.readline()
        if not line:
            raise Quit
        return line.strip()

    def round_label(self, number: int) -> str:
        return round_label(self.scenario, self.session.settings.rounds, number)

    def name(self, side: str) -> str:
        return self.scenario.sides[side].name

    # ----- the game ----------------------------------------------------------------------

    def run(self) -> int:
        """Play until the game ends or the player quits; returns an exit code."""
        session = self.session
        try:
            self.title()
            if len(self.humans) == 1:
                self.briefing(next(iter(self.humans)), start=True)
            while not session.game.finished:
                side = session.game.to_move
                assert side is not None
                if session.is_human(side):
                    if len(self.humans) > 1 and self.last_human != side:
                        self.hand_over(side)
                        if session.game.to_move != side:
                            continue  # the other team took its move back
                    self.show_new_entries(side)
                    self.human_turn(side)
                else:
                    self.show_new_entries(None if len(self.humans) != 2 else side)
                    session.play_computer()
                    self.report_save_error()
            self.show_new_entries(self._audience(self.last_human))
            game = session.game
            write_debrief(self.scenario, debrief(game), self.humans,
                          game.settings.reveal_priorities, self.say, self.rule,
                          self.out.write)
            self.leave_the_table()
        except Quit:
            self.say()
            self.say("Game left unfinished.")
        return 0

    def leave_the_table(self) -> None:
        """After the debrief: where the game is saved, then, at a terminal, wait for the
        player to leave, so that a window that closes when the game ends does not take the
        debrief with it."""
        note = self.where_saved() if self.where_saved is not None else None
        if note:
            self.say_with_commands(note)
        self.told_where_saved = True
        if not self.inp.isatty():
            return
        self.say()
        try:
            # A plain read: at a class's table the server's news no longer matters.
            TextGame.ask(self, "The game is over. Press Enter to leave the table. ")
        except Quit:
            self.say()

    def say_with_commands(self, text: str) -> None:
        """*text* line by line: a sentence wrapped to the width, a command (a line indented
        by two spaces) as it is, so that it can be copied whole (a terminal narrower than it
        still breaks it, but never mid-sentence)."""
        for line in text.split("\n"):
            if line.startswith("  "):
                self.out.write(line + "\n")
            else:
                self.say(line)

    def skip_to(self, shown: int) -> None:
        """Start showing the record from entry *shown* (for a resumed game)."""
        self.shown = {key: shown for key in (None, *self.humans)}

    def resume(self) -> None:
        """For a resumed game: show the record again from the start of the round it was
        saved in (at least its last six entries), so that what was said earlier in that
        round is read again (a playtester who resumed in round 1 missed the red lines and
        the question it had asked there)."""
        log = self.session.game.log
        start = max(len(log) - 6, 0)
        if log:
            start = min(start, next(n for n, entry in enumerate(log)
                                    if entry.round == log[-1].round))
        self.skip_to(start)

    def _caught_up_to_now(self, side: str) -> None:
        """After an undo or redo, the team that asked for it has the record as it now is;
        in hot-seat the other team still reads what it has not seen."""
        length = len(self.session.game.log)
        self.shown[self._audience(side)] = length
        for key, shown in self.shown.items():
            self.shown[key] = min(shown, length)

    def _audience(self, side: str | None) -> str | None:
        """Whose reading position a screen for *side* uses: each team's own in hot-seat,
        the one screen's otherwise."""
        return side if len(self.humans) == 2 else None

    def title(self) -> None:
        s = self.scenario
        game = self.session.game
        self.rule("PARLEY")
        self.say(s.title)
        self.say(f"{s.date} - about {s.minutes} minutes")
        self.say()
        self.say(s.summary)
        self.say()
        sides = " and ".join(f"{s.sides[x].called} ({'you' if x in self.humans else 'computer'})"
                             for x in game.sides)
        self.say(f"At the table: {sides}. {s.sides[game.sides[0]].called_first} speaks first.")
        self.say(rounds_text(s, game.settings.rounds) + " If there is no deal after the "
                 "last round, the talks end without one.")
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
        self.say(f"Your points table. {POINTS_TABLE}")
        for issue in self.scenario.issues:
            self.say(f"{issue.name}: {percent(spec.weights[issue.id])} of your points", 2)
            for option in issue.options:
                self.say(f"{points(spec.values[issue.id][option.id]):>3}  {option.name}", 6)
        together = combination_texts(self.scenario, side)
        if together:
            self.say(TOGETHER, 2)
            for text in together:
                self.say(f"- {text}", 4, 2)
            for text in in_all_texts(self.scenario, side):
                self.say(text, 2)
        rules = contradiction_texts(self.scenario)
        if rules:
            self.say("Some options cannot stand together in one deal (for both sides; a "
                     "package that holds them cannot be proposed):", 2)
            for text in rules:
                self.say(f"- {text}", 4, 2)
        self.say()
        self.say("Your goal: a deal worth more points than your fallback, without crossing a "
                 f"red line, and without wrecking {at_stake(self.scenario, side)}.")
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
        self.say(f"\u201c{source.text}\u201d - {source.attribution}", indent, 1)

    def show_new_entries(self, viewer: str | None) -> None:
        """Show the record since this audience last read it. A player sees only what its
        side may see; with nobody playing (the computer against itself) the audience sees
        both computers' reasoning."""
        key = self._audience(viewer)
        game = self.session.game
        log = game.log
        start = min(self.shown.get(key, 0), len(log))
        self.shown[key] = len(log)
        if len(self.humans) == 1:
            viewer = next(iter(self.humans))
        for entry in log[start:]:
            if self.humans and entry.private is not None and entry.private != viewer:
                continue
            for change in entry.changes:
                if change.kind == "batna":
                    self.fallbacks[change.target] = change.after
            self.show_entry(entry, viewer)

    def show_entry(self, entry: Entry, viewer: str | None) -> None:
        if entry.kind not in ("phase", "outcome") and entry.round > self.round_shown:
            self.say()
            self.rule(self.round_label(entry.round))
        self.round_shown = max(self.round_shown, entry.round)
        if entry.kind == "phase":
            self.say()
            self.rule(self.round_label(entry.round))
            self.say(f"{entry.title}: {entry.body}")
        elif entry.kind == "event":
            self.say()
            self.say(f"EVENT: {event_title(entry)}. {entry.body}")
        elif entry.kind == "timeout":
            self.say()
            self.say(f"TIME: {entry.body}")
        elif entry.kind in ("move", "reply"):
            assert entry.speaker is not None
            short = self.scenario.sides[entry.speaker].short
            self.say()
            self.say(f"{short}: \u201c{entry.body}\u201d")
            if entry.offer is not None and entry.move is not None and \
                    entry.move.kind == "propose":
                self.offer(entry.offer, viewer)
            for source_id in entry.cite:
                self.quote(source_id)
        elif entry.kind == "effect":
            # A player's own stance is the computer's business: not shown to people.
            parts = [change_text(self.scenario, c, viewer) for c in entry.changes
                     if not (c.kind == "stance" and c.target in self.humans)]
            if parts:
                self.say(f"{entry.title}: " + "; ".join(parts) + ".", 3, 2)
            elif entry.ref == TRADE:  # a trade that comes out even changes nothing
                self.say(f"{entry.title}.", 3, 2)
        elif entry.kind == "reason":
            self.say(f"(computer's reasoning: {entry.body})", 3, 2)
        elif entry.kind == "outcome":
            self.say()
            self.rule("THE TALKS ARE OVER")
            game = self.session.game
            if game.finished:
                # The result as a front page: the headline, the outcome, the terms.
                page = front_page(self.scenario, game.state, self.session.visible_log())
                for line in boxed(page, WIDTH):
                    self.out.write(line + "\n")
            else:
                self.say(f"{entry.title}. {entry.body}")

    def offer(self, offer: Mapping[str, str], viewer: str | None) -> None:
        """A package issue by issue, with what it is worth to the viewer."""
        self.offer_shown = offer
        for issue, option in offer_rows(self.scenario, offer):
            self.say(f"{issue}: {option}", 6, 2)
        if viewer is not None:
            game = self.session.game
            package = self._package(offer)
            worth = game.space.utility_of(viewer, package)
            value = points(worth)
            crossed = game.space.red_lines_crossed(viewer, package)
            if crossed:
                # How many (a playtester read "your red line" here and "2 of your red
                # lines" in the turn's summary, of one package); the summary names them.
                how_many = "your red line" if len(crossed) == 1 else \
                    f"{len(crossed)} of your red lines"
                self.say(f"Worth {value} points to you, but it crosses {how_many}: agreeing "
                         f"to it counts as {LOSS}.", 6, 2)
            else:
                self.say(f"Worth {value} points to you: "
                         f"{against(worth, self.fallbacks[viewer])}.", 6, 2)

    def report_save_error(self) -> None:
        """Tell the players once, plainly, that the game is not being saved."""
        if self.session.save_error:
            self.say()
            self.say(f"Warning: {self.session.save_error}")
            self.session.save_error = None

    # ----- a human's turn ----------------------------------------------------------------

    def status(self, side: str) -> None:
        game = self.session.game
        state = game.state
        if state.round > self.round_shown:
            # A round that opens with this side's move is headed as every other is (two
            # playtesters found it named only in the line below).
            self.say()
            self.rule(self.round_label(state.round))
        self.say()
        self.rule(f"{self.name(side).upper()} TO MOVE - {self.round_label(state.round).upper()}")
        self.round_shown = max(self.round_shown, state.round)
        self.say(self.meters_line(), 0, 2)
        for danger in dangers(self.scenario, state.meters):
            self.say(f"Warning: {danger.sentence()}", 0, 2)
        batna = points(game.fallback(side))
        if state.standing is not None:
            by = "you" if state.standing_by == side else \
                self.scenario.sides[state.standing_by or side].called
            package = self._package(state.standing)
            worth = game.space.utility_of(side, package)
            value = points(worth)
            verdict = table_verdict(worth, game.fallback(side),
                                    game.space.red_lines_crossed(side, package))
            above = " (above)" if self.offer_shown == state.standing else ""
            self.say(f"On the table, from {by}{above}: worth {value} points to you, your "
                     f"fallback {batna}: {verdict}.", 0, 2)
            if not above:
                for issue, option in offer_rows(self.scenario, state.standing):
                    self.say(f"{issue}: {option}", 4, 2)
            # (The verdict names every red line crossed, in its own words: not again here.)
        else:
            self.say(f"Nothing is on the table. Your fallback is worth {batna} points.")
        if state.last_turn:
            self.say("This is the last move of the game: after it, the talks end.")
        self.offer_shown = None

    def meters_line(self) -> str:
        """Every meter by the head of its name: "Trust 35 | Ceasefire stability 55 | ..."
        (m shows the full names), on as few lines of the width as it takes, broken only
        between meters (never between a meter and its number)."""
        meters = self.session.game.state.meters
        lines = ["Meters:"]
        for n, m in enumerate(self.scenario.meters):
            part = f"{short_name(m.name)} {meters[m.id]:g}"
            joined = f"{lines[-1]}{' | ' if n else ' '}{part}"
            if n and len(joined) > WIDTH:
                lines[-1] += " |"
                lines.append(f"  {part}")
            else:
                lines[-1] = joined
        return "\n".join(lines)

    def _package(self, chosen: Mapping[str, str]) -> Package:
        return self.session.game.space.package_of(chosen) or from_ids(self.scenario, chosen)

    def answer_question(self, side: str) -> bool:
        """The other side asked what matters most: the player names an issue of their
        choice (truly or not), deflects or declines, before making the turn's move. False
        when the answer was not taken (the table is shown again)."""
        other = self.scenario.sides[self.scenario.other(side)].called_first
        spec = self.scenario.sides[side]
        self.say()
        self.say(f"{other} asked what matters most to you. {ANSWER_INVITE}")
        issues = self.scenario.issues
        for n, issue in enumerate(issues, 1):
            self.say(f"{n:>2}  Name {issue.name} ({percent(spec.weights[issue.id])} of your "
                     "points)", 2, 4)
        self.say(" d  Deflect: answer without naming anything", 2, 4)
        self.say(" n  Decline: refuse to discuss your priorities", 2, 4)
        while True:
            choice = self.ask("Your answer (number, d or n): ").lower()
            if choice.isdigit() and 1 <= int(choice) <= len(issues):
                move = Move.answer(issues[int(choice) - 1].id)
            elif choice in ("d", "deflect"):
                move = Move.deflect()
            elif choice in ("n", "decline"):
                move = Move.decline()
            elif choice in ("q", "quit"):
                raise Quit
            elif choice == "b":
                self.briefing(side)
                continue
            else:
                self.say(f"Type a number from 1 to {len(issues)}, d or n (b shows your brief, "
                         "q leaves the game).")
                continue
            try:
                self.session.play(move)
            except IllegalMoveError as exc:
                self.say(f"Not now: {exc}")
                return False
            self.report_save_error()
            self.show_new_entries(side)
            return True

    def human_turn(self, side: str) -> None:
        self.last_human = side
        if self.session.game.state.asked == side and not self.answer_question(side):
            return
        self.status(side)
        menu = self.menu(side)
        session = self.session
        while True:
            choice = self.ask("Your move (number or letter, ? for help): ").lower()
            if choice in ("q", "quit"):
                if not session.game.moves:
                    kept = "No move has been made yet: there is nothing to save."
                elif session.save_works:
                    kept = "It is saved; you can resume it later."
                else:
                    kept = "It is NOT saved: it will be lost."
                if self.ask(f"Leave the game? {kept} Type y to confirm: ").lower() \
                        .startswith("y"):
                    raise Quit
            elif choice in ("?", "h", "help"):
                self.help()
                self.say("(m lists every move with what it does.)")
            elif choice == "b":
                self.briefing(side)
            elif choice == "s":
                for source in self.scenario.sources:
                    self.quote(source.id, 2)
            elif choice == "m":
                self.say()
                self.say("   ".join(f"{m.name}: {self.session.game.state.meters[m.id]:g}"
                                    for m in self.scenario.meters))
                menu = self.menu(side, details=True)
            elif choice == "u":
                if self.undo(side):
                    return
            elif choice == "r":
                if self.redo(side):
                    return
            elif choice in menu:
                move, why = menu[choice]
                if why:
                    self.say(f"Not now: {why}")
                    continue
                if move.kind == "propose":
                    proposal = self.build_package(side)
                    if proposal is None:
                        self.say("No proposal made. Choose a move (m shows the menu again).")
                        continue
                    move = Move.propose(to_ids(self.scenario, proposal))
                elif move.kind == "walkout" and not self.ask(
                        f"{walkout_warning(self.session.game, side)} Walk out? Type y to "
                        "confirm: ").lower().startswith("y"):
                    self.say(CALLED_OFF["walkout"])
                    continue
                elif move.kind == "accept" and not self.accept_anyway(side):
                    self.say(CALLED_OFF["accept"])
                    continue
                elif move.kind == "tactic" and move.tactic and \
                        self.scenario.tactic(move.tactic).kind == "preference":
                    issue = self.choose_priority(side)
                    if issue is None:
                        self.say("Nothing said. Choose a move (m shows the menu again).")
                        continue
                    move = Move.use(move.tactic, issue)
                try:
                    session.play(move)
                except IllegalMoveError as exc:
                    self.say(f"Not now: {exc}")
                    continue
                self.report_save_error()
                if len(self.humans) == 2:
                    # Each team sees what its own move caused before handing over.
                    self.show_new_entries(side)
                return
            else:
                self.say("Type the number or letter of a move (m shows the menu again, ? "
                         "explains the game).")

    def choose_priority(self, side: str) -> str | None:
        """The issue the side says matters most to it (the truth or not), or None when it
        calls it off."""
        spec = self.scenario.sides[side]
        said = list(self.session.game.state.revealed.get(side, ()))
        # The issues keep their numbers from the agenda, those named before included (shown
        # as named), so that a number means the same issue every time.
        issues = self.scenario.issues
        self.say(f"Which issue do you say matters {how_much(len(said) + 1)} to you? The "
                 "truth helps them find a deal you value; another issue may mislead them.")
        for n, issue in enumerate(issues, 1):
            if issue.id in said:
                self.say(f"{n:>2}  {issue.name}: {named_already(said, issue.id)}", 2, 4)
            else:
                self.say(f"{n:>2}  {issue.name} ({percent(spec.weights[issue.id])} of your "
                         "points)", 2, 4)
        while True:
            choice = self.ask("Issue (number; c cancels): ").lower()
            if choice.isdigit() and 1 <= int(choice) <= len(issues):
                issue = issues[int(choice) - 1]
                if issue.id not in said:
                    return issue.id
                self.say(f"You have named {issue.name} already. Choose another issue, or c "
                         "to cancel.")
                continue
            if choice in ("c", "cancel", ""):
                return None
            self.say(f"Type a number from 1 to {len(issues)}, or c to cancel.")

    def accept_anyway(self, side: str) -> bool:
        """Before accepting, as the window does: say what the deal is worth, or warn that it
        crosses one of the side's red lines or is worth no more than its fallback
        (:func:`~game.play.wording.accept_warning`), and ask again."""
        warning, serious = accept_warning(self.session.game, side)
        if not warning:
            return True
        question = "Accept it anyway?" if serious else "Accept it?"
        self.say(warning)  # wrapped to the terminal's width; the prompt stays short
        return self.ask(f"{question} Type y to confirm: ").lower().startswith("y")

    def menu(self, side: str, details: bool = False) -> dict[str, tuple[Move, str | None]]:
        """Show the moves under keys that never change during a game: the moves
        available now by name, on as few lines as they fit; with *details* (m), every
        move with what it does, and those not available now with the engine's reason."""
        state = self.session.game.state
        countering = state.standing is not None and state.standing_by != side
        keys: dict[str, tuple[Move, str | None]] = {}
        number = 1
        lines = []
        names = []
        hidden = 0
        for choice in self.session.choices(side):
            move = choice.move
            if move.kind == "walkout":
                key = "w"
            elif move.kind == "pass":
                key = "p"
            else:
                key = str(number)
                number += 1
            label = move_label(self.scenario, move, countering, listed=True)
            keys[key] = (move, choice.why_not)
            if choice.why_not is None:
                # Kept whole on one line: the spaces inside a name do not break.
                names.append(f"{key} {label.split(' (')[0]}".replace(" ", "\u00a0"))
            else:
                hidden += 1
            if move.kind == "tactic":
                label += f": {tactic_help(self.scenario.tactic(move.tactic or ''))}"
            if choice.why_not is None:
                lines.append(f"{key:>2}  {label}")
            else:
                lines.append(f"{key:>2}  {label.split(':')[0]} - not now: {choice.why_not}")
        extra = "u undo   r redo   " if self.session.settings.undo else ""
        if details:
            self.say("Your moves:")
            for line in lines:
                self.say(line, 2, 4)
        else:
            self.out.write(textwrap.fill("   ".join(names), WIDTH, initial_indent="Moves: ",
                                         subsequent_indent="       ",
                                         break_on_hyphens=False, break_long_words=False)
                           .replace("\u00a0", " ") + "\n")
            if hidden:
                self.say(f"{hidden} more not available now. m: every move, what it does "
                         "and why not now.", 7, 0)
            else:
                self.say("m: every move and what it does.", 7, 0)
        self.say(f"b your brief   s sources   m moves   {extra}? help   q quit", 2)
        return keys

    def build_package(self, side: str) -> Package | None:
        game = self.session.game
        state = game.state
        base_ids = state.standing or state.last_offer(side)
        base = self._package(base_ids) if base_ids is not None else None
        issues = self.scenario.issues
        example = " ".join(str(n % len(i.options) + 1) for n, i in enumerate(issues, 1))
        self.say()
        self.say("Build your package: one option for every issue. Type the option's number "
                 f"for each issue, or all the numbers at once (e.g. {example} or "
                 f"{example.replace(' ', ',')}); c cancels.")
        rules = contradiction_texts(self.scenario)
        if rules and not self.rules_shown:
            # Once a game (b shows the brief, where they are too): the builder says which
            # ones a package breaks when it refuses one.
            self.rules_shown = True
            self.say("Options that cannot stand together:", 2)
            for text in rules:
                self.say(f"- {text}", 4, 2)
        marked = "The * marks the option in the proposal on the table"
        why = game.why_not(Move("propose"), side)
        if why is not None:  # no proposal at all now, whatever the package
            self.say(f"You cannot propose now: {why}", 2, 2)
            return None
        while True:
            if base is not None:
                self.say(f"{marked}; press Enter to keep it.")
            package = self._choose_options(side, base)
            if package is None:
                return None
            chosen = to_ids(self.scenario, package)
            why = game.why_not(Move.propose(chosen), side)
            if why is None:
                break
            # Nothing typed is lost: the builder opens again on the package as typed.
            self.say(f"This package cannot be proposed: {why}", 2, 2)
            self.say("Change what you need; c cancels.", 2)
            base, marked = package, "The * marks your choice"
        worth = game.space.utility_of(side, package)
        self.say()
        self.say(f"Your package, worth {points(worth)} points to you: "
                 f"{against(worth, game.fallback(side))}.")
        for name, choice in offer_rows(self.scenario, chosen):
            self.say(f"{name}: {choice}", 4, 2)
        crossed = game.space.red_lines_crossed(side, package)
        if crossed:
            self.say(f"Warning: it {crossing(crossed)}.", 2, 2)
        if self.ask("Propose it? [Y/n] ").lower().startswith("n"):
            return None
        return package

    def _choose_options(self, side: str, base: Package | None) -> Package | None:
        """One option for every issue, typed one by one or all at once (None: cancelled)."""
        spec = self.scenario.sides[side]
        issues = self.scenario.issues
        choices: list[int] = []
        for n, issue in enumerate(issues):
            if len(choices) == len(issues):
                break
            self.say(f"{issue.name} ({percent(spec.weights[issue.id])} of your points)", 2)
            for k, option in enumerate(issue.options, 1):
                mark = "*" if base is not None and base[n] == k - 1 else " "
                self.say(f"{mark}{k}  {option.name:<42} "
                         f"{points(spec.values[issue.id][option.id]):>3} of 100", 4)
            default = base[n] + 1 if base is not None else None
            prompt = f"  Option for {issue.name}" + (f" [Enter: {default}]" if default
                                                     else "") + ": "
            while True:
                answer = self.ask(prompt)
                if answer.lower() in ("c", "cancel"):
                    return None
                # Numbers apart by spaces or commas ("2 3 2" or "2,3,2").
                parts = answer.replace(",", " ").split()
                if not parts and default:
                    choices.append(default - 1)
                    break
                if n == 0 and len(parts) == 1 and len(parts[0]) == len(issues) > 1 and \
                        parts[0].isdigit() and all(len(i.options) <= 9 for i in issues):
                    parts = list(parts[0])  # "413314": one digit for each issue
                if n == 0 and len(parts) == len(issues) > 1:
                    problem = self._whole_package_problem(parts)
                    if problem is None:
                        return tuple(int(p) - 1 for p in parts)
                    self.say(problem, 4)
                    continue
                if len(parts) == 1 and parts[0].isdigit() and \
                        1 <= int(parts[0]) <= len(issue.options):
                    choices.append(int(parts[0]) - 1)
                    break
                self.say(f"For {issue.name}, type a number from 1 to {len(issue.options)}"
                         f"{f', or all {len(issues)} numbers at once' if n == 0 else ''} "
                         "(or c to cancel).", 4)
        return tuple(choices)

    def _whole_package_problem(self, parts: list[str]) -> str | None:
        """Why *parts*, one number typed for every issue, is not a package (None: it is):
        the first issue whose number is wrong, by name."""
        for part, issue in zip(parts, self.scenario.issues):
            if not part.isdigit() or not 1 <= int(part) <= len(issue.options):
                return (f"{part!r} is not an option for {issue.name}: type a number from 1 "
                        f"to {len(issue.options)} there (or c to cancel).")
        return None

    def hand_over(self, side: str) -> None:
        """Clear the screen and its scrollback, and let the next team sit down; the team
        that just moved may still take its move back."""
        previous = self.last_human
        if self.clear:
            if previous is None and self.session.game.state.turn == 0:
                # The public introduction is for both teams: they read it together before
                # the first hand-over clears it (it was cleared at once).
                self.say()
                self.ask("Both teams: read the introduction above, then press Enter. ")
            elif previous is not None:
                # The screen is about to be cleared: the team that just moved reads what its
                # move did first (its own fallback's change is shown to it alone).
                undo = "" if self.session.undo_blocked(previous) else \
                    " (u takes your move back)"
                # Said wrapped like every line, then a short prompt (one line of 99
                # characters broke at the terminal's edge).
                self.say()
                self.say(f"{self.name(previous)} team: read what your move did above, then "
                         f"press Enter to hand over{undo}.")
                if self._answer_or_take_back(previous, "Press Enter to hand over: "):
                    return
            self.clear()
        self.offer_shown = None
        self.say()
        self.rule("HAND-OVER")
        self.say(f"Pass the keyboard to the {self.name(side)} team. Everyone else, look away: "
                 "the next screen shows this side's private information.")
        prompt = f"{self.name(side)} team, press Enter when ready. "
        if previous is not None and not self.session.undo_blocked(previous):
            self.say(f"({self.name(previous)} team: before you hand over, you may type u to "
                     "take back your move.)")
        if self._answer_or_take_back(previous, prompt):
            return
        if self.session.game.state.turn < 2:
            self.briefing(side, start=True)

    def _answer_or_take_back(self, previous: str | None, prompt: str) -> bool:
        """Ask *prompt* at a hand-over until it is answered; u takes back the move of
        *previous* (the team that just moved), when it may: True when it did."""
        while True:
            answer = self.ask(prompt).lower()
            if answer != "u" or previous is None:
                return False
            why = self.session.undo_blocked(previous)
            if why:
                self.say(why)
                continue
            count = self.session.undo(previous)
            self.shown[previous] = min(self.shown.get(previous, 0), len(self.session.game.log))
            self.say(f"Took back {taken(count)}.")
            return True

    def undo(self, side: str) -> bool:
        """Take back this side's last move and the replies after it; True when done."""
        session = self.session
        why = session.undo_blocked(side)
        if why:
            self.say(why)
            return False
        count = session.undo(side)
        self._caught_up_to_now(side)
        self.report_save_error()
        self.say(f"Took back {taken(count)}. Type r to redo.")
        return True

    def redo(self, side: str) -> bool:
        """Play again what the last undo took back; True when done."""
        session = self.session
        why = session.redo_blocked(side)
        if why:
            self.say(why)
            return False
        count = session.redo(side)
        self._caught_up_to_now(side)
        self.report_save_error()
        self.say(f"Played {count} move{'s' if count > 1 else ''} again.")
        return True

    def help(self) -> None:
        self.say()
        self.say("How to play: each round both sides make one move. Propose a package (one "
                 "option for every issue), accept or reject the other side's proposal, use a "
                 "tactic, pass, or walk out. A deal is made when one side accepts the other's "
                 "proposal. A deal gives each side points from 0 to 100 (your brief shows "
                 "how); it is worth taking only if it gives you more than your fallback (your "
                 "BATNA), what you get with no deal. When the other side asks what matters "
                 "most to you, you answer as you choose before your move: name an issue (the "
                 "truth, or not), deflect, or decline. Saying your red lines aloud (a tactic) "
                 "also comes before your move, once in a game. At the end, a joint score out of 100 "
                 "rewards both sides' gains over their fallbacks, a deal no other deal beats "
                 "for both, and the meters. A meter that falls too far can end the talks: the "
                 "game warns you when one more heavy blow could do it, and when trust is "
                 "low enough for a delegation to walk out.", 0, 0)
