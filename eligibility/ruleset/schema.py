"""The shape of rule-set files, as pydantic models: unknown keys and wrong types are errors.

Only :mod:`eligibility.loader` uses these, when a rule set is read from its TOML files.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict
from pydantic import Field as PydanticField

Op = Literal[">=", ">", "<=", "<"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class MetaModel(_Strict):
    id: str
    version: str
    effective_from: dt.date
    title_ja: str
    title_en: str
    source: str


class KindModel(_Strict):
    unit: str
    accepts: list[str]
    reject: list[str] = []
    reject_en: str | None = None
    reject_ja: str | None = None
    nonnegative: bool = False
    alternative_units: list[str] = []


class FieldModel(_Strict):
    type: Literal["quantity", "text", "bool", "date", "material", "choice"]
    kind: str | None = None
    label_en: str
    label_ja: str
    choices: dict[str, list[str]] | None = None
    default: str | None = None


class TrackModel(_Strict):
    family: str
    title_en: str
    title_ja: str
    fields: list[str]
    extends: str | None = None


class WhenModel(_Strict):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    field: str
    in_: list[str] | None = PydanticField(default=None, alias="in")
    present: bool | None = None


class ByMaterialModel(_Strict):
    by_material: str
    table: str


class SubTestModel(_Strict):
    title_en: str
    title_ja: str
    value: str | list[str] | None = None
    each: str | list[str] | None = None
    unit: str | None = None
    op: Op
    threshold: str | None = None


class RuleModel(_Strict):
    like: str | None = None
    title_en: str | None = None
    title_ja: str | None = None
    test: Literal["compare", "range", "member", "all_true", "any", "flag"] | None = None
    tracks: list[str] | None = None
    value: str | list[str] | None = None
    each: str | list[str] | None = None
    unit: str | None = None
    basis: str | None = None
    op: Op | None = None
    threshold: str | dt.date | ByMaterialModel | None = None
    threshold_expr: str | None = None
    min: str | None = None
    max: str | None = None
    values: list[str] | None = None
    of: list[SubTestModel] | None = None
    severity: Literal["required", "advisory"] | None = None
    on_fail: Literal["fail", "review", "invalid"] | None = None
    when: WhenModel | None = None
    source: str | None = None
    note_en: str | None = None
    note_ja: str | None = None


class MessageModel(_Strict):
    en: str
    ja: str
