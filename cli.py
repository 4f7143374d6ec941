"""The `eligibility` command: parse arguments, call the library, print, exit with the contract's
codes. Formatting lives in eligibility.report; rules and checks in the library."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import sys
import threading
from collections.abc import Callable
from types import FrameType
from typing import Any, TypeVar

import click

from eligibility import __version__, api
from eligibility.application.reader import DEFAULT_MAX_BYTES
from eligibility.errors import EligibilityError
from eligibility.rendering import result as report
from eligibility.screening.limits import (
    DEFAULT_MEMORY_LIMIT,
    DEFAULT_TIME_LIMIT,
    TimeLimitExceeded,
    describe_time_limit,
    time_limit,
)
from eligibility.text import Lang

# Each command imports what only it needs when it runs, so `check` starts fast.
SCREEN_FORMATS = ("table", "csv", "json", "markdown", "html")  # eligibility.batch_report.WRITERS

_Command = TypeVar("_Command", bound=Callable[..., Any])

EXIT_UNREADABLE = 2
EXIT_BROKEN_PIPE = 141  # as a process ended by SIGPIPE reports itself in a shell
EXIT_LINT = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT: Ctrl-C, as a shell reports it
EXIT_TERMINATED = 143  # 128 + SIGTERM


class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C, so temporary files go and workers are stopped."""


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise Terminated


class _Group(click.Group):
    """Bad command-line use exits 2 (click's own code), library errors print without a traceback;
    Ctrl-C exits 130 and SIGTERM 143, each after removing what was half written."""

    def invoke(self, ctx: click.Context) -> Any:
        if threading.current_thread() is threading.main_thread():
            previous = signal.signal(signal.SIGTERM, _on_sigterm)
            ctx.call_on_close(lambda: signal.signal(signal.SIGTERM, previous))
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("interrupted: nothing more was written", err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except Terminated:
            click.echo("terminated: nothing more was written", err=True)
            ctx.exit(EXIT_TERMINATED)
        except EligibilityError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_UNREADABLE)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as a pipe does
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            ctx.exit(EXIT_BROKEN_PIPE)
        except Exception as exc:  # a defect: say so in one line, never with a traceback
            if os.environ.get("ELIGIBILITY_DEBUG"):
                raise
            click.echo(
                f"error: internal error ({type(exc).__name__}: {exc}); nothing was checked. "
                "Please report it with the file; ELIGIBILITY_DEBUG=1 shows the details.",
                err=True,
            )
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


LANG_OPTION = click.option(
    "--lang",
    type=click.Choice(["en", "ja"]),
    default="en",
    show_default=True,
    help="Language of messages.",
)
ROOT_OPTION = click.option(
    "--rules",
    "rules_root",
    type=click.Path(exists=True, file_okay=False),
    help="A folder of rule sets, one per revision (default: the shipped rules).",
)
RULESET_OPTION = click.option(
    "--ruleset",
    "ruleset_dir",
    type=click.Path(exists=True, file_okay=False),
    help="Use this rule set folder, whatever the dates.",
)
AS_OF_OPTION = click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Use the revision in force on this date (default: applicant.submitted, else today).",
)


