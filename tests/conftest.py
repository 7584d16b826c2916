"""Shared helpers: a small valid scenario as YAML text, and ways to change one part of it."""

from __future__ import annotations

#: A small scenario that passes every check; tests change one piece of it with :func:`edit`.
MINI = """\
format: 1
id: mini
title: "Border talks"
date: "1 May 2016"
summary: "Two delegations settle a border and a river."
minutes: 10
opens: red
sources:
  - id: memo
    speaker: "A clerk"
    text: "We should talk."
    origin: "Minutes of the first meeting"
sides:
  red:
    name: Red
    short: RD
    negotiator: "Red envoy"
    colour: "#aa0000"
    brief: "Win the border."
    priorities: ["The border"]
    cite: [memo]
    batna: {name: "Walk away", description: "Nothing changes.", value: 0.3}
    red_lines:
      - text: "Never the south line."
        forbid: {border: [south]}
    weights: {border: 0.6, river: 0.4}
    values:
      border: {north: 1.0, south: 0.0}
      river: {shared: 0.5, kept: 1.0}
    personality: {strategy: linear, walkout_when: trust < 10}
    lines:
      propose: "Red proposes:"
      counter: "Red answers with:"
      accept: "Red agrees."
      reject: "Red refuses."
      walkout: "Red leaves the table."
      pass: "Red waits."
  blue:
    name: Blue
    short: BL
    negotiator: "Blue envoy"
    colour: "#0000aa"
    brief: "Keep the river."
    priorities: ["The river"]
    batna: {name: "Wait", description: "Nothing changes.", value: 0.3}
    weights: {border: 0.3, river: 0.7}
    values:
      border: {north: 0.2, south: 1.0}
      river: {shared: 0.6, kept: 0.0}
    personality: {strategy: boulware}
    lines:
      propose: "Blue proposes:"
      counter: "Blue answers with:"
      accept: "Blue agrees."
      reject: "Blue refuses."
      walkout: "Blue leaves the table."
      pass: "Blue waits."
issues:
  - id: border
    name: Border
    description: "Where the line runs."
    options:
      - {id: north, name: North, description: "The line runs north."}
      - {id: south, name: South, description: "The line runs south."}
  - id: river
    name: River
    description: "Who draws the water."
    options:
      - {id: shared, name: Shared, description: "Both draw it."}
      - {id: kept, name: Kept, description: "Red keeps it."}
meters:
  - {id: trust, name: Trust, description: "Belief in each other.", start: 50, side: blue}
tactics:
  - id: plea
    name: Plea
    kind: appeal
    help: "Ask nicely."
    phases: [talks]
    when: round >= 1
    sides:
      red: {line: "Please.", cite: [memo], effects: {meters: {trust: 5}, stance: {blue: 0.1}}}
events:
  - id: storm
    name: Storm
    text: "A storm floods the valley."
    when: round >= 2
    effects: {meters: {trust: -5}, batna: {red: 0.1}}
phases:
  - id: talks
    name: Talks
    description: "Talk it out."
    rounds: 3
    moves: [propose, accept, reject, tactic, walkout]
outcomes:
  - {id: deal, name: Deal, trigger: agreement, text: "A deal."}
  - {id: quit, name: Quit, trigger: walkout, text: "Someone left."}
  - {id: sour, name: Sour, trigger: deadline, when: trust < 20, text: "No trust left."}
  - {id: late, name: Late, trigger: deadline, text: "Time ran out."}
debrief:
  history: [{date: "2016", text: "It happened.", source: "Records"}]
  questions: ["What happened?"]
"""


def edit(old: str, new: str, text: str = MINI) -> str:
    """*text* with the one occurrence of *old* replaced by *new*."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times, not once"
    return text.replace(old, new)


def where(text: str, needle: str) -> tuple[int, int]:
    """The 1-based (line, column) where the one occurrence of *needle* starts in *text*."""
    assert text.count(needle) == 1, f"{needle!r} occurs {text.count(needle)} times, not once"
    before = text[: text.index(needle)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def attributes(obj: object) -> dict[str, object]:
    """*obj*'s attributes by name, as ``vars()`` gives them, also for an object of a class
    compiled with mypyc (see game._native), which keeps them in slots of its own."""
    names = [name for cls in type(obj).__mro__
             for name in getattr(cls, "__mypyc_attrs__", ())]
    if not names:
        return dict(vars(obj))
    return {name: getattr(obj, name) for name in names
            if name != "__dict__" and hasattr(obj, name)}
