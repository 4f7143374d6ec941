"""Outcome indicators as people and programs read them: a table, JSON, CSV, Markdown, and one
SVG chart per indicator (value by fiscal year against its target), written by our own code."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import re
from fractions import Fraction
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from eligibility import __version__
from eligibility.outcomes.indicators import (
    STATUS_TEXT,
    STATUSES,
    Finding,
    FiscalYear,
    Indicator,
    Outcomes,
    Row,
    trajectory_value,
)
from eligibility.quantities.quantity import format_number
from eligibility.rendering.files import write_file_atomically
from eligibility.text import Lang, Text

STATUS_MARK = {"achieved": "✓", "on_track": "→", "behind": "✗", "no_data": "·"}
FINDING_MARK = {"missing": "?", "invalid": "!", "contradiction": "≠", "notice": "i"}
TERM_TEXT = {"short": Text("short", "短期"), "long": Text("long", "長期")}

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _printable(line: str) -> str:
    """Text from an input file never drives the terminal: control characters are escaped."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04x}", line)


def _fraction(value: Fraction) -> str:
    return str(value.numerator) if value.denominator == 1 else str(value)


def _year_text(year: FiscalYear | None, lang: Lang) -> str:
    return "—" if year is None else year.label(lang)


def _target(ind: Indicator, lang: Lang) -> str:
    by = "までに" if lang == "ja" else "by"
    if lang == "ja":
        return f"{ind.target_year.japanese}{by} {ind.target_text}"
    return f"{ind.target_text} {by} {ind.target_year.western}"


def _counts(o: Outcomes) -> Text:
    reports = sum(1 for f in o.inputs if f.kind == "report")
    stats = len(o.inputs) - reports
    return Text(
        f"{reports} status report{'s' if reports != 1 else ''}, "
        f"{stats} statistics file{'s' if stats != 1 else ''}",
        f"状況報告 {reports} 件、統計 {stats} 件",
    )


# --- JSON -----------------------------------------------------------------------------------


def row_dict(row: Row, lang: Lang) -> dict[str, Any]:
    ind = row.indicator
    out: dict[str, Any] = {
        "fiscal_year": None if row.year is None else row.year.year,
        "label": None if row.year is None else row.year.western,
        "label_ja": None if row.year is None else row.year.japanese,
        "value": None if row.value is None else row.value_text,
        "exact": None if row.value is None else _fraction(row.value),
        "target": ind.target_text,
        "status": row.status,
        "status_text": STATUS_TEXT[row.status](lang),
        "rule": row.rule(lang),
    }
    if row.detail is not None:
        out["detail"] = row.detail(lang)
    if row.trajectory is not None:
        out["trajectory"] = ind.show(row.trajectory)
    out["sources"] = list(row.sources)
    return out


def finding_dict(f: Finding, lang: Lang) -> dict[str, Any]:
    return {"file": f.file, "where": f.where, "status": f.status, "message": f.message(lang)}


def outcomes_dict(o: Outcomes, lang: Lang) -> dict[str, Any]:
    s = o.indicators
    indicators = []
    for ind in s.indicators:
        item: dict[str, Any] = {
            "id": ind.id,
            "term": ind.term,
            "title": ind.title(lang),
            "measure": ind.description(lang),
            "target": {
                "value": ind.target_text,
                "exact": _fraction(ind.target),
                "fiscal_year": ind.target_year.year,
                "label": ind.target_year.western,
                "label_ja": ind.target_year.japanese,
            },
            "trajectory": ind.trajectory,
            "method": ind.method(lang),
            "source": ind.source,
        }
        if ind.note is not None:
            item["note"] = ind.note(lang)
        item["years"] = [row_dict(r, lang) for r in o.rows_for(ind.id)]
        indicators.append(item)
    return {
        "indicators_file": {
            "id": s.id,
            "version": s.version,
            "path": s.path,
            "sha256": s.sha256,
        },
        "ruleset": {"id": o.ruleset.id, "version": o.ruleset.version},
        "statuses": {k: s.statuses[k](lang) for k in STATUSES if k in s.statuses},
        "inputs": [{"file": f.path, "kind": f.kind, "sha256": f.sha256} for f in o.inputs],
        "indicators": indicators,
        "findings": [finding_dict(f, lang) for f in o.findings],
        "tool": {"name": "eligibility", "version": __version__},
    }


def to_json(o: Outcomes, lang: Lang = "en") -> str:
    return json.dumps(outcomes_dict(o, lang), ensure_ascii=False, indent=2) + "\n"


