"""A screened batch as people and programs read it: table, CSV, JSON, Markdown, HTML.

Each writer streams: ``begin()``, one ``rows()`` call per file as results arrive, then
``end(summary)``. Nothing is kept between calls but what the summary counts.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import json
from typing import IO

from eligibility import __version__
from eligibility.rendering.result import HTML_STYLE, _md, _printable, running_header, timestamp
from eligibility.screening.batch import Row, Summary
from eligibility.text import Lang
from eligibility.verdicts import BATCH_ORDER, BATCH_VERDICT_TEXT

VERDICTS = BATCH_VERDICT_TEXT
COLUMNS = ("file", "applicant", "plan", "track", "verdict", "failed", "missing", "review", "error")


def _problems(row: Row) -> str:
    parts = []
    kinds = (("fail", row.failed), ("missing/invalid", row.missing), ("review", row.review))
    for label, rules in kinds:
        if rules:
            parts.append(f"{label}: " + ", ".join(rules))
    return "; ".join(parts) if parts else (row.error or "")


class Writer:
    """Base class: a format writes to ``out`` in the chosen language."""

    def __init__(self, out: IO[str], lang: Lang, checked_at: dt.datetime) -> None:
        self.out = out
        self.lang = lang
        self.checked_at = checked_at

    def begin(self) -> None:  # pragma: no cover - formats without a header
        pass

    def rows(self, rows: list[Row]) -> None:
        raise NotImplementedError

    def end(self, summary: Summary) -> None:
        raise NotImplementedError

    def verdict(self, v: str) -> str:
        return VERDICTS[v](self.lang)

    def provenance(self, summary: Summary) -> list[tuple[str, str]]:
        ja = self.lang == "ja"
        items = [
            (("ルールセット " if ja else "rule set ") + name, sha)
            for name, sha in sorted(summary.rulesets.items())
        ]
        items.append(("ツール" if ja else "tool", f"eligibility {__version__}"))
        items.append(("確認日時" if ja else "checked at", timestamp(self.checked_at)))
        return items

    def summary_lines(self, summary: Summary) -> list[str]:
        ja = self.lang == "ja"
        by_verdict = ", ".join(
            f"{self.verdict(v)} {summary.by_verdict[v]}"
            for v in BATCH_ORDER
            if summary.by_verdict[v]
        )
        lines = [
            ("ファイル" if ja else "files")
            + f": {summary.files}, "
            + ("計画" if ja else "plans")
            + f": {summary.plans}",
            ("判定別" if ja else "by verdict") + f": {by_verdict or '-'}",
        ]
        for track, counts in sorted(summary.by_track.items()):
            cells = ", ".join(f"{self.verdict(v)} {counts[v]}" for v in BATCH_ORDER if counts[v])
            lines.append(f"  {track}: {cells}")
        return lines


class TableWriter(Writer):
    WIDTHS = (28, 22, 12, 28, 10, 12)

    def begin(self) -> None:
        head = ("file", "applicant", "plan", "track", "verdict", "sha256", "problems")
        self.out.write(self._line(head) + "\n")
        self.out.write(self._line((*("-" * w for w in self.WIDTHS), "-" * 8)) + "\n")

    def _line(self, cells: tuple[str, ...]) -> str:
        fitted = [_fit(c, w) for c, w in zip(cells, self.WIDTHS, strict=False)]
        return _printable("  ".join([*fitted, *cells[len(self.WIDTHS) :]]).rstrip())

    def rows(self, rows: list[Row]) -> None:
        for r in rows:
            cells = (
                r.file,
                r.applicant or "",
                r.plan or "",
                r.track or "",
                self.verdict(r.verdict),
                (r.sha256 or "")[:12],  # the first 12 hex digits; other formats give all 64
            )
            self.out.write(self._line((*cells, _problems(r))) + "\n")

    def end(self, summary: Summary) -> None:
        self.out.write("\n" + "\n".join(self.summary_lines(summary)) + "\n")
        for label, value in self.provenance(summary):
            self.out.write(f"{label}: {value}\n")


def _fit(text: str, width: int) -> str:
    """Pad or cut ``text`` to ``width`` display columns (CJK characters take two)."""
    out, used = "", 0
    for ch in text:
        w = 2 if _wide(ch) else 1
        if used + w > width - 1 and len(text) > len(out) + 1:
            return out + "…" + " " * (width - used - 1)
        out += ch
        used += w
    return out + " " * (width - used)


def _wide(ch: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(ch) in ("W", "F")


class CsvWriter(Writer):
    def begin(self) -> None:
        self.csv = csv.writer(self.out, lineterminator="\r\n")  # as Excel writes CSV
        self.csv.writerow([*COLUMNS, "sha256", "ruleset"])

    def rows(self, rows: list[Row]) -> None:
        for r in rows:
            self.csv.writerow(
                [
                    r.file,
                    r.applicant or "",
                    r.plan or "",
                    r.track or "",
                    r.verdict,
                    ";".join(r.failed),
                    ";".join(r.missing),
                    ";".join(r.review),
                    r.error or "",
                    r.sha256 or "",
                    r.ruleset or "",
                ]
            )

    def end(self, summary: Summary) -> None:
        pass  # a CSV file is rows only: the summary goes to the other formats


class JsonWriter(Writer):
    def begin(self) -> None:
        self.out.write(
            '{\n  "tool": ' + json.dumps({"name": "eligibility", "version": __version__})
        )
        self.out.write(',\n  "rows": [')
        self.first = True

    def rows(self, rows: list[Row]) -> None:
        for r in rows:
            item = {
                "file": r.file,
                "applicant": r.applicant,
                "plan": r.plan,
                "track": r.track,
                "verdict": r.verdict,
                "failed": list(r.failed),
                "missing": list(r.missing),
                "review": list(r.review),
                "sha256": r.sha256,
                "ruleset": r.ruleset,
            }
            if r.error is not None:
                item["error"] = r.error
            self.out.write(
                ("\n    " if self.first else ",\n    ") + json.dumps(item, ensure_ascii=False)
            )
            self.first = False

    def end(self, summary: Summary) -> None:
        tail = {
            "summary": {
                "verdict": summary.worst,
                "files": summary.files,
                "plans": summary.plans,
                "by_verdict": {
                    v: summary.by_verdict[v] for v in BATCH_ORDER if summary.by_verdict[v]
                },
                "by_track": {
                    t: {v: c[v] for v in BATCH_ORDER if c[v]}
                    for t, c in sorted(summary.by_track.items())
                },
            },
            "rulesets": [
                {"ruleset": name, "sha256": sha} for name, sha in sorted(summary.rulesets.items())
            ],
            "checked_at": timestamp(self.checked_at),
        }
        body = json.dumps(tail, ensure_ascii=False, indent=2)[1:-2]  # the object's members
        self.out.write(("\n  ]," if not self.first else "],") + body + "\n}\n")


class MarkdownWriter(Writer):
    def begin(self) -> None:
        title = "審査結果一覧" if self.lang == "ja" else "Screening results"
        self.out.write(
            f"# {title}\n\n| file | applicant | plan | track | verdict | problems | sha256 |\n"
        )
        self.out.write("|---|---|---|---|---|---|---|\n")

    def rows(self, rows: list[Row]) -> None:
        for r in rows:
            cells = (
                r.file,
                r.applicant or "",
                r.plan or "",
                r.track or "",
                self.verdict(r.verdict),
                _problems(r),
                f"`{r.sha256}`" if r.sha256 else "",
            )
            self.out.write("| " + " | ".join(_md(c) for c in cells) + " |\n")

    def end(self, summary: Summary) -> None:
        self.out.write(
            "\n"
            + "\n".join(f"- {_md(line.strip())}" for line in self.summary_lines(summary))
            + "\n\n"
        )
        for label, value in self.provenance(summary):
            self.out.write(f"- {_md(label)}: `{value}`\n")


class HtmlWriter(Writer):
    def begin(self) -> None:
        title = "審査結果一覧" if self.lang == "ja" else "Screening results"
        self.out.write(
            f'<!DOCTYPE html>\n<html lang="{self.lang}"><head><meta charset="utf-8"/>'
            f"<title>{title}</title><style>{HTML_STYLE}</style></head>\n<body>\n<h1>{title}</h1>\n"
            "<table><thead><tr><th>file</th><th>applicant</th><th>plan</th><th>track</th>"
            "<th>verdict</th><th>problems</th><th>sha256</th></tr></thead>\n"
        )

    def rows(self, rows: list[Row]) -> None:
        e = html.escape
        for r in rows:
            self.out.write(
                f"<tr><td>{e(r.file)}</td><td>{e(r.applicant or '')}</td>"
                f"<td>{e(r.plan or '')}</td><td>{e(r.track or '')}</td>"
                f'<td class="{e(r.verdict)}">{e(self.verdict(r.verdict))}</td>'
                f'<td>{e(_problems(r))}</td><td><code class="hash" title="{e(r.sha256 or "")}">'
                f"{e(r.sha256 or '')}</code></td></tr>\n"
            )

    def end(self, summary: Summary) -> None:
        e = html.escape
        self.out.write("</table>\n<ul>")
        self.out.write(
            "".join(f"<li>{e(line.strip())}</li>" for line in self.summary_lines(summary))
        )
        self.out.write("</ul>\n<footer><dl>")
        self.out.write(
            "".join(
                f"<dt>{e(k)}</dt><dd><code>{e(v)}</code></dd>" for k, v in self.provenance(summary)
            )
        )
        self.out.write("</dl></footer>\n")
        run = ["審査結果一覧" if self.lang == "ja" else "Screening results"]
        run += [f"{name} sha256 {sha}" for name, sha in sorted(summary.rulesets.items())]
        run.append(timestamp(self.checked_at))
        self.out.write(running_header(" · ".join(run)) + "\n</body></html>\n")


WRITERS: dict[str, type[Writer]] = {  # in the order of cli.SCREEN_FORMATS
    "table": TableWriter,
    "csv": CsvWriter,
    "json": JsonWriter,
    "markdown": MarkdownWriter,
    "html": HtmlWriter,
}
