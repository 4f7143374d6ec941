""" "Did you mean …?": the closest known name to a mistyped one, in one wording everywhere."""

from __future__ import annotations

from collections.abc import Iterable

from eligibility.messages import application as say
from eligibility.text import Text

NO_HINT = Text("", "")


def closest(name: str, options: Iterable[object], cutoff: float = 0.6) -> str | None:
    """The option most like ``name``, or None when none is close enough."""
    import difflib  # only when a suggestion is needed: a cold check imports it otherwise

    found = difflib.get_close_matches(str(name), [str(o) for o in options], n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(name: str, options: Iterable[object], cutoff: float = 0.6) -> Text:
    """`` (did you mean 'x'?)`` for the closest option, or empty text when none is close."""
    return hint(closest(name, options, cutoff))


def hint(close: str | None) -> Text:
    """The wording for a suggestion already found (or none)."""
    if close is None:
        return NO_HINT
    return say.DID_YOU_MEAN.format(close=close)
