"""The impact of a reform on a batch, gathered and written: table, CSV, JSON, Markdown, HTML.

Applicant text (file names, applicant and plan names, messages) is made inert for each format
by :mod:`eligibility.impact.escape`; JSON carries it raw.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from eligibility import __version__
from eligibility.describe.diff import ruleset_ref
from eligibility.impact.compute import Margin, PlanImpact
from eligibility.impact.escape import csv_cell, html_text, markdown_cell, terminal
from eligibility.rendering.page import page
from eligibility.ruleset.model import Ruleset
from eligibility.verdicts import BATCH_ORDER

FORMATS = ("table", "csv", "json", "markdown", "html")
NEAREST = 5  # plans shown nearest each changed threshold
VERDICTS = [str(v) for v in reversed(BATCH_ORDER)] + ["none"]  # eligible … error, none


@dataclass
class Impact:
    """What a reform does to a batch, gathered row by row (only changed rows and the plans
    nearest each watched threshold are kept)."""

    baseline: Ruleset
    reform: Ruleset
    thresholds: list[dict[str, str]]  # from the rule-set diff: rule, from, to
    nearest: int = NEAREST
    files: int = 0
    plans: int = 0
    errors: list[PlanImpact] = field(default_factory=list)
    changed: list[PlanImpact] = field(default_factory=list)
    matrix: dict[str, Counter[tuple[str, str]]] = field(default_factory=dict)
    closest: dict[str, list[tuple[PlanImpact, Margin]]] = field(default_factory=dict)

    def add(self, rows: Iterable[PlanImpact]) -> None:
        self.files += 1
        for row in rows:
            if row.error is not None:
                self.errors.append(row)
                continue
            self.plans += 1
            track = row.track or row.plan or "?"
            self.matrix.setdefault(track, Counter())[(row.baseline, row.reform)] += 1
            if row.changed:
                self.changed.append(row)
            for m in row.margins:
                if m.distance is None:
                    continue
                near = self.closest.setdefault(m.rule, [])
                near.append((row, m))
                if len(near) > self.nearest * 4:  # keep the list small as the batch streams
                    near.sort(key=_nearness)
                    del near[self.nearest :]

    def nearest_to(self, rule: str) -> list[tuple[PlanImpact, Margin]]:
        return sorted(self.closest.get(rule, []), key=_nearness)[: self.nearest]


def _nearness(item: tuple[PlanImpact, Margin]) -> tuple[Any, str, str]:
    row, m = item
    d = m.distance
    return (abs(d) if d is not None else 0, row.file, row.plan or "")


# --- as data ---------------------------------------------------------------------------------


def _matrix_rows(counts: Counter[tuple[str, str]]) -> list[dict[str, Any]]:
    return [
        {"baseline": a, "reform": b, "plans": n}
        for (a, b), n in sorted(
            counts.items(),
            key=lambda kv: (
                VERDICTS.index(kv[0][0]) if kv[0][0] in VERDICTS else 99,
                VERDICTS.index(kv[0][1]) if kv[0][1] in VERDICTS else 99,
            ),
        )
    ]


def impact_dict(impact: Impact) -> dict[str, Any]:
    return {
        "baseline": ruleset_ref(impact.baseline),
        "reform": ruleset_ref(impact.reform),
        "thresholds": impact.thresholds,
        "files": impact.files,
        "plans": impact.plans,
        "changed": [
            {
                "file": r.file,
                "applicant": r.applicant,
                "plan": r.plan,
                "track": r.track,
                "baseline": r.baseline,
                "reform": r.reform,
                "findings": [
                    {
                        "rule": c.rule,
                        "baseline": c.baseline,
                        "reform": c.reform,
                        "message": c.message,
                    }
                    for c in r.changes
                ],
            }
            for r in impact.changed
        ],
        "transitions": {t: _matrix_rows(c) for t, c in sorted(impact.matrix.items())},
        "nearest": {
            t["rule"]: [
                {
                    "file": r.file,
                    "plan": r.plan,
                    "margin_baseline": m.baseline,
                    "margin_reform": m.reform,
                    "baseline": r.baseline,
                    "reform": r.reform,
                }
                for r, m in impact.nearest_to(t["rule"])
            ]
            for t in impact.thresholds
        },
        "errors": [{"file": r.file, "error": r.error} for r in impact.errors],
        "tool": {"name": "eligibility", "version": __version__},
    }


def to_json(impact: Impact) -> str:
    return json.dumps(impact_dict(impact), ensure_ascii=False, indent=2) + "\n"


# --- for people ------------------------------------------------------------------------------


def _headline(d: dict[str, Any]) -> str:
    a, b = d["baseline"], d["reform"]
    return (
        f"impact of {b['id']} {b['version']} against {a['version']}: "
        f"{len(d['changed'])} of {d['plans']} plans change verdict ({d['files']} files)"
    )


def _tables(d: dict[str, Any]) -> list[tuple[str, list[str], list[list[str]]]]:
    """The report's sections as (title, header, rows) of plain, unescaped text."""
    out: list[tuple[str, list[str], list[list[str]]]] = []
    out.append(
        (
            "changed thresholds",
            ["rule", "baseline", "reform"],
            [[t["rule"], t["from"], t["to"]] for t in d["thresholds"]],
        )
    )
    out.append(
        (
            "plans whose verdict changes",
            ["file", "applicant", "plan", "track", "baseline", "reform", "findings that changed"],
            [
                [
                    c["file"],
                    c["applicant"] or "",
                    c["plan"] or "",
                    c["track"] or "",
                    c["baseline"],
                    c["reform"],
                    "; ".join(
                        f"{f['rule']} {f['baseline']} → {f['reform']}: {f['message']}"
                        for f in c["findings"]
                    ),
                ]
                for c in d["changed"]
            ],
        )
    )
    for track, rows in d["transitions"].items():
        out.append(
            (
                f"verdicts in {track}",
                ["baseline", "reform", "plans"],
                [[r["baseline"], r["reform"], str(r["plans"])] for r in rows],
            )
        )
    for rule, rows in d["nearest"].items():
        out.append(
            (
                f"plans nearest {rule}",
                ["file", "plan", "margin (baseline)", "margin (reform)", "baseline", "reform"],
                [
                    [
                        r["file"],
                        r["plan"] or "",
                        r["margin_baseline"] or "",
                        r["margin_reform"] or "",
                        r["baseline"],
                        r["reform"],
                    ]
                    for r in rows
                ],
            )
        )
    if d["errors"]:
        out.append(
            ("files not checked", ["file", "error"], [[e["file"], e["error"]] for e in d["errors"]])
        )
    return out


