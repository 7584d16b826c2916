"""The scenario's turn protocol drawn as a diagram: mermaid text, or Graphviz where present."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from game.protocol import ENDED, TurnProtocol, build_machine
from game.model import Scenario


def _edges(scenario: Scenario) -> list[tuple[str, str, str]]:
    """(source, trigger, destination) of every transition of the real machine."""
    machine: Any = build_machine(scenario, TurnProtocol())
    edges = []
    for name, event in machine.events.items():
        for source, transitions in event.transitions.items():
            for transition in transitions:
                edges.append((source, name, transition.dest))
    return edges


def _phase_label(scenario: Scenario, phase_id: str) -> str:
    phase = scenario.phase(phase_id)
    rounds = f"{phase.rounds} round{'s' if phase.rounds != 1 else ''}"
    return f"{phase.name} ({rounds}): {', '.join(phase.moves)}"


def _clean(text: str) -> str:
    return text.replace('"', "'").replace("\n", " ")


def _edge_label(scenario: Scenario, source: str, trigger: str) -> str:
    """What moves the game along an edge, in words: only what the phase allows."""
    if trigger == "advance":
        return "rounds done"
    moves = scenario.phase(source).moves
    ends = [word for move, word in (("accept", "deal"), ("walkout", "walk-out")) if move in moves]
    if any(o.trigger == "breakdown" for o in scenario.outcomes):
        ends.append("breakdown")
    if source == scenario.phases[-1].id:
        ends.append("deadline")
    return " or ".join(ends) if ends else trigger


def mermaid(scenario: Scenario) -> str:
    """The protocol as a mermaid state diagram, labelled in the scenario's own words."""
    lines = ["---", f"title: {_clean(scenario.title)}", "---", "stateDiagram-v2",
             "  direction LR"]
    for phase in scenario.phases:
        lines.append(f'  state "{_clean(_phase_label(scenario, phase.id))}" as {phase.id}')
    lines.append(f'  state "Game over" as {ENDED}')
    lines.append(f"  [*] --> {scenario.phases[0].id}")
    for source, trigger, dest in _edges(scenario):
        lines.append(f"  {source} --> {dest}: {_edge_label(scenario, source, trigger)}")
    for outcome in scenario.outcomes:
        when = f" if {outcome.when}" if outcome.when else ""
        lines.append(f'  state "{_clean(outcome.name)}" as outcome_{outcome.id}')
        lines.append(f"  {ENDED} --> outcome_{outcome.id}: {outcome.trigger}{_clean(when)}")
    return "\n".join(lines) + "\n"


def dot(scenario: Scenario) -> str:
    """The protocol as Graphviz DOT text."""
    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    lines = [f"digraph {q(scenario.id)} {{", "  rankdir=LR;",
             f"  label={q(scenario.title)}; labelloc=t;", "  node [shape=box, style=rounded];"]
    for phase in scenario.phases:
        lines.append(f"  {phase.id} [label={q(_phase_label(scenario, phase.id))}];")
    lines.append(f"  {ENDED} [label={q('Game over')}, shape=doublecircle];")
    for source, trigger, dest in _edges(scenario):
        lines.append(f"  {source} -> {dest} [label={q(_edge_label(scenario, source, trigger))}];")
    for outcome in scenario.outcomes:
        lines.append(f"  outcome_{outcome.id} [label={q(outcome.name)}, shape=note];")
        lines.append(f"  {ENDED} -> outcome_{outcome.id} [label={q(outcome.trigger)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(scenario: Scenario, output: Path) -> str:
    """Write the diagram to *output*: ``.mmd`` (or no suffix) gives mermaid text, ``.dot``
    DOT text, ``.svg`` / ``.png`` an image drawn by Graphviz. Returns what was written, or
    raises RuntimeError when Graphviz is needed but its ``dot`` program is missing."""
    suffix = output.suffix.lower()
    if suffix in (".svg", ".png"):
        program = shutil.which("dot")
        if program is None:
            raise RuntimeError("drawing SVG or PNG needs Graphviz's 'dot' program, which is "
                               "not installed; write .mmd (mermaid) or .dot instead")
        subprocess.run([program, f"-T{suffix[1:]}", "-o", str(output)],
                       input=dot(scenario).encode("utf-8"), check=True, timeout=60)
        return f"{suffix[1:].upper()} image"
    text = dot(scenario) if suffix == ".dot" else mermaid(scenario)
    output.write_text(text, encoding="utf-8")
    return "DOT text" if suffix == ".dot" else "mermaid text"
