"""Results as people and programs read them: JSON (the contract) and a text report."""

from __future__ import annotations

import json
import re
from typing import Any

from eligibility import __version__
from eligibility.engine import Finding, PlanResult, Result
from eligibility.text import Lang, Text

STATUS_MARK = {"pass": "✓", "fail": "✗", "missing": "?", "invalid": "!", "review": "~"}
VERDICT_TEXT = {
    "eligible": Text("eligible", "適格"),
    "ineligible": Text("ineligible", "不適格"),
    "incomplete": Text("incomplete", "不備あり"),
    "review": Text("review", "要審査"),
}


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


def result_dict(r: Result, lang: Lang) -> dict[str, Any]:
    out: dict[str, Any] = {
        "file": r.file,
        "verdict": r.verdict,
        "ruleset": {
            "id": r.ruleset.id,
            "version": r.ruleset.version,
            "sha256": r.ruleset.sha256,
        },
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
    return out


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
    lines.append(("ルールセット" if ja else "rule set") + f" {r.ruleset.id} {r.ruleset.version}")
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
    counts: dict[str, int] = {}
    for p in r.plans:
        counts[p.verdict] = counts.get(p.verdict, 0) + 1
    summary = ", ".join(f"{VERDICT_TEXT[v](lang)} {n}" for v, n in counts.items())
    lines.append("")
    lines.append(("計画: " if ja else "plans: ") + summary)
    return "\n".join(_printable(line) for line in lines) + "\n"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _printable(line: str) -> str:
    """Text from an application never drives the terminal: control characters are escaped."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04x}", line)


def _finding_lines(findings: tuple[Finding, ...], lang: Lang) -> list[str]:
    order = {"fail": 0, "invalid": 1, "missing": 2, "review": 3, "pass": 4}
    lines = []
    for f in sorted(findings, key=lambda f: order[f.status]):
        lines.append(f"  {STATUS_MARK[f.status]} {f.status:<7} {f.rule}")
        lines.append(f"      {f.message(lang)}")
    return lines
