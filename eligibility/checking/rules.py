"""Evaluating one rule on one plan's fields, in exact arithmetic."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import pint

from eligibility.checking.fields import PlanFields, Value, display_key
from eligibility.checking.result import Finding
from eligibility.quantities.quantity import (
    Quantity,
    format_number,
    pretty_unit,
    round_toward,
)
from eligibility.ruleset.model import (
    OP_SYMBOL,
    Rule,
    Ruleset,
    Test,
    Threshold,
    fold_name,
)
from eligibility.text import Text, same

# --- evaluating rules ---------------------------------------------------------------------


class _Skip(Exception):
    """The rule does not apply (advisory with nothing to check, or no limit for a material)."""


@dataclass(slots=True)
class _Outcome:
    status: str
    detail: Text
    field: str | None = None
    given: str | None = None
    value: str | None = None
    threshold: str | None = None
    margin: str | None = None
    needed: str | None = None


def evaluate(rule: Rule, fields: PlanFields, ruleset: Ruleset) -> Finding | None:
    """One rule on one plan's fields: a finding, or None when the rule does not apply."""
    if not _applies(rule, fields):
        return None
    try:
        outcome = _evaluate(rule, fields, ruleset)
    except _Skip:
        return None
    if outcome.status == "missing" and rule.severity == "advisory":
        return None
    basis = None
    if rule.basis_field is not None:
        b = fields.get(rule.basis_field)
        if b is not None and b.value is not None:
            basis = str(b.value)
    message = rule.title + Text(" ", "") + outcome.detail if outcome.detail.en else rule.title
    if basis is not None:
        message = message + Text(f" (volume basis: {basis})", f"（体積の基準：{basis}）")
    return Finding(
        rule=rule.id,
        status=outcome.status,
        message=message,
        source=rule.source,
        severity=rule.severity,
        field=outcome.field,
        given=outcome.given,
        value=outcome.value,
        threshold=outcome.threshold,
        margin=outcome.margin,
        needed=outcome.needed,
        basis=basis,
        note=rule.note,
    )


def _applies(rule: Rule, fields: PlanFields) -> bool:
    if rule.when_field is None:
        return True
    if rule.when_present is not None:
        return fields.present(rule.when_field) == rule.when_present
    v = fields.get(rule.when_field)
    if v is None or v.value is None:
        return False
    return str(v.value) in (rule.when_in or ())


def _evaluate(rule: Rule, fields: PlanFields, ruleset: Ruleset) -> _Outcome:
    if rule.test == "flag":
        return _Outcome(rule.on_fail, Text("", ""))
    if rule.test == "member":
        return _member(rule, fields, ruleset)
    if rule.test == "all_true":
        return _all_true(rule, fields, ruleset)
    if rule.test == "range":
        return _range(rule, fields, ruleset)
    if rule.test == "any":
        return _any(rule, fields, ruleset)
    return _compare(rule.main, rule.on_fail, fields, ruleset)


def _missing(paths: list[list[str]], fields: PlanFields, ruleset: Ruleset) -> _Outcome:
    """A missing outcome naming what to state: one path, or alternatives ("a, or b and c")."""
    alternatives = [_keys_text([p for p in alt if fields.get(p) is None]) for alt in paths]
    en_parts = [a.en for a in alternatives]
    ja_parts = [a.ja for a in alternatives]
    first = next(p for p in paths[0] if fields.get(p) is None)
    spec = ruleset.fields[first]
    word = ruleset.words["units" if spec.kind is not None else "values"]
    t = ruleset.detail_text["missing"]
    detail = Text(
        t.en.format(what=", or ".join(en_parts), accepts=word.en + spec.accepts),
        t.ja.format(what="、又は".join(ja_parts), accepts=word.ja + spec.accepts),
    )
    return _Outcome("missing", detail, field=first)


def _keys_text(paths: list[str]) -> Text:
    """Keys to state, grouped by block: "`a` and `b` in [plans.overseas]"."""
    groups: dict[str, list[str]] = {}
    for p in paths:
        block, _, key = p.rpartition(".")
        groups.setdefault(block, []).append(f"`{key}`")
    en: list[str] = []
    ja: list[str] = []
    for block, keys in groups.items():
        listed = keys[0] if len(keys) == 1 else ", ".join(keys[:-1]) + " and " + keys[-1]
        en.append(f"{listed} in [plans.{block}]" if block else listed)
        ja.append(f"[plans.{block}] の " + "、".join(keys) if block else "、".join(keys))
    return Text(" and ".join(en), "と".join(ja))


