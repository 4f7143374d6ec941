"""The one HTML page every HTML report is: a doctype, the language, the title and an inline
style sheet, with no script and no external file, so a report opens the same offline and
from an archive years later."""

from __future__ import annotations

from collections.abc import Sequence

from eligibility.rendering.escape import html
from eligibility.text import Lang

STYLE = """
body{font-family:system-ui,"Hiragino Sans","Noto Sans JP",sans-serif;margin:2rem;color:#1b1b1b}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;
overflow-wrap:break-word}td:first-child,td code{overflow-wrap:anywhere}
td:first-child{min-width:14ch}
th{background:#f3f3f3}.pass{color:#1a7f37}.fail{color:#cf222e;font-weight:600}
.missing,.invalid{color:#9a6700;font-weight:600}.review{color:#0969da;font-weight:600}
.verdict{display:inline-block;padding:.1rem .6rem;border-radius:1rem;background:#eee}
.eligible{background:#dafbe1;color:#1a7f37;font-weight:600}
.ineligible{background:#ffebe9;color:#cf222e;font-weight:600}
.incomplete{background:#fff8c5;color:#9a6700;font-weight:600}
.eligible,.ineligible,.incomplete,.review,.error{white-space:nowrap}
.cellref{white-space:nowrap}
td.review,.verdict.review{background:#ddf4ff}.error{background:#eaeef2;color:#57606a;font-weight:600}
code.hash{display:inline-block;max-width:12ch;overflow:hidden;text-overflow:ellipsis;
white-space:nowrap;vertical-align:bottom}
header.run{font-size:.75rem;color:#555;border-bottom:1px solid #ccc;margin-bottom:1rem;
overflow-wrap:anywhere}
footer{margin-top:2rem;font-size:.8rem;color:#555}code{font-size:.85rem}
footer code{overflow-wrap:anywhere}
@page{size:A4;margin:22mm 12mm 16mm 12mm;
@bottom-right{content:counter(page) " / " counter(pages);font:9pt system-ui,sans-serif;color:#555}}
@media print{
body{margin:0;font-size:9pt}table{font-size:8pt}thead{display:table-header-group}code{font-size:7.5pt}
tr{break-inside:avoid}h2{break-after:avoid}
header.run{display:none}
code.hash{max-width:none;white-space:normal;word-break:break-all;font-size:7pt}
*{print-color-adjust:exact;-webkit-print-color-adjust:exact}
a{color:inherit}
}
"""

END = "\n</body></html>\n"


def head(title: str, lang: Lang) -> str:
    """Everything up to and including ``<body>`` and its newline."""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"/>'
        f"<title>{html(title)}</title><style>{STYLE}</style></head>\n<body>\n"
    )


def page(title: str, body: Sequence[str], lang: Lang) -> str:
    """A whole page: ``body`` is lines of HTML already escaped."""
    return head(title, lang) + "\n".join(body) + END


def running_header(text: str) -> str:
    """``text`` at the top of the page on screen and of every printed page (a page margin
    box, which Chromium prints from version 131 on). In the CSS string every character but
    letters, digits and a few marks is a CSS escape, so no text can end the rule."""
    safe = "".join(ch if ch.isalnum() or ch in " .-_:/()·" else f"\\{ord(ch):x} " for ch in text)
    return (
        f'<header class="run">{html(text)}</header>'
        f'<style>@page{{@top-left{{content:"{safe}";font:7pt system-ui,sans-serif;color:#555}}}}'
        "</style>"
    )


def footer(items: Sequence[tuple[str, str]]) -> str:
    """The provenance as a definition list, each value in ``<code>``."""
    return (
        "<footer><dl>"
        + "".join(f"<dt>{html(k)}</dt><dd><code>{html(v)}</code></dd>" for k, v in items)
        + "</dl></footer>"
    )
