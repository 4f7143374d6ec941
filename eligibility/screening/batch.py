"""Screening a batch: many application files, one row per plan, every core, nothing lost.

Files are checked in worker processes, each with a time and a memory limit per file, so one
hostile or huge file becomes a row with its error while the rest of the batch completes.
The walk streams into a spool on disk (:func:`gather`); workers take the files in chunks as
they need them and send back rows, without their findings unless the report shows them;
rows stream out in input order (:func:`run`) and nothing but counters is kept, so memory
does not grow with the batch.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import functools
import gc
import glob
import io
import itertools
import os
import resource
import signal
import sys
import tempfile
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields
from typing import IO, TYPE_CHECKING, Any, TypeVar

from eligibility import api
from eligibility.checking.mode import statuses_only
from eligibility.checking.result import Finding, Result, verdict_of
from eligibility.errors import EligibilityError
from eligibility.messages import screening as say
from eligibility.record.session import Recording
from eligibility.ruleset.select import pin_folders
from eligibility.screening.limits import (
    DEFAULT_MEMORY_LIMIT,
    DEFAULT_TIME_LIMIT,
    TimeLimitExceeded,
    describe_time_limit,
    time_limit,
)
from eligibility.screening.walk import Kind, entries
from eligibility.text import Lang, Text
from eligibility.verdicts import APPLICANT_ROW, BATCH_EXIT_CODES, BATCH_ORDER, BatchVerdict

if TYPE_CHECKING:  # the renderers are imported where rows are rendered, in the workers
    from eligibility.rendering.outline import BatchWriter

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
    # each row carries its plan's findings: only the workbook and the report folder show
    # them, and sending them back costs more than the rest of a row many times over
    findings: bool = True
    # rows rendered by the worker that checked them (the writer's class, the language and
    # the report's time), so the parent only writes text: its share of the work was a
    # tenth of the whole and would be a third once the check is fast
    render: tuple[type[BatchWriter], Lang, dt.datetime] | None = None
    lang: Lang = "en"  # of an error row's text, in every format (JSON and CSV too)


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
        for name in _ROW_TEXT:
            value = getattr(self, name)
            shown: object
            if isinstance(value, str):
                if value.isascii():
                    continue  # ASCII is always writable: the common case, at no cost
                shown = printable(value)
            elif isinstance(value, tuple):
                shown = tuple(printable(v) if isinstance(v, str) else v for v in value)
            else:
                continue
            if shown != value:
                object.__setattr__(self, name, shown)


# a row's fields that hold text or tuples of it (a finding keeps its own text)
_ROW_TEXT = tuple(f.name for f in fields(Row) if f.name != "findings")


Facts = tuple[str, str | None, str | None, str | None, str | None]
"""What a summary counts of a row: verdict, plan, track, rule set and its sha256."""


def facts_of(row: Row) -> Facts:
    return (row.verdict, row.plan, row.track, row.ruleset, row.ruleset_sha256)


@dataclass(frozen=True)
class Piece:
    """One file's rows as a worker sends them when it renders them: the report's text of
    the rows, and what the summary counts of each; a few hundred bytes, whatever the file."""

    text: str
    rows: int
    facts: tuple[Facts, ...]


@dataclass
class Summary:
    files: int = 0
    plans: int = 0
    by_verdict: Counter[str] = field(default_factory=Counter)
    by_track: dict[str, Counter[str]] = field(default_factory=dict)
    rulesets: dict[str, str] = field(default_factory=dict)  # "id version" -> sha256

    def add(self, rows: list[Row]) -> None:
        self.add_facts([facts_of(row) for row in rows])

    def add_facts(self, facts: Sequence[Facts]) -> None:
        """One file's rows, by what the summary counts of each."""
        self.files += 1
        for verdict, plan, track, ruleset, ruleset_sha256 in facts:
            self.by_verdict[verdict] += 1
            if ruleset and ruleset_sha256:
                self.rulesets[ruleset] = ruleset_sha256
            if verdict != ERROR and plan != APPLICANT:
                self.plans += 1
                self.by_track.setdefault(track or "?", Counter())[verdict] += 1

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


