"""Reading a filled application form (.xlsx): untrusted bytes in, the same document a TOML
file gives out, with the cell each key came from.

A workbook is a zip of XML files, and both layers can be turned against the reader, so the
bytes are checked before openpyxl sees them: at most :data:`MAX_MEMBERS` members, at most
:data:`MAX_UNCOMPRESSED` bytes unpacked in all and no member unpacking to more than
:data:`MAX_RATIO` times its packed size (zip bombs); no DOCTYPE or ENTITY declaration in any
XML member (entity expansion: a workbook never needs one); no macros (``vbaProject.bin``, a
macro-enabled content type); at most :data:`MAX_SHEETS` sheets and :data:`MAX_CELLS` cells,
counted in the sheets' XML before any cell becomes an object. openpyxl is then run with
defusedxml installed, which it uses where it can.

The form's layout is in :mod:`eligibility.application.workbook_layout`. Values become what
the TOML file would hold: a number and its unit cell become ``"390 kJ/m^3"``, a yes/no
answer a boolean, a date cell a date. A formula with no saved value and a merged cell in the
form are refusals that name the cell; a number with no unit is left for the checker, which
reports it ``invalid`` with the units the field accepts, and the finding names the cell.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Any, NoReturn

from eligibility.application import workbook_layout as layout
from eligibility.application.workbook_layout import CellKind
from eligibility.errors import ApplicationReadError
from eligibility.messages import application as say
from eligibility.messages import files as refuse
from eligibility.text import Text

MAX_MEMBERS = 200
MAX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_RATIO = 200  # packed XML of a real form shrinks 5-20 times; a bomb, thousands of times
RATIO_FROM = 1024 * 1024  # small members may pack as they like
MAX_SHEETS = 32
MAX_CELLS = 200_000
MAX_FORM_ROWS = 1000
MAX_FORM_PLANS = 100  # plans in one form (value and unit columns each)

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_XML_DECLARATIONS = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s>/]")
_SHEET_MEMBER = re.compile(r"xl/(worksheets|chartsheets|dialogsheets|macrosheets)/[^/]+\.xml")
_MACRO_TYPES = (b"macroEnabled", b"vbaProject", b"macrosheet")


@dataclass(frozen=True)
class WorkbookDocument:
    """What a form holds: the document, the cell each key was read from, and notices."""

    data: dict[str, Any]
    #: "applicant.name" / "plans[0].magnet.energy_product" -> "申請!F5"
    locations: dict[str, str] = field(default_factory=dict)
    notices: tuple[Text, ...] = ()


def read_workbook_bytes(raw: bytes, name: str) -> WorkbookDocument:
    """The application in the form workbook ``raw`` (the bytes of a file called ``name``),
    or raise :class:`ApplicationReadError` naming the file, sheet and cell."""
    if name.lower().endswith(".xlsm"):
        _refuse_macros(name)
    _check_package(raw, name)
    values, formulas = _load(raw, name)
    sheet = _form_sheet(values, name)
    return _read_form(sheet, formulas[sheet.title], name)


# --- the package, before openpyxl ---------------------------------------------------------


def _check_package(raw: bytes, name: str) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError):
        raise ApplicationReadError(
            refuse.NOT_A_ZIP.format(name=name, advice=refuse.SAVE_AS_XLSX)
        ) from None
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise ApplicationReadError(
                refuse.TOO_MANY_PARTS.format(name=name, count=len(members), limit=MAX_MEMBERS)
            )
        total = 0
        sheets = 0
        cells = 0
        for info in members:
            member = info.filename
            if member.lower().endswith("vbaproject.bin") or member.startswith("xl/macrosheets/"):
                _refuse_macros(name)
            total += info.file_size
            if total > MAX_UNCOMPRESSED:
                raise ApplicationReadError(
                    refuse.UNPACKS_TOO_LARGE.format(
                        name=name, limit=MAX_UNCOMPRESSED, member=member
                    )
                )
            packed = max(info.compress_size, 1)
            if info.file_size > RATIO_FROM and info.file_size / packed > MAX_RATIO:
                raise ApplicationReadError(
                    refuse.UNPACK_RATIO.format(
                        name=name, member=member, ratio=info.file_size // packed, limit=MAX_RATIO
                    )
                )
        for info in members:
            member = info.filename
            if not (member.endswith((".xml", ".rels")) or member == "[Content_Types].xml"):
                continue
            body = _member(archive, info, name)
            if member == "[Content_Types].xml" and any(t in body for t in _MACRO_TYPES):
                _refuse_macros(name)
            if body.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00", b"<\x00")):
                raise ApplicationReadError(refuse.NOT_UTF8_XML.format(name=name, member=member))
            if _XML_DECLARATIONS.search(body):
                raise ApplicationReadError(refuse.XML_DECLARATION.format(name=name, member=member))
            if _SHEET_MEMBER.fullmatch(member):
                sheets += 1
                cells += len(_CELL_TAG.findall(body))
        if sheets > MAX_SHEETS:
            raise ApplicationReadError(
                refuse.TOO_MANY_SHEETS.format(name=name, count=sheets, limit=MAX_SHEETS)
            )
        if cells > MAX_CELLS:
            raise ApplicationReadError(
                refuse.TOO_MANY_CELLS.format(name=name, count=cells, limit=MAX_CELLS)
            )


def _member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    try:
        with archive.open(info) as f:
            body = f.read(info.file_size + 1)
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        ValueError,
        NotImplementedError,
        EOFError,
        RuntimeError,  # an encrypted member
    ) as exc:
        raise ApplicationReadError(
            refuse.CANNOT_UNPACK.format(name=name, member=info.filename, reason=str(exc))
        ) from None
    if len(body) > info.file_size:  # never happens with zipfile's own size check
        raise ApplicationReadError(refuse.LARGER_THAN_SAID.format(name=name, member=info.filename))
    return body


def _refuse_macros(name: str) -> NoReturn:
    raise ApplicationReadError(refuse.MACRO_ENABLED.format(name=name))


# --- openpyxl -----------------------------------------------------------------------------


def _load(raw: bytes, name: str) -> tuple[Any, dict[str, Any]]:
    """The workbook twice: with the values Excel saved, and with formulas (to tell a formula
    whose value was never saved from an empty cell)."""
    import openpyxl

    books = []
    for data_only in (True, False):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # unsupported extensions: not our concern
                books.append(
                    openpyxl.load_workbook(
                        io.BytesIO(raw), read_only=False, data_only=data_only, keep_links=False
                    )
                )
        except MemoryError:
            raise  # the caller's memory limit, not a broken file
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            detail = _clip(f"{type(exc).__name__}: {exc}", 120)
            raise ApplicationReadError(
                refuse.NOT_READABLE_XLSX.format(name=name, detail=detail)
            ) from None
    values, formulas = books
    return values, {ws.title: ws for ws in formulas.worksheets}


def _form_sheet(book: Any, name: str) -> Any:
    for ws in book.worksheets:
        if _header_row(ws) is not None:
            return ws
    raise ApplicationReadError(refuse.NO_FORM_HEADER.format(name=name, header=layout.KEY_HEADER))


def _header_row(ws: Any) -> int | None:
    for row in range(1, min(ws.max_row, 50) + 1):
        if _text(ws.cell(row, layout.KEY_COLUMN).value) == layout.KEY_HEADER:
            return row
    return None


# --- the form -----------------------------------------------------------------------------


def _read_form(ws: Any, formulas: Any, name: str) -> WorkbookDocument:
    sheet = _printable(ws.title)  # named in messages
    header = _header_row(ws)
    assert header is not None
    columns = layout.unit_column(MAX_FORM_PLANS - 1)
    if ws.max_row > MAX_FORM_ROWS or ws.max_column > columns:
        corner = layout.cell_name(sheet, ws.max_row, ws.max_column)
        raise ApplicationReadError(
            refuse.FORM_TOO_LARGE.format(
                name=name, corner=corner, rows=MAX_FORM_ROWS, columns=columns, plans=MAX_FORM_PLANS
            )
        )
    for merged in ws.merged_cells.ranges:
        if merged.max_row > header:
            raise ApplicationReadError(
                refuse.MERGED_CELLS.format(name=name, cells=f"{sheet}!{merged.coord}")
            )
    plan_columns = [
        i
        for i in range(MAX_FORM_PLANS)
        if layout.value_column(i) <= ws.max_column
        and _text(ws.cell(header, layout.value_column(i)).value)
    ] or [0]
    applicant: dict[str, Any] = {}
    plans: list[dict[str, Any]] = [{} for _ in plan_columns]
    locations: dict[str, str] = {}
    notices: list[Text] = []

    def read(row: int, column: int) -> Any:
        value = ws.cell(row, column).value
        if value is None and formulas.cell(row, column).data_type == "f":
            where = layout.cell_name(sheet, row, column)
            formula = _clip(str(formulas.cell(row, column).value))
            raise ApplicationReadError(
                refuse.FORMULA_NOT_SAVED.format(name=name, where=where, formula=formula)
            )
        if ws.cell(row, column).data_type == "e":  # a formula's saved result is #DIV/0! etc.
            where = layout.cell_name(sheet, row, column)
            raise ApplicationReadError(
                refuse.FORMULA_ERROR.format(name=name, where=where, value=value)
            )
        return value

    for row in range(header + 1, ws.max_row + 1):
        key = _text(ws.cell(row, layout.KEY_COLUMN).value)
        kind = _cell_kind(ws.cell(row, layout.TYPE_COLUMN).value)
        if key.startswith(layout.APPLICANT_PREFIX):
            column = layout.value_column(0)
            value = _convert(kind, read(row, column), None)
            applicant_key = key[len(layout.APPLICANT_PREFIX) :]
            locations[key] = layout.cell_name(sheet, row, column)
            if value is not None:
                applicant[applicant_key] = value
        elif key.startswith(layout.PLAN_PREFIX):
            path = key[len(layout.PLAN_PREFIX) :]
            for n, i in enumerate(plan_columns):
                column = layout.value_column(i)
                unit = read(row, layout.unit_column(i))
                if kind is not CellKind.AMOUNT and _text(unit):
                    where = layout.cell_name(sheet, row, layout.unit_column(i))
                    notices.append(say.UNIT_NOT_READ.format(where=where))
                value = _convert(kind, read(row, column), unit)
                locations[f"plans[{n}].{path}"] = layout.cell_name(sheet, row, column)
                if value is not None:
                    _put(plans[n], path, value)
        elif key:
            continue  # a note of the form's own, in the key column
        read_columns = (
            {layout.value_column(0)}
            if key.startswith(layout.APPLICANT_PREFIX)
            else {c for i in plan_columns for c in (layout.value_column(i), layout.unit_column(i))}
            if key.startswith(layout.PLAN_PREFIX)
            else set()
        )
        stray = next(
            (
                c
                for c in range(layout.FIRST_VALUE_COLUMN, ws.max_column + 1)
                if c not in read_columns and _text(ws.cell(row, c).value)
            ),
            None,
        )
        if stray is not None:
            notices.append(_unread(layout.cell_name(sheet, row, stray), bool(key)))
    # A plan column left blank (the form prints the track in each) is no plan, unless no
    # column is filled at all: then the first one is checked, and says what is missing.
    kept = [n for n, p in enumerate(plans) if set(p) - {"track"}] or [0]
    renumber = {f"plans[{n}].": f"plans[{i}]." for i, n in enumerate(kept)}
    located: dict[str, str] = {}
    for key, cell in locations.items():
        if not key.startswith("plans["):
            located[key] = cell
            continue
        prefix = key[: key.index("]") + 2]
        if prefix in renumber:
            located[renumber[prefix] + key[len(prefix) :]] = cell
    data: dict[str, Any] = {"applicant": applicant, "plans": [plans[n] for n in kept]}
    return WorkbookDocument(data=data, locations=located, notices=tuple(notices))


def _unread(where: str, keyed: bool) -> Text:
    """A notice for a value the form's layout does not read."""
    if keyed:
        return say.NO_PLAN_HEADING.format(where=where, heading=layout.KEY_HEADER)
    return say.NO_KEY.format(where=where)


