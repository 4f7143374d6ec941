"""Days as Japanese applications write them: 令和10年4月1日, R10.4.1, 2028年4月1日, 2028/4/1.

An application form in Japan dates things in the era (和暦) as often as in the Western calendar.
:func:`read_day` reads those notations (full-width digits too, 元年 for the first year) and
nothing looser: a day that does not exist, or a 令和 day before the era began (2019-05-01), is
not a date.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from eligibility.patterns import lazy

REIWA_START = dt.date(2019, 5, 1)  # 令和元年5月1日

# 令和10年4月1日, 令和元年5月1日, R10.4.1, R10/4/1, R10-4-1 (NFKC folds full-width digits first)
_REIWA = lazy(
    r"^(?:令和\s*(元|\d{1,2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
    r"|[Rr]\s*(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,2}))$"
)
# 2028年4月1日, 2028/4/1, 2028.4.1
_WESTERN = lazy(
    r"^(?:(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
    r"|(\d{4})\s*[/.]\s*(\d{1,2})\s*[/.]\s*(\d{1,2}))$"
)


# The same notations for an editor that checks a file against the JSON Schema (an ECMA-262
# pattern: full-width digits and separators written out, since a schema cannot fold NFKC).
# The schema cannot tell that a day exists or that a 令和 day is after 2019-05-01: the check
# does, as for ISO dates.
_D = "[0-9０-９]"
_SEP = "[-./．／－]"
DAY_PATTERN = (
    rf"^\s*(?:令和\s*(?:元|{_D}{{1,2}})\s*年\s*{_D}{{1,2}}\s*月\s*{_D}{{1,2}}\s*日"
    rf"|[RrＲｒ]\s*{_D}{{1,2}}\s*{_SEP}\s*{_D}{{1,2}}\s*{_SEP}\s*{_D}{{1,2}}"
    rf"|{_D}{{4}}\s*年\s*{_D}{{1,2}}\s*月\s*{_D}{{1,2}}\s*日"
    rf"|{_D}{{4}}\s*[/.／．]\s*{_D}{{1,2}}\s*[/.／．]\s*{_D}{{1,2}})\s*$"
)


def day_schema(description: str | None = None) -> dict[str, object]:
    """The JSON Schema of a day as an application may write it: an ISO date (a TOML date),
    or one of the notations above."""
    schema: dict[str, object] = {
        "anyOf": [
            {"type": "string", "format": "date"},
            {"type": "string", "pattern": DAY_PATTERN},
        ]
    }
    if description is not None:
        schema["description"] = description
    return schema


def read_day(text: str) -> dt.date | None:
    """The day ``text`` writes in one of the notations above, or None."""
    s = unicodedata.normalize("NFKC", text).strip()
    if len(s) > 40:
        return None
    m = _REIWA.match(s)
    if m:
        era_year, month, day = (g for g in m.groups() if g is not None)
        year = 2018 + (1 if era_year == "元" else int(era_year))
        found = _day(year, int(month), int(day))
        return found if found is not None and found >= REIWA_START else None
    m = _WESTERN.match(s)
    if m:
        year, month, day = (int(g) for g in m.groups() if g is not None)
        return _day(year, month, day)
    return None


def _day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
