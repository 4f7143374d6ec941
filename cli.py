"""The `eligibility` command: parse arguments, call the library, print, exit with the contract's
codes. Formatting lives in eligibility.report; rules and checks in the library."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from typing import IO, Any, cast

import click

from eligibility import __version__, api
from eligibility.application.reader import DEFAULT_MAX_BYTES
from eligibility.errors import EligibilityError
from eligibility.rendering import result as report
from eligibility.screening.limits import DEFAULT_MEMORY_LIMIT, DEFAULT_TIME_LIMIT
from eligibility.text import Lang

# Each command imports what only it needs when it runs, so `check` starts fast.
SCREEN_FORMATS = ("table", "csv", "json", "markdown", "html")  # eligibility.batch_report.WRITERS
WORKBOOK_FORMAT = "xlsx"  # binary: eligibility.rendering.xlsx, to --output or a redirect
CSV_ENCODINGS = ("utf-8-sig", "utf-8", "cp932")

EXIT_UNREADABLE = 2
EXIT_BROKEN_PIPE = 141  # as a process ended by SIGPIPE reports itself in a shell
EXIT_LINT = 2


class _Group(click.Group):
    """Bad command-line use exits 2 (click's own code), library errors print without a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
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


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*report.FORMATS, "xlsx", "pdf"]),
    default="text",
    show_default=True,
    help="text: a report grouped by plan; json: the result contract; markdown or html: a "
    "report for the review record; xlsx: a workbook; pdf: the html report on A4 (needs "
    "WeasyPrint); xlsx and pdf need --output or a redirect.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the report to this file (atomically; never over the input).",
)
@LANG_OPTION
@ROOT_OPTION
@RULESET_OPTION
@AS_OF_OPTION
def check(
    file: str,
    fmt: str,
    output: str | None,
    lang: str,
    rules_root: str | None,
    ruleset_dir: str | None,
    as_of: dt.datetime | None,
) -> None:
    """Check one application FILE (.toml, .json or an .xlsx form) against the rule set.

    The rule set is the revision in force on the application's submission date
    (applicant.submitted), or on --as-of, or today; --ruleset forces one.

    Exit status: 0 eligible, 1 ineligible, 2 unreadable file or bad usage,
    3 incomplete, 4 review.

    \b
    Example:
        eligibility check line-3.toml --format json --lang ja
    """
    if output is not None:
        from eligibility.rendering.files import check_target

        check_target(output, [file])  # before the file is read: never over the input
    elif fmt in ("xlsx", "pdf"):
        _binary_stdout()
    ruleset = api.load(ruleset_dir) if ruleset_dir else None
    result = api.check_file(file, ruleset, rules=rules_root, as_of=as_of.date() if as_of else None)
    lang_t: Lang = "ja" if lang == "ja" else "en"
    if fmt == "xlsx":
        from eligibility.rendering.xlsx import result_workbook

        _write_bytes(result_workbook(result, lang_t), output, [file])
    elif fmt == "pdf":
        from eligibility.rendering.pdf import html_to_pdf

        _write_bytes(html_to_pdf(report.to_html(result, lang_t)), output, [file])
    elif output is not None:
        _write_bytes(report.FORMATS[fmt](result, lang_t).encode("utf-8"), output, [file])
    else:
        click.echo(report.FORMATS[fmt](result, lang_t), nl=False)
    sys.exit(result.exit_code)


def _binary_stdout() -> Any:
    """Standard output for a binary report, refused when it is a terminal."""
    if sys.stdout.isatty():
        raise click.UsageError(
            "xlsx and pdf reports are binary and would garble the terminal: give --output "
            "FILE or redirect the output to a file"
        )
    return sys.stdout.buffer


def _write_bytes(data: bytes, output: str | None, inputs: list[str]) -> None:
    """``data`` to ``output`` (atomically, never over an input), or to standard output."""
    from eligibility.rendering.files import atomic_output, check_target

    if output is None:
        stream = _binary_stdout()
        stream.write(data)
        stream.flush()
        return
    check_target(output, inputs)
    with atomic_output(output) as out:
        out.flush()
        out.buffer.write(data)  # type: ignore[attr-defined]


