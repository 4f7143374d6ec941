"""Reading application files: one bad input per error message, and nothing else escapes."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility.application import reader
from eligibility.application.reader import (
    MAX_DEPTH,
    MAX_PLANS,
    SHIFT_JIS_NOTICE,
    RawApplication,
    parse_application_bytes,
    read_application,
)
from eligibility.errors import ApplicationReadError

MINIMAL_TOML = b'[applicant]\nname = "A"\n\n[[plans]]\nid = "p"\n'
MINIMAL_JSON = b'{"applicant": {"name": "A"}, "plans": [{"id": "p"}]}'
DEEP = "nested more than 16 levels deep"
FEW = "an application needs only a few levels of tables"


def _parse(name: str, raw: bytes, max_bytes: int = reader.DEFAULT_MAX_BYTES) -> RawApplication:
    return parse_application_bytes(raw, name, suffix=os.path.splitext(name)[1], max_bytes=max_bytes)


# One bad input per message: (file name, bytes, the exact message).
BAD = [
    # syntax
    ("x.toml", b"[[plans]]\nid = \n", "x.toml: not valid TOML: line 2, column 6: Invalid value"),
    (
        "x.toml",
        b"a = 1\r\n[[plans]\r\n",
        "x.toml: not valid TOML: line 2, column 8: "
        "Expected ']]' at the end of an array declaration. "
        "Close the heading with its brackets: [[plans]]",
    ),
    ("x.toml", b'[[plans]]\nid = "a', "x.toml: not valid TOML: end of file: Unterminated string"),
    (
        "x.json",
        b'{"plans": [{"id": "a",}]}',
        "x.json: not valid JSON: line 1, column 23: "
        "Expecting property name enclosed in double quotes",
    ),
    (
        "x.json",
        b'{"plans": [{"id": "a"}]}\n{}',
        "x.json: not valid JSON: line 2, column 1: Extra data",
    ),
    (
        "x.json",
        b'{"plans": [{"x": NaN}]}',
        "x.json: not valid JSON: NaN is not a JSON number: write a finite number",
    ),
    (
        "x.json",
        b'{"plans": [{"x": -Infinity}]}',
        "x.json: not valid JSON: -Infinity is not a JSON number: write a finite number",
    ),
    (
        "x.json",
        b'{"plans": [{"x": 1e400}]}',
        "x.json: not valid JSON: the number 1e400 is out of range: write a smaller number",
    ),
    (
        "x.json",
        b'{"plans": [{"x": ' + b"9" * 5000 + b"}]}",
        "x.json: not valid JSON: a number has 5,000 digits: write a shorter number",
    ),
    (
        "x.toml",
        b"[[plans]]\nx = " + b"9" * 5000 + b"\n",
        "x.toml: not valid TOML: a number has too many digits: write a shorter number",
    ),
    (
        "x.json",
        b'{"plans": [{"id": "a", "id": "b"}]}',
        'x.json: duplicate key "id" in one JSON object: keep only one',
    ),
    (
        "x.json",
        b'{"plans": [{"id": "\\udc00"}]}',
        "x.json: plans[0].id: \\udc00 is half of a character (a lone surrogate): "
        "write the character itself",
    ),
    (
        "x.json",
        b'{"plans": [{"\\ud83d": "a"}]}',
        'x.json: plans[0]."\\ud83d": \\ud83d is half of a character (a lone surrogate): '
        "write the character itself",
    ),
    # encoding
    ("x.toml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "x.toml: binary data, not a text file"),
    ("x.json", bytes(range(1, 32)) * 4, "x.json: binary data, not a text file"),
    (
        "x.toml",
        b'[applicant]\nname = "Caf\xe9"\n',  # Latin-1
        "x.toml: not UTF-8 text (byte 0xe9 at offset 23): save the file as UTF-8",
    ),
    (
        "x.toml",
        b'\xef\xbb\xbf[applicant]\nname = "\x8e\xa5\x90\xce"\n',  # a UTF-8 BOM, then Shift_JIS
        "x.toml: not UTF-8 text (byte 0x8e at offset 23): save the file as UTF-8",
    ),
    (
        "x.toml",
        '[applicant]\nname = "磁石"\n[[plans]]\n'.encode("euc_jp"),
        "x.toml: not UTF-8 text (byte 0xbc at offset 20): save the file as UTF-8",
    ),
    ("x.toml", "[[plans]]\n".encode("utf-16"), "x.toml: UTF-16 text: save the file as UTF-8"),
    ("x.json", "{}".encode("utf-32"), "x.json: UTF-32 text: save the file as UTF-8"),
    # nesting: refused before either parser runs
    ("x.json", b"[" * 100_000, f"x.json: {DEEP} at line 1, column 17: {FEW}"),
    ("x.toml", b"a = " + b"[" * 100_000, f"x.toml: {DEEP} at line 1, column 21: {FEW}"),
    ("x.toml", b"a = " + b"{b = " * 100_000, f"x.toml: {DEEP} at line 1, column 85: {FEW}"),
    ("x.toml", b"a." * 100_000 + b"b = 1\n", f"x.toml: {DEEP} at line 1, column 32: {FEW}"),
    ("x.toml", b"[" + b"a." * 100_000 + b"b]\n", f"x.toml: {DEEP} at line 1, column 33: {FEW}"),
    # outline
    (
        "x.toml",
        b"",
        "x.toml: file is empty: an application needs an applicant and at least one plan",
    ),
    (
        "x.json",
        b"\xef\xbb\xbf \n\t\n",
        "x.json: file is empty: an application needs an applicant and at least one plan",
    ),
    (
        "x.json",
        b'[{"plans": []}]',
        "x.json: the top level is an array, not an object: "
        "an application is an object with an applicant and plans",
    ),
    (
        "x.json",
        b'"plans"',
        "x.json: the top level is a string, not an object: "
        "an application is an object with an applicant and plans",
    ),
    (
        "x.toml",
        b'[applicant]\nname = "A"\n',
        "x.toml: no [[plans]]: an application needs at least one plan",
    ),
    (
        "x.json",
        b'{"applicant": {"name": "A"}}',
        'x.json: no "plans": an application needs at least one plan',
    ),
    (
        "x.toml",
        b'[plans]\nid = "a"\n',
        "x.toml: plans is a single table: use [[plans]] (an array of tables)",
    ),
    (
        "x.json",
        b'{"plans": {"id": "a"}}',
        'x.json: plans is a single object: use an array of objects: "plans": [{...}]',
    ),
    ("x.toml", b'plans = "a"\n', "x.toml: plans is a string: use [[plans]] (an array of tables)"),
    (
        "x.json",
        b'{"plans": null}',
        'x.json: plans is null: use an array of objects: "plans": [{...}]',
    ),
    (
        "x.toml",
        b"plans = []\n",
        "x.toml: plans is an empty array: an application needs at least one plan",
    ),
    (
        "x.toml",
        b'plans = ["a", "b"]\n',
        "x.toml: plans[0] is a string, not a table: write each plan as a [[plans]] table",
    ),
    (
        "x.json",
        b'{"plans": [[], []]}',
        'x.json: plans[0] is an array, not an object: write each plan as an object in the "plans" '
        "array",
    ),
    (
        "x.toml",
        b"[[plans]]\n" * (MAX_PLANS + 1),
        "x.toml: 1,001 plans; the limit is 1,000 plans in one file: split them into several files",
    ),
    # file type
    ("x.txt", MINIMAL_TOML, "x.txt: unknown file type '.txt': use .toml, .json or .xlsx"),
    ("x", MINIMAL_TOML, "x: unknown file type (no extension): use .toml, .json or .xlsx"),
]


@pytest.mark.parametrize(("name", "raw", "message"), BAD, ids=[m for _, _, m in BAD])
def test_bad_input(name: str, raw: bytes, message: str) -> None:
    with pytest.raises(ApplicationReadError) as info:
        _parse(name, raw)
    assert str(info.value) == message


def test_too_big() -> None:
    with pytest.raises(ApplicationReadError) as info:
        _parse("x.toml", MINIMAL_TOML, max_bytes=len(MINIMAL_TOML) - 1)
    assert str(info.value) == "x.toml: file is 43 bytes; the limit is 42 bytes"


# --- files that are read ----------------------------------------------------------------


@pytest.mark.parametrize(("name", "raw"), [("x.toml", MINIMAL_TOML), ("x.json", MINIMAL_JSON)])
def test_minimal(name: str, raw: bytes) -> None:
    app = _parse(name, raw)
    assert app == RawApplication(
        path=name,
        data={"applicant": {"name": "A"}, "plans": [{"id": "p"}]},
        sha256=hashlib.sha256(raw).hexdigest(),
        notices=(),
    )


def test_shift_jis_is_read_with_a_notice() -> None:
    text = '[applicant]\nname = "ネオジム磁石工業株式会社"\n\n[[plans]]\nid = "ライン３"\n'
    raw = text.encode("cp932")
    app = _parse("x.toml", raw)
    assert app.data == {
        "applicant": {"name": "ネオジム磁石工業株式会社"},
        "plans": [{"id": "ライン３"}],
    }
    assert app.notices == (SHIFT_JIS_NOTICE,)
    assert app.notices[0].en == (
        "read as Shift_JIS (cp932) because the file is not UTF-8; save it as UTF-8"
    )
    assert "Shift_JIS" in app.notices[0].ja and "UTF-8" in app.notices[0].ja
    assert app.sha256 == hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize(("name", "raw"), [("x.toml", MINIMAL_TOML), ("x.json", MINIMAL_JSON)])
def test_utf8_bom_is_dropped(name: str, raw: bytes) -> None:
    app = _parse(name, b"\xef\xbb\xbf" + raw)
    assert app.data == {"applicant": {"name": "A"}, "plans": [{"id": "p"}]}
    assert app.notices == ()
    assert app.sha256 == hashlib.sha256(b"\xef\xbb\xbf" + raw).hexdigest()


@pytest.mark.parametrize("suffix", [".TOML", ".Toml"])
def test_suffix_case_does_not_matter(suffix: str) -> None:
    assert parse_application_bytes(MINIMAL_TOML, "X" + suffix, suffix=suffix).data["plans"]


def test_data_is_kept_as_parsed() -> None:
    raw = b'[[plans]]\nid = "p"\noperation_start = 2028-04-01\nunknown = [1, 2.5, true]\n'
    plan = _parse("x.toml", raw).data["plans"][0]
    assert plan == {"id": "p", "operation_start": dt.date(2028, 4, 1), "unknown": [1, 2.5, True]}


def test_crlf_line_ends() -> None:
    assert _parse("x.toml", MINIMAL_TOML.replace(b"\n", b"\r\n")).data["plans"] == [{"id": "p"}]


def test_exactly_max_bytes_is_read() -> None:
    assert _parse("x.toml", MINIMAL_TOML, max_bytes=len(MINIMAL_TOML)).data["plans"]


def test_exactly_max_plans_are_read() -> None:
    assert len(_parse("x.toml", b"[[plans]]\n" * MAX_PLANS).data["plans"]) == MAX_PLANS


def test_brackets_and_dots_in_strings_and_comments_are_not_nesting() -> None:
    deep = "[{" * 40 + "." * 40
    raw = f"""# {deep}
