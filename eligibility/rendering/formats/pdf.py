"""A report as PDF, from the same HTML the browser prints (A4, running header, page numbers).

WeasyPrint lays out HTML and CSS paged media itself, with no browser, and installs from PyPI
with the system's Pango; it is an optional extra (``pip install 'eligibility[pdf]'``), so the
checker itself does not need it.
"""

from __future__ import annotations

from eligibility.errors import EligibilityError


class PdfUnavailableError(EligibilityError):
    """PDF output was asked for where WeasyPrint is not installed."""


def html_to_pdf(page: str) -> bytes:
    """The PDF of the self-contained HTML ``page`` (no scripts, no external files)."""
    try:
        import weasyprint  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except (ImportError, OSError) as exc:  # OSError: WeasyPrint found no Pango library
        raise PdfUnavailableError(
            "PDF output needs WeasyPrint: pip install 'eligibility[pdf]' (or print the HTML "
            "report from a browser)"
        ) from exc

    def refuse_fetch(url: str, *args: object, **kwargs: object) -> dict[str, object]:
        raise ValueError(f"not fetched: {url}")  # a report refers to nothing outside itself

    document = weasyprint.HTML(string=page, url_fetcher=refuse_fetch)
    data: bytes = document.write_pdf()
    return data
