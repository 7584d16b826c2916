"""The terminal game, driven by typed text."""

from __future__ import annotations

import re

import io
from pathlib import Path

import pytest
from functools import cache

from game.analysis import points
from game.engine import Game
from game.moves import Move
from game.play.session import Session
from game.library import DEFAULT_SCENARIO
from game.model import Scenario
from game.scenario import load_scenario
from game.settings import Settings
from game.textplay import TextGame


@cache
def scenario() -> Scenario:
    return load_scenario(DEFAULT_SCENARIO)


def play(humans: set[str], typed: str, seed: int = 3,
         settings: Settings | None = None) -> tuple[TextGame, str]:
    out = io.StringIO()
    session = Session(Game(scenario(), settings, seed), humans)
    text = TextGame(session, io.StringIO(typed), out)
    assert text.run() == 0
    return text, out.getvalue()


def test_watching_the_computer_play_both_sides_reaches_the_debrief() -> None:
    text, out = play(set(), "")
    assert text.session.game.finished
    for heading in ("THE TALKS ARE OVER", "DEBRIEF", "Joint score", "Outcome space",
                    "WHAT REALLY HAPPENED", "QUESTIONS FOR DISCUSSION"):
        assert heading in out
    assert "computer's reasoning" in out


def test_a_student_can_propose_and_play_a_full_game_as_the_us() -> None:
    # Enter after the brief; then in each turn make a proposal typed in one line, confirm.
    turn = "1\n3 1 3 3 2 3\ny\n"
    text, out = play({"us"}, "\n" + turn * 12 + "13\n" * 4, seed=3)
    assert "CONFIDENTIAL BRIEF: UNITED STATES" in out
    flat = " ".join(out.split())
    assert "Your package, worth 90 points to you: 40 above your fallback of 50." in flat
    assert "    Form of joint action: Joint planning\n    Role of the Syrian government: No " \
        "role\n    Ceasefire precondition on Damascus: Verified calm first\n" in out
    # Offers are shown issue by issue, with what they are worth to the player.
    game = text.session.game
    first = next(e for e in game.log if e.kind == "move" and e.speaker == "us"
                 and e.move is not None and e.move.kind == "propose")
    assert "On the form of joint action: joint planning." in first.body
    assert f"US: \u201c{first.body}\u201d" in flat
    assert "Form of joint action: Joint planning" in out and "Worth " in out
    # The package typed is the one the US proposed (the computer may have opened first).
    typed = {"joint_action": "joint_planning", "syria_coordination": "no_coordination",
             "precondition": "verified_calm", "separation": "areas_marked",
             "targets": "nusra_and_isil", "start_date": "when_verified"}
    offers = text.session.game.state.offers
    assert ("us", typed) in offers


def test_accepting_a_proposal_ends_in_a_deal_with_its_debrief() -> None:
    # Propose, then accept Russia's counter (menu item 2 once a proposal stands), saying
    # yes again when it crosses a red line.
    text, out = play({"us"}, "\n" + "1\n3 2 3 3 2 2\ny\n" + "2\ny\n" * 10, seed=4)
    assert text.session.game.finished
    if text.session.game.state.agreed is not None:
        assert "The deal:" in out and "gain" in out
    # The player's own mark is addressed to the player, the computer's is its own.
    flat = " ".join(out.split())
    assert "Your own mark:" in flat and "over your fallback" in flat
    assert "Its own mark:" in flat and "over its fallback" in flat


def test_hot_seat_hands_over_between_teams_and_shows_each_brief() -> None:
    # Russia's team: Enter at the hand-over, Enter after the brief, then a proposal;
    # then the US team's hand-over and brief, and they leave.
    typed = "\n\n" + "1\n3 2 3 3 2 2\ny\n" + "\n\n" + "q\ny\n"
    text, out = play({"us", "ru"}, typed, seed=5)
    assert "HAND-OVER" in out
    assert "CONFIDENTIAL BRIEF: RUSSIA" in out and "CONFIDENTIAL BRIEF: UNITED STATES" in out


def test_undo_takes_back_the_players_move_and_the_computers_reply() -> None:
    text, out = play({"us"}, "\n" + "1\n3 1 3 3 2 3\ny\n" + "u\n" + "q\ny\n", seed=3)
    assert "Took back your move and the reply to it." in out
    assert len(text.session.game.moves) == 1  # Russia's opening move only


