"""A compiled rule set, kept between runs so a cold `eligibility check` starts fast.

Loading a rule set validates every TOML file with pydantic and compiles each check; that is
most of a one-file check's start-up. The compiled :class:`~eligibility.ruleset.Ruleset` is
stored in the user's cache folder under a key made of everything it was built from (the
rule files' bytes; the size and modification time of each file of the code and data that
build and hold it, ``units.txt`` among them; the tool and Python versions), so any edit to a
rule file or to the code makes a new entry; a stale one is never used. Each rule file is read
once: the bytes hashed for the key are the bytes compiled, so a file saved meanwhile cannot
be stored under its old content's key. The code is known by size and time, as Python knows
whether a module's compiled bytecode is current: reading and hashing its 41 files was a
sixth of loading a cached rule set.

An entry is plain JSON, written by a generic serializer of the compiled classes (frozen
dataclasses, read field by field) and read back through an allow-list of those classes by
qualified name (:data:`ALLOWED`); reading one can build nothing else and run no code. A
class off the list, an unknown tag or any other damage means the entry is ignored and the
rule set is compiled from its files again: a cache never fails a run.

``ELIGIBILITY_CACHE_DIR`` chooses the folder (default ``$XDG_CACHE_HOME/eligibility`` or
``~/.cache/eligibility``); ``ELIGIBILITY_CACHE=off`` turns the cache off. The folder is
used only when it is the user's own and private (:func:`eligibility.paths.open_private_folder`);
an entry that is a symlink, not a regular file, another user's or writable by others is
ignored. Entries are written to a temporary file and renamed into place.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import importlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from fractions import Fraction
from functools import lru_cache
from pathlib import Path
from typing import Any

from eligibility import __version__, own_json, paths
from eligibility.patterns import lazy
from eligibility.quantities import units
from eligibility.ruleset import expressions
from eligibility.ruleset.model import Ruleset
from eligibility.ruleset.toml_file import RuleFileError, read_rule_file

FORMAT = 3  # bump when the way entries are written changes (1: pickle, 2: pint units)

#: The classes an entry may hold, by qualified name: a module or package (every dataclass
#: defined in it or below it) or one class. Extend it when the compiled rule set holds a new
#: kind of object; nothing else is ever built from an entry.
ALLOWED: tuple[str, ...] = (
    "eligibility.ruleset.model",
    "eligibility.check_kinds",
    "eligibility.field_types",
    "eligibility.quantities.quantity.Quantity",
    "eligibility.text.Text",
)

#: Code a compiled rule set is built by, besides the classes above: a change makes a new key.
BUILT_BY: tuple[str, ...] = ("eligibility.ruleset", "eligibility.quantities")

MAX_ENTRY_BYTES = 64 * 1024 * 1024  # far above any rule set; a larger entry is not ours
_SUFFIX = ".json"


class _Unusable(Exception):
    """An entry that is not what this version writes: compile the rule set instead."""


# --- the key: everything a compiled rule set depends on ------------------------------------


def _code_files() -> Iterator[tuple[str, str]]:
    """Every module named in ALLOWED and BUILT_BY (packages: every file) by its path relative
    to the package's folder, with its size and modification time."""
    # the package's own folder: importlib.resources would import zipfile, tempfile and
    # shutil into every cold check for files that are always beside this module
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    seen: set[str] = set()
    for name in (*BUILT_BY, *ALLOWED):
        parts = name.split(".")[1:]
        for cut in range(len(parts), 0, -1):  # "….quantity.Quantity": the module is a prefix
            base = "/".join(parts[:cut])
            folder = os.path.join(package, base)
            if os.path.isdir(folder):
                found = sorted(_files_under(folder, base))
                break
            try:
                found = [(base + ".py", _stamp(os.stat(folder + ".py")))]
            except OSError:
                continue  # neither a package nor a module: a shorter prefix may be
            break
        else:
            found = []  # a module not written yet (the list names it ahead of time)
        for rel, stamp in found:
            if rel not in seen:
                seen.add(rel)
                yield rel, stamp


