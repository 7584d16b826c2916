"""The debrief's charts, each drawn once into a surface: the outcome space (every package,
the Pareto frontier, the Nash point, both fallbacks, the offers' path and the deal) and the
meters over the game. Sides differ by marker shape as well as colour."""

from __future__ import annotations

import pygame

from game.analysis import points
from game.debrief import Debrief
from game.model import Scenario
from game.svgchart import METER_AXIS, meter_dodge, round_axis
from game.ui.screen import paragraph
from game.ui.text import draw_line
from game.ui.theme import Theme


def marker(surface: pygame.Surface, colour: pygame.Color, centre: tuple[int, int], size: int,
           shape: str, width: int = 0) -> None:
    x, y = centre
    if shape == "circle":
        pygame.draw.circle(surface, colour, centre, size, width)
    elif shape == "square":
        pygame.draw.rect(surface, colour, (x - size, y - size, 2 * size, 2 * size), width)
    elif shape == "diamond":
        s = size + 2
        pygame.draw.polygon(surface, colour, [(x, y - s), (x + s, y), (x, y + s), (x - s, y)],
                            width)
    elif shape == "triangle":
        pygame.draw.polygon(surface, colour, [(x, y - size - 1), (x + size + 1, y + size),
                                              (x - size - 1, y + size)], width)


SHAPES = ("circle", "square")


def _dashed(surface: pygame.Surface, colour: pygame.Color, start: tuple[int, int],
            end: tuple[int, int], dash: int = 6) -> None:
    (x1, y1), (x2, y2) = start, end
    length = max(abs(x2 - x1), abs(y2 - y1))
    for n in range(0, length, dash * 2):
        a = n / length
        b = min(n + dash, length) / length
        pygame.draw.line(surface, colour, (x1 + (x2 - x1) * a, y1 + (y2 - y1) * a),
                         (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b), 2)


