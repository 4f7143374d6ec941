"""Checking a decision record's chain: is every decision as it was recorded, in its place?

Walking the decisions in order, each one must (1) still hash to its stored hash — else it was
*edited* after it was recorded; (2) point at the decision before it — else one was *deleted*
before it (a gap in the numbers, or a link to a hash no longer in the file), one was *inserted*
(it points further back), or it was *moved* (it points at a decision that comes later); and
(3) hold, when its input was kept, the bytes its ``input_sha256`` names. The last decision
must be the head the file records, which catches decisions deleted from or added at the end.

What the chain cannot see is a file rewritten from the start with every hash recomputed: for
that, keep the head hash that ``record verify`` prints somewhere else (the call's file, an
e-mail) and later pass it to ``--expect``; the chain must still contain it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from eligibility.record.chain import GENESIS, decision_hash
from eligibility.record.store import Decision, Recorder


@dataclass(frozen=True)
class Problem:
    """One break in the chain, naming the decision where it shows."""

    kind: str  # edited, deleted, inserted, moved, replaced, input, head, expected
    seq: int | None
    id: str | None
    message: str


@dataclass
class Verification:
    decisions: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS
    problems: list[Problem] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class _Link:
    seq: int
    id: str
    hash: str
    prev_hash: str


def verify(recorder: Recorder, expect: str | None = None) -> Verification:
    """Check the whole chain of ``recorder``; every problem is reported, not just the first."""
    out = Verification()
    links: list[_Link] = []
    for d in recorder.decisions(with_input=True):  # streamed: one decision in memory at a time
        if _recomputed(d) != d.hash:
            out.problems.append(
                Problem(
                    "edited",
                    d.seq,
                    d.id,
                    f"{_name(d)}: edited — its content no longer matches the hash it was "
                    "recorded with",
                )
            )
        if (d.input_kept or d.input is not None) and (
            d.input is None or hashlib.sha256(d.input).hexdigest() != d.input_sha256
        ):
            out.problems.append(
                Problem(
                    "input",
                    d.seq,
                    d.id,
                    f"{_name(d)}: its kept input was changed (the bytes no longer match the "
                    "input's sha256)",
                )
            )
        links.append(_Link(d.seq, d.id, d.hash, d.prev_hash))
    out.problems += _link_problems(links)
    last = links[-1] if links else None
    out.decisions = len(links)
    out.head_seq, out.head_hash = (last.seq, last.hash) if last else (0, GENESIS)
    _check_head(recorder, out.head_seq, out.head_hash, out)
    known = {link.hash for link in links} | {GENESIS}
    if expect is not None and expect.strip().lower() not in known:
        out.problems.append(
            Problem(
                "expected",
                None,
                None,
                f"the hash {expect.strip()} is not in the chain: the record was rewritten or "
                "cut short since that hash was noted",
            )
        )
    out.problems.sort(key=lambda p: (p.seq is None, p.seq or 0))
    return out


def _link_problems(links: list[_Link]) -> list[Problem]:
    problems: list[Problem] = []
    position = {link.hash: i for i, link in enumerate(links)}
    explained: set[int] = set()  # links broken only because a decision near them was moved
    prev: _Link | None = None
    for i, d in enumerate(links):
        name = _name(d)
        expected_seq = prev.seq + 1 if prev else 1
        if d.seq > expected_seq:
            gap = f"#{expected_seq}" + (f"–#{d.seq - 1}" if d.seq > expected_seq + 1 else "")
            problems.append(
                Problem("deleted", d.seq, d.id, f"{gap}: deleted (missing before {name})")
            )
        elif d.prev_hash != (prev.hash if prev else GENESIS):
            at = position.get(d.prev_hash)
            if d.prev_hash == GENESIS:
                problems.append(
                    Problem(
                        "inserted",
                        d.seq,
                        d.id,
                        f"{name}: out of place — it was recorded as the first decision",
                    )
                )
            elif at is None:
                before = _name(prev) if prev else "the first decision"
                problems.append(
                    Problem(
                        "replaced",
                        d.seq,
                        d.id,
                        f"{before}: replaced or rewritten — {name} was chained to a decision "
                        "that is no longer in the file",
                    )
                )
            elif at > i:
                explained.add(i)
                problems.append(
                    Problem(
                        "moved",
                        d.seq,
                        d.id,
                        f"{name}: out of order — it was recorded after {_name(links[at])}",
                    )
                )
            elif any(j in explained for j in range(at + 1, i)):
                explained.add(i)
            else:
                first, last = links[at + 1], links[i - 1]
                span = f"#{first.seq}" + (f"–#{last.seq}" if first is not last else "")
                problems.append(
                    Problem(
                        "inserted",
                        first.seq,
                        first.id,
                        f"{span}: inserted — {name} was chained directly to {_name(links[at])}",
                    )
                )
        prev = d
    return problems


def _name(d: _Link | Decision) -> str:
    return f"#{d.seq} ({d.id})"


def _check_head(recorder: Recorder, last_seq: int, last_hash: str, out: Verification) -> None:
    head = recorder.head()
    if head is None:
        out.problems.append(
            Problem(
                "head", None, None, "the chain's head is missing from the file (edited by hand)"
            )
        )
        return
    seq, digest = head
    if seq > last_seq:
        gap = f"#{last_seq + 1}" if seq == last_seq + 1 else f"#{last_seq + 1}–#{seq}"
        out.problems.append(
            Problem(
                "deleted",
                last_seq + 1,
                None,
                f"{gap}: deleted from the end (the file's head is #{seq})",
            )
        )
    elif seq < last_seq:
        span = f"#{seq + 1}" if last_seq == seq + 1 else f"#{seq + 1}–#{last_seq}"
        out.problems.append(
            Problem(
                "inserted",
                seq + 1,
                None,
                f"{span}: added outside the tool (the file's head is #{seq})",
            )
        )
    elif digest != last_hash:
        out.problems.append(
            Problem(
                "replaced",
                seq,
                None,
                f"#{seq}: replaced — the last decision is not the one the file's head records",
            )
        )


def _recomputed(d: Decision) -> str | None:
    try:
        return decision_hash(d.content(), d.prev_hash)
    except (TypeError, ValueError):  # a value of the wrong type, put there by hand
        return None
