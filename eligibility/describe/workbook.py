"""A blank application form as a workbook (.xlsx), for applicants who work in Excel.

The same fields, labels, needs and accepted units as the TOML template
(:mod:`eligibility.describe.template`), laid out as the reader expects
(:mod:`eligibility.application.workbook_layout`): one row per key, one value per cell, the
unit in a cell of its own, no merged cells. Drop-downs offer the accepted units (any other
unit of the right dimension is still accepted, with a warning), yes/no, the site and the
material names (free text allowed). Only the input cells are unlocked; the sheet is
protected without a password, so a slip cannot move the keys the reader relies on, and
anyone may still unprotect it.
"""

from __future__ import annotations

import io
import re
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from eligibility.application import workbook_layout as layout
from eligibility.application.workbook_layout import CellKind
from eligibility.describe.application_fields import APPLICANT_FIELDS, OPTIONAL, REQUIRED
from eligibility.describe.template import field_needs, find_track, track_fields
from eligibility.field_types.registry import field_type
from eligibility.messages import describe as say
from eligibility.ruleset.model import FieldSpec, Ruleset
from eligibility.text import Text

MAX_FORM_PLANS = 50

_INPUT_FILL = PatternFill("solid", fgColor="FFF8DC")
_HEAD_FILL = PatternFill("solid", fgColor="D9E2F3")
_KEY_FONT = Font(color="808080", size=9)
_BOLD = Font(bold=True)
_WRAP = Alignment(wrap_text=True, vertical="top")
_BLANK_OPTIONAL = say.OPTIONAL_IN_FORM
# A number that is not an exponent: "年500トン" shows a notation, not a unit to pick.
_NOTATION = re.compile(r"(?<![\^\-A-Za-z])[0-9]")
_LIST_LIMIT = 255
_WIDTHS = {
    layout.KEY_COLUMN: 30,
    layout.TYPE_COLUMN: 10,
    layout.LABEL_JA_COLUMN: 30,
    layout.LABEL_EN_COLUMN: 34,
    layout.HELP_COLUMN: 46,
}  # characters Excel allows in a drop-down written into the rule itself


def template_workbook(ruleset: Ruleset, track_id: str, *, plans: int = 1) -> bytes:
    """A blank form for ``plans`` plans of one track, as the bytes of an .xlsx file."""
    if not 1 <= plans <= MAX_FORM_PLANS:
        raise ValueError(f"a form holds 1 to {MAX_FORM_PLANS} plans, not {plans}")
    track = find_track(ruleset, track_id)
    needs = field_needs(ruleset, track)
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = layout.FORM_SHEET
    stamp = f"{ruleset.id} {ruleset.version} (sha256 {ruleset.sha256})"
    ws["A1"] = f"申請書 / Application: {track.id} — {track.title.ja} / {track.title.en}"
    ws["A1"].font = Font(bold=True, size=13)
    ws["A2"] = f"規則セット / rule set: {stamp}"
    ws["A3"] = (
        "黄色のセルに記入し、eligibility check で確認してください。 / Fill in the yellow "
        "cells and check the file with: eligibility check FILE.xlsx"
    )
    header = 5
    heads = [layout.KEY_HEADER, layout.TYPE_HEADER, "項目", "item", "記入方法 / how to fill in"]
    for i in range(plans):
        heads += [f"計画{i + 1} / plan {i + 1}", "単位 / unit"]
    for column, text in enumerate(heads, start=1):
        cell = ws.cell(header, column, text)
        cell.font = _BOLD
        cell.fill = _HEAD_FILL
        cell.alignment = _WRAP
    form = _Form(ws, header + 1, plans)
    form.heading("申請者", "applicant")
    for key, need in (("name", REQUIRED), ("corporate_number", _BLANK_OPTIONAL)):
        form.applicant_row(key, APPLICANT_FIELDS[key][0], need, as_text=True)
    form.applicant_row("submitted", APPLICANT_FIELDS["submitted"][0], _BLANK_OPTIONAL, date=True)
    form.heading("計画", "plans")
    form.plan_row("id", CellKind.TEXT, say.PLAN_ID_IN_FORM)
    form.plan_row("track", CellKind.TEXT, say.TRACK, value=track.id)
    form.plan_row("title", CellKind.TEXT, say.TITLE, need=_BLANK_OPTIONAL)
    for path in track_fields(ruleset, track):
        spec = ruleset.fields[path]
        need = needs[path]
        form.field_row(path, spec, _for_workbook(need), ruleset)
    form.finish()
    _instructions(book, ruleset, track.id, stamp)
    book.properties.title = f"申請書 / Application: {track.id}"
    book.properties.subject = f"rule set {stamp}"
    book.properties.keywords = f"eligibility {ruleset.id} {ruleset.version}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _for_workbook(need: Text) -> Text:
    """A need as said for a form, where one leaves a cell blank instead of deleting a line."""
    if need == OPTIONAL:
        return _BLANK_OPTIONAL
    return Text(
        need.en.replace("(delete the lines you do not use)", "(leave the others blank)"),
        need.ja.replace("（使わない行は削除）", "（使わない項目は空欄）"),
    )