# --- CSV ------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "indicator",
    "term",
    "title",
    "fiscal_year",
    "fiscal_year_ja",
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
    """One line per indicator and fiscal year; sources separated by "; "."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for row in o.rows:
        ind = row.indicator
        w.writerow(
            [
                ind.id,
                ind.term,
                ind.title(lang),
                "" if row.year is None else row.year.western,
                "" if row.year is None else row.year.japanese,
                "" if row.value is None else row.value_text,
                "" if row.value is None else _fraction(row.value),
                ind.target_text,
                ind.target_year.western,
                row.status,
                "" if row.detail is None else row.detail(lang),
                row.rule(lang),
                "" if row.trajectory is None else ind.show(row.trajectory),
                "; ".join(row.sources),
            ]
        )
    return buf.getvalue()


# --- the table ------------------------------------------------------------------------------


def _years(o: Outcomes) -> list[FiscalYear]:
    return sorted({r.year for r in o.rows if r.year is not None})


def _cell(row: Row | None) -> str:
    if row is None:
        return ""
    if row.value is None:
        return STATUS_MARK[row.status]
    return f"{row.value_text.replace(' %', '%')} {STATUS_MARK[row.status]}"


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: East Asian wide characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


def _grid(o: Outcomes, lang: Lang) -> list[list[str]]:
    years = _years(o)
    head = ["指標" if lang == "ja" else "indicator", "目標" if lang == "ja" else "target"]
    head += [y.western if lang == "en" else y.japanese.removesuffix("年度") for y in years]
    table = [head]
    for ind in o.indicators.indicators:
        rows = {r.year: r for r in o.rows_for(ind.id)}
        line = [ind.id, _target(ind, lang)]
        line += [_cell(rows.get(y)) for y in years]
        if not years:
            line.append(_cell(rows.get(None)))
        table.append(line)
    return table


def _aligned(table: list[list[str]], indent: str = "") -> list[str]:
    widths = [max(_width(r[i]) for r in table if i < len(r)) for i in range(len(table[0]))]
    return [indent + "  ".join(_pad(c, widths[i]) for i, c in enumerate(r)).rstrip() for r in table]


def to_table(o: Outcomes, lang: Lang = "en") -> str:
    """The indicator table (indicators × fiscal years), then each indicator year by year with
    the rule that decided its status and the files it came from, then the findings."""
    ja = lang == "ja"
    s = o.indicators
    lines = [
        f"{s.title(lang)} ({s.id} {s.version})",
        ("入力: " if ja else "inputs: ")
        + _counts(o)(lang)
        + ("、モーターの確認: ルールセット " if ja else "; motors checked with rule set ")
        + f"{o.ruleset.id} {o.ruleset.version}",
        "",
    ]
    lines += _aligned(_grid(o, lang))
    marks = ", ".join(f"{STATUS_MARK[k]} {STATUS_TEXT[k](lang)}" for k in STATUSES)
    lines.append("")
    lines.append(marks)
    for ind in s.indicators:
        lines.append("")
        lines.append(f"{ind.id} ({TERM_TEXT[ind.term](lang)}) {ind.title(lang)}")
        lines.append(("  測定指標: " if ja else "  measure: ") + ind.description(lang))
        other = ind.target_year.western if ja else ind.target_year.japanese
        lines.append(("  目標: " if ja else "  target: ") + f"{_target(ind, lang)} ({other})")
        for row in o.rows_for(ind.id):
            head = (
                f"  {_year_text(row.year, lang)}  {row.value_text}  "
                f"{STATUS_MARK[row.status]} {STATUS_TEXT[row.status](lang)}"
            )
            if row.detail is not None:
                head += f" — {row.detail(lang)}"
            lines.append(head)
            lines.append(("      規則: " if ja else "      rule: ") + row.rule(lang))
            if row.sources:
                lines.append(("      出典: " if ja else "      from: ") + ", ".join(row.sources))
    lines.append("")
    if o.findings:
        lines.append(f"指摘 {len(o.findings)} 件:" if ja else f"findings ({len(o.findings)}):")
        for f in o.findings:
            where = f"{f.file}: {f.where}" if f.where else f.file
            lines.append(f"  {FINDING_MARK[f.status]} {f.status:<13} {where}")
            lines.append(f"      {f.message(lang)}")
    else:
        lines.append("指摘なし" if ja else "findings: none")
    lines.append("")
    lines.append("状況の判定:" if ja else "statuses:")
    for k in STATUSES:
        if k in s.statuses:
            lines.append(f"  {STATUS_MARK[k]} {s.statuses[k](lang)}")
    return "\n".join(_printable(x) for x in lines) + "\n"


# --- Markdown -------------------------------------------------------------------------------


def _md(text: str) -> str:
    return _printable(text).replace("|", "\\|").replace("\n", " ")


def _md_table(rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(_md(c) for c in rows[0]) + " |"]
    out.append("|" + "---|" * len(rows[0]))
    out += ["| " + " | ".join(_md(c) for c in r) + " |" for r in rows[1:]]
    return out


def to_markdown(o: Outcomes, lang: Lang = "en", charts: str | None = None) -> str:
    """A report to paste into a document: the indicator table, then each indicator's years.

    With ``charts`` (a folder, as the Markdown file will see it), each indicator shows its chart.
    """
    ja = lang == "ja"
    s = o.indicators
    lines = [
        f"# {s.title(lang)}",
        "",
        f"`{s.id}` {s.version} · " + _counts(o)(lang),
        "",
    ]
    grid = _grid(o, lang)
    grid[1:] = [[f"`{r[0]}`", *r[1:]] for r in grid[1:]]
    lines += _md_table(grid)
    lines.append("")
    lines.append(" · ".join(f"{STATUS_MARK[k]} {STATUS_TEXT[k](lang)}" for k in STATUSES))
    for ind in s.indicators:
        lines += ["", f"## `{ind.id}` {ind.title(lang)}", ""]
        lines.append(
            ("**測定指標**: " if ja else "**Measure**: ")
            + _md(ind.description(lang))
            + " · "
            + ("**目標**: " if ja else "**Target**: ")
            + _md(_target(ind, lang))
        )
        lines.append("")
        if charts is not None:
            lines += [f"![{_md(ind.title(lang))}]({charts.rstrip('/')}/{chart_name(ind)})", ""]
        head = (
            ["年度", "値", "状況", "内訳", "規則", "出典"]
            if ja
            else ["Fiscal year", "Value", "Status", "Detail", "Rule", "Sources"]
        )
        table = [head]
        for row in o.rows_for(ind.id):
            table.append(
                [
                    _year_text(row.year, lang),
                    row.value_text,
                    f"{STATUS_MARK[row.status]} {STATUS_TEXT[row.status](lang)}",
                    "" if row.detail is None else row.detail(lang),
                    row.rule(lang),
                    "<br>".join(f"`{x}`" for x in row.sources),
                ]
            )
        lines += _md_table(table)
        lines.append("")
        lines.append(("出典: " if ja else "Source: ") + _md(ind.source))
        if ind.note is not None:
            lines.append("")
            lines.append(("解釈: " if ja else "Interpretation: ") + _md(ind.note(lang)))
    lines += ["", "## 指摘" if ja else "## Findings", ""]
    if not o.findings:
        lines.append("なし" if ja else "None.")
    for f in o.findings:
        where = f"`{f.file}` {f.where}".rstrip()
        lines.append(
            f"- {FINDING_MARK[f.status]} **{f.status}** {_md(where)}: {_md(f.message(lang))}"
        )
    lines += ["", "## 状況の判定" if ja else "## Statuses", ""]
    for k in STATUSES:
        if k in s.statuses:
            lines.append(f"- {STATUS_MARK[k]} {_md(s.statuses[k](lang))}")
    return "\n".join(lines) + "\n"


# --- charts ---------------------------------------------------------------------------------

COLOURS = {
    "achieved": "#2e7d32",
    "on_track": "#1e6fc8",
    "behind": "#d84315",
    "no_data": "#9e9e9e",
}
FONT = "'Noto Sans CJK JP','Noto Sans JP','Hiragino Sans','Yu Gothic','Meiryo',sans-serif"
WIDTH, HEIGHT = 760, 460
LEFT, RIGHT, TOP, BOTTOM = 78, 92, 96, 100


def chart_name(ind: Indicator) -> str:
    return f"{ind.id}.svg"


def write_charts(o: Outcomes, folder: str | os.PathLike[str]) -> list[Path]:
    """One SVG chart per indicator in ``folder`` (created if needed); the paths written."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for ind in o.indicators.indicators:
        path = out / chart_name(ind)
        write_file_atomically(out, path.name, chart_svg(o, ind))  # never through a symlink
        written.append(path)
    return written


