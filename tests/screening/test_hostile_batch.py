"""A batch that was built to hurt: nothing the walk meets is skipped silently, and one bad
entry costs one row, never the batch."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import socket
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from eligibility.screening import batch as screen

REPO = Path(__file__).resolve().parents[2]
INELIGIBLE = REPO / "examples" / "recycling-program.toml"
ELIGIBLE = REPO / "examples" / "ndfeb-line.toml"


def _screen(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["screen", *args])
    return result.exit_code, result.stdout, result.stderr


def _json_rows(out: str) -> list[dict[str, object]]:
    return list(json.loads(out)["rows"])


# --- item: silent skips ----------------------------------------------------------------------


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(ELIGIBLE, folder / "a-eligible.toml")
    (folder / "dangling.toml").symlink_to(tmp_path / "gone.toml")
    (folder / "loop-a.toml").symlink_to(folder / "loop-b.toml")
    (folder / "loop-b.toml").symlink_to(folder / "loop-a.toml")
    os.mkfifo(folder / "pipe.toml")
    os.mkfifo(folder / "pipe-without-suffix")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "socket"))
    sock.close()
    (folder / "notes.txt").write_text("not an application", encoding="utf-8")
    return folder


def test_dangling_and_looping_symlinks_fifos_and_sockets_are_error_rows(hostile: Path) -> None:
    code, out, err = _screen(str(hostile), "--format", "json")
    rows = _json_rows(out)
    errors = {Path(str(r["file"])).name: str(r["error"]) for r in rows if r["verdict"] == "error"}
    assert set(errors) == {
        "dangling.toml",
        "loop-a.toml",
        "loop-b.toml",
        "pipe.toml",
        "pipe-without-suffix",
        "socket",
    }
    assert "a symlink to nothing" in errors["dangling.toml"]
    assert "a symlink loop" in errors["loop-a.toml"]
    assert "a named pipe (FIFO)" in errors["pipe.toml"]
    assert "a socket" in errors["socket"]
    assert code == 2
    assert [r["verdict"] for r in rows if r["verdict"] != "error"] == ["eligible"]
    assert "notes.txt" in err  # other files are still not screened, but said so


@pytest.mark.skipif(os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_is_an_error_row(tmp_path: Path) -> None:
    os.mknod(tmp_path / "null.toml", stat.S_IFCHR | 0o666, os.makedev(1, 3))
    code, out, _ = _screen(str(tmp_path), "--format", "json")
    (row,) = _json_rows(out)
    assert row["verdict"] == "error" and "a device" in str(row["error"])
    assert code == 2


def test_an_unreadable_folder_is_an_error_row_not_all_eligible(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(ELIGIBLE, tmp_path / "eligible.toml")
    locked = tmp_path / "locked"
    locked.mkdir()
    shutil.copy(INELIGIBLE, locked / "ineligible.toml")
    locked.chmod(0)
    if os.access(locked, os.R_OK):  # root reads a mode-000 folder: stand in for the kernel
        real = os.scandir

        def refuse(path: object = ".") -> object:
            if str(path).endswith("locked"):
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "scandir", refuse)
    try:
        code, out, _ = _screen(str(tmp_path), "--format", "json")
    finally:
        locked.chmod(0o700)
    rows = _json_rows(out)
    assert {(Path(str(r["file"])).name, r["verdict"]) for r in rows} == {
        ("eligible.toml", "eligible"),
        ("locked", "error"),
    }
    assert code == 2


def test_an_unreadable_folder_as_root_is_an_error_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root reads a mode-000 folder: stand in for the kernel refusing it."""
    shutil.copy(ELIGIBLE, tmp_path / "eligible.toml")
    (tmp_path / "locked").mkdir()
    real = os.scandir

    def refuse(path: object = ".") -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", refuse)
    files, problems = screen.collect([str(tmp_path)])
    assert [Path(f).name for f in files] == ["eligible.toml"]
    assert [(Path(r.file).name, r.verdict) for r in problems] == [("locked", "error")]
    assert "cannot read this folder: Permission denied" in str(problems[0].error)