def _plain(ruleset: Ruleset, label: Text, shown: Text) -> Text:
    t = ruleset.detail_text["plain"]
    return Text(
        t.en.format(label=label.en, shown=shown.en), t.ja.format(label=label.ja, shown=shown.ja)
    )


def _invalid(v: Value, ruleset: Ruleset) -> _Outcome:
    assert v.problem is not None
    t = ruleset.detail_text["invalid"]
    detail = Text(
        t.en.format(label=display_key(v.spec.path)[0], reason=v.problem.en),
        t.ja.format(label=display_key(v.spec.path)[1], reason=v.problem.ja),
    )
    return _Outcome("invalid", detail, field=v.spec.path, given=v.given)


def _member(rule: Rule, fields: PlanFields, ruleset: Ruleset) -> _Outcome:
    path = rule.main.values[0].text
    v = fields.get(path)
    if v is None:
        return _missing([[path]], fields, ruleset)
    if v.problem is not None:
        return _invalid(v, ruleset)
    name = str(v.value)
    shown = v.given if name == v.given else f"{v.given} ({name})"
    status = "pass" if name in rule.members else rule.on_fail
    detail = _plain(ruleset, v.spec.label, same(shown))
    return _Outcome(
        status, detail, field=path, given=v.given, value=name, threshold=" | ".join(rule.members)
    )


def _all_true(rule: Rule, fields: PlanFields, ruleset: Ruleset) -> _Outcome:
    paths = list(rule.main.each)
    for p in paths:
        v = fields.get(p)
        if v is not None and v.problem is not None:
            return _invalid(v, ruleset)
    if any(fields.get(p) is None for p in paths):
        return _missing([paths], fields, ruleset)
    false = [p for p in paths if fields.values[p].value is not True]
    status = rule.on_fail if false else "pass"
    given = ", ".join(f"{p.rsplit('.', 1)[-1]} = {fields.values[p].given}" for p in paths)
    if false:
        detail = Text(
            "Not attested: " + ", ".join(display_key(p)[0] for p in false) + ".",
            "表明がありません：" + "、".join(display_key(p)[1] for p in false) + "。",
        )
    else:
        detail = Text("All attested.", "すべて表明されています。")
    return _Outcome(status, detail, field=paths[0], given=given, value=given, threshold="true")


def _range(rule: Rule, fields: PlanFields, ruleset: Ruleset) -> _Outcome:
    path = rule.main.values[0].text
    v = fields.get(path)
    if v is None:
        return _missing([[path]], fields, ruleset)
    if v.problem is not None:
        return _invalid(v, ruleset)
    assert rule.minimum and rule.maximum and rule.minimum.quantity and rule.maximum.quantity
    unit = rule.minimum.quantity.key  # compared in the unit the minimum is written in
    value = v.value.to(unit)
    lo = rule.minimum.quantity.to(unit)
    hi = rule.maximum.quantity.to(unit)
    shown_unit = rule.minimum.quantity.unit_text
    inside = lo <= value <= hi
    status = "pass" if inside else rule.on_fail
    threshold = f"{rule.minimum.text} – {rule.maximum.text}"
    nearest = lo if abs(value - lo) <= abs(value - hi) else hi
    shown = f"{format_number(value, avoid=nearest)} {shown_unit}"
    if not (v.value.unit_text == shown_unit and v.value.magnitude == value):
        shown = f"{v.given} = {shown}"
    detail = _plain(
        ruleset,
        v.spec.label,
        Text(f"{shown}, range {threshold}", f"{shown}、範囲 {threshold}"),
    )
    margin = None
    if not inside:
        off = value - hi if value > hi else value - lo
        margin = _signed(off, shown_unit)
    return _Outcome(
        status,
        detail,
        field=path,
        given=v.given,
        value=shown,
        threshold=threshold,
        margin=margin,
        needed=None if inside else threshold,
    )


def _any(rule: Rule, fields: PlanFields, ruleset: Ruleset) -> _Outcome:
    outcomes = [_compare(b, rule.on_fail, fields, ruleset) for b in rule.branches]
    passed = [(b, o) for b, o in zip(rule.branches, outcomes, strict=True) if o.status == "pass"]
    if passed:
        b, o = passed[0]
        return _Outcome(
            "pass",
            Text(f"Met by: {b.title.en}. ", f"{b.title.ja}により満たしています。") + o.detail,
            field=o.field,
            given=o.given,
            value=o.value,
            threshold=o.threshold,
            margin=o.margin,
        )
    statuses = [o.status for o in outcomes]
    if all(s == "missing" for s in statuses):
        return _missing([list(b.fields) for b in rule.branches if b.fields], fields, ruleset)
    if "invalid" in statuses:
        return next(o for o in outcomes if o.status == "invalid")
    told = [o for o in outcomes if o.status != "missing"]
    detail = Text("", "")
    for o in told:
        detail = detail + o.detail + same(" ")
    first = told[0]
    return _Outcome(
        rule.on_fail,
        Text(detail.en.strip(), detail.ja.strip()),
        field=first.field,
        given=first.given,
        value=first.value,
        threshold=first.threshold,
        margin=first.margin,
        needed=first.needed,
    )


