"""Filling the form workbook the way a person does in Excel, for the workbook tests.

``fill_form`` takes a parsed TOML application and writes each value into the form's cells:
a quantity's number into the value cell and its unit into the unit cell, yes/no from the
drop-down, dates as date cells, everything else as text. A key the form has no row for (a
second plan of another track, a misspelt key) gets a row of its own at the end, as a person
adding a line would.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import openpyxl

from eligibility.application import workbook_layout as layout

_QUANTITY = re.compile(r"\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(\S.*?)\s*")


def flatten(table: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update(flatten(value, f"{prefix}{key}."))
        else:
            out[prefix + key] = value
    return out


def fill_form(form: bytes, doc: dict[str, Any]) -> bytes:
    book = openpyxl.load_workbook(io.BytesIO(form))
    ws = book[layout.FORM_SHEET]
    rows = {
        ws.cell(r, layout.KEY_COLUMN).value: r
        for r in range(1, ws.max_row + 1)
        if ws.cell(r, layout.KEY_COLUMN).value
    }

    def row_for(key: str, value: Any) -> int:
        if key not in rows:
            r = ws.max_row + 1
            kind = (
                layout.CellKind.YES_NO
                if isinstance(value, bool)
                else layout.CellKind.DATE
                if isinstance(value, dt.date)
                else layout.CellKind.TEXT
            )
            ws.cell(r, layout.KEY_COLUMN, key)
            ws.cell(r, layout.TYPE_COLUMN, kind)
            rows[key] = r
        return rows[key]

    for key, value in flatten(doc.get("applicant", {})).items():
        put(ws, row_for(layout.APPLICANT_PREFIX + key, value), 0, value)
    for i, plan in enumerate(doc.get("plans", [])):
        ws.cell(5, layout.value_column(i), f"plan {i + 1}")
        for key, value in flatten(plan).items():
            put(ws, row_for(layout.PLAN_PREFIX + key, value), i, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def put(ws: Any, row: int, plan: int, value: Any) -> None:
    kind = ws.cell(row, layout.TYPE_COLUMN).value
    cell = ws.cell(row, layout.value_column(plan))
    if (
        kind == layout.CellKind.AMOUNT
        and isinstance(value, str)
        and (m := _QUANTITY.fullmatch(value))
    ):
        number = m[1].replace(",", "")
        cell.value = float(number) if "." in number else int(number)
        ws.cell(row, layout.unit_column(plan), m[2])
    elif isinstance(value, bool) and kind == layout.CellKind.YES_NO:
        cell.value = layout.YES if value else layout.NO
    elif isinstance(value, dt.date):
        cell.value = dt.datetime.combine(value, dt.time())
        cell.number_format = "yyyy-mm-dd"
    else:
        cell.value = value
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"
