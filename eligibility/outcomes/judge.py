"""Judging an indicator's values year by year with the status rules of the indicators file.

Where a year falls against the indicator's target year picks the rule (before, target, after);
the rule says what the value is compared with (the trajectory or the target) and which status
each outcome gives. Every row carries the rule that decided it, with the numbers; a year after
the target year says which result of the target year stands.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from fractions import Fraction

from eligibility.outcomes.fiscal_year import FiscalYear
from eligibility.outcomes.indicators import Indicator, IndicatorSet
from eligibility.outcomes.statuses import Compare, Period, PeriodRule, Status, StatusRules
from eligibility.text import Text


@dataclass(frozen=True)
class Point:
    """An indicator's value in one fiscal year, before it is judged."""

    year: FiscalYear
    value: Fraction
    detail: Text | None  # how the value is made: "3 of 4 operators", "6,800 t/yr ÷ 7,200 t/yr"
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Row:
    """One indicator in one fiscal year."""

    indicator: Indicator
    year: FiscalYear | None  # None: no data at all
    value: Fraction | None
    detail: Text | None
    status: Status
    rule: Text  # the rule that decided the status, with the numbers
    sources: tuple[str, ...]
    trajectory: Fraction | None = None  # the value expected in this year, when there is one
    as_at: dt.date | None = None  # the day the year's figures are taken at ("N年時点")

    @property
    def value_text(self) -> str:
        if self.value is None:
            return "—"
        return self.indicator.show(self.value, self.indicator.target)


def trajectory_value(
    ind: Indicator, year: FiscalYear, baseline: Fraction, baseline_year: FiscalYear
) -> Fraction:
    """The straight line from ``baseline`` in ``baseline_year`` to the target in its year."""
    span = ind.target_year.year - baseline_year.year
    return baseline + (ind.target - baseline) * Fraction(year.year - baseline_year.year, span)


def _meets(rule: PeriodRule, value: Fraction, reference: Fraction) -> tuple[bool, str, str]:
    """Whether ``value`` meets ``reference`` by the rule, and the signs for yes and no."""
    if rule.meets == ">":
        return value > reference, ">", "≤"
    return value >= reference, "≥", "<"


def judge(
    ind: Indicator,
    rules: StatusRules,
    year: FiscalYear,
    value: Fraction,
    baseline: Fraction | None = None,
    baseline_year: FiscalYear | None = None,
) -> tuple[Status, Text, Fraction | None]:
    """The status of ``value`` in ``year``, the rule that decided it, and the trajectory."""
    period = ind.period(year)
    rule = rules.of(period)
    ty = ind.target_year
    v = ind.show(value, ind.target)
    t = ind.target_text
    if period is Period.BEFORE:
        where = Text(
            f"{year.western} is before the target year {ty.western}",
            f"{year.japanese} は目標年度 {ty.japanese} より前",
        )
    elif period is Period.TARGET:
        where = Text(f"{year.western} is the target year", f"{year.japanese} は目標年度")
    else:
        where = Text(
            f"{year.western} is after the target year {ty.western}",
            f"{year.japanese} は目標年度 {ty.japanese} より後",
        )
    if rule.compare is Compare.NONE:
        assert rule.status is not None
        return rule.status, where, None
    assert rule.met is not None and rule.not_met is not None
    if rule.compare is Compare.TARGET:
        ok, yes, no = _meets(rule, value, ind.target)
        sign = yes if ok else no
        return (
            rule.met if ok else rule.not_met,
            where + Text(f", and {v} {sign} {t}", f"で、{v} {sign} {t}"),
            None,
        )
    return _against_trajectory(ind, rule, where, year, value, baseline, baseline_year)


