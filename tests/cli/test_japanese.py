"""`--lang ja` is Japanese throughout: status and verdict words, report and table headers,
file-level errors and the day the rule set was chosen for — while JSON keeps the contract's
codes. Our reading of a rule's open point (its note) is shown in every report for people."""

from __future__ import annotations

import csv
import inspect
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
STATUS_WORDS = re.compile(r"\b(pass|fail|missing|invalid|review)\b")
VERDICT_WORDS = re.compile(r"\b(eligible|ineligible|incomplete)\b")
HEADER_WORDS = re.compile(r"\b(rule|status|given|threshold|margin|message|applicant|track)\b")


def run(*args: str) -> Result:
    if "mix_stderr" in inspect.signature(CliRunner).parameters:
        runner = CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    else:
        runner = CliRunner()
    return runner.invoke(main, list(args), catch_exceptions=False)


def _without_rule_ids(text: str) -> str:
    """What a person reads as words: no style sheet, tag or class name, and no rule id
    (capacity.ndfeb.material), key or code, which are identifiers, not words."""
    text = re.sub(r"<style>.*?</style>|<code[^>]*>[^<]*</code>|`[^`]*`", " ", text, flags=re.S)
    text = re.sub(r"<[^>]*>", " ", text)
    return re.sub(r"[\w-]+(?:\.[\w-]+)+", " ", text)


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_a_report_in_japanese_has_no_english_status_or_verdict(fmt: str) -> None:
    result = run("check", str(EXAMPLES / "draft-self-check.toml"), "--lang", "ja", "--format", fmt)
    assert result.exit_code == 3, result.stderr
    out = result.stdout
    assert "不備あり" in out and "適合" in out and "未記入" in out and "記入不備" in out
    words = _without_rule_ids(out)
    assert not STATUS_WORDS.search(words), STATUS_WORDS.search(words)
    assert not VERDICT_WORDS.search(words)
    assert "本日" in out or "受付日" in out or "申請日" in out  # why this revision, in Japanese


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_report_headers_are_japanese(fmt: str) -> None:
    out = run("check", str(EXAMPLES / "ndfeb-line.toml"), "--lang", "ja", "--format", fmt).stdout
    assert "規則" in out and "状態" in out and "基準値" in out
    assert not HEADER_WORDS.search(_without_rule_ids(out))


def test_the_day_the_rule_set_was_chosen_for_is_named_in_japanese() -> None:
    out = run("check", str(EXAMPLES / "ndfeb-line.toml"), "--lang", "ja").stdout
    assert "本日" in out
    assert ", today)" not in out
    out = run("check", str(EXAMPLES / "ndfeb-line.toml"), "--lang", "ja", "--as-of", "2026-05-01")
    assert "受付日" in out.stdout


def test_json_keeps_the_contracts_codes_under_japanese() -> None:
    result = run(
        "check", str(EXAMPLES / "draft-self-check.toml"), "--lang", "ja", "--format", "json"
    )
    data = json.loads(result.stdout)
    assert data["verdict"] == "incomplete"
    statuses = {f["status"] for p in data["plans"] for f in p["findings"]}
    assert statuses <= {"pass", "fail", "missing", "invalid", "review"} and "missing" in statuses


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown", "html"])
def test_a_screened_batch_in_japanese(fmt: str) -> None:
    result = run("screen", str(EXAMPLES), "--lang", "ja", "--format", fmt)
    out = result.stdout
    assert "判定" in out and "ファイル" in out and "区分" in out
    assert "適格" in out and "不備あり" in out
    cells = _without_rule_ids(out)
    assert not VERDICT_WORDS.search(cells), VERDICT_WORDS.search(cells)
    assert not re.search(r"\b(fail|missing/invalid|review):", cells)


def test_a_screened_batch_in_json_keeps_the_codes() -> None:
    out = run("screen", str(EXAMPLES), "--lang", "ja", "--format", "json").stdout
    assert '"eligible"' in out and "適格" not in out.split('"summary"')[0]


