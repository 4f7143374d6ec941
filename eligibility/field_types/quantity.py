"""A number with a unit of the field's kind (``[kinds.X]``): "150 kJ/m^3", "19 MGOe"."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from eligibility.application.workbook_layout import CellKind
from eligibility.field_types.base import FieldType, Raw, Value, bad, label_text, need_text
from eligibility.messages import fields as say
from eligibility.patterns import lazy
from eligibility.quantities import units
from eligibility.quantities.quantity import (
    Quantity,
    QuantityError,
    look_alike_unit,
    normalize,
    parse_quantity,
)
from eligibility.quantities.stated import Stated, parse_stated
from eligibility.suggest import did_you_mean, hint
from eligibility.text import Text, as_written, fold_key

if TYPE_CHECKING:
    from eligibility.ruleset.model import FieldSpec, Ruleset

_TEMPERATURES = frozenset({"degree_Celsius", "degree_Fahrenheit", "kelvin"})
_UNKNOWN_UNIT = lazy(r"unknown unit '([^']*)'")
STATED_MAX = 100  # characters of a bound or a range as a datasheet writes it
_NUMBER_ONLY = lazy(r"[+-]?[\d,. ]+(?:[eE][+-]?\d+)?")


class QuantityType(FieldType):
    name = "quantity"
    needs_kind = True
    accepts_word = "units"
    own_length_limit = True  # a quantity's text has its own, shorter limit (quantity.MAX_TEXT)
    form_cell = CellKind.AMOUNT

    def form_hint(self, spec: FieldSpec) -> str:
        return f" — 単位 / units: {spec.accepts}"

    def read(self, spec: FieldSpec, raw: Any, ruleset: Ruleset | None = None) -> Value:
        given = as_written(raw)
        assert spec.kind is not None
        kind = spec.kind
        accepts = spec.accepts
        if isinstance(raw, bool) or not isinstance(raw, int | float | str):
            return Value(spec, given, problem=need_text(accepts))
        if isinstance(raw, float) and not math.isfinite(raw):
            return bad(spec, given, say.NOT_FINITE.format(given=given))
        if isinstance(raw, int | float):
            return Value(spec, given, problem=_no_unit(given, accepts))
        if kind.zero_words and fold_key(raw) in kind.zero_words:
            zero = Quantity(Fraction(0), kind.unit, frozenset(), kind.unit_text)
            note = say.READ_AS_ZERO.format(given=given, unit=kind.unit_text)
            return Value(spec, given, value=zero, note=note)
        try:
            q = parse_quantity(raw)
        except QuantityError as exc:
            if _NUMBER_ONLY.fullmatch(normalize(raw)):
                return Value(spec, given, problem=_no_unit(given, accepts))
            # a check reads it: a datasheet's bound or range may be what it is (a short text:
            # the range pattern is not for megabytes of digits)
            if ruleset is not None and len(raw) <= STATED_MAX:
                try:
                    stated = parse_stated(raw)
                except QuantityError:
                    pass
                else:
                    return _interval(spec, raw, given, stated)
            return Value(spec, given, problem=_unit_hint(exc, raw, kind.accepts))
        problem = _problem(spec, raw, given, q)
        if problem is not None:
            return Value(spec, given, problem=problem)
        return Value(spec, given, value=q)

    def accepts(self, spec: FieldSpec) -> str:
        return ", ".join(spec.kind.accepts) if spec.kind is not None else "text"

    def template_comment(self, spec: FieldSpec) -> str:
        return f"# 単位 / units: {spec.accepts}"

    def json_schema(self, spec: FieldSpec, ruleset: Ruleset) -> dict[str, Any]:
        assert spec.kind is not None
        return {
            "type": "string",
            "description": f"{label_text(spec)}. A number with a unit: {spec.accepts}.",
            "examples": [f"1 {spec.kind.accepts[0]}"],
        }

    def sample(self, spec: FieldSpec, ruleset: Ruleset) -> Raw:
        assert spec.kind is not None
        return f"1 {spec.kind.unit_source}"


def _problem(spec: FieldSpec, raw: str, given: str, q: Quantity) -> Text | None:
    """Why a quantity read from ``raw`` cannot be this field's value, or None."""
    label, kind, accepts = spec.label, spec.kind, spec.accepts
    assert kind is not None
    if not kind.fits(q):
        # "1.4 t" (tonnes) for a remanence: the unit meant is most likely the one it mis-cases
        alike = look_alike_unit(q.key, kind.accepts) if q.key else None
        return say.WRONG_KIND.format(given=raw, label=label, accepts=accepts) + hint(alike)
    if q.atoms & _TEMPERATURES and units.is_temperature(q.unit) and q.to("K") < 0:
        return say.BELOW_ABSOLUTE_ZERO.format(given=given)
    if q.atoms & kind.reject and kind.reject_reason is not None:
        return say.REJECTED.format(given=raw, reason=kind.reject_reason)
    if kind.nonnegative and q.magnitude < 0:
        return say.NEGATIVE.format(given=raw, label=label)
    limit = kind.at_most
    if (
        limit is not None
        and q.unit.dimensionality == limit.unit.dimensionality
        and q.to(limit.unit) > limit.magnitude
    ):
        return say.IMPOSSIBLE.format(given=raw, label=label, limit=kind.at_most_text)
    return None


def _interval(spec: FieldSpec, raw: str, given: str, stated: Stated) -> Value:
    """A datasheet's bound, range or typical figure: each end checked like a value. A typical
    figure is read as stated, with a note; a bound or a range is left to the check, which
    reads the end least favourable to the applicant for its operator."""
    for end in (stated.low, stated.high):
        if end is not None:
            problem = _problem(spec, raw, given, end)
            if problem is not None:
                return Value(spec, given, problem=problem)
    if stated.low is not None and stated.low is stated.high:  # "46 MGOe (typ.)"
        return Value(spec, given, value=stated.low, note=stated.note())
    return Value(spec, given, stated=stated, note=stated.note())


def _unit_hint(exc: QuantityError, raw: str, accepts: tuple[str, ...]) -> Text:
    """The reason, with "did you mean" offering only units this field accepts."""
    found = _UNKNOWN_UNIT.search(exc.text.en)  # the reader names the symbol it does not know
    if found is None:
        return exc.text
    symbol = found.group(1)
    alike = look_alike_unit(symbol, accepts)  # "mgoe" is MGOe mis-cased, not a near word
    if alike is not None:
        return say.UNKNOWN_UNIT.format(given=raw, symbol=symbol) + hint(alike)
    return say.UNKNOWN_UNIT.format(given=raw, symbol=symbol) + did_you_mean(
        symbol, accepts, cutoff=0.4
    )


def _no_unit(given: str, accepts: str) -> Text:
    return say.NO_UNIT.format(given=given, accepts=accepts)


FIELD_TYPE = QuantityType()
