"""The shipped examples give the results the contract lists, and every shipped rule set loads.

The expected verdicts are read from the table in the examples' README.md, so the README is the
one place they are written: a changed README changes this test.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from eligibility import api
from eligibility.quantities.quantity import parse_quantity
from eligibility.rendering import result as report
from eligibility.ruleset.loader import load_ruleset

REPO = Path(__file__).resolve().parents[2]
# the shared contract's examples (as in CI), else the copies shipped in examples/
SHARED_EXAMPLES = Path(__file__).resolve().parents[3] / "shared" / "spec" / "examples"
EXAMPLES = SHARED_EXAMPLES if SHARED_EXAMPLES.is_dir() else REPO / "examples"


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _readme_table() -> dict[str, dict[str, Any]]:
    """``{file: {"verdict": ..., "plans": {plan id: verdict}}}`` from the README's table."""
    lines = [
        line
        for line in (EXAMPLES / "README.md").read_text(encoding="utf-8").splitlines()
        if line.lstrip().startswith("|")
    ]
    header = _cells(lines[0])
    col = {name: header.index(name) for name in ("file", "file verdict", "per plan")}
    table: dict[str, dict[str, Any]] = {}
    for line in lines[1:]:
        cells = _cells(line)
        if set("".join(cells)) <= set("-: "):
            continue  # the |---|---| row
        plans = {}
        for part in cells[col["per plan"]].split(","):
            plan_id, verdict = part.strip().rsplit(" ", 1)
            plans[plan_id] = verdict
        table[cells[col["file"]].strip("`")] = {
            "verdict": cells[col["file verdict"]],
            "plans": plans,
        }
    return table


EXPECTED = _readme_table()


@cache
def _result(name: str) -> dict[str, Any]:
    return report.result_dict(api.check_file(EXAMPLES / name, api.select_ruleset()), "en")


def _finding(result: dict[str, Any], plan_id: str, rule: str, **match: str) -> dict[str, Any]:
    plan = next(p for p in result["plans"] if p["id"] == plan_id)
    found = [
        f
        for f in plan["findings"]
        if f["rule"] == rule and all(f.get(k) == v for k, v in match.items())
    ]
    assert len(found) == 1, (rule, match, plan["findings"])
    return found[0]


def test_the_readme_lists_every_example() -> None:
    assert len(EXPECTED) == 5
    assert set(EXPECTED) == {p.name for p in EXAMPLES.iterdir() if p.suffix in (".toml", ".json")}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_verdicts(name: str) -> None:
    result = _result(name)
    assert result["verdict"] == EXPECTED[name]["verdict"]
    assert {p["id"]: p["verdict"] for p in result["plans"]} == EXPECTED[name]["plans"]


def test_draft_lists_everything_still_to_do() -> None:
    result = _result("draft-self-check.toml")
    unknown = _finding(result, "p1", "plan.unknown_field", field="magnet.coercivty")
    assert unknown["status"] == "invalid"
    assert "`coercivty`" in unknown["message"]
    assert "(did you mean 'coercivity'?)" in unknown["message"]
    for check in ("coercivity", "measurement_temperature", "overseas_conditions"):
        assert _finding(result, "p1", f"capacity.ndfeb.{check}")["status"] == "missing"


def test_motor_speed_in_min_inverse_is_rpm() -> None:
    finding = _finding(_result("motor-development.toml"), "motor-A", "saving.motor.max_speed")
    assert finding["given"] == "18,000 min⁻¹"
    assert finding["value"] == "18,000 rpm"
    assert parse_quantity(finding["given"]).to(parse_quantity("1 rpm").unit) == 18000


def test_motor_torque_density_from_peak_torque_and_volume() -> None:
    result = _result("motor-development.toml")
    finding = _finding(result, "motor-A", "saving.motor.torque_density")
    assert finding["status"] == "pass"
    assert "350 N·m" in finding["given"] and "6.2 L" in finding["given"]
    assert finding["value"].startswith("56.45")
    assert re.fullmatch(r"56\.45\d* N·m/L", finding["value"])


RULESET_FOLDERS = sorted(p.parent for p in (REPO / "rules").glob("**/ruleset.toml"))


def test_rules_folder_has_rule_sets() -> None:
    assert RULESET_FOLDERS


@pytest.mark.parametrize(
    "folder", RULESET_FOLDERS, ids=[str(p.relative_to(REPO)) for p in RULESET_FOLDERS]
)
def test_every_shipped_rule_set_loads(folder: Path) -> None:
    ruleset = load_ruleset(folder)
    # rule sets live in rules/ID/VERSION
    assert (ruleset.id, ruleset.version) == (folder.parent.name, folder.name)
    assert ruleset.rules
