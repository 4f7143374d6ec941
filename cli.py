"""The `eligibility` command: parse arguments, call the library, print, exit with the contract's
codes. Formatting lives in eligibility.rendering; rules and checks in the library."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from types import FrameType
from typing import IO, TYPE_CHECKING, Any, TypeVar, cast

import click

from eligibility import __version__, api
from eligibility.application.reader import DEFAULT_MAX_BYTES
from eligibility.errors import EligibilityError, RulesetError
from eligibility.messages import commands as stopped
from eligibility.rendering.escape import json_text, terminal, terminal_lines
from eligibility.rendering.formats import CheckFormat, OutcomesFormat, ScreenFormat
from eligibility.screening.limits import (
    DEFAULT_MEMORY_LIMIT,
    DEFAULT_TIME_LIMIT,
    TimeLimitExceeded,
    describe_time_limit,
    time_limit,
)
from eligibility.text import Lang

if TYPE_CHECKING:
    from eligibility.record import Recording

# Each command imports what only it needs when it runs, so `check` starts fast.
SCREEN_FORMATS = tuple(f.value for f in ScreenFormat)

_Command = TypeVar("_Command", bound=Callable[..., Any])
CSV_ENCODINGS = ("utf-8-sig", "utf-8", "cp932")

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
            click.echo(stopped.INTERRUPTED(ctx.meta.get(_LANG, "en")), err=True)
            ctx.exit(EXIT_INTERRUPTED)
        except Terminated:
            click.echo(stopped.TERMINATED(ctx.meta.get(_LANG, "en")), err=True)
            ctx.exit(EXIT_TERMINATED)
        except EligibilityError as exc:
            click.echo(f"error: {_error_text(exc, ctx.meta.get(_LANG, 'en'))}", err=True)
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
            why = stopped.INTERNAL_ERROR.format(kind=type(exc).__name__, detail=terminal(str(exc)))
            click.echo(f"error: {why(ctx.meta.get(_LANG, 'en'))}", err=True)
            ctx.exit(EXIT_UNREADABLE)


def _error_text(exc: EligibilityError, lang: Lang = "en") -> str:
    """An error's message in the command's --lang, with file names and quoted text made
    inert for the terminal; a rule set's problems keep one line each."""
    if isinstance(exc, RulesetError) and exc.text is None:
        return "\n".join(terminal(p) for p in exc.problems)
    return terminal(exc.in_language(lang))


_LANG = "eligibility.lang"  # where --lang is kept for the error line (ctx.meta is shared)


def _remember_lang(ctx: click.Context, param: click.Parameter, value: str) -> str:
    ctx.meta[_LANG] = value
    return value


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
    callback=_remember_lang,
    is_eager=True,  # known before another option's value can fail
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


