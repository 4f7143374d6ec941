"""A compiled rule set, kept between runs so a cold `eligibility check` starts fast.

Loading a rule set validates every TOML file with pydantic and compiles each check; that is
most of a one-file check's start-up. The compiled :class:`~eligibility.ruleset.Ruleset` is
stored in the user's cache folder under a key made of everything it was built from (the
rule files' bytes, ``units.txt``, the source of the classes it holds, the tool and Python
versions), so any edit to a rule file or to the code makes a new entry; a stale one is never
used.

``ELIGIBILITY_CACHE_DIR`` chooses the folder (default ``$XDG_CACHE_HOME/eligibility`` or
``~/.cache/eligibility``); ``ELIGIBILITY_CACHE=off`` turns the cache off. A cache entry that
cannot be read, or that another user could have written, is ignored: the rule set is then
loaded from its files as if there were no cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from eligibility import __version__, paths
from eligibility.quantities import units
from eligibility.ruleset import expressions
from eligibility.ruleset.model import Ruleset

FORMAT = 1  # bump when the way entries are written changes
_PICKLED_MODULES = (
    "ruleset/model.py",
    "check_kinds/base.py",
    "check_kinds/compare.py",
    "check_kinds/range.py",
    "check_kinds/member.py",
    "check_kinds/all_true.py",
    "check_kinds/any.py",
    "check_kinds/flag.py",
    "quantities/quantity.py",
    "ruleset/expressions.py",
    "text.py",
)


def folder() -> Path | None:
    return paths.cache_folder()


def key(ruleset_folder: Path) -> str:
    """Everything a compiled rule set depends on, hashed."""
    digest = hashlib.sha256()
    digest.update(f"{FORMAT}\0{__version__}\0{sys.version}\0".encode())
    package = resources.files("eligibility")
    for name in (
        f"quantities/{units.DEFINITIONS}",
        *_PICKLED_MODULES,
    ):  # the data and the classes pickled
        digest.update(package.joinpath(name).read_bytes())
    for path in sorted(ruleset_folder.glob("*.toml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class _Pickler(pickle.Pickler):
    """pint units and parsed expressions are stored by what rebuilds them."""

    def persistent_id(self, obj: Any) -> Any:
        if isinstance(obj, expressions.Expr):
            return ("expr", obj.text)
        if isinstance(obj, units.registry().Unit):
            return ("unit", tuple(obj._units.items()))
        return None


class _Unpickler(pickle.Unpickler):
    def persistent_load(self, pid: Any) -> Any:
        kind, data = pid
        if kind == "expr":
            return expressions.parse(data)
        if kind == "unit":
            ureg = units.registry()
            unit = ureg.Unit("")
            for name, power in data:
                unit = unit * ureg.Unit(name) ** power
            return unit
        raise pickle.UnpicklingError(f"unknown reference {kind!r}")


def load(ruleset_folder: str | os.PathLike[str]) -> Ruleset:
    """The rule set in ``ruleset_folder``: from the cache when it holds this exact build,
    else loaded from its files (and then cached)."""
    path = Path(ruleset_folder)
    where = folder()
    if where is None:
        return _compile(path)
    try:
        entry = where / f"ruleset-{key(path)}.pickle"
    except OSError:
        return _compile(path)
    cached = _read(entry)
    if cached is not None and cached.path == str(path):
        return cached
    ruleset = _compile(path)
    _write(entry, ruleset)
    return ruleset


def _read(entry: Path) -> Ruleset | None:
    try:
        info = entry.stat()
        if info.st_uid != os.getuid() or info.st_mode & 0o022:
            return None  # only our own entries, never one others could have written
        with entry.open("rb") as handle:
            value = _Unpickler(handle).load()
    except Exception:  # a missing, partial or outdated entry: load from the files instead
        return None
    return value if isinstance(value, Ruleset) else None


KEEP = 16  # entries kept: rule-set revisions and tool versions in use side by side


def _prune(where: Path) -> None:
    entries = sorted(where.glob("ruleset-*.pickle"), key=lambda p: p.stat().st_mtime)
    for old in entries[:-KEEP]:
        with contextlib.suppress(OSError):
            old.unlink()


def _write(entry: Path, ruleset: Ruleset) -> None:
    buffer = io.BytesIO()
    temp = ""
    try:
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(ruleset)
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, temp = tempfile.mkstemp(dir=entry.parent, prefix=".ruleset-", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(buffer.getvalue())
        os.chmod(temp, 0o600)
        os.replace(temp, entry)
        _prune(entry.parent)
    except Exception:  # a cache that cannot be written only costs time
        if temp:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def _compile(path: Path) -> Ruleset:
    # Imported here: the loader validates with pydantic, which a warm cache never needs.
    from eligibility.ruleset.loader import load_ruleset

    return load_ruleset(path)
