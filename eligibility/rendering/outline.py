"""What every readable report says, before it is dressed for a medium: for one result its
sections (the applicant block, then each plan) with their findings worst first and the plan
counts; for a batch each row's problems, the summary lines and the writer interface.

The formats in :mod:`.formats` only lay this out and escape it, so a text, Markdown and HTML
report of the same result never disagree on what they list or in which order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import IO, TYPE_CHECKING

from eligibility.checking.result import Finding, Result
from eligibility.rendering import provenance
from eligibility.text import Lang
from eligibility.verdicts import (
    BATCH_ORDER,
    BATCH_VERDICT_TEXT,
    STATUS_ORDER,
    STATUS_TEXT,
    VERDICT_TEXT,
    Status,
)
from eligibility.wording import word

if TYPE_CHECKING:  # the screen machinery is not imported by `check`
    from eligibility.screening.batch import Row, Summary

STATUS_MARK = {s.value: s.mark for s in Status}
_STATUS_RANK = {s.value: i for i, s in enumerate(STATUS_ORDER)}


# --- one result ------------------------------------------------------------------------------


def ordered(findings: tuple[Finding, ...]) -> list[Finding]:
    """Findings worst first (fail, invalid, missing, review, pass), stable within a status."""
    return sorted(findings, key=lambda f: _STATUS_RANK[f.status])


def verdict_text(verdict: str, lang: Lang) -> str:
    return VERDICT_TEXT[verdict](lang)


def status_text(status: str, lang: Lang) -> str:
    """A finding's status as a report for people names it (``pass``, 適合)."""
    return STATUS_TEXT[status](lang)


def reading(f: Finding, lang: Lang) -> str | None:
    """Our reading of an open point of the rule (the rule's note), if it has one."""
    return f.note(lang) if f.note is not None else None


class Section:
    """One block of a report: the applicant's findings, or one plan's."""

    __slots__ = ("findings", "label", "track", "verdict")

    def __init__(
        self, label: str, findings: list[Finding], track: str = "", verdict: str = ""
    ) -> None:
        self.label = label  # "Applicant", or the plan's id
        self.findings = findings  # worst first
        self.track = track  # a plan's track ("?" when it names none)
        self.verdict = verdict  # a plan's verdict, in the report's language

    def title(self, escape: Callable[[str], str]) -> str:
        """``Applicant``, or ``id — track: verdict``, each part escaped for the medium."""
        if not self.verdict:
            return escape(self.label)
        return f"{escape(self.label)} — {escape(self.track)}: {escape(self.verdict)}"


def sections(r: Result, lang: Lang) -> list[Section]:
    """A result's sections: the applicant block (when it has findings), then each plan."""
    out = []
    if r.applicant_findings:
        label = word("applicant", lang)
        out.append(Section(label, ordered(r.applicant_findings)))
    for p in r.plans:
        verdict = verdict_text(p.verdict, lang)
        out.append(Section(p.id, ordered(p.findings), p.track or "?", verdict))
    return out


def plan_counts(r: Result, lang: Lang) -> str:
    """``ineligible 1, eligible 2``: the plans by verdict, in the order they first appear."""
    counts: dict[str, int] = {}
    for p in r.plans:
        counts[p.verdict] = counts.get(p.verdict, 0) + 1
    return ", ".join(f"{verdict_text(v, lang)} {n}" for v, n in counts.items())


# --- a batch ---------------------------------------------------------------------------------


def batch_title(lang: Lang) -> str:
    return word("batch_title", lang)


def _same(text: str) -> str:
    return text


def problems(
    row: Row,
    rule: Callable[[str], str] = _same,
    text: Callable[[str], str] = _same,
    lang: Lang = "en",
) -> str:
    """``fail: a, b; review: c``, or the row's error: why a row is not eligible, with each
    rule ID dressed by ``rule`` and the rest by ``text`` (a medium's escapes)."""
    parts = []
    kinds = (
        (word("problems_fail", lang), row.failed),
        (word("problems_missing", lang), row.missing),
        (word("problems_review", lang), row.review),
    )
    for label, rules in kinds:
        if rules:
            parts.append(f"{text(label)}: " + ", ".join(rule(r) for r in rules))
    return "; ".join(parts) if parts else text(row.error or "")


class BatchWriter:
    """A batch format writing to ``out``, streamed: :meth:`begin`, one :meth:`rows` call per
    file as results arrive, then :meth:`end` with the summary. Nothing is kept between calls
    but what the summary counts."""

    def __init__(self, out: IO[str], lang: Lang, checked_at: dt.datetime) -> None:
        self.out = out
        self.lang = lang
        self.checked_at = checked_at

    def begin(self) -> None:
        """Write what comes before the first row (nothing, unless the format has a head)."""

    def rows(self, rows: list[Row]) -> None:
        """Write one file's rows."""
        self.write(self.render(rows), len(rows))

    def render(self, rows: list[Row]) -> str:
        """The text of one file's rows, keeping no state: a batch's workers render the rows
        they check, so the process writing the report only writes (:meth:`write`)."""
        raise NotImplementedError

    def write(self, text: str, rows: int) -> None:
        """Write what :meth:`render` made of ``rows`` rows, in the order of the files."""
        self.out.write(text)

    def end(self, summary: Summary) -> None:
        raise NotImplementedError

    def verdict(self, v: str) -> str:
        return BATCH_VERDICT_TEXT[v](self.lang)

    def provenance(self, summary: Summary) -> list[tuple[str, str]]:
        return provenance.of_batch(summary, self.checked_at, self.lang)

    def summary_lines(self, summary: Summary) -> list[str]:
        """Files and plans, the rows by verdict, then one indented line per track."""
        by_verdict = ", ".join(
            f"{self.verdict(v)} {summary.by_verdict[v]}"
            for v in BATCH_ORDER
            if summary.by_verdict[v]
        )
        lines = [
            word("files", self.lang)
            + f": {summary.files}, "
            + word("plans_count", self.lang)
            + f": {summary.plans}",
            word("by_verdict", self.lang) + f": {by_verdict or '-'}",
        ]
        for track, counts in sorted(summary.by_track.items()):
            cells = ", ".join(f"{self.verdict(v)} {counts[v]}" for v in BATCH_ORDER if counts[v])
            lines.append(f"  {track}: {cells}")
        return lines
