"""Outcome indicators: fiscal years, each indicator's arithmetic at its target boundary, the
trajectories, findings for missing and contradictory data, every output format, the charts."""

from __future__ import annotations

import csv
import datetime as dt
import inspect
import io
import json
import shutil
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main
from eligibility import api
from eligibility.errors import EligibilityError, RulesetError
from eligibility.outcomes.fiscal_year import FiscalYear, FiscalYearError, parse_fiscal_year
from eligibility.outcomes.indicators import default_indicators_path, load_indicators
from eligibility.outcomes.judge import Row, judge
from eligibility.outcomes.measure import Outcomes, compute_files

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples" / "outcomes"
RULESET = api.select_ruleset(REPO / "rules" / "permanent-magnets" / "2025-06")
INDICATORS = load_indicators(ruleset=RULESET)
SVG = "{http://www.w3.org/2000/svg}"


def _runner() -> CliRunner:
    if "mix_stderr" in inspect.signature(CliRunner).parameters:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    return CliRunner()


def run(*args: str) -> Result:
    return _runner().invoke(main, list(args), catch_exceptions=False)


def compute(tmp_path: Path, files: dict[str, str]) -> Outcomes:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return compute_files([tmp_path], INDICATORS, RULESET)


def row(o: Outcomes, indicator: str, year: int) -> Row:
    found = [r for r in o.rows_for(indicator) if r.year == FiscalYear(year)]
    assert len(found) == 1, [r.year for r in o.rows_for(indicator)]
    return found[0]


def report(operator: str, year: str, body: str = "") -> str:
    return f'[report]\noperator = "{operator}"\nfiscal_year = "{year}"\n{body}'


def plan(pid: str, track: str, target: str | None, actual: str | None) -> str:
    out = f'\n[[plans]]\nid = "{pid}"\ntrack = "{track}"\n'
    if target is not None:
        out += f'target = "{target}"\n'
    if actual is not None:
        out += f'actual = "{actual}"\n'
    return out


def statistics(*years: str, extra: str = "") -> str:
    return '[statistics]\ntitle = "test"\n' + "".join(f"\n[[years]]\n{y}\n" for y in years) + extra


# --- fiscal years -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "R10年度",
        "令和10年度",
        "R10",
        "r10",
        "Ｒ１０年度",
        "令和 10 年度",
        "FY2028",
        "fy2028",
        "FY 2028",
        "ＦＹ２０２８",
        "2028年度",
        "2028",
        2028,
        dt.date(2028, 4, 1),
        dt.date(2029, 3, 31),
        "2029-03-31",
    ],
)
def test_fiscal_years_read_in_reiwa_and_western_forms(written: object) -> None:
    assert parse_fiscal_year(written) == FiscalYear(2028)


def test_fiscal_years_are_shown_both_ways() -> None:
    fy = FiscalYear(2028)
    assert (fy.western, fy.japanese, fy.both) == ("FY2028", "R10年度", "FY2028 (R10年度)")
    assert fy.label("ja") == "R10年度 (FY2028)"
    assert parse_fiscal_year("令和元年度") == FiscalYear(2019)
    assert FiscalYear(2019).japanese == "R1年度"
    assert FiscalYear(2018).japanese == "H30年度"
    assert parse_fiscal_year("H30年度") == FiscalYear(2018)
    assert parse_fiscal_year(dt.date(2028, 3, 31)) == FiscalYear(2027)
    assert (fy.start, fy.end) == (dt.date(2028, 4, 1), dt.date(2029, 3, 31))


@pytest.mark.parametrize("written", ["R0年度", "FY1900", "next year", "H32", True, 2028.0, ""])
def test_what_is_not_a_fiscal_year_is_refused_in_both_languages(written: object) -> None:
    with pytest.raises(FiscalYearError) as exc:
        parse_fiscal_year(written)
    assert exc.value.text.en and exc.value.text.ja


# --- the indicators file ----------------------------------------------------------------------


