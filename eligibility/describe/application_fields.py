"""What every application file states besides its plans, and the words templates and
schemas share."""

from __future__ import annotations

from typing import Any

from eligibility.application.dates import day_schema
from eligibility.messages import describe as say
from eligibility.text import Text

SCHEMA_FILE = "eligibility.schema.json"
SCHEMA_LINE = f"#:schema ./{SCHEMA_FILE}"
JSON_SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
APPLICANT_FIELDS: dict[str, tuple[Text, dict[str, Any]]] = {
    "name": (say.APPLICANT_NAME, {"type": "string"}),
    "corporate_number": (say.CORPORATE_NUMBER, {"type": "string"}),
    "submitted": (say.SUBMISSION_DATE, day_schema()),
}
REQUIRED = say.REQUIRED
OPTIONAL = say.OPTIONAL
