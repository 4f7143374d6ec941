"""Where eligibility keeps what it can rebuild: the cache folder, or none.

The cache folder may sit on a shared machine, so it is used only when it is safely the
user's own: created 0700 (or made so), and refused (the cache is then off) when it is a
symlink, not a folder, owned by someone else, or writable by others. It is opened once and
used through that descriptor, so the folder cannot be swapped for another between the check
and the use.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from eligibility.messages import files as say
from eligibility.text import Text


def cache_folder() -> Path | None:
    """``ELIGIBILITY_CACHE_DIR``, else ``$XDG_CACHE_HOME/eligibility`` or
    ``~/.cache/eligibility``; None when ``ELIGIBILITY_CACHE`` is off."""
    if os.environ.get("ELIGIBILITY_CACHE", "").lower() in ("0", "off", "no", "false"):
        return None
    chosen = os.environ.get("ELIGIBILITY_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "eligibility"


def open_private_folder(path: Path) -> int | None:
    """A descriptor of the folder ``path`` (created 0700 when missing), or None when it is
    not safely the user's own: a symlink (never followed), not a folder, another user's, or
    writable by others. One only readable by others is made 0700. The caller closes it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.mkdir(path, 0o700)
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:  # a symlink (ELOOP), a file, or no permission: no cache
        return None
    info = os.fstat(fd)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o022:
        os.close(fd)
        return None
    if info.st_mode & 0o077:
        # The user's own folder that others may read but never could write (``mkdir`` under a
        # umask of 022, as tools that share ~/.cache make it): nothing in it can have been
        # planted, so it is made private and used, rather than leaving the cache off for good.
        try:
            os.fchmod(fd, 0o700)
        except OSError:
            os.close(fd)
            return None
    return fd


def is_own_regular_file(info: os.stat_result) -> bool:
    """A regular file of this user that nobody else can write: one a cache may trust."""
    return stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o022


def kind_of(mode: int) -> Text | None:
    """What a path names when it is not a regular file ("a symlink", "a device", …), for
    messages; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return say.A_SYMLINK
    if stat.S_ISDIR(mode):
        return say.A_DIRECTORY
    if stat.S_ISFIFO(mode):
        return say.A_FIFO
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return say.A_DEVICE
    if stat.S_ISSOCK(mode):
        return say.A_SOCKET
    return say.NOT_A_REGULAR_FILE
