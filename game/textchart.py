"""The outcome space drawn with characters, for the terminal debrief."""

from __future__ import annotations

from game.engine import Game


def outcome_chart(game: Game, width: int = 78, height: int = 21) -> str:
    """Every package as a dot (x: the first side's utility, y: the second's), the Pareto
    frontier as ``*``, the Nash point ``N``, the deal ``D``, the offers by each side's
    initial in lower case, and both BATNAs as ``|`` and ``-`` lines."""
    space = game.space
    a, b = game.sides
    plot_w = max(width - 8, 20)
    grid = [[" "] * plot_w for _ in range(height)]

    def cell(x: float, y: float) -> tuple[int, int]:
        col = min(int(round(x * (plot_w - 1))), plot_w - 1)
        row = height - 1 - min(int(round(y * (height - 1))), height - 1)
        return row, col

    def put(x: float, y: float, mark: str) -> None:
        row, col = cell(x, y)
        grid[row][col] = mark

    batna_row, batna_col = cell(game.batna[a], game.batna[b])
    for row in range(height):
        grid[row][batna_col] = "|"
    for col in range(plot_w):
        grid[batna_row][col] = "+" if col == batna_col else "-"
    for n in range(len(space.packages)):
        if space.allowed[n]:
            put(*space.point(n), ".")
    for n in space.frontier:
        put(*space.point(n), "*")
    for side, package in game.offer_history:
        put(*space.point(space.index[package]), game.scenario.sides[side].short[0].lower())
    nash = space.nash(game.batna)
    if nash is not None:
        put(*space.point(nash), "N")
    if game.agreed is not None:
        put(*space.point(space.index[game.agreed]), "D")
    name_a = game.scenario.sides[a].name
    name_b = game.scenario.sides[b].name
    lines = [f"Outcome space: points for {name_b} (up) against points for {name_a} "
             "(across)"]
    for row in range(height):
        label = f"{round(100 * (1 - row / (height - 1))):>4} " if row % 5 == 0 else "     "
        lines.append(label + "|" + "".join(grid[row]))
    lines.append("     +" + "-" * plot_w)
    ticks = [" "] * plot_w
    for value in (0.0, 0.25, 0.5, 0.75, 1.0):
        text = f"{round(value * 100)}"
        col = min(int(round(value * (plot_w - 1))), plot_w - len(text))
        ticks[col:col + len(text)] = list(text)
    lines.append("      " + "".join(ticks))
    initials = ", ".join(f"{game.scenario.sides[s].short[0].lower()} = offers by "
                         f"{game.scenario.sides[s].name}" for s in game.sides)
    deal = "   D the deal" if game.agreed is not None else ""
    lines.append(f"  . package   * Pareto frontier   N Nash point{deal}")
    lines.append(f"  {initials}")
    lines.append("  | and - : the BATNAs; deals up and to the right of both beat no deal")
    return "\n".join(lines) + "\n"