def test_the_six_indicators_load_with_their_targets_and_sources() -> None:
    got = {
        i.id: (i.term, i.target, i.target_year.year, i.trajectory) for i in INDICATORS.indicators
    }
    assert got == {
        "short.capacity_plans": ("short", Fraction(1), 2028, "plan"),
        "short.recycling_plans": ("short", Fraction(1), 2028, "plan"),
        "short.motors_developed": ("short", Fraction(2), 2027, "none"),
        "long.capacity_vs_demand": ("long", Fraction(1), 2030, "linear"),
        "long.recycling_capacity": ("long", Fraction(2), 2030, "linear"),
        "long.ev_models": ("long", Fraction(2), 2030, "none"),
    }
    program = REPO.parent / "shared" / "policy" / "program-document-2026-03-31.txt"
    for ind in INDICATORS.indicators:
        assert "「" in ind.source and ind.title.ja in ind.source
        if program.is_file():
            assert ind.title.ja in program.read_text(encoding="utf-8")
    assert set(INDICATORS.statuses) == {
        "achieved",
        "missed",
        "on_track",
        "behind",
        "after_target",
        "no_data",
    }


def test_the_indicators_folder_is_not_taken_for_a_rule_set() -> None:
    assert default_indicators_path().parent not in api.ruleset_folders(REPO / "rules")


def _bad_indicators(tmp_path: Path, old: str, new: str) -> str:
    text = default_indicators_path().read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "indicators.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RulesetError) as exc:
        load_indicators(path, RULESET)
    return str(exc.value)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'target = "100 %"\ntarget_year = "R10年度"',
            'target = "100 t/yr"\ntarget_year = "R10年度"',
            "indicator.\"short.capacity_plans\".target: '100 t/yr' is not a percentage",
        ),
        (
            'target_year = "R9年度"',
            'target_year = "next year"',
            "indicator.\"short.motors_developed\".target_year: 'next year': not a fiscal year",
        ),
        (
            '"capacity.smco", "capacity.hre-free"]',
            '"capacity.smco", "capacity.hre_free"]',
            "unknown track 'capacity.hre_free' (did you mean 'capacity.hre-free'?)",
        ),
        (
            "measure_en = ",
            "measure_eng = ",
            "unknown key 'measure_eng' (did you mean 'measure_en'?)",
        ),
        ("target = 2\n", 'target = "2"\n', "a count is a whole number"),
        ('numerator = "japanese_capacity"', 'numerator = "japan_capacity"', "unknown field"),
    ],
)
def test_a_mistake_in_the_indicators_names_file_and_key(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    problems = _bad_indicators(tmp_path, old, new)
    assert str(tmp_path / "indicators.toml") in problems
    assert message in problems


# --- each indicator at its target boundary ---------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "status", "value"),
    [
        ("599.999 t/yr", "missed", Fraction(0)),
        ("600 t/yr", "achieved", Fraction(1)),
        ("0.6 kt/yr", "achieved", Fraction(1)),
        ("年600トン", "achieved", Fraction(1)),
        ("600.001 t/yr", "achieved", Fraction(1)),
    ],
)
def test_capacity_plans_in_the_target_year(
    tmp_path: Path, actual: str, status: str, value: Fraction
) -> None:
    o = compute(
        tmp_path,
        {"a.toml": report("A K.K.", "R10年度", plan("l1", "capacity.ndfeb", "600 t/yr", actual))},
    )
    r = row(o, "short.capacity_plans", 2028)
    assert (r.status, r.value) == (status, value)
    assert "target year" in r.rule.en


def test_capacity_plans_share_is_exact_and_every_plan_of_an_operator_counts(
    tmp_path: Path,
) -> None:
    files = {
        "a.toml": report(
            "A K.K.",
            "FY2028",
            plan("l1", "capacity.ndfeb", "600 t/yr", "600 t/yr")
            + plan("l2", "capacity.smco", "100 t/yr", "99 t/yr"),
        ),
        "b.toml": report("B K.K.", "FY2028", plan("s1", "capacity.smco", "130 t/yr", "130 t/yr")),
        "c.toml": report("C K.K.", "FY2028", plan("h1", "capacity.hre-free", "50 t/yr", "51 t/yr")),
    }
    r = row(compute(tmp_path, files), "short.capacity_plans", 2028)
    assert r.value == Fraction(2, 3)
    assert r.status == "missed"
    assert r.value_text == "66.67 %"
    assert r.detail is not None and r.detail.en.startswith("2 of 3 operators")


