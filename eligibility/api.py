"""The library's front door: find rule sets, check files. The CLI calls only these."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from functools import lru_cache
from pathlib import Path

from eligibility._toml import tomllib
from eligibility.engine import Result, check_document, submitted_date
from eligibility.errors import RulesetError
from eligibility.reader import read_application
from eligibility.ruleset import Ruleset, default_rules_dir


def ruleset_folders(root: str | os.PathLike[str] | None = None) -> list[Path]:
    """Every rule set under ``root`` (a folder holding ``ruleset.toml``), oldest first."""
    return list(_folders(str(root) if root is not None else str(default_rules_dir())))


@lru_cache(maxsize=16)
def _folders(root: str) -> tuple[Path, ...]:
    base = Path(root)
    if (base / "ruleset.toml").is_file():
        return (base,)
    found = sorted(p.parent for p in base.glob("**/ruleset.toml"))
    return tuple(sorted(found, key=lambda p: (_effective_from(p), str(p))))


@lru_cache(maxsize=64)
def _effective_from(folder: Path) -> dt.date:
    try:
        meta = tomllib.loads((folder / "ruleset.toml").read_text(encoding="utf-8"))
        value = meta["ruleset"]["effective_from"]
    except (OSError, KeyError, TypeError, ValueError, tomllib.TOMLDecodeError) as exc:
        raise RulesetError([f"{folder / 'ruleset.toml'}: ruleset.effective_from: {exc}"]) from exc
    if not isinstance(value, dt.date):
        raise RulesetError([f"{folder / 'ruleset.toml'}: ruleset.effective_from: not a date"])
    return value


@lru_cache(maxsize=16)
def _load(folder: str) -> Ruleset:
    from eligibility import cache

    return cache.load(folder)


def load(folder: str | os.PathLike[str]) -> Ruleset:
    """One rule set folder, loaded once per process."""
    return _load(str(folder))


def select_ruleset(
    rules: str | os.PathLike[str] | None = None, as_of: dt.date | None = None
) -> Ruleset:
    """The rule set in force on ``as_of`` (default today) under ``rules`` (default: shipped):
    the one with the latest ``effective_from`` on or before that day."""
    root = str(rules) if rules is not None else str(default_rules_dir())
    return _load(_in_force(root, as_of or dt.date.today()))


@lru_cache(maxsize=256)
def _in_force(root: str, day: dt.date) -> str:
    folders = _folders(root)
    if not folders:
        raise RulesetError([f"{root}: no rule set (ruleset.toml) found"])
    in_force = [f for f in folders if _effective_from(f) <= day]
    if not in_force:
        first = folders[0]
        raise RulesetError(
            [
                f"{first}: no rule set in force on {day.isoformat()} (the first takes effect "
                f"{_effective_from(first).isoformat()})"
            ]
        )
    return str(in_force[-1])


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
    ``as_of``, else on the application's ``applicant.submitted`` date, else today.
    """
    raw = read_application(path, **({"max_bytes": max_bytes} if max_bytes is not None else {}))
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
            day, source = (now or dt.datetime.now(dt.UTC)).date(), "today"
        rs = select_ruleset(rules, day)
    result = check_document(raw.data, rs, str(path), notices=raw.notices, sha256=raw.sha256)
    return dataclasses.replace(
        result,
        as_of=day,
        as_of_source=source,
        checked_at=(now or dt.datetime.now(dt.UTC)).replace(microsecond=0),
    )
