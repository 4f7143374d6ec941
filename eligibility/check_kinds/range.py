"""``range``: one quantity field between a minimum and a maximum, both included."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from eligibility.check_kinds.base import CompileContext, Criterion
from eligibility.check_kinds.outcome import Outcome, invalid, missing, plain, signed
from eligibility.checking.fields import PlanFields, Value
from eligibility.messages import kinds as say
from eligibility.quantities.quantity import format_number
from eligibility.ruleset.model import Ruleset, Threshold
from eligibility.text import Text

if TYPE_CHECKING:  # examples are explain's: a check does not load them
    from eligibility.check_kinds.examples import Example, Raw

# The rule-file keys are a pydantic model built on first use: a rule set read back from the
# cache is checked without importing pydantic (tests/ruleset/test_cache.py measures it).


@functools.cache
def _rule_file() -> type[Any]:
    from eligibility.ruleset.schema import RuleCommon

    class RangeFile(RuleCommon):
        test: Literal["range"]
        value: str  # the field compared
        min: str  # a quantity with its unit, or $parameter
        max: str

    return RangeFile


@dataclass(frozen=True)
class RangeCheck(Criterion):
    """A quantity field between ``minimum`` and ``maximum``, both included."""

    name: ClassVar[str] = "range"

    value: str  # the field's path
    minimum: Threshold
    maximum: Threshold

    @classmethod
    def rule_file(cls) -> type[Any]:
        return _rule_file()

    @classmethod
    def compile(cls, model: Any, ctx: CompileContext, title: Text) -> RangeCheck | None:
        where = ctx.where
        resolved = ctx.params({"value": model.value, "min": model.min, "max": model.max})
        if resolved is None:
            return None
        path = resolved["value"]
        spec = ctx.fields.get(path) if isinstance(path, str) else None
        if spec is None:
            ctx.unknown(f"{where}.value", "field", str(path), ctx.fields)
            return None
        if spec.kind is None:
            ctx.problem(f"{where}.value", f"'{path}' is not a quantity field")
            return None
        bounds: list[Threshold] = []
        for key in ("min", "max"):
            t = ctx.threshold(f"{where}.{key}", resolved[key], spec.kind)
            if t is not None and t.quantity is None:
                ctx.problem(f"{where}.{key}", "a range's bound is a quantity with a unit")
                t = None
            if t is not None:
                bounds.append(t)
        if len(bounds) != 2:
            return None
        return cls(path, bounds[0], bounds[1])

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.value,)

    def evaluate(self, on_fail: str, fields: PlanFields, ruleset: Ruleset) -> Outcome:
        path = self.value
        v = fields.get(path)
        if v is None:
            return missing([[path]], fields, ruleset)
        if v.problem is not None:
            return invalid(v, ruleset)
        assert self.minimum.quantity and self.maximum.quantity
        if v.stated is not None:
            return self._interval(on_fail, v, ruleset)
        unit = self.minimum.quantity.key  # compared in the unit the minimum is written in
        value = v.value.to(unit)
        lo = self.minimum.quantity.to(unit)
        hi = self.maximum.quantity.to(unit)
        shown_unit = self.minimum.quantity.unit_text
        inside = lo <= value <= hi
        status = "pass" if inside else on_fail
        threshold = self.threshold_text()
        nearest = lo if abs(value - lo) <= abs(value - hi) else hi
        shown = f"{format_number(value, avoid=nearest)} {shown_unit}"
        if not (v.value.unit_text == shown_unit and v.value.magnitude == value):
            shown = f"{v.given} = {shown}"
        detail = plain(
            ruleset,
            v.spec.label,
            say.IN_RANGE.format(shown=shown, threshold=threshold),
        )
        margin = None
        if not inside:
            off = value - hi if value > hi else value - lo
            margin = signed(off, shown_unit)
        return Outcome(
            status,
            detail,
            field=path,
            given=v.given,
            value=shown,
            threshold=threshold,
            margin=margin,
            needed=None if inside else threshold,
        )

    def _interval(self, on_fail: str, v: Value, ruleset: Ruleset) -> Outcome:
        """A stated range lies inside only when both its ends do; an open end cannot show it."""
        assert self.minimum.quantity and self.maximum.quantity
        unit = self.minimum.quantity.key
        lo = self.minimum.quantity.to(unit)
        hi = self.maximum.quantity.to(unit)
        threshold = self.threshold_text()
        low, high = v.stated.low, v.stated.high
        if low is None or high is None:
            status = "invalid"
        else:
            status = "pass" if lo <= low.to(unit) and high.to(unit) <= hi else on_fail
        detail = plain(
            ruleset,
            v.spec.label,
            say.IN_RANGE.format(shown=v.given, threshold=threshold),
        )
        if v.note is not None:
            detail = say.WITH_NOTE.format(detail=detail, note=v.note)
        return Outcome(
            status,
            detail,
            field=v.spec.path,
            given=v.given,
            value=v.given,
            threshold=threshold,
            needed=None if status == "pass" else threshold,
        )

    def threshold_text(self) -> str:
        return f"{self.minimum.text} – {self.maximum.text}"

    def comparison(self) -> str:
        return f"{self.minimum.text} ≤ {self.value} ≤ {self.maximum.text}"

    def examples(self, on_fail: str, ruleset: Ruleset, setting: dict[str, Raw]) -> list[Example]:
        from eligibility.check_kinds.examples import Example, boundary, number

        lo_q, hi_q = self.minimum.quantity, self.maximum.quantity
        if lo_q is None or hi_q is None:
            return []
        unit_text = self.minimum.unit_source or lo_q.unit_text
        lo = lo_q.magnitude
        hi = hi_q.to(lo_q.unit)
        _, below = boundary(lo, ">=")
        _, above = boundary(hi, "<=")
        return [
            Example("pass", {self.value: f"{number(lo)} {unit_text}"}, setting),
            Example(on_fail, {self.value: f"{number(below)} {unit_text}"}, setting),
            Example(on_fail, {self.value: f"{number(above)} {unit_text}"}, setting),
        ]

    def field_groups(self) -> list[list[str]]:
        return [[self.value]]


KIND = RangeCheck
