"""Measuring: every indicator's value for each fiscal year it has data for.

:func:`compute` reads the current status reports, the statistics and the stage-gate results,
merges what several files say about one thing (a plan of an operator in a year, a statistic,
a motor, an EV model) — finding contradictions between statements that each claim to be
current — computes each indicator's values (:class:`~eligibility.outcomes.judge.Point`) and
judges them (:func:`~eligibility.outcomes.judge.judged_rows`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from eligibility.messages import outcomes as say
from eligibility.outcomes.corrections import Superseded, current_reports
from eligibility.outcomes.findings import (
    CONTRADICTION,
    INVALID,
    MISSING,
    NOTICE,
    Finding,
    Findings,
)
from eligibility.outcomes.fiscal_year import FiscalYear, fiscal_year_of
from eligibility.outcomes.indicators import Indicator, IndicatorSet, load_indicators
from eligibility.outcomes.inputs import InputFile, InputKind, input_paths, read_input
from eligibility.outcomes.judge import Point, Row, judged_rows
from eligibility.outcomes.reports import Item, PlanEntry, Report, read_head, read_report
from eligibility.outcomes.screening_rules import Ruleset, Value, select_ruleset
from eligibility.outcomes.stage_gates import Gates, Review, latest_reviews, read_stage_gates
from eligibility.outcomes.statistics import StatValue, read_statistics
from eligibility.quantities.units import DimensionalityError
from eligibility.text import Text


@dataclass(frozen=True)
class Outcomes:
    indicators: IndicatorSet
    ruleset: Ruleset
    inputs: tuple[InputFile, ...]
    rows: tuple[Row, ...]
    findings: tuple[Finding, ...]
    superseded: tuple[Superseded, ...] = ()

    def rows_for(self, indicator_id: str) -> list[Row]:
        return [r for r in self.rows if r.indicator.id == indicator_id]

    def result(self, indicator_id: str) -> Row | None:
        """The indicator's row of its target year: its result, once that year has data."""
        return next(
            (r for r in self.rows_for(indicator_id) if r.year == r.indicator.target_year), None
        )

    @property
    def problems(self) -> tuple[Finding, ...]:
        """The findings that say something is wrong (all but notices)."""
        return tuple(f for f in self.findings if f.status is not NOTICE)


def compute_files(
    paths: Sequence[str | os.PathLike[str]],
    indicators: IndicatorSet | None = None,
    ruleset: Ruleset | None = None,
) -> Outcomes:
    """Read every input file under ``paths`` and compute."""
    rs = ruleset if ruleset is not None else select_ruleset()
    ind = indicators if indicators is not None else load_indicators(ruleset=rs)
    files = [read_input(p) for p in input_paths(paths)]
    return compute(files, ind, rs)


def compute(files: Sequence[InputFile], indicators: IndicatorSet, ruleset: Ruleset) -> Outcomes:
    """Every indicator for each fiscal year it has data for, with the findings met on the way."""
    r = Findings()
    for f in files:
        for n in f.notices:
            r.add(f.path, "", NOTICE, n)
    reviews: list[Review] = []
    for f in files:
        if f.kind is InputKind.STAGE_GATES:
            reviews.extend(read_stage_gates(f, r))
    gates = latest_reviews(reviews, r)
    by_path = {f.path: f for f in files}
    heads = [
        h for f in files if f.kind is InputKind.REPORT for h in [read_head(f, r)] if h is not None
    ]
    current, superseded = current_reports(heads, r)
    reports = [read_report(by_path[h.file], h, indicators, ruleset, gates, r) for h in current]
    stats: list[StatValue] = []
    stat_models: list[Item] = []
    for f in files:
        if f.kind is InputKind.STATISTICS:
            values, models = read_statistics(f, indicators, r)
            stats.extend(values)
            stat_models.extend(models)
    _report_gaps(reports, r)
    plans = _merge_plans(reports, r)
    figures = _merge_stats(stats, r)
    report_years = sorted({rep.year for rep in reports})
    rows: list[Row] = []
    for ind in indicators.indicators:
        found: list[Point]
        if ind.measure == "plan_share":
            found = _plan_share(ind, plans)
        elif ind.measure == "count":
            if ind.items == "motors":
                items = [m for rep in reports for m in rep.motors]
                if ind.stage_gates:
                    items += _reviewed_only(items, gates)
            else:
                items = [m for rep in reports for m in rep.ev_models] + stat_models
            years = set(report_years) | {m.year for m in items}
            if any(y > ind.target_year for y in years):
                years.add(ind.target_year)
            found = _count(ind, _merge_items(items, r, ind), sorted(years))
        else:
            found = _ratio(ind, figures, indicators, r)
        rows.extend(judged_rows(ind, indicators, found))
    order = {f.path: i for i, f in enumerate(files)}
    findings = sorted(r.items, key=lambda x: (order.get(x.file, len(order)), x.file))
    return Outcomes(
        indicators, ruleset, tuple(files), tuple(rows), tuple(findings), tuple(superseded)
    )