@pytest.mark.parametrize(
    ("name", "content", "japanese"),
    [
        ("missing.toml", None, "ファイルがありません"),
        ("notes.md", b"# hello", "不明なファイル形式"),
        ("broken.toml", b"a = [", "TOML として読めません"),
        ("empty.toml", b"  \n", "ファイルが空です"),
        ("broken.json", b"{", "JSON として読めません"),
    ],
)
def test_file_level_errors_in_japanese(
    tmp_path: Path, name: str, content: bytes | None, japanese: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    ja = run("check", str(path), "--lang", "ja")
    assert ja.exit_code == 2
    assert ja.stderr.startswith("error: ") and japanese in ja.stderr
    en = run("check", str(path))
    assert en.exit_code == 2 and japanese not in en.stderr and en.stderr.isascii()


def test_a_file_too_large_is_refused_in_japanese(tmp_path: Path) -> None:
    path = tmp_path / "big.toml"
    path.write_bytes(b"# " + b"x" * (5 * 1024 * 1024))
    result = run("check", str(path), "--lang", "ja")
    assert result.exit_code == 2 and "上限は" in result.stderr and "バイト" in result.stderr


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize(("lang", "label"), [("en", "our reading"), ("ja", "解釈")])
def test_our_reading_of_an_open_point_is_shown(fmt: str, lang: str, label: str) -> None:
    out = run("check", str(EXAMPLES / "ndfeb-line.toml"), "--lang", lang, "--format", fmt).stdout
    # capacity.ndfeb.coercivity's note: 保磁力 is read as intrinsic coercivity HcJ
    assert label in out and "HcJ" in out.split(label, 1)[1]


def test_a_workbook_in_japanese_names_statuses_and_verdicts(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = tmp_path / "report.xlsx"
    path = str(EXAMPLES / "draft-self-check.toml")
    result = run("check", path, "--lang", "ja", "--format", "xlsx", "--output", str(out))
    assert result.exit_code == 3, result.stderr
    book = openpyxl.load_workbook(out)
    cells = {str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row}
    assert {"不備あり", "未記入", "適合", "記入不備"} <= cells
    assert not cells & {"pass", "fail", "missing", "invalid", "review", "incomplete", "eligible"}


def test_an_internal_error_is_said_in_japanese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import eligibility.api

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(eligibility.api, "check_file", broken)
    monkeypatch.delenv("ELIGIBILITY_DEBUG", raising=False)
    app = tmp_path / "a.toml"
    app.write_text('[applicant]\nname = "A"\n[[plans]]\nid = "p"\ntrack = "recycling.rnd"\n')
    result = run("check", str(app), "--lang", "ja")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: 内部エラー（RuntimeError: boom）")
    assert "Traceback" not in result.stderr


def _merged_form(path: Path) -> None:
    """A form (its header in column A) with two cells merged below the header."""
    openpyxl = pytest.importorskip("openpyxl")
    from eligibility.application.workbook_layout import KEY_HEADER

    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = KEY_HEADER
    sheet["A2"] = "plans.magnet.grade"
    sheet.merge_cells("F2:G2")
    book.save(path)


def _refused_in_both_languages(args: list[str], japanese: str, english: str) -> None:
    ja = run(*args, "--lang", "ja")
    assert ja.exit_code == 2, ja.stderr
    assert ja.stderr.startswith("error: ") and japanese in ja.stderr
    assert english not in ja.stderr
    en = run(*args, "--lang", "en")
    assert en.exit_code == 2 and english in en.stderr and japanese not in en.stderr


@pytest.mark.parametrize(
    ("name", "content", "japanese", "english"),
    [
        ("form.xlsx", b"name,plan\nx,y\n", "zip パッケージではありません", "not a zip package"),
        ("form.xlsm", b"PK\x03\x04", "マクロ有効ブック", "a macro-enabled workbook"),
        ("form.xlsx", None, "結合されたセル", "merged cells: unmerge them"),
    ],
)
def test_a_broken_workbook_is_refused_in_japanese(
    tmp_path: Path, name: str, content: bytes | None, japanese: str, english: str
) -> None:
    path = tmp_path / name
    if content is None:
        _merged_form(path)
    else:
        path.write_bytes(content)
    _refused_in_both_languages(["check", str(path)], japanese, english)


def test_a_directory_is_refused_in_japanese(tmp_path: Path) -> None:
    folder = tmp_path / "forms.toml"  # named as an application, yet a folder
    folder.mkdir()
    _refused_in_both_languages(["check", str(folder)], "フォルダーです", "is a directory")


@pytest.mark.parametrize(
    ("name", "content", "japanese"),
    [
        ("a.toml", '[applicant]\nname = "A"\n', "[[plans]] がありません"),
        ("a.json", '{"applicant": {"name": "A"}}', '"plans" がありません'),
    ],
)
def test_a_file_with_no_plans_is_refused_in_japanese(
    tmp_path: Path, name: str, content: str, japanese: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    english = "an application needs at least one plan"
    _refused_in_both_languages(["check", str(path)], japanese, english)
    assert "計画が必要です" in run("check", str(path), "--lang", "ja").stderr


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_a_screened_entry_that_cannot_be_read_is_said_in_japanese(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "ndfeb-line.toml").write_bytes((EXAMPLES / "ndfeb-line.toml").read_bytes())
    (tmp_path / "gone.toml").symlink_to(tmp_path / "nowhere.toml")
    (tmp_path / "broken.json").write_text('{"applicant": {"name": "A"}}', encoding="utf-8")

    def errors(lang: str) -> str:
        result = run("screen", str(tmp_path), "--format", fmt, "--lang", lang)
        assert result.exit_code == 2, result.stderr
        if fmt == "csv":
            return "\n".join(",".join(r) for r in csv.reader(io.StringIO(result.stdout)))
        if fmt == "json":
            rows = json.loads(result.stdout)["rows"]
            return "\n".join(row["error"] for row in rows if "error" in row)
        return result.stdout

    ja = errors("ja")
    assert "リンク先のないシンボリックリンク" in ja and '"plans" がありません' in ja
    assert "symlink to nothing" not in ja and "needs at least one plan" not in ja
    en = errors("en")
    assert "is a symlink to nothing; not screened" in en
    assert 'no "plans": an application needs at least one plan' in en
    assert "シンボリックリンク" not in en


def test_an_output_that_is_an_input_is_refused_in_japanese(tmp_path: Path) -> None:
    app = tmp_path / "a.toml"
    app.write_bytes((EXAMPLES / "ndfeb-line.toml").read_bytes())
    args = ["screen", str(tmp_path), "--output", str(app)]
    _refused_in_both_languages(args, "入力ファイルの一つです", "is one of the input files")
