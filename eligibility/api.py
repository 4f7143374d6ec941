"""The library's front door: check a file or a parsed document under the rule set in force.

The command line and any other front end call these; :mod:`eligibility` re-exports them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os

from eligibility import clock
from eligibility.application.applicant import submitted_date
from eligibility.application.reader import read_application
from eligibility.checking.document import check_document
from eligibility.checking.result import Result
from eligibility.ruleset.model import Ruleset
from eligibility.ruleset.select import load, ruleset_folders, select_ruleset

__all__ = ["check_file", "load", "ruleset_folders", "select_ruleset"]


def check_file(
    path: str | os.PathLike[str],
    ruleset: Ruleset | None = None,
    *,
    rules: str | os.PathLike[str] | None = None,
    as_of: dt.date | None = None,
    max_bytes: int | None = None,
    now: dt.datetime | None = None,
) -> Result:
    """Read and check one application file. Raises ApplicationReadError if it is unreadable.

    The rule set is ``ruleset`` when given; otherwise the one under ``rules`` in force on
    ``as_of``, else on the application's ``applicant.submitted`` date, else today in Japan.
    """
    raw = read_application(path, **({"max_bytes": max_bytes} if max_bytes is not None else {}))
    when = now or clock.now()
    if ruleset is not None:
        day, source = as_of, "ruleset"
        rs = ruleset
    else:
        submitted = submitted_date(raw.data)
        if as_of is not None:
            day, source = as_of, "as-of"
        elif submitted is not None:
            day, source = submitted, "applicant.submitted"
        else:
            day, source = clock.today(when), "today"
        rs = select_ruleset(rules, day)
    result = check_document(raw.data, rs, str(path), notices=raw.notices, sha256=raw.sha256)
    if raw.locations:
        from eligibility.application.workbook_cells import with_cells

        result = with_cells(result, raw.locations)
    return dataclasses.replace(
        result, as_of=day, as_of_source=source, checked_at=when.replace(microsecond=0)
    )