@main.command("screen")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*SCREEN_FORMATS, WORKBOOK_FORMAT]),
    default="table",
    show_default=True,
    help="table for reading, csv or json for programs, markdown or html for the review "
    "record, xlsx for a workbook (needs --output or a redirect).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the report to this file (atomically; never over an input).",
)
@click.option(
    "--encoding",
    type=click.Choice(CSV_ENCODINGS),
    default="utf-8-sig",
    show_default=True,
    help="Text encoding of --format csv: utf-8-sig (UTF-8 with a BOM, which Excel reads as "
    "UTF-8), utf-8, or cp932 (Shift_JIS; characters it lacks become 〓, with a warning).",
)
@click.option(
    "--report-dir",
    type=click.Path(file_okay=False),
    help="Also write one HTML report per application into this folder, and index.html "
    "linking them.",
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
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0.1),
    default=DEFAULT_TIME_LIMIT,
    show_default=True,
    help="Seconds one file may take before it becomes an error row.",
)
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
    encoding: str,
    report_dir: str | None,
    lang: str,
    rules_root: str | None,
    ruleset_dir: str | None,
    as_of: dt.datetime | None,
    jobs: int | None,
    time_limit: float,
    memory_limit: int,
    max_bytes: int,
) -> None:
    """Screen many applications: PATHS are files, folders (searched recursively for .toml,
    .json and .xlsx) and globs. One row per plan with its verdict and the rules that failed, are
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

    files, missing = screen.collect(paths)
    if output is not None:
        check_target(output, files)
    options = screen.Options(
        rules=rules_root,
        ruleset=ruleset_dir,
        as_of=as_of.date() if as_of else None,
        max_bytes=max_bytes,
        time_limit=time_limit,
        memory_limit=memory_limit * 1024 * 1024,
    )
    lang_t: Lang = "ja" if lang == "ja" else "en"
    summary = screen.Summary()
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    show_progress = sys.stderr.isatty() and not os.environ.get("CI") and len(files) > 1
    if fmt == "xlsx" and output is None:
        _binary_stdout()  # refuse a terminal before any file is checked
    reports = None
    encoder = None
    if report_dir is not None:
        from eligibility.rendering.report_dir import ReportDir

        reports = ReportDir(report_dir, lang_t)
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(atomic_output(output)) if output else sys.stdout
        writer: Any
        if fmt == "xlsx":
            from eligibility.rendering.xlsx import XlsxBatchWriter

            out.flush()
            text_stream: Any = out
            writer = XlsxBatchWriter(text_stream.buffer, lang_t, now)
        elif fmt == "csv":
            from eligibility.rendering.encoding import encoded

            encoder = stack.enter_context(encoded(out, encoding))
            writer = batch_report.WRITERS[fmt](cast(IO[str], encoder), lang_t, now)
        else:
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
            if reports is not None:
                reports.add(rows)
        writer.end(summary)
        if reports is not None:
            reports.end(summary, now)
    if encoder is not None and encoder.replaced:
        click.echo(
            f"warning: {encoder.replaced} character(s) have no {encoding} code and were "
            f"written as 〓; use --encoding utf-8-sig to keep them",
            err=True,
        )
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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["toml", "xlsx"]),
    default="toml",
    show_default=True,
    help="toml: a text file; xlsx: a form workbook (needs --output or a redirect).",
)
@click.option(
    "--plans",
    type=click.IntRange(1, 50),
    default=1,
    show_default=True,
    help="Plans the xlsx form has columns for.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the template to this file (atomically).",
)
def template(
    track: str,
    rules_dir: str | None,
    as_of: dt.datetime | None,
    fmt: str,
    plans: int,
    output: str | None,
) -> None:
    """Print a blank application (TOML) for TRACK: every field the track reads, each with
    its label and accepted units or values in Japanese and English. Until every "" is filled
    in, `eligibility check` reports the file incomplete and lists what is left.

    With --format xlsx, a form workbook instead: one value per cell, the unit in a cell of
    its own with a drop-down, yes/no and choices as drop-downs, an instructions sheet, the
    rule set stamped; --plans N gives it columns for N plans.

    \b
    Example:
        eligibility template capacity.ndfeb > application.toml
        eligibility template capacity.ndfeb --format xlsx -o application.xlsx
    """
    from eligibility import describe

    ruleset = api.select_ruleset(rules_dir, _day(as_of))
    if fmt == "xlsx":
        from eligibility.describe.workbook import template_workbook

        _write_bytes(template_workbook(ruleset, track, plans=plans), output, [])
    elif output is not None:
        _write_bytes(describe.template(ruleset, track).encode("utf-8"), output, [])
    else:
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
def outcomes(
    paths: tuple[str, ...], fmt: str, chart_dir: str | None, lang: str, schema_kind: str | None
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
    result = oc.compute_files(paths)
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