def _compare(test: Test, on_fail: str, fields: PlanFields, ruleset: Ruleset) -> _Outcome:
    if test.each:
        return _compare_each(test, on_fail, fields, ruleset)
    # the first alternative whose fields are all stated
    chosen = None
    for alt in test.values:
        if all(fields.get(f) is not None for f in alt.fields):
            chosen = alt
            break
    if chosen is None:
        return _missing([list(a.fields) for a in test.values], fields, ruleset)
    for f in chosen.fields:
        v = fields.values[f]
        if v.problem is not None:
            return _invalid(v, ruleset)
    if chosen.is_field:
        v = fields.values[chosen.text]
        if isinstance(v.value, dt.date):
            return _compare_dates(test, on_fail, v, ruleset)
        return _compare_quantity(test, on_fail, v.value, v, fields, ruleset)
    try:
        q = chosen.evaluate(lambda p: fields.values[p].value)
    except ZeroDivisionError:
        zero = chosen.fields[-1]
        return _Outcome(
            "invalid",
            Text(
                f"{display_key(zero)[0]} is zero, so {chosen.text} cannot be computed.",
                f"{display_key(zero)[1]} が0のため {chosen.text} を計算できません。",
            ),
            field=zero,
            given=fields.values[zero].given,
        )
    except pint.errors.DimensionalityError:
        shown = " / ".join(f"{display_key(f)[0]} '{fields.values[f].given}'" for f in chosen.fields)
        return _Outcome(
            "invalid",
            Text(
                f"{shown} cannot be combined: give them in one unit (one currency).",
                f"{shown} は組み合わせられません。同じ単位（同じ通貨）で記入してください。",
            ),
            field=chosen.fields[0],
            given=fields.values[chosen.fields[0]].given,
        )
    given = ", ".join(f"{f.rsplit('.', 1)[-1]} = {fields.values[f].given}" for f in chosen.fields)
    expr_text = chosen.text.replace("motor.", "").replace(" - ", " − ")
    return _compare_quantity(
        test, on_fail, q, None, fields, ruleset, given=given, label=same(expr_text)
    )


def _threshold_for(test: Test, fields: PlanFields) -> Threshold | Quantity:
    if test.threshold is not None:
        return test.threshold
    if test.by_material is not None:
        path, table = test.by_material
        v = fields.get(path)
        if v is None or v.value is None:
            raise _Skip
        key = fold_name(v.given)
        limit = table.get(key) or table.get(fold_name(str(v.value)))
        if limit is None:
            raise _Skip
        return limit
    assert test.threshold_expr is not None
    for f in test.threshold_expr.fields:
        fv = fields.get(f)
        if fv is None or fv.value is None:
            raise _Skip
    return test.threshold_expr.evaluate(lambda p: fields.values[p].value)


def _compare_quantity(
    test: Test,
    on_fail: str,
    q: Quantity,
    v: Value | None,
    fields: PlanFields,
    ruleset: Ruleset,
    given: str | None = None,
    label: Text | None = None,
) -> _Outcome:
    th = _threshold_for(test, fields)
    assert test.op is not None and test.display_unit is not None
    shown_unit = pretty_unit(test.display_unit)
    th_q = th.quantity if isinstance(th, Threshold) else th
    assert th_q is not None
    value = q.to(test.display_unit)
    limit = th_q.to(test.display_unit)
    ok = _holds(value, test.op, limit)
    limit_text = format_number(limit)
    threshold_text = f"{OP_SYMBOL[test.op]} {limit_text} {shown_unit}"
    value_text = f"{format_number(value, avoid=limit, avoid_text=limit_text)} {shown_unit}"
    delta = value - limit
    gap = f"{format_number(abs(delta))} {shown_unit}"
    margin = f"{'+' if delta > 0 else '−'}{gap}" if delta else f"0 {shown_unit}"
    needed = None if ok else _needed(test.op, th_q, limit, shown_unit, v)
    label = label or (v.spec.label if v is not None else test.title)
    shown_given = given if given is not None else (v.given if v is not None else "")
    if delta == 0:
        distance = ruleset.words["at"]
    else:
        word = ruleset.words["above" if delta > 0 else "below"]
        distance = Text(f"{gap} {word.en}", f"{gap} {word.ja}")
    if not ok:
        word = ruleset.words["short" if test.op in (">=", ">") else "over"]
        distance = Text(f"{gap} {word.en}", f"{gap} {word.ja}")
    t = ruleset.detail_text["pass" if ok else "fail"]
    as_given = v is not None and v.value.unit_text == shown_unit and v.value.magnitude == value
    shown = value_text if as_given else f"{shown_given} = {value_text}"
    detail = Text(
        t.en.format(
            label=label.en,
            shown=shown,
            threshold=threshold_text,
            distance=distance.en,
            needed=needed or "",
        ),
        t.ja.format(
            label=label.ja,
            shown=shown,
            threshold=threshold_text,
            distance=distance.ja,
            needed=needed or "",
        ),
    )
    return _Outcome(
        "pass" if ok else on_fail,
        detail,
        field=v.spec.path if v is not None else None,
        given=shown_given,
        value=value_text,
        threshold=threshold_text,
        margin=margin,
        needed=needed,
    )


