"""Writing a new revision: a folder holding only a ``ruleset.toml`` that names its base.

A revision states what it changes relative to the one before it (``base``), as OpenFisca
keeps a parameter's history by date: everything it does not write is as in its base. The
folder is written into ``into``, else into the first writable folder of the rules search
path (``ELIGIBILITY_RULES``, then the configuration file's ``[rules] path``), so that every
command finds it.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from eligibility.errors import RulesetError
from eligibility.ruleset.places import Meta, folders_under, meta, search_path

TEMPLATE = """\
# Revision {version} of {id}: only what changes relative to {base}, the revision before it.
# Everything this folder does not write is as in {base}. Add what changes, in this file or
# in others beside it:
#
#   [rules."capacity.ndfeb.capacity_increase"]   # a rule's threshold, in any unit of its
#   threshold = "0.6 kt/yr"                       # dimension; titles follow ({{threshold}})
#
#   [parameters.operation_deadline]               # a parameter's value
#   value = 2031-12-31
#
#   [rules."ID"]                                  # a rule taken out
#   removed = true
#
# Then: eligibility rules check {folder}
#       eligibility rules diff {base} {version}
#       eligibility impact APPLICATIONS/ --baseline {base} --reform {version}

[ruleset]
id = "{id}"
version = "{version}"
base = "{base}"
effective_from = {effective_from}
# source = "the revised 取組方針 this revision stands on"
"""


def writable_place() -> Path:
    """The first folder of the search path a revision can be written into."""
    for place in search_path():
        if place.origin == "shipped":
            continue
        target = place.path
        if target.is_dir() and os.access(target, os.W_OK):
            return target
        if not target.exists() and os.access(_existing_parent(target), os.W_OK):
            return target
    names = ", ".join(str(p.path) for p in search_path() if p.origin != "shipped")
    raise RulesetError(
        [
            "no writable rules folder: set ELIGIBILITY_RULES to a folder of your revisions, "
            "or [rules] path in the configuration file, or give --into DIR"
            + (f" (looked at {names})" if names else "")
        ]
    )


def _existing_parent(path: Path) -> Path:
    for parent in path.parents:
        if parent.exists():
            return parent
    return Path("/")


def base_for(effective: dt.date, ident: str | None = None) -> tuple[Path, Meta]:
    """The revision before one taking effect on ``effective``: the latest that takes effect
    earlier (on the search path)."""
    found: dict[tuple[str, str], tuple[Path, Meta]] = {}
    for place in search_path():
        for folder in folders_under(place.path):
            try:
                m = meta(folder)
            except RulesetError:
                continue
            if ident is None or m.id == ident:
                found.setdefault((m.id, m.version), (folder, m))
    earlier = [(f, m) for f, m in found.values() if m.effective_from < effective]
    if not earlier:
        raise RulesetError([f"no revision takes effect before {effective.isoformat()}"])
    return max(earlier, key=lambda fm: (fm[1].effective_from, fm[1].version))


def new_revision(
    version: str,
    effective: dt.date,
    into: Path | None = None,
    base: str | None = None,
) -> Path:
    """Write revision ``version`` taking effect on ``effective``; its folder."""
    if not version or "/" in version or version.startswith("."):
        raise RulesetError([f"'{version}' cannot be a revision's folder name"])
    _, base_meta = _base(effective, base)
    if effective <= base_meta.effective_from:
        raise RulesetError(
            [
                f"{version} would take effect on {effective.isoformat()}, not after its base "
                f"{base_meta.version} ({base_meta.effective_from.isoformat()})"
            ]
        )
    existing = _revisions(into)
    for folder, m in existing:
        if m.id != base_meta.id:
            continue
        if m.version == version:
            raise RulesetError([f"{folder}: revision {version} exists already"])
        if m.effective_from == effective:
            raise RulesetError(
                [f"{folder}: revision {m.version} takes effect on {effective.isoformat()} already"]
            )
    place = into if into is not None else writable_place()
    parent = place / base_meta.id if (place / base_meta.id).is_dir() else place
    target = parent / version
    if target.exists():
        raise RulesetError([f"{target}: exists already"])
    target.mkdir(parents=True)
    text = TEMPLATE.format(
        id=base_meta.id,
        version=version,
        base=base_meta.version,
        effective_from=effective.isoformat(),
        folder=target,
    )
    (target / "ruleset.toml").write_text(text, encoding="utf-8")
    return target


def _base(effective: dt.date, version: str | None) -> tuple[Path, Meta]:
    if version is None:
        return base_for(effective)
    for folder, m in _revisions(None):
        if m.version == version:
            return folder, m
    raise RulesetError([f"no revision '{version}' on the rules search path"])


def _revisions(into: Path | None) -> list[tuple[Path, Meta]]:
    out: list[tuple[Path, Meta]] = []
    places = [p.path for p in search_path()] + ([into] if into is not None else [])
    for place in places:
        for folder in folders_under(place):
            try:
                out.append((folder, meta(folder)))
            except RulesetError:
                continue
    return out
