"""Regular expressions compiled when first used, not when their module is imported.

Compiling a pattern is pure Python in ``re`` (parsing the pattern, building its charsets), and
the modules a check imports define some fifty: compiling all of them at import cost a cold
``eligibility check`` some 35 M instructions (of 650 M) more than compiling those it uses, and
a check of a typical application uses fewer than twenty (a Japanese-era date, a range, a bound, a
Markdown report, a figure written with a decimal comma each need their own). :func:`lazy`
gives an object that compiles its pattern on the first method used and from then on is the
compiled pattern's methods, kept as its own attributes: a call costs what a call on the
compiled pattern costs.

Only method calls are supported (``match``, ``sub``, ``finditer``…, and attributes such as
``pattern``): a lazy pattern is not an ``re.Pattern``, so it cannot be passed to ``re.sub`` or
tested with ``isinstance``. The patterns made here are typed as ``re.Pattern`` for the
methods' signatures.
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast

__all__ = ["lazy"]


class _LazyPattern:
    """A pattern and its flags, compiled on the first attribute asked for."""

    def __init__(self, source: str | bytes, flags: int) -> None:
        self._source = source
        self._flags = flags

    def __getattr__(self, name: str) -> Any:
        # Called only for attributes not found on the object: the first use of each method.
        # The compiled pattern's attribute is kept on the object, so the next lookup finds it
        # directly and this method is not called again for that name.
        if name.startswith("__"):
            raise AttributeError(name)  # copy, pickle and the like ask for dunders
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self.__dict__["_compiled"] = re.compile(self._source, self._flags)
        found = getattr(compiled, name)
        self.__dict__[name] = found
        return found

    def __repr__(self) -> str:
        return f"lazy({self._source!r}, {self._flags!r})"


def lazy(source: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """``re.compile(source, flags)``, done when a method of the pattern is first used."""
    return cast("re.Pattern[AnyStr]", _LazyPattern(source, int(flags)))
