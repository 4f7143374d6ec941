"""When a server worker's garbage collector walks everything: on a clock, not under load.

A request's garbage is freed by reference counting, and the few cycles it makes (asyncio's
tasks and futures, an exception's traceback) die young, where the collector's young
generations find them cheaply. A full collection walks every object the worker holds,
including the rule set's memos (``eligibility/checking/memo.py``: up to some hundred thousand
objects, all acyclic), and every request in flight waits it out. Left to the allocation
counts, full collections come oftenest when the worker is busiest: at 32 clients the slowest
hundredth of checks (p99) took 60–90 ms with them and about 45 ms with full collections held
back (``benchmarks/serve_load.py``). So the young generations keep their usual thresholds,
the oldest is collected only by a thread on a fixed period, and a cycle that lived long
enough to reach it (a closed keep-alive connection's objects) waits at most that long.
"""

from __future__ import annotations

import gc
import threading

FULL_COLLECTION_SECONDS = 60.0
_NEVER = 1 << 30  # the oldest generation's threshold: collected only when asked


def collect_on_a_clock(seconds: float = FULL_COLLECTION_SECONDS) -> threading.Thread:
    """Hold automatic full collections back and run one every ``seconds`` from a daemon
    thread; the young generations keep their thresholds."""
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, _NEVER)
    stop = threading.Event()

    def collect() -> None:
        while not stop.wait(seconds):
            gc.collect()

    thread = threading.Thread(target=collect, name="full-collections", daemon=True)
    thread.stop = stop  # type: ignore[attr-defined]  # for the tests, which end it
    thread.start()
    return thread
