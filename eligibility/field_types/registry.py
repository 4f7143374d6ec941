"""Every field type, found in this folder: a module that defines ``FIELD_TYPE``."""

from __future__ import annotations

import importlib
import pkgutil
from typing import TYPE_CHECKING

from eligibility import field_types
from eligibility.field_types.base import FieldType

if TYPE_CHECKING:
    from eligibility.ruleset.model import FieldSpec


def _discover() -> dict[str, FieldType]:
    found: dict[str, FieldType] = {}
    for info in sorted(pkgutil.iter_modules(field_types.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{field_types.__name__}.{info.name}")
        ftype = getattr(module, "FIELD_TYPE", None)
        if isinstance(ftype, FieldType):
            assert ftype.name and ftype.name not in found, f"{info.name}: name the field type once"
            found[ftype.name] = ftype
    return found


FIELD_TYPES: dict[str, FieldType] = _discover()


def field_type(spec: FieldSpec) -> FieldType:
    """The type a field is declared with (the loader admits only the types found here)."""
    return FIELD_TYPES[spec.type]
