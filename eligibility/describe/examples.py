"""Examples for explain: values just passing and just failing each rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from eligibility.quantities.quantity import Quantity, parse_quantity, round_toward
from eligibility.ruleset.model import FieldSpec, Rule, Ruleset, Test, Track

# --- examples: values just passing and just failing a rule ------------------------------------

Raw = str | bool


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


def _number(value: Fraction) -> str:
    exact = _decimal(value)
    if exact is not None:
        return exact[0]
    rounded = _decimal(round_toward(value, 12, up=True), 30)
    assert rounded is not None  # a value rounded to 12 significant digits
    return rounded[0]


def _boundary(limit: Fraction, op: str) -> tuple[Fraction, Fraction]:
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


def _sample(spec: FieldSpec, ruleset: Ruleset) -> Raw:
    """Some valid value of a field, for fields an example needs but does not vary."""
    if spec.kind is not None:
        return f"1 {spec.kind.unit_source}"
    if spec.type == "bool":
        return True
    if spec.type == "date":
        return "2028-04-01"
    if spec.type == "choice":
        return next(iter(dict.fromkeys(spec.choices.values())))
    if spec.type == "material":
        return next(iter(dict.fromkeys(ruleset.materials.values())), "NdFeB")
    return "text"


def _when_setting(rule: Rule, ruleset: Ruleset) -> dict[str, Raw]:
    if rule.when_field is None:
        return {}
    if rule.when_in:
        return {rule.when_field: rule.when_in[0]}
    if rule.when_present and rule.when_field in ruleset.fields:
        return {rule.when_field: _sample(ruleset.fields[rule.when_field], ruleset)}
    return {}


def _test_examples(
    test: Test, ruleset: Ruleset, setting: dict[str, Raw]
) -> tuple[dict[str, Raw], dict[str, Raw] | None] | None:
    """Passing and failing values for one compare test (``setting`` may gain entries)."""
    if test.op is None:
        return None
    paths = list(test.each)
    if not paths:
        plain = next((v for v in test.values if v.is_field), None)
        if plain is None:
            return None
        paths = [plain.text]
    spec = ruleset.fields[paths[0]]
    if test.threshold is not None and test.threshold.date is not None:
        day = dt.timedelta(days=1)
        deadline = test.threshold.date
        moves = {">=": (deadline, deadline - day), ">": (deadline + day, deadline)}
        moves |= {"<=": (deadline, deadline + day), "<": (deadline - day, deadline)}
        good_d, bad_d = moves[test.op]
        return (
            {p: good_d.isoformat() for p in paths},
            {p: bad_d.isoformat() for p in paths},
        )
    if test.display_unit is None:
        return None
    unit = parse_quantity("1 " + test.display_unit).unit
    limit_q: Quantity | None
    if test.threshold is not None and test.threshold.quantity is not None:
        limit_q = test.threshold.quantity
    elif test.by_material is not None:
        material_field, table = test.by_material
        if not table:
            return None
        key = next(iter(table))
        setting[material_field] = ruleset.materials.get(key, key)
        material_limit = table[key].quantity
        limit_q = material_limit
    elif test.threshold_expr is not None:
        for f in test.threshold_expr.fields:
            if f not in setting:
                setting[f] = _sample(ruleset.fields[f], ruleset)
        limit_q = test.threshold_expr.evaluate(lambda p: parse_quantity(str(setting[p])))
    else:
        return None
    if limit_q is None:
        return None
    limit = limit_q.to(unit)
    good, bad = _boundary(limit, test.op)
    good_text = f"{_number(good)} {test.display_unit}"
    bad_text = f"{_number(bad)} {test.display_unit}"
    nonnegative = spec.kind is not None and spec.kind.nonnegative
    return (
        {p: good_text for p in paths},
        None if nonnegative and bad < 0 else {p: bad_text for p in paths},
    )


def examples(rule: Rule, ruleset: Ruleset) -> list[Example]:
    """A passing and a failing example for ``rule``, derived from its threshold."""
    named = len(rule.fields) > 1
    return [Example(e.status, e.values, e.setting, named=named) for e in _examples(rule, ruleset)]


def _examples(rule: Rule, ruleset: Ruleset) -> list[Example]:
    setting = _when_setting(rule, ruleset)
    if rule.test == "flag":
        return [Example(rule.on_fail, {}, setting)]
    if rule.test == "member":
        path = rule.main.values[0].text
        other = next(
            (m for m in dict.fromkeys(ruleset.materials.values()) if m not in rule.members),
            "ferrite",
        )
        return [
            Example("pass", {path: rule.members[0]}, setting),
            Example(rule.on_fail, {path: other}, setting),
        ]
    if rule.test == "all_true":
        each = list(rule.main.each)
        return [
            Example("pass", dict.fromkeys(each, True), setting),
            Example(rule.on_fail, {p: i != 0 for i, p in enumerate(each)}, setting),
        ]
    if rule.test == "range":
        assert rule.minimum and rule.maximum
        lo_q, hi_q = rule.minimum.quantity, rule.maximum.quantity
        if lo_q is None or hi_q is None:
            return []
        path = rule.main.values[0].text
        unit_text = rule.minimum.unit_source or lo_q.unit_text
        lo = lo_q.magnitude
        hi = hi_q.to(lo_q.unit)
        _, below = _boundary(lo, ">=")
        _, above = _boundary(hi, "<=")
        return [
            Example("pass", {path: f"{_number(lo)} {unit_text}"}, setting),
            Example(rule.on_fail, {path: f"{_number(below)} {unit_text}"}, setting),
            Example(rule.on_fail, {path: f"{_number(above)} {unit_text}"}, setting),
        ]
    if rule.test == "any":
        found = [_test_examples(b, ruleset, setting) for b in rule.branches]
        if not found or any(f is None for f in found):
            return []
        branches = [f for f in found if f is not None]
        out = [Example("pass", branches[0][0], dict(setting))]
        if all(bad is not None for _, bad in branches):
            failing: dict[str, Raw] = {}
            for _, bad in branches:
                failing |= bad or {}
            out.append(Example(rule.on_fail, failing, dict(setting)))
        return out
    pair = _test_examples(rule.main, ruleset, setting)
    if pair is None:
        return []
    good, bad = pair
    out = [Example("pass", good, setting)]
    if bad is not None:
        out.append(Example(rule.on_fail, bad, setting))
    return out


def example_track(rule: Rule, ruleset: Ruleset, example: Example) -> Track:
    """The track a plan showing ``example`` is filed under (the first that allows its fields,
    for a check of every track)."""
    if rule.track != "*":
        return ruleset.tracks[rule.track]
    paths = [*example.values, *example.setting]
    return next(t for t in ruleset.tracks.values() if all(t.allows(p) for p in paths))


def example_application(rule: Rule, ruleset: Ruleset, example: Example) -> dict[str, Any]:
    """An application document with one plan stating ``example`` (for checking it)."""
    track = example_track(rule, ruleset, example)
    plan: dict[str, Any] = {"id": "example", "track": track.id}
    for path, value in {**example.setting, **example.values}.items():
        block, _, key = path.rpartition(".")
        (plan.setdefault(block, {}) if block else plan)[key] = value
    return {"applicant": {"name": "Example K.K."}, "plans": [plan]}
