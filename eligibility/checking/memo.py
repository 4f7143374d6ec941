"""Bounded memos of a rule set: readings by what was written, outcomes by what they read.

Reading a field and judging a rule are pure functions of the rule set and of what they are
given, and what they give is immutable, so a batch whose figures, units, materials and
choices repeat from file to file, or a form resent at every keystroke, need not repeat the
work. The memos live on the rule set (:attr:`Ruleset.read_memo`, :attr:`Ruleset.rule_memo`:
not dataclass fields, so neither compared nor written to the rule-set cache). A key may hold
the identity of a reading; the entry then keeps that reading alive, so no identity in a key
can belong to another object while the entry exists.

Each memo keeps two generations of at most ``size`` entries: when the young one is full it
becomes the old one and the oldest is dropped, and an entry found in the old one moves to the
young. What recurs stays however long the stream of new figures (a server answering
applicant after applicant), and memory is bounded: about 1 KB an entry (a finding with its
message's parts), some 16 MiB for a rule set's two memos at most.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

#: readings kept per generation: (field, type, what was written) -> Value
READ_MEMO_SIZE = 4096
#: outcomes kept per generation: rules' findings and plausibility findings
RULE_MEMO_SIZE = 4096

_ABSENT = object()


class Memo(Generic[K]):
    """A memo of at most ``2 × size`` entries, in two generations."""

    __slots__ = ("old", "size", "young")

    def __init__(self, size: int) -> None:
        self.size = size
        self.young: dict[K, Any] = {}
        self.old: dict[K, Any] = {}

    def remembered(self, key: K, make: Callable[..., T], *args: Any) -> T:
        """The entry for ``key``, made by ``make(*args)`` and kept when there is none yet.
        The function and its arguments are given apart, not as a closure: most lookups find
        their entry, and a closure made for each of them would be thrown away unused."""
        young = self.young
        found = young.get(key, _ABSENT)
        if found is not _ABSENT:
            return found  # type: ignore[no-any-return]
        found = self.old.get(key, _ABSENT)
        if found is _ABSENT:
            found = make(*args)
        if len(young) >= self.size:
            self.old = young
            self.young = young = {}
        young[key] = found
        return found  # type: ignore[no-any-return]

    def clear(self) -> None:
        self.young = {}
        self.old = {}

    def __len__(self) -> int:
        return len(self.young) + len(self.old)
