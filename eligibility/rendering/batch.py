"""A screened batch as people and programs read it, by the names callers have long used: the
writers live in :mod:`.formats`, one module per format, chosen by
:class:`~eligibility.rendering.formats.ScreenFormat`.

Each writer streams: ``begin()``, one ``rows()`` call per file as results arrive, then
``end(summary)``. Nothing is kept between calls but what the summary counts.
"""

from __future__ import annotations

from eligibility.rendering.formats import ScreenFormat
from eligibility.rendering.formats.csv import COLUMNS, CsvWriter
from eligibility.rendering.formats.html import HtmlWriter
from eligibility.rendering.formats.json import JsonWriter
from eligibility.rendering.formats.markdown import MarkdownWriter
from eligibility.rendering.formats.text import TableWriter
from eligibility.rendering.outline import BatchWriter as Writer

WRITERS: dict[str, type[Writer]] = {f.value: f.to_writer() for f in ScreenFormat if not f.binary}

__all__ = [
    "COLUMNS",
    "WRITERS",
    "CsvWriter",
    "HtmlWriter",
    "JsonWriter",
    "MarkdownWriter",
    "TableWriter",
    "Writer",
]
