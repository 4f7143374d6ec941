"""A batch streams: the walk yields as it goes, in the order of a sort of every path; the
files are screened once each; nothing is kept per file; rows come back in order however
they are chunked."""

from __future__ import annotations

import csv
import dataclasses
import io
import itertools
import json
import os
import shutil
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from eligibility.screening import batch as screen
from eligibility.screening.walk import Kind, entries

REPO = Path(__file__).resolve().parents[2]
ELIGIBLE = REPO / "examples" / "ndfeb-line.toml"
INELIGIBLE = REPO / "examples" / "recycling-program.toml"


def _tree(top: Path, names: list[str]) -> None:
    for name in names:
        path = top / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(ELIGIBLE.read_bytes())


# --- the walk --------------------------------------------------------------------------------

TRICKY = [
    "a.toml",
    "a/x.toml",  # after a.toml: "." sorts before "/"
    "a-b/y.toml",  # "-" sorts before ".": before a.toml
    "a0.toml",
    "b/c/d/e.toml",
    "b/c.toml",
    "b/c/z.json",
    "B.TOML",
    "ab.json",
]


def test_the_walk_yields_files_in_the_order_of_a_sort_of_every_path(tmp_path: Path) -> None:
    _tree(tmp_path, TRICKY)
    walked = [e.path for e in entries(str(tmp_path), screen.SUFFIXES) if e.kind is Kind.FILE]
    assert walked == sorted(str(tmp_path / n) for n in TRICKY)