@pytest.mark.parametrize(
    ("actual", "status"),
    [("249.999 t/yr", "behind"), ("250 t/yr", "on_track"), ("250.001 t/yr", "on_track")],
)
def test_recycling_plans_before_the_target_year_follow_the_plan(
    tmp_path: Path, actual: str, status: str
) -> None:
    o = compute(
        tmp_path,
        {
            "a.toml": report(
                "A K.K.", "R9年度", plan("f1", "recycling.new-technology", "250 t/yr", actual)
            )
        },
    )
    r = row(o, "short.recycling_plans", 2027)
    assert r.status == status
    assert "plan targets are its trajectory" in r.rule.en


@pytest.mark.parametrize(
    ("actual", "status"),
    [("499.9 t/yr", "missed"), ("500 t/yr", "achieved"), ("500.1 t/yr", "achieved")],
)
def test_recycling_plans_in_the_target_year(tmp_path: Path, actual: str, status: str) -> None:
    o = compute(
        tmp_path,
        {
            "a.toml": report(
                "A K.K.", "R10年度", plan("e1", "recycling.expansion", "500 t/yr", actual)
            )
        },
    )
    assert row(o, "short.recycling_plans", 2028).status == status


def test_recycling_rnd_plans_are_not_recycling_equipment(tmp_path: Path) -> None:
    o = compute(
        tmp_path, {"a.toml": report("A K.K.", "R10年度", plan("r1", "recycling.rnd", None, None))}
    )
    assert [r.status for r in o.rows_for("short.recycling_plans")] == ["no_data"]
    assert o.findings == ()


def motor(mid: str, developed: str, torque_density: str = "55 Nm/L") -> str:
    return (
        f'\n[[motors]]\nid = "{mid}"\ndeveloped = "{developed}"\n'
        '[motors.magnet]\nmaterial = "NdFeB"\ndysprosium = "0 wt%"\nterbium = "0 wt%"\n'
        f'[motors.motor]\nmax_speed = "12000 rpm"\ntorque_density = "{torque_density}"\n'
    )


@pytest.mark.parametrize(("n", "status"), [(1, "missed"), (2, "achieved"), (3, "achieved")])
def test_motors_developed_in_the_target_year(tmp_path: Path, n: int, status: str) -> None:
    body = "".join(motor(f"m{i}", "R9年度") for i in range(n))
    o = compute(tmp_path, {"a.toml": report("A K.K.", "R9年度", body)})
    r = row(o, "short.motors_developed", 2027)
    assert (r.value, r.status) == (Fraction(n), status)


def test_motors_before_the_target_year_are_on_track_even_at_the_target(tmp_path: Path) -> None:
    o = compute(tmp_path, {"a.toml": report("A K.K.", "R8年度", motor("m1", "R8年度"))})
    assert row(o, "short.motors_developed", 2026).status == "on_track"
    o2 = compute(
        tmp_path, {"a.toml": report("A K.K.", "R8年度", motor("m1", "R7年度") + motor("m2", "R8"))}
    )
    r = row(o2, "short.motors_developed", 2026)
    assert r.status == "on_track"  # achieved is for the target year alone
    assert "2 ≥ 2 already, judged in FY2027" in r.rule.en


@pytest.mark.parametrize(("density", "counted"), [("49.999 Nm/L", 0), ("50 Nm/L", 1)])
def test_a_motor_counts_only_when_the_saving_motor_checks_pass(
    tmp_path: Path, density: str, counted: int
) -> None:
    o = compute(tmp_path, {"a.toml": report("A K.K.", "R9年度", motor("m1", "R9年度", density))})
    assert row(o, "short.motors_developed", 2027).value == counted
    if not counted:
        (f,) = o.findings
        assert f.where == "motors[0]"
        assert "saving.motor.torque_density fail" in f.message.en


