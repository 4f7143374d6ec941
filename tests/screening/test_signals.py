"""`screen` under signals, with real processes: Ctrl-C exits 130, SIGTERM 143, neither leaves
a temporary file; SIGTERM or SIGKILL never leaves a worker behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _slow_batch(folder: Path, files: int = 24, plans: int = 1000) -> Path:
    """Files of 1,000 plans each: a batch that takes many seconds to screen. Every plan's
    figures are its own, so that no reading or finding a rule set remembers can answer for
    another plan (identical plans are checked in a fraction of the time)."""
    folder.mkdir()
    plan = (
        '[[plans]]\nid = "p{i}"\ntrack = "capacity.ndfeb"\ncapacity_increase = "{t} t/yr"\n'
        '[plans.magnet]\nmaterial = "NdFeB"\nenergy_product = "{e} kJ/m^3"\n'
        'coercivity = "{h} kA/m"\nmeasured_at = "20 degC"\n'
    )
    for n in range(files):
        text = '[applicant]\nname = "Big K.K."\n' + "".join(
            plan.format(i=i, t=600 + n * plans + i, e=f"{350 + i % 150}.{n:02d}", h=f"{1600 + i}")
            for i in range(plans)
        )
        (folder / f"big-{n:02d}.toml").write_text(text, encoding="utf-8")
    return folder


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = task / "children"
        if children.exists():
            found.update(int(c) for c in children.read_text().split())
    return found


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in status


def _start(tmp_path: Path, output: Path) -> tuple[subprocess.Popen[str], set[int]]:
    batch = _slow_batch(tmp_path / "batch")
    env = {**os.environ, "ELIGIBILITY_CACHE": "off"}
    proc = subprocess.Popen(
        [sys.executable, "cli.py", "screen", str(batch), "-j", "2", "-o", str(output)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 30
    workers: set[int] = set()
    while time.monotonic() < deadline and len(workers) < 2:
        time.sleep(0.2)
        workers = _children(proc.pid)
    assert len(workers) >= 2, "the workers did not start"
    time.sleep(1.0)  # the workers are busy with their first files
    return proc, workers


def _gone(pids: set[int], within: float = 10.0) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not any(_alive(p) for p in pids):
            return True
        time.sleep(0.1)
    return False


pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


@pytest.mark.parametrize(
    ("signum", "code", "said"),
    [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")],
)
def test_a_signal_exits_with_its_code_and_leaves_nothing_behind(
    tmp_path: Path, signum: int, code: int, said: str
) -> None:
    output = tmp_path / "out" / "screening.csv"
    output.parent.mkdir()
    proc, workers = _start(tmp_path, output)
    try:
        proc.send_signal(signum)
        _, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == code, err
    assert said in err and "Traceback" not in err
    assert list(output.parent.iterdir()) == []  # no report, no temporary file
    assert _gone(workers)


def test_sigkill_of_screen_takes_its_workers_with_it(tmp_path: Path) -> None:
    output = tmp_path / "out.csv"
    proc, workers = _start(tmp_path, output)
    proc.kill()
    proc.wait(timeout=10)
    try:
        assert _gone(workers)
    finally:
        for pid in workers:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_signal_during_the_pools_last_shutdown_still_ends_its_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C or SIGTERM while the pool winds down after the last file (found by a signal
    sent near the end of a batch: the exit then waited on the pool's manager thread for
    good) ends the workers and the manager as a signal at any other moment does."""
    import shutil
    from concurrent.futures import ProcessPoolExecutor
    from typing import Any

    from eligibility.screening import batch

    examples = sorted((REPO / "examples").glob("*.toml"))
    files = []
    for n in range(6):
        copy = tmp_path / f"{n}-{examples[n % len(examples)].name}"
        shutil.copy(examples[n % len(examples)], copy)
        files.append(str(copy))
    real = ProcessPoolExecutor.shutdown
    seen: dict[str, Any] = {}

    def interrupted(self: Any, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if wait and not seen:  # the pool's own shutdown after the last file
            seen["pool"] = self  # held, as a process's exit holds it: no collection ends it
            seen["processes"] = list(self._processes.values())
            seen["manager"] = self._executor_manager_thread
            raise KeyboardInterrupt
        real(self, wait=wait, cancel_futures=cancel_futures)

    monkeypatch.setattr(ProcessPoolExecutor, "shutdown", interrupted)
    with pytest.raises(KeyboardInterrupt):
        for _ in batch.run(files, batch.Options(findings=False), jobs=2, count=len(files)):
            pass
    assert seen["processes"], "the pool's shutdown was not reached"
    for process in seen["processes"]:
        process.join(timeout=5)
        assert not process.is_alive()
    seen["manager"].join(timeout=5)
    assert not seen["manager"].is_alive()


def test_stopping_a_pool_whose_worker_died_mid_message_ends_its_manager() -> None:
    """A worker terminated while sending its rows leaves part of a message in the result
    pipe; the pool's manager thread then waits for the rest, and the interpreter's exit
    waits on the manager (a hang after Ctrl-C near the end of a batch). Stopping the
    workers ends the manager all the same."""
    import contextlib
    import multiprocessing
    import struct
    from concurrent.futures import ProcessPoolExecutor

    from eligibility.screening import batch

    pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork"))
    assert pool.submit(abs, -1).result(timeout=30) == 1
    manager = pool._executor_manager_thread  # type: ignore[attr-defined]
    writer = pool._result_queue._writer  # type: ignore[attr-defined]
    os.write(writer.fileno(), struct.pack("!i", 100))  # a header whose 100 bytes never come
    time.sleep(0.5)  # the manager is now reading the rest
    try:
        batch._stop_workers(pool)
        manager.join(timeout=5)
        assert not manager.is_alive()
    finally:  # should the test fail, the stuck manager must not hold the test run's exit
        with contextlib.suppress(OSError):
            writer.close()