def _against_trajectory(
    ind: Indicator,
    rule: PeriodRule,
    where: Text,
    year: FiscalYear,
    value: Fraction,
    baseline: Fraction | None,
    baseline_year: FiscalYear | None,
) -> tuple[Status, Text, Fraction | None]:
    assert rule.met is not None and rule.not_met is not None and rule.no_trajectory is not None
    ty = ind.target_year
    v = ind.show(value, ind.target)
    t = ind.target_text
    if ind.trajectory == "plan":
        ok, yes, no = _meets(rule, value, ind.target)
        sign = yes if ok else no
        return (
            rule.met if ok else rule.not_met,
            where
            + Text(
                f"; the year's plan targets are its trajectory, and {v} {sign} {t}",
                f"。その年度の計画目標が軌道で、{v} {sign} {t}",
            ),
            ind.target,
        )
    if ind.trajectory == "linear" and baseline is not None and baseline_year is not None:
        if year < baseline_year:
            return (
                rule.no_trajectory,
                where
                + Text(
                    f" and before the baseline year {baseline_year.western}: no trajectory yet",
                    f"で、基準年度 {baseline_year.japanese} より前（軌道なし）",
                ),
                None,
            )
        expected = trajectory_value(ind, year, baseline, baseline_year)
        e = ind.show(expected, value)
        ok, yes, no = _meets(rule, value, expected)
        sign = yes if ok else no
        line = Text(
            f"; the straight line from {ind.show(baseline)} in {baseline_year.western} "
            f"to {t} in {ty.western} gives {e}, and {v} {sign} {e}",
            f"。{baseline_year.japanese} の {ind.show(baseline)} から {ty.japanese} の {t} への"
            f"直線で {e}、{v} {sign} {e}",
        )
        return (rule.met if ok else rule.not_met), where + line, expected
    if value >= ind.target:
        said = Text(
            f"; {v} ≥ {t} already, judged in {ty.western}",
            f"。既に {v} ≥ {t}（判定は {ty.japanese}）",
        )
    else:
        said = Text(
            f"; {v} < {t}, which is not due until {ty.western}",
            f"。{v} < {t} だが、期限は {ty.japanese}",
        )
    return rule.no_trajectory, where + said, None


def judged_rows(ind: Indicator, indicators: IndicatorSet, points: list[Point]) -> list[Row]:
    """The indicator's rows: each year judged; the target year present (with no data) once a
    later year has a value; later years saying which result of the target year stands."""
    rules = indicators.rules
    reading = indicators.reading
    if not points:
        return [
            Row(
                ind,
                None,
                None,
                None,
                Status.NO_DATA,
                Text(
                    "no status report or statistic gives a value",
                    "値を示す状況報告・統計がありません",
                ),
                (),
            )
        ]
    baseline = ind.baseline
    baseline_year = ind.baseline_year
    if ind.trajectory == "linear" and baseline is None:
        baseline, baseline_year = points[0].value, points[0].year
    rows: list[Row] = []
    ty = ind.target_year
    for p in points:
        status, rule, expected = judge(ind, rules, p.year, p.value, baseline, baseline_year)
        rows.append(
            Row(
                ind,
                p.year,
                p.value,
                p.detail,
                status,
                rule,
                p.sources,
                expected,
                reading.date(p.year),
            )
        )
    if any(r.year is not None and r.year > ty for r in rows) and not any(
        r.year == ty for r in rows
    ):
        rows.append(
            Row(
                ind,
                ty,
                None,
                None,
                Status.NO_DATA,
                Text(
                    f"no value for the target year {ty.western}: its result is not known",
                    f"目標年度 {ty.japanese} の値がないため、結果は不明",
                ),
                (),
                None,
                reading.date(ty),
            )
        )
        rows.sort(key=lambda r: r.year or ty)
    result = next((r for r in rows if r.year == ty), None)
    if result is None:
        return rows
    stands = Text(
        f"; the result of the target year {ty.western} stands: "
        f"{result.status.text.en} ({result.value_text})",
        f"。目標年度 {ty.japanese} の結果（{result.value_text}、{result.status.text.ja}）が確定",
    )
    return [
        Row(
            r.indicator,
            r.year,
            r.value,
            r.detail,
            r.status,
            r.rule + stands,
            r.sources,
            r.trajectory,
            r.as_at,
        )
        if r.year is not None and r.year > ty
        else r
        for r in rows
    ]
