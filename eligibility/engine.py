"""Checking an application against a rule set: from parsed document to findings and verdicts.

The path of the data: :func:`check_document` takes the parsed file, reads each plan's fields
by their declared types (:func:`read_fields`), evaluates every rule of the plan's track in exact
arithmetic (:func:`evaluate`), and derives verdicts as the contract says. Nothing here raises
on bad input: every problem becomes a finding.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import pint

from eligibility import corporate_number, units
from eligibility.quantity import (
    Quantity,
    QuantityError,
    format_number,
    normalize,
    parse_quantity,
    pretty_unit,
    round_toward,
)
from eligibility.ruleset import OP_SYMBOL, FieldSpec, Rule, Ruleset, Test, Threshold, fold_name
from eligibility.text import Text, same

VERDICT_ORDER = ("ineligible", "incomplete", "review", "eligible")
EXIT_CODES = {"eligible": 0, "ineligible": 1, "incomplete": 3, "review": 4}
PLAN_KEYS = ("id", "track", "title")


@dataclass(frozen=True)
class Finding:
    rule: str
    status: str
    message: Text
    source: str = ""
    severity: str = "required"
    field: str | None = None
    given: str | None = None
    value: str | None = None
    threshold: str | None = None
    margin: str | None = None
    needed: str | None = None
    basis: str | None = None
    note: Text | None = None


@dataclass(frozen=True)
class PlanResult:
    id: str
    track: str | None
    title: str | None
    verdict: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Result:
    file: str
    verdict: str
    ruleset: Ruleset
    applicant_name: str | None
    applicant_findings: tuple[Finding, ...]
    plans: tuple[PlanResult, ...]
    notices: tuple[Text, ...] = ()
    file_sha256: str | None = None
    as_of: dt.date | None = None  # the day the rule set was chosen for
    as_of_source: str = ""  # "as-of", "applicant.submitted", "today" or "ruleset"
    checked_at: dt.datetime | None = None

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.verdict]


def verdict_of(findings: Iterable[Finding]) -> str:
    statuses = {f.status for f in findings}
    if "fail" in statuses:
        return "ineligible"
    if statuses & {"missing", "invalid"}:
        return "incomplete"
    if "review" in statuses:
        return "review"
    return "eligible"


def worst(verdicts: Iterable[str]) -> str:
    vs = list(verdicts)
    return min(vs, key=VERDICT_ORDER.index) if vs else "eligible"


# --- reading fields -----------------------------------------------------------------------


@dataclass(slots=True)
class Value:
    """A field as read: ``value`` when usable, else ``problem`` says why not."""

    spec: FieldSpec
    given: str
    value: Any = None
    problem: Text | None = None


@dataclass
class PlanFields:
    values: dict[str, Value] = field(default_factory=dict)
    blocks: set[str] = field(default_factory=set)

    def get(self, path: str) -> Value | None:
        return self.values.get(path)

    def present(self, path: str) -> bool:
        return path in self.values or path in self.blocks


GIVEN_MAX = 80  # characters of an applicant's text repeated in a finding


def _given(raw: Any) -> str:
    """A value as written, for findings: a long text is cut, so hostile input is not
    repeated at length in every message and format."""
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, int) and not isinstance(raw, bool) and abs(raw) >= 10**GIVEN_MAX:
        digits = str(raw)
        text = f"{digits[:20]}…({len(digits.lstrip('-'))} digits)"
    elif isinstance(raw, str | dt.date | int | float):
        text = str(raw)
    else:
        text = repr(raw)
    return text if len(text) <= GIVEN_MAX else text[: GIVEN_MAX - 1] + "…"


_TEMPERATURES = frozenset({"degree_Celsius", "degree_Fahrenheit", "kelvin"})
_NUMBER_ONLY = re.compile(r"[+-]?[\d,. ]+(?:[eE][+-]?\d+)?")


def read_value(spec: FieldSpec, raw: Any) -> Value:
    """Read one field by its declared type; a problem is a bilingual reason, never an error."""
    given = _given(raw)
    label = spec.label
    if spec.type == "quantity":
        assert spec.kind is not None
        kind = spec.kind
        accepts = spec.accepts
        if isinstance(raw, bool) or not isinstance(raw, int | float | str):
            return Value(spec, given, problem=_need_text(accepts))
        if isinstance(raw, float) and not math.isfinite(raw):
            return Value(
                spec,
                given,
                problem=Text(
                    f"{given} is not a finite number", f"{given} は有限の数値ではありません"
                ),
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
            return _bad(
                spec,
                given,
                f"'{raw}' is not a {label.en} (accepted: {accepts})",
                f"'{raw}' は{label.ja}の単位ではありません（使用できる単位：{accepts}）",
            )
        if q.atoms & _TEMPERATURES and units.is_temperature(q.unit) and q.to("K") < 0:
            return _bad(
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
            return _bad(
                spec,
                given,
                f"'{raw}' is negative; {label.en} cannot be below zero",
                f"'{raw}' は負の値です。{label.ja}は0以上です",
            )
        return Value(spec, given, value=q)
    if spec.type == "bool":
        if isinstance(raw, bool):
            return Value(spec, given, value=raw)
        return _bad(
            spec,
            given,
            f"'{given}' is not true or false (write true or false, without quotes)",
            f"'{given}' は true／false ではありません（引用符なしで true か false）",
        )
    if spec.type == "date":
        day = _as_date(raw)
        if day is not None:
            return Value(spec, given, value=day)
        return _bad(
            spec,
            given,
            f"'{given}' is not a date (write 2028-04-01)",
            f"'{given}' は日付ではありません（2028-04-01 の形で記入）",
        )
    if not isinstance(raw, str) or not raw.strip():
        return Value(spec, given, problem=_need_text(spec.accepts))
    if spec.type == "choice":
        choice = spec.choices.get(fold_name(raw))
        if choice is None:
            return _bad(
                spec,
                given,
                f"'{raw}' is not one of {spec.accepts}",
                f"'{raw}' は {spec.accepts} のいずれでもありません",
            )
        return Value(spec, given, value=choice)
    return Value(spec, given, value=raw)


def _bad(spec: FieldSpec, given: str, en: str, ja: str) -> Value:
    """A field as written that cannot be used, and why (in English and Japanese)."""
    return Value(spec, given, problem=Text(en, ja))


def _no_unit(given: str, accepts: str) -> Text:
    return Text(
        f"{given} is a number without a unit; write it with a unit, e.g. {accepts}",
        f"{given} は単位のない数値です。単位を付けて記入してください（例：{accepts}）",
    )


def _need_text(accepts: str) -> Text:
    return Text(
        f"write it as text in quotes, e.g. {accepts}",
        f"引用符で囲んだ文字列で記入してください（例：{accepts}）",
    )


def read_fields(
    plan: dict[str, Any], ruleset: Ruleset, allows: Callable[[str], bool]
) -> tuple[PlanFields, list[Finding]]:
    """Read every key of a plan; unknown keys and misplaced blocks become findings."""
    out = PlanFields()
    findings: list[Finding] = []
    for key, raw in plan.items():
        if key in PLAN_KEYS:
            continue
        is_block = key in ruleset.blocks
        if is_block and not isinstance(raw, dict):
            findings.append(
                Finding(
                    "plan.field",
                    "invalid",
                    Text(
                        f"`{key}` must be a table: write its keys under [plans.{key}].",
                        f"`{key}` は表です。[plans.{key}] の下にキーを記入してください。",
                    ),
                    field=key,
                    given=_given(raw),
                )
            )
            continue
        items = [(f"{key}.{k}", v) for k, v in raw.items()] if is_block else [(key, raw)]
        if is_block and any(allows(p) for p in ruleset.fields if p.startswith(key + ".")):
            out.blocks.add(key)
        for path, value in items:
            # a key written with a dot of its own ("magnet.material" in JSON) is no field
            spec = ruleset.fields.get(path) if is_block or "." not in key else None
            if spec is None or not allows(path):
                known = [p for p in ruleset.fields if allows(p)]
                findings.append(_unknown_field(path, spec is not None, known))
            elif isinstance(value, str) and not value.strip():
                continue  # a blank in a form is not stated yet: reported as missing, if needed
            elif spec.type == "material" and isinstance(value, str) and value.strip():
                name = ruleset.material(value) or _given(value)
                out.values[path] = Value(spec, _given(value), value=name)
            else:
                out.values[path] = read_value(spec, value)
    for path, spec in ruleset.fields.items():
        if spec.default is not None and path not in out.values and allows(path):
            out.values[path] = Value(spec, spec.default, value=spec.default)
    return out, findings


def _display_key(path: str) -> tuple[str, str]:
    if "." in path:
        block, key = path.split(".", 1)
        return f"`{key}` in [plans.{block}]", f"[plans.{block}] の `{key}`"
    return f"`{path}`", f"`{path}`"


def _unknown_field(path: str, other_track: bool, known: list[str]) -> Finding:
    """An unknown key, with the closest key of the same block this track reads."""
    path = _given(path)
    en, ja = _display_key(path)
    block = path.rsplit(".", 1)[0] if "." in path else ""
    siblings = {
        k.rsplit(".", 1)[-1]: k for k in known if (k.rsplit(".", 1)[0] if "." in k else "") == block
    }
    close = difflib.get_close_matches(path.rsplit(".", 1)[-1], list(siblings), n=1, cutoff=0.6)
    if other_track:
        msg = Text(
            f"The key {en} is not used by this plan's track.",
            f"{ja} はこの計画の区分では使用しません。",
        )
    else:
        msg = Text(f"The key {en} is unknown.", f"{ja} は不明なキーです。")
    if close:
        msg = msg + Text(f" Did you mean `{close[0]}`?", f"`{close[0]}` のことですか？")
    return Finding(rule="plan.unknown_field", status="invalid", message=msg, field=path)


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
        t.en.format(label=_display_key(v.spec.path)[0], reason=v.problem.en),
        t.ja.format(label=_display_key(v.spec.path)[1], reason=v.problem.ja),
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
            "Not attested: " + ", ".join(_display_key(p)[0] for p in false) + ".",
            "表明がありません：" + "、".join(_display_key(p)[1] for p in false) + "。",
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
                f"{_display_key(zero)[0]} is zero, so {chosen.text} cannot be computed.",
                f"{_display_key(zero)[1]} が0のため {chosen.text} を計算できません。",
            ),
            field=zero,
            given=fields.values[zero].given,
        )
    except pint.errors.DimensionalityError:
        shown = " / ".join(
            f"{_display_key(f)[0]} '{fields.values[f].given}'" for f in chosen.fields
        )
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


# --- whole documents ----------------------------------------------------------------------


def check_plan(plan: Any, index: int, ruleset: Ruleset, seen_ids: set[str]) -> PlanResult:
    findings: list[Finding] = []
    if not isinstance(plan, dict):
        f = Finding(
            "plan.invalid",
            "invalid",
            Text(
                "A plan must be a table ([[plans]]).", "計画は表（[[plans]]）で記入してください。"
            ),
        )
        return PlanResult(f"#{index + 1}", None, None, "incomplete", (f,))
    raw_id = plan.get("id")
    if raw_id is None:
        plan_id = f"#{index + 1}"
        findings.append(
            Finding(
                "plan.id",
                "missing",
                Text(
                    "State the plan's `id` (unique in the file).",
                    "計画の `id`（ファイル内で一意）を記入してください。",
                ),
                field="id",
            )
        )
    elif not isinstance(raw_id, str) or not raw_id.strip():
        plan_id = f"#{index + 1}"
        findings.append(
            Finding(
                "plan.id",
                "invalid",
                Text(
                    'The plan\'s `id` must be text, e.g. "line-3".',
                    '計画の `id` は文字列で記入してください（例："line-3"）。',
                ),
                field="id",
                given=_given(raw_id),
            )
        )
    else:
        plan_id = raw_id
        if raw_id in seen_ids:
            findings.append(
                Finding(
                    "plan.duplicate_id",
                    "invalid",
                    Text(
                        f"Another plan in this file already has the id '{_given(raw_id)}'; "
                        "ids must be unique.",
                        f"id '{_given(raw_id)}' は同じファイル内の別の計画で使われています。"
                        "id は一意にしてください。",
                    ),
                    field="id",
                    given=raw_id,
                )
            )
        seen_ids.add(raw_id)
    title = plan.get("title") if isinstance(plan.get("title"), str) else None
    track_id = plan.get("track")
    track = ruleset.tracks.get(track_id) if isinstance(track_id, str) else None
    if track is None:
        names = list(ruleset.tracks)
        if track_id is None:
            findings.append(
                Finding(
                    "plan.track",
                    "missing",
                    Text(
                        f"State the plan's `track`, one of: {', '.join(names)}.",
                        f"計画の `track` を記入してください（{', '.join(names)} のいずれか）。",
                    ),
                    field="track",
                )
            )
        else:
            close = difflib.get_close_matches(str(track_id), names, n=1, cutoff=0.5)
            hint = (
                Text(f" Did you mean '{close[0]}'?", f"'{close[0]}' のことですか？")
                if close
                else Text("", "")
            )
            findings.append(
                Finding(
                    "plan.track",
                    "invalid",
                    Text(
                        f"Unknown track '{_given(track_id)}'; the tracks are: {', '.join(names)}.",
                        f"不明な区分 '{_given(track_id)}'。区分は {', '.join(names)} です。",
                    )
                    + hint,
                    field="track",
                    given=_given(track_id),
                )
            )
        known = set(ruleset.fields)
        fields, unknown = read_fields(plan, ruleset, known.__contains__)
        findings.extend(unknown)
        findings.extend(_unused_problems(fields, set()))
        return PlanResult(
            plan_id,
            _given(track_id) if track_id is not None else None,
            title,
            verdict_of(findings),
            tuple(findings),
        )
    fields, unknown = read_fields(plan, ruleset, track.allows)
    used: set[str] = set()
    for rule in ruleset.rules_for(track.id):
        finding = evaluate(rule, fields, ruleset)
        if finding is not None:
            findings.append(finding)
            used.update(rule.fields)
    findings.extend(unknown)
    findings.extend(_unused_problems(fields, used))
    return PlanResult(plan_id, track.id, title, verdict_of(findings), tuple(findings))


def _unused_problems(fields: PlanFields, used: set[str]) -> list[Finding]:
    """Unreadable fields that no check reported: they must not pass unseen."""
    out: list[Finding] = []
    for path, v in fields.values.items():
        if v.problem is not None and path not in used:
            en, ja = _display_key(path)
            out.append(
                Finding(
                    "plan.field",
                    "invalid",
                    Text(f"{en}: {v.problem.en}.", f"{ja}：{v.problem.ja}。"),
                    field=path,
                    given=v.given,
                )
            )
    return out


APPLICANT_KEYS = ("name", "corporate_number", "submitted")
TOP_LEVEL_KEYS = ("applicant", "plans")


def _did_you_mean(name: str, options: Iterable[str]) -> Text:
    """ " Did you mean `x`?" for the closest option, or nothing when none is close."""
    close = difflib.get_close_matches(name, list(options), n=1)
    if not close:
        return Text("", "")
    return Text(f" Did you mean `{close[0]}`?", f"`{close[0]}` のことですか？")


def check_applicant(doc: dict[str, Any]) -> tuple[str | None, list[Finding]]:
    findings: list[Finding] = []
    for key in doc:
        if key not in TOP_LEVEL_KEYS:
            hint = _did_you_mean(key, TOP_LEVEL_KEYS)
            findings.append(
                Finding(
                    "applicant.unknown_section",
                    "invalid",
                    Text(
                        f"The top-level key `{key}` is unknown.",
                        f"最上位のキー `{key}` は不明です。",
                    )
                    + hint,
                    field=key,
                )
            )
    block = doc.get("applicant")
    if not isinstance(block, dict):
        findings.append(
            Finding(
                "applicant.name",
                "missing" if block is None else "invalid",
                Text(
                    "State the applicant in an [applicant] table with its `name`.",
                    "[applicant] 表に申請者の `name` を記入してください。",
                ),
                field="applicant",
            )
        )
        return None, findings
    name = block.get("name")
    if not isinstance(name, str) or not name.strip():
        findings.append(
            Finding(
                "applicant.name",
                "missing" if name is None else "invalid",
                Text(
                    "State the applicant's `name` in [applicant].",
                    "[applicant] に申請者の `name` を記入してください。",
                ),
                field="applicant.name",
                given=None if name is None else _given(name),
            )
        )
        name = None
    submitted = block.get("submitted")
    if submitted is not None and _as_date(submitted) is None:
        findings.append(
            Finding(
                "applicant.submitted",
                "invalid",
                Text(
                    f"'{_given(submitted)}' is not a date: write the submission date as "
                    "2026-04-01; the rule set in force on that day is used.",
                    f"'{_given(submitted)}' は日付ではありません。提出日を 2026-04-01 の形で"
                    "記入してください（その日に有効なルールセットを使います）。",
                ),
                field="applicant.submitted",
                given=_given(submitted),
            )
        )
    number = block.get("corporate_number")
    if number is not None:
        if not isinstance(number, str):
            findings.append(
                Finding(
                    "applicant.corporate_number",
                    "invalid",
                    Text(
                        "Write the corporate number (法人番号) as text in quotes: 13 digits.",
                        "法人番号は引用符で囲んだ13桁の文字列で記入してください。",
                    ),
                    field="applicant.corporate_number",
                    given=_given(number),
                )
            )
        elif not corporate_number.is_valid(number):
            findings.append(
                Finding(
                    "applicant.corporate_number",
                    "invalid",
                    Text(
                        f"'{number}' is not a valid corporate number (法人番号): "
                        "13 digits whose first digit is the check digit.",
                        f"'{number}' は有効な法人番号ではありません"
                        "（先頭がチェックデジットの13桁）。",
                    ),
                    field="applicant.corporate_number",
                    given=number,
                )
            )
    for key in block:
        if key not in APPLICANT_KEYS:
            hint = _did_you_mean(key, APPLICANT_KEYS)
            findings.append(
                Finding(
                    "applicant.unknown_field",
                    "invalid",
                    Text(
                        f"The key `{key}` in [applicant] is unknown.",
                        f"[applicant] の `{key}` は不明なキーです。",
                    )
                    + hint,
                    field=f"applicant.{key}",
                )
            )
    return name, findings


def _as_date(raw: Any) -> dt.date | None:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        try:
            return dt.date.fromisoformat(raw.strip())
        except ValueError:
            return None
    return None


def submitted_date(doc: dict[str, Any]) -> dt.date | None:
    """The application's ``applicant.submitted`` date, when it states a valid one."""
    block = doc.get("applicant")
    return _as_date(block.get("submitted")) if isinstance(block, dict) else None


def check_document(
    doc: dict[str, Any],
    ruleset: Ruleset,
    file: str,
    *,
    notices: tuple[Text, ...] = (),
    sha256: str | None = None,
) -> Result:
    """Check a parsed application (a TOML/JSON document) against ``ruleset``."""
    name, applicant_findings = check_applicant(doc)
    plans_raw = doc.get("plans")
    plans: list[PlanResult] = []
    seen: set[str] = set()
    for i, plan in enumerate(plans_raw if isinstance(plans_raw, list) else []):
        plans.append(check_plan(plan, i, ruleset, seen))
    verdict = worst([verdict_of(applicant_findings), *(p.verdict for p in plans)])
    return Result(
        file=file,
        verdict=verdict,
        ruleset=ruleset,
        applicant_name=name,
        applicant_findings=tuple(applicant_findings),
        plans=tuple(plans),
        notices=notices,
        file_sha256=sha256,
    )
