"""Loading and checking scenario files.

``load_scenario`` turns a file into an immutable :class:`~game.model.Scenario` or raises
:class:`~game.errors.ScenarioError` listing every problem found, each with
``file:line:column``, the field path, what was expected and what was found.
"""

from __future__ import annotations

import datetime
import hashlib
import math
import zlib
from collections.abc import Iterable
from pathlib import Path, PureWindowsPath
from typing import Any

from pydantic import BaseModel, ValidationError

from game.analysis import MAX_PACKAGES
from game.conditions import Condition, ConditionSyntaxError, did_you_mean, shown
from game.errors import Problem, ScenarioError
from game.library import PAST_SUFFIX, SCENARIO_DIR
from game.speech import placeholder_problems
from game.model import (FORMAT_VERSION, MIN_FORMAT_VERSION, Effects, SaidWhen, Scenario,
                        line_text)
from game.untrusted import UntrustedError, read_file
from game.yaml_source import MAX_BYTES, Document, Path as DocPath, format_path, read_yaml

#: Names every condition may use besides the scenario's own ids.
BUILTIN_NAMES = {
    "round": "the current round, counted from 1 over the whole game",
    "rounds_left": "rounds left after the current one",
    "turn": "moves made so far",
    "offers": "proposals made so far, by both sides",
    "agreed": "1 once a proposal has been accepted, else 0",
    "walkout": "1 once a side has walked out, else 0",
}


def condition_names(scenario: Scenario) -> dict[str, str]:
    """Every name a condition in *scenario* may use, with what it stands for."""
    names = dict(BUILTIN_NAMES)
    for side in scenario.sides:
        names[f"walkout_{side}"] = f"1 once {side} has walked out, else 0"
        names[f"offers_{side}"] = f"proposals made so far by {side}"
    for meter in scenario.meters:
        names[meter.id] = f"meter: current value of {meter.name!r}"
    for issue in scenario.issues:
        names[issue.id] = (f"issue: position (1-{len(issue.options)}) of the option on "
                           "the table for it, 0 when none")
        for i, option in enumerate(issue.options, 1):
            names[option.id] = f"option of {issue.id}: the number {i}"
    for phase in scenario.phases:
        names[phase.id] = "phase: 1 while it is the current phase, else 0"
    for tactic in scenario.tactics:
        names[tactic.id] = "tactic: times used so far, by either side"
    for event in scenario.events:
        names[event.id] = "event: times it has happened so far"
    return names


def load_scenario(path: str | Path) -> Scenario:
    """Read, validate and return the scenario in the file at *path*.

    Raises :class:`ScenarioError` with every problem found.
    """
    scenario, problems = check_file(path)
    if scenario is None:
        raise ScenarioError(problems)
    return scenario


def check_file(path: str | Path) -> tuple[Scenario | None, list[Problem]]:
    """Like :func:`load_scenario` but returns the problems instead of raising. An earlier
    version of a shipped scenario, kept gzipped (:data:`~game.library.PAST_DIR`), is read
    unzipped, with the shipped scenarios' folder for its assets."""
    name = str(path)
    folder = Path(path).parent
    try:
        size = Path(path).stat().st_size
        if size > MAX_BYTES:
            return None, [Problem(name, 1, 1, "", f"file is {size:,} bytes; a scenario may "
                                  f"be at most {MAX_BYTES:,} bytes")]
        # A regular file only, and never more than the limit (see game.untrusted).
        raw = read_file(path, MAX_BYTES, "a scenario file")
        if name.endswith(PAST_SUFFIX):
            raw, folder = unzipped(raw), SCENARIO_DIR
    except UntrustedError as exc:
        return None, [Problem(name, 1, 1, "", f"cannot read the file: {exc}")]
    except (OSError, ValueError) as exc:
        return None, [Problem(name, 1, 1, "", "cannot read the file: "
                              f"{getattr(exc, 'strerror', None) or exc}")]
    return check_text(raw, name, folder=folder)


