"""A game's transcript: every move and line with its citation, and the debrief, as
Markdown or as one self-contained HTML page with the charts inline."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

from game.analysis import percent
from game.debrief import REASONS_NOTE, Debrief, debrief, score_parts_text
from game.engine import Game
from game.moves import TRADE, Entry
from game.safetext import markdown_text, plain
from game.play.wording import changes_text, event_title, offer_rows, round_label, rounds_text
from game.svgchart import meters_svg, outcome_space_svg


@dataclass
class Line:
    round: int
    kind: str
    who: str
    text: str
    cites: list[str] = field(default_factory=list)
    effects: str = ""
    offer: list[tuple[str, str]] = field(default_factory=list)


def seen_by(game: Game, humans: Iterable[str] | None) -> set[str] | None:
    """The sides whose private entries a transcript may show: every side's (None) once the
    game is over; before that, only the side of the one team that plays it (the team that
    exports it), and none in a game of two teams or of the computer alone."""
    if game.finished:
        return None
    people = set(humans or ())
    return people if len(people) == 1 else set()


def lines_of(game: Game, humans: Iterable[str] | None = None) -> list[Line]:
    """The record as lines a reader follows; effects join the line that caused them. Before
    the game is over, only what the exporting team has seen (:func:`seen_by`)."""
    lines: list[Line] = []
    scenario = game.scenario
    allowed = seen_by(game, humans)
    for entry in game.log:
        if allowed is not None and entry.private is not None and entry.private not in allowed:
            continue
        if entry.kind == "effect":
            text = changes_text(scenario, entry)
            if not text and entry.ref == TRADE:
                text = entry.title  # a trade that comes out even: said, changing nothing
            elif text and entry.ref in scenario.move_effects:
                # A cause of its own, a rule of the table (a proposal judged a step toward
                # the other side, a rejection, an answer): said, so the change does not hang
                # unexplained. A tactic's or an event's effects follow its own line.
                text = f"{entry.title}: {text}"
            if lines and text:
                lines[-1].effects = "; ".join(p for p in (lines[-1].effects, text) if p)
            continue
        lines.append(_line(game, entry))
    return lines


def _line(game: Game, entry: Entry) -> Line:
    scenario = game.scenario
    cites = [scenario.source(c) for c in entry.cite]
    quotes = [f"\u201c{s.text}\u201d ({s.attribution})" for s in cites]
    offer = offer_rows(scenario, entry.offer) if entry.offer and entry.kind == "move" and \
        entry.move is not None and entry.move.kind == "propose" else []
    if entry.kind in ("move", "reply", "reason", "timeout"):
        side = entry.speaker or ""
        who = scenario.sides[side].name if side in scenario.sides else ""
        team = game.teams.get(side)
        if entry.kind == "reason":
            who = f"{who}, the computer's reasoning"
        elif team:
            who = f"{who} ({team})"
        text = entry.body
        if entry.kind == "move" and entry.move is not None and entry.move.kind == "tactic":
            text = f"[{entry.title}] {entry.body}"
        return Line(entry.round, entry.kind, who, text, quotes, offer=offer)
    if entry.kind == "event":
        return Line(entry.round, entry.kind, "Event", f"{event_title(entry)}. {entry.body}",
                    quotes)
    who = {"phase": "Phase", "outcome": "Outcome"}[entry.kind]
    return Line(entry.round, entry.kind, who, f"{entry.title}. {entry.body}", quotes)


def _facts(game: Game) -> list[tuple[str, str]]:
    s = game.settings
    state = game.state
    names = {side: game.scenario.sides[side].name for side in game.sides}
    teams = ", ".join(f"{names.get(side, side)}: {team}" for side, team in game.teams.items())
    return [("Scenario", f"{game.scenario.title} ({game.scenario.id})"),
            ("Teams", teams or "not recorded"), ("Seed", str(game.seed)),
            ("Rounds", f"{state.round} of {state.rounds} played. "
                       f"{rounds_text(game.scenario, s.rounds)}"),
            ("Settings", f"difficulty {s.difficulty}, bargaining rounds "
                         f"{s.rounds or 'as the scenario says'}, "
                         f"undo {'on' if s.undo else 'off'}, seconds per turn "
                         f"{s.seconds_per_turn or 'no limit'}")]


def _results(d: Debrief, reveal: bool) -> list[str]:
    """Each side's result as the transcript states it; *reveal*: the teacher's settings
    reveal what each side held private (its red lines, named when the other side's
    proposals crossed them)."""
    rows = []
    for r in d.results.values():
        crossed = f" Red line crossed: {'; '.join(r.red_lines_crossed)}" \
            if r.red_lines_crossed else ""
        moved = f" {r.fallback_moved}" if r.fallback_moved else ""
        moved += f" {r.conduct}" if r.conduct else ""
        moved += f" {r.pressure}" if r.pressure else ""
        moved += f" {r.gift}" if r.gift else ""
        moved += f" {r.asked_across}" if r.asked_across and reveal else ""
        # As every debrief states it, with what 50 and 100 mean (a transcript is read by
        # a teacher: of both sides, in the third person).
        mark = f" {r.mark_sentence(yours=False)}" if d.finished else ""
        rows.append(f"{r.name}: {r.points} points against a fallback of {r.batna_points} "
                    f"(gain {r.gain_points:+d}). {r.verdict}{moved}{crossed}{mark}")
    return rows


def _nash(game: Game, d: Debrief) -> str:
    assert d.nash is not None and d.nash_points is not None
    worth = ", ".join(f"{game.scenario.sides[s].name} {n}" for s, n in d.nash_points.items())
    return "; ".join(f"{issue}: {option}" for issue, option in d.nash) + \
        f" ({worth} points)"


#: Said instead of the debrief in the transcript of a game that is not over.
NOT_OVER = ("The game is not over. The debrief (both sides' points, the outcome space, the "
            "computer's reasons, what each side cared about) is shown once it is; until "
            "then this transcript holds only what the team that plays has seen.")


def markdown(game: Game, humans: Iterable[str] | None = None) -> str:
    """The transcript as Markdown; *humans*: the sides played by people (before the game is
    over, only what the one team playing has seen is shown)."""
    d = debrief(game)
    out = [f"# {game.scenario.title}: transcript", ""]
    out += [f"- **{k}:** {v}" for k, v in _facts(game)]
    out += ["", "## The talks", ""]
    lines = lines_of(game, humans)
    if any(line.kind == "reason" for line in lines):  # what their figures are, first
        out += [f"*{REASONS_NOTE}*", ""]
    current = 0
    for line in lines:
        if line.round != current:
            current = line.round
            out += [f"### {round_label(game.scenario, game.settings.rounds, current)}", ""]
        text = f"**{line.who}:** {line.text}"
        if line.effects:
            text += f" *({line.effects})*"
        out.append(text)
        if line.offer:
            out.append("")
            out += [f"  - {issue}: {option}" for issue, option in line.offer]
        for quote in line.cites:
            out.append(f"> Source: {quote}")
        out.append("")
    if not game.finished:
        return markdown_text("\n".join(out + ["## Debrief", "", NOT_OVER]) + "\n")
    # The outcome by its name: what it means ends the talks just above (a playtester read
    # the same paragraph twice in a row).
    out += ["## Debrief", "", f"**Outcome:** {d.outcome_name}.", ""]
    if d.deal:
        out += ["**The deal:**", ""] + [f"- {k}: {v}" for k, v in d.deal] + [""]
    out += [f"- {row}" for row in _results(d, game.settings.reveal_priorities)]
    out += ["", f"**Joint score:** {d.score}/100 ({score_parts_text(d.score_parts)})", ""]
    out += [f"- {how}" for how in d.score_how] + ([""] if d.score_how else [])
    if d.nash:
        out += ["**The fairest split of what both could gain (the Nash point):** " +
                _nash(game, d), ""]
    if d.frontier_text:
        out += [f"**{d.frontier_heading}:** {d.frontier_text}", ""]
    if game.settings.reveal_priorities:
        out += ["### What each side cared about", ""]
        out += [f"- {r.name}: " + ", ".join(f"{n} {percent(w)}" for n, w in r.priorities)
                for r in d.results.values()]
        out.append("")
    out += ["### What really happened", ""]
    out += [f"- **{f.date}:** {f.text} (source: {f.source})" for f in d.history]
    out += ["", "### Questions for discussion", ""]
    if d.questions_note:
        out += [d.questions_note, ""]
    out += [f"{i}. {q}" for i, q in enumerate(d.questions, 1)]
    # Scenario texts, team names and saved reasons are a stranger's: no escape sequence
    # or HTML tag of theirs reaches the file.
    return markdown_text("\n".join(out) + "\n")


_CSS = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
line-height:1.5;color:#1a1a1a}h1{font-size:1.6rem}h2{border-bottom:1px solid #ccc}
.line{margin:.4rem 0}.who{font-weight:600}.effects{color:#555;font-style:italic}
.event{background:#fff4e0;padding:.3rem .6rem;border-left:4px solid #e6ab02}
.phase{color:#444;font-weight:600;margin-top:1rem}.outcome{background:#eef;padding:.5rem}
.reason{color:#555;font-size:.9rem}blockquote{margin:.2rem 0 .2rem 1.5rem;color:#333;
font-size:.9rem;border-left:3px solid #bbb;padding-left:.6rem}
.charts{display:flex;flex-wrap:wrap;gap:1rem}.charts svg{width:100%;max-width:30rem;
height:auto;border:1px solid #ddd}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}
"""


