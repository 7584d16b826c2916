"""What the debrief shows after a game, gathered once for every front end."""

from __future__ import annotations

from dataclasses import dataclass

from game.analysis import DealReport
from game.engine import Game
from game.model import HistoryFact


@dataclass(frozen=True)
class SideResult:
    """How the game ended for one side."""

    side: str
    name: str
    utility: float
    batna: float
    gain: float
    verdict: str
    red_lines_crossed: list[str]
    priorities: list[tuple[str, float]]
    """Issue names with this side's private weights, most important first."""


@dataclass(frozen=True)
class Debrief:
    outcome_name: str
    outcome_text: str
    deal: dict[str, str] | None
    """The agreed package as issue name -> option name (None: no deal)."""
    results: dict[str, SideResult]
    report: DealReport
    score: int
    """Joint score out of 100: gains over the BATNAs, closeness to the Pareto frontier and
    the meters at the end."""
    score_parts: list[tuple[str, int]]
    reasons: list[tuple[int, str, str]]
    """(round, side, reason) for every computer decision."""
    history: list[HistoryFact]
    questions: list[str]


def verdict(gain: float, crossed: list[str], deal: bool) -> str:
    """A plain-words judgement of one side's result."""
    if crossed:
        return "A loss: the deal crosses a red line."
    if not deal:
        return "No deal: the side falls back on its BATNA."
    if gain < -0.005:
        return "A loss: the deal is worse than walking away."
    if gain < 0.05:
        return "Barely better than walking away."
    if gain < 0.2:
        return "A modest gain over walking away."
    return "A clear gain over walking away."


def debrief(game: Game) -> Debrief:
    """The debrief of a finished game (of the game so far, if it is still going on)."""
    scenario = game.scenario
    report = game.report()
    deal = None
    if game.agreed is not None:
        deal = {issue.name: issue.options[i].name
                for issue, i in zip(scenario.issues, game.agreed)}
    results = {}
    for side in game.sides:
        spec = scenario.sides[side]
        order = sorted(scenario.issues, key=lambda i: -spec.weights[i.id])
        results[side] = SideResult(
            side=side, name=spec.name, utility=report.utility[side],
            batna=report.batna[side], gain=report.gain[side],
            verdict=verdict(report.gain[side], report.red_lines_crossed[side], deal is not None),
            red_lines_crossed=report.red_lines_crossed[side],
            priorities=[(i.name, spec.weights[i.id]) for i in order])
    score, parts = joint_score(game, report)
    outcome = game.outcome
    return Debrief(
        outcome_name=outcome.name if outcome else "The game is not over",
        outcome_text=outcome.text if outcome else "",
        deal=deal, results=results, report=report, score=score, score_parts=parts,
        reasons=[(e.round, e.side or "", e.text) for e in game.log if e.kind == "reason"],
        history=list(scenario.debrief.history), questions=list(scenario.debrief.questions))


def joint_score(game: Game, report: DealReport) -> tuple[int, list[tuple[str, int]]]:
    """Score the pair's result out of 100: up to 50 for gains over both BATNAs (a loss for
    either side scores 0), 30 for closeness to the Pareto frontier, 20 for the meters."""
    sides = game.sides
    if report.package is None or any(report.red_lines_crossed[s] for s in sides) or \
            any(report.gain[s] < 0 for s in sides):
        gains = 0
        frontier = 0
    else:
        best = max((game.space.utility[sides[0]][n] - report.batna[sides[0]]) +
                   (game.space.utility[sides[1]][n] - report.batna[sides[1]])
                   for n in game.space.frontier)
        total = sum(report.gain[s] for s in sides)
        gains = round(50 * max(min(total / best, 1.0), 0.0)) if best > 0 else 0
        distance = report.distance_to_frontier or 0.0
        frontier = round(30 * max(1 - distance / 0.3, 0.0))
    spans = [(game.meters[m.id] - m.min) / (m.max - m.min) for m in game.scenario.meters]
    meters = round(20 * sum(spans) / len(spans)) if spans else 0
    parts = [("Gains over both fallbacks", gains), ("Closeness to the best deals", frontier),
             ("The meters at the end", meters)]
    return gains + frontier + meters, parts
