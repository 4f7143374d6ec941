"""Writing a report file: atomically, and never over an input."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Sequence
from typing import IO

from eligibility.errors import EligibilityError


class OutputError(EligibilityError):
    """An output path that must not be written."""


def check_target(path: str, inputs: Sequence[str]) -> None:
    """Refuse an output path that is one of the inputs (or the same file by another name)."""
    target = os.path.realpath(path)
    for item in inputs:
        if os.path.realpath(item) == target:
            raise OutputError(f"{path}: is one of the input files; choose another --output")
    if os.path.isdir(path):
        raise OutputError(f"{path}: is a directory; give a file name for --output")


@contextlib.contextmanager
def atomic_output(path: str) -> Iterator[IO[str]]:
    """A text file that appears at ``path`` whole or not at all (written beside it, then
    renamed over it), so a reader never sees half a report."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".eligibility-", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here: {exc.strerror}") from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
