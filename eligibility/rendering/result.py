"""One result as people and programs read it, by the names callers have long used: the
renderers live in :mod:`.formats`, one module per format, chosen by
:class:`~eligibility.rendering.formats.CheckFormat`."""

from __future__ import annotations

from eligibility.rendering.formats import CheckFormat, Renderer
from eligibility.rendering.formats.html import render as to_html
from eligibility.rendering.formats.json import finding_dict, plan_dict, result_dict, ruleset_dict
from eligibility.rendering.formats.json import render as to_json
from eligibility.rendering.formats.markdown import render as to_markdown
from eligibility.rendering.formats.text import render as to_text
from eligibility.rendering.outline import STATUS_MARK
from eligibility.rendering.provenance import of_result as provenance
from eligibility.rendering.provenance import timestamp

FORMATS: dict[str, Renderer] = {f.value: f.to_renderer() for f in CheckFormat if not f.binary}

__all__ = [
    "FORMATS",
    "STATUS_MARK",
    "finding_dict",
    "plan_dict",
    "provenance",
    "result_dict",
    "ruleset_dict",
    "timestamp",
    "to_html",
    "to_json",
    "to_markdown",
    "to_text",
]
