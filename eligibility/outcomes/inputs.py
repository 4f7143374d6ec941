"""Input files: which files to read, and each one read as untrusted bytes into a parsed
document of one of three kinds, told apart by its top-level table.

- a status report (``[report]``): one operator, one fiscal year;
- program statistics (``[statistics]``): figures by fiscal year, EV models heard of;
- stage-gate results (``[stage_gates]``): the program's ステージゲート審査 of motors.

A file that cannot be read at all raises an :class:`~eligibility.errors.EligibilityError`
whose message starts with the file name; what is wrong inside a readable file is left to the
readers of each kind, as findings.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from eligibility.application.corporate_number import normalize as corporate_number_normalize
from eligibility.application.reader import DEFAULT_MAX_BYTES, parse_document_bytes, read_file
from eligibility.errors import EligibilityError
from eligibility.messages import screening as walk_words
from eligibility.outcomes.screening_rules import fold_name
from eligibility.screening.walk import walk
from eligibility.text import Text

MAX_FILES = 1000


class OutcomesError(EligibilityError):
    """An outcomes input that cannot be used at all: not a report, statistics or stage gates."""


class InputKind(StrEnum):
    REPORT = "report"
    STATISTICS = "statistics"
    STAGE_GATES = "stage_gates"


@dataclass(frozen=True)
class InputFile:
    path: str
    kind: InputKind
    sha256: str
    data: dict[str, Any]
    notices: tuple[Text, ...] = ()


_WHAT_INPUTS = (
    "a status report has a [report] table, program statistics a [statistics] table, "
    "stage-gate results a [stage_gates] table (see docs/OUTCOMES.md)"
)


def read_input(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> InputFile:
    """Read one input file, or raise an EligibilityError."""
    name, suffix, raw = read_file(path, max_bytes=max_bytes)
    return parse_input_bytes(raw, name, suffix=suffix, max_bytes=max_bytes)


def parse_input_bytes(
    raw: bytes, name: str, *, suffix: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> InputFile:
    """Read an input file from ``raw``, the bytes of file ``name``."""
    doc = parse_document_bytes(raw, name, suffix=suffix, empty=_WHAT_INPUTS, max_bytes=max_bytes)
    if not isinstance(doc.data, dict):
        raise OutcomesError(f"{name}: the top level is not a table: {_WHAT_INPUTS}")
    kinds = [k for k in InputKind if k in doc.data]
    if len(kinds) != 1:
        found = " and ".join(f"[{k}]" for k in kinds)
        raise OutcomesError(
            f"{name}: "
            + (f"{found} in one file" if kinds else "no [report], [statistics] or [stage_gates]")
            + f": {_WHAT_INPUTS}"
        )
    return InputFile(name, kinds[0], doc.sha256, doc.data, doc.notices)


def input_paths(paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """The files to read: each file as given, each folder's .toml and .json files (recursive)."""
    out: list[str] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            walked = walk(str(path), (".toml", ".json"))  # iterative: any depth of folders
            if walked.problems:  # an entry that cannot be read is never passed over
                where, why = walked.problems[0]
                raise OutcomesError(walk_words.ENTRY.format(path=where, why=why))
            found = [f for f, _ in walked.files]
            if not found:
                raise OutcomesError(f"{p}: no .toml or .json files in this folder")
            out.extend(found)
        else:
            out.append(os.fspath(p))
        if len(out) > MAX_FILES:
            raise OutcomesError(f"{p}: more than {MAX_FILES:,} files; give fewer at a time")
    return list(dict.fromkeys(out))


def operator_key(name: str, corporate_number: Any) -> str:
    """Files about one operator go together: by 法人番号 when given, else by folded name."""
    if isinstance(corporate_number, str) and corporate_number.strip():
        return "#" + corporate_number_normalize(corporate_number)
    return fold_name(name)
