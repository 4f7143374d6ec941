"""Rule sets: TOML files a policy officer can read, loaded and checked before any use.

A rule set is a folder of ``*.toml`` files (see ``rules/permanent-magnets/2025-06``). Loading
validates everything it can without an application: unknown keys, duplicate rule IDs, missing
sources, unknown fields and parameters, threshold units that do not parse or do not have the
dimension of the field they are compared with. Every problem is reported at once, each naming
its file and key (:class:`~eligibility.errors.RulesetError`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property, lru_cache
from typing import Any

from eligibility.check_kinds.base import Criterion
from eligibility.checking import memo
from eligibility.checking.memo import Memo
from eligibility.field_types.registry import field_type
from eligibility.quantities.quantity import Quantity
from eligibility.ruleset import expressions
from eligibility.ruleset.names import (
    fold_name,
    formula_sites,
    strip_qualifiers,
    trailing_remark,
)
from eligibility.text import Text

__all__ = [
    "OP_SYMBOL",
    "FieldSpec",
    "Kind",
    "MaterialFamily",
    "MaterialNames",
    "Parameter",
    "Plausible",
    "Rule",
    "Ruleset",
    "Test",
    "Threshold",
    "Track",
    "fold_name",
]

OP_SYMBOL: dict[str, str] = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}


# --- the compiled rule set ----------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """A kind of quantity a field holds (``energy_density``): its unit and the other units it
    may be written in, what it refuses, and the amounts it cannot be."""

    name: str
    unit: Any
    unit_text: str
    unit_source: str  # as written in the rule file, e.g. "kJ/m^3"
    units: tuple[Any, ...]  # the main unit, then alternatives of other dimensions
    accepts: tuple[str, ...]
    reject: frozenset[str]
    reject_reason: Text | None
    nonnegative: bool
    at_most: Quantity | None = None  # an amount above it is impossible (a reduction > 100 %)
    at_most_text: str = ""
    zero_words: frozenset[str] = frozenset()  # folded (fold_key): read as 0 with a note

    _fits: dict[str, bool] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def dimensions(self) -> tuple[Any, ...]:
        return tuple(u.dimensionality for u in self.units)

    def fits(self, q: Quantity) -> bool:
        """Whether ``q`` has one of this kind's dimensions (remembered per unit text)."""
        known = self._fits.get(q.key) if q.key else None
        if known is None:
            known = q.unit.dimensionality in self.dimensions
            if q.key:
                self._fits[q.key] = known
        return known


@dataclass(frozen=True)
class MaterialFamily:
    """A family of magnet materials: its names as written, and its formula's elements."""

    name: str  # as the rule set writes it: "NdFeB"
    names: tuple[str, ...]
    elements: tuple[str, ...] = ()  # the host elements of its formula: ("Nd", "Fe", "B")
    substitutes: dict[str, str] = field(default_factory=dict)  # element -> host it replaces


@dataclass(frozen=True)
class MaterialNames:
    """The rule set's vocabulary of materials: which family a name written by an applicant
    belongs to (see :mod:`eligibility.ruleset.names`)."""

    families: tuple[MaterialFamily, ...] = ()
    qualifiers: tuple[str, ...] = ()  # words that do not change the family: sintered, 磁石
    by_name: dict[str, str] = field(default_factory=dict)  # folded, qualifiers dropped

    def key(self, name: str) -> str:
        """``name`` folded without its qualifiers: how names and table keys compare."""
        return fold_name(strip_qualifiers(name, self.qualifiers))

    def classify(self, name: str) -> str | None:
        """The family ``name`` belongs to, or None when it cannot be classified. A last
        bracketed remark (a grade: ``NdFeB (N48SH)``) is set aside, unless it names another
        family (``NdFeB (ferrite)`` is not classified)."""
        stripped = strip_qualifiers(name, self.qualifiers)
        family = self._family(stripped)
        if family is not None:
            return family
        remark = trailing_remark(stripped)
        if remark is None:
            return None
        head, aside = remark
        family = self._family(head)
        other = self._family(aside) if aside else None
        return family if other in (None, family) else None

    def _family(self, stripped: str) -> str | None:
        found = self.by_name.get(fold_name(stripped))
        if found is not None:
            return found
        matches = {
            f.name
            for f in self.families
            if f.elements and formula_sites(stripped, f.elements, f.substitutes)
        }
        return matches.pop() if len(matches) == 1 else None

    def family(self, name: str) -> MaterialFamily | None:
        return next((f for f in self.families if f.name == name), None)