def test_redo_plays_again_what_undo_took_back() -> None:
    text, out = play({"us"}, "\n" + "1\n3 1 3 3 2 3\ny\n" + "u\n" + "r\n" + "q\ny\n", seed=3)
    assert "Took back your move and the reply to it" in out and "Played 2 moves again" in out
    assert len(text.session.game.moves) == 3


def test_undo_is_refused_when_the_settings_forbid_it() -> None:
    _, out = play({"us"}, "\n" + "u\n" + "q\ny\n", settings=Settings(undo=False))
    assert "Undo is switched off" in out


def test_input_that_ends_leaves_the_game_cleanly() -> None:
    text, out = play({"us"}, "\n")
    assert "Game left unfinished" in out and not text.session.game.finished


def test_nonsense_input_is_answered_with_help_not_an_error() -> None:
    _, out = play({"us"}, "\nbanana\n99\n?\nq\ny\n")
    assert out.count("Type the number or letter of a move") == 2 and "How to play" in out
    assert out.count("Moves: ") == 1  # the moves are not listed again after each error


def test_moves_keep_their_numbers_and_unavailable_ones_say_why() -> None:
    _, out = play({"us"}, "\nm\n2\nw\nq\ny\n")
    out = " ".join(out.split())
    assert "2 Accept the proposal on the table - not now: Nothing can be accepted in this " \
        "phase (Opening statements)." in out
    assert "Not now: Nothing can be accepted in this phase (Opening statements)." in out
    assert "Not now: No delegation can walk out in this phase (Opening statements)." in out
    assert "w Walk out (ends the talks) - not now: No delegation can walk out" in out


def test_meter_values_shown_after_each_change_add_up() -> None:
    import re
    _, out = play(set(), "", seed=8)
    trust = 35.0
    found = re.findall(r"Trust between delegations ([+\u2212][0-9.]+) \(now ([0-9.]+)\)",
                       " ".join(out.split()))
    assert len(found) > 5
    for delta, now in found:
        trust += float(delta.replace("\u2212", "-"))
        assert float(now) == trust


def test_in_hot_seat_only_the_team_that_just_moved_may_take_its_move_back() -> None:
    # Russia's team moves; at the hand-over it takes its move back and plays another.
    typed = "\n\n" + "p\n" + "u\n" + "1\n3 2 3 3 2 2\ny\n" + "\n\n" + "u\n" + "q\ny\n"
    text, out = play({"us", "ru"}, typed, seed=5)
    assert "Russia team: before you hand over, you may type u to take back your move" in \
        " ".join(out.split())
    assert "Took back your move." in out
    # The US team cannot take back Russia's move with its own u.
    assert "Nothing to take back yet: you have not made a move." in out
    moves = text.session.game.moves
    assert [(side, move.kind) for side, move, _ in moves] == [("ru", "propose")]


def test_leaving_says_truly_whether_the_game_is_saved() -> None:
    _, out = play({"us"}, "\nq\ny\n")
    assert "It is NOT saved" in out


def test_asked_what_matters_most_the_player_chooses_the_answer() -> None:
    # Russia (the computer) opens, the player passes, and Russia asks in the second round
    # (seed 1); the player names its lowest-weight issue. The record shows what it said.
    typed = "\n" + "p\n" + "6\n" + "q\ny\n"  # 6: Start date, among its lightest issues
    text, out = play({"us"}, typed, seed=1)
    game = text.session.game
    assert "Russia asked what matters most to you" in out  # seed 1: Russia asks
    # The answer does not use up the turn, and the question says so (a playtest).
    assert "Answering does not use up your move." in " ".join(out.split())
    assert "Name Start date (10% of your points)" in out
    replies = [e for e in game.log if e.kind == "reply" and e.speaker == "us"]
    assert replies and replies[0].ref == "start_date"
    assert game.state.revealed["us"][0] == "start_date"


