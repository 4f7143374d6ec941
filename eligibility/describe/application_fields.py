"""What every application file states besides its plans, and the words templates and
schemas share."""

from __future__ import annotations

from typing import Any

from eligibility.text import Text

SCHEMA_FILE = "eligibility.schema.json"
SCHEMA_LINE = f"#:schema ./{SCHEMA_FILE}"
JSON_SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
APPLICANT_FIELDS: dict[str, tuple[Text, dict[str, Any]]] = {
    "name": (Text("applicant name", "申請者名"), {"type": "string"}),
    "corporate_number": (
        Text("corporate number, 13 digits", "法人番号（13桁）"),
        {"type": "string"},
    ),
    "submitted": (
        Text("date of submission", "提出日"),
        {"type": "string", "format": "date"},
    ),
}
REQUIRED = Text("required", "必須")
OPTIONAL = Text("optional: delete the line if not stated", "任意：記入しない場合は行を削除")