def _reviewed_only(reported: list[Item], gates: Gates) -> list[Item]:
    """Motors no current report names, counted on a passed stage-gate review alone, from the
    fiscal year of the review."""
    named = {it.key for it in reported}
    out = []
    for key, rv in gates.latest.items():
        if rv is None or not rv.passed or key in named:
            continue
        label = f"{rv.operator} {rv.motor}"
        out.append(Item(rv.file, rv.where, key, label, fiscal_year_of(rv.date), True))
    return out


# One plan of one operator in one year: its state and where it was reported.
@dataclass
class _PlanState:
    track: str
    met: bool | None  # None: cannot be told (missing, unreadable, contradictory)
    sources: list[str]


def _report_gaps(reports: list[Report], r: Findings) -> None:
    by_op: dict[str, list[Report]] = {}
    for rep in reports:
        by_op.setdefault(rep.head.operator_key, []).append(rep)
    for reps in by_op.values():
        years = sorted({x.year.year for x in reps})
        for y in range(years[0] + 1, years[-1]):
            if y not in years:
                fy = FiscalYear(y)
                last = max((x for x in reps if x.year.year < y), key=lambda x: x.year)
                r.add(
                    last.file,
                    "report.fiscal_year",
                    MISSING,
                    say.YEAR_NOT_REPORTED.format(
                        operator=last.head.operator, year=Text(fy.both, fy.japanese)
                    ),
                )


