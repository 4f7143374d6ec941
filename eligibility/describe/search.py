"""Where rule sets are looked for, in order, and what each place holds
(``eligibility rules path``)."""

from __future__ import annotations

from typing import Any

from eligibility import config
from eligibility.clock import today
from eligibility.errors import RulesetError
from eligibility.ruleset.places import folders_under, meta, search_path
from eligibility.ruleset.select import in_force, roots


def search_info() -> dict[str, Any]:
    places: list[dict[str, Any]] = []
    shown: set[tuple[str, str]] = set()
    for place in search_path():
        revisions: list[dict[str, Any]] = []
        for folder in folders_under(place.path):
            try:
                m = meta(folder)
            except RulesetError as exc:
                revisions.append({"folder": str(folder), "problem": exc.problems[0]})
                continue
            hidden = (m.id, m.version) in shown
            shown.add((m.id, m.version))
            revisions.append(
                {
                    "folder": str(folder),
                    "id": m.id,
                    "version": m.version,
                    "effective_from": m.effective_from.isoformat(),
                    "base": m.base,
                    "hidden": hidden,
                }
            )
        places.append(
            {
                "path": str(place.path),
                "origin": place.origin,
                "exists": place.exists,
                "revisions": revisions,
            }
        )
    day = today()
    try:
        current: str | None = in_force(roots(None), day)
    except RulesetError:
        current = None
    where = config.config_file()[0]
    return {
        "places": places,
        "config_file": {"path": str(where), "exists": where.is_file()},
        "today": day.isoformat(),
        "in_force_today": current,
    }


def search_text(info: dict[str, Any]) -> str:
    lines = ["Rule sets are looked for in this order:"]
    for i, p in enumerate(info["places"], 1):
        state = "" if p["exists"] else "  (not there)"
        lines.append(f"  {i}. {p['path']}  [{p['origin']}]{state}")
        for r in p["revisions"]:
            if "problem" in r:
                lines.append(f"       {r['folder']}: {r['problem']}")
                continue
            base = f", changes {r['base']}" if r["base"] else ""
            hidden = "  (hidden by the same version above)" if r["hidden"] else ""
            lines.append(
                f"       {r['id']} {r['version']}  effective {r['effective_from']}{base}"
                f"  {r['folder']}{hidden}"
            )
    cfg = info["config_file"]
    lines.append(f"config file: {cfg['path']}{'' if cfg['exists'] else ' (not there)'}")
    lines.append(f"in force today ({info['today']}): {info['in_force_today'] or 'none'}")
    return "\n".join(lines) + "\n"