[[plans]]
id = "{deep}\\"{deep}"
literal = '{deep}'
basic = \"\"\"
{deep} \\\"\"\" {deep}
"{deep}\"\"\"\"
literal_lines = '''{deep}
'{deep}'\'''
floats = [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5, 13.5, 14.5, 15.5, 16.5]
"quoted.key" = 1  # {deep}
""".encode()
    plan = _parse("x.toml", raw).data["plans"][0]
    assert plan["id"] == f'{deep}"{deep}'
    assert plan["literal"] == deep
    assert plan["basic"] == f'{deep} """ {deep}\n"{deep}"'
    assert plan["literal_lines"] == f"{deep}\n'{deep}'"
    assert plan["quoted.key"] == 1

    raw_json = f'{{"plans": [{{"id": "{deep}\\"{deep}\\\\", "x": "]]]]"}}]}}'.encode()
    assert _parse("x.json", raw_json).data["plans"][0]["id"] == f'{deep}"{deep}\\'


# --- the depth boundary: at MAX_DEPTH read, one more refused ------------------------------


def _json_nested(arrays: int) -> bytes:
    return b'{"plans": [{}], "x": ' + b"[" * arrays + b"]" * arrays + b"}"


def test_json_depth_boundary() -> None:
    assert MAX_DEPTH == 16
    assert _parse("x.json", _json_nested(MAX_DEPTH - 1)).data["x"]  # the top level is level 1
    with pytest.raises(ApplicationReadError) as info:
        _parse("x.json", _json_nested(MAX_DEPTH))
    assert str(info.value) == f"x.json: {DEEP} at line 1, column 37: {FEW}"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        # table headers: the scan lets them through, the walk counts the levels
        ("[" + ".".join("t" * 15) + "]\n", None),
        (
            "[" + ".".join("t" * 16) + "]\n",
            f"x.toml: {DEEP} at t.t.t.t.t.t.t.t.t.t.t.t.t.t.t.t: {FEW}",
        ),
        # dotted keys
        (".".join("k" * 16) + " = 1\n", None),
        ("".join(f"k{i}.x = 1.5\n" for i in range(20)), None),  # many dots, none deep
        (".".join("k" * 17) + " = 1\n", f"x.toml: {DEEP} at line 1, column 32: {FEW}"),
        # inline arrays
        ("a = " + "[" * 15 + "]" * 15 + "\n", None),
        ("a = " + "[" * 16 + "]" * 16 + "\n", f"x.toml: {DEEP} at a{'[0]' * 15}: {FEW}"),
        ("a = " + "[" * 17 + "]" * 17 + "\n", f"x.toml: {DEEP} at line 1, column 21: {FEW}"),
    ],
)
def test_toml_depth_boundary(document: str, message: str | None) -> None:
    raw = document.encode() + b"[[plans]]\n"
    if message is None:
        assert _parse("x.toml", raw).data["plans"]
    else:
        with pytest.raises(ApplicationReadError) as info:
            _parse("x.toml", raw)
        assert str(info.value) == message


@pytest.mark.parametrize(
    ("name", "raw"), [("x.json", b"[" * 100_000), ("x.toml", b"a = " + b"[" * 100_000)]
)
def test_recursion_in_a_parser_is_refused_cleanly(
    name: str, raw: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were the scan ever to miss deep nesting, the parser's RecursionError is still caught."""
    monkeypatch.setattr(reader, "_scan_json", lambda text, name: None)
    monkeypatch.setattr(reader, "_scan_toml", lambda text, name: None)
    with pytest.raises(ApplicationReadError) as info:
        _parse(name, raw)
    assert str(info.value) == f"{name}: {DEEP}: {FEW}"


# --- files on disk ------------------------------------------------------------------------


def test_read_application(tmp_path: Path) -> None:
    path = tmp_path / "line-3.toml"
    path.write_bytes(MINIMAL_TOML)
    app = read_application(path)
    assert app.path == str(path)
    assert app.data["plans"] == [{"id": "p"}]
    assert app.sha256 == hashlib.sha256(MINIMAL_TOML).hexdigest()
    assert read_application(str(path)) == app


def test_read_application_suffix_case(tmp_path: Path) -> None:
    path = tmp_path / "LINE-3.JSON"
    path.write_bytes(MINIMAL_JSON)
    assert read_application(path).data["plans"] == [{"id": "p"}]


def _message(path: str | Path, **kw: int) -> str:
    with pytest.raises(ApplicationReadError) as info:
        read_application(path, **kw)
    return str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    assert _message(path) == f"{path}: no such file"


def test_missing_folder(tmp_path: Path) -> None:
    (tmp_path / "file.toml").write_bytes(MINIMAL_TOML)
    path = tmp_path / "file.toml" / "x.toml"
    assert _message(path) == f"{path}: no such file"


def test_directory(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y.toml").mkdir()
    assert _message(tmp_path / "x") == f"{tmp_path / 'x'}: is a directory"
    assert _message(tmp_path / "y.toml") == f"{tmp_path / 'y.toml'}: is a directory"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    os.mkfifo(path)
    assert _message(path) == f"{path}: not a regular file: give the path of a file"


def test_nul_in_the_name(tmp_path: Path) -> None:
    path = f"{tmp_path}/x\0.toml"
    assert _message(path) == f"{path}: not a valid file name"


def test_unknown_suffix_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(MINIMAL_TOML)
    assert _message(path) == f"{path}: unknown file type '.txt': use .toml, .json or .xlsx"


def test_too_big_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b" " * 9_000_000)
    assert _message(path) == f"{path}: file is 9,000,000 bytes; the limit is 4,194,304 bytes"
    assert (
        _message(path, max_bytes=100) == f"{path}: file is 9,000,000 bytes; the limit is 100 bytes"
    )


def test_file_that_grows_after_the_size_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "x.toml"
    path.write_bytes(MINIMAL_TOML)
    real_stat = os.stat

    def stat_when_it_was_empty(p: Path, *args: bool, **kw: bool) -> os.stat_result:
        st = real_stat(p, *args, **kw)
        return os.stat_result((st.st_mode, *st[1:6], 0, *st[7:10]))

    monkeypatch.setattr(reader.os, "stat", stat_when_it_was_empty)
    assert (
        _message(path, max_bytes=10) == f"{path}: file is more than 10 bytes; the limit is 10 bytes"
    )


def test_a_file_that_grew_within_the_limit_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The read asks for the size the stat gave and one byte more; a file longer than that
    by now is read on, never cut at the stat's size."""
    path = tmp_path / "x.toml"
    path.write_bytes(MINIMAL_TOML)
    real_stat = os.stat

    def stat_when_it_was_short(p: Path, *args: bool, **kw: bool) -> os.stat_result:
        st = real_stat(p, *args, **kw)
        return os.stat_result((st.st_mode, *st[1:6], 3, *st[7:10]))

    monkeypatch.setattr(reader.os, "stat", stat_when_it_was_short)
    assert reader.read_file(path)[2] == MINIMAL_TOML
    assert reader.read_file(path, max_bytes=len(MINIMAL_TOML))[2] == MINIMAL_TOML


def test_a_read_that_returns_less_is_asked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read may return fewer bytes than asked (a signal, a network file system): the file is
    still read whole, and a file larger than the limit still refused."""
    path = tmp_path / "x.toml"
    path.write_bytes(MINIMAL_TOML)
    real_read = os.read
    monkeypatch.setattr(reader.os, "read", lambda fd, n: real_read(fd, min(n, 5)))
    assert reader.read_file(path)[2] == MINIMAL_TOML
    assert reader.read_file(path, max_bytes=len(MINIMAL_TOML))[2] == MINIMAL_TOML
    real_stat = os.stat

    def stat_when_it_was_short(p: Path, *args: bool, **kw: bool) -> os.stat_result:
        st = real_stat(p, *args, **kw)
        return os.stat_result((st.st_mode, *st[1:6], 3, *st[7:10]))

    monkeypatch.setattr(reader.os, "stat", stat_when_it_was_short)  # it grew since
    assert reader.read_file(path)[2] == MINIMAL_TOML
    assert (
        _message(path, max_bytes=10) == f"{path}: file is more than 10 bytes; the limit is 10 bytes"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.toml"
    path.write_bytes(MINIMAL_TOML)
    path.chmod(0)
    if os.access(path, os.R_OK):  # root reads a mode-000 file: stand in for the kernel refusing
        real_open = os.open

        def refuse(p: str, flags: int, *args: int, **kw: int) -> int:
            if str(p) == str(path):
                raise PermissionError(13, "Permission denied", str(p))
            return real_open(p, flags, *args, **kw)

        monkeypatch.setattr(os, "open", refuse)
    assert _message(path) == (
        f"{path}: permission denied: make the file readable or copy it somewhere readable"
    )


# --- only ApplicationReadError escapes ----------------------------------------------------

SYNTAX = st.text(alphabet="[]{}\"'.,=#\\\n :-_1aé磁", max_size=200)


def _parses_or_refuses(raw: bytes, suffix: str) -> None:
    try:
        app = parse_application_bytes(raw, "fuzz" + suffix, suffix=suffix)
    except ApplicationReadError as exc:
        assert str(exc).startswith(f"fuzz{suffix}: ")
    else:
        assert isinstance(app.data, dict)
        assert isinstance(app.data["plans"], list)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=500), st.sampled_from([".toml", ".json"]))
def test_any_bytes(raw: bytes, suffix: str) -> None:
    _parses_or_refuses(raw, suffix)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300), st.sampled_from([".toml", ".json"]))
def test_any_text(text: str, suffix: str) -> None:
    _parses_or_refuses(text.encode("utf-8", "surrogatepass"), suffix)


@settings(max_examples=200, deadline=None)
@given(SYNTAX, st.sampled_from([".toml", ".json"]), st.sampled_from(["", "[[plans]]\n", "{"]))
def test_any_syntax(text: str, suffix: str, prefix: str) -> None:
    _parses_or_refuses((prefix + text).encode(), suffix)


def test_one_plan_that_is_not_a_table_does_not_make_the_file_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "mixed.json"
    path.write_text('{"applicant": {"name": "A"}, "plans": [{"id": "p1"}, "p2"]}')
    assert read_application(path).data["plans"][1] == "p2"


@pytest.mark.parametrize("name", ["..toml", "...TOML", "a..toml", ".x.json"])
def test_a_name_ending_in_a_suffix_is_that_format_however_many_dots(
    tmp_path: Path, name: str
) -> None:
    """screen's walk takes every name ending in .toml or .json: the reader reads it alike
    (os.path.splitext gives "..toml" no suffix at all)."""
    path = tmp_path / name
    path.write_bytes(MINIMAL_TOML if name.lower().endswith(".toml") else b'{"plans": [{}]}')
    assert read_application(path).data["plans"]


# --- the depth walk a shallow text skips --------------------------------------------------

_SEGMENT = st.sampled_from(["a", "b", "p", '"q.r"'])
_KEY = st.lists(_SEGMENT, min_size=1, max_size=5).map(".".join)
_VALUE = st.recursive(
    st.sampled_from(["1", "2.5", '"46 MGOe"', "true", "1979-05-27"]),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.tuples(_KEY, inner), max_size=3).map(
            lambda kvs: "{" + ", ".join(f"{k} = {v}" for k, v in kvs) + "}"
        ),
    ),
    max_leaves=12,
)
_LINE = st.one_of(
    _KEY.map(lambda k: f"[{k}]"),
    _KEY.map(lambda k: f"[[{k}]]"),
    st.tuples(_KEY, _VALUE).map(lambda kv: f"{kv[0]} = {kv[1]}"),
)


@st.composite
def _tight(draw: st.DrawFn) -> list[str]:
    """A document as deep as the bound allows: every bracket, brace and dot opens a level of
    one path (a header, a dotted key under it, then nested arrays and inline tables), so its
    depth is one more than their count, on both sides of the limit."""
    header = ".".join(["h"] * draw(st.integers(1, 9)))
    opening = "[[" if draw(st.booleans()) else "["
    key = ".".join(["k"] * draw(st.integers(1, 6)))
    value = "1"
    for brace in draw(st.lists(st.booleans(), max_size=6)):
        value = f"{{v = {value}}}" if brace else f"[{value}]"
    return [f"{opening}{header}{']' * len(opening)}", f"{key} = {value}"]


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE, max_size=8) | _tight())
def test_a_text_with_few_brackets_and_dots_nests_within_the_limit(lines: list[str]) -> None:
    """The bound that lets a document skip the depth walk (``reader._shallow``) never lets
    one through that the walk would refuse: TOML of headers, arrays of tables, dotted keys
    and nested inline values, and the same document as JSON."""
    text = "\n".join(lines)
    try:
        data = reader.toml_parser.loads(text)
    except reader.toml_parser.TOMLDecodeError:
        return  # a redefined table or key: not a document
    for shown in (text, json.dumps(data, default=str)):
        if reader._shallow(shown):
            assert reader._nests_within(data, MAX_DEPTH)


def test_the_walk_still_refuses_what_the_bound_cannot_clear() -> None:
    """A text at the bound's edge is walked, so a document nested one level too deep is still
    refused; one as deep as the limit, written with as many dots, is read."""
    assert reader._shallow("[" + ".".join("t" * 15) + "]")  # 1 + 14 dots: 15 < 16
    assert not reader._shallow("[" + ".".join("t" * 16) + "]")
    raw = ("[" + ".".join("t" * 16) + "]\n[[plans]]\n").encode()
    with pytest.raises(ApplicationReadError, match="nested more than 16 levels deep"):
        _parse("x.toml", raw)
