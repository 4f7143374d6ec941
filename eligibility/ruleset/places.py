"""Where rule sets are on disk: the search path, and what each folder's ``ruleset.toml`` says.

Without ``--rules``, rule sets are looked for in this order (:func:`search_path`):

1. ``ELIGIBILITY_RULES``: a folder of revisions, or several separated by ``os.pathsep``;
2. ``[rules] path`` in the configuration file (:mod:`eligibility.config`);
3. the rule sets shipped with the package.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eligibility import config
from eligibility.errors import RulesetError
from eligibility.ruleset.toml_file import parse_rule_toml, read_rule_file

ENV_RULES = "ELIGIBILITY_RULES"


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


@dataclass(frozen=True)
class Place:
    """One folder rule sets are looked for in, and why it is looked in."""

    path: Path
    origin: str  # "ELIGIBILITY_RULES", "config <file>", "shipped"

    @property
    def exists(self) -> bool:
        return self.path.is_dir()


_PINNED_SEARCH_PATH: tuple[Place, ...] | None = None


def pin_search_path() -> None:
    """The search path is read once more and kept for the rest of the process
    (:func:`eligibility.ruleset.select.pin_folders`)."""
    global _PINNED_SEARCH_PATH
    _PINNED_SEARCH_PATH = None
    _PINNED_SEARCH_PATH = _places()


def search_path() -> list[Place]:
    """Where rule sets are looked for, first first (see the module's documentation)."""
    return list(_places())


def _places() -> tuple[Place, ...]:
    if _PINNED_SEARCH_PATH is not None:
        return _PINNED_SEARCH_PATH
    where = config.config_file()[0]
    try:
        stamp = os.stat(where).st_mtime_ns
    except OSError:
        stamp = -1
    return _search_path(os.environ.get(ENV_RULES, ""), str(where), stamp)


@lru_cache(maxsize=8)
def _search_path(env: str, where: str, stamp: int) -> tuple[Place, ...]:
    # keyed by what it reads, so a changed variable or config file is seen at once
    places: list[Place] = []
    for entry in env.split(os.pathsep):
        if entry.strip():
            places.append(Place(Path(entry).expanduser(), ENV_RULES))
    places += [Place(p, f"config {where}") for p in config.rules_paths()]
    places.append(Place(default_rules_dir(), "shipped"))
    return tuple(places)


def roots(root: str | os.PathLike[str] | None) -> tuple[str, ...]:
    """The folders to look in: ``root`` when given, else the search path."""
    if root is not None:
        return (str(root),)
    return tuple(str(p.path) for p in search_path())


MAX_FOLDER_DEPTH = 8  # levels of folders searched for rule sets: ROOT/ID/VERSION is two


@dataclass(frozen=True)
class Meta:
    """What ``ruleset.toml`` alone says about a rule set."""

    id: str
    version: str
    effective_from: dt.date
    base: str | None


@lru_cache(maxsize=64)
def _meta(folder: Path, stamp: float) -> Meta:
    where = folder / "ruleset.toml"
    try:
        table = parse_rule_toml(read_rule_file(where))["ruleset"]
        value = table["effective_from"]
        ident, version = str(table["id"]), str(table["version"])
    except (OSError, KeyError, TypeError, ValueError) as exc:  # RuleFileError among them
        raise RulesetError([f"{where}: ruleset: {exc}"]) from exc
    if not isinstance(value, dt.date):
        raise RulesetError([f"{where}: ruleset.effective_from: not a date"])
    base = table.get("base")
    return Meta(ident, version, value, str(base) if base is not None else None)


def meta(folder: Path) -> Meta:
    """The identity of the rule set in ``folder``, from its ``ruleset.toml``."""
    try:
        stamp = (folder / "ruleset.toml").stat().st_mtime
    except OSError:
        stamp = 0.0
    return _meta(folder, stamp)


def effective_from(folder: Path) -> dt.date:
    """The day the rule set in ``folder`` takes effect, read from its ``ruleset.toml`` alone."""
    return meta(folder).effective_from


def folders_under(base: Path) -> list[Path]:
    """Every rule set folder under ``base`` (``base`` itself when it is one)."""
    if (base / "ruleset.toml").is_file():
        return [base]
    if not base.is_dir():
        return []
    found: list[Path] = []
    todo = [(base, 0)]
    while todo:  # a loop, not a recursive glob: 1,200 nested folders ended it in RecursionError
        folder, depth = todo.pop()
        try:
            with os.scandir(folder) as entries:
                children = [Path(e.path) for e in entries if e.is_dir()]
        except OSError:
            continue
        for child in children:
            if (child / "ruleset.toml").is_file():
                found.append(child)
            if depth + 1 < MAX_FOLDER_DEPTH:  # also ends a loop of symlinked folders
                todo.append((child, depth + 1))
    return sorted(found)


def find_revision(version: str, near: Path | None = None, ident: str | None = None) -> Path | None:
    """The folder of revision ``version`` (of rule set ``ident``): beside ``near`` first, then
    on the search path."""
    candidates: list[Path] = []
    if near is not None:
        candidates += folders_under(near.parent)
    candidates += [f for p in search_path() for f in folders_under(p.path)]
    for folder in candidates:
        try:
            m = meta(folder)
        except RulesetError:
            continue
        same = near is not None and folder.resolve() == near.resolve()
        if m.version == version and (ident is None or m.id == ident) and not same:
            return folder
    return None


def folder_label(folder: str | os.PathLike[str]) -> str:
    """Where a rule set came from, as results name it without the install path: the place
    of the search path and the folder within it ("shipped:permanent-magnets/2025-06",
    "ELIGIBILITY_RULES:2027-04"), else "folder:" and its last two parts. `eligibility rules
    path` shows the full paths."""
    return _folder_label(str(folder), _places())


@lru_cache(maxsize=64)
def _folder_label(folder: str, places: tuple[Place, ...]) -> str:
    # every JSON report names its rule set's folder: resolving it and each place of the
    # search path was a sixth of a warm check with its report, so the label is kept per
    # folder and search path (a changed variable or settings file makes a new key)
    path = Path(folder)
    try:
        resolved = path.resolve()
    except OSError:
        resolved = path
    for place in places:
        try:
            inner = resolved.relative_to(place.path.resolve())
        except (ValueError, OSError):
            continue
        origin = "config" if place.origin.startswith("config") else place.origin
        return f"{origin}:{inner.as_posix() or '.'}"
    tail = "/".join(path.parts[-2:]) if len(path.parts) >= 2 else path.name
    return f"folder:{tail}"