def _time_limit_option(help_text: str) -> Callable[[_Command], _Command]:
    """The one --time-limit of every command that reads application or report files."""
    return click.option(
        "--time-limit",
        "time_limit_s",
        type=click.FloatRange(min=0.1),
        default=DEFAULT_TIME_LIMIT,
        show_default=True,
        help=help_text,
    )


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(report.FORMATS)),
    default="text",
    show_default=True,
    help="text: a report grouped by plan; json: the result contract; markdown or html: a "
    "report for the review record.",
)
@LANG_OPTION
@ROOT_OPTION
@RULESET_OPTION
@AS_OF_OPTION
@_time_limit_option("Seconds the file may take before it is stopped (exit status 2).")
def check(
    file: str,
    fmt: str,
    lang: str,
    rules_root: str | None,
    ruleset_dir: str | None,
    as_of: dt.datetime | None,
    time_limit_s: float,
) -> None:
    """Check one application FILE (.toml or .json) against the rule set.

    The rule set is the revision in force on the application's submission date
    (applicant.submitted), or on --as-of, or today; --ruleset forces one.

    Exit status: 0 eligible, 1 ineligible, 2 unreadable file (or over --time-limit) or bad
    usage, 3 incomplete, 4 review; 130 interrupted (Ctrl-C), 143 terminated (SIGTERM).

    \b
    Example:
        eligibility check line-3.toml --format json --lang ja
    """
    ruleset = api.load(ruleset_dir) if ruleset_dir else None
    try:
        with time_limit(time_limit_s):
            result = api.check_file(
                file, ruleset, rules=rules_root, as_of=as_of.date() if as_of else None
            )
    except TimeLimitExceeded:
        raise EligibilityError(describe_time_limit(file, time_limit_s)) from None
    lang_t: Lang = "ja" if lang == "ja" else "en"
    click.echo(report.FORMATS[fmt](result, lang_t), nl=False)
    sys.exit(result.exit_code)


@main.command("screen")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(SCREEN_FORMATS),
    default="table",
    show_default=True,
    help="table for reading, csv or json for programs, markdown or html for the review record.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the report to this file (atomically; never over an input).",
)
@LANG_OPTION
@ROOT_OPTION
@RULESET_OPTION
@AS_OF_OPTION
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Worker processes (default: one per core).",
)
@_time_limit_option("Seconds one file may take before it becomes an error row.")
@click.option(
    "--memory-limit",
    type=click.IntRange(min=0),
    default=DEFAULT_MEMORY_LIMIT // (1024 * 1024),
    show_default=True,
    help="MB one worker may use for a file beyond what it starts with (0: no limit).",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Largest application file read, in bytes.",
)
def screen_cmd(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    lang: str,
    rules_root: str | None,
    ruleset_dir: str | None,
    as_of: dt.datetime | None,
    jobs: int | None,
    time_limit_s: float,
    memory_limit: int,
    max_bytes: int,
) -> None:
    """Screen many applications: PATHS are files, folders (searched recursively for .toml
    and .json) and globs. One row per plan with its verdict and the rules that failed, are
    missing or need review; a summary by verdict and by track underneath.

    A file that cannot be read becomes a row with its error and the batch carries on. Exit
    status: the worst in the batch, with check's codes (2 when a file could not be read).

    \b
    Example:
        eligibility screen applications/ --format csv --output screening.csv
    """
    from eligibility.rendering import batch as batch_report
    from eligibility.rendering.files import atomic_output, check_target
    from eligibility.screening import batch as screen

    found = screen.collect_all(paths)
    files, missing = found.files, found.problems
    if output is not None:
        check_target(output, files)
    if found.ignored:  # notes and scans beside the applications: not screened, but said so
        shown = ", ".join(screen.printable(p) for p in found.ignored[:5])
        more = f" and {len(found.ignored) - 5} more" if len(found.ignored) > 5 else ""
        click.echo(
            f"notice: {len(found.ignored)} file(s) not named .toml or .json were not screened: "
            f"{shown}{more}",
            err=True,
        )
    options = screen.Options(
        rules=rules_root,
        ruleset=ruleset_dir,
        as_of=as_of.date() if as_of else None,
        max_bytes=max_bytes,
        time_limit=time_limit_s,
        memory_limit=memory_limit * 1024 * 1024,
    )
    lang_t: Lang = "ja" if lang == "ja" else "en"
    summary = screen.Summary()
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    show_progress = sys.stderr.isatty() and not os.environ.get("CI") and len(files) > 1
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(atomic_output(output)) if output else sys.stdout
        writer = batch_report.WRITERS[fmt](out, lang_t, now)
        writer.begin()
        for row in missing:
            summary.add([row])
            writer.rows([row])
        results = screen.run(files, options, jobs)
        if show_progress:
            results = stack.enter_context(
                click.progressbar(results, length=len(files), label="screening", file=sys.stderr)
            )
        for rows in results:
            summary.add(rows)
            writer.rows(rows)
        writer.end(summary)
    sys.exit(summary.exit_code)


