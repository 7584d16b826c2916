"""Every front end shows the same figures for the same game: the window's debrief, the
terminal's debrief, the transcripts and the class report all draw the one debrief model.

Games of every shipped scenario are played; each front end's output is read back as a
teacher or a student would read it, and every side's points, fallback, gain and the joint
score must agree everywhere.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from game import transcript
from game.cli import main
from game.debrief import NO_DEAL_QUESTIONS, addressed, debrief
from game.library import DEFAULT_SCENARIO, shipped_scenarios
from game.play.session import DEMO, Session
from game.save import to_save, write_save
from game.scenario import load_scenario
from game.settings import Settings
from game.simulate import play_one
from game.textdebrief import write_debrief
from game.textplay import TextGame
from game.ui.navigation import Debrief

Figures = dict[str, tuple[int, int, int]]  # side name -> (points, fallback, gain)


def played(path: Path, seed: int) -> Session:
    scenario = load_scenario(path)
    session = Session.start(scenario, Settings(), DEMO, seed=seed)
    session.play_to_end()
    return session


def names(session: Session) -> str:
    """A pattern matching either side's name."""
    return "|".join(re.escape(s.name) for s in session.scenario.sides.values())


def from_terminal(session: Session) -> tuple[Figures, int]:
    out = io.StringIO()
    text = TextGame(session, io.StringIO(), out)
    write_debrief(session.scenario, debrief(session.game), set(), True, text.say, text.rule,
                  out.write)
    flat = " ".join(out.getvalue().split())
    found = re.findall(rf"({names(session)}) \(computer\): (\d+) points, fallback (\d+), gain "
                       r"([+-]\d+)", flat)
    score = re.search(r"Joint score: (\d+)/100", flat)
    assert found and score, flat[:400]
    return {name: (int(p), int(b), int(g)) for name, p, b, g in found}, int(score.group(1))


def from_transcript(session: Session, html: bool) -> tuple[Figures, int]:
    text = transcript.html(session.game) if html else transcript.markdown(session.game)
    flat = " ".join(re.sub(r"<[^>]+>", " ", text).split()) if html else " ".join(text.split())
    found = re.findall(rf"({names(session)}): (\d+) points against a fallback of (\d+) \(gain "
                       r"([+-]\d+)\)", flat)
    score = re.search(r"Joint score:\W*(\d+)/100", flat)
    assert found and score
    return {name: (int(p), int(b), int(g)) for name, p, b, g in found}, int(score.group(1))


def from_window(app, session: Session) -> tuple[Figures, int]:  # type: ignore[no-untyped-def]
    screen = app.push(Debrief(session))
    lines = [span.text for span in screen.texts_by_page[0].spans]
    figures: Figures = {}
    for name, line in zip(lines, lines[1:]):
        found = re.fullmatch(r"Worth (\d+) points against a fallback of (\d+): ([+-]\d+)\..*",
                             line)
        if found:
            side = name.rsplit(" (", 1)[0]
            figures[side] = (int(found.group(1)), int(found.group(2)), int(found.group(3)))
    score = next(re.fullmatch(r"Joint score: (\d+) out of 100", line) for line in lines
                 if line.startswith("Joint score"))
    assert figures and score
    # Each part of the joint score with the most it can give, as every debrief says it,
    # after how it was reached.
    from game.debrief import PART_MOST
    assert all(any(re.fullmatch(rf"{label}: .*\b\d+ of {most}\.", line) for line in lines)
               for label, most in PART_MOST.items())
    app.pop()
    return figures, int(score.group(1))