def collect(paths: Sequence[str], lang: Lang = "en") -> tuple[list[str], list[Row]]:
    """The files to screen and the error rows for what cannot be (see :func:`gather`)."""
    found = collect_all(paths, lang)
    return found.files, found.problems


def collect_all(paths: Sequence[str], lang: Lang = "en") -> Collected:
    """What :func:`gather` finds, in lists (for batches of a bounded size)."""
    ignored: list[str] = []
    with gather(paths, keep_ignored=ignored, lang=lang) as found:
        return Collected(list(found.files()), found.problems, ignored)


class Gathered:
    """The files of a batch, found before the first is checked and spooled, in order, to an
    anonymous temporary file (removed by the system however the process ends), so that a
    batch of any size costs no memory per file; the error rows; and counts.

    Use it as a context manager, or call :meth:`close`."""

    NOTED = 5  # ignored files named in the notice

    def __init__(self) -> None:
        # closed by close(), or by the system with the process: it has no name to remove
        self._spool: IO[bytes] = tempfile.TemporaryFile(prefix="eligibility-batch-")  # noqa: SIM115
        self.count = 0  # files to screen
        self.problems: list[Row] = []
        self.ignored = 0  # regular files in the folders, not named .toml or .json
        self.ignored_first: list[str] = []  # the first few of them, for a notice
        self.watched: set[str] = set()  # the watched paths that are among the inputs

    def _add(self, path: str) -> None:
        self._spool.write(path.encode("utf-8", "surrogatepass") + b"\0")
        self.count += 1

    def files(self) -> Iterator[str]:
        """The files to screen, in order, read back from the spool as they are wanted (by
        offset, so two readings never disturb each other)."""
        self._spool.flush()
        fd = self._spool.fileno()
        offset = 0
        rest = b""
        while block := self._read(fd, offset):
            offset += len(block)
            *whole, rest = (rest + block).split(b"\0")
            for raw in whole:
                yield raw.decode("utf-8", "surrogatepass")

    def _read(self, fd: int, offset: int) -> bytes:
        if hasattr(os, "pread"):
            return os.pread(fd, 1 << 16, offset)
        self._spool.seek(offset)  # no pread (Windows): the spool's own position, then back
        block = self._spool.read(1 << 16)
        self._spool.seek(0, os.SEEK_END)
        return block

    def close(self) -> None:
        self._spool.close()

    def __enter__(self) -> Gathered:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def gather(
    paths: Sequence[str],
    *,
    watch: Sequence[str] = (),
    keep_ignored: list[str] | None = None,
    lang: Lang = "en",
) -> Gathered:
    """Files to screen from files, folders (recursively) and globs, in the order given,
    each once (the same file reached twice, by a link or another path, is screened once).

    Nothing is skipped silently: a path that names nothing, and every entry in a folder that
    cannot be screened (an unreadable folder, a dangling or looping symlink, a symlink to a
    folder, a FIFO, a device, a socket), becomes an error row. Regular files in a folder that
    are not named .toml or .json are not applications; they are counted (and listed in
    ``keep_ignored`` when given). Each path in ``watch`` (an output, a record) that is one
    of the inputs, by any name, is put in ``watched``.

    The walk streams (:func:`~eligibility.screening.walk.entries`) and no record is kept
    per file, except the identity of a file that can be reached twice: one with hard links,
    one reached through a symlink or named on its own, or every file when several paths
    overlap as only several paths can.
    """
    out = Gathered()
    try:
        _gather(paths, watch, keep_ignored, lang, out)
    except BaseException:
        out.close()
        raise
    return out


def _identity(info: os.stat_result) -> tuple[int, int]:
    return (info.st_dev, info.st_ino)


