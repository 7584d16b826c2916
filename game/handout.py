"""Printed handouts: each side's confidential brief, and the teacher's answer sheet.

``python main.py brief SCENARIO --side us|ru|both -o FILE.html`` writes one self-contained
HTML page per side (general situation, confidential brief, points table, fallback, red
lines, sources), each on its own printed page; ``--teacher`` writes the answer sheet: both
sides' points, the outcome space with the frontier and the Nash point, and what each
outcome means. The numbers are the ones the game shows: points come from
:func:`game.analysis.points`, and the Nash point and the chart from the debrief model of a
game not yet played (:func:`game.debrief.debrief`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape as e

from game.analysis import percent, points
from game.debrief import debrief
from game.engine import Game
from game.model import Scenario
from game.play.wording import (LOSS, POINTS_TABLE, TOGETHER, combination_text, contradiction_texts,
                               in_all_texts, rounds_text)
from game.settings import Settings
from game.svgchart import outcome_space_svg

_CSS = """
@page{size:A4;margin:8mm 11mm}
*{box-sizing:border-box}
body{font-family:"Noto Sans",system-ui,sans-serif;color:#111;line-height:1.18;
font-size:8.4pt;max-width:52rem;margin:1.5rem auto;padding:0 1rem}
.page{break-after:page;page-break-after:always;padding-bottom:1rem}
.page:last-child{break-after:auto;page-break-after:auto}
header{display:flex;justify-content:space-between;border-bottom:2px solid var(--side,#333);
font-size:8pt;color:#444;padding-bottom:2pt;margin-bottom:4pt}
.secret{font-weight:700;color:var(--side,#333);letter-spacing:.04em}
h1{font-size:14pt;margin:2pt 0;display:inline-block;margin-right:2rem}
h2{font-size:9.5pt;margin:4pt 0 1pt;border-bottom:1px solid #bbb;break-after:avoid}
p{margin:2pt 0}ul,ol{margin:2pt 0;padding-left:1.2rem}li{margin:1pt 0}
.team{display:inline-block;font-size:9.5pt}.team span{display:inline-block;width:14rem;
border-bottom:1px solid #555}
.cols{display:grid;grid-template-columns:1fr 1fr;gap:0 1.2rem}
table{border-collapse:collapse;width:100%;font-size:8pt;line-height:1.12}
td,th{border:1px solid #bbb;padding:0 4pt;text-align:left;vertical-align:top}
th{background:#eee}td.n,th.n{text-align:right;white-space:nowrap}
tr.issue td{background:#f0f0f0;font-weight:600}
.keep{break-inside:avoid}
.fallback{border:2px solid var(--side,#333);padding:3pt 5pt;margin:3pt 0;
break-inside:avoid}
.sources{font-size:7pt;color:#333}.sources ul{column-count:2;column-gap:1.1rem}
.sources li{break-inside:avoid}.sources li{margin-bottom:1pt}
.chart svg{width:100%;max-width:30rem;height:auto;border:1px solid #ccc}
.small{font-size:7pt;color:#444}
@media screen{.page{border-bottom:3px dashed #999;margin-bottom:2rem;padding-bottom:2rem}}
@media print{body{margin:0;max-width:none;padding:0}.page{padding-bottom:0}}
"""

#: What a trigger means, in words, for the answer sheet.
_TRIGGERS = {"agreement": "a deal is accepted", "walkout": "a side walks out",
             "deadline": "the last round ends with no deal",
             "breakdown": "at any moment of the talks"}


def _page(title: str, body: Iterable[str]) -> str:
    return "\n".join(["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
                      '<meta name="viewport" content="width=device-width, initial-scale=1">',
                      f"<title>{e(title)}</title><style>{_CSS}</style></head><body>",
                      *body, "</body></html>"]) + "\n"


_COMPARISONS = {">=": "is at least", "<=": "is at most", "==": "is", "!=": "is not",
                ">": "is above", "<": "is below"}


def condition_words(scenario: Scenario, condition: str) -> str:
    """An outcome's condition with the scenario's names for its ids, for people to read:
    ``joint_action >= joint_planning`` -> ``Form of joint action is at least "Joint
    planning"``."""
    names: dict[str, str] = {m.id: m.name for m in scenario.meters}
    for issue in scenario.issues:
        names[issue.id] = issue.name
        names.update({o.id: f"\u201c{o.name}\u201d" for o in issue.options})
    for side in scenario.side_ids:
        names[f"walkout_{side}"] = f"the side is {scenario.sides[side].name}"

    def word(match: re.Match[str]) -> str:
        token = match.group(0)
        return _COMPARISONS.get(token) or names.get(token, token)

    return re.sub(r">=|<=|==|!=|>|<|[A-Za-z_][A-Za-z0-9_]*", word, condition)


def side_page(scenario: Scenario, side: str, settings: Settings) -> str:
    """One side's handout, as a ``<section>`` that prints on its own page."""
    spec = scenario.sides[side]
    out = [f'<section class="page side" id="side-{e(side)}" style="--side:{e(spec.colour)}">',
           f"<header><span>Parley: {e(scenario.title)}</span>"
           f'<span class="secret">CONFIDENTIAL: {e(spec.name.upper())} ONLY</span></header>',
           f"<h1>{e(spec.name)}: your brief</h1>",
           '<p class="team">Team: <span>&nbsp;</span></p>',
           "<h2>The general situation</h2>",
           f"<p><strong>{e(scenario.date)}.</strong> {e(scenario.summary)}</p>",
           f"<p>{e(rounds_text(scenario, settings.rounds))} "
           f"{e(scenario.sides[scenario.side_ids[0]].name)} moves first.</p>",
           '<div class="cols"><div>',
           "<h2>Your confidential brief</h2>",
           f"<p>You are the {e(spec.negotiator)}.</p>", f"<p>{e(spec.brief)}</p>",
           "<h2>Your priorities</h2><ol>" +
           "".join(f"<li>{e(line)}</li>" for line in spec.priorities) + "</ol>"]
    out += ["<h2>Your fallback (BATNA)</h2>",
            f'<div class="fallback"><strong>{e(spec.batna.name)}: worth '
            f"{points(spec.batna.value)} points.</strong> {e(spec.batna.description)} "
            "A deal is worth making only if it gives you more points than this.</div>",
            "<h2>Your red lines</h2>"]
    if spec.red_lines:
        out.append('<div class="keep"><ul>' + "".join(f"<li>{e(red.text)}</li>"
                                                      for red in spec.red_lines) +
                   f"</ul><p class=\"small\">A deal that crosses a red line counts as "
                   f"{e(LOSS)}.</p></div>")
    else:
        out.append("<p>This side has no red line in this scenario.</p>")
    out += ["</div><div>", "<h2>Your points table</h2>",
            f"<p class=\"small\">{e(POINTS_TABLE)}</p>",
            '<table><tr><th>Issue and option</th><th class="n">of 100</th></tr>']
    for issue in scenario.issues:
        out.append(f'<tr class="issue"><td>{e(issue.name)}</td>'
                   f'<td class="n">{percent(spec.weights[issue.id])} of your points</td></tr>')
        for option in issue.options:
            out.append(f"<tr><td>{e(option.name)}</td>"
                       f'<td class="n">{points(spec.values[issue.id][option.id])}</td></tr>')
    out.append("</table>")
    if spec.combinations:
        out.append(f"<p class=\"small\">{e(TOGETHER)}</p><ul class=\"small\">" +
                   "".join(f"<li>{e(combination_text(scenario, c))}</li>"
                           for c in spec.combinations) + "</ul>" +
                   "".join(f'<p class="small">{e(text)}</p>'
                           for text in in_all_texts(scenario, side)))
    out.append("</div></div>")
    out += _sources(scenario, [*spec.cite, *spec.batna.cite])
    out.append("</section>")
    return "\n".join(out)


def _sources(scenario: Scenario, cites: list[str]) -> list[str]:
    ids = list(dict.fromkeys(cites))
    if not ids:
        return []
    items = []
    for source_id in ids:
        source = scenario.source(source_id)
        items.append(f"<li>\u201c{e(source.text)}\u201d ({e(source.attribution)})</li>")
    return ['<div class="sources"><h2>Sources</h2><ul>', *items, "</ul></div>"]


def briefs_html(scenario: Scenario, sides: list[str], settings: Settings | None = None) -> str:
    """The handout of each side in *sides*, one printed page each, in one HTML file."""
    settings = settings or Settings()
    names = " and ".join(scenario.sides[s].name for s in sides)
    return _page(f"{scenario.title}: brief for {names}",
                 [side_page(scenario, side, settings) for side in sides])


def answer_sheet_html(scenario: Scenario, settings: Settings | None = None) -> str:
    """The teacher's answer sheet: both sides' points, fallbacks and red lines, the outcome
    space with the frontier and the Nash point, and what each outcome means."""
    settings = settings or Settings()
    d = debrief(Game(scenario, settings, 0))
    a, b = scenario.side_ids
    sa, sb = scenario.sides[a], scenario.sides[b]
    head = (f"<header><span>Parley: {e(scenario.title)}</span>"
            '<span class="secret">TEACHER\'S ANSWER SHEET: NOT FOR STUDENTS</span></header>')
    out = ['<section class="page">', head,
           f"<h1>{e(scenario.title)}: answer sheet</h1>",
           f"<p>{e(scenario.date)}. {e(rounds_text(scenario, settings.rounds))}</p>",
           "<h2>Both sides' points</h2>",
           f'<table><tr><th>Issue and option</th><th class="n">{e(sa.name)}</th>'
           f'<th class="n">{e(sb.name)}</th></tr>']
    for issue in scenario.issues:
        out.append(f'<tr class="issue"><td>{e(issue.name)}</td>'
                   f'<td class="n">{points(sa.weights[issue.id])}%</td>'
                   f'<td class="n">{points(sb.weights[issue.id])}%</td></tr>')
        for option in issue.options:
            out.append(f"<tr><td>{e(option.name)}</td>"
                       f'<td class="n">{points(sa.values[issue.id][option.id])}</td>'
                       f'<td class="n">{points(sb.values[issue.id][option.id])}</td></tr>')
    out.append("</table><p class=\"small\">Issue rows: the issue's share of each side's "
               "points. Option rows: what the option earns of that share, out of 100.</p>")
    out.append('<div class="cols">')
    for side in (a, b):
        spec = scenario.sides[side]
        out.append(f"<div><h2>{e(spec.name)}</h2>"
                   f"<p><strong>Fallback:</strong> {e(spec.batna.name)}, "
                   f"{points(spec.batna.value)} points.</p>")
        if spec.red_lines:
            out.append("<p><strong>Red lines:</strong></p><ul>" + "".join(
                f"<li>{e(red.text)}</li>" for red in spec.red_lines) + "</ul>")
        if spec.combinations:
            out.append("<p><strong>Options worth more or less together:</strong></p><ul>" +
                       "".join(f"<li>{e(combination_text(scenario, c))}</li>"
                               for c in spec.combinations) + "</ul>")
        result = d.results[side]
        out.append(f"<p><strong>Best gain:</strong> {result.best_gain_points} points over "
                   "its fallback, in a deal worth at least its own fallback to the other "
                   "side, the most that side could be asked to accept (a mark of 100 in the "
                   "class report). With the fallbacks as the talks begin: a tactic or an "
                   "event that moves a fallback during a game moves this figure in that "
                   "game's report.</p>")
        out.append("<p><strong>Priorities:</strong> " + e(", ".join(
            f"{name} {points(weight)}%" for name, weight in d.results[side].priorities)) +
            "</p></div>")
    out += ["</div></section>", '<section class="page">', head,
            "<h2>The outcome space</h2>",
            "<p>Every package both sides could sign is a grey dot (pale: it crosses a red "
            "line); the black line is the Pareto frontier, the packages within both sides' "
            "red lines that no other such package beats for both; the dashed lines are the "
            "two fallbacks; the gold diamond is the Nash bargaining point.</p>", f'<div class="chart">{outcome_space_svg(scenario, d)}</div>']
    if d.nash is not None and d.nash_points is not None:
        worth = ", ".join(f"{scenario.sides[s].name} {n}" for s, n in d.nash_points.items())
        out.append(f"<h2>The Nash bargaining point ({e(worth)} points)</h2>"
                   "<p>The deal that makes the product of both sides' gains over their "
                   "fallbacks largest:</p><ul>" +
                   "".join(f"<li>{e(issue)}: {e(option)}</li>" for issue, option in d.nash) +
                   "</ul>")
    else:
        out.append("<p>No deal beats both fallbacks at the start of the talks: there is no "
                   "Nash bargaining point.</p>")
    out += ["</section>", '<section class="page">', head, "<h2>What each outcome means</h2>",
            "<p class=\"small\">The game checks the outcomes in this order and ends on the "
            "first that applies.</p>",
            '<table><tr><th>Outcome</th><th>When</th><th>What it means</th></tr>']
    for outcome in scenario.outcomes:
        when = _TRIGGERS[outcome.trigger]
        if outcome.when:
            when += f", and {condition_words(scenario, outcome.when)}"
        out.append(f"<tr><td><strong>{e(outcome.name)}</strong></td><td>{e(when)}</td>"
                   f"<td>{e(outcome.text)}</td></tr>")
    out.append("</table>")
    if scenario.contradictions:
        out += ["<h2>Options that cannot stand together</h2><p class=\"small\">For both "
                "sides: the game refuses a package that holds them, with the reason. (The "
                "students' pages have no room for them; the game shows them in its brief.)"
                "</p><ul class=\"small\">",
                *(f"<li>{e(text)}</li>" for text in contradiction_texts(scenario)), "</ul>"]
    out += ["<h2>What really happened</h2><ul class=\"small\">"]
    out += [f"<li><strong>{e(f.date)}:</strong> {e(f.text)} (source: {e(f.source)})</li>"
            for f in scenario.debrief.history]
    out += ["</ul>", "</section>"]
    return _page(f"{scenario.title}: answer sheet", out)


__all__ = ["answer_sheet_html", "briefs_html", "condition_words", "side_page"]
