"""The decision record on disk: one SQLite file, appended to by any number of processes.

Each append is one ``BEGIN IMMEDIATE`` transaction that reads the chain's head, inserts the
decision chained to it and moves the head: SQLite lets one writer at a time into such a
transaction (the others wait, up to the busy timeout), so concurrent writers — the workers of
``screen``, of a server — still make one linear chain. The file is in WAL mode, so readers
(``record list``, ``verify``) never block a writer, and with ``synchronous=FULL`` a decision
that was committed survives a crash or a killed process.

Everything from an application (its file name, the applicant's name) is stored as data through
parameters, never as SQL text.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import os
import sqlite3
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eligibility import __version__
from eligibility.checking.result import Result
from eligibility.errors import EligibilityError
from eligibility.record.chain import CONTENT_FIELDS, GENESIS, decision_hash
from eligibility.rendering.result import result_dict
from eligibility.text import Lang

APPLICATION_ID = 0x454C4731  # "ELG1": marks a SQLite file as a decision record
SCHEMA_VERSION = 1
DEFAULT_BUSY_TIMEOUT = 60.0  # seconds a writer waits for another's transaction
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"  # UTC; sorts as text in time order

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS decisions (
    seq INTEGER PRIMARY KEY,          -- position in the chain: 1, 2, 3, ...
    id TEXT NOT NULL UNIQUE,          -- the decision id (a UUID)
    recorded_at TEXT NOT NULL,        -- UTC, TIME_FORMAT
    tool_version TEXT NOT NULL,
    ruleset_id TEXT NOT NULL,
    ruleset_version TEXT NOT NULL,
    ruleset_sha256 TEXT NOT NULL,
    ruleset_folder TEXT NOT NULL,
    input_name TEXT NOT NULL,         -- the file name as given to the tool
    input_sha256 TEXT NOT NULL,
    input_kept INTEGER NOT NULL,      -- 1 when the bytes are in `input`
    input BLOB,                       -- the application file's bytes, when kept
    verdict TEXT NOT NULL,
    applicant TEXT,
    result TEXT NOT NULL,             -- the result as the contract's JSON
    lang TEXT NOT NULL,               -- the language of the result's messages
    reviewer TEXT NOT NULL,
    note TEXT NOT NULL,
    prev_hash TEXT NOT NULL,          -- the hash of the decision before (or GENESIS)
    hash TEXT NOT NULL                -- see eligibility.record.chain
);
CREATE INDEX IF NOT EXISTS decisions_input ON decisions (input_sha256);
CREATE INDEX IF NOT EXISTS decisions_time ON decisions (recorded_at);
CREATE TABLE IF NOT EXISTS head (     -- the chain's last decision, moved by every append
    one INTEGER PRIMARY KEY CHECK (one = 1),
    seq INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT OR IGNORE INTO head (one, seq, hash) VALUES (1, 0, '{GENESIS}');
"""

_COLUMNS = ("seq", *CONTENT_FIELDS, "prev_hash", "hash")


class RecordError(EligibilityError):
    """A decision record that cannot be opened, read or written."""


@dataclass(frozen=True)
class Decision:
    """One recorded decision, as stored (``result`` is the contract's JSON text)."""

    seq: int
    id: str
    recorded_at: str
    tool_version: str
    ruleset_id: str
    ruleset_version: str
    ruleset_sha256: str
    ruleset_folder: str
    input_name: str
    input_sha256: str
    input_kept: bool
    verdict: str
    applicant: str | None
    result: str
    lang: str
    reviewer: str
    note: str
    prev_hash: str
    hash: str
    input: bytes | None = field(default=None, repr=False)

    def content(self) -> dict[str, Any]:
        """The fields the chain's hash covers."""
        return {key: getattr(self, key) for key in CONTENT_FIELDS}

    def result_doc(self) -> dict[str, Any]:
        """The recorded result, parsed (an empty dict if the text is not JSON)."""
        try:
            doc = json.loads(self.result)
        except ValueError:
            return {}
        return doc if isinstance(doc, dict) else {}