def _rules_option(f: Any) -> Any:
    return click.option(
        "--rules",
        "--ruleset",
        "rules_dir",
        type=click.Path(exists=True, file_okay=False),
        help="A rule set folder, or a folder of them (default: the shipped rules).",
    )(f)


def _as_of_option(f: Any) -> Any:
    return click.option(
        "--as-of",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        help="Use the rule set in force on this date (default: today).",
    )(f)


def _format_option(f: Any) -> Any:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help="text: for reading; json: for programs.",
    )(f)


def _day(as_of: dt.datetime | None) -> dt.date | None:
    return as_of.date() if as_of else None


@main.group(invoke_without_command=True)
@_rules_option
@_as_of_option
@_format_option
@click.pass_context
def rules(ctx: click.Context, rules_dir: str | None, as_of: dt.datetime | None, fmt: str) -> None:
    """List the rule sets found and every rule of one: ID, track, threshold, severity, source.

    Without --ruleset, the rules shown are those of the rule set in force today (or on
    --as-of); with --ruleset DIR, those of the rule set in DIR.

    \b
    Example:
        eligibility rules --ruleset rules/permanent-magnets/2025-06 --format json
    """
    from eligibility import describe

    if ctx.invoked_subcommand is not None:
        return
    listing = describe.rules_listing(rules_dir, _day(as_of))
    text = describe.to_json(listing) if fmt == "json" else describe.listing_text(listing)
    click.echo(text, nl=False)


@rules.command("check")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
def rules_check(folder: str) -> None:
    """Check the rule set in FOLDER (or every rule set under it) before it is used.

    Prints "ok: <id> <version>, N rules" for each rule set that loads and exits 0;
    otherwise prints each problem, naming its file and key, and exits 2.

    \b
    Example:
        eligibility rules check rules/permanent-magnets/2025-06
    """
    from eligibility import describe

    result = describe.lint(folder)
    click.echo("\n".join(result.lines))
    sys.exit(0 if result.ok else EXIT_LINT)


@main.command()
@click.argument("rule_id")
@_rules_option
@_as_of_option
@_format_option
def explain(rule_id: str, rules_dir: str | None, as_of: dt.datetime | None, fmt: str) -> None:
    """Explain the rule RULE_ID in full: its criterion in English and Japanese, track,
    threshold, severity, the policy text it stands on, our reading of that text, the fields
    it reads with the units they accept, and a value that passes and one that fails.

    \b
    Example:
        eligibility explain capacity.ndfeb.energy_product
    """
    from eligibility import describe

    ruleset = api.select_ruleset(rules_dir, _day(as_of))
    info = describe.explain(ruleset, rule_id)
    click.echo(describe.to_json(info) if fmt == "json" else describe.explain_text(info), nl=False)


@main.command()
@click.argument("track")
@_rules_option
@_as_of_option
def template(track: str, rules_dir: str | None, as_of: dt.datetime | None) -> None:
    """Print a blank application (TOML) for TRACK: every field the track reads, each with
    its label and accepted units or values in Japanese and English. Until every "" is filled
    in, `eligibility check` reports the file incomplete and lists what is left.

    \b
    Example:
        eligibility template capacity.ndfeb > application.toml
    """
    from eligibility import describe

    ruleset = api.select_ruleset(rules_dir, _day(as_of))
    click.echo(describe.template(ruleset, track), nl=False)


