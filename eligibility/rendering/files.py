"""Writing a report file: atomically, never over an input, and only ever a regular file.

``--output`` and ``--chart`` replace a regular file (keeping its mode) or create a new one;
anything else a path can name — a FIFO, a device such as ``/dev/null``, a symlink, a folder,
a socket — is refused with a message, never replaced or written through. The report is
written to a temporary file beside the target, flushed to disk, then renamed over it, so a
reader never sees half a report and an interrupted run leaves the old one as it was.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterator, Sequence
from typing import IO

from eligibility import paths
from eligibility.errors import EligibilityError
from eligibility.messages import outputs as say
from eligibility.text import Text


class OutputError(EligibilityError):
    """An output path that must not be written."""


def _existing_mode(
    path: str, option: str | Text, dir_fd: int | None = None, shown: str | None = None
) -> int | None:
    """The permission bits of the regular file at ``path`` (relative to ``dir_fd``, named
    ``shown`` in messages); None when there is none yet. Raises OutputError for anything
    else there."""
    shown = shown or path
    try:
        info = os.stat(path, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(say.CANNOT_WRITE_HERE.format(path=shown, reason=exc.strerror)) from exc
    kind = paths.kind_of(info.st_mode)
    if kind is not None:
        raise OutputError(
            say.NOT_REPLACED.format(
                path=shown, kind=kind, option=option, accepted=say.REPLACES_ONLY
            )
        )
    return stat.S_IMODE(info.st_mode)


def _new_file_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def check_target(path: str, inputs: Sequence[str]) -> None:
    """Refuse an output path that is one of the inputs (or the same file by another name),
    or that names anything but a regular file."""
    target = os.path.realpath(path)
    for item in inputs:
        if os.path.realpath(item) == target:
            raise OutputError(say.IS_AN_INPUT.format(path=path))
    if os.path.isdir(path) and not os.path.islink(path):
        raise OutputError(say.IS_A_FOLDER.format(path=path))
    _existing_mode(path, "--output")


@contextlib.contextmanager
def atomic_output(path: str) -> Iterator[IO[str]]:
    """A text file that appears at ``path`` whole or not at all (written beside it, then
    renamed over it). Only a regular file is replaced, and it keeps its mode."""
    folder = os.path.dirname(os.path.abspath(path))
    _existing_mode(path, "--output")
    temp = _temp_name(folder, os.path.basename(path))
    try:
        fd = os.open(temp, _CREATE, 0o600)
    except OSError as exc:
        raise OutputError(say.CANNOT_WRITE_HERE.format(path=path, reason=exc.strerror)) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
            mode = _existing_mode(path, "--output")  # still a regular file, or none
            os.fchmod(out.fileno(), _new_file_mode() if mode is None else mode)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def write_file_atomically(folder: str | os.PathLike[str], name: str, data: str | bytes) -> str:
    """Write ``data`` (text is UTF-8) as ``folder/name``, whole or not at all: a regular
    file there is replaced and keeps its mode; a symlink or anything else is refused,
    never written through. The path written."""
    where = os.fspath(folder)
    path = os.path.join(where, name)
    if not name or os.sep in name or name in (".", ".."):
        raise OutputError(say.NOT_A_NAME_INSIDE.format(path=path, folder=where))
    try:
        dir_fd = os.open(where, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as exc:
        raise OutputError(say.CANNOT_WRITE_HERE.format(path=where, reason=exc.strerror)) from exc
    payload = data.encode("utf-8") if isinstance(data, str) else data
    temp = _temp_name("", name)
    try:
        mode = _existing_mode(name, say.A_CHART, dir_fd, path)
        fd = os.open(temp, _CREATE, 0o600, dir_fd=dir_fd)
        with os.fdopen(fd, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
            os.fchmod(out.fileno(), _new_file_mode() if mode is None else mode)
        _existing_mode(name, say.A_CHART, dir_fd, path)
        os.replace(temp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except OutputError:
        with contextlib.suppress(OSError):
            os.unlink(temp, dir_fd=dir_fd)
        raise
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp, dir_fd=dir_fd)
        raise OutputError(say.CANNOT_WRITE_HERE.format(path=path, reason=exc.strerror)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp, dir_fd=dir_fd)
        raise
    finally:
        os.close(dir_fd)
    return path


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def _temp_name(folder: str, name: str) -> str:
    """A fresh name beside the target, hidden, and marked as ours."""
    return os.path.join(folder, f".{name[:64]}.{secrets.token_hex(6)}.tmp")
