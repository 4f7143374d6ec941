"""The program's one unit registry, built from ``units.txt`` with exact magnitudes.

Every quantity in eligibility carries a :class:`fractions.Fraction` magnitude, so conversions
are exact rational arithmetic; only factors that contain pi (CGS magnet units, the magnetic
constant) are approximations, to the 110 digits written in ``units.txt``.

User text never reaches pint's own expression parser: :mod:`eligibility.quantity` splits a
quantity into a number and unit atoms on an allow-list grammar, and only resolves single atom
names here.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from importlib import resources
from typing import Any

import pint

DEFINITIONS = "units.txt"


@lru_cache(maxsize=1)
def registry() -> Any:
    """The registry, created once per process from ``units.txt`` (no pint defaults).

    pint's own cache of parsed definitions (``cache_folder``) is not used: it stores them as
    pickles, and loading a pickle from a folder someone else could write runs their code.
    Parsing ``units.txt`` afresh costs a few milliseconds per process.
    """
    definitions = resources.files("eligibility.quantities").joinpath(DEFINITIONS)
    ureg: Any = pint.UnitRegistry(
        None,
        non_int_type=Fraction,
        autoconvert_offset_to_baseunit=False,
        cache_folder=None,
    )
    ureg.load_definitions(definitions.read_text(encoding="utf-8").splitlines())
    return ureg


def resolve_atom(symbol: str) -> tuple[str, str] | None:
    """Resolve one unit atom such as ``kJ`` to ``(prefix, unit name)``, or None if unknown.

    When pint finds several readings (``GOe``: gauss-oersted or giga-oersted) the one
    without a prefix wins: a unit's own symbol always beats a prefixed reading.
    """
    ureg = registry()
    try:
        candidates = ureg.parse_unit_name(symbol, case_sensitive=True)
    except (pint.errors.PintError, ValueError, KeyError):
        return None
    readings = [(p, u) for p, u, suffix in candidates if not suffix]
    if not readings:
        return None
    readings.sort(key=lambda pu: (pu[0] != "", -len(pu[1])))
    return readings[0]


@lru_cache(maxsize=1024)
def is_offset(unit: Any) -> bool:
    """True for units with an offset (degC, degF): they cannot be multiplied or divided."""
    if len(unit._units) != 1:
        return False
    return not registry()._units[str(next(iter(unit._units)))].is_multiplicative


@lru_cache(maxsize=4096)
def factor(source: Any, target: Any) -> Fraction:
    """The exact factor from ``source`` to ``target`` units (multiplicative units only)."""
    return Fraction(registry().Quantity(Fraction(1), source).to(target).magnitude)


def known_symbols() -> list[str]:
    """Every unit name and symbol in the registry, for "did you mean" suggestions."""
    ureg = registry()
    names: set[str] = set()
    for name, definition in ureg._units.items():
        names.add(name)
        if definition.symbol:
            names.add(definition.symbol)
        names.update(definition.aliases)
    return sorted(names)


@lru_cache(maxsize=256)
def is_temperature(unit: Any) -> bool:
    """True for a unit of temperature (K, °C, °F), not of a rate or product of one."""
    return bool(unit.dimensionality == registry().Unit("kelvin").dimensionality)
