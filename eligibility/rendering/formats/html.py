"""HTML for the review record: one self-contained page (no script, no external file) for one
result or for a batch, every piece of text escaped with
:func:`~eligibility.rendering.escape.html`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eligibility.checking.result import Result
from eligibility.rendering import page, provenance
from eligibility.rendering.escape import html as e
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


def _header_row(headers: list[str]) -> str:
    return "<tr>" + "".join(f"<th>{e(h)}</th>" for h in headers) + "</tr>"


def render(r: Result, lang: Lang = "en") -> str:
    """One self-contained HTML page (no scripts, no external files) for the review record."""
    verdict = verdict_text(r.verdict, lang)
    body = [f'<h1>{e(r.file)} <span class="verdict {e(r.verdict)}">{e(verdict)}</span></h1>']
    if r.applicant_name:
        body.append(f"<p>{word('applicant', lang)}: {e(r.applicant_name)}</p>")
    for n in r.notices:
        body.append(f"<p><em>{e(n(lang))}</em></p>")
    head = _header_row(columns("finding_columns_html", lang))
    for section in sections(r, lang):
        body.append(f"<h2>{section.title(e)}</h2>")
        body.append(f"<table><thead>{head}</thead>")
        notes = []
        for f in section.findings:
            shown = e(status_text(f.status, lang))
            cells = [
                f"<code>{e(f.rule)}</code>",
                f'<span class="{e(f.status)}">{STATUS_MARK[f.status]} {shown}</span>',
                e(f.given or ""),
                e(f.value or ""),
                e(f.threshold or ""),
                e(f.margin or ""),
                e(f.message(lang)),
                e(f.source),
            ]
            body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
            note = reading(f, lang)
            if note is not None:
                label = e(word("our_reading", lang))
                notes.append(f"<li><code>{e(f.rule)}</code> {label}: {e(note)}</li>")
        body.append("</table>")
        if notes:
            body.append(f'<ul class="reading">{"".join(notes)}</ul>')
    body.append(f"<p>{word('plans', lang)}: {e(plan_counts(r, lang))}</p>")
    body.append(page.footer(provenance.of_result(r, lang)))
    rs = r.ruleset
    run = [r.file, f"{rs.id} {rs.version}", f"{word('rule_set_sha256', lang)} {rs.sha256}"]
    if r.file_sha256:
        run.append(f"{word('file_sha256', lang)} {r.file_sha256}")
    body.insert(0, page.running_header(" · ".join(run)))
    return page.page(f"{r.file}: {verdict}", body, lang)


class HtmlWriter(BatchWriter):
    def begin(self) -> None:
        title = batch_title(self.lang)
        head = _header_row(columns("batch_columns", self.lang))
        self.out.write(page.head(title, self.lang))
        self.out.write(f"<h1>{e(title)}</h1>\n<table><thead>{head}</thead>\n")

    def render(self, rows: list[Row]) -> str:
        return "".join(
            f"<tr><td>{e(r.file)}</td><td>{e(r.applicant or '')}</td>"
            f"<td>{e(r.plan or '')}</td><td>{e(r.track or '')}</td>"
            f'<td class="{e(r.verdict)}">{e(self.verdict(r.verdict))}</td>'
            f"<td>{e(problems(r, lang=self.lang))}</td>"
            f'<td><code class="hash" title="{e(r.sha256 or "")}">'
            f"{e(r.sha256 or '')}</code></td></tr>\n"
            for r in rows
        )

    def end(self, summary: Summary) -> None:
        items = "".join(f"<li>{e(line.strip())}</li>" for line in self.summary_lines(summary))
        self.out.write(f"</table>\n<ul>{items}</ul>\n")
        self.out.write(page.footer(self.provenance(summary)) + "\n")
        run = [batch_title(self.lang)]
        run += [f"{name} sha256 {sha}" for name, sha in sorted(summary.rulesets.items())]
        run.append(provenance.timestamp(self.checked_at))
        self.out.write(page.running_header(" · ".join(run)) + page.END)
