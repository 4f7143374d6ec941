"""A server worker's full garbage collections run on a clock (eligibility/server/collector.py)."""

from __future__ import annotations

import gc
import time
import weakref

from eligibility.server.collector import collect_on_a_clock


class _Node:
    def __init__(self) -> None:
        self.other: _Node | None = None


def test_full_collections_wait_for_the_clock_and_then_free_old_cycles() -> None:
    before = gc.get_threshold()
    thread = None
    try:
        thread = collect_on_a_clock(seconds=0.5)
        young, middle, oldest = gc.get_threshold()
        assert (young, middle) == before[:2] and oldest >= 1 << 30
        a, b = _Node(), _Node()
        a.other, b.other = b, a  # a cycle: only the collector frees it
        gone = weakref.ref(a)
        gc.collect(1)  # promoted to the oldest generation, as a long-lived cycle would be
        gc.collect(1)
        del a, b
        for _ in range(5_000):  # allocation enough for many young collections
            [_Node() for _ in range(50)]
        assert gone() is not None  # no full collection came with the allocations
        deadline = time.monotonic() + 5
        while gone() is not None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert gone() is None  # the clock's full collection freed it
    finally:
        if thread is not None:
            thread.stop.set()  # type: ignore[attr-defined]
        gc.set_threshold(*before)
