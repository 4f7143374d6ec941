"""Arithmetic over plan fields, as rule files write it: ``peak_torque / volume``.

The grammar is tiny and parsed here, never evaluated by Python or pint:

    expr   := term (("+" | "-") term)*
    term   := power (("*" | "/") power)*
    power  := atom ("^" integer)?
    atom   := number | name | "(" expr ")"

A name is a field path (``motor.volume``) or a constant of the unit registry (``mu_0``).

Values are exact: a Fraction magnitude and a unit of the compiled table, combined by exact
factor arithmetic, never by pint (sums convert the right operand into the left one's unit;
units of different dimensions cannot be added and raise
:class:`~eligibility.quantities.units.DimensionalityError`).

Rule files are written by people, so an expression is bounded when the rule set loads: at
most :data:`MAX_TEXT` characters, :data:`MAX_NESTING` levels of parentheses, numbers of at
most :data:`MAX_DIGITS` digits, :data:`MAX_FIELDS` different fields (each one an applicant
states as a range doubles the values a check computes), powers up to :data:`MAX_POWER`, and
a *degree* (how many values are multiplied together once powers are expanded) up to
:data:`MAX_DEGREE`. The parser therefore never recurses deeply, and with the bounded
quantities of an application (eligibility.quantities.quantity) the exact result of any
expression has at most a few thousand digits. Unbounded, ``x ^ 100000000`` is hours of
big-integer arithmetic in native code, where the per-file time limit (a signal, handled
between two steps of Python) arrives late or not at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from eligibility.patterns import lazy
from eligibility.quantities import units
from eligibility.quantities.quantity import Quantity

CONSTANTS = ("mu_0", "pi")

MAX_TEXT = 200  # characters of one expression
MAX_NESTING = 8  # levels of parentheses
MAX_DIGITS = 30  # digits of a number written in an expression
MAX_POWER = 4  # the largest exponent after ^ (as in a unit: m^3, A^2)
MAX_DEGREE = 16  # values multiplied together once powers are expanded: x^2 * y is 3
MAX_FIELDS = 6  # different fields read: a check tries every combination of range ends

_TOKEN = lazy(r"\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_.]*)|(\*\*|[-+*/^()]))")


class ExprError(ValueError):
    """An expression in a rule file that cannot be parsed."""


class Exact:
    """A magnitude and a unit, with exact arithmetic."""

    __slots__ = ("magnitude", "unit")

    def __init__(self, magnitude: Fraction, unit: Any) -> None:
        self.magnitude = magnitude
        self.unit = unit

    def __mul__(self, other: Exact) -> Exact:
        return Exact(self.magnitude * other.magnitude, self.unit * other.unit)

    def __truediv__(self, other: Exact) -> Exact:
        return Exact(self.magnitude / other.magnitude, self.unit / other.unit)

    def __add__(self, other: Exact) -> Exact:
        factor = units.factor(other.unit, self.unit)
        return Exact(self.magnitude + other.magnitude * factor, self.unit)

    def __sub__(self, other: Exact) -> Exact:
        factor = units.factor(other.unit, self.unit)
        return Exact(self.magnitude - other.magnitude * factor, self.unit)

    def __pow__(self, power: int) -> Exact:
        return Exact(self.magnitude**power, self.unit**power)


@dataclass(frozen=True)
class Expr:
    """A parsed expression: its text, the fields it reads, and how to compute it."""

    text: str
    fields: tuple[str, ...]
    # how it computes follows from the text: two parses of one text are one expression, so
    # a rule set read back from its cache entry equals the one compiled from its files
    _eval: Callable[[Callable[[str], Exact]], Exact] = field(compare=False)
    divisors: tuple[str, ...] = ()  # the fields read in a divisor: blamed when it is zero

    def evaluate(self, lookup: Callable[[str], Quantity]) -> Quantity:
        """Compute with ``lookup(path)`` giving each field's quantity; the result is exact,
        in the unit the arithmetic gives (convert it with ``Quantity.to``)."""

        def exact(path: str) -> Exact:
            q = lookup(path)
            return Exact(q.magnitude, q.unit)

        result = self._eval(exact)
        return Quantity(Fraction(result.magnitude), result.unit, frozenset(), "")

    @property
    def is_field(self) -> bool:
        return self.text.strip() in self.fields and len(self.fields) == 1


def parse(text: str) -> Expr:
    """``text`` parsed, or ExprError saying what is wrong (every bound included)."""
    if len(text) > MAX_TEXT:
        raise ExprError(
            f"'{text[:40]}…': {len(text)} characters; an expression has at most {MAX_TEXT}"
        )
    tokens = _tokenize(text)
    fields: list[str] = []
    divisors: list[str] = []
    pos = 0
    nesting = 0

    def peek() -> str | None:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> str:
        nonlocal pos
        if pos >= len(tokens):
            raise ExprError(f"'{text}': ends too early")
        pos += 1
        return tokens[pos - 1]

    def atom() -> Callable[[Callable[[str], Any]], Any]:
        nonlocal nesting
        tok = take()
        if tok == "(":
            nesting += 1
            if nesting > MAX_NESTING:
                raise ExprError(f"'{text}': parentheses nested more than {MAX_NESTING} levels deep")
            inner = expr()
            if take() != ")":
                raise ExprError(f"'{text}': missing ')'")
            nesting -= 1
            return inner
        if re.fullmatch(r"\d+(?:\.\d+)?", tok):
            if len(tok.replace(".", "").lstrip("0")) > MAX_DIGITS:
                raise ExprError(f"'{text}': a number has more than {MAX_DIGITS} digits")
            number = Exact(Fraction(tok), units.DIMENSIONLESS)
            return lambda _lookup: number
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", tok):
            if tok in CONSTANTS:
                constant = Exact(Fraction(1), units.atom(tok))
                return lambda _lookup: constant
            fields.append(tok)
            return lambda lookup: lookup(tok)
        raise ExprError(f"'{text}': unexpected '{tok}'")

    def power() -> Callable[[Callable[[str], Any]], Any]:
        base = atom()
        if peek() in ("^", "**"):
            take()
            exp_tok = take()
            if not exp_tok.isdigit():
                raise ExprError(f"'{text}': a power must be a whole number")
            if len(exp_tok) > 2 or not 0 < int(exp_tok) <= MAX_POWER:
                raise ExprError(f"'{text}': a power is a whole number from 1 to {MAX_POWER}")
            n = int(exp_tok)
            return lambda lookup: base(lookup) ** n
        return base

    def term() -> Callable[[Callable[[str], Any]], Any]:
        left = power()
        while peek() in ("*", "/"):
            op = take()
            before = len(fields)
            right = power()
            if op == "/":
                divisors.extend(fields[before:])
            left = _bin(op, left, right)
        return left

    def expr() -> Callable[[Callable[[str], Any]], Any]:
        left = term()
        while peek() in ("+", "-"):
            op = take()
            right = term()
            left = _bin(op, left, right)
        return left

    fn = expr()
    if pos != len(tokens):
        raise ExprError(f"'{text}': unexpected '{tokens[pos]}'")
    if len(set(fields)) > MAX_FIELDS:
        raise ExprError(f"'{text}': reads {len(set(fields))} fields; at most {MAX_FIELDS}")
    if (degree := _degree(tokens)) > MAX_DEGREE:
        raise ExprError(
            f"'{text}': multiplies {degree} values together (powers expanded); at most {MAX_DEGREE}"
        )
    return Expr(text.strip(), tuple(dict.fromkeys(fields)), fn, tuple(dict.fromkeys(divisors)))


def _bin(
    op: str,
    left: Callable[[Callable[[str], Any]], Any],
    right: Callable[[Callable[[str], Any]], Any],
) -> Callable[[Callable[[str], Any]], Any]:
    if op == "+":
        return lambda lookup: left(lookup) + right(lookup)
    if op == "-":
        return lambda lookup: left(lookup) - right(lookup)
    if op == "*":
        return lambda lookup: left(lookup) * right(lookup)
    return lambda lookup: left(lookup) / right(lookup)


def _degree(tokens: list[str]) -> int:
    """How many values the expression multiplies together, powers expanded: a sum's degree
    is its larger term's, a product's (or quotient's) the sum of its factors', ``a ^ n``
    ``n`` times ``a``'s. Computed over the tokens of an expression that parsed, with a stack
    rather than recursion (the nesting is bounded, but this needs no bound)."""
    # each level: [degree of the finished terms, degree of the current product, last factor]
    stack: list[list[int]] = [[0, 0, 0]]
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        level = stack[-1]
        if tok == "(":
            stack.append([0, 0, 0])
        elif tok == ")":
            inner = stack.pop()
            value = max(inner[0], inner[1])
            stack[-1][1] += value
            stack[-1][2] = value
        elif tok in ("^", "**"):
            n = int(tokens[i + 1])
            level[1] += level[2] * (n - 1)
            level[2] *= n
            i += 1
        elif tok in ("+", "-"):
            level[0] = max(level[0], level[1])
            level[1] = level[2] = 0
        elif tok not in ("*", "/"):  # a number, a field or a constant
            level[1] += 1
            level[2] = 1
        i += 1
    return max(stack[0][0], stack[0][1])


def _tokenize(text: str) -> list[str]:
    tokens: list[str] = []
    pos = 0
    stripped = text.rstrip()
    while pos < len(stripped):
        m = _TOKEN.match(stripped, pos)
        if not m:
            raise ExprError(f"'{text}': cannot read from '{stripped[pos:]}'")
        tokens.append(next(g for g in m.groups() if g is not None))
        pos = m.end()
    if not tokens:
        raise ExprError("an empty expression")
    return tokens
