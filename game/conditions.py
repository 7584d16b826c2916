"""The small condition language of scenario files.

A condition such as ``trust >= 60 and round >= 3`` is parsed once, when the scenario is
loaded, by simpleeval; only numbers, declared names, arithmetic, comparisons and
``and`` / ``or`` / ``not`` are allowed, and every name is checked against what the scenario
declares. At play time it is evaluated with plain numbers only.
"""

from __future__ import annotations

import ast
import operator
import threading
import re
import difflib
import warnings
from collections.abc import Callable, Iterable, Mapping

from simpleeval import SimpleEval

#: One parse at a time in the whole process. CPython 3.11 keeps the AST constructor's
#: recursion depth for the whole interpreter, so two threads parsing at once can fail with
#: "AST constructor recursion depth mismatch" (python/cpython#106905): two class clients
#: in one process read the class's scenario at the same moment and one of them refused it
#: (CI). ``warnings.catch_warnings``, used round the parse, is not thread-safe either.
_PARSING = threading.Lock()

#: The AST nodes a condition may contain.
_ALLOWED = (
    ast.Expression, ast.Expr, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.USub,
    ast.UAdd, ast.BinOp, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Compare, ast.Eq,
    ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Name, ast.Load, ast.Constant,
)

_OPERATORS = "numbers, names, + - * /, == != < <= > >=, and, or, not, parentheses"

#: The deepest a condition's expression tree may be; evaluation recurses once per level,
#: so a deeper one would load and then fail with RecursionError in play.
MAX_DEPTH = 40
#: The longest a condition may be, in characters, as long as the longest text a scenario
#: may hold (the longest shipped condition has 104): the time to parse it and to evaluate
#: it in play grows with its length (the lint has a budget of its own).
MAX_LENGTH = 4000


def _depth(node: ast.AST) -> int:
    todo, deepest = [(node, 1)], 0
    while todo:
        node, depth = todo.pop()
        deepest = max(deepest, depth)
        todo.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


class ConditionSyntaxError(ValueError):
    """A condition that cannot be parsed or uses something not allowed.

    ``offset`` is the 0-based column inside the condition text where the trouble is.
    """

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.offset = offset


def shown(value: object, most: int = 80) -> str:
    """*value* as a message shows it: its repr, cut to about *most* characters.

    >>> shown("trust > 5")
    "'trust > 5'"
    >>> shown("x" * 200, 10)
    "'xxxxxxxx… (193 more characters)"
    """
    text = repr(value)
    if len(text) <= most:
        return text
    return f"{text[:most - 1]}\u2026 ({len(text) - most + 1:,} more characters)"


def nearest(word: str, choices: Iterable[str]) -> str | None:
    """The closest of *choices* to a misspelt *word*, or None when nothing is close."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a close id exists, else an empty string."""
    match = nearest(word, choices)
    return f" (did you mean {match!r}?)" if match else ""


def _nothing(names: Mapping[str, float]) -> tuple[()]:
    """The memo key of a condition that uses no name."""
    return ()


class Condition:
    """A parsed, checked condition; call :meth:`holds` with the current numbers."""

    __slots__ = ("text", "names", "constants", "size", "_tree", "_order", "_key", "_memo")

    #: How many past answers a condition remembers (its answer depends only on the values
    #: of the names it uses, so simulations ask the same question again and again).
    MEMO = 4096

    def __init__(self, text: str, known: Mapping[str, str] | Iterable[str]) -> None:
        self.text = text
        if len(text) > MAX_LENGTH:
            raise ConditionSyntaxError(
                f"condition {shown(text)} is {len(text):,} characters long; a condition may "
                f"have at most {MAX_LENGTH:,} (give a long rule several shorter conditions, "
                "or split it up)")
        parser = SimpleEval()
        for wrong, right in (("=>", ">="), ("=<", "<="), ("<>", "!=")):
            if wrong in text:
                raise ConditionSyntaxError(f"{wrong!r} is not an operator; write {right!r}",
                                           text.index(wrong))
        lone = re.search(r"(?<![=!<>:])=(?!=)", text)
        if lone:
            raise ConditionSyntaxError("a single '=' assigns, it does not compare; write '==' "
                                       "to test whether two values are equal", lone.start())
        # simpleeval parses the stripped text: offsets count from its first non-blank.
        indent = len(text) - len(text.lstrip())
        try:
            with _PARSING, warnings.catch_warnings():
                # simpleeval only warns about "a; b" and keeps the first expression.
                warnings.simplefilter("error")
                tree = parser.parse(text)
        except SyntaxError as exc:
            offset = max((exc.offset or 1) - 1, 0) + indent
            raise ConditionSyntaxError(f"cannot parse condition {shown(text)}: {exc.msg}",
                                       offset) from exc
        except SyntaxWarning as exc:
            raise ConditionSyntaxError(f"cannot parse condition {shown(text)}: {exc}",
                                       indent) from exc
        except Warning as exc:  # simpleeval's MultipleExpressions
            raise ConditionSyntaxError(f"condition {shown(text)} holds more than one expression; "
                                       "join them with 'and' or 'or'", indent) from exc
        except Exception as exc:  # simpleeval raises its own kinds for odd input
            raise ConditionSyntaxError(f"cannot parse condition {shown(text)}: {exc}") from exc
        if _depth(tree) > MAX_DEPTH:
            raise ConditionSyntaxError(f"condition {shown(text)} nests deeper than {MAX_DEPTH} "
                                       "levels; split it up", indent)
        names: set[str] = set()
        for node in ast.walk(tree):
            offset = getattr(node, "col_offset", 0) + indent
            if not isinstance(node, _ALLOWED):
                raise ConditionSyntaxError(
                    f"{type(node).__name__.lower()} is not allowed in a condition; "
                    f"a condition may use only {_OPERATORS}", offset)
            if isinstance(node, ast.Constant) and (
                    isinstance(node.value, bool) or not isinstance(node.value, (int, float))):
                raise ConditionSyntaxError(
                    f"only numbers may be written in a condition, not {shown(node.value)}", offset)
            if isinstance(node, ast.Name):
                if node.id not in known:
                    raise ConditionSyntaxError(
                        f"unknown name {node.id!r} in condition{did_you_mean(node.id, known)}",
                        offset)
                names.add(node.id)
        self.names = frozenset(names)
        self._tree = tree
        self._order = tuple(sorted(names))
        #: names -> what the answer depends on, the memo's key (the values of the names,
        #: in order; one name's value alone).
        self._key: Callable[[Mapping[str, float]], object] = \
            operator.itemgetter(*self._order) if self._order else _nothing
        #: The numbers written in the condition (lint tries values around them).
        self.constants = frozenset(float(node.value) for node in ast.walk(tree)
                                   if isinstance(node, ast.Constant) and
                                   isinstance(node.value, (int, float)))
        self._memo: dict[object, bool] = {}
        #: How many nodes its expression has: what one evaluation costs, roughly.
        self.size = sum(1 for _ in ast.walk(tree))

    def holds(self, names: Mapping[str, float]) -> bool:
        """True when the condition holds for the numbers in *names* (a name -> number
        mapping holding at least every name the condition uses)."""
        key = self._key(names)
        answer = self._memo.get(key)
        if answer is None:
            evaluator = _evaluator()
            evaluator.names = {n: names[n] for n in self._order}
            try:
                answer = bool(evaluator.eval(self.text, previously_parsed=self._tree))
            except ZeroDivisionError:
                answer = False
            if len(self._memo) >= self.MEMO:
                self._memo.clear()
            self._memo[key] = answer
        return answer

    def __repr__(self) -> str:
        return f"Condition({self.text!r})"


