"""One SVG chart per indicator: the value by fiscal year as bars coloured by status, the target
as a dashed line, the target year shaded, the trajectory (when linear) dotted, titles in
Japanese and English, axes with units. Plain SVG written by our own code; every piece of text
is escaped."""

from __future__ import annotations

import math
import os
from fractions import Fraction
from pathlib import Path
from xml.sax.saxutils import escape

from eligibility.outcomes.fiscal_year import FiscalYear
from eligibility.outcomes.indicators import Indicator
from eligibility.outcomes.judge import trajectory_value
from eligibility.outcomes.measure import Outcomes
from eligibility.outcomes.render.common import TERM_TEXT
from eligibility.outcomes.statuses import Status
from eligibility.quantities.quantity import format_number
from eligibility.rendering.files import write_file_atomically
from eligibility.rendering.table import width

COLOURS = {
    Status.ACHIEVED: "#2e7d32",
    Status.MISSED: "#b71c1c",
    Status.ON_TRACK: "#1e6fc8",
    Status.BEHIND: "#e65100",
    Status.AFTER_TARGET: "#78909c",
    Status.NO_DATA: "#9e9e9e",
}
FONT = "'Noto Sans CJK JP','Noto Sans JP','Hiragino Sans','Yu Gothic','Meiryo',sans-serif"
WIDTH, HEIGHT = 760, 476
LEFT, RIGHT, TOP, BOTTOM = 78, 92, 96, 116  # room under the axis for a two-row legend


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
            f"({escape(r.status.text.en)})</title></rect>"
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
    # legend, under the axis title
    entries: list[tuple[str, str]] = [
        (
            f'<rect x="{{x}}" y="{{y}}" width="11" height="11" fill="{COLOURS[k]}" rx="2"/>',
            f"{k.text.ja} {k.text.en}",
        )
        for k in Status
        if k is not Status.NO_DATA and any(r.status is k for r in rows)
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
    lines = _legend_lines(entries, WIDTH - 40)
    for n, line in enumerate(lines):
        widths = [22 + _legend_width(label) for _, label in line]
        lx = LEFT + (plot_w - sum(widths)) / 2
        ly = HEIGHT - 16 - 17 * (len(lines) - 1 - n)
        for (mark, label), w in zip(line, widths, strict=True):
            p.append(mark.format(x=f"{lx:.1f}", x2=f"{lx + 12:.1f}", y=ly - 10, ym=ly - 4))
            p.append(_t(lx + 16, ly, label, font_size="11", fill="#424242"))
            lx += w
    p.append("</svg>")
    return "\n".join(p) + "\n"


def _legend_lines(entries: list[tuple[str, str]], room: float) -> list[list[tuple[str, str]]]:
    """The legend's entries in as few rows as fit ``room`` pixels each."""
    lines: list[list[tuple[str, str]]] = [[]]
    used = 0.0
    for entry in entries:
        w = 22 + _legend_width(entry[1])
        if lines[-1] and used + w > room:
            lines.append([])
            used = 0.0
        lines[-1].append(entry)
        used += w
    return lines


def _legend_width(text: str) -> float:
    """Roughly how wide ``text`` is at 11 px: wide characters 11 px, others 6 px."""
    return sum(11 if width(c) == 2 else 6.2 for c in text) + 14


def _title_size(text: str) -> str:
    """17 px, smaller for a long title so that it fits the chart's width."""
    room = (WIDTH - 50) / 17  # wide characters that fit at 17 px
    wide = width(text) / 2  # the title's width in wide characters
    return "17" if wide <= room else f"{max(12.0, 17 * room / wide):.1f}"


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
