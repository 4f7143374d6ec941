"""Reading one file of a rule set: bounded bytes in, a TOML table or one clear problem out.

Rule files are written by people and may sit in shared folders, so they are read as
untrusted as an application is: only a regular file (a FIFO would block the reader
forever), at most :data:`MAX_BYTES`, UTF-8, nested at most :data:`MAX_DEPTH` levels
(measured by a flat scan before the TOML parser, which recurses once per level: 5,000 nested
arrays ended ``rules check`` with a RecursionError).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from eligibility import toml_parser
from eligibility.application.reader import line_and_column, toml_nesting_beyond

MAX_BYTES = 4 * 1024 * 1024  # one rule file; the shipped ones are a few kB
MAX_DEPTH = 16  # levels of tables and arrays; a rule file needs four at most


class RuleFileError(ValueError):
    """A rule file that cannot be read; the message says why, without the file's name."""


def read_rule_file(path: Path) -> bytes:
    """The bytes of the rule file at ``path``; RuleFileError if it is not a regular file
    or is larger than :data:`MAX_BYTES`."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise RuleFileError(f"cannot be read: {exc.strerror}") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RuleFileError("not a regular file")
        if info.st_size > MAX_BYTES:
            raise RuleFileError(f"{info.st_size:,} bytes; a rule file has at most {MAX_BYTES:,}")
        with os.fdopen(os.dup(fd), "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise RuleFileError(f"cannot be read: {exc.strerror}") from exc
    finally:
        os.close(fd)
    if len(raw) > MAX_BYTES:
        raise RuleFileError(f"more than {MAX_BYTES:,} bytes; a rule file has at most that")
    return raw


def parse_rule_toml(raw: bytes) -> dict[str, Any]:
    """``raw`` parsed as TOML; RuleFileError saying where, if it is not valid or too deep."""
    if len(raw) > MAX_BYTES:
        raise RuleFileError(f"{len(raw):,} bytes; a rule file has at most {MAX_BYTES:,}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        reason = f"{exc.reason} at byte {exc.start}"
        raise RuleFileError(f"not valid TOML: not UTF-8 ({reason})") from exc
    at = toml_nesting_beyond(text, MAX_DEPTH)
    if at is not None:
        line, column = line_and_column(text, at)
        raise RuleFileError(
            f"line {line}, column {column}: nested more than {MAX_DEPTH} levels deep; "
            "a rule file needs only a few levels of tables"
        )
    try:
        return toml_parser.loads(text)
    except toml_parser.TOMLDecodeError as exc:
        raise RuleFileError(f"not valid TOML: {exc}") from exc
    except RecursionError as exc:  # the scan above should make this unreachable
        raise RuleFileError(f"nested more than {MAX_DEPTH} levels deep") from exc
    except ValueError as exc:  # int() refusing a number of thousands of digits
        raise RuleFileError("not valid TOML: a number has too many digits") from exc
