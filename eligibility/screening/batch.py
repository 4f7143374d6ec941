"""Screening a batch: many application files, one row per plan, every core, nothing lost.

Files are checked in worker processes, each with a time and a memory limit per file, so one
hostile or huge file becomes a row with its error while the rest of the batch completes.
Results stream back in input order; nothing but counters is kept, so memory does not grow
with the batch.
"""

from __future__ import annotations

import datetime as dt
import gc
import glob
import os
import resource
import signal
import stat
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

from eligibility import api
from eligibility.checking.result import Finding, Result, verdict_of
from eligibility.errors import EligibilityError
from eligibility.screening.limits import DEFAULT_MEMORY_LIMIT, DEFAULT_TIME_LIMIT
from eligibility.verdicts import BATCH_EXIT_CODES, BATCH_ORDER, BatchVerdict

SUFFIXES = (".toml", ".json", ".xlsx")
ERROR = BatchVerdict.ERROR
APPLICANT = "(applicant)"  # the plan column of a row for problems in [applicant]
#: worst first: a file that could not be screened outranks every verdict


@dataclass(frozen=True)
class Options:
    rules: str | None = None
    ruleset: str | None = None
    as_of: dt.date | None = None
    max_bytes: int | None = None
    time_limit: float = DEFAULT_TIME_LIMIT
    memory_limit: int = DEFAULT_MEMORY_LIMIT


@dataclass(frozen=True)
class Row:
    """One plan of one file, or one file that could not be screened."""

    file: str
    verdict: str
    applicant: str | None = None
    plan: str | None = None
    track: str | None = None
    failed: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()  # missing or invalid
    review: tuple[str, ...] = ()
    error: str | None = None
    sha256: str | None = None
    ruleset: str | None = None  # "permanent-magnets 2025-06"
    ruleset_sha256: str | None = None
    findings: tuple[Finding, ...] = ()  # every finding of the plan, for the workbook report


@dataclass
class Summary:
    files: int = 0
    plans: int = 0
    by_verdict: Counter[str] = field(default_factory=Counter)
    by_track: dict[str, Counter[str]] = field(default_factory=dict)
    rulesets: dict[str, str] = field(default_factory=dict)  # "id version" -> sha256

    def add(self, rows: list[Row]) -> None:
        self.files += 1
        for row in rows:
            self.by_verdict[row.verdict] += 1
            if row.ruleset and row.ruleset_sha256:
                self.rulesets[row.ruleset] = row.ruleset_sha256
            if row.verdict != ERROR and row.plan != APPLICANT:
                self.plans += 1
                self.by_track.setdefault(row.track or "?", Counter())[row.verdict] += 1

    @property
    def worst(self) -> str:
        present = [v for v in BATCH_ORDER if self.by_verdict.get(v)]
        return present[0] if present else "eligible"

    @property
    def exit_code(self) -> int:
        return BATCH_EXIT_CODES[self.worst]


def collect(paths: Sequence[str]) -> tuple[list[str], list[Row]]:
    """Files to screen from files, folders (recursively) and globs, in the order given,
    each once (the same file reached twice, by a link or another path, is screened once); a
    path that names nothing becomes an error row."""
    files: list[str] = []
    missing: list[Row] = []
    seen: set[tuple[int, int]] = set()

    def add(p: str, info: os.stat_result | None = None) -> None:
        try:
            info = info or os.stat(p)
        except OSError:
            files.append(p)  # let the reader say what is wrong with it
            return
        key = (info.st_dev, info.st_ino)
        if key not in seen:
            seen.add(key)
            files.append(p)

    for path in paths:
        if os.path.isdir(path):
            for p, info in _walk(path):
                add(p, info)
        elif os.path.exists(path):
            add(path)
        else:
            matches = sorted(
                m
                for m in glob.glob(path, recursive=True)
                if os.path.isfile(m) and m.lower().endswith(SUFFIXES)
            )
            if not matches:
                missing.append(Row(path, ERROR, error=f"{path}: no such file or folder"))
            for m in matches:
                add(m)
    return files, missing


def _walk(folder: str) -> Iterator[tuple[str, os.stat_result]]:
    """The .toml and .json files under ``folder``, sorted by path, with their status."""
    found: list[tuple[str, os.stat_result]] = []
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in names:
            if name.lower().endswith(SUFFIXES):
                p = os.path.join(root, name)
                try:
                    info = os.stat(p)
                except OSError:
                    continue
                if stat.S_ISREG(info.st_mode):
                    found.append((p, info))
    found.sort(key=lambda item: item[0])
    yield from found


