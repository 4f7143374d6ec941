"""Free text: a name, a description."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eligibility.field_types.base import FieldType, Value, is_text, need_text
from eligibility.text import as_written

if TYPE_CHECKING:
    from eligibility.ruleset.model import FieldSpec, Ruleset


class TextType(FieldType):
    name = "text"

    def read(self, spec: FieldSpec, raw: Any, ruleset: Ruleset | None = None) -> Value:
        if not is_text(raw):
            return Value(spec, as_written(raw), problem=need_text(spec.accepts))
        return Value(spec, as_written(raw), value=raw)


FIELD_TYPE = TextType()
