"""The output formats of outcomes, and the one place that picks a format's writer."""

from __future__ import annotations

from enum import StrEnum

from eligibility.outcomes.measure import Outcomes
from eligibility.outcomes.render import csv, html, json, markdown, table
from eligibility.text import Lang


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"
    HTML = "html"


def render(o: Outcomes, fmt: OutputFormat, lang: Lang, charts: str | None = None) -> str:
    """``o`` written in ``fmt``; ``charts`` is the folder the Markdown links its charts from."""
    if fmt is OutputFormat.JSON:
        return json.to_json(o, lang)
    if fmt is OutputFormat.CSV:
        return csv.to_csv(o, lang)
    if fmt is OutputFormat.MARKDOWN:
        return markdown.to_markdown(o, lang, charts)
    if fmt is OutputFormat.HTML:
        return html.to_html(o, lang)
    return table.to_table(o, lang)
