"""check --format pdf: the HTML report on A4 through WeasyPrint, where it is installed."""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from components import require

from cli import main
from eligibility.rendering.formats.pdf import PdfUnavailableError, html_to_pdf

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
HAS_WEASYPRINT = importlib.util.find_spec("weasyprint") is not None


def test_a_pdf_report_has_the_running_header_and_page_number_on_every_page(
    tmp_path: Path,
) -> None:
    require(HAS_WEASYPRINT, "WeasyPrint (the pdf extra)")
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils)")
    target = tmp_path / "report.pdf"
    source = EXAMPLES / "draft-self-check.toml"
    result = CliRunner().invoke(main, ["check", str(source), "--format", "pdf", "-o", str(target)])
    assert result.exit_code == 3  # the verdict's code, as for every format
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, check=True, text=True
    ).stdout
    pages = [p for p in text.split("\f") if p.strip()]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert "draft-self-check.toml · permanent-magnets 2025-06" in page
        assert re.search(rf"\b{number} ?/ ?{len(pages)}\s*$", page)  # pdftotext eats spaces


def test_without_weasyprint_pdf_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # makes the import fail
    with pytest.raises(PdfUnavailableError, match=r"pip install 'eligibility\[pdf\]'"):
        html_to_pdf("<p>x</p>")
    result = CliRunner().invoke(
        main,
        [
            "check",
            str(EXAMPLES / "ndfeb-line.toml"),
            "--format",
            "pdf",
            "-o",
            str(tmp_path / "x.pdf"),
        ],
    )
    assert result.exit_code == 2
    assert not (tmp_path / "x.pdf").exists()
    assert "error: PDF output needs WeasyPrint" in result.output
