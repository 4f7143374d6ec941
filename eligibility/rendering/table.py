"""Columns of text for a terminal, measured in display columns.

A CJK character takes two columns, a combining accent none, and a terminal font draws them
so; counting characters (or East Asian Width alone) misaligns Japanese names. Widths come
from ``wcwidth``, the library terminals' own width tables are kept in step with (it knows
combining marks, zero-width characters, emoji and each Unicode version's wide ranges), so
every table here measures text the same way. Cells are terminal text: each is made inert with
:func:`eligibility.rendering.escape.terminal` before it is measured, so an escape sequence
can neither run nor skew the columns.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from eligibility.rendering.escape import terminal

ELLIPSIS = "…"  # one column wide in a terminal (East Asian Width "ambiguous", drawn narrow)


@functools.cache
def _wcswidth() -> Callable[[str], int]:
    import wcwidth  # on first use: `check` prints no table and starts faster without it

    return wcwidth.wcswidth


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal (``text`` without controls: see the module)."""
    columns = _wcswidth()(text)
    if columns >= 0:
        return columns
    return sum(max(_wcswidth()(ch), 0) for ch in text)  # a character wcwidth cannot measure


def pad(text: str, columns: int) -> str:
    """``text`` followed by spaces up to ``columns`` display columns."""
    return text + " " * max(columns - width(text), 0)


def fit(text: str, columns: int) -> str:
    """``text`` in exactly ``columns`` display columns: padded, or cut with "…"."""
    if width(text) <= columns:
        return pad(text, columns)
    room = columns - width(ELLIPSIS)
    kept, used = [], 0
    for ch in text:
        w = width(ch)
        if used + w > room:
            break
        kept.append(ch)
        used += w
    return pad("".join(kept) + ELLIPSIS, columns)


class FixedColumns:
    """Rows streamed in columns of fixed widths, as a batch is printed before its end is
    known; cells past the last width are written as they are (a free last column)."""

    def __init__(self, widths: Sequence[int], gap: str = "  ") -> None:
        self.widths = tuple(widths)
        self.gap = gap

    def line(self, cells: Sequence[str]) -> str:
        safe = [terminal(c) for c in cells]
        fitted = [fit(c, w) for c, w in zip(safe, self.widths, strict=False)]
        return self.gap.join([*fitted, *safe[len(self.widths) :]]).rstrip()

    def rule(self, last: int = 8) -> str:
        """The dashes under a header: one run per column, ``last`` for the free column."""
        return self.gap.join([*("-" * w for w in self.widths), "-" * last])


def aligned(rows: Sequence[Sequence[str]], gap: str = "  ", indent: str = "") -> list[str]:
    """Rows whose columns are as wide as their widest cell, each cell measured once."""
    safe = [[terminal(c) for c in row] for row in rows]
    measured = [[(c, width(c)) for c in row] for row in safe]
    count = max((len(row) for row in measured), default=0)
    widths = [max((row[i][1] for row in measured if i < len(row)), default=0) for i in range(count)]
    return [
        indent + gap.join(c + " " * (widths[i] - w) for i, (c, w) in enumerate(row)).rstrip()
        for row in measured
    ]