def test_the_walk_is_a_stream_that_lists_a_folder_only_when_it_gets_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path, [f"f{i:02d}/app.toml" for i in range(30)])
    listed: list[str] = []
    real = os.scandir

    def counting(path: str) -> object:
        listed.append(str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", counting)
    walk = entries(str(tmp_path), screen.SUFFIXES)
    assert isinstance(walk, Iterator)
    first = next(walk)
    assert first.path == str(tmp_path / "f00" / "app.toml")
    assert len(listed) == 2  # the top and the first folder, not the other 29
    assert len(list(walk)) == 29


def test_gathering_keeps_nothing_per_file(tmp_path: Path) -> None:
    """Ten times the files (in folders of ten) must not take ten times the memory: the
    files are spooled to disk, and only folders on the way down are held."""

    def peak(n_folders: int) -> int:
        top = tmp_path / f"batch-{n_folders}"
        for i in range(n_folders):
            folder = top / f"f{i:04d}"
            folder.mkdir(parents=True)
            for j in range(10):
                (folder / f"{j}.toml").write_bytes(b"")
        tracemalloc.start()
        try:
            with screen.gather([str(top)]) as found:
                assert found.count == n_folders * 10
                _, high = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        return high

    small, large = peak(30), peak(300)
    assert large < small * 1.5 + 20_000, (small, large)


def test_one_large_folder_is_walked_in_bounded_memory_and_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A flat folder of many files is sorted in runs on disk (here of 200 names, read back
    256 bytes at a time), not held whole: ten times its files must not take ten times the
    memory, and the order is still that of a sort of every path."""
    from eligibility.screening import walk

    monkeypatch.setattr(walk, "RUN", 200, raising=False)
    monkeypatch.setattr(walk, "_BLOCK", 256, raising=False)

    def peak(n: int) -> int:
        top = tmp_path / f"flat-{n}"
        _tree(top, ["sub/a.toml"])
        for i in range(n):  # created out of order
            (top / f"{(i * 7919) % n:05d}-{'x' * 40}.toml").write_bytes(b"")
        expected = sorted(str(p) for p in top.rglob("*.toml"))
        tracemalloc.start()
        try:
            walked = entries(str(top), screen.SUFFIXES)
            in_order = all(e and e.path == p for e, p in itertools.zip_longest(walked, expected))
            _, high = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert in_order
        return high

    small, large = peak(300), peak(3000)
    assert large < small * 1.5 + 20_000, (small, large)


def test_gathered_files_read_back_in_order_with_any_name(tmp_path: Path) -> None:
    names = ["z.toml", "新しい申請.toml", "a b.json"]
    _tree(tmp_path, names)
    odd = os.fsencode(tmp_path) + b"/" + "テスト.toml".encode("shift_jis")  # not UTF-8
    shutil.copy(ELIGIBLE, odd)
    with screen.gather([str(tmp_path)]) as found:
        back = list(found.files())
        assert back == list(found.files())  # read again from the start
        one, two = found.files(), found.files()
        assert [next(one), next(two), next(one)] == [back[0], back[0], back[1]]
    assert back == sorted([*(str(tmp_path / n) for n in names), os.fsdecode(odd)])


# --- each file once --------------------------------------------------------------------------


def test_a_file_reached_twice_is_screened_once_under_its_first_name(tmp_path: Path) -> None:
    top = tmp_path / "batch"
    _tree(top, ["m.toml", "hard-a.toml", "outside/o.toml"])
    (top / "a-link.toml").symlink_to(top / "m.toml")  # before its target
    (top / "z-link.toml").symlink_to(top / "m.toml")  # after it
    (top / "n-link.toml").symlink_to(tmp_path / "elsewhere.toml")
    shutil.copy(ELIGIBLE, tmp_path / "elsewhere.toml")
    (top / "o-link.toml").symlink_to(tmp_path / "elsewhere.toml")  # the same file again
    os.link(top / "hard-a.toml", top / "hard-b.toml")
    with screen.gather([str(top)]) as found:
        files = [Path(f).name for f in found.files()]
    assert files == ["a-link.toml", "hard-a.toml", "n-link.toml", "o.toml"]


def test_a_folder_and_a_file_in_it_named_again_are_screened_once(tmp_path: Path) -> None:
    _tree(tmp_path, ["a.toml", "b.toml"])
    paths = [str(tmp_path), str(tmp_path / "b.toml"), str(tmp_path)]
    with screen.gather(paths) as found:
        assert [Path(f).name for f in found.files()] == ["a.toml", "b.toml"]


def test_an_output_that_is_an_input_by_another_name_is_refused(tmp_path: Path) -> None:
    _tree(tmp_path, ["batch/a.toml"])
    (tmp_path / "report.csv").symlink_to(tmp_path / "batch" / "a.toml")
    before = (tmp_path / "batch" / "a.toml").read_bytes()
    result = CliRunner().invoke(
        main, ["screen", str(tmp_path / "batch"), "-o", str(tmp_path / "report.csv")]
    )
    assert result.exit_code == 2
    assert "is one of the input files" in result.stderr
    assert (tmp_path / "batch" / "a.toml").read_bytes() == before


# --- the rows --------------------------------------------------------------------------------


def test_error_rows_of_the_walk_come_first_as_they_always_have(tmp_path: Path) -> None:
    _tree(tmp_path, ["a.toml", "z/zz.toml"])
    os.mkfifo(tmp_path / "z" / "pipe.toml")
    result = CliRunner().invoke(
        main, ["screen", str(tmp_path), "--format", "csv", "--encoding", "utf-8"]
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(Path(r["file"]).name, r["verdict"]) for r in rows] == [
        ("pipe.toml", "error"),
        ("a.toml", "eligible"),
        ("zz.toml", "eligible"),
    ]


def test_rows_come_back_in_order_across_many_chunks_read_as_needed(tmp_path: Path) -> None:
    files = []
    for i in range(300):
        source = INELIGIBLE if i % 7 == 0 else ELIGIBLE
        files.append(str(tmp_path / f"{i:03d}.toml"))
        shutil.copy(source, files[-1])
    taken = 0

    def stream() -> Iterator[str]:
        nonlocal taken
        for f in files:
            taken += 1
            yield f

    results = screen.run(stream(), screen.Options(findings=False), jobs=2, count=len(files))
    first = next(results)
    # at most the chunks in flight were read before the first rows came back
    assert taken <= 2 * screen.AHEAD * screen.CHUNK
    rows = [first, *results]
    assert [r[0].file for r in rows] == files
    plans = [r.plan for rs in rows for r in rs]
    assert plans.count("solvent-rnd") == len(range(0, 300, 7))


def test_rows_carry_findings_only_when_asked(tmp_path: Path) -> None:
    with_findings = screen.screen_file(str(INELIGIBLE), screen.Options())
    without = screen.screen_file(str(INELIGIBLE), screen.Options(findings=False))
    assert all(r.findings for r in with_findings)
    assert all(r.findings == () for r in without)
    strip = [r.__class__(**{**r.__dict__, "findings": ()}) for r in with_findings]
    assert strip == without


def test_the_batch_reads_the_spool_lazily(tmp_path: Path) -> None:
    _tree(tmp_path, [f"{i:03d}.toml" for i in range(50)])
    with screen.gather([str(tmp_path)]) as found:
        head = list(itertools.islice(found.files(), 3))
    assert [Path(p).name for p in head] == ["000.toml", "001.toml", "002.toml"]


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "markdown", "html"])
def test_rows_rendered_by_the_workers_are_the_rows_the_parent_would_write(
    tmp_path: Path, fmt: str
) -> None:
    """With --report-dir the parent renders every row itself (the pages need the findings);
    without it the workers do: the report must be the same, byte for byte."""
    import re

    batch = tmp_path / "batch"
    batch.mkdir()
    for source in sorted((REPO / "examples").glob("*.toml")):
        shutil.copy(source, batch / source.name)
    (batch / "broken.json").write_text("{not json", encoding="utf-8")
    args = ["screen", str(batch), str(tmp_path / "nope"), "--format", fmt, "--lang", "ja"]
    by_workers = CliRunner().invoke(main, args)
    by_parent = CliRunner().invoke(main, [*args, "--report-dir", str(tmp_path / "pages")])
    assert by_workers.exit_code == by_parent.exit_code == 2
    stamp = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
    assert stamp.sub("", by_workers.stdout) == stamp.sub("", by_parent.stdout)
    assert "solvent-rnd" in by_workers.stdout
    if fmt == "json":  # one array of rows, each file's joined to the last's
        rows = json.loads(by_workers.stdout)["rows"]
        assert [r["verdict"] for r in rows].count("error") == 2


SHIPPED_APPLICATIONS = sorted(
    {
        *(REPO / "examples").glob("*.toml"),
        *(REPO.parent / "shared" / "spec" / "examples").glob("*.toml"),
        *(REPO / "tests" / "checking" / "applications").glob("*.*"),
    }
)


@pytest.mark.parametrize("path", SHIPPED_APPLICATIONS, ids=lambda p: p.name)
def test_rows_without_findings_come_from_a_statuses_only_check_and_agree(path: Path) -> None:
    """A batch whose rows carry no findings is checked for statuses only: the same rows."""
    full = screen.screen_file(str(path), screen.Options(findings=True))
    light = screen.screen_file(str(path), screen.Options(findings=False))
    assert [dataclasses.replace(r, findings=()) for r in full] == light
