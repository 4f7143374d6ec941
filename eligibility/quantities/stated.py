"""What a datasheet writes around a number: bounds, ranges and typical values.

Applicants copy figures from datasheets as they stand there: ``≥ 1592 kA/m``, ``17 kOe以上``,
``45～48 MGOe``, ``46 MGOe (typ.)``. :func:`parse_stated` reads such a text into the interval
it claims (``low``, ``high``; either may be open) and whether the figure is a typical one, so
that a check can read it **at its end least favourable to the applicant** and say so:

- ``≥ x`` / ``x 以上`` / ``min. x``: at least x (``low = x``, no upper end);
- ``≤ x`` / ``x 以下`` / ``max. x``: at most x (no lower end, ``high = x``);
- ``a～b`` / ``a〜b`` / ``a - b`` / ``a to b``: between a and b; one unit after b serves both;
- ``x (typ.)`` / ``x typ.`` / ``x（標準値）`` / ``x（代表値）``: a typical figure, not a
  guaranteed one.

A plain quantity is the interval ``[x, x]``. Everything else is read by
:func:`~eligibility.quantities.quantity.parse_quantity`, whose grammar stays the one for a
single exact value: a check that does not know about intervals can never read ``≤ 48`` as 48.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eligibility.messages import quantities as say
from eligibility.patterns import lazy
from eligibility.quantities.quantity import Quantity, QuantityError, normalize, parse_quantity
from eligibility.text import Text

_AT_LEAST_BEFORE = lazy(r"^(?:≥|>=|=>|≧|min\.?|minimum|最小|最低)\s*", re.IGNORECASE)
_AT_MOST_BEFORE = lazy(r"^(?:≤|<=|=<|≦|max\.?|maximum|最大)\s*", re.IGNORECASE)
# after the number only the Japanese words and the long forms: "12000 min" is minutes
_AT_LEAST_AFTER = lazy(r"\s*(?:以上|minimum)$", re.IGNORECASE)
_AT_MOST_AFTER = lazy(r"\s*(?:以下|maximum)$", re.IGNORECASE)
_TYPICAL = lazy(r"\s*(?:\(\s*(?:typ\.?|typical|標準値|代表値)\s*\)|typ\.|typical)$", re.IGNORECASE)
# "45～48 MGOe", "45〜48", "45 - 48 kJ/m^3", "358–382 kJ/m³", "45 to 48": the first number, a
# range mark, the rest. (A full-width tilde and the wave dash fold to "~" under NFKC, an en dash
# to "-"; "-" needs spaces round it or a digit on both sides, as datasheets print "1.08–1.13 T",
# so "min-1" or a negative exponent such as "5e-3" is never a range.)
_RANGE = lazy(
    r"^([+-]?[\d.,]+(?:\s*[a-zA-Z/%°µ·*^0-9-]+)?)\s*"
    r"(?:~|〜|\s-\s|\s–\s|(?<=\d)-(?=\d)|\s+to\s+)\s*(.+)$"
)


@dataclass(frozen=True)
class Stated:
    """A stated figure as the interval it claims. ``low`` or ``high`` is None when open."""

    low: Quantity | None
    high: Quantity | None
    typical: bool = False
    written: str = ""

    @property
    def exact(self) -> bool:
        """One value, as a plain quantity states it."""
        return not self.typical and self.low is not None and self.low is self.high

    def note(self) -> Text | None:
        """How the figure was read, for the finding (None for a plain value)."""
        if self.exact:
            return None
        if self.typical:
            return say.TYPICAL.format(given=self.written)
        if self.low is not None and self.high is not None:
            return say.RANGE.format(given=self.written)
        return say.BOUND.format(given=self.written)


def parse_stated(text: str) -> Stated:
    """Read ``text`` as a stated figure; raise :class:`QuantityError` when it is not one."""
    s = normalize(text)
    typical = _TYPICAL.search(s)
    if typical:
        s = s[: typical.start()].rstrip()
    for before, after, lower in (
        (_AT_LEAST_BEFORE, _AT_LEAST_AFTER, True),
        (_AT_MOST_BEFORE, _AT_MOST_AFTER, False),
    ):
        m = before.match(s) or after.search(s)
        if m:
            rest = (s[m.end() :] if m.start() == 0 else s[: m.start()]).strip()
            q = parse_quantity(rest)
            return Stated(q if lower else None, None if lower else q, bool(typical), text)
    ranged = _RANGE.match(s)
    if ranged:
        return _range(ranged.group(1).strip(), ranged.group(2).strip(), bool(typical), text)
    q = parse_quantity(s if typical else text)
    return Stated(q, q, bool(typical), text)


# a first end that is a number alone, which parse_quantity would refuse for want of a unit
_BARE_NUMBER = lazy(r"[+-]?\d[\d,]*(?:\.\d+)?")


def _range(first: str, second: str, typical: bool, written: str) -> Stated:
    high = parse_quantity(second)
    if _BARE_NUMBER.fullmatch(first):  # "45～48 MGOe": the unit after the second serves both
        low = parse_quantity(f"{first} {high.key}")
    else:
        try:
            low = parse_quantity(first)
        except QuantityError:  # a number the pattern does not name (4.5e1): the same rule
            low = parse_quantity(f"{first} {high.key}")
    if low.to(high.unit) > high.magnitude:
        raise QuantityError(say.RANGE_ORDER.format(given=written))
    return Stated(low, high, typical, written)
