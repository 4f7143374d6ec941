"""Tables as workbook sheets, the way every workbook the tool writes lays them out.

Each table is one sheet: a bold header row, frozen, with a filter over the table; columns as
wide as their text with Japanese counted double (up to a limit, longer text wrapped); printed
on A4 as wide as one page with the header repeated. One value per cell: numbers are number
cells, dates are date cells, and everything else (above all, any text from an input file) is a
string cell, never a formula, so nothing an applicant writes runs in a reviewer's spreadsheet.

:mod:`eligibility.rendering.formats.xlsx` (results), :mod:`eligibility.outcomes.render.xlsx`,
:mod:`eligibility.describe.diff` and :mod:`eligibility.impact.report` build their sheets here.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from eligibility.application.workbook_layout import display_width, print_across
from eligibility.text import Text

#: fill colours of verdicts and statuses (Excel's own good / bad / neutral styles)
COLOURS = {
    "eligible": "C6EFCE",
    "pass": "C6EFCE",
    "ineligible": "FFC7CE",
    "fail": "FFC7CE",
    "incomplete": "FFEB9C",
    "missing": "FFEB9C",
    "invalid": "FFEB9C",
    "review": "DDEBF7",
    "error": "D9D9D9",
}
HEAD_FONT = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="D9E2F3")
TOP = Alignment(vertical="top", wrap_text=True)
MAX_WIDTH = 60
MIN_WIDTH = 6
DATE_FORMAT = "yyyy-mm-dd"
FRACTION_PLACES = 4

#: what a table cell may hold: text, a number, a date, or nothing
Value = str | int | float | Fraction | dt.date | None


def text_cell(ws: Any, value: str) -> Cell:
    """A cell holding ``value`` as text, never as a formula; characters XML cannot hold are
    shown as ``\\uXXXX``."""
    cell = WriteOnlyCell(ws)  # a plain cell, placed by append, in either kind of sheet
    cell.value = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
    cell.data_type = "s"  # openpyxl makes "=…" a formula unless told it is a string
    return cell


def value_cell(ws: Any, value: Value) -> Cell:
    """A cell of the value's own type: a number, a date, or text (never a formula)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Fraction | dt.date):
        return text_cell(ws, "" if value is None else str(value))
    cell = WriteOnlyCell(ws)
    if isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, Fraction):
        # to the places people read (a table that needs the exact value has it as text)
        whole = value.denominator == 1
        cell.value = int(value) if whole else round(float(value), FRACTION_PLACES)
    else:
        cell.value = value  # General: a year stays 2028, and no "100." for a whole number
    return cell


def shown_width(value: Value) -> int:
    """Columns ``value`` takes on screen."""
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, Fraction):
        return len(f"{float(value):.{FRACTION_PLACES}f}".rstrip("0").rstrip("."))
    return display_width(str(value))


class Table:
    """One sheet of ``book`` holding a table under the header ``head``.

    Rows are added with :meth:`add`; :meth:`finish` sets the widths and the filter once
    every row is in.
    """

    def __init__(self, book: Workbook, title: str, head: Sequence[str]) -> None:
        self.ws: Worksheet = book.create_sheet(title)
        self.columns = len(head)
        self.widths = [display_width(h) for h in head]
        self.rows = 0
        print_across(self.ws)
        self.ws.print_title_rows = "1:1"
        self.ws.freeze_panes = "A2"
        cells = []
        for h in head:
            cell = text_cell(self.ws, h)
            cell.font = HEAD_FONT
            cell.fill = HEAD_FILL
            cells.append(cell)
        self.ws.append(cells)

    def add(self, values: Sequence[Value], fills: dict[int, str | None] | None = None) -> None:
        """One row; ``fills`` colours cells by their 0-based column."""
        cells = []
        lines = 1
        for column, value in enumerate(values):
            cell = value_cell(self.ws, value)
            cell.alignment = TOP
            colour = (fills or {}).get(column)
            if colour:
                cell.fill = PatternFill("solid", fgColor=colour)
            if column < len(self.widths):
                self.widths[column] = max(self.widths[column], shown_width(value))
            if isinstance(value, str):
                lines = max(lines, wrapped_lines(value))
            cells.append(cell)
        self.ws.append(cells)
        self.rows += 1
        if lines > 1:  # openpyxl sets no heights: wrapped lines would hide
            self.ws.row_dimensions[self.rows + 1].height = 15 * lines

    def finish(self) -> Worksheet:
        last = get_column_letter(self.columns)
        self.ws.auto_filter.ref = f"A1:{last}{self.rows + 1}"
        for column, width in enumerate(self.widths, start=1):
            letter = get_column_letter(column)
            self.ws.column_dimensions[letter].width = min(MAX_WIDTH, max(MIN_WIDTH, width + 2))
        return self.ws


def table(
    book: Workbook,
    title: str,
    head: Sequence[str],
    rows: Iterable[Sequence[Value]],
    fill_of: dict[int, dict[str, str]] | None = None,
) -> Worksheet:
    """A whole table as a sheet; ``fill_of`` maps a column to the colours of its values (a
    verdict column to the verdict colours, say)."""
    t = Table(book, title, head)
    for row in rows:
        fills = {c: colours.get(str(row[c])) for c, colours in (fill_of or {}).items()}
        t.add(row, fills)
    return t.finish()


def key_values(book: Workbook, title: str, items: Sequence[tuple[str, str]]) -> Worksheet:
    """A two-column sheet of names and values (a provenance sheet)."""
    ws: Worksheet = book.create_sheet(title)
    ws.column_dimensions["A"].width = min(
        MAX_WIDTH, max((display_width(k) for k, _ in items), default=0) + 2
    )
    ws.column_dimensions["B"].width = min(
        90, max((display_width(v) for _, v in items), default=0) + 2
    )
    for label, value in items:
        name = text_cell(ws, label)
        name.font = HEAD_FONT
        ws.append([name, text_cell(ws, value)])
    return ws


def both(text: Text) -> str:
    """A heading in both languages, Japanese first, for a workbook a command writes without
    a --lang (as the application form's headings are)."""
    return text.ja if text.ja == text.en else f"{text.ja} / {text.en}"


def both_title(text: Text) -> str:
    """A sheet's name in both languages (Excel forbids "/" in it and keeps 31 characters)."""
    return (text.ja if text.ja == text.en else f"{text.ja} {text.en}")[:31]


#: colours of what a comparison found: added, removed, changed
CHANGE_COLOURS = {"added": "C6EFCE", "removed": "FFC7CE", "changed": "FFEB9C"}


def new_book() -> Workbook:
    """An empty workbook (without the blank sheet openpyxl starts one with)."""
    book = Workbook()
    book.remove(book.worksheets[0])
    return book


def to_bytes(book: Workbook) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def wrapped_lines(text: str) -> int:
    """Lines ``text`` wraps to in a column of the widest width."""
    per_line = MAX_WIDTH - 2
    return sum(max(1, -(-display_width(line) // per_line)) for line in text.split("\n"))
