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
from eligibility.rendering import sheet
from eligibility.text import Text

SHEETS = {
    "counts": Text("counts", "集計"),
    "changed": Text("verdict changes", "判定の変化"),
    "transitions": Text("transitions", "判定の遷移"),
    "thresholds": Text("thresholds", "基準値の変更"),
    "nearest": Text("nearest", "基準値に近い計画"),
    "errors": Text("not checked", "確認できないファイル"),
    "provenance": Text("provenance", "出典"),
}
_BASELINE = Text("baseline", "現行")
_REFORM = Text("reform", "改正案")
_COUNT_HEAD = (
    Text("verdict", "判定"),
    Text("plans (baseline)", "計画数（現行）"),
    Text("plans (reform)", "計画数（改正案）"),
    Text("difference", "増減"),
)
_CHANGED_HEAD = (
    Text("file", "ファイル"),
    Text("applicant", "申請者"),
    Text("plan", "計画"),
    Text("track", "区分"),
    Text("verdict (baseline)", "判定（現行）"),
    Text("verdict (reform)", "判定（改正案）"),
    Text("rule", "規則"),
    Text("finding (baseline)", "結果（現行）"),
    Text("finding (reform)", "結果（改正案）"),
    Text("message", "内容"),
)
_TRANSITION_HEAD = (
    Text("track", "区分"),
    Text("verdict (baseline)", "判定（現行）"),
    Text("verdict (reform)", "判定（改正案）"),
    Text("plans", "計画数"),
)
_THRESHOLD_HEAD = (Text("rule", "規則"), _BASELINE, _REFORM)
_NEAREST_HEAD = (
    Text("rule", "規則"),
    Text("file", "ファイル"),
    Text("plan", "計画"),
    Text("margin (baseline)", "差（現行）"),
    Text("margin (reform)", "差（改正案）"),
    Text("verdict (baseline)", "判定（現行）"),
    Text("verdict (reform)", "判定（改正案）"),
)
_ERROR_HEAD = (Text("file", "ファイル"), Text("error", "エラー"))
_PROVENANCE = {
    "files": Text("files", "ファイル数"),
    "plans": Text("plans", "計画数"),
    "changed": Text("plans whose verdict changes", "判定が変わる計画"),
    "tool": Text("tool", "ツール"),
}


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
        sheet.both_title(SHEETS["counts"]),
        head(_COUNT_HEAD),
        ([v, baseline[v], reform[v], reform[v] - baseline[v]] for v in shown),
        {0: verdicts},
    )
    t = sheet.Table(book, sheet.both_title(SHEETS["changed"]), head(_CHANGED_HEAD))
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
        sheet.both_title(SHEETS["transitions"]),
        head(_TRANSITION_HEAD),
        (
            [track, r["baseline"], r["reform"], r["plans"]]
            for track, rows in d["transitions"].items()
            for r in rows
        ),
        {1: verdicts, 2: verdicts},
    )
    sheet.table(
        book,
        sheet.both_title(SHEETS["thresholds"]),
        head(_THRESHOLD_HEAD),
        ([x["rule"], x["from"], x["to"]] for x in d["thresholds"]),
    )
    sheet.table(
        book,
        sheet.both_title(SHEETS["nearest"]),
        head(_NEAREST_HEAD),
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
        sheet.both_title(SHEETS["errors"]),
        head(_ERROR_HEAD),
        ([e["file"], e["error"]] for e in d["errors"]),
    )
    items: list[tuple[str, str]] = []
    for key, label in (("baseline", _BASELINE), ("reform", _REFORM)):
        for name in ("id", "version", "effective_from", "folder", "sha256"):
            items.append((f"{sheet.both(label)} {name}", str(d[key][name])))
    items.append((sheet.both(_PROVENANCE["files"]), str(d["files"])))
    items.append((sheet.both(_PROVENANCE["plans"]), str(d["plans"])))
    items.append((sheet.both(_PROVENANCE["changed"]), str(len(d["changed"]))))
    items.append((sheet.both(_PROVENANCE["tool"]), d["tool"]["name"] + " " + d["tool"]["version"]))
    sheet.key_values(book, sheet.both_title(SHEETS["provenance"]), items)
    return sheet.to_bytes(book)
