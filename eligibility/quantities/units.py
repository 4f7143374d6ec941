"""The program's units, with exact magnitudes, read from the table pint compiled.

Every quantity in eligibility carries a :class:`fractions.Fraction` magnitude, so conversions
are exact rational arithmetic; only factors that contain pi (CGS magnet units, the magnetic
constant) are approximations, to the 110 digits written in ``units.txt``.

pint reads ``units.txt`` and is the authority for every factor and dimension, but only when
the table is compiled (:mod:`eligibility.quantities.pint_table`, which writes
``units.json``): a check reads that table, so it never imports pint. A :class:`Unit` is a
product of atoms (``kilojoule·meter⁻³``) whose exact factor to the base units and dimension
are the products of its atoms'; converting is dividing two factors.

User text never reaches an expression parser: :mod:`eligibility.quantities.quantity` splits a
quantity into a number and unit atoms on an allow-list grammar, and only looks single atom
spellings up here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

from eligibility import own_json

DEFINITIONS = "units.txt"
TABLE = "units.json"
TABLE_FORMAT = 1

#: A dimension: sorted ``(base dimension, power)`` pairs, empty for a pure number.
Dimension = tuple[tuple[str, int], ...]


class DimensionalityError(TypeError):
    """Units of different dimensions were converted into each other or added."""

    def __init__(self, source: Unit, target: Unit) -> None:
        super().__init__(f"cannot convert from '{source}' to '{target}'")


@dataclass(frozen=True, slots=True)
class Atom:
    """One unit as the table holds it: ``base = magnitude·factor + offset``."""

    factor: Fraction
    dimension: Dimension
    offset: Fraction | None = None  # only temperatures (°C, °F) have one


class Table:
    """The compiled table, read lazily: a check looks up a handful of its 3,600 spellings
    and 370 atoms, so each atom's facts are turned into Fractions on first use."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._atoms: dict[str, list[str]] = data["atoms"]
        self._units: dict[str, dict[str, Any]] = data["units"]
        self._facts: dict[str, Atom] = {}
        self.symbols: tuple[str, ...] = tuple(data["symbols"])  # for "did you mean"

    def resolve(self, spelling: str) -> tuple[str, str] | None:
        """``(prefix, unit name)`` of an atom as written, as pint resolves it."""
        found = self._atoms.get(spelling)
        return (found[0], found[1]) if found is not None else None

    def names(self) -> list[str]:
        """Every atom's full name (prefix and unit: ``kilojoule``)."""
        return list(self._units)

    def __contains__(self, name: object) -> bool:
        return name in self._units

    def atom(self, name: str) -> Atom:
        """The facts of one atom by its full name; KeyError if the table has none."""
        known = self._facts.get(name)
        if known is None:
            facts = self._units[name]
            offset = facts.get("offset")
            known = Atom(
                parse_fraction(facts["factor"]),
                tuple((d, int(p)) for d, p in facts["dimension"]),
                parse_fraction(offset) if offset is not None else None,
            )
            self._facts[name] = known
        return known


@lru_cache(maxsize=1)
def table() -> Table:
    """The shipped table, when it was compiled from this ``units.txt``; otherwise (the
    definitions were edited since) one compiled from pint now."""
    here = Path(__file__).parent  # not importlib.resources: it imports zipfile and tempfile
    digest = hashlib.sha256(here.joinpath(DEFINITIONS).read_bytes()).hexdigest()
    try:
        data: Any = own_json.loads(here.joinpath(TABLE).read_bytes())
    except (OSError, ValueError):
        data = None
    if (
        not isinstance(data, dict)
        or data.get("format") != TABLE_FORMAT
        or data.get("source_sha256") != digest
    ):
        from eligibility.quantities import pint_table

        data = pint_table.build()
    return Table(data)


def parse_fraction(text: str) -> Fraction:
    """A Fraction from the table's ``num/den`` text."""
    numerator, denominator = text.split("/")
    return Fraction(int(numerator), int(denominator))


class Unit:
    """A product of atoms with integer powers, e.g. ``kilojoule·meter⁻³``; immutable and
    interned (one object per distinct unit), with its exact factor to the base units and
    its dimension worked out once."""

    __slots__ = ("_hash", "dimensionality", "factor", "offset", "parts")

    parts: tuple[tuple[str, int], ...]  # sorted (atom, power), no zero powers
    factor: Fraction  # base = magnitude·factor (+ offset, for a temperature)
    dimensionality: Dimension
    offset: Fraction | None  # of a temperature unit standing alone (°C, °F), else None
    _hash: int

    def __new__(cls, parts: Iterable[tuple[str, int]] = ()) -> Unit:
        return _intern(_normal(parts))

    @property
    def dimensionless(self) -> bool:
        return not self.dimensionality

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, Unit) and self.parts == other.parts)

    def __hash__(self) -> int:
        return self._hash

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("a Unit cannot be changed")

    def __mul__(self, other: Unit) -> Unit:
        return _product(self, other, 1)

    def __truediv__(self, other: Unit) -> Unit:
        return _product(self, other, -1)

    def __pow__(self, power: int) -> Unit:
        return Unit((name, p * power) for name, p in self.parts)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Unit, (self.parts,))

    def __repr__(self) -> str:
        return f"<Unit({self})>"

    def __str__(self) -> str:
        if not self.parts:
            return "dimensionless"
        up = [n if p == 1 else f"{n} ** {p}" for n, p in self.parts if p > 0]
        down = [n if p == -1 else f"{n} ** {-p}" for n, p in self.parts if p < 0]
        text = " * ".join(up) or "1"
        return text + "".join(f" / {d}" for d in down)


