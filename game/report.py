"""The class report: every group's saved game in one table (CSV) and one summary page."""

from __future__ import annotations

import csv
import logging
from collections import Counter
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from game.debrief import debrief
from game.errors import ParleyError
from game.resolve import FOLDER_ADVICE, ScenarioFinder
from game.save import list_saves, restore
from game.svgchart import bar_svg

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Row:
    values: dict[str, Any]


COLUMNS = ["file", "scenario", "teams", "sides_played", "difficulty", "rounds_setting",
           "undo", "seconds_per_turn", "outcome", "outcome_name", "finished", "rounds",
           "side_a", "side_b", "points_a", "points_b", "fallback_a", "fallback_b",
           "gain_a", "gain_b", "frontier_distance", "score", "note"]

#: The summary page's table: (heading, how to show a row).
PAGE_COLUMNS: list[tuple[str, Any]] = [
    ("Game", lambda v: v["file"]),
    ("Teams", lambda v: v["teams"]),
    ("Played by people", lambda v: v["sides_played"]),
    ("Settings", lambda v: f"{v['difficulty']}, undo {'on' if v['undo'] else 'off'}"
                           + (f", {v['rounds_setting']} rounds" if v["rounds_setting"] else "")
                           + (f", {v['seconds_per_turn']} s a turn" if v["seconds_per_turn"]
                              else "")),
    ("Outcome", lambda v: v["outcome_name"]),
    ("Rounds", lambda v: v["rounds"]),
    ("Points", lambda v: f"{v['side_a']} {v['points_a']}, {v['side_b']} {v['points_b']}"),
    ("Gain over BATNA", lambda v: f"{v['side_a']} {v['gain_a']:+d}, "
                                  f"{v['side_b']} {v['gain_b']:+d}"),
    ("Distance to frontier", lambda v: v["frontier_distance"]),
    ("Score", lambda v: v["score"]),
    ("Note", lambda v: v["note"]),
]


def gather(folder: Path, scenario_dirs: list[Path] | None = None) -> tuple[list[Row], list[str]]:
    """One row per readable save in *folder*, and a message for each one that was not.

    Each save is replayed on the scenario it was played on, found by its hash
    (:mod:`game.resolve`; *scenario_dirs* are searched too), so no file in the folder can
    change the figures of another group's game."""
    finder = ScenarioFinder(folders=scenario_dirs or [], advice=FOLDER_ADVICE)
    rows, problems = [], []
    for summary in sorted(list_saves(folder), key=lambda s: s.path.name):
        if summary.save is None:
            problems.append(summary.error or f"{summary.path}: unreadable")
            continue
        save = summary.save
        try:
            scenario = finder.find(save, summary.path).scenario
            restored = restore(save, scenario)
        except ParleyError as exc:
            problems.append(f"{summary.path}: {exc}")
            continue
        except Exception as exc:  # a bug: one save must not stop the class's report
            log.exception("report: %s could not be replayed", summary.path)
            problems.append(f"{summary.path}: could not be replayed because of an error in "
                            f"Parley ({type(exc).__name__}); the other games are reported")
            continue
        game = restored.game
        d = debrief(game)
        a, b = game.sides
        teams = "; ".join(f"{scenario.sides[s].short}: {game.teams.get(s, '?')}"
                          for s in game.sides)
        settings = game.settings
        rows.append(Row({
            "file": summary.path.name, "scenario": scenario.id, "teams": teams,
            "sides_played": " ".join(sorted(restored.humans)) or "none",
            "difficulty": settings.difficulty, "rounds_setting": settings.rounds or "",
            "undo": settings.undo, "seconds_per_turn": settings.seconds_per_turn or "",
            "outcome": d.outcome_id or "unfinished",
            "outcome_name": d.outcome_name if d.finished else "Unfinished",
            "finished": d.finished, "rounds": game.state.round,
            "side_a": scenario.sides[a].short, "side_b": scenario.sides[b].short,
            "points_a": d.results[a].points, "points_b": d.results[b].points,
            "fallback_a": d.results[a].batna_points, "fallback_b": d.results[b].batna_points,
            "gain_a": d.results[a].gain_points, "gain_b": d.results[b].gain_points,
            "frontier_distance": "" if d.frontier_points is None else d.frontier_points,
            "score": d.score if d.finished else "", "note": restored.warning or ""}))
    return rows, problems


#: What a spreadsheet takes for the start of a formula (or, for tab and carriage return,
#: what some read past to find one) when a cell begins with it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """*value* as a CSV cell no spreadsheet runs: text that starts like a formula gets a
    leading apostrophe, which spreadsheets show as text (numbers are left as they are).

    >>> print(spreadsheet_safe("=1+2"), spreadsheet_safe(-3), spreadsheet_safe("US"))
    '=1+2 -3 US
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(rows: list[Row], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: spreadsheet_safe(v) for k, v in row.values.items()})


def write_html(rows: list[Row], problems: list[str], path: Path, title: str) -> None:
    e = escape
    outcomes = Counter(str(r.values["outcome_name"]) for r in rows)
    finished = [r for r in rows if r.values["finished"]]
    scores = [r.values["score"] for r in finished]
    mean = f"{sum(scores) / len(scores):.0f}" if scores else "-"
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{e(title)}</title><style>body{{font-family:system-ui,sans-serif;"
           "max-width:70rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}"
           "td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;"
           "font-size:.9rem;vertical-align:top}"
           "svg{max-width:40rem;width:100%;height:auto}</style></head><body>",
           f"<h1>{e(title)}</h1>",
           f"<p>{len(rows)} games, {len(finished)} finished; mean joint score of finished "
           f"games: {mean}/100.</p>", "<h2>Outcomes</h2>",
           bar_svg(sorted(outcomes.items(), key=lambda kv: -kv[1]), "Outcomes"),
           "<h2>Groups</h2>", "<p>Points are out of 100 for each side; the CSV file beside "
           "this page holds every figure.</p>", "<table><tr>" +
           "".join(f"<th>{e(heading)}</th>" for heading, _ in PAGE_COLUMNS) + "</tr>"]
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{e(str(show(row.values)))}</td>"
                                    for _, show in PAGE_COLUMNS) + "</tr>")
    out.append("</table>")
    if problems:
        out.append("<h2>Files that could not be read</h2><ul>" +
                   "".join(f"<li>{e(p)}</li>" for p in problems) + "</ul>")
    out.append("</body></html>")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
