"""How names written in rule sets and applications compare: choice aliases, material names.

Every function here is linear in the length of the text (a 200 KB name is read at once), and
starts from the one normalisation of :func:`~eligibility.text.fold_key`.

A material name is classified by the rule set's vocabulary (``[materials]`` and
``[material_qualifiers]`` in ``ruleset.toml``): qualifiers that do not change the family
(sintered, 焼結, a 磁石/magnet suffix) are dropped, then the rest is one of a family's names or
a formula of its elements — in any stoichiometry, with a group such as ``(Nd,Pr)`` counted as
its host element when the others are listed as its substitutes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

from eligibility.patterns import lazy
from eligibility.text import fold_key, without_invisible

_SEPARATORS = lazy(r"[\s\-_‐‑–—・、/]+")


@lru_cache(maxsize=4096)
def fold_name(name: str) -> str:
    """Names compare without case, width, invisible characters, spaces or hyphens. Unlike
    earlier versions nothing written is dropped: ``国内（一部海外）`` is not ``国内``."""
    return _SEPARATORS.sub("", fold_key(name))


# --- material names -------------------------------------------------------------------------

_ELEMENT = r"[A-Z][a-z]?"
_NUMBER = r"\d+(?:\.\d+)?"
# one token of a formula: an element with its count, a substitution group with its count, or a
# separator; tokens are matched one after another, so reading a formula is linear
_TOKEN = lazy(
    rf"(?P<element>{_ELEMENT})(?:{_NUMBER})?"
    rf"|\((?P<group>{_ELEMENT}(?:,-?{_ELEMENT})*)\)(?:{_NUMBER})?"
    r"|(?P<sep>[-·*])"
)
_EMPTY_BRACKETS = lazy(r"\(-?[-,]*-?\)")


@lru_cache(maxsize=64)
def _qualifier_pattern(qualifiers: tuple[str, ...]) -> re.Pattern[str] | None:
    """The qualifiers as one pattern, longest first, each allowing a separator between its
    letters ("hot-deformed", "hot deformed", "hotdeformed")."""
    folded = sorted({fold_name(q) for q in qualifiers if fold_name(q)}, key=len, reverse=True)
    if not folded:
        return None
    alternatives = ["-?".join(re.escape(c) for c in q) for q in folded]
    return re.compile("|".join(alternatives), re.IGNORECASE)


@lru_cache(maxsize=4096)  # a pure function of two strings, called for every material read
def strip_qualifiers(name: str, qualifiers: tuple[str, ...]) -> str:
    """``name`` in NFKC with its separators written as one ``-`` and the qualifiers dropped,
    keeping case (a formula needs it): ``焼結 NdFeB 磁石`` → ``NdFeB``. One pass of one pattern."""
    s = unicodedata.normalize("NFKC", fold_key_keep_case(name))
    s = _SEPARATORS.sub("-", s)
    pattern = _qualifier_pattern(qualifiers)
    if pattern is not None:
        s = pattern.sub("", s)
    s = _EMPTY_BRACKETS.sub("", s)
    return _SEPARATORS.sub("-", s).strip("-")


def fold_key_keep_case(text: str) -> str:
    """:func:`fold_key` without case folding: width, invisible characters and spaces."""
    return " ".join(unicodedata.normalize("NFKC", without_invisible(text)).split())


def formula_sites(formula: str, elements: tuple[str, ...], substitutes: Mapping[str, str]) -> bool:
    """Whether ``formula`` (case kept, separators as ``-``) is made of exactly the host
    ``elements``: ``Nd2Fe14B``, ``(Nd,Pr)-Fe-B``, ``Sm2(Co,Fe,Cu,Zr)17``. ``substitutes`` maps
    an element that may share a host's site, inside a group, to that host."""
    pos = 0
    sites: set[str] = set()
    hosts = set(elements)
    for m in _TOKEN.finditer(formula):
        if m.start() != pos:
            return False
        pos = m.end()
        if m.group("element"):
            if m.group("element") not in hosts:
                return False
            sites.add(m.group("element"))
        elif m.group("group"):
            members = m.group("group").replace("-", "").split(",")
            group_sites = {e if e in hosts else substitutes.get(e) for e in members}
            if len(group_sites) != 1 or None in group_sites:
                return False
            site = next(iter(group_sites))
            assert site is not None
            sites.add(site)
    return pos == len(formula) and pos > 0 and sites == hosts


def trailing_remark(name: str) -> tuple[str, str] | None:
    """``NdFeB (N48SH)`` → (``NdFeB``, ``N48SH``): a last bracketed part that holds no bracket
    of its own, found from the end (linear)."""
    s = name.rstrip("-")
    if not s.endswith(")"):
        return None
    start = s.rfind("(")
    if start <= 0 or ")" in s[start:-1]:
        return None
    return s[:start].rstrip("-"), s[start + 1 : -1].strip("-")


def listed(names: Iterable[str]) -> str:
    return ", ".join(dict.fromkeys(names))
