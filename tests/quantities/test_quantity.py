"""Quantities as people write them: every notation of the contract, and the known traps."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    # a power of ten only when written as one (issue: "2 × 10⁴" must not become 2 × 104)
    ("2 × 10⁴ t/yr", "t/yr", Fraction(20000)),
    ("2×10⁴ t/yr", "t/yr", Fraction(20000)),
    ("3x10⁴ t/yr", "t/yr", Fraction(30000)),
    ("2 × 10⁻³ kt/yr", "t/yr", Fraction(2)),
    ("1.5 x 10^4 t/yr", "t/yr", Fraction(15000)),
    ("2*10**4 t/yr", "t/yr", Fraction(20000)),
    ("10^4 t/yr", "t/yr", Fraction(10000)),
    ("10⁴ t/yr", "t/yr", Fraction(10000)),
    ("１０⁴ t/yr", "t/yr", Fraction(10000)),
    # notations of production plans and datasheets
    ("年間500トン", "t/yr", Fraction(500)),
    ("年産500トン", "t/yr", Fraction(500)),
    ("年 500 t", "t/yr", Fraction(500)),
    ("月産50トン", "t/yr", Fraction(600)),
    ("月8トン", "t/yr", Fraction(96)),
    ("500 tonnes per year", "t/yr", Fraction(500)),
    ("500 t per annum", "t/yr", Fraction(500)),
    ("50 t per month", "t/yr", Fraction(600)),
    ("10000 RPM", "rpm", Fraction(10000)),
    ("10000 r·min⁻¹", "rpm", Fraction(10000)),
    ("10000 r/min", "rpm", Fraction(10000)),
    ("17 KOe", "kOe", Fraction(17)),
    ("52 N-m/L", "N*m/L", Fraction(52)),
    ("5年間", "yr", Fraction(5)),
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
    # a datasheet unit typed with a zero for the O or in the wrong case: suggested, never read
    ("46 MG0e", "'46 MG0e': unknown unit 'MG0e' (did you mean 'MGOe'?)"),
    ("46 mgoe", "'46 mgoe': unknown unit 'mgoe' (did you mean 'MGOe'?)"),
    ("16 k0e", "'16 k0e': unknown unit 'k0e' (did you mean 'kOe'?)"),
    ("1592 KA/m", "'1592 KA/m': unknown unit 'KA/m' (did you mean 'kA/m'?)"),
    ("380 KJ/m3", "'380 KJ/m3': unknown unit 'KJ/m3' (did you mean 'kJ/m³'?)"),
    ("12 at%", "'12 at%': 'at%' is an atomic fraction; give the content by mass (wt%)"),
    ("5 m**9", "'5 m**9': the power 9 of 'm' is out of range"),
    ("20 degC/s", "'20 degC/s': a temperature in 'degC' stands alone, without other units"),
    ("__import__('os')", "'__import__('os')' does not start with a number"),
    (
        "2 × 104 t/yr",
        "'2 × 104 t/yr': write a power of ten as 10^4, 10⁴ or e4 (2×10^4 or 2e4); "
        "any other product is not read",
    ),
    (
        "2 x 1030 t/yr",
        "'2 x 1030 t/yr': write a power of ten as 10^4, 10⁴ or e4 (2×10^4 or 2e4); "
        "any other product is not read",
    ),
    (
        "2 * 10 t/yr",
        "'2 * 10 t/yr': write a power of ten as 10^4, 10⁴ or e4 (2×10^4 or 2e4); "
        "any other product is not read",
    ),
    ("10^99999999 t", "'10^99999999 t': the exponent 99999999 is out of range (at most ±30)"),
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


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


@given(
    mantissa=st.decimals(min_value=1, max_value=999, places=3, allow_nan=False),
    exponent=st.integers(min_value=-6, max_value=6),
    times=st.sampled_from(["×", "x", "*", " × ", " x "]),
    written=st.sampled_from(["caret", "superscript", "stars"]),
)
def test_a_power_of_ten_reads_exactly_however_it_is_written(
    mantissa: Decimal, exponent: int, times: str, written: str
) -> None:
    power = {
        "caret": f"10^{exponent}",
        "superscript": "10" + str(exponent).translate(_SUPERSCRIPT),
        "stars": f"10**{exponent}",
    }[written]
    text = f"{mantissa}{times}{power} t/yr"
    expected = Fraction(mantissa) * Fraction(10) ** exponent
    assert parse_quantity(text).to(parse_quantity("1 t/yr").unit) == expected


@given(
    mantissa=st.integers(min_value=1, max_value=999),
    factor=st.integers(min_value=0, max_value=10**6),
    times=st.sampled_from(["×", "x", "*", " × ", " x ", " * "]),
)
def test_any_other_product_is_refused_never_multiplied(
    mantissa: int, factor: int, times: str
) -> None:
    with pytest.raises(QuantityError) as info:
        parse_quantity(f"{mantissa}{times}{factor} t/yr")
    assert "power of ten" in info.value.text.en


def _pretty_by_name(expr: str) -> str:
    """pretty_unit's display names put in one name at a time, as it once did."""
    import re

    from eligibility.quantities.quantity import _PRETTY

    s = re.sub(r"\*\*|\^", "^", expr)
    s = re.sub(
        r"\^(-?\d+)", lambda m: m.group(1).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")), s
    )
    s = s.replace("*", "·").replace(" ", "")
    for k, v in _PRETTY.items():
        s = re.sub(rf"(?<![A-Za-z_]){k}(?![A-Za-z_])", v, s)
    return s


@given(
    st.lists(
        st.sampled_from(
            [
                "degC",
                "degF",
                "pct",
                "wt_pct",
                "yen",
                "man_yen",
                "sen_yen",
                "oku_yen",
                "wt",
                "_",
                "x",
                "kg",
                "/",
                "*",
                "^2",
                "**-1",
                " ",
                "(",
                ")",
                "1",
            ]
        ),
        max_size=8,
    ).map("".join)
)
def test_display_names_replace_whole_names_only(expr: str) -> None:
    """One pass over the names gives what replacing them one by one gave: ``pct`` inside
    ``wt_pct`` or ``xpct`` stays, ``man_yen`` is 万円, not 万 and 円."""
    from eligibility.quantities.quantity import pretty_unit

    assert pretty_unit(expr) == _pretty_by_name(expr)
