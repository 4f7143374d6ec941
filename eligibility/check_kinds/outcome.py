"""What evaluating a check on a plan gives, and the outcomes several kinds share: a field not
stated, a field that cannot be used, a plain statement of what was found."""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from eligibility.checking.fields import PlanFields, Value, display_key
from eligibility.field_types.registry import field_type
from eligibility.quantities.quantity import format_number
from eligibility.ruleset.model import Ruleset
from eligibility.ruleset.placeholders import fill
from eligibility.text import Text

_OPERATORS: dict[str, Callable[[Any, Any], Any]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
}


class Skip(Exception):
    """The rule does not apply (no limit for the material, a threshold's fields not stated)."""


@dataclass(slots=True)
class Outcome:
    status: str
    detail: Text
    field: str | None = None
    given: str | None = None
    value: str | None = None
    threshold: str | None = None
    margin: str | None = None
    needed: str | None = None


def holds(value: Any, op: str, limit: Any) -> bool:
    """Whether ``value op limit``, for a rule file's operator (">=", ">", "<=", "<")."""
    return bool(_OPERATORS[op](value, limit))


def missing(paths: list[list[str]], fields: PlanFields, ruleset: Ruleset) -> Outcome:
    """A missing outcome naming what to state: one path, or alternatives ("a, or b and c")."""
    alternatives = [keys_text([p for p in alt if fields.get(p) is None]) for alt in paths]
    en_parts = [a.en for a in alternatives]
    ja_parts = [a.ja for a in alternatives]
    first = next(p for p in paths[0] if fields.get(p) is None)
    spec = ruleset.fields[first]
    word = ruleset.words[field_type(spec).accepts_word]
    t = ruleset.detail_text["missing"]
    detail = Text(
        fill(t.en, dict(what=", or ".join(en_parts), accepts=word.en + spec.accepts)),
        fill(t.ja, dict(what="、又は".join(ja_parts), accepts=word.ja + spec.accepts)),
    )
    return Outcome("missing", detail, field=first)


def keys_text(paths: list[str]) -> Text:
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


def plain(ruleset: Ruleset, label: Text, shown: Text) -> Text:
    """The rule set's sentence for a finding that is not a distance from a threshold."""
    t = ruleset.detail_text["plain"]
    return Text(
        fill(t.en, dict(label=label.en, shown=shown.en)),
        fill(t.ja, dict(label=label.ja, shown=shown.ja)),
    )


def invalid(v: Value, ruleset: Ruleset) -> Outcome:
    """A field stated but not usable: the rule set's sentence with the field's reason."""
    assert v.problem is not None
    t = ruleset.detail_text["invalid"]
    detail = Text(
        fill(t.en, dict(label=display_key(v.spec.path)[0], reason=v.problem.en)),
        fill(t.ja, dict(label=display_key(v.spec.path)[1], reason=v.problem.ja)),
    )
    return Outcome("invalid", detail, field=v.spec.path, given=v.given)


def first_invalid(paths: list[str], fields: PlanFields, ruleset: Ruleset) -> Outcome | None:
    """The invalid outcome of the first of ``paths`` stated but not usable, if any."""
    for p in paths:
        v = fields.get(p)
        if v is not None and v.problem is not None:
            return invalid(v, ruleset)
    return None


def signed(delta: Fraction, unit: str) -> str:
    if delta == 0:
        return f"0 {unit}"
    return f"{'+' if delta > 0 else '−'}{format_number(abs(delta))} {unit}"
