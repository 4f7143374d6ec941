"""A blank application for a track: every field it reads, with what each needs."""

from __future__ import annotations

import json

from eligibility.describe.application_fields import (
    APPLICANT_FIELDS,
    OPTIONAL,
    REQUIRED,
    SCHEMA_LINE,
)
from eligibility.describe.examples import field_key
from eligibility.errors import UnknownTrackError
from eligibility.field_types.registry import field_type
from eligibility.messages import describe as say
from eligibility.ruleset.model import Ruleset, Track
from eligibility.suggest import did_you_mean
from eligibility.text import Text

# --- what a track needs -----------------------------------------------------------------------


def field_needs(ruleset: Ruleset, track: Track) -> dict[str, Text]:
    """For each field the track reads: required, required under a condition, one of some
    alternatives, or optional — derived from the track's rules."""
    required: set[str] = set()
    conditional: dict[str, Text] = {}
    alternatives: dict[str, Text] = {}
    for rule in ruleset.rules_for(track.id):
        groups = rule.criterion.field_groups()
        groups = [g for g in groups if all(track.allows(p) for p in g)]
        if not groups:
            continue
        if rule.when_field is not None:
            if not rule.when_in:
                continue  # checked only when something else is stated: optional
            values = Text(" or ".join(rule.when_in), " / ".join(rule.when_in))
            cond = say.REQUIRED_WHEN.format(field=rule.when_field, values=values)
            for g in groups:
                for p in g:
                    conditional.setdefault(p, cond)
            continue
        if rule.severity != "required":
            continue
        if len(groups) == 1:
            required.update(groups[0])
            continue
        en = [" and ".join(field_key(p) for p in g) for g in groups]
        ja = ["と".join(field_key(p) for p in g) for g in groups]
        alt = say.ONE_OF.format(fields=Text(", or ".join(en), "、又は".join(ja)))
        for g in groups:
            for p in g:
                alternatives.setdefault(p, alt)
    out: dict[str, Text] = {}
    for path in track_fields(ruleset, track):
        spec = ruleset.fields[path]
        if path in required:
            out[path] = REQUIRED
        elif path in alternatives:
            out[path] = alternatives[path]
        elif path in conditional:
            out[path] = conditional[path]
        elif spec.default is not None:
            out[path] = say.OPTIONAL_DEFAULT.format(default=spec.default)
        else:
            out[path] = OPTIONAL
    return out


def track_fields(ruleset: Ruleset, track: Track) -> list[str]:
    """Every field path a track reads, "magnet.*" expanded, in the rule set's order."""
    return [p for p in ruleset.fields if track.allows(p)]


def find_track(ruleset: Ruleset, track_id: str) -> Track:
    track = ruleset.tracks.get(track_id)
    if track is not None:
        return track
    names = list(ruleset.tracks)
    raise UnknownTrackError(
        say.UNKNOWN_TRACK.format(
            path=str(ruleset.path),
            track=track_id,
            hint=did_you_mean(track_id, names, cutoff=0.5),
            names=", ".join(names),
        )
    )


# --- template ---------------------------------------------------------------------------------


def _comment(label: Text, need: Text | None) -> str:
    if need is None:
        return f"# {label.ja} / {label.en}"
    return f"# {label.ja} / {label.en} — {need.ja} / {need.en}"


def template(ruleset: Ruleset, track_id: str) -> str:
    """A blank application for one track: every field it reads, each with its label and
    accepted units or values in Japanese and English. Every value is left empty, so
    ``eligibility check`` lists each one still to fill in."""
    track = find_track(ruleset, track_id)
    needs = field_needs(ruleset, track)
    lines = [
        SCHEMA_LINE,
        f"# 申請書のひな形：{track.id}（{track.title.ja}）",
        f"# Application template: {track.id} ({track.title.en})",
        f"# 規則セット / rule set: {ruleset.id} {ruleset.version}",
        '# 空欄（""）をすべて記入し、eligibility check で確認してください。',
        '# Fill in every "" and check the file with: eligibility check application.toml',
        "",
        "[applicant]",
    ]
    for key, need in (("name", REQUIRED), ("corporate_number", OPTIONAL)):
        label = APPLICANT_FIELDS[key][0]
        lines += [_comment(label, need), f'{key} = ""']
    lines += [
        "",
        "[[plans]]",
        _comment(
            say.PLAN_ID,
            REQUIRED,
        ),
        'id = ""',
        f"# 区分 / track: {track.title.ja} / {track.title.en}",
        f"track = {json.dumps(track.id)}",
        _comment(say.TITLE, OPTIONAL),
        'title = ""',
    ]
    blocks: dict[str, list[str]] = {}
    for path in track_fields(ruleset, track):
        blocks.setdefault(path.rpartition(".")[0], []).append(path)
    for block, members in blocks.items():
        block_need = None
        if block:
            lines += ["", f"[plans.{block}]"]
            shared = {needs[p] for p in members}
            if len(shared) == 1 and (need := shared.pop()).en.startswith("required when"):
                block_need = need
                lines.append(
                    f"# {need.ja}。それ以外はこの表を削除 / {need.en}; delete this table otherwise"
                )
        for path in members:
            spec = ruleset.fields[path]
            need = needs[path]
            lines.append(_comment(spec.label, None if need == block_need else need))
            ftype = field_type(spec)
            accepts = ftype.template_comment(spec)
            if accepts:
                lines.append(accepts)
            lines.append(f"{field_key(path)} = {ftype.placeholder(spec)}")
    return "\n".join(lines) + "\n"
