"""Walking a folder of application files, iteratively and as a stream, and saying what was
not screened.

Every entry the walk meets is one of three kinds: a file to screen (a regular file, or a
symlink to one, named ``*.toml`` or ``*.json``); a problem — an entry that might be an
application but cannot be screened (a folder that cannot be read, a dangling or looping
symlink, a symlink to a folder, which is not followed, a FIFO, a device, a socket); or an
ignored file (a regular file with another suffix: notes, scans, spreadsheets beside the
applications).

:func:`entries` yields them one at a time in the order of their full paths, as a sort of
every path would give, while holding only the names of the folders on the way down (those of
a folder of more than :data:`RUN` names in sorted runs on disk): a batch of any size, in
folders of any size, is walked in bounded memory. The walk keeps its own stack, so no depth
of folders can exhaust Python's recursion limit.
"""

from __future__ import annotations

import errno
import heapq
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import IO

from eligibility import paths
from eligibility.messages import screening as say
from eligibility.text import Text


class Kind(Enum):
    FILE = "file"  # to screen
    PROBLEM = "problem"  # cannot be screened: an error row
    IGNORED = "ignored"  # a regular file not named as an application


@dataclass(frozen=True, slots=True)
class Entry:
    kind: Kind
    path: str
    why: Text | None = None  # for a problem
    info: os.stat_result | None = None  # for a file: its stat, symlinks followed
    via_symlink: bool = False  # a file reached through a symlink


def entries(folder: str, suffixes: Iterable[str]) -> Iterator[Entry]:
    """Everything under ``folder``, in the order of the full paths (``suffixes`` lower
    case).

    Within a folder, names are sorted with each subfolder's name followed by ``/``: no name
    holds a ``/``, so the subfolder's paths then come exactly where a sort of all paths would
    put them (``a.toml`` before ``a/x.toml``, since ``.`` sorts before ``/``), and the walk
    never needs more than one folder's names at a time per level."""
    wanted = tuple(suffixes)
    names = _listing(folder)
    if isinstance(names, Text):
        yield Entry(Kind.PROBLEM, folder, names)
        return
    stack: list[tuple[str, Iterator[str]]] = [(folder, iter(names))]
    while stack:
        current, pending = stack[-1]
        key = next(pending, None)
        if key is None:
            stack.pop()
            continue
        if key.endswith("/"):
            path = os.path.join(current, key[:-1])
            inner = _listing(path)
            if isinstance(inner, Text):
                yield Entry(Kind.PROBLEM, path, inner)
            else:
                stack.append((path, iter(inner)))
            continue
        path = os.path.join(current, key)
        try:
            entry = _entry(path, key.lower().endswith(wanted))
        except OSError as exc:
            entry = Entry(Kind.PROBLEM, path, say.CANNOT_READ_ENTRY.format(reason=_reason(exc)))
        if entry is None:  # a folder after all (it changed since it was listed)
            inner = _listing(path)
            if isinstance(inner, Text):
                yield Entry(Kind.PROBLEM, path, inner)
            else:
                stack.append((path, iter(inner)))
            continue
        yield entry


RUN = 8192  # names of one folder sorted in memory at a time; a larger folder, in runs on disk
_BLOCK = 1 << 12  # bytes of a run read back at a time


def _listing(folder: str) -> Iterator[str] | Text:
    """The sorted names in ``folder``, each subfolder's with a ``/`` after it; or why the
    folder cannot be read. A folder of more than :data:`RUN` names is sorted in runs spilled
    to an anonymous temporary file and merged as it is read, so that a folder of any size
    costs the memory of one run (and a few bytes a run), not of all its names."""
    names: list[str] = []
    spill: IO[bytes] | None = None
    runs: list[tuple[int, int]] = []  # (start, end) of each sorted run in the spill
    try:
        with os.scandir(folder) as listing:
            for e in listing:
                names.append(e.name + "/" if _is_folder(e) else e.name)
                if len(names) >= RUN:
                    if spill is None:
                        spill = tempfile.TemporaryFile(prefix="eligibility-walk-")  # noqa: SIM115
                    runs.append(_spill(spill, names))
                    names = []
    except OSError as exc:
        if spill is not None:
            spill.close()
        return say.CANNOT_READ_FOLDER.format(reason=_reason(exc))
    if spill is None:
        names.sort()
        return iter(names)
    if names:
        runs.append(_spill(spill, names))
    return _merged(spill, runs)


def _spill(spill: IO[bytes], names: list[str]) -> tuple[int, int]:
    """Write ``names`` sorted, each ended by a NUL (no name holds one), at the end of the
    spill; where they lie."""
    names.sort()
    start = spill.seek(0, os.SEEK_END)
    for name in names:
        spill.write(name.encode("utf-8", "surrogatepass") + b"\0")
    return start, spill.tell()


def _merged(spill: IO[bytes], runs: list[tuple[int, int]]) -> Iterator[str]:
    with spill:
        yield from heapq.merge(*(_run(spill, start, end) for start, end in runs))


def _run(spill: IO[bytes], start: int, end: int) -> Iterator[str]:
    """One sorted run of the spill, read back a block at a time."""
    rest = b""
    while start < end:
        spill.seek(start)
        block = spill.read(min(_BLOCK, end - start))
        start += len(block)
        *whole, rest = (rest + block).split(b"\0")
        for raw in whole:
            yield raw.decode("utf-8", "surrogatepass")


def _is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False  # then read as an entry, which says what is wrong with it


def _entry(path: str, named: bool) -> Entry | None:
    """The entry at ``path`` (not a folder by its listing); None if it is a folder."""
    info = os.lstat(path)
    via_symlink = stat.S_ISLNK(info.st_mode)
    if via_symlink:
        try:
            info = os.stat(path)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return Entry(Kind.PROBLEM, path, say.SYMLINK_LOOP)
            if exc.errno == errno.ENOENT:
                return Entry(Kind.PROBLEM, path, say.SYMLINK_TO_NOTHING)
            return Entry(Kind.PROBLEM, path, say.CANNOT_FOLLOW.format(reason=_reason(exc)))
        if stat.S_ISDIR(info.st_mode):
            return Entry(Kind.PROBLEM, path, say.SYMLINK_TO_FOLDER)
    elif stat.S_ISDIR(info.st_mode):
        return None
    if stat.S_ISREG(info.st_mode):
        if named:
            return Entry(Kind.FILE, path, info=info, via_symlink=via_symlink)
        return Entry(Kind.IGNORED, path)
    kind = paths.kind_of(info.st_mode)
    return Entry(Kind.PROBLEM, path, say.NOT_AN_APPLICATION.format(kind=kind))


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


@dataclass
class Walked:
    files: list[tuple[str, os.stat_result]] = field(default_factory=list)
    problems: list[tuple[str, Text]] = field(default_factory=list)  # (path, why)
    ignored: list[str] = field(default_factory=list)


def walk(folder: str, suffixes: Iterable[str]) -> Walked:
    """Everything under ``folder`` in lists, each sorted by path: for callers that take a
    bounded number of files (a batch streams :func:`entries` instead)."""
    out = Walked()
    for entry in entries(folder, suffixes):
        if entry.kind is Kind.FILE:
            assert entry.info is not None
            out.files.append((entry.path, entry.info))
        elif entry.kind is Kind.PROBLEM:
            assert entry.why is not None
            out.problems.append((entry.path, entry.why))
        else:
            out.ignored.append(entry.path)
    out.problems.sort(key=lambda problem: problem[0])
    return out