#: One evaluator for each thread (its names are set before each use, so threads must not
#: share one: the class server makes reports in a thread while its games go on): no
#: functions, and names set to plain numbers.
_LOCAL = threading.local()


def _evaluator() -> SimpleEval:
    evaluator: SimpleEval | None = getattr(_LOCAL, "evaluator", None)
    if evaluator is None:
        evaluator = _LOCAL.evaluator = SimpleEval(functions={})
    return evaluator


#: A comparison of a name with a number, in words: the name first.
_COMPARED = {ast.Lt: "below", ast.LtE: "at most", ast.Gt: "above", ast.GtE: "at least",
             ast.Eq: "at", ast.NotEq: "not at"}
#: The same for the round: "in round 4 or later" (not "from round 4", which a player read
#: as "since round 4": what the condition held since then).
_ROUNDS = {ast.Lt: "before round {}", ast.LtE: "in round {} or earlier",
           ast.Gt: "after round {}", ast.GtE: "in round {} or later", ast.Eq: "in round {}",
           ast.NotEq: "except in round {}"}
#: A comparison the other way round ("10 > trust"), as the name-first one.
_MIRRORED: dict[type, type] = {ast.Lt: ast.Gt, ast.LtE: ast.GtE, ast.Gt: ast.Lt,
                               ast.GtE: ast.LtE, ast.Eq: ast.Eq, ast.NotEq: ast.NotEq}


def in_words(text: str, labels: Mapping[str, str]) -> str:
    """A condition of comparisons of a name with a number, joined by ``and`` and ``or``,
    as a player reads it: ``trust < 10 and round >= 4`` -> "trust below 10, in round 4 or
    later".
    *labels* names each name (a meter's name, in lower case); the round reads as a round.
    Anything else (arithmetic, ``not``, a name compared with a name) is left as written.

    >>> in_words("trust < 10 and round >= 4", {"trust": "trust between delegations"})
    'trust between delegations below 10, in round 4 or later'
    >>> in_words("calm <= 5 or 20 > support", {"calm": "calm", "support": "support"})
    'calm at most 5, or support below 20'
    >>> in_words("trust * 2 < 10", {"trust": "trust"})
    'trust * 2 < 10'
    """
    try:
        with _PARSING:
            tree = ast.parse(text.strip(), mode="eval").body
    except SyntaxError:
        return text

    def said(node: ast.expr) -> str | None:
        if isinstance(node, ast.BoolOp):
            parts = [said(value) for value in node.values]
            if any(part is None for part in parts):
                return None
            joint = ", " if isinstance(node.op, ast.And) else ", or "
            return joint.join(part for part in parts if part is not None)
        if not isinstance(node, ast.Compare) or len(node.ops) != 1:
            return None
        left, op, right = node.left, type(node.ops[0]), node.comparators[0]
        if isinstance(left, ast.Constant) and isinstance(right, ast.Name):
            left, right, op = right, left, _MIRRORED[op]
        if not (isinstance(left, ast.Name) and isinstance(right, ast.Constant) and
                isinstance(right.value, (int, float)) and op in _COMPARED):
            return None
        number = f"{right.value:g}"
        if left.id == "round":
            return _ROUNDS[op].format(number)
        return f"{labels.get(left.id, left.id)} {_COMPARED[op]} {number}"

    return said(tree) or text
