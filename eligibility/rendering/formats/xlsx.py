"""Results as a workbook (.xlsx) for reviewers who sort, filter and annotate in Excel.

Three sheets: the plans (one row per plan, the verdict coloured, a filter on the header, the
header frozen, columns as wide as their text with Japanese counted double), the findings
(one row per finding: given, value, threshold, margin, what would pass, source, note) and the
provenance (rule set, hashes, tool, time). ``check`` writes one result
(:func:`result_workbook`); ``screen`` streams rows into :class:`XlsxBatchWriter`, which has the
same ``begin``/``rows``/``end`` shape as the writers in :mod:`eligibility.rendering.batch`.

Text from an application is always written as text: a cell whose value starts with ``=`` is
given the string type explicitly, so no applicant can put a formula into a reviewer's
spreadsheet; characters XML cannot hold are shown as ``\\uXXXX``.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from eligibility import __version__
from eligibility.application.workbook_layout import display_width, print_across
from eligibility.checking.result import Finding, Result, verdict_of
from eligibility.messages import check_workbook as labels
from eligibility.rendering.provenance import of_result as provenance
from eligibility.rendering.provenance import timestamp
from eligibility.rendering.sheet import (
    COLOURS,
    HEAD_FILL,
    HEAD_FONT,
    MAX_WIDTH,
    MIN_WIDTH,
    TOP,
    key_values,
    text_cell,
    wrapped_lines,
)
from eligibility.text import Lang
from eligibility.verdicts import APPLICANT_ROW as APPLICANT
from eligibility.verdicts import BATCH_ORDER, BATCH_VERDICT_TEXT, STATUS_ORDER, STATUS_TEXT
from eligibility.wording import word

if TYPE_CHECKING:  # the screen machinery is not imported by `check`
    from eligibility.screening.batch import Row, Summary

_VERDICT_COLUMN = 6
_STATUS_COLUMN = 4
# A streamed batch's widths, column by column, set before its first row.
_PLAN_WIDTHS = (40, 30, 14, 26, 30, 12, 34, 40, 30, 40, 20)
_FINDING_WIDTHS = (40, 14, 40, 10, 28, 12, 18, 18, 18, 16, 18, 50, 50, 60)


def result_workbook(result: Result, lang: Lang = "en") -> bytes:
    """One checked file as the bytes of an .xlsx workbook."""
    sheets = _Sheets(lang)
    applicant_problems = [f for f in result.applicant_findings if f.status != "pass"]
    if applicant_problems:
        sheets.plan_row(
            [result.file, result.applicant_name, APPLICANT, None, None],
            verdict_of(applicant_problems),
            applicant_problems,
            None,
            result.file_sha256,
        )
        sheets.finding_rows(result.file, APPLICANT, result.applicant_findings)
    for p in result.plans:
        row = [result.file, result.applicant_name, p.id, p.track, p.title]
        sheets.plan_row(row, p.verdict, p.findings, None, result.file_sha256)
        sheets.finding_rows(result.file, p.id, p.findings)
    items = list(provenance(result, lang))
    items += [(word("note", lang), n(lang)) for n in result.notices]
    return sheets.save(items)


class XlsxBatchWriter:
    """A screened batch as a workbook, written to the binary stream ``out`` at ``end``."""

    def __init__(self, out: IO[bytes], lang: Lang, checked_at: dt.datetime) -> None:
        self.out = out
        self.lang = lang
        self.checked_at = checked_at
        self.sheets = _Sheets(lang, stream=True)

    def begin(self) -> None:
        pass  # the header rows are written with the sheets

    def rows(self, rows: list[Row]) -> None:
        for r in rows:
            head = [r.file, r.applicant, r.plan, r.track, None]
            failed = list(r.failed)
            self.sheets.plan_row(
                head, r.verdict, None, (failed, list(r.missing), list(r.review)), r.sha256, r.error
            )
            self.sheets.finding_rows(r.file, r.plan, r.findings)

    def end(self, summary: Summary) -> None:
        items: list[tuple[str, str]] = [
            (word("files", self.lang), str(summary.files)),
            (word("plans_count", self.lang), str(summary.plans)),
        ]
        for v in BATCH_ORDER:
            if summary.by_verdict[v]:
                items.append((BATCH_VERDICT_TEXT[v](self.lang), str(summary.by_verdict[v])))
        for name, sha in sorted(summary.rulesets.items()):
            items.append((word("rule_set", self.lang) + " " + name, sha))
        items.append((word("tool", self.lang), f"eligibility {__version__}"))
        items.append((word("checked_at", self.lang), timestamp(self.checked_at)))
        self.out.write(self.sheets.save(items))
        self.out.flush()


class _Sheets:
    """The plans, findings and provenance sheets being filled.

    For one result the sheets are built in memory and each column is made as wide as its
    text. A screened batch can be any size, so its sheets stream (openpyxl's write-only
    mode, rows spooled to a temporary file): widths are then fixed by column, as they must
    be set before the first row.
    """

    def __init__(self, lang: Lang, *, stream: bool = False) -> None:
        self.lang = lang
        self.stream = stream
        self.book = Workbook(write_only=stream)
        self.plans = self.book.create_sheet(labels.SHEETS["plans"](lang))
        self.findings = self.book.create_sheet(labels.SHEETS["findings"](lang))
        if not stream:
            self.book.remove(self.book.worksheets[0])  # the empty sheet a new workbook has
        self.widths: dict[str, dict[int, int]] = {self.plans.title: {}, self.findings.title: {}}
        self.rows = {self.plans.title: 0, self.findings.title: 0}
        for ws, head, widths in (
            (self.plans, labels.PLAN_HEAD, _PLAN_WIDTHS),
            (self.findings, labels.FINDING_HEAD, _FINDING_WIDTHS),
        ):
            print_across(ws)
            ws.print_title_rows = "1:1"
            ws.freeze_panes = "A2"
            if stream:
                for column, width in enumerate(widths, start=1):
                    ws.column_dimensions[get_column_letter(column)].width = width
            self._append(ws, [text(lang) for text in head], head=True)

    def _append(
        self,
        ws: Any,
        values: Sequence[str | None],
        *,
        head: bool = False,
        fills: dict[int, str] | None = None,
    ) -> None:
        cells = []
        lines = 1
        widths = self.widths[ws.title]
        for column, value in enumerate(values, start=1):
            cell = text_cell(ws, value or "")
            if head:
                cell.font = HEAD_FONT
                cell.fill = HEAD_FILL
            else:
                cell.alignment = TOP
            colour = (fills or {}).get(column)
            if colour:
                cell.fill = PatternFill("solid", fgColor=colour)
            if value:
                widths[column] = max(widths.get(column, 0), display_width(value))
                lines = max(lines, wrapped_lines(value))
            cells.append(cell)
        ws.append(cells)
        self.rows[ws.title] += 1
        if lines > 1 and not self.stream:  # openpyxl sets no heights: wrapped lines would hide
            ws.row_dimensions[self.rows[ws.title]].height = 15 * lines

    def plan_row(
        self,
        head: list[str | None],
        verdict: str,
        findings: Iterable[Finding] | None,
        by_status: tuple[list[str], list[str], list[str]] | None,
        sha256: str | None,
        error: str | None = None,
    ) -> None:
        if by_status is None:
            failed: list[str] = []
            missing: list[str] = []
            review: list[str] = []
            for f in findings or ():
                if f.status == "fail":
                    failed.append(f.rule)
                elif f.status in ("missing", "invalid"):
                    missing.append(f.rule)
                elif f.status == "review":
                    review.append(f.rule)
        else:
            failed, missing, review = by_status
        values = [
            *head,
            BATCH_VERDICT_TEXT[verdict](self.lang),
            "\n".join(failed),
            "\n".join(missing),
            "\n".join(review),
            error,
            sha256,
        ]
        colour = COLOURS.get(verdict)
        self._append(self.plans, values, fills={_VERDICT_COLUMN: colour} if colour else None)

    def finding_rows(self, file: str, plan: str | None, findings: Iterable[Finding]) -> None:
        order = {s.value: i for i, s in enumerate(STATUS_ORDER)}
        for f in sorted(findings, key=lambda f: order.get(f.status, len(order))):
            values = [
                file,
                plan,
                f.rule,
                STATUS_TEXT[f.status](self.lang),
                f.field,
                f.cell,
                f.given,
                f.value,
                f.threshold,
                f.margin,
                f.needed,
                f.source,
                f.note(self.lang) if f.note is not None else None,
                f.message(self.lang),
            ]
            colour = COLOURS.get(f.status)
            self._append(self.findings, values, fills={_STATUS_COLUMN: colour} if colour else None)

    def save(self, items: Sequence[tuple[str, str]]) -> bytes:
        for ws in (self.plans, self.findings):
            last = get_column_letter(
                len(labels.PLAN_HEAD if ws is self.plans else labels.FINDING_HEAD)
            )
            ws.auto_filter.ref = f"A1:{last}{self.rows[ws.title]}"
            if not self.stream:
                for column, width in self.widths[ws.title].items():
                    letter = get_column_letter(column)
                    ws.column_dimensions[letter].width = min(MAX_WIDTH, max(MIN_WIDTH, width + 2))
        key_values(self.book, labels.SHEETS["provenance"](self.lang), items)
        out = io.BytesIO()
        self.book.save(out)
        return out.getvalue()
