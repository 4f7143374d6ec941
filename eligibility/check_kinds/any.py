"""``any``: alternatives, each a comparison (``of``); the first that passes is enough."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from eligibility.check_kinds.base import CompileContext, Criterion
from eligibility.check_kinds.compare import (
    comparison_examples,
    comparison_groups,
    comparison_keys,
    comparison_text,
    comparison_threshold_text,
    compile_test,
    evaluate_test,
    partly_stated,
)
from eligibility.check_kinds.outcome import Outcome, missing
from eligibility.checking.fields import PlanFields
from eligibility.messages import kinds as say
from eligibility.ruleset.model import Ruleset, Test
from eligibility.text import Text, joined, same

if TYPE_CHECKING:  # examples are explain's: a check does not load them
    from eligibility.check_kinds.examples import Example, Raw

# The rule-file keys are a pydantic model built on first use: a rule set read back from the
# cache is checked without importing pydantic (tests/ruleset/test_cache.py measures it).


@functools.cache
def _rule_file() -> type[Any]:
    from eligibility.ruleset.schema import RuleCommon

    class BranchKeys(comparison_keys()):  # type: ignore[misc]
        title_en: str
        title_ja: str

    class AnyFile(RuleCommon):
        test: Literal["any"]
        of: list[BranchKeys]

    return AnyFile


@dataclass(frozen=True)
class AnyCheck(Criterion):
    """Alternatives: the first of ``branches`` that passes is enough."""

    name: ClassVar[str] = "any"

    branches: tuple[Test, ...]

    @classmethod
    def rule_file(cls) -> type[Any]:
        return _rule_file()

    @classmethod
    def compile(cls, model: Any, ctx: CompileContext, title: Text) -> AnyCheck | None:
        where = ctx.where
        if len(model.of) < 2:
            ctx.problem(f"{where}.of", "an 'any' check needs at least two branches")
        branches: list[Test] = []
        for i, sub in enumerate(model.of):
            t = compile_test(
                ctx, f"{where}.of[{i}]", f"of[{i}].", ctx.text(sub.title_en, sub.title_ja), sub
            )
            if t is not None:
                branches.append(t)
        if len(branches) != len(model.of):
            return None
        return cls(tuple(branches))

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f for b in self.branches for f in b.fields))

    def evaluate(self, on_fail: str, fields: PlanFields, ruleset: Ruleset) -> Outcome:
        outcomes = [evaluate_test(b, on_fail, fields, ruleset) for b in self.branches]
        passed = [
            (b, o) for b, o in zip(self.branches, outcomes, strict=True) if o.status == "pass"
        ]
        # a branch left in part (a baseline without its target) is reported beside the rest
        unfinished = Text("", "")
        for b, o in zip(self.branches, outcomes, strict=True):
            if o.status == "missing":
                unfinished = unfinished + partly_stated(b, fields)
        bad = next((o for o in outcomes if o.status == "invalid"), None)
        if bad is not None:
            # every field written is usable or reported, even when another branch is met: an
            # unusable figure is fixed, not passed over
            if passed:
                bad.detail = bad.detail + say.OTHERWISE_MET_BY.format(branch=passed[0][0].title)
            return bad
        if passed:
            b, o = passed[0]
            return Outcome(
                "pass",
                say.MET_BY.format(branch=b.title, detail=o.detail) + unfinished,
                field=o.field,
                given=o.given,
                value=o.value,
                threshold=o.threshold,
                margin=o.margin,
            )
        statuses = [o.status for o in outcomes]
        if all(s == "missing" for s in statuses):
            return missing([list(b.fields) for b in self.branches if b.fields], fields, ruleset)
        told = [o for o in outcomes if o.status != "missing"]
        detail = joined(same(" "), [o.detail for o in told], strip=True) + unfinished
        first = told[0]
        return Outcome(
            on_fail,
            detail,
            field=first.field,
            given=first.given,
            value=first.value,
            threshold=first.threshold,
            margin=first.margin,
            needed=first.needed,
        )

    def threshold_text(self) -> str:
        return " or ".join(comparison_threshold_text(b) for b in self.branches)

    def comparison(self) -> str:
        return "any one of the following"

    def branch_comparisons(self) -> tuple[tuple[Text, str], ...]:
        return tuple((b.title, comparison_text(b)) for b in self.branches)

    def examples(self, on_fail: str, ruleset: Ruleset, setting: dict[str, Raw]) -> list[Example]:
        from eligibility.check_kinds.examples import Example

        found = [comparison_examples(b, ruleset, setting) for b in self.branches]
        if not found or any(f is None for f in found):
            return []
        branches = [f for f in found if f is not None]
        out = [Example("pass", branches[0][0], dict(setting))]
        if all(bad is not None for _, bad in branches):
            failing: dict[str, Raw] = {}
            for _, bad in branches:
                failing |= bad or {}
            out.append(Example(on_fail, failing, dict(setting)))
        return out

    def field_groups(self) -> list[list[str]]:
        return [g for b in self.branches for g in comparison_groups(b)]


KIND = AnyCheck
