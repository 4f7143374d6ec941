"""Running recorded decisions again under another rule-set revision, and what changes.

Only a decision whose input was kept (``--keep-input``) can be run again: the tool checks the
kept bytes (the same bytes, by their SHA-256) and compares the new result with the recorded
one — the file's verdict, each plan's verdict and each finding's status. Nothing is written:
the record stays as it was; to record the new verdicts, check the files again with
``--record``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from eligibility import api
from eligibility.errors import EligibilityError
from eligibility.record.chain import decision_hash
from eligibility.record.display import printable
from eligibility.record.store import Decision, plans_of
from eligibility.rendering.result import result_dict
from eligibility.ruleset.model import Ruleset

APPLICANT = "(applicant)"


@dataclass(frozen=True)
class Recheck:
    """One decision run again: what changed, or why it could not be run."""

    decision: Decision
    recheckable: bool
    verdict: str | None = None  # the new verdict
    ruleset: str | None = None  # "id version" it was run under
    ruleset_sha256: str | None = None
    changes: tuple[str, ...] = field(default=())  # "plan rule: pass → fail", ...
    error: str | None = None  # the kept input could not be checked
    intact: bool = True  # False: the decision no longer matches its hash (edited by hand)

    @property
    def changed(self) -> bool:
        """Whether the outcome differs: a status, a verdict, or a file that no longer checks."""
        return self.recheckable and (
            bool(self.changes) or self.error is not None or self.verdict != self.decision.verdict
        )

    def doc(self) -> dict[str, Any]:
        d = self.decision
        return {
            "seq": d.seq,
            "id": d.id,
            "input": d.input_name,
            "recheckable": self.recheckable,
            "verdict": d.verdict,
            "new_verdict": self.verdict,
            "ruleset": self.ruleset,
            "ruleset_sha256": self.ruleset_sha256,
            "changed": self.changed,
            "changes": list(self.changes),
            "error": self.error,
            "intact": self.intact,
        }

    def lines(self) -> list[str]:
        d = self.decision
        name = f"#{d.seq} {d.id[:8]} {d.input_name}"
        if not self.recheckable:
            head = f"{name}: not recheckable (the input was not kept)"
        elif self.error is not None:
            head = f"{name}: {d.verdict} → error: {self.error}"
        else:
            head = f"{name}: {d.verdict} → {self.verdict} under {self.ruleset}"
            head += "" if self.changed else " (unchanged)"
        if not self.intact:
            head += " — this decision was edited since it was recorded: see `record verify`"
        return [printable(line) for line in (head, *(f"    {c}" for c in self.changes))]


@dataclass
class Tally:
    rechecked: int = 0
    changed: int = 0
    not_recheckable: int = 0

    def add(self, item: Recheck) -> None:
        self.rechecked += item.recheckable
        self.changed += item.changed
        self.not_recheckable += not item.recheckable


def write(items: Iterable[Recheck], out: IO[str], fmt: str = "text") -> Tally:
    """Write each recheck to ``out`` as it comes (text), or all of them as one JSON document;
    returns the counts."""
    tally = Tally()
    docs: list[dict[str, Any]] = []
    for item in items:
        tally.add(item)
        if fmt == "json":
            docs.append(item.doc())
        else:
            out.write("".join(line + "\n" for line in item.lines()))
    if fmt == "json":
        summary = {
            "rechecked": tally.rechecked,
            "changed": tally.changed,
            "not_recheckable": tally.not_recheckable,
        }
        out.write(json.dumps({"decisions": docs, **summary}, ensure_ascii=False, indent=2) + "\n")
    else:
        out.write(
            f"\nrechecked: {tally.rechecked}, changed: {tally.changed}, "
            f"not recheckable: {tally.not_recheckable}\n"
        )
    return tally


def recheck(
    decisions: Iterable[Decision],
    *,
    ruleset: Ruleset | None = None,
    rules: str | os.PathLike[str] | None = None,
    as_of: dt.date | None = None,
) -> Iterator[Recheck]:
    """Each decision run again (``decisions`` must carry their inputs): under ``ruleset``
    when given, else the revision under ``rules`` in force on ``as_of`` (default: as
    ``check`` chooses, by the application's submission date or today)."""
    with tempfile.TemporaryDirectory(prefix="eligibility-recheck-") as folder:
        for d in decisions:
            intact = _intact(d)
            if not d.input_kept or d.input is None:
                yield Recheck(d, recheckable=False, intact=intact)
                continue
            suffix = ".json" if d.input_name.lower().endswith(".json") else ".toml"
            path = os.path.join(folder, f"input{suffix}")
            with open(path, "wb") as f:
                f.write(d.input)
            try:
                result = api.check_file(
                    path, ruleset, rules=rules, as_of=as_of, max_bytes=max(len(d.input), 1)
                )
            except EligibilityError as exc:
                message = str(exc).replace(path, d.input_name)
                yield Recheck(d, recheckable=True, error=message, intact=intact)
                continue
            new = result_dict(result, "en")
            yield Recheck(
                d,
                recheckable=True,
                verdict=result.verdict,
                ruleset=f"{result.ruleset.id} {result.ruleset.version}",
                ruleset_sha256=result.ruleset.sha256,
                changes=tuple(compare(d.result_doc(), new)),
                intact=intact,
            )


def _intact(d: Decision) -> bool:
    try:
        return decision_hash(d.content(), d.prev_hash) == d.hash
    except (TypeError, ValueError):
        return False


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What differs between two results (the contract's JSON): plan verdicts and finding
    statuses, one line each, in the new result's order (the file's verdict is the caller's
    to show)."""
    changes: list[str] = []
    old_plans, new_plans = _plans(old), _plans(new)
    for plan_id in [*new_plans, *(p for p in old_plans if p not in new_plans)]:
        before, after = old_plans.get(plan_id), new_plans.get(plan_id)
        if before is None or after is None:
            changes.append(f"{plan_id}: {'added' if before is None else 'gone'}")
            continue
        if before[0] != after[0] and plan_id != APPLICANT:
            changes.append(f"{plan_id}: {before[0]} → {after[0]}")
        old_f, new_f = before[1], after[1]
        for key in [*new_f, *(k for k in old_f if k not in new_f)]:
            was, now = old_f.get(key), new_f.get(key)
            if (was and was[0]) != (now and now[0]):  # the status; a moved threshold alone is not
                detail = f" ({now[1]})" if now and now[1] else ""
                changes.append(
                    f"{plan_id} {key}: {was[0] if was else 'none'} → {now[0] if now else 'none'}"
                    + detail
                )
    return changes


def _plans(doc: dict[str, Any]) -> dict[str, tuple[str, dict[str, tuple[str, str]]]]:
    """plan id → (verdict, finding key → (status, value against threshold))."""
    out: dict[str, tuple[str, dict[str, tuple[str, str]]]] = {}
    applicant = doc.get("applicant")
    if isinstance(applicant, dict):
        out[APPLICANT] = ("", _findings(applicant.get("findings")))
    for plan in plans_of(doc):
        out[str(plan.get("id"))] = (str(plan.get("verdict")), _findings(plan.get("findings")))
    return out


def _findings(findings: Any) -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for f in findings if isinstance(findings, list) else []:
        if not isinstance(f, dict):
            continue
        key = str(f.get("rule"))
        if f.get("field") and key.startswith("plan."):
            key += f":{f['field']}"
        shown = ", ".join(
            f"{label} {f[k]}"
            for k, label in (("value", "value"), ("threshold", "threshold"))
            if f.get(k)
        )
        out[key] = (str(f.get("status")), shown)
    return out