def _capacity_year(year: str, capacity: str, demand: str) -> str:
    return f'fiscal_year = "{year}"\njapanese_capacity = "{capacity}"\ndomestic_demand = "{demand}"'


@pytest.mark.parametrize(
    ("capacity", "status"),
    [
        ("7999.99 t/yr", "missed"),
        ("8000 t/yr", "achieved"),
        ("8 kt/yr", "achieved"),
        ("8000.01 t/yr", "achieved"),
    ],
)
def test_capacity_vs_demand_in_the_target_year(tmp_path: Path, capacity: str, status: str) -> None:
    o = compute(tmp_path, {"s.toml": statistics(_capacity_year("FY2030", capacity, "8000 t/yr"))})
    r = row(o, "long.capacity_vs_demand", 2030)
    assert r.status == status
    assert r.value == parse_fraction(capacity) / 8000


def parse_fraction(text: str) -> Fraction:
    number = Fraction(text.split()[0])
    return number * 1000 if "kt" in text else number


@pytest.mark.parametrize(
    ("capacity", "status"), [("7199 t/yr", "behind"), ("7200 t/yr", "on_track")]
)
def test_capacity_vs_demand_follows_the_line_from_its_first_year(
    tmp_path: Path, capacity: str, status: str
) -> None:
    # 80 % in FY2026 to 100 % in FY2030: FY2028 must reach 90 % (7,200 of 8,000 t/yr)
    o = compute(
        tmp_path,
        {
            "s.toml": statistics(
                _capacity_year("R8年度", "6400 t/yr", "8000 t/yr"),
                _capacity_year("R10年度", capacity, "8000 t/yr"),
            )
        },
    )
    r = row(o, "long.capacity_vs_demand", 2028)
    assert r.status == status
    assert r.trajectory == Fraction(9, 10)
    assert row(o, "long.capacity_vs_demand", 2026).status == "on_track"


@pytest.mark.parametrize(
    ("capacity", "status"),
    [("2999.99 t/yr", "missed"), ("3000 t/yr", "achieved"), ("3000.01 t/yr", "achieved")],
)
def test_recycling_capacity_in_the_target_year_against_2020(
    tmp_path: Path, capacity: str, status: str
) -> None:
    o = compute(
        tmp_path,
        {
            "s.toml": statistics(
                'fiscal_year = "R2年度"\nrecycling_capacity = "1500 t/yr"',
                f'fiscal_year = "R12年度"\nrecycling_capacity = "{capacity}"',
            )
        },
    )
    r = row(o, "long.recycling_capacity", 2030)
    assert r.status == status
    assert r.value == Fraction(capacity.split()[0]) / 1500


@pytest.mark.parametrize(
    ("capacity", "status"), [("2699.99 t/yr", "behind"), ("2.7 kt/yr", "on_track")]
)
def test_recycling_capacity_before_the_target_year_follows_ten_points_a_year(
    tmp_path: Path, capacity: str, status: str
) -> None:
    o = compute(
        tmp_path,
        {
            "s.toml": statistics(
                'fiscal_year = "FY2020"\nrecycling_capacity = "1500 t/yr"',
                f'fiscal_year = "FY2028"\nrecycling_capacity = "{capacity}"',
            )
        },
    )
    r = row(o, "long.recycling_capacity", 2028)
    assert (r.status, r.trajectory) == (status, Fraction(18, 10))


def ev(name: str, launched: str, hre_free: str = "true") -> str:
    return (
        f'\n[[ev_models]]\nname = "{name}"\nmaker = "Maker Co."\nlaunched = "{launched}"\n'
        f"heavy_rare_earth_free = {hre_free}\n"
    )


@pytest.mark.parametrize(("n", "status"), [(1, "missed"), (2, "achieved"), (3, "achieved")])
def test_ev_models_in_the_target_year(tmp_path: Path, n: int, status: str) -> None:
    models = "".join(ev(f"Model {i}", "FY2030") for i in range(n))
    o = compute(tmp_path, {"s.toml": statistics(extra=models)})
    r = row(o, "long.ev_models", 2030)
    assert (r.value, r.status) == (Fraction(n), status)


