"""Results as people and programs read them: JSON (the contract) and a text report."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from typing import Any

from eligibility import __version__
from eligibility.checking.result import Finding, PlanResult, Result
from eligibility.ruleset.places import folder_label
from eligibility.text import Lang
from eligibility.verdicts import STATUS_ORDER, VERDICT_TEXT, Status

STATUS_MARK = {s.value: s.mark for s in Status}


def finding_dict(f: Finding, lang: Lang) -> dict[str, Any]:
    out: dict[str, Any] = {"rule": f.rule, "status": f.status}
    for key in ("field", "given", "value", "threshold", "margin", "needed", "basis"):
        v = getattr(f, key)
        if v is not None:
            out[key] = v
    out["message"] = f.message(lang)
    if f.source:
        out["source"] = f.source
    out["severity"] = f.severity
    if f.note is not None:
        out["note"] = f.note(lang)
    return out


def plan_dict(p: PlanResult, lang: Lang) -> dict[str, Any]:
    out: dict[str, Any] = {"id": p.id, "track": p.track, "verdict": p.verdict}
    if p.title is not None:
        out["title"] = p.title
    out["findings"] = [finding_dict(f, lang) for f in p.findings]
    return out


def ruleset_dict(r: Result) -> dict[str, Any]:
    rs = r.ruleset
    out: dict[str, Any] = {
        "id": rs.id,
        "version": rs.version,
        "effective_from": rs.effective_from.isoformat(),
        "sha256": rs.sha256,
        "files": dict(sorted(rs.files.items())),
        "folder": folder_label(rs.folder),
    }
    if rs.base is not None:
        out["base"] = rs.base
    if r.as_of is not None:
        out["as_of"] = r.as_of.isoformat()
    if r.as_of_source:
        out["chosen_by"] = r.as_of_source
    if r.in_force_today is not None:
        out["in_force_today"] = r.in_force_today
    return out


def result_dict(r: Result, lang: Lang) -> dict[str, Any]:
    out: dict[str, Any] = {
        "file": r.file,
        "verdict": r.verdict,
        "ruleset": ruleset_dict(r),
        "applicant": {
            "name": r.applicant_name,
            "findings": [finding_dict(f, lang) for f in r.applicant_findings],
        },
        "plans": [plan_dict(p, lang) for p in r.plans],
        "tool": {"name": "eligibility", "version": __version__},
    }
    if r.file_sha256 is not None:
        out["sha256"] = r.file_sha256
    if r.notices:
        out["notices"] = [n(lang) for n in r.notices]
    if r.checked_at is not None:
        out["checked_at"] = timestamp(r.checked_at)
    return out


def timestamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def provenance(r: Result, lang: Lang) -> list[tuple[str, str]]:
    """What a result stands on, for the footer of every human-readable format."""
    ja = lang == "ja"
    rs = r.ruleset
    chosen = ""
    if r.as_of is not None:
        chosen = f" ({'基準日' if ja else 'in force on'} {r.as_of.isoformat()}"
        chosen += f", {r.as_of_source})" if r.as_of_source else ")"
    rows = [
        ("ルールセット" if ja else "rule set", f"{rs.id} {rs.version}{chosen}"),
        ("ルールセット sha256" if ja else "rule set sha256", rs.sha256),
        ("ルールセットの場所" if ja else "rule set folder", folder_label(rs.folder)),
    ]
    if r.file_sha256:
        rows.append(("申請ファイル sha256" if ja else "file sha256", r.file_sha256))
    rows.append(("ツール" if ja else "tool", f"eligibility {__version__}"))
    if r.checked_at is not None:
        rows.append(("確認日時" if ja else "checked at", timestamp(r.checked_at)))
    return rows


def to_json(r: Result, lang: Lang = "en") -> str:
    return json.dumps(result_dict(r, lang), ensure_ascii=False, indent=2) + "\n"


def to_text(r: Result, lang: Lang = "en") -> str:
    """A readable report grouped by plan: verdict first, then one line per finding."""
    ja = lang == "ja"
    lines: list[str] = []
    verdict = VERDICT_TEXT[r.verdict](lang)
    head = f"{r.file}: {verdict}"
    if r.applicant_name:
        head += f" — {r.applicant_name}"
    lines.append(head)
    for n in r.notices:
        lines.append(("注意: " if ja else "note: ") + n(lang))
    if r.applicant_findings:
        lines.append("")
        lines.append("[申請者]" if ja else "[applicant]")
        lines.extend(_finding_lines(r.applicant_findings, lang))
    for p in r.plans:
        lines.append("")
        title = f" {p.title}" if p.title else ""
        lines.append(f"[{p.id}] {p.track or '?'}{title}: {VERDICT_TEXT[p.verdict](lang)}")
        lines.extend(_finding_lines(p.findings, lang))
    lines.append("")
    lines.append(("計画: " if ja else "plans: ") + _counts(r, lang))
    lines.extend(f"{label}: {value}" for label, value in provenance(r, lang))
    return "\n".join(_printable(line) for line in lines) + "\n"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _printable(line: str) -> str:
    """Text from an application never drives the terminal: control characters are escaped."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04x}", line)


