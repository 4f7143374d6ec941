"""Findings: what is missing, unusable or contradictory inside a readable input file, and the
small readers the input modules share (text, a fiscal year, an array of tables, unknown keys),
each of which records a finding instead of raising."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from eligibility.messages import outcomes as say
from eligibility.outcomes.fiscal_year import FiscalYear, FiscalYearError, parse_fiscal_year
from eligibility.suggest import did_you_mean
from eligibility.text import Text


class FindingStatus(StrEnum):
    MISSING = "missing"  # something needed is not there
    INVALID = "invalid"  # something there cannot be used
    CONTRADICTION = "contradiction"  # two statements that cannot both be true
    NOTICE = "notice"  # worth knowing; nothing wrong

    @property
    def mark(self) -> str:
        return _MARKS[self]


_MARKS = {
    FindingStatus.MISSING: "?",
    FindingStatus.INVALID: "!",
    FindingStatus.CONTRADICTION: "≠",
    FindingStatus.NOTICE: "i",
}

MISSING = FindingStatus.MISSING
INVALID = FindingStatus.INVALID
CONTRADICTION = FindingStatus.CONTRADICTION
NOTICE = FindingStatus.NOTICE


@dataclass(frozen=True)
class Finding:
    """Something wrong or worth knowing inside a readable input file."""

    file: str
    where: str  # key path in the file, "" for the whole file
    status: FindingStatus
    message: Text


@dataclass
class Findings:
    """The findings met while reading and computing, in the order they were met."""

    items: list[Finding] = field(default_factory=list)

    def add(self, file: str, where: str, status: FindingStatus, message: Text) -> None:
        self.items.append(Finding(file, where, status, message))

    def unknown_keys(
        self, file: str, where: str, table: dict[str, Any], known: Sequence[str]
    ) -> None:
        for key in table:
            if key in known:
                continue
            at = f"{where}.{key}" if where else str(key)
            self.add(
                file,
                at,
                INVALID,
                say.UNKNOWN_KEY.format(key=key) + did_you_mean(str(key), known),
            )

    def missing(self, file: str, where: str, what: Text) -> None:
        self.add(file, where, MISSING, say.NOT_STATED.format(what=what))

    def text(self, file: str, where: str, raw: Any, what: Text) -> str | None:
        """Required text: stripped, or None with a finding."""
        if raw is None:
            self.missing(file, where, what)
            return None
        if not isinstance(raw, str) or not raw.strip():
            self.add(
                file,
                where,
                INVALID,
                say.NOT_TEXT.format(what=what),
            )
            return None
        return raw.strip()

    def year(
        self, file: str, where: str, raw: Any, what: Text, default: FiscalYear | None = None
    ) -> FiscalYear | None:
        """A fiscal year; ``default`` when left out (a finding when there is no default)."""
        if raw is None:
            if default is None:
                self.missing(file, where, what)
            return default
        try:
            return parse_fiscal_year(raw)
        except FiscalYearError as exc:
            self.add(file, where, INVALID, exc.text)
            return None

    def tables(self, file: str, key: str, raw: Any) -> list[tuple[str, dict[str, Any]]]:
        """The tables of an array of tables, each with its key path; others are findings."""
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.add(
                file,
                key,
                INVALID,
                say.NOT_AN_ARRAY.format(key=key),
            )
            return []
        out = []
        for i, item in enumerate(raw):
            where = f"{key}[{i}]"
            if isinstance(item, dict):
                out.append((where, item))
            else:
                self.add(file, where, INVALID, say.NOT_A_TABLE)
        return out


# What the input files hold, named for findings: "no operator name (`operator`)".
WORDS = say.INPUT_NAMES
