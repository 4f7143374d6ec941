"""Outcomes as Markdown, to paste into a document: the indicator table, each indicator's
result and years (with its chart, when charts are written), the superseded reports, the
findings and the status rules."""

from __future__ import annotations

from eligibility.outcomes.measure import Outcomes
from eligibility.outcomes.render import common
from eligibility.outcomes.render.chart import chart_name
from eligibility.outcomes.statuses import Status
from eligibility.text import Lang
from eligibility.wording import columns, word


def _md(text: str) -> str:
    return common.printable(text).replace("|", "\\|").replace("\n", " ")


def _md_table(rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(_md(c) for c in rows[0]) + " |"]
    out.append("|" + "---|" * len(rows[0]))
    out += ["| " + " | ".join(_md(c) for c in r) + " |" for r in rows[1:]]
    return out


def to_markdown(o: Outcomes, lang: Lang = "en", charts: str | None = None) -> str:
    """A report to paste into a document: the indicator table, then each indicator's years.

    With ``charts`` (a folder, as the Markdown file will see it), each indicator shows its chart.
    """
    s = o.indicators
    lines = [
        f"# {s.title(lang)}",
        "",
        f"`{s.id}` {s.version} · " + _md(common.counts(o)(lang)),
        "",
        _md(common.provenance(o)(lang)),
        "",
        f"**{word('reading', lang)}**: " + _md(common.reading(o)(lang)),
        "",
    ]
    grid = common.grid(o, lang)
    grid[1:] = [[f"`{r[0]}`", *r[1:]] for r in grid[1:]]
    lines += _md_table(grid)
    lines.append("")
    lines.append(" · ".join(f"{k.mark} {k.text(lang)}" for k in Status))
    for ind in s.indicators:
        lines += ["", f"## `{ind.id}` {ind.title(lang)}", ""]
        lines.append(
            f"**{word('measure', lang)}**: "
            + _md(ind.description(lang))
            + " · "
            + f"**{word('target_heading', lang)}**: "
            + _md(common.target(ind, lang))
        )
        result = o.result(ind.id)
        if result is not None:
            lines.append("")
            lines.append(
                f"**{word('result', lang)}**: "
                + f"{result.status.mark} {result.status.text(lang)} ({_md(result.value_text)})"
            )
        lines.append("")
        if charts is not None:
            lines += [f"![{_md(ind.title(lang))}]({charts.rstrip('/')}/{chart_name(ind)})", ""]
        head = columns("year_columns", lang)
        table = [head]
        for row in o.rows_for(ind.id):
            table.append(
                [
                    common.year_text(row.year, lang),
                    row.value_text,
                    f"{row.status.mark} {row.status.text(lang)}",
                    "" if row.detail is None else row.detail(lang),
                    row.rule(lang),
                    "<br>".join(f"`{x}`" for x in row.sources),
                ]
            )
        lines += _md_table(table)
        lines.append("")
        lines.append(word("source", lang) + ": " + _md(ind.source))
        if ind.note is not None:
            lines.append("")
            lines.append(word("interpretation", lang) + ": " + _md(ind.note(lang)))
    if o.superseded:
        lines += ["", "## " + word("superseded_reports", lang), ""]
        for sp in o.superseded:
            lines.append(f"- `{_md(sp.head.file)}`: {_md(sp.reason(lang))}")
    lines += ["", "## " + word("findings", lang), ""]
    if not o.findings:
        lines.append(word("none", lang))
    for f in o.findings:
        where = f"`{f.file}` {f.where}".rstrip()
        lines.append(f"- {f.status.mark} **{f.status}** {_md(where)}: {_md(f.message(lang))}")
    lines += ["", "## " + word("statuses", lang), ""]
    for k in Status:
        if k in s.statuses:
            lines.append(f"- {k.mark} {_md(s.statuses[k](lang))}")
    return "\n".join(lines) + "\n"
