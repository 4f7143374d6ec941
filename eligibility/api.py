"""The library's front door: find rule sets, check files. The CLI calls only these."""

from __future__ import annotations

import datetime as dt
import os
from functools import lru_cache
from pathlib import Path

from eligibility._toml import tomllib
from eligibility.engine import Result, check_document
from eligibility.errors import RulesetError
from eligibility.reader import read_application
from eligibility.ruleset import Ruleset, default_rules_dir, load_ruleset


def ruleset_folders(root: str | os.PathLike[str] | None = None) -> list[Path]:
    """Every rule set under ``root`` (a folder holding ``ruleset.toml``), oldest first."""
    base = Path(root) if root is not None else default_rules_dir()
    if (base / "ruleset.toml").is_file():
        return [base]
    found = sorted(p.parent for p in base.glob("**/ruleset.toml"))
    return sorted(found, key=lambda p: (_effective_from(p), str(p)))


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
    return load_ruleset(folder)


def select_ruleset(
    rules: str | os.PathLike[str] | None = None, as_of: dt.date | None = None
) -> Ruleset:
    """The rule set in force on ``as_of`` (default today) under ``rules`` (default: shipped)."""
    folders = ruleset_folders(rules)
    if not folders:
        raise RulesetError([f"{rules or default_rules_dir()}: no rule set (ruleset.toml) found"])
    day = as_of or dt.date.today()
    in_force = [f for f in folders if _effective_from(f) <= day]
    if not in_force:
        first = folders[0]
        raise RulesetError(
            [
                f"{first}: no rule set in force on {day.isoformat()} (the first takes effect "
                f"{_effective_from(first).isoformat()})"
            ]
        )
    return _load(str(in_force[-1]))


def check_file(
    path: str | os.PathLike[str],
    ruleset: Ruleset | None = None,
    *,
    max_bytes: int | None = None,
) -> Result:
    """Read and check one application file. Raises ApplicationReadError if it is unreadable."""
    raw = read_application(path, **({"max_bytes": max_bytes} if max_bytes else {}))
    rs = ruleset if ruleset is not None else select_ruleset()
    return check_document(raw.data, rs, str(path), notices=raw.notices, sha256=raw.sha256)
