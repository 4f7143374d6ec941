"""Corrections (訂正報告): which status reports are current.

A report that corrects an earlier one says so, in either of two ways:

- ``supersedes``: the ID (``[report] id``) or file name of the report it replaces;
- ``revision``: a number, for the same operator and fiscal year (a report without one is
  revision 1); the highest revision is current.

Only current reports are read further, so a contradiction is only ever between reports that
each claim to be current; a superseded report is listed as such, with the report that replaces
it, and nothing in it is counted.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from eligibility.messages import outcomes as say
from eligibility.outcomes.findings import CONTRADICTION, INVALID, NOTICE, Findings
from eligibility.outcomes.fiscal_year import FiscalYear
from eligibility.outcomes.reports import ReportHead
from eligibility.text import Text


@dataclass(frozen=True)
class Superseded:
    """A report replaced by a later one, and why."""

    head: ReportHead
    by: ReportHead
    reason: Text


def _names(head: ReportHead) -> set[str]:
    names = {head.file, os.path.basename(head.file)}
    if head.report_id is not None:
        names.add(head.report_id)
    return names


def current_reports(
    heads: list[ReportHead], r: Findings
) -> tuple[list[ReportHead], list[Superseded]]:
    """The reports that are current, and those superseded, in the order given."""
    groups: dict[tuple[str, FiscalYear], list[ReportHead]] = {}
    for h in heads:
        groups.setdefault((h.operator_key, h.year), []).append(h)
    replaced: dict[str, Superseded] = {}
    for group in groups.values():
        for s in _superseded_in(group, heads, r):
            replaced[s.head.file] = s
    current = [h for h in heads if h.file not in replaced]
    return current, [replaced[h.file] for h in heads if h.file in replaced]


def _superseded_in(
    group: list[ReportHead], everyone: list[ReportHead], r: Findings
) -> list[Superseded]:
    out: dict[str, Superseded] = {}
    for h in group:
        for name in h.supersedes:
            targets = [t for t in group if t is not h and name in _names(t)]
            if targets:
                for t in targets:
                    out.setdefault(
                        t.file,
                        Superseded(
                            t,
                            h,
                            say.SUPERSEDED_BY.format(file=h.file),
                        ),
                    )
                continue
            elsewhere = [t for t in everyone if t is not h and name in _names(t)]
            if elsewhere:
                t = elsewhere[0]
                r.add(
                    h.file,
                    "report.supersedes",
                    INVALID,
                    say.SUPERSEDES_ANOTHERS.format(
                        name=name,
                        operator=t.operator,
                        year=Text(t.year.both, t.year.japanese),
                        own_operator=h.operator,
                        own_year=Text(h.year.both, h.year.japanese),
                    ),
                )
            else:
                r.add(
                    h.file,
                    "report.supersedes",
                    NOTICE,
                    say.SUPERSEDES_UNREAD.format(name=name),
                )
    rest = [h for h in group if h.file not in out]
    revisions = [h.revision or 1 for h in rest]
    if rest and any(h.revision is not None for h in rest):
        top = max(revisions)
        latest = [h for h in rest if (h.revision or 1) == top]
        for h in rest:
            if (h.revision or 1) < top:
                by = latest[0]
                out[h.file] = Superseded(
                    h,
                    by,
                    say.OLDER_REVISION.format(revision=h.revision or 1, file=by.file, top=top),
                )
    if group and len(out) == len(group):  # every report replaced by another: a cycle
        first = group[0]
        files = ", ".join(h.file for h in group)
        r.add(
            first.file,
            "report.supersedes",
            CONTRADICTION,
            say.SUPERSEDE_EACH_OTHER.format(
                operator=first.operator,
                year=Text(first.year.both, first.year.japanese),
                files=files,
            ),
        )
        return []
    return list(out.values())
