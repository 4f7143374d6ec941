"""Outcomes as CSV: one line per indicator and fiscal year; sources separated by "; ".

Written like every CSV of the tool (:class:`~eligibility.rendering.formats.csv.SafeCsv`):
CRLF after each record, and no cell starts a formula, since a source file's name comes from
outside the office."""

from __future__ import annotations

import io

from eligibility.outcomes.measure import Outcomes
from eligibility.outcomes.render import common
from eligibility.rendering.formats.csv import SafeCsv
from eligibility.text import Lang

CSV_COLUMNS = (
    "indicator",
    "term",
    "title",
    "fiscal_year",
    "fiscal_year_ja",
    "as_at",
    "value",
    "exact",
    "target",
    "target_year",
    "status",
    "detail",
    "rule",
    "trajectory",
    "sources",
)


def to_csv(o: Outcomes, lang: Lang = "en") -> str:
    buf = io.StringIO()
    w = SafeCsv(buf)
    w.record(CSV_COLUMNS)
    for row in o.rows:
        ind = row.indicator
        w.record(
            [
                ind.id,
                ind.term,
                ind.title(lang),
                "" if row.year is None else row.year.western,
                "" if row.year is None else row.year.japanese,
                "" if row.as_at is None else row.as_at.isoformat(),
                "" if row.value is None else row.value_text,
                "" if row.value is None else common.fraction(row.value),
                ind.target_text,
                ind.target_year.western,
                str(row.status),
                "" if row.detail is None else row.detail(lang),
                row.rule(lang),
                "" if row.trajectory is None else ind.show(row.trajectory),
                "; ".join(row.sources),
            ]
        )
    return buf.getvalue()
