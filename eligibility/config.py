"""The user's configuration file: ``$ELIGIBILITY_CONFIG``, else
``$XDG_CONFIG_HOME/eligibility/config.toml`` (``~/.config/eligibility/config.toml``).

It is optional; a file that is not there is an empty configuration. Tables read here:

``[rules]``
    ``path``: a folder of rule-set revisions, or a list of them, searched after
    ``ELIGIBILITY_RULES`` and before the shipped rules (relative paths are read from the
    config file's folder).

A file that is there but cannot be read is an error naming it, never silently ignored.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from eligibility.errors import EligibilityError

ENV_CONFIG = "ELIGIBILITY_CONFIG"


class ConfigError(EligibilityError):
    """A configuration file that is there but cannot be used."""


def config_path() -> Path:
    """Where the configuration file is looked for (it need not exist)."""
    chosen = os.environ.get(ENV_CONFIG)
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base) / "eligibility" / "config.toml"


def load_config() -> dict[str, Any]:
    """The parsed configuration file; ``{}`` when there is none."""
    path = config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the configuration file: {exc}") from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc


def rules_paths() -> list[Path]:
    """The folders of rule sets the configuration names (``[rules] path``), in its order."""
    table = load_config().get("rules", {})
    where = config_path()
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: rules: must be a table")
    value = table.get("path", [])
    listed = [value] if isinstance(value, str) else value
    if not isinstance(listed, list) or not all(isinstance(p, str) for p in listed):
        raise ConfigError(f"{where}: rules.path: must be a folder or a list of folders")
    return [where.parent / Path(p).expanduser() for p in listed]
