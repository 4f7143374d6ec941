"""A magnet material's name: one of the rule set's ``[materials]`` (under any of its names),
or any other material's name, kept as written."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eligibility.field_types.base import FieldType, Raw, Value, is_text, label_text, need_text
from eligibility.text import as_written

if TYPE_CHECKING:
    from eligibility.ruleset.model import FieldSpec, Ruleset

FALLBACK_SAMPLE = "NdFeB"


class MaterialType(FieldType):
    name = "material"
    takes_material_names = True

    def form_choices(self, spec: FieldSpec, ruleset: Ruleset) -> tuple[list[str], bool]:
        # the accepted families to pick from, but any name may be written
        return list(dict.fromkeys(ruleset.materials.values())), False

    def form_hint(self, spec: FieldSpec) -> str:
        return " — 一覧から選ぶか材料名を記入 / choose, or write the material's name"

    def read(self, spec: FieldSpec, raw: Any, ruleset: Ruleset | None = None) -> Value:
        if not is_text(raw):
            return Value(spec, as_written(raw), problem=need_text(spec.accepts))
        if ruleset is None:  # no rule set to name the material: kept as written
            return Value(spec, as_written(raw), value=raw)
        name = ruleset.material(raw) or as_written(raw)
        return Value(spec, as_written(raw), value=name)

    def accepts(self, spec: FieldSpec) -> str:
        """Each family's names, as the rule set lists them."""
        return "; ".join(f"{f.name}: {', '.join(f.names)}" for f in spec.families) or "text"

    def template_comment(self, spec: FieldSpec) -> str:
        return f"# 名称 / names: {spec.accepts}"

    def json_schema(self, spec: FieldSpec, ruleset: Ruleset) -> dict[str, Any]:
        names = list(dict.fromkeys(ruleset.materials.values()))
        return {
            "type": "string",
            "description": f"{label_text(spec)}. {spec.accepts}; or any other material's name.",
            "examples": names,
        }

    def sample(self, spec: FieldSpec, ruleset: Ruleset) -> Raw:
        return next(iter(dict.fromkeys(ruleset.materials.values())), FALLBACK_SAMPLE)


FIELD_TYPE = MaterialType()
