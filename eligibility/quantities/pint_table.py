"""The unit table, compiled from pint: the one module that imports it.

pint reads ``units.txt`` into a registry with exact Fraction magnitudes and is the authority
for every unit the program knows. A check needs only a few facts from it: which atom a
spelling such as ``kJ`` names, each atom's exact factor to the base units and its dimension
(and, for a temperature, its offset). :func:`build` asks pint for all of them once and
:mod:`eligibility.quantities.units` reads the result (``units.json``, shipped with the
package), so a check never imports pint. ``python -m eligibility.quantities.pint_table``
writes the table again after ``units.txt`` changes; a table whose recorded digest of
``units.txt`` does not match is rebuilt here in memory instead of being used, and the test
suite compares the shipped table with pint unit by unit.
"""

from __future__ import annotations

import hashlib
import json
import sys
from fractions import Fraction
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import pint

DEFINITIONS = "units.txt"
TABLE = "units.json"
TABLE_FORMAT = 1


def definitions_digest() -> str:
    """The sha256 of ``units.txt``: a table records the one it was built from."""
    data = resources.files("eligibility.quantities").joinpath(DEFINITIONS).read_bytes()
    return hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=1)
def registry() -> Any:
    """The registry, created once per process from ``units.txt`` (no pint defaults)."""
    return new_registry()


def new_registry() -> Any:
    """A registry that has read ``units.txt`` and nothing else.

    pint adds every prefixed unit it has built to its table of names, so that afterwards
    "Gcentiampere" resolves once "centiampere" has been used; the table's spellings are
    taken from a registry that has built none. pint's own cache of parsed definitions
    (``cache_folder``) is not used: it stores them as pickles, and loading a pickle from a
    folder someone else could write runs their code.
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


def resolve_atom(symbol: str, ureg: Any = None) -> tuple[str, str] | None:
    """Resolve one unit atom such as ``kJ`` to ``(prefix, unit name)``, or None if unknown.

    When pint finds several readings (``GOe``: gauss-oersted or giga-oersted) the one
    without a prefix wins: a unit's own symbol always beats a prefixed reading.
    """
    ureg = ureg or registry()
    try:
        candidates = ureg.parse_unit_name(symbol, case_sensitive=True)
    except (pint.errors.PintError, ValueError, KeyError):
        return None
    readings = [(p, u) for p, u, suffix in candidates if not suffix]
    if not readings:
        return None
    readings.sort(key=lambda pu: (pu[0] != "", -len(pu[1])))
    return readings[0]


def spellings(ureg: Any) -> tuple[list[str], list[str], list[str]]:
    """Every way ``units.txt`` lets a prefix and a unit be written (names, symbols,
    aliases), and pint's suffixes (a plural "s"): each atom the reader accepts is one
    prefix spelling (or none), one unit spelling and one suffix (or none)."""
    prefixes = sorted(ureg._prefixes)
    suffixes = sorted(ureg._suffixes)
    names: set[str] = set()
    for name, definition in ureg._units.items():
        names.add(name)
        if definition.symbol:
            names.add(definition.symbol)
        names.update(definition.aliases)
    return prefixes, sorted(names), suffixes


def _fraction(value: Any) -> str:
    f = Fraction(value)
    return f"{f.numerator}/{f.denominator}"


def _dimension(container: Any) -> list[list[Any]]:
    """pint's dimensionality (or units) as sorted ``[name, integer power]`` pairs."""
    pairs = []
    for name, power in container.items():
        p = Fraction(power)
        if p.denominator != 1:
            raise ValueError(f"{name}: a fractional power {p} has no exact factor")
        pairs.append([str(name), int(p)])
    return sorted(pairs)


def atom_facts(atom: str, ureg: Any = None) -> dict[str, Any]:
    """What pint says of one atom (``kilojoule``): its exact factor to the base units, its
    dimension and, for a temperature with an offset, the offset in kelvin."""
    ureg = ureg or registry()
    unit = ureg.Unit(atom)
    facts: dict[str, Any] = {"dimension": _dimension(unit.dimensionality)}
    definition = ureg._units.get(atom)
    if definition is not None and not definition.is_multiplicative:
        zero = Fraction(ureg.Quantity(Fraction(0), unit).to_base_units().magnitude)
        one = Fraction(ureg.Quantity(Fraction(1), unit).to_base_units().magnitude)
        facts["factor"] = _fraction(one - zero)
        facts["offset"] = _fraction(zero)
    else:
        facts["factor"] = _fraction(ureg.Quantity(Fraction(1), unit).to_root_units().magnitude)
    return facts


def build() -> dict[str, Any]:
    """The whole table, from pint: every accepted atom spelling and every atom's facts."""
    ureg = new_registry()
    prefixes, names, suffixes = spellings(ureg)
    atoms: dict[str, list[str]] = {}
    for prefix in prefixes:
        for name in names:
            for suffix in suffixes:
                reading = resolve_atom(prefix + name + suffix, ureg)
                if reading is not None:
                    atoms[prefix + name + suffix] = list(reading)
    units: dict[str, dict[str, Any]] = {}
    for prefix, name in atoms.values():
        if prefix and not ureg._units[name].is_multiplicative:
            continue  # a prefixed temperature ("kilodegree_Celsius"): refused on reading
        units.setdefault(prefix + name, atom_facts(prefix + name, ureg))
    return {
        "format": TABLE_FORMAT,
        "source_sha256": definitions_digest(),
        "atoms": dict(sorted(atoms.items())),
        "units": dict(sorted(units.items())),
        "symbols": names,
    }


def write(path: Path) -> None:
    path.write_text(
        json.dumps(build(), ensure_ascii=False, indent=0, sort_keys=False) + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":  # python -m eligibility.quantities.pint_table [PATH]
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).with_name(TABLE)
    write(target)
    print(f"wrote {target}")
