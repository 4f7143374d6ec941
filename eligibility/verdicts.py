"""The words of the contract: a finding's status, a plan's or file's verdict, a batch row's
verdict, their order from worst to best, and the exit codes (``../shared/spec/APPLICATION.md``).

The enums are ``StrEnum``: each member *is* its contract string, so JSON and CSV carry the
contract's words unchanged, and this is the one module that spells them.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from eligibility.messages import verdicts as say
from eligibility.text import Text


class Status(StrEnum):
    """What one finding says about one rule."""

    PASS = "pass"
    FAIL = "fail"
    MISSING = "missing"
    INVALID = "invalid"
    REVIEW = "review"

    @property
    def mark(self) -> str:
        return _STATUS_MARK[self]

    @property
    def text(self) -> Text:
        """The status as a report for people names it (JSON and CSV keep the code)."""
        return STATUS_TEXT[self]


class Verdict(StrEnum):
    """A plan's or a file's verdict, derived from its findings' statuses."""

    INELIGIBLE = "ineligible"
    INCOMPLETE = "incomplete"
    REVIEW = "review"
    ELIGIBLE = "eligible"

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self]

    @property
    def text(self) -> Text:
        return VERDICT_TEXT[self]


class BatchVerdict(StrEnum):
    """A screened row's verdict: a plan's verdict, or ``error`` for a file that was not read."""

    ERROR = "error"
    INELIGIBLE = "ineligible"
    INCOMPLETE = "incomplete"
    REVIEW = "review"
    ELIGIBLE = "eligible"


_STATUS_MARK = {
    Status.PASS: "✓",
    Status.FAIL: "✗",
    Status.MISSING: "?",
    Status.INVALID: "!",
    Status.REVIEW: "~",
}
STATUS_TEXT: dict[str, Text] = {
    Status.PASS: say.PASS,
    Status.FAIL: say.FAIL,
    Status.MISSING: say.MISSING,
    Status.INVALID: say.INVALID,
    Status.REVIEW: say.REVIEW,
}
# a report lists a plan's findings worst first
STATUS_ORDER = (Status.FAIL, Status.INVALID, Status.MISSING, Status.REVIEW, Status.PASS)

VERDICT_ORDER = (Verdict.INELIGIBLE, Verdict.INCOMPLETE, Verdict.REVIEW, Verdict.ELIGIBLE)
EXIT_CODES: dict[str, int] = {
    Verdict.ELIGIBLE: 0,
    Verdict.INELIGIBLE: 1,
    Verdict.INCOMPLETE: 3,
    Verdict.REVIEW: 4,
}
VERDICT_TEXT: dict[str, Text] = {
    Verdict.ELIGIBLE: say.ELIGIBLE,
    Verdict.INELIGIBLE: say.INELIGIBLE,
    Verdict.INCOMPLETE: say.INCOMPLETE,
    Verdict.REVIEW: say.TO_REVIEW,
}

# the plan column of a batch row for problems in [applicant] (not a plan of the file)
APPLICANT_ROW = "(applicant)"

BATCH_ORDER = (BatchVerdict.ERROR, *(BatchVerdict(v) for v in VERDICT_ORDER))
BATCH_EXIT_CODES: dict[str, int] = {BatchVerdict.ERROR: 2, **EXIT_CODES}
BATCH_VERDICT_TEXT: dict[str, Text] = {
    **VERDICT_TEXT,
    BatchVerdict.ERROR: say.UNREADABLE,
}


def verdict_of(statuses: Iterable[str]) -> Verdict:
    """The contract's rule: any fail → ineligible; else any missing or invalid → incomplete;
    else any review → review; else eligible."""
    present = set(statuses)
    if Status.FAIL in present:
        return Verdict.INELIGIBLE
    if present & {Status.MISSING, Status.INVALID}:
        return Verdict.INCOMPLETE
    if Status.REVIEW in present:
        return Verdict.REVIEW
    return Verdict.ELIGIBLE


def worst(verdicts: Iterable[str]) -> Verdict:
    """The worst of several verdicts (eligible when there are none)."""
    vs = [Verdict(v) for v in verdicts]
    return min(vs, key=VERDICT_ORDER.index) if vs else Verdict.ELIGIBLE
