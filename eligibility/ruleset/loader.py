"""Reading a rule set folder: validate every file, compile the checks, report every problem.

A policy officer's edit must fail loudly and precisely, before any application is checked:
each problem names its file and key (see :func:`eligibility.ruleset.load_ruleset`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from eligibility.check_kinds.base import Criterion
from eligibility.check_kinds.registry import KINDS, rule_file
from eligibility.errors import RulesetError
from eligibility.field_types.registry import FIELD_TYPES
from eligibility.quantities import units
from eligibility.quantities.quantity import (
    Quantity,
    QuantityError,
    format_number,
    parse_quantity,
    pretty_unit,
    unit_of,
)
from eligibility.ruleset import expressions
from eligibility.ruleset.display import numbers_of, quantity_or_none, rule_values, shown_value
from eligibility.ruleset.model import (
    FieldSpec,
    Kind,
    MaterialFamily,
    MaterialNames,
    Parameter,
    Plausible,
    Rule,
    Ruleset,
    Threshold,
    Track,
)
from eligibility.ruleset.names import fold_name, strip_qualifiers
from eligibility.ruleset.placeholders import (
    MESSAGE_PLACEHOLDERS,
    PARAM_PREFIX,
    RULE_PLACEHOLDERS,
    PlaceholderError,
    fill,
    placeholders,
    stated_numbers,
)
from eligibility.ruleset.places import find_revision
from eligibility.ruleset.schema import (
    FieldModel,
    KindModel,
    MaterialModel,
    MessageModel,
    MetaModel,
    ParameterModel,
    QualifierModel,
    RuleCommon,
    TrackModel,
)
from eligibility.ruleset.toml_file import RuleFileError, parse_rule_toml, read_rule_file
from eligibility.suggest import did_you_mean
from eligibility.text import Text, fold_key

_TOP_LEVEL = {
    "ruleset",
    "parameters",
    "materials",
    "material_qualifiers",
    "kinds",
    "fields",
    "tracks",
    "rules",
    "detail",
    "words",
}


MAX_LIKE_CHAIN = 32  # rules one chain of `like` passes through
MAX_BASE_CHAIN = 100  # revisions one chain of `base` passes through

Merged = dict[str, dict[str, tuple[str, Any]]]  # table -> entry -> (file, value)
Collected = tuple[Merged, dict[str, str], dict[str, str], str]  # tables, digests, sources, sha


def _documented(value: Any) -> bool:
    """Whether a parameter is written as documented data (a table with ``value``)."""
    return isinstance(value, dict) and "value" in value


class Loader:
    def __init__(self, folder: Path, sources: Mapping[str, bytes] | None = None) -> None:
        self.folder = folder
        self.sources = sources  # file name -> bytes, when the caller read them already
        self.problems: list[str] = []
        self._reported: set[str] = set()  # the problems, to report each once in linear time
        self.lint_problems: list[str] = []  # refused by `rules check`, not by loading
        self.changes: list[str] = []  # what a revision changes relative to its base

    def problem(self, where: str, message: str) -> None:
        self._add(f"{where}: {message}")

    def _add(self, problem: str) -> None:
        if problem not in self._reported:  # met again through `like`, `extends` or `base`
            self._reported.add(problem)
            self.problems.append(problem)

    def load(self) -> Ruleset:
        chain = self._chain(self.folder, [])
        if self.problems or chain is None:
            raise RulesetError(self.problems or [f"{self.folder}: does not load"])
        merged, digests, sources, sha = chain
        ruleset = self._compile(merged, sha, digests, sources)
        if self.problems:
            raise RulesetError(self.problems)
        assert ruleset is not None
        return ruleset

    def _collect(self, folder: Path) -> Collected:
        """Every table of every file in ``folder``, each entry with the file it is in."""
        if not folder.is_dir():
            raise RulesetError([f"{folder}: not a rule set folder"])
        if self.sources is not None and folder == self.folder:
            files = [folder / name for name in sorted(self.sources)]  # the bytes already read
        else:
            files = sorted(folder.glob("*.toml"))
        if not files:
            raise RulesetError([f"{folder}: no .toml files"])
        return self._collect_files(files)

    def _collect_files(self, files: list[Path]) -> Collected:
        merged: Merged = {k: {} for k in _TOP_LEVEL}
        digests: dict[str, str] = {}
        sources: dict[str, str] = {}
        whole = hashlib.sha256()
        for path in files:
            own = self.sources is not None and path.parent == self.folder  # not a base's file
            name = self._name(path)
            try:
                raw = self.sources[path.name] if own and self.sources else read_rule_file(path)
            except RuleFileError as exc:
                self.problem(name, str(exc))
                continue
            digests[path.name] = hashlib.sha256(raw).hexdigest()
            sources[str(path.resolve())] = digests[path.name]
            whole.update(path.name.encode() + b"\0" + raw + b"\0")
            try:
                doc = parse_rule_toml(raw)
            except RuleFileError as exc:
                self.problem(name, str(exc))
                continue
            for key, table in doc.items():
                if key not in _TOP_LEVEL:
                    self.problem(f"{name}: {key}", _unknown("table", key, _TOP_LEVEL))
                    continue
                if not isinstance(table, dict):
                    self.problem(f"{name}: {key}", "must be a table")
                    continue
                for sub, value in table.items():
                    if sub in merged[key]:
                        other = merged[key][sub][0]
                        self.problem(
                            f"{name}: {key}.{_q(sub)}", f"duplicate: also defined in {other}"
                        )
                        continue
                    merged[key][sub] = (name, value)
        return merged, digests, sources, whole.hexdigest()

    def _chain(self, folder: Path, seen: list[Path]) -> Collected | None:
        """The tables of ``folder`` laid over those of its ``base`` revision, and so on down
        to a revision with no base: followed in a loop (not by recursion) through at most
        :data:`MAX_BASE_CHAIN` revisions."""
        levels: list[tuple[Path, Collected]] = []
        current = folder
        visited = list(seen)
        while True:
            collected = self._collect(current)
            levels.append((current, collected))
            base = collected[0]["ruleset"].get("base")
            if base is None:
                break
            fname, version = base
            where = f"{fname}: ruleset.base"
            if not isinstance(version, str):
                self.problem(where, "must be the version of another revision")
                return None
            ident = collected[0]["ruleset"].get("id", ("", None))[1]
            found = find_revision(
                version, near=current, ident=ident if isinstance(ident, str) else None
            )
            if found is None:
                self.problem(
                    where, f"no revision '{version}' beside this folder or on the rules search path"
                )
                return None
            visited.append(current.resolve())
            if found.resolve() in visited:
                self.problem(where, f"'{version}' is based, in the end, on this revision itself")
                return None
            if len(levels) >= MAX_BASE_CHAIN:
                self.problem(
                    where,
                    f"more than {MAX_BASE_CHAIN} revisions, each based on the one before: "
                    "write a revision that states everything, with no base",
                )
                return None
            current = found
        below_folder, (merged, digests, sources, sha) = levels[-1]
        for upper_folder, (u_merged, u_digests, u_sources, u_sha) in reversed(levels[:-1]):
            prefixed = {
                k if "/" in k else f"{below_folder.name}/{k}": v for k, v in digests.items()
            }
            merged = self._overlay(merged, u_merged)
            digests = {**prefixed, **u_digests}
            sources = {**sources, **u_sources}
            sha = hashlib.sha256(f"{u_sha}\0{sha}".encode()).hexdigest()
            below_folder = upper_folder
        return merged, digests, sources, sha

    def _overlay(self, base: Merged, revision: Merged) -> Merged:
        """A revision's entries over its base's: a rule's or a parameter's keys replace the
        base's keys one by one (``removed = true`` takes a rule out); any other entry is
        replaced whole. What differs from the base is kept in ``changes``."""
        out: Merged = {k: dict(v) for k, v in base.items()}
        self.changes = []
        for key, table in revision.items():
            for sub, (fname, value) in table.items():
                old = out[key].get(sub)
                if key == "ruleset":
                    out[key][sub] = (fname, value)
                    continue
                new: Any = value
                if key == "rules" and isinstance(value, dict):
                    if value.get("removed") is True:
                        if old is None:
                            self.problem(
                                f"{fname}: rules.{_q(sub)}.removed",
                                _unknown("rule", sub, out["rules"]),
                            )
                        else:
                            del out[key][sub]
                            self.changes.append(f"rules.{sub}")
                        continue
                    if old is not None and isinstance(old[1], dict):
                        new = {**old[1], **value}
                elif key == "parameters" and old is not None and _documented(old[1]):
                    new = {**old[1], **value} if _documented(value) else {**old[1], "value": value}
                if old is None or old[1] != new:
                    self.changes.append(f"{key}.{sub}")
                out[key][sub] = (fname, new)
        return out

    def _name(self, path: Path) -> str:
        return str(path)

    def _model(self, model: type[BaseModel], where: str, data: Any) -> Any:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            self._report(exc, where, model)
            return None

    def _rule_model(self, where: str, body: dict[str, Any]) -> RuleCommon | None:
        """A rule's keys validated by the model of its kind (``test``)."""
        test = body.get("test")
        if test is None:
            self.problem(f"{where}.test", "required key is missing")
            return None
        if not isinstance(test, str) or test not in KINDS:
            self.problem(f"{where}.test", _unknown("test", str(test), KINDS))
            return None
        try:
            model: RuleCommon = rule_file().validate_python(body)
        except ValidationError as exc:
            self._report(exc, where, KINDS[test].rule_file(), tag=test)
            return None
        return model

    def _report(
        self, exc: ValidationError, where: str, model: type[BaseModel], tag: str | None = None
    ) -> None:
        errors = exc.errors()
        if tag is not None and any(e["type"] == "extra_forbidden" for e in errors):
            # a misspelt key is one mistake: not also the required key it was meant to be
            errors = [e for e in errors if e["type"] != "missing"]
        for err in errors:
            loc = [str(p) for p in err["loc"] if not str(p).startswith("function")]
            if tag is not None and loc[:1] == [tag]:
                loc = loc[1:]  # the union's member, named by its tag
            key = f"{where}.{'.'.join(loc)}" if loc else where
            if err["type"] == "extra_forbidden":
                fields = set(model.model_fields)
                self.problem(key, _unknown("key", str(err["loc"][-1]), fields))
            elif err["type"] == "missing":
                self.problem(key, "required key is missing")
            else:
                self.problem(key, err["msg"])

    def _compile(
        self, merged: Merged, sha: str, digests: dict[str, str], sources: dict[str, str]
    ) -> Ruleset | None:
        meta_raw = {k: v for k, (_, v) in merged["ruleset"].items()}
        meta_file = next(iter(merged["ruleset"].values()), ("ruleset.toml", None))[0]
        meta = self._model(MetaModel, f"{meta_file}: ruleset", meta_raw)
        param_where = {k: f"{f}: parameters.{k}" for k, (f, _) in merged["parameters"].items()}
        param_models: dict[str, ParameterModel] = {}
        params: dict[str, Any] = {}
        for k, (_, v) in merged["parameters"].items():
            if _documented(v):
                pm = self._model(ParameterModel, param_where[k], v)
                if pm is not None:
                    param_models[k] = pm
                    params[k] = pm.value
            else:
                params[k] = v

        material_names = self._materials(merged)
        materials = material_names.by_name

        kinds: dict[str, Kind] = {}
        for name, (fname, raw) in merged["kinds"].items():
            where = f"{fname}: kinds.{name}"
            model = self._model(KindModel, where, raw)
            if model is not None:
                kind = self._kind(name, model, where)
                if kind is not None:
                    kinds[name] = kind

        fields: dict[str, FieldSpec] = {}
        plausible_refs: dict[str, tuple[str, str]] = {}  # field -> (where, "$parameter")
        for path, (fname, raw) in merged["fields"].items():
            where = f"{fname}: fields.{_q(path)}"
            fm = self._model(FieldModel, where, raw)
            if fm is None:
                continue
            ftype = FIELD_TYPES.get(fm.type)
            if ftype is None:
                self.problem(f"{where}.type", _unknown("field type", fm.type, FIELD_TYPES))
                continue
            kind = None
            if ftype.needs_kind:
                if fm.kind is None:
                    self.problem(where, f"a {fm.type} field needs a kind")
                    continue
                if fm.kind not in kinds:
                    self.problem(f"{where}.kind", _unknown("kind", fm.kind, kinds))
                    continue
                kind = kinds[fm.kind]
            choices: dict[str, str] = {}
            for choice, aliases in (fm.choices or {}).items():
                for alias in [choice, *aliases]:
                    choices[fold_name(alias)] = choice
            if ftype.needs_choices and not choices:
                self.problem(where, f"a {fm.type} field needs choices")
            families = material_names.families if ftype.takes_material_names else ()
            fields[path] = FieldSpec(
                path, fm.type, Text(fm.label_en, fm.label_ja), kind, choices, fm.default, families
            )
            if fm.plausible is not None:
                plausible_refs[path] = (f"{where}.plausible", fm.plausible)

        tracks: dict[str, Track] = {}
        track_files: dict[str, str] = {}
        extends: dict[str, str] = {}
        for tid, (fname, raw) in merged["tracks"].items():
            where = f"{fname}: tracks.{_q(tid)}"
            tm = self._model(TrackModel, where, raw)
            if tm is None:
                continue
            for f in tm.fields:
                base = f[:-2] if f.endswith(".*") else f
                if f.endswith(".*"):
                    if not any(p.startswith(base + ".") for p in fields):
                        self.problem(f"{where}.fields", f"no fields under '{base}'")
                elif f not in fields:
                    self.problem(f"{where}.fields", _unknown("field", f, fields))
            tracks[tid] = Track(tid, tm.family, Text(tm.title_en, tm.title_ja), tuple(tm.fields))
            track_files[tid] = fname
            if tm.extends is not None:
                if tm.extends not in merged["tracks"]:
                    self.problem(f"{where}.extends", _unknown("track", tm.extends, tracks))
                else:
                    extends[tid] = tm.extends

        parameter_info = {
            k: self._parameter(k, params[k], param_models.get(k), param_where[k], fields)
            for k in params
        }
        for path, (where, ref) in plausible_refs.items():
            plausible = self._plausible(where, ref, fields[path], parameter_info)
            if plausible is not None:
                fields[path] = dataclasses.replace(fields[path], plausible=plausible)
        detail_text = self._texts(merged["detail"], "detail")
        words = self._texts(merged["words"], "words")
        for key in ("pass", "fail", "plain", "missing", "invalid"):
            if key not in detail_text:
                self.problem("detail", f"the message '{key}' is missing")
        for key in ("above", "below", "at", "short", "over", "units", "values"):
            if key not in words:
                self.problem("words", f"the word '{key}' is missing")

        # rules: resolve `like`, then `extends`, then compile
        raw_rules: dict[str, tuple[str, dict[str, Any]]] = {}
        for rid, (fname, raw) in merged["rules"].items():
            if not isinstance(raw, dict):
                self.problem(f"{fname}: rules.{_q(rid)}", "must be a table")
                continue
            raw_rules[rid] = (fname, raw)
        resolved: dict[str, tuple[str, dict[str, Any]]] = {}
        origins: dict[str, dict[str, str]] = {}
        for rid in raw_rules:
            found = self._resolve_like(rid, raw_rules)
            if found is not None:
                resolved[rid] = (raw_rules[rid][0], found[0])
                origins[rid] = found[1]
        for tid, base in extends.items():
            for rid, (fname, body) in list(resolved.items()):
                if rid.startswith(base + ".") and rid.count(".") == base.count(".") + 1:
                    new_id = tid + rid[len(base) :]
                    if new_id not in resolved:
                        resolved[new_id] = (fname, body)
                        origins[new_id] = origins[rid]

        rules: list[Rule] = []
        for rid, (fname, body) in resolved.items():
            before = len(self.problems)
            rule = self._rule(
                rid, fname, body, fields, tracks, parameter_info, materials, set(resolved)
            )
            if rule is not None:
                rules.append(rule)
            self._attribute(f"{fname}: rules.{_q(rid)}", origins.get(rid, {}), before)
        # a track that extends another lists its checks in the other's order, then its own
        written = list(resolved)
        order = {t: i for i, t in enumerate(tracks)}

        def position(r: Rule) -> tuple[int, int]:
            base = extends.get(r.track)
            if base is not None and f"{base}.{r.check}" in written:
                return order.get(r.track, len(order)), written.index(f"{base}.{r.check}")
            return order.get(r.track, len(order)), len(written) + written.index(r.id)

        rules.sort(key=position)
        self._check_requires(rules)
        for tid in tracks:
            if not any(r.track == tid for r in rules):
                self.problem(f"{track_files[tid]}: tracks.{_q(tid)}", "has no checks")
        if meta is None:
            return None
        return Ruleset(
            id=meta.id,
            version=meta.version,
            effective_from=meta.effective_from,
            title=Text(meta.title_en, meta.title_ja),
            source=meta.source,
            path=str(self.folder),
            sha256=sha,
            files=digests,
            parameters=params,
            materials=materials,
            fields=fields,
            tracks=tracks,
            rules=tuple(rules),
            detail_text=detail_text,
            words=words,
            base=meta.base,
            sources=sources,
            parameter_info=parameter_info,
            material_names=material_names,
        )

    def _check_requires(self, rules: list[Rule]) -> None:
        """No rule requires itself, directly or through others (each required check exists:
        :meth:`_rule` reports one that does not where ``requires`` is written)."""
        by_id = {r.id: r for r in rules}
        for rule in rules:
            seen: list[str] = []
            todo = list(rule.requires)
            while todo:
                rid = todo.pop()
                if rid == rule.id:
                    self.problem(f"{rule.origin}.requires", "requires itself, through " + rid)
                    break
                if rid not in seen and rid in by_id:
                    seen.append(rid)
                    todo.extend(by_id[rid].requires)

    def _materials(self, merged: dict[str, dict[str, tuple[str, Any]]]) -> MaterialNames:
        """The vocabulary of materials: each family's names (a list), or its names, formula
        and substitutes (a table); and the qualifiers that do not change a family."""
        qualifiers: tuple[str, ...] = ()
        for key, (fname, raw) in merged["material_qualifiers"].items():
            where = f"{fname}: material_qualifiers"
            if key != "words":
                self.problem(f"{where}.{key}", _unknown("key", key, ["words"]))
                continue
            model = self._model(QualifierModel, where, {"words": raw})
            if model is not None:
                qualifiers = tuple(model.words)
        families: list[MaterialFamily] = []
        by_name: dict[str, str] = {}
        for canonical, (fname, raw) in merged["materials"].items():
            where = f"{fname}: materials.{_q(canonical)}"
            data = {"names": raw} if isinstance(raw, list) else raw
            model = self._model(MaterialModel, where, data)
            if model is None:
                continue
            elements: tuple[str, ...] = ()
            substitutes: dict[str, str] = {}
            if model.formula is not None:
                elements = tuple(e for e in re.split(r"[-\s]+", model.formula) if e)
                if not elements or not all(re.fullmatch(r"[A-Z][a-z]?", e) for e in elements):
                    self.problem(f"{where}.formula", "write the elements as 'Nd-Fe-B'")
                    elements = ()
            for host, others in model.substitutes.items():
                if elements and host not in elements:
                    self.problem(f"{where}.substitutes", f"'{host}' is not in the formula")
                for other in others:
                    substitutes[other] = host
            names = tuple(dict.fromkeys([canonical, *model.names]))
            family = MaterialFamily(canonical, names, elements, substitutes)
            for n in names:
                key = fold_name(strip_qualifiers(n, qualifiers))
                if not key:
                    self.problem(where, f"'{n}' is only qualifiers: no name is left")
                elif by_name.get(key, canonical) != canonical:
                    self.problem(where, f"'{n}' also names {by_name[key]}")
                else:
                    by_name[key] = canonical
            families.append(family)
        return MaterialNames(tuple(families), qualifiers, by_name)

    def _texts(self, table: dict[str, tuple[str, Any]], name: str) -> dict[str, Text]:
        """Messages (``detail``) may name only the placeholders the checker fills in for
        them; words none (they are inserted as they are)."""
        out: dict[str, Text] = {}
        for key, (fname, raw) in table.items():
            where = f"{fname}: {name}.{key}"
            m = self._model(MessageModel, where, raw)
            if m is None:
                continue
            known = MESSAGE_PLACEHOLDERS.get(key, frozenset()) if name == "detail" else frozenset()
            for lang, template in (("en", m.en), ("ja", m.ja)):
                try:
                    used = placeholders(template)
                except PlaceholderError as exc:
                    self.problem(f"{where}.{lang}", str(exc))
                    continue
                for p in used:
                    if p not in known:
                        listed = ", ".join(f"{{{k}}}" for k in sorted(known)) or "none"
                        self.problem(
                            f"{where}.{lang}",
                            f"unknown placeholder '{{{p}}}' (known here: {listed})",
                        )
            out[key] = Text(m.en, m.ja)
        return out

    def _parameter(
        self,
        name: str,
        value: Any,
        model: ParameterModel | None,
        where: str,
        fields: dict[str, FieldSpec],
    ) -> Parameter:
        """A parameter with its display form; a unit it is documented in must fit it."""
        unit = model.unit if model is not None else None
        if unit is not None and not self._unit_fits(f"{where}.unit", unit, value):
            unit = None
        description = None
        if model is not None and model.description_en and model.description_ja:
            description = Text(model.description_en, model.description_ja)
        elif model is not None and (model.description_en or model.description_ja):
            self.problem(where, "a description needs both description_en and description_ja")
        return Parameter(
            name=name,
            value=value,
            shown=shown_value(value, unit, fields),
            description=description,
            unit=unit,
            reference=model.reference if model is not None else None,
            origin=where,
        )

    def _plausible(
        self, where: str, ref: str, spec: FieldSpec, parameters: dict[str, Parameter]
    ) -> Plausible | None:
        """A field's plausible range: a parameter ``{ minimum = …, maximum = … }`` (either
        may be left out) in the dimension of the field's kind, the minimum not above the
        maximum."""
        name = ref[1:] if ref.startswith("$") else ref
        if not ref.startswith("$") or name not in parameters:
            self.problem(where, _unknown("parameter", ref, [f"${k}" for k in parameters]))
            return None
        if spec.kind is None:
            self.problem(where, "only a quantity field has a plausible range")
            return None
        value = parameters[name].value
        ends = {"minimum", "maximum"}
        if not isinstance(value, dict) or not value or not set(value) <= ends:
            self.problem(
                parameters[name].origin + ".value",
                'a plausible range is { minimum = "…", maximum = "…" } (either may be left out)',
            )
            return None
        bounds: dict[str, Quantity] = {}
        for end in ("minimum", "maximum"):
            if end not in value:
                continue
            q = quantity_or_none(value[end])
            if q is None or q.unit.dimensionality not in spec.kind.dimensions:
                self.problem(
                    f"{parameters[name].origin}.value.{end}",
                    f"'{value[end]}' is not a quantity of {spec.kind.name} ({spec.kind.unit_text})",
                )
                return None
            bounds[end] = q
        low, high = bounds.get("minimum"), bounds.get("maximum")
        if (
            low is not None
            and high is not None
            and low.unit.dimensionality == high.unit.dimensionality
            and low.to(high.unit) > high.magnitude
        ):
            self.problem(f"{parameters[name].origin}.value", "the minimum is above the maximum")
            return None
        unit = parameters[name].unit or spec.kind.unit_source

        def shown(q: Quantity) -> str:
            return f"{format_number(q.to(unit_of(unit)))} {pretty_unit(unit)}"

        ends_shown = [shown(q) for q in (low, high) if q is not None]
        if low is not None and high is not None:
            text = " – ".join(ends_shown)
        else:
            text = ("≥ " if low is not None else "≤ ") + ends_shown[0]
        return Plausible(name, low, high, text, unit)

    def _unit_fits(self, where: str, unit: str, value: Any) -> bool:
        try:
            u = _unit_expr(unit)
        except Exception:
            self.problem(where, f"'{unit}' is not a known unit")
            return False
        values = value.values() if isinstance(value, dict) else [value]
        for v in values:
            q = quantity_or_none(v)
            if q is None:
                self.problem(where, f"the value {v!r} is not a quantity, so it has no unit")
                return False
            if q.unit.dimensionality != u.dimensionality:
                self.problem(where, f"the value '{v}' is not in a unit of {unit}'s dimension")
                return False
        return True

    def _kind(self, name: str, model: KindModel, where: str) -> Kind | None:
        try:
            unit = _unit_expr(model.unit)
        except Exception:
            self.problem(f"{where}.unit", f"'{model.unit}' is not a known unit")
            return None
        all_units = [unit]
        for alt in model.alternative_units:
            try:
                all_units.append(_unit_expr(alt))
            except Exception:
                self.problem(f"{where}.alternative_units", f"'{alt}' is not a known unit")
        for r in model.reject:
            if units.resolve_atom(r) is None:
                self.problem(f"{where}.reject", f"'{r}' is not a known unit")
        reason = None
        if model.reject:
            if model.reject_en is None or model.reject_ja is None:
                self.problem(where, "reject needs reject_en and reject_ja")
            else:
                reason = Text(model.reject_en, model.reject_ja)
        at_most = None
        if model.at_most is not None:
            try:
                at_most = parse_quantity(model.at_most)
            except QuantityError as exc:
                self.problem(f"{where}.at_most", exc.text.en)
            else:
                if at_most.unit.dimensionality != unit.dimensionality:
                    self.problem(f"{where}.at_most", f"'{model.at_most}' is not in {model.unit}")
                    at_most = None
        return Kind(
            name,
            unit,
            pretty_unit(model.unit),
            model.unit,
            tuple(all_units),
            tuple(model.accepts),
            frozenset(model.reject),
            reason,
            model.nonnegative,
            at_most,
            f"{format_number(at_most.magnitude)} {at_most.unit_text}" if at_most else "",
            frozenset(fold_key(w) for w in model.zero_words),
        )

    def _attribute(self, where: str, origins: dict[str, str], before: int) -> None:
        """Report a problem where its key is written: once, even when `like` or `extends`
        copied the key into other rules."""
        found = self.problems[before:]
        del self.problems[before:]
        self._reported.difference_update(found)
        for problem in found:
            if problem.startswith(where + "."):
                key = re.split(r"[.:\[]", problem[len(where) + 1 :], maxsplit=1)[0]
                problem = origins.get(key, where) + problem[len(where) :]
            self._add(problem)

    def _resolve_like(
        self, rid: str, raw_rules: dict[str, tuple[str, dict[str, Any]]]
    ) -> tuple[dict[str, Any], dict[str, str]] | None:
        """A rule's keys with `like` applied, and for each key where it is written.

        The chain of `like` is followed in a loop, not by recursion, through at most
        :data:`MAX_LIKE_CHAIN` rules: a chain of thousands ended the loader in a
        RecursionError. The first rule too far from the chain's end is reported; the rules
        further still are left out without a problem of their own."""
        chain = [rid]
        while (like := raw_rules[chain[-1]][1].get("like")) is not None:
            here = f"{raw_rules[chain[-1]][0]}: rules.{_q(chain[-1])}.like"
            if not isinstance(like, str) or like not in raw_rules:
                self.problem(here, _unknown("rule", str(like), raw_rules))
                return None
            if like in chain:
                self.problem(here, "refers back to itself")
                return None
            chain.append(like)
            if len(chain) > MAX_LIKE_CHAIN + 1:
                break
        if len(chain) > MAX_LIKE_CHAIN:
            if len(chain) == MAX_LIKE_CHAIN + 1:  # the chain from the next rule is in bounds
                self.problem(
                    f"{raw_rules[rid][0]}: rules.{_q(rid)}.like",
                    f"a chain of more than {MAX_LIKE_CHAIN} rules, each like the next: "
                    "copy the keys of a rule nearer the chain's end",
                )
            return None
        body: dict[str, Any] = {}
        origins: dict[str, str] = {}
        for r in reversed(chain):
            fname, raw = raw_rules[r]
            here = f"{fname}: rules.{_q(r)}"
            body.update({k: v for k, v in raw.items() if k != "like"})
            origins.update({k: here for k in raw if k != "like"})
        return body, origins

    def _rule(
        self,
        rid: str,
        fname: str,
        body: dict[str, Any],
        fields: dict[str, FieldSpec],
        tracks: dict[str, Track],
        parameters: dict[str, Parameter],
        materials: dict[str, str],
        rule_ids: set[str],
    ) -> Rule | None:
        where = f"{fname}: rules.{_q(rid)}"
        model = self._rule_model(where, body)
        if model is None:
            return None
        if model.tracks is not None:
            track = "*" if model.tracks == ["*"] else ",".join(model.tracks)
            if track != "*":
                self.problem(f"{where}.tracks", 'only ["*"] is supported; name rules TRACK.CHECK')
                return None
        else:
            track = rid.rsplit(".", 1)[0]
            if track not in tracks:
                self.problem(
                    where, f"the rule ID must be TRACK.CHECK: {_unknown('track', track, tracks)}"
                )
                return None
        ctx = RuleContext(self, where, fields, parameters, materials)
        title = ctx.text(model.title_en, model.title_ja, f"{where}.title")
        note = None
        if model.note_en and model.note_ja:
            note = ctx.text(model.note_en, model.note_ja, f"{where}.note")
        if (model.note_en is None) != (model.note_ja is None):
            self.problem(where, "a note needs both note_en and note_ja")
        criterion = KINDS[model.test].compile(model, ctx, title)
        if criterion is None:
            return None
        criterion, title, note = self._render(where, criterion, title, note, ctx)
        when_field = when_in = when_present = None
        if model.when is not None:
            if model.when.field not in fields and not any(
                p.startswith(model.when.field + ".") for p in fields
            ):
                self.problem(f"{where}.when.field", _unknown("field", model.when.field, fields))
            if (model.when.in_ is None) == (model.when.present is None):
                self.problem(f"{where}.when", "give exactly one of 'in' or 'present'")
            when_field = model.when.field
            when_in = tuple(model.when.in_) if model.when.in_ is not None else None
            when_present = model.when.present
        requires = tuple(r if "." in r else f"{track}.{r}" for r in (model.requires or ()))
        if model.requires and track == "*":
            self.problem(f"{where}.requires", "a check of every track cannot require another")
        for written, required in zip(model.requires or (), requires, strict=True):
            if required not in rule_ids:
                # named as written, so that a copy (like, extends) reports it once
                own = [i.rsplit(".", 1)[1] for i in rule_ids if i.startswith(f"{track}.")]
                known = own if "." not in written else rule_ids
                self.problem(f"{where}.requires", _unknown("check", written, known))
        if model.basis is not None and model.basis not in fields:
            self.problem(f"{where}.basis", _unknown("field", model.basis, fields))
        # every field a rule reads must be one its track allows
        if track != "*" and track in tracks:
            for f in criterion.fields:
                if f in fields and not tracks[track].allows(f):
                    self.problem(where, f"reads '{f}', which track {track} does not list")
        return Rule(
            id=rid,
            track=track,
            test=model.test,
            title=title,
            severity=model.severity or "required",
            on_fail=model.on_fail or "fail",
            source=model.source,
            note=note,
            criterion=criterion,
            when_field=when_field,
            when_in=when_in,
            when_present=when_present,
            basis_field=model.basis,
            origin=where,
            parameters=tuple(ctx.used),
            requires=requires if track != "*" else (),
        )

    def _render(
        self, where: str, criterion: Criterion, title: Text, note: Text | None, ctx: RuleContext
    ) -> tuple[Criterion, Text, Text | None]:
        """Fill the rule's own placeholders (``{threshold}``…) into its title, note and the
        titles of its branches, and hold each sentence's own numbers against those the rule
        carries (for the lint)."""
        values, tests, carried = rule_values(criterion)
        carried |= ctx.carried()

        def render(text: Text, at: str, own: dict[str, str]) -> Text:
            for lang, template in (("en", text.en), ("ja", text.ja)):
                for name in placeholders(template):
                    if name in RULE_PLACEHOLDERS and name not in own:
                        known = ", ".join(f"{{{k}}}" for k in own) or "none but {param.NAME}"
                        self.problem(
                            f"{at}_{lang}",
                            f"unknown placeholder '{{{name}}}' (known for this rule: {known})",
                        )
                for n in stated_numbers(template):
                    if n not in carried:
                        self.lint_problems.append(
                            f"{at}_{lang}: states {format_number(n)}, a number the rule does "
                            "not carry: write it as a placeholder such as {threshold} or "
                            "{param.NAME}"
                        )
            return Text(fill(text.en, own), fill(text.ja, own))

        title = render(title, f"{where}.title", values)
        if note is not None:
            note = render(note, f"{where}.note", values)
        replaced: dict[str, Any] = {}
        for attr, found in tests.items():
            new = []
            for i, test in enumerate(found):
                own = {"threshold": test.threshold.text} if test.threshold is not None else {}
                single = not isinstance(getattr(criterion, attr), tuple)
                at = f"{where}.{attr}[{i}].title"
                branch_title = title if single else render(test.title, at, own)
                new.append(dataclasses.replace(test, title=branch_title))
            replaced[attr] = tuple(new) if isinstance(getattr(criterion, attr), tuple) else new[0]
        if replaced:
            criterion = dataclasses.replace(criterion, **replaced)
        return criterion, title, note

    def expression(
        self, where: str, text: str, fields: dict[str, FieldSpec]
    ) -> expressions.Expr | None:
        """An expression of a rule file, every field it reads known; else a problem."""
        try:
            e = expressions.parse(text)
        except expressions.ExprError as exc:
            self.problem(where, str(exc))
            return None
        for f in e.fields:
            if f not in fields:
                self.problem(where, _unknown("field", f, fields))
                return None
        return e

    def threshold(self, where: str, value: Any, kind: Kind | None) -> Threshold | None:
        if value is None:
            return None
        if isinstance(value, dt.date):
            return Threshold(value.isoformat(), date=value)
        if not isinstance(value, str):
            self.problem(where, "must be a quantity with a unit, a date, or $parameter")
            return None
        try:
            q = parse_quantity(value)
        except QuantityError as exc:
            self.problem(where, exc.text.en)
            return None
        if kind is not None and q.unit.dimensionality not in kind.dimensions:
            self.problem(
                where, f"'{value}' does not have the dimension of {kind.name} ({kind.unit_text})"
            )
        # the unit as written, to show results in; "年500トン" or "500t/yr" has none apart
        # from its number, so the unit read from it is shown instead
        unit_source = value.strip().partition(" ")[2].strip()
        try:
            unit_of(unit_source)
        except QuantityError:
            unit_source = q.unit_text
        return Threshold(
            f"{format_number(q.magnitude)} {q.unit_text}",
            quantity=q,
            unit_source=unit_source,
        )


