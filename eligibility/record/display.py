"""Decisions as a person reads them on a terminal: a list, and one decision in full.

Everything that came from an application or a person (file names, the applicant, the
reviewer, the note, messages quoting values) is shown through :func:`printable`, so no stored
text can move the cursor, clear the screen or reorder a line with bidirectional controls.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from eligibility.record.store import Decision, plans_of

# controls (C0, C1, DEL), format characters (bidirectional marks, embeddings, overrides and
# isolates, zero-width characters, the byte-order mark, tags), line and paragraph separators,
# and surrogates: none of them may reach a terminal from stored text
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
_PLAIN = re.compile(r"[ -~]*")  # printable ASCII: the common case, passed through as it is


_COLUMNS = (
    ("#", 5),
    ("id", 8),
    ("recorded (UTC)", 19),
    ("verdict", 10),
    ("applicant", 24),
    ("rule set", 26),
    ("reviewer", 12),
    ("input", 5),
)
_TAIL = "file"  # last and whole: a reviewer must see which file it was


def printable(text: str) -> str:
    """``text`` with every control, bidi or invisible format character shown as ``\\uXXXX``
    (``\\UXXXXXXXX`` beyond the BMP)."""
    if _PLAIN.fullmatch(text):
        return text
    return "".join(
        _escaped(c) if unicodedata.category(c) in _UNSAFE_CATEGORIES else c for c in text
    )


def _escaped(c: str) -> str:
    code = ord(c)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def list_lines(decisions: Iterable[Decision]) -> Iterator[str]:
    """A header, then one line per decision; the last line counts them."""
    yield _line([name for name, _ in _COLUMNS], _TAIL)
    yield _line(["-" * width for _, width in _COLUMNS], "-" * 8)
    count = 0
    for d in decisions:
        count += 1
        cells = [
            str(d.seq),
            d.id[:8],
            d.recorded_at[:19].replace("T", " "),
            d.verdict,
            d.applicant or "",
            f"{d.ruleset_id} {d.ruleset_version}",
            d.reviewer,
            "kept" if d.input_kept else "-",
        ]
        yield _line(cells, d.input_name)
    yield ""
    yield f"decisions: {count}"


def _line(cells: list[str], tail: str) -> str:
    fitted = [_fit(printable(c), w) for c, (_, w) in zip(cells, _COLUMNS, strict=True)]
    return "  ".join([*fitted, printable(tail)]).rstrip()


def _fit(text: str, width: int) -> str:
    """Pad or cut ``text`` to ``width`` terminal columns (wide CJK characters take two)."""
    out, used = "", 0
    for ch in text:
        w = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        if used + w > width:
            while out and used + 1 > width:  # room for the ellipsis
                used -= 2 if unicodedata.east_asian_width(out[-1]) in ("W", "F") else 1
                out = out[:-1]
            return out + "…" + " " * (width - used - 1)
        out += ch
        used += w
    return out + " " * (width - used)


def show_text(d: Decision) -> str:
    """One decision in full: what it stands on, then every finding, then its place in the
    chain."""
    doc = d.result_doc()
    rows: list[tuple[str, str]] = [
        ("decision", f"#{d.seq} {d.id}"),
        ("recorded at", d.recorded_at),
        ("verdict", d.verdict),
        ("applicant", d.applicant or "-"),
        ("input", d.input_name),
        ("input sha256", d.input_sha256),
        ("input kept", "yes" if d.input_kept else "no"),
        ("rule set", f"{d.ruleset_id} {d.ruleset_version}"),
        ("rule set sha256", d.ruleset_sha256),
        ("rule set folder", d.ruleset_folder),
        ("tool", f"eligibility {d.tool_version}"),
        ("reviewer", d.reviewer),
        ("note", d.note or "-"),
    ]
    lines = [f"{label}: {value}" for label, value in rows]
    applicant = doc.get("applicant")
    if isinstance(applicant, dict):
        lines += _findings("[applicant]", applicant.get("findings"))
    for plan in plans_of(doc):
        head = f"[{plan.get('id')}] {plan.get('track') or '?'}: {plan.get('verdict')}"
        lines += _findings(head, plan.get("findings"))
    lines += ["", f"previous hash: {d.prev_hash}", f"hash: {d.hash}"]
    return "\n".join(printable(line) for line in lines) + "\n"


def _findings(head: str, findings: Any) -> list[str]:
    if not findings and head == "[applicant]":
        return []
    lines = ["", head]
    for f in findings if isinstance(findings, list) else []:
        if isinstance(f, dict):
            lines.append(f"  {f.get('status', '?')!s:<7} {f.get('rule', '?')}")
            if f.get("message"):
                lines.append(f"      {f['message']}")
    return lines


def show_json(d: Decision) -> str:
    from eligibility.record.export import decision_doc

    return json.dumps(decision_doc(d), ensure_ascii=False, indent=2) + "\n"
