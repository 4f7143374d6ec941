"""What a report stands on — rule set and its digest, the file's digest, the tool, the time —
as (label, value) pairs every human-readable format prints at its foot, and the contract's
timestamp."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import TYPE_CHECKING

from eligibility import __version__
from eligibility.checking.result import Result
from eligibility.ruleset.places import folder_label
from eligibility.text import Lang
from eligibility.wording import CHOSEN_BY, word

if TYPE_CHECKING:  # the screen machinery is not imported by `check`
    from eligibility.screening.batch import Summary


@lru_cache(maxsize=16)  # checks within one second share it (a server's, a batch's)
def timestamp(when: dt.datetime) -> str:
    """A moment as the contract writes it: UTC, to the second, ``2026-05-01T09:00:00Z``."""
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def tool() -> str:
    return f"eligibility {__version__}"


def of_result(r: Result, lang: Lang) -> list[tuple[str, str]]:
    """What one result stands on."""
    rs = r.ruleset
    chosen = ""
    if r.as_of is not None:
        chosen = f" ({word('in_force_on', lang)} {r.as_of.isoformat()}"
        source = CHOSEN_BY.get(r.as_of_source)
        shown = source(lang) if source is not None else r.as_of_source
        chosen += f", {shown})" if shown else ")"
    rows = [
        (word("rule_set", lang), f"{rs.id} {rs.version}{chosen}"),
        (word("rule_set_sha256", lang), rs.sha256),
        (word("rule_set_folder", lang), folder_label(rs.folder)),
    ]
    if r.file_sha256:
        rows.append((word("file_sha256", lang), r.file_sha256))
    rows.append((word("tool", lang), tool()))
    if r.checked_at is not None:
        rows.append((word("checked_at", lang), timestamp(r.checked_at)))
    return rows


def of_batch(summary: Summary, checked_at: dt.datetime, lang: Lang) -> list[tuple[str, str]]:
    """What a screened batch stands on: every rule set that decided a row."""
    items = [
        (word("rule_set", lang) + " " + name, sha) for name, sha in sorted(summary.rulesets.items())
    ]
    items.append((word("tool", lang), tool()))
    items.append((word("checked_at", lang), timestamp(checked_at)))
    return items