def _gather(
    paths: Sequence[str],
    watch: Sequence[str],
    keep_ignored: list[str] | None,
    lang: Lang,
    out: Gathered,
) -> None:
    watched: dict[tuple[int, int], str] = {}
    for w in watch:
        with contextlib.suppress(OSError, ValueError):
            watched[_identity(os.stat(w))] = w
    seen: set[tuple[int, int]] = set()
    remember_all = len(paths) > 1  # several paths may overlap, by a name or a mount

    def add(p: str, info: os.stat_result | None, remember: bool) -> None:
        if info is None:
            try:
                info = os.stat(p)
            except (OSError, ValueError):
                out._add(p)  # let the reader say what is wrong with it
                return
        key = _identity(info)
        if key in seen:
            return
        if remember or remember_all or info.st_nlink > 1:
            seen.add(key)
        if key in watched:
            out.watched.add(watched[key])
        out._add(p)

    problems: list[Row] = []
    for path in paths:
        if os.path.isdir(path):
            real_root: str | None = None
            walked: list[tuple[str, Text]] = []  # a folder's problems, sorted as they were
            for entry in entries(path, SUFFIXES):
                if entry.kind is Kind.FILE:
                    if entry.via_symlink and not remember_all:
                        real_root = real_root or os.path.realpath(path)
                        if _walked_before(entry.path, path, real_root):
                            continue  # its target was screened under its own name
                    add(entry.path, entry.info, entry.via_symlink)
                elif entry.kind is Kind.PROBLEM:
                    assert entry.why is not None
                    walked.append((entry.path, entry.why))
                else:
                    out.ignored += 1
                    if len(out.ignored_first) < Gathered.NOTED:
                        out.ignored_first.append(entry.path)
                    if keep_ignored is not None:
                        keep_ignored.append(entry.path)
            walked.sort(key=lambda problem: problem[0])
            problems.extend(
                Row(p, ERROR, error=say.ENTRY.format(path=p, why=why)(lang)) for p, why in walked
            )
        elif os.path.lexists(path):
            add(path, None, True)
        else:
            try:
                matches = sorted(
                    m
                    for m in glob.glob(path, recursive=True)
                    if os.path.isfile(m) and m.lower().endswith(SUFFIXES)
                )
            except RecursionError:
                problems.append(Row(path, ERROR, error=say.SEARCH_TOO_DEEP.format(path=path)(lang)))
                continue
            if not matches:
                problems.append(Row(path, ERROR, error=say.NOTHING_THERE.format(path=path)(lang)))
            for m in matches:
                add(m, None, True)
    out.problems = problems


def _walked_before(link: str, root: str, real_root: str) -> bool:
    """Whether the walk of ``root`` has already met the target of the symlink ``link`` under
    the target's own name: it lies under the root, is named as an application, and its path
    sorts before the link's (the walk goes in path order)."""
    target = os.path.realpath(link)
    if not target.lower().endswith(SUFFIXES):
        return False
    try:
        inside = os.path.commonpath([target, real_root]) == real_root
    except ValueError:
        return False
    if not inside:
        return False
    own_name = os.path.join(root, os.path.relpath(target, real_root))
    return own_name < link


def rows_of(result: Result, *, findings: bool = True) -> list[Row]:
    """One row per plan; applicant problems, when there are any, get a row of their own.
    Each row holds its plan's findings unless ``findings`` is false."""
    ruleset = f"{result.ruleset.id} {result.ruleset.version}"
    rows: list[Row] = []
    groups: list[tuple[str | None, str | None, str, Iterable[Any]]] = []
    problems = [f for f in result.applicant_findings if f.status != "pass"]
    if problems:
        groups.append((APPLICANT, None, verdict_of(problems), problems))
    groups += [(p.id, p.track, p.verdict, p.findings) for p in result.plans]
    for plan, track, verdict, group in groups:
        by_status: dict[str, list[str]] = {"fail": [], "missing": [], "review": []}
        for f in group:
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
                findings=tuple(group) if findings else (),
            )
        )
    return rows


# --- the workers ----------------------------------------------------------------------------


_OPTIONS = Options()
_IN_WORKER = False  # the time limit is set per file in a worker, never in the caller's process
_RENDERER: BatchWriter | None = None  # the worker's writer, for Options.render


def _init(options: Options, parent: int) -> None:
    """Runs once in each worker: limits, and the rule sets loaded before the first file."""
    global _OPTIONS, _IN_WORKER, _RENDERER
    _OPTIONS = options
    _IN_WORKER = True
    if options.render is not None:
        writer, lang, checked_at = options.render
        _RENDERER = writer(io.StringIO(), lang, checked_at)
    _end_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent's handler is not ours
    gc.set_threshold(50_000, 20, 20)  # checking makes many short-lived, acyclic objects
    pin_folders()  # one batch, one view of the rule folders, and no look at them per file
    try:
        if options.ruleset:
            api.load(options.ruleset)
        else:
            api.select_ruleset(options.rules, options.as_of)
    except EligibilityError:
        pass  # reported per file
    if options.memory_limit > 0:  # counted from here: the rule set is loaded
        _limit_memory(options.memory_limit)


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