def record_options(f: Any) -> Any:
    """--record DB and what goes with it, for every command that gives verdicts."""
    options = [
        click.option(
            "--record",
            "record_path",
            type=click.Path(dir_okay=False),
            help="Keep each decision in this decision record (SQLite; created when missing). "
            "Default: [record] path in the settings file.",
        ),
        click.option(
            "--no-record", is_flag=True, help="Do not record, whatever the settings file says."
        ),
        click.option(
            "--keep-input",
            is_flag=True,
            help="Keep the application file's bytes in the record (for `record recheck`).",
        ),
        click.option("--reviewer", help="Who decides (default: the user running the tool)."),
        click.option("--note", default="", help="A free note kept with each decision."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _recording(
    record_path: str | None,
    no_record: bool,
    keep_input: bool,
    reviewer: str | None,
    note: str,
    lang: str,
) -> Recording | None:
    """The Recording the options ask for, or None; the settings file gives the default."""
    from eligibility import config

    if no_record:
        return None
    path = record_path or config.path_setting("record", "path")
    if path is None:
        if keep_input or reviewer or note:
            raise click.UsageError(
                "--keep-input, --reviewer and --note go with --record DB "
                "(or [record] path in the settings file)"
            )
        return None
    from eligibility.record import Recording  # sqlite: only when a decision is kept

    return Recording(
        str(path), reviewer=reviewer, note=note, keep_input=keep_input, lang=_lang(lang)
    )


def _prepare_record(recording: Recording, inputs: list[str]) -> None:
    """Refuse a record that is one of the inputs; create it (or refuse a file that is not
    one) once, before the workers open it."""
    from eligibility import record

    if os.path.realpath(recording.path) in {os.path.realpath(f) for f in inputs}:
        raise click.UsageError(f"{recording.path}: is one of the inputs; choose another --record")
    record.open(recording.path).close()


def _lang(lang: str) -> Lang:
    return "ja" if lang == "ja" else "en"


# the one --memory-limit of the commands that check files in worker processes
_MEMORY_LIMIT_OPTION = click.option(
    "--memory-limit",
    type=click.IntRange(min=0),
    default=DEFAULT_MEMORY_LIMIT // (1024 * 1024),
    show_default=True,
    help="MB one worker may use for a file beyond what it starts with (0: no limit).",
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
@click.argument("file", type=click.Path(path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in CheckFormat]),
    default=CheckFormat.TEXT.value,
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
@record_options
@_time_limit_option("Seconds the file may take before it is stopped (exit status 2).")
def check(
    file: str,
    fmt: str,
    output: str | None,
    lang: str,
    rules_root: str | None,
    ruleset_dir: str | None,
    as_of: dt.datetime | None,
    record_path: str | None,
    no_record: bool,
    keep_input: bool,
    reviewer: str | None,
    note: str,
    time_limit_s: float,
) -> None:
    """Check one application FILE (.toml, .json or an .xlsx form) against the rule set.

    The rule set is the revision in force on the application's submission date
    (applicant.submitted), or on --as-of, or today; --ruleset forces one.

    With --record DB the decision is kept in a decision record (see `eligibility record`).

    Exit status: 0 eligible, 1 ineligible, 2 unreadable file (or over --time-limit), bad
    usage or a decision that could not be recorded, 3 incomplete, 4 review; 130 interrupted
    (Ctrl-C), 143 terminated (SIGTERM).

    \b
    Example:
        eligibility check line-3.toml --format json --lang ja
    """
    recording = _recording(record_path, no_record, keep_input, reviewer, note, lang)
    chosen = CheckFormat(fmt)
    if output is not None:
        from eligibility.rendering.files import check_target

        check_target(output, [file])  # before the file is read: never over the input
    elif chosen.binary:
        _binary_stdout()
    ruleset = api.load(ruleset_dir) if ruleset_dir else None
    try:
        with time_limit(time_limit_s):
            result = api.check_file(
                file, ruleset, rules=rules_root, as_of=as_of.date() if as_of else None
            )
    except TimeLimitExceeded:
        raise EligibilityError(describe_time_limit(file, time_limit_s)) from None
    lang_t = _lang(lang)
    if output is not None or chosen.binary:
        _write_bytes(chosen.to_bytes()(result, lang_t), output, [file])
    else:
        click.echo(chosen.to_renderer()(result, lang_t), nl=False)
    if recording is not None:
        decision = recording.add(result)  # a RecordError exits 2, after the report
        click.echo(f"recorded: #{decision.seq} {decision.id} in {recording.path}", err=True)
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


ENCODING_OPTION = click.option(
    "--encoding",
    type=click.Choice(CSV_ENCODINGS),
    default="utf-8-sig",
    show_default=True,
    help="Text encoding of --format csv: utf-8-sig (UTF-8 with a BOM, which Excel reads as "
    "UTF-8), utf-8, or cp932 (Shift_JIS; characters it lacks become 〓, with a warning).",
)


@contextlib.contextmanager
def _encoded_text(out: IO[str], encoding: str) -> Iterator[IO[str]]:
    """``out`` written in ``encoding`` (a CSV for Excel); afterwards a warning counts the
    characters that encoding could not hold."""
    from eligibility.rendering.encoding import encoded

    with encoded(out, encoding) as encoder:
        yield cast(IO[str], encoder)
    if encoder.replaced:
        click.echo(
            f"warning: {encoder.replaced} character(s) have no {encoding} code and were "
            f"written as 〓; use --encoding utf-8-sig to keep them",
            err=True,
        )


@contextlib.contextmanager
def _csv_output(output: str | None, encoding: str) -> Iterator[IO[str]]:
    """The text stream a CSV report is written to: ``output`` (atomically) or standard output,
    in ``encoding``."""
    from eligibility.rendering.files import atomic_output

    with contextlib.ExitStack() as stack:
        out = stack.enter_context(atomic_output(output)) if output else sys.stdout
        yield stack.enter_context(_encoded_text(out, encoding))


@main.command("screen")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(SCREEN_FORMATS),
    default=ScreenFormat.TABLE.value,
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
@ENCODING_OPTION
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
@_time_limit_option("Seconds one file may take before it becomes an error row.")
@_MEMORY_LIMIT_OPTION
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Largest application file read, in bytes.",
)
@record_options
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
    time_limit_s: float,
    memory_limit: int,
    max_bytes: int,
    record_path: str | None,
    no_record: bool,
    keep_input: bool,
    reviewer: str | None,
    note: str,
) -> None:
    """Screen many applications: PATHS are files, folders (searched recursively for .toml,
    .json and .xlsx) and globs. One row per plan with its verdict and the rules that failed, are
    missing or need review; a summary by verdict and by track underneath.

    A file that cannot be read becomes a row with its error and the batch carries on. Exit
    status: the worst in the batch, with check's codes (2 when a file could not be read).

    With --record DB every file checked is kept as a decision (each worker records its own
    files); a file that could not be recorded becomes an error row.

    \b
    Example:
        eligibility screen applications/ --format csv --output screening.csv
    """
    from eligibility.messages import outputs as output_words
    from eligibility.rendering.files import OutputError, atomic_output, check_target
    from eligibility.screening import batch as screen

    recording = _recording(record_path, no_record, keep_input, reviewer, note, lang)
    watch = [p for p in (output, recording.path if recording else None) if p is not None]
    found = screen.gather(paths, watch=watch, lang=_lang(lang))  # the files, spooled in order
    click.get_current_context().call_on_close(found.close)
    named = [p for p in paths if not os.path.isdir(p)]  # the walk compared the rest by identity
    if output is not None:
        if output in found.watched:
            raise OutputError(output_words.IS_AN_INPUT.format(path=output))
        check_target(output, named)
    if recording is not None:
        if recording.path in found.watched:
            raise click.UsageError(
                f"{recording.path}: is one of the inputs; choose another --record"
            )
        _prepare_record(recording, named)
    if found.ignored:  # notes and scans beside the applications: not screened, but said so
        from eligibility.messages import screening as screen_words

        # a file name is the batch's own text: made inert for the terminal like any other
        shown = ", ".join(terminal(screen.printable(p)) for p in found.ignored_first)
        rest = found.ignored - len(found.ignored_first)
        more = screen_words.NOT_APPLICATIONS_MORE.format(count=rest) if found.ignored > 5 else ""
        notice = screen_words.NOT_APPLICATIONS.format(count=found.ignored, shown=shown, more=more)
        click.echo(notice(_lang(lang)), err=True)
    options = screen.Options(
        rules=rules_root,
        ruleset=ruleset_dir,
        as_of=as_of.date() if as_of else None,
        max_bytes=max_bytes,
        time_limit=time_limit_s,
        memory_limit=memory_limit * 1024 * 1024,
        recording=recording,
        findings=ScreenFormat(fmt) is ScreenFormat.XLSX or report_dir is not None,
        lang=_lang(lang),
    )
    lang_t = _lang(lang)
    summary = screen.Summary()
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    if report_dir is None and not ScreenFormat(fmt).binary:  # the workers render the rows
        options = dataclasses.replace(options, render=(ScreenFormat(fmt).to_writer(), lang_t, now))
    show_progress = sys.stderr.isatty() and not os.environ.get("CI") and found.count > 1
    if ScreenFormat(fmt).binary and output is None:
        _binary_stdout()  # refuse a terminal before any file is checked
    reports = None
    if report_dir is not None:
        from eligibility.rendering.report_dir import ReportDir

        reports = ReportDir(report_dir, lang_t)
    with contextlib.ExitStack() as stack:
        out = stack.enter_context(atomic_output(output)) if output else sys.stdout
        chosen = ScreenFormat(fmt)
        writer: Any
        if chosen.binary:
            out.flush()
            text_stream: Any = out
            writer = chosen.to_binary_writer()(text_stream.buffer, lang_t, now)
        elif chosen.takes_encoding:
            writer = chosen.to_writer()(
                stack.enter_context(_encoded_text(out, encoding)), lang_t, now
            )
        else:
            writer = chosen.to_writer()(out, lang_t, now)
        writer.begin()
        for row in found.problems:
            summary.add([row])
            writer.rows([row])
        if options.render is not None:
            stream: Any = screen.run_rendered(
                found.files(),
                options,
                lambda row: screen.piece(writer, [row]),
                jobs,
                count=found.count,
            )
        else:
            stream = screen.run(found.files(), options, jobs, count=found.count)
        # closed on the way out, whatever ends the loop: the workers stop before the report's
        # temporary file goes, not whenever the generator is collected
        stream = stack.enter_context(contextlib.closing(stream))
        if show_progress:
            stream = stack.enter_context(
                click.progressbar(stream, length=found.count, label="screening", file=sys.stderr)
            )
        for done in stream:
            if isinstance(done, screen.Piece):  # rows the worker rendered
                summary.add_facts(done.facts)
                writer.write(done.text, done.rows)
                continue
            summary.add(done)
            writer.rows(done)
            if reports is not None:
                reports.add(done)
        writer.end(summary)
        if reports is not None:
            reports.end(summary, now)
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
    click.echo(json_text(text) if fmt == "json" else terminal_lines(text), nl=False)


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
    click.echo("\n".join(terminal(line) for line in result.lines))
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
    type=click.Choice(["text", "markdown", "json", "xlsx"]),
    default="text",
    show_default=True,
    help="text: for reading; markdown: for the record; json: for programs; xlsx: a workbook "
    "(needs --output or a redirect).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the comparison to this file (atomically).",
)
def rules_diff(a: str, b: str, rules_dir: str | None, fmt: str, output: str | None) -> None:
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
    if fmt == "xlsx":
        if output is None:
            _binary_stdout()  # refused on a terminal
        from eligibility.describe.diff_workbook import diff_workbook  # openpyxl: on use

        _write_bytes(diff_workbook(d, first, second), output, [])
        return
    writers = {
        "text": rules_diff_module.diff_text,
        "markdown": rules_diff_module.diff_markdown,
        "json": rules_diff_module.diff_json,
    }
    if output is not None:
        _write_bytes(writers[fmt](d).encode("utf-8"), output, [])
    else:
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
    type=click.Choice(["table", "csv", "json", "markdown", "html", "xlsx"]),
    default="table",
    show_default=True,
    help="table for reading, csv or json for programs, markdown or html for the record, xlsx "
    "for a workbook (needs --output or a redirect).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the report to this file (atomically; never over an input).",
)
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes.")
@_time_limit_option("Seconds one file may take before it becomes an error row.")
@_MEMORY_LIMIT_OPTION
@click.option(
    "--nearest",
    type=click.IntRange(min=0),
    default=5,
    show_default=True,
    help="Plans listed nearest each changed threshold.",
)
@ENCODING_OPTION
@record_options
def impact_cmd(
    paths: tuple[str, ...],
    baseline: str,
    reform: str,
    rules_dir: str | None,
    fmt: str,
    output: str | None,
    encoding: str,
    jobs: int | None,
    time_limit_s: float,
    memory_limit: int,
    nearest: int,
    record_path: str | None,
    no_record: bool,
    keep_input: bool,
    reviewer: str | None,
    note: str,
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

    if fmt == "xlsx" and output is None:
        _binary_stdout()  # refuse a terminal before any file is checked
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
    recording = _recording(record_path, no_record, keep_input, reviewer, note, "en")
    if recording is not None:  # both results of each file, noted as the impact run's
        _prepare_record(recording, files)
    for rows in compute.run(
        files,
        base_rs,
        reform_rs,
        watched,
        jobs,
        recording,
        time_limit=time_limit_s,
        memory_limit=memory_limit * 1024 * 1024,
    ):
        impact.add(rows)
    if fmt == "xlsx":
        from eligibility.impact.workbook import impact_workbook  # openpyxl: on use

        _write_bytes(impact_workbook(impact), output, files)
        return
    text = impact_report.WRITERS[fmt](impact)
    if fmt == "csv":
        with _csv_output(output, encoding) as out:
            out.write(text)
        return
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
    text = describe.to_json(info) if fmt == "json" else describe.explain_text(info)
    click.echo(json_text(text) if fmt == "json" else terminal_lines(text), nl=False)


@main.command()
@click.argument("track")
@_rules_option
@_as_of_option
@click.option(
    "--format",
    "fmt",
    # eligibility.describe.formats.TemplateFormat's members (not imported at start-up: the
    # describe package is only for this and the rules commands; a test keeps them alike)
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
    from eligibility.describe.formats import TemplateFormat

    chosen = TemplateFormat(fmt)
    if output is not None or chosen.binary:
        _write_bytes(chosen.to_bytes(ruleset, track, plans), output, [])
    else:
        click.echo(terminal_lines(describe.template(ruleset, track)), nl=False)


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
    click.echo(json_text(describe.schema_json(ruleset)), nl=False)


@main.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; only this machine can connect unless you give another.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes (one per core serves the most checks).",
)
@click.option(
    "--rules",
    "rules_root",
    type=click.Path(exists=True, file_okay=False),
    help="A folder of rule sets, one per revision (default: the shipped rules).",
)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Largest application file accepted, in bytes (as check and screen read).",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0.1),
    default=30.0,
    show_default=True,
    help="Seconds one request may take before it is answered 503.",
)
@click.option(
    "--record",
    "record_path",
    type=click.Path(dir_okay=False),
    help="Keep each decision in this decision record (SQLite; created when missing).",
)
@click.option("--keep-input", is_flag=True, help="With --record: keep each application too.")
@click.option("--reviewer", help="With --record: who the decisions are by (default: the user).")
@click.option(
    "--max-concurrent",
    type=click.IntRange(min=1),
    default=64,
    show_default=True,
    help="Requests one worker handles at once; more are answered 503 at once.",
)
def serve(
    host: str,
    port: int,
    workers: int,
    rules_root: str | None,
    max_bytes: int,
    time_limit: float,
    max_concurrent: int,
    record_path: str | None,
    keep_input: bool,
    reviewer: str | None,
) -> None:
    """Start the web server: the applicant's self-check at /, the reviewer's workbench at
    /workbench, the rules at /rules, and the HTTP API under /v1 (OpenAPI at /openapi.json).

    Nothing sent to it is stored or logged (logs carry a hash of each request body), unless
    --record DB keeps each decision in a decision record (and --keep-input the application
    too). It listens on 127.0.0.1 unless --host says otherwise; put it behind a reverse
    proxy with TLS to serve an office.

    \b
    Example:
        eligibility serve --port 8000 --workers 2
    """
    import uvicorn

    from eligibility.server import workers as server_workers
    from eligibility.server.app import SETTINGS_ENV, Settings, create_app

    settings = Settings(
        rules=os.path.abspath(rules_root) if rules_root else None,
        max_bytes=max_bytes,
        time_limit=time_limit,
        max_concurrent=max_concurrent,
        record=os.path.abspath(record_path) if record_path else None,
        keep_input=keep_input,
        reviewer=reviewer,
    )
    if record_path is not None:
        from eligibility import record

        record.open(record_path).close()  # created (or refused) once, before the workers
    create_app(settings)  # a rule set that does not load stops here, with its message
    os.environ[SETTINGS_ENV] = settings.to_env()
    options: dict[str, Any] = dict(
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,  # the server logs each request itself, with a hash, not the body
        log_level="info",
        server_header=False,
        # the server never reads the client's address or scheme (logs carry neither, and
        # pages link by path), so X-Forwarded-* from a proxy need not be parsed per request
        proxy_headers=False,
    )
    # a socket per worker, so connections spread across them (eligibility/server/workers.py)
    own_sockets = workers > 1 and server_workers.reuse_port_supported()
    if own_sockets:
        try:
            sockets = server_workers.listening_sockets(host, port, workers)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise EligibilityError(
                stopped.CANNOT_LISTEN.format(host=host, port=port, reason=reason)
            ) from exc
    click.echo(f"eligibility {__version__}: serving on http://{host}:{port}", err=True)
    if not own_sockets:
        uvicorn.run("eligibility.server.app:factory", **options)
        return
    config = uvicorn.Config("eligibility.server.app:factory", **options)
    status = server_workers.Supervisor(config, sockets).run()
    if status:
        raise SystemExit(status)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in OutcomesFormat]),
    default=OutcomesFormat.TABLE.value,
    show_default=True,
    help="table: for reading; json, csv: for programs; markdown: for documents; html: a "
    "printable page with the charts inline; xlsx: a workbook with native Excel charts "
    "(needs --output or a redirect).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the report to this file (atomically; never over an input).",
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
@_time_limit_option(
    "Seconds one file may take to read (and each file's share of the computation) before "
    "the run is stopped (exit status 2)."
)
@ENCODING_OPTION
def outcomes(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    chart_dir: str | None,
    lang: str,
    indicators_path: str | None,
    rules_dir: str | None,
    as_of: dt.datetime | None,
    strict: bool,
    schema_kind: str | None,
    time_limit_s: float,
    encoding: str,
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
    from eligibility.outcomes import inputs, measure, schema
    from eligibility.outcomes.render import chart
    from eligibility.outcomes.render.formats import render, render_bytes

    chosen = OutcomesFormat(fmt)
    lang_t = _lang(lang)
    day = _day(as_of)
    ruleset = api.select_ruleset(rules_dir, day)
    indicators = oi.load_indicators(indicators_path, ruleset, day)
    if schema_kind is not None:
        schema_doc = schema.input_schema(schema_kind, indicators, ruleset)
        click.echo(json.dumps(schema_doc, ensure_ascii=False, indent=2))
        return
    if not paths:
        raise click.UsageError("give at least one status report, statistics file or folder")
    found = inputs.input_paths(paths)
    if output is not None:
        from eligibility.rendering.files import check_target

        check_target(output, [str(p) for p in found])  # before anything is read
    elif chosen.binary:
        _binary_stdout()
    files = []
    for path in found:
        try:
            with time_limit(time_limit_s):
                files.append(inputs.read_input(path))
        except TimeLimitExceeded:
            raise EligibilityError(describe_time_limit(path, time_limit_s)) from None
    try:
        with time_limit(time_limit_s * max(1, len(files))):
            result = measure.compute(files, indicators, ruleset)
    except TimeLimitExceeded:
        raise EligibilityError(stopped.INDICATORS_TOO_SLOW.format(seconds=time_limit_s)) from None
    if chart_dir is not None:
        for written in chart.write_charts(result, chart_dir):
            click.echo(f"chart: {written}", err=True)
    if chosen.takes_encoding:
        with _csv_output(output, encoding) as out:
            out.write(render(result, chosen, lang_t, chart_dir))
    elif output is not None or chosen.binary:
        _write_bytes(render_bytes(result, chosen, lang_t, chart_dir), output, found)
    else:
        click.echo(render(result, chosen, lang_t, chart_dir), nl=False)
    if strict and result.problems:
        sys.exit(1)


# --- the decision record -------------------------------------------------------------------

EXIT_CHAIN_BROKEN = 1  # `record verify`: the chain shows a change (as 1 is "criterion not met")
EXIT_CHANGED = 1  # `record recheck`: some verdict or finding differs (as diff exits 1)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _record_file(db: str | None) -> str:
    from eligibility import config

    chosen = db or config.path_setting("record", "path")
    if chosen is None:
        raise click.UsageError("give the decision record DB (or set [record] path in the settings)")
    return str(chosen)


def _day_start(day: dt.datetime | None, days_after: int = 0) -> dt.datetime | None:
    """Midnight in Japan starting ``day`` (plus ``days_after``): decisions are dated as the
    program's other dates are, by the day in Japan."""
    from eligibility.clock import JAPAN

    if day is None:
        return None
    return dt.datetime.combine(day.date() + dt.timedelta(days=days_after), dt.time(), JAPAN)


def filter_options(f: Any) -> Any:
    """The filters of `record list`, `export` and `recheck`; all given must match."""
    options = [
        click.option("--applicant", help="Part of the applicant's name (any case)."),
        click.option("--sha256", "input_sha256", help="The input's SHA-256, or its first digits."),
        click.option(
            "--verdict",
            "verdicts",
            multiple=True,
            type=click.Choice(["eligible", "ineligible", "incomplete", "review"]),
            help="Only this verdict (repeat for several).",
        ),
        click.option(
            "--since",
            type=click.DateTime(formats=["%Y-%m-%d"]),
            help="Recorded on or after this day (in Japan).",
        ),
        click.option(
            "--until",
            type=click.DateTime(formats=["%Y-%m-%d"]),
            help="Recorded on or before this day (in Japan).",
        ),
        click.option(
            "--revision",
            "ruleset_filter",
            help="Decided under this rule set: its version, id, 'id version' or the first "
            "digits of its sha256.",
        ),
        click.option("--reviewer", help="Recorded by this reviewer."),
        click.option("--file", "input_name", help="Part of the input's file name."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _filters(**given: Any) -> Any:
    from eligibility.record import Filters

    sha = given.get("input_sha256")
    if sha is not None and not (sha and all(c in "0123456789abcdefABCDEF" for c in sha)):
        raise click.BadParameter("hex digits of a SHA-256", param_hint="--sha256")
    return Filters(
        applicant=given.get("applicant"),
        input_sha256=sha,
        verdicts=tuple(given.get("verdicts") or ()),
        since=_day_start(given.get("since")),
        until=_day_start(given.get("until"), 1),
        ruleset=given.get("ruleset_filter"),
        reviewer=given.get("reviewer"),
        input_name=given.get("input_name"),
    )


@main.group("record")
def record_group() -> None:
    """The decision record: list, show, export, verify and recheck the decisions that
    `check --record DB` and `screen --record DB` kept.

    DB may be left out when the settings file ($ELIGIBILITY_CONFIG, else
    ~/.config/eligibility/config.toml) has [record] path = "...".

    \b
    Example:
        eligibility screen applications/ --record decisions.sqlite
        eligibility record list decisions.sqlite --verdict ineligible
    """


@record_group.command("list")
@click.argument("db", required=False)
@filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a line per decision; json: the decisions in full.",
)
def record_list(db: str | None, fmt: str, **filters: Any) -> None:
    """List the decisions in DB that match the filters, oldest first.

    \b
    Example:
        eligibility record list decisions.sqlite --applicant kanazawa --since 2026-04-01
    """
    from eligibility import record
    from eligibility.record import display, export

    path = _record_file(db)
    with record.open(path, create=False) as rec:
        chosen = rec.decisions(_filters(**filters))
        if fmt == "json":
            export.write_json(chosen, sys.stdout, source=path)
        else:
            for line in display.list_lines(chosen):
                click.echo(line)


@record_group.command("show")
@click.argument("args", nargs=-1, required=True, metavar="[DB] ID")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: for reading; json: the decision in full.",
)
def record_show(args: tuple[str, ...], fmt: str) -> None:
    """Show one decision in full: ID is its number (12 or #12), its id or the start of it.

    \b
    Example:
        eligibility record show decisions.sqlite 12
    """
    from eligibility import record
    from eligibility.record import display

    if len(args) > 2:
        raise click.UsageError("give the record DB and one decision ID")
    db, ref = (args[0], args[1]) if len(args) == 2 else (None, args[0])
    with record.open(_record_file(db), create=False) as rec:
        decision = rec.get(ref)
    text = display.show_json(decision) if fmt == "json" else display.show_text(decision)
    click.echo(text, nl=False)


@record_group.command("export")
@click.argument("db", required=False)
@filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "xlsx"]),
    default="json",
    show_default=True,
    help="json: everything, hashes included; csv: a row per decision, for spreadsheets; "
    "xlsx: the same rows as a workbook (needs --output or a redirect).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write to this file (atomically) instead of standard output.",
)
@click.option("--with-inputs", is_flag=True, help="JSON: include the kept input files (base64).")
@ENCODING_OPTION
def record_export(
    db: str | None, fmt: str, output: str | None, with_inputs: bool, encoding: str, **filters: Any
) -> None:
    """Export the decisions in DB that match the filters, to JSON, CSV or xlsx.

    The JSON export of the whole record with --with-inputs holds everything the record
    does: it is a backup that can be checked against its hashes.

    \b
    Example:
        eligibility record export decisions.sqlite --format csv -o decisions.csv
    """
    from eligibility import record
    from eligibility.record import export
    from eligibility.rendering.files import atomic_output

    path = _record_file(db)
    if output is not None and os.path.realpath(output) == os.path.realpath(path):
        raise click.UsageError(f"{output}: is the record itself; choose another --output")
    if fmt == "xlsx":  # binary: to --output (atomically) or a redirect, never a terminal
        if output is None:
            _binary_stdout()
        with record.open(path, create=False) as rec:
            data, count = export.xlsx_bytes(rec.decisions(_filters(**filters)))
        _write_bytes(data, output, [path])
        if output:
            click.echo(f"exported {count} decisions to {output}", err=True)
        return
    with contextlib.ExitStack() as stack:
        rec = stack.enter_context(record.open(path, create=False))
        chosen = rec.decisions(_filters(**filters), with_input=with_inputs)
        if fmt == "csv":
            count = export.write_csv(chosen, stack.enter_context(_csv_output(output, encoding)))
        else:
            out = stack.enter_context(atomic_output(output)) if output else sys.stdout
            count = export.write_json(chosen, out, source=path, with_input=with_inputs)
    if output:
        click.echo(f"exported {count} decisions to {output}", err=True)


