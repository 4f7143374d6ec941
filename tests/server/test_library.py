"""The adapter's own reasoning: how close a finding is to its threshold."""

from __future__ import annotations

import pytest

from eligibility.server.library import relative_margin


@pytest.mark.parametrize(
    ("margin", "threshold", "relative"),
    [
        ("+50 t/yr", "≥ 200 t/yr", 0.25),
        ("−50 kJ/m³", "≥ 150 kJ/m³", -1 / 3),
        ("-2.1875 %", "≥ 10 %", -0.21875),
        ("+1,250 t/yr", "≥ 5,000 t/yr", 0.25),
        ("-415.7 kJ/m³", "≤ 515.7 kJ/m³", 415.7 / 515.7),  # below a maximum: room to spare
        ("+10 %", "< 40 %", -0.25),  # above a maximum: short
        ("0 t/yr", "≥ 500 t/yr", 0.0),
    ],
)
def test_relative_margin_is_on_the_passing_side(
    margin: str, threshold: str, relative: float
) -> None:
    assert relative_margin(margin, threshold) == pytest.approx(relative)


@pytest.mark.parametrize(
    ("margin", "threshold"),
    [
        ("-639 days", "≤ 2030-12-31"),  # a date, not the number 2030
        ("+1 T", "1.0 T – 2.0 T"),  # a range
        (None, "≥ 1 T"),
        ("+1 T", None),
        ("+5 t/yr", "≥ 0 t/yr"),  # no scale to measure against
        ("n/a", "≥ 1 T"),
    ],
)
def test_relative_margin_is_none_without_one_number_to_compare(
    margin: str | None, threshold: str | None
) -> None:
    assert relative_margin(margin, threshold) is None