def _limit_memory(allowed: int) -> None:
    """Let this worker grow by ``allowed`` bytes from what it holds now, by two limits.

    The address space (RLIMIT_AS) alone is not enough. A worker forked from a parent that has
    run threads (the pool that checks a batch's files again after a worker died always is)
    inherits their malloc arenas: address space reserved, and so already counted, but not yet
    writable. When the heap can grow no further, glibc's malloc carries on in such an arena,
    making reserved pages writable, which the address-space limit never sees: a file of 1,000
    plans was checked whole there past a 1 MB limit. The data limit (RLIMIT_DATA, on private
    writable memory; Linux counts that step since 4.7) sees it. Memory the parent wrote and
    freed before the fork stays writable and counted, so no limit sees a worker use it: some
    megabytes where the modules were just compiled from source, more after a caller's own
    threads freed much (the command line runs none before its first pool)."""
    size, data = _memory_in_use()
    resource.setrlimit(resource.RLIMIT_AS, (size + allowed, size + allowed))
    resource.setrlimit(resource.RLIMIT_DATA, (data + allowed, data + allowed))


def _memory_in_use() -> tuple[int, int]:
    """This process's address space and data (VmSize, VmData) in bytes; 0 where /proc
    does not say (the limits then count from nothing)."""
    found = {"VmSize:": 0, "VmData:": 0}
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                name = line[:7]
                if name in found:
                    found[name] = int(line.split()[1]) * 1024
    except OSError:
        pass
    return found["VmSize:"], found["VmData:"]


def screen_file(path: str, options: Options | None = None) -> list[Row]:
    """Check one file for a batch: its rows, or one error row. Never raises."""
    return guarded(
        path, functools.partial(_screened, path), functools.partial(_error_row, path), options
    )


def _screened(path: str, opts: Options) -> list[Row]:
    with file_time_limit(opts):
        result = _check(path, opts)
    if opts.recording is not None:
        # after the time limit: waiting for another writer's turn is not time on the file
        opts.recording.add(result)  # a RecordError makes this file an error row
    return rows_of(result, findings=opts.findings)


def _error_row(path: str, why: str) -> list[Row]:
    return [Row(path, ERROR, error=why)]


_T = TypeVar("_T")


