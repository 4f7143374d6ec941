"""The words an indicator's year can be judged with, and the shape of the status rules.

The rules themselves are data: ``[status_rules]`` in the indicators file says, for the years
before the target year, the target year itself and the years after it, what a value is
compared with and which status each outcome gives, with its source. This module holds the
vocabulary (a contract for JSON and CSV readers) and the rules' compiled form; the indicators
loader fills it and :mod:`eligibility.outcomes.judge` applies it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from eligibility.messages import outcomes as say
from eligibility.text import Text


class Status(StrEnum):
    """An indicator's status in one fiscal year."""

    ACHIEVED = "achieved"  # the target year: the value meets the target
    MISSED = "missed"  # the target year: the value falls short of it
    ON_TRACK = "on_track"  # before the target year: the value meets its trajectory
    BEHIND = "behind"  # before the target year: below its trajectory
    AFTER_TARGET = "after_target"  # after the target year: shown, the target year's result stands
    NO_DATA = "no_data"

    @property
    def mark(self) -> str:
        return _MARKS[self]

    @property
    def text(self) -> Text:
        """The status in a word or two; what it means is the indicators file's [statuses]."""
        return _WORDS[self]


_WORDS = {
    Status.ACHIEVED: say.ACHIEVED,
    Status.MISSED: say.MISSED,
    Status.ON_TRACK: say.ON_TRACK,
    Status.BEHIND: say.BEHIND,
    Status.AFTER_TARGET: say.AFTER_TARGET,
    Status.NO_DATA: say.NO_DATA,
}
_MARKS = {
    Status.ACHIEVED: "✓",
    Status.MISSED: "✗",
    Status.ON_TRACK: "→",
    Status.BEHIND: "↓",
    Status.AFTER_TARGET: "»",
    Status.NO_DATA: "·",
}


class Period(StrEnum):
    """Where a fiscal year falls against an indicator's target year."""

    BEFORE = "before"
    TARGET = "target"
    AFTER = "after"


class Compare(StrEnum):
    TRAJECTORY = "trajectory"
    TARGET = "target"
    NONE = "none"


@dataclass(frozen=True)
class PeriodRule:
    """How the years of one period are judged.

    With ``compare`` "trajectory" or "target", a value that ``meets`` (">=" or ">") the
    reference is ``met``, otherwise ``not_met``; ``no_trajectory`` is the status of a year
    with no trajectory to compare with. With "none", every year is ``status``.
    """

    period: Period
    compare: Compare
    source: str
    meets: str | None = None
    met: Status | None = None
    not_met: Status | None = None
    no_trajectory: Status | None = None
    status: Status | None = None


@dataclass(frozen=True)
class StatusRules:
    before: PeriodRule
    target: PeriodRule
    after: PeriodRule

    def of(self, period: Period) -> PeriodRule:
        return {Period.BEFORE: self.before, Period.TARGET: self.target, Period.AFTER: self.after}[
            period
        ]
