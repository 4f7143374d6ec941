"""The status rules at every target year: for each indicator, the year before its target year
(on track or behind against the trajectory), the target year (achieved or missed) and the year
after (shown, the target year's result standing) — and the rules come from the indicators
file, not from the code."""

from __future__ import annotations

from pathlib import Path

import pytest

from eligibility import api
from eligibility.errors import RulesetError
from eligibility.outcomes.fiscal_year import FiscalYear
from eligibility.outcomes.indicators import default_indicators_path, load_indicators
from eligibility.outcomes.measure import Outcomes, compute_files

REPO = Path(__file__).resolve().parents[2]
RULESET = api.select_ruleset(REPO / "rules" / "permanent-magnets" / "2025-06")
INDICATORS = load_indicators(ruleset=RULESET)


def _report(year: int, body: str = "", operator: str = "A K.K.") -> str:
    return f'[report]\noperator = "{operator}"\nfiscal_year = "FY{year}"\n{body}'


def _plan(track: str, target: str, actual: str) -> str:
    return f'\n[[plans]]\nid = "p1"\ntrack = "{track}"\ntarget = "{target}"\nactual = "{actual}"\n'


def _motor(mid: str, year: int) -> str:
    return (
        f'\n[[motors]]\nid = "{mid}"\ndeveloped = "FY{year}"\n'
        '[motors.magnet]\nmaterial = "NdFeB"\ndysprosium = "0 wt%"\nterbium = "0 wt%"\n'
        '[motors.motor]\nmax_speed = "12000 rpm"\ntorque_density = "55 Nm/L"\n'
    )


def _ev(name: str, year: int) -> str:
    return (
        f'\n[[ev_models]]\nname = "{name}"\nmaker = "M"\nlaunched = "FY{year}"\n'
        "heavy_rare_earth_free = true\n"
    )


def _stats(*years: tuple[int, dict[str, str]]) -> str:
    out = '[statistics]\ntitle = "t"\n'
    for year, figures in years:
        out += f'\n[[years]]\nfiscal_year = "FY{year}"\n'
        out += "".join(f'{k} = "{v}"\n' for k, v in figures.items())
    return out


def _files(indicator: str, meets: bool) -> dict[str, str]:
    """Inputs giving the indicator a value in the years before, of and after its target year,
    meeting the trajectory and the target (``meets``) or just not."""
    if indicator == "short.capacity_plans":
        actual = "100 t/yr" if meets else "99.999 t/yr"
        return {
            f"r{y}.toml": _report(y, _plan("capacity.ndfeb", "100 t/yr", actual))
            for y in (2027, 2028, 2029)
        }
    if indicator == "short.recycling_plans":
        actual = "50 t/yr" if meets else "49.9 t/yr"
        return {
            f"r{y}.toml": _report(y, _plan("recycling.expansion", "50 t/yr", actual))
            for y in (2027, 2028, 2029)
        }
    if indicator == "short.motors_developed":
        motors = _motor("m1", 2026) + (_motor("m2", 2026) if meets else "")
        return {
            "r2026.toml": _report(2026, motors),
            **{f"r{y}.toml": _report(y) for y in (2027, 2028)},
        }
    if indicator == "long.ev_models":
        models = _ev("X", 2029) + (_ev("Y", 2029) if meets else "")
        return {
            "r2029.toml": _report(2029, models),
            **{f"r{y}.toml": _report(y) for y in (2030, 2031)},
        }
    if indicator == "long.capacity_vs_demand":
        # baseline 90 % in FY2027 (the first year): the line gives 96.67 % in FY2029
        return {
            "s.toml": _stats(
                (2027, {"domestic_demand": "1000 t/yr", "japanese_capacity": "900 t/yr"}),
                (
                    2029,
                    {
                        "domestic_demand": "3000 t/yr",
                        "japanese_capacity": "2900 t/yr" if meets else "2899.99 t/yr",
                    },
                ),
                (
                    2030,
                    {
                        "domestic_demand": "1000 t/yr",
                        "japanese_capacity": "1000 t/yr" if meets else "999.99 t/yr",
                    },
                ),
                (2031, {"domestic_demand": "1000 t/yr", "japanese_capacity": "500 t/yr"}),
            )
        }
    assert indicator == "long.recycling_capacity"
    # 100 % in FY2020 to 200 % in FY2030: 190 % in FY2029
    return {
        "s.toml": _stats(
            (2020, {"recycling_capacity": "1000 t/yr"}),
            (2029, {"recycling_capacity": "1900 t/yr" if meets else "1899.99 t/yr"}),
            (2030, {"recycling_capacity": "2000 t/yr" if meets else "1999.99 t/yr"}),
            (2031, {"recycling_capacity": "1500 t/yr"}),
        )
    }


def _compute(tmp_path: Path, files: dict[str, str]) -> Outcomes:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return compute_files([tmp_path], INDICATORS, RULESET)


def _status(o: Outcomes, indicator: str, year: int) -> str:
    (row,) = [r for r in o.rows_for(indicator) if r.year == FiscalYear(year)]
    return row.status


