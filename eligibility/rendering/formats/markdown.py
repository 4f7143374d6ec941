"""Markdown for the review record: one result (verdict, a table per plan, provenance) and a
batch (one table row per plan, the summary, provenance).

All text that is not the report's own is escaped with
:func:`~eligibility.rendering.escape.markdown`, so names, ids, values, file names and the
messages quoting them render as their literal text under CommonMark, GFM and Python-Markdown:
no link, image, tag or extra table cell can come from an application.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from eligibility.checking.result import Result
from eligibility.rendering import provenance
from eligibility.rendering.escape import markdown as md
from eligibility.rendering.escape import markdown_code
from eligibility.rendering.outline import (
    STATUS_MARK,
    BatchWriter,
    batch_title,
    plan_counts,
    problems,
    reading,
    sections,
    status_text,
    verdict_text,
)
from eligibility.text import Lang
from eligibility.wording import columns, word

if TYPE_CHECKING:  # the screen machinery is not imported by `check`
    from eligibility.screening.batch import Row, Summary


def table_row(cells: list[str]) -> str:
    """One table row of cells already in Markdown."""
    return "| " + " | ".join(cells) + " |"


def table_head(headers: Sequence[str]) -> list[str]:
    return [table_row([md(h) for h in headers]), "|" + "---|" * len(headers)]


def render(r: Result, lang: Lang = "en") -> str:
    """A Markdown report for the review record: verdict, one table per plan, provenance."""
    out = [f"# {md(r.file)}: {md(verdict_text(r.verdict, lang))}", ""]
    if r.applicant_name:
        out += [f"{word('applicant', lang)}: {md(r.applicant_name)}", ""]
    for n in r.notices:
        out += [f"> {md(n(lang))}", ""]
    head = columns("finding_columns_md", lang)
    for section in sections(r, lang):
        out += [f"## {section.title(md)}", "", *table_head(head)]
        notes = []
        for f in section.findings:
            cells = [
                STATUS_MARK[f.status],
                markdown_code(f.rule),
                md(status_text(f.status, lang)),
                md(f.given or ""),
                md(f.value or ""),
                md(f.threshold or ""),
                md(f.margin or ""),
                md(f.message(lang)),
            ]
            out.append(table_row(cells))
            note = reading(f, lang)
            if note is not None:
                notes.append(
                    f"- {markdown_code(f.rule)} {md(word('our_reading', lang))}: {md(note)}"
                )
        out.append("")
        if notes:
            out += [*notes, ""]
    out += [f"{word('plans', lang)}: {md(plan_counts(r, lang))}", ""]
    out += [f"- {md(label)}: {markdown_code(v)}" for label, v in provenance.of_result(r, lang)]
    return "\n".join(out) + "\n"


class MarkdownWriter(BatchWriter):
    def begin(self) -> None:
        self.out.write(f"# {md(batch_title(self.lang))}\n\n")
        self.out.write("\n".join(table_head(columns("batch_columns", self.lang))) + "\n")

    def render(self, rows: list[Row]) -> str:
        lines = []
        for r in rows:
            cells = [
                md(r.file),
                md(r.applicant or ""),
                md(r.plan or ""),
                md(r.track or ""),
                md(self.verdict(r.verdict)),
                problems(r, rule=markdown_code, text=md, lang=self.lang),
                markdown_code(r.sha256) if r.sha256 else "",
            ]
            lines.append(table_row(cells) + "\n")
        return "".join(lines)

    def end(self, summary: Summary) -> None:
        lines = [f"- {md(line.strip())}" for line in self.summary_lines(summary)]
        self.out.write("\n" + "\n".join(lines) + "\n\n")
        for label, value in self.provenance(summary):
            self.out.write(f"- {md(label)}: {markdown_code(value)}\n")
