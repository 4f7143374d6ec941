"""The lint policy staff run on a rule set folder before it is used.

Beyond loading (every problem that stops a rule set, by file and key), it refuses:

- a title or note stating a number its rule does not carry (write ``{threshold}`` or
  ``{param.NAME}``), so a revised threshold cannot leave a sentence with the old one;
- a parameter without its documentation (``description_en``/``_ja``, ``reference``, and
  ``unit`` when its value is a quantity);
- two revisions of one rule set with one version, or one effective date, among the
  revisions chosen together: those in the same folder of revisions, and, when the folder is
  on the rules search path, every revision on that path;
- a threshold outside the plausible range of the field it is compared with (every value
  on one side of it would go to a reviewer);

and warns (without failing) about a revision that changes nothing relative to its base.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from eligibility.checking.plausibility import within
from eligibility.errors import RulesetError
from eligibility.ruleset.display import quantity_or_none, rule_values
from eligibility.ruleset.loader import Loader
from eligibility.ruleset.model import Parameter, Ruleset
from eligibility.ruleset.places import Meta, folders_under, meta, search_path

# --- lint -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LintResult:
    ok: bool
    lines: tuple[str, ...]


def lint(folder: str | os.PathLike[str]) -> LintResult:
    """Load the rule set in ``folder`` (or every rule set under it) and say what is wrong:
    ``ok: <id> <version>, N rules`` per rule set, or each problem, naming file and key;
    ``warning: …`` lines do not fail it."""
    base = Path(folder)
    try:
        folders = folders_under(base)
    except RulesetError as exc:
        return LintResult(False, tuple(exc.problems))
    if not folders:
        folders = [base]  # not a rule set: load it to say why
    lines: list[str] = []
    ok = True
    for f in folders:
        loader = Loader(f)
        try:
            rs = loader.load()
        except RulesetError as exc:
            ok = False
            lines.extend(exc.problems)
            continue
        problems = [
            *loader.lint_problems,
            *_undocumented(rs),
            *_thresholds_outside_plausible(rs),
            *_clashes(f, base),
            *_units_pint_disowns(f, rs),
        ]
        if problems:
            ok = False
            lines.extend(problems)
            continue
        lines.append(f"ok: {rs.id} {rs.version}, {len(rs.rules)} rules{_based(rs, loader)}")
        if rs.base is not None and not loader.changes:
            lines.append(f"warning: {f}: changes nothing relative to {rs.base}")
    return LintResult(ok, tuple(lines))


def _units_pint_disowns(folder: Path, rs: Ruleset) -> list[str]:
    """pint is the authority on units: every unit the rule set uses must have, in the table
    a check reads, the factor, dimension and offset pint gives it now."""
    from eligibility.quantities.units import pint_disagreements
    from eligibility.ruleset.cache import to_plain

    atoms: list[str] = []

    def walk(data: object) -> None:
        if isinstance(data, dict):
            if data.get("$") == "unit" and isinstance(data.get("value"), list):
                atoms.extend(str(name) for name, _power in data["value"])
            else:
                for value in data.values():
                    walk(value)
        elif isinstance(data, list):
            for value in data:
                walk(value)

    walk(to_plain(rs))
    wrong = pint_disagreements(atoms)
    if not wrong:
        return []
    return [
        f"{folder}: the unit table (units.json) differs from pint for {', '.join(wrong)}: "
        "compile it again with python -m eligibility.quantities.pint_table"
    ]


def _based(rs: Ruleset, loader: Loader) -> str:
    if rs.base is None:
        return ""
    changed = len(loader.changes)
    return f" (revision of {rs.base}: {changed} change{'' if changed == 1 else 's'})"


def _undocumented(rs: Ruleset) -> list[str]:
    out: list[str] = []
    for p in rs.parameter_info.values():
        missing = _missing_documentation(p)
        if missing:
            out.append(f"{p.origin}: undocumented parameter: give {', '.join(missing)}")
    return out


def _thresholds_outside_plausible(rs: Ruleset) -> list[str]:
    """A threshold outside the plausible range of the field it is compared with: every value
    on one side of it would go to a reviewer, so the range or the threshold is wrong."""
    out: list[str] = []
    for rule in rs.rules:
        _, tests, _ = rule_values(rule.criterion)
        for test in (t for found in tests.values() for t in found):
            threshold = test.threshold
            if threshold is None or threshold.quantity is None:
                continue
            if len(test.values) != 1 or not test.values[0].is_field:
                continue
            path = test.values[0].text
            spec = rs.fields.get(path)
            plausible = spec.plausible if spec is not None else None
            if plausible is not None and not within(threshold.quantity, plausible):
                out.append(
                    f"{rule.origin}.threshold: {threshold.text} is outside the plausible "
                    f"range {plausible.text} of {path} (parameter {plausible.parameter}): "
                    "widen the range or correct the threshold"
                )
    return out


def _missing_documentation(p: Parameter) -> list[str]:
    missing = []
    if p.description is None:
        missing.append("description_en and description_ja")
    if not p.reference:
        missing.append("reference (the clause, or a standard such as JIS Z 8703)")
    values = p.value.values() if isinstance(p.value, dict) else [p.value]
    if p.unit is None and any(quantity_or_none(v) is not None for v in values):
        missing.append("unit (the unit it is shown in)")
    if missing and p.description is None and p.reference is None:
        return [f"[parameters.{p.name}] with value = …, {', '.join(missing)}"]
    return missing


def _clashes(folder: Path, linted: Path) -> list[str]:
    """Another revision of the same rule set with this one's version or effective date."""
    here = folder.resolve()
    mine = meta(folder)
    others: dict[Path, Path] = {}
    places = [folder.parent, linted]
    on_path = [p.path for p in search_path() if _inside(here, p.path)]
    if on_path:
        places += [p.path for p in search_path()]
    for place in places:
        for f in folders_under(place):
            others.setdefault(f.resolve(), f)
    out: list[str] = []
    for resolved, other in sorted(others.items()):
        if resolved == here:
            continue
        try:
            theirs: Meta = meta(other)
        except RulesetError:
            continue
        if theirs.id != mine.id:
            continue
        where = f"{folder / 'ruleset.toml'}: ruleset"
        if theirs.version == mine.version:
            out.append(f"{where}.version: '{mine.version}' is also the version of {other}")
        if theirs.effective_from == mine.effective_from:
            out.append(
                f"{where}.effective_from: {mine.effective_from.isoformat()} is also the date "
                f"{other} takes effect: give the revision the day it takes effect"
            )
    return out


def _inside(path: Path, place: Path) -> bool:
    try:
        path.relative_to(place.resolve())
    except (ValueError, OSError):
        return False
    return True
