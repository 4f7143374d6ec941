"""Outcomes as a workbook, laid out as the government's rules for machine-readable tables ask:
one table per sheet, one value per cell, numbers as numbers with the unit in a cell of its
own, and the Western fiscal year beside the Japanese era year.

Sheets: the indicators; their values year by year (the status coloured); the files each
value came from, one per row; a sheet of native Excel charts, one per indicator (the value by
fiscal year as bars coloured by status, the target and, when there is one, the trajectory as
lines), drawn from the year sheet's cells so that a corrected figure redraws its chart; the
findings; the input files (with the reports superseded); what each status means; and the
provenance. Text from the input files is always a string cell, never a formula.
"""

from __future__ import annotations

from fractions import Fraction

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.data_source import AxDataSource, MultiLevelStrRef
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.marker import DataPoint
from openpyxl.chart.series import Series, SeriesLabel
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.worksheet import Worksheet

from eligibility import __version__
from eligibility.application.workbook_layout import print_across
from eligibility.messages import outcomes_workbook as labels
from eligibility.outcomes.findings import FindingStatus
from eligibility.outcomes.indicators import Indicator
from eligibility.outcomes.judge import Row
from eligibility.outcomes.measure import Outcomes
from eligibility.outcomes.render import common
from eligibility.outcomes.render.chart import COLOURS as CHART_COLOURS
from eligibility.outcomes.statuses import Status
from eligibility.rendering import sheet
from eligibility.text import Lang
from eligibility.wording import word

#: fill colours of a status cell (Excel's good / neutral / bad styles, as results use)
STATUS_FILLS = {
    Status.ACHIEVED: "C6EFCE",
    Status.ON_TRACK: "E2EFDA",
    Status.BEHIND: "FFEB9C",
    Status.MISSED: "FFC7CE",
    Status.AFTER_TARGET: "EDEDED",
    Status.NO_DATA: "D9D9D9",
}
FINDING_FILLS = {
    FindingStatus.MISSING: "FFEB9C",
    FindingStatus.INVALID: "FFEB9C",
    FindingStatus.CONTRADICTION: "FFC7CE",
    FindingStatus.NOTICE: "DDEBF7",
}


# The year sheet's columns the charts draw from (1-based).
_FY_COLUMN = 2
_ERA_COLUMN = 3
_VALUE_COLUMN = 5
_TARGET_COLUMN = 8
_TRAJECTORY_COLUMN = 9
_STATUS_INDEX = 9  # the status key, counted from 0 as a row's values are
_CHART_ROWS = 20  # rows of the chart sheet each chart takes


def to_xlsx(o: Outcomes, lang: Lang = "en") -> bytes:
    """The workbook's bytes."""
    book = sheet.new_book()
    _indicators(book, o, lang)
    years, spans = _years(book, o, lang)
    _sources(book, o, lang)
    _charts(book, o, lang, years, spans)
    sheet.table(
        book,
        labels.SHEETS["findings"](lang),
        [h(lang) for h in labels.FINDING_HEAD],
        ([f.file, f.where, str(f.status), f.message(lang)] for f in o.findings),
        {2: {str(k): v for k, v in FINDING_FILLS.items()}},
    )
    superseded = {sp.head.file: sp for sp in o.superseded}
    sheet.table(
        book,
        labels.SHEETS["inputs"](lang),
        [h(lang) for h in labels.INPUT_HEAD],
        (
            [
                f.path,
                str(f.kind),
                f.sha256,
                superseded[f.path].by.file if f.path in superseded else None,
                superseded[f.path].reason(lang) if f.path in superseded else None,
            ]
            for f in o.inputs
        ),
    )
    statuses = o.indicators.statuses
    sheet.table(
        book,
        labels.SHEETS["statuses"](lang),
        [h(lang) for h in labels.STATUS_HEAD],
        (
            [str(k), k.mark, k.text(lang), statuses[k](lang) if k in statuses else None]
            for k in Status
        ),
        {0: {str(k): v for k, v in STATUS_FILLS.items()}},
    )
    s = o.indicators
    items = [
        (labels.PROVENANCE["indicators"](lang), s.id),
        (labels.PROVENANCE["version"](lang), s.version),
        (labels.PROVENANCE["effective"](lang), s.effective_from.isoformat()),
        (labels.PROVENANCE["path"](lang), s.path),
        (labels.PROVENANCE["sha256"](lang), s.sha256),
        (word("rule_set", lang), f"{o.ruleset.id} {o.ruleset.version}"),
        (labels.PROVENANCE["inputs"](lang), common.counts(o)(lang)),
        (labels.PROVENANCE["reading"](lang), common.reading(o)(lang)),
        (word("tool", lang), f"eligibility {__version__}"),
    ]
    sheet.key_values(book, labels.SHEETS["provenance"](lang), items)
    return sheet.to_bytes(book)


