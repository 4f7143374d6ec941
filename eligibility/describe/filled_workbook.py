"""An application written into the form workbook: what was filled in elsewhere (the web
self-check, a TOML file) as the .xlsx form an applicant keeps working on in Excel.

The form is the one ``template --format xlsx`` writes for the first plan's track, with a
column per plan; each value goes where a person would type it, so that reading the workbook
back (:mod:`eligibility.application.workbook`) gives the same document: a quantity's number
in the value cell and its unit in the unit cell (when the number reads back as written,
otherwise the whole text in the value cell), yes/no as the drop-down's words, dates as date
cells, everything else as text. A key the form has no row for (a misspelt key, a field of
another plan's track) gets a row of its own at the end, so nothing filled in is lost; the
checker then says what it makes of it, as it would of the TOML file.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from eligibility.application import workbook_layout as layout
from eligibility.application.workbook_layout import CellKind
from eligibility.describe.workbook import MAX_FORM_PLANS, template_workbook
from eligibility.errors import ApplicationReadError
from eligibility.messages import files as say
from eligibility.ruleset.model import Ruleset

_QUANTITY = re.compile(r"\s*([+\-]?[0-9]+(?:\.[0-9]+)?)\s+(\S.*?)\s*")


def filled_workbook(ruleset: Ruleset, document: dict[str, Any], name: str) -> bytes:
    """The form workbook holding ``document`` (an application as read from ``name``), or
    :class:`ApplicationReadError` when no form can hold it."""
    import openpyxl  # on use: the server and the command line load it only for workbooks

    plans = [p for p in document.get("plans", []) if isinstance(p, dict)]
    applicant = document.get("applicant", {})
    track = plans[0].get("track") if plans else None
    if not isinstance(track, str) or track not in ruleset.tracks:
        given = say.TRACK_NOT_SET if track is None else repr(str(track)[:60])
        raise ApplicationReadError(
            say.FORM_NEEDS_TRACK.format(name=name, given=given, tracks=", ".join(ruleset.tracks))
        )
    if len(plans) > MAX_FORM_PLANS:
        raise ApplicationReadError(
            say.FORM_TOO_MANY_PLANS.format(name=name, count=len(plans), limit=MAX_FORM_PLANS)
        )
    book = openpyxl.load_workbook(io.BytesIO(template_workbook(ruleset, track, plans=len(plans))))
    ws = book[layout.FORM_SHEET]
    form = _Rows(ws)
    for key, value in _flatten(applicant if isinstance(applicant, dict) else {}, name):
        form.put(layout.APPLICANT_PREFIX + key, 0, value)
    for i, plan in enumerate(plans):
        for key, value in _flatten(plan, name):
            form.put(layout.PLAN_PREFIX + key, i, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _flatten(table: dict[str, Any], name: str, prefix: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for key, value in table.items():
        if isinstance(value, dict):
            out.extend(_flatten(value, name, f"{prefix}{key}."))
        elif isinstance(value, list):
            raise ApplicationReadError(say.FORM_NO_LISTS.format(name=name, key=f"{prefix}{key}"))
        else:
            out.append((prefix + key, value))
    return out


class _Rows:
    """The form sheet's rows by key, adding a row for a key the form does not have."""

    def __init__(self, ws: Any) -> None:
        self.ws = ws
        self.rows: dict[str, int] = {}
        for row in range(1, ws.max_row + 1):
            key = ws.cell(row, layout.KEY_COLUMN).value
            if isinstance(key, str) and key:
                self.rows.setdefault(key, row)

    def row(self, key: str, value: Any) -> int:
        if key not in self.rows:
            row = self.ws.max_row + 1
            kind = (
                CellKind.YES_NO
                if isinstance(value, bool)
                else CellKind.DATE
                if isinstance(value, dt.date)
                else CellKind.TEXT
            )
            self.ws.cell(row, layout.KEY_COLUMN, key)
            self.ws.cell(row, layout.TYPE_COLUMN, str(kind))
            self.rows[key] = row
        return self.rows[key]

    def put(self, key: str, plan: int, value: Any) -> None:
        row = self.row(key, value)
        kind = self.ws.cell(row, layout.TYPE_COLUMN).value
        cell = self.ws.cell(row, layout.value_column(plan))
        if isinstance(value, bool):
            if kind == CellKind.YES_NO:
                cell.value = layout.YES if value else layout.NO
            else:
                cell.value = "true" if value else "false"
        elif isinstance(value, dt.date):
            cell.value = value
            cell.number_format = "yyyy-mm-dd"
        elif isinstance(value, int | float):
            cell.value = value
        elif kind == CellKind.AMOUNT and (parts := _amount(str(value))) is not None:
            cell.value, unit = parts
            self.ws.cell(row, layout.unit_column(plan), unit)
        else:
            cell.value = str(value)


def _amount(text: str) -> tuple[int | float, str] | None:
    """A quantity's number and unit, when the number reads back exactly as written."""
    match = _QUANTITY.fullmatch(text)
    if match is None:
        return None
    written = match[1].lstrip("+")
    number: int | float = float(written) if "." in written else int(written)
    shown = str(number) if isinstance(number, int) else format(number, ".15g")
    return (number, match[2]) if shown == written else None
