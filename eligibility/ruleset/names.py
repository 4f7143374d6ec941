"""How names written in rule sets and applications compare: material names, choice aliases."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_FOLDED_OUT = re.compile(r"[\s\-_‐‑–]")


@lru_cache(maxsize=4096)
def fold_name(name: str) -> str:
    """Material names compare without case, spaces, hyphens or a trailing "(…)"; linear in the
    length of the name (a regular expression for the "(…)" backtracked quadratically)."""
    s = unicodedata.normalize("NFKC", name).strip()
    if s.endswith(")"):  # a trailing "(…)" without parentheses inside
        opening = s.rfind("(")
        if opening != -1 and ")" not in s[opening + 1 : -1]:
            s = s[:opening].rstrip()
    return _FOLDED_OUT.sub("", s).casefold()
