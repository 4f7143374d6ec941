"""One of the values the rule set lists, each with aliases: "domestic", "国内"."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from eligibility.field_types.base import FieldType, Raw, Value, bad, is_text, label_text, need_text
from eligibility.messages import fields as say
from eligibility.ruleset.names import fold_name
from eligibility.text import as_written

if TYPE_CHECKING:
    from eligibility.ruleset.model import FieldSpec, Ruleset


class ChoiceType(FieldType):
    name = "choice"
    needs_choices = True

    def form_choices(self, spec: FieldSpec, ruleset: Ruleset) -> tuple[list[str], bool]:
        return list(spec.choices), True  # every spelling, e.g. domestic, 国内

    def form_hint(self, spec: FieldSpec) -> str:
        return f" — 値 / values: {spec.accepts}"

    def read(self, spec: FieldSpec, raw: Any, ruleset: Ruleset | None = None) -> Value:
        given = as_written(raw)
        if not is_text(raw):
            return Value(spec, given, problem=need_text(spec.accepts))
        choice = spec.choices.get(fold_name(raw))
        if choice is None:
            return bad(spec, given, say.NOT_A_CHOICE.format(given=raw, accepts=spec.accepts))
        return Value(spec, given, value=choice)

    def accepts(self, spec: FieldSpec) -> str:
        return ", ".join(f'"{c}"' for c in _values(spec))

    def template_comment(self, spec: FieldSpec) -> str:
        return f"# 値 / values: {spec.accepts}"

    def placeholder(self, spec: FieldSpec) -> str:
        if spec.default is not None:
            return json.dumps(spec.default, ensure_ascii=False)
        return '""'

    def json_schema(self, spec: FieldSpec, ruleset: Ruleset) -> dict[str, Any]:
        values = _values(spec)
        aliases = sorted(set(spec.choices) - {fold_name(v) for v in values})
        extra = f" (also: {', '.join(aliases)})" if aliases else ""
        out: dict[str, Any] = {
            "type": "string",
            "description": f"{label_text(spec)}. One of: {', '.join(values)}{extra}.",
            "examples": values,
        }
        if spec.default is not None:
            out["default"] = spec.default
        return out

    def sample(self, spec: FieldSpec, ruleset: Ruleset) -> Raw:
        return _values(spec)[0]


def _values(spec: FieldSpec) -> list[str]:
    """The choices, each once, in the rule set's order."""
    return list(dict.fromkeys(spec.choices.values()))


FIELD_TYPE = ChoiceType()
