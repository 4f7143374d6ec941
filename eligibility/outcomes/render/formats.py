"""The one place that picks the writer of an outcomes format
(:class:`~eligibility.rendering.formats.OutcomesFormat`, named beside the other commands'
formats so that the command line offers them without loading this package); no renderer is
imported until one is asked for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eligibility.rendering.formats import OutcomesFormat
from eligibility.text import Lang

if TYPE_CHECKING:
    from eligibility.outcomes.measure import Outcomes


def render(o: Outcomes, fmt: OutcomesFormat, lang: Lang, charts: str | None = None) -> str:
    """``o`` written in ``fmt`` (a text format); ``charts`` is the folder the Markdown links
    its charts from."""
    from eligibility.outcomes.render import csv, html, json, markdown, table

    if fmt is OutcomesFormat.JSON:
        return json.to_json(o, lang)
    if fmt is OutcomesFormat.CSV:
        return csv.to_csv(o, lang)
    if fmt is OutcomesFormat.MARKDOWN:
        return markdown.to_markdown(o, lang, charts)
    if fmt is OutcomesFormat.HTML:
        return html.to_html(o, lang)
    if fmt is OutcomesFormat.XLSX:
        raise ValueError("xlsx is binary: use render_bytes")
    return table.to_table(o, lang)


def render_bytes(o: Outcomes, fmt: OutcomesFormat, lang: Lang, charts: str | None = None) -> bytes:
    """The bytes of the file ``o`` is written to in ``fmt`` (a text format as UTF-8)."""
    if fmt is OutcomesFormat.XLSX:
        from eligibility.outcomes.render.xlsx import to_xlsx  # openpyxl: on use

        return to_xlsx(o, lang)
    return render(o, fmt, lang, charts).encode("utf-8")
