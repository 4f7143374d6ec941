"""``member``: a field's value (a material's name) is one of a list."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from eligibility.check_kinds.base import CompileContext, Criterion
from eligibility.check_kinds.outcome import Outcome, invalid, missing, plain
from eligibility.checking.fields import PlanFields
from eligibility.messages import kinds as say
from eligibility.ruleset.model import Ruleset
from eligibility.ruleset.names import fold_name
from eligibility.text import Text, same

if TYPE_CHECKING:  # examples are explain's: a check does not load them
    from eligibility.check_kinds.examples import Example, Raw

OTHER_MATERIAL = "ferrite"  # a failing example when every declared material passes

# The rule-file keys are a pydantic model built on first use: a rule set read back from the
# cache is checked without importing pydantic (tests/ruleset/test_cache.py measures it).


@functools.cache
def _rule_file() -> type[Any]:
    from eligibility.ruleset.schema import RuleCommon

    class MemberFile(RuleCommon):
        test: Literal["member"]
        value: str  # the field whose value is looked up
        values: list[str]  # the names (as in [materials]) that pass

    return MemberFile


@dataclass(frozen=True)
class MemberCheck(Criterion):
    """A field's value is one of ``members``."""

    name: ClassVar[str] = "member"

    value: str  # the field's path
    members: tuple[str, ...]

    @classmethod
    def rule_file(cls) -> type[Any]:
        return _rule_file()

    @classmethod
    def compile(cls, model: Any, ctx: CompileContext, title: Text) -> MemberCheck | None:
        where = ctx.where
        resolved = ctx.params({"value": model.value})
        if resolved is None:
            return None
        path = resolved["value"]
        if not isinstance(path, str) or path not in ctx.fields:
            ctx.unknown(f"{where}.value", "field", str(path), ctx.fields)
            return None
        if not model.values:
            ctx.problem(f"{where}.values", "a member check needs at least one value")
            return None
        for v in model.values:
            if fold_name(v) not in ctx.materials:
                ctx.unknown(f"{where}.values", "material", v, set(ctx.materials.values()))
        return cls(path, tuple(model.values))

    @property
    def fields(self) -> tuple[str, ...]:
        return (self.value,)

    def accepted_values(self, path: str) -> tuple[str, ...]:
        return self.members if path == self.value else ()

    def evaluate(self, on_fail: str, fields: PlanFields, ruleset: Ruleset) -> Outcome:
        path = self.value
        v = fields.get(path)
        if v is None:
            return missing([[path]], fields, ruleset)
        if v.problem is not None:
            return invalid(v, ruleset)
        family = ruleset.material(v.given)
        if family is None:
            return self._unclassified(v.given, path, ruleset)
        shown = v.given if family == v.given else f"{v.given} ({family})"
        status = "pass" if family in self.members else on_fail
        detail = plain(ruleset, v.spec.label, same(shown))
        return Outcome(
            status, detail, field=path, given=v.given, value=family, threshold=self.threshold_text()
        )

    def _unclassified(self, given: str, path: str, ruleset: Ruleset) -> Outcome:
        """A name the rule set cannot classify: for a reviewer, never a confident fail."""
        vocabulary = ruleset.material_names
        accepted = []
        for member in self.members:
            family = vocabulary.family(member)
            names = family.names if family is not None else (member,)
            accepted.append(f"{member} ({', '.join(names)})")
        listed = "; ".join(accepted)
        qualifiers = ", ".join(vocabulary.qualifiers)
        detail = say.UNCLASSIFIED.format(
            given=given,
            listed=listed,
            qualifiers=(
                say.QUALIFIERS_ALLOWED.format(qualifiers=qualifiers) if qualifiers else same("")
            ),
        )
        return Outcome(
            "review", detail, field=path, given=given, value=given, threshold=self.threshold_text()
        )

    def threshold_text(self) -> str:
        return " | ".join(self.members)

    def schema_hints(self, ruleset: Ruleset) -> dict[str, dict[str, Any]]:
        # every name of the accepted families: an editor offers them as it completes the key
        names: list[str] = []
        for member in self.members:
            family = ruleset.material_names.family(member)
            names += family.names if family is not None else (member,)
        return {self.value: {"examples": list(dict.fromkeys(names))}}

    def comparison(self) -> str:
        return f"{self.value} is one of: {', '.join(self.members)}"

    def examples(self, on_fail: str, ruleset: Ruleset, setting: dict[str, Raw]) -> list[Example]:
        from eligibility.check_kinds.examples import Example

        other = next(
            (m for m in dict.fromkeys(ruleset.materials.values()) if m not in self.members),
            OTHER_MATERIAL,
        )
        return [
            Example("pass", {self.value: self.members[0]}, setting),
            Example(on_fail, {self.value: other}, setting),
        ]

    def field_groups(self) -> list[list[str]]:
        return [[self.value]]


KIND = MemberCheck
