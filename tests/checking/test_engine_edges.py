"""Edges of reading a plan that the fuzzers found or the form makes common."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from eligibility.checking.document import check_document
from eligibility.ruleset.loader import load_ruleset
from eligibility.ruleset.model import Ruleset

RULES = Path(__file__).resolve().parents[2] / "rules" / "permanent-magnets" / "2025-06"


@pytest.fixture(scope="module")
def ruleset() -> Ruleset:
    return load_ruleset(RULES)


def _finding(ruleset: Ruleset, plan: dict[str, object], rule: str) -> tuple[str, str]:
    doc = {"applicant": {"name": "A"}, "plans": [{"id": "p", **plan}]}
    result = check_document(doc, ruleset, "x.toml")
    f = next(f for f in result.plans[0].findings if f.rule == rule)
    return f.status, f.message.en


def test_a_temperature_rate_where_a_volume_belongs_is_the_wrong_kind(ruleset: Ruleset) -> None:
    status, message = _finding(
        ruleset,
        {"track": "saving.motor", "motor": {"volume": "0 K/s", "peak_torque": "300 N*m"}},
        "saving.motor.torque_density",
    )
    assert status == "invalid"
    assert "'0 K/s' is not a motor volume (accepted: L, cm^3, m^3, mL)" in message


def test_a_temperature_below_absolute_zero_is_impossible(ruleset: Ruleset) -> None:
    status, message = _finding(
        ruleset,
        {"track": "capacity.ndfeb", "magnet": {"measured_at": "-300 degC"}},
        "capacity.ndfeb.measurement_temperature",
    )
    assert status == "invalid"
    assert "'-300 degC' is below absolute zero" in message


def test_a_blank_field_is_not_stated_yet(ruleset: Ruleset) -> None:
    status, message = _finding(
        ruleset,
        {"track": "capacity.ndfeb", "capacity_increase": "  "},
        "capacity.ndfeb.capacity_increase",
    )
    assert status == "missing"
    assert "State `capacity_increase`" in message


def test_an_internal_error_is_one_line_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import eligibility.api

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(eligibility.api, "check_file", broken)
    monkeypatch.delenv("ELIGIBILITY_DEBUG", raising=False)
    app = tmp_path / "a.toml"
    app.write_text('[applicant]\nname = "A"\n[[plans]]\nid = "p"\ntrack = "recycling.rnd"\n')
    result = CliRunner().invoke(main, ["check", str(app)])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: internal error (RuntimeError: boom); nothing was checked. "
        "Please report it with the file; ELIGIBILITY_DEBUG=1 shows the details.\n"
    )
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("plan", "field"),
    [
        ({"track": "capacity.hre-free", "motor": {"max_speed": ""}}, "motor.max_speed"),
        ({"track": "recycling.rnd", "magnet.material": ""}, "magnet.material"),
        ({"track": "recycling.rnd", "magnet.material": "NdFeB"}, "magnet.material"),
    ],
)
def test_a_key_the_track_does_not_read_is_reported_even_blank(
    ruleset: Ruleset, plan: dict[str, object], field: str
) -> None:
    doc = {"applicant": {"name": "A"}, "plans": [{"id": "p", **plan}]}
    findings = check_document(doc, ruleset, "x.toml").plans[0].findings
    unknown = [f for f in findings if f.rule == "plan.unknown_field"]
    assert [f.field for f in unknown] == [field]
    assert unknown[0].status == "invalid"
