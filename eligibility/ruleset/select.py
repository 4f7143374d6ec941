"""Finding rule sets on disk and choosing the revision in force on a day.

A rules root is a folder holding rule set folders (each with a ``ruleset.toml``), or one rule
set folder itself. Revisions are ordered by their ``effective_from`` date; the one in force on a
day is the latest that took effect on or before it.

Without ``--rules``, rule sets are looked for in this order (:func:`search_path`), so a
revision a policy officer writes is found by an installed tool:

1. ``ELIGIBILITY_RULES``: a folder of revisions, or several separated by ``os.pathsep``;
2. ``[rules] path`` in the configuration file (:mod:`eligibility.config`);
3. the rule sets shipped with the package.

A revision found earlier hides one of the same rule set and version found later.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from functools import lru_cache
from pathlib import Path

from eligibility.errors import NoRulesetInForce, RulesetError
from eligibility.messages import files as files_say
from eligibility.ruleset import places
from eligibility.ruleset.model import Ruleset
from eligibility.ruleset.places import (
    ENV_RULES,
    Meta,
    Place,
    default_rules_dir,
    effective_from,
    find_revision,
    folders_under,
    meta,
    roots,
    search_path,
)
from eligibility.ruleset.toml_file import RuleFileError, read_rule_file

__all__ = [
    "ENV_RULES",
    "Meta",
    "Place",
    "default_rules_dir",
    "effective_from",
    "find_revision",
    "find_ruleset",
    "folders_under",
    "in_force",
    "load",
    "meta",
    "roots",
    "ruleset_folders",
    "search_path",
    "select_ruleset",
]


def ruleset_folders(root: str | os.PathLike[str] | None = None) -> list[Path]:
    """Every rule set under ``root`` (default: the search path), oldest first."""
    return list(_folders(roots(root)))


def _folders(roots: tuple[str, ...]) -> tuple[Path, ...]:
    _renew_if_due()
    if _PINNED is not None:
        found = _PINNED.get(roots)
        if found is None:
            found = _PINNED[roots] = _folders_at(roots, tuple(_stamp(Path(r)) for r in roots))
        return found
    return _folders_at(roots, tuple(_stamp(Path(r)) for r in roots))


# The rule folders as a batch first saw them, by roots, or None: each look sees them anew.
_PINNED: dict[tuple[str, ...], tuple[Path, ...]] | None = None
# with the folders pinned: the rule set chosen for (--rules, day)
_PINNED_CHOICES: dict[tuple[str | None, dt.date], Ruleset] = {}
# a view pinned for a while (a server's workers): how long, and until when (time.monotonic)
_PIN_SECONDS: float | None = None
_PINNED_UNTIL = 0.0
_clock = time.monotonic


def _renew_if_due() -> None:
    if _PIN_SECONDS is not None and _clock() >= _PINNED_UNTIL:
        pin_folders(_PIN_SECONDS)


def pin_folders(seconds: float | None = None) -> None:
    """From now on, this process chooses revisions among the rule folders as they are when
    it first looks, without looking at the disk again: for a batch's workers, so that every
    file of a batch is screened against the same revisions even if a policy officer saves a
    new one meanwhile, and so that choosing the revision costs no file-system calls per file.
    With ``seconds`` (a server's workers), the folders are looked at again once that long
    has passed: a revision saved is in force for the server within that time, and a request
    costs no look at the disk. (Unpinned, every choice looks at the folders, so an installed
    tool finds a revision the moment it is saved.)"""
    global _PINNED, _PIN_SECONDS, _PINNED_UNTIL
    _PINNED = {}
    _PINNED_CHOICES.clear()
    _PIN_SECONDS = seconds
    _PINNED_UNTIL = _clock() + seconds if seconds is not None else 0.0
    places.pin_search_path()


def _stamp(root: Path) -> tuple[int, ...]:
    """When ``root`` and the folders in it last changed: a new revision changes one."""
    try:
        with os.scandir(root) as entries:
            inner = [e.stat().st_mtime_ns for e in entries if e.is_dir()]
        return (root.stat().st_mtime_ns, *inner)
    except OSError:
        return ()


@lru_cache(maxsize=16)
def _folders_at(roots: tuple[str, ...], stamps: tuple[tuple[int, ...], ...]) -> tuple[Path, ...]:
    del stamps  # part of the cache key only
    seen: set[tuple[str, str]] = set()
    found: list[Path] = []
    for root in roots:
        for folder in folders_under(Path(root)):
            m = meta(folder)
            if (m.id, m.version) in seen:
                continue  # hidden by the same revision found earlier on the path
            seen.add((m.id, m.version))
            found.append(folder)
    return tuple(sorted(found, key=lambda p: (effective_from(p), str(p))))


@lru_cache(maxsize=16)
def _load(folder: str) -> Ruleset:
    from eligibility.ruleset import cache

    ruleset = cache.load(folder)
    if ruleset.base is not None and not _current(ruleset):
        # the cache keys an entry by the revision's own files; its base may have changed
        from eligibility.ruleset.loader import load_ruleset

        ruleset = load_ruleset(folder)
    return ruleset


def _current(ruleset: Ruleset) -> bool:
    """Whether every file a composed revision was built from still has the bytes it had."""
    import hashlib

    for name, digest in ruleset.sources.items():
        try:
            if hashlib.sha256(read_rule_file(Path(name))).hexdigest() != digest:
                return False
        except (OSError, RuleFileError):
            return False
    return True


def load(folder: str | os.PathLike[str]) -> Ruleset:
    """One rule set folder, loaded once per process."""
    return _load(str(folder))


def select_ruleset(
    rules: str | os.PathLike[str] | None = None, as_of: dt.date | None = None
) -> Ruleset:
    """The rule set in force on ``as_of`` (default: today in Japan) under ``rules`` (default:
    the search path): the one with the latest ``effective_from`` on or before that day."""
    from eligibility.clock import today

    day = as_of or today()
    _renew_if_due()
    if _PINNED is None:
        return _load(in_force(roots(rules), day))
    key = (str(rules) if rules is not None else None, day)
    chosen = _PINNED_CHOICES.get(key)
    if chosen is None:  # the folders are pinned: so is the revision in force on a day
        chosen = _PINNED_CHOICES[key] = _load(in_force(roots(rules), day))
    return chosen


def in_force(roots: tuple[str, ...] | str, day: dt.date) -> str:
    """The folder of the rule set under ``roots`` in force on ``day``."""
    if isinstance(roots, str):
        roots = (roots,)
    folders = _folders(roots)
    if not folders:
        raise RulesetError([f"{os.pathsep.join(roots)}: no rule set (ruleset.toml) found"])
    chosen = [f for f in folders if effective_from(f) <= day]
    if not chosen:
        first = folders[0]
        raise NoRulesetInForce(
            files_say.NO_RULESET_IN_FORCE.format(
                folder=str(first), day=day.isoformat(), first=effective_from(first).isoformat()
            ),
            day,
            first.name,
            effective_from(first),
        )
    return str(chosen[-1])


def find_ruleset(ref: str, rules: str | os.PathLike[str] | None = None) -> Path:
    """The folder a command-line reference names: a rule set folder, or a version of one
    found under ``rules`` (default: the search path)."""
    path = Path(ref)
    if (path / "ruleset.toml").is_file():
        return path
    folders = ruleset_folders(rules)
    for folder in folders:
        if meta(folder).version == ref:
            return folder
    known = ", ".join(meta(f).version for f in folders) or "none"
    raise RulesetError(
        [f"{ref}: neither a rule set folder nor a revision found (revisions: {known})"]
    )
