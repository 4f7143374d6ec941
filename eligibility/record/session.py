"""Recording from a front end: where to record, as whom, and the one call each result needs.

A :class:`Recording` is plain data (it crosses into ``screen``'s worker processes); each
process opens its own connection to the file on first use, since a SQLite connection must
never be shared across a fork.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from eligibility.application.reader import read_file
from eligibility.checking.result import Result
from eligibility.record.store import Decision, Recorder, RecordError, open_record, text_safe
from eligibility.text import Lang

_MAX_KEPT = 64 * 1024 * 1024  # the reader's own limit applies first; this only bounds the read


@dataclass(frozen=True)
class Recording:
    """Record every result to ``path``, by ``reviewer`` (default: the OS user), with ``note``;
    with ``keep_input``, the application file's bytes too."""

    path: str
    reviewer: str | None = None
    note: str = ""
    keep_input: bool = False
    lang: Lang = "en"

    def add(self, result: Result) -> Decision:
        """Record one result; raises :class:`RecordError` if it cannot be recorded."""
        kept = kept_input(result) if self.keep_input else None
        return _recorder(self.path).add(
            result, reviewer=self.reviewer, note=self.note, input_bytes=kept, lang=self.lang
        )


def kept_input(result: Result) -> bytes:
    """The bytes of the file ``result`` was checked from, read again and proved the same by
    their SHA-256 (a file changed since it was checked is refused, never kept)."""
    try:
        _, _, raw = read_file(result.file, max_bytes=_MAX_KEPT)
    except Exception as exc:
        raise RecordError(f"{text_safe(result.file)}: cannot keep the input: {exc}") from exc
    if hashlib.sha256(raw).hexdigest() != result.file_sha256:
        raise RecordError(
            f"{text_safe(result.file)}: changed since it was checked; not recorded (check it again)"
        )
    return raw


_OPEN: dict[tuple[int, str], Recorder] = {}


def _recorder(path: str) -> Recorder:
    key = (os.getpid(), os.path.abspath(path))
    recorder = _OPEN.get(key)
    if recorder is None:
        recorder = _OPEN[key] = open_record(path)
    return recorder
