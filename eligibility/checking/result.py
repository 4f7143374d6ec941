"""What checking produces: findings, plan results, the file's result, and how verdicts
follow from statuses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eligibility import verdicts
from eligibility.text import Text
from eligibility.verdicts import EXIT_CODES

if TYPE_CHECKING:  # a result names its rule set; field types read dates as applicants do
    from eligibility.ruleset.model import Ruleset


@dataclass(frozen=True)
class Finding:
    """What one check found of a plan or of the applicant: its rule, status and message, and
    the figures a report shows (as written, compared, the threshold, the margin, what would
    pass), with the policy clause it rests on."""

    rule: str
    status: str
    message: Text
    source: str = ""
    severity: str = "required"
    field: str | None = None
    given: str | None = None
    value: str | None = None
    threshold: str | None = None
    margin: str | None = None
    needed: str | None = None
    basis: str | None = None
    note: Text | None = None
    cell: str | None = None  # where a workbook holds the value: "申請!F12"


@dataclass(frozen=True)
class PlanResult:
    """One plan: its id (or its place, ``#2``), track, title, verdict and findings."""

    id: str
    track: str | None
    title: str | None
    verdict: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class Result:
    """A checked file: its verdict, the applicant's and each plan's findings, the rule set
    used, and how it was chosen (the day, by what, the revision in force today if another)."""

    file: str
    verdict: str
    ruleset: Ruleset
    applicant_name: str | None
    applicant_findings: tuple[Finding, ...]
    plans: tuple[PlanResult, ...]
    notices: tuple[Text, ...] = ()
    file_sha256: str | None = None
    as_of: dt.date | None = None  # the day the rule set was chosen for
    as_of_source: str = ""  # "as-of", "applicant.submitted", "today" or "ruleset"
    in_force_today: str | None = None  # the revision in force today, when another was used
    checked_at: dt.datetime | None = None

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.verdict]


def verdict_of(findings: Iterable[Finding]) -> str:
    return verdicts.verdict_of(f.status for f in findings)


def worst(plan_verdicts: Iterable[str]) -> str:
    return verdicts.worst(plan_verdicts)