def _files_under(folder: str, rel: str) -> Iterator[tuple[str, str]]:
    with os.scandir(folder) as entries:
        for item in entries:
            if item.is_dir():
                if item.name != "__pycache__":
                    yield from _files_under(item.path, f"{rel}/{item.name}")
            elif item.name.endswith((".py", ".txt", ".json")):
                yield f"{rel}/{item.name}", _stamp(item.stat())


def _stamp(info: os.stat_result) -> str:
    """A file as the key knows it: an edit changes its modification time (and mostly its
    size), as Python's own check of compiled bytecode assumes."""
    return f"{info.st_size}:{info.st_mtime_ns}"


def read_sources(ruleset_folder: Path) -> dict[str, bytes]:
    """Each rule file's bytes, read once: what is hashed and what is compiled (RuleFileError
    for a file that is not a regular file or too large)."""
    return {p.name: read_rule_file(p) for p in sorted(ruleset_folder.glob("*.toml"))}


def key(sources: Mapping[str, bytes]) -> str:
    """Everything a compiled rule set depends on, hashed: the rule files' bytes as read
    (``sources``), the size and modification time of the code and data that compile them,
    the tool and Python versions."""
    digest = hashlib.sha256()
    digest.update(f"{FORMAT}\0{__version__}\0{sys.version}\0".encode())
    for rel, stamp in _code_files():
        digest.update(f"{rel}\0{stamp}\0".encode())
    for name in sorted(sources):
        digest.update(name.encode() + b"\0" + sources[name] + b"\0")
    return digest.hexdigest()


# --- plain data: the compiled classes as JSON, and back through the allow-list -------------


