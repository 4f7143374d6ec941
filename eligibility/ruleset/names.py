"""How names written in rule sets and applications compare: material names, choice aliases."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def fold_name(name: str) -> str:
    """Material names compare without case, spaces, hyphens or a trailing "(…)"."""
    s = unicodedata.normalize("NFKC", name).strip()
    s = re.sub(r"\s*[(][^()]*[)]\s*$", "", s)
    return re.sub(r"[\s\-_‐‑–]", "", s).casefold()
