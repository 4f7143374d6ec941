"""One renderer module per output format, each rendering one result and, where the format
serves a batch, a screened batch: ``text`` (a terminal report and the batch table), ``json``
(the contract), ``markdown``, ``html`` and ``csv`` (batch only).

The formats a command offers are enums: each member is the word on the command line and maps
to its renderer with ``to_renderer()`` or ``to_writer()``, so a front end never branches on a
format's name, and a new format is one module plus one member here.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from eligibility.checking.result import Result
from eligibility.rendering.formats import csv, html, json, markdown, text
from eligibility.rendering.outline import BatchWriter
from eligibility.text import Lang

Renderer = Callable[[Result, Lang], str]


class CheckFormat(StrEnum):
    """How ``check`` prints one result."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"

    def to_renderer(self) -> Renderer:
        return _RENDERERS[self]


class ScreenFormat(StrEnum):
    """How ``screen`` writes a batch."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"

    def to_writer(self) -> type[BatchWriter]:
        return _WRITERS[self]


_RENDERERS: dict[CheckFormat, Renderer] = {
    CheckFormat.TEXT: text.render,
    CheckFormat.JSON: json.render,
    CheckFormat.MARKDOWN: markdown.render,
    CheckFormat.HTML: html.render,
}
_WRITERS: dict[ScreenFormat, type[BatchWriter]] = {
    ScreenFormat.TABLE: text.TableWriter,
    ScreenFormat.CSV: csv.CsvWriter,
    ScreenFormat.JSON: json.JsonWriter,
    ScreenFormat.MARKDOWN: markdown.MarkdownWriter,
    ScreenFormat.HTML: html.HtmlWriter,
}

__all__ = ["BatchWriter", "CheckFormat", "Renderer", "ScreenFormat"]
