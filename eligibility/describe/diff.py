"""What one rule set revision changes relative to another: thresholds, parameters, rules
added, removed and changed, messages — as data, text, Markdown and JSON."""

from __future__ import annotations

import json
from typing import Any

from eligibility.impact.escape import markdown_cell
from eligibility.ruleset.model import Rule, Ruleset

# The attributes of a rule a revision can change, as people name them.
RULE_ATTRIBUTES: tuple[str, ...] = ("threshold", "title_en", "title_ja", "note_en", "note_ja")
RULE_ATTRIBUTES += ("severity", "on_fail", "source", "parameters", "test")


def _rule_view(rule: Rule) -> dict[str, str]:
    return {
        "threshold": rule.threshold_text(),
        "title_en": rule.title.en,
        "title_ja": rule.title.ja,
        "note_en": rule.note.en if rule.note else "",
        "note_ja": rule.note.ja if rule.note else "",
        "severity": rule.severity,
        "on_fail": rule.on_fail,
        "source": rule.source,
        "parameters": ", ".join(rule.parameters),
        "test": rule.test,
    }


def ruleset_ref(rs: Ruleset) -> dict[str, Any]:
    return {
        "id": rs.id,
        "version": rs.version,
        "effective_from": rs.effective_from.isoformat(),
        "folder": rs.folder,
        "sha256": rs.sha256,
    }


def diff(a: Ruleset, b: Ruleset) -> dict[str, Any]:
    """Everything that differs from ``a`` to ``b``."""
    out: dict[str, Any] = {"from": ruleset_ref(a), "to": ruleset_ref(b)}
    pa, pb = a.parameter_info, b.parameter_info
    out["parameters"] = {
        "added": [{"name": n, "value": pb[n].shown} for n in pb if n not in pa],
        "removed": [{"name": n, "value": pa[n].shown} for n in pa if n not in pb],
        "changed": [
            {"name": n, "from": pa[n].shown, "to": pb[n].shown}
            for n in pa
            if n in pb and (pa[n].value != pb[n].value or pa[n].shown != pb[n].shown)
        ],
    }
    ra = {r.id: r for r in a.rules}
    rb = {r.id: r for r in b.rules}
    changed: list[dict[str, Any]] = []
    for rid, rule in ra.items():
        other = rb.get(rid)
        if other is None:
            continue
        va, vb = _rule_view(rule), _rule_view(other)
        changes = [
            {"what": k, "from": va[k], "to": vb[k]} for k in RULE_ATTRIBUTES if va[k] != vb[k]
        ]
        if changes:
            changed.append({"rule": rid, "changes": changes})
    out["rules"] = {
        "added": [{"rule": r, "threshold": rb[r].threshold_text()} for r in rb if r not in ra],
        "removed": [{"rule": r, "threshold": ra[r].threshold_text()} for r in ra if r not in rb],
        "changed": changed,
    }
    out["thresholds"] = [
        {"rule": c["rule"], "from": ch["from"], "to": ch["to"]}
        for c in changed
        for ch in c["changes"]
        if ch["what"] == "threshold"
    ]
    messages: list[dict[str, str]] = []
    for table, ta, tb in (
        ("detail", a.detail_text, b.detail_text),
        ("words", a.words, b.words),
    ):
        for key in sorted(set(ta) | set(tb)):
            for lang in ("en", "ja"):
                old = getattr(ta[key], lang) if key in ta else ""
                new = getattr(tb[key], lang) if key in tb else ""
                if old != new:
                    messages.append({"message": f"{table}.{key}.{lang}", "from": old, "to": new})
    out["messages"] = messages
    out["tracks"] = {
        "added": [t for t in b.tracks if t not in a.tracks],
        "removed": [t for t in a.tracks if t not in b.tracks],
    }
    out["fields"] = {
        "added": [f for f in b.fields if f not in a.fields],
        "removed": [f for f in a.fields if f not in b.fields],
    }
    out["changes"] = count(out)
    return out


def count(d: dict[str, Any]) -> int:
    """How many things differ."""
    n = sum(len(d["parameters"][k]) for k in ("added", "removed", "changed"))
    n += sum(len(d["rules"][k]) for k in ("added", "removed", "changed"))
    n += len(d["messages"])
    n += sum(len(d[t][k]) for t in ("tracks", "fields") for k in ("added", "removed"))
    return n


def _title(d: dict[str, Any]) -> str:
    a, b = d["from"], d["to"]
    return (
        f"{a['id']} {a['version']} (effective {a['effective_from']}) → "
        f"{b['version']} (effective {b['effective_from']})"
    )


def diff_text(d: dict[str, Any]) -> str:
    lines = [_title(d), f"  from {d['from']['folder']}", f"  to   {d['to']['folder']}", ""]
    if not d["changes"]:
        return "\n".join([*lines, "no changes"]) + "\n"
    lines += _section_lines(d, lambda s: s, lambda s: s)
    return "\n".join(lines).rstrip("\n") + "\n"


def _section_lines(d: dict[str, Any], esc: Any, code: Any) -> list[str]:
    lines: list[str] = []

    def section(title: str, rows: list[str]) -> None:
        if rows:
            lines.extend([f"{title}:", *(f"  {r}" for r in rows), ""])

    section(
        "thresholds",
        [f"{code(t['rule'])}: {esc(t['from'])} → {esc(t['to'])}" for t in d["thresholds"]],
    )
    p = d["parameters"]
    section(
        "parameters",
        [f"+ {code(x['name'])} = {esc(x['value'])}" for x in p["added"]]
        + [f"- {code(x['name'])} = {esc(x['value'])}" for x in p["removed"]]
        + [f"~ {code(x['name'])}: {esc(x['from'])} → {esc(x['to'])}" for x in p["changed"]],
    )
    r = d["rules"]
    section(
        "rules",
        [f"+ {code(x['rule'])} ({esc(x['threshold'])})" for x in r["added"]]
        + [f"- {code(x['rule'])} ({esc(x['threshold'])})" for x in r["removed"]]
        + [
            f"~ {code(c['rule'])} {ch['what']}: {esc(ch['from'])} → {esc(ch['to'])}"
            for c in r["changed"]
            for ch in c["changes"]
        ],
    )
    section(
        "messages",
        [f"~ {code(m['message'])}: {esc(m['from'])} → {esc(m['to'])}" for m in d["messages"]],
    )
    for what in ("tracks", "fields"):
        t = d[what]
        section(
            what,
            [f"+ {code(x)}" for x in t["added"]] + [f"- {code(x)}" for x in t["removed"]],
        )
    return lines


def diff_markdown(d: dict[str, Any]) -> str:
    lines = [f"# {markdown_cell(_title(d))}", ""]
    if not d["changes"]:
        return "\n".join([*lines, "No changes."]) + "\n"
    out: list[str] = []
    for line in _section_lines(d, markdown_cell, lambda s: f"`{s}`"):
        if line.endswith(":") and not line.startswith(" "):
            out += [f"## {line[:-1].capitalize()}", ""]
        elif line.startswith("  "):
            out.append(f"- {line[2:]}")
        else:
            out.append(line)
    return "\n".join(lines + out).rstrip("\n") + "\n"


def diff_json(d: dict[str, Any]) -> str:
    return json.dumps(d, ensure_ascii=False, indent=2) + "\n"
