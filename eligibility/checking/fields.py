"""Reading a plan's fields by their declared types: each value usable, or a reason it is not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from eligibility.application.applicant import PLAN_KEYS, too_long
from eligibility.checking.result import Finding
from eligibility.field_types.base import Value
from eligibility.field_types.registry import field_type
from eligibility.messages import checking as say
from eligibility.ruleset.model import FieldSpec, Ruleset, Track
from eligibility.suggest import did_you_mean
from eligibility.text import Text, as_written, invisible_characters

__all__ = [
    "PlanFields",
    "Value",
    "display_key",
    "invisible_finding",
    "invisible_reason",
    "read_fields",
    "read_value",
]

# --- reading fields -----------------------------------------------------------------------


@dataclass
class PlanFields:
    """A plan's readings by field path, and the tables (``[plans.magnet]``) it writes."""

    values: dict[str, Value] = field(default_factory=dict)
    blocks: set[str] = field(default_factory=set)

    def get(self, path: str) -> Value | None:
        return self.values.get(path)

    def present(self, path: str) -> bool:
        return path in self.values or path in self.blocks


def read_value(spec: FieldSpec, raw: Any, ruleset: Ruleset | None = None) -> Value:
    """Read one field by its declared type; a problem is a bilingual reason, never an error.
    ``ruleset`` resolves the names it declares (materials).

    Text holding an invisible character is refused whatever the type: ``NdFeB`` followed by
    a zero-width space looks like NdFeB but is not what a reader of the file sees."""
    if isinstance(raw, str):
        hidden = invisible_characters(raw)
        if hidden:
            return Value(spec, as_written(raw), problem=invisible_reason(hidden))
    return field_type(spec).read(spec, raw, ruleset)


def invisible_reason(hidden: list[str]) -> Text:
    """Why text with invisible characters is refused, naming them (``U+200B``)."""
    names = ", ".join(hidden)
    return say.INVISIBLE.format(names=names)


def invisible_finding(rule: str, key: str, raw: str) -> Finding:
    """A plan's own key (``id``, ``track``) written with invisible characters."""
    reason = invisible_reason(invisible_characters(raw))
    return Finding(
        rule,
        "invalid",
        say.OWN_KEY_PROBLEM.format(key=key, reason=reason),
        field=key,
        given=as_written(raw),
    )


def read_fields(
    plan: dict[str, Any], ruleset: Ruleset, track: Track | None
) -> tuple[PlanFields, list[Finding]]:
    """Read every key of a plan for ``track`` (None: a plan whose track is not known, read
    for every field of the rule set); unknown keys and misplaced blocks become findings."""
    layout = _layout(ruleset, track)
    memo = ruleset.read_memo
    out = PlanFields()
    values = out.values
    findings: list[Finding] = []
    for key, raw in plan.items():
        if key in PLAN_KEYS:
            continue
        under = layout.blocks.get(key)
        if under is not None:
            if not isinstance(raw, dict):
                findings.append(
                    Finding(
                        "plan.field",
                        "invalid",
                        say.BLOCK_NOT_A_TABLE.format(key=key),
                        field=key,
                        given=as_written(raw),
                    )
                )
                continue
            if under:  # a block with fields this track reads
                out.blocks.add(key)
            items: Any = raw.items()
            in_block = True
        elif isinstance(raw, dict) and key not in ruleset.fields:
            blocks = sorted(b for b, keys in layout.blocks.items() if keys)
            findings.append(_unknown_block(key, blocks))
            continue
        else:
            under, items, in_block = layout.top, ((key, raw),), False
        for k, value in items:
            place = under.get(k)
            if place is None:
                # a key written with a dot of its own ("magnet.material" in JSON) is no field
                path = f"{key}.{k}" if in_block else k
                spec = ruleset.fields.get(path) if in_block or "." not in k else None
                findings.append(layout.unknown(path, spec is not None))
                continue
            path, spec = place
            if isinstance(value, str):
                if not value.strip():
                    continue  # a blank in a form is not stated yet: reported as missing, if needed
                if path in layout.free_text and (long := too_long(value)) is not None:
                    values[path] = Value(spec, as_written(value), problem=long)
                    continue
            if isinstance(value, str | bool | int) or value.__class__ is dt.date:
                # reading is a pure function of the rule set, the field and what was written
                # (a Value is immutable): the same text, boolean, integer or TOML date gives
                # the same reading, the same object, every time. The type is part of the key
                # (1 and true are equal in Python, and a datetime is a date); floats are not
                # remembered (-0.0 equals 0.0 but is written differently)
                values[path] = memo.remembered(
                    (path, value.__class__, value), read_value, spec, value, ruleset
                )
            else:
                values[path] = read_value(spec, value, ruleset)
    if layout.with_default:
        for path, default in _defaults(ruleset):
            if path not in values and path in layout.with_default:
                values[path] = default
    return out, findings


