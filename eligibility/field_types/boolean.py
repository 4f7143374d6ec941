"""True or false, written without quotes: an attestation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eligibility.application.workbook_layout import NO, YES, CellKind
from eligibility.field_types.base import FieldType, Raw, Value, bad, label_text
from eligibility.messages import fields as say
from eligibility.text import as_written

if TYPE_CHECKING:
    from eligibility.ruleset.model import FieldSpec, Ruleset


class BoolType(FieldType):
    name = "bool"
    form_cell = CellKind.YES_NO

    def form_hint(self, spec: FieldSpec) -> str:
        return " — はい / いいえ を選択 / choose yes or no"

    def form_choices(self, spec: FieldSpec, ruleset: Ruleset) -> tuple[list[str], bool]:
        return [YES, NO], True

    def read(self, spec: FieldSpec, raw: Any, ruleset: Ruleset | None = None) -> Value:
        given = as_written(raw)
        if isinstance(raw, bool):
            return Value(spec, given, value=raw)
        return bad(spec, given, say.NOT_A_BOOLEAN.format(given=given))

    def accepts(self, spec: FieldSpec) -> str:
        return "true, false"

    def template_comment(self, spec: FieldSpec) -> str:
        return "# 値 / values: true, false（引用符なし / without quotes）"

    def json_schema(self, spec: FieldSpec, ruleset: Ruleset) -> dict[str, Any]:
        return {"type": "boolean", "description": f"{label_text(spec)}. true or false."}

    def sample(self, spec: FieldSpec, ruleset: Ruleset) -> Raw:
        return True


FIELD_TYPE = BoolType()
