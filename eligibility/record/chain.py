"""The hash chain: what a decision's hash covers, and how it is computed.

A decision's hash is the SHA-256 of a canonical serialisation of its content together with
the hash of the decision before it (:data:`GENESIS` for the first), so changing, removing,
adding or moving any decision changes what the next one should point at. The serialisation is
JSON with sorted keys, no spaces and UTF-8 text, over exactly the fields in
:data:`CONTENT_FIELDS`; the position (``seq``) is not covered, since the chain itself is the
order. The kept input is covered through its SHA-256 (``input_sha256``) and ``input_kept``.

Changing any of this changes every hash: bump :data:`CHAIN_FORMAT` and keep the old rule for
reading old files.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

CHAIN_FORMAT = 1
GENESIS = "0" * 64  # what the first decision points at

CONTENT_FIELDS = (
    "id",
    "recorded_at",
    "tool_version",
    "ruleset_id",
    "ruleset_version",
    "ruleset_sha256",
    "ruleset_folder",
    "input_name",
    "input_sha256",
    "input_kept",
    "verdict",
    "applicant",
    "result",
    "lang",
    "reviewer",
    "note",
)


def canonical(content: Mapping[str, object], prev_hash: str) -> bytes:
    """The bytes a decision's hash is taken over."""
    doc = {key: content[key] for key in CONTENT_FIELDS}
    doc["chain_format"] = CHAIN_FORMAT
    doc["prev_hash"] = prev_hash
    text = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.encode("utf-8")


def decision_hash(content: Mapping[str, object], prev_hash: str) -> str:
    """The hex SHA-256 that chains a decision with this content after ``prev_hash``."""
    return hashlib.sha256(canonical(content, prev_hash)).hexdigest()
