"""Many writers at once keep one linear chain: processes appending to the same record
concurrently (as screen's workers and a server's do), and creating it at the same moment."""

from __future__ import annotations

import itertools
import multiprocessing
import time
from pathlib import Path

from eligibility import record
from eligibility.record.chain import GENESIS
from tests.record.conftest import EXAMPLES

WRITERS = 4
EACH = 25


def _writer(db: str, name: str, start: multiprocessing.synchronize.Event) -> None:
    from eligibility import api

    result = api.check_file(EXAMPLES / "smco-line.toml")
    raw = (EXAMPLES / "smco-line.toml").read_bytes()
    start.wait()  # every writer starts appending at the same moment
    recording = record.Recording(db, reviewer=name)  # the front ends' way in
    with record.open(db) as rec:  # the library's
        for i in range(EACH):
            if i % 2:
                recording.add(result)
            else:
                rec.add(result, reviewer=name, note=str(i), input_bytes=raw)
            time.sleep(0.01)  # as a worker checks its next file: the others get their turns


def test_concurrent_writer_processes_keep_one_linear_chain(tmp_path: Path) -> None:
    db = str(tmp_path / "d.sqlite")  # not created beforehand: the writers race to create it
    context = multiprocessing.get_context("spawn")  # fresh interpreters, nothing shared
    start = context.Event()
    writers = [
        context.Process(target=_writer, args=(db, f"writer-{n}", start)) for n in range(WRITERS)
    ]
    for w in writers:
        w.start()
    start.set()
    for w in writers:
        w.join(timeout=120)
    assert [w.exitcode for w in writers] == [0] * WRITERS
    with record.open(db, create=False) as rec:
        chain = list(rec.decisions())
        report = record.verify(rec)
    assert report.intact, report.problems
    assert [d.seq for d in chain] == list(range(1, WRITERS * EACH + 1))
    assert [d.prev_hash for d in chain] == [GENESIS, *(d.hash for d in chain[:-1])]
    by_writer = {f"writer-{n}": 0 for n in range(WRITERS)}
    for d in chain:
        by_writer[d.reviewer] += 1
    assert by_writer == dict.fromkeys(by_writer, EACH)
    # the writers interleaved: no one of them had the file to itself from start to end
    runs = sum(1 for a, b in itertools.pairwise(chain) if a.reviewer != b.reviewer)
    assert runs >= WRITERS


def _opener(db: str, start: multiprocessing.synchronize.Event) -> None:
    start.wait()
    record.open(db).close()


def test_processes_creating_the_record_at_once_all_succeed(tmp_path: Path) -> None:
    # the switch to WAL does not wait for a busy file: the tool must retry it
    context = multiprocessing.get_context("fork")
    for round_ in range(10):
        db = str(tmp_path / f"d{round_}.sqlite")
        start = context.Event()
        openers = [context.Process(target=_opener, args=(db, start)) for _ in range(6)]
        for p in openers:
            p.start()
        start.set()
        for p in openers:
            p.join(timeout=60)
        assert [p.exitcode for p in openers] == [0] * 6, f"round {round_}"
        with record.open(db, create=False) as rec:
            assert record.verify(rec).intact
