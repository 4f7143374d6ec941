"""The output formats are enums that map to their renderers; the command line offers exactly
the enums' members, and every member renders one result (check) or a batch (screen)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import click
import pytest

from cli import check, screen_cmd
from eligibility import api
from eligibility.rendering.formats import CheckFormat, ScreenFormat
from eligibility.screening.batch import Row, Summary

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _choices(command: click.Command) -> list[str]:
    [option] = [p for p in command.params if p.name == "fmt"]
    assert isinstance(option.type, click.Choice)
    return list(option.type.choices)


def test_the_command_line_offers_the_enums_members() -> None:
    assert _choices(check) == [f.value for f in CheckFormat]
    assert _choices(screen_cmd) == [f.value for f in ScreenFormat]


@pytest.mark.parametrize("fmt", list(CheckFormat))
def test_every_check_format_renders_a_result(fmt: CheckFormat) -> None:
    result = api.check_file(EXAMPLES / "recycling-program.toml")
    if not fmt.binary:
        out = fmt.to_renderer()(result, "ja")
        assert "solvent" in out and out.endswith("\n")
        assert fmt.to_bytes()(result, "ja") == out.encode("utf-8")
    elif fmt is CheckFormat.XLSX:
        assert fmt.to_bytes()(result, "ja").startswith(b"PK")  # a zip: the workbook
    else:  # pdf, laid out by WeasyPrint when that optional extra is installed
        from eligibility.rendering.formats.pdf import PdfUnavailableError

        try:
            data = fmt.to_bytes()(result, "ja")
        except PdfUnavailableError as exc:
            assert "WeasyPrint" in str(exc)
        else:
            assert data.startswith(b"%PDF")


@pytest.mark.parametrize("fmt", list(ScreenFormat))
def test_every_screen_format_writes_a_batch(fmt: ScreenFormat) -> None:
    out = io.StringIO()
    row = Row(file="a.toml", verdict="eligible", plan="solvent", track="recycling.rnd")
    summary = Summary()
    summary.add([row])
    when = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
    if fmt.binary:
        data = io.BytesIO()
        book = fmt.to_binary_writer()(data, "en", when)
        book.begin()
        book.rows([row])
        book.end(summary)
        assert data.getvalue().startswith(b"PK")  # a zip: the workbook
        return
    writer = fmt.to_writer()(out, "en", when)
    writer.begin()
    writer.rows([row])
    writer.end(summary)
    assert "solvent" in out.getvalue() and out.getvalue().endswith("\n")
