"""The formats of a blank application: a commented TOML file, or a form workbook."""

from __future__ import annotations

from enum import StrEnum

from eligibility.ruleset.model import Ruleset


class TemplateFormat(StrEnum):
    """How ``template`` writes a blank application."""

    TOML = "toml"
    XLSX = "xlsx"

    @property
    def binary(self) -> bool:
        """A workbook: written to a file or a redirect only."""
        return self is TemplateFormat.XLSX

    def to_bytes(self, ruleset: Ruleset, track: str, plans: int = 1) -> bytes:
        """The blank application's bytes (``plans``: the plans a form has columns for)."""
        if self is TemplateFormat.XLSX:
            from eligibility.describe.workbook import template_workbook  # openpyxl: on use

            return template_workbook(ruleset, track, plans=plans)
        from eligibility.describe.template import template

        return template(ruleset, track).encode("utf-8")
