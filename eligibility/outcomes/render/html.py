"""Outcomes as one printable HTML page: the indicator table, each indicator with its result,
its chart inline (SVG) and its years, the superseded reports, the findings and the status
rules. One self-contained file with no scripts and nothing fetched; every piece of text from an
input or the indicators file is escaped."""

from __future__ import annotations

from html import escape

from eligibility import __version__
from eligibility.outcomes.fiscal_year import FiscalYear
from eligibility.outcomes.measure import Outcomes
from eligibility.outcomes.render import common
from eligibility.outcomes.render.chart import chart_svg
from eligibility.outcomes.statuses import Status
from eligibility.text import Lang
from eligibility.wording import columns, word

_CSS = """
body { font-family: 'Noto Sans CJK JP', 'Noto Sans JP', 'Hiragino Sans', 'Yu Gothic', Meiryo,
  sans-serif; color: #212121; margin: 2em auto; max-width: 66em; padding: 0 1em;
  line-height: 1.5; }
h1 { font-size: 1.5em; margin-bottom: .2em; }
h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #bdbdbd; }
.meta { color: #616161; font-size: .9em; margin: .1em 0; }
table { border-collapse: collapse; margin: .8em 0; font-size: .9em; }
th, td { border: 1px solid #e0e0e0; padding: .25em .5em; text-align: left;
  vertical-align: top; }
th { background: #f5f5f5; }
td.num { text-align: right; white-space: nowrap; }
table.grid td, table.grid th { white-space: nowrap; }
.achieved { color: #2e7d32; } .missed { color: #b71c1c; } .on_track { color: #1e6fc8; }
.behind { color: #e65100; } .after_target { color: #546e7a; } .no_data { color: #9e9e9e; }
.chart svg { max-width: 100%; height: auto; }
.rule { color: #424242; }
.sources { font-family: monospace; font-size: .85em; color: #616161; }
section.indicator { page-break-inside: avoid; break-inside: avoid; }
@page { size: A4; margin: 16mm 12mm;
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 9pt; color: #616161; } }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  section.indicator { page-break-before: always; break-before: page; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(text: str) -> str:
    return escape(common.printable(text), quote=True)


def _status(status: Status, lang: Lang) -> str:
    return f'<span class="{status}">{status.mark} {_e(status.text(lang))}</span>'


def to_html(o: Outcomes, lang: Lang = "en") -> str:
    s = o.indicators
    p: list[str] = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_e(s.title(lang))}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(s.title(lang))}</h1>",
        f'<p class="meta"><code>{_e(s.id)}</code> {_e(s.version)} · '
        f"{_e(common.counts(o)(lang))}</p>",
        f'<p class="meta">{_e(common.provenance(o)(lang))}</p>',
        f'<p class="meta">{word("reading", lang)}: {_e(common.reading(o)(lang))}</p>',
    ]
    grid = common.grid(o, lang)
    years = sorted({r.year for r in o.rows if r.year is not None})
    p.append('<table class="grid">')
    p.append("<tr>" + "".join(f"<th>{_e(c)}</th>" for c in grid[0]) + "</tr>")
    for ind, line in zip(s.indicators, grid[1:], strict=True):
        rows = {r.year: r for r in o.rows_for(ind.id)}
        cells = [f"<td><code>{_e(line[0])}</code></td>", f"<td>{_e(line[1])}</td>"]
        shown: list[FiscalYear | None] = [*years] or [None]
        for y, text in zip(shown, line[2:], strict=True):
            row = rows.get(y)
            css = "" if row is None else f' class="num {row.status}"'
            cells.append(f"<td{css}>{_e(text)}</td>")
        p.append("<tr>" + "".join(cells) + "</tr>")
    p.append("</table>")
    p.append(f'<p class="meta">{_e(common.status_line(lang))}</p>')
    for ind in s.indicators:
        p.append('<section class="indicator">')
        p.append(f"<h2><code>{_e(ind.id)}</code> {_e(ind.title(lang))}</h2>")
        p.append(
            f"<p><b>{word('measure', lang)}</b>: {_e(ind.description(lang))} · "
            f"<b>{word('target_heading', lang)}</b>: {_e(common.target(ind, lang))}</p>"
        )
        result = o.result(ind.id)
        if result is not None:
            p.append(
                f"<p><b>{word('result', lang)}</b>: {_status(result.status, lang)} "
                f"({_e(result.value_text)})</p>"
            )
        p.append(f'<div class="chart">{chart_svg(o, ind)}</div>')
        head = columns("year_columns", lang)
        p.append("<table>")
        p.append("<tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr>")
        for row in o.rows_for(ind.id):
            p.append(
                "<tr>"
                f"<td>{_e(common.year_text(row.year, lang))}</td>"
                f'<td class="num">{_e(row.value_text)}</td>'
                f"<td>{_status(row.status, lang)}</td>"
                f"<td>{'' if row.detail is None else _e(row.detail(lang))}</td>"
                f'<td class="rule">{_e(row.rule(lang))}</td>'
                f'<td class="sources">{"<br>".join(_e(x) for x in row.sources)}</td>'
                "</tr>"
            )
        p.append("</table>")
        p.append(f'<p class="meta">{word("source", lang)}: {_e(ind.source)}</p>')
        if ind.note is not None:
            p.append(f'<p class="meta">{word("interpretation", lang)}: {_e(ind.note(lang))}</p>')
        p.append("</section>")
    if o.superseded:
        p.append(f"<h2>{word('superseded_reports', lang)}</h2><ul>")
        for sp in o.superseded:
            p.append(f"<li><code>{_e(sp.head.file)}</code>: {_e(sp.reason(lang))}</li>")
        p.append("</ul>")
    p.append(f"<h2>{word('findings', lang)}</h2>")
    if not o.findings:
        p.append(f"<p>{word('none', lang)}</p>")
    else:
        p.append("<table>")
        for f in o.findings:
            p.append(
                f"<tr><td>{_e(f.status.mark)} {_e(str(f.status))}</td>"
                f'<td class="sources">{_e(f.file)}<br>{_e(f.where)}</td>'
                f"<td>{_e(f.message(lang))}</td></tr>"
            )
        p.append("</table>")
    p.append(f"<h2>{word('statuses', lang)}</h2><ul>")
    for k in Status:
        if k in s.statuses:
            p.append(f"<li>{_status(k, lang)}: {_e(s.statuses[k](lang))}</li>")
    p.append("</ul>")
    p.append(f'<p class="meta">eligibility {_e(__version__)}</p>')
    p += ["</body>", "</html>"]
    return "\n".join(p) + "\n"
