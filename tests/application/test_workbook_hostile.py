"""A workbook is untrusted input: every hostile or broken form is one clear refusal that
names the file (and the sheet and cell where there is one), never a crash or a hang."""

from __future__ import annotations

import io
import re
import tomllib
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from xlsx_forms import fill_form

from cli import main
from eligibility import api
from eligibility.application import workbook
from eligibility.application.reader import read_application
from eligibility.describe.workbook import template_workbook
from eligibility.errors import ApplicationReadError

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def filled(ruleset) -> bytes:  # type: ignore[no-untyped-def]
    doc = tomllib.loads((EXAMPLES / "ndfeb-line.toml").read_text(encoding="utf-8"))
    return fill_form(template_workbook(ruleset, "capacity.ndfeb"), doc)


def _refusal(tmp_path: Path, data: bytes, name: str = "form.xlsx") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ApplicationReadError) as info:
        read_application(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    return message


def _replace_member(data: bytes, member: str, body: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename != member:
                dst.writestr(info, src.read(info), compress_type=zipfile.ZIP_DEFLATED)
        dst.writestr(member, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _cell_of(data: bytes, key: str) -> tuple[openpyxl.Workbook, int]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    ws = book["申請"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == key)
    return book, row


def _save(book: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_filled_form_reads(filled: bytes, tmp_path: Path) -> None:
    path = tmp_path / "form.xlsx"
    path.write_bytes(filled)
    raw = read_application(path)
    assert raw.data["plans"][0]["magnet"]["energy_product"] == "390 kJ/m^3"
    assert raw.locations["plans[0].magnet.energy_product"].startswith("申請!F")


def test_a_member_that_unpacks_beyond_the_limit_is_a_zip_bomb(
    filled: bytes, tmp_path: Path
) -> None:
    bomb = _replace_member(filled, "xl/media/padding.bin", b"\0" * (workbook.MAX_UNCOMPRESSED + 1))
    message = _refusal(tmp_path, bomb)
    assert "unpacks to more than 67,108,864 bytes (at xl/media/padding.bin)" in message
    assert "zip bomb" in message


def test_a_member_that_unpacks_thousands_of_times_its_size_is_refused(
    filled: bytes, tmp_path: Path
) -> None:
    bomb = _replace_member(filled, "xl/worksheets/sheet3.xml", b" " * (4 * 1024 * 1024))
    message = _refusal(tmp_path, bomb)
    assert "xl/worksheets/sheet3.xml unpacks" in message
    assert "the limit is 200: this may be a zip bomb" in message


def test_an_entity_bomb_in_the_shared_strings_is_refused(filled: bytes, tmp_path: Path) -> None:
    laughs = (
        b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
            for i in range(1, 10)
        )
        + b']>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<si><t>&lol9;</t></si></sst>"
    )
    message = _refusal(tmp_path, _replace_member(filled, "xl/sharedStrings.xml", laughs))
    assert "xl/sharedStrings.xml declares a DOCTYPE or ENTITY" in message


def test_utf16_xml_cannot_hide_a_doctype(filled: bytes, tmp_path: Path) -> None:
    body = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x><sst/>'.encode("utf-16")
    message = _refusal(tmp_path, _replace_member(filled, "xl/sharedStrings.xml", body))
    assert "xl/sharedStrings.xml is not UTF-8 XML" in message


@pytest.mark.parametrize(
    ("name", "member", "body"),
    [
        ("form.xlsm", None, b""),
        ("form.xlsx", "xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macros"),
    ],
)
def test_macro_enabled_workbooks_are_refused(
    filled: bytes, tmp_path: Path, name: str, member: str | None, body: bytes
) -> None:
    data = filled if member is None else _replace_member(filled, member, body)
    message = _refusal(tmp_path, data, name)
    assert "a macro-enabled workbook: macros are never run or accepted" in message


def test_a_macro_enabled_content_type_is_refused(filled: bytes, tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(filled)) as z:
        types = z.read("[Content_Types].xml")
    types = types.replace(b"spreadsheetml.sheet.main+xml", b"sheet.macroEnabled.main+xml")
    message = _refusal(tmp_path, _replace_member(filled, "[Content_Types].xml", types))
    assert "macro-enabled" in message


def test_too_many_sheets(filled: bytes, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(io.BytesIO(filled))
    for i in range(workbook.MAX_SHEETS):
        book.create_sheet(f"extra{i}")
    message = _refusal(tmp_path, _save(book))
    assert f"{workbook.MAX_SHEETS + 2} sheets; the limit is {workbook.MAX_SHEETS}" in message


def test_too_many_cells(filled: bytes, tmp_path: Path) -> None:
    cells = "".join(f'<c r="A{i}"><v>{i}</v></c>' for i in range(workbook.MAX_CELLS + 1))
    sheet = f"<worksheet><sheetData>{cells}</sheetData></worksheet>".encode()
    message = _refusal(tmp_path, _replace_member(filled, "xl/worksheets/sheet3.xml", sheet))
    assert "cells; the limit is 200,000" in message


def test_a_formula_without_a_saved_value_names_its_cell(filled: bytes, tmp_path: Path) -> None:
    book, row = _cell_of(filled, "plans.magnet.energy_product")
    book["申請"].cell(row, 6).value = "=300+90"  # openpyxl saves no value for a formula
    message = _refusal(tmp_path, _save(book))
    assert f"申請!F{row}: a formula with no saved value (=300+90)" in message
    assert "let it calculate" not in message and "so it calculates, then save it" in message


def test_a_formula_with_a_saved_value_reads_its_value(filled: bytes, tmp_path: Path) -> None:
    book, row = _cell_of(filled, "plans.magnet.energy_product")
    book["申請"].cell(row, 6).value = "=300+90"
    data = _save(book)
    # as Excel saves it: the formula and its last value
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    sheet = sheet.replace(b"<f>300+90</f><v></v>", b"<f>300+90</f><v>390</v>")
    sheet = sheet.replace(b"<f>300+90</f><v />", b"<f>300+90</f><v>390</v>")
    assert b"<v>390</v>" in sheet
    path = tmp_path / "form.xlsx"
    path.write_bytes(_replace_member(data, "xl/worksheets/sheet1.xml", sheet))
    assert read_application(path).data["plans"][0]["magnet"]["energy_product"] == "390 kJ/m^3"


def test_a_merged_cell_names_its_range(filled: bytes, tmp_path: Path) -> None:
    book, row = _cell_of(filled, "plans.magnet.grade")
    book["申請"].merge_cells(start_row=row, start_column=6, end_row=row, end_column=7)
    message = _refusal(tmp_path, _save(book))
    assert f"申請!F{row}:G{row}: merged cells: unmerge them and write one value per cell" in message


def test_a_number_without_its_unit_is_an_invalid_finding_naming_the_cell(
    filled: bytes,
    tmp_path: Path,
    ruleset,  # type: ignore[no-untyped-def]
) -> None:
    book, row = _cell_of(filled, "plans.magnet.energy_product")
    book["申請"].cell(row, 7).value = None
    path = tmp_path / "form.xlsx"
    path.write_bytes(_save(book))
    result = api.check_file(path, ruleset)
    finding = next(f for f in result.plans[0].findings if f.rule == "capacity.ndfeb.energy_product")
    assert finding.status == "invalid"
    assert finding.cell == f"申請!F{row}"
    assert "kJ/m^3" in finding.message.en and finding.message.en.endswith(f"[cell 申請!F{row}]")


def test_not_a_zip(tmp_path: Path) -> None:
    message = _refusal(tmp_path, b"name,plan\nx,y\n")
    assert "not an .xlsx workbook (not a zip package)" in message


def test_a_workbook_that_is_not_the_form(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "anything"  # type: ignore[index]
    message = _refusal(tmp_path, _save(book))
    assert "no sheet has the form's header" in message


def test_a_text_cell_starting_with_equals_is_read_as_text(filled: bytes, tmp_path: Path) -> None:
    book, row = _cell_of(filled, "plans.title")
    cell = book["申請"].cell(row, 6)
    cell.value = "=HYPERLINK(1)"
    cell.data_type = "s"
    path = tmp_path / "form.xlsx"
    path.write_bytes(_save(book))
    assert read_application(path).data["plans"][0]["title"] == "=HYPERLINK(1)"


def test_the_command_line_exits_2_naming_file_and_cell(filled: bytes, tmp_path: Path) -> None:
    book, row = _cell_of(filled, "plans.magnet.grade")
    book["申請"].merge_cells(start_row=row, start_column=6, end_row=row, end_column=7)
    path = tmp_path / "form.xlsx"
    path.write_bytes(_save(book))
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert f"error: {path}: 申請!F{row}:G{row}: merged cells" in result.output
    assert "Traceback" not in result.output


def test_a_form_sheet_reaching_far_beyond_the_form_is_refused(
    filled: bytes, tmp_path: Path
) -> None:
    book, _ = _cell_of(filled, "plans.title")
    book["申請"]["XFD1048576"] = "far away"  # one cell; the sheet's extent would be 17 billion
    message = _refusal(tmp_path, _save(book))
    assert (
        "申請!XFD1048576: the form sheet reaches this cell; a form has at most 1,000 rows"
        in message
    )


def test_a_formula_whose_saved_result_is_an_error_names_its_cell(
    filled: bytes, tmp_path: Path
) -> None:
    book, row = _cell_of(filled, "plans.magnet.energy_product")
    book["申請"].cell(row, 6).value = "=1/0"
    data = _save(book)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    as_excel = f'<c r="F{row}" t="e"><f>1/0</f><v>#DIV/0!</v></c>'.encode()
    sheet = re.sub(rb'<c r="F%d"[^>]*><f>1/0</f><v\s*/></c>' % row, as_excel, sheet)
    assert as_excel in sheet
    message = _refusal(tmp_path, _replace_member(data, "xl/worksheets/sheet1.xml", sheet))
    assert f"申請!F{row}: the formula's result is an error (#DIV/0!)" in message


def test_values_the_layout_does_not_read_are_named_in_notices(
    filled: bytes, tmp_path: Path
) -> None:
    book, row = _cell_of(filled, "plans.magnet.grade")
    ws = book["申請"]
    ws.cell(row, 8).value = "N52"  # plan 2's column, which has no heading
    _, bool_row = _cell_of(filled, "plans.overseas.domestic_rnd_center")
    ws.cell(bool_row, 7).value = "kg"  # a unit for a yes/no answer
    ws.cell(ws.max_row + 2, 6).value = "stray"  # a row with no key
    path = tmp_path / "form.xlsx"
    path.write_bytes(_save(book))
    notices = [n.en for n in read_application(path).notices]
    assert notices == [
        f"申請!H{row}: a value in a column with no plan heading (row of 'キー / key') was not "
        "read: head the column, e.g. 計画2 / plan 2, or move the value",
        f"申請!G{bool_row}: a unit for a value that takes none was not read",
        f"申請!F{ws.max_row}: a value in a row with no key in column A was not read",
    ]


def test_blank_plan_columns_are_no_plans_and_cells_follow_the_plans_kept(
    ruleset,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    form = template_workbook(ruleset, "capacity.smco", plans=3)
    book, id_row = _cell_of(form, "plans.id")
    ws = book["申請"]
    ws.cell(id_row, 6).value = "first"
    ws.cell(id_row, 10).value = "third"  # plan 2's columns (H, I) stay blank
    path = tmp_path / "form.xlsx"
    path.write_bytes(_save(book))
    raw = read_application(path)
    assert [p["id"] for p in raw.data["plans"]] == ["first", "third"]
    assert [p["track"] for p in raw.data["plans"]] == ["capacity.smco", "capacity.smco"]
    assert raw.locations["plans[0].id"] == f"申請!F{id_row}"
    assert raw.locations["plans[1].id"] == f"申請!J{id_row}"
    assert "plans[2].id" not in raw.locations
