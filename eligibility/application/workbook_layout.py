"""The layout of an application form workbook, shared by the form's writer and its reader.

One sheet holds the form. Below a header row, each row is one key of the application:

====  =======  ==========  ==========  ==================  ========  =========  ========  ====
 A     B        C           D           E                   F         G          H         …
====  =======  ==========  ==========  ==================  ========  =========  ========  ====
key   type     項目 (ja)   item (en)   how to fill in      plan 1    unit       plan 2    …
====  =======  ==========  ==========  ==================  ========  =========  ========  ====

Column A holds the key as the TOML file writes it (``applicant.name``,
``plans.magnet.energy_product``), so rows can be moved or added without confusing the reader;
column B the kind of value (``quantity``, ``bool``, ``date``, ``choice``, ``material``,
``text``), because the rule set that knows the fields is chosen only after the file is read
(by its submission date). Each plan has two columns: its value and, for a quantity, the unit.
Applicant rows use the first plan's value column. One value per cell, no merged cells.
"""

from __future__ import annotations

import unicodedata
from enum import StrEnum
from typing import Any


class CellKind(StrEnum):
    """What a form row's value cell holds, written in the form's type column: the form's own
    vocabulary, which each field type chooses (``FieldType.form_cell``)."""

    AMOUNT = "amount"  # a number, its unit in the next cell
    YES_NO = "yes/no"
    DATE = "date"
    TEXT = "text"


FORM_SHEET = "申請"
INSTRUCTIONS_SHEET = "記入方法"
KEY_HEADER = "キー / key"
TYPE_HEADER = "種類 / type"
KEY_COLUMN = 1
TYPE_COLUMN = 2
LABEL_JA_COLUMN = 3
LABEL_EN_COLUMN = 4
HELP_COLUMN = 5
FIRST_VALUE_COLUMN = 6  # plan 1's value; its unit is the next column, plan 2 starts after that
APPLICANT_PREFIX = "applicant."
PLAN_PREFIX = "plans."

# Words the yes/no drop-down offers, and the other spellings read as the same answer.
YES = "yes / はい"
NO = "no / いいえ"
YES_WORDS = frozenset({"yes", "はい", "true", "y", "○", "有", "あり", YES})
NO_WORDS = frozenset({"no", "いいえ", "false", "n", "×", "無", "なし", NO})


A4 = "9"  # the paperSize code of A4 in SpreadsheetML


def value_column(plan: int) -> int:
    """The column (1-based) of plan ``plan``'s values (0-based plan index)."""
    return FIRST_VALUE_COLUMN + 2 * plan


def unit_column(plan: int) -> int:
    return value_column(plan) + 1


def cell_name(sheet: str, row: int, column: int) -> str:
    """A cell as Excel names it across sheets: ``申請!F12`` (a sheet name with spaces or
    punctuation is quoted, as Excel does)."""
    # imported here: field types read this module's CellKind, and a TOML check never
    # needs openpyxl (about 200 ms to import)
    from openpyxl.utils import get_column_letter

    quoted = sheet if sheet.replace("_", "").isalnum() else "'" + sheet.replace("'", "''") + "'"
    return f"{quoted}!{get_column_letter(column)}{row}"


def display_width(text: str) -> int:
    """Columns ``text`` takes on screen: East Asian wide and full-width characters count
    double; the longest line of a wrapped cell counts."""
    return max(
        (
            sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in line)
            for line in text.split("\n")
        ),
        default=0,
    )


def print_across(ws: Any, *, landscape: bool = True) -> None:
    """Print ``ws`` on A4, as wide as one page and as long as it needs, the header rows
    repeated on each page."""
    ws.page_setup.paperSize = A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
