"""The terminal report: the indicator table (indicators × fiscal years), then each indicator
year by year with the rule that decided its status and the files it came from, the reports
superseded by corrections, the findings, and what each status means."""

from __future__ import annotations

from eligibility.outcomes.measure import Outcomes
from eligibility.outcomes.render import common
from eligibility.outcomes.statuses import Status
from eligibility.text import Lang


def to_table(o: Outcomes, lang: Lang = "en") -> str:
    ja = lang == "ja"
    s = o.indicators
    lines = [
        f"{s.title(lang)} ({s.id} {s.version})",
        ("入力: " if ja else "inputs: ") + common.counts(o)(lang),
        common.provenance(o)(lang),
        "",
    ]
    lines += common.columns(common.grid(o, lang))
    lines += ["", common.status_line(lang)]
    lines.append(("読み方: " if ja else "reading: ") + common.reading(o)(lang))
    for ind in s.indicators:
        lines.append("")
        lines.append(f"{ind.id} ({common.TERM_TEXT[ind.term](lang)}) {ind.title(lang)}")
        lines.append(("  測定指標: " if ja else "  measure: ") + ind.description(lang))
        other = ind.target_year.western if ja else ind.target_year.japanese
        lines.append(("  目標: " if ja else "  target: ") + f"{common.target(ind, lang)} ({other})")
        result = o.result(ind.id)
        if result is not None:
            lines.append(
                ("  結果: " if ja else "  result: ")
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
            lines.append(("      規則: " if ja else "      rule: ") + row.rule(lang))
            if row.sources:
                lines.append(("      出典: " if ja else "      from: ") + ", ".join(row.sources))
    if o.superseded:
        lines.append("")
        lines.append(
            f"置き換えられた報告 {len(o.superseded)} 件（数えません）:"
            if ja
            else f"superseded reports ({len(o.superseded)}, not counted):"
        )
        for sp in o.superseded:
            lines.append(f"  {sp.head.file}: {sp.reason(lang)}")
    lines.append("")
    if o.findings:
        lines.append(f"指摘 {len(o.findings)} 件:" if ja else f"findings ({len(o.findings)}):")
        for f in o.findings:
            where = f"{f.file}: {f.where}" if f.where else f.file
            lines.append(f"  {f.status.mark} {f.status:<13} {where}")
            lines.append(f"      {f.message(lang)}")
    else:
        lines.append("指摘なし" if ja else "findings: none")
    lines.append("")
    lines.append("状況の判定:" if ja else "statuses:")
    for k in Status:
        if k in s.statuses:
            lines.append(f"  {k.mark} {s.statuses[k](lang)}")
    return "\n".join(common.printable(x) for x in lines) + "\n"
