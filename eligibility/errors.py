"""Errors that stop a file or a rule set from being read at all.

Everything wrong *inside* a readable application is a finding, not an exception. These are
for the rest: an application file that is not TOML/JSON, too big, or has no plans; a rule set
that does not load. Each message starts with the file name (and key, where there is one), so
the CLI prints it as it is. The CLI catches only :class:`EligibilityError`.
"""

from __future__ import annotations

from eligibility.text import Lang, Text


class EligibilityError(Exception):
    """Base class of every error eligibility raises on purpose.

    The message is a :class:`~eligibility.text.Text` of the catalogue where one has been
    written (``str()`` is its English, as logs and the JSON of the server give it), else an
    English string; :meth:`in_language` is what a front end shows a person."""

    def __init__(self, message: str | Text = "") -> None:
        super().__init__(message)
        self.text = message if isinstance(message, Text) else None

    def __str__(self) -> str:
        return self.text.en if self.text is not None else super().__str__()

    def in_language(self, lang: Lang) -> str:
        """The message in ``lang`` (English when it exists only in English)."""
        return self.text(lang) if self.text is not None else str(self)


class ApplicationReadError(EligibilityError):
    """An application file that cannot be read at all (exit status 2)."""


class RulesetError(EligibilityError):
    """A rule set that does not load: every problem found, one per line."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class NoRulesetInForce(RulesetError):
    """No rule set under a rules folder had taken effect on the day asked for."""

    def __init__(
        self, message: str | Text, day: object, first_version: str, first_effective: object
    ):
        super().__init__([str(message)])
        self.text = message if isinstance(message, Text) else None  # said in --lang
        self.day = day
        self.first_version = first_version
        self.first_effective = first_effective


class UnknownRuleError(EligibilityError):
    """A rule ID that the rule set does not have."""


class UnknownTrackError(EligibilityError):
    """A track that the rule set does not have."""