def unzipped(raw: bytes) -> bytes:
    """The scenario in the gzipped bytes *raw*; raises ``ValueError`` for bytes that are not
    gzip, or that unzip to more than a scenario may hold."""
    unzip = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # gzip's header
    try:
        text = unzip.decompress(raw, MAX_BYTES + 1)
    except zlib.error as exc:
        raise ValueError(f"not a gzipped scenario ({exc})") from exc
    if len(text) > MAX_BYTES or not unzip.eof:
        raise ValueError(f"unzipped, more than {MAX_BYTES:,} bytes: too big to be a scenario")
    return text


def read_scenario(raw: bytes | str, name: str = "<scenario>") -> Scenario:
    """Validate scenario text held in memory; raises :class:`ScenarioError`."""
    scenario, problems = check_text(raw, name)
    if scenario is None:
        raise ScenarioError(problems)
    return scenario


def check_text(raw: bytes | str, name: str,
               folder: Path | None = None) -> tuple[Scenario | None, list[Problem]]:
    """Validate scenario text; return the scenario, or None and every problem found."""
    doc, problems = read_yaml(raw, name)
    if doc is None:
        return None, problems
    if not isinstance(doc.data, dict):
        kind = type(doc.data).__name__ if doc.data is not None else "nothing"
        return None, [doc.problem((), f"expected a mapping of scenario fields at the top "
                                      f"of the file, found {kind}")]
    version = doc.data.get("format")
    if "format" in doc.data and (isinstance(version, bool) or not isinstance(version, int)):
        # Checked here, not left to pydantic, which would take "2" or 2.0 as 2 and so
        # skip the version check below.
        return None, [doc.problem(("format",), f"format must be a whole number such as "
                                  f"{FORMAT_VERSION}; found {_show(version)}")]
    if isinstance(version, int):
        if version > FORMAT_VERSION:
            return None, [doc.problem(("format",), f"scenario is written for format "
                                      f"{version}, which is too new for this Parley (it "
                                      f"reads {_formats()}); update Parley")]
        if version < MIN_FORMAT_VERSION:
            return None, [doc.problem(("format",), f"scenario is written for format "
                                      f"{version}, which is too old for this Parley (it "
                                      f"reads {_formats()})")]
    try:
        scenario = Scenario.model_validate(doc.data)
    except ValidationError as exc:
        return None, [_from_pydantic(doc, err) for err in exc.errors()]
    problems = _Checker(scenario, doc, folder).run()
    if any(p.severity == "error" for p in problems):
        return None, problems
    from game.lint import lint  # lint builds on a scenario that passed every check
    problems += lint(scenario, doc)
    data = raw.encode("utf-8") if isinstance(raw, str) else raw
    scenario._digest = hashlib.sha256(data).hexdigest()
    scenario._file = name
    return scenario, problems


def _formats() -> str:
    if MIN_FORMAT_VERSION == FORMAT_VERSION:
        return f"format {FORMAT_VERSION} only"
    return f"formats {MIN_FORMAT_VERSION} to {FORMAT_VERSION}"


def _from_pydantic(doc: Document, err: Any) -> Problem:
    loc: DocPath = tuple(err["loc"])
    kind = err["type"]
    if kind == "extra_forbidden":
        fields = _fields_at(loc[:-1])
        hint = did_you_mean(str(loc[-1]), fields)
        expected = f"; expected one of: {', '.join(sorted(fields))}" if fields and not hint \
            else ""
        return doc.problem(loc, f"unknown field {loc[-1]!r}{hint}{expected}", key=True)
    if loc and loc[-1] == "[key]":  # pydantic's marker for a bad key of a mapping
        return doc.problem(loc[:-1], f"key {loc[-2]!r}: {err['msg']}", key=True)
    if kind == "missing":
        return doc.problem(loc[:-1], f"missing required field {loc[-1]!r}")
    found = _show(err.get("input"), text_expected=kind == "string_type")
    if kind == "model_type" and not isinstance(err.get("input"), dict):
        # A block of fields was expected and something else found, most often because a
        # line was indented less than the fields beside it and became a key of the block
        # above (a side's 'reply' read as one more side).
        fields = _fields_at(loc)
        what = f"a block of fields ({', '.join(fields)})" if fields else "a block of fields"
        hint = ""
        if len(loc) >= 2 and isinstance(loc[-1], str) and isinstance(loc[-2], str):
            hint = (f"; {loc[-1]!r} is read here as a key under {loc[-2]!r}: if it belongs "
                    "to the block above it, indent it as far as the fields there")
        return doc.problem(loc, f"expected {what}; found {found}{hint}")
    message = err["msg"]
    if kind == "string_pattern_mismatch" and "a-z0-9_" in str(err.get("ctx", {})):
        message = ("expected an id: a lowercase letter, then lowercase letters, digits or _, "
                   "at most 40 characters")
    return doc.problem(loc, f"{message}; found {found}")


