"""Figures as datasheets state them: bounds, ranges and typical values, read as the interval
they claim so a check can take the end least favourable to the applicant."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eligibility.quantities.quantity import QuantityError, parse_quantity
from eligibility.quantities.stated import parse_stated

KA_M = parse_quantity("1 kA/m").unit
KJ_M3 = parse_quantity("1 kJ/m^3").unit


def _ends(text: str, unit: object) -> tuple[Fraction | None, Fraction | None]:
    s = parse_stated(text)
    return (
        s.low.to(unit) if s.low is not None else None,
        s.high.to(unit) if s.high is not None else None,
    )


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("≥ 1592 kA/m", Fraction(1592), None),
        (">= 1592 kA/m", Fraction(1592), None),
        ("≧1592 kA/m", Fraction(1592), None),
        ("min. 1592 kA/m", Fraction(1592), None),
        ("1592 kA/m以上", Fraction(1592), None),
        ("1592 kA/m 以上", Fraction(1592), None),
        ("≤ 1592 kA/m", None, Fraction(1592)),
        ("1592 kA/m以下", None, Fraction(1592)),
        ("max. 1592 kA/m", None, Fraction(1592)),
        ("1500～1600 kA/m", Fraction(1500), Fraction(1600)),
        ("1500〜1600 kA/m", Fraction(1500), Fraction(1600)),
        ("1500 - 1600 kA/m", Fraction(1500), Fraction(1600)),
        ("1500 to 1600 kA/m", Fraction(1500), Fraction(1600)),
        ("1500–1600 kA/m", Fraction(1500), Fraction(1600)),  # en dash, as grade tables print
        ("1500-1600 kA/m", Fraction(1500), Fraction(1600)),  # a hyphen between two digits
        ("1500 – 1600 kA/m", Fraction(1500), Fraction(1600)),
        ("1500 kA/m ～ 1600 kA/m", Fraction(1500), Fraction(1600)),
        ("1,500～1,600 kA/m", Fraction(1500), Fraction(1600)),
        ("１５００～１６００ ｋＡ／ｍ", Fraction(1500), Fraction(1600)),
        ("1592 kA/m", Fraction(1592), Fraction(1592)),
    ],
)
def test_bounds_and_ranges_read_as_their_interval(
    text: str, low: Fraction | None, high: Fraction | None
) -> None:
    assert _ends(text, KA_M) == (low, high)


def test_a_kilo_oersted_bound_converts_exactly() -> None:
    low, high = _ends("17 kOe以上", KA_M)
    assert low == 17 * parse_quantity("1 kOe").to(KA_M) and high is None


@pytest.mark.parametrize(
    "text", ["46 MGOe (typ.)", "46 MGOe typ.", "46 MGOe（標準値）", "46 MGOe (typical)"]
)
def test_a_typical_figure_is_flagged(text: str) -> None:
    s = parse_stated(text)
    assert s.typical and not s.exact
    assert s.note() is not None and "typical" in s.note().en  # type: ignore[union-attr]


def test_a_plain_value_is_exact_with_no_note() -> None:
    s = parse_stated("374 kJ/m^3")
    assert s.exact and s.note() is None


@pytest.mark.parametrize("text", ["12000 min", "60 min", "12000 min-1", "5 min^-1"])
def test_minutes_are_never_a_bound(text: str) -> None:
    assert parse_stated(text).exact


@pytest.mark.parametrize("text", ["5e-3 kg", "1.5E-3 kg", "2×10^-4 kg", "-5 kg"])
def test_a_minus_sign_after_an_exponent_or_in_front_is_never_a_range(text: str) -> None:
    assert parse_stated(text).exact


def test_a_range_written_high_to_low_is_refused() -> None:
    with pytest.raises(QuantityError) as info:
        parse_stated("48～45 MGOe")
    assert "low to high" in info.value.text.en


def test_what_is_not_a_quantity_is_still_refused() -> None:
    with pytest.raises(QuantityError):
        parse_stated("≥ lots")


@given(
    a=st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False),
    width=st.decimals(min_value=0, max_value=10**4, places=4, allow_nan=False),
    mark=st.sampled_from(["～", "〜", " - ", " to ", "~", "–", "-"]),
)
def test_a_range_keeps_both_ends_exactly(a: Decimal, width: Decimal, mark: str) -> None:
    b = a + width
    assert _ends(f"{a}{mark}{b} kJ/m^3", KJ_M3) == (Fraction(a), Fraction(b))


@given(st.from_regex(r"[+-]?\d[\d,]{0,8}(?:\.\d{1,6})?", fullmatch=True))
def test_a_bare_first_end_takes_the_second_ends_unit(number: str) -> None:
    """A range's first end that is a number alone is read with the second end's unit at
    once: that is what it came to before, since a number alone is never a quantity."""
    with pytest.raises(QuantityError):
        parse_quantity(number)
    try:
        alone = parse_quantity(f"{number} MGOe")
    except QuantityError:
        with pytest.raises(QuantityError):
            parse_stated(f"{number}～99999999999 MGOe")
        return
    stated = parse_stated(f"{number}～99999999999 MGOe")
    assert stated.low == alone and stated.high == parse_quantity("99999999999 MGOe")
