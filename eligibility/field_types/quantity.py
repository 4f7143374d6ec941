"""A number with a unit of the field's kind (``[kinds.X]``): "150 kJ/m^3", "19 MGOe"."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

from eligibility.field_types.base import FieldType, Raw, Value, bad, label_text, need_text
from eligibility.quantities import units
from eligibility.quantities.quantity import QuantityError, normalize, parse_quantity
from eligibility.text import Text, as_written

if TYPE_CHECKING:
    from eligibility.ruleset.model import FieldSpec, Ruleset

_TEMPERATURES = frozenset({"degree_Celsius", "degree_Fahrenheit", "kelvin"})
_NUMBER_ONLY = re.compile(r"[+-]?[\d,. ]+(?:[eE][+-]?\d+)?")


class QuantityType(FieldType):
    name = "quantity"
    needs_kind = True
    accepts_word = "units"

    def read(self, spec: FieldSpec, raw: Any, ruleset: Ruleset | None = None) -> Value:
        given = as_written(raw)
        label = spec.label
        assert spec.kind is not None
        kind = spec.kind
        accepts = spec.accepts
        if isinstance(raw, bool) or not isinstance(raw, int | float | str):
            return Value(spec, given, problem=need_text(accepts))
        if isinstance(raw, float) and not math.isfinite(raw):
            return bad(
                spec,
                given,
                f"{given} is not a finite number",
                f"{given} は有限の数値ではありません",
            )
        if isinstance(raw, int | float):
            return Value(spec, given, problem=_no_unit(given, accepts))
        try:
            q = parse_quantity(raw)
        except QuantityError as exc:
            if _NUMBER_ONLY.fullmatch(normalize(raw)):
                return Value(spec, given, problem=_no_unit(given, accepts))
            return Value(spec, given, problem=exc.text)
        if not kind.fits(q):
            return bad(
                spec,
                given,
                f"'{raw}' is not a {label.en} (accepted: {accepts})",
                f"'{raw}' は{label.ja}の単位ではありません（使用できる単位：{accepts}）",
            )
        if q.atoms & _TEMPERATURES and units.is_temperature(q.unit) and q.to("K") < 0:
            return bad(
                spec,
                given,
                f"'{given}' is below absolute zero",
                f"'{given}' は絶対零度を下回っています",
            )
        if q.atoms & kind.reject and kind.reject_reason is not None:
            return Value(
                spec,
                given,
                problem=Text(f"'{raw}' is ", f"'{raw}' は") + kind.reject_reason,
            )
        if kind.nonnegative and q.magnitude < 0:
            return bad(
                spec,
                given,
                f"'{raw}' is negative; {label.en} cannot be below zero",
                f"'{raw}' は負の値です。{label.ja}は0以上です",
            )
        limit = kind.at_most
        if (
            limit is not None
            and q.unit.dimensionality == limit.unit.dimensionality
            and q.to(limit.unit) > limit.magnitude
        ):
            return bad(
                spec,
                given,
                f"'{raw}' is impossible: {label.en} cannot exceed {kind.at_most_text}",
                f"'{raw}' はあり得ない値です。{label.ja}は {kind.at_most_text} を超えません",
            )
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


def _no_unit(given: str, accepts: str) -> Text:
    return Text(
        f"{given} is a number without a unit; write it with a unit, e.g. {accepts}",
        f"{given} は単位のない数値です。単位を付けて記入してください（例：{accepts}）",
    )


FIELD_TYPE = QuantityType()