class _Layout:
    """What reading a plan of one track needs to know of the rule set, worked out once per
    track: each block's keys and the plan-level keys the track reads, with their fields, and
    so on. A plan of the track is then read by lookups, not by matching field patterns."""

    __slots__ = ("_unknown", "blocks", "free_text", "known", "top", "with_default")

    def __init__(self, ruleset: Ruleset, allows: Callable[[str], bool]) -> None:
        self.known = [p for p in ruleset.fields if allows(p)]
        self.blocks: dict[str, dict[str, tuple[str, FieldSpec]]] = {}
        self.top: dict[str, tuple[str, FieldSpec]] = {}
        for block, paths in ruleset.fields_under.items():
            self.blocks[block] = {
                p.split(".", 1)[1]: (p, ruleset.fields[p]) for p in paths if allows(p)
            }
        self.free_text = frozenset(
            p for p in self.known if not field_type(ruleset.fields[p]).own_length_limit
        )
        self._unknown: dict[tuple[str, bool], Finding] = {}
        self.with_default = frozenset(
            p for p in self.known if ruleset.fields[p].default is not None
        )
        for p in self.known:
            if "." not in p:
                self.top[p] = (p, ruleset.fields[p])

    def unknown(self, path: str, other_track: bool) -> Finding:
        """The finding on a key the track does not read, made once per key: its "did you
        mean" compares the key with every key of its block. A finding is immutable; the
        keys remembered are few and short, so files of made-up keys (a server's stream of
        them, a megabyte each) cannot grow them."""
        key = (path, other_track)
        found = self._unknown.get(key)
        if found is None:
            found = _unknown_field(path, other_track, self.known)
            if len(self._unknown) < _UNKNOWN_KEYS_KEPT and len(path) <= _UNKNOWN_KEY_LENGTH:
                self._unknown[key] = found
        return found


_UNKNOWN_KEYS_KEPT = 1024  # per track
_UNKNOWN_KEY_LENGTH = 100  # characters of a key remembered at most: a slip, not a payload


def _layout(ruleset: Ruleset, track: Track | None) -> _Layout:
    key = (_Layout, track.id if track is not None else None)
    found: _Layout | None = ruleset.derived.get(key)
    if found is None:
        allows = track.allows if track is not None else ruleset.fields.__contains__
        found = ruleset.derived[key] = _Layout(ruleset, allows)
    return found


def _defaults(ruleset: Ruleset) -> list[tuple[str, Value]]:
    """The reading of each field with a default, made once per rule set (and again only if
    the memo has dropped it)."""
    found: list[tuple[str, Value]] = ruleset.read_memo.remembered(
        _DEFAULTS,
        lambda: [
            (path, Value(spec, spec.default, value=spec.default))
            for path, spec in ruleset.fields.items()
            if spec.default is not None
        ],
    )
    return found


_DEFAULTS = ("", None, None)  # the memo's key for the defaults: no field's key


def _unknown_block(key: str, blocks: list[str]) -> Finding:
    """A table the rule set does not know, with the closest table this track reads."""
    key = as_written(key)
    return Finding(
        rule="plan.unknown_field",
        status="invalid",
        message=say.UNKNOWN_BLOCK.format(key=key) + did_you_mean(key, blocks),
        field=key,
    )


def display_key(path: str) -> tuple[str, str]:
    if "." in path:
        block, key = path.split(".", 1)
        return f"`{key}` in [plans.{block}]", f"[plans.{block}] の `{key}`"
    return f"`{path}`", f"`{path}`"


def key_text(path: str) -> Text:
    """A field's key as a finding names it, in both languages."""
    return Text(*display_key(path))


def _unknown_field(path: str, other_track: bool, known: list[str]) -> Finding:
    """An unknown key, with the closest key of the same block this track reads."""
    path = as_written(path)
    block = path.rsplit(".", 1)[0] if "." in path else ""
    siblings = {
        k.rsplit(".", 1)[-1]: k for k in known if (k.rsplit(".", 1)[0] if "." in k else "") == block
    }
    leaf = path.rsplit(".", 1)[-1]
    suggestion = did_you_mean(leaf, siblings)
    # the commonest slip: a key of a table ([plans.magnet]) written at the plan's level, or
    # the other way round; it is named with its place rather than as unknown
    elsewhere = [k for k in known if k != path and k.rsplit(".", 1)[-1] == leaf]
    if other_track:
        msg = say.KEY_OF_OTHER_TRACK.format(key=key_text(path))
    elif elsewhere:
        msg = say.KEY_IN_OTHER_PLACE.format(key=key_text(path), place=key_text(elsewhere[0]))
        suggestion = Text("", "")
    else:
        msg = say.UNKNOWN_KEY.format(key=key_text(path))
    return Finding(
        rule="plan.unknown_field", status="invalid", message=msg + suggestion, field=path
    )