@record_group.command("verify")
@click.argument("db", required=False)
@click.option(
    "--expect",
    metavar="HASH",
    help="A head hash noted earlier: the chain must still contain it.",
)
def record_verify(db: str | None, expect: str | None) -> None:
    """Check that no decision in DB was edited, deleted, inserted or moved since it was
    recorded, and name each one that was.

    Prints the head (the last decision's number and hash): note it outside the file and pass
    it later to --expect, to prove the record was not rewritten since.

    Exit status: 0 intact, 1 the chain shows a change, 2 the file cannot be read.

    \b
    Example:
        eligibility record verify decisions.sqlite
    """
    from eligibility import record
    from eligibility.record.display import printable

    path = _record_file(db)
    with record.open(path, create=False) as rec:
        report = record.verify(rec, expect)
    for problem in report.problems:
        click.echo(f"tampered: {printable(problem.message)}")
    summary = f"{report.decisions} decisions; head #{report.head_seq} {report.head_hash}"
    if report.intact:
        click.echo(f"ok: {summary}")
        sys.exit(0)
    click.echo(
        f"error: {path}: the chain is broken ({_count(len(report.problems), 'problem')}); "
        f"{summary}",
        err=True,
    )
    sys.exit(EXIT_CHAIN_BROKEN)


@record_group.command("recheck")
@click.argument("db", required=False)
@RULESET_OPTION
@ROOT_OPTION
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Use the revision in force on this date (default: as check chooses for each file).",
)
@filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: for reading; json: for programs.",
)
def record_recheck(
    db: str | None,
    ruleset_dir: str | None,
    rules_root: str | None,
    as_of: dt.datetime | None,
    fmt: str,
    **filters: Any,
) -> None:
    """Run the decisions in DB whose input was kept (--keep-input) again under another
    rule-set revision, and list what changes: verdicts, plans and findings. Decisions
    without their input are listed as not recheckable. The record is not changed.

    Exit status: 0 nothing changes, 1 something changes, 2 bad usage or unreadable record.

    \b
    Example:
        eligibility record recheck decisions.sqlite --ruleset rules/permanent-magnets/2026-04
    """
    from eligibility import record
    from eligibility.record import recheck

    ruleset = api.load(ruleset_dir) if ruleset_dir else None
    path = _record_file(db)
    with record.open(path, create=False) as rec:
        chosen = rec.decisions(_filters(**filters), with_input=True)
        items = recheck.recheck(chosen, ruleset=ruleset, rules=rules_root, as_of=_day(as_of))
        tally = recheck.write(items, sys.stdout, fmt)
    changed = tally.changed
    sys.exit(EXIT_CHANGED if changed else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
