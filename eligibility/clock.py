"""One clock for the whole tool: "today" is the date in Japan.

The program's dates (a rule set's ``effective_from``, a submission date, a fiscal year) are
Japanese calendar days, so the revision in force is chosen by the day in Japan (JST, UTC+9, no
daylight saving) wherever the tool runs. Between midnight and 09:00 in Japan, UTC is still on the
day before; using it would pick yesterday's revision on the day a revision takes effect.
"""

from __future__ import annotations

import datetime as dt

JAPAN = dt.timezone(dt.timedelta(hours=9), "JST")


def now() -> dt.datetime:
    """The current time in UTC, to the second (results carry it as ``checked_at``)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def today(at: dt.datetime | None = None) -> dt.date:
    """The date in Japan at ``at`` (default: now)."""
    return (at or now()).astimezone(JAPAN).date()
