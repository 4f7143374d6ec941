"""``flag``: nothing is compared; every plan the rule applies to (``when``) gets its
``on_fail`` status, usually review."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from eligibility.check_kinds.base import CompileContext, Criterion
from eligibility.check_kinds.outcome import Outcome
from eligibility.checking.fields import PlanFields
from eligibility.ruleset.model import Ruleset
from eligibility.text import Text

if TYPE_CHECKING:  # examples are explain's: a check does not load them
    from eligibility.check_kinds.examples import Example, Raw

# The rule-file keys are a pydantic model built on first use: a rule set read back from the
# cache is checked without importing pydantic (tests/ruleset/test_cache.py measures it).


@functools.cache
def _rule_file() -> type[Any]:
    from eligibility.ruleset.schema import RuleCommon, WhenModel

    class FlagFile(RuleCommon):
        test: Literal["flag"]
        when: WhenModel  # which plans the flag is raised for (required here)

    return FlagFile


@dataclass(frozen=True)
class FlagCheck(Criterion):
    """Nothing compared: the rule's ``on_fail`` status for every plan it applies to."""

    name: ClassVar[str] = "flag"

    @classmethod
    def rule_file(cls) -> type[Any]:
        return _rule_file()

    @classmethod
    def compile(cls, model: Any, ctx: CompileContext, title: Text) -> FlagCheck:
        return cls()

    @property
    def fields(self) -> tuple[str, ...]:
        return ()

    def evaluate(self, on_fail: str, fields: PlanFields, ruleset: Ruleset) -> Outcome:
        return Outcome(on_fail, Text("", ""))

    def threshold_text(self) -> str:
        return "review"

    def comparison(self) -> str:
        return "nothing is compared: every plan it applies to goes to review"

    def examples(self, on_fail: str, ruleset: Ruleset, setting: dict[str, Raw]) -> list[Example]:
        from eligibility.check_kinds.examples import Example

        return [Example(on_fail, {}, setting)]

    def field_groups(self) -> list[list[str]]:
        return []


KIND = FlagCheck
