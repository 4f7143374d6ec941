"""Reading JSON the tool wrote itself: cached rule sets and the compiled unit table.

orjson parses them in about 60 % of the standard library's instructions (a cold check reads
some 330 KB of both). Applications are not read here: their JSON is read by the standard
library's parser, whose messages, duplicate keys and integers of any size the contract's
error reports rely on. What orjson refuses (it never sees such a file from us) raises a
ValueError, as ``json.loads`` does, and the caller rebuilds the file's content.
"""

from __future__ import annotations

try:
    from orjson import loads
except ImportError:  # pragma: no cover - an install without it reads with the stdlib
    from json import loads  # type: ignore[assignment]

__all__ = ["loads"]
