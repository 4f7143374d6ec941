"""Arithmetic over plan fields, as rule files write it: ``peak_torque / volume``.

The grammar is tiny and parsed here, never evaluated by Python or pint:

    expr   := term (("+" | "-") term)*
    term   := power (("*" | "/") power)*
    power  := atom ("^" integer)?
    atom   := number | name | "(" expr ")"

A name is a field path (``motor.volume``) or a constant of the unit registry (``mu_0``).
Values are pint quantities with exact Fraction magnitudes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from eligibility import units

CONSTANTS = ("mu_0", "pi")

_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_.]*)|(\*\*|[-+*/^()]))")


class ExprError(ValueError):
    """An expression in a rule file that cannot be parsed."""


@dataclass(frozen=True)
class Expr:
    """A parsed expression: its text, the fields it reads, and how to compute it."""

    text: str
    fields: tuple[str, ...]
    _eval: Callable[[Callable[[str], Any]], Any]

    def evaluate(self, lookup: Callable[[str], Any]) -> Any:
        """Compute with ``lookup(path)`` giving each field's pint quantity."""
        return self._eval(lookup)

    @property
    def is_field(self) -> bool:
        return self.text.strip() in self.fields and len(self.fields) == 1


def parse(text: str) -> Expr:
    tokens = _tokenize(text)
    fields: list[str] = []
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
            value = Fraction(tok)
            return lambda _lookup: units.registry().Quantity(value, "")
        if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", tok):
            if tok in CONSTANTS:
                return lambda _lookup: units.registry().Quantity(Fraction(1), tok)
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
            right = power()
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
    return Expr(text.strip(), tuple(dict.fromkeys(fields)), fn)


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
