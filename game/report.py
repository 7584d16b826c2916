"""The class report: every group's saved game in one table (CSV) and one summary page.

The CSV has one row for each side of each game: its team, its points, its own mark and how
the mark compares with the class, and the game's joint figures. Every figure is the debrief
model's (:mod:`game.debrief`), in points out of 100. A game saved more than once (a copied
file, a save in two folders) is counted once.
"""

from __future__ import annotations

import csv
import hashlib
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from game.analysis import half_up
from game.debrief import debrief, score_parts_text
from game.errors import ParleyError
from game.resolve import FOLDER_ADVICE, ScenarioFinder
from game.save import SaveFile, SaveSummary, list_saves, restore
from game.svgchart import bar_svg

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Row:
    """One side of one game: :data:`COLUMNS` as keys."""

    values: dict[str, Any]
    scenario_title: str = ""
    """The title of the scenario played (for the page's heading: the CSV has its id)."""


#: The CSV's columns, each with what it means (shown on the page too).
COLUMN_HELP: list[tuple[str, str]] = [
    ("team", "The team's name, as given before the game (\"Computer\" for a side the "
             "computer played)."),
    ("side", "The side the team played."),
    ("played_by", "\"people\" or \"computer\"."),
    ("scenario", "The id of the scenario played."),
    ("outcome", "How the talks ended (\"Unfinished\" for a game that did not end)."),
    ("points", "What the result was worth to this side, from 0 to 100: the deal's points, or "
               "the fallback's when there was no deal."),
    ("fallback", "The side's fallback (BATNA) at the end, in points: what it gets with no "
                 "deal. Events and tactics may have moved it during the talks."),
    ("gain", "points minus fallback: what the result gained over walking away. Below zero, "
             "the team signed a deal worse than no deal."),
    ("best_gain", "The most this side could have gained over its fallback in a deal that "
                  "crosses no red line and that is worth at least its own fallback to the "
                  "other side: the most that side could be asked to accept."),
    ("red_lines", "\"kept\", or \"crossed:\" with the side's red lines the deal crosses."),
    ("mark", "The team's own mark out of 100: 0 for a deal across its red line; 50 for no "
             "deal (the fallback kept); a deal scores 50 plus its share of best_gain (100 for "
             "the best gain or more); a deal worse than the fallback scores below 50. The "
             "computer's side has its mark too, as every debrief states it, but no rank. "
             "Empty for an unfinished game."),
    ("class_rank", "Where the mark stands among the marks of the teams that played the same "
                   "side of the same scenario (1 is the highest; equal marks share a rank)."),
    ("class_mean_mark", "The mean mark of those teams."),
    ("opponent", "The team on the other side."),
    ("opponent_points", "What the result was worth to the other side, in points."),
    ("opponent_gain", "The other side's gain over its fallback, in points."),
    ("joint_score", "The pair's joint score out of 100, the same for both sides of a game: "
                    "up to 50 for the two sides' gains together (0 if either side lost or "
                    "crossed a red line), up to 30 for closeness to the Pareto frontier, up "
                    "to 20 for the meters (trust, calm, support) at the end. It rewards the "
                    "pair, not one team: mark a team by its own mark."),
    ("joint_score_parts", "The joint score's three parts: gains, closeness to the best "
                          "deals, meters."),
    ("frontier_distance", "How far the deal lies from the Pareto frontier, in points (0: no "
                          "other deal was better for both sides). Empty with no deal."),
    ("rounds", "The rounds played."),
    ("difficulty", "The computer's difficulty."),
    ("rounds_setting", "The bargaining rounds the settings asked for (empty: the "
                       "scenario's)."),
    ("undo", "Whether taking moves back was allowed."),
    ("seconds_per_turn", "The time for each move in the window (empty: no limit)."),
    ("file", "The save, as a path inside the folder the report read."),
    ("note", "What to check before marking: a red line crossed, an unfinished game (its "
             "figures are left empty until it is over, since they would show the other "
             "side's private values), a game replayed on a changed scenario, a game saved "
             "more than once (counted once)."),
]
COLUMNS = [name for name, _ in COLUMN_HELP]


def _identity(save: SaveFile) -> tuple[object, ...]:
    """What makes two saves the same game: its scenario, seed, teams and the time it
    began (a copy, or an earlier save of it, shares them)."""
    return (save.scenario.sha256, save.seed, save.started, tuple(sorted(save.teams.items())),
            tuple(save.humans))


