"""Outcomes as people and programs read them, one module per format: a terminal table
(``table``), JSON (``json``), CSV (``csv``), Markdown (``markdown``), a printable HTML page with
the charts inline (``html``), and one SVG chart per indicator (``chart``). :class:`OutputFormat`
names the formats; :func:`render` picks the writer, so a new format is one module and one
member here, and the command line never branches on a format's name.
"""

from __future__ import annotations

from enum import StrEnum

from eligibility.outcomes.measure import Outcomes
from eligibility.text import Lang


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"
    HTML = "html"


def render(o: Outcomes, fmt: OutputFormat, lang: Lang, charts: str | None = None) -> str:
    """``o`` written in ``fmt``; ``charts`` is the folder the Markdown links its charts from."""
    from eligibility.outcomes.render import csv, html, json, markdown, table

    if fmt is OutputFormat.JSON:
        return json.to_json(o, lang)
    if fmt is OutputFormat.CSV:
        return csv.to_csv(o, lang)
    if fmt is OutputFormat.MARKDOWN:
        return markdown.to_markdown(o, lang, charts)
    if fmt is OutputFormat.HTML:
        return html.to_html(o, lang)
    return table.to_table(o, lang)
