"""A datasheet unit typed in the wrong case or with a zero for the O is refused with the unit
the field accepts as the suggestion: never read (case is meaning: mT is not MT, t is not T),
and never offered a unit merely near in spelling (``mgoe`` was offered 'mo', months)."""

from __future__ import annotations

import pytest

from eligibility.checking.fields import read_value
from tests.checking.test_boundaries import shipped_ruleset

CASES = [
    ("magnet.energy_product", "46 MG0e", "MGOe"),
    ("magnet.energy_product", "46 mgoe", "MGOe"),
    ("magnet.energy_product", "380 KJ/m3", "kJ/m^3"),
    ("magnet.coercivity", "16 k0e", "kOe"),
    ("magnet.coercivity", "1592 KA/m", "kA/m"),
    ("magnet.coercivity", "1592 ka/m", "kA/m"),  # read as kiloyears a metre: the wrong kind
    ("magnet.remanence", "14 KG", "kG"),  # kilogauss, not the kilogram the unit table guesses
    ("magnet.remanence", "1.4 t", "T"),  # tonnes: the wrong kind
    ("motor.torque_density", "55 nm/l", "N·m/L"),
    ("motor.torque_density", "55 NM/L", "N·m/L"),
    ("capacity_increase", "600 T/yr", "t/yr"),  # teslas a year
]


@pytest.mark.parametrize(("path", "raw", "meant"), CASES, ids=[c[1] for c in CASES])
def test_a_mis_cased_unit_is_refused_with_the_one_meant(path: str, raw: str, meant: str) -> None:
    ruleset = shipped_ruleset()
    v = read_value(ruleset.fields[path], raw, ruleset)
    assert v.value is None and v.stated is None and v.problem is not None
    assert v.problem.en.endswith(f"(did you mean '{meant}'?)"), v.problem.en
    assert v.problem.ja.endswith(f"（'{meant}' のことですか？）"), v.problem.ja
