"""A folder of HTML reports for the review record: one page per screened application and an
``index.html`` whose rows link to them.

Page names come from the input file's own name only (``line-3.toml`` → ``line-3.toml.html``),
with anything but letters, digits, ``.``, ``-`` and ``_`` replaced, and a number added when two
inputs share a name: no part of an input's path ever leads outside the folder. A folder that
is a symbolic link is refused, since it may point anywhere.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import os
import re
import stat

from eligibility import __version__
from eligibility.messages import outputs as say
from eligibility.rendering.files import OutputError, atomic_output
from eligibility.rendering.outline import STATUS_MARK
from eligibility.rendering.page import page as html_page
from eligibility.rendering.page import running_header
from eligibility.rendering.provenance import timestamp
from eligibility.screening.batch import Row, Summary
from eligibility.text import Lang
from eligibility.verdicts import BATCH_ORDER, BATCH_VERDICT_TEXT
from eligibility.wording import word

INDEX = "index.html"
_UNSAFE = re.compile(r"[^\w.\-]+")
_MAX_NAME = 120


def page_name(file: str, taken: set[str]) -> str:
    """A safe, unused page name for the report on ``file``."""
    base = _UNSAFE.sub("_", os.path.basename(file.replace("\\", "/"))).lstrip(".")[:_MAX_NAME]
    base = base or "application"
    name = f"{base}.html"
    n = 2
    while name.casefold() in taken or name.casefold() == INDEX:
        name = f"{base}-{n}.html"
        n += 1
    taken.add(name.casefold())
    return name


class ReportDir:
    """Writes each application's page as its rows arrive, and the index at the end."""

    def __init__(self, folder: str, lang: Lang) -> None:
        self.folder = folder
        self.lang = lang
        self.taken: set[str] = set()
        self.index: list[tuple[str, Row]] = []
        try:
            info = os.lstat(folder)
        except FileNotFoundError:
            try:
                os.makedirs(folder)
            except OSError as exc:
                raise OutputError(
                    say.CANNOT_CREATE_FOLDER.format(path=folder, reason=exc.strerror)
                ) from exc
            info = os.lstat(folder)
        except OSError as exc:
            raise OutputError(say.FOLDER_PROBLEM.format(path=folder, reason=exc.strerror)) from exc
        if stat.S_ISLNK(info.st_mode):
            raise OutputError(say.REPORT_DIR_IS_LINK.format(path=folder))
        if not stat.S_ISDIR(info.st_mode):
            raise OutputError(say.REPORT_DIR_NOT_FOLDER.format(path=folder))

    def add(self, rows: list[Row]) -> None:
        if not rows:
            return
        name = page_name(rows[0].file, self.taken)
        with atomic_output(os.path.join(self.folder, name)) as out:
            out.write(self.page(rows))
        # the index needs each row's names and verdict, not its findings
        self.index.extend((name, dataclasses.replace(r, findings=())) for r in rows)

    def _verdict(self, v: str) -> str:
        return BATCH_VERDICT_TEXT[v](self.lang)

    def page(self, rows: list[Row]) -> str:
        e = html.escape
        first = rows[0]
        run = [first.file]
        if first.ruleset:
            run.append(first.ruleset)
        if first.sha256:
            run.append(f"file sha256 {first.sha256}")
        body = [
            running_header(" · ".join(run)),
            f"<h1>{e(first.file)}</h1>",
            f'<p><a href="{INDEX}">{word("back_to_index", self.lang)}</a></p>',
        ]
        if first.applicant:
            body.append(f"<p>{word('applicant', self.lang)}: {e(first.applicant)}</p>")
        head = "".join(
            f"<th>{h}</th>"
            for h in ("rule", "status", "cell", "given", "value", "threshold", "margin", "message")
        )
        for r in rows:
            title = f"{r.plan or ''} — {r.track or '?'}" if r.plan else ""
            body.append(
                f'<h2>{e(title)} <span class="verdict {e(r.verdict)}">'
                f"{e(self._verdict(r.verdict))}</span></h2>"
            )
            if r.error:
                body.append(f"<p>{e(r.error)}</p>")
            if r.findings:
                body.append(f"<table><thead><tr>{head}</tr></thead><tbody>")
                for f in r.findings:
                    cells = [
                        f"<code>{e(f.rule)}</code>",
                        f'<span class="{e(f.status)}">{STATUS_MARK[f.status]} {e(f.status)}</span>',
                        f'<span class="cellref">{e(f.cell)}</span>' if f.cell else "",
                        e(f.given or ""),
                        e(f.value or ""),
                        e(f.threshold or ""),
                        e(f.margin or ""),
                        e(f.message(self.lang)),
                    ]
                    body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
                body.append("</tbody></table>")
        items = [("file sha256", first.sha256 or ""), ("rule set", first.ruleset or "")]
        if first.ruleset_sha256:
            items.append(("rule set sha256", first.ruleset_sha256))
        items.append(("tool", f"eligibility {__version__}"))
        body.append(_footer(items))
        return html_page(f"{first.file}: {self._verdict(first.verdict)}", body, self.lang)

    def end(self, summary: Summary, checked_at: dt.datetime) -> None:
        e = html.escape
        title = word("batch_title", self.lang)
        rulesets = ", ".join(f"{k} (sha256 {v})" for k, v in sorted(summary.rulesets.items()))
        body = [
            running_header(f"{title} · {rulesets} · {timestamp(checked_at)}"),
            f"<h1>{e(title)}</h1>",
            "<table><thead><tr><th>file</th><th>applicant</th><th>plan</th><th>track</th>"
            "<th>verdict</th><th>sha256</th></tr></thead><tbody>",
        ]
        for name, r in self.index:
            sha = r.sha256 or ""
            body.append(
                f'<tr><td><a href="{e(name)}">{e(r.file)}</a></td><td>{e(r.applicant or "")}</td>'
                f"<td>{e(r.plan or '')}</td><td>{e(r.track or '')}</td>"
                f'<td class="{e(r.verdict)}">{e(self._verdict(r.verdict))}</td>'
                f'<td><code class="hash" title="{e(sha)}">{e(sha)}</code></td></tr>'
            )
        body.append("</tbody></table>")
        counts = ", ".join(
            f"{self._verdict(v)} {summary.by_verdict[v]}"
            for v in BATCH_ORDER
            if summary.by_verdict[v]
        )
        body.append(f"<p>{e(counts)}</p>")
        body.append(
            _footer(
                [
                    *((f"rule set {k}", v) for k, v in sorted(summary.rulesets.items())),
                    ("tool", f"eligibility {__version__}"),
                    ("checked at", timestamp(checked_at)),
                ]
            )
        )
        with atomic_output(os.path.join(self.folder, INDEX)) as out:
            out.write(html_page(title, body, self.lang))


def _footer(items: list[tuple[str, str]]) -> str:
    e = html.escape
    return (
        "<footer><dl>"
        + "".join(f"<dt>{e(k)}</dt><dd><code>{e(v)}</code></dd>" for k, v in items)
        + "</dl></footer>"
    )
