"""Examples for explain: values just passing and just failing each rule (each kind makes its
own, :meth:`~eligibility.check_kinds.base.Criterion.examples`), and the application that
shows one."""

from __future__ import annotations

from typing import Any

from eligibility.check_kinds.examples import STATUS_VERB, Example, Raw, field_key
from eligibility.field_types.registry import field_type
from eligibility.ruleset.model import Rule, Ruleset, Track

__all__ = [
    "STATUS_VERB",
    "Example",
    "Raw",
    "example_application",
    "example_track",
    "examples",
    "field_key",
]


def _when_setting(rule: Rule, ruleset: Ruleset) -> dict[str, Raw]:
    if rule.when_field is None:
        return {}
    if rule.when_in:
        return {rule.when_field: rule.when_in[0]}
    if rule.when_present and rule.when_field in ruleset.fields:
        spec = ruleset.fields[rule.when_field]
        return {rule.when_field: field_type(spec).sample(spec, ruleset)}
    return {}


def _required_setting(rule: Rule, ruleset: Ruleset) -> dict[str, Raw]:
    """Values passing the checks ``rule`` requires, so that it is judged at all."""
    setting: dict[str, Raw] = {}
    for rid in rule.requires:
        other = ruleset.rule(rid)
        if other is None:
            continue
        passing = other.criterion.examples(other.on_fail, ruleset, {})
        setting.update(next((e.values for e in passing if e.status == "pass"), {}))
    return setting


def examples(rule: Rule, ruleset: Ruleset) -> list[Example]:
    """A passing and a failing example for ``rule``, derived from its threshold."""
    named = len(rule.fields) > 1
    setting = _required_setting(rule, ruleset) | _when_setting(rule, ruleset)
    found = rule.criterion.examples(rule.on_fail, ruleset, setting)
    return [Example(e.status, e.values, e.setting, named=named) for e in found]


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
