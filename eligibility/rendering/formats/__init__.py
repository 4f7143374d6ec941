"""One renderer module per output format, each rendering one result and, where the format
serves a batch, a screened batch: ``text`` (a terminal report and the batch table), ``json``
(the contract), ``markdown``, ``html``, ``csv`` (batch only), and the binary ``xlsx`` (a
workbook) and ``pdf`` (the HTML report laid out on A4; one result only).

The formats a command offers are enums: each member is the word on the command line and maps
to its renderer with ``to_renderer()`` or ``to_writer()``, so a front end never branches on a
format's name, and a new format is one module plus one member here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from eligibility.checking.result import Result
from eligibility.rendering.outline import BatchWriter
from eligibility.text import Lang

if TYPE_CHECKING:
    from eligibility.rendering.formats.xlsx import XlsxBatchWriter

Renderer = Callable[[Result, Lang], str]
BinaryRenderer = Callable[[Result, Lang], bytes]


class CheckFormat(StrEnum):
    """How ``check`` prints one result."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"
    XLSX = "xlsx"
    PDF = "pdf"

    @property
    def binary(self) -> bool:
        """Bytes that would garble a terminal: written to a file or a redirect only."""
        return self not in _RENDERERS

    def to_renderer(self) -> Renderer:
        """The text renderer (for the text formats)."""
        return _load(_RENDERERS[self])  # type: ignore[no-any-return]

    def to_bytes(self) -> BinaryRenderer:
        """The renderer of the file's bytes, for every format (text as UTF-8)."""
        if self is CheckFormat.XLSX:
            from eligibility.rendering.formats.xlsx import result_workbook  # openpyxl: on use

            return result_workbook
        if self is CheckFormat.PDF:
            from eligibility.rendering.formats.pdf import html_to_pdf

            render_html = CheckFormat.HTML.to_renderer()
            return lambda r, lang: html_to_pdf(render_html(r, lang))
        text_renderer = self.to_renderer()
        return lambda r, lang: text_renderer(r, lang).encode("utf-8")


class _TablesOut:
    """What the formats of ``screen`` and ``outcomes`` share: the same six, of which the
    workbook is binary and CSV takes ``--encoding``."""

    @property
    def binary(self) -> bool:
        """A workbook: written to a file or a redirect only, through a binary stream."""
        return str(self) == "xlsx"

    @property
    def takes_encoding(self) -> bool:
        """Whether ``--encoding`` applies (CSV for Excel: UTF-8 with a BOM, or cp932)."""
        return str(self) == "csv"


class ScreenFormat(_TablesOut, StrEnum):
    """How ``screen`` writes a batch."""

    TABLE = "table"
    CSV = "csv"
    JSON = "json"
    MARKDOWN = "markdown"
    HTML = "html"
    XLSX = "xlsx"

    def to_writer(self) -> type[BatchWriter]:
        """The text writer (for every format but the binary one)."""
        return _load(_WRITERS[self])  # type: ignore[no-any-return]

    def to_binary_writer(self) -> type[XlsxBatchWriter]:
        from eligibility.rendering.formats.xlsx import XlsxBatchWriter  # openpyxl: on use

        return XlsxBatchWriter


class OutcomesFormat(_TablesOut, StrEnum):
    """How ``outcomes`` writes the indicators (its writers live in eligibility.outcomes.render,
    loaded only by that command)."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"
    HTML = "html"
    XLSX = "xlsx"


# Each format's module is imported when it is used: a check that prints JSON loads neither
# the HTML page nor the terminal table.
_RENDERERS: dict[CheckFormat, str] = {
    CheckFormat.TEXT: "text.render",
    CheckFormat.JSON: "json.render",
    CheckFormat.MARKDOWN: "markdown.render",
    CheckFormat.HTML: "html.render",
}
_WRITERS: dict[ScreenFormat, str] = {
    ScreenFormat.TABLE: "text.TableWriter",
    ScreenFormat.CSV: "csv.CsvWriter",
    ScreenFormat.JSON: "json.JsonWriter",
    ScreenFormat.MARKDOWN: "markdown.MarkdownWriter",
    ScreenFormat.HTML: "html.HtmlWriter",
}


def _load(where: str) -> Any:
    module, name = where.split(".")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


__all__ = [
    "BatchWriter",
    "BinaryRenderer",
    "CheckFormat",
    "OutcomesFormat",
    "Renderer",
    "ScreenFormat",
]
