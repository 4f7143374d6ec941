"""Corrections (訂正報告): a report that supersedes another, by ID, file name or revision;
contradictions only between reports that each claim to be current."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from eligibility import api
from eligibility.outcomes.fiscal_year import FiscalYear
from eligibility.outcomes.indicators import load_indicators
from eligibility.outcomes.measure import Outcomes, compute_files

REPO = Path(__file__).resolve().parents[2]
RULESET = api.select_ruleset(REPO / "rules" / "permanent-magnets" / "2025-06")
INDICATORS = load_indicators(ruleset=RULESET)


def report(actual: str, head: str = "") -> str:
    return (
        f'[report]\noperator = "A K.K."\nfiscal_year = "R10年度"\n{head}\n'
        '[[plans]]\nid = "l1"\ntrack = "capacity.ndfeb"\ntarget = "600 t/yr"\n'
        f'actual = "{actual}"\n'
    )


def compute(tmp_path: Path, files: dict[str, str]) -> Outcomes:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return compute_files([tmp_path], INDICATORS, RULESET)


def share(o: Outcomes) -> Fraction | None:
    (row,) = [r for r in o.rows_for("short.capacity_plans") if r.year == FiscalYear(2028)]
    return row.value


def test_a_correction_that_supersedes_by_file_name(tmp_path: Path) -> None:
    o = compute(
        tmp_path,
        {
            "a.toml": report("590 t/yr"),
            "a-fix.toml": report("600 t/yr", 'supersedes = "a.toml"'),
        },
    )
    assert o.findings == ()  # not a contradiction
    assert share(o) == 1
    (sp,) = o.superseded
    assert (sp.head.file, sp.by.file) == (str(tmp_path / "a.toml"), str(tmp_path / "a-fix.toml"))
    (row,) = [r for r in o.rows_for("short.capacity_plans") if r.year == FiscalYear(2028)]
    assert row.sources == (str(tmp_path / "a-fix.toml"),)


def test_a_correction_that_supersedes_by_report_id(tmp_path: Path) -> None:
    o = compute(
        tmp_path,
        {
            "a.toml": report("600 t/yr", 'id = "A-2028-1"'),
            "b.toml": report("590 t/yr", 'id = "A-2028-2"\nsupersedes = ["A-2028-1"]'),
        },
    )
    assert o.findings == ()
    assert share(o) == 0  # the correction lowered the actual
    assert [Path(s.head.file).name for s in o.superseded] == ["a.toml"]


def test_a_revision_number_for_the_same_operator_and_year(tmp_path: Path) -> None:
    o = compute(
        tmp_path,
        {
            "a.toml": report("590 t/yr"),
            "b.toml": report("600 t/yr", "revision = 3"),
            "c.toml": report("595 t/yr", "revision = 2"),
        },
    )
    assert o.findings == ()
    assert share(o) == 1
    assert sorted(Path(s.head.file).name for s in o.superseded) == ["a.toml", "c.toml"]
    assert all(Path(s.by.file).name == "b.toml" for s in o.superseded)
    assert "revision 1" in o.superseded[0].reason.en


def test_two_reports_that_each_claim_to_be_current_still_contradict(tmp_path: Path) -> None:
    o = compute(
        tmp_path,
        {
            "a.toml": report("590 t/yr", "revision = 2"),
            "b.toml": report("600 t/yr", "revision = 2"),
        },
    )
    assert [f.status for f in o.findings] == ["contradiction"]
    assert o.superseded == ()
    assert share(o) == 0


def test_a_report_superseding_one_not_read_is_a_notice(tmp_path: Path) -> None:
    o = compute(tmp_path, {"b.toml": report("600 t/yr", 'supersedes = "gone.toml"')})
    (f,) = o.findings
    assert (f.status, f.where) == ("notice", "report.supersedes")
    assert "gone.toml" in f.message.en
    assert share(o) == 1
    assert o.problems == ()


def test_superseding_another_operators_report_is_not_applied(tmp_path: Path) -> None:
    other = report("590 t/yr", 'id = "B-1"').replace("A K.K.", "B K.K.")
    o = compute(tmp_path, {"a.toml": report("600 t/yr", 'supersedes = "B-1"'), "b.toml": other})
    (f,) = o.findings
    assert (f.status, f.where) == ("invalid", "report.supersedes")
    assert "not of this report's operator and year" in f.message.en
    assert o.superseded == ()


def test_reports_that_supersede_each_other_are_all_read(tmp_path: Path) -> None:
    o = compute(
        tmp_path,
        {
            "a.toml": report("590 t/yr", 'supersedes = "b.toml"'),
            "b.toml": report("600 t/yr", 'supersedes = "a.toml"'),
        },
    )
    assert sorted(f.status for f in o.findings) == ["contradiction", "contradiction"]
    assert o.superseded == ()


def test_a_bad_revision_or_supersedes_is_a_finding(tmp_path: Path) -> None:
    o = compute(tmp_path, {"a.toml": report("600 t/yr", "revision = 0\nsupersedes = 5")})
    assert sorted((f.where, f.status) for f in o.findings) == [
        ("report.revision", "invalid"),
        ("report.supersedes", "invalid"),
    ]
    assert share(o) == 1


def test_a_superseded_reports_problems_are_not_findings(tmp_path: Path) -> None:
    o = compute(
        tmp_path,
        {
            "a.toml": report("600 t"),  # wrong dimension, corrected below
            "b.toml": report("600 t/yr", "revision = 2"),
        },
    )
    assert o.findings == ()
    assert share(o) == 1
