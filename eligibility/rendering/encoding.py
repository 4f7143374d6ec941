"""Text reports in the encoding a spreadsheet expects.

Japanese Excel opens a CSV file without a byte-order mark as Shift_JIS, which turns UTF-8
into mojibake; with the mark (``utf-8-sig``) it reads UTF-8. ``cp932`` is offered for older
tools that read only Shift_JIS: characters it cannot hold are written as 〓 (the geta mark,
Japanese typesetting's own sign for a missing character) and counted, so that the command can
say so, instead of stopping halfway through a report.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import IO

ENCODINGS = ("utf-8-sig", "utf-8", "cp932")
MISSING_CHARACTER = "〓"


class VisibleEncoder:
    """A text stream that writes in ``encoding``, replacing what it cannot encode."""

    def __init__(self, target: IO[str], encoding: str) -> None:
        self.target = target
        self.encoding = encoding
        self.replaced = 0

    def write(self, text: str) -> int:
        try:
            text.encode(self.encoding)
        except UnicodeEncodeError:
            text = "".join(self._visible(ch) for ch in text)
        return self.target.write(text)

    def _visible(self, ch: str) -> str:
        try:
            ch.encode(self.encoding)
        except UnicodeEncodeError:
            self.replaced += 1
            return MISSING_CHARACTER
        return ch

    def flush(self) -> None:
        self.target.flush()


@contextlib.contextmanager
def encoded(out: IO[str], encoding: str) -> Iterator[VisibleEncoder]:
    """``out``'s bytes, written as ``encoding`` text for as long as the block runs."""
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown encoding {encoding!r}: use one of {', '.join(ENCODINGS)}")
    buffer = getattr(out, "buffer", None)
    if buffer is None:  # an in-memory text stream: it holds text, not bytes
        yield VisibleEncoder(out, encoding)
        return
    out.flush()
    wrapper = io.TextIOWrapper(buffer, encoding=encoding, newline="", write_through=True)
    try:
        yield VisibleEncoder(wrapper, encoding)
    finally:
        wrapper.flush()
        wrapper.detach()  # the stream underneath stays open for its owner
