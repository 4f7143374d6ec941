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
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from eligibility.quantities import units
from eligibility.quantities.quantity import Quantity

CONSTANTS = ("mu_0", "pi")

_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_.]*)|(\*\*|[-+*/^()]))")


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
    _eval: Callable[[Callable[[str], Exact]], Exact]
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
    tokens = _tokenize(text)
    fields: list[str] = []
    divisors: list[str] = []
    pos = 0

    def peek() -> str | None:
        return tokens[pos] if pos < len(tokens) else None

    def take() -> str:
        nonlocal pos
        if pos >= len(tokens):
            raise ExprError(f"'{text}': ends too early")
        pos += 1
        return tokens[pos - 1]

    def atom() -> Callable[[Callable[[str], Any]], Any]:
        tok = take()
        if tok == "(":
            inner = expr()
            if take() != ")":
                raise ExprError(f"'{text}': missing ')'")
            return inner
        if re.fullmatch(r"\d+(?:\.\d+)?", tok):
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
