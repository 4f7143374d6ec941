"""CSV for programs and spreadsheets: one record per row of a batch.

Every cell goes through :func:`~eligibility.rendering.escape.csv_cell` (no cell starts a
formula: OWASP's advice against CSV injection), and a cell holding a CR or LF is always
quoted, so no character in a name or a file name can split a record or move the verdict into
another column. The JSON format keeps the raw values.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import IO, TYPE_CHECKING

from eligibility.rendering.escape import csv_cell
from eligibility.rendering.outline import BatchWriter
from eligibility.wording import columns

if TYPE_CHECKING:  # the screen machinery is not imported by `check`
    from eligibility.screening.batch import Row, Summary

COLUMNS = ("file", "applicant", "plan", "track", "verdict", "failed", "missing", "review", "error")


class SafeCsv:
    """Records written with the csv module's minimal quoting, cells made safe, CRLF after each
    record, as Excel writes CSV.

    The csv module quotes a cell holding a character of its line terminator, and only those:
    with "\r\n" as the terminator every CR and LF in a cell is quoted, so a bare CR can never
    end a record early in a spreadsheet.
    """

    def __init__(self, out: IO[str]) -> None:
        self.writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)

    def record(self, cells: Iterable[str]) -> None:
        self.writer.writerow([csv_cell(c) for c in cells])


class CsvWriter(BatchWriter):
    def begin(self) -> None:
        self.csv = SafeCsv(self.out)
        self.csv.record(columns("batch_columns_csv", self.lang))

    def render(self, rows: list[Row]) -> str:
        text = io.StringIO()
        records = SafeCsv(text)
        for r in rows:
            records.record(
                [
                    r.file,
                    r.applicant or "",
                    r.plan or "",
                    r.track or "",
                    self.verdict(r.verdict),
                    ";".join(r.failed),
                    ";".join(r.missing),
                    ";".join(r.review),
                    r.error or "",
                    r.sha256 or "",
                    r.ruleset or "",
                ]
            )
        return text.getvalue()

    def end(self, summary: Summary) -> None:
        pass  # a CSV file is rows only: the summary goes to the other formats
