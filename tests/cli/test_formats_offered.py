"""The command line offers exactly the formats the library's enums name."""

from __future__ import annotations

import click

from cli import main
from eligibility.describe.formats import TemplateFormat
from eligibility.rendering.formats import CheckFormat, OutcomesFormat, ScreenFormat


def _choices(command: str) -> list[str]:
    cmd = main.commands[command]
    option = next(p for p in cmd.params if p.name == "fmt")
    assert isinstance(option.type, click.Choice)
    return list(option.type.choices)


def test_each_command_offers_its_enums_members() -> None:
    assert _choices("check") == [f.value for f in CheckFormat]
    assert _choices("screen") == [f.value for f in ScreenFormat]
    assert _choices("template") == [f.value for f in TemplateFormat]
    assert _choices("outcomes") == [f.value for f in OutcomesFormat]