@dataclass(frozen=True)
class Plausible:
    """The values a real plant, magnet or motor can have for a field, from a parameter: a
    value outside (either end included in the range) goes to a reviewer, as no plant could
    have it. ``minimum`` or ``maximum`` is None where the range is open."""

    parameter: str  # the parameter the range is written in
    minimum: Quantity | None
    maximum: Quantity | None
    text: str  # display, e.g. "0.01 t/yr – 100,000 t/yr", "≤ 100,000 rpm"
    unit: str  # the unit it is shown in, as written: "t/yr"


@dataclass(frozen=True)
class FieldSpec:
    """One field an application may state: its key, type, label, and what its type needs (a
    kind of quantity, choices, material families, a plausible range, a default)."""

    path: str
    type: str
    label: Text
    kind: Kind | None = None
    choices: dict[str, str] = field(default_factory=dict)  # alias (folded) -> choice
    default: str | None = None
    families: tuple[MaterialFamily, ...] = ()  # the names a material field knows
    plausible: Plausible | None = None  # the range outside which a value goes to a reviewer

    @cached_property
    def accepts(self) -> str:
        """What the field takes, for messages: units, or the values it allows."""
        return field_type(self).accepts(self)


@dataclass(frozen=True)
class Threshold:
    """A threshold: an exact quantity, or a date."""

    text: str  # display, e.g. "150 kJ/m³"
    quantity: Quantity | None = None
    date: dt.date | None = None
    unit_source: str | None = None  # the unit as written, e.g. "kJ/m^3"


@dataclass(frozen=True)
class Parameter:
    """A choice the policy text leaves open, as documented data: its value, what it means,
    its unit and the clause or standard it stands on."""

    name: str
    value: Any  # as the rule file writes it (the rule set's ``parameters`` holds the same)
    shown: str  # display form: "5 °C", "Dy, Tb", "2030-12-31"
    description: Text | None = None
    unit: str | None = None
    reference: str | None = None
    origin: str = ""  # "file: parameters.NAME"

    @property
    def documented(self) -> bool:
        return self.description is not None and self.reference is not None


@dataclass(frozen=True)
class Track:
    """A kind of plan (``ndfeb_capacity``): its family, title and the fields it reads."""

    id: str
    family: str
    title: Text
    fields: tuple[str, ...]  # patterns: "site", "magnet.*"

    def allows(self, path: str) -> bool:
        return _allows(self.fields, path)


@dataclass(frozen=True)
class Test:
    """One comparison: of a ``compare`` check, or of one branch of an ``any``."""

    title: Text
    values: tuple[expressions.Expr, ...] = ()  # alternatives, the first present is used
    each: tuple[str, ...] = ()  # fields that must all pass
    op: str | None = None
    threshold: Threshold | None = None
    threshold_expr: expressions.Expr | None = None
    by_material: tuple[str, dict[str, Threshold]] | None = None
    display_unit: str | None = None  # unit expression results are shown in
    agree_within: Fraction | None = None  # alternatives this far apart (of the larger) agree
    agree_text: str | None = None  # as shown: "2 %"
    agree_parameter: str | None = None  # the parameter it is set by, to name in findings
    # ranges read end by end (low ends together, high ends together), not each at its end
    # least favourable: a bound that holds magnet by magnet, as a datasheet's ends pair
    pair_ends: bool = False

    @cached_property
    def fields(self) -> tuple[str, ...]:
        out: list[str] = list(self.each)
        for v in self.values:
            out.extend(v.fields)
        if self.threshold_expr is not None:
            out.extend(self.threshold_expr.fields)
        if self.by_material is not None:
            out.append(self.by_material[0])
        return tuple(dict.fromkeys(out))


