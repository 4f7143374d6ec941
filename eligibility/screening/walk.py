"""Walking a folder of application files, iteratively, and saying what was not screened.

Every entry the walk meets ends up in one of three lists: a file to screen (a regular file,
or a symlink to one, named ``*.toml`` or ``*.json``); a problem — an entry that might be an
application but cannot be screened (a folder that cannot be read, a dangling or looping
symlink, a symlink to a folder, which is not followed, a FIFO, a device, a socket); or an
ignored file (a regular file with another suffix: notes, scans, spreadsheets beside the
applications). The walk keeps its own stack, so no depth of folders can exhaust Python's
recursion limit.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field

from eligibility import paths


@dataclass
class Walked:
    files: list[tuple[str, os.stat_result]] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    ignored: list[str] = field(default_factory=list)


def walk(folder: str, suffixes: Iterable[str]) -> Walked:
    """Everything under ``folder``, files sorted by path (``suffixes`` lower case)."""
    wanted = tuple(suffixes)
    out = Walked()
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            out.problems.append((current, f"cannot read this folder: {_reason(exc)}"))
            continue
        subfolders: list[str] = []
        for entry in entries:
            try:
                _sort(entry, wanted, out, subfolders)
            except OSError as exc:
                out.problems.append((entry.path, f"cannot be read: {_reason(exc)}"))
        pending.extend(reversed(subfolders))  # depth first, in name order
    out.files.sort(key=lambda item: item[0])
    out.problems.sort()
    out.ignored.sort()
    return out


def _sort(entry: os.DirEntry[str], wanted: tuple[str, ...], out: Walked, sub: list[str]) -> None:
    named = entry.name.lower().endswith(wanted)
    if entry.is_symlink():
        try:
            info = os.stat(entry.path)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                out.problems.append((entry.path, "is a symlink loop; not screened"))
            elif exc.errno == errno.ENOENT:
                out.problems.append((entry.path, "is a symlink to nothing; not screened"))
            else:
                out.problems.append((entry.path, f"cannot follow this symlink: {_reason(exc)}"))
            return
        if stat.S_ISDIR(info.st_mode):
            out.problems.append(
                (entry.path, "is a symlink to a folder, which is not followed; give the folder")
            )
            return
    else:
        info = entry.stat(follow_symlinks=False)
        if stat.S_ISDIR(info.st_mode):
            sub.append(entry.path)
            return
    if stat.S_ISREG(info.st_mode):
        if named:
            out.files.append((entry.path, info))
        else:
            out.ignored.append(entry.path)
        return
    out.problems.append((entry.path, f"is {paths.kind_of(info.st_mode)}, not an application file"))


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__
