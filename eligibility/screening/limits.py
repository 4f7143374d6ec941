"""Limits on untrusted input, in one place (see also eligibility.application.reader and
eligibility.quantities.quantity for the limits of one file and one quantity), and the one
time limit that `check`, `screen`, `outcomes` and `impact` put on each file.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

from eligibility.messages import screening as say
from eligibility.text import Text

DEFAULT_TIME_LIMIT = 20.0  # seconds a file may take in `check`, `screen`, `outcomes`, `impact`
DEFAULT_MEMORY_LIMIT = 512 * 1024 * 1024  # bytes a worker may use for a file, beyond its start


class TimeLimitExceeded(BaseException):
    """A file took longer than its time limit.

    A BaseException, not an Exception: the code it interrupts may be anywhere, and an
    ``except Exception`` on the way (a defect, or code written to be forgiving) must not
    swallow it and carry on with a hostile file."""


def _expired(signum: int, frame: FrameType | None) -> None:
    raise TimeLimitExceeded


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in the block once ``seconds`` have passed (SIGALRM:
    POSIX, the main thread; elsewhere, or with no limit, the block runs unlimited). Python
    code is interrupted between two steps; a single long step in native code is not."""
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    assert seconds is not None
    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def describe_time_limit(path: str, seconds: float) -> Text:
    """The message for a file that took too long, the same in every command."""
    return say.TOOK_TOO_LONG.format(path=path, seconds=seconds)