def rows_of(result: Result) -> list[Row]:
    """One row per plan; applicant problems, when there are any, get a row of their own."""
    ruleset = f"{result.ruleset.id} {result.ruleset.version}"
    rows: list[Row] = []
    groups: list[tuple[str | None, str | None, str, Iterable[Any]]] = []
    problems = [f for f in result.applicant_findings if f.status != "pass"]
    if problems:
        groups.append((APPLICANT, None, verdict_of(problems), problems))
    groups += [(p.id, p.track, p.verdict, p.findings) for p in result.plans]
    for plan, track, verdict, findings in groups:
        by_status: dict[str, list[str]] = {"fail": [], "missing": [], "review": []}
        for f in findings:
            key = "missing" if f.status in ("missing", "invalid") else f.status
            if key in by_status:
                unknown = f.rule == "plan.unknown_field" and f.field
                by_status[key].append(f"{f.rule}:{f.field}" if unknown else f.rule)
        rows.append(
            Row(
                file=result.file,
                verdict=verdict,
                applicant=result.applicant_name,
                plan=plan,
                track=track,
                failed=tuple(by_status["fail"]),
                missing=tuple(by_status["missing"]),
                review=tuple(by_status["review"]),
                sha256=result.file_sha256,
                ruleset=ruleset,
                ruleset_sha256=result.ruleset.sha256,
                findings=tuple(findings),
            )
        )
    return rows


# --- the workers ----------------------------------------------------------------------------


class _Timeout(Exception):
    pass


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    raise _Timeout


_OPTIONS = Options()


def _init(options: Options) -> None:
    """Runs once in each worker: limits, and the rule sets loaded before the first file."""
    global _OPTIONS
    _OPTIONS = options
    signal.signal(signal.SIGALRM, _on_alarm)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    gc.set_threshold(50_000, 20, 20)  # checking makes many short-lived, acyclic objects
    try:
        if options.ruleset:
            api.load(options.ruleset)
        else:
            api.select_ruleset(options.rules, options.as_of)
    except EligibilityError:
        pass  # reported per file
    if options.memory_limit > 0:  # counted from here: the rule set is loaded
        limit = _address_space() + options.memory_limit
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _address_space() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def screen_file(path: str, options: Options | None = None) -> list[Row]:
    """Check one file for a batch: its rows, or one error row. Never raises."""
    opts = options or _OPTIONS
    timed = signal.getsignal(signal.SIGALRM) is _on_alarm  # only in a worker
    try:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, opts.time_limit)
        ruleset = api.load(opts.ruleset) if opts.ruleset else None
        result = api.check_file(
            path, ruleset, rules=opts.rules, as_of=opts.as_of, max_bytes=opts.max_bytes
        )
        return rows_of(result)
    except _Timeout:
        return [Row(path, ERROR, error=f"{path}: took longer than {opts.time_limit:g} s; skipped")]
    except MemoryError:
        mb = opts.memory_limit // (1024 * 1024)
        return [Row(path, ERROR, error=f"{path}: needed more than {mb} MB of memory; skipped")]
    except EligibilityError as exc:
        return [Row(path, ERROR, error=str(exc))]
    except RecursionError:
        return [Row(path, ERROR, error=f"{path}: nested too deeply to read; skipped")]
    except Exception as exc:  # a defect must not end the batch; the row says what happened
        return [Row(path, ERROR, error=f"{path}: internal error ({type(exc).__name__}); skipped")]
    finally:
        if timed:
            signal.setitimer(signal.ITIMER_REAL, 0)


def _work(path: str) -> list[Row]:
    return screen_file(path)


def run(files: Sequence[str], options: Options, jobs: int | None = None) -> Iterator[list[Row]]:
    """Each file's rows, in input order, checked by ``jobs`` worker processes (default: one
    per core).

    A worker that dies while checking (killed, or crashed in native code) does not stop the
    batch: the files it held are checked again one by one in a fresh pool, and the one a
    worker dies on again becomes an error row.
    """
    if not files:
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    workers = max(1, min(jobs or os.cpu_count() or 1, len(files)))
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    chunk = max(1, min(64, len(files) // (workers * 8)))
    gc.freeze()  # what the parent holds is shared with the workers, not copied on first touch
    start = 0
    suspects = 0  # files from `start` on to check one at a time, after a worker died
    while start < len(files):
        size = 1 if suspects else chunk
        stop = start + suspects if suspects else len(files)
        # suspects go one at a time through one worker, so a death names its file exactly
        with ProcessPoolExecutor(
            1 if suspects else workers, mp_context=context, initializer=_init, initargs=(options,)
        ) as pool:
            try:
                for rows in pool.map(_work, files[start:stop], chunksize=size):
                    yield rows
                    start += 1
                    suspects = max(0, suspects - 1)
            except BrokenProcessPool:
                if suspects:  # checked alone, this file took its worker down with it
                    yield [Row(files[start], ERROR, error=f"{files[start]}: {_WORKER_DIED}")]
                    start += 1
                    suspects -= 1
                else:  # one of the files in flight did: find which, one at a time
                    suspects = min(len(files) - start, chunk * workers)


_WORKER_DIED = "the process checking it stopped (killed or crashed); skipped"
