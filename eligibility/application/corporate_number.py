"""Japan's corporate number (法人番号) and its check digit.

A corporate number has 13 digits; the first is a check digit over the other twelve, the base
number (法人番号の指定等に関する省令（平成26年財務省令第70号）第2条, as 国税庁 applies it):

    check = 9 − ((Σ_{n=1..12} P_n × Q_n) mod 9)

where P_n is the n-th digit of the base number counted from the right and Q_n is 1 when n is
odd, 2 when n is even. The remainder is of the whole sum (the ordinance's parentheses can be
read as the remainder of each term, which does not give one digit). The check digit is
therefore 1 to 9, never 0. It catches every change of one digit except 0 ↔ 9, and every swap
of two neighbouring digits of the base number except 0 ↔ 9.
"""

from __future__ import annotations

import unicodedata

# Dashes people put between digit groups, after NFKC (which already turns full-width "－"
# into "-" and half-width "ｰ" into "ー"): hyphens, dashes, minus, and the katakana long
# vowel mark that Japanese input methods often give for "-".
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u30fc")


def normalize(text: str) -> str:
    """``text`` in NFKC without spaces or dashes.

    "７０００-０１２０-５０００２" → "7000012050002"
    """
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not ch.isspace() and ch not in _DASHES)


def check_digit(base12: str) -> int:
    """The check digit (1-9) for ``base12``, the 12 digits after it; ValueError otherwise."""
    if len(base12) != 12 or not (base12.isascii() and base12.isdigit()):
        raise ValueError(f"a base number has 12 digits (0-9), not {base12!r}")
    total = sum(int(digit) * (1 if n % 2 else 2) for n, digit in enumerate(reversed(base12), 1))
    return 9 - total % 9


def is_valid(text: str) -> bool:
    """Whether ``text`` is a corporate number: 13 digits once normalized, check digit first."""
    number = normalize(text)
    if len(number) != 13 or not (number.isascii() and number.isdigit()):
        return False
    return int(number[0]) == check_digit(number[1:])
