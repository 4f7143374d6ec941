"""Every threshold pinned at its boundary, from the data files in ``tests/checking/boundaries/``.

One TOML file per rule with a quantity or date threshold::

    rule = "capacity.ndfeb.energy_product"      # the finding every case checks

    [base]                                      # optional: plan fields every case starts from
    magnet = { material = "NdFeB", ... }

    [[case]]
    description = "exactly at: 150 kJ/m^3"      # unique in the file; the test id
    track = "capacity.ndfeb"
    magnet = { energy_product = "150 kJ/m^3" }  # plan fields: replace the base's, block by block
    omit = ["magnet.remanence"]                 # optional: base fields to leave out
    rule = "capacity.hre-free.energy_product"   # optional: a copy of the rule on another track
    expect = "pass"                             # pass | fail | review | invalid | missing | none
    xfail = "why"                               # optional: a known defect, expected to fail

``none`` means the rule gives no finding at all (an advisory check with nothing to check, or a
check whose ``when`` does not hold). Cases sit just below, exactly at and just above each
threshold, and at the threshold in the other units applicants write.
"""

from __future__ import annotations

import copy
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from eligibility.check_kinds.any import AnyCheck
from eligibility.check_kinds.compare import CompareCheck
from eligibility.check_kinds.range import RangeCheck
from eligibility.checking.document import check_document
from eligibility.ruleset.loader import load_ruleset
from eligibility.ruleset.model import Rule, Ruleset

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "rules" / "permanent-magnets" / "2025-06"
BOUNDARIES = Path(__file__).resolve().parent / "boundaries"

STATUSES = {"pass", "fail", "review", "invalid", "missing", "none"}
CASE_KEYS = {"description", "expect", "rule", "omit", "xfail"}


@cache
def shipped_ruleset() -> Ruleset:
    return load_ruleset(RULES)


def _files() -> list[Path]:
    return sorted(BOUNDARIES.glob("*.toml"))


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as f:
        return tomllib.load(f)


def _cases() -> list[Any]:
    params = []
    for path in _files():
        data = _load(path)
        for case in data.get("case", []):
            marks = []
            if "xfail" in case:
                marks.append(pytest.mark.xfail(strict=True, reason=case["xfail"]))
            params.append(
                pytest.param(
                    path.name,
                    data["rule"],
                    data.get("base", {}),
                    case,
                    id=f"{path.stem}:{case.get('description', '?')}",
                    marks=marks,
                )
            )
    return params


def build_plan(base: dict[str, Any], case: dict[str, Any]) -> dict[str, Any]:
    """The base plan with the case's fields laid over it, block by block, minus ``omit``."""
    plan: dict[str, Any] = copy.deepcopy(base)
    for key, value in case.items():
        if key in CASE_KEYS:
            continue
        if isinstance(value, dict) and isinstance(plan.get(key), dict):
            plan[key] = {**plan[key], **value}
        else:
            plan[key] = copy.deepcopy(value)
    for path in case.get("omit", []):
        block, _, key = path.partition(".")
        if key:
            plan.get(block, {}).pop(key, None)
        else:
            plan.pop(block, None)
    return {"id": "boundary", **plan}


def document(plan: dict[str, Any]) -> dict[str, Any]:
    return {"applicant": {"name": "Boundary Magnet Works K.K."}, "plans": [plan]}


@pytest.mark.parametrize(("file", "file_rule", "base", "case"), _cases())
def test_boundary(file: str, file_rule: str, base: dict[str, Any], case: dict[str, Any]) -> None:
    rule_id = case.get("rule", file_rule)
    expect = case["expect"]
    plan = build_plan(base, case)
    result = check_document(document(plan), shipped_ruleset(), file)
    (plan_result,) = result.plans
    unknown = [f for f in plan_result.findings if f.rule == "plan.unknown_field"]
    assert not unknown, f"the case writes a key the track does not read: {unknown}"
    findings = [f for f in plan_result.findings if f.rule == rule_id]
    if expect == "none":
        assert findings == [], f"{rule_id} should give no finding: {findings}"
        return
    assert len(findings) == 1, f"{rule_id}: expected one finding, got {plan_result.findings}"
    (finding,) = findings
    assert finding.status == expect, (
        f"{rule_id} on {plan}: {finding.status}, expected {expect}\n"
        f"value {finding.value}, threshold {finding.threshold}\n{finding.message.en}"
    )