def from_report(folder: Path, sessions: list[Session]) -> list[tuple[Figures, int]]:
    for n, session in enumerate(sessions):
        write_save(to_save(session.game, set(session.game.sides)), folder / f"g{n:02}.json")
    assert main(["report", str(folder), "-o", str(folder / "class.csv")]) == 0
    with (folder / "class.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    result = []
    for n, session in enumerate(sessions):
        sides = [row for row in rows if row["file"] == f"g{n:02}.json"]
        assert len(sides) == 2 and sides[0]["joint_score"] == sides[1]["joint_score"]
        result.append(({row["side"]: (int(row["points"]), int(row["fallback"]),
                                      int(row["gain"])) for row in sides},
                       int(sides[0]["joint_score"])))
    return result


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_the_window_terminal_transcripts_and_report_show_the_same_numbers(
        path: Path, make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    sessions = [played(path, seed) for seed in (1, 46, 77, 120)]
    reported = from_report(tmp_path, sessions)
    for session, report in zip(sessions, reported):
        model = debrief(session.game)
        expected = ({r.name: (r.points, r.batna_points, r.gain_points)
                     for r in model.results.values()}, model.score)
        for name, (points, fallback, gain) in expected[0].items():
            assert points - fallback == gain, name  # the figures shown add up
        shown = {"window": from_window(app, session), "terminal": from_terminal(session),
                 "markdown": from_transcript(session, html=False),
                 "html": from_transcript(session, html=True), "report": report}
        for where, figures in shown.items():
            assert figures == expected, (where, session.game.seed)


def window_and_terminal(app, session: Session, page: int = 0) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The window debrief's *page* and the terminal's debrief of *session*, each as one
    line of text (both addressed to the session's players)."""
    screen = app.push(Debrief(session))
    window = " ".join(span.text for span in screen.texts_by_page[page].spans)
    app.pop()
    out = io.StringIO()
    text = TextGame(session, io.StringIO(), out)
    write_debrief(session.scenario, debrief(session.game), set(session.humans), True,
                  text.say, text.rule, out.write)
    return window, " ".join(out.getvalue().split())


def test_each_sides_own_mark_is_the_same_in_the_window_terminal_and_transcript(
        make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    session = played(DEFAULT_SCENARIO, 46)
    model = debrief(session.game)
    window, terminal = window_and_terminal(app, session)
    markdown = transcript.markdown(session.game)
    for result in model.results.values():
        said = f"Its own mark: {result.mark} out of 100"
        assert said in window and said in terminal and said in markdown
        # What the mark means, word for word the same in the window and the terminal,
        # with the fallback the gain is counted from.
        meaning = result.mark_sentence(False)
        assert f"fallback of {result.batna_points})" in meaning
        assert meaning in window and meaning in terminal


@pytest.mark.parametrize("player", ["us", "ru"])
def test_the_players_own_mark_is_addressed_to_them_in_the_window_as_in_the_terminal(
        make_app, player: str) -> None:  # type: ignore[no-untyped-def]
    # A game against the computer: the player's mark reads "Your own mark", the computer's
    # "Its own mark", and the window says each word for word as the terminal does.
    finished = played(DEFAULT_SCENARIO, 46).game
    session = Session(finished, (player,))
    model = debrief(finished)
    window, terminal = window_and_terminal(make_app(), session)
    for side, result in model.results.items():
        yours = side == player
        assert addressed(side, session.humans) is yours
        sentence = result.mark_sentence(yours)
        assert sentence.startswith("Your own mark" if yours else "Its own mark")
        assert sentence in window and sentence in terminal
    assert window.count("Your own mark") == terminal.count("Your own mark") == 1


def test_the_frontier_sentence_says_on_the_frontier_only_at_distance_zero() -> None:
    # Every coherent package of the main scenario taken as a deal, red-line crossers
    # included: the sentence never calls a deal on the frontier that is some way from it.
    from game.debrief import _frontier_sentence
    from game.engine import Game
    from game.library import DEFAULT_SCENARIO
    from game.scenario import load_scenario

    game = Game(load_scenario(DEFAULT_SCENARIO))
    space = game.space
    said = 0
    for n, package in enumerate(space.packages):
        sentence = _frontier_sentence(game, package) or ""
        if "on the Pareto frontier" in sentence:
            said += 1
            assert space.distance_to_frontier(n) == 0, (package, sentence)
    assert said


def test_after_talks_without_a_deal_every_debrief_says_how_to_take_the_questions(
        make_app) -> None:  # type: ignore[no-untyped-def]
    # The questions may ask about "your deal": without one, every front end says first how
    # to answer them; with a deal, none does.
    seen = set()
    app = make_app()
    scenario = load_scenario(DEFAULT_SCENARIO)
    for seed in range(60):
        # Against a hard-liner the computer often makes no deal.
        game = play_one(scenario, seed, Settings(), players={"us": "hardline"})
        session = Session(game, ())
        deal = session.game.state.agreed is not None
        if deal in seen:
            continue
        seen.add(deal)
        window, terminal = window_and_terminal(app, session, page=5)
        pages = [window, terminal, transcript.markdown(session.game),
                 transcript.html(session.game)]
        for page in pages:
            assert (NO_DEAL_QUESTIONS in page) is not deal
        if seen == {True, False}:
            break
    assert seen == {True, False}


def test_a_point_taken_back_is_said_in_every_debrief(make_app) -> None:  # type: ignore[no-untyped-def]
    """A side that took back a point both proposals had agreed on is told so beside its
    result, in the window, the terminal and the transcript alike; a side that never did is
    not."""
    from game.engine import Game
    from game.moves import Move

    scenario = load_scenario(DEFAULT_SCENARIO)
    game = Game(scenario, Settings(), seed=505)
    first = {"joint_action": "joint_execution", "syria_coordination": "damascus_informed",
             "precondition": "no_precondition", "separation": "areas_marked",
             "targets": "all_violators", "start_date": "mid_june"}
    game.apply(Move.propose(first))  # Russia
    game.apply(Move.propose(first | {"joint_action": "intelligence_sharing",  # the US
                                     "precondition": "verified_calm",
                                     "separation": "us_pledge", "targets": "nusra_only",
                                     "start_date": "when_verified"}))
    # Russia takes back the role both proposals held, for nothing in return (a trade for
    # ground elsewhere would not count: rules edition 8).
    game.apply(Move.propose(first | {"syria_coordination": "full_coordination"}))
    while not game.finished:
        game.apply(Move.wait())
    session = Session(game, ("us",))
    model = debrief(game)
    said = model.results["ru"].conduct
    assert said == ("Russia's proposals once took back a point both sides had agreed on, "
                    "and trust fell.")
    assert model.results["us"].conduct is None
    app = make_app()
    window, terminal = window_and_terminal(app, session)
    from html import unescape
    for text in (window, terminal, " ".join(transcript.markdown(game).split()),
                 unescape(" ".join(transcript.html(game).split()))):
        assert said in text


@pytest.mark.parametrize("side", ["ru", "us"])
def test_a_hard_liner_s_threats_and_rejections_are_counted_in_every_debrief(
        side: str, make_app) -> None:  # type: ignore[no-untyped-def]
    """The debrief says how many threats a side made and proposals it rejected, and what
    those moves took off the meters both sides share, in the window, the terminal and the
    transcript alike; a side that made neither is not named for it."""
    from html import unescape

    from game.simulate import play_one

    scenario = load_scenario(DEFAULT_SCENARIO)
    kinds = {t.id: t.kind for t in scenario.tactics}
    # The first game from seed 3 on in which the hard-liner both threatens and rejects.
    for seed in range(3, 60):
        game = play_one(scenario, seed, Settings(), players={side: "hardline"})
        threats = [m for s, m, _ in game.moves if s == side and m.kind == "tactic" and
                   kinds.get(m.tactic or "") == "threat"]
        rejections = [m for s, m, _ in game.moves if s == side and m.kind == "reject"]
        if threats and rejections:
            break
    assert threats and rejections
    # The trust those moves cost, from the effects the record ties to them (by their ref),
    # each after a move of this side's.
    lost = 0.0
    mover = None
    for entry in game.log:
        if entry.kind == "move":
            mover = entry.speaker
        elif entry.kind == "effect" and mover == side and entry.private is None and \
                (entry.ref == "reject" or kinds.get(entry.ref or "") == "threat"):
            lost -= sum(c.delta for c in entry.changes
                        if c.kind == "meter" and c.target == "trust")
    result = debrief(game).results[side]
    said = result.pressure
    assert said is not None
    assert said.startswith(f"{scenario.sides[side].called_first} made {len(threats)} "
                           f"threat{'s' if len(threats) > 1 else ''} and rejected "
                           f"{len(rejections)} proposal")
    assert f"took {lost:g} off trust between delegations" in said
    session = Session(game, (side,))
    window, terminal = window_and_terminal(make_app(), session)
    for text in (window, terminal, " ".join(transcript.markdown(game).split()),
                 unescape(" ".join(transcript.html(game).split()))):
        assert said in text
    other = debrief(game).results[scenario.other(side)]
    assert other.threats == 0 and other.rejections == 0 and other.pressure is None


@pytest.mark.parametrize("side", ["ru", "us"])
def test_every_move_that_lowered_the_shared_meters_is_counted_in_every_debrief(
        side: str, make_app) -> None:  # type: ignore[no-untyped-def]
    """A careless player's demand and appeal to its allies cost trust as its threat did,
    and the debrief had counted only the threat (a playtest): every tactic of a side's whose
    effects took something off a shared meter is named, and what the sentence says those
    moves took off trust is what the record's effects of them add up to, in the window,
    the terminal and the transcripts alike. Moves that only raised trust are not named."""
    from html import unescape

    scenario = load_scenario(DEFAULT_SCENARIO)
    tactics = {t.id: t for t in scenario.tactics}
    for seed in range(60):
        game = play_one(scenario, seed, Settings(), players={side: "careless"})
        # Each of this side's tactics and rejections, with what its effects did to trust
        # and whether they lowered any meter both sides share.
        moves: list[tuple[str, float, bool]] = []
        mover = None
        for entry in game.log:
            if entry.kind == "move":
                mover = entry.speaker
                move = entry.move
                if mover == side and move is not None and move.kind in ("tactic", "reject"):
                    moves.append((move.tactic or "reject", 0.0, False))
                else:
                    mover = None
            elif entry.kind == "effect" and mover == side and entry.private is None:
                name, trust, lowered = moves[-1]
                for c in entry.changes:
                    if c.kind == "meter" and c.target in ("trust", "ceasefire"):
                        trust += c.delta if c.target == "trust" else 0.0
                        lowered = lowered or c.delta < 0
                moves[-1] = (name, trust, lowered)
            elif entry.kind != "effect":
                mover = None
        named = {tactics[t].name for t, _, lowered in moves
                 if t in tactics and lowered and tactics[t].kind != "threat"}
        if named:
            break
    assert named, "no careless game used a tactic that lowered the shared meters"
    counted = [(t, trust) for t, trust, lowered in moves
               if t == "reject" or tactics[t].kind == "threat" or lowered]
    lost = -sum(trust for _, trust in counted)
    result = debrief(game).results[side]
    said = result.pressure
    assert said is not None
    for name in named:
        assert f"\u201c{name}\u201d" in said
    # Such a move may raise one shared meter as it lowers another: it is said to take
    # something off them, not to lower them.
    assert "took something off the meters both sides share" in said
    for t, _, lowered in moves:
        if t in tactics and not lowered and tactics[t].kind != "threat":
            assert f"\u201c{tactics[t].name}\u201d" not in said
    assert f"took {lost:g} off trust between delegations" in said
    window, terminal = window_and_terminal(make_app(), Session(game, (side,)))
    for text in (window, terminal, " ".join(transcript.markdown(game).split()),
                 unescape(" ".join(transcript.html(game).split()))):
        assert said in text



def test_a_gift_beyond_the_ask_is_explained_in_every_debrief(make_app) -> None:  # type: ignore[no-untyped-def]
    """A playtester gave Russia more than it asked and read, each time, that trust did not
    move, and the debrief said nothing of it: the debrief names each such gift, once the
    record has called it one, and why it bought nothing, in the window, the terminal and
    the transcripts alike. What kept clear of red lines said aloud, or put the other side's
    own earlier proposal back to it, is no gift."""
    from html import unescape

    from game.library import shipped_scenarios

    scenario = load_scenario(next(p for p in shipped_scenarios() if "feb" in p.stem))
    gifts = 0
    for seed in range(40):
        game = play_one(scenario, seed, Settings(), players={"us": "principled"})
        d = debrief(game)
        for side in game.sides:
            said = [e for e in game.log if e.kind == "effect" and e.title and
                    e.title.startswith(f"{scenario.sides[side].called_first} gives more than")
                    and "a gift beyond the ask" in e.title]
            result = d.results[side]
            assert bool(result.gift) == bool(game.gifts(side))
            # Each gift counted is one the record said, on that issue.
            record = " ".join(e.title or "" for e in said)
            assert all(f"{scenario.issue(i).name}: " in record for i in game.gifts(side))
        if game.gifts("us"):
            gifts += 1
            text = d.results["us"].gift
            assert text is not None and text.startswith("The United States gave Russia more "
                                                        "than it had asked, on ")
            window, terminal = window_and_terminal(make_app(), Session(game, ("us",)))
            for page in (window, terminal, " ".join(transcript.markdown(game).split()),
                         unescape(" ".join(transcript.html(game).split()))):
                assert text in page
            if gifts >= 2:
                break
    assert gifts

def test_the_windows_result_page_says_which_proposals_crossed_the_others_red_lines(make_app) -> None:  # type: ignore[no-untyped-def]
    # As the terminal's debrief and the transcript say it (see the transcript tests): how
    # many of a side's proposals crossed the other side's red lines, and which.
    app = make_app()
    scenario = load_scenario(DEFAULT_SCENARIO)
    game = play_one(scenario, 5, Settings(), players={"us": "hardline"})
    session = Session(game, ())
    sentences = [r.asked_across for r in debrief(game).results.values() if r.asked_across]
    assert sentences
    screen = app.push(Debrief(session))
    lines = [span.text for span in screen.texts_by_page[0].spans]
    assert all(sentence in lines for sentence in sentences)
    app.pop()
    # Not when the teacher's settings hide what each side held private: it names the
    # other side's red lines.
    from game.engine import Game
    hidden = Game.replay(scenario, Settings(reveal_priorities=False), game.seed, game.moves,
                         game.teams, edition=game.edition)
    screen = app.push(Debrief(Session(hidden, ("us",))))
    lines = [span.text for span in screen.texts_by_page[0].spans]
    assert not any(sentence in lines for sentence in sentences)


def test_an_issues_weight_is_the_same_percentage_in_every_place_it_is_shown(
        make_app) -> None:  # type: ignore[no-untyped-def]
    """The brief gave an issue's weight by the game's rounding (halves up), the menus and
    the debrief by Python's (halves to even): a weight of 12.5% read 13% in one place and
    12% in another. With two such weights, every place says 13%: the terminal's menus, the
    window's and the terminal's debriefs, and both transcripts."""
    from html import unescape

    from game.engine import Game
    from game.moves import Move

    base = load_scenario(DEFAULT_SCENARIO)
    us = base.sides["us"]
    weights = {**us.weights, "separation": 0.125, "targets": 0.125}
    assert abs(sum(weights.values()) - 1.0) < 1e-9
    scenario = base.model_copy(update={"sides": {
        **base.sides, "us": us.model_copy(update={"weights": weights})}})
    # The terminal: the menu of issues to name, then the package builder's headings.
    out = io.StringIO()
    game = Game(scenario, Settings(), 3)
    game.apply(Move.propose({i.id: i.options[0].id for i in scenario.issues}))
    text = TextGame(Session(game, {"us"}), io.StringIO("\n6\nc\n1\nc\nq\ny\n"), out)
    text.run()
    flat = " ".join(out.getvalue().split())
    assert "Separation from al-Nusra (13% of your points)" in flat
    assert "Target groups (13% of your points)" in flat
    assert "12%" not in flat
    # The debriefs.
    session = Session.start(scenario, Settings(), DEMO, seed=3)
    session.play_to_end()
    window, terminal = window_and_terminal(make_app(), session, page=3)
    window = " ".join(window.split())
    # (The window gives the share first, before the issue's bar.)
    assert "13% Separation from al-Nusra" in window and "13% Target groups" in window
    for shown in (window, terminal, " ".join(transcript.markdown(session.game).split()),
                  unescape(" ".join(transcript.html(session.game).split()))):
        if shown is not window:
            assert "Separation from al-Nusra 13%" in shown and "Target groups 13%" in shown
        assert "12%" not in shown


def test_the_windows_result_page_gives_the_seed(make_app) -> None:  # type: ignore[no-untyped-def]
    """The command's help says the seed is shown so that a game can be replayed; the
    window showed it nowhere (a window playtest). Its result page gives it, as the
    terminal prints it and the transcript states it; the seed given replays the game."""
    app = make_app()
    scenario = load_scenario(DEFAULT_SCENARIO)
    game = play_one(scenario, 8, Settings(), players={"us": "principled"})
    screen = app.push(Debrief(Session(game, ("us",))))
    lines = [span.text for span in screen.texts_by_page[0].spans]
    app.pop()
    assert "Seed 8: a game started with --seed 8 meets the same events, and the computer " \
        "answers the same moves alike." in lines
    again = play_one(scenario, 8, Settings(), players={"us": "principled"})
    assert [e.to_json() for e in again.log] == [e.to_json() for e in game.log]
