"""The interface every field type implements, and the value a plan's field is read into."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from eligibility.application.workbook_layout import CellKind
from eligibility.messages import fields as say
from eligibility.text import Text

if TYPE_CHECKING:
    from eligibility.ruleset.model import FieldSpec, Ruleset

Raw = str | bool  # a value as an applicant writes it, in examples and samples


@dataclass(frozen=True, slots=True)
class Value:
    """A field as read: ``value`` when usable, else ``problem`` says why not. Immutable: a
    reading is shared by every plan that writes the same text (``checking.fields``)."""

    spec: FieldSpec
    given: str
    value: Any = None
    problem: Text | None = None
    # a datasheet's bound or range (``≥ 1592 kA/m``, ``45～48 MGOe``): ``value`` is None and a
    # check reads the end least favourable to the applicant for its operator
    stated: Any = None  # eligibility.quantities.stated.Stated
    note: Text | None = None  # how the value was read, for the finding ("なし" as 0 wt%)


class FieldType:
    """One type of plan field. Subclasses set ``name`` and override what differs."""

    name: str = ""
    needs_kind = False  # a quantity field names its kind ([kinds.X]) in the rule file
    needs_choices = False  # a choice field lists its choices
    takes_material_names = False  # a material field knows the rule set's material names
    accepts_word = "values"  # the rule set's word ([words]) before what the field accepts
    own_length_limit = False  # True: reading checks the length (else free text's limit applies)
    form_cell = CellKind.TEXT  # what a form workbook's value cell for the field holds

    def form_hint(self, spec: FieldSpec) -> str:
        """What a form's help cell adds for the field (after what it needs), or ""."""
        return ""

    def form_choices(self, spec: FieldSpec, ruleset: Ruleset) -> tuple[list[str], bool]:
        """A form's drop-down for the field, and whether only its entries are allowed."""
        return [], True

    def read(self, spec: FieldSpec, raw: Any, ruleset: Ruleset | None = None) -> Value:
        """What ``raw`` means for ``spec``; ``ruleset`` resolves names it declares."""
        raise NotImplementedError

    def accepts(self, spec: FieldSpec) -> str:
        """What the field takes, for messages: units, or the values it allows."""
        return "text"

    def template_comment(self, spec: FieldSpec) -> str:
        """The line a blank template shows above the field, or "" for none."""
        return ""

    def placeholder(self, spec: FieldSpec) -> str:
        """The value a blank template writes (TOML)."""
        return '""'

    def json_schema(self, spec: FieldSpec, ruleset: Ruleset) -> dict[str, Any]:
        """The field's piece of the application's JSON Schema."""
        return {"type": "string", "description": f"{label_text(spec)}. Text."}

    def sample(self, spec: FieldSpec, ruleset: Ruleset) -> Raw:
        """Some valid value, for fields an example needs but does not vary."""
        return "text"


def label_text(spec: FieldSpec) -> str:
    return f"{spec.label.en} / {spec.label.ja}"


def bad(spec: FieldSpec, given: str, reason: Text) -> Value:
    """A field as written that cannot be used, and why (a message of the catalogue)."""
    return Value(spec, given, problem=reason)


def need_text(accepts: str) -> Text:
    return say.NEED_TEXT.format(accepts=accepts)


def is_text(raw: Any) -> bool:
    """Whether ``raw`` is a string with something in it."""
    return isinstance(raw, str) and bool(raw.strip())
