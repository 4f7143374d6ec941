"""The unit table a check reads (``units.json``) says exactly what pint says of ``units.txt``:
every spelling, every factor, every dimension, every offset."""

from __future__ import annotations

import itertools
import json
from fractions import Fraction
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eligibility.quantities import pint_table, units

TABLE = units.table()
ATOMS = sorted(TABLE.names())


def test_the_shipped_table_is_the_one_pint_compiles_from_units_txt() -> None:
    shipped = json.loads(
        resources.files("eligibility.quantities").joinpath(units.TABLE).read_text("utf-8")
    )
    assert shipped == pint_table.build(), (
        "units.json is out of date: run python -m eligibility.quantities.pint_table"
    )


def test_every_spelling_resolves_as_a_fresh_pint_registry_resolves_it() -> None:
    ureg = pint_table.new_registry()
    prefixes, names, suffixes = pint_table.spellings(ureg)
    for prefix, name, suffix in itertools.product(prefixes, names, suffixes):
        spelling = prefix + name + suffix
        assert units.resolve_atom(spelling) == pint_table.resolve_atom(spelling, ureg), spelling


def test_a_double_prefix_is_never_a_unit() -> None:
    """pint itself would read "Gcentiampere" once "centiampere" had been used."""
    pint_table.registry().Unit("centiampere")
    assert units.resolve_atom("Gcentiampere") is None


@pytest.mark.parametrize("text", ["", "xyz", "kk", "mmm", "s s", "kJ/m", "Kilogram", "元s"])
def test_what_pint_does_not_know_the_table_does_not_know(text: str) -> None:
    assert units.resolve_atom(text) == pint_table.resolve_atom(text, pint_table.new_registry())


def test_every_atom_has_pints_factor_and_dimension() -> None:
    ureg = pint_table.registry()
    for name in ATOMS:
        unit = units.atom(name)
        pint_unit = ureg.Unit(name)
        assert unit.dimensionality == tuple(
            sorted((str(d), int(p)) for d, p in pint_unit.dimensionality.items())
        ), name
        if unit.offset is None:
            root = ureg.Quantity(Fraction(1), pint_unit).to_root_units().magnitude
            assert unit.factor == Fraction(root), name


def test_conversions_between_atoms_of_one_dimension_are_pints() -> None:
    ureg = pint_table.registry()
    by_dimension: dict[tuple[tuple[str, int], ...], list[str]] = {}
    for name in ATOMS:
        by_dimension.setdefault(units.atom(name).dimensionality, []).append(name)
    for group in by_dimension.values():
        for a, b in itertools.product(group, repeat=2):
            source, target = units.atom(a), units.atom(b)
            try:
                ureg.Quantity(Fraction(1), ureg.Unit(a)).to(ureg.Unit(b))
            except pint_table.pint.DimensionalityError:
                with pytest.raises(units.DimensionalityError):
                    units.affine(source, target)
                continue
            for x in (Fraction(0), Fraction(1), Fraction(-40), Fraction(3, 7)):
                expected = Fraction(ureg.Quantity(x, ureg.Unit(a)).to(ureg.Unit(b)).magnitude)
                scale, offset = units.affine(source, target)
                assert x * scale + offset == expected, (a, b, x)
            if not (units.is_offset(source) or units.is_offset(target)):
                assert units.factor(source, target) == Fraction(
                    ureg.Quantity(Fraction(1), ureg.Unit(a)).to(ureg.Unit(b)).magnitude
                )


def test_units_of_other_dimensions_do_not_convert() -> None:
    with pytest.raises(units.DimensionalityError):
        units.factor(units.atom("meter"), units.atom("second"))
    with pytest.raises(units.DimensionalityError):
        units.affine(units.atom("degree_Celsius"), units.atom("meter"))


_MULTIPLICATIVE = [n for n in ATOMS if units.atom(n).offset is None]
_products = st.lists(
    st.tuples(st.sampled_from(_MULTIPLICATIVE), st.integers(-3, 3).filter(bool)),
    min_size=1,
    max_size=4,
)


@given(_products, _products)
def test_products_of_atoms_convert_as_pint_converts_them(
    a: list[tuple[str, int]], b: list[tuple[str, int]]
) -> None:
    ureg = pint_table.registry()

    def pint_unit(parts: list[tuple[str, int]]) -> object:
        unit = ureg.Unit("")
        for name, power in parts:
            unit = unit * ureg.Unit(name) ** power
        return unit

    source, target = units.Unit(a), units.Unit(b)
    pa, pb = pint_unit(a), pint_unit(b)
    same = pa.dimensionality == pb.dimensionality  # type: ignore[attr-defined]
    assert (source.dimensionality == target.dimensionality) == same
    if same:
        expected = ureg.Quantity(Fraction(1), pa).to(pb).magnitude
        assert units.factor(source, target) == Fraction(expected)
        assert (source * target / target) == source
        assert (source**2).factor == source.factor**2


def test_a_unit_is_one_value_whatever_order_it_was_built_in() -> None:
    kj, m = units.atom("kilojoule"), units.atom("meter")
    assert kj / m**3 == units.Unit([("meter", -3), ("kilojoule", 1)])
    assert hash(kj / m**3) == hash(units.Unit([("meter", -3), ("kilojoule", 1)]))
    assert (m / m).dimensionless and (m / m) == units.DIMENSIONLESS


def test_a_table_compiled_from_other_definitions_is_not_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An edited units.txt with a stale units.json: the table is compiled again from pint."""
    built: list[bool] = []
    real = pint_table.build

    def build() -> dict[str, object]:
        built.append(True)
        return real()

    units.table.cache_clear()
    monkeypatch.setattr(pint_table, "build", build)
    monkeypatch.setattr(units, "TABLE", "no-such-table.json")
    try:
        assert [units.table().atom(n) for n in ATOMS] == [TABLE.atom(n) for n in ATOMS]
        assert built == [True]
    finally:
        units.table.cache_clear()
        monkeypatch.undo()
        units.table()


def test_lint_refuses_a_rule_set_whose_units_the_table_states_unlike_pint(
    monkeypatch: pytest.MonkeyPatch, rules_folder: Path
) -> None:
    from eligibility.describe.lint import lint

    real = pint_table.atom_facts

    def facts(atom: str, ureg: object = None) -> dict[str, object]:
        said = real(atom, ureg)
        # the table no longer says what pint says (units.txt edited, table not compiled)
        return {**said, "factor": "999/1"} if atom == "kilojoule" else said

    monkeypatch.setattr(pint_table, "atom_facts", facts)
    assert units.pint_disagreements(["kilojoule", "meter", "no_such_unit"]) == [
        "kilojoule",
        "no_such_unit",
    ]
    result = lint(rules_folder)
    assert not result.ok
    assert any("differs from pint for kilojoule" in line for line in result.lines)


def test_lint_finds_nothing_to_refuse_in_the_shipped_table(rules_folder: Path) -> None:
    from eligibility.describe.lint import lint

    assert lint(rules_folder).ok