def outcome_space(scenario: Scenario, d: Debrief, size: tuple[int, int],
                  theme: Theme) -> pygame.Surface:
    """Side A's utility across, side B's up; both from 0 to 1 (drawn from the debrief
    model's chart data)."""
    chart = d.chart
    a, b = chart.sides
    sa, sb = scenario.sides[a], scenario.sides[b]
    t = theme
    u = t.unit
    small = t.fonts.get("small")
    # A theme's largest fonts in a small window leave little room: never less than none.
    w, h = max(size[0], 1), max(size[1], 1)
    left = small.size("100")[0] + small.get_linesize() + u
    bottom = small.get_linesize() * 2 + u
    # Room above and right of the plot for the deal's ring at 100 points (a deal worth 100
    # to one side was cut off at the chart's top, a window playtest).
    ring = max(10, u + 4)
    top = max(u, ring + 2)
    plot = pygame.Rect(left, top, max(w - left - max(2 * u, ring + 2), 1),
                       max(h - bottom - u - top, 1))
    side = min(plot.w, plot.h)
    plot = pygame.Rect(plot.x, plot.y, side, side)
    # The plot is square: the surface is only as wide as it needs.
    surface = pygame.Surface(
        (max(1, min(w, plot.right + max(small.size("100")[0] // 2 + u, ring + 2))), h),
        pygame.SRCALPHA)

    def at(x: float, y: float) -> tuple[int, int]:
        return plot.x + round(x * plot.w), plot.bottom - round(y * plot.h)

    pygame.draw.rect(surface, t.c["panel_alt"], plot)
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        px, py = at(tick, tick)
        pygame.draw.line(surface, t.c["border"], (px, plot.y), (px, plot.bottom))
        pygame.draw.line(surface, t.c["border"], (plot.x, py), (plot.right, py))
        draw_line(surface, small, f"{points(tick)}", t.c["muted"], (px, plot.bottom + 2),
                  align="center")
        draw_line(surface, small, f"{points(tick)}", t.c["muted"], (plot.x - 4, py - small.get_linesize() // 2),
                  align="right")
    draw_line(surface, small, f"Worth to {sa.called}", t.c["text"],
              (plot.centerx, plot.bottom + small.get_linesize() + 2), plot.w, "center", "x axis")
    label = t.fonts.get("small").render(f"Worth to {sb.called}", True, t.c["text"])
    label = pygame.transform.rotate(label, 90)
    surface.blit(label, (2, plot.centery - label.get_height() // 2))
    # Every package: hollow when it crosses either side's red lines (drawn in the border
    # colour, they could not be told from the background, a playtest found).
    dot = max(2, u // 3)
    for x, y, allowed in chart.packages:
        pygame.draw.circle(surface, t.c["chart_point"], at(x, y), dot, 0 if allowed else 1)
    # The Pareto frontier.
    if len(chart.frontier) > 1:
        pygame.draw.lines(surface, t.c["chart_frontier"], False,
                          [at(x, y) for x, y in chart.frontier], 2)
    # The fallbacks, as they stand at the end.
    ca, cb = t.side_colour(scenario, a), t.side_colour(scenario, b)
    batna_a, batna_b = chart.batna
    _dashed(surface, ca, at(batna_a, 0), at(batna_a, 1))
    _dashed(surface, cb, at(0, batna_b), at(1, batna_b))
    # The Nash point, under the offers' path: an offer made there still shows.
    if chart.nash is not None:
        marker(surface, t.c["chart_nash"], at(*chart.nash), max(6, u), "diamond")
    # Each side's offers joined in order, in its colour, as the legend says (one grey line
    # through both sides' offers in turn read as neither's path, a playtest found).
    offers = [(who, at(x, y), across) for who, x, y, across in chart.path]
    for whose, colour in ((a, ca), (b, cb)):
        path = [p for who, p, _ in offers if who == whose]
        if len(path) > 1:
            pygame.draw.lines(surface, colour, False, path, 1)
    for who, p, across in offers:
        # Hollow across a red line, as the packages' dots are.
        marker(surface, ca if who == a else cb, p, max(4, u // 2 + 1),
               SHAPES[chart.sides.index(who)], 2 if across else 0)
    if chart.deal is not None:
        # In the colour of a warning when the deal crosses a red line: the rings looked
        # alike, and the legend's "hollow" is for the packages' dots (a window playtest).
        pygame.draw.circle(surface, t.c["bad"] if d.deal_across else t.c["text"],
                           at(*chart.deal), ring, 3)
    return surface


def legend(scenario: Scenario, d: Debrief, theme: Theme) -> list[tuple[str, str, pygame.Color]]:
    """(shape, text, colour) rows explaining the outcome-space chart."""
    a, b = d.chart.sides
    t = theme
    # Offers across a red line are hollow too; said once, here, where some are (said on
    # both sides' rows, the key pushed the chart's note out of a small window).
    hollow = "hollow: crosses a red line; offers too" if d.offers_across else \
        "hollow: crosses a red line"
    rows = [("dot", f"Every possible package ({hollow})", t.c["chart_point"]),
            ("line", "Pareto frontier: within the red lines, none is better for both",
             t.c["chart_frontier"]),
            ("diamond", "Nash point: the fairest split of the gains", t.c["chart_nash"])]
    for side, shape in zip((a, b), SHAPES):
        spec = scenario.sides[side]
        colour = t.side_colour(scenario, side)
        rows.append((shape, f"Offers by {spec.called}, joined in order", colour))
        rows.append(("dash", f"Fallback of {spec.called}: {d.results[side].batna_points}",
                     colour))
    if d.chart.deal is not None:
        rows.append(("ring", d.deal_key, t.c["bad"] if d.deal_across else t.c["text"]))
    return rows


def draw_legend(surface: pygame.Surface, rows: list[tuple[str, str, pygame.Color]],
                theme: Theme, x: int, y: int, width: int) -> int:
    font = theme.fonts.get("small")
    u = theme.unit
    line = font.get_linesize()
    for shape, text, colour in rows:
        cx, cy = x + u, y + line // 2
        if shape == "dot":
            pygame.draw.circle(surface, colour, (cx, cy), 3)
        elif shape == "line":
            pygame.draw.line(surface, colour, (cx - u, cy), (cx + u, cy), 2)
        elif shape == "dash":
            _dashed(surface, colour, (cx - u, cy), (cx + u, cy), 4)
        elif shape == "ring":
            pygame.draw.circle(surface, colour, (cx, cy), u - 1, 2)
        else:
            marker(surface, colour, (cx, cy), max(4, u // 2), shape)
        y = paragraph(surface, font, text, theme.c["text"], x + 3 * u, y, width - 3 * u, 2,
                      "legend") + u // 3
    return y


METER_STYLES = ("circle", "square", "triangle", "diamond")


def meters_over_time(scenario: Scenario, d: Debrief, size: tuple[int, int],
                     theme: Theme) -> pygame.Surface:
    """Each meter after every turn, with a distinct marker per meter."""
    t = theme
    u = t.unit
    small = t.fonts.get("small")
    w, h = max(size[0], 1), max(size[1], 1)
    surface = pygame.Surface((w, h), pygame.SRCALPHA)
    meters = scenario.meters
    legend_h = small.get_linesize() * ((len(meters) + 1) // 2) + u
    plot = pygame.Rect(small.size("100")[0] + u, u, max(w - small.size("100")[0] - 3 * u, 1),
                       max(h - legend_h - small.get_linesize() * 3 - 2 * u, 1))
    pygame.draw.rect(surface, t.c["panel_alt"], plot)
    low = min((m.min for m in meters), default=0)
    high = max((m.max for m in meters), default=100)
    # Each point where it lies in turns played (the changes within a turn make a step).
    xs = d.meter_x()
    turns = max(d.meter_turns[-1], 1)

    def at(turn: float, value: float) -> tuple[int, int]:
        return (plot.x + round(turn / turns * plot.w),
                plot.bottom - round((value - low) / max(high - low, 1) * plot.h))

    for tick in range(5):
        value = low + (high - low) * tick / 4
        _, py = at(0, value)
        pygame.draw.line(surface, t.c["border"], (plot.x, py), (plot.right, py))
        draw_line(surface, small, f"{value:.0f}", t.c["muted"], (plot.x - 4, py - small.get_linesize() // 2),
                  align="right")
    # Each round numbered under the middle of its two turns (a playtester could not match
    # the points to rounds; a teacher read a round's opening events, numbered at the end of
    # the round before, as that round's), as many as fit; a tick where each round ends.
    labels, ends = round_axis(turns)
    rounds = len(labels)
    label_w = small.size(str(max(rounds, 1)))[0] + u
    every = max(1, -(-rounds * label_w // max(plot.w, 1)))
    for turn in ends:
        px, _ = at(turn, low)
        pygame.draw.line(surface, t.c["muted"], (px, plot.bottom), (px, plot.bottom + 3))
    for turn, r in labels:
        if r % every and r not in (1, rounds):
            continue
        px, _ = at(turn, low)
        draw_line(surface, small, str(r), t.c["muted"], (px, plot.bottom + 3), label_w,
                  "center", "meters axis round")
    draw_line(surface, small, f"Round ({METER_AXIS.lower()})",
              t.c["muted"], (plot.centerx, plot.bottom + 3 + small.get_linesize()), plot.w,
              "center", "meters axis")
    palette = [t.c["text"], t.c["chart_nash"], t.c["muted"], t.c["accent"]]
    dodge = meter_dodge([values for _, values in d.meters], max(4, u // 2))
    for n, (meter, (_, values)) in enumerate(zip(meters, d.meters)):
        colour = palette[n % len(palette)]
        if meter.side:
            colour = t.side_colour(scenario, meter.side)
        path = [(x, y + dodge[n][k]) for k, (x, y) in
                enumerate(at(xs[k], value) for k, value in enumerate(values))]
        if len(path) > 1:
            pygame.draw.lines(surface, colour, False, path, 2)
        step = max(1, len(path) // 12)
        for p in path[::step] + path[-1:]:
            marker(surface, colour, p, max(3, u // 2), METER_STYLES[n % len(METER_STYLES)])
        col, row = n % 2, n // 2
        lx = plot.x + col * plot.w // 2
        ly = plot.bottom + 2 * small.get_linesize() + u + row * small.get_linesize()
        marker(surface, colour, (lx + u, ly + small.get_linesize() // 2), max(3, u // 2),
               METER_STYLES[n % len(METER_STYLES)])
        draw_line(surface, small, f"{meter.name}: {values[-1]:.0f}", t.c["text"],
                  (lx + 3 * u, ly), plot.w // 2 - 4 * u, where="meters legend")
    return surface
