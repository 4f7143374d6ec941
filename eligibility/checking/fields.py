"""Reading a plan's fields by their declared types: each value usable, or a reason it is not."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from eligibility.application.applicant import PLAN_KEYS, as_date, too_long
from eligibility.checking.result import Finding
from eligibility.quantities import units
from eligibility.quantities.quantity import (
    QuantityError,
    normalize,
    parse_quantity,
)
from eligibility.ruleset.model import (
    FieldSpec,
    Ruleset,
    fold_name,
)
from eligibility.suggest import did_you_mean
from eligibility.text import Text, as_written

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


_TEMPERATURES = frozenset({"degree_Celsius", "degree_Fahrenheit", "kelvin"})
_NUMBER_ONLY = re.compile(r"[+-]?[\d,. ]+(?:[eE][+-]?\d+)?")


def read_value(spec: FieldSpec, raw: Any) -> Value:
    """Read one field by its declared type; a problem is a bilingual reason, never an error."""
    given = as_written(raw)
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
        day = as_date(raw)
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
                    given=as_written(raw),
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
            elif (
                isinstance(value, str)
                and spec.type != "quantity"  # (quantities have their own, shorter limit)
                and (long := too_long(value)) is not None
            ):
                out.values[path] = Value(spec, as_written(value), problem=long)
            elif spec.type == "material" and isinstance(value, str) and value.strip():
                name = ruleset.material(value) or as_written(value)
                out.values[path] = Value(spec, as_written(value), value=name)
            else:
                out.values[path] = read_value(spec, value)
    for path, spec in ruleset.fields.items():
        if spec.default is not None and path not in out.values and allows(path):
            out.values[path] = Value(spec, spec.default, value=spec.default)
    return out, findings


def display_key(path: str) -> tuple[str, str]:
    if "." in path:
        block, key = path.split(".", 1)
        return f"`{key}` in [plans.{block}]", f"[plans.{block}] の `{key}`"
    return f"`{path}`", f"`{path}`"


def _unknown_field(path: str, other_track: bool, known: list[str]) -> Finding:
    """An unknown key, with the closest key of the same block this track reads."""
    path = as_written(path)
    en, ja = display_key(path)
    block = path.rsplit(".", 1)[0] if "." in path else ""
    siblings = {
        k.rsplit(".", 1)[-1]: k for k in known if (k.rsplit(".", 1)[0] if "." in k else "") == block
    }
    suggestion = did_you_mean(path.rsplit(".", 1)[-1], siblings)
    if other_track:
        msg = Text(
            f"The key {en} is not used by this plan's track.",
            f"{ja} はこの計画の区分では使用しません。",
        )
    else:
        msg = Text(f"The key {en} is unknown.", f"{ja} は不明なキーです。")
    return Finding(
        rule="plan.unknown_field", status="invalid", message=msg + suggestion, field=path
    )
