"""The interface every check kind implements, and what the loader offers a kind compiling."""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

if TYPE_CHECKING:
    from pydantic import BaseModel

    from eligibility.check_kinds.examples import Example, Raw
    from eligibility.check_kinds.outcome import Outcome
    from eligibility.checking.fields import PlanFields
    from eligibility.ruleset import expressions
    from eligibility.ruleset.model import FieldSpec, Kind, Ruleset, Threshold
    from eligibility.text import Text


class CompileContext(Protocol):
    """What the loader gives a kind compiling one rule: the rule set declared so far, and a
    place to report problems. ``where`` is the rule's place ("file: rules.ID")."""

    where: str
    fields: dict[str, FieldSpec]
    materials: dict[str, str]  # folded name -> canonical

    def problem(self, where: str, message: str) -> None: ...

    def unknown(self, where: str, what: str, name: str, known: Any) -> None:
        """Report an unknown name, with the closest known one."""

    def params(self, keys: dict[str, Any]) -> dict[str, Any] | None:
        """The values with each ``$parameter`` resolved (keys name where each is written,
        relative to the rule); None, every unknown parameter reported, if one is unknown."""

    def text(self, en: str, ja: str) -> Text:
        """Rule-file text with ``{parameter}`` filled in."""

    def expression(self, where: str, text: str) -> expressions.Expr | None:
        """A parsed expression whose fields are all declared; else a problem and None."""

    def threshold(self, where: str, value: Any, kind: Kind | None) -> Threshold | None:
        """A quantity (of ``kind``'s dimension, if given) or a date; else a problem."""

    def threshold_table(self, where: str, table: str) -> dict[str, Threshold] | None:
        """A ``$parameter`` table of thresholds by material (folded name -> threshold)."""

    def unit(self, where: str, text: str) -> bool:
        """Whether ``text`` is a unit; a problem if not."""


@dataclass(frozen=True)
class Criterion(ABC):
    """What one rule tests, compiled from its rule file: one frozen subclass per kind.

    Subclasses are plain frozen dataclasses (strings, tuples, thresholds, expressions), so
    that a compiled rule set can be stored and read back.
    """

    name: ClassVar[str]  # the kind, as rule files write it: test = "compare"

    @classmethod
    @abstractmethod
    def rule_file(cls) -> type[BaseModel]:
        """The kind's rule-file keys: a pydantic model (built on first use, so that reading a
        compiled rule set back needs no pydantic) whose ``test`` is ``Literal[name]``."""

    @classmethod
    @abstractmethod
    def compile(cls, model: Any, ctx: CompileContext, title: Text) -> Criterion | None:
        """The criterion from a validated ``rule_file`` model, or None (problems reported)."""

    @property
    @abstractmethod
    def fields(self) -> tuple[str, ...]:
        """Every field the check reads."""

    @abstractmethod
    def evaluate(self, on_fail: str, fields: PlanFields, ruleset: Ruleset) -> Outcome:
        """The outcome on one plan's fields (raise ``outcome.Skip`` if it does not apply)."""

    @abstractmethod
    def threshold_text(self) -> str:
        """What the check compares with, with its unit, in one short line."""

    @abstractmethod
    def comparison(self) -> str:
        """The comparison in words, for explain."""

    def branch_comparisons(self) -> tuple[tuple[Text, str], ...]:
        """Title and comparison of each alternative, for a check of several."""
        return ()

    @abstractmethod
    def examples(self, on_fail: str, ruleset: Ruleset, setting: dict[str, Raw]) -> list[Example]:
        """Values just passing and just failing; ``setting`` holds the other fields a plan
        states so that the rule applies (a kind may add to it)."""

    def accepted_values(self, path: str) -> tuple[str, ...]:
        """The values of field ``path`` that can pass, when the check lists them (a form
        offers them in a drop-down); () when it does not."""
        return ()

    def schema_hints(self, ruleset: Ruleset) -> dict[str, dict[str, Any]]:
        """The check's part of the application's JSON Schema, by the path of each field it
        reads: ``examples`` of values that pass, merged by ``eligibility schema`` into the
        field type's own part. By default the values of the kind's own passing examples; a
        kind that knows more (the names a ``member`` check accepts) says so."""
        hints: dict[str, dict[str, Any]] = {}
        for example in self.examples("fail", ruleset, {}):
            if example.status != "pass":
                continue
            for path, raw in example.values.items():
                if path in self.fields:
                    hints.setdefault(path, {"examples": []})["examples"].append(raw)
        return hints

    @abstractmethod
    def field_groups(self) -> list[list[str]]:
        """The fields a plan must state for the check, as alternatives: each group is a set
        of fields stated together (for templates)."""
