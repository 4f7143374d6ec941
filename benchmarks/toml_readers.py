"""TOML readers side by side: the standard library's tomllib, tomli (its compiled wheel) and
rtoml (Rust), on speed, on the documents they build and on their error messages.

    python benchmarks/toml_readers.py [--repeat 5]

The corpus is every .toml file of the repository (applications, rule files, test data) and
the shared examples, plus edge cases written here: datetimes with and without offsets, local
dates and times, integers beyond 64 bits, special floats and broken documents. A document
counts as identical only when every value has the same type and value as tomllib's (a
``datetime`` with the same ``tzinfo`` offset). Prints Markdown.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import math
import statistics
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "spec" / "examples"

EDGE_CASES = [
    "a = 1979-05-27T07:32:00Z\nb = 1979-05-27T00:32:00.999999-07:00\nc = 1979-05-27T07:32:00",
    "d = 1979-05-27\nt = 07:32:00.5\nu = 1979-05-27 07:32:00+09:00",
    "big = 123456789012345678901234567890\nneg = -9223372036854775809",
    "x = inf\ny = -inf\nz = nan\nw = 1e400\nv = 0.1\nh = 0xDEAD_BEEF\no = 0o755\nbits = 0b1010",
    's = "tab\\there \\u00e9 \\U0001F600"\nm = """\nline\n"""\nl = \'C:\\\\path\'',
    "[[plans]]\nid = 'a'\n[plans.magnet]\ngrade = 'N52'\n[[plans]]\nid = 'b'",
    'inline = { a = 1, b = [1, 2, { c = "d" }] }\n"quoted key" = 1\na.b.c = 2',
    # broken documents: the messages are what an applicant reads
    "a = ",
    "a = 1\na = 2",
    "[t]\n[t]",
    'a = "unclosed',
    "a = 1979-13-45",
    "a = [1, 2",
    "= 1",
    "a = 1 b = 2",
    "[[plans]]\nid = 'a'\n[plans]\nx = 1",
    "a = 0777",
    "a = 1__0",
    "a = tru",
    "a = '''\nnever closed",
    "a = { b = 1, }",
    "a.b = 1\na = 2",
    # TOML 1.1, which tomllib (TOML 1.0) refuses: a reader that accepts them reads documents
    # an applicant's other tools may not
    "a = {\n b = 1\n}",
    's = "\\e"',
    's = "\\x41"',
    "t = 07:32",
    "t = 1979-05-27T07:32Z",
]


def corpus() -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    for folder in (REPO, SHARED):
        for path in sorted(folder.rglob("*.toml")) if folder.is_dir() else []:
            if ".git" in path.parts or "node_modules" in path.parts:
                continue
            try:
                texts.append((str(path.relative_to(folder.parent)), path.read_text("utf-8")))
            except (OSError, UnicodeDecodeError):
                continue
    texts += [(f"edge case {i + 1}", text) for i, text in enumerate(EDGE_CASES)]
    return texts


def readers() -> dict[str, tuple[Callable[[str], Any], type[Exception] | tuple[type, ...]]]:
    found: dict[str, tuple[Callable[[str], Any], Any]] = {
        "tomllib": (tomllib.loads, tomllib.TOMLDecodeError)
    }
    for name, error in (("tomli", "TOMLDecodeError"), ("rtoml", "TomlParsingError")):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        found[name] = (module.loads, getattr(module, error, Exception))
    return found


def same(a: Any, b: Any) -> bool:
    """Same types and values all the way down (tzinfo offsets compared, NaN equal to NaN)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    if isinstance(a, dt.datetime | dt.time):
        return a == b and a.utcoffset() == b.utcoffset() if a.tzinfo or b.tzinfo else a == b
    return bool(a == b)


def outcome(load: Callable[[str], Any], text: str) -> tuple[str, Any]:
    try:
        return "ok", load(text)
    except Exception as exc:
        return "error", f"{type(exc).__name__}: {exc}"


def timing(load: Callable[[str], Any], texts: list[str], repeat: int) -> float:
    """Best of ``repeat`` passes over the texts, microseconds per document."""
    best = math.inf
    for _ in range(repeat):
        start = time.process_time()
        for text in texts:
            load(text)
        best = min(best, time.process_time() - start)
    return best * 1e6 / len(texts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    docs = corpus()
    found = readers()
    reference = {name: outcome(tomllib.loads, text) for name, text in docs}
    valid = [text for name, text in docs if reference[name][0] == "ok"]
    # timed on the documents every reader accepts, so each reads the same work
    timed = [t for t in valid if all(outcome(load, t)[0] == "ok" for load, _ in found.values())]
    applications = [t for t in timed if "[[plans]]" in t]
    print(f"{len(docs)} documents ({len(valid)} valid, {len(docs) - len(valid)} broken), ")
    print(f"{len(applications)} of them applications. CPU time, best of {args.repeat}.\n")
    print(f"Timed on the {len(timed)} valid documents every reader accepts.\n")
    print(
        "| reader | µs/document | µs/application | vs tomllib | identical "
        "documents | same verdict on broken | same error text |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    base = timing(tomllib.loads, timed, args.repeat)
    differences: list[str] = []
    for name, (load, _error) in found.items():
        per_doc = timing(load, timed, args.repeat)
        per_app = timing(load, applications, args.repeat) if applications else math.nan
        identical = refused = same_text = broken = 0
        for doc_name, text in docs:
            kind, value = outcome(load, text)
            ref_kind, ref_value = reference[doc_name]
            if ref_kind == "ok":
                if kind == "ok" and same(value, ref_value):
                    identical += 1
                else:
                    differences.append(f"{name}, {doc_name}: {str(value)[:120]!r}")
            else:
                broken += 1
                refused += kind == "error"
                if kind == "error" and value.split(": ", 1)[1] == ref_value.split(": ", 1)[1]:
                    same_text += 1
                elif kind == "ok":
                    differences.append(f"{name}, {doc_name}: accepted a broken document")
                else:
                    differences.append(f"{name}, {doc_name}: {value[:100]!r} / {ref_value[:100]!r}")
        print(
            f"| {name} | {per_doc:.0f} | {per_app:.0f} | {base / per_doc:.1f}× | "
            f"{identical}/{len(valid)} | {refused}/{broken} | {same_text}/{broken} |"
        )
    if differences:
        print("\nDifferences from tomllib:\n")
        for line in differences[:40]:
            print(f"- {line}")
    print(f"\nmedian document: {statistics.median(len(t) for t in valid):.0f} characters")


if __name__ == "__main__":
    main()