def _scaled(ind: Indicator, value: Fraction | None) -> Fraction | None:
    """A value as the tables show it: a count as it is, a share or ratio in per cent."""
    if value is None:
        return None
    return value if ind.is_count else value * 100


def _indicators(book: Workbook, o: Outcomes, lang: Lang) -> None:
    rows = []
    fills = []
    for ind in o.indicators.indicators:
        result = o.result(ind.id)
        unit = ind.unit(lang)
        rows.append(
            [
                ind.id,
                common.TERM_TEXT[ind.term](lang),
                ind.title(lang),
                ind.description(lang),
                _scaled(ind, ind.target),
                unit,
                ind.target_year.year,
                ind.target_year.japanese,
                ind.trajectory,
                None if result is None else str(result.status),
                None if result is None else _scaled(ind, result.value),
                None if result is None or result.value is None else unit,
                ind.method(lang),
                ind.source,
                None if ind.note is None else ind.note(lang),
            ]
        )
        fills.append({9: STATUS_FILLS[result.status] if result is not None else None})
    t = sheet.Table(
        book, labels.SHEETS["indicators"](lang), [h(lang) for h in labels.INDICATOR_HEAD]
    )
    for row, fill in zip(rows, fills, strict=True):
        t.add(row, dict(fill))
    t.finish()


def _years(book: Workbook, o: Outcomes, lang: Lang) -> tuple[Worksheet, dict[str, tuple[int, int]]]:
    """The year sheet, and the rows (first, last) of each indicator's years with a value."""
    t = sheet.Table(book, labels.SHEETS["years"](lang), [h(lang) for h in labels.YEAR_HEAD])
    spans: dict[str, tuple[int, int]] = {}
    for ind in o.indicators.indicators:
        for row in o.rows_for(ind.id):
            t.add(_year_row(ind, row, lang), {_STATUS_INDEX: STATUS_FILLS[row.status]})
            if row.year is not None and row.value is not None:
                at = t.rows + 1  # the sheet's row, under the header
                first, _ = spans.get(ind.id, (at, at))
                spans[ind.id] = (first, at)
    return t.finish(), spans


def _year_row(ind: Indicator, row: Row, lang: Lang) -> list[sheet.Value]:
    return [
        ind.id,
        None if row.year is None else row.year.year,
        None if row.year is None else row.year.japanese,
        row.as_at,
        _scaled(ind, row.value),
        None if row.value is None else ind.unit(lang),
        None if row.value is None else common.fraction(row.value),
        _scaled(ind, ind.target),
        _scaled(ind, row.trajectory),
        str(row.status),
        row.status.text(lang),
        None if row.detail is None else row.detail(lang),
        row.rule(lang),
    ]


def _sources(book: Workbook, o: Outcomes, lang: Lang) -> None:
    sheet.table(
        book,
        labels.SHEETS["sources"](lang),
        [h(lang) for h in labels.SOURCE_HEAD],
        (
            [
                row.indicator.id,
                None if row.year is None else row.year.year,
                None if row.year is None else row.year.japanese,
                source,
            ]
            for row in o.rows
            for source in row.sources
        ),
    )