def _show(value: Any, text_expected: bool = False) -> str:
    """A found value as a modder should see it, with a hint where YAML surprised them."""
    if text_expected and value is None:
        return ("nothing (a # starts a comment in YAML, so '#1f78b4' must be put in "
                "quotes; or the value is missing)")
    if text_expected and isinstance(value, dict):
        return (f"{_show(value)} (text holding ': ' reads as a key and a value in YAML; put "
                "the text in quotes)")
    if text_expected and isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"the number {value!r} (put it in quotes to make it text)"
    if isinstance(value, bool):
        return (f"{value} (YAML reads yes/no, on/off and true/false as true or false; put "
                "the text in quotes)")
    if isinstance(value, (datetime.date, datetime.datetime)):
        return f"{value.isoformat()} (YAML read it as a date; put it in quotes)"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _fields_at(loc: DocPath) -> list[str]:
    """Field names of the model found at *loc* inside a scenario, for "did you mean"."""
    model: Any = Scenario
    for part in loc:
        if isinstance(model, type) and issubclass(model, BaseModel):
            if not isinstance(part, str) or part not in model.model_fields:
                return []
            model = model.model_fields[part].annotation
        else:
            args = getattr(model, "__args__", ())
            model = args[-1] if args else None
            while getattr(model, "__metadata__", None) is not None:
                model = model.__origin__
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


