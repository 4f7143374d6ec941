"""An application written into the form workbook reads back as the same document."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from eligibility.application.reader import parse_application_bytes
from eligibility.describe.filled_workbook import filled_workbook
from eligibility.errors import ApplicationReadError


def read_back(ruleset: Any, doc: dict[str, Any]) -> dict[str, Any]:
    data = filled_workbook(ruleset, doc, "a.toml")
    return parse_application_bytes(data, "a.xlsx", suffix=".xlsx").data


def test_values_read_back_as_written(ruleset: Any) -> None:
    plan = {
        "id": "line-4",
        "track": "capacity.ndfeb",
        "magnet": {
            "energy_product": "390 kJ/m^3",  # split into number and unit cells
            "coercivity": "1,990 kA/m",  # a number with a comma stays the text written
        },
        "capacity": {"increase": "600.50 t/year"},  # a trailing zero, too
        "typo_key": "kept",  # a key the form has no row for gets one
    }
    doc = {
        "applicant": {"name": "Kanazawa", "submitted": dt.date(2026, 4, 1)},
        "plans": [plan, {**plan, "id": "line-5"}],
    }
    back = read_back(ruleset, doc)
    assert back["applicant"] == doc["applicant"]
    assert back["plans"] == doc["plans"]


def test_a_form_needs_a_known_track_and_one_value_per_cell(ruleset: Any) -> None:
    with pytest.raises(ApplicationReadError, match=r"plans\[0\]\.track is 'nope'"):
        filled_workbook(ruleset, {"plans": [{"track": "nope"}]}, "a.toml")
    with pytest.raises(ApplicationReadError, match="not set"):
        filled_workbook(ruleset, {"plans": []}, "a.toml")
    with pytest.raises(ApplicationReadError, match=r"x\.y is a list"):
        filled_workbook(ruleset, {"plans": [{"track": "capacity.ndfeb", "x": {"y": [1]}}]}, "a")
