"""The impact of a reform on a batch as a workbook, for the policy staff who weigh a revision
in Excel.

Sheets: the counts of plans by verdict under each rule set (with the difference); the plans
whose verdict changes, one row per finding that changed (both verdicts coloured); the verdict
transitions per track; the changed thresholds; the plans nearest each; the files that could
not be checked; and the provenance. The headings are in Japanese and English (the command has
no --lang); applicant text is always a string cell, never a formula.
"""

from __future__ import annotations

from collections import Counter

from eligibility.impact.report import VERDICTS, Impact, impact_dict
from eligibility.messages import impact_workbook as labels
from eligibility.rendering import sheet
from eligibility.text import Text


def impact_workbook(impact: Impact) -> bytes:
    """The workbook's bytes."""
    d = impact_dict(impact)
    book = sheet.new_book()
    verdicts = dict(sheet.COLOURS)

    def head(texts: tuple[Text, ...]) -> list[str]:
        return [sheet.both(t) for t in texts]

    baseline: Counter[str] = Counter()
    reform: Counter[str] = Counter()
    for counts in impact.matrix.values():
        for (a, b), n in counts.items():
            baseline[a] += n
            reform[b] += n
    if impact.errors:  # files not checked under either rule set
        baseline["error"] += len(impact.errors)
        reform["error"] += len(impact.errors)
    shown = [v for v in VERDICTS if baseline[v] or reform[v]]
    shown += sorted((set(baseline) | set(reform)) - set(VERDICTS))
    sheet.table(
        book,
        sheet.both_title(labels.SHEETS["counts"]),
        head(labels.COUNT_HEAD),
        ([v, baseline[v], reform[v], reform[v] - baseline[v]] for v in shown),
        {0: verdicts},
    )
    t = sheet.Table(book, sheet.both_title(labels.SHEETS["changed"]), head(labels.CHANGED_HEAD))
    for c in d["changed"]:
        plan = [c["file"], c["applicant"], c["plan"], c["track"], c["baseline"], c["reform"]]
        fills = {4: verdicts.get(c["baseline"]), 5: verdicts.get(c["reform"])}
        findings = c["findings"] or [{"rule": None, "baseline": None, "reform": None}]
        for f in findings:
            t.add(
                [*plan, f["rule"], f["baseline"], f["reform"], f.get("message")],
                {**fills, 7: verdicts.get(str(f["baseline"])), 8: verdicts.get(str(f["reform"]))},
            )
    t.finish()
    sheet.table(
        book,
        sheet.both_title(labels.SHEETS["transitions"]),
        head(labels.TRANSITION_HEAD),
        (
            [track, r["baseline"], r["reform"], r["plans"]]
            for track, rows in d["transitions"].items()
            for r in rows
        ),
        {1: verdicts, 2: verdicts},
    )
    sheet.table(
        book,
        sheet.both_title(labels.SHEETS["thresholds"]),
        head(labels.THRESHOLD_HEAD),
        ([x["rule"], x["from"], x["to"]] for x in d["thresholds"]),
    )
    sheet.table(
        book,
        sheet.both_title(labels.SHEETS["nearest"]),
        head(labels.NEAREST_HEAD),
        (
            [
                rule,
                r["file"],
                r["plan"],
                r["margin_baseline"],
                r["margin_reform"],
                r["baseline"],
                r["reform"],
            ]
            for rule, rows in d["nearest"].items()
            for r in rows
        ),
        {5: verdicts, 6: verdicts},
    )
    sheet.table(
        book,
        sheet.both_title(labels.SHEETS["errors"]),
        head(labels.ERROR_HEAD),
        ([e["file"], e["error"]] for e in d["errors"]),
    )
    items: list[tuple[str, str]] = []
    for key, label in (("baseline", labels.BASELINE), ("reform", labels.REFORM)):
        for name in ("id", "version", "effective_from", "folder", "sha256"):
            items.append((f"{sheet.both(label)} {name}", str(d[key][name])))
    items.append((sheet.both(labels.PROVENANCE["files"]), str(d["files"])))
    items.append((sheet.both(labels.PROVENANCE["plans"]), str(d["plans"])))
    items.append((sheet.both(labels.PROVENANCE["changed"]), str(len(d["changed"]))))
    items.append(
        (sheet.both(labels.PROVENANCE["tool"]), d["tool"]["name"] + " " + d["tool"]["version"])
    )
    sheet.key_values(book, sheet.both_title(labels.SHEETS["provenance"]), items)
    return sheet.to_bytes(book)
