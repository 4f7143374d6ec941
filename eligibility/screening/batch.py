"""Screening a batch: many application files, one row per plan, every core, nothing lost.

Files are checked in worker processes, each with a time and a memory limit per file, so one
hostile or huge file becomes a row with its error while the rest of the batch completes.
Results stream back in input order; nothing but counters is kept, so memory does not grow
with the batch.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import gc
import glob
import os
import resource
import signal
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from eligibility import api
from eligibility.checking.result import Finding, Result, verdict_of
from eligibility.errors import EligibilityError
from eligibility.record.session import Recording
from eligibility.screening.limits import (
    DEFAULT_MEMORY_LIMIT,
    DEFAULT_TIME_LIMIT,
    TimeLimitExceeded,
    describe_time_limit,
    time_limit,
)
from eligibility.screening.walk import walk
from eligibility.verdicts import APPLICANT_ROW, BATCH_EXIT_CODES, BATCH_ORDER, BatchVerdict

SUFFIXES = (".toml", ".json", ".xlsx")
ERROR = BatchVerdict.ERROR
APPLICANT = APPLICANT_ROW  # the plan column of a row for problems in [applicant]
#: worst first: a file that could not be screened outranks every verdict


@dataclass(frozen=True)
class Options:
    rules: str | None = None
    ruleset: str | None = None
    as_of: dt.date | None = None
    max_bytes: int | None = None
    time_limit: float = DEFAULT_TIME_LIMIT
    memory_limit: int = DEFAULT_MEMORY_LIMIT
    recording: Recording | None = None  # each worker records the files it checks


def printable(text: str) -> str:
    """``text`` as it can be written in any report.

    A file name that is not UTF-8 (a Shift_JIS name from a Windows zip) reaches Python with
    its stray bytes as lone surrogates, and so can JSON text through ``\\udc83`` escapes; no
    UTF-8 writer can write those, so one such name would end the whole report. Such text is
    shown byte by byte instead: each stray byte as ``\\x83``, the byte after a stray lead
    byte too (the second half of a double-byte character, often ASCII: テ is ``\\x83\\x65``),
    a backslash as ``\\\\`` so the result reads one way only, and other lone surrogates as
    ``\\udXXX``. Text that is valid Unicode is returned as it is."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        pass
    else:
        return text
    out: list[str] = []
    trail = False  # the next character is the second byte of a double-byte character
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
            out.append(f"\\x{code - 0xDC00:02x}")
            trail = not trail
        elif trail and code < 0x80:
            out.append(f"\\x{code:02x}")
            trail = False
        else:
            trail = False
            if 0xD800 <= code <= 0xDFFF:
                out.append(f"\\u{code:04x}")
            else:
                out.append("\\\\" if ch == "\\" else ch)
    return "".join(out)


@dataclass(frozen=True)
class Row:
    """One plan of one file, or one file that could not be screened. Its text is always
    writable (see :func:`printable`)."""

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

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            shown: object
            if isinstance(value, str):
                shown = printable(value)
            elif isinstance(value, tuple):
                shown = tuple(printable(v) if isinstance(v, str) else v for v in value)
            else:
                continue
            if shown != value:
                object.__setattr__(self, f.name, shown)


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


@dataclass(frozen=True)
class Collected:
    files: list[str]  # to screen, in order
    problems: list[Row]  # error rows: paths that name nothing, entries that cannot be screened
    ignored: list[str]  # regular files in the folders, not named .toml or .json


def collect(paths: Sequence[str]) -> tuple[list[str], list[Row]]:
    """The files to screen and the error rows for what cannot be (see :func:`collect_all`)."""
    found = collect_all(paths)
    return found.files, found.problems


def collect_all(paths: Sequence[str]) -> Collected:
    """Files to screen from files, folders (recursively) and globs, in the order given,
    each once (the same file reached twice, by a link or another path, is screened once).

    Nothing is skipped silently: a path that names nothing, and every entry in a folder that
    cannot be screened (an unreadable folder, a dangling or looping symlink, a symlink to a
    folder, a FIFO, a device, a socket), becomes an error row. Regular files in a folder that
    are not named .toml or .json are not applications; they are listed in ``ignored``."""
    files: list[str] = []
    problems: list[Row] = []
    ignored: list[str] = []
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
            walked = walk(path, SUFFIXES)
            problems.extend(Row(p, ERROR, error=f"{p}: {why}") for p, why in walked.problems)
            ignored.extend(walked.ignored)
            for p, info in walked.files:
                add(p, info)
        elif os.path.lexists(path):
            add(path)
        else:
            try:
                matches = sorted(
                    m
                    for m in glob.glob(path, recursive=True)
                    if os.path.isfile(m) and m.lower().endswith(SUFFIXES)
                )
            except RecursionError:
                problems.append(Row(path, ERROR, error=f"{path}: nested too deeply to search"))
                continue
            if not matches:
                problems.append(Row(path, ERROR, error=f"{path}: no such file or folder"))
            for m in matches:
                add(m)
    return Collected(files, problems, ignored)


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