def _counted(saves: list[tuple[SaveFile, SaveSummary, str, str]]
             ) -> list[tuple[SaveFile, SaveSummary, str, list[str]]]:
    """The saves that claim to be one game, as the games to count, each with what its note
    says of the others: an identical copy (the same content) or an earlier save (its moves
    the first moves of the one kept) is counted once, in the save written last; a save
    whose moves differ is no copy of it (someone edited one of them), so it is counted on
    its own and both notes say so."""
    # The longest first (a later save of a game holds at least its earlier moves), then
    # the one written last.
    ordered = sorted(saves, key=lambda s: (len(s[0].moves), s[0].saved), reverse=True)
    counted: list[tuple[SaveFile, SaveSummary, str, list[str]]] = []
    digests: list[str] = []  # of each counted save, in the same order
    for save, summary, name, digest in ordered:
        kept = next((n for n, other in enumerate(counted)
                     if save.moves == other[0].moves[:len(save.moves)]), None)
        if kept is None:
            counted.append((save, summary, name, []))
            digests.append(digest)
        else:
            counted[kept][3].append(f"identical copy at {name}" if digest == digests[kept]
                                    else f"an earlier save of this game at {name}")
    if len(counted) > 1:
        for _, _, name, notes in counted:
            others = ", ".join(n for _, _, n, _ in counted if n != name)
            notes.append(f"conflicts with {others}: the same game with other moves (one of "
                         "them was edited)")
    return counted


def _saves(folder: Path) -> list[tuple[SaveSummary, str]]:
    """Every save in *folder* and its subfolders, with its path inside *folder*."""
    found = []
    for sub in sorted([folder, *(p for p in folder.rglob("*") if p.is_dir())]):
        if any(part.startswith(".") for part in sub.relative_to(folder).parts):
            continue  # hidden folders: a tool's own files, not a group's
        for summary in sorted(list_saves(sub), key=lambda s: s.path.name):
            found.append((summary, summary.path.relative_to(folder).as_posix()))
    return found


def gather(folder: Path, scenario_dirs: list[Path] | None = None) -> tuple[list[Row], list[str]]:
    """One row per side of each readable game in *folder* and its subfolders, and a
    message for each save that was not read.

    Each save is replayed on the scenario it was played on, found by its hash
    (:mod:`game.resolve`; *scenario_dirs* are searched too), so no file in the folder can
    change the figures of another group's game. A game saved more than once (an identical
    copy, found by its content's SHA-256 hash, or an earlier save of the same game) is
    counted once, and its note names the others; saves of one game whose moves disagree
    are each counted, and noted (:func:`_counted`)."""
    finder = ScenarioFinder(folders=scenario_dirs or [], advice=FOLDER_ADVICE)
    problems: list[str] = []
    found: dict[tuple[object, ...], list[tuple[SaveFile, SaveSummary, str, str]]] = {}
    for summary, name in _saves(folder):
        if summary.save is None:
            problems.append(summary.error or f"{summary.path}: unreadable")
            continue
        # The content as read (not the file again, which may have changed since).
        digest = hashlib.sha256(summary.save.model_dump_json().encode("utf-8")).hexdigest()
        found.setdefault(_identity(summary.save), []).append(
            (summary.save, summary, name, digest))
    games = []
    for saves in found.values():
        for save, summary, name, copies in _counted(saves):
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
            games.append((scenario.title, _rows(restored, name, copies)))
    rows = [row for _, game in games for row in game]
    _compare(rows)
    return [Row(r, title) for title, game in games for r in game], problems


def page_title(rows: list[Row], folder: Path) -> str:
    """The summary page's title: the scenario played, and the folder the saves came from
    ("Class report: saves" said only the folder, a teacher's review); the folder alone
    when its games were played in several scenarios (each game says which)."""
    titles = {row.scenario_title for row in rows}
    where = folder.name or str(folder)
    if len(titles) == 1:
        return f"Class report: {titles.pop()} ({where})"
    return f"Class report: {where}"


