"""The outcome space drawn with characters, for the terminal debrief."""

from __future__ import annotations

import textwrap

from game.analysis import points
from game.debrief import Debrief
from game.model import Scenario


def outcome_chart(scenario: Scenario, d: Debrief, width: int = 78, height: int = 21) -> str:
    """Every package within the red lines as a dot (x: the first side's utility, y: the
    second's; those across them, drawn too, crowded the chart, and the key says they are
    left out), the Pareto frontier as ``*``, the Nash point ``N``, the deal ``D``, the
    offers by each side's initial in lower case (in capitals for one across a red line, a
    loss whatever its points: a playtester could not tell whose an ``x`` was), and both
    BATNAs as ``|`` and ``-`` lines."""
    chart = d.chart
    a, b = chart.sides
    plot_w = max(width - 8, 20)
    grid = [[" "] * plot_w for _ in range(height)]

    def cell(x: float, y: float) -> tuple[int, int]:
        col = min(int(round(x * (plot_w - 1))), plot_w - 1)
        row = height - 1 - min(int(round(y * (height - 1))), height - 1)
        return row, col

    def put(x: float, y: float, mark: str) -> None:
        row, col = cell(x, y)
        grid[row][col] = mark

    batna_row, batna_col = cell(*chart.batna)
    for row in range(height):
        grid[row][batna_col] = "|"
    for col in range(plot_w):
        grid[batna_row][col] = "+" if col == batna_col else "-"
    for x, y, allowed in chart.packages:
        if allowed:
            put(x, y, ".")
    for x, y in chart.frontier:
        put(x, y, "*")
    marks = {side: _marks(scenario.sides[side].short) for side in chart.sides}
    for side, x, y, across in chart.path:
        put(x, y, marks[side][across])
    if chart.nash is not None:
        put(*chart.nash, "N")
    if chart.deal is not None:
        put(*chart.deal, "D")
    name_a = scenario.sides[a].called
    name_b = scenario.sides[b].called
    # The words around the chart fit its width, however long the sides' names.
    lines = textwrap.wrap(f"Outcome space: points for {name_b} (up) against points for "
                          f"{name_a} (across)", width)
    for row in range(height):
        label = f"{points(1 - row / (height - 1)):>4} " if row % 5 == 0 else "     "
        lines.append(label + "|" + "".join(grid[row]))
    lines.append("     +" + "-" * plot_w)
    # Each tick's number centred on its column (the chart leaves two columns of its width
    # free at the right for the last one).
    ticks = [" "] * (plot_w + 2)
    for value in (0.0, 0.25, 0.5, 0.75, 1.0):
        text = f"{points(value)}"
        col = cell(value, 0.0)[1]
        start = max(col - (len(text) - 1) // 2, 0)
        ticks[start:start + len(text)] = list(text)
    lines.append(("      " + "".join(ticks)).rstrip())
    crossing = {side for side, *_, across in chart.path if across}
    initials = ", ".join(f"{marks[s][False]} = offers by {scenario.sides[s].called}" +
                         (f" ({marks[s][True]}: across a red line)" if s in crossing else "")
                         for s in chart.sides)
    # A mark drawn over an offer says so: a student looked for an offer under N or D.
    offered: dict[tuple[int, int], list[str]] = {}
    for side, x, y, _ in chart.path:
        offered.setdefault(cell(x, y), []).append(side)

    def offers_by(sides: list[str]) -> str:
        return " and ".join(dict.fromkeys(scenario.sides[s].called for s in sides))

    nash = deal = ""
    nash_cell = cell(*chart.nash) if chart.nash is not None else None
    if chart.nash is not None:
        nash = "   N Nash point"
    if chart.deal is not None:
        # The deal is the last offer, accepted: D stands for it.
        deal_cell = cell(*chart.deal)
        under = []
        if deal_cell == nash_cell:
            # (Brackets within brackets read badly, a terminal playtest.)
            under.append("N: the deal is at the Nash point" if chart.deal == chart.nash
                         else "N: the Nash point is next to it")
        earlier = offered.get(deal_cell, [])[:-1]
        if earlier:
            under.append(f"an earlier offer by {offers_by(earlier)}")
        accepted = f"the offer accepted, {d.ACROSS}" if d.deal_across else "the offer accepted"
        deal = f"   D the deal ({accepted}" + \
            (f"; drawn over {' and '.join(under)})" if under else ")")
    if nash and nash_cell in offered and not (chart.deal is not None and
                                              cell(*chart.deal) == nash_cell):
        nash += f" (drawn over an offer by {offers_by(offered[nash_cell])})"
    # The window draws those across a red line hollow: said here, as they are left out.
    packages = ". package (those across a red line left out)" if not all(
        allowed for *_, allowed in chart.packages) else ". package"
    for text in (f"{packages}   * Pareto frontier{nash}{deal}", initials,
                 "| and - : the BATNAs; deals up and to the right of both beat no deal"):
        lines += textwrap.wrap(text, width, initial_indent="  ", subsequent_indent="    ")
    return "\n".join(lines) + "\n"


def _marks(short: str) -> tuple[str, str]:
    """How a side's offers are drawn: its initial in lower case, and in capitals across a
    red line (``x`` where the capital would read as the Nash point or the deal)."""
    initial = short[0]
    upper = initial.upper()
    return initial.lower(), upper if upper not in ("N", "D") else "x"