def test_an_ev_model_counts_once_and_only_with_heavy_rare_earth_free_magnets(
    tmp_path: Path,
) -> None:
    o = compute(
        tmp_path,
        {
            "s.toml": statistics(extra=ev("Aurora", "FY2030") + ev("Boreal", "FY2030", "false")),
            "a.toml": report("A K.K.", "R12年度", ev("aurora", "R12年度")),
        },
    )
    assert row(o, "long.ev_models", 2030).value == 1


def test_an_indicator_without_data_says_so() -> None:
    o = compute_files([EXAMPLES / "statistics.toml"], INDICATORS, RULESET)
    (r,) = o.rows_for("short.capacity_plans")
    assert (r.year, r.value, r.status, r.value_text) == (None, None, "no_data", "—")


def test_judge_states_the_rule_with_the_numbers() -> None:
    ind = INDICATORS.indicator("long.recycling_capacity")
    assert ind is not None
    status, rule, expected = judge(
        ind, INDICATORS.rules, FiscalYear(2025), Fraction(3, 2), Fraction(1), FiscalYear(2020)
    )
    assert (status, expected) == ("on_track", Fraction(3, 2))
    assert rule.en == (
        "FY2025 is before the target year FY2030; the straight line from 100 % in FY2020 to "
        "200 % in FY2030 gives 150 %, and 150 % ≥ 150 %"
    )
    assert "R7年度 は目標年度 R12年度 より前" in rule.ja


# --- findings, not crashes -------------------------------------------------------------------


def test_two_reports_of_one_operator_and_year_that_disagree(tmp_path: Path) -> None:
    files = {
        "a1.toml": report(
            "A K.K.", "R10年度", plan("l1", "capacity.ndfeb", "600 t/yr", "600 t/yr")
        ),
        "a2.toml": report("A K.K.", "FY2028", plan("l1", "capacity.ndfeb", "600 t/yr", "590 t/yr")),
    }
    o = compute(tmp_path, files)
    (f,) = o.findings
    assert (f.file, f.where, f.status) == (
        str(tmp_path / "a2.toml"),
        "plans[0].actual",
        "contradiction",
    )
    assert "590 t/yr ≠ 600 t/yr" in f.message.en
    assert row(o, "short.capacity_plans", 2028).value == 0


def test_the_same_report_twice_is_a_notice_not_a_contradiction(tmp_path: Path) -> None:
    text = report("A K.K.", "R10年度", plan("l1", "capacity.ndfeb", "600 t/yr", "0.6 kt/yr"))
    o = compute(tmp_path, {"a1.toml": text, "a2.toml": text.replace("0.6 kt/yr", "600 t/yr")})
    assert [f.status for f in o.findings] == ["notice"]
    assert row(o, "short.capacity_plans", 2028).status == "achieved"


def test_an_actual_of_the_wrong_dimension_and_a_missing_actual(tmp_path: Path) -> None:
    o = compute(
        tmp_path,
        {
            "a.toml": report(
                "A K.K.",
                "R10年度",
                plan("l1", "capacity.ndfeb", "600 t/yr", "600 t")
                + plan("l2", "capacity.smco", "100 t/yr", None),
            )
        },
    )
    got = [(f.where, f.status) for f in o.findings]
    assert got == [("plans[0].actual", "invalid"), ("plans[1].actual", "missing")]
    assert "'600 t' is not a capacity or production per year" in o.findings[0].message.en
    assert o.findings[1].message.ja.startswith("計画 `l2`：当該年度の実績")
    assert row(o, "short.capacity_plans", 2028).value == 0


def test_statistics_that_disagree_are_not_used(tmp_path: Path) -> None:
    o = compute(
        tmp_path,
        {
            "s1.toml": statistics(_capacity_year("FY2030", "9000 t/yr", "8000 t/yr")),
            "s2.toml": statistics(_capacity_year("R12年度", "8500 t/yr", "8 kt/yr")),
        },
    )
    (f,) = o.findings
    assert (f.status, f.where) == ("contradiction", "years[0].japanese_capacity")
    assert [r.status for r in o.rows_for("long.capacity_vs_demand")] == ["no_data"]


