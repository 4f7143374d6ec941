"""The command line's workbook, CSV-for-Excel and report-folder options."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import cli
from cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
APPLICATIONS = ("draft-self-check.toml", "ndfeb-line.toml", "recycling-program.toml")


def run(*args: str) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout_bytes, result.stderr


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "applications"
    folder.mkdir()
    for name in APPLICATIONS:
        shutil.copy(EXAMPLES / name, folder / name)
    return folder


def test_template_xlsx_to_a_file_and_a_pipe(tmp_path: Path) -> None:
    target = tmp_path / "form.xlsx"
    code, out, _ = run("template", "capacity.ndfeb", "--format", "xlsx", "-o", str(target))
    assert (code, out) == (0, b"")
    assert openpyxl.load_workbook(target).sheetnames == ["申請", "記入方法"]
    code, out, _ = run("template", "saving.motor", "--format", "xlsx", "--plans", "2")
    assert code == 0 and out.startswith(b"PK\x03\x04")
    code, out, err = run("check", str(target))
    assert err == ""
    assert code == 3 and b"[cell \xe7\x94\xb3\xe8\xab\x8b!F" in out  # "[cell 申請!F…]"


def test_json_findings_of_a_form_name_their_cell(tmp_path: Path) -> None:
    import json

    target = tmp_path / "form.xlsx"
    assert run("template", "capacity.smco", "--format", "xlsx", "-o", str(target))[0] == 0
    code, out, _ = run("check", str(target), "--format", "json")
    doc = json.loads(out)
    assert code == 3
    (name,) = doc["applicant"]["findings"]
    assert (name["field"], name["cell"]) == ("applicant.name", "申請!F7")
    cells = {f["field"]: f.get("cell") for f in doc["plans"][0]["findings"] if "field" in f}
    assert cells["capacity_after"].startswith("申請!F")
    json_toml = json.loads(run("check", str(EXAMPLES / "ndfeb-line.toml"), "--format", "json")[1])
    assert all("cell" not in f for p in json_toml["plans"] for f in p["findings"])


def test_a_workbook_is_never_written_to_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    with pytest.raises(Exception, match="xlsx and pdf reports are binary") as info:
        cli._binary_stdout()
    assert info.type.__name__ == "UsageError"


def test_check_xlsx_writes_a_workbook_with_the_exit_code_of_the_verdict(tmp_path: Path) -> None:
    target = tmp_path / "result.xlsx"
    code, out, _ = run(
        "check", str(EXAMPLES / "draft-self-check.toml"), "--format", "xlsx", "-o", str(target)
    )
    assert (code, out) == (3, b"")
    assert openpyxl.load_workbook(target)["plans"].cell(2, 6).value == "incomplete"
    application = tmp_path / "ndfeb-line.toml"
    shutil.copy(EXAMPLES / "ndfeb-line.toml", application)
    before = application.read_bytes()
    code, _, err = run("check", str(application), "--format", "xlsx", "-o", str(application))
    assert code == 2 and "is one of the input files" in err
    assert application.read_bytes() == before


def test_screen_reads_forms_and_writes_a_workbook(batch: Path, tmp_path: Path) -> None:
    form = batch / "blank.xlsx"
    assert run("template", "capacity.smco", "--format", "xlsx", "-o", str(form))[0] == 0
    target = tmp_path / "screening.xlsx"
    code, out, _ = run("screen", str(batch), "--format", "xlsx", "-o", str(target))
    assert code == 1 and out == b""  # recycling-program is ineligible
    plans = openpyxl.load_workbook(target)["plans"]
    files = {Path(plans.cell(r, 1).value).name for r in range(2, plans.max_row + 1)}
    assert files == {*APPLICATIONS, "blank.xlsx"}


def test_csv_is_utf8_with_a_bom_and_crlf_by_default(batch: Path) -> None:
    code, out, _ = run("screen", str(batch), "--format", "csv")
    assert out.startswith(b"\xef\xbb\xbffile,applicant,")
    assert out.count(b"\r\n") == len(out.splitlines()) and b"\n" not in out.replace(b"\r\n", b"")
    code_plain, plain, _ = run("screen", str(batch), "--format", "csv", "--encoding", "utf-8")
    assert plain == out[3:] and code_plain == code == 1


def test_csv_in_cp932_replaces_what_shift_jis_lacks_and_says_so(batch: Path) -> None:
    text = (batch / "ndfeb-line.toml").read_text(encoding="utf-8")
    (batch / "ndfeb-line.toml").write_text(
        text.replace("Kanazawa Magnet Industries K.K.", "𠮷野磁石 ①株式会社"), encoding="utf-8"
    )
    code, out, err = run("screen", str(batch), "--format", "csv", "--encoding", "cp932")
    assert code == 1
    decoded = out.decode("cp932")
    assert "〓野磁石 ①株式会社" in decoded  # 𠮷 is not in cp932; ① is
    assert err == (
        "warning: 1 character(s) have no cp932 code and were written as 〓; use --encoding "
        "utf-8-sig to keep them\n"
    )
    rows = list(csv.DictReader(io.StringIO(decoded)))
    assert {r["verdict"] for r in rows} >= {"eligible", "incomplete"}


def test_report_dir_writes_a_page_per_application_and_an_index(batch: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    other.mkdir()
    shutil.copy(EXAMPLES / "smco-line.toml", other / "ndfeb-line.toml")  # a second name alike
    weird = batch / "a b<&>'.toml"
    shutil.copy(EXAMPLES / "smco-line.toml", weird)
    reports = tmp_path / "reports"
    code, _, _ = run("screen", str(batch), str(other), "--report-dir", str(reports))
    assert code == 1
    pages = sorted(p.name for p in reports.iterdir())
    assert pages == [
        "a_b_.toml.html",
        "draft-self-check.toml.html",
        "index.html",
        "ndfeb-line.toml-2.html",
        "ndfeb-line.toml.html",
        "recycling-program.toml.html",
    ]
    index = (reports / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)">', index)
    assert set(links) == set(pages) - {"index.html"}
    page = (reports / "draft-self-check.toml.html").read_text(encoding="utf-8")
    assert '<a href="index.html">' in page and "capacity.ndfeb.coercivity" in page
    assert "@page{size:A4" in page and '<header class="run">' in page


def test_report_dir_refuses_a_symlink(batch: Path, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    os.symlink(real, link)
    code, _, err = run("screen", str(batch), "--report-dir", str(link))
    assert code == 2
    assert err == f"error: {link}: is a symbolic link; give --report-dir a real folder\n"
    assert list(real.iterdir()) == []


def test_html_reports_print_on_a4_with_hashes_kept_whole(batch: Path) -> None:
    code, out, _ = run("screen", str(batch), "--format", "html")
    page = out.decode("utf-8")
    assert "@page{size:A4" in page and "counter(page)" in page
    sha = re.search(r'<code class="hash" title="([0-9a-f]{64})">([0-9a-f]{64})</code>', page)
    assert sha is not None and sha[1] == sha[2]
    assert "<thead>" in page and '<header class="run">' in page
    code, out, _ = run("check", str(batch / "ndfeb-line.toml"), "--format", "html")
    assert code == 0
    page = out.decode("utf-8")
    assert re.search(r'<header class="run">[^<]*ndfeb-line.toml · permanent-magnets 2025-06', page)
    for verdict in ("eligible", "ineligible", "incomplete", "review", "error"):
        assert f".{verdict}{{" in page or f".{verdict}," in page or f"td.{verdict}" in page


def test_a_forms_report_keeps_each_cell_name_on_one_line(batch: Path, tmp_path: Path) -> None:
    form = batch / "blank.xlsx"
    assert run("template", "capacity.smco", "--format", "xlsx", "-o", str(form))[0] == 0
    reports = tmp_path / "reports"
    run("screen", str(batch), "--report-dir", str(reports), "-j", "1")
    page = (reports / "blank.xlsx.html").read_text(encoding="utf-8")
    assert re.search(r'<td><span class="cellref">申請!F\d+</span></td>', page)
    assert ".cellref{white-space:nowrap}" in page  # "申請!F17" never breaks after 申