# --- item: one file aborts a batch ------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "markdown", "html"])
def test_a_file_name_that_is_not_utf8_costs_no_more_than_its_row(
    tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # short paths: the table shows the start of each name
    folder = Path("zip")
    folder.mkdir()
    name = "テスト申請.toml".encode("shift_jis")  # as a Windows zip unpacks it
    shutil.copy(ELIGIBLE, os.path.join(os.fsencode(folder), name))
    shutil.copy(INELIGIBLE, folder / "other.toml")
    target = tmp_path / f"report.{fmt}"
    code, _, err = _screen(str(folder), "--format", fmt, "--output", str(target))
    assert "Traceback" not in err and "internal error" not in err, err
    text = target.read_text(encoding="utf-8")
    shown = "zip/\\x83\\x65\\x83\\x58\\x83\\x67"  # テスト, byte by byte
    if fmt == "json":
        assert any(str(r["file"]).startswith(shown) for r in _json_rows(text))
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
        assert len(rows) == 3
        assert any(r["file"].startswith(shown) for r in rows)
    else:  # each format's own escaping may add to it; the bytes are still named
        assert "x83" in text and "x65" in text
    assert "solvent-rnd" in text  # the other file's plan
    assert code == 1  # the ineligible file decides, as it would under any name


def test_a_json_application_with_lone_surrogates_costs_no_more_than_its_row(
    tmp_path: Path,
) -> None:
    doc = ELIGIBLE.read_text(encoding="utf-8")
    import tomllib

    data = tomllib.loads(doc)
    data["applicant"]["name"] = "\udc83\ud800 forged"
    raw = json.dumps(data, default=str)  # \\udc83 escapes: valid JSON, not valid Unicode
    (tmp_path / "surrogates.json").write_text(raw, encoding="ascii")
    shutil.copy(INELIGIBLE, tmp_path / "other.toml")
    for fmt in ("table", "csv", "json", "markdown", "html"):
        target = tmp_path / f"out.{fmt}"
        code, _, err = _screen(str(tmp_path), "--format", fmt, "-o", str(target))
        assert "internal error" not in err, err
        assert "solvent-rnd" in target.read_text(encoding="utf-8")  # the other file's plan
        assert code in (1, 2)


@pytest.fixture
def deep_tree(tmp_path: Path) -> Iterator[Path]:
    """1,200 nested folders with an application at the bottom; removed with `rm -rf`, as
    pytest's own (recursive) clean-up of old temporary folders would fail on it."""
    top = tmp_path / "tree"
    deep = top / "deep"
    os.makedirs(deep)
    fd = os.open(deep, os.O_RDONLY)
    try:  # built relative to each parent, as the whole path gets long
        for _ in range(1200):
            os.mkdir("d", dir_fd=fd)
            inner = os.open("d", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = inner
        with open(os.open("leaf.toml", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "wb") as f:
            f.write(ELIGIBLE.read_bytes())
    finally:
        os.close(fd)
    shutil.copy(ELIGIBLE, top / "top.toml")
    try:
        yield top
    finally:
        subprocess.run(["rm", "-rf", str(deep)], check=True)


def test_deeply_nested_folders_do_not_abort_screen_or_outcomes(deep_tree: Path) -> None:
    code, out, err = _screen(str(deep_tree), "--format", "json")
    assert "RecursionError" not in err and "internal error" not in err, err
    rows = _json_rows(out)
    assert {Path(str(r["file"])).name for r in rows} == {"top.toml", "leaf.toml"}
    assert code == 0
    result = CliRunner().invoke(main, ["outcomes", str(deep_tree)])
    assert "RecursionError" not in result.output
    assert "internal error" not in result.output
    assert result.exit_code == 2  # applications are not status reports: said so, per file


def test_rows_that_cannot_be_sent_back_cost_one_error_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a.toml", "b.toml", "c.toml"):
        shutil.copy(ELIGIBLE, tmp_path / name)
    real = screen.screen_file

    class TooBig:
        def __reduce__(self) -> tuple[object, ...]:
            raise MemoryError  # as when a worker at its memory limit pickles its rows

    def heavy(path: str, options: screen.Options | None = None) -> list[object]:
        return [TooBig()] if path.endswith("b.toml") else list(real(path, options))

    monkeypatch.setattr(screen, "screen_file", heavy)  # the workers are forked: they see it
    files, _ = screen.collect([str(tmp_path)])
    rows = [r for rows in screen.run(files, screen.Options(), jobs=2) for r in rows]
    assert [(Path(r.file).name, r.verdict) for r in rows] == [
        ("a.toml", "eligible"),
        ("b.toml", "error"),
        ("c.toml", "eligible"),
    ]
    assert "MemoryError" in str(rows[1].error)
