"""Text for a terminal: the report of one result grouped by plan, and a batch's table.

Every line is made inert with :func:`~eligibility.rendering.escape.terminal` (the table
escapes each cell before it measures it), so applicant text and file names cannot drive the
terminal; only the report's own newlines are newlines.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eligibility.checking.result import Finding, Result
from eligibility.rendering import provenance
from eligibility.rendering.escape import terminal
from eligibility.rendering.outline import (
    STATUS_MARK,
    BatchWriter,
    ordered,
    plan_counts,
    problems,
    reading,
    status_text,
    verdict_text,
)
from eligibility.rendering.table import FixedColumns, pad
from eligibility.text import Lang
from eligibility.wording import columns, word

if TYPE_CHECKING:  # the screen machinery is not imported by `check`
    from eligibility.screening.batch import Row, Summary


def _finding_lines(findings: tuple[Finding, ...], lang: Lang) -> list[str]:
    lines = []
    for f in ordered(findings):
        status = status_text(f.status, lang)
        # an English status needs no width table; a Japanese one is measured in columns
        shown = f"{status:<7}" if status.isascii() else pad(status, 7)
        lines.append(f"  {STATUS_MARK[f.status]} {shown} {f.rule}")
        lines.append(f"      {f.message(lang)}")
        note = reading(f, lang)
        if note is not None:
            lines.append(f"      {word('our_reading', lang)}: {note}")
    return lines


def render(r: Result, lang: Lang = "en") -> str:
    """A readable report grouped by plan: verdict first, then one line per finding."""
    lines: list[str] = []
    head = f"{r.file}: {verdict_text(r.verdict, lang)}"
    if r.applicant_name:
        head += f" — {r.applicant_name}"
    lines.append(head)
    for n in r.notices:
        lines.append(word("note_line", lang) + n(lang))
    if r.applicant_findings:
        lines.append("")
        lines.append(word("applicant_block", lang))
        lines.extend(_finding_lines(r.applicant_findings, lang))
    for p in r.plans:
        lines.append("")
        title = f" {p.title}" if p.title else ""
        lines.append(f"[{p.id}] {p.track or '?'}{title}: {verdict_text(p.verdict, lang)}")
        lines.extend(_finding_lines(p.findings, lang))
    lines.append("")
    lines.append(word("plans_line", lang) + plan_counts(r, lang))
    lines.extend(f"{label}: {value}" for label, value in provenance.of_result(r, lang))
    return "\n".join(terminal(line) for line in lines) + "\n"


class TableWriter(BatchWriter):
    """One line per row in fixed columns (names cut with "…"), the problems in full at the
    end of the line; the summary and provenance underneath."""

    COLUMNS = FixedColumns((28, 22, 12, 28, 10, 12))

    def begin(self) -> None:
        self.out.write(self.COLUMNS.line(columns("batch_columns_table", self.lang)) + "\n")
        self.out.write(self.COLUMNS.rule() + "\n")

    def render(self, rows: list[Row]) -> str:
        lines = []
        for r in rows:
            cells = (
                r.file,
                r.applicant or "",
                r.plan or "",
                r.track or "",
                self.verdict(r.verdict),
                (r.sha256 or "")[:12],  # the first 12 hex digits; other formats give all 64
                problems(r, lang=self.lang),
            )
            lines.append(self.COLUMNS.line(cells) + "\n")
        return "".join(lines)

    def end(self, summary: Summary) -> None:
        lines = ["", *self.summary_lines(summary)]
        lines += [f"{label}: {value}" for label, value in self.provenance(summary)]
        self.out.write("".join(terminal(line) + "\n" for line in lines))
