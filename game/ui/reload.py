"""F5 at the table: read the scenario's file again, for a modder who edits it while playing.

A file with errors shows them over the table (file, line, message) and the game goes on
with the last version that loaded; a file that loads rebuilds the game on it by replaying
the moves, and says so when some move is no longer legal.
"""

from __future__ import annotations

from pathlib import Path

from game.errors import Problem
from game.scenario import check_file
from game.ui import portraits
from game.ui.flow import theme_problem
from game.ui.navigation import ReloadProblems, Table, TableFace


def reload_scenario(table: TableFace) -> bool:
    """Reload the table's scenario from disk; True when the game now runs on the new
    version. Never raises for a bad file: its problems are shown instead."""
    app = table.app
    session = table.session
    file = session.scenario.file
    if not file or not Path(file).is_file():
        app.toast("This scenario has no file to reload.", 4.0)
        return False
    scenario, problems = check_file(file)
    errors = [p for p in problems if p.severity == "error"]
    if scenario is None or errors:
        app.push(ReloadProblems(file, errors or problems))
        return False
    if table.pending:
        table.skip()
    try:
        replayed, warning = session.rebuild(scenario)
    except ValueError as exc:
        app.push(ReloadProblems(file, [Problem(file, 1, 1, "", str(exc))]))
        return False
    portraits.forget()  # the modder may have changed the pictures too
    app.use_scenario_theme(Path(file).parent)
    # F5 is pressed at the table, so the table is on top: the fresh one takes its place.
    seat = table.seat
    fresh = app.replace(Table(session))
    fresh.seat = seat
    fresh.show_all()
    note = theme_problem(Path(file).parent)
    if warning:
        app.push(ReloadProblems(file, [], warning=warning))
    else:
        app.toast(f"Reloaded {Path(file).name}: {replayed} move{'s' if replayed != 1 else ''} "
                  "replayed." + (f" {note}" if note else ""), 5.0)
    return True
