"""Bounded memos of a rule set: readings by what was written, outcomes by what they read.

Reading a field and judging a rule are pure functions of the rule set and of what they are
given, and what they give is immutable, so a batch whose figures, units, materials and
choices repeat from file to file, or a form resent at every keystroke, need not repeat the
work. The memos live on the rule set (:attr:`Ruleset.read_memo`, :attr:`Ruleset.rule_memo`:
not dataclass fields, so neither compared nor written to the rule-set cache). A key may hold
the identity of a reading; the entry then keeps that reading alive, so no identity in a key
can belong to another object while the entry exists. A memo that reaches its size is
emptied, so memory stays flat over any batch.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

# About 1 KB an entry (a finding with its message's parts): the two memos of a rule set hold
# at most some 12 MiB, whatever the size of the batch.
#: readings kept: (field, type, what was written) -> Value
READ_MEMO_SIZE = 4096
#: outcomes kept: rules' findings and plausibility findings
RULE_MEMO_SIZE = 8192


_ABSENT = object()


def remembered(memo: dict[K, Any], key: K, size: int, make: Callable[[], T]) -> T:
    """``memo[key]``, made by ``make()`` and kept when it is not there yet."""
    found = memo.get(key, _ABSENT)
    if found is not _ABSENT:
        return found  # type: ignore[no-any-return]
    value = make()
    if len(memo) >= size:
        memo.clear()
    memo[key] = value
    return value
