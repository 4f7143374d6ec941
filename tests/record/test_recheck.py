"""Recheck: what changes between a recorded result and the same input run again."""

from __future__ import annotations

from pathlib import Path

from eligibility import api, record
from eligibility.record.recheck import compare, recheck
from tests.record.conftest import EXAMPLES, revised_rules


def test_compare_names_each_changed_status() -> None:
    def doc(status: str, verdict: str) -> dict[str, object]:
        finding = {"rule": "saving.motor.max_speed", "status": status, "value": "18,000 rpm",
                   "threshold": "≥ 20,000 rpm"}  # fmt: skip
        plan = {"id": "motor-A", "verdict": verdict, "findings": [finding]}
        return {"verdict": verdict, "applicant": {"findings": []}, "plans": [plan]}

    assert compare(doc("pass", "eligible"), doc("pass", "eligible")) == []
    assert compare(doc("pass", "eligible"), doc("fail", "ineligible")) == [
        "motor-A: eligible → ineligible",
        "motor-A saving.motor.max_speed: pass → fail (value 18,000 rpm, threshold ≥ 20,000 rpm)",
    ]
    gone = {"verdict": "eligible", "applicant": {"findings": []}, "plans": []}
    assert compare(doc("pass", "eligible"), gone) == ["motor-A: gone"]


def test_recheck_runs_the_kept_bytes_not_the_file_on_disk(tmp_path: Path) -> None:
    app = tmp_path / "motor.toml"
    app.write_bytes((EXAMPLES / "motor-development.toml").read_bytes())
    db = tmp_path / "d.sqlite"
    with record.open(db) as rec:
        rec.add(api.check_file(app), input_bytes=app.read_bytes())
        rec.add(api.check_file(app))  # not kept
    app.write_text("not an application any more", encoding="utf-8")
    revised = api.load(revised_rules(tmp_path))
    with record.open(db) as rec:
        kept, lost = recheck(rec.decisions(with_input=True), ruleset=revised)
    assert kept.recheckable and kept.changed and kept.verdict == "ineligible"
    assert kept.ruleset == "permanent-magnets 2026-04"
    assert kept.changes == (
        "motor-A: eligible → ineligible",
        "motor-A saving.motor.max_speed: pass → fail (value 18,000 rpm, threshold ≥ 20,000 rpm)",
    )
    assert not lost.recheckable and not lost.changed
    assert lost.lines() == [
        f"#2 {lost.decision.id[:8]} {app}: not recheckable (the input was not kept)"
    ]
