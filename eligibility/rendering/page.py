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
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}.pass{color:#1a7f37}.fail{color:#cf222e;font-weight:600}
.missing,.invalid{color:#9a6700;font-weight:600}.review{color:#0969da;font-weight:600}
.verdict{display:inline-block;padding:.1rem .6rem;border-radius:1rem;background:#eee}
footer{margin-top:2rem;font-size:.8rem;color:#555}code{font-size:.85rem}
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


def footer(items: Sequence[tuple[str, str]]) -> str:
    """The provenance as a definition list, each value in ``<code>``."""
    return (
        "<footer><dl>"
        + "".join(f"<dt>{html(k)}</dt><dd><code>{html(v)}</code></dd>" for k, v in items)
        + "</dl></footer>"
    )
