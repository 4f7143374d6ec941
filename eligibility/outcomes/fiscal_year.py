"""Japanese fiscal years (年度), April to March, as the program's tables and reports write them:
"R10年度", "令和10年度", "R10", "FY2028", "2028年度", 2028, or a date in the year."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from eligibility.messages import outcomes as say
from eligibility.text import Lang, Text

_ERAS = {"R": 2018, "令和": 2018, "H": 1988, "平成": 1988}
_FY_WESTERN = re.compile(r"(?:FY ?)?(\d{4})(?: ?年度)?", re.IGNORECASE)
_FY_ERA = re.compile(r"(令和|平成|R|H) ?(\d{1,2}|元) ?(?:年度)?", re.IGNORECASE)
FIRST_YEAR = 1989
LAST_YEAR = 2100


class FiscalYearError(ValueError):
    """A fiscal year that cannot be read; ``text`` says why, in both languages."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


@dataclass(frozen=True, order=True)
class FiscalYear:
    """A Japanese fiscal year, April to March: FY2028 = 令和10年度, 2028-04-01 to 2029-03-31."""

    year: int

    @property
    def western(self) -> str:
        return f"FY{self.year}"

    @property
    def japanese(self) -> str:
        if self.year >= 2019:
            return f"R{self.year - 2018}年度"
        return f"H{self.year - 1988}年度"

    @property
    def both(self) -> str:
        return f"{self.western} ({self.japanese})"

    def label(self, lang: Lang) -> str:
        return f"{self.japanese} ({self.western})" if lang == "ja" else self.both

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 4, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year + 1, 3, 31)


def fiscal_year_of(day: dt.date) -> FiscalYear:
    """The fiscal year a date falls in (April to March)."""
    return FiscalYear(day.year if day.month >= 4 else day.year - 1)


def parse_fiscal_year(raw: Any) -> FiscalYear:
    """Read "R10年度", "令和10年度", "R10", "FY2028", "2028年度", 2028 or a date."""
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return fiscal_year_of(raw)
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        raise FiscalYearError(say.FISCAL_YEAR_HOW)
    if isinstance(raw, int):
        return _in_range(raw, str(raw))
    s = unicodedata.normalize("NFKC", raw).strip()
    if m := _FY_WESTERN.fullmatch(s):
        return _in_range(int(m.group(1)), raw)
    if m := _FY_ERA.fullmatch(s):
        era = m.group(1).upper() if m.group(1).isascii() else m.group(1)
        n = 1 if m.group(2) == "元" else int(m.group(2))
        if n < 1:
            raise FiscalYearError(say.ERA_STARTS_AT_ONE.format(given=raw))
        if era in ("H", "平成") and n > 31:
            raise FiscalYearError(say.HEISEI_ENDED.format(given=raw))
        return _in_range(_ERAS[era] + n, raw)
    try:
        return fiscal_year_of(dt.date.fromisoformat(s))
    except ValueError:
        pass
    raise FiscalYearError(say.NOT_A_FISCAL_YEAR.format(given=raw, how=say.FISCAL_YEAR_HOW))


def _in_range(year: int, raw: str) -> FiscalYear:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise FiscalYearError(
            say.YEAR_OUT_OF_RANGE.format(given=raw, year=year, first=FIRST_YEAR, last=LAST_YEAR)
        )
    return FiscalYear(year)
