"""A day, written as a TOML date or ISO text: 2028-04-01."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eligibility.application.applicant import as_date
from eligibility.application.dates import day_schema
from eligibility.application.workbook_layout import CellKind
from eligibility.field_types.base import FieldType, Raw, Value, bad, label_text
from eligibility.messages import fields as say
from eligibility.text import as_written

if TYPE_CHECKING:
    from eligibility.ruleset.model import FieldSpec, Ruleset

EXAMPLE = "2028-04-01"


class DateType(FieldType):
    name = "date"
    form_cell = CellKind.DATE

    def form_hint(self, spec: FieldSpec) -> str:
        return " — 日付 / date: 2028-04-01"

    def read(self, spec: FieldSpec, raw: Any, ruleset: Ruleset | None = None) -> Value:
        given = as_written(raw)
        day = as_date(raw)
        if day is not None:
            return Value(spec, given, value=day)
        return bad(spec, given, say.NOT_A_DATE.format(given=given, example=EXAMPLE))

    def accepts(self, spec: FieldSpec) -> str:
        return EXAMPLE

    def template_comment(self, spec: FieldSpec) -> str:
        return f"# 日付 / date: {EXAMPLE}（引用符なし / without quotes）"

    def json_schema(self, spec: FieldSpec, ruleset: Ruleset) -> dict[str, Any]:
        return day_schema(f"{label_text(spec)}. A date: {EXAMPLE} (or 令和10年4月1日, 2028/4/1).")

    def sample(self, spec: FieldSpec, ruleset: Ruleset) -> Raw:
        return EXAMPLE


FIELD_TYPE = DateType()