# (indicator, year before the target year: when meeting, when not)
BEFORE = {
    "short.capacity_plans": ("on_track", "behind"),
    "short.recycling_plans": ("on_track", "behind"),
    "short.motors_developed": ("on_track", "on_track"),  # a count has no trajectory
    "long.capacity_vs_demand": ("on_track", "behind"),
    "long.recycling_capacity": ("on_track", "behind"),
    "long.ev_models": ("on_track", "on_track"),
}


@pytest.mark.parametrize("indicator", list(BEFORE))
@pytest.mark.parametrize("meets", [True, False], ids=["meets", "short"])
def test_the_years_before_of_and_after_each_target_year(
    tmp_path: Path, indicator: str, meets: bool
) -> None:
    ind = INDICATORS.indicator(indicator)
    assert ind is not None
    ty = ind.target_year.year
    o = _compute(tmp_path, _files(indicator, meets))
    assert _status(o, indicator, ty - 1) == BEFORE[indicator][0 if meets else 1]
    assert _status(o, indicator, ty) == ("achieved" if meets else "missed")
    assert _status(o, indicator, ty + 1) == "after_target"
    (after,) = [r for r in o.rows_for(indicator) if r.year == FiscalYear(ty + 1)]
    word = "achieved" if meets else "missed"
    assert f"the result of the target year FY{ty} stands: {word}" in after.rule.en
    result = o.result(indicator)
    assert result is not None and result.status == word


def test_a_target_met_early_is_on_track_and_falling_back_later_is_judged_again(
    tmp_path: Path,
) -> None:
    o = _compute(
        tmp_path,
        {
            "s.toml": _stats(
                (2026, {"domestic_demand": "1000 t/yr", "japanese_capacity": "900 t/yr"}),
                (2027, {"domestic_demand": "1000 t/yr", "japanese_capacity": "1014 t/yr"}),
                (2030, {"domestic_demand": "1000 t/yr", "japanese_capacity": "944.4 t/yr"}),
            )
        },
    )
    assert _status(o, "long.capacity_vs_demand", 2027) == "on_track"
    assert _status(o, "long.capacity_vs_demand", 2030) == "missed"


def test_a_later_year_without_the_target_year_leaves_the_result_unknown(tmp_path: Path) -> None:
    o = _compute(
        tmp_path,
        {"s.toml": _stats((2031, {"domestic_demand": "1 t/yr", "japanese_capacity": "2 t/yr"}))},
    )
    assert _status(o, "long.capacity_vs_demand", 2030) == "no_data"
    assert _status(o, "long.capacity_vs_demand", 2031) == "after_target"


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    text = default_indicators_path().read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "indicators.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_the_status_rules_are_data(tmp_path: Path) -> None:
    strict = _edited(
        tmp_path,
        '[status_rules.target]\ncompare = "target"\nmeets = ">="',
        '[status_rules.target]\ncompare = "target"\nmeets = ">"',
    )
    ind = load_indicators(strict, RULESET)
    folder = tmp_path / "reports"
    folder.mkdir()
    for name, text in _files("short.capacity_plans", True).items():
        (folder / name).write_text(text, encoding="utf-8")
    got = compute_files([folder], ind, RULESET)
    (row,) = [r for r in got.rows_for("short.capacity_plans") if r.year == FiscalYear(2028)]
    assert row.status == "missed"  # 100 % is not > 100 %
    assert "100 % ≤ 100 %" in row.rule.en


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            'met = "achieved"',
            'met = "acheived"',
            "status_rules.target.met: unknown status 'acheived' (did you mean 'achieved'?)",
        ),
        (
            '[status_rules.after]\ncompare = "none"',
            '[status_rules.after]\ncompare = "trajectory"',
            "status_rules.after.compare: only years before the target year have a trajectory",
        ),
        (
            'no_trajectory = "on_track"\n',
            "",
            'status_rules.before.no_trajectory: required with compare = "trajectory"',
        ),
        ('as_at = "fiscal_year_end"', 'as_at = "end"', "reading.as_at"),
        ("effective_from = 2026-03-31\n", "", "indicators.effective_from: required key"),
    ],
)
def test_a_mistake_in_the_status_rules_is_named_by_key(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    path = _edited(tmp_path, old, new)
    with pytest.raises(RulesetError) as exc:
        load_indicators(path, RULESET)
    assert message in str(exc.value)


def test_the_reading_of_n_nen_jiten_is_a_parameter(tmp_path: Path) -> None:
    files = _files("long.recycling_capacity", True)
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    by_fiscal_year = compute_files([tmp_path / "s.toml"], INDICATORS, RULESET)
    (row,) = [
        r for r in by_fiscal_year.rows_for("long.recycling_capacity") if r.year == FiscalYear(2030)
    ]
    assert row.as_at is not None and row.as_at.isoformat() == "2031-03-31"
    calendar = load_indicators(
        _edited(tmp_path, 'as_at = "fiscal_year_end"', 'as_at = "calendar_year_end"'), RULESET
    )
    other = compute_files([tmp_path / "s.toml"], calendar, RULESET)
    (row,) = [r for r in other.rows_for("long.recycling_capacity") if r.year == FiscalYear(2030)]
    assert row.as_at is not None and row.as_at.isoformat() == "2030-12-31"
