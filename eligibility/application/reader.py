"""Reading one application file: untrusted bytes in, a parsed document or one clear error out.

The reader decides only whether a file can be read at all. It checks the file (exists, is a
regular file, not too big), the text (UTF-8, or Shift_JIS with a notice), the syntax (TOML or
JSON, by suffix) and the outline (a table at the top, at most :data:`MAX_DEPTH` levels deep, a
non-empty array of plan tables). Everything inside the plans is left as parsed for the engine,
which reports problems there as findings. Every refusal is an
:class:`~eligibility.errors.ApplicationReadError` whose message starts with the file name, says
what is wrong and, where it is not obvious, what to do.

Nothing the file holds can make the reader recurse deeply or take more than linear time:
nesting is measured by a flat scan before either parser runs (both parsers recurse once per
level, and TOML's cost grows with the square of a dotted key's length), and the size is capped
before anything is read.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import json
import math
import os
import stat
from dataclasses import dataclass, field
from typing import Any, NoReturn

from eligibility import toml_parser
from eligibility.errors import ApplicationReadError
from eligibility.messages import application as application_words
from eligibility.messages import files as say
from eligibility.patterns import lazy
from eligibility.text import Text

DEFAULT_MAX_BYTES = 4 * 1024 * 1024
MAX_DEPTH = 16  # levels of tables and arrays, the top-level table being level 1
MAX_PLANS = 1000

SHIFT_JIS_NOTICE = application_words.SHIFT_JIS

_SUFFIXES = {".toml": "toml", ".json": "json", ".xlsx": "xlsx", ".xlsm": "xlsx"}
_OTHER_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
# Bytes that do not occur in text: C0 controls other than tab, line feed, form feed and
# carriage return, and DEL. More than one in ten of them (or any NUL) makes a file binary.
_CONTROL_BYTES = bytes([*range(0x01, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
# Decoded as cp932, real Shift_JIS text has no controls and no private-use characters.
_NOT_SHIFT_JIS_TEXT = lazy("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff]")
_SURROGATE = lazy("[\ud800-\udfff]")
_BARE_KEY = lazy(r"[A-Za-z0-9_-]+")
_WORDS = {
    # format: (table word, missing plans, how to write plans, how to write one plan)
    "toml": (say.TOML_TABLE, say.TOML_NO_PLANS, say.TOML_USE_ARRAY, say.TOML_USE_TABLES),
    "json": (say.JSON_OBJECT, say.JSON_NO_PLANS, say.JSON_USE_ARRAY, say.JSON_USE_TABLES),
}


@dataclass(frozen=True)
class RawApplication:
    """An application file that could be read: its parsed document and where it came from."""

    path: str  # as given by the caller
    data: dict[str, Any]  # the parsed document, as the parser returned it
    sha256: str  # hex SHA-256 of the file's bytes
    notices: tuple[Text, ...]  # how the file was read, when that is worth telling
    #: where each key was read from, for a workbook: "plans[0].magnet.grade" -> "申請!F14"
    locations: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Document:
    """Untrusted bytes read as text and parsed: TOML or JSON, at most :data:`MAX_DEPTH` deep.

    ``data`` is whatever the parser returned; when it is a table, its depth and its strings
    have been checked. What the document must hold is for the caller to say.
    """

    path: str  # as given by the caller
    format: str  # "toml" | "json"
    data: Any
    sha256: str  # hex SHA-256 of the bytes
    notices: tuple[Text, ...]  # how the text was read, when that is worth telling


def read_document(
    path: str | os.PathLike[str], *, empty: str | Text, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Read and parse the .toml or .json file at ``path``, or raise
    :class:`ApplicationReadError`; ``empty`` ends the message for a file with no content."""
    name, suffix, raw = read_file(path, max_bytes=max_bytes)
    return parse_document_bytes(raw, name, suffix=suffix, empty=empty, max_bytes=max_bytes)


