"""The output formats of outcomes, and the one place that picks a format's writer.

This module imports no renderer until one is asked for, so that the command line can offer
the formats without loading the outcomes machinery at start-up.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from eligibility.text import Lang

if TYPE_CHECKING:
    from eligibility.outcomes.measure import Outcomes


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"
    HTML = "html"
    XLSX = "xlsx"

    @property
    def binary(self) -> bool:
        """A workbook: written to a file or a redirect only, never a terminal."""
        return self is OutputFormat.XLSX


def render(o: Outcomes, fmt: OutputFormat, lang: Lang, charts: str | None = None) -> str:
    """``o`` written in ``fmt`` (a text format); ``charts`` is the folder the Markdown links
    its charts from."""
    from eligibility.outcomes.render import csv, html, json, markdown, table

    if fmt is OutputFormat.JSON:
        return json.to_json(o, lang)
    if fmt is OutputFormat.CSV:
        return csv.to_csv(o, lang)
    if fmt is OutputFormat.MARKDOWN:
        return markdown.to_markdown(o, lang, charts)
    if fmt is OutputFormat.HTML:
        return html.to_html(o, lang)
    if fmt is OutputFormat.XLSX:
        raise ValueError("xlsx is binary: use render_bytes")
    return table.to_table(o, lang)


def render_bytes(o: Outcomes, fmt: OutputFormat, lang: Lang, charts: str | None = None) -> bytes:
    """The bytes of the file ``o`` is written to in ``fmt`` (a text format as UTF-8)."""
    if fmt is OutputFormat.XLSX:
        from eligibility.outcomes.render.xlsx import to_xlsx  # openpyxl: on use

        return to_xlsx(o, lang)
    return render(o, fmt, lang, charts).encode("utf-8")
