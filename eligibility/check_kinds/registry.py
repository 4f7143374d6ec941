"""Every check kind, found in this folder (a module that defines ``KIND``), and the rule-file
schema: the discriminated union of the kinds' models on ``test``."""

from __future__ import annotations

import functools
import importlib
import operator
import pkgutil
from typing import TYPE_CHECKING, Annotated, Any

from eligibility import check_kinds
from eligibility.check_kinds.base import Criterion

if TYPE_CHECKING:
    from pydantic import TypeAdapter


def _discover() -> dict[str, type[Criterion]]:
    found: dict[str, type[Criterion]] = {}
    for info in sorted(pkgutil.iter_modules(check_kinds.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{check_kinds.__name__}.{info.name}")
        kind = getattr(module, "KIND", None)
        if isinstance(kind, type) and issubclass(kind, Criterion):
            assert kind.name not in found, f"{info.name}: name the check kind once"
            found[kind.name] = kind
    return found


KINDS: dict[str, type[Criterion]] = _discover()


@functools.cache
def rule_file() -> TypeAdapter[Any]:
    """A rule's keys, validated by the model of the kind its ``test`` names (pydantic is
    imported here, on first use: reading a compiled rule set back needs only ``kind``)."""
    from pydantic import Field, TypeAdapter

    union = functools.reduce(operator.or_, (k.rule_file() for k in KINDS.values()))
    discriminated: Any = Annotated[union, Field(discriminator="test")]  # built at run time
    return TypeAdapter(discriminated)


def kind(name: str) -> type[Criterion]:
    """The criterion class of the kind a compiled rule names (``Rule.test``), for rebuilding
    a stored rule; the loader admits only the kinds found here."""
    return KINDS[name]