def parse_document_bytes(
    raw: bytes,
    name: str,
    *,
    suffix: str,
    empty: str | Text,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Parse ``raw``, the bytes of a file called ``name``, or raise :class:`ApplicationReadError`.

    ``suffix`` (".toml" or ".json", in any case) selects the parser; ``empty`` says, after
    "file is empty: ", what the file should have held.
    """
    fmt = _file_format(name, suffix)
    if len(raw) > max_bytes:
        _refuse_size(name, f"{len(raw):,}", max_bytes)
    text, notices = _decode(raw, name)
    if not text.strip():
        raise ApplicationReadError(say.EMPTY.format(name=name, needs=empty))
    data = _parse_toml(text, name) if fmt == "toml" else _parse_json(text, name)
    # TOML has no lone surrogates (the parser refuses them), and JSON has them only from a
    # \uD800-style escape (the text was decoded strictly): a document without one needs the
    # walk that says where only when it nests too deep
    plain = fmt == "toml" or ("\\ud" not in text and "\\uD" not in text)
    if isinstance(data, dict) and not (
        plain and (_shallow(text) or _nests_within(data, MAX_DEPTH))
    ):
        _check_depth_and_text(data, name)
    return Document(name, fmt, data, hashlib.sha256(raw).hexdigest(), notices)


def read_application(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> RawApplication:
    """Read the application file at ``path``, or raise :class:`ApplicationReadError`."""
    name, suffix, raw = read_file(path, max_bytes=max_bytes)
    return parse_application_bytes(raw, name, suffix=suffix, max_bytes=max_bytes)


def read_file(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[str, str, bytes]:
    """The name, suffix and bytes of an input file (.toml, .json or .xlsx, a regular file of at
    most ``max_bytes``), or raise :class:`ApplicationReadError`."""
    name = os.fspath(path)
    try:
        info = os.stat(path)
    except (OSError, ValueError) as exc:
        _refuse_os(name, exc)
    if stat.S_ISDIR(info.st_mode):
        raise ApplicationReadError(say.IS_A_DIRECTORY.format(name=name))
    if not stat.S_ISREG(info.st_mode):
        raise ApplicationReadError(say.NOT_REGULAR.format(name=name))
    suffix = file_suffix(name)
    _file_format(name, suffix)
    if info.st_size > max_bytes:
        _refuse_size(name, f"{info.st_size:,}", max_bytes)
    try:
        # Non-blocking, so that a file swapped for a FIFO since the stat cannot hang the read;
        # a descriptor, not a buffered file object, which cost a small file's read three times
        # the system calls' own time (some 30 µs against 9)
        fd = os.open(path, _READ_FLAGS)
    except (OSError, ValueError) as exc:
        _refuse_os(name, exc)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ApplicationReadError(say.NOT_REGULAR.format(name=name))
        # as much as the stat said and one byte more, not a buffer of the limit's size for
        # every file (a 4 MiB allocation per read tripled a small file's read); a file that
        # grew since is read on, up to one byte past the limit
        raw = _read_at_most(fd, min(info.st_size, max_bytes) + 1)
        if len(raw) > info.st_size:
            raw += _read_at_most(fd, max_bytes + 1 - len(raw))
    except OSError as exc:
        _refuse_os(name, exc)
    finally:
        os.close(fd)
    if len(raw) > max_bytes:  # the file grew after the stat
        _refuse_size(name, None, max_bytes)
    return name, suffix, raw


def parse_application_bytes(
    raw: bytes, name: str, *, suffix: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> RawApplication:
    """Read an application from ``raw``, the bytes of a file called ``name``.

    ``suffix`` (".toml", ".json" or ".xlsx", in any case) selects the parser. Raises
    :class:`ApplicationReadError` for anything that makes the bytes unreadable.
    """
    if _file_format(name, suffix) == "xlsx":
        if len(raw) > max_bytes:
            _refuse_size(name, f"{len(raw):,}", max_bytes)
        return _parse_workbook(raw, name)
    doc = parse_document_bytes(
        raw,
        name,
        suffix=suffix,
        empty=say.APPLICATION_NEEDS,
        max_bytes=max_bytes,
    )
    _check_outline(doc.data, name, doc.format)
    return RawApplication(path=name, data=doc.data, sha256=doc.sha256, notices=doc.notices)


# --- the file -----------------------------------------------------------------------------


_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_READ_FLAGS |= getattr(os, "O_BINARY", 0)  # Windows: no newline translation


def _read_at_most(fd: int, size: int) -> bytes:
    """Up to ``size`` bytes from ``fd``, fewer only at the end of the file: a read may return
    less than it was asked for (a signal, a network file system), so it is asked again."""
    chunks: list[bytes] = []
    left = size
    while left > 0:
        chunk = os.read(fd, left)
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def _refuse_os(name: str, exc: OSError | ValueError) -> NoReturn:
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        message = say.NO_SUCH_FILE.format(name=name)
    elif isinstance(exc, IsADirectoryError):
        message = say.IS_A_DIRECTORY.format(name=name)
    elif isinstance(exc, PermissionError):
        message = say.PERMISSION_DENIED.format(name=name)
    elif isinstance(exc, ValueError):  # e.g. a NUL character in the path
        message = say.NOT_A_FILE_NAME.format(name=name)
    else:
        reason = exc.strerror or type(exc).__name__
        message = say.CANNOT_BE_READ.format(name=name, reason=reason)
    raise ApplicationReadError(message) from exc


def too_large(name: str, max_bytes: int, size: str | Text | None = None) -> Text:
    """Why a file of ``size`` bytes (or more than the limit, when not known) is refused."""
    limit = f"{max_bytes:,}"
    shown = say.MORE_THAN.format(limit=limit) if size is None else size
    return say.TOO_LARGE.format(name=name, size=shown, limit=limit)


def _refuse_size(name: str, size: str | Text | None, max_bytes: int) -> NoReturn:
    raise ApplicationReadError(too_large(name, max_bytes, size))


def file_suffix(name: str) -> str:
    """The suffix that names ``name``'s format, read as a batch's walk reads it: a name that
    ends in ``.toml``, ``.json`` or ``.xlsx`` (any case) is that format, however many dots
    come before (``os.path.splitext`` gives ``..toml`` no suffix at all)."""
    lower = name.lower()
    for suffix in _SUFFIXES:
        if lower.endswith(suffix):
            return name[-len(suffix) :]
    return os.path.splitext(name)[1]


def _file_format(name: str, suffix: str) -> str:
    fmt = _SUFFIXES.get(suffix.lower())
    if fmt is None:
        kind = f"'{suffix}'" if suffix else say.NO_EXTENSION
        raise ApplicationReadError(say.UNKNOWN_TYPE.format(name=name, kind=kind))
    return fmt


def _parse_workbook(raw: bytes, name: str) -> RawApplication:
    from eligibility.application.workbook import read_workbook_bytes

    book = read_workbook_bytes(raw, name)
    _check_outline(book.data, name, "toml")
    return RawApplication(
        path=name,
        data=book.data,
        sha256=hashlib.sha256(raw).hexdigest(),
        notices=book.notices,
        locations=book.locations,
    )


# --- the text -----------------------------------------------------------------------------


def _decode(raw: bytes, name: str) -> tuple[str, tuple[Text, ...]]:
    """The file's text: UTF-8 (a BOM is dropped), or Shift_JIS with a notice."""
    for bom, encoding in _OTHER_BOMS:
        if raw.startswith(bom):
            raise ApplicationReadError(say.OTHER_ENCODING.format(name=name, encoding=encoding))
    start = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    body = raw[start:]
    controls = len(body.translate(None, _NOT_CONTROL_BYTES))
    if b"\x00" in body or controls * 10 > len(body):
        raise ApplicationReadError(say.BINARY.format(name=name))
    try:
        return body.decode("utf-8"), ()
    except UnicodeDecodeError as exc:
        bad = exc.start
    if start == 0:
        text = _as_shift_jis(body)
        if text is not None:
            return text, (SHIFT_JIS_NOTICE,)
    raise ApplicationReadError(say.NOT_UTF8.format(name=name, byte=body[bad], offset=start + bad))


def _as_shift_jis(body: bytes) -> str | None:
    """``body`` read as cp932 when it plausibly is Shift_JIS text, else None.

    Japanese Shift_JIS text nearly always has a lead byte in 0x81-0x9F other than 0x8E and
    0x8F (punctuation, kana, most kanji); EUC-JP text has none, though it often decodes as
    cp932. Bytes that decode to controls or private-use characters are not Shift_JIS text.
    """
    if not any(0x81 <= b <= 0x9F and b not in (0x8E, 0x8F) for b in body):
        return None
    try:
        text = body.decode("cp932")
    except UnicodeDecodeError:
        return None
    return None if _NOT_SHIFT_JIS_TEXT.search(text) else text


# --- the syntax ---------------------------------------------------------------------------


class _Refused(Exception):
    """Raised from inside the JSON parser's hooks; the message follows the file name."""

    def __init__(self, detail: Text) -> None:
        super().__init__(detail.en)
        self.detail = detail


def _parse_toml(text: str, name: str) -> dict[str, Any]:
    _scan_toml(text, name)
    try:
        return toml_parser.loads(text)
    except toml_parser.TOMLDecodeError as exc:
        from eligibility.application import syntax  # only a file that does not parse needs it

        detail = syntax.toml_detail(str(exc), text)
        raise ApplicationReadError(say.NOT_TOML.format(name=name, detail=detail)) from exc
    except RecursionError as exc:
        raise ApplicationReadError(_too_deep(name, "")) from exc
    except ValueError as exc:  # int() refusing a decimal number of thousands of digits
        raise ApplicationReadError(say.TOML_DIGITS.format(name=name)) from exc


def _parse_json(text: str, name: str) -> Any:
    _scan_json(text, name)
    try:
        return json.loads(
            text,
            object_pairs_hook=_json_object,
            parse_constant=_json_constant,
            parse_float=_json_float,
            parse_int=_json_int,
        )
    except _Refused as exc:
        raise ApplicationReadError(say.JSON_REFUSED.format(name=name, detail=exc.detail)) from None
    except json.JSONDecodeError as exc:
        from eligibility.application import syntax  # only a file that does not parse needs it

        raise ApplicationReadError(
            say.NOT_JSON.format(
                name=name, line=exc.lineno, column=exc.colno, detail=syntax.json_reason(exc.msg)
            )
        ) from exc
    except RecursionError as exc:
        raise ApplicationReadError(_too_deep(name, "")) from exc


def _json_object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(say.DUPLICATE_JSON_KEY.format(key=_show(key)))
        out[key] = value
    return out


def _json_constant(constant: str) -> NoReturn:
    raise _Refused(say.JSON_CONSTANT.format(constant=constant))


def _json_float(number: str) -> float:
    value = float(number)
    if not math.isfinite(value):
        raise _Refused(say.JSON_OUT_OF_RANGE.format(number=_clip(number)))
    return value


def _json_int(number: str) -> int:
    try:
        return int(number)
    except ValueError:  # more digits than int() converts
        raise _Refused(say.JSON_DIGITS.format(digits=len(number))) from None


# --- nesting, before parsing --------------------------------------------------------------

_JSON_TOKEN = lazy(r'[\[{]+|[\]}]+|"')
_JSON_STRING_STOP = lazy(r'[\\"]')
_TOML_TOKEN = lazy(r"""[.,=\[\]{}\n#"']""")
_TOML_BASIC_STOP = lazy(r'[\\"\n]')
_TOML_LITERAL_STOP = lazy(r"['\n]")
_TOML_MULTILINE_BASIC_STOP = lazy(r'[\\"]')


def _scan_json(text: str, name: str) -> None:
    """Refuse brackets nested more than MAX_DEPTH deep (outside strings), before json.loads."""
    if text.count("[") + text.count("{") <= MAX_DEPTH:
        return  # too few brackets, in strings or out, to nest that deep
    depth = 0
    pos = 0
    while m := _JSON_TOKEN.search(text, pos):
        token = m.group()
        if token == '"':
            pos = _skip_json_string(text, m.end())
            continue
        if token[0] in "[{":
            if depth + len(token) > MAX_DEPTH:
                _refuse_deep(name, text, m.start() + MAX_DEPTH - depth)
            depth += len(token)
        else:
            depth = max(0, depth - len(token))
        pos = m.end()


def _skip_json_string(text: str, pos: int) -> int:
    """The position after the string whose opening quote ends at ``pos``."""
    while m := _JSON_STRING_STOP.search(text, pos):
        if m.group() == '"':
            return m.end()
        pos = m.end() + 1  # the escaped character
    return len(text)


def _scan_toml(text: str, name: str) -> None:
    at = toml_nesting_beyond(text, MAX_DEPTH)
    if at is not None:
        _refuse_deep(name, text, at)


def toml_nesting_beyond(text: str, max_depth: int) -> int | None:
    """Where TOML ``text`` nests inline brackets, or dots keys, more than ``max_depth``
    levels deep (the offset of the bracket or dot that goes too deep); None if nowhere.

    A flat scan, for use before the TOML parser (which recurses once per level). Each dot of a
    dotted key or table header is one level of tables, so a run of ``max_depth`` dots
    between separators means more than ``max_depth`` levels (a value has at most one dot:
    a float or a time).
    """
    if text.count("[") + text.count("{") <= max_depth and (
        text.count(".") < max_depth  # fewer dots in all than a line would need
        or all(line.count(".") < max_depth for line in text.split("\n"))
    ):
        return None  # too few brackets to nest that deep, and no line with that many dots
    depth = 0
    dots = 0
    pos = 0
    while m := _TOML_TOKEN.search(text, pos):
        at = m.start()
        token = m.group()
        pos = m.end()
        if token == ".":
            dots += 1
            if dots >= max_depth:
                return at
        elif token in "[{":
            depth += 1
            dots = 0
            if depth > max_depth:
                return at
        elif token in "]}":
            depth = max(0, depth - 1)
            dots = 0
        elif token in ",=\n":
            dots = 0
        elif token == "#":
            end = text.find("\n", at)
            pos = len(text) if end < 0 else end
        else:
            pos = _skip_toml_string(text, at)
    return None


def _skip_toml_string(text: str, at: int) -> int:
    """The position after the TOML string that opens at ``at`` (or the line end, if unclosed)."""
    quote = text[at]
    if text.startswith(quote * 3, at):
        pos = at + 3
        while True:
            if quote == "'":
                close = text.find("'''", pos)
            else:
                m = _TOML_MULTILINE_BASIC_STOP.search(text, pos)
                close = -1 if m is None else m.start()
            if close < 0:
                return len(text)
            if text[close] == "\\":
                pos = close + 2
                continue
            end = close
            while end < len(text) and text[end] == quote:
                end += 1
            if end - close >= 3:  # up to two quotes may end the content itself
                return end
            pos = end
    stop = _TOML_BASIC_STOP if quote == '"' else _TOML_LITERAL_STOP
    pos = at + 1
    while m := stop.search(text, pos):
        if m.group() == "\\":
            pos = m.end() + 1
        elif m.group() == quote:
            return m.end()
        else:
            return m.start()  # a line end: the string is unclosed; the parser says so
    return len(text)


def _refuse_deep(name: str, text: str, at: int) -> NoReturn:
    line, column = line_and_column(text, at)
    where = say.DEEP_AT_LINE.format(line=line, column=column)
    raise ApplicationReadError(_too_deep(name, where))


def line_and_column(text: str, at: int) -> tuple[int, int]:
    """The line and column (from 1) of offset ``at`` in ``text``."""
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def _too_deep(name: str, where: str | Text) -> Text:
    return say.TOO_DEEP.format(name=name, limit=MAX_DEPTH, where=where)


# --- the outline --------------------------------------------------------------------------


def _check_outline(data: Any, name: str, fmt: str) -> None:
    table, no_plans, use_array, use_tables = _WORDS[fmt]
    if not isinstance(data, dict):
        raise ApplicationReadError(
            say.TOP_LEVEL_IS.format(name=name, kind=_kind(data, fmt), table=table)
        )
    if "plans" not in data:
        raise ApplicationReadError(say.NO_PLANS.format(name=name, missing=no_plans))
    plans = data["plans"]
    if not isinstance(plans, list):
        single = say.TOML_SINGLE if fmt == "toml" else say.JSON_SINGLE
        kind = single if isinstance(plans, dict) else _kind(plans, fmt)
        raise ApplicationReadError(say.PLANS_IS.format(name=name, kind=kind, advice=use_array))
    if not plans:
        raise ApplicationReadError(say.NO_PLANS_LEFT.format(name=name))
    if len(plans) > MAX_PLANS:
        raise ApplicationReadError(
            say.TOO_MANY_PLANS.format(name=name, count=len(plans), limit=MAX_PLANS)
        )
    # an element that is not a table is a finding of its plan (plan.invalid), so the other
    # plans are still checked; only a file with no table among its plans cannot be read
    if not any(isinstance(plan, dict) for plan in plans):
        raise ApplicationReadError(
            say.FIRST_PLAN_IS.format(
                name=name, kind=_kind(plans[0], fmt), table=table, advice=use_tables
            )
        )


def _check_depth_and_text(data: dict[str, Any], name: str) -> None:
    """Walk the document without recursion: depth at most MAX_DEPTH, no lone surrogates.

    JSON's \\ud800-style escapes can put half a character into a string, which cannot be
    printed or encoded later; TOML refuses them itself.
    """
    stack: list[tuple[dict[str, Any] | list[Any], int, tuple[str | int, ...]]] = [(data, 1, ())]
    while stack:
        node, depth, path = stack.pop()
        if depth > MAX_DEPTH:
            raise ApplicationReadError(_too_deep(name, say.DEEP_AT_KEY.format(path=_path(path))))
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            here = (*path, key)
            if isinstance(key, str) and _SURROGATE.search(key):
                _refuse_surrogate(name, here, key)
            if isinstance(value, dict | list):
                stack.append((value, depth + 1, here))
            elif isinstance(value, str) and _SURROGATE.search(value):
                _refuse_surrogate(name, here, value)


def _shallow(text: str) -> bool:
    """Whether ``text`` has too few brackets, braces and dots to nest past MAX_DEPTH, so its
    document needs no walk to show it. Every table or array below the top-level one is opened
    by a character of its own: a header's ``[`` (``[[`` for an array of tables and its
    element), a dot of a dotted key or header, a value's ``[`` or ``{`` (JSON has only
    these). A document is therefore nested at most one level more than it has of them, in
    strings and comments too, where they only make the bound looser. Two in three generated
    applications pass it, and skip a walk of 15 µs."""
    return text.count("[") + text.count("{") + text.count(".") < MAX_DEPTH


def _nests_within(data: dict[str, Any], limit: int) -> bool:
    """Whether ``data`` nests at most ``limit`` levels of tables and arrays: the walk of
    :func:`_check_depth_and_text` without the texts and the paths it needs for a message."""
    stack: list[tuple[dict[str, Any] | list[Any], int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return False
        for value in node.values() if isinstance(node, dict) else node:
            if isinstance(value, dict | list):
                stack.append((value, depth + 1))
    return True


def _refuse_surrogate(name: str, path: tuple[str | int, ...], text: str) -> NoReturn:
    m = _SURROGATE.search(text)
    assert m is not None
    raise ApplicationReadError(
        say.LONE_SURROGATE.format(name=name, path=_path(path), code=ord(m.group()))
    )


# --- wording ------------------------------------------------------------------------------


def _kind(value: Any, fmt: str) -> Text:
    if isinstance(value, dict):
        return _WORDS[fmt][0]
    if isinstance(value, list):
        return say.KIND_ARRAY
    if isinstance(value, str):
        return say.KIND_STRING
    if isinstance(value, bool):
        return say.KIND_BOOLEAN
    if isinstance(value, int | float):
        return say.KIND_NUMBER
    if value is None:
        return say.KIND_NULL
    if isinstance(value, dt.date | dt.time):
        return say.KIND_DATE
    return say.KIND_VALUE


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _show(key: str) -> str:
    """``key`` quoted for a message: printable even when it holds a lone surrogate."""
    quoted = json.dumps(_clip(key), ensure_ascii=False)
    return quoted.encode("utf-8", "backslashreplace").decode("utf-8")


def _path(path: tuple[str | int, ...]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            key = _clip(part) if _BARE_KEY.fullmatch(part) else _show(part)
            out += f".{key}" if out else key
    return out
