"""``all_true``: attestations, true/false fields that must all be true."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from eligibility.check_kinds.base import CompileContext, Criterion
from eligibility.check_kinds.outcome import Outcome, invalid, missing
from eligibility.checking.fields import PlanFields, key_text
from eligibility.field_types import boolean
from eligibility.field_types.registry import field_type
from eligibility.messages import kinds as say
from eligibility.ruleset.model import Ruleset
from eligibility.text import Text, joined

if TYPE_CHECKING:  # examples are explain's: a check does not load them
    from eligibility.check_kinds.examples import Example, Raw

# The rule-file keys are a pydantic model built on first use: a rule set read back from the
# cache is checked without importing pydantic (tests/ruleset/test_cache.py measures it).


@functools.cache
def _rule_file() -> type[Any]:
    from eligibility.ruleset.schema import RuleCommon

    class AllTrueFile(RuleCommon):
        test: Literal["all_true"]
        each: str | list[str]  # the true/false fields

    return AllTrueFile


@dataclass(frozen=True)
class AllTrueCheck(Criterion):
    """Every field of ``each`` is true."""

    name: ClassVar[str] = "all_true"

    each: tuple[str, ...]

    @classmethod
    def rule_file(cls) -> type[Any]:
        return _rule_file()

    @classmethod
    def compile(cls, model: Any, ctx: CompileContext, title: Text) -> AllTrueCheck | None:
        where = ctx.where
        resolved = ctx.params({"each": model.each})
        if resolved is None:
            return None
        each = resolved["each"]
        paths = [each] if isinstance(each, str) else list(each)
        if not paths:
            ctx.problem(f"{where}.each", "an all_true check needs at least one field")
            return None
        for f in paths:
            if f not in ctx.fields:
                ctx.unknown(f"{where}.each", "field", str(f), ctx.fields)
                return None
            if field_type(ctx.fields[f]) is not boolean.FIELD_TYPE:
                ctx.problem(f"{where}.each", f"'{f}' is not a true/false field")
        return cls(tuple(paths))

    @property
    def fields(self) -> tuple[str, ...]:
        return self.each

    def evaluate(self, on_fail: str, fields: PlanFields, ruleset: Ruleset) -> Outcome:
        """Every attestation's problem in one finding: each unusable one, each not stated and
        each not true, so an applicant fixes them all at once."""
        paths = list(self.each)
        bad = [fields.values[p] for p in paths if p in fields.values and fields.values[p].problem]
        unstated = [p for p in paths if fields.get(p) is None]
        false = [
            p
            for p in paths
            if (v := fields.get(p)) is not None and v.problem is None and v.value is not True
        ]
        given = ", ".join(
            f"{p.rsplit('.', 1)[-1]} = {fields.values[p].given}"
            for p in paths
            if p in fields.values
        )
        parts = [invalid(v, ruleset).detail for v in bad]
        if unstated:
            parts.append(missing([unstated], fields, ruleset).detail)
        if false:
            keys = joined(say.KEYS, [key_text(p) for p in false])
            parts.append(say.NOT_ATTESTED.format(keys=keys))
        if bad:
            status, first = "invalid", bad[0].spec.path
        elif unstated:
            status, first = "missing", unstated[0]
        elif false:
            status, first = on_fail, false[0]
        else:
            status, first = "pass", paths[0]
            parts = [say.ALL_ATTESTED]
        return Outcome(
            status,
            joined(say.THEN, parts),
            field=first,
            given=given or None,
            value=given or None,
            threshold="true",
        )

    def threshold_text(self) -> str:
        return "all true"

    def comparison(self) -> str:
        return f"{', '.join(self.each)}: all true"

    def examples(self, on_fail: str, ruleset: Ruleset, setting: dict[str, Raw]) -> list[Example]:
        from eligibility.check_kinds.examples import Example

        return [
            Example("pass", dict.fromkeys(self.each, True), setting),
            Example(on_fail, {p: i != 0 for i, p in enumerate(self.each)}, setting),
        ]

    def field_groups(self) -> list[list[str]]:
        return [list(self.each)]


KIND = AllTrueCheck