def _rows(restored: Any, name: str, copies: list[str]) -> list[dict[str, Any]]:
    game = restored.game
    scenario = game.scenario
    d = debrief(game)
    settings = game.settings
    common: dict[str, Any] = {
        "scenario": scenario.id,
        "outcome": d.outcome_name if d.finished else "Unfinished",
        "joint_score": d.score if d.finished else "",
        "joint_score_parts": score_parts_text(d.score_parts) if d.finished else "",
        "frontier_distance": "" if d.frontier_points is None else d.frontier_points,
        "rounds": game.state.round, "difficulty": settings.difficulty,
        "rounds_setting": settings.rounds or "", "undo": settings.undo,
        "seconds_per_turn": settings.seconds_per_turn or "", "file": name}
    rows = []
    for side in game.sides:
        r, o = d.results[side], d.results[scenario.other(side)]
        people = side in restored.humans
        notes = []
        if r.red_lines_crossed:
            count = len(r.red_lines_crossed)
            notes.append(f"{count} red line{'s' if count > 1 else ''} crossed")
        if not d.finished:
            notes.append("unfinished: not marked, and its figures are hidden until the game "
                         "is over")
        if restored.warning:
            notes.append(f"scenario changed: {restored.warning}")
        if copies:
            notes.append(f"duplicate: {'; '.join(copies)} (counted once)")
        rows.append({
            **common, "team": game.teams.get(side) or ("Team" if people else "Computer"),
            "side": scenario.sides[side].name, "played_by": "people" if people else "computer",
            "points": r.points, "fallback": r.batna_points, "gain": r.gain_points,
            "best_gain": r.best_gain_points,
            "red_lines": "crossed: " + "; ".join(r.red_lines_crossed)
            if r.red_lines_crossed else "kept",
            "mark": r.mark if d.finished else "",
            "class_rank": "", "class_mean_mark": "",
            "opponent": game.teams.get(scenario.other(side)) or "",
            "opponent_points": o.points, "opponent_gain": o.gain_points,
            "note": "; ".join(notes)})
        if not d.finished:
            # The figures rest on both sides' private values: a team could read the other
            # side's from a report of its unfinished game, then resume it.
            rows[-1].update({key: "" for key in HIDDEN_UNTIL_OVER})
    return rows


#: Columns left empty for a game that is not over.
HIDDEN_UNTIL_OVER = ("points", "fallback", "gain", "best_gain", "red_lines", "opponent_points",
                     "opponent_gain")


def _compare(rows: list[dict[str, Any]]) -> None:
    """Fill in each marked team's rank and the mean mark among the teams that played the
    same side of the same scenario."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["mark"] != "" and row["played_by"] == "people":
            groups[(row["scenario"], row["side"])].append(row)
    # A team name in more than one game: the same group, or groups nobody named (every game
    # of the terminal's is "Team" unless named), which a teacher could not tell apart.
    games_of: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row["played_by"] == "people":
            games_of[str(row["team"])].add(str(row["file"]))
    for row in rows:
        others = sorted(games_of.get(str(row["team"]), set()) - {str(row["file"])}) \
            if row["played_by"] == "people" else []
        if others:
            shown = ", ".join(others[:3]) + (f" and {len(others) - 3} more"
                                             if len(others) > 3 else "")
            said = (f"the team name is also in {shown}: check it is the same group (name "
                    "the teams with --team to tell them apart)")
            row["note"] = "; ".join(n for n in (row["note"], said) if n)
    for group in groups.values():
        marks = [int(row["mark"]) for row in group]
        mean = half_up(sum(marks) / len(marks))
        for row in group:
            above = sum(1 for m in marks if m > int(row["mark"]))
            row["class_rank"] = f"{above + 1} of {len(marks)}"
            row["class_mean_mark"] = mean


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
    """The rows as CSV, creating the folder *path* is in."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: spreadsheet_safe(v) for k, v in row.values.items()})


#: The page's table of teams: (heading, CSV column it shows).
TEAM_COLUMNS = [("Scenario", "scenario"), ("Team", "team"), ("Side", "side"),
                ("Outcome", "outcome"),
                ("Points", "points"), ("Fallback", "fallback"), ("Gain", "gain"),
                ("Best gain", "best_gain"), ("Red lines", "red_lines"), ("Mark", "mark"),
                ("Rank in class", "class_rank"), ("Class mean mark", "class_mean_mark"),
                ("Joint score", "joint_score"), ("Note", "note")]

#: The page's table of games: (heading, how to show a game from its first row).
GAME_COLUMNS: list[tuple[str, Any]] = [
    ("Game", lambda v: v["file"]),
    ("Scenario", lambda v: v["scenario"]),
    ("Teams", lambda v: v["teams"]),
    ("Settings", lambda v: f"{v['difficulty']}, undo {'on' if v['undo'] else 'off'}"
                           + (f", {v['rounds_setting']} bargaining rounds"
                              if v["rounds_setting"] else "")
                           + (f", {v['seconds_per_turn']} s a move" if v["seconds_per_turn"]
                              else "")),
    ("Outcome", lambda v: v["outcome"]),
    ("Rounds", lambda v: v["rounds"]),
    ("Points", lambda v: v["points_both"]),
    # Every side's own mark, the computer's too, as every debrief states it.
    ("Marks", lambda v: v["marks_both"]),
    ("Joint score", lambda v: f"{v['joint_score']} ({v['joint_score_parts']})"
                              if v["joint_score"] != "" else ""),
    ("Distance to frontier", lambda v: v["frontier_distance"]),
]


