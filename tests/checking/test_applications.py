"""Applications as new users write them, each plan's verdict judged by hand against POLICY.md.

``tests/checking/applications/`` holds them: Japanese and English notation (全角 digits, 年産 and
月産, MGOe and kOe, min⁻¹, Nm/L, datasheet ranges and bounds, typ., 令和 dates, 法人番号), and
files probing every threshold in several units. ``expected.toml`` there records the verdict a
reviewer gives the file and each plan; a change of reading that moves one must be argued there.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any

import pytest

from eligibility import api
from eligibility.rendering import result as report

HERE = Path(__file__).resolve().parent / "applications"
EXPECTED: dict[str, Any] = tomllib.loads((HERE / "expected.toml").read_text(encoding="utf-8"))
# the checks do not depend on the day, but the revision chosen and "today" do: fix them
NOW = dt.datetime(2026, 12, 1, 3, 0, tzinfo=dt.UTC)


def test_every_application_has_an_expected_verdict() -> None:
    files = {p.name for p in HERE.iterdir() if p.name != "expected.toml"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_the_verdict_is_the_reviewers(name: str, lang: str) -> None:
    result = api.check_file(HERE / name, now=NOW)
    expected = EXPECTED[name]
    assert result.verdict == expected["verdict"]
    assert {p.id: p.verdict for p in result.plans} == expected["plans"]
    as_json = report.result_dict(result, lang)
    assert as_json["verdict"] == expected["verdict"]
    assert [p["verdict"] for p in as_json["plans"]] == list(expected["plans"].values())