@pytest.mark.parametrize(
    ("text", "where", "status", "words"),
    [
        (
            report("A", "R9年度", motor("m1", "R10年度")),
            "motors[0].developed",
            "contradiction",
            "after the report's fiscal year",
        ),
        (
            report("A", "R9年度", plan("l1", "capacity.ndfb", "1 t/yr", "1 t/yr")),
            "plans[0].track",
            "invalid",
            "did you mean 'capacity.ndfeb'?",
        ),
        (
            report("A", "R9年度", "operater = 'x'\n"),
            "report.operater",
            "invalid",
            "(did you mean 'operator'?)",
        ),
        ('[report]\nfiscal_year = "R9"\n', "report.operator", "missing", "operator"),
        (report("A", "R9年度", 'submitted = "soon"\n'), "report.submitted", "invalid", "date"),
        (report("A", "R99年度"), "report.fiscal_year", "invalid", "outside"),
        (
            report("A", "R9年度", ev("X", "FY2030")),
            "ev_models[0].launched",
            "contradiction",
            "after the report's fiscal year",
        ),
        ("plans = 3\n" + report("A", "R9年度"), "plans", "invalid", "array of tables"),
        (
            statistics('fiscal_year = "FY2030"\nrecycling_capacity = 3000'),
            "years[0].recycling_capacity",
            "invalid",
            "number without a unit",
        ),
        (
            statistics(
                'fiscal_year = "FY2030"\ndomestic_demand = "0 t/yr"\njapanese_capacity = "1 t/yr"'
            ),
            "years[0].domestic_demand",
            "invalid",
            "is zero",
        ),
    ],
)
def test_what_is_wrong_inside_a_file_is_a_finding(
    tmp_path: Path, text: str, where: str, status: str, words: str
) -> None:
    o = compute(tmp_path, {"x.toml": text})
    assert any(
        f.where == where and f.status == status and words in f.message.en for f in o.findings
    ), [(f.where, f.status, f.message.en) for f in o.findings]


def test_the_same_motor_reported_in_two_different_years_is_not_counted(tmp_path: Path) -> None:
    o = compute(
        tmp_path,
        {
            "a.toml": report("A", "R8年度", motor("m1", "R8年度")),
            "b.toml": report("A", "R9年度", motor("m1", "R9年度")),
        },
    )
    assert any(f.status == "contradiction" for f in o.findings)
    assert row(o, "short.motors_developed", 2027).value == 0


