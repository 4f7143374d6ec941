"""The `eligibility` command: parse arguments, call the library, print, exit with the contract's
codes. Formatting lives in eligibility.report; rules and checks in the library."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
from typing import Any

import click

from eligibility import __version__, api
from eligibility.application.reader import DEFAULT_MAX_BYTES
from eligibility.errors import EligibilityError
from eligibility.rendering import result as report
from eligibility.screening.limits import DEFAULT_MEMORY_LIMIT, DEFAULT_TIME_LIMIT
from eligibility.text import Lang

# Each command imports what only it needs when it runs, so `check` starts fast.
SCREEN_FORMATS = ("table", "csv", "json", "markdown", "html")  # eligibility.batch_report.WRITERS

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
    help="The date of receipt: use the revision in force on this date (default: the "
    "applicant's own applicant.submitted, else today in Japan).",
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
def check(
    file: str,
    fmt: str,
    lang: str,
    rules_root: str | None,
    ruleset_dir: str | None,
    as_of: dt.datetime | None,
) -> None:
    """Check one application FILE (.toml or .json) against the rule set.

    The rule set is the revision in force on the application's submission date
    (applicant.submitted), or on --as-of, or today; --ruleset forces one.

    Exit status: 0 eligible, 1 ineligible, 2 unreadable file or bad usage,
    3 incomplete, 4 review.

    \b
    Example:
        eligibility check line-3.toml --format json --lang ja
    """
    ruleset = api.load(ruleset_dir) if ruleset_dir else None
    result = api.check_file(file, ruleset, rules=rules_root, as_of=as_of.date() if as_of else None)
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
    lang: str,
    rules_root: str | None,
    ruleset_dir: str | None,
    as_of: dt.datetime | None,
    jobs: int | None,
    time_limit: float,
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


@rules.command("path")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: for reading; json: for programs.",
)
def rules_path(fmt: str) -> None:
    """Print where rule sets are looked for, in order, and what is found in each place.

    \b
    Without --rules, every command looks in:
      1. ELIGIBILITY_RULES: a folder of revisions (several separated by ':')
      2. [rules] path in the configuration file ($ELIGIBILITY_CONFIG, else
         $XDG_CONFIG_HOME/eligibility/config.toml)
      3. the rule sets shipped with the tool
    A revision found earlier hides one of the same version found later.

    \b
    Example:
        ELIGIBILITY_RULES=~/revisions eligibility rules path
    """
    from eligibility import describe

    info = describe.search_info()
    click.echo(describe.to_json(info) if fmt == "json" else describe.search_text(info), nl=False)


@rules.command("new")
@click.argument("version")
@click.option(
    "--effective-from",
    "effective",
    required=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="The day the revision takes effect (applications of that day on are checked by it).",
)
@click.option(
    "--into",
    type=click.Path(file_okay=False, path_type=str),
    help="The folder of revisions to write it into (default: the first writable folder of "
    "`eligibility rules path`).",
)
@click.option("--base", help="The revision it changes (default: the latest one before it).")
def rules_new(version: str, effective: dt.datetime, into: str | None, base: str | None) -> None:
    """Write a new revision VERSION that takes effect on --effective-from: a folder with a
    ruleset.toml naming its base, to which you add only what changes.

    \b
    Example:
        eligibility rules new 2027-04 --effective-from 2027-04-01
    """
    from pathlib import Path

    from eligibility.ruleset.revision import new_revision

    folder = new_revision(version, effective.date(), Path(into) if into else None, base)
    click.echo(f"{folder / 'ruleset.toml'}")


@rules.command("diff")
@click.argument("a")
@click.argument("b")
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(exists=True, file_okay=False),
    help="Look for the versions A and B here (default: `eligibility rules path`).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="text: for reading; markdown: for the record; json: for programs.",
)
def rules_diff(a: str, b: str, rules_dir: str | None, fmt: str) -> None:
    """What revision B changes relative to A (each a version or a rule set folder):
    thresholds, parameters, rules added, removed and changed, messages.

    \b
    Example:
        eligibility rules diff 2025-06 2027-04 --format markdown
    """
    from eligibility.describe import diff as rules_diff_module
    from eligibility.ruleset.select import find_ruleset, load

    first = load(find_ruleset(a, rules_dir))
    second = load(find_ruleset(b, rules_dir))
    d = rules_diff_module.diff(first, second)
    writers = {
        "text": rules_diff_module.diff_text,
        "markdown": rules_diff_module.diff_markdown,
        "json": rules_diff_module.diff_json,
    }
    click.echo(writers[fmt](d), nl=False)


@main.command("impact")
@click.argument("paths", nargs=-1, required=True)
@click.option("--baseline", required=True, help="The rule set now: a version or a folder.")
@click.option(
    "--reform",
    required=True,
    help="The rule set to measure: a version, a folder, or a TOML file of overrides of the "
    "baseline (a rule's threshold, a parameter's value).",
)
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(exists=True, file_okay=False),
    help="Look for the versions here (default: `eligibility rules path`).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json", "markdown", "html"]),
    default="table",
    show_default=True,
    help="table for reading, csv or json for programs, markdown or html for the record.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the report to this file (atomically; never over an input).",
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes.")
@click.option(
    "--nearest",
    type=click.IntRange(min=0),
    default=5,
    show_default=True,
    help="Plans listed nearest each changed threshold.",
)
def impact_cmd(
    paths: tuple[str, ...],
    baseline: str,
    reform: str,
    rules_dir: str | None,
    fmt: str,
    output: str | None,
    jobs: int | None,
    nearest: int,
) -> None:
    """What the reform would do to the applications in PATHS (files, folders, globs),
    against the baseline: every plan whose verdict changes with the findings that changed
    it, a verdict transition matrix per track, and the plans nearest each changed threshold.

    Exit status: 0 when the report is written (whatever it shows), 2 on bad usage or a rule
    set that does not load.

    \b
    Example:
        eligibility impact applications/ --baseline 2025-06 --reform 2027-04
    """
    from eligibility.describe.diff import diff
    from eligibility.impact import compute
    from eligibility.impact import reform as reforms
    from eligibility.impact import report as impact_report
    from eligibility.rendering.files import atomic_output, check_target
    from eligibility.screening import batch as screen

    base_rs = reforms.baseline_ruleset(baseline, rules_dir)
    reform_rs = reforms.reform_ruleset(reform, base_rs, rules_dir)
    thresholds = diff(base_rs, reform_rs)["thresholds"]
    files, missing = screen.collect(paths)
    if output is not None:
        check_target(output, files)
    impact = impact_report.Impact(base_rs, reform_rs, thresholds, nearest=nearest)
    for row in missing:
        impact.add([compute.PlanImpact(row.file, "error", "error", error=row.error)])
    watched = frozenset(t["rule"] for t in thresholds)
    for rows in compute.run(files, base_rs, reform_rs, watched, jobs):
        impact.add(rows)
    text = impact_report.WRITERS[fmt](impact)
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(atomic_output(output)) if output else sys.stdout
        out.write(text)


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
    type=click.Choice(["table", "json", "csv", "markdown", "html"]),  # formats.OutputFormat
    default="table",
    show_default=True,
    help="table: for reading; json, csv: for programs; markdown: for documents; html: a "
    "printable page with the charts inline.",
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
    "--indicators",
    "indicators_path",
    type=click.Path(exists=True, path_type=str),
    help="An indicators file, or a folder of revisions (<version>/indicators.toml), instead "
    "of the shipped indicators.",
)
@click.option(
    "--rules",
    "rules_dir",
    type=click.Path(exists=True, file_okay=False, path_type=str),
    help="A rule set folder, or a folder of them, for the tracks, kinds and motor checks "
    "(default: the shipped rules).",
)
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Use the rule set and the indicators in force on this date (default: today in Japan).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 1 when there are findings (notices aside), for automation.",
)
@click.option(
    "--schema",
    "schema_kind",
    type=click.Choice(["report", "statistics", "stage_gates"]),
    help="Print the JSON Schema of a status report, program statistics or stage-gate "
    "results, and stop.",
)
def outcomes(
    paths: tuple[str, ...],
    fmt: str,
    chart_dir: str | None,
    lang: str,
    indicators_path: str | None,
    rules_dir: str | None,
    as_of: dt.datetime | None,
    strict: bool,
    schema_kind: str | None,
) -> None:
    """Compute the program's six outcome indicators (アウトカム指標) from status reports,
    program statistics and stage-gate results in PATHS (files, or folders of .toml/.json
    files).

    For each indicator and fiscal year with data: the value, the target, the status (before
    the target year on track or behind; in it achieved or missed; after it shown as after
    the target year, the target year's result standing) with the rule that decided it, and
    the files it came from; then the reports superseded by corrections, and every missing,
    unreadable or contradictory entry as a finding. The file formats, the indicators and
    their rules are in docs/OUTCOMES.md.

    Exit status: 0 computed (with --strict: and no findings other than notices), 1 with
    --strict when there are such findings, 2 unreadable file or bad usage.

    \b
    Example:
        eligibility outcomes examples/outcomes --format html > outcomes.html
    """
    import json

    from eligibility.outcomes import indicators as oi
    from eligibility.outcomes import measure, schema
    from eligibility.outcomes.render import chart
    from eligibility.outcomes.render.formats import OutputFormat, render

    lang_t: Lang = "ja" if lang == "ja" else "en"
    day = _day(as_of)
    ruleset = api.select_ruleset(rules_dir, day)
    indicators = oi.load_indicators(indicators_path, ruleset, day)
    if schema_kind is not None:
        schema_doc = schema.input_schema(schema_kind, indicators, ruleset)
        click.echo(json.dumps(schema_doc, ensure_ascii=False, indent=2))
        return
    if not paths:
        raise click.UsageError("give at least one status report, statistics file or folder")
    result = measure.compute_files(paths, indicators, ruleset)
    if chart_dir is not None:
        for written in chart.write_charts(result, chart_dir):
            click.echo(f"chart: {written}", err=True)
    click.echo(render(result, OutputFormat(fmt), lang_t, chart_dir), nl=False)
    if strict and result.problems:
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
