"""The [applicant] block: what is stated, what is missing, what is unusable."""

from __future__ import annotations

from typing import Any

import pytest

from eligibility.application.applicant import check_applicant


def _findings(block: dict[str, Any]) -> dict[str, str]:
    _, findings = check_applicant({"applicant": block, "plans": []})
    return {f.rule: f.status for f in findings}


def test_a_complete_block_has_no_findings() -> None:
    block = {"name": "Example K.K.", "corporate_number": "1010001000006", "submitted": "2026-04-01"}
    assert _findings(block) == {}


@pytest.mark.parametrize("blank", ["", "   ", "\u3000"])
def test_a_blank_optional_field_is_not_stated(blank: str) -> None:
    # the template writes corporate_number = "" for the applicant to fill in or leave
    assert _findings({"name": "Example K.K.", "corporate_number": blank}) == {}
    assert _findings({"name": "Example K.K.", "submitted": blank}) == {}


@pytest.mark.parametrize("blank", ["", "  "])
def test_a_blank_name_is_missing_not_invalid(blank: str) -> None:
    assert _findings({"name": blank}) == {"applicant.name": "missing"}


def test_a_name_that_is_not_text_is_invalid() -> None:
    assert _findings({"name": 12}) == {"applicant.name": "invalid"}


def test_a_wrong_corporate_number_is_still_invalid() -> None:
    assert _findings({"name": "Example K.K.", "corporate_number": "1234567890123"}) == {
        "applicant.corporate_number": "invalid"
    }
