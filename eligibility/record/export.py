"""Decisions for other programs and for safekeeping: JSON (everything, re-checkable) and CSV
(one line per decision, for a spreadsheet).

The JSON export holds every field the chain's hashes cover, so a copy can be checked against
the hashes outside this tool; with ``with_input`` it holds the kept inputs too (base64), which
makes it a complete backup. CSV cells are neutralised against formula injection by
:func:`csv_cell`.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import json
from collections.abc import Iterable
from typing import IO, Any

from eligibility import __version__
from eligibility.record.store import Decision, plans_of

CSV_COLUMNS = (
    "seq",
    "id",
    "recorded_at",
    "verdict",
    "applicant",
    "input_name",
    "input_sha256",
    "input_kept",
    "ruleset_id",
    "ruleset_version",
    "ruleset_sha256",
    "ruleset_folder",
    "tool_version",
    "reviewer",
    "note",
    "failed",
    "missing",
    "review",
    "prev_hash",
    "hash",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula (``= + - @``, tab,
    carriage return) gets a leading ``'``, as OWASP recommends for CSV injection. (The csv
    module then quotes what needs quoting.)"""
    return "'" + value if value.startswith(_FORMULA_START) else value


def decision_doc(d: Decision, *, with_input: bool = False) -> dict[str, Any]:
    """A decision as JSON: the stored fields, the result parsed, the chain's hashes."""
    out: dict[str, Any] = {
        "seq": d.seq,
        "id": d.id,
        "recorded_at": d.recorded_at,
        "verdict": d.verdict,
        "applicant": d.applicant,
        "input": {"name": d.input_name, "sha256": d.input_sha256, "kept": d.input_kept},
        "ruleset": {
            "id": d.ruleset_id,
            "version": d.ruleset_version,
            "sha256": d.ruleset_sha256,
            "folder": d.ruleset_folder,
        },
        "tool_version": d.tool_version,
        "reviewer": d.reviewer,
        "note": d.note,
        "lang": d.lang,
        "result": d.result_doc(),
        "prev_hash": d.prev_hash,
        "hash": d.hash,
    }
    if with_input and d.input is not None:
        out["input"]["base64"] = base64.b64encode(d.input).decode("ascii")
    return out


def write_json(
    decisions: Iterable[Decision], out: IO[str], *, source: str, with_input: bool = False
) -> int:
    """Stream ``{"decisions": [...]}`` to ``out``, one decision at a time; returns the count."""
    head = {
        "record": source,
        "exported_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "tool": {"name": "eligibility", "version": __version__},
    }
    out.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "decisions": [')
    count = 0
    for d in decisions:
        out.write(",\n" if count else "\n")
        text = json.dumps(decision_doc(d, with_input=with_input), ensure_ascii=False, indent=2)
        out.write("    " + text.replace("\n", "\n    "))
        count += 1
    out.write("\n  ]\n}\n" if count else "]\n}\n")
    return count


def write_csv(decisions: Iterable[Decision], out: IO[str]) -> int:
    """One row per decision under a header row (UTF-8; the caller opens ``out``)."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for d in decisions:
        values = _csv_values(d)
        writer.writerow([csv_cell(values[c]) for c in CSV_COLUMNS])
        count += 1
    return count


# Widths of the export's columns, set before the first row (the sheet streams): hashes whole,
# names and notes room for Japanese text (counted double).
_XLSX_WIDTHS = {"seq": 6, "verdict": 12, "input_kept": 10, "recorded_at": 22, "tool_version": 12}
_XLSX_WIDTHS |= dict.fromkeys(("id", "ruleset_id", "ruleset_version", "reviewer"), 18)
_XLSX_WIDTHS |= dict.fromkeys(("input_sha256", "ruleset_sha256", "prev_hash", "hash"), 66)
_XLSX_WIDTHS |= dict.fromkeys(("applicant", "input_name", "ruleset_folder", "note"), 40)


def xlsx_bytes(decisions: Iterable[Decision]) -> tuple[bytes, int]:
    """The CSV export's columns as a workbook (a frozen header, a filter, the verdict
    coloured, every cell text, never a formula), and how many decisions it holds."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter

    from eligibility.application.workbook_layout import print_across
    from eligibility.rendering.sheet import COLOURS, HEAD_FILL, HEAD_FONT, TOP, text_cell

    book = Workbook(write_only=True)
    ws = book.create_sheet("decisions")
    ws.freeze_panes = "A2"
    print_across(ws)
    ws.print_title_rows = "1:1"
    for n, column in enumerate(CSV_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(n)].width = _XLSX_WIDTHS.get(column, 30)
    head = [text_cell(ws, c) for c in CSV_COLUMNS]
    for cell in head:
        cell.font, cell.fill = HEAD_FONT, HEAD_FILL
    ws.append(head)
    count = 0
    for d in decisions:
        values = _csv_values(d)
        cells = [text_cell(ws, values[c]) for c in CSV_COLUMNS]
        for cell in cells:
            cell.alignment = TOP
        colour = COLOURS.get(values["verdict"])
        if colour:
            cells[CSV_COLUMNS.index("verdict")].fill = PatternFill("solid", fgColor=colour)
        ws.append(cells)
        count += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(CSV_COLUMNS))}{count + 1}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), count


def _csv_values(d: Decision) -> dict[str, str]:
    problems: dict[str, list[str]] = {"fail": [], "missing": [], "review": []}
    doc = d.result_doc()
    for group in [doc.get("applicant"), *plans_of(doc)]:
        findings = group.get("findings") if isinstance(group, dict) else None
        for f in findings if isinstance(findings, list) else []:
            status = f.get("status") if isinstance(f, dict) else None
            key = "missing" if status in ("missing", "invalid") else str(status)
            if key in problems:
                problems[key].append(str(f.get("rule")))
    return {
        "seq": str(d.seq),
        "id": d.id,
        "recorded_at": d.recorded_at,
        "verdict": d.verdict,
        "applicant": d.applicant or "",
        "input_name": d.input_name,
        "input_sha256": d.input_sha256,
        "input_kept": "yes" if d.input_kept else "no",
        "ruleset_id": d.ruleset_id,
        "ruleset_version": d.ruleset_version,
        "ruleset_sha256": d.ruleset_sha256,
        "ruleset_folder": d.ruleset_folder,
        "tool_version": d.tool_version,
        "reviewer": d.reviewer,
        "note": d.note,
        "failed": " ".join(problems["fail"]),
        "missing": " ".join(problems["missing"]),
        "review": " ".join(problems["review"]),
        "prev_hash": d.prev_hash,
        "hash": d.hash,
    }