def to_table(impact: Impact) -> str:
    d = impact_dict(impact)
    lines = [terminal(_headline(d)), ""]
    for title, header, rows in _tables(d):
        lines.append(f"{title}:")
        if not rows:
            lines += ["  (none)", ""]
            continue
        cells = [[terminal(c) for c in row] for row in rows]
        width = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(header)]
        width[-1] = len(header[-1])  # the last column is not padded
        lines.append(
            "  " + "  ".join(h.ljust(w) for h, w in zip(header, width, strict=True)).rstrip()
        )
        for r in cells:
            lines.append(
                "  " + "  ".join(c.ljust(w) for c, w in zip(r, width, strict=True)).rstrip()
            )
        lines.append("")
    lines.append(f"tool: eligibility {__version__}")
    return "\n".join(lines) + "\n"


def to_csv(impact: Impact) -> str:
    """One row per plan whose verdict changes (and one per file not checked)."""
    d = impact_dict(impact)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            "file",
            "applicant",
            "plan",
            "track",
            "baseline",
            "reform",
            "rule",
            "rule_baseline",
            "rule_reform",
            "message",
            "error",
        ]
    )
    for c in d["changed"]:
        findings = c["findings"] or [{"rule": "", "baseline": "", "reform": "", "message": ""}]
        for f in findings:
            writer.writerow(
                [
                    csv_cell(str(v))
                    for v in (
                        c["file"],
                        c["applicant"] or "",
                        c["plan"] or "",
                        c["track"] or "",
                        c["baseline"],
                        c["reform"],
                        f["rule"],
                        f["baseline"],
                        f["reform"],
                        f["message"],
                        "",
                    )
                ]
            )
    for e in d["errors"]:
        writer.writerow(
            [
                csv_cell(e["file"]),
                "",
                "",
                "",
                "error",
                "error",
                "",
                "",
                "",
                "",
                csv_cell(e["error"]),
            ]
        )
    return buffer.getvalue()


def to_markdown(impact: Impact) -> str:
    d = impact_dict(impact)
    lines = [f"# {markdown_cell(_headline(d))}", ""]
    for title, header, rows in _tables(d):
        lines += [f"## {markdown_cell(title.capitalize())}", ""]
        if not rows:
            lines += ["None.", ""]
            continue
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "---|" * len(header))
        for r in rows:
            lines.append("| " + " | ".join(markdown_cell(c) for c in r) + " |")
        lines.append("")
    lines.append(f"eligibility {__version__}")
    return "\n".join(lines) + "\n"


def to_html(impact: Impact) -> str:
    """The report as the tool's one HTML page: printed on A4 with numbered pages, each
    verdict in its colour."""
    d = impact_dict(impact)
    headline = _headline(d)
    parts = [f"<h1>{html_text(headline)}</h1>"]
    for title, header, rows in _tables(d):
        parts.append(f"<h2>{html_text(title.capitalize())}</h2>")
        if not rows:
            parts.append("<p>None.</p>")
            continue
        parts.append(
            "<table><thead><tr>"
            + "".join(f"<th>{html_text(h)}</th>" for h in header)
            + "</tr></thead><tbody>"
        )
        for r in rows:
            parts.append("<tr>" + "".join(_html_cell(c) for c in r) + "</tr>")
        parts.append("</tbody></table>")
    parts.append(f"<footer>eligibility {html_text(__version__)}</footer>")
    return page(headline, parts, "en")


def _html_cell(text: str) -> str:
    """A cell; a verdict gets its class, and so its colour."""
    if text in VERDICTS:
        return f'<td class="{text}">{html_text(text)}</td>'
    return f"<td>{html_text(text)}</td>"


WRITERS = {
    "table": to_table,
    "csv": to_csv,
    "json": to_json,
    "markdown": to_markdown,
    "html": to_html,
}
