"""What `--output` and `--chart` may write: a regular file, replaced whole, keeping its mode;
never a FIFO, a device, a symlink's target or a folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main
from eligibility.rendering.files import OutputError, write_file_atomically

REPO = Path(__file__).resolve().parents[2]
APPLICATION = REPO / "examples" / "ndfeb-line.toml"
OUTCOMES = REPO / "examples" / "outcomes"


def _screen_to(target: Path) -> Result:
    return CliRunner().invoke(
        main, ["screen", str(APPLICATION), "--format", "csv", "-o", str(target)]
    )


def _refused(result: Result, target: Path) -> None:
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {target}: ")
    assert "--output replaces only a regular file" in result.stderr
    assert "Traceback" not in result.output


def test_a_new_file_is_created(tmp_path: Path) -> None:
    target = tmp_path / "screening.csv"
    assert _screen_to(target).exit_code == 0
    assert target.read_text(encoding="utf-8-sig").startswith("file,")  # CSV for Excel: a BOM
    assert sorted(p.name for p in tmp_path.iterdir()) == ["screening.csv"]


def test_a_replaced_report_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "private.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    assert _screen_to(target).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8-sig").startswith("file,")  # CSV for Excel: a BOM


def test_a_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    _refused(_screen_to(fifo), fifo)
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert "a named pipe (FIFO)" in _screen_to(fifo).stderr


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_is_refused(tmp_path: Path) -> None:
    null = tmp_path / "null"  # a copy of /dev/null: the real one must never be at risk
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    _refused(_screen_to(null), null)
    assert stat.S_ISCHR(null.lstat().st_mode)


def test_a_symlink_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    link = tmp_path / "report.csv"
    link.symlink_to(victim)
    _refused(_screen_to(link), link)
    assert link.is_symlink()
    assert victim.read_text(encoding="utf-8") == "precious"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["screen", str(APPLICATION), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert str(tmp_path) in result.stderr and "is a directory" in result.stderr
    assert "Traceback" not in result.output


def test_charts_are_never_written_through_a_symlink(tmp_path: Path) -> None:
    charts = tmp_path / "charts"
    charts.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    (charts / "long.ev_models.svg").symlink_to(victim)
    result = CliRunner().invoke(main, ["outcomes", str(OUTCOMES), "--chart", str(charts)])
    assert result.exit_code == 2
    assert f"{charts / 'long.ev_models.svg'}: is a symlink" in result.stderr
    assert victim.read_text(encoding="utf-8") == "precious"


def test_charts_replace_regular_files_atomically(tmp_path: Path) -> None:
    charts = tmp_path / "charts"
    charts.mkdir()
    old = charts / "long.ev_models.svg"
    old.write_text("old", encoding="utf-8")
    old.chmod(0o640)
    result = CliRunner().invoke(main, ["outcomes", str(OUTCOMES), "--chart", str(charts)])
    assert result.exit_code == 0, result.output
    assert old.read_text(encoding="utf-8").startswith("<svg")
    assert stat.S_IMODE(old.stat().st_mode) == 0o640
    assert not [p for p in charts.iterdir() if p.name.endswith(".tmp")]


def test_write_file_atomically_refuses_what_is_not_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    os.mkfifo(tmp_path / "pipe")
    for name in ("sub", "pipe"):
        with pytest.raises(OutputError, match="replaces only a regular file"):
            write_file_atomically(tmp_path, name, "x")
    with pytest.raises(OutputError):
        write_file_atomically(tmp_path, "../escape.svg", "x")
    write_file_atomically(tmp_path, "new.svg", b"<svg/>")
    assert (tmp_path / "new.svg").read_bytes() == b"<svg/>"