def _same(a: Value | None, b: Value | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if a.value is not None and b.value is not None:
        unit = a.value.unit
        try:
            return bool(a.value.to(unit) == b.value.to(unit))
        except DimensionalityError:
            return False
    return a.given == b.given


def _merge_plans(
    reports: list[Report], r: Findings
) -> dict[tuple[FiscalYear, str], dict[str, _PlanState]]:
    """Per (year, operator): each counted plan's state, contradictions between reports found."""
    first: dict[tuple[FiscalYear, str, str], PlanEntry] = {}
    out: dict[tuple[FiscalYear, str], dict[str, _PlanState]] = {}
    for rep in reports:
        states = out.setdefault((rep.year, rep.head.operator_key), {})
        for p in rep.plans:
            key = (rep.year, rep.head.operator_key, p.id)
            if key in first:
                prior = first[key]
                state = states[p.id]
                state.sources.append(p.file)
                clash = [] if prior.track == p.track else ["track"]
                clash += [
                    k
                    for k, a, b in (
                        ("target", prior.target, p.target),
                        ("actual", prior.actual, p.actual),
                    )
                    if not _same(a, b)
                ]
                if clash:
                    shown = ", ".join(
                        f"{k}: {_given(getattr(p, k))} ≠ {_given(getattr(prior, k))}" for k in clash
                    )
                    r.add(
                        p.file,
                        f"{p.where}.{clash[0]}",
                        CONTRADICTION,
                        say.REPORTS_DISAGREE.format(
                            operator=rep.head.operator,
                            plan=p.id,
                            year=Text(rep.year.both, rep.year.japanese),
                            file=prior.file,
                            shown=shown,
                        ),
                    )
                    state.met = None
                else:
                    r.add(
                        p.file,
                        p.where,
                        NOTICE,
                        say.ALSO_REPORTED.format(
                            operator=rep.head.operator,
                            plan=p.id,
                            year=Text(rep.year.both, rep.year.japanese),
                            file=prior.file,
                        ),
                    )
                continue
            first[key] = p
            states[p.id] = _PlanState(p.track, _plan_met(p), [p.file])
    return out


def _given(v: Any) -> str:
    if v is None:
        return "(none)"
    if isinstance(v, Value):
        return v.given
    return str(v)


def _plan_met(p: PlanEntry) -> bool | None:
    if p.target is None or p.actual is None or p.target.value is None or p.actual.value is None:
        return None
    unit = p.target.value.unit
    return bool(p.actual.value.to(unit) >= p.target.value.to(unit))


def _plan_share(
    ind: Indicator, plans: dict[tuple[FiscalYear, str], dict[str, _PlanState]]
) -> list[Point]:
    by_year: dict[FiscalYear, list[tuple[bool, list[str]]]] = {}
    for (year, _op), states in plans.items():
        mine = [s for s in states.values() if s.track in ind.tracks]
        if not mine:
            continue
        met = all(s.met is True for s in mine)
        sources = sorted({src for s in mine for src in s.sources})
        by_year.setdefault(year, []).append((met, sources))
    out = []
    for year in sorted(by_year):
        ops = by_year[year]
        n_met = sum(1 for m, _ in ops if m)
        detail = say.OPERATORS_MET.format(
            met=n_met, operators=len(ops), year=Text(year.western, year.japanese)
        )
        files = tuple(sorted({s for _, srcs in ops for s in srcs}))
        out.append(Point(year, Fraction(n_met, len(ops)), detail, files))
    return out


def _merge_items(items: list[Item], r: Findings, ind: Indicator) -> list[Item]:
    """One item per identity; the same motor or model reported with different years is
    contradictory and not counted."""
    groups: dict[tuple[str, ...], list[Item]] = {}
    for it in items:
        groups.setdefault(it.key, []).append(it)
    out: list[Item] = []
    for group in groups.values():
        years = sorted({it.year for it in group})
        if len(years) > 1:
            places = ", ".join(f"{it.file} ({it.year.western})" for it in group)
            what = say.MOTOR if ind.items == "motors" else say.EV_MODEL
            r.add(
                group[-1].file,
                group[-1].where,
                CONTRADICTION,
                say.YEARS_DIFFER.format(what=what, label=group[0].label, places=places),
            )
            continue
        counts = all(it.counts for it in group)
        also = tuple(dict.fromkeys(f for it in group for f in it.also))
        first = group[0]
        out.append(Item(first.file, first.where, first.key, first.label, years[0], counts, also))
        for it in group[1:]:
            out.append(Item(it.file, it.where, it.key, it.label, it.year, False))
    return out


def _count(ind: Indicator, items: list[Item], years: list[FiscalYear]) -> list[Point]:
    counted = [it for it in items if it.counts]
    out = []
    for year in years:
        upto = [it for it in counted if it.year <= year]
        sources = tuple(sorted({f for it in items if it.year <= year for f in (it.file, *it.also)}))
        names = ", ".join(sorted(it.label for it in upto)) or "—"
        detail = say.ITEMS_SO_FAR.format(count=len(upto), names=names)
        out.append(Point(year, Fraction(len(upto)), detail, sources))
    return out


def _merge_stats(
    stats: list[StatValue], r: Findings
) -> dict[tuple[FiscalYear, str], StatValue | None]:
    """One figure per (year, field); disagreeing figures are contradictory (None)."""
    out: dict[tuple[FiscalYear, str], StatValue | None] = {}
    firsts: dict[tuple[FiscalYear, str], StatValue] = {}
    for s in stats:
        key = (s.year, s.field)
        if key not in firsts:
            firsts[key] = s
            out[key] = s
            continue
        prior = firsts[key]
        if _same(prior.value, s.value):
            continue
        r.add(
            s.file,
            s.where,
            CONTRADICTION,
            say.STATISTICS_DISAGREE.format(
                field=s.field,
                year=Text(s.year.both, s.year.japanese),
                value=s.value.given,
                other=prior.value.given,
                file=prior.file,
                where=prior.where,
            ),
        )
        out[key] = None
    return out


def _ratio(
    ind: Indicator,
    figures: dict[tuple[FiscalYear, str], StatValue | None],
    indicators: IndicatorSet,
    r: Findings,
) -> list[Point]:
    assert ind.numerator is not None and ind.denominator is not None
    out = []
    years = sorted({y for (y, name) in figures if name == ind.numerator})
    for year in years:
        num = figures.get((year, ind.numerator))
        den_year = ind.denominator_year or year
        den = figures.get((den_year, ind.denominator))
        if num is None or den is None:
            continue
        assert num.value.value is not None and den.value.value is not None
        unit = den.value.value.unit
        d = den.value.value.to(unit)
        if d == 0:
            r.add(
                den.file,
                den.where,
                INVALID,
                say.DENOMINATOR_ZERO.format(indicator=ind.id, denominator=ind.denominator),
            )
            continue
        value = num.value.value.to(unit) / d
        detail = say.RATIO.format(
            numerator=num.value.given,
            year=Text(year.western, year.japanese),
            denominator=den.value.given,
            denominator_year=Text(den_year.western, den_year.japanese),
        )
        out.append(Point(year, value, detail, tuple(sorted({num.file, den.file}))))
    return out
