"""What a report stands on — rule set and its digest, the file's digest, the tool, the time —
as (label, value) pairs every human-readable format prints at its foot, and the contract's
timestamp."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from eligibility import __version__
from eligibility.checking.result import Result
from eligibility.text import Lang

if TYPE_CHECKING:  # the screen machinery is not imported by `check`
    from eligibility.screening.batch import Summary


def timestamp(when: dt.datetime) -> str:
    """A moment as the contract writes it: UTC, to the second, ``2026-05-01T09:00:00Z``."""
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def tool() -> str:
    return f"eligibility {__version__}"


def of_result(r: Result, lang: Lang) -> list[tuple[str, str]]:
    """What one result stands on."""
    ja = lang == "ja"
    rs = r.ruleset
    chosen = ""
    if r.as_of is not None:
        chosen = f" ({'基準日' if ja else 'in force on'} {r.as_of.isoformat()}"
        chosen += f", {r.as_of_source})" if r.as_of_source else ")"
    rows = [
        ("ルールセット" if ja else "rule set", f"{rs.id} {rs.version}{chosen}"),
        ("ルールセット sha256" if ja else "rule set sha256", rs.sha256),
    ]
    if r.file_sha256:
        rows.append(("申請ファイル sha256" if ja else "file sha256", r.file_sha256))
    rows.append(("ツール" if ja else "tool", tool()))
    if r.checked_at is not None:
        rows.append(("確認日時" if ja else "checked at", timestamp(r.checked_at)))
    return rows


def of_batch(summary: Summary, checked_at: dt.datetime, lang: Lang) -> list[tuple[str, str]]:
    """What a screened batch stands on: every rule set that decided a row."""
    ja = lang == "ja"
    items = [
        (("ルールセット " if ja else "rule set ") + name, sha)
        for name, sha in sorted(summary.rulesets.items())
    ]
    items.append(("ツール" if ja else "tool", tool()))
    items.append(("確認日時" if ja else "checked at", timestamp(checked_at)))
    return items
