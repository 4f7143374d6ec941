"""Every CSV the tool writes opens in Japanese Excel: UTF-8 with a BOM by default (without one
Excel reads it as Shift_JIS), `--encoding utf-8` or `cp932` on request, CRLF after each record."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
BOM = b"\xef\xbb\xbf"


def _outcomes(tmp_path: Path) -> list[str]:
    return ["outcomes", str(EXAMPLES / "outcomes"), "--lang", "ja"]


def _impact(tmp_path: Path) -> list[str]:
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "ndfeb-line.toml").write_bytes((EXAMPLES / "ndfeb-line.toml").read_bytes())
    return ["impact", str(batch), "--baseline", "2025-06", "--reform", "2025-06", "-j", "1"]


def _record_export(tmp_path: Path) -> list[str]:
    db = tmp_path / "d.sqlite"
    done = CliRunner().invoke(
        main, ["check", str(EXAMPLES / "ndfeb-line.toml"), "--record", str(db)]
    )
    assert done.exit_code in (0, 1, 3, 4), done.output
    return ["record", "export", str(db)]


COMMANDS = {"outcomes": _outcomes, "impact": _impact, "record export": _record_export}


@pytest.mark.parametrize("command", COMMANDS)
def test_a_csv_starts_with_the_bom_excel_needs_and_ends_records_in_crlf(
    command: str, tmp_path: Path
) -> None:
    result = CliRunner().invoke(main, [*COMMANDS[command](tmp_path), "--format", "csv"])
    assert result.exit_code == 0, result.output
    data = result.stdout_bytes
    assert data.startswith(BOM)
    assert data.count(b"\r\n") == data.count(b"\n") >= 1


@pytest.mark.parametrize("command", COMMANDS)
def test_encoding_utf8_and_cp932_on_request(command: str, tmp_path: Path) -> None:
    args = [*COMMANDS[command](tmp_path), "--format", "csv"]
    default = CliRunner().invoke(main, args).stdout_bytes.decode("utf-8-sig")
    plain = CliRunner().invoke(main, [*args, "--encoding", "utf-8"]).stdout_bytes
    assert not plain.startswith(BOM) and plain.decode("utf-8") == default
    out = tmp_path / "shift_jis.csv"
    sjis = CliRunner().invoke(main, [*args, "--encoding", "cp932", "--output", str(out)])
    assert sjis.exit_code == 0, sjis.output
    text = out.read_bytes().decode("cp932")
    assert text.replace("〓", "") == "".join(ch for ch in default if ch.encode("cp932", "ignore"))
