"""Quantities as people write them: every notation of the contract, and the known traps."""

from __future__ import annotations

from fractions import Fraction

import pytest

from eligibility.quantities.quantity import (
    QuantityError,
    format_number,
    parse_quantity,
    round_toward,
)

# (as written, unit to compare in, exact value in that unit)
NOTATIONS = [
    ("150 kJ/m^3", "kJ/m^3", Fraction(150)),
    ("150 kJ/m³", "kJ/m^3", Fraction(150)),
    ("１５０ ｋＪ／ｍ３", "kJ/m^3", Fraction(150)),
    ("0.15 J/cm^3", "kJ/m^3", Fraction(150)),
    ("150 J/L", "kJ/m^3", Fraction(150)),
    ("800 kA/m", "kA/m", Fraction(800)),
    ("10,000 rpm", "rpm", Fraction(10000)),
    ("10 000 rpm", "rpm", Fraction(10000)),
    ("12000 min^-1", "rpm", Fraction(12000)),
    ("12,000 min⁻¹", "rpm", Fraction(12000)),
    ("12000 r/min", "rpm", Fraction(12000)),
    ("200 rps", "rpm", Fraction(12000)),
    ("50 Nm/L", "N*m/L", Fraction(50)),
    ("50 N·m/L", "N*m/L", Fraction(50)),
    ("50 N・m/L", "N*m/L", Fraction(50)),
    ("50 N m/L", "N*m/L", Fraction(50)),
    ("50 kN*m/m^3", "N*m/L", Fraction(50)),
    ("500 t/年", "t/yr", Fraction(500)),
    ("年500トン", "t/yr", Fraction(500)),
    ("５００ ｔ／年", "t/yr", Fraction(500)),
    ("0.5 kt/yr", "t/yr", Fraction(500)),
    ("1 000 t/yr", "t/yr", Fraction(1000)),
    ("1e3 t/yr", "t/yr", Fraction(1000)),
    ("2.5×10^2 t/yr", "t/yr", Fraction(250)),
    ("12.5 kG", "T", Fraction(125, 100)),
    ("1.37 T", "T", Fraction(137, 100)),
    ("20 degC", "degC", Fraction(20)),
    ("20 ℃", "degC", Fraction(20)),
    ("20 °C", "degC", Fraction(20)),
    ("293.15 K", "degC", Fraction(20)),
    ("68 degF", "degC", Fraction(20)),
    ("0 wt%", "wt%", Fraction(0)),
    ("0.5 mass%", "wt%", Fraction(1, 2)),
    ("12 ％", "%", Fraction(12)),
    ("5000 JPY/kg", "JPY/kg", Fraction(5000)),
    ("5000 円/kg", "JPY/kg", Fraction(5000)),
    ("500 万円/t", "JPY/kg", Fraction(5000)),
    ("60 months", "yr", Fraction(5)),
    ("6 ヶ月", "yr", Fraction(1, 2)),
    ("3 年", "yr", Fraction(3)),
    ("6.2 L", "L", Fraction(62, 10)),
    ("6200 cm^3", "L", Fraction(62, 10)),
]


@pytest.mark.parametrize(("text", "unit", "expected"), NOTATIONS, ids=[n[0] for n in NOTATIONS])
def test_notation_reads_exactly(text: str, unit: str, expected: Fraction) -> None:
    target = parse_quantity("1 " + unit).unit
    assert parse_quantity(text).to(target) == expected


def test_cgs_magnet_units_use_4_pi() -> None:
    mgoe = parse_quantity("1 MGOe").to(parse_quantity("1 kJ/m^3").unit)
    koe = parse_quantity("1 kOe").to(parse_quantity("1 kA/m").unit)
    assert float(mgoe) == pytest.approx(7.957747154594767, rel=1e-15)
    assert float(koe) == pytest.approx(79.57747154594767, rel=1e-15)


def test_a_revolution_is_one_turn_and_radians_still_convert() -> None:
    rpm = parse_quantity("1 rpm").unit
    assert float(parse_quantity("1047.1975511965977 rad/s").to(rpm)) == pytest.approx(10000)


REFUSED = [
    ("1,5 t", "'1,5 t': write decimals with a point (1.5) and group thousands in threes (10,000)"),
    ("600", "'600' has no unit"),
    ("nan kJ/m^3", "'nan kJ/m^3' is not a finite number"),
    ("inf t", "'inf t' is not a finite number"),
    ("1e400 t", "'1e400 t': the exponent 400 is out of range (at most ±30)"),
    ("20 C", "'20 C': unknown unit 'C' (did you mean '°C'?)"),
    ("46 MGO", "'46 MGO': unknown unit 'MGO' (did you mean 'MGOe'?)"),
    ("12 at%", "'12 at%': 'at%' is an atomic fraction; give the content by mass (wt%)"),
    ("5 m**9", "'5 m**9': the power 9 of 'm' is out of range"),
    ("20 degC/s", "'20 degC/s': a temperature in 'degC' stands alone, without other units"),
    ("__import__('os')", "'__import__('os')' does not start with a number"),
]


@pytest.mark.parametrize(("text", "message"), REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(QuantityError) as info:
        parse_quantity(text)
    assert info.value.text.en == message
    assert info.value.text.ja  # every reason exists in Japanese too


def test_kt_is_a_kilotonne_and_nm_is_newton_metre() -> None:
    assert "tonne" in parse_quantity("1 kt").atoms
    assert "newton_meter" in parse_quantity("1 Nm").atoms
    assert "meter" in parse_quantity("1 nm").atoms


@pytest.mark.parametrize(
    ("value", "digits", "avoid", "shown"),
    [
        (Fraction(366056, 1000), 6, None, "366.056"),
        (Fraction(10000), 6, None, "10,000"),
        (Fraction(149999999999999997, 10**15), 6, Fraction(150), "149.999999999999997"),
        (Fraction(-5, 2), 6, None, "-2.5"),
        (Fraction(0), 6, None, "0"),
    ],
)
def test_format_number_never_shows_a_near_value_as_the_threshold(
    value: Fraction, digits: int, avoid: Fraction | None, shown: str
) -> None:
    assert format_number(value, digits, avoid=avoid) == shown


def test_round_toward_rounds_to_the_passing_side() -> None:
    assert round_toward(Fraction(188495559, 10**7), 4, up=True) == Fraction(1885, 100)
    assert round_toward(Fraction(188495559, 10**7), 4, up=False) == Fraction(1884, 100)
