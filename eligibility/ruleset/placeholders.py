"""The ``{placeholders}`` of rule-set text: titles, notes and message templates.

Rule-set text is written by people, so it is never given to ``str.format`` (which would let
``{label.__class__.__mro__}`` reach into the tool's objects, or ``{0}`` break at check time).
A placeholder here is a plain name, or ``param.NAME``; ``{{`` and ``}}`` are literal braces.
Every template is read with :func:`placeholders` when the rule set loads, so an unknown name
is a problem naming its file and key, and :func:`fill` only ever meets known names.

What a title or note may name (:data:`RULE_PLACEHOLDERS`, filled by the loader):

``{threshold}``
    what the rule compares with, in display form ("500 t/yr", "2030-12-31", "5 °C – 35 °C");
    in a branch of an ``any`` check, that branch's threshold;
``{minimum}``, ``{maximum}``
    the bounds of a ``range`` check;
``{param.NAME}``
    a parameter of the rule set, in display form ("5 °C", "Dy, Tb").

Numbers a title or note states itself, rather than through a placeholder, must be numbers
the rule carries (:func:`stated_numbers`), so that a changed threshold cannot leave a
sentence saying the old one.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from fractions import Fraction
from functools import lru_cache

from eligibility.patterns import lazy
from eligibility.text import Lang, Message, Text

RULE_PLACEHOLDERS = ("threshold", "minimum", "maximum")
PARAM_PREFIX = "param."

#: The placeholders each message of ``messages.toml`` ``[detail]`` is written with.
MESSAGE_PLACEHOLDERS: dict[str, frozenset[str]] = {
    "pass": frozenset({"label", "shown", "threshold", "distance", "needed"}),
    "fail": frozenset({"label", "shown", "threshold", "distance", "needed"}),
    "plain": frozenset({"label", "shown"}),
    "missing": frozenset({"what", "accepts"}),
    "invalid": frozenset({"label", "reason"}),
}

_NAME = r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?"
_TOKEN = lazy(r"\{\{|\}\}|\{(" + _NAME + r")\}|[{}]")


class PlaceholderError(ValueError):
    """A template that is not plain text with ``{name}`` placeholders."""


def placeholders(template: str) -> list[str]:
    """The names ``template`` uses, in order; PlaceholderError for anything else in braces."""
    names: list[str] = []
    for m in _TOKEN.finditer(template):
        token = m.group(0)
        if token in ("{{", "}}"):
            continue
        if m.group(1) is None:
            rest = template[m.start() : m.start() + 40].split("}", 1)[0]
            raise PlaceholderError(
                f"'{rest}…' is not a placeholder: write {{name}}, or {{{{ and }}}} for braces"
                if token == "{"
                else "a lone '}': write }} for a brace"
            )
        names.append(m.group(1))
    return names


def fill(template: str, values: Mapping[str, str], *, final: bool = True) -> str:
    """``template`` with each known ``{name}`` replaced; unknown names stay as written.
    ``final=False`` keeps ``{{`` and ``}}`` as they are, for a template filled in steps."""
    out: list[str] = []
    for text, name, token in _pieces(template, final):
        out.append(text)
        if name is not None:
            out.append(values.get(name, token))
    return "".join(out)


@lru_cache(maxsize=1024)
def _pieces(template: str, final: bool) -> tuple[tuple[str, str | None, str], ...]:
    """``template`` taken apart once: (text, placeholder name, the placeholder as written)
    for each placeholder, the text before it with its braces already made literal. A rule
    set's few templates are filled in every finding of every plan."""
    pieces: list[tuple[str, str | None, str]] = []
    text: list[str] = []
    at = 0
    for m in _TOKEN.finditer(template):
        text.append(template[at : m.start()])
        at = m.end()
        token = m.group(0)
        if token in ("{{", "}}"):
            text.append(token[0] if final else token)
        elif m.group(1) is None:
            text.append(token)  # a lone brace stays as written
        else:
            pieces.append(("".join(text), m.group(1), token))
            text = []
    text.append(template[at:])
    pieces.append(("".join(text), None, ""))
    return tuple(pieces)


def filled(template: Text, **values: str | Text) -> Text:
    """A rule set's sentence ``template`` with ``values``, filled by :func:`fill` only when
    shown, in the one language asked for (a ``Text`` value is resolved in that language)."""
    return _Filled(template, values)


class _Filled(Message):
    """A rule-set template: filled by :func:`fill`, never by ``str.format``."""

    __slots__ = ()

    def compose(self, lang: Lang) -> str:
        shown = {k: v(lang) if isinstance(v, Text) else str(v) for k, v in self.values.items()}
        return fill(self.template(lang), shown)


def without_placeholders(template: str) -> str:
    """The text a template states itself: placeholders left out."""
    return _TOKEN.sub(" ", template)


# A number standing alone: not part of a name like Nd2Fe14B, SmCo5, μ0 or Js² (letters of
# Latin or Greek script on either side), but Japanese writes 年500トン without spaces.
_NUMBER = lazy(
    r"(?<![A-Za-z0-9\u0370-\u03ff.])(\d+(?:,\d{3})*(?:\.\d+)?)(?![A-Za-z0-9\u0370-\u03ff])"
)


def stated_numbers(text: str) -> list[Fraction]:
    """The numbers ``text`` states (full-width digits included), placeholders left out."""
    plain = unicodedata.normalize("NFKC", without_placeholders(text))
    return [Fraction(m.group(1).replace(",", "")) for m in _NUMBER.finditer(plain)]