class RuleContext:
    """What a check kind compiling one rule is given (:class:`CompileContext`): the rule
    set's fields, parameters and materials, and the loader's list of problems. It keeps the
    parameters the rule uses (``used``)."""

    def __init__(
        self,
        loader: Loader,
        where: str,
        fields: dict[str, FieldSpec],
        parameters: dict[str, Parameter],
        materials: dict[str, str],
    ) -> None:
        self.loader = loader
        self.where = where
        self.fields = fields
        self.parameter_info = parameters
        self.parameters = {k: p.value for k, p in parameters.items()}
        self.param_where = {k: p.origin for k, p in parameters.items()}
        self.materials = materials
        self.used: list[str] = []

    def use(self, name: str) -> None:
        if name not in self.used:
            self.used.append(name)

    def carried(self) -> set[Fraction]:
        """The numbers of the parameters the rule uses: values and references."""
        out: set[Fraction] = set()
        for name in self.used:
            p = self.parameter_info[name]
            out |= numbers_of(p.value) | set(stated_numbers(p.shown))
            out |= set(stated_numbers(p.reference or ""))
        return out

    def problem(self, where: str, message: str) -> None:
        self.loader.problem(where, message)

    def unknown(self, where: str, what: str, name: str, known: Any) -> None:
        self.loader.problem(where, _unknown(what, name, known))

    def params(self, keys: dict[str, Any]) -> dict[str, Any] | None:
        out: dict[str, Any] = {}
        ok = True
        for key, value in keys.items():
            if isinstance(value, str) and value.startswith("$"):
                name = value[1:]
                if name not in self.parameters:
                    self.unknown(f"{self.where}.{key}", "parameter", name, self.parameters)
                    ok = False
                    continue
                self.use(name)
                value = self.parameters[name]
            out[key] = value
        return out if ok else None

    def text(self, en: str, ja: str, where: str | None = None) -> Text:
        """Rule-file text with ``{param.NAME}`` filled in; the rule's own placeholders
        (``{threshold}``…) are filled once the rule is compiled."""
        at = where or f"{self.where}.title"
        values: dict[str, str] = {}
        for lang, template in (("en", en), ("ja", ja)):
            try:
                names = placeholders(template)
            except PlaceholderError as exc:
                self.problem(f"{at}_{lang}", str(exc))
                continue
            for name in names:
                if name.startswith(PARAM_PREFIX):
                    param = name[len(PARAM_PREFIX) :]
                    if param in self.parameter_info:
                        self.use(param)
                        values[name] = self.parameter_info[param].shown
                    else:
                        self.unknown(f"{at}_{lang}", "parameter", param, self.parameter_info)
                elif name not in RULE_PLACEHOLDERS:
                    hint = (
                        f" (a parameter is written {{{PARAM_PREFIX}{name}}})"
                        if name in self.parameter_info
                        else ""
                    )
                    self.problem(f"{at}_{lang}", f"unknown placeholder '{{{name}}}'{hint}")
        return Text(fill(en, values, final=False), fill(ja, values, final=False))

    def expression(self, where: str, text: str) -> expressions.Expr | None:
        return self.loader.expression(where, text, self.fields)

    def threshold(self, where: str, value: Any, kind: Kind | None) -> Threshold | None:
        return self.loader.threshold(where, value, kind)

    def threshold_table(self, where: str, table: str) -> dict[str, Threshold] | None:
        name = table.lstrip("$")
        values = self.parameters.get(name)
        if not isinstance(values, dict):
            self.unknown(f"{where}.threshold.table", "parameter", table, self.parameters)
            return None
        self.use(name)
        resolved: dict[str, Threshold] = {}
        for material, q in values.items():
            t = self.threshold(self.param_where.get(name, where) + f".{material}", q, None)
            if t is not None:
                resolved[fold_name(material)] = t
        return resolved

    def unit(self, where: str, text: str) -> bool:
        try:
            _unit_expr(text)
        except Exception:
            self.problem(where, f"'{text}' is not a known unit")
            return False
        return True


