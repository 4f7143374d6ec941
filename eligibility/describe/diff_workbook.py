"""What one rule set revision changes relative to another, as a workbook for the policy
staff who review a revision in Excel.

Three sheets: the thresholds that changed (one row per rule: its track, the fields it reads,
the old and the new threshold, its title, note and source in both languages), every change
(one row each: what kind of thing, added, removed or changed, which one, which attribute, old
and new value), and the provenance of both rule sets. The headings are in Japanese and
English, as the application form's are; every value is a string cell, never a formula.
"""

from __future__ import annotations

from typing import Any

from eligibility import __version__
from eligibility.messages import diff_workbook as labels
from eligibility.rendering import sheet
from eligibility.ruleset.model import Rule, Ruleset


def diff_workbook(d: dict[str, Any], first: Ruleset, second: Ruleset) -> bytes:
    """The bytes of the workbook of ``d`` (:func:`eligibility.describe.diff.diff` of
    ``first`` and ``second``)."""
    book = sheet.new_book()
    rules = {r.id: r for r in second.rules}
    sheet.table(
        book,
        sheet.both_title(labels.SHEETS["thresholds"]),
        [sheet.both(h) for h in labels.THRESHOLD_HEAD],
        (_threshold_row(t, rules[t["rule"]]) for t in d["thresholds"]),
    )
    t = sheet.Table(
        book,
        sheet.both_title(labels.SHEETS["changes"]),
        [sheet.both(h) for h in labels.CHANGE_HEAD],
    )
    for row in change_rows(d):
        t.add(row, {1: sheet.CHANGE_COLOURS[str(row[1])]})
    t.finish()
    items: list[tuple[str, str]] = []
    for key, label in labels.PROVENANCE:
        ref = d[key]
        for name in ("id", "version", "effective_from", "folder", "sha256"):
            items.append((f"{sheet.both(label)} {name}", str(ref[name])))
    items.append((sheet.both(labels.CHANGES), str(d["changes"])))
    items.append((sheet.both(labels.TOOL), f"eligibility {__version__}"))
    sheet.key_values(book, sheet.both_title(labels.SHEETS["provenance"]), items)
    return sheet.to_bytes(book)


def _threshold_row(change: dict[str, str], rule: Rule) -> list[sheet.Value]:
    return [
        rule.id,
        rule.track,
        "\n".join(rule.fields),
        change["from"],
        change["to"],
        rule.title.ja,
        rule.title.en,
        rule.note.ja if rule.note else None,
        rule.note.en if rule.note else None,
        rule.source,
    ]


def change_rows(d: dict[str, Any]) -> list[list[sheet.Value]]:
    """Every change as (what, added/removed/changed, name, attribute, old, new)."""
    rows: list[list[sheet.Value]] = []
    what = {k: sheet.both(v) for k, v in labels.WHAT.items()}
    p = d["parameters"]
    rows += [[what["parameters"], "added", x["name"], None, None, x["value"]] for x in p["added"]]
    rows += [
        [what["parameters"], "removed", x["name"], None, x["value"], None] for x in p["removed"]
    ]
    rows += [
        [what["parameters"], "changed", x["name"], None, x["from"], x["to"]] for x in p["changed"]
    ]
    r = d["rules"]
    rows += [
        [what["rules"], "added", x["rule"], "threshold", None, x["threshold"]] for x in r["added"]
    ]
    rows += [
        [what["rules"], "removed", x["rule"], "threshold", x["threshold"], None]
        for x in r["removed"]
    ]
    rows += [
        [what["rules"], "changed", c["rule"], ch["what"], ch["from"], ch["to"]]
        for c in r["changed"]
        for ch in c["changes"]
    ]
    rows += [
        [what["messages"], "changed", m["message"], None, m["from"], m["to"]] for m in d["messages"]
    ]
    for kind in ("tracks", "fields"):
        rows += [[what[kind], "added", x, None, None, None] for x in d[kind]["added"]]
        rows += [[what[kind], "removed", x, None, None, None] for x in d[kind]["removed"]]
    return rows
