"""The terminal report: the indicator table (indicators × fiscal years), then each indicator
year by year with the rule that decided its status and the files it came from, the reports
superseded by corrections, the findings, and what each status means."""

from __future__ import annotations

from eligibility.outcomes.measure import Outcomes
from eligibility.outcomes.render import common
from eligibility.outcomes.statuses import Status
from eligibility.rendering.table import aligned
from eligibility.text import Lang
from eligibility.wording import WORDS, word


def to_table(o: Outcomes, lang: Lang = "en") -> str:
    s = o.indicators
    lines = [
        f"{s.title(lang)} ({s.id} {s.version})",
        word("inputs_line", lang) + common.counts(o)(lang),
        common.provenance(o)(lang),
        "",
    ]
    lines += aligned(common.grid(o, lang))
    lines += ["", common.status_line(lang)]
    lines.append(word("reading_line", lang) + common.reading(o)(lang))
    for ind in s.indicators:
        lines.append("")
        lines.append(f"{ind.id} ({common.TERM_TEXT[ind.term](lang)}) {ind.title(lang)}")
        lines.append(word("measure_line", lang) + ind.description(lang))
        other = ind.target_year.japanese if lang == "en" else ind.target_year.western
        lines.append(word("target_line", lang) + f"{common.target(ind, lang)} ({other})")
        result = o.result(ind.id)
        if result is not None:
            lines.append(
                word("result_line", lang)
                + f"{result.status.mark} {result.status.text(lang)} ({result.value_text})"
            )
        for row in o.rows_for(ind.id):
            head = (
                f"  {common.year_text(row.year, lang)}  {row.value_text}  "
                f"{row.status.mark} {row.status.text(lang)}"
            )
            if row.detail is not None:
                head += f" — {row.detail(lang)}"
            lines.append(head)
            lines.append(word("rule_line", lang) + row.rule(lang))
            if row.sources:
                lines.append(word("from_line", lang) + ", ".join(row.sources))
    if o.superseded:
        lines.append("")
        lines.append(WORDS["superseded_count"].format(n=len(o.superseded))(lang))
        for sp in o.superseded:
            lines.append(f"  {sp.head.file}: {sp.reason(lang)}")
    lines.append("")
    if o.findings:
        lines.append(WORDS["findings_count"].format(n=len(o.findings))(lang))
        for f in o.findings:
            where = f"{f.file}: {f.where}" if f.where else f.file
            lines.append(f"  {f.status.mark} {f.status:<13} {where}")
            lines.append(f"      {f.message(lang)}")
    else:
        lines.append(word("findings_none", lang))
    lines.append("")
    lines.append(word("statuses_line", lang))
    for k in Status:
        if k in s.statuses:
            lines.append(f"  {k.mark} {s.statuses[k](lang)}")
    return "\n".join(common.printable(x) for x in lines) + "\n"
