"""Reading a batch from a request: uploaded files and zip archives, bytes in memory only.

A zip's member names are labels, never paths: nothing is written to disk, so a name such as
``../../etc/passwd`` is shown as it is and cannot point anywhere. The limits stop a zip bomb
before it costs memory: the number of members, the bytes all members expand to (counted as
they are read, not taken from the archive's own claims), and how many times larger than its
compressed size a member may grow.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from eligibility.application.reader import too_large
from eligibility.messages import files as say
from eligibility.server.library import SUFFIXES, WORKBOOK_SUFFIXES, Upload
from eligibility.server.problems import Problem
from eligibility.text import Text

MAX_MEMBERS = 1000  # files in one batch, uploads and zip members together
MAX_EXPANDED = 64 * 1024 * 1024  # bytes all members of the zips in a batch expand to
MAX_RATIO = 100  # a member may expand to this many times its compressed size (beyond 64 KiB)
_RATIO_FLOOR = 64 * 1024  # small members compress well and are harmless
_READ = 64 * 1024
MAX_NAME = 255


@dataclass(frozen=True)
class Limits:
    max_bytes: int  # one application file, as the command line reads it
    max_members: int = MAX_MEMBERS
    max_expanded: int = MAX_EXPANDED
    max_ratio: int = MAX_RATIO


@dataclass
class Batch:
    uploads: list[Upload]
    refused: list[tuple[str, Text]]  # (name, message) of members not read (too big, encrypted)


def label(name: str | None, fallback: str) -> str:
    """An uploaded file's name as a label: its last part, without control characters."""
    text = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(ch for ch in text if ch.isprintable())[:MAX_NAME]
    return text or fallback


def is_zip(name: str, data: bytes) -> bool:
    """A batch archive to open here. A workbook is a zip too, but it is one application:
    the library unpacks it, under its own zip-bomb and macro limits."""
    lower = name.lower()
    if lower.endswith(WORKBOOK_SUFFIXES):
        return False
    return lower.endswith(".zip") or data[:4] == b"PK\x03\x04"


def batch(files: Iterable[tuple[str, bytes]], limits: Limits) -> Batch:
    """The applications in uploaded files, each zip opened in memory."""
    out = Batch([], [])
    expanded = 0
    for name, data in files:
        if is_zip(name, data):
            expanded = _members(name, data, limits, out, expanded)
        else:
            out.uploads.append(Upload(name, data))
        if len(out.uploads) + len(out.refused) > limits.max_members:
            raise _too_many(limits)
    return out


def _too_many(limits: Limits) -> Problem:
    return Problem(
        413, "batch-too-large", f"more than {limits.max_members:,} files in one batch; split it"
    )


def _members(zip_name: str, data: bytes, limits: Limits, out: Batch, expanded: int) -> int:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise Problem(
            422, "unreadable-zip", f"{zip_name}: not a readable zip file ({exc})"
        ) from exc
    with archive:
        if len(infos) > limits.max_members:
            raise _too_many(limits)
        for info in infos:
            name = "".join(ch for ch in info.filename if ch.isprintable())[:MAX_NAME]
            if info.is_dir() or not name.lower().endswith((*SUFFIXES, *WORKBOOK_SUFFIXES)):
                continue  # as `screen` reads a folder: .toml, .json and .xlsx files only,
                # and a macro-enabled .xlsm, to be refused in a row of its own
            if name.rsplit("/", 1)[-1].startswith("._") or name.startswith("__MACOSX/"):
                continue  # resource forks an archiver on macOS adds
            shown = f"{zip_name}:{name}"
            if info.flag_bits & 0x1:
                out.refused.append((shown, say.ENCRYPTED.format(name=shown)))
                continue
            content, expanded = _read_member(archive, info, shown, limits, expanded)
            if content is None:
                out.refused.append((shown, too_large(shown, limits.max_bytes)))
                continue
            out.uploads.append(Upload(shown, content))
    return expanded


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, shown: str, limits: Limits, expanded: int
) -> tuple[bytes | None, int]:
    """The member's bytes (``None`` when it is larger than one file may be), counting what it
    expands to against the batch's limits as it is read."""
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as member:
            while True:
                chunk = member.read(_READ)
                if not chunk:
                    break
                size += len(chunk)
                expanded += len(chunk)
                if expanded > limits.max_expanded:
                    raise Problem(
                        413,
                        "zip-too-large",
                        f"the zip files expand to more than {limits.max_expanded:,} bytes; "
                        "split the batch",
                    )
                if size > _RATIO_FLOOR and size > limits.max_ratio * max(info.compress_size, 1):
                    raise Problem(
                        413,
                        "zip-bomb",
                        f"{shown}: expands more than {limits.max_ratio} times its compressed "
                        "size; refused as a zip bomb",
                    )
                if size > limits.max_bytes:
                    return None, expanded
                chunks.append(chunk)
    except (
        zipfile.BadZipFile,
        OSError,
        ValueError,
        EOFError,
        RuntimeError,
        NotImplementedError,
    ) as exc:
        raise Problem(
            422, "unreadable-zip", f"{shown}: cannot be read from the zip ({exc})"
        ) from exc
    return b"".join(chunks), expanded
