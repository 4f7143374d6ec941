"""Bilingual text: every message a person reads exists in English and Japanese."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Lang = Literal["en", "ja"]


@dataclass(slots=True, unsafe_hash=True)
class Text:
    """One message in both languages (treated as a value: never changed once made)."""

    en: str
    ja: str

    def __call__(self, lang: Lang) -> str:
        return self.ja if lang == "ja" else self.en

    def __add__(self, other: Text) -> Text:
        return Text(self.en + other.en, self.ja + other.ja)

    def format(self, **values: object) -> Text:
        return Text(self.en.format(**values), self.ja.format(**values))


def same(s: str) -> Text:
    """Text that reads the same in both languages (a value, a unit, a key)."""
    return Text(s, s)
