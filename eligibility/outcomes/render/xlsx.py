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
from eligibility.outcomes.findings import FindingStatus
from eligibility.outcomes.indicators import Indicator
from eligibility.outcomes.judge import Row
from eligibility.outcomes.measure import Outcomes
from eligibility.outcomes.render import common
from eligibility.outcomes.render.chart import COLOURS as CHART_COLOURS
from eligibility.outcomes.statuses import Status
from eligibility.rendering import sheet
from eligibility.text import Lang, Text
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

SHEETS = {
    "indicators": Text("indicators", "指標"),
    "years": Text("years", "年度別"),
    "sources": Text("sources", "根拠ファイル"),
    "charts": Text("charts", "グラフ"),
    "findings": Text("findings", "指摘"),
    "inputs": Text("inputs", "入力ファイル"),
    "statuses": Text("statuses", "状況の判定"),
    "provenance": Text("provenance", "出典"),
}
_FY = Text("fiscal year (Western)", "年度（西暦）")
_FY_ERA = Text("fiscal year (era)", "年度（和暦）")
_UNIT = Text("unit", "単位")
_INDICATOR_HEAD = (
    Text("indicator", "指標"),
    Text("term", "期間"),
    Text("title", "名称"),
    Text("measure", "測定指標"),
    Text("target", "目標値"),
    _UNIT,
    Text("target year (Western)", "目標年度（西暦）"),
    Text("target year (era)", "目標年度（和暦）"),
    Text("trajectory", "軌道"),
    Text("result", "結果"),
    Text("result value", "結果の値"),
    _UNIT,
    Text("method", "測定方法"),
    Text("source", "出典"),
    Text("note", "解釈"),
)
_YEAR_HEAD = (
    Text("indicator", "指標"),
    _FY,
    _FY_ERA,
    Text("as at", "時点"),
    Text("value", "値"),
    _UNIT,
    Text("exact value", "正確な値"),
    Text("target", "目標値"),
    Text("trajectory", "軌道の値"),
    Text("status", "状況"),
    Text("status (words)", "状況（語）"),
    Text("detail", "内訳"),
    Text("rule", "規則"),
)
_SOURCE_HEAD = (Text("indicator", "指標"), _FY, _FY_ERA, Text("file", "ファイル"))
_FINDING_HEAD = (
    Text("file", "ファイル"),
    Text("where", "箇所"),
    Text("status", "種類"),
    Text("message", "内容"),
)
_INPUT_HEAD = (
    Text("file", "ファイル"),
    Text("kind", "種類"),
    Text("sha256", "sha256"),
    Text("superseded by", "置き換え先"),
    Text("why superseded", "置き換えの理由"),
)
_STATUS_HEAD = (
    Text("status", "状況"),
    Text("mark", "記号"),
    Text("status (words)", "状況（語）"),
    Text("meaning", "意味"),
)
_PROVENANCE = {
    "indicators": Text("indicators", "指標ファイル"),
    "version": Text("indicators version", "指標の版"),
    "effective": Text("in force from", "適用開始日"),
    "path": Text("indicators file", "指標ファイルの場所"),
    "sha256": Text("indicators sha256", "指標ファイル sha256"),
    "inputs": Text("inputs", "入力"),
    "reading": Text("reading of N年時点", "「N年時点」の読み方"),
}
_X_AXIS = Text("fiscal year (April–March)", "年度（4月〜3月）")
_VALUE_SERIES = Text("value", "実績")
_TARGET_SERIES = Text("target", "目標")
_TRAJECTORY_SERIES = Text("trajectory", "軌道")
_COUNT_AXIS = Text("count", "件数")
_SHARE_AXIS = Text("share (%)", "割合（%）")

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
        SHEETS["findings"](lang),
        [h(lang) for h in _FINDING_HEAD],
        ([f.file, f.where, str(f.status), f.message(lang)] for f in o.findings),
        {2: {str(k): v for k, v in FINDING_FILLS.items()}},
    )
    superseded = {sp.head.file: sp for sp in o.superseded}
    sheet.table(
        book,
        SHEETS["inputs"](lang),
        [h(lang) for h in _INPUT_HEAD],
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
        SHEETS["statuses"](lang),
        [h(lang) for h in _STATUS_HEAD],
        (
            [str(k), k.mark, k.text(lang), statuses[k](lang) if k in statuses else None]
            for k in Status
        ),
        {0: {str(k): v for k, v in STATUS_FILLS.items()}},
    )
    s = o.indicators
    items = [
        (_PROVENANCE["indicators"](lang), s.id),
        (_PROVENANCE["version"](lang), s.version),
        (_PROVENANCE["effective"](lang), s.effective_from.isoformat()),
        (_PROVENANCE["path"](lang), s.path),
        (_PROVENANCE["sha256"](lang), s.sha256),
        (word("rule_set", lang), f"{o.ruleset.id} {o.ruleset.version}"),
        (_PROVENANCE["inputs"](lang), common.counts(o)(lang)),
        (_PROVENANCE["reading"](lang), common.reading(o)(lang)),
        (word("tool", lang), f"eligibility {__version__}"),
    ]
    sheet.key_values(book, SHEETS["provenance"](lang), items)
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
    t = sheet.Table(book, SHEETS["indicators"](lang), [h(lang) for h in _INDICATOR_HEAD])
    for row, fill in zip(rows, fills, strict=True):
        t.add(row, dict(fill))
    t.finish()


def _years(book: Workbook, o: Outcomes, lang: Lang) -> tuple[Worksheet, dict[str, tuple[int, int]]]:
    """The year sheet, and the rows (first, last) of each indicator's years with a value."""
    t = sheet.Table(book, SHEETS["years"](lang), [h(lang) for h in _YEAR_HEAD])
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
        SHEETS["sources"](lang),
        [h(lang) for h in _SOURCE_HEAD],
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
    ws = book.create_sheet(SHEETS["charts"](lang))
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
    value_series.tx = SeriesLabel(v=_VALUE_SERIES(lang))
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
    line.series[0].tx = SeriesLabel(v=_TARGET_SERIES(lang))
    line.series[0].graphicalProperties.line.solidFill = "212121"
    line.series[0].graphicalProperties.line.dashStyle = "dash"
    line.series[0].marker.symbol = "none"
    if any(r.trajectory is not None for r in rows):
        trajectory = Reference(years, min_col=_TRAJECTORY_COLUMN, min_row=first, max_row=last)
        line.add_data(trajectory, titles_from_data=False)
        line.series[1].tx = SeriesLabel(v=_TRAJECTORY_SERIES(lang))
        line.series[1].graphicalProperties.line.solidFill = "757575"
        line.series[1].graphicalProperties.line.dashStyle = "sysDot"
        line.series[1].marker.symbol = "none"
    categories = _range(years, _FY_COLUMN, _ERA_COLUMN, first, last)
    for s in (*bar.series, *line.series):
        s.cat = AxDataSource(multiLvlStrRef=MultiLevelStrRef(f=categories))
    bar.x_axis.title = _X_AXIS(lang)
    bar.y_axis.title = (_COUNT_AXIS if ind.is_count else _SHARE_AXIS)(lang)
    bar.y_axis.scaling.min = 0
    bar.x_axis.delete = False  # openpyxl hides both axes unless told otherwise
    bar.y_axis.delete = False
    bar.legend.position = "b"
    bar += line
    return bar


def _range(ws: Worksheet, first_col: int, last_col: int, first: int, last: int) -> str:
    a, b = get_column_letter(first_col), get_column_letter(last_col)
    return f"{quote_sheetname(ws.title)}!${a}${first}:${b}${last}"
