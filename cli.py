"""The `eligibility` command: parse arguments, call the library, print, exit with the contract's
codes. Formatting lives in eligibility.report; rules and checks in the library."""

from __future__ import annotations

import datetime as dt
import sys
from typing import Any

import click

from eligibility import __version__, api, report
from eligibility.errors import EligibilityError
from eligibility.text import Lang

EXIT_UNREADABLE = 2


class _Group(click.Group):
    """Bad command-line use exits 2 (click's own code), library errors print without a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except EligibilityError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_UNREADABLE)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="eligibility")
def main() -> None:
    """Screen applications to the permanent-magnet supply-chain program
    (経済安全保障 サプライチェーン強靱化事業（永久磁石）).

    \b
    Example:
        eligibility check application.toml
    """


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a report grouped by plan; json: the result contract.",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "ja"]),
    default="en",
    show_default=True,
    help="Language of messages.",
)
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(exists=True, file_okay=False),
    help="A rule set folder, or a folder of them (default: the shipped rules).",
)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Use the rule set in force on this date (default: today).",
)
def check(file: str, fmt: str, lang: str, rules_dir: str | None, as_of: dt.datetime | None) -> None:
    """Check one application FILE (.toml or .json) against the rule set.

    Exit status: 0 eligible, 1 ineligible, 2 unreadable file or bad usage,
    3 incomplete, 4 review.

    \b
    Example:
        eligibility check line-3.toml --format json --lang ja
    """
    ruleset = api.select_ruleset(rules_dir, as_of.date() if as_of else None)
    result = api.check_file(file, ruleset)
    lang_t: Lang = "ja" if lang == "ja" else "en"
    text = report.to_json(result, lang_t) if fmt == "json" else report.to_text(result, lang_t)
    click.echo(text, nl=False)
    sys.exit(result.exit_code)


if __name__ == "__main__":  # pragma: no cover
    main()
