"""Bilingual text: every message a person reads exists in English and Japanese.

A :class:`Text` is a literal pair. A sentence with values in it is a :class:`Message`: a
template (a ``Text`` from the catalogue in :mod:`eligibility.messages`) and its values, kept
unformatted until a renderer asks for it in one language — so a check that is never shown, or
shown only in Japanese, never formats its English. A value that is itself a ``Text`` (a field's
label, another message) is resolved in the same language.
"""

from __future__ import annotations

import datetime as dt
import string
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from eligibility.patterns import lazy

Lang = Literal["en", "ja"]


@dataclass(slots=True, eq=False)
class Text:
    """One message in both languages (treated as a value: never changed once made)."""

    en: str
    ja: str

    def __call__(self, lang: Lang) -> str:
        return self.ja if lang == "ja" else self.en

    def __add__(self, other: Text) -> Text:
        if type(self) is Text and type(other) is Text:  # two literal pairs: cheap to join now
            return Text(self.en + other.en, self.ja + other.ja)
        return Message(_PAIR, {"a": self, "b": other})

    def is_blank(self) -> bool:
        """Whether the English reads as nothing (a check that adds no detail)."""
        return not self.en

    def format(self, **values: object) -> Text:
        """This text as a template, with ``values`` put in when it is shown (see Message)."""
        return Message(self, values)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Text):
            return NotImplemented
        return self.en == other.en and self.ja == other.ja

    def __hash__(self) -> int:
        return hash((self.en, self.ja))


class Message(Text):
    """A template and its values, formatted only when shown, in the one language asked for.

    It reads like a :class:`Text` (``message(lang)``, ``.en``, ``.ja``, ``+``); a copy or a
    pickle of it is the plain pair.
    """

    __slots__ = ("_shown", "template", "values")

    def __init__(self, template: Text, values: Mapping[str, object]) -> None:
        self.template = template
        self.values = values
        self._shown: tuple[str, str] | None = None

    def __call__(self, lang: Lang) -> str:
        # kept once made, for the last language asked: a message is a value, and a finding
        # remembered by the rule set (checking.memo) is shown again and again
        shown = self._shown
        if shown is not None and shown[0] == lang:
            return shown[1]
        text = self.compose(lang)
        self._shown = (lang, text)
        return text

    def compose(self, lang: Lang) -> str:
        """The message in ``lang``, put together (what a subclass changes)."""
        shown = {k: v(lang) if isinstance(v, Text) else v for k, v in self.values.items()}
        return self.template(lang).format(**shown)

    def is_blank(self) -> bool:
        # a template with words of its own is never blank: no need to format it to know
        if _has_literal(self.template.en):
            return False
        # nor is one with a part that surely reads as something ("{a}{b}", a sentence + a note)
        if any(isinstance(v, Text) and _has_words(v) for v in self.values.values()):
            return False
        return not self("en")

    @property
    def en(self) -> str:  # type: ignore[override]
        return self("en")

    @property
    def ja(self) -> str:  # type: ignore[override]
        return self("ja")

    def __repr__(self) -> str:
        return f"Message({self.template!r}, {dict(self.values)!r})"

    def __reduce__(self) -> tuple[type[Text], tuple[str, str]]:
        return (Text, (self.en, self.ja))


_PAIR = Text("{a}{b}", "{a}{b}")
_FORMATTER = string.Formatter()


def joined(separator: Text, parts: Iterable[Text], *, strip: bool = False) -> Text:
    """``parts`` one after another with ``separator`` between, put together when shown
    (``strip``: white space at either end dropped)."""
    return _Joined(separator, {"parts": tuple(parts), "strip": strip})


