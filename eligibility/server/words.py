"""The pages' own words, from the one catalogue (:mod:`eligibility.wording`)."""

from __future__ import annotations

from eligibility.text import Lang
from eligibility.wording import PAGE_WORDS


def words(lang: Lang) -> dict[str, str]:
    return {key: text(lang) for key, text in PAGE_WORDS.items()}