def guarded(
    path: str,
    work: Callable[[Options], _T],
    refused: Callable[[str], _T],
    options: Options | None = None,
) -> _T:
    """``work(options)`` for the file at ``path``, as a batch does every file: a file over its
    time or memory limit, one that cannot be read, one nested too deeply and one that meets a
    defect become ``refused(why)``, a sentence in the batch's language. Never raises.
    (``work`` puts the part the time limit covers in :func:`file_time_limit`.)"""
    opts = options or _OPTIONS
    try:
        return work(opts)
    except TimeLimitExceeded:
        error = describe_time_limit(path, opts.time_limit)
    except MemoryError:
        error = say.OUT_OF_MEMORY.format(path=path, mb=opts.memory_limit // (1024 * 1024))
    except EligibilityError as exc:
        return refused(exc.in_language(opts.lang))
    except RecursionError:
        error = say.NESTED_TOO_DEEPLY.format(path=path)
    except Exception as exc:  # a defect must not end the batch; the row says what happened
        if isinstance(exc, SystemError) and _at_memory_limit(opts):
            # native code that fails to allocate may return without setting MemoryError, and
            # the interpreter raises SystemError ("error return without exception set")
            error = say.OUT_OF_MEMORY.format(path=path, mb=opts.memory_limit // (1024 * 1024))
        else:
            error = say.INTERNAL_ERROR.format(path=path, kind=type(exc).__name__)
    return refused(error(opts.lang))


def _at_memory_limit(opts: Options) -> bool:
    """Whether this worker has all but used up its memory limit: after an allocation failed
    it is within some tens of kilobytes of it, where a check in progress is megabytes away."""
    if not _IN_WORKER or opts.memory_limit <= 0:
        return False
    size, data = _memory_in_use()
    near = min(1024 * 1024, opts.memory_limit // 4)
    for limit, used in ((resource.RLIMIT_AS, size), (resource.RLIMIT_DATA, data)):
        soft = resource.getrlimit(limit)[0]
        if soft != resource.RLIM_INFINITY and soft - used < near:
            return True
    return False


@contextlib.contextmanager
def file_time_limit(opts: Options) -> Iterator[None]:
    """The time limit on one file, in a worker; the caller's own process is never
    interrupted (a library user's loop, a test)."""
    with time_limit(opts.time_limit if _IN_WORKER else None):
        yield


def _check(path: str, opts: Options) -> Result:
    """The check behind a file's rows. A row shows, per plan, the verdict and the rule IDs by
    status, with the file's hash and the rule set, and never a message: where the rows carry
    no findings and nothing is recorded, the check is asked for statuses only, and skips the
    texts that only a report shows (the statuses are the same: tests/checking/
    test_verdict_only.py)."""
    ruleset = api.load(opts.ruleset) if opts.ruleset else None
    with contextlib.nullcontext() if opts.findings or opts.recording else statuses_only():
        return api.check_file(
            path, ruleset, rules=opts.rules, as_of=opts.as_of, max_bytes=opts.max_bytes
        )


def _work(path: str) -> list[Row]:
    return screen_file(path)


def _work_chunk(paths: list[str]) -> list[list[Row]]:
    """A chunk of files checked in one call: one message each way per chunk, not per file."""
    return [screen_file(p) for p in paths]


def piece(writer: BatchWriter, rows: list[Row]) -> Piece:
    """One file's rows as ``writer`` renders them, with what the summary counts."""
    return Piece(writer.render(rows), len(rows), tuple(facts_of(r) for r in rows))


def _render(path: str) -> Piece:
    assert _RENDERER is not None, "the workers render only when Options.render is given"
    return piece(_RENDERER, screen_file(path))


def _render_chunk(paths: list[str]) -> list[Piece]:
    return [_render(p) for p in paths]


CHUNK = 64  # files a worker is given at a time, at most
AHEAD = 2  # chunks in flight per worker: one being checked, one waiting


def run(
    files: Iterable[str], options: Options, jobs: int | None = None, *, count: int | None = None
) -> Iterator[list[Row]]:
    """Each file's rows, in input order, checked by ``jobs`` worker processes (default: one
    per core). ``files`` is read as the workers need more (``count``, when known, sizes the
    chunks), and at most a few chunks' rows are held at once: a batch of any size streams.

    A worker that dies while checking (killed, or crashed in native code), or whose rows
    cannot be sent back (a MemoryError while pickling them), does not stop the batch: the
    files in flight are checked again one by one in a fresh pool, and the one that fails
    again becomes an error row.
    """
    return _stream(files, options, jobs, count, _work, _work_chunk, lambda row: [row])


def run_rendered(
    files: Iterable[str],
    options: Options,
    failed: Callable[[Row], Piece],
    jobs: int | None = None,
    *,
    count: int | None = None,
) -> Iterator[Piece]:
    """As :func:`run`, with each file's rows rendered by the worker that checked them with
    ``options.render``; a file whose worker failed is rendered by ``failed``."""
    if options.render is None:
        raise ValueError("run_rendered needs Options.render")
    return _stream(files, options, jobs, count, _render, _render_chunk, failed)


_Out = TypeVar("_Out")


def run_each(
    files: Sequence[str],
    options: Options,
    one: Callable[[str], _Out],
    many: Callable[[list[str]], list[_Out]],
    failed: Callable[[Row], _Out],
    jobs: int | None = None,
) -> Iterator[_Out]:
    """As :func:`run`, for another job done file by file (``impact``): ``one(path)``, or
    ``many(paths)`` for a chunk, in the batch's workers under its limits, in input order; a
    file whose worker died, or whose result could not come back, is ``failed(row)``. The
    workers are forked and find ``one`` and ``many`` by name, so both are module-level
    functions, and neither raises (:func:`guarded`)."""
    return _stream(files, options, jobs, len(files), one, many, failed)


def _stream(
    files: Iterable[str],
    options: Options,
    jobs: int | None,
    count: int | None,
    one: Callable[[str], _Out],
    many: Callable[[list[str]], list[_Out]],
    failed: Callable[[Row], _Out],
) -> Iterator[_Out]:
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    if count is None and isinstance(files, Sequence):
        count = len(files)
    workers = max(1, jobs or os.cpu_count() or 1)
    if count is not None:
        workers = max(1, min(workers, count))
    # small batches in small chunks, so every worker gets a share; large ones in CHUNK
    share = count if count is not None else CHUNK * workers * 8
    chunk = max(1, min(CHUNK, share // (workers * 8)))
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    gc.freeze()  # what the parent holds is shared with the workers, not copied on first touch
    pending = iter(files)
    suspects: deque[str] = deque()  # in flight when a worker failed: checked one at a time

    def pool(size: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            size, mp_context=context, initializer=_init, initargs=(options, os.getpid())
        )

    while True:
        if suspects:  # one at a time through one worker, so a failure names its file
            with _stopped_on_signal(pool(1)) as single:
                try:
                    while suspects:
                        out = single.submit(one, suspects[0]).result()
                        suspects.popleft()
                        yield out
                    continue
                except BrokenProcessPool:
                    failure = _WORKER_DIED
                except Exception as exc:  # its rows could not come back (MemoryError)
                    failure = _not_sent_back(exc)
                single.shutdown(wait=False, cancel_futures=True)
            path = suspects.popleft()
            error = say.ENTRY.format(path=path, why=failure)(options.lang)
            yield failed(Row(path, ERROR, error=error))
            continue
        flight: deque[tuple[list[str], Future[list[_Out]]]] = deque()
        with _stopped_on_signal(pool(workers)) as executor:
            try:
                while True:
                    while len(flight) < workers * AHEAD:
                        paths = list(itertools.islice(pending, chunk))
                        if not paths:
                            break
                        flight.append((paths, executor.submit(many, paths)))
                    if not flight:
                        return
                    results = flight[0][1].result()
                    flight.popleft()
                    yield from results
            except Exception:  # a worker died, or a chunk's rows could not come back
                suspects.extend(p for paths, _ in flight for p in paths)
            executor.shutdown(wait=False, cancel_futures=True)


def _not_sent_back(exc: BaseException) -> Text:
    return say.NOT_SENT_BACK.format(kind=type(exc).__name__)


@contextlib.contextmanager
def _stopped_on_signal(pool: Any) -> Iterator[Any]:
    """The pool for the block, shut down when it ends. Ctrl-C, SIGTERM or a reader that
    stops, at any moment, ends the workers at once (:func:`_stop_workers`), and that includes
    the pool's own shutdown after the last file: a signal there used to leave the pool half
    wound down, and the interpreter's exit waiting on its manager thread for good."""
    try:
        yield pool
    except BaseException:  # the block's own handlers took what a batch recovers from
        _stop_workers(pool)
        raise
    try:
        pool.shutdown(wait=True)
    except BaseException:
        _stop_workers(pool)
        raise


def _stop_workers(pool: Any) -> None:
    """End the pool's workers at once, rather than wait for the files they hold (each may
    take up to its time limit). The executor has no public way to do this: its process
    table is read defensively."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    results = getattr(pool, "_result_queue", None)  # shutdown() lets go of it
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        with contextlib.suppress(Exception):
            process.terminate()
    for process in processes:
        with contextlib.suppress(Exception):
            process.join(timeout=5)
    # A worker ended while sending its rows leaves part of a message in the result pipe, and
    # the manager thread waits for the rest, for good: the interpreter's exit then waits on it
    # (found by signals sent near the end of a batch). With the workers gone, closing this
    # process's end of the pipe gives the manager end-of-file, and it ends as for a broken
    # pool; what was sent whole is still read first.
    writer = getattr(results, "_writer", None)
    if writer is not None:
        with contextlib.suppress(Exception):
            writer.close()
    # The pool's manager thread closes its wake-up pipe as it ends; one still ending when the
    # interpreter exits is woken through the closed pipe by concurrent.futures' exit hook
    # (Python 3.11), which prints a traceback after the signal's message. Wait for it here.
    if isinstance(manager, threading.Thread):
        manager.join(timeout=5)


_WORKER_DIED = say.WORKER_DIED
