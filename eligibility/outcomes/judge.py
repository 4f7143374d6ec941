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

from eligibility.messages import outcomes as say
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
        where = say.BEFORE_TARGET_YEAR.format(year=_year(year), target_year=_year(ty))
    elif period is Period.TARGET:
        where = say.IS_TARGET_YEAR.format(year=_year(year))
    else:
        where = say.AFTER_TARGET_YEAR.format(year=_year(year), target_year=_year(ty))
    if rule.compare is Compare.NONE:
        assert rule.status is not None
        return rule.status, where, None
    assert rule.met is not None and rule.not_met is not None
    if rule.compare is Compare.TARGET:
        ok, yes, no = _meets(rule, value, ind.target)
        sign = yes if ok else no
        return (
            rule.met if ok else rule.not_met,
            say.AGAINST_TARGET.format(where=where, value=v, sign=sign, target=t),
            None,
        )
    return _against_trajectory(ind, rule, where, year, value, baseline, baseline_year)


def _year(year: FiscalYear) -> Text:
    """A fiscal year as a finding names it: FY2028, 令和10年度."""
    return Text(year.western, year.japanese)


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
            say.AGAINST_PLAN_TARGETS.format(where=where, value=v, sign=sign, target=t),
            ind.target,
        )
    if ind.trajectory == "linear" and baseline is not None and baseline_year is not None:
        if year < baseline_year:
            return (
                rule.no_trajectory,
                say.BEFORE_BASELINE.format(where=where, baseline_year=_year(baseline_year)),
                None,
            )
        expected = trajectory_value(ind, year, baseline, baseline_year)
        e = ind.show(expected, value)
        ok, yes, no = _meets(rule, value, expected)
        sign = yes if ok else no
        line = say.STRAIGHT_LINE.format(
            where=where,
            baseline=ind.show(baseline),
            baseline_year=_year(baseline_year),
            target=t,
            target_year=_year(ty),
            expected=e,
            value=v,
            sign=sign,
        )
        return (rule.met if ok else rule.not_met), line, expected
    if value >= ind.target:
        said = say.ALREADY_MET.format(where=where, value=v, target=t, target_year=_year(ty))
    else:
        said = say.NOT_YET_DUE.format(where=where, value=v, target=t, target_year=_year(ty))
    return rule.no_trajectory, said, None


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
                say.NO_VALUE,
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
                say.NO_TARGET_YEAR_VALUE.format(target_year=_year(ty)),
                (),
                None,
                reading.date(ty),
            )
        )
        rows.sort(key=lambda r: r.year or ty)
    result = next((r for r in rows if r.year == ty), None)
    if result is None:
        return rows
    stands = say.RESULT_STANDS.format(
        target_year=_year(ty), status=result.status.text, value=result.value_text
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