def write_html(rows: list[Row], problems: list[str], path: Path, title: str) -> None:
    """The summary page: outcomes and marks as charts, the teams, the games, and what
    every column means. Creates the folder *path* is in."""
    e = escape
    games: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        games.setdefault(str(row.values["file"]), []).append(row.values)
    # With more than one scenario in the folder, each outcome and team says which it was
    # played in (a teacher saw two scenarios' outcomes side by side, and "Team A (Russia)"
    # twice).
    several = len({str(sides[0]["scenario"]) for sides in games.values()}) > 1

    def played_in(values: dict[str, Any]) -> str:
        return f", {values['scenario']}" if several else ""

    outcomes = Counter(str(sides[0]["outcome"]) + (f" ({sides[0]['scenario']})" if several
                                                   else "")
                       for sides in games.values())
    finished = [sides for sides in games.values() if sides[0]["joint_score"] != ""]
    scores = [int(sides[0]["joint_score"]) for sides in finished]
    mean = f"{sum(scores) / len(scores):.0f}" if scores else "-"
    marked = [r.values for r in rows
              if r.values["mark"] != "" and r.values["played_by"] == "people"]
    # In the order of the table of teams below it.
    marked.sort(key=lambda v: (str(v["scenario"]), str(v["side"]), -int(v["mark"]),
                               str(v["team"])))
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{e(title)}</title><style>body{{font-family:system-ui,sans-serif;"
           "max-width:80rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse}"
           "td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;"
           "font-size:.9rem;vertical-align:top}td.n{text-align:right}"
           "dt{font-weight:600;margin-top:.4rem}dd{margin-left:1.5rem}"
           "svg{max-width:44rem;width:100%;height:auto}</style></head><body>",
           f"<h1>{e(title)}</h1>",
           f"<p>{len(games)} game{'' if len(games) == 1 else 's'}, {len(finished)} finished, "
           f"{len(marked)} team{'' if len(marked) == 1 else 's'} marked; "
           f"mean joint score of finished games: {mean} out of 100. Every figure is in points "
           "out of 100; the CSV file beside this page holds every figure, one row for each "
           "side of each game.</p>",
           "<h2>Outcomes</h2>",
           bar_svg(sorted(outcomes.items(), key=lambda kv: -kv[1]), "Outcomes (games)"),
           "<h2>Teams</h2>",
           "<p>Each team's own result: compare a team with the teams that played the same "
           "side; the mark is explained below the tables.</p>"]
    if marked:
        out.append("<h3>Marks out of 100</h3>")
        out.append(bar_svg([(f"{v['team']} ({v['side']}{played_in(v)})", int(v["mark"]))
                            for v in marked], "Marks out of 100"))
    out.append("<table><tr>" + "".join(f"<th>{e(h)}</th>" for h, _ in TEAM_COLUMNS) +
               "</tr>")
    people = [r.values for r in rows if r.values["played_by"] == "people"]
    # Side by side, best mark first: the comparison the rank column makes.
    people.sort(key=lambda v: (str(v["scenario"]), str(v["side"]),
                               -int(v["mark"]) if v["mark"] != "" else 1, str(v["team"])))
    for values in people:
        out.append("<tr>" + "".join(
            f'<td{" class=n" if isinstance(values[key], int) else ""}>'
            f"{e(str(values[key]))}</td>" for _, key in TEAM_COLUMNS) + "</tr>")
    out += ["</table>", "<h2>Games</h2>", "<table><tr>" +
            "".join(f"<th>{e(h)}</th>" for h, _ in GAME_COLUMNS) + "</tr>"]
    for sides in games.values():
        first = dict(sides[0])
        first["teams"] = "; ".join(f"{v['side']}: {v['team']}" for v in sides)
        first["points_both"] = ", ".join(f"{v['side']} {v['points']}" for v in sides)
        first["marks_both"] = ", ".join(f"{v['side']} {v['mark']}" for v in sides
                                        if v["mark"] != "")
        out.append("<tr>" + "".join(f"<td>{e(str(show(first)))}</td>"
                                    for _, show in GAME_COLUMNS) + "</tr>")
    out += ["</table>", "<h2>What the columns mean</h2>", "<dl>"]
    out += [f"<dt>{e(name)}</dt><dd>{e(text)}</dd>" for name, text in COLUMN_HELP]
    out.append("</dl>")
    if problems:
        out.append("<h2>Files that could not be read</h2><ul>" +
                   "".join(f"<li>{e(p)}</li>" for p in problems) + "</ul>")
    out.append("</body></html>")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
