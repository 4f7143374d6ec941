"""Figures no real plant, magnet or motor could have: each goes to a reviewer.

A value can clear every threshold and still be impossible: ``1e30 t/yr`` is eligible as a
capacity increase, and ``1 t/ma`` reads as a tonne per *milli*-year, 1,000 t/yr. Both are
rule-set data, never code:

- a field's plausible range, ``plausible = "$PARAMETER"`` in ``fields.toml``, where the
  parameter is ``{ minimum = …, maximum = … }`` (either end may be open, both ends are
  inside the range): a value, or either end of a stated range, outside it is a ``review``
  finding naming the field, the value and the range;
- the parameter :data:`UNPREFIXED_UNITS`: units no datasheet writes with an SI prefix (the
  year, the month, the day…): a quantity whose unit carries one is a ``review`` finding
  saying how it was read.

A value inside the range gives no finding at all. A ``review`` never hides a ``fail``: the
plan's verdict takes the worst status (eligibility.verdicts), and a fail is worse.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from eligibility.checking.fields import PlanFields, Value, key_text
from eligibility.checking.result import Finding
from eligibility.messages import checking as say
from eligibility.patterns import lazy
from eligibility.quantities import units
from eligibility.quantities.quantity import Quantity, format_number, pretty_unit, unit_of
from eligibility.ruleset.model import Plausible, Ruleset
from eligibility.verdicts import Status

# a finding's rule, "plan.plausible.capacity_increase": APPLICATION.md starts the rule of a
# plan-level input problem with `plan.`
RULE_PREFIX = "plan.plausible."
UNPREFIXED_UNITS = "unprefixed_units"  # the parameter listing units never prefixed
_ATOM = lazy(r"[^\W\d_]+")


def implausible(fields: PlanFields, ruleset: Ruleset) -> list[Finding]:
    """A ``review`` finding for each field whose value no real plan could have.

    Whether a reading is plausible depends on the reading alone, so it is remembered with the
    rule set's other outcomes (:attr:`Ruleset.rule_memo`, keyed as there by the reading's
    identity, the entry keeping the reading alive)."""
    out: list[Finding] = []
    memo = ruleset.rule_memo
    for path, v in fields.values.items():
        if v.problem is not None:
            continue
        _, finding = memo.remembered((_PLAUSIBLE, id(v)), _judged, path, v, ruleset)
        if finding is not None:
            out.append(finding)
    return out


_PLAUSIBLE = object()  # the memo key's first part: no rule's identity


def _judged(path: str, v: Value, ruleset: Ruleset) -> tuple[Value, Finding | None]:
    """A memo entry: the finding on ``v``, with ``v``, whose identity its key holds."""
    return v, _judge(path, v, ruleset)


def _judge(path: str, v: Value, ruleset: Ruleset) -> Finding | None:
    quantities = list(_quantities(v))
    if not quantities:
        return None
    plausible = v.spec.plausible
    if plausible is not None and any(not within(q, plausible) for q in quantities):
        return _outside(path, v, plausible)
    prefixed = _prefixed_atom(quantities[0], _never_prefixed(ruleset))
    if prefixed is not None:
        return _prefixed(path, v, quantities[0], *prefixed)
    return None


def _quantities(v: Value) -> Iterator[Quantity]:
    """The figures a value states: itself, or the ends of a stated bound or range."""
    if isinstance(v.value, Quantity):
        yield v.value
    elif v.stated is not None:
        for end in (v.stated.low, v.stated.high):
            if isinstance(end, Quantity):
                yield end


def within(q: Quantity, plausible: Plausible) -> bool:
    """Whether ``q`` is in the range, both ends included, compared exactly."""
    for bound, ok in ((plausible.minimum, _at_least), (plausible.maximum, _at_most)):
        if bound is None:
            continue
        if q.unit.dimensionality != bound.unit.dimensionality:
            continue  # a kind with units of several dimensions: the range is for one
        if not ok(q.to(bound.unit), bound.magnitude):
            return False
    return True


def _at_least(value: Any, bound: Any) -> bool:
    return bool(value >= bound)


def _at_most(value: Any, bound: Any) -> bool:
    return bool(value <= bound)


def _outside(path: str, v: Value, plausible: Plausible) -> Finding:
    shown = _shown(v, plausible.unit)
    message = say.IMPLAUSIBLE.format(
        label=key_text(path), given=shown, range=plausible.text, parameter=plausible.parameter
    )
    return Finding(
        RULE_PREFIX + path,
        Status.REVIEW,
        message,
        source=f"parameter {plausible.parameter}",
        severity="advisory",
        field=path,
        given=v.given,
        value=shown,
        threshold=plausible.text,
    )


def _shown(v: Value, unit: str) -> str:
    """The value as given, and in the range's unit when that reads differently."""
    quantities = list(_quantities(v))
    if len(quantities) != 1:
        return f"'{v.given}'"
    q = quantities[0]
    target = unit_of(unit)
    if q.unit.dimensionality != target.dimensionality:  # a kind of several dimensions
        return f"'{v.given}'"
    converted = f"{format_number(q.to(target))} {pretty_unit(unit)}"
    return f"'{v.given}'" if converted == v.given else f"'{v.given}' = {converted}"


def _never_prefixed(ruleset: Ruleset) -> frozenset[str]:
    found: frozenset[str] | None = ruleset.derived.get(UNPREFIXED_UNITS)
    if found is None:
        value = ruleset.parameters.get(UNPREFIXED_UNITS)
        found = frozenset(str(u) for u in value) if isinstance(value, list) else frozenset()
        ruleset.derived[UNPREFIXED_UNITS] = found
    return found


def _prefixed_atom(q: Quantity, never_prefixed: frozenset[str]) -> tuple[str, str, str] | None:
    """The atom of ``q``'s unit, as written, that puts a prefix on a unit never prefixed:
    (atom, prefix, unit), e.g. ("ma", "milli", "year")."""
    if not never_prefixed or not q.unit_text:
        return None
    return _prefixed_in(q.key or q.unit_text, never_prefixed)


@lru_cache(maxsize=1024)
def _prefixed_in(unit_text: str, never_prefixed: frozenset[str]) -> tuple[str, str, str] | None:
    # a batch writes a handful of units: each is taken apart once
    for atom in _ATOM.findall(unit_text):
        reading = units.resolve_atom(atom)
        if reading is not None and reading[0] and reading[1] in never_prefixed:
            return atom, reading[0], reading[1]
    return None


def _prefixed(path: str, v: Value, q: Quantity, atom: str, prefix: str, unit: str) -> Finding:
    kind = v.spec.kind
    value = f"{format_number(q.magnitude)} {q.unit_text}"
    if kind is not None and q.unit.dimensionality == kind.unit.dimensionality:
        value = f"{format_number(q.to(kind.unit))} {kind.unit_text}"
    values = dict(given=v.given, atom=atom, prefix=prefix, unit=unit, value=value)
    return Finding(
        RULE_PREFIX + path,
        Status.REVIEW,
        say.PREFIXED_UNIT.format(label=key_text(path), parameter=UNPREFIXED_UNITS, **values),
        source=f"parameter {UNPREFIXED_UNITS}",
        severity="advisory",
        field=path,
        given=v.given,
        value=value,
    )