def _unit_expr(text: str) -> Any:
    """A unit written in a rule file, read by the same parser as applications."""
    return unit_of(text)


def _q(key: str) -> str:
    return f'"{key}"' if "." in key or "-" in key else key


def _unknown(what: str, name: str, known: Any) -> str:
    return f"unknown {what} '{name}'{did_you_mean(name, known).en}"


def load_ruleset(folder: str | Path, sources: Mapping[str, bytes] | None = None) -> Ruleset:
    """Load and check one rule set folder; raise :class:`RulesetError` listing every problem.

    ``sources`` are the folder's ``*.toml`` files as already read (name -> bytes), so a
    caller that hashed them compiles exactly those bytes."""
    return Loader(Path(folder), sources).load()


def load_with_overrides(base: str | Path, overrides: str | Path) -> Ruleset:
    """The rule set in ``base`` with the entries of one TOML file of ``overrides`` laid over
    it, as a revision's are (a rule's threshold, a parameter's value): a reform to measure
    without writing a revision. Its version is ``<base version>+<file name>``."""
    loader = Loader(Path(base))
    file = Path(overrides)
    chain = loader._chain(Path(base), [])
    if not file.is_file():
        raise RulesetError([f"{file}: not a file of overrides"])
    own, digests, sources, sha = loader._collect_files([file])
    if own["ruleset"]:
        loader.problem(f"{file}: ruleset", "a file of overrides has no [ruleset]; write a revision")
    if chain is None or loader.problems:
        raise RulesetError(loader.problems or [f"{base}: does not load"])
    b_merged, b_digests, b_sources, b_sha = chain
    composed = loader._overlay(b_merged, own)
    version = composed["ruleset"].get("version", ("", "?"))[1]
    composed["ruleset"]["version"] = (str(file), f"{version}+{file.stem}")
    ruleset = loader._compile(
        composed,
        hashlib.sha256(f"{sha}\0{b_sha}".encode()).hexdigest(),
        {**b_digests, **digests},
        {**b_sources, **sources},
    )
    if loader.problems or ruleset is None:
        raise RulesetError(loader.problems or [f"{file}: does not load"])
    return dataclasses.replace(ruleset, path=str(file))