class _Form:
    """Writes the rows of the form sheet and remembers the drop-downs to add."""

    def __init__(self, ws: Any, row: int, plans: int) -> None:
        self.ws = ws
        self.row = row
        self.plans = plans
        self.lists: dict[tuple[str, str], DataValidation] = {}

    def heading(self, ja: str, en: str) -> None:
        cell = self.ws.cell(self.row, layout.LABEL_JA_COLUMN, ja)
        cell.font = _BOLD
        self.ws.cell(self.row, layout.LABEL_EN_COLUMN, en).font = _BOLD
        self.row += 1

    def _labels(self, key: str, kind: CellKind, label: Text, help_text: str) -> None:
        ws, row = self.ws, self.row
        for column, text in ((layout.KEY_COLUMN, key), (layout.TYPE_COLUMN, kind)):
            cell = ws.cell(row, column, text)
            cell.font = _KEY_FONT
            cell.alignment = _WRAP
        ws.cell(row, layout.LABEL_JA_COLUMN, label.ja).alignment = _WRAP
        ws.cell(row, layout.LABEL_EN_COLUMN, label.en).alignment = _WRAP
        ws.cell(row, layout.HELP_COLUMN, help_text).alignment = _WRAP
        # openpyxl sets no row heights and wrapped text would overlap the next row
        lines = max(
            -(-layout.display_width(text) // (_WIDTHS[column] - 2))
            for column, text in (
                (layout.LABEL_JA_COLUMN, label.ja),
                (layout.LABEL_EN_COLUMN, label.en),
                (layout.HELP_COLUMN, help_text),
            )
        )
        if lines > 1:
            ws.row_dimensions[row].height = 15 * lines

    def _input(self, column: int, *, as_text: bool = False, date: bool = False) -> Any:
        cell = self.ws.cell(self.row, column)
        cell.protection = Protection(locked=False)
        cell.fill = _INPUT_FILL
        if as_text:
            cell.number_format = "@"  # a corporate number stays 13 digits, not 4.01E+12
        if date:
            cell.number_format = "yyyy-mm-dd"
        return cell

    def applicant_row(
        self, key: str, label: Text, need: Text, *, as_text: bool = False, date: bool = False
    ) -> None:
        kind = CellKind.DATE if date else CellKind.TEXT
        hint = " — 日付 / date: 2028-04-01" if date else ""
        self._labels(layout.APPLICANT_PREFIX + key, kind, label, f"{need.ja} / {need.en}{hint}")
        self._input(layout.value_column(0), as_text=as_text, date=date)
        self.row += 1

    def plan_row(
        self,
        path: str,
        kind: CellKind,
        label: Text,
        *,
        need: Text = REQUIRED,
        value: str | None = None,
    ) -> None:
        self._labels(layout.PLAN_PREFIX + path, kind, label, f"{need.ja} / {need.en}")
        for i in range(self.plans):
            cell = self._input(layout.value_column(i), as_text=True)
            if value is not None:
                cell.value = value
        self.row += 1

    def field_row(self, path: str, spec: FieldSpec, need: Text, ruleset: Ruleset) -> None:
        ftype = field_type(spec)
        cell = ftype.form_cell
        help_text = f"{need.ja} / {need.en}" + ftype.form_hint(spec)
        choices, strict = ftype.form_choices(spec, ruleset)
        # offer what can pass somewhere in the program (the vocabulary also knows names that
        # are recognised only to fail: ferrite, alnico)
        accepted = {v for rule in ruleset.rules for v in rule.criterion.accepted_values(path)}
        if accepted:
            choices = [c for c in choices if c in accepted]
        units: list[str] = []
        if cell is CellKind.AMOUNT and spec.kind is not None:
            units = [u for u in spec.kind.accepts if not _NOTATION.search(u)]
        if spec.default is not None:
            help_text += f"（既定値 / default: {spec.default}）"
        self._labels(layout.PLAN_PREFIX + path, cell, spec.label, help_text)
        for i in range(self.plans):
            # a quantity's number stays a number (no "number stored as text" warnings)
            as_text = cell not in (CellKind.DATE, CellKind.AMOUNT)
            value = self._input(layout.value_column(i), as_text=as_text, date=cell is CellKind.DATE)
            if choices:
                self._validate(value.coordinate, choices, strict=strict)
            if units:
                unit = self._input(layout.unit_column(i), as_text=True)
                self._validate(unit.coordinate, units, strict=False)
        self.row += 1

    def _validate(self, coordinate: str, items: list[str], *, strict: bool) -> None:
        formula = '"' + ",".join(i.replace('"', "") for i in items) + '"'
        if len(formula) - 2 > _LIST_LIMIT or any("," in i for i in items):
            return  # too long to write into the rule: the help column lists the values
        style: Literal["stop", "warning"] = "stop" if strict else "warning"
        key = (formula, style)
        dv = self.lists.get(key)
        if dv is None:
            dv = DataValidation(
                type="list",
                formula1=formula,
                allow_blank=True,
                showErrorMessage=True,
                errorStyle=style,
                errorTitle="値 / value",
                error=(
                    "一覧から選んでください / choose a value from the list"
                    if strict
                    else "一覧にない値です。このままでよければ「はい」 / not in the list; "
                    "keep it if it is right"
                ),
            )
            self.ws.add_data_validation(dv)
            self.lists[key] = dv
        dv.add(coordinate)

    def finish(self) -> None:
        ws = self.ws
        for column, width in _WIDTHS.items():
            ws.column_dimensions[get_column_letter(column)].width = width
        for i in range(self.plans):
            ws.column_dimensions[get_column_letter(layout.value_column(i))].width = 22
            ws.column_dimensions[get_column_letter(layout.unit_column(i))].width = 12
        ws.freeze_panes = ws.cell(6, layout.FIRST_VALUE_COLUMN)
        layout.print_across(ws)
        ws.print_title_rows = "5:5"
        ws.protection.sheet = True  # no password: a guard against slips, not a lock
        ws.protection.formatColumns = False  # columns may still be widened
        ws.protection.formatRows = False


def _instructions(book: Workbook, ruleset: Ruleset, track_id: str, stamp: str) -> None:
    ws = book.create_sheet(layout.INSTRUCTIONS_SHEET)
    lines = [
        ("記入方法 / How to fill in this form", True),
        (f"規則セット / rule set: {stamp}", False),
        (f"区分 / track: {track_id}", False),
        ("", False),
        ("1. 「申請」シートの黄色のセルに記入します。1 つのセルに 1 つの値。", False),
        ("   Fill in the yellow cells of the sheet 申請: one value per cell.", False),
        ("2. 数量は数値を値の列に、単位を右隣の単位の列に記入します（例：390 と kJ/m^3）。", False),
        (
            "   Quantities: the number in the value column, its unit in the unit column next "
            "to it (e.g. 390 and kJ/m^3). Any unit of the right kind is accepted.",
            False,
        ),
        ("3. はい/いいえ、立地は一覧から選びます。日付は 2028-04-01 の形で記入します。", False),
        (
            "   Choose yes/no and the site from the list; write dates as 2028-04-01.",
            False,
        ),
        (
            "4. 任意の項目は空欄のままで構いません。キーの列（A・B 列）は変更しないでください。",
            False,
        ),
        (
            "   Optional items may stay blank. Do not change the key columns (A and B): the "
            "checker reads the form by them.",
            False,
        ),
        ("5. 確認：eligibility check FILE.xlsx（結果はセル名 例 申請!F12 を示します）", False),
        (
            "   Check it: eligibility check FILE.xlsx (each finding names its cell, "
            "e.g. 申請!F12).",
            False,
        ),
        ("", False),
        (
            "数式は計算結果を保存してから提出してください。結合セル・マクロは使えません。",
            False,
        ),
        (
            "Save formulas with their results; merged cells and macros are not accepted.",
            False,
        ),
    ]
    for row, (text, bold) in enumerate(lines, start=1):
        cell = ws.cell(row, 1, text)
        if bold:
            cell.font = Font(bold=True, size=13)
    ws.column_dimensions["A"].width = 110
    ws.protection.sheet = True
