"""Request bodies in memory: multipart forms parsed from bytes already read.

Starlette's own form parser spools a file part larger than 1 MB to a temporary file; an
application must never touch the disk, so the server parses multipart bodies here with
python-multipart's streaming parser into memory (the body was bounded by the guard first).
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from eligibility.server.problems import Problem

MAX_PARTS = 1100  # files of a batch and a few fields


@dataclass
class Part:
    name: str
    filename: str | None
    content_type: str
    data: bytearray = field(default_factory=bytearray)


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def multipart(body: bytes, content_type: str) -> list[Part]:
    """The parts of a multipart/form-data body."""
    _, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if not boundary:
        raise Problem(400, "bad-form", "multipart/form-data without a boundary")
    parts: list[Part] = []
    headers: dict[bytes, bytes] = {}
    name = bytearray()
    value = bytearray()
    data = bytearray()

    def on_part_begin() -> None:
        headers.clear()
        data.clear()

    def on_header_field(chunk: bytes, start: int, end: int) -> None:
        name.extend(chunk[start:end])

    def on_header_value(chunk: bytes, start: int, end: int) -> None:
        value.extend(chunk[start:end])

    def on_header_end() -> None:
        headers[bytes(name).lower()] = bytes(value)
        name.clear()
        value.clear()

    def on_part_data(chunk: bytes, start: int, end: int) -> None:
        data.extend(chunk[start:end])

    def on_part_end() -> None:
        if len(parts) >= MAX_PARTS:
            raise Problem(413, "batch-too-large", f"more than {MAX_PARTS:,} parts in one form")
        _, disposition = parse_options_header(headers.get(b"content-disposition", b""))
        filename = disposition.get(b"filename")
        parts.append(
            Part(
                name=disposition.get(b"name", b"").decode("utf-8", "replace"),
                filename=filename.decode("utf-8", "replace") if filename is not None else None,
                content_type=headers.get(b"content-type", b"").decode("latin-1"),
                data=bytearray(data),
            )
        )

    callbacks: Any = {
        "on_part_begin": on_part_begin,
        "on_header_field": on_header_field,
        "on_header_value": on_header_value,
        "on_header_end": on_header_end,
        "on_part_data": on_part_data,
        "on_part_end": on_part_end,
    }
    try:
        parser = MultipartParser(boundary, callbacks)
        parser.write(body)
        parser.finalize()
    except MultipartParseError as exc:
        raise Problem(400, "bad-form", f"the form cannot be read: {exc}") from exc
    return parts


def urlencoded(body: bytes) -> dict[str, str]:
    try:
        pairs = urllib.parse.parse_qsl(
            body.decode("utf-8"), keep_blank_values=True, max_num_fields=MAX_PARTS
        )
    except (UnicodeDecodeError, ValueError) as exc:
        raise Problem(400, "bad-form", f"the form cannot be read: {exc}") from exc
    return dict(pairs)