def _put(plan: dict[str, Any], path: str, value: Any) -> None:
    *tables, key = path.split(".")
    node = plan
    for t in tables:
        child = node.setdefault(t, {})
        if not isinstance(child, dict):
            return  # "magnet" given as a value and as a table: the first one stands
        node = child
    node[key] = value


def _cell_kind(written: Any) -> CellKind:
    """The form's type column, as the form wrote it; anything else reads as text."""
    try:
        return CellKind(_text(written))
    except ValueError:
        return CellKind.TEXT


def _convert(kind: CellKind, value: Any, unit: Any) -> Any:
    """A cell's value as the TOML file would hold it, or None for a blank cell."""
    if isinstance(value, str):
        value = value.strip()
        if not value:
            return None
    if value is None:
        return None
    unit_text = _text(unit)
    if kind is CellKind.AMOUNT:
        number = _number(value) if _is_number(value) else _text(value)
        return f"{number} {unit_text}" if unit_text else number
    if kind is CellKind.YES_NO:
        if isinstance(value, bool):
            return value
        folded = _text(value).casefold()
        if folded in layout.YES_WORDS:
            return True
        if folded in layout.NO_WORDS:
            return False
        return _text(value)  # the checker says what a yes/no field takes
    if kind is CellKind.DATE:
        if isinstance(value, dt.datetime):
            return value.date() if value.time() == dt.time() else value.isoformat()
        if isinstance(value, dt.date):
            return value
        return _text(value)
    return _text(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _number(value: int | float) -> str:
    """A number as Excel shows it at full precision: 15 significant digits, no float noise."""
    if isinstance(value, int):
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = format(value, ".15g")
    return text if "e" not in text else repr(value)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if _is_number(value):
        return _number(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _clip(text: str, limit: int = 40) -> str:
    """``text`` from the file, short and printable: it must not drive the terminal."""
    text = _printable(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _printable(text: str) -> str:
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
