"""Evaluating one rule on one plan's fields, in exact arithmetic.

What a rule tests is its kind's business (:mod:`eligibility.check_kinds`); here is what every
rule shares: whether it applies to the plan (``when``), an advisory check with nothing to
check, and the finding it makes.
"""

from __future__ import annotations

from eligibility.check_kinds.outcome import Skip
from eligibility.checking.fields import PlanFields, Value
from eligibility.checking.mode import STATUSES_ONLY
from eligibility.checking.result import Finding
from eligibility.messages import checking as say
from eligibility.ruleset.model import Rule, Ruleset

# --- evaluating rules ---------------------------------------------------------------------


def evaluate(rule: Rule, fields: PlanFields, ruleset: Ruleset) -> Finding | None:
    """One rule on one plan's fields: a finding, or None when the rule does not apply.

    A rule's finding is a function of the readings of the fields it reads (``rule.reads``,
    and nothing else: ``tests/checking/test_memo.py`` holds every check kind to it)
    and of whether statuses only are asked for. Readings of the same text are one object
    (:func:`eligibility.checking.fields.read_fields`), so a plan whose inputs to a rule are
    the objects of an earlier plan's gets that plan's finding, an immutable object. The key
    holds the readings' identities (:mod:`eligibility.checking.memo`)."""
    if rule.when_field is not None and not _applies(rule, fields):
        return None
    values = fields.values
    inputs = tuple([values.get(p) for p in rule.reads])
    entry = ruleset.rule_memo.remembered(
        (id(rule), STATUSES_ONLY.get(), *map(id, inputs)), _judged, inputs, rule, fields, ruleset
    )
    return entry[1]


def _judged(
    inputs: tuple[Value | None, ...], rule: Rule, fields: PlanFields, ruleset: Ruleset
) -> tuple[tuple[Value | None, ...], Finding | None]:
    """A memo entry: the rule's finding, with the readings its key names by identity."""
    return inputs, _evaluate(rule, fields, ruleset)


def _evaluate(rule: Rule, fields: PlanFields, ruleset: Ruleset) -> Finding | None:
    try:
        outcome = rule.criterion.evaluate(rule.on_fail, fields, ruleset)
    except Skip:
        return None
    if outcome.status == "missing" and rule.severity == "advisory":
        return None
    basis = None
    if rule.basis_field is not None:
        b = fields.get(rule.basis_field)
        if b is not None and b.value is not None:
            basis = str(b.value)
    message = (
        rule.title
        if outcome.detail.is_blank()
        else say.RULE_DETAIL.format(title=rule.title, detail=outcome.detail)
    )
    if basis is not None:
        message = message + say.VOLUME_BASIS.format(basis=basis)
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