_OPTIONS = Options()
_IN_WORKER = False  # the time limit is set per file in a worker, never in the caller's process


def _init(options: Options, parent: int) -> None:
    """Runs once in each worker: limits, and the rule sets loaded before the first file."""
    global _OPTIONS, _IN_WORKER
    _OPTIONS = options
    _IN_WORKER = True
    _end_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler is not ours
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


_PR_SET_PDEATHSIG = 1


def _end_with_parent(parent: int) -> None:
    """A worker never outlives its batch: killed by the kernel when the parent dies, even by
    SIGKILL (Linux's PR_SET_PDEATHSIG), else by a thread that watches the parent's pid."""
    asked = False
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            asked = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
        except (OSError, AttributeError):
            asked = False
    if os.getppid() != parent:  # the parent died before the request: nobody to work for
        os._exit(1)
    if not asked:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


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
    try:
        with time_limit(opts.time_limit if _IN_WORKER else None):
            ruleset = api.load(opts.ruleset) if opts.ruleset else None
            result = api.check_file(
                path, ruleset, rules=opts.rules, as_of=opts.as_of, max_bytes=opts.max_bytes
            )
        if opts.recording is not None:
            # after the time limit: waiting for another writer's turn is not time on the file
            opts.recording.add(result)  # a RecordError makes this file an error row
        return rows_of(result)
    except TimeLimitExceeded:
        return [Row(path, ERROR, error=describe_time_limit(path, opts.time_limit))]
    except MemoryError:
        mb = opts.memory_limit // (1024 * 1024)
        return [Row(path, ERROR, error=f"{path}: needed more than {mb} MB of memory; skipped")]
    except EligibilityError as exc:
        return [Row(path, ERROR, error=str(exc))]
    except RecursionError:
        return [Row(path, ERROR, error=f"{path}: nested too deeply to read; skipped")]
    except Exception as exc:  # a defect must not end the batch; the row says what happened
        return [Row(path, ERROR, error=f"{path}: internal error ({type(exc).__name__}); skipped")]


def _work(path: str) -> list[Row]:
    return screen_file(path)


def run(files: Sequence[str], options: Options, jobs: int | None = None) -> Iterator[list[Row]]:
    """Each file's rows, in input order, checked by ``jobs`` worker processes (default: one
    per core).

    A worker that dies while checking (killed, or crashed in native code), or whose rows
    cannot be sent back (a MemoryError while pickling them), does not stop the batch: the
    files it held are checked again one by one in a fresh pool, and the one that fails
    again becomes an error row.
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
            1 if suspects else workers,
            mp_context=context,
            initializer=_init,
            initargs=(options, os.getpid()),
        ) as pool:
            try:
                for rows in pool.map(_work, files[start:stop], chunksize=size):
                    yield rows
                    start += 1
                    suspects = max(0, suspects - 1)
                continue
            except BrokenProcessPool:
                failure = _WORKER_DIED
            except Exception as exc:  # a worker's rows could not come back (MemoryError)
                failure = f"its rows could not be sent back ({type(exc).__name__}); skipped"
            except BaseException:  # Ctrl-C, SIGTERM, or the reader stopped: stop now
                _stop_workers(pool)
                raise
            pool.shutdown(wait=False, cancel_futures=True)
            if suspects:  # checked alone, this file failed its worker again
                yield [Row(files[start], ERROR, error=f"{files[start]}: {failure}")]
                start += 1
                suspects -= 1
            else:  # one of the files in flight did: find which, one at a time
                suspects = min(len(files) - start, chunk * workers)


def _stop_workers(pool: Any) -> None:
    """End the pool's workers at once, rather than wait for the files they hold (each may
    take up to its time limit). The executor has no public way to do this: its process
    table is read defensively."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(timeout=5)


_WORKER_DIED = "the process checking it stopped (killed or crashed); skipped"