def test_a_gap_in_an_operators_reports_is_a_finding(tmp_path: Path) -> None:
    o = compute(tmp_path, {"a.toml": report("A", "FY2026"), "b.toml": report("A", "FY2028")})
    (f,) = o.findings
    assert f.status == "missing" and "FY2027 (R9年度)" in f.message.en


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.toml", "[report\n", "not valid TOML"),
        ("x.toml", "[other]\na = 1\n", "no [report], [statistics] or [stage_gates]"),
        ("x.json", "[1, 2]", "the top level is not a table"),
        ("x.txt", "hello", "unknown file type '.txt'"),
        ("x.toml", "", "file is empty"),
    ],
)
def test_an_unreadable_file_stops_with_exit_2(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EligibilityError, match="^" + str(path).replace("\\", "\\\\")):
        compute_files([path], INDICATORS, RULESET)
    result = run("outcomes", str(path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}: ") and message in result.stderr


def test_outcomes_without_a_path_is_bad_usage() -> None:
    result = run("outcomes")
    assert result.exit_code == 2
    assert "give at least one status report" in result.stderr


# --- the example set -------------------------------------------------------------------------

EXPECTED = {
    "short.capacity_plans": "2025 on_track, 2026 behind, 2027 behind, 2028 missed, "
    "2029 after_target, 2030 after_target",
    "short.recycling_plans": "2026 on_track, 2027 behind, 2028 missed, 2029 after_target, "
    "2030 after_target",
    "short.motors_developed": "2025 on_track, 2026 on_track, 2027 missed, 2028 after_target, "
    "2029 after_target, 2030 after_target",
    "long.capacity_vs_demand": "2024 on_track, 2025 on_track, 2026 behind, 2027 on_track, "
    "2028 on_track, 2029 behind, 2030 achieved, 2031 after_target",
    "long.recycling_capacity": "2020 on_track, 2024 behind, 2025 behind, 2026 behind, "
    "2027 behind, 2028 on_track, 2029 on_track, 2030 achieved, 2031 after_target",
    "long.ev_models": "2025 on_track, 2026 on_track, 2027 on_track, 2028 on_track, "
    "2029 on_track, 2030 achieved",
}


def test_the_example_set_gives_the_documented_statuses() -> None:
    o = compute_files([EXAMPLES], INDICATORS, RULESET)
    got = {
        i.id: ", ".join(f"{r.year.year if r.year else '-'} {r.status}" for r in o.rows_for(i.id))
        for i in INDICATORS.indicators
    }
    assert got == EXPECTED
    statuses = sorted(f.status for f in o.findings)
    assert statuses == ["contradiction", "invalid", "invalid", "missing"]
    operators = {f.data["report"]["operator"] for f in o.inputs if f.kind == "report"}
    assert len(operators) >= 4
    superseded = sorted(Path(sp.head.file).name for sp in o.superseded)
    assert superseded == ["kyushu-recycling-FY2029.toml", "shikoku-magnet-FY2028.toml"]


def test_the_example_set_has_a_ratio_and_an_operator_that_fall_back_after_the_target() -> None:
    o = compute_files([EXAMPLES], INDICATORS, RULESET)
    early = row(o, "long.capacity_vs_demand", 2027)
    assert early.value is not None and early.value >= 1 and early.status == "on_track"
    later = row(o, "long.capacity_vs_demand", 2031)
    assert later.value is not None and later.value < 1 and later.status == "after_target"
    result = o.result("long.capacity_vs_demand")
    assert result is not None and result.status == "achieved"
    assert "the result of the target year FY2030 stands: achieved" in later.rule.en
    shikoku = [
        f for f in o.inputs if f.kind == "report" and "Shikoku" in f.data["report"]["operator"]
    ]
    assert len(shikoku) == 6  # FY2026–FY2030 and a revision of FY2028


# --- formats and charts ----------------------------------------------------------------------


def test_table_is_the_default() -> None:
    result = run("outcomes", str(EXAMPLES))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Permanent-magnet supply-chain program: outcome indicators")
    assert lines[4].split()[:3] == ["indicator", "target", "FY2020"]
    row_line = next(x for x in lines if x.startswith("short.capacity_plans "))
    assert "100 % by FY2028" in row_line and "50% ✗" in row_line and "75% »" in row_line
    assert "findings (4):" in lines
    assert "superseded reports (2, not counted):" in lines
    assert any("screening reads it as 2030-12-31" in x for x in lines)


def test_table_in_japanese() -> None:
    result = run("outcomes", str(EXAMPLES), "--lang", "ja")
    assert result.exit_code == 0
    assert "R10年度までに 100 %" in result.stdout
    assert "規則: R9年度 は目標年度 R10年度 より前" in result.stdout


def test_json_has_every_indicator_year_and_finding() -> None:
    result = run("outcomes", str(EXAMPLES), "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert [i["id"] for i in doc["indicators"]] == list(EXPECTED)
    cap = doc["indicators"][0]
    assert cap["target"] == {
        "value": "100 %",
        "exact": "1",
        "fiscal_year": 2028,
        "label": "FY2028",
        "label_ja": "R10年度",
    }
    y2028 = next(y for y in cap["years"] if y["fiscal_year"] == 2028)
    assert (y2028["exact"], y2028["status"], y2028["label_ja"]) == ("1/2", "missed", "R10年度")
    assert y2028["as_at"] == "2029-03-31"
    assert len(y2028["sources"]) == 4
    assert cap["result"] == {"status": "missed", "value": "50 %"}
    assert doc["reading"]["as_at"] == "fiscal_year_end"
    assert doc["status_rules"]["target"]["met"] == "achieved"
    assert doc["status_rules"]["after"] == {
        "compare": "none",
        "status": "after_target",
        "source": doc["status_rules"]["after"]["source"],
    }
    assert "目標年度" in doc["status_rules"]["after"]["source"]
    superseded = [i for i in doc["inputs"] if "superseded_by" in i]
    assert len(superseded) == 2
    assert len(doc["findings"]) == 4
    assert {f["status"] for f in doc["findings"]} == {"missing", "invalid", "contradiction"}


def test_csv_has_one_line_per_indicator_and_year() -> None:
    result = run("outcomes", str(EXAMPLES), "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")  # the BOM Excel reads UTF-8 by
    rows = list(csv.DictReader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    assert len(rows) == sum(len(v.split(", ")) for v in EXPECTED.values())
    r = next(x for x in rows if x["indicator"] == "long.recycling_capacity" and x["exact"] == "2")
    assert (r["fiscal_year"], r["fiscal_year_ja"], r["status"]) == ("FY2030", "R12年度", "achieved")


def test_markdown_with_charts(tmp_path: Path) -> None:
    charts = tmp_path / "charts"
    result = run("outcomes", str(EXAMPLES), "--format", "markdown", "--chart", str(charts))
    assert result.exit_code == 0
    md = result.stdout
    assert md.startswith("# Permanent-magnet supply-chain program: outcome indicators\n")
    assert "| `short.capacity_plans` | 100 % by FY2028 |" in md
    assert f"]({charts}/long.ev_models.svg)" in md
    assert "## Findings" in md
    assert result.stderr.count("chart: ") == 6


def test_charts_are_well_formed_svg_with_target_and_titles(tmp_path: Path) -> None:
    result = run("outcomes", str(EXAMPLES), "--chart", str(tmp_path))
    assert result.exit_code == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == sorted(f"{i}.svg" for i in EXPECTED)
    for path in tmp_path.iterdir():
        root = ET.parse(path).getroot()
        assert root.tag == f"{SVG}svg"
        title = root.find(f"{SVG}title")
        assert title is not None and title.text and path.stem in title.text
        texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
        assert "目標" in texts and "fiscal year" in texts and "FY2030" in texts
        dashed = [x for x in root.iter(f"{SVG}line") if x.get("stroke-dasharray") == "7 5"]
        assert len(dashed) == 1  # the target line
    root = ET.parse(tmp_path / "short.capacity_plans.svg").getroot()
    bars = [r for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None]
    assert len(bars) == 6
    assert "FY2028 (R10年度): 50 % (missed)" in [b.find(f"{SVG}title").text for b in bars]  # type: ignore[union-attr]


def test_a_chart_for_an_indicator_without_data(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "statistics.toml", tmp_path / "statistics.toml")
    result = run("outcomes", str(tmp_path / "statistics.toml"), "--chart", str(tmp_path / "c"))
    assert result.exit_code == 0
    root = ET.parse(tmp_path / "c" / "short.motors_developed.svg").getroot()
    assert "データなし / no data" in [t.text for t in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("kind", ["report", "statistics", "stage_gates"])
def test_schema_of_each_file_kind_covers_the_examples(kind: str) -> None:
    result = run("outcomes", "--schema", kind)
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == [kind]
    o = compute_files([EXAMPLES], INDICATORS, RULESET)
    for f in o.inputs:
        if f.kind != kind:
            continue
        assert set(f.data) <= set(schema["properties"])
        for key, value in f.data.items():
            spec = schema["properties"][key]
            items = value if isinstance(value, list) else [value]
            props = spec["items"] if spec.get("type") == "array" else spec
            props = props.get("properties") or schema["$defs"]["ev_model"]["properties"]
            for item in items:
                assert set(item) <= set(props), (f.path, key, set(item) - set(props))