def _needed(op: str, th_q: Quantity, limit: Fraction, shown_unit: str, v: Value | None) -> str:
    """What would pass, in the unit the applicant wrote where there is one.

    An exact threshold is shown exactly; one that is not a short decimal in the applicant's
    unit (150 kJ/m³ in MGOe) is rounded to 4 significant digits toward the passing side, so
    the figure shown does pass.
    """
    up = op in (">=", ">")
    if v is None or not isinstance(v.value, Quantity):
        return f"{OP_SYMBOL[op]} {format_number(limit)} {shown_unit}"
    exact = th_q.to(v.value.unit)
    suggestion = exact
    if exact.denominator not in (1, 2, 4, 5, 8, 10, 20, 25, 50, 100, 1000):
        suggestion = round_toward(exact, 4, up=up)
    symbol = OP_SYMBOL[op] if suggestion == exact else OP_SYMBOL[">=" if up else "<="]
    return f"{symbol} {format_number(suggestion, 12)} {v.value.unit_text}"


def _compare_dates(test: Test, on_fail: str, v: Value, ruleset: Ruleset) -> _Outcome:
    assert test.threshold is not None and test.threshold.date is not None and test.op
    limit = test.threshold.date
    value: dt.date = v.value
    ok = _holds(value, test.op, limit)
    threshold_text = f"{OP_SYMBOL[test.op]} {limit.isoformat()}"
    days = (value - limit).days
    margin = f"{days:+,} days" if days else "0 days"
    detail = _plain(ruleset, v.spec.label, same(f"{value.isoformat()}, {threshold_text}"))
    return _Outcome(
        "pass" if ok else on_fail,
        detail,
        field=v.spec.path,
        given=v.given,
        value=value.isoformat(),
        threshold=threshold_text,
        margin=margin,
        needed=None if ok else threshold_text,
    )


def _compare_each(test: Test, on_fail: str, fields: PlanFields, ruleset: Ruleset) -> _Outcome:
    paths = list(test.each)
    for p in paths:
        v = fields.get(p)
        if v is not None and v.problem is not None:
            return _invalid(v, ruleset)
    if any(fields.get(p) is None for p in paths):
        return _missing([paths], fields, ruleset)
    outcomes = [
        _compare_quantity(test, on_fail, fields.values[p].value, fields.values[p], fields, ruleset)
        for p in paths
    ]
    failing = [o for o in outcomes if o.status != "pass"]
    pick = failing[0] if failing else outcomes[0]
    detail = Text("", "")
    for o in failing or outcomes:
        detail = detail + o.detail + same(" ")
    given = ", ".join(f"{p.rsplit('.', 1)[-1]} = {fields.values[p].given}" for p in paths)
    return _Outcome(
        pick.status,
        Text(detail.en.strip(), detail.ja.strip()),
        field=pick.field,
        given=given,
        value=", ".join(
            f"{p.rsplit('.', 1)[-1]} = {o.value}" for p, o in zip(paths, outcomes, strict=True)
        ),
        threshold=pick.threshold,
        margin=pick.margin,
        needed=pick.needed,
    )


def _holds(value: Any, op: str, limit: Any) -> bool:
    if op == ">=":
        return bool(value >= limit)
    if op == ">":
        return bool(value > limit)
    if op == "<=":
        return bool(value <= limit)
    return bool(value < limit)


def _signed(delta: Fraction, unit: str) -> str:
    if delta == 0:
        return f"0 {unit}"
    return f"{'+' if delta > 0 else '−'}{format_number(abs(delta))} {unit}"
