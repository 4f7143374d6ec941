"""Reading a plan's fields by their declared types: each value usable, or a reason it is not."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from eligibility.application.applicant import PLAN_KEYS, too_long
from eligibility.checking.result import Finding
from eligibility.field_types.base import Value
from eligibility.field_types.registry import field_type
from eligibility.messages import checking as say
from eligibility.ruleset.model import FieldSpec, Ruleset
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
    plan: dict[str, Any], ruleset: Ruleset, allows: Callable[[str], bool]
) -> tuple[PlanFields, list[Finding]]:
    """Read every key of a plan; unknown keys and misplaced blocks become findings."""
    out = PlanFields()
    findings: list[Finding] = []
    for key, raw in plan.items():
        if key in PLAN_KEYS:
            continue
        is_block = key in ruleset.blocks
        if is_block and not isinstance(raw, dict):
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
        if not is_block and isinstance(raw, dict) and key not in ruleset.fields:
            blocks = sorted(b for b in ruleset.blocks if any(allows(p) for p in _under(ruleset, b)))
            findings.append(_unknown_block(key, blocks))
            continue
        items = [(f"{key}.{k}", v) for k, v in raw.items()] if is_block else [(key, raw)]
        if is_block and any(allows(p) for p in _under(ruleset, key)):
            out.blocks.add(key)
        for path, value in items:
            # a key written with a dot of its own ("magnet.material" in JSON) is no field
            spec = ruleset.fields.get(path) if is_block or "." not in key else None
            if spec is None or not allows(path):
                known = [p for p in ruleset.fields if allows(p)]
                findings.append(_unknown_field(path, spec is not None, known))
            elif isinstance(value, str) and not value.strip():
                continue  # a blank in a form is not stated yet: reported as missing, if needed
            elif (
                isinstance(value, str)
                and not field_type(spec).own_length_limit
                and (long := too_long(value)) is not None
            ):
                out.values[path] = Value(spec, as_written(value), problem=long)
            elif isinstance(value, str | bool | int):
                out.values[path] = _read_remembered(spec, path, value, ruleset)
            else:
                out.values[path] = read_value(spec, value, ruleset)
    for path, default in _defaults(ruleset):
        if path not in out.values and allows(path):
            out.values[path] = default
    return out, findings


def _read_remembered(spec: FieldSpec, path: str, raw: str | bool | int, ruleset: Ruleset) -> Value:
    """``read_value`` remembered: reading a field is a pure function of the rule set, the field
    and what was written (a :class:`Value` is immutable), so the same text, boolean or
    integer gives the same reading, and the same object, every time. The type is part of
    the key (``1`` and ``true`` are equal in Python); floats are not remembered (``-0.0``
    equals ``0.0`` but is written differently)."""
    return ruleset.read_memo.remembered(
        (path, raw.__class__, raw), lambda: read_value(spec, raw, ruleset)
    )


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


def _under(ruleset: Ruleset, block: str) -> tuple[str, ...]:
    """The fields of a block (``magnet`` -> ``magnet.grade``, …), listed once per rule set."""
    return ruleset.fields_under.get(block, ())


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
