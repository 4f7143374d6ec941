"""What evaluating a check on a plan gives, and the outcomes several kinds share: a field not
stated, a field that cannot be used, a plain statement of what was found."""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from eligibility.checking.fields import PlanFields, Value, key_text
from eligibility.field_types.registry import field_type
from eligibility.messages import kinds as say
from eligibility.quantities.quantity import format_number
from eligibility.ruleset.model import Ruleset
from eligibility.ruleset.placeholders import filled
from eligibility.text import Text, joined, same

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
    """What a check kind decides of one plan, before the rule makes it a finding: the status,
    the sentence explaining it and the figures shown."""

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
    first = next(p for p in paths[0] if fields.get(p) is None)
    spec = ruleset.fields[first]
    word = ruleset.words[field_type(spec).accepts_word]
    t = ruleset.detail_text["missing"]
    detail = filled(t, what=joined(say.OR, alternatives), accepts=word + same(spec.accepts))
    return Outcome("missing", detail, field=first)


def keys_text(paths: list[str]) -> Text:
    """Keys to state, grouped by block: "`a` and `b` in [plans.overseas]"."""
    groups: dict[str, list[str]] = {}
    for p in paths:
        block, _, key = p.rpartition(".")
        groups.setdefault(block, []).append(f"`{key}`")
    parts: list[Text] = []
    for block, keys in groups.items():
        listed = keys[0] if len(keys) == 1 else ", ".join(keys[:-1]) + " and " + keys[-1]
        named = Text(listed, "、".join(keys))
        parts.append(say.KEYS_IN_BLOCK.format(keys=named, block=block) if block else named)
    return joined(say.AND, parts)


def plain(ruleset: Ruleset, label: Text, shown: Text) -> Text:
    """The rule set's sentence for a finding that is not a distance from a threshold."""
    t = ruleset.detail_text["plain"]
    return filled(t, label=label, shown=shown)


def invalid(v: Value, ruleset: Ruleset) -> Outcome:
    """A field stated but not usable: the rule set's sentence with the field's reason."""
    assert v.problem is not None
    t = ruleset.detail_text["invalid"]
    detail = filled(t, label=key_text(v.spec.path), reason=v.problem)
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
