"""Datasheet notations read by the checks: a range or a bound has the status of its end least
favourable to the applicant; "did you mean" offers only units of the field."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.checking.document import check_document
from eligibility.ruleset.loader import load_ruleset
from tests.conftest import RULES

RULESET = load_ruleset(RULES)
NUMBERS = st.decimals(min_value=0, max_value=80, places=2, allow_nan=False)


def _status(plan: dict[str, Any], rule: str) -> str:
    doc = {"applicant": {"name": "A"}, "plans": [{"id": "p", **plan}]}
    (result,) = check_document(doc, RULESET, "x.toml").plans
    (finding,) = [f for f in result.findings if f.rule == rule]
    return finding.status


def _energy(text: str) -> str:
    magnet = {"material": "NdFeB", "energy_product": text, "measured_at": "20 degC"}
    return _status({"track": "capacity.ndfeb", "magnet": magnet}, "capacity.ndfeb.energy_product")


def _dysprosium(text: str) -> str:
    magnet = {"dysprosium": text, "terbium": "0 wt%"}
    return _status(
        {"track": "saving.motor", "magnet": magnet}, "saving.motor.heavy_rare_earth_free"
    )


@settings(deadline=None, max_examples=60)
@given(a=NUMBERS, b=NUMBERS)
def test_a_range_for_a_minimum_has_the_status_of_its_lower_end(a: Decimal, b: Decimal) -> None:
    low, high = min(a, b), max(a, b)
    assert _energy(f"{low}～{high} MGOe") == _energy(f"{low} MGOe")
    assert _energy(f"{low} MGOe以上") == _energy(f"{low} MGOe")


@settings(deadline=None, max_examples=60)
@given(a=NUMBERS, b=NUMBERS)
def test_a_range_for_a_maximum_has_the_status_of_its_upper_end(a: Decimal, b: Decimal) -> None:
    low, high = min(a, b) / 100, max(a, b) / 100
    assert _dysprosium(f"{low}～{high} wt%") == _dysprosium(f"{high} wt%")
    assert _dysprosium(f"≤ {high} wt%") == _dysprosium(f"{high} wt%")


def test_the_finding_says_how_a_range_was_read() -> None:
    magnet = {"material": "NdFeB", "energy_product": "45～48 MGOe", "measured_at": "20 degC"}
    doc = {
        "applicant": {"name": "A"},
        "plans": [{"id": "p", "track": "capacity.ndfeb", "magnet": magnet}],
    }
    (result,) = check_document(doc, RULESET, "x.toml").plans
    (finding,) = [f for f in result.findings if f.rule == "capacity.ndfeb.energy_product"]
    assert "least favourable to the applicant" in finding.message.en
    assert finding.value is not None and finding.value == "358.099 kJ/m³"  # 45 MGOe


@pytest.mark.parametrize("written", ["10000 rpn", "10000 JPYY", "10000 r/mn"])
def test_did_you_mean_offers_only_units_of_the_field(written: str) -> None:
    doc = {
        "applicant": {"name": "A"},
        "plans": [{"id": "p", "track": "saving.motor", "motor": {"max_speed": written}}],
    }
    (result,) = check_document(doc, RULESET, "x.toml").plans
    (finding,) = [f for f in result.findings if f.rule == "saving.motor.max_speed"]
    assert finding.status == "invalid"
    offered = re.findall(r"did you mean '([^']+)'", finding.message.en)
    kind = RULESET.fields["motor.max_speed"].kind
    assert kind is not None and set(offered) <= set(kind.accepts), finding.message.en