def test_an_answer_the_table_refuses_is_said_and_asked_again(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An answer refused (at a class's table, say, where the server judges it) is said in
    plain words and the question comes again: the game never stops on it."""
    from game.errors import IllegalMoveError

    refused: list[Move] = []
    real = Session.play

    def play_once_refused(self: Session, move: Move) -> object:
        if move.kind == "answer" and not refused:
            refused.append(move)
            raise IllegalMoveError("The table has moved on: here it is as it is now.")
        return real(self, move)

    monkeypatch.setattr(Session, "play", play_once_refused)
    text, out = play({"us"}, "\n" + "p\n" + "6\n" + "6\n" + "q\ny\n", seed=1)
    assert refused and "Not now: The table has moved on" in out
    assert out.count("Russia asked what matters most to you") == 2
    replies = [e for e in text.session.game.log if e.kind == "reply" and e.speaker == "us"]
    assert replies and replies[0].ref == "start_date"


def test_after_undo_and_redo_in_hot_seat_the_other_team_still_sees_the_move() -> None:
    # Russia proposes; at the hand-over it takes the move back, then plays it again with r
    # at its own turn; the US team must then see Russia's proposal.
    typed = "\n\n" + "1\n3 2 3 3 2 2\ny\n" + "u\n" + "r\n" + "\n\n" + "q\ny\n"
    _, out = play({"us", "ru"}, typed, seed=5)
    after_redo = out.split("Played 1 move again.")[1]
    assert "RU: \u201c" in after_redo and "Form of joint action:" in after_redo


def test_no_side_is_the_default_the_player_picks_one_from_both_offered_alike() -> None:
    from game.textplay import Quit, choose_sides

    out = io.StringIO()
    assert choose_sides(scenario(), io.StringIO("x\n2\n"), out) == {"us"}
    text = out.getvalue()
    assert "1  Russia (" in text and "2  United States (" in text
    assert "Type 1 or 2 for a side" in text
    assert choose_sides(scenario(), io.StringIO("1\n"), io.StringIO()) == {"ru"}
    assert choose_sides(scenario(), io.StringIO("b\n"), io.StringIO()) == {"ru", "us"}
    assert choose_sides(scenario(), io.StringIO("n\n"), io.StringIO()) == set()
    with pytest.raises(Quit):
        choose_sides(scenario(), io.StringIO(""), io.StringIO())


def test_play_without_a_side_asks_which_one(monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO("1\n\nq\ny\n"))
    assert main(["play", "--text", "--seed", "2", "--no-save"]) == 0
    out = capsys.readouterr().out
    assert "Which side will you play?" in out and "CONFIDENTIAL BRIEF: RUSSIA" in out


@pytest.mark.parametrize("side", ["us", "ru"])
def test_before_the_debrief_a_player_never_sees_the_computers_private_record(side: str) -> None:
    """The computer's reasons and the changes to its own fallback and stance stay off the
    player's screen until the talks are over."""
    other = scenario().other(side)
    for seed in (1, 4, 9):
        text, out = play({side}, "\n" + "d\np\n" * 30, seed=seed)
        game = text.session.game
        assert game.finished
        talks = out.split("DEBRIEF")[0]
        assert "computer's reasoning" not in talks
        private = [e for e in game.log if e.private == other]
        assert private  # the computer had reasons and private changes to hide
        for entry in private:
            if entry.kind == "reason":
                assert entry.body not in talks
        name = scenario().sides[other].name
        assert f"{name}'s fallback" not in talks and f"{name} is more willing" not in talks \
            and f"{name} is less willing" not in talks


@pytest.mark.parametrize("side", ["us", "ru"])
def test_the_brief_states_what_options_are_worth_together(side: str) -> None:
    from game.play.wording import combination_texts
    from game.ui.briefing import brief_spans

    spec = scenario().sides[side]
    assert spec.combinations  # the main scenario has some for each side
    texts = combination_texts(scenario(), side)
    for combination, text in zip(spec.combinations, texts, strict=True):
        worth = round(abs(combination.value) * 100)
        assert text.startswith(f"{worth} points {'more' if combination.value > 0 else 'less'}")
        assert combination.why in text
    _, out = play({side}, "\n" + "q\ny\n")
    flat = " ".join(out.split())
    assert all(" ".join(t.split()) in flat for t in texts)
    window = " ".join(span.text for span in brief_spans(Session(Game(scenario()), {side}), side))
    assert all(f"\u2014 {t}" in window for t in texts)


@pytest.mark.parametrize("answer", ["n", "y"])
def test_accepting_a_deal_across_a_red_line_asks_again(answer: str) -> None:
    # Russia's proposal at the US's second turn crosses a US red line (seed 3): accepting it
    # takes a second yes, as in the window.
    text, out = play({"us"}, "\n" + "p\n" + "2\n" + f"{answer}\n" + "q\ny\n", seed=3)
    # The warning names the red lines it crosses, in their own words.
    assert re.search(r"crosses (your red line|\d of your red lines:) \u201cNo [^\u201d]+\u201d.*: "
                     r"the deal would count as a loss, whatever its points \(a mark of 0 out of "
                     r"100\)\. Accept it anyway\?", " ".join(out.split()))
    game = text.session.game
    assert (game.state.agreed is not None) == (answer == "y")


def test_saying_what_matters_most_the_player_chooses_the_issue() -> None:
    # Russia opens; the US says what matters most (6) and names start date (6), then
    # calls off a second try (6, c) and leaves.
    text, out = play({"us"}, "\n" + "6\n6\n" + "6\nc\n" + "q\ny\n", seed=3)
    assert "Which issue do you say matters most to you?" in out
    assert text.session.game.state.revealed["us"] == ("start_date",)
    assert "Nothing said." in out


def turn_screen(out: str, side: str = "UNITED STATES") -> str:
    """The first turn's screen of *side*: from its heading to the prompt."""
    start = out.index(f"{side} TO MOVE")
    return out[start:out.index("Your move (", start)]


def test_a_turn_fits_a_screen_meters_on_one_line_and_moves_by_name_once() -> None:
    _, out = play({"us"}, "\nq\ny\n")
    screen = turn_screen(out)
    lines = screen.splitlines()
    assert len(lines) <= 24, screen
    meters = [line for line in lines if line.startswith("Meters: ")]
    assert meters == ["Meters: Trust 35 | Ceasefire stability 55 | US support 60 | "
                      "Russian support 60"]
    # Names only (no descriptions), each whole on one line; moves not available now are
    # counted, not listed.
    assert "Builds a little trust" not in screen and "not now:" not in screen
    assert "   5 Ask what matters most to them" in screen or \
        "Moves: 5 Ask what matters most to them" in screen or \
        "       5 Ask what matters most to them" in screen
    assert "2 Accept" not in screen and "w Walk out" not in screen
    assert "4 more not available now. m: every move" in screen
    # The round is on the turn's heading.
    assert "OPENING STATEMENTS, ROUND 1 OF 8" in lines[0]


def test_m_lists_every_move_with_what_it_does_and_why_not_now() -> None:
    _, out = play({"us"}, "\nm\nq\ny\n")
    flat = " ".join(out.split())
    assert "4 Opening statement: Set out your position in public terms." in flat
    assert "w Walk out (ends the talks) - not now: No delegation can walk out" in flat
    assert "Trust between delegations: 35" in flat


def test_an_offer_across_a_red_line_still_shows_its_points_issue_by_issue() -> None:
    text, out = play({"us"}, "\nq\ny\n", seed=3)
    screen = " ".join(turn_screen(out).split())
    game = text.session.game
    standing = game.state.standing
    assert standing is not None
    package = game.space.package_of(standing)
    assert package is not None and game.space.red_lines_crossed("us", package)
    value = round(game.space.utility_of("us", package) * 100)
    # Just shown issue by issue above, with its points: the turn's summary says so.
    assert re.search(rf"On the table, from Russia \(above\): worth {value} points to you, your "
                     r"fallback 50: it crosses (your red line|\d of your red lines:) \u201c", screen)
    before = out[:out.index("UNITED STATES TO MOVE")]
    crossed = game.space.red_lines_crossed("us", package)
    how_many = "your red line" if len(crossed) == 1 else f"{len(crossed)} of your red lines"
    assert f"Worth {value} points to you, but it crosses {how_many}:" in \
        " ".join(before.split())
    # "Mark" is said with what it is, the first time play uses the word (a beginner met
    # "your mark would be 0" long before the debrief explained marks).
    assert "counts as a loss, whatever its points (a mark of 0 out of 100)" \
        in " ".join(before.split())
    assert "(a mark of 0 out of 100)" in screen
    for issue in game.scenario.issues:
        option = next(o for o in issue.options if o.id == standing[issue.id])
        assert f"      {issue.name}: {option.name}\n" in before
    # Each red line crossed is named once in the turn's summary, not again below it (a
    # playtest read it twice).
    for red in game.space.red_lines_crossed("us", package):
        assert screen.count(red.rstrip(".")) == 1, red


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_hand_over_clears_the_screen_and_the_scrollback() -> None:
    from game.safetext import TerminalOutput
    from game.textplay import CLEAR, terminal_clearer
    raw = Terminal()
    out = TerminalOutput(raw)
    session = Session(Game(scenario(), None, 5), {"us", "ru"})
    # Both teams: Enter once they have read the introduction together; Russia's team:
    # Enter, its brief, a pass, then Enter once it has read what its move did; the US team:
    # Enter, its brief, and it leaves.
    typed = "\n" + "\n\n" + "p\n" + "\n" + "\n\n" + "q\ny\n"
    text = TextGame(session, io.StringIO(typed), out, terminal_clearer(out))
    text.run()
    screen = raw.getvalue()
    # The public introduction stays until both teams have read it (the first hand-over
    # cleared it at once, a playtest found).
    together = screen.index("Both teams: read the introduction above, then press Enter.")
    assert screen.index("At the table:") < together < screen.index(CLEAR)
    # Before the screen is cleared, Russia's team is asked to read what its move did.
    read = screen.index("Russia team: read what your move did above")
    assert read < screen.rindex(CLEAR)
    # Said wrapped like every line, then a short prompt: no line of it runs past 80.
    lines = screen[read:screen.index("Press Enter to hand over: ", read) + 26].splitlines()
    assert lines and all(len(line) <= 80 for line in lines), lines
    # Both hand-overs begin with the sequence that clears the screen and the scrollback,
    # which the terminal's filter lets through although it strips every other escape.
    assert "\x1b[3J" in CLEAR and "\x1b[2J" in CLEAR
    assert screen.count(CLEAR) == 2
    # After the second clear, nothing of Russia's private numbers shows.
    after = screen[screen.rindex(CLEAR):]
    assert "CONFIDENTIAL BRIEF: RUSSIA" not in after and "RUSSIA TO MOVE" not in after
    # Not a terminal: nothing to clear.
    assert terminal_clearer(TerminalOutput(io.StringIO())) is None


def test_at_one_keyboard_a_team_reads_its_own_moves_private_effect_before_the_hand_over(
        ) -> None:
    # A modder's threat that raises its maker's own fallback (no shipped tactic does): the
    # change only Russia's team may see is shown, and the team is asked to read it, before
    # the screen clears.
    from game.safetext import TerminalOutput
    from game.scenario import read_scenario
    from game.textplay import CLEAR, terminal_clearer
    shipped = DEFAULT_SCENARIO.read_text(encoding="utf-8")
    threat = "effects: {meters: {trust: -8, ceasefire: -4, support_ru: 3}}"
    assert threat in shipped
    sc = read_scenario(shipped.replace(threat, threat[:-1] + ", batna: {ru: 0.02}}"),
                       DEFAULT_SCENARIO.name)
    raw = Terminal()
    out = TerminalOutput(raw)
    game = Game(sc, None, 5)
    session = Session(game, {"us", "ru"})
    text = TextGame(session, io.StringIO("\n\n"), out, terminal_clearer(out))
    raising = next(t for t in sc.tactics if "ru" in t.sides and
                   t.sides["ru"].effects.batna.get("ru", 0) > 0)
    while game.to_move != "ru" or game.why_not(Move.use(raising.id)) is not None:
        game.apply(Move.wait())
    session.play(Move.use(raising.id))
    text.last_human = "ru"
    text.show_new_entries("ru")
    text.hand_over("us")
    screen = raw.getvalue()
    cleared = screen.rindex(CLEAR)
    assert screen.index("your fallback +") < screen.index("Russia team: read what your move "
                                                          "did above") < cleared
    assert "your fallback +" not in screen[cleared:]


@pytest.mark.parametrize("side", ["us", "ru"])
def test_the_brief_states_which_options_cannot_stand_together(side: str) -> None:
    from game.handout import answer_sheet_html
    from game.play.wording import contradiction_texts
    from game.ui.briefing import brief_spans

    texts = contradiction_texts(scenario())
    assert len(texts) == len(scenario().contradictions) > 0
    for rule, text in zip(scenario().contradictions, texts, strict=True):
        assert text.endswith(rule.why)
    _, out = play({side}, "\n" + "q\ny\n")
    flat = " ".join(out.split())
    assert all(" ".join(t.split()) in flat for t in texts)
    window = " ".join(span.text for span in brief_spans(Session(Game(scenario()), {side}), side))
    assert all(f"\u2014 {t}" in window for t in texts)
    sheet = answer_sheet_html(scenario())
    assert all(rule.why.replace("'", "&#x27;") in sheet for rule in scenario().contradictions)


def _builder(side: str, typed: str) -> str:
    """What the package builder says to *typed*, on *side*'s first turn (Russia opens and
    passes)."""
    out = io.StringIO()
    game = Game(scenario(), None, 3)
    game.apply(Move.wait())
    session = Session(game, {side})
    text = TextGame(session, io.StringIO(typed), out)
    text.build_package(side)
    return out.getvalue()


def test_the_builder_s_example_has_a_number_for_every_issue() -> None:
    out = " ".join(_builder("us", "c\n").split())
    example, commas = out.split("(e.g. ")[1].split(")")[0].split(" or ")
    assert len(example.split()) == len(scenario().issues)
    assert commas == example.replace(" ", ",")


@pytest.mark.parametrize("typed", ["313323", "3 1 3 3 2 3", "3,1,3,3,2,3", "3, 1, 3, 3, 2, 3"])
def test_a_whole_package_may_be_typed_with_or_without_spaces_or_commas(typed: str) -> None:
    out = _builder("us", f"{typed}\ny\n")
    assert "Your package, worth 90 points to you" in " ".join(out.split())


def test_a_wrong_number_in_a_whole_package_names_its_issue() -> None:
    out = " ".join(_builder("us", "3 1 3 9 2 3\nc\n").split())
    assert "'9' is not an option for Separation from al-Nusra: type a number from 1 to 4" \
        in out


def test_a_package_that_cannot_stand_together_is_kept_to_be_changed() -> None:
    # Deconfliction only with a Russian pledge: refused with the rule's reason; the builder
    # opens again on the package as typed, so only the issue at fault is retyped.
    out = _builder("us", "1 1 2 1 1 2\n" + "\n" * 2 + "1\n" + "\n" * 3 + "y\n")
    flat = " ".join(out.split())
    assert "This package cannot be proposed:" in flat
    assert "With deconfliction only there are no joint strikes" in flat
    assert "The * marks your choice" in flat
    assert "Your package, worth" in flat
    # The rules are listed once, not again each time the builder opens.
    assert flat.count("Options that cannot stand together:") == 1


@pytest.mark.parametrize("path", sorted(DEFAULT_SCENARIO.parent.glob("*.yaml")),
                         ids=lambda p: p.stem)
def test_the_meters_line_names_each_meter_by_a_whole_head_of_its_name(path) -> None:  # type: ignore[no-untyped-def]
    from game.play.wording import short_name

    assert short_name("Russian standing with Damascus and at home") == "Russian standing"
    for meter in load_scenario(path).meters:
        head = short_name(meter.name)
        assert meter.name.startswith(head) and head.split()[-1] not in ("and", "or", "the")
    # Broken between meters only, never between a meter and its number (a playtest saw
    # "Russian standing" end one line and "50" alone on the next).
    session = Session(Game(load_scenario(path), None, 1), {"us"})
    text = TextGame(session, io.StringIO(""), io.StringIO())
    out = io.StringIO()
    text.out = out
    text.say(text.meters_line(), 0, 2)
    lines = out.getvalue().splitlines()
    from game.textplay import WIDTH
    assert all(len(line) <= WIDTH for line in lines)
    for line in lines:
        assert re.fullmatch(r"(Meters:|  ) ?[A-Z][^|]* -?\d+( \| [A-Z][^|]* -?\d+)*( \|)?",
                            line), line


@pytest.mark.parametrize("answer", ["n", "y"])
def test_accepting_any_deal_takes_a_second_yes_as_in_the_window(answer: str) -> None:
    # The United States proposes the fairest split (Russia gives little ground to a side
    # that has proposed nothing), then passes; at its fifth turn (seed 2) Russia's proposal
    # is worth more to it than its fallback and crosses no red line: accepting it still
    # ends the talks, so the terminal says what the deal is worth and asks again, in the
    # window's words.
    nash = Game(scenario(), seed=2).report().nash
    assert nash is not None
    digits = "".join(str([o.id for o in issue.options].index(nash[issue.id]) + 1)
                     for issue in scenario().issues)
    text, out = play({"us"}, "\n" + f"1\n{digits}\ny\n" + "p\n" * 3 + "2\n" + f"{answer}\n" +
                     "q\ny\n", seed=2)
    flat = " ".join(out.split())
    game = text.session.game
    assert "Accepting ends the talks with this deal, worth " in flat
    assert " points to you. Accept it? Type y to confirm:" in flat
    assert (game.state.agreed is not None) == (answer == "y")


def test_a_new_round_is_headed_as_it_begins_even_when_the_computer_moves_first() -> None:
    # Whoever moves first in a round, and whatever event opens it, the record shown in the
    # terminal heads every round once, in order: no round's moves appear under another's.
    text, out = play(set(), "")
    game = text.session.game
    rounds = sorted({e.round for e in game.log if e.kind != "outcome"})
    headed = [n for n in rounds if text.round_label(n).upper() in out.upper()]
    assert headed == rounds
    positions = [out.upper().index(text.round_label(n).upper()) for n in rounds]
    assert positions == sorted(positions)


def test_saying_what_matters_next_keeps_each_issue_under_its_number() -> None:
    # A second time, the issues keep their agenda numbers: start date (6), named already, is
    # shown as named and refused, not replaced by another issue under its number (a playtest
    # typed 2 for the Syrian government's role and named another issue). The record's
    # heading, the card and the question all say "second most".
    text, out = play({"us"}, "\n" + "6\n6\n" + "6\n6\n2\n" + "q\ny\n", seed=3)
    flat = " ".join(out.split())
    assert "Which issue do you say matters second most to you?" in flat
    assert "6 Start date: named already, as what matters most" in flat
    assert "You have named Start date already." in flat
    assert text.session.game.state.revealed["us"] == ("start_date", "syria_coordination")
    replies = [e for e in text.session.game.log if e.kind == "reply" and e.speaker == "us"]
    assert [e.title for e in replies] == ["What matters most", "What matters second most"]
    # The second answer names the first: asked what matters most, it answers that (a
    # delegation's "What matters second most to us is ..." read as another question's).
    assert "After the start date, what matters most to us is the role of the Syrian " \
        "government." in replies[1].body


@pytest.mark.parametrize("typed, side", [("russia", "ru"), ("RU", "ru"),
                                          ("the united states", "us"), ("United States", "us")])
def test_a_side_may_be_chosen_by_its_name(typed: str, side: str) -> None:
    from game.textplay import choose_sides
    out = io.StringIO()
    assert choose_sides(scenario(), io.StringIO(f"{typed}\n"), out) == {side}


def test_saying_no_to_the_second_yes_says_the_move_was_called_off() -> None:
    from game.play.wording import CALLED_OFF
    _, out = play({"us"}, "\n" + "p\n" + "2\n" + "n\n" + "w\nn\n" + "q\ny\n", seed=3)
    assert CALLED_OFF["accept"] in out and CALLED_OFF["walkout"] in out
    # Before the yes, what walking out means: the fallback and its worth, in the points
    # every screen shows.
    us = scenario().sides["us"]
    flat = " ".join(out.split())
    assert (f"Walking out ends the talks with no deal: you fall back on \u201c{us.batna.name}"
            f"\u201d, worth {points(us.batna.value)} points to you.") in flat


def test_every_front_end_says_which_tactics_leave_the_move() -> None:
    """Saying one's red lines aloud comes before the move, as an answer does, and every
    other tactic is the turn's move: the terminal's list of moves and the window's tooltips
    say which, from one sentence (:func:`game.play.wording.tactic_help`)."""
    from game.play.wording import tactic_help

    scenario = load_scenario(DEFAULT_SCENARIO)
    red = next(t for t in scenario.tactics if t.kind == "red_line")
    other = next(t for t in scenario.tactics if t.kind == "appeal")
    assert tactic_help(red).endswith("It leaves you your move: you still make one this turn.")
    assert tactic_help(other).endswith("Using it is your move for this turn.")
    _, out = play({"us"}, "\nm\nq\ny\n")
    out = " ".join(out.split())
    assert f"{red.name}, and still move: {tactic_help(red)}" in out
    assert f"{other.name}: {tactic_help(other)}" in out


class _Keyboard(io.StringIO):
    """What a player types at a terminal (a pipe or a file is not one)."""

    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("typed", ["\n", ""])
def test_at_a_terminal_the_debrief_stays_until_the_player_leaves(typed: str) -> None:
    """A window that closes when the game ends took the debrief with it: at a terminal the
    game says where it is saved and how to read it again, then waits for Enter (or the end
    of input, which is no unfinished game)."""
    out = io.StringIO()
    session = Session(Game(scenario(), None, 3), set())
    text = TextGame(session, _Keyboard(typed), out, where_saved=lambda: "(game saved here)")
    assert text.run() == 0 and text.told_where_saved
    shown = out.getvalue()
    debrief, saved, leave = (shown.index("QUESTIONS FOR DISCUSSION"),
                             shown.index("(game saved here)"),
                             shown.index("Press Enter to leave the table."))
    assert debrief < saved < leave
    assert "left unfinished" not in shown


def test_from_a_pipe_the_game_ends_without_waiting() -> None:
    text, out = play(set(), "")
    assert "Press Enter to leave" not in out and text.told_where_saved


def test_a_finished_game_says_how_to_read_it_again(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """After the game, the player is told where it is saved and the command that writes
    its transcript, debrief included; that command works on that save."""
    from game.cli import main

    monkeypatch.setenv("PARLEY_SAVES", str(tmp_path / "saves"))
    monkeypatch.setattr("sys.stdin", io.StringIO("\n" + "p\n" * 40))
    assert main(["play", "--text", str(DEFAULT_SCENARIO), "--side", "us", "--seed", "3"]) == 0
    out = capsys.readouterr().out
    [saved] = list((tmp_path / "saves").glob("*.json"))
    assert f"(game saved to {saved})" in " ".join(out.split()) and \
        "--load" not in out.split("DEBRIEF")[-1]
    # Its sentences wrapped to the width, as every sentence of the game is.
    assert max(len(line) for line in out.split("DEBRIEF")[-1].splitlines()
               if not line.startswith("  ") and " " in line.strip()) <= 78
    command = f"transcript {saved}"
    # On a line of its own, as short as it can be, so that it is copied whole.
    assert any(line.startswith("  ") and line.endswith(command) and len(line.split()) == 3
               for line in out.splitlines()), out[-600:]
    page = saved.with_suffix(".html")
    assert f"run the line below: it writes {page.name} beside the save." in \
        " ".join(out.split())
    assert not page.exists()  # written by the command, not before it
    assert main(command.split()) == 0
    assert "DEBRIEF" in saved.with_suffix(".html").read_text(encoding="utf-8").upper()


def test_a_package_is_compared_with_the_fallback_as_the_debrief_compares_it() -> None:
    """Play said "the same as your fallback of 40" of a proposal the debrief called less
    than a point above it: the words follow the exact values, the figures the points."""
    import doctest

    import game.textplay as textplay
    from game.textplay import against
    assert doctest.testmod(textplay).failed == 0
    assert against(0.397, 0.40) == "less than a point below your fallback of 40"
    assert against(0.40, 0.40) == "the same as your fallback of 40"


def test_every_round_is_headed_even_when_it_opens_with_the_players_move() -> None:
    # Russia passes its way through the talks; from bargaining round 5 no event opens a
    # round and Russia moves first, yet each round still has a heading of its own.
    _, out = play({"ru"}, "\n" + "p\n" * 6 + "q\ny\n", seed=2)
    lines = out.splitlines()
    headed = [n for n, line in enumerate(lines) if "RUSSIA TO MOVE - " in line]
    assert len(headed) >= 6
    for n in headed:
        label = lines[n].split("RUSSIA TO MOVE - ")[1].strip(" -")
        before = [line.strip(" -") for line in lines[:n]]
        assert any(line.upper() == label and line != label for line in before), label


def test_the_move_list_says_which_tactic_leaves_the_move() -> None:
    # Saying red lines aloud comes before the turn's move; the list says so, and only of it.
    from game.model import BEFORE_THE_MOVE

    _, out = play({"ru"}, "\nq\ny\n", seed=2)
    listed = out[out.index("Moves: "):out.index("b your brief")]
    for tactic in scenario().tactics:
        if tactic.name in listed:
            then = f"{tactic.name}, and still move" in listed
            assert then == (tactic.kind in BEFORE_THE_MOVE), tactic.name
    assert ", and still move" in listed


def test_a_long_question_is_wrapped_and_the_answer_typed_after_it() -> None:
    # The walk-out warning is asked as one question, wrapped as every other line is.
    from game.textplay import WIDTH

    _, out = play({"us"}, "\np\nw\nn\nq\ny\n", seed=3)
    start = out.index("Walking out ends")
    asked = out[start:out.index("Type y to confirm: ", start) + len("Type y to confirm: ")]
    lines = asked.split("\n")
    assert len(lines) > 1 and all(len(line) <= WIDTH for line in lines), lines
    assert lines[-1].endswith("Walk out? Type y to confirm: ") or \
        lines[-1].endswith("Type y to confirm: ")