class _Joined(Message):
    """A message whose template is the separator and whose one value is the parts."""

    __slots__ = ()

    def compose(self, lang: Lang) -> str:
        parts: tuple[Text, ...] = self.values["parts"]  # type: ignore[assignment]
        text = self.template(lang).join(p(lang) for p in parts)
        return text.strip() if self.values["strip"] else text

    def is_blank(self) -> bool:
        parts: tuple[Text, ...] = self.values["parts"]  # type: ignore[assignment]
        if any(_has_words(p) for p in parts):
            return False
        return not self("en")


@lru_cache(maxsize=1024)  # templates are the catalogue's and the rule set's: few, reused
def _has_literal(template: str) -> bool:
    """Whether ``template`` has text of its own outside its placeholders."""
    return any(literal for literal, *_ in _FORMATTER.parse(template))


@lru_cache(maxsize=1024)
def _has_literal_words(template: str) -> bool:
    """Whether ``template`` has more than white space outside its placeholders."""
    return any(literal.strip() for literal, *_ in _FORMATTER.parse(template))


def _has_words(text: Text) -> bool:
    """Whether ``text`` surely reads as something other than white space, known without
    formatting it (False when only formatting would tell)."""
    if type(text) is Text:
        return bool(text.en.strip())
    if isinstance(text, _Joined):
        parts: tuple[Text, ...] = text.values["parts"]  # type: ignore[assignment]
        return any(_has_words(p) for p in parts)
    if isinstance(text, Message):
        return _has_literal_words(text.template.en)
    return False


def same(s: str) -> Text:
    """Text that reads the same in both languages (a value, a unit, a key)."""
    return Text(s, s)


GIVEN_MAX = 80  # characters of an applicant's text repeated in a finding


def as_written(raw: Any) -> str:
    """A value as written, for findings: a long text is cut, so hostile input is not
    repeated at length in every message and format."""
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, int) and not isinstance(raw, bool) and abs(raw) >= 10**GIVEN_MAX:
        text = _long_integer(raw)
    elif isinstance(raw, dt.time):
        text = raw.isoformat()
    elif isinstance(raw, str | dt.date | int | float):
        text = str(raw)
    else:
        try:
            text = repr(raw)
        except ValueError:  # it holds an integer of more than 4,300 digits, which str() refuses
            text = f"({type(raw).__name__} holding a number too long to show)"
    return text if len(text) <= GIVEN_MAX else text[: GIVEN_MAX - 1] + "…"


# Characters that show nothing but make two strings differ: zero-width spaces and joiners, the
# word joiner, the byte-order mark, the soft hyphen, and the bidirectional controls.
_INVISIBLE = lazy("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def invisible_characters(text: str) -> list[str]:
    """The invisible characters in ``text``, as code points (``U+200B``), in order of first use."""
    seen: dict[str, None] = {}
    for m in _INVISIBLE.finditer(text):
        seen.setdefault(f"U+{ord(m.group(0)):04X}", None)
    return list(seen)


def without_invisible(text: str) -> str:
    """``text`` with its invisible characters dropped."""
    return _INVISIBLE.sub("", text)


def fold_key(text: str) -> str:
    """One normalisation for comparing ids and names everywhere: Unicode NFKC (full-width →
    ASCII), invisible characters dropped, white space trimmed and collapsed, case folded.
    ``p1``, ``p1 ``, ``ｐ1`` and ``P1`` fold alike; linear in the length of the text."""
    text = unicodedata.normalize("NFKC", _INVISIBLE.sub("", text)).casefold()
    # case folding can leave a character NFKC would compose: normalise once more
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _long_integer(value: int) -> str:
    """The first 20 digits and the count of an integer too long to repeat; computed without
    str(), which refuses integers of more than 4,300 digits (a TOML hex literal has them)."""
    magnitude = abs(value)
    count = max(1, int(magnitude.bit_length() * 0.30102999566398120))  # log10(2)
    while 10**count <= magnitude:
        count += 1
    while count > 1 and 10 ** (count - 1) > magnitude:
        count -= 1
    leading = str(magnitude // 10 ** (count - 20))
    return f"{'-' if value < 0 else ''}{leading}…({count} digits)"
