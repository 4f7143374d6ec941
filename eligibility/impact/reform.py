"""The two rule sets an impact compares: each a revision (its version, found on the rules
search path or under ``--rules``) or a folder; the reform may also be one TOML file of
overrides of the baseline (a rule's threshold, a parameter's value), measured without
writing a revision."""

from __future__ import annotations

import os
from pathlib import Path

from eligibility.ruleset.loader import load_with_overrides
from eligibility.ruleset.model import Ruleset
from eligibility.ruleset.select import find_ruleset, load


def baseline_ruleset(ref: str, rules: str | os.PathLike[str] | None = None) -> Ruleset:
    return load(find_ruleset(ref, rules))


def reform_ruleset(
    ref: str, baseline: Ruleset, rules: str | os.PathLike[str] | None = None
) -> Ruleset:
    path = Path(ref)
    if path.is_file():
        return load_with_overrides(baseline.folder, path)
    return load(find_ruleset(ref, rules))