def to_plain(value: Any) -> Any:
    """``value`` as JSON-ready data; raises TypeError for anything it does not know."""
    if value is None or isinstance(value, bool | int | str | float):
        return value
    if isinstance(value, Fraction):
        return {"$": "fraction", "value": f"{value.numerator}/{value.denominator}"}
    if isinstance(value, dt.datetime):
        raise TypeError("a datetime in a compiled rule set")  # not held today: say so
    if isinstance(value, dt.date):
        return {"$": "date", "value": value.isoformat()}
    if isinstance(value, expressions.Expr):
        return {"$": "expr", "value": value.text}  # parsed again on reading
    if isinstance(value, units.Unit):
        return {"$": "unit", "value": [[n, p] for n, p in value.parts]}
    if isinstance(value, list):
        return [to_plain(v) for v in value]
    if isinstance(value, tuple):
        return {"$": "tuple", "items": [to_plain(v) for v in value]}
    if isinstance(value, frozenset):
        items = [to_plain(v) for v in value]
        items.sort(key=lambda v: json.dumps(v, sort_keys=True))  # the same set, the same bytes
        return {"$": "frozenset", "items": items}
    if isinstance(value, dict):
        return {"$": "dict", "items": [[to_plain(k), to_plain(v)] for k, v in value.items()]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        return {
            "$": "dataclass",
            "module": cls.__module__,
            "class": cls.__qualname__,
            "fields": {f.name: to_plain(getattr(value, f.name)) for f in _stored_fields(cls)},
        }
    raise TypeError(f"cannot store a {type(value).__qualname__}")


def _stored_fields(cls: type) -> list[dataclasses.Field[Any]]:
    """The fields a dataclass is rebuilt from: those its constructor takes, less per-process
    memos (fields left out of comparison that have a default, such as ``Kind._fits``)."""
    return [
        f
        for f in dataclasses.fields(cls)
        if f.init
        and (
            f.compare
            or (f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
        )
    ]


@lru_cache(maxsize=256)
def _stored_names(cls: type) -> frozenset[str]:
    """The names of :func:`_stored_fields`: an entry holds hundreds of objects of a few dozen
    classes, and the fields of each were read anew for every one (a tenth of a load)."""
    return frozenset(f.name for f in _stored_fields(cls))


def allowed_class(module: Any, qualname: Any) -> type | None:
    """The dataclass ``module.qualname`` when ALLOWED names it, else None. A module is
    imported only when the list names it, and only a class defined there is accepted."""
    if not (isinstance(module, str) and isinstance(qualname, str)):
        return None
    return _allowed_class(module, qualname)


@lru_cache(maxsize=256)
def _allowed_class(module: str, qualname: str) -> type | None:
    """An entry names the same few dozen classes hundreds of times: each is looked up once."""
    if not re.fullmatch(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*", module) or not qualname.isidentifier():
        return None
    full = f"{module}.{qualname}"
    if not any(module == a or module.startswith(a + ".") or full == a for a in ALLOWED):
        return None
    try:
        found = getattr(importlib.import_module(module), qualname, None)
    except ImportError:
        return None
    if (
        isinstance(found, type)
        and dataclasses.is_dataclass(found)
        and found.__module__ == module
        and found.__qualname__ == qualname
    ):
        return found
    return None


_FRACTION = lazy(r"-?\d{1,4000}/\d{1,4000}")
_UNIT_NAME = lazy(r"[A-Za-z_][A-Za-z0-9_]{0,63}")


def from_plain(data: Any) -> Any:
    """What :func:`to_plain` wrote, built again; raises _Unusable for anything else."""
    # by the exact class a JSON parser makes, commonest first: an entry is some 7,400 values,
    # three in five of them strings, and this is most of reading one
    kind = data.__class__
    if kind is str or data is None or kind is int or kind is bool or kind is float:
        return data
    if kind is list:
        return [from_plain(v) for v in data]
    if kind is not dict:
        raise _Unusable(kind.__name__)
    tag = data.get("$")
    build = _BUILDERS.get(tag) if tag.__class__ is str else None
    if build is None:
        raise _Unusable(f"tag {tag!r}")
    return build(data)


def _fraction(data: dict[str, Any]) -> Fraction:
    text = data.get("value")
    if not isinstance(text, str) or not _FRACTION.fullmatch(text):
        raise _Unusable("fraction")
    numerator, denominator = text.split("/")
    return Fraction(int(numerator), int(denominator))


def _items(data: dict[str, Any]) -> list[Any]:
    items = data.get("items")
    if not isinstance(items, list):
        raise _Unusable(data.get("$"))
    return items


def _dict(data: dict[str, Any]) -> dict[Any, Any]:
    items = _items(data)
    if not all(isinstance(pair, list) and len(pair) == 2 for pair in items):
        raise _Unusable("dict")
    return {from_plain(k): from_plain(v) for k, v in items}


def _dataclass(data: dict[str, Any]) -> Any:
    cls = allowed_class(data.get("module"), data.get("class"))
    fields = data.get("fields")
    if cls is None or not isinstance(fields, dict):
        raise _Unusable("class")
    if fields.keys() != _stored_names(cls):
        raise _Unusable(f"fields of {cls.__qualname__}")
    return cls(**{name: from_plain(value) for name, value in fields.items()})


#: How each tag of :func:`to_plain` is built again.
_BUILDERS: dict[Any, Callable[[dict[str, Any]], Any]] = {
    "dataclass": _dataclass,
    "tuple": lambda data: tuple([from_plain(v) for v in _items(data)]),
    "unit": lambda data: _unit(data.get("value")),
    "frozenset": lambda data: frozenset([from_plain(v) for v in _items(data)]),
    "dict": _dict,
    "fraction": _fraction,
    "expr": lambda data: expressions.parse(_text(data.get("value"))),
    "date": lambda data: dt.date.fromisoformat(_text(data.get("value"))),
}


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise _Unusable("text")
    return value


def _unit(value: Any) -> units.Unit:
    """A unit from its ``[[atom, power], …]``; each atom must be one the unit table holds
    (a prefix and a unit, by full name), never parsed as an expression."""
    if not isinstance(value, list):
        raise _Unusable("unit")
    parts: list[tuple[str, int]] = []
    for item in value:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):
            raise _Unusable("unit")
        name, power = item
        if not _UNIT_NAME.fullmatch(name) or type(power) is not int:
            raise _Unusable("unit")
        if name not in units.table():
            raise _Unusable("unit")
        parts.append((name, power))
    return units.Unit(parts)


# --- the cache folder -----------------------------------------------------------------------


def folder() -> Path | None:
    return paths.cache_folder()


def load(ruleset_folder: str | os.PathLike[str]) -> Ruleset:
    """The rule set in ``ruleset_folder``: from the cache when it holds this exact build,
    else loaded from its files (and then cached)."""
    path = Path(ruleset_folder)
    where = folder()
    try:
        sources = read_sources(path)
    except (OSError, RuleFileError):
        sources = {}
    if where is None or not sources:
        return _compile(path, sources or None)  # the loader says what is wrong, if anything
    fd = paths.open_private_folder(where)
    if fd is None:  # not safely ours: work without a cache
        return _compile(path, sources)
    try:
        name = f"ruleset-{key(sources)}{_SUFFIX}"
        cached = _read(fd, name)
        if cached is not None and cached.path == str(path):
            return cached
        ruleset = _compile(path, sources)
        _write(fd, name, ruleset)
        return ruleset
    finally:
        os.close(fd)


def read_entry(entry: Path) -> Ruleset | None:
    """The rule set in the cache entry ``entry``, or None when it is not one to trust."""
    fd = paths.open_private_folder(entry.parent)
    if fd is None:
        return None
    try:
        return _read(fd, entry.name)
    finally:
        os.close(fd)


def _read(folder_fd: int, name: str) -> Ruleset | None:
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=folder_fd)
    except OSError:  # missing, or a symlink: never followed
        return None
    try:
        info = os.fstat(fd)
        if not paths.is_own_regular_file(info) or info.st_size > MAX_ENTRY_BYTES:
            return None  # only our own entries, never one others could have written
        with os.fdopen(os.dup(fd), "rb") as handle:
            raw = handle.read(MAX_ENTRY_BYTES + 1)
        entry = own_json.loads(raw)
        if not isinstance(entry, dict) or entry.get("format") != FORMAT:
            return None
        value = from_plain(entry.get("value"))
    except Exception:  # damaged, tampered or from another version: compile instead
        return None
    finally:
        os.close(fd)
    return value if isinstance(value, Ruleset) else None


KEEP = 16  # entries kept: rule-set revisions and tool versions in use side by side


def _prune(folder_fd: int) -> None:
    entries: list[tuple[float, str]] = []
    with os.scandir(folder_fd) as found:
        for item in found:
            if item.name.startswith("ruleset-") and item.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    entries.append((item.stat(follow_symlinks=False).st_mtime, item.name))
    for _, old in sorted(entries)[:-KEEP]:
        with contextlib.suppress(OSError):
            os.unlink(old, dir_fd=folder_fd)


def _write(folder_fd: int, name: str, ruleset: Ruleset) -> None:
    import secrets  # only when an entry is written: a cached start does not need it

    temp = f".{name}.{secrets.token_hex(8)}.tmp"
    try:
        data = json.dumps(
            {"format": FORMAT, "value": to_plain(ruleset)},
            ensure_ascii=False,
            allow_nan=False,
            separators=(",", ":"),
        ).encode("utf-8")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        fd = os.open(temp, flags, 0o600, dir_fd=folder_fd)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, name, src_dir_fd=folder_fd, dst_dir_fd=folder_fd)
        _prune(folder_fd)
    except Exception:  # a cache that cannot be written only costs time
        with contextlib.suppress(OSError):
            os.unlink(temp, dir_fd=folder_fd)


def _compile(path: Path, sources: Mapping[str, bytes] | None) -> Ruleset:
    # Imported here: the loader validates with pydantic, which a warm cache never needs.
    from eligibility.ruleset import loader

    return loader.load_ruleset(path, sources=sources)