def _finding_lines(findings: tuple[Finding, ...], lang: Lang) -> list[str]:
    lines = []
    for f in _ordered(findings):
        lines.append(f"  {STATUS_MARK[f.status]} {f.status:<7} {f.rule}")
        lines.append(f"      {f.message(lang)}")
    return lines


def _counts(r: Result, lang: Lang) -> str:
    counts: dict[str, int] = {}
    for p in r.plans:
        counts[p.verdict] = counts.get(p.verdict, 0) + 1
    return ", ".join(f"{VERDICT_TEXT[v](lang)} {n}" for v, n in counts.items())


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return _printable(text).replace("|", "\\|").replace("\n", " ")


def to_markdown(r: Result, lang: Lang = "en") -> str:
    """A Markdown report for the review record: verdict, one table per plan, provenance."""
    ja = lang == "ja"
    out = [f"# {_md(r.file)}: {VERDICT_TEXT[r.verdict](lang)}", ""]
    if r.applicant_name:
        out += [f"{'申請者' if ja else 'Applicant'}: {_md(r.applicant_name)}", ""]
    for n in r.notices:
        out += [f"> {_md(n(lang))}", ""]
    head = "| | rule | status | given | value | threshold | margin | message |"
    sections = (
        [("申請者" if ja else "Applicant", r.applicant_findings)] if r.applicant_findings else []
    )
    sections += [
        (f"{p.id} — {p.track or '?'}: {VERDICT_TEXT[p.verdict](lang)}", p.findings) for p in r.plans
    ]
    for title, findings in sections:
        out += [f"## {_md(title)}", "", head, "|---|---|---|---|---|---|---|---|"]
        for f in _ordered(findings):
            cells = [
                STATUS_MARK[f.status],
                f"`{f.rule}`",
                f.status,
                f.given or "",
                f.value or "",
                f.threshold or "",
                f.margin or "",
                f.message(lang),
            ]
            out.append("| " + " | ".join(_md(c) for c in cells) + " |")
        out.append("")
    out += [f"{'計画' if ja else 'Plans'}: {_counts(r, lang)}", ""]
    out += [f"- {label}: `{value}`" for label, value in provenance(r, lang)]
    return "\n".join(out) + "\n"


def _ordered(findings: tuple[Finding, ...]) -> list[Finding]:
    order = {s.value: i for i, s in enumerate(STATUS_ORDER)}
    return sorted(findings, key=lambda f: order[f.status])


HTML_STYLE = """
body{font-family:system-ui,"Hiragino Sans","Noto Sans JP",sans-serif;margin:2rem;color:#1b1b1b}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}.pass{color:#1a7f37}.fail{color:#cf222e;font-weight:600}
.missing,.invalid{color:#9a6700;font-weight:600}.review{color:#0969da;font-weight:600}
.verdict{display:inline-block;padding:.1rem .6rem;border-radius:1rem;background:#eee}
footer{margin-top:2rem;font-size:.8rem;color:#555}code{font-size:.85rem}
"""


def html_page(title: str, body: list[str], lang: Lang) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"/>'
        f"<title>{html.escape(title)}</title><style>{HTML_STYLE}</style></head>\n<body>\n"
        + "\n".join(body)
        + "\n</body></html>\n"
    )


def to_html(r: Result, lang: Lang = "en") -> str:
    """One self-contained HTML page (no scripts, no external files) for the review record."""
    ja = lang == "ja"
    e = html.escape
    body = [
        f'<h1>{e(r.file)} <span class="verdict {r.verdict}">'
        f"{e(VERDICT_TEXT[r.verdict](lang))}</span></h1>"
    ]
    if r.applicant_name:
        body.append(f"<p>{'申請者' if ja else 'Applicant'}: {e(r.applicant_name)}</p>")
    for n in r.notices:
        body.append(f"<p><em>{e(n(lang))}</em></p>")
    sections = (
        [("申請者" if ja else "Applicant", r.applicant_findings)] if r.applicant_findings else []
    )
    sections += [
        (f"{p.id} — {p.track or '?'}: {VERDICT_TEXT[p.verdict](lang)}", p.findings) for p in r.plans
    ]
    head = "".join(
        f"<th>{h}</th>"
        for h in ("rule", "status", "given", "value", "threshold", "margin", "message", "source")
    )
    for title, findings in sections:
        body.append(f"<h2>{e(title)}</h2>")
        body.append(f"<table><tr>{head}</tr>")
        for f in _ordered(findings):
            cells = [
                f"<code>{e(f.rule)}</code>",
                f'<span class="{f.status}">{STATUS_MARK[f.status]} {f.status}</span>',
                e(f.given or ""),
                e(f.value or ""),
                e(f.threshold or ""),
                e(f.margin or ""),
                e(f.message(lang)),
                e(f.source),
            ]
            body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        body.append("</table>")
    body.append(f"<p>{'計画' if ja else 'Plans'}: {e(_counts(r, lang))}</p>")
    body.append(
        "<footer><dl>"
        + "".join(f"<dt>{e(k)}</dt><dd><code>{e(v)}</code></dd>" for k, v in provenance(r, lang))
        + "</dl></footer>"
    )
    return html_page(f"{r.file}: {VERDICT_TEXT[r.verdict](lang)}", body, lang)


FORMATS = {"text": to_text, "json": to_json, "markdown": to_markdown, "html": to_html}
