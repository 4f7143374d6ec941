"""Terminal injection: applicant text and file names reach a terminal as inert text, on
stdout and stderr, in every text the command prints (issue 10, item 5)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

REPO = Path(__file__).resolve().parents[2]
ATTACKS = {
    "clear screen": "\x1b[2J\x1b[H",
    "concealed text": "\x1b[8mhidden\x1b[0m",
    "OSC 52 clipboard": "\x1b]52;c;cm0gLXJmIH4K\x07",
    "OSC 8 link": "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\",
    "C1 CSI": "\x9b2J",
    "bidi override": "\u202eelbigile\u202c \u2066x\u2069",
}
PAYLOAD = "Evil " + "".join(ATTACKS.values())
# what must never reach a terminal raw: C0 but newline, DEL, C1, separators, bidi controls
RAW = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)
SHOWN = ("\\x1b[2J", "\\x1b[8m", "\\x1b]52;c;", "\\x1b]8;;", "\\x9b2J", "\\u202e", "\\u2066")
FILE_NAME = "f\x1b[2J\x1b]8;;x\x1b\\\u202e.toml"  # no "/" fits in a name


def _application(path: Path, name: str = PAYLOAD, track: str = "recycling.rnd") -> Path:
    path.write_text(
        f"[applicant]\nname = {json.dumps(name)}\n\n[[plans]]\nid = {json.dumps(name)}\n"
        f'track = {json.dumps(track)}\ncost_reduction = "2 %"\n',
        encoding="utf-8",
    )
    return path


def _assert_inert(text: str, *, shown: bool = True) -> None:
    assert not RAW.search(text), repr(RAW.search(text))
    if shown:
        for escape in SHOWN:
            assert escape in text, escape


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_text_report_escapes_the_applicant_and_the_file_name(tmp_path: Path) -> None:
    path = _application(tmp_path / FILE_NAME)
    code, out, err = _invoke("check", str(path))
    assert code == 1 and err == ""
    _assert_inert(out)
    assert "f\\x1b[2J\\x1b]8;;x\\x1b\\\\u202e.toml" in out  # the file's name, shown


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "markdown", "html"])
def test_screen_output_escapes_rows_and_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.chdir(tmp_path)  # the file's own name starts its row
    _application(tmp_path / FILE_NAME, track="recycling.rnd" + ATTACKS["clear screen"])
    code, out, err = _invoke("screen", FILE_NAME, "--format", fmt, "-j", "1")
    assert code == 3, out + err
    # the table cuts long names to their columns, Markdown escapes the escapes' backslashes
    # once more, JSON writes \u escapes and keeps the values
    _assert_inert(out + err, shown=fmt in ("csv", "html"))
    if fmt == "markdown":
        assert "\\\\x1b\\[2J" in out
    if fmt == "table":
        assert "f\\x1b[2J" in out
        summary = out.split("\n\n", 1)[1]  # the summary names the applicant's own track
        assert "recycling.rnd\\x1b[2J\\x1b[H: incomplete 1" in summary
    if fmt == "json":
        [row] = json.loads(out)["rows"]
        assert (row["applicant"], row["file"]) == (PAYLOAD, FILE_NAME)


def test_screens_notice_of_files_it_skips_escapes_their_names(tmp_path: Path) -> None:
    """A note or scan beside the applications is named in a notice before the batch starts:
    its name is the batch's text like any other, shown inert, in the batch's language."""
    _application(tmp_path / "a.toml", name="Plain K.K.")
    (tmp_path / FILE_NAME.replace(".toml", ".txt")).write_text("a note", encoding="utf-8")
    for lang, words in (("en", "not screened"), ("ja", "確認していません")):
        code, _, err = _invoke(
            "screen", str(tmp_path), "--lang", lang, "-o", str(tmp_path / "o.csv")
        )
        assert code == 1, err  # the one application fails its check; the notice is what matters
        (notice,) = [line for line in err.splitlines() if ".txt" in line]
        assert words in notice
        _assert_inert(notice, shown=False)
        assert "\\x1b[2J" in notice and "\\u202e" in notice


def test_error_messages_escape_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    path.write_text("not [ toml", encoding="utf-8")
    code, out, err = _invoke("check", str(path))
    assert code == 2 and out == ""
    assert err.startswith("error: ") and err.endswith("\n")
    _assert_inert(err, shown=False)
    assert "f\\x1b[2J\\x1b]8;;x\\x1b\\\\u202e.toml" in err


def test_json_error_rows_carry_no_raw_control_character(tmp_path: Path) -> None:
    path = tmp_path / ("b" + ATTACKS["C1 CSI"] + ATTACKS["bidi override"] + ".toml")
    path.write_text("not [ toml", encoding="utf-8")
    code, out, _ = _invoke("screen", str(path), "--format", "json")
    assert code == 2
    _assert_inert(out, shown=False)
    [row] = json.loads(out)["rows"]
    assert row["error"].startswith(str(path) + ": ")  # the value is the name as it is


def _script() -> list[str]:
    script = shutil.which("eligibility", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "eligibility"]


@pytest.mark.parametrize(
    "args",
    [["check", "{app}"], ["check", "{broken}"], ["screen", "{app}", "{broken}", "-j", "1"]],
)
def test_the_installed_command_writes_nothing_raw_to_a_terminal(
    tmp_path: Path, args: list[str]
) -> None:
    app = _application(tmp_path / FILE_NAME)
    broken = tmp_path / ("broken" + ATTACKS["OSC 52 clipboard"] + ".json")
    broken.write_text("{", encoding="utf-8")
    argv = [a.format(app=app, broken=broken) for a in args]
    proc = subprocess.run(
        [*_script(), *argv], capture_output=True, timeout=120, cwd=REPO, check=False
    )
    assert proc.returncode in (1, 2)
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    _assert_inert(out, shown=False)
    _assert_inert(err, shown=False)
    assert "\\x1b" in out + err


def test_command_line_errors_escape_the_names_they_quote(tmp_path: Path) -> None:
    # click quotes a value with repr(), which escapes controls; this pins that it stays so
    folder = tmp_path / ("dir" + ATTACKS["OSC 8 link"].replace("/", "_"))
    folder.mkdir()
    code, out, err = _invoke("check", str(folder))
    assert code == 2 and out == ""
    assert "is a directory" in err
    _assert_inert(err, shown=False)
    assert "dir\\x1b]8;;" in err


def test_rule_set_problems_keep_one_line_each_and_escape_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / ("rules" + ATTACKS["clear screen"])
    folder.mkdir()
    (folder / "ruleset.toml").write_text("not [ toml", encoding="utf-8")
    code, out, err = _invoke("rules", "check", str(folder))
    assert code == 2
    _assert_inert(out + err, shown=False)
    assert "rules\\x1b[2J" in out + err