@dataclass(frozen=True)
class Rule:
    """One check: what every rule has, and what its kind tests (``criterion``)."""

    id: str
    track: str  # "*" for every track
    test: str  # the kind, as written: "compare" (eligibility.check_kinds)
    title: Text
    severity: str
    on_fail: str
    source: str
    note: Text | None
    criterion: Criterion
    when_field: str | None = None
    when_in: tuple[str, ...] | None = None
    when_present: bool | None = None
    basis_field: str | None = None
    origin: str = ""  # "file: key" where it is written
    parameters: tuple[str, ...] = ()  # the parameters it uses, by name
    requires: tuple[str, ...] = ()  # ids of the checks that must pass for it to be judged

    @property
    def check(self) -> str:
        return self.id.rsplit(".", 1)[-1]

    @property
    def fields(self) -> tuple[str, ...]:
        return self.criterion.fields

    @cached_property
    def reads(self) -> tuple[str, ...]:
        """Every field the rule's finding depends on: its check's and its volume basis."""
        extra = (self.basis_field,) if self.basis_field is not None else ()
        return tuple(dict.fromkeys((*self.criterion.fields, *extra)))

    def threshold_text(self) -> str:
        """What the rule compares with, with its unit: "≥ 150 kJ/m³", "5 °C – 35 °C"."""
        return self.criterion.threshold_text()


@dataclass(frozen=True)
class Ruleset:
    """A compiled rule set: one revision of the criteria, its fields, tracks and rules, with
    the digests of the files it was built from."""

    id: str
    version: str
    effective_from: dt.date
    title: Text
    source: str
    path: str
    sha256: str
    files: dict[str, str]  # file name -> sha256
    parameters: dict[str, Any]
    materials: dict[str, str]  # folded name -> canonical
    fields: dict[str, FieldSpec]
    tracks: dict[str, Track]
    rules: tuple[Rule, ...]
    detail_text: dict[str, Text]
    words: dict[str, Text]
    base: str | None = None  # the revision this one states its changes against
    sources: dict[str, str] = field(default_factory=dict)  # every file read (path -> sha256)
    parameter_info: dict[str, Parameter] = field(default_factory=dict)
    material_names: MaterialNames = field(default_factory=MaterialNames)
    _by_track: dict[str, tuple[Rule, ...]] = field(default_factory=dict, repr=False, compare=False)

    def __repr__(self) -> str:
        return f"<Ruleset {self.id} {self.version} ({len(self.rules)} rules)>"

    @cached_property
    def fields_under(self) -> dict[str, tuple[str, ...]]:
        """Each block's fields, in the rule set's order ("magnet" -> "magnet.grade", …)."""
        out: dict[str, list[str]] = {}
        for p in self.fields:
            if "." in p:
                out.setdefault(p.split(".", 1)[0], []).append(p)
        return {block: tuple(paths) for block, paths in out.items()}

    @cached_property
    def read_memo(self) -> Memo[tuple[str, Any, Any]]:
        """Field readings already made under this rule set, by field and what was written
        (:func:`eligibility.checking.fields.read_fields`). Not a dataclass field: it is
        neither compared nor written to the rule-set cache."""
        return Memo(memo.READ_MEMO_SIZE)

    @cached_property
    def rule_memo(self) -> Memo[tuple[Any, ...]]:
        """Rule outcomes already found under this rule set, by rule and the readings it read
        (:func:`eligibility.checking.rules.evaluate`). Not a dataclass field either."""
        return Memo(memo.RULE_MEMO_SIZE)

    @cached_property
    def derived(self) -> dict[Any, Any]:
        """What the checking works out once from the rule set, by a key of its own: per
        track, what reading a plan needs of the fields (:func:`eligibility.checking.fields.
        read_fields`); the units never prefixed (:mod:`eligibility.checking.plausibility`).
        Not a dataclass field either."""
        return {}

    def rules_for(self, track: str) -> tuple[Rule, ...]:
        cached = self._by_track.get(track)
        if cached is None:
            cached = tuple(r for r in self.rules if r.track in (track, "*"))
            self._by_track[track] = cached
        return cached

    def rules_by_id_for(self, track: str) -> dict[str, Rule]:
        """The rules of :meth:`rules_for`, by id."""
        cached = self._by_id.get(track)
        if cached is None:
            cached = self._by_id[track] = {r.id: r for r in self.rules_for(track)}
        return cached

    @cached_property
    def _by_id(self) -> dict[str, dict[str, Rule]]:
        return {}

    @property
    def folder(self) -> str:
        """The folder the rule set was read from."""
        return self.path

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def material(self, name: str) -> str | None:
        """The family of a material's name, or None when it cannot be classified."""
        return self.material_names.classify(name)


@lru_cache(maxsize=4096)
def _allows(patterns: tuple[str, ...], path: str) -> bool:
    return any(path == f or (f.endswith(".*") and path.startswith(f[:-1])) for f in patterns)
