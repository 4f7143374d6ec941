"""Stage-gate results (ステージゲート審査) as an input to short.motors_developed: the latest
review of a motor decides whether it counts."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from eligibility import api
from eligibility.outcomes.fiscal_year import FiscalYear
from eligibility.outcomes.indicators import load_indicators
from eligibility.outcomes.measure import Outcomes, compute_files

REPO = Path(__file__).resolve().parents[2]
RULESET = api.select_ruleset(REPO / "rules" / "permanent-magnets" / "2025-06")
INDICATORS = load_indicators(ruleset=RULESET)

FIGURES = (
    '[motors.magnet]\nmaterial = "NdFeB"\ndysprosium = "0 wt%"\nterbium = "0 wt%"\n'
    '[motors.motor]\nmax_speed = "12000 rpm"\ntorque_density = "{density}"\n'
)


def report(year: str, *motors: str, corporate_number: str | None = None) -> str:
    head = f'[report]\noperator = "A K.K."\nfiscal_year = "{year}"\n'
    if corporate_number:
        head += f'corporate_number = "{corporate_number}"\n'
    return head + "".join(motors)


def motor(mid: str, developed: str, density: str | None = "55 Nm/L") -> str:
    out = f'\n[[motors]]\nid = "{mid}"\ndeveloped = "{developed}"\n'
    return out + (FIGURES.format(density=density) if density is not None else "")


def review(motor_id: str, date: str, passed: str, operator: str = "A K.K.") -> str:
    return (
        f'\n[[reviews]]\noperator = "{operator}"\nmotor = "{motor_id}"\ndate = {date}\n'
        f'gate = "final"\npassed = {passed}\n'
    )


def gates(*reviews: str) -> str:
    return '[stage_gates]\ntitle = "reviews"\n' + "".join(reviews)


def compute(tmp_path: Path, files: dict[str, str]) -> Outcomes:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return compute_files([tmp_path], INDICATORS, RULESET)


def count(o: Outcomes, year: int) -> Fraction | None:
    (row,) = [r for r in o.rows_for("short.motors_developed") if r.year == FiscalYear(year)]
    return row.value


def test_a_passed_review_counts_a_motor_whose_report_gives_no_figures(tmp_path: Path) -> None:
    o = compute(
        tmp_path,
        {
            "r.toml": report("R9年度", motor("m1", "R9年度", density=None)),
            "g.toml": gates(review("m1", "2028-02-10", "true")),
        },
    )
    assert count(o, 2027) == 1
    assert o.problems == ()
    (row,) = [r for r in o.rows_for("short.motors_developed") if r.year == FiscalYear(2027)]
    assert str(tmp_path / "g.toml") in row.sources


def test_without_a_review_missing_figures_do_not_count(tmp_path: Path) -> None:
    o = compute(tmp_path, {"r.toml": report("R9年度", motor("m1", "R9年度", density=None))})
    assert count(o, 2027) == 0
    assert [f.status for f in o.findings] == ["missing"]


@pytest.mark.parametrize(
    ("reviews", "counted"),
    [
        ((("2027-06-01", "true"),), 1),
        ((("2027-06-01", "false"),), 0),
        ((("2027-06-01", "false"), ("2028-01-15", "true")), 1),  # passed on re-review
        ((("2027-06-01", "true"), ("2028-01-15", "false")), 0),  # the latest decides
    ],
)
def test_the_latest_review_decides(
    tmp_path: Path, reviews: tuple[tuple[str, str], ...], counted: int
) -> None:
    o = compute(
        tmp_path,
        {
            "r.toml": report("R9年度", motor("m1", "R9年度")),
            "g.toml": gates(*(review("m1", d, p) for d, p in reviews)),
        },
    )
    assert count(o, 2027) == counted
    if not counted:
        (f,) = o.findings
        assert (f.status, f.where) == ("invalid", "motors[0]")
        assert (
            "stage-gate review (final, 2028-01-15" in f.message.en or "2027-06-01" in f.message.en
        )
        assert "not passed" in f.message.en and "ステージゲート審査" in f.message.ja


def test_a_passed_review_against_failing_figures_is_a_contradiction(tmp_path: Path) -> None:
    o = compute(
        tmp_path,
        {
            "r.toml": report("R9年度", motor("m1", "R9年度", density="45 Nm/L")),
            "g.toml": gates(review("m1", "2027-12-01", "true")),
        },
    )
    assert count(o, 2027) == 0
    (f,) = o.findings
    assert f.status == "contradiction" and "torque_density" in f.message.en


def test_a_motor_known_only_from_its_review_counts_from_the_reviews_fiscal_year(
    tmp_path: Path,
) -> None:
    o = compute(
        tmp_path,
        {
            "r.toml": report("R9年度"),
            "g.toml": gates(review("ND-1", "2028-03-31", "true", operator="Nishi K.K.")),
        },
    )
    assert count(o, 2027) == 1  # 2028-03-31 is in FY2027
    (row,) = [r for r in o.rows_for("short.motors_developed") if r.year == FiscalYear(2027)]
    assert row.detail is not None and "Nishi K.K. ND-1" in row.detail.en


def test_a_review_finds_the_motor_by_name_when_the_report_gives_a_corporate_number(
    tmp_path: Path,
) -> None:
    o = compute(
        tmp_path,
        {
            "r.toml": report("R9年度", motor("m1", "R9年度"), corporate_number="7000012050002"),
            "g.toml": gates(review("m1", "2027-06-01", "false")),
        },
    )
    assert count(o, 2027) == 0


def test_reviews_of_one_day_that_disagree(tmp_path: Path) -> None:
    o = compute(
        tmp_path,
        {
            "r.toml": report("R9年度", motor("m1", "R9年度")),
            "g.toml": gates(
                review("m1", "2027-06-01", "true"), review("m1", "2027-06-01", "false")
            ),
        },
    )
    assert count(o, 2027) == 0
    assert [f.status for f in o.findings] == ["contradiction"]


@pytest.mark.parametrize(
    ("entry", "where", "status"),
    [
        ('operator = "A"\nmotor = "m"\npassed = true\n', "reviews[0].date", "missing"),
        (
            'operator = "A"\nmotor = "m"\ndate = "soon"\npassed = true\n',
            "reviews[0].date",
            "invalid",
        ),
        ('operator = "A"\nmotor = "m"\ndate = 2027-01-01\n', "reviews[0].passed", "missing"),
        (
            'operator = "A"\nmotor = "m"\ndate = 2027-01-01\npassed = "yes"\n',
            "reviews[0].passed",
            "invalid",
        ),
        ('operater = "A"\n', "reviews[0].operater", "invalid"),
    ],
)
def test_a_bad_review_is_a_finding(tmp_path: Path, entry: str, where: str, status: str) -> None:
    o = compute(tmp_path, {"g.toml": "[stage_gates]\n\n[[reviews]]\n" + entry})
    assert any(f.where == where and f.status == status for f in o.findings), [
        (f.where, f.status) for f in o.findings
    ]


def test_stage_gates_in_json_with_a_date_in_a_string(tmp_path: Path) -> None:
    o = compute(
        tmp_path,
        {
            "r.toml": report("R9年度", motor("m1", "R9年度", density=None)),
            "g.json": '{"stage_gates": {}, "reviews": [{"operator": "A K.K.", "motor": "m1", '
            '"date": "2027-09-30", "passed": true}]}',
        },
    )
    assert count(o, 2027) == 1
