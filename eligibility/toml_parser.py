"""The one TOML parser of every file the tool reads: applications, rule files, settings.

tomli 2.1-2.2 is the code of the standard library's ``tomllib`` (TOML 1.0) compiled with mypyc:
the same documents and the same messages, parsed in about half the time. Importing it instead
of ``tomllib`` also keeps a cold ``eligibility check`` from importing both (and from parsing
``ruleset.toml`` with the pure-Python one: 7 ms of a start-up).
"""

from __future__ import annotations

try:
    from tomli import TOMLDecodeError, loads
except ImportError:  # pragma: no cover - an install without it reads with the stdlib
    from tomllib import TOMLDecodeError, loads  # type: ignore[assignment]

__all__ = ["TOMLDecodeError", "loads"]
