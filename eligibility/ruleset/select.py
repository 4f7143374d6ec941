"""Finding rule sets on disk and choosing the revision in force on a day.

A rules root is a folder holding rule set folders (each with a ``ruleset.toml``), or one rule
set folder itself. Revisions are ordered by their ``effective_from`` date; the one in force on a
day is the latest that took effect on or before it.
"""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from functools import lru_cache
from pathlib import Path

from eligibility.errors import NoRulesetInForce, RulesetError
from eligibility.ruleset.model import Ruleset


@lru_cache(maxsize=1)
def default_rules_dir() -> Path:
    """The rule sets shipped with the package.

    An installed package has them in ``eligibility/rules`` (the wheel maps the source tree's
    ``rules/`` there); a source checkout has them in ``rules/`` beside the package.
    """
    package = Path(__file__).resolve().parent.parent
    shipped = package / "rules"
    if shipped.is_dir():
        return shipped
    return package.parent / "rules"


def ruleset_folders(root: str | os.PathLike[str] | None = None) -> list[Path]:
    """Every rule set under ``root`` (a folder holding ``ruleset.toml``), oldest first."""
    return list(_folders(str(root) if root is not None else str(default_rules_dir())))


@lru_cache(maxsize=16)
def _folders(root: str) -> tuple[Path, ...]:
    base = Path(root)
    if (base / "ruleset.toml").is_file():
        return (base,)
    found = sorted(p.parent for p in base.glob("**/ruleset.toml"))
    return tuple(sorted(found, key=lambda p: (effective_from(p), str(p))))


@lru_cache(maxsize=64)
def effective_from(folder: Path) -> dt.date:
    """The day the rule set in ``folder`` takes effect, read from its ``ruleset.toml`` alone."""
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
    from eligibility.ruleset import cache

    return cache.load(folder)


def load(folder: str | os.PathLike[str]) -> Ruleset:
    """One rule set folder, loaded once per process."""
    return _load(str(folder))


def select_ruleset(
    rules: str | os.PathLike[str] | None = None, as_of: dt.date | None = None
) -> Ruleset:
    """The rule set in force on ``as_of`` (default: today in Japan) under ``rules`` (default:
    shipped): the one with the latest ``effective_from`` on or before that day."""
    from eligibility.clock import today

    root = str(rules) if rules is not None else str(default_rules_dir())
    return _load(in_force(root, as_of or today()))


@lru_cache(maxsize=256)
def in_force(root: str, day: dt.date) -> str:
    """The folder of the rule set under ``root`` in force on ``day``."""
    folders = _folders(root)
    if not folders:
        raise RulesetError([f"{root}: no rule set (ruleset.toml) found"])
    chosen = [f for f in folders if effective_from(f) <= day]
    if not chosen:
        first = folders[0]
        raise NoRulesetInForce(
            f"{first}: no rule set in force on {day.isoformat()} (the first takes effect "
            f"{effective_from(first).isoformat()})",
            day,
            first.name,
            effective_from(first),
        )
    return str(chosen[-1])