def _charts(
    book: Workbook,
    o: Outcomes,
    lang: Lang,
    years: Worksheet,
    spans: dict[str, tuple[int, int]],
) -> None:
    """One chart per indicator with values, stacked down the chart sheet."""
    ws = book.create_sheet(labels.SHEETS["charts"](lang))
    ws.sheet_view.showGridLines = False
    print_across(ws)
    placed = 0
    for ind in o.indicators.indicators:
        if ind.id not in spans:
            continue  # no value in any year: nothing to draw
        first, last = spans[ind.id]
        rows = [r for r in o.rows_for(ind.id) if r.year is not None and r.value is not None]
        chart = indicator_chart(ind, rows, years, first, last, lang)
        ws.add_chart(chart, f"A{1 + placed * _CHART_ROWS}")
        placed += 1
    if not placed:
        cell = sheet.text_cell(ws, word("none", lang))
        ws.append([cell])


def indicator_chart(
    ind: Indicator, rows: list[Row], years: Worksheet, first: int, last: int, lang: Lang
) -> BarChart:
    """The value by fiscal year as bars coloured by status; the target (and the trajectory,
    when the indicator has one) as lines; categories the Western year over the era year."""
    bar = BarChart()
    bar.type = "col"
    bar.title = f"{ind.id}: {ind.title(lang)}"
    bar.style = 10
    bar.height = 9.5
    bar.width = 22
    bar.gapWidth = 60
    values = Reference(years, min_col=_VALUE_COLUMN, min_row=first, max_row=last)
    bar.add_data(values, titles_from_data=False)
    value_series: Series = bar.series[0]
    value_series.tx = SeriesLabel(v=labels.VALUE_SERIES(lang))
    for i, row in enumerate(rows):
        point = DataPoint(idx=i)
        point.graphicalProperties.solidFill = CHART_COLOURS[row.status].lstrip("#")
        point.graphicalProperties.line.noFill = True
        value_series.dPt.append(point)
    value_series.dLbls = DataLabelList()
    value_series.dLbls.showVal = True
    value_series.dLbls.numFmt = "0" if ind.is_count else "0.0"
    for name in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
        setattr(value_series.dLbls, name, False)
    line = LineChart()
    target = Reference(years, min_col=_TARGET_COLUMN, min_row=first, max_row=last)
    line.add_data(target, titles_from_data=False)
    line.series[0].tx = SeriesLabel(v=labels.TARGET_SERIES(lang))
    line.series[0].graphicalProperties.line.solidFill = "212121"
    line.series[0].graphicalProperties.line.dashStyle = "dash"
    line.series[0].marker.symbol = "none"
    if any(r.trajectory is not None for r in rows):
        trajectory = Reference(years, min_col=_TRAJECTORY_COLUMN, min_row=first, max_row=last)
        line.add_data(trajectory, titles_from_data=False)
        line.series[1].tx = SeriesLabel(v=labels.TRAJECTORY_SERIES(lang))
        line.series[1].graphicalProperties.line.solidFill = "757575"
        line.series[1].graphicalProperties.line.dashStyle = "sysDot"
        line.series[1].marker.symbol = "none"
    categories = _range(years, _FY_COLUMN, _ERA_COLUMN, first, last)
    for s in (*bar.series, *line.series):
        s.cat = AxDataSource(multiLvlStrRef=MultiLevelStrRef(f=categories))
    bar.x_axis.title = labels.X_AXIS(lang)
    bar.y_axis.title = (labels.COUNT_AXIS if ind.is_count else labels.SHARE_AXIS)(lang)
    bar.y_axis.scaling.min = 0
    bar.x_axis.delete = False  # openpyxl hides both axes unless told otherwise
    bar.y_axis.delete = False
    bar.legend.position = "b"
    bar += line
    return bar


def _range(ws: Worksheet, first_col: int, last_col: int, first: int, last: int) -> str:
    a, b = get_column_letter(first_col), get_column_letter(last_col)
    return f"{quote_sheetname(ws.title)}!${a}${first}:${b}${last}"