def html(game: Game, humans: Iterable[str] | None = None) -> str:
    """The transcript as one self-contained HTML page, the charts as inline SVG; *humans*
    as for :func:`markdown`."""
    d = debrief(game)
    e = escape
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{e(game.scenario.title)}: transcript</title>",
           f"<style>{_CSS}</style></head><body>",
           f"<h1>{e(game.scenario.title)}: transcript</h1>", "<table>"]
    out += [f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in _facts(game)]
    out += ["</table>", "<h2>The talks</h2>"]
    lines = lines_of(game, humans)
    if any(line.kind == "reason" for line in lines):  # what their figures are, first
        out.append(f'<p class="reason">{e(REASONS_NOTE)}</p>')
    current = 0
    for line in lines:
        if line.round != current:
            current = line.round
            out.append(f"<h3>{e(round_label(game.scenario, game.settings.rounds, current))}"
                       "</h3>")
        effects = f' <span class="effects">({e(line.effects)})</span>' if line.effects else ""
        offer = ("<ul>" + "".join(f"<li>{e(issue)}: {e(option)}</li>"
                                  for issue, option in line.offer) + "</ul>") if line.offer else ""
        out.append(f'<div class="line {e(line.kind)}"><span class="who">{e(line.who)}:</span> '
                   f"{e(line.text)}{effects}{offer}</div>")
        out += [f"<blockquote>Source: {e(q)}</blockquote>" for q in line.cites]
    if not game.finished:
        out += ["<h2>Debrief</h2>", f"<p>{e(NOT_OVER)}</p>", "</body></html>"]
        return plain("\n".join(out) + "\n")
    out += ["<h2>Debrief</h2>",
            f'<p class="outcome"><strong>Outcome: {e(d.outcome_name)}.</strong></p>']
    if d.deal:
        out.append("<p><strong>The deal:</strong></p><ul>" + "".join(
            f"<li>{e(k)}: {e(v)}</li>" for k, v in d.deal) + "</ul>")
    rows = _results(d, game.settings.reveal_priorities)
    out.append("<ul>" + "".join(f"<li>{e(row)}</li>" for row in rows) + "</ul>")
    out.append(f"<p><strong>Joint score:</strong> {d.score}/100 "
               f"({e(score_parts_text(d.score_parts))})</p>")
    if d.score_how:
        out.append("<ul>" + "".join(f"<li>{e(how)}</li>" for how in d.score_how) + "</ul>")
    if d.report.nash:
        out.append("<p><strong>The fairest split of what both could gain (the Nash "
                   "point):</strong> " + e(_nash(game, d)) + "</p>")
    if d.frontier_text:
        out.append(f"<p><strong>{e(d.frontier_heading)}:</strong> "
                   f"{e(d.frontier_text)}</p>")
    out += ['<div class="charts">', outcome_space_svg(game.scenario, d),
            meters_svg(d, game.scenario), "</div>"]
    if game.settings.reveal_priorities:
        out.append("<h3>What each side cared about</h3><ul>" + "".join(
            f"<li>{e(r.name)}: " + e(", ".join(f"{n} {percent(w)}" for n, w in r.priorities)) +
            "</li>" for r in d.results.values()) + "</ul>")
    out.append("<h3>What really happened</h3><ul>" + "".join(
        f"<li><strong>{e(f.date)}:</strong> {e(f.text)} (source: {e(f.source)})</li>"
        for f in d.history) + "</ul>")
    out.append("<h3>Questions for discussion</h3>" + (
        f"<p>{e(d.questions_note)}</p>" if d.questions_note else "") + "<ol>" + "".join(
        f"<li>{e(q)}</li>" for q in d.questions) + "</ol>")
    out.append("</body></html>")
    return plain("\n".join(out) + "\n")  # no control characters from a stranger's text
