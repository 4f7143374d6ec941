"""TOML reading: the standard library's tomllib on Python 3.11+, tomli before it."""

import sys

if sys.version_info >= (3, 11):  # noqa: UP036 - kept for installs on older interpreters
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

__all__ = ["tomllib"]
