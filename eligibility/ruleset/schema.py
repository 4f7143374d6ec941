"""The shape of rule-set files, as pydantic models: unknown keys and wrong types are errors.

The loader uses these when a rule set is read from its TOML files. A rule's keys are the
common keys here (:class:`RuleCommon`) and those of its kind: each kind's module in
:mod:`eligibility.check_kinds` defines its model, and the loader validates a rule against the
union of them, discriminated by ``test``.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydanticField

Op = Literal[">=", ">", "<=", "<"]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MetaModel(StrictModel):
    id: str
    version: str
    effective_from: dt.date
    title_ja: str
    title_en: str
    source: str
    base: str | None = None  # the revision this one states its changes against


ParameterValue = str | dt.date | bool | int | float | list[str] | dict[str, str]


class ParameterModel(StrictModel):
    """A parameter written as documented data: ``[parameters.NAME]`` with ``value``."""

    value: ParameterValue
    unit: str | None = None  # the unit it is shown in; its value must have its dimension
    description_en: str | None = None
    description_ja: str | None = None
    reference: str | None = None  # the clause it reads, or a standard such as JIS Z 8703


class KindModel(StrictModel):
    unit: str
    accepts: list[str]
    reject: list[str] = []
    reject_en: str | None = None
    reject_ja: str | None = None
    nonnegative: bool = False
    at_most: str | None = None  # a quantity above which a value is impossible: "100 %"
    zero_words: list[str] = []  # words read as none of it: なし, none (a content)
    alternative_units: list[str] = []


class FieldModel(StrictModel):
    type: str  # a field type of eligibility.field_types
    kind: str | None = None
    label_en: str
    label_ja: str
    choices: dict[str, list[str]] | None = None
    default: str | None = None
    plausible: str | None = None  # "$PARAMETER": the range a real value lies in


class MaterialModel(StrictModel):
    """A material family: its names, and its formula with the elements that may substitute
    for a host inside a group (``(Nd,Pr)-Fe-B``)."""

    names: list[str] = []
    formula: str | None = None  # the host elements, as "Nd-Fe-B"
    substitutes: dict[str, list[str]] = {}  # host -> elements that may share its site


class QualifierModel(StrictModel):
    words: list[str]  # words that do not change a material's family: sintered, 焼結, 磁石


class TrackModel(StrictModel):
    family: str
    title_en: str
    title_ja: str
    fields: list[str]
    extends: str | None = None


class WhenModel(StrictModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    field: str
    in_: list[str] | None = PydanticField(default=None, alias="in")
    present: bool | None = None


class ByMaterialModel(StrictModel):
    by_material: str
    table: str


class RuleCommon(StrictModel):
    """The keys every rule has, whatever its kind."""

    test: str  # the kind; each kind's model narrows it to Literal[its name]
    title_en: str
    title_ja: str
    tracks: list[str] | None = None
    basis: str | None = None  # a field shown with every finding (a volume's basis)
    severity: Literal["required", "advisory"] | None = None
    on_fail: Literal["fail", "review", "invalid"] | None = None
    when: WhenModel | None = None
    requires: list[str] | None = None  # checks that must pass for this one to be judged
    source: str
    note_en: str | None = None
    note_ja: str | None = None


class MessageModel(StrictModel):
    en: str
    ja: str
