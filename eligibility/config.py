"""The user's settings file: defaults a person sets once instead of on every command.

The file is TOML, found at ``$ELIGIBILITY_CONFIG`` when that is set, else at
``$XDG_CONFIG_HOME/eligibility/config.toml`` (``~/.config/eligibility/config.toml``). It is
optional: no file means no settings. A file that is named by ``ELIGIBILITY_CONFIG`` but does not
exist, or that does not parse, is an error (a setting someone relies on must never be dropped
silently). Each feature reads its own table; today those are::

    [record]
    path = "~/decisions.sqlite"   # the decision record check and screen write to

    [rules]
    path = ["~/rules", "/srv/eligibility/rules"]   # folders of rule-set revisions, searched
                                                    # after $ELIGIBILITY_RULES, before the shipped

A relative path in the file is taken from the file's own folder, and ``~`` is expanded, so the
setting means the same wherever a command runs. Call :func:`setting` (or :func:`path_setting`)
from any front end; nothing here knows what the settings are for.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from eligibility import toml_parser
from eligibility.errors import EligibilityError

ENV_VAR = "ELIGIBILITY_CONFIG"


class ConfigError(EligibilityError):
    """A settings file that cannot be read, or a setting of the wrong type."""


def config_file() -> tuple[Path, bool]:
    """The settings file's path, and whether it was named explicitly (by the variable)."""
    environ = os.environ
    return _config_file(
        environ.get(ENV_VAR) or "", environ.get("XDG_CONFIG_HOME") or "", environ.get("HOME")
    )


@lru_cache(maxsize=8)
def _config_file(named: str, xdg: str, home: str | None) -> tuple[Path, bool]:
    # keyed by every variable the path is made of (HOME for "~"): every report names its rule
    # set's folder through the search path, and making the Path anew was a tenth of a report
    if named:
        return Path(named).expanduser(), True
    base = xdg or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "eligibility" / "config.toml", False


def load() -> dict[str, Any]:
    """The settings, as a dict of tables (empty when there is no file)."""
    path, named = config_file()
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        if named:
            raise ConfigError(f"{path}: no such settings file (named by ${ENV_VAR})") from exc
        return {}
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the settings file: {exc.strerror}") from exc
    try:
        return toml_parser.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: the settings file is not UTF-8 text") from exc
    except toml_parser.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc


def setting(table: str, key: str) -> str | None:
    """The string ``[table] key`` of the settings file, or None when it is not set."""
    section = load().get(table)
    if section is None:
        return None
    path, _ = config_file()
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: {table}: must be a table ([{table}])")
    value = section.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{path}: {table}.{key}: must be a non-empty string")
    return value


def path_setting(table: str, key: str) -> Path | None:
    """``[table] key`` as a path: ``~`` expanded, relative to the settings file's folder."""
    value = setting(table, key)
    if value is None:
        return None
    path, _ = config_file()
    return path.parent / Path(value).expanduser()


def rules_paths() -> list[Path]:
    """The folders of rule sets the settings name (``[rules] path``: a folder or a list of
    folders), in their order; relative paths are taken from the settings file's folder."""
    table = load().get("rules", {})
    where, _ = config_file()
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: rules: must be a table ([rules])")
    value = table.get("path", [])
    listed = [value] if isinstance(value, str) else value
    if not isinstance(listed, list) or not all(isinstance(p, str) for p in listed):
        raise ConfigError(f"{where}: rules.path: must be a folder or a list of folders")
    return [where.parent / Path(p).expanduser() for p in listed]
