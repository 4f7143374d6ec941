"""The lint policy staff run on a rule set folder before it is used."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from eligibility import api
from eligibility.errors import RulesetError
from eligibility.ruleset.loader import load_ruleset

# --- lint -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LintResult:
    ok: bool
    lines: tuple[str, ...]


def lint(folder: str | os.PathLike[str]) -> LintResult:
    """Load the rule set in ``folder`` (or every rule set under it) and say what is wrong:
    ``ok: <id> <version>, N rules`` per rule set, or each problem, naming file and key."""
    base = Path(folder)
    try:
        folders = api.ruleset_folders(base)
    except RulesetError as exc:
        return LintResult(False, tuple(exc.problems))
    if not folders:
        folders = [base]  # not a rule set: load it to say why
    lines: list[str] = []
    ok = True
    for f in folders:
        try:
            rs = load_ruleset(f)
        except RulesetError as exc:
            ok = False
            lines.extend(exc.problems)
            continue
        lines.append(f"ok: {rs.id} {rs.version}, {len(rs.rules)} rules")
    return LintResult(ok, tuple(lines))
