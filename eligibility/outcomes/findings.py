"""Findings: what is missing, unusable or contradictory inside a readable input file, and the
small readers the input modules share (text, a fiscal year, an array of tables, unknown keys),
each of which records a finding instead of raising."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

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
                Text(
                    f"`{key}` is an unknown key; it is not read",
                    f"`{key}` は不明なキーです（読み込みません）",
                )
                + did_you_mean(str(key), known),
            )

    def missing(self, file: str, where: str, what: Text) -> None:
        self.add(file, where, MISSING, Text("no ", "") + what + Text("", "がありません"))

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
                what + Text(" must be text in quotes", "は引用符で囲んだ文字列で記入してください"),
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
                Text(
                    f"`{key}` must be an array of tables ([[{key}]])",
                    f"`{key}` は表の配列（[[{key}]]）で記入してください",
                ),
            )
            return []
        out = []
        for i, item in enumerate(raw):
            where = f"{key}[{i}]"
            if isinstance(item, dict):
                out.append((where, item))
            else:
                self.add(
                    file, where, INVALID, Text("not a table; ignored", "表ではないため無視します")
                )
        return out


# What the input files hold, named for findings: "no operator name (`operator`)".
WORDS: dict[str, Text] = {
    "operator": Text("operator name (`operator`)", "事業者名（`operator`）"),
    "fiscal_year": Text("fiscal year (`fiscal_year`)", "年度（`fiscal_year`）"),
    "plan_id": Text("plan ID (`id`)", "計画ID（`id`）"),
    "track": Text("track (`track`)", "トラック（`track`）"),
    "target": Text("target for the fiscal year (`target`)", "当該年度の目標（`target`）"),
    "actual": Text("actual for the fiscal year (`actual`)", "当該年度の実績（`actual`）"),
    "per_year": Text("capacity or production per year", "年間の能力・生産量"),
    "motor_id": Text("motor ID (`id`)", "モーターID（`id`）"),
    "developed": Text("fiscal year developed (`developed`)", "開発完了年度（`developed`）"),
    "model": Text("model name (`name`)", "車種名（`name`）"),
    "maker": Text("maker (`maker`)", "メーカー（`maker`）"),
    "launched": Text("fiscal year launched (`launched`)", "市場投入年度（`launched`）"),
    "hre_free": Text(
        "statement that the magnets are heavy-rare-earth free (`heavy_rare_earth_free`); "
        "not counted",
        "重希土類フリー磁石であることの記載（`heavy_rare_earth_free`）。数えません",
    ),
    "review_motor": Text("motor ID (`motor`)", "モーターID（`motor`）"),
    "review_date": Text("date of the review (`date`)", "審査日（`date`）"),
    "passed": Text(
        "result of the review (`passed`, true or false)", "審査結果（`passed`、true 又は false）"
    ),
}