def plans_of(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The plans of a recorded result, skipping anything that is not one (a result edited
    by hand is still shown, and ``verify`` says it was edited)."""
    plans = doc.get("plans")
    return [p for p in plans if isinstance(p, dict)] if isinstance(plans, list) else []


@dataclass(frozen=True)
class Filters:
    """Which decisions to list or export; every filter given must match (None: any)."""

    applicant: str | None = None  # part of the applicant's name, any case
    input_sha256: str | None = None  # the input's SHA-256, or its first hex digits
    verdicts: tuple[str, ...] = ()
    since: dt.datetime | None = None  # recorded at or after
    until: dt.datetime | None = None  # recorded before
    ruleset: str | None = None  # rule set id, version, "id version" or a sha256 prefix
    ruleset_sha256: str | None = None  # exactly this rule set
    reviewer: str | None = None
    input_name: str | None = None  # part of the file name


def os_user() -> str:
    """Who is running the tool, as the operating system says."""
    try:
        return getpass.getuser()
    except Exception:  # no login name in the environment or the user database
        return f"uid {os.getuid()}" if hasattr(os, "getuid") else "unknown"


def text_safe(text: str) -> str:
    """``text`` storable as UTF-8: bytes of a file name that are not UTF-8 (which Python
    carries as lone surrogates) become visible escapes instead of an encoding error."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def utc_text(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime(TIME_FORMAT)


class Recorder:
    """An open decision record. Use :func:`eligibility.record.open` to get one."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn

    # --- writing ---------------------------------------------------------------------------

    def add(
        self,
        result: Result,
        *,
        reviewer: str | None = None,
        note: str = "",
        input_bytes: bytes | None = None,
        lang: Lang = "en",
    ) -> Decision:
        """Record ``result`` as a new decision at the end of the chain and return it.

        ``input_bytes``, when given, are kept with the decision (so that ``record recheck``
        can run it again); they must be the bytes that were checked (their SHA-256 is the
        result's). ``reviewer`` defaults to the OS user. Raises :class:`RecordError`.
        """
        if result.file_sha256 is None:
            raise RecordError(f"{text_safe(result.file)}: no SHA-256 of the input; not recorded")
        if (
            input_bytes is not None
            and hashlib.sha256(input_bytes).hexdigest() != result.file_sha256
        ):
            raise RecordError(
                f"{text_safe(result.file)}: the bytes to keep are not the bytes that were "
                "checked (the file changed?); not recorded"
            )
        name = text_safe(result.file)
        doc = result_dict(result, lang)
        doc["file"] = name
        rs = result.ruleset
        content: dict[str, Any] = {
            "id": str(uuid.uuid4()),
            "tool_version": __version__,
            "ruleset_id": rs.id,
            "ruleset_version": rs.version,
            "ruleset_sha256": rs.sha256,
            "ruleset_folder": text_safe(os.path.abspath(rs.path)),
            "input_name": name,
            "input_sha256": result.file_sha256,
            "input_kept": input_bytes is not None,
            "verdict": result.verdict,
            "applicant": None
            if result.applicant_name is None
            else text_safe(result.applicant_name),
            "result": text_safe(json.dumps(doc, ensure_ascii=False)),
            "lang": lang,
            "reviewer": text_safe(reviewer if reviewer else os_user()),
            "note": text_safe(note),
        }
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                head = conn.execute("SELECT seq, hash FROM head").fetchone()
                if head is None:
                    raise RecordError(
                        f"{self.path}: the chain's head is missing (the file was edited by "
                        "hand?); run `eligibility record verify`; not recorded"
                    )
                seq, prev_hash = int(head[0]) + 1, str(head[1])
                # the time is taken holding the write lock, so the chain is in time order
                content["recorded_at"] = utc_text(dt.datetime.now(dt.UTC))
                digest = decision_hash(content, prev_hash)
                values = {**content, "seq": seq, "prev_hash": prev_hash, "hash": digest}
                conn.execute(
                    f"INSERT INTO decisions ({', '.join(_COLUMNS)}, input) "
                    f"VALUES ({', '.join('?' * (len(_COLUMNS) + 1))})",
                    [*(values[c] for c in _COLUMNS), input_bytes],
                )
                conn.execute("UPDATE head SET seq = ?, hash = ?", (seq, digest))
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.IntegrityError as exc:
            raise RecordError(
                f"{self.path}: the chain does not take a new decision ({exc}); the file was "
                "changed by hand? Run `eligibility record verify`; not recorded"
            ) from exc
        except sqlite3.Error as exc:
            raise RecordError(f"{self.path}: {_sqlite_reason(exc)}; not recorded") from exc
        return Decision(**values, input=input_bytes)

    # --- reading ---------------------------------------------------------------------------

    def decisions(
        self, filters: Filters | None = None, *, with_input: bool = False
    ) -> Iterator[Decision]:
        """The decisions that match ``filters``, in chain order (streamed)."""
        where, params = _where(filters or Filters())
        columns = ", ".join((*_COLUMNS, "input" if with_input else "NULL"))
        sql = f"SELECT {columns} FROM decisions {where} ORDER BY seq"
        try:
            for row in self._conn.execute(sql, params):
                yield _decision(row)
        except sqlite3.Error as exc:
            raise RecordError(f"{self.path}: {_sqlite_reason(exc)}") from exc

    def get(self, ref: str, *, with_input: bool = False) -> Decision:
        """The decision ``ref`` names: its number in the chain (``#12``, or ``12`` when no id
        starts with those digits too), its id, or the first characters of its id (at least
        4, enough to be unique)."""
        ref = ref.strip()
        number = ref.removeprefix("#")
        by_number = number.isdigit() and number.isascii()
        by_id = not ref.startswith("#") and len(ref) >= 4
        if not by_number and not by_id:
            raise RecordError(
                f"{ref!r}: give a decision's number or at least 4 characters of its id"
            )
        columns = ", ".join((*_COLUMNS, "input" if with_input else "NULL"))
        rows: list[Any] = []
        try:
            if by_number:
                rows += self._conn.execute(
                    f"SELECT {columns} FROM decisions WHERE seq = ?", (int(number),)
                ).fetchall()
            if by_id:  # a UUID can start with digits only: "12345678" may be either
                rows += self._conn.execute(
                    f"SELECT {columns} FROM decisions WHERE substr(id, 1, ?) = ? LIMIT 2",
                    (len(ref), ref.lower()),
                ).fetchall()
        except sqlite3.Error as exc:
            raise RecordError(f"{self.path}: {_sqlite_reason(exc)}") from exc
        found = {row[0]: row for row in rows}  # by seq: the same decision found both ways
        if not found:
            raise RecordError(f"{self.path}: no decision {ref!r}")
        if len(found) > 1:
            hint = f"#{number} for the number, or more of the id" if by_number else "more of it"
            raise RecordError(f"{self.path}: {ref!r} names more than one decision; give {hint}")
        return _decision(next(iter(found.values())))

    def head(self) -> tuple[int, str] | None:
        """The chain's head as the file states it: (seq, hash), or None when it is missing."""
        try:
            row = self._conn.execute("SELECT seq, hash FROM head").fetchone()
        except sqlite3.Error as exc:
            raise RecordError(f"{self.path}: {_sqlite_reason(exc)}") from exc
        return None if row is None else (int(row[0]), str(row[1]))

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Recorder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_record(
    path: str | os.PathLike[str],
    *,
    create: bool = True,
    busy_timeout: float = DEFAULT_BUSY_TIMEOUT,
) -> Recorder:
    """Open the decision record at ``path`` (creating it when ``create``), ready for any
    number of concurrent writers and readers. Raises :class:`RecordError`."""
    where = Path(path)
    if where.is_dir():
        raise RecordError(f"{where}: is a directory; give the record's file name")
    if not create and not where.exists():
        raise RecordError(f"{where}: no such decision record")
    try:
        # autocommit: every transaction is begun and ended here, explicitly
        conn = sqlite3.connect(where, timeout=busy_timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise RecordError(f"{where}: cannot open: {_sqlite_reason(exc)}") from exc
    # text that is not UTF-8 (put there by hand) is read with its bytes shown, not refused,
    # so that `verify` can name the decision (its hash no longer matches)
    conn.text_factory = _text
    try:
        _prepare(conn, where, create, time.monotonic() + busy_timeout)
    except sqlite3.OperationalError as exc:
        conn.close()
        raise RecordError(f"{where}: {_sqlite_reason(exc)}") from exc
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise RecordError(f"{where}: not a decision record ({_sqlite_reason(exc)})") from exc
    except BaseException:
        conn.close()
        raise
    return Recorder(where, conn)


def _prepare(conn: sqlite3.Connection, where: Path, create: bool, deadline: float) -> None:
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    missing = [t for t in ("decisions", "head") if t not in tables]
    if app_id == APPLICATION_ID and missing:
        raise RecordError(
            f"{where}: a decision record whose {' and '.join(missing)} table was removed (edited "
            "by hand); it can be neither verified nor added to"
        )
    if app_id not in (0, APPLICATION_ID) or (tables and missing):
        raise RecordError(f"{where}: a SQLite file, but not a decision record")
    _use_wal(conn, where, deadline)
    conn.execute("PRAGMA synchronous = FULL")  # a committed decision survives a power cut
    if missing:
        if not create:
            raise RecordError(f"{where}: not a decision record (no decisions table)")
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise RecordError(
            f"{where}: written by a newer eligibility (record format {version}); upgrade to read it"
        )


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "backslashreplace")


def _use_wal(conn: sqlite3.Connection, where: Path, deadline: float) -> None:
    """Switch the file to WAL mode. The switch takes the file for itself and, unlike other
    statements, does not wait for a busy file: when several processes open a new record at
    once, the others retry until the first has switched it."""
    while True:
        try:
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.OperationalError as exc:
            if not _busy(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)
            continue
        if mode != "wal":
            raise RecordError(
                f"{where}: cannot use SQLite's WAL mode here ({mode}); keep the record on a "
                "local disk"
            )
        return


def _busy(exc: sqlite3.Error) -> bool:
    text = str(exc)
    return "locked" in text or "busy" in text


def _where(f: Filters) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if f.applicant:
        clauses.append("instr(lower(coalesce(applicant, '')), lower(?)) > 0")
        params.append(f.applicant)
    if f.input_name:
        clauses.append("instr(input_name, ?) > 0")
        params.append(f.input_name)
    if f.input_sha256:
        clauses.append("substr(input_sha256, 1, ?) = ?")
        params += [len(f.input_sha256), f.input_sha256.lower()]
    if f.verdicts:
        clauses.append(f"verdict IN ({', '.join('?' * len(f.verdicts))})")
        params += list(f.verdicts)
    if f.since is not None:
        clauses.append("recorded_at >= ?")
        params.append(utc_text(f.since))
    if f.until is not None:
        clauses.append("recorded_at < ?")
        params.append(utc_text(f.until))
    if f.ruleset:
        wanted = f.ruleset.strip()
        clauses.append(
            "(ruleset_id = ? OR ruleset_version = ? OR ruleset_id || ' ' || ruleset_version = ?"
            " OR (length(?) >= 4 AND substr(ruleset_sha256, 1, length(?)) = lower(?)))"
        )
        params += [wanted] * 6
    if f.ruleset_sha256:
        clauses.append("ruleset_sha256 = ?")
        params.append(f.ruleset_sha256)
    if f.reviewer:
        clauses.append("reviewer = ?")
        params.append(f.reviewer)
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), params


def _decision(row: Sequence[Any]) -> Decision:
    values = dict(zip((*_COLUMNS, "input"), row, strict=True))
    values["input_kept"] = bool(values["input_kept"])
    return Decision(**values)


def _sqlite_reason(exc: sqlite3.Error) -> str:
    text = str(exc)
    if _busy(exc):
        return "busy: another process held the record longer than the wait allowed"
    return text