def _normal(parts: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    powers: dict[str, int] = {}
    for name, power in parts:
        if isinstance(power, bool) or int(power) != power:
            raise ValueError(f"{name}: the power {power} is not a whole number")
        powers[name] = powers.get(name, 0) + int(power)
    return tuple(sorted((n, p) for n, p in powers.items() if p))


@lru_cache(maxsize=4096)
def _intern(parts: tuple[tuple[str, int], ...]) -> Unit:
    factor = Fraction(1)
    dimension: dict[str, int] = {}
    for name, power in parts:
        atom = table().atom(name)  # KeyError for a name the table does not hold
        factor *= atom.factor**power
        for d, p in atom.dimension:
            dimension[d] = dimension.get(d, 0) + p * power
    unit = object.__new__(Unit)
    object.__setattr__(unit, "parts", parts)
    object.__setattr__(unit, "_hash", hash(parts))
    object.__setattr__(unit, "factor", factor)
    object.__setattr__(unit, "dimensionality", tuple(sorted(i for i in dimension.items() if i[1])))
    alone = len(parts) == 1 and parts[0][1] == 1  # °C is offset, °C·m⁻¹ a plain quantity
    object.__setattr__(unit, "offset", table().atom(parts[0][0]).offset if alone else None)
    return unit


@lru_cache(maxsize=4096)
def _product(a: Unit, b: Unit, sign: int) -> Unit:
    return Unit((*a.parts, *((n, p * sign) for n, p in b.parts)))


DIMENSIONLESS = Unit()


def atom(name: str) -> Unit:
    """The unit of one atom by its full name (prefix and unit: ``kilojoule``, ``pi``)."""
    return Unit(((name, 1),))


def resolve_atom(symbol: str) -> tuple[str, str] | None:
    """Resolve one unit atom such as ``kJ`` to ``(prefix, unit name)``, or None if unknown.

    The readings are pint's: when it finds several (``GOe``: gauss-oersted or
    giga-oersted) the one without a prefix won when the table was compiled.
    """
    return table().resolve(symbol)


def is_offset(unit: Unit) -> bool:
    """True for units with an offset (degC, degF): they cannot be multiplied or divided."""
    return unit.offset is not None


@lru_cache(maxsize=4096)
def factor(source: Unit, target: Unit) -> Fraction:
    """The exact factor from ``source`` to ``target`` units (multiplicative units only);
    raises :class:`DimensionalityError` for units of different dimensions."""
    if source.dimensionality != target.dimensionality:
        raise DimensionalityError(source, target)
    return source.factor / target.factor


@lru_cache(maxsize=1024)
def affine(source: Unit, target: Unit) -> tuple[Fraction, Fraction]:
    """Conversion from ``source`` to ``target`` as exact ``scale·x + offset``: a plain
    factor for multiplicative units, an affine map for temperatures (°C, °F, K)."""
    if source.dimensionality != target.dimensionality:
        raise DimensionalityError(source, target)
    # as pint: a temperature (°C) and a temperature difference (delta_degC) never convert
    if (source.offset is not None and _has_delta(target)) or (
        target.offset is not None and _has_delta(source)
    ):
        raise DimensionalityError(source, target)
    from_offset = source.offset or Fraction(0)
    to_offset = target.offset or Fraction(0)
    return source.factor / target.factor, (from_offset - to_offset) / target.factor


def _has_delta(unit: Unit) -> bool:
    return any(name.startswith("delta_") for name, _ in unit.parts)


def pint_disagreements(atoms: Iterable[str]) -> list[str]:
    """The atoms (full names) whose factor, dimension or offset in the table is not what pint
    says of them now: the table must be compiled again. Imports pint (for lint, not checks)."""
    from eligibility.quantities import pint_table

    known = table()
    out = []
    for name in sorted(set(atoms)):
        try:
            facts = pint_table.atom_facts(name)
        except Exception:  # pint does not know it at all (pint's errors, a KeyError)
            out.append(name)
            continue
        offset = facts.get("offset")
        expected = Atom(
            parse_fraction(facts["factor"]),
            tuple((d, int(p)) for d, p in facts["dimension"]),
            parse_fraction(offset) if offset is not None else None,
        )
        if name not in known or known.atom(name) != expected:
            out.append(name)
    return out


def known_symbols() -> list[str]:
    """Every unit name and symbol in the registry, for "did you mean" suggestions."""
    return list(table().symbols)


def is_temperature(unit: Unit) -> bool:
    """True for a unit of temperature (K, °C, °F), not of a rate or product of one."""
    return unit.dimensionality == (("[temperature]", 1),)
