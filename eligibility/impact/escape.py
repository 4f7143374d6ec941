"""Applicant text made inert for each output: a terminal, a spreadsheet, Markdown, HTML.

Small functions in one place, so they can be switched for shared ones without touching the
reports that call them. JSON needs none: it carries the raw value.
"""

from __future__ import annotations

import html
import re
import unicodedata

# C0 and C1 controls (tab and newline aside) and the bidi controls that reorder text
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>])")


def terminal(text: str) -> str:
    """Controls shown as ``\\xNN``/``\\uNNNN``, so no escape sequence reaches a terminal."""
    return _CONTROLS.sub(lambda m: _visible(m.group(0)), text).replace("\n", " ")


def _visible(ch: str) -> str:
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: a leading ``'`` before ``= + - @``, tab or CR
    (as OWASP recommends for CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def markdown_cell(text: str) -> str:
    """Literal text in CommonMark, GFM and Python-Markdown, also inside a table cell."""
    plain = _CONTROLS.sub("", unicodedata.normalize("NFC", text)).replace("\r", " ")
    plain = plain.replace("\n", " ")
    plain = _MARKDOWN_SPECIAL.sub(r"\\\1", plain)
    return plain.replace("&", "&amp;").replace("<", "&lt;")


def html_text(text: str) -> str:
    """Text and attribute values in HTML."""
    return html.escape(_CONTROLS.sub("", text), quote=True)
