"""The debrief's charts as SVG text, for transcripts and reports (no drawing library)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from game.debrief import Debrief
from game.model import Scenario

W, H, PAD = 520, 400, 56
PALETTE = ["#1b9e77", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d"]
#: The Nash point's diamond: the gold of the window's chart, dark enough on white.
NASH = "#b8860b"
#: The ring of a deal across a red line: a red that reads on white.
BAD = "#c0392b"


def _x(value: float) -> float:
    return round(PAD + value * (W - 2 * PAD), 2)


def _y(value: float) -> float:
    return round(H - PAD - value * (H - 2 * PAD), 2)


def _axes(x_label: str, y_label: str, ticks: list[tuple[float, str]],
          y_ticks: list[tuple[float, str]]) -> list[str]:
    parts = [f'<rect x="{PAD}" y="{PAD}" width="{W - 2 * PAD}" height="{H - 2 * PAD}" '
             'fill="#ffffff" stroke="#444"/>']
    for value, label in ticks:
        parts.append(f'<text x="{_x(value)}" y="{H - PAD + 16}" text-anchor="middle" '
                     f'font-size="11">{escape(label)}</text>')
    for value, label in y_ticks:
        parts.append(f'<text x="{PAD - 6}" y="{_y(value) + 4}" text-anchor="end" '
                     f'font-size="11">{escape(label)}</text>')
    parts.append(f'<text x="{W / 2}" y="{H - 12}" text-anchor="middle" font-size="12">'
                 f'{escape(x_label)}</text>')
    parts.append(f'<text x="14" y="{H / 2}" text-anchor="middle" font-size="12" '
                 f'transform="rotate(-90 14 {H / 2})">{escape(y_label)}</text>')
    return parts


def outcome_space_svg(scenario: Scenario, d: Debrief) -> str:
    """Every package, the Pareto frontier, the Nash point, both BATNAs, the offers' path
    and the deal, as one SVG image, in points out of 100."""
    chart = d.chart
    a, b = chart.sides
    spec = scenario.sides
    ticks = [(v / 4, f"{v * 25}") for v in range(5)]
    parts = _axes(f"points for {spec[a].called}", f"points for {spec[b].called}", ticks,
                  ticks)
    batna_a, batna_b = chart.batna
    parts.append(f'<line x1="{_x(batna_a)}" y1="{PAD}" x2="{_x(batna_a)}" '
                 f'y2="{H - PAD}" stroke="{spec[a].colour}" stroke-dasharray="5 4"/>')
    parts.append(f'<line x1="{PAD}" y1="{_y(batna_b)}" x2="{W - PAD}" '
                 f'y2="{_y(batna_b)}" stroke="{spec[b].colour}" stroke-dasharray="5 4"/>')
    for x, y, allowed in chart.packages:
        fill = "#9a9a9a" if allowed else "#dddddd"
        parts.append(f'<circle cx="{_x(x)}" cy="{_y(y)}" r="2" fill="{fill}"/>')
    points = " ".join(f"{_x(x)},{_y(y)}" for x, y in chart.frontier)
    parts.append(f'<polyline points="{points}" fill="none" stroke="#222" stroke-width="2"/>')
    # The same marks as the window's chart: a diamond for the Nash point, drawn under the
    # offers so that an offer made there still shows, and a ring round the deal.
    if chart.nash is not None:
        x, y = chart.nash
        parts.append(f'<path d="M{_x(x) - 7},{_y(y)} L{_x(x)},{_y(y) - 7} L{_x(x) + 7},'
                     f'{_y(y)} L{_x(x)},{_y(y) + 7} Z" fill="{NASH}"><title>Nash point</title>'
                     '</path>')
    for side in chart.sides:
        path = [(x, y, across) for s, x, y, across in chart.path if s == side]
        if path:
            line = " ".join(f"{_x(x)},{_y(y)}" for x, y, _ in path)
            parts.append(f'<polyline points="{line}" fill="none" stroke="{spec[side].colour}" '
                         'stroke-width="1.5" stroke-dasharray="2 2"/>')
            # Hollow across a red line, as in the window's chart.
            for x, y, across in path:
                fill = "none" if across else spec[side].colour
                parts.append(f'<circle cx="{_x(x)}" cy="{_y(y)}" r="4" fill="{fill}" '
                             f'stroke="{spec[side].colour}" stroke-width="2"/>')
    if chart.deal is not None:
        x, y = chart.deal
        # Red across a red line, as in the window's chart.
        stroke = BAD if d.deal_across else "#000"
        parts.append(f'<circle cx="{_x(x)}" cy="{_y(y)}" r="10" fill="none" stroke="{stroke}" '
                     f'stroke-width="3"><title>{escape(d.deal_key)}</title></circle>')
    # The key names only what is drawn (an answer sheet has no offers and no deal).
    offered = {side for side, *_ in chart.path}
    marks = [name for name, drawn in (("diamond: Nash point", chart.nash is not None),
                                      ("red ring: " + d.DEAL_ACROSS if d.deal_across else
                                       "ring: the deal", chart.deal is not None)) if drawn]
    hollow = " (hollow: a red line)" if d.offers_across else ""
    legend = [("#9a9a9a", "packages (pale: a red line)"), ("#222", "Pareto frontier"),
              *((spec[side].colour, f"{spec[side].short} offers{hollow}, fallback"
                 if side in offered else f"{spec[side].short} fallback (dashed)")
                for side in (a, b))]
    if marks:
        legend.append(("#000", "; ".join(marks)))
    # Two to a row: a side's key ("US offers (hollow: a red line), fallback") is too long
    # for three.
    for i, (colour, label) in enumerate(legend):
        parts.append(f'<text x="{PAD + 4 + (i % 2) * 232}" y="{16 + (i // 2) * 15}" '
                     f'font-size="11" fill="{colour}">{escape(label)}</text>')
    return _svg(parts, "The outcome space")


#: The meters chart's horizontal axis, in every front end: a point at each turn's end, two
#: turns to a round, and one after every change within a turn (a move's, then the next
#: round's events'), so that every level the record showed is on the chart.
#: "Two turns each" read as two turns for each side (a window playtest).
METER_AXIS = "One turn for each side, a point at each turn's end; a step marks a change within a turn"


def round_axis(turns: int) -> tuple[list[tuple[int, int]], list[int]]:
    """The rounds along the meters chart's axis of *turns* turns, in every front end: each
    round's number at the middle of its two turns (the last one's at most at the axis'
    end), as (turn, round); and the turn where each round but the last ends."""
    rounds = -(-turns // 2)
    return ([(min(2 * r - 1, turns), r) for r in range(1, rounds + 1)],
            [2 * r for r in range(1, rounds)])


def meter_dodge(series: Sequence[Sequence[float]], gap: int) -> list[list[int]]:
    """For each series and point, how many pixels to move it down (up, when negative) so
    that series at the same value side by side do not hide one another: those that meet
    at a point are spread *gap* apart around their value, in the series' order (two meters
    both at 60 for a whole game read as one line, a playtest found)."""
    dodge = [[0] * len(values) for values in series]
    for k in range(max((len(values) for values in series), default=0)):
        meeting: dict[float, list[int]] = {}
        for n, values in enumerate(series):
            if k < len(values):
                meeting.setdefault(round(values[k], 3), []).append(n)
        for group in meeting.values():
            for rank, n in enumerate(group):
                dodge[n][k] = round((rank - (len(group) - 1) / 2) * gap)
    return dodge


def meters_svg(d: Debrief, scenario: Scenario | None = None) -> str:
    """Each meter after every turn, as lines; a meter of one side's in that side's colour,
    as the window draws it (with *scenario*: trust and Russian support were two greens)."""
    xs = d.meter_x()
    turns = max(d.meter_turns[-1], 1)
    # Each round numbered in the middle of its two turns, as the window's chart does: a
    # change at a round's start (its events) lies in that round's span (the rounds' ends
    # numbered, a teacher read a round's events as the round before).
    labels, ends = round_axis(turns)
    every = max(1, -(-len(labels) // 12))
    ticks = [(turn / turns, str(r)) for turn, r in labels
             if r % every == 0 or r in (1, len(labels))]
    y_ticks = [(v / 4, f"{v * 25}%") for v in range(5)]
    parts = _axes(f"round ({METER_AXIS.lower()})", "meter (share of its range)", ticks,
                  y_ticks)
    for turn in ends:  # where one round ends and the next begins
        parts.append(f'<line x1="{_x(turn / turns)}" y1="{H - PAD}" x2="{_x(turn / turns)}" '
                     f'y2="{H - PAD + 5}" stroke="#444"/>')
    shares = [[(value - low) / (high - low) for value in values]
              for (_, values), (low, high) in zip(d.meters, d.meter_ranges)]
    dodge = meter_dodge(shares, 3)
    for i, ((name, _), share) in enumerate(zip(d.meters, shares)):
        colour = PALETTE[i % len(PALETTE)]
        if scenario is not None and i < len(scenario.meters):
            side = scenario.meters[i].side
            if side is not None and side in scenario.sides:
                colour = scenario.sides[side].colour
        points = " ".join(f"{_x(xs[k] / turns)},{_y(value) + dodge[i][k]}"
                          for k, value in enumerate(share))
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" '
                     f'stroke-width="2"><title>{escape(name)}</title></polyline>')
        parts.append(f'<text x="{PAD + 4 + (i % 2) * 230}" y="{16 + (i // 2) * 15}" '
                     f'font-size="11" fill="{colour}">{escape(name)}</text>')
    return _svg(parts, "The meters over the game")


def bar_svg(counts: list[tuple[str, int]], title: str) -> str:
    """A horizontal bar chart of labelled counts."""
    top = max((c for _, c in counts), default=1) or 1
    height = 30 + 26 * len(counts)
    parts = []
    for i, (label, count) in enumerate(counts):
        y = 20 + i * 26
        width = round(300 * count / top, 1)
        parts.append(f'<text x="340" y="{y + 13}" text-anchor="end" font-size="12">'
                     f'{escape(label)}</text>')
        # One colour for every bar: a colour per bar meant nothing, and the same colour
        # meant different things in two charts of one page (a teacher's playtest).
        parts.append(f'<rect x="348" y="{y}" width="{width}" height="18" '
                     f'fill="{PALETTE[1]}"/>')
        parts.append(f'<text x="{352 + width}" y="{y + 13}" font-size="12">{count}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 700 {height}" role="img" '
            f'aria-label="{escape(title)}">' + "".join(parts) + "</svg>")


def _svg(parts: list[str], title: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" '
            f'aria-label="{escape(title)}" font-family="sans-serif"><title>{escape(title)}'
            "</title>" + "".join(parts) + "</svg>")
