"""The library's front door: check a file or a parsed document under the rule set in force.

The command line and any other front end call these; :mod:`eligibility` re-exports them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os

from eligibility import clock
from eligibility.application.applicant import submitted_date
from eligibility.application.reader import (
    RawApplication,
    file_suffix,
    parse_application_bytes,
    read_application,
)
from eligibility.checking.document import check_document
from eligibility.checking.result import Finding, Result, verdict_of, worst
from eligibility.errors import NoRulesetInForce, RulesetError
from eligibility.messages import application as say
from eligibility.ruleset.model import Ruleset
from eligibility.ruleset.select import load, ruleset_folders, select_ruleset
from eligibility.text import Text, same
from eligibility.wording import CHOSEN_BY

__all__ = ["check_bytes", "check_file", "check_read", "load", "ruleset_folders", "select_ruleset"]


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
    ``as_of`` (the reviewer's date of receipt), else on the application's
    ``applicant.submitted`` date, else today in Japan. When the day chosen picks another
    revision than the one in force today, the result says so (``in_force_today`` and a
    notice); a submission date before the first revision is a finding on that date, and the
    application is checked under the revision in force today.
    """
    raw = read_application(path, **({"max_bytes": max_bytes} if max_bytes is not None else {}))
    return check_read(raw, str(path), ruleset, rules=rules, as_of=as_of, now=now)


def check_bytes(
    data: bytes,
    name: str,
    ruleset: Ruleset | None = None,
    *,
    suffix: str | None = None,
    rules: str | os.PathLike[str] | None = None,
    as_of: dt.date | None = None,
    max_bytes: int | None = None,
    now: dt.datetime | None = None,
) -> Result:
    """Check an application given as bytes (an upload) exactly as :func:`check_file` checks
    a file; ``suffix`` (default: ``name``'s) chooses the reader."""
    raw = parse_application_bytes(
        data,
        name,
        suffix=suffix if suffix is not None else file_suffix(name),
        **({"max_bytes": max_bytes} if max_bytes is not None else {}),
    )
    return check_read(raw, name, ruleset, rules=rules, as_of=as_of, now=now)


def check_read(
    raw: RawApplication,
    name: str,
    ruleset: Ruleset | None = None,
    *,
    rules: str | os.PathLike[str] | None = None,
    as_of: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Result:
    """Check an application already read: the one place the rule set is chosen and the
    result completed (notices, cells of a form, the revision in force today)."""
    when = now or clock.now()
    today = clock.today(when)
    extra: list[Finding] = []
    if ruleset is not None:
        day, source, rs = as_of, "ruleset", ruleset
    else:
        submitted = submitted_date(raw.data)
        if as_of is not None:
            day, source = as_of, "as-of"
        elif submitted is not None:
            day, source = submitted, "applicant.submitted"
        else:
            day, source = today, "today"
        try:
            rs = select_ruleset(rules, day)
        except NoRulesetInForce as exc:
            if source != "applicant.submitted":
                raise
            extra.append(_before_first_revision(exc))
            day, source = today, "today"
            rs = select_ruleset(rules, day)
    other = _other_in_force_today(rules, today, rs) if source in _CHOSEN_BY_A_DATE else None
    notices = raw.notices
    if other is not None:
        notices = (*notices, _other_revision(rs, other, day, source))
    result = check_document(
        raw.data,
        rs,
        name,
        notices=notices,
        sha256=raw.sha256,
        as_of=day,
        as_of_source=source,
        in_force_today=other.version if other is not None else None,
        checked_at=when.replace(microsecond=0),
    )
    if raw.locations:
        from eligibility.application.workbook_cells import with_cells

        result = with_cells(result, raw.locations)
    if extra:
        applicant = (*result.applicant_findings, *extra)
        result = dataclasses.replace(
            result,
            applicant_findings=applicant,
            verdict=worst([verdict_of(applicant), *(p.verdict for p in result.plans)]),
        )
    return result


_CHOSEN_BY_A_DATE = ("as-of", "applicant.submitted")


def _other_in_force_today(
    rules: str | os.PathLike[str] | None, today: dt.date, used: Ruleset
) -> Ruleset | None:
    """The revision in force today, when it is not the one used."""
    try:
        current = select_ruleset(rules, today)
    except RulesetError:
        return None  # nothing in force today: the revision asked for is the only one to name
    return current if current.sha256 != used.sha256 else None


def _other_revision(used: Ruleset, current: Ruleset, day: dt.date | None, source: str) -> Text:
    when = day.isoformat() if day is not None else "?"
    return say.OTHER_REVISION.format(
        id=used.id,
        version=used.version,
        day=when,
        source=CHOSEN_BY.get(source, same(source)),
        current=current.version,
    )


def _before_first_revision(exc: NoRulesetInForce) -> Finding:
    day = str(exc.day)
    first = str(exc.first_effective)
    return Finding(
        "applicant.submitted",
        "invalid",
        say.BEFORE_FIRST_REVISION.format(day=day, first=first),
        field="applicant.submitted",
        given=day,
    )
