"""Random cell values and damaged bytes in a form: the reader returns a document or raises
ApplicationReadError, never anything else, and the checked result renders in every format."""

from __future__ import annotations

import datetime as dt
import io
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError
from xlsx_forms import fill_form

from eligibility import api
from eligibility.application.reader import parse_application_bytes
from eligibility.application.workbook_cells import with_cells
from eligibility.checking.document import check_document
from eligibility.describe.workbook import template_workbook
from eligibility.errors import ApplicationReadError
from eligibility.rendering import result as report
from eligibility.rendering.formats.xlsx import result_workbook

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
RULESET = api.select_ruleset()  # not a fixture: hypothesis would print it with an example
FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

values = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.sampled_from(["=1+1", "yes / はい", "no / いいえ", "#N/A", "１５０ ｋＪ／ｍ３", "\x07"]),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 31)),
    st.times(),
)


FORM = fill_form(
    template_workbook(RULESET, "capacity.ndfeb", plans=2),
    tomllib.loads((EXAMPLES / "ndfeb-line.toml").read_text(encoding="utf-8")),
)


def _read_and_render(data: bytes, ruleset: Any) -> None:
    try:
        raw = parse_application_bytes(data, "fuzz.xlsx", suffix=".xlsx")
    except ApplicationReadError as exc:
        assert str(exc).startswith("fuzz.xlsx: ")
        return
    result = with_cells(check_document(raw.data, ruleset, "fuzz.xlsx"), raw.locations)
    for render in report.FORMATS.values():
        render(result, "ja")
    result_workbook(result, "en")


@FUZZ
@given(cells=st.lists(st.tuples(st.integers(6, 40), st.integers(1, 10), values), max_size=12))
def test_random_cell_values_never_escape(cells) -> None:  # type: ignore[no-untyped-def]
    book = openpyxl.load_workbook(io.BytesIO(FORM))
    ws = book["申請"]
    for row, column, value in cells:
        try:
            ws.cell(row, column).value = value
        except (ValueError, TypeError, IllegalCharacterError):  # openpyxl refuses the value
            ws.cell(row, column).value = None  # and leaves the cell half changed
    out = io.BytesIO()
    book.save(out)
    _read_and_render(out.getvalue(), RULESET)


@FUZZ
@given(
    damage=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=8)
)
def test_damaged_bytes_never_escape(damage) -> None:  # type: ignore[no-untyped-def]
    data = bytearray(FORM)
    for at, byte in damage:
        data[at % len(data)] = byte
    _read_and_render(bytes(data), RULESET)


@FUZZ
@given(
    damage=st.lists(
        st.tuples(
            st.integers(0, 20), st.integers(0, 10**5), st.sampled_from(b'<>"=/ &;a0\x00\xff')
        ),
        min_size=1,
        max_size=6,
    )
)
def test_damaged_xml_inside_the_package_never_escapes(damage) -> None:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(io.BytesIO(FORM)) as src:
        members = {info.filename: bytearray(src.read(info)) for info in src.infolist()}
    names = sorted(members)
    for which, at, byte in damage:
        body = members[names[which % len(names)]]
        if body:
            body[at % len(body)] = byte
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for member, body in members.items():
            dst.writestr(member, bytes(body))
    _read_and_render(out.getvalue(), RULESET)