class _Checker:
    """Cross-reference checks that need the whole scenario at once."""

    def __init__(self, scenario: Scenario, doc: Document, folder: Path | None) -> None:
        self.s = scenario
        self.doc = doc
        self.folder = folder
        self.problems: list[Problem] = []

    def error(self, path: DocPath, message: str, *, key: bool = False) -> None:
        self.problems.append(self.doc.problem(path, message, key=key))

    def ref(self, path: DocPath, value: str, valid: Iterable[str], what: str,
            *, key: bool = False, of: str = "") -> bool:
        valid = list(valid)
        if value in valid:
            return True
        self.error(path, f"unknown {what} {value!r}{of}{did_you_mean(value, valid)}", key=key)
        return False

    def run(self) -> list[Problem]:
        s = self.s
        self._unique_ids()
        self.sources = [src.id for src in s.sources]
        self.sides = list(s.sides)
        self.meters = [m.id for m in s.meters]
        self.phases = [p.id for p in s.phases]
        self.ref(("opens",), s.opens, self.sides, "side")
        for i, issue in enumerate(s.issues):
            self._cites(("issues", i, "cite"), issue.cite)
            if issue.runs_from is not None:
                self.ref(("issues", i, "runs_from"), issue.runs_from, self.sides, "side")
        for i, meter in enumerate(s.meters):
            path: DocPath = ("meters", i)
            if meter.min >= meter.max:
                self.error(path + ("max",), f"max ({meter.max}) must be above min "
                                            f"({meter.min})")
            elif not meter.min <= meter.start <= meter.max:
                self.error(path + ("start",), f"start ({meter.start}) must lie between "
                                              f"min ({meter.min}) and max ({meter.max})")
            if meter.side is not None:
                self.ref(path + ("side",), meter.side, self.sides, "side")
        for side_id, side in s.sides.items():
            self._side(("sides", side_id), side)
        for i, tactic in enumerate(s.tactics):
            path = ("tactics", i)
            self._condition(path + ("when",), tactic.when)
            for j, phase in enumerate(tactic.phases or []):
                if self.ref(path + ("phases", j), phase, self.phases, "phase"):
                    if "tactic" not in s.phase(phase).moves:
                        self.error(path + ("phases", j), f"phase {phase!r} does not allow "
                                                         "tactics (add 'tactic' to its moves)")
            for side_id, use in tactic.sides.items():
                if self.ref(path + ("sides", side_id), side_id, self.sides, "side", key=True):
                    self._cites(path + ("sides", side_id, "cite"), use.cite)
                    self._effects(path + ("sides", side_id, "effects"), use.effects)
                    self._lines(path + ("sides", side_id, "line"), use.line)
                    if use.reply is not None:
                        # A reply may be given only sometimes: every variant may have a
                        # condition (none holds: no reply).
                        self._lines(path + ("sides", side_id, "reply"), use.reply,
                                    always=False)
                    for k, extra in enumerate(use.conditional):
                        where = path + ("sides", side_id, "conditional", k)
                        self._condition(where + ("when",), extra.when)
                        self._effects(where + ("effects",), extra.effects)
        for i, event in enumerate(s.events):
            self._condition(("events", i, "when"), event.when)
            self._effects(("events", i, "effects"), event.effects)
            self._cites(("events", i, "cite"), event.cite)
        for kind, effects in s.move_effects.items():
            self._effects(("move_effects", kind), effects)
        for i, rule in enumerate(s.contradictions):
            self._options(("contradictions", i, "options"), rule.options,
                          at_least_two="contradiction")
        count = math.prod(len(issue.options) for issue in s.issues)
        if count > MAX_PACKAGES:
            self.error(("issues",), f"the issues allow {count:,} different packages; at most "
                                    f"{MAX_PACKAGES:,} are supported (use fewer issues or "
                                    "options)")
        for i, outcome in enumerate(s.outcomes):
            self._condition(("outcomes", i, "when"), outcome.when)
            if outcome.trigger == "breakdown" and outcome.when is None:
                self.error(("outcomes", i, "trigger"), f"breakdown outcome {outcome.id!r} "
                                                       "needs a 'when': without one it would "
                                                       "end every game after the first move")
        self._fallbacks()
        if not self.problems:
            self._playable()
        return self.problems

    def _playable(self) -> None:
        """A game needs a package that can be proposed, and each side one it may agree to:
        contradictions that rule out every package, or a side's red lines that rule out
        every package the contradictions leave, make a scenario no game can be played on."""
        from game.analysis import outcome_space  # built on a scenario that passed the rest
        space = outcome_space(self.s)
        if not space.packages:
            sizes = [len(issue.options) for issue in self.s.issues]
            every = math.prod(sizes)
            named = [{issue: len(options) for issue, options in rule.parts}
                     for rule in space.rules]
            alone = [i for i, counts in enumerate(named)
                     if math.prod(counts.get(k, n) for k, n in enumerate(sizes)) == every]
            which = (f"contradiction {alone[0] + 1} alone lists every option of the issues "
                     "it names" if alone else "together they cover every combination")
            self.error(("contradictions", alone[0], "options") if alone else
                       ("contradictions",),
                       f"these contradictions rule out every package ({which}): no "
                       "proposal could be made, so no game can be played; remove a "
                       "contradiction or take options out of one")
            return
        for side_id, side in self.s.sides.items():
            if side.red_lines and all(space.crosses[side_id][:len(space.packages)]):
                self.error(("sides", side_id, "red_lines"),
                           f"these red lines rule out every package {side_id!r} could "
                           "propose or accept: it could never agree to anything, so no game "
                           "can be played; narrow or remove one")

    def _unique_ids(self) -> None:
        seen: dict[str, DocPath] = {name: () for name in BUILTIN_NAMES}
        for side in self.s.sides:
            seen.setdefault(f"walkout_{side}", ())
            seen.setdefault(f"offers_{side}", ())
        groups: list[tuple[str, list[Any]]] = [
            ("sources", self.s.sources), ("issues", self.s.issues),
            ("meters", self.s.meters), ("tactics", self.s.tactics),
            ("events", self.s.events), ("phases", self.s.phases),
            ("outcomes", self.s.outcomes)]
        entries: list[tuple[DocPath, str]] = [(("sides", k), k) for k in self.s.sides]
        for group, items in groups:
            for i, item in enumerate(items):
                entries.append(((group, i, "id"), item.id))
                for j, option in enumerate(getattr(item, "options", [])):
                    entries.append(((group, i, "options", j, "id"), option.id))
        for path, ident in entries:
            if ident in seen:
                first = seen[ident]
                where = ("it is a built-in name" if not first else
                         "already used at line {}".format(self.doc.where_key(first)[0]))
                self.error(path, f"id {ident!r} is used twice ({where}); every id in a "
                                 "scenario must be unique", key=path[0] == "sides")
            else:
                seen[ident] = path

    def _lines(self, path: DocPath, lines: str | list[str | SaidWhen], *,
               always: bool = True) -> None:
        """Check a line or its variants; *always*: whether something must be said whatever
        the talks have come to (a variant without a condition)."""
        if isinstance(lines, str):
            for problem in placeholder_problems(lines):
                self.error(path, problem)
            return
        for j, variant in enumerate(lines):
            where = path + (j,)
            if isinstance(variant, SaidWhen):
                self._condition(where + ("when",), variant.when)
                where += ("text",)
            for problem in placeholder_problems(line_text(variant)):
                self.error(where, problem)
        if always and all(isinstance(variant, SaidWhen) for variant in lines):
            self.error(path, "every variant here has a 'when': give at least one variant "
                             "without one, to be said when no condition holds")

    def _cites(self, path: DocPath, cites: list[str]) -> None:
        for j, cite in enumerate(cites):
            self.ref(path + (j,), cite, self.sources, "source")

    def _condition(self, path: DocPath, text: str | None) -> None:
        if text is None or text in self.s._conditions:
            return
        try:
            self.s._conditions[text] = Condition(text, condition_names(self.s))
        except ConditionSyntaxError as exc:
            line, column = self.doc.where(path)
            column += exc.offset + (1 if path in self.doc.quoted else 0)
            self.problems.append(Problem(self.doc.name, line, column,
                                         format_path(path), str(exc)))

    def _effects(self, path: DocPath, effects: Effects) -> None:
        for meter in effects.meters:
            self.ref(path + ("meters", meter), meter, self.meters, "meter", key=True)
        for side in effects.batna:
            self.ref(path + ("batna", side), side, self.sides, "side", key=True)
        for side in effects.stance:
            self.ref(path + ("stance", side), side, self.sides, "side", key=True)

    def _side(self, path: DocPath, side: Any) -> None:
        issues = {i.id: i for i in self.s.issues}
        self._cites(path + ("cite",), side.cite)
        self._cites(path + ("batna", "cite"), side.batna.cite)
        self._condition(path + ("personality", "walkout_when"), side.personality.walkout_when)
        for kind, lines in side.lines.items():
            self._lines(path + ("lines", kind), lines)
        if side.in_sentence is not None and side.name not in side.in_sentence:
            self.error(path + ("in_sentence",), f"in_sentence must contain the side's name "
                                                f"{side.name!r}, e.g. 'the {side.name}'")
        for issue_id in side.weights:
            self.ref(path + ("weights", issue_id), issue_id, issues, "issue", key=True)
        for issue_id in issues:
            if issue_id not in side.weights:
                self.error(path + ("weights",), f"missing weight for issue {issue_id!r}")
        total = sum(side.weights.values())
        if side.weights and not math.isclose(total, 1.0, abs_tol=0.001):
            self.error(path + ("weights",), f"weights must add up to 1; they add up to "
                                            f"{total:.3f}")
        for issue_id, values in side.values.items():
            if not self.ref(path + ("values", issue_id), issue_id, issues, "issue", key=True):
                continue
            options = [o.id for o in issues[issue_id].options]
            for option_id in values:
                self.ref(path + ("values", issue_id, option_id), option_id, options,
                         "option", key=True, of=f" for issue {issue_id!r}")
            for option_id in options:
                if option_id not in values:
                    self.error(path + ("values", issue_id),
                               f"missing value for option {option_id!r}")
        for issue_id in issues:
            if issue_id not in side.values:
                self.error(path + ("values",), f"missing values for issue {issue_id!r}")
        for i, red in enumerate(side.red_lines):
            self._options(path + ("red_lines", i, "forbid"), red.forbid)
        for i, combo in enumerate(side.combinations):
            cpath = path + ("combinations", i)
            if self._options(cpath + ("options",), combo.options, at_least_two="combination"):
                if combo.value == 0:
                    self.error(cpath + ("value",), "a combination worth 0 changes nothing; "
                                                   "give it a value above or below 0, or "
                                                   "remove it")
        for field in ("portrait", "flag"):
            value = getattr(side, field)
            if value is not None:
                self._asset(path + (field,), value)

    def _options(self, path: DocPath, options: dict[str, list[str]],
                 at_least_two: str = "") -> bool:
        """Check issue ids and their option ids (as in red lines, contradictions and
        combinations); with *at_least_two*, the rule it names must span two issues or
        more. Returns whether no problem was found."""
        before = len(self.problems)
        issues = {i.id: i for i in self.s.issues}
        for issue_id, option_ids in options.items():
            ipath = path + (issue_id,)
            if not self.ref(ipath, issue_id, issues, "issue", key=True):
                continue
            ids = [o.id for o in issues[issue_id].options]
            for j, option_id in enumerate(option_ids):
                self.ref(ipath + (j,), option_id, ids, "option", of=f" for issue {issue_id!r}")
        if at_least_two and len(options) < 2:
            named = (f"only issue {next(iter(options))!r}" if options else "no issue")
            self.error(path, f"a {at_least_two} must name options of at least two issues; "
                             f"it names {named} (a package picks one option per issue, so "
                             "options of one issue never stand together)")
        return len(self.problems) == before

    def _asset(self, path: DocPath, value: str) -> None:
        control = next((c for c in value if ord(c) < 0x20 or ord(c) == 0x7F), None)
        if control is not None:
            self.error(path, f"asset path {shown(value)} holds a control character "
                             f"({control!r}); a file name never does")
            return
        rel = Path(value)
        # Scenarios travel between systems: refuse what escapes the folder on Windows too.
        win = PureWindowsPath(value)
        if rel.is_absolute() or win.drive or win.root or ".." in win.parts:
            self.error(path, f"asset path {shown(value)} must stay inside the scenario's "
                             "folder (no absolute paths, no '..')")
            return
        if self.folder is None:
            return
        target = (self.folder / rel)
        try:
            inside = target.resolve().is_relative_to(self.folder.resolve())
        except (OSError, ValueError, RuntimeError):
            inside = False
        if not inside:
            self.error(path, f"asset path {shown(value)} leads outside the scenario's folder")
        elif not target.is_file():
            self.error(path, f"asset file {shown(value)} not found beside the scenario")

    def _fallbacks(self) -> None:
        moves = {m for p in self.s.phases for m in p.moves}
        needed = ["deadline"]
        if "accept" in moves:
            needed.append("agreement")
        if "walkout" in moves:
            needed.append("walkout")
        for trigger in needed:
            if not any(o.trigger == trigger and o.when is None for o in self.s.outcomes):
                self.error(("outcomes",), f"no outcome for trigger {trigger!r} without a "
                                          "'when': add one as the default outcome, last of "
                                          "its trigger")