@main.command()
@_rules_option
@_as_of_option
def schema(rules_dir: str | None, as_of: dt.datetime | None) -> None:
    """Print a JSON Schema (draft 2020-12) of the application file, for editors.

    Save it next to the application as eligibility.schema.json and make this the first
    line of the TOML file (as `eligibility template` does):

    \b
        #:schema ./eligibility.schema.json

    Editors with taplo (VS Code: Even Better TOML) then complete keys and flag unknown ones
    and wrong types as you type.

    \b
    Example:
        eligibility schema > eligibility.schema.json
    """
    from eligibility import describe

    ruleset = api.select_ruleset(rules_dir, _day(as_of))
    click.echo(describe.schema_json(ruleset), nl=False)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "markdown"]),
    default="table",
    show_default=True,
    help="table: for reading; json, csv: for programs; markdown: for documents.",
)
@click.option(
    "--chart",
    "chart_dir",
    type=click.Path(file_okay=False, path_type=str),
    help="Also write one SVG chart per indicator (value by year against target) into DIR.",
)
@click.option(
    "--lang",
    type=click.Choice(["en", "ja"]),
    default="en",
    show_default=True,
    help="Language of titles, rules and findings.",
)
@click.option(
    "--schema",
    "schema_kind",
    type=click.Choice(["report", "statistics"]),
    help="Print the JSON Schema of a status report or of program statistics, and stop.",
)
@_time_limit_option(
    "Seconds one file may take to read (and each file's share of the computation) before "
    "the run is stopped (exit status 2)."
)
def outcomes(
    paths: tuple[str, ...],
    fmt: str,
    chart_dir: str | None,
    lang: str,
    schema_kind: str | None,
    time_limit_s: float,
) -> None:
    """Compute the program's six outcome indicators (アウトカム指標) from status reports and
    program statistics in PATHS (files, or folders of .toml/.json files).

    For each indicator and fiscal year with data: the value, the target, the status
    (achieved, on track, behind, no data) with the rule that decided it, and the files it
    came from; then every missing, unreadable or contradictory entry as a finding. The file
    formats, the indicators and their rules are in docs/OUTCOMES.md.

    Exit status: 0 computed (findings or not), 2 unreadable file or bad usage.

    \b
    Example:
        eligibility outcomes examples/outcomes --chart charts --format markdown
    """
    import json

    from eligibility.outcomes import indicators as oc
    from eligibility.outcomes import report as ocr

    lang_t: Lang = "ja" if lang == "ja" else "en"
    if schema_kind is not None:
        ruleset = api.select_ruleset()
        indicators = oc.load_indicators(ruleset=ruleset)
        schema_doc = oc.input_schema(schema_kind, indicators, ruleset)
        click.echo(json.dumps(schema_doc, ensure_ascii=False, indent=2))
        return
    if not paths:
        raise click.UsageError("give at least one status report, statistics file or folder")
    ruleset = api.select_ruleset()
    indicators = oc.load_indicators(ruleset=ruleset)
    files = []
    for path in oc.input_paths(paths):
        try:
            with time_limit(time_limit_s):
                files.append(oc.read_input(path))
        except TimeLimitExceeded:
            raise EligibilityError(describe_time_limit(path, time_limit_s)) from None
    try:
        with time_limit(time_limit_s * max(1, len(files))):
            result = oc.compute(files, indicators, ruleset)
    except TimeLimitExceeded:
        raise EligibilityError(
            f"the indicators took longer than {time_limit_s:g} s per file to compute; stopped"
        ) from None
    if chart_dir is not None:
        for written in ocr.write_charts(result, chart_dir):
            click.echo(f"chart: {written}", err=True)
    if fmt == "json":
        text = ocr.to_json(result, lang_t)
    elif fmt == "csv":
        text = ocr.to_csv(result, lang_t)
    elif fmt == "markdown":
        text = ocr.to_markdown(result, lang_t, chart_dir)
    else:
        text = ocr.to_table(result, lang_t)
    click.echo(text, nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
