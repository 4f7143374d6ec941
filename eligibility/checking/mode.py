"""Whether a check is asked for statuses only (:mod:`eligibility.checking.verdict_only`).

A check kind may then skip what only a report shows (the detail sentence, margins, "what
would pass") for an outcome whose status is already decided; it must never decide the
status differently. Kept apart so that check kinds can read it without importing the
checking of documents.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

STATUSES_ONLY: ContextVar[bool] = ContextVar("statuses_only", default=False)


@contextlib.contextmanager
def statuses_only() -> Iterator[None]:
    """Checks inside the block are asked for statuses only."""
    token = STATUSES_ONLY.set(True)
    try:
        yield
    finally:
        STATUSES_ONLY.reset(token)