def _nice_step(span: float) -> float:
    raw = span / 5
    mag: float = 10.0 ** math.floor(math.log10(raw))
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def _t(x: float, y: float, text: str, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(text)}</text>'


def _y_label(ind: Indicator) -> tuple[str, str]:
    if ind.measure == "plan_share":
        return "事業者割合", "share of operators (%)"
    if ind.measure == "ratio":
        return "比率", "ratio (%)"
    return "件数", "count"


def chart_svg(o: Outcomes, ind: Indicator) -> str:
    """The indicator's value by fiscal year as bars coloured by status, the target as a dashed
    line, the target year marked, the trajectory (when linear) dotted; titles in Japanese and
    English, axes labelled with units."""
    rows = [r for r in o.rows_for(ind.id) if r.year is not None and r.value is not None]
    scale = 1 if ind.is_count else 100
    years = [r.year.year for r in rows if r.year is not None]
    first = min([*years, ind.target_year.year - 2])
    if ind.baseline_year is not None:
        first = min(first, ind.baseline_year.year)
    last = max([*years, ind.target_year.year])
    span_years = list(range(first, last + 1))
    values = [float(r.value) * scale for r in rows if r.value is not None]
    top_value = max([*values, float(ind.target) * scale, 1.0])
    step = _nice_step(top_value * 1.12)
    if ind.is_count:
        step = max(1.0, math.ceil(step))
    y_max = step * math.ceil(top_value * 1.12 / step)
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    band = plot_w / len(span_years)

    def x_of(year: int) -> float:
        return LEFT + band * (year - first) + band / 2

    def y_of(v: float) -> float:
        return TOP + plot_h * (1 - v / y_max)

    title = f"{ind.id}: {ind.title.ja}"
    desc = f"{ind.title.en}. Target {ind.target_text} by {ind.target_year.both}. " + "; ".join(
        f"{r.year.western if r.year else ''} {r.value_text} {r.status}" for r in rows
    )
    p: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="{FONT}" role="img">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(desc)}</desc>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    # titles
    term = TERM_TEXT[ind.term]
    p.append(
        _t(
            LEFT - 50,
            30,
            _clip(ind.title.ja, 60),
            font_size=_title_size(ind.title.ja),
            font_weight="bold",
            fill="#212121",
        )
    )
    p.append(_t(LEFT - 50, 50, _clip(ind.title.en, 80), font_size="13", fill="#424242"))
    p.append(
        _t(
            LEFT - 50,
            70,
            f"{ind.id} · {term.ja} {term.en} · 目標 target {ind.target_text} · "
            f"{ind.target_year.japanese} ({ind.target_year.western})",
            font_size="11.5",
            fill="#616161",
        )
    )
    # target year band
    tx = x_of(ind.target_year.year)
    p.append(
        f'<rect x="{tx - band / 2:.1f}" y="{TOP}" width="{band:.1f}" height="{plot_h}" '
        'fill="#fff8e1"/>'
    )
    # grid and y axis
    tick = 0.0
    while tick <= y_max + 1e-9:
        y = y_of(tick)
        p.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{"#9e9e9e" if tick == 0 else "#e0e0e0"}" stroke-width="1"/>'
        )
        label = format_number(Fraction(tick).limit_denominator(1000), 4)
        p.append(_t(LEFT - 8, y + 4, label, font_size="11", fill="#616161", text_anchor="end"))
        tick += step
    ja_label, en_label = _y_label(ind)
    cy = TOP + plot_h / 2
    p.append(
        f'<text transform="translate({LEFT - 52},{cy:.1f}) rotate(-90)" text-anchor="middle" '
        f'font-size="12" fill="#424242">{escape(ja_label)} / {escape(en_label)}</text>'
    )
    # x axis
    for year in span_years:
        fy = FiscalYear(year)
        x = x_of(year)
        bold = "bold" if year == ind.target_year.year else "normal"
        p.append(
            _t(
                x,
                TOP + plot_h + 18,
                fy.western,
                font_size="11",
                fill="#424242",
                text_anchor="middle",
                font_weight=bold,
            )
        )
        p.append(
            _t(
                x,
                TOP + plot_h + 32,
                fy.japanese.removesuffix("年度"),
                font_size="10.5",
                fill="#757575",
                text_anchor="middle",
            )
        )
    p.append(
        _t(
            LEFT + plot_w / 2,
            TOP + plot_h + 54,
            "年度 / fiscal year (April–March)",
            font_size="11.5",
            fill="#424242",
            text_anchor="middle",
        )
    )
    p.append(
        _t(
            tx,
            TOP - 6,
            f"目標年度 {ind.target_year.japanese}",
            font_size="10.5",
            fill="#8d6e00",
            text_anchor="middle",
        )
    )
    # bars
    labels: list[str] = []
    bar_w = min(band * 0.62, 46)
    for r in rows:
        assert r.year is not None and r.value is not None
        v = float(r.value) * scale
        x = x_of(r.year.year)
        y = y_of(v)
        colour = COLOURS[r.status]
        height = max(TOP + plot_h - y, 0)
        p.append(
            f'<rect x="{x - bar_w / 2:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{height:.1f}" '
            f'fill="{colour}" rx="2"><title>{escape(r.year.both)}: {escape(r.value_text)} '
            f"({escape(STATUS_TEXT[r.status].en)})</title></rect>"
        )
        shown = r.value_text.replace(" %", "%")
        labels.append(
            _t(
                x,
                y - 6,
                shown,
                font_size="11",
                fill=colour,
                text_anchor="middle",
                font_weight="bold",
                stroke="#ffffff",
                stroke_width="3",
                paint_order="stroke",
            )
        )
    # trajectory
    if ind.trajectory == "linear":
        base = ind.baseline
        base_year = ind.baseline_year
        if base is None and rows:
            base, base_year = rows[0].value, rows[0].year
        if base is not None and base_year is not None:
            a = (x_of(base_year.year), y_of(float(base) * scale))
            end = float(trajectory_value(ind, ind.target_year, base, base_year)) * scale
            b = (x_of(ind.target_year.year), y_of(end))
            p.append(
                f'<line x1="{a[0]:.1f}" y1="{a[1]:.1f}" x2="{b[0]:.1f}" y2="{b[1]:.1f}" '
                'stroke="#757575" stroke-width="1.5" stroke-dasharray="2 4"/>'
            )
    # target line
    ty = y_of(float(ind.target) * scale)
    p.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{ty:.1f}" y2="{ty:.1f}" stroke="#212121" '
        'stroke-width="1.6" stroke-dasharray="7 5"/>'
    )
    p.append(
        _t(
            WIDTH - RIGHT + 6,
            ty + 4,
            f"目標 {ind.target_text}",
            font_size="11.5",
            fill="#212121",
            font_weight="bold",
        )
    )
    p.extend(labels)
    if not rows:
        p.append(
            _t(
                LEFT + plot_w / 2,
                cy,
                "データなし / no data",
                font_size="18",
                fill="#9e9e9e",
                text_anchor="middle",
            )
        )
    # legend, one row under the axis title
    entries: list[tuple[str, str]] = [
        (
            f'<rect x="{{x}}" y="{{y}}" width="11" height="11" fill="{COLOURS[k]}" rx="2"/>',
            f"{STATUS_TEXT[k].ja} {STATUS_TEXT[k].en}",
        )
        for k in ("achieved", "on_track", "behind")
    ]
    entries.append(
        (
            '<line x1="{x}" x2="{x2}" y1="{ym}" y2="{ym}" stroke="#212121" stroke-width="1.6" '
            'stroke-dasharray="4 2"/>',
            "目標 target",
        )
    )
    if ind.trajectory == "linear":
        entries.append(
            (
                '<line x1="{x}" x2="{x2}" y1="{ym}" y2="{ym}" stroke="#757575" '
                'stroke-width="1.5" stroke-dasharray="2 2"/>',
                "軌道 trajectory",
            )
        )
    entries.append(
        (
            '<rect x="{x}" y="{y}" width="11" height="11" fill="#fff8e1" stroke="#e0c060"/>',
            "目標年度 target year",
        )
    )
    widths = [22 + _legend_width(label) for _, label in entries]
    lx = LEFT + (plot_w - sum(widths)) / 2
    ly = HEIGHT - 16
    for (mark, label), w in zip(entries, widths, strict=True):
        p.append(mark.format(x=f"{lx:.1f}", x2=f"{lx + 12:.1f}", y=ly - 10, ym=ly - 4))
        p.append(_t(lx + 16, ly, label, font_size="11", fill="#424242"))
        lx += w
    p.append("</svg>")
    return "\n".join(p) + "\n"


def _legend_width(text: str) -> float:
    """Roughly how wide ``text`` is at 11 px: wide characters 11 px, others 6 px."""
    return sum(11 if _width(c) == 2 else 6.2 for c in text) + 14


def _title_size(text: str) -> str:
    """17 px, smaller for a long title so that it fits the chart's width."""
    room = (WIDTH - 50) / 17  # wide characters that fit at 17 px
    width = _width(text) / 2  # the title's width in wide characters
    return "17" if width <= room else f"{max(12.0, 17 * room / width):.1f}"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
