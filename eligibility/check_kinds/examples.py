"""Explain's examples: field values just passing and just failing a check, and the arithmetic
of "just" (one step past a threshold in the digit after its last)."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from eligibility.field_types.base import Raw
from eligibility.quantities.quantity import round_toward

__all__ = ["STATUS_VERB", "Example", "Raw", "boundary", "field_key", "number"]

STATUS_VERB = {
    "pass": "passes",
    "fail": "fails",
    "review": "goes to review",
    "invalid": "is invalid",
    "missing": "is missing",
}


@dataclass(frozen=True)
class Example:
    """Field values (as an applicant writes them) and the status the rule gives them.

    ``setting`` holds the other fields a plan states so that the rule applies at all (the
    ``when`` field, the material whose limit is used, the fields of a computed threshold).
    """

    status: str
    values: dict[str, Raw]
    setting: dict[str, Raw] = field(default_factory=dict)
    named: bool = False  # show field names even for one value

    def text(self) -> str:
        vals = list(self.values.values())
        if len(vals) == 1 and not self.named:
            shown = _raw_text(vals[0])
        elif len(vals) > 1 and all(v == vals[0] for v in vals):
            keys = ", ".join(field_key(p) for p in self.values)
            shown = f"{_raw_text(vals[0])} ({keys})"
        else:
            shown = ", ".join(f"{field_key(p)} = {_raw_text(v)}" for p, v in self.values.items())
        context = ""
        if self.setting:
            context = " with " + ", ".join(
                f"{field_key(p)} = {_raw_text(v)}" for p, v in self.setting.items()
            )
        if not shown:
            return f"a plan{context} {STATUS_VERB[self.status]}"
        return f"{shown}{context} {STATUS_VERB[self.status]}"


def _raw_text(v: Raw) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return v


def field_key(path: str) -> str:
    return path.rsplit(".", 1)[-1]


def _decimal(value: Fraction, max_places: int = 9) -> tuple[str, int] | None:
    """``value`` as an exact decimal and its number of decimal places, if it has one."""
    for places in range(max_places + 1):
        scaled = value * 10**places
        if scaled.denominator == 1:
            n = abs(scaled.numerator)
            whole, frac = divmod(n, 10**places)
            sign = "-" if value < 0 else ""
            text = f"{sign}{whole}" + (f".{str(frac).rjust(places, '0')}" if places else "")
            return text, places
    return None


def number(value: Fraction) -> str:
    """``value`` as an applicant would write it: exact, or to 12 significant digits."""
    exact = _decimal(value)
    if exact is not None:
        return exact[0]
    rounded = _decimal(round_toward(value, 12, up=True), 30)
    assert rounded is not None  # a value rounded to 12 significant digits
    return rounded[0]


def boundary(limit: Fraction, op: str) -> tuple[Fraction, Fraction]:
    """A passing and a failing value next to ``limit``: the threshold itself and one step
    beyond it in the digit after its last, or 4 significant digits either side when the
    threshold is not a short decimal (a limit computed with μ0)."""
    exact = _decimal(limit, 6)
    up = op in (">=", ">")
    if exact is None:
        return round_toward(limit, 4, up=up), round_toward(limit, 4, up=not up)
    step = Fraction(1, 10 ** (exact[1] + 1))
    if op == ">=":
        return limit, limit - step
    if op == ">":
        return limit + step, limit
    if op == "<=":
        return limit, limit + step
    return limit - step, limit