# --- the data files themselves ----------------------------------------------------------------


def has_threshold(rule: Rule) -> bool:
    """A rule that compares with a quantity or a date: the rules boundary files must pin."""
    c = rule.criterion
    if isinstance(c, RangeCheck):
        return True
    tests = [c.test] if isinstance(c, CompareCheck) else []
    tests += list(c.branches) if isinstance(c, AnyCheck) else []
    return any(
        t.threshold is not None or t.by_material is not None or t.threshold_expr is not None
        for t in tests
    )


def _covered() -> dict[str, set[str]]:
    """Rule ID -> the statuses its boundary cases expect."""
    out: dict[str, set[str]] = {}
    for path in _files():
        data = _load(path)
        for case in data.get("case", []):
            out.setdefault(case.get("rule", data["rule"]), set()).add(case["expect"])
    return out


def test_every_threshold_rule_has_boundary_cases() -> None:
    ruleset = shipped_ruleset()
    covered = _covered()
    with_threshold = [r.id for r in ruleset.rules if has_threshold(r)]
    assert with_threshold, "the rule set should have rules with thresholds"
    uncovered = [r for r in with_threshold if r not in covered]
    assert not uncovered, (
        "rules with a threshold but no boundary cases in tests/checking/boundaries/: "
        + ", ".join(uncovered)
    )
    one_sided = [r for r in with_threshold if "pass" not in covered[r] or covered[r] <= {"pass"}]
    assert not one_sided, f"boundary cases must both pass and not pass: {one_sided}"


def test_boundary_files_are_well_formed() -> None:
    ruleset = shipped_ruleset()
    ids = {r.id for r in ruleset.rules}
    files = _files()
    assert files
    for path in files:
        data = _load(path)
        assert set(data) <= {"rule", "base", "case"}, f"{path.name}: unknown top-level keys"
        assert data.get("rule") in ids, f"{path.name}: unknown rule {data.get('rule')!r}"
        assert path.stem == data["rule"], f"{path.name}: name the file after its rule"
        cases = data.get("case", [])
        assert cases, f"{path.name}: no cases"
        descriptions = [c.get("description") for c in cases]
        assert all(descriptions), f"{path.name}: every case needs a description"
        assert len(set(descriptions)) == len(descriptions), f"{path.name}: repeated description"
        for case in cases:
            where = f"{path.name}: {case['description']}"
            assert case.get("expect") in STATUSES, f"{where}: expect must be one of {STATUSES}"
            assert isinstance(case.get("track"), str), f"{where}: track is required"
            assert case["track"] in ruleset.tracks, f"{where}: unknown track"
            rule = ruleset.rule(case.get("rule", data["rule"]))
            assert rule is not None, f"{where}: unknown rule"
            assert rule.track in (case["track"], "*"), f"{where}: {rule.id} is not on its track"


# --- how a value at the edge of a range reads --------------------------------------------------


@pytest.mark.parametrize(
    "measured_at", ["4.99999999999999 degC", "35.0000000000001 degC", "308.150000000001 K"]
)
def test_a_value_outside_a_range_never_reads_as_its_bound(measured_at: str) -> None:
    ruleset = shipped_ruleset()
    rule = ruleset.rule("capacity.ndfeb.measurement_temperature")
    assert rule is not None and isinstance(rule.criterion, RangeCheck)
    bounds = rule.criterion.minimum, rule.criterion.maximum
    plan = {"id": "edge", "track": "capacity.ndfeb", "magnet": {"measured_at": measured_at}}
    (plan_result,) = check_document(document(plan), ruleset, "edge.toml").plans
    (finding,) = [f for f in plan_result.findings if f.rule == rule.id]
    assert finding.status == "invalid"
    assert finding.value not in (bounds[0].text, bounds[1].text), finding.message.en
