"""``compare``: a field, an expression over fields, or each of several fields, against a
threshold — a quantity, a date, the limit of the plan's material, or an expression.

A comparison (:class:`~eligibility.ruleset.model.Test`) is also what each branch of an
``any`` check makes, so this module's functions on a ``Test`` serve both kinds.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from eligibility.check_kinds.base import CompileContext, Criterion
from eligibility.check_kinds.outcome import (
    Outcome,
    Skip,
    first_invalid,
    holds,
    invalid,
    keys_text,
    missing,
    plain,
)
from eligibility.checking.fields import PlanFields, Value, display_key, key_text
from eligibility.checking.mode import STATUSES_ONLY
from eligibility.field_types.registry import field_type
from eligibility.messages import kinds as say
from eligibility.patterns import lazy
from eligibility.quantities.quantity import (
    Quantity,
    format_number,
    normalize,
    parse_quantity,
    pretty_unit,
    round_toward,
)
from eligibility.quantities.units import DimensionalityError
from eligibility.ruleset import expressions
from eligibility.ruleset.model import OP_SYMBOL, FieldSpec, Ruleset, Test, Threshold
from eligibility.ruleset.names import fold_name
from eligibility.ruleset.placeholders import filled
from eligibility.text import Text, joined, same

if TYPE_CHECKING:  # examples are explain's: a check does not load them
    from eligibility.check_kinds.examples import Example, Raw

_UNSHOWN = Text("", "")  # the detail of an outcome asked for its status only

# --- the rule file ------------------------------------------------------------------------
# The rule-file keys are a pydantic model built on first use: a rule set read back from the
# cache is checked without importing pydantic (tests/ruleset/test_cache.py measures it).


@functools.cache
def comparison_keys() -> type[Any]:
    """The keys of one comparison: what is compared, how, with what (also each branch of an
    ``any`` check)."""
    from eligibility.ruleset.schema import ByMaterialModel, Op, StrictModel

    class ComparisonKeys(StrictModel):
        value: str | list[str] | None = None  # alternatives, the first stated is used
        each: str | list[str] | None = None  # fields that must all pass
        unit: str | None = None  # the unit results are shown in
        op: Op
        threshold: str | dt.date | ByMaterialModel | None = None
        threshold_expr: str | None = None
        # alternatives (value = [...]) that differ by more than this share of the larger go
        # to a reviewer: rounding, not another figure ("2 %" or $parameter)
        agree_within: str | None = None
        # with threshold_expr: a range in the figure and in the limit's inputs is read end by
        # end (the low ends together, the high ends together), each pair must hold
        pair_ends: bool = False

    return ComparisonKeys


@functools.cache
def _rule_file() -> type[Any]:
    from eligibility.ruleset.schema import RuleCommon

    class CompareFile(RuleCommon, comparison_keys()):  # type: ignore[misc]
        test: Literal["compare"]

    return CompareFile


# --- compiling ----------------------------------------------------------------------------


def compile_test(ctx: CompileContext, where: str, key: str, title: Text, keys: Any) -> Test | None:
    """One comparison from its keys (a ``comparison_keys`` model); ``key`` is where they are
    written in the rule ("" or "of[0].")."""
    # a threshold that is neither text nor a date is the table of limits by material
    by_table = not isinstance(keys.threshold, str | dt.date | None)
    resolved = ctx.params(
        {f"{key}value": keys.value, f"{key}each": keys.each}
        | {f"{key}agree_within": keys.agree_within}
        | ({} if by_table else {f"{key}threshold": keys.threshold})
    )
    if resolved is None:
        return None
    value, each = resolved[f"{key}value"], resolved[f"{key}each"]
    threshold = resolved.get(f"{key}threshold", keys.threshold)
    fields = ctx.fields
    values: list[expressions.Expr] = []
    for text in [value] if isinstance(value, str) else (value or []):
        e = ctx.expression(f"{where}.value", str(text))
        if e is None:
            return None
        values.append(e)
    each_list = [each] if isinstance(each, str) else list(each or [])
    for f in each_list:
        if f not in fields:
            ctx.unknown(f"{where}.each", "field", str(f), fields)
            return None
    if values and each_list:
        ctx.problem(where, "give value or each, not both")
        return None
    if not values and not each_list:
        ctx.problem(where, "give value or each: what is compared")
        return None
    # the dimension every value must have, from its field or by evaluating the expression
    dims: list[tuple[str, Any]] = []
    for e in values:
        d = _expr_dimension(ctx, e, fields)
        if d is not None:
            dims.append((e.text, d))
    for f in each_list:
        k = fields[f].kind
        if k is not None:
            dims.append((f, k.dimensions))
    display = keys.unit
    first_kind = None
    if values and values[0].is_field and values[0].text in fields:
        first_kind = fields[values[0].text].kind
    elif each_list:
        first_kind = fields[each_list[0]].kind
    if display is None and first_kind is not None and not isinstance(threshold, str):
        display = first_kind.unit_source
    if display is not None and not ctx.unit(f"{where}.unit", display):
        return None
    th: Threshold | None = None
    th_expr: expressions.Expr | None = None
    by_material = None
    if by_table:
        table = ctx.threshold_table(where, threshold.table)
        if table is None:
            return None
        for name, t in table.items():
            _check_dims(ctx, where, f"threshold {name}", t, dims)
        by_material = (threshold.by_material, table)
    elif keys.threshold_expr is not None:
        th_expr = ctx.expression(f"{where}.threshold_expr", keys.threshold_expr)
        if th_expr is None:
            return None
        d = _expr_dimension(ctx, th_expr, fields)
        if keys.unit is None:
            ctx.problem(f"{where}.unit", "a threshold_expr needs the unit to show it in")
        if d is not None:
            for text, vd in dims:
                if not set(vd) & set(d):
                    ctx.problem(
                        f"{where}.threshold_expr",
                        f"'{keys.threshold_expr}' does not have the dimension of '{text}'",
                    )
    elif threshold is not None:
        th = ctx.threshold(f"{where}.threshold", threshold, None)
        if th is None:
            return None
        _check_dims(ctx, where, "threshold", th, dims)
        if display is None and th.unit_source is not None:
            display = th.unit_source
    else:
        ctx.problem(f"{where}.threshold", "required key is missing")
        return None
    if (len(values) > 1 or (values and not values[0].is_field)) and display is None:
        ctx.problem(f"{where}.unit", "a computed value needs the unit to show it in")
    if keys.pair_ends and (th_expr is None or not values or not all(e.is_field for e in values)):
        ctx.problem(f"{where}.pair_ends", "needs a field as the value, a threshold_expr as limit")
    agree_within, agree_text, agree_parameter = None, None, None
    tolerance = resolved[f"{key}agree_within"]
    if tolerance is not None:
        share = ctx.threshold(f"{where}.agree_within", tolerance, None)
        if share is None or share.quantity is None or not share.quantity.unit.dimensionless:
            ctx.problem(f"{where}.agree_within", "a share of the larger figure, such as '2 %'")
        else:
            agree_within = share.quantity.to("%") / 100
            written = str(keys.agree_within)
            agree_text = share.text
            agree_parameter = written[1:] if written.startswith("$") else None
    return Test(
        title=title,
        values=tuple(values),
        each=tuple(each_list),
        op=keys.op,
        threshold=th,
        threshold_expr=th_expr,
        by_material=by_material,
        display_unit=display,
        agree_within=agree_within,
        agree_text=agree_text,
        agree_parameter=agree_parameter,
        pair_ends=keys.pair_ends,
    )


def _check_dims(
    ctx: CompileContext, where: str, what: str, th: Threshold, dims: list[tuple[str, Any]]
) -> None:
    if th.quantity is None:
        return
    d = th.quantity.unit.dimensionality
    for text, allowed in dims:
        if d not in allowed:
            ctx.problem(
                f"{where}.{what.split()[0]}",
                f"{what} '{th.text}' does not have the dimension of '{text}'",
            )


def _expr_dimension(
    ctx: CompileContext, e: expressions.Expr, fields: dict[str, FieldSpec]
) -> tuple[Any, ...] | None:
    """The dimensions ``e`` can have: evaluated on one unit of each field's kind."""
    kinds = [fields[f].kind for f in e.fields]
    if not kinds or any(k is None for k in kinds):
        return None
    results: list[Any] = []
    for i in range(max(len(k.units) for k in kinds if k is not None)):
        env = {
            f: Quantity(Fraction(1), k.units[min(i, len(k.units) - 1)], frozenset(), "")
            for f, k in zip(e.fields, kinds, strict=True)
            if k is not None
        }
        try:
            results.append(e.evaluate(env.__getitem__).unit.dimensionality)
        except Exception:
            ctx.problem(e.text, "the fields it combines do not have matching dimensions")
            return None
    return tuple(results)


# --- evaluating ---------------------------------------------------------------------------


def evaluate_test(test: Test, on_fail: str, fields: PlanFields, ruleset: Ruleset) -> Outcome:
    """One comparison on a plan's fields. Every alternative the plan states is read: an
    unusable field in any of them is reported, and alternatives that disagree beyond the
    rule's tolerance (``agree_within``) go to a reviewer, showing each."""
    if test.each:
        return _compare_each(test, on_fail, fields, ruleset)
    values = fields.values
    written: list[expressions.Expr] = []  # alternatives the plan states, in whole or in part
    complete: list[expressions.Expr] = []
    unusable = False
    for a in test.values:
        stated = 0
        for f in a.fields:
            v = values.get(f)
            if v is not None:
                stated += 1
                unusable = unusable or v.problem is not None
        if stated:
            written.append(a)
            if stated == len(a.fields):
                complete.append(a)
    if unusable:
        bad = every_invalid([f for a in written for f in a.fields], fields, ruleset)
        if bad is not None:
            return bad
    if not complete:
        return missing([list(a.fields) for a in test.values], fields, ruleset)
    outcome = _judge_alternatives(test, on_fail, complete, fields, ruleset)
    if len(complete) < len(written):  # an alternative stated in part: say what it left out
        outcome.detail = outcome.detail + partly_stated(test, fields)
    return outcome


def _judge_alternatives(
    test: Test,
    on_fail: str,
    complete: list[expressions.Expr],
    fields: PlanFields,
    ruleset: Ruleset,
) -> Outcome:
    """The outcome of the first complete alternative, or a review when another disagrees."""
    outcomes: list[tuple[expressions.Expr, Outcome, Fraction | None]] = []
    for alt in complete:
        outcome, value = _evaluate_alternative(test, on_fail, alt, fields, ruleset)
        if value is None:
            return outcome  # cannot be computed (a zero divisor, two currencies)
        outcomes.append((alt, outcome, value))
    first_alt, first, first_value = outcomes[0]
    for alt, other, value in outcomes[1:]:
        assert first_value is not None and value is not None
        if not _agree(first_value, value, test.agree_within):
            return _disagreement(test, (first_alt, first), (alt, other), fields)
    return first


def partly_stated(test: Test, fields: PlanFields) -> Text:
    """A notice for each alternative of ``test`` the plan states in part (empty when none):
    what it wrote, what it left out, and that the figure was not computed."""
    notice = Text("", "")
    for alt in test.values:
        stated = [f for f in alt.fields if fields.get(f) is not None]
        if not stated or len(stated) == len(alt.fields):
            continue
        written = ", ".join(f"{f.rsplit('.', 1)[-1]} = {fields.values[f].given}" for f in stated)
        absent = keys_text([f for f in alt.fields if f not in stated])
        expression = _expr_label(alt)
        notice = notice + say.HALF_STATED.format(
            written=written, absent=absent, expression=expression
        )
    return notice


def every_invalid(paths: list[str], fields: PlanFields, ruleset: Ruleset) -> Outcome | None:
    """One invalid outcome naming every one of ``paths`` stated but not usable, if any."""
    bad = [invalid(v, ruleset) for p in dict.fromkeys(paths) if (v := fields.get(p)) and v.problem]
    if not bad:
        return None
    if len(bad) == 1:
        return bad[0]
    detail = joined(say.THEN, [o.detail for o in bad])
    return Outcome("invalid", detail, field=bad[0].field, given=bad[0].given)


def _agree(a: Fraction, b: Fraction, within: Fraction | None) -> bool:
    """Whether two readings of one figure agree: they differ by at most ``within`` of the
    larger (rounding), or are equal when the rule gives no tolerance."""
    return abs(a - b) <= (within or 0) * max(abs(a), abs(b))


def _disagreement(
    test: Test,
    first: tuple[expressions.Expr, Outcome],
    second: tuple[expressions.Expr, Outcome],
    fields: PlanFields,
) -> Outcome:
    shown = [
        f"{_expr_label(a)} = {o.given}"
        if a.is_field
        else f"{_expr_label(a)} = {o.value} ({o.given})"
        for a, o in (first, second)
    ]
    share = test.agree_text or "0 %"
    named = test.agree_parameter
    detail = say.DISAGREE.format(
        first=shown[0],
        second=shown[1],
        share=share,
        parameter=say.DISAGREE_PARAMETER.format(name=named) if named else same(""),
    )
    return Outcome(
        "review",
        detail,
        field=first[1].field or (first[0].fields[0] if first[0].fields else None),
        given="; ".join(o.given or "" for _, o in (first, second)),
        value=" | ".join(o.value or "" for _, o in (first, second)),
        threshold=first[1].threshold,
    )


def at_end(v: Value, op: str) -> Quantity | None:
    """The quantity a check with ``op`` reads: the value, or for a datasheet's bound or range
    its end least favourable to the applicant (the lower end for ≥, the upper for ≤); None
    when that end is open (``≤ 48 MGOe`` for a ≥ threshold)."""
    if v.stated is None:
        return v.value  # type: ignore[no-any-return]
    return v.stated.low if op in (">=", ">") else v.stated.high  # type: ignore[no-any-return]


def one_sided(v: Value, test: Test, ruleset: Ruleset) -> Outcome:
    """A bound on the wrong side: ``≤ 48 MGOe`` cannot show ``≥ 150 kJ/m³``."""
    assert test.op is not None
    upper = v.stated is not None and v.stated.low is None
    needs = comparison_threshold_text(test) if test.threshold is not None else ""
    reason = say.ONE_SIDED.format(
        given=v.given,
        side=say.UPPER_BOUND if upper else say.LOWER_BOUND,
        needs=same(needs) if needs else say.THE_CRITERION,
    )
    t = ruleset.detail_text["invalid"]
    return Outcome(
        "invalid",
        filled(t, label=key_text(v.spec.path), reason=reason),
        field=v.spec.path,
        given=v.given,
    )


def _least_favourable(e: expressions.Expr, fields: PlanFields, test: Test) -> Quantity:
    """``e`` computed from its fields, a range read at whichever ends give the value least
    favourable to the applicant (each combination of ends is tried: a few fields at most)."""
    ranged = [f for f in e.fields if fields.values[f].stated is not None]
    if not ranged:
        return e.evaluate(lambda p: fields.values[p].value)
    assert test.display_unit is not None and test.op is not None
    results: list[Quantity] = []
    for ends in itertools.product((0, 1), repeat=len(ranged)):
        chosen: dict[str, Quantity] = {
            p: fields.values[p].value for p in e.fields if p not in ranged
        } | {
            f: (fields.values[f].stated.low, fields.values[f].stated.high)[i]
            for f, i in zip(ranged, ends, strict=True)
        }
        results.append(e.evaluate(chosen.__getitem__))
    unit = test.display_unit
    pick = min if test.op in (">=", ">") else max
    return pick(results, key=lambda q: q.to(unit))


def _expr_label(e: expressions.Expr) -> str:
    return e.text.replace("motor.", "").replace(" - ", " − ")


def _evaluate_alternative(
    test: Test, on_fail: str, chosen: expressions.Expr, fields: PlanFields, ruleset: Ruleset
) -> tuple[Outcome, Fraction | None]:
    """One alternative's outcome, and its value in the unit shown (None: not computed)."""
    assert test.op is not None
    if chosen.is_field:
        v = fields.values[chosen.text]
        if isinstance(v.value, dt.date):
            return _compare_dates(test, on_fail, v, ruleset), None
        end = at_end(v, test.op)
        if end is None:
            return one_sided(v, test, ruleset), None
        if test.pair_ends:
            outcome, end = _compare_paired(test, on_fail, v, fields, ruleset)
        else:
            outcome = _compare_quantity(test, on_fail, end, v, fields, ruleset)
        assert test.display_unit is not None
        return outcome, end.to(test.display_unit)
    for f in chosen.fields:
        fv = fields.values[f]
        if fv.stated is not None and (fv.stated.low is None or fv.stated.high is None):
            return one_sided(fv, test, ruleset), None
    try:
        q = _least_favourable(chosen, fields, test)
    except ZeroDivisionError:
        # the divisor that is zero, not merely the last field read
        divisors = chosen.divisors or chosen.fields
        zero = next(
            (f for f in divisors if getattr(fields.values[f].value, "magnitude", None) == 0),
            divisors[-1],
        )
        return Outcome(
            "invalid",
            say.DIVISOR_ZERO.format(key=key_text(zero), expression=chosen.text),
            field=zero,
            given=fields.values[zero].given,
        ), None
    except DimensionalityError:
        shown = " / ".join(f"{display_key(f)[0]} '{fields.values[f].given}'" for f in chosen.fields)
        return Outcome(
            "invalid",
            say.CANNOT_COMBINE.format(shown=shown),
            field=chosen.fields[0],
            given=fields.values[chosen.fields[0]].given,
        ), None
    given = ", ".join(f"{f.rsplit('.', 1)[-1]} = {fields.values[f].given}" for f in chosen.fields)
    outcome = _compare_quantity(
        test, on_fail, q, None, fields, ruleset, given=given, label=same(_expr_label(chosen))
    )
    if outcome.status != "pass" and not STATUSES_ONLY.get():  # what would pass is text only
        needed = _needed_inputs(test, chosen, fields, ruleset)
        if needed is not None:  # the same finding, saying what each input would need
            label = same(_expr_label(chosen))
            outcome = _compare_quantity(
                test, on_fail, q, None, fields, ruleset, given=given, label=label, needed=needed
            )
    for f in chosen.fields:  # how an input's range, bound or typical figure was read
        note = fields.values[f].note
        if note is not None:
            outcome.detail = say.WITH_NOTE.format(detail=outcome.detail, note=note)
    assert test.display_unit is not None
    return outcome, q.to(test.display_unit)


def _needed_inputs(
    test: Test, e: expressions.Expr, fields: PlanFields, ruleset: Ruleset
) -> str | None:
    """What each input of a computed value would need, the others as stated:
    ``target_cost ≤ 5,760 JPY/kg at 6400 JPY/kg``. An input is solved for when the value is
    linear in it or in its reciprocal (a ratio, a difference over a base); else left out."""
    assert test.op is not None and test.display_unit is not None
    try:
        th = _threshold_for(test, fields, ruleset)
    except Skip:
        return None
    th_q = th.quantity if isinstance(th, Threshold) else th
    if th_q is None:
        return None
    unit = test.display_unit
    goal = th_q.to(unit)
    parts: list[str] = []
    if any(not isinstance(fields.values[f].value, Quantity) for f in e.fields):
        return None  # a range among the inputs: no single figure to move
    for f in e.fields:
        own = fields.values[f].value

        def at(x: Fraction, f: str = f, own: Quantity = own) -> Fraction:
            moved = Quantity(x, own.unit, own.atoms, own.unit_text, own.key)
            return e.evaluate(lambda p: moved if p == f else fields.values[p].value).to(unit)

        solved = _solve(at, own.magnitude, goal)
        if solved is None:
            continue
        x, increasing = solved
        spec = ruleset.fields[f]
        if x < 0 or (x == 0 and f in e.divisors) or (spec.kind and not spec.kind.fits(own)):
            continue
        up = (test.op in (">=", ">")) == increasing
        suggestion = x
        if x.denominator not in (1, 2, 4, 5, 8, 10, 20, 25, 50, 100, 1000):
            suggestion = round_toward(x, 4, up=up)
        strict = test.op in (">", "<") and suggestion == x
        symbol = (">" if strict else "≥") if up else ("<" if strict else "≤")
        others = ", ".join(fields.values[o].given for o in e.fields if o != f)
        key = f.rsplit(".", 1)[-1]
        at_text = f" at {others}" if others else ""
        parts.append(f"{key} {symbol} {format_number(suggestion, 12)} {own.unit_text}{at_text}")
    return " or ".join(parts) if parts else None


def _solve(at: Any, x0: Fraction, goal: Fraction) -> tuple[Fraction, bool] | None:
    """The x with ``at(x) == goal`` when ``at`` is linear in x or in 1/x, and whether ``at``
    increases with x there; None otherwise."""
    points = [x0 or Fraction(1), (x0 or Fraction(1)) * 2, (x0 or Fraction(1)) * 3]
    try:
        values = [at(x) for x in points]
    except (ZeroDivisionError, DimensionalityError):
        return None
    for reciprocal in (False, True):
        u = [1 / x if reciprocal else x for x in points]
        slope = (values[1] - values[0]) / (u[1] - u[0])
        if slope == 0 or values[0] + slope * (u[2] - u[0]) != values[2]:
            continue
        target_u = u[0] + (goal - values[0]) / slope
        if reciprocal and target_u <= 0:
            return None
        x = 1 / target_u if reciprocal else target_u
        increasing = (slope > 0) != reciprocal
        return x, increasing
    return None


_OTHER_SIDE = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}


def _two_ended(v: Value | None) -> bool:
    """A range with both ends (``45～48 MGOe``), not a bound, a typical or a plain figure."""
    return (
        v is not None
        and v.stated is not None
        and v.stated.low is not None
        and v.stated.high is not None
    )


def _compare_paired(
    test: Test, on_fail: str, v: Value, fields: PlanFields, ruleset: Ruleset
) -> tuple[Outcome, Quantity]:
    """A figure against a limit computed from other fields, ranges read end by end
    (``pair_ends``): the figure's low end against the limit from the inputs' low ends, its
    high end against the limit from their high ends, and both must hold. A bound that holds
    magnet by magnet (``(BH)max ≤ Br²/(4μ0)``) pairs a datasheet's ends this way: the magnet
    of the lowest Br is not the one of the highest (BH)max. An input's open end (a bound)
    is read at its least favourable end, as without pairing. The outcome shown is the first
    pair that does not pass, the figure's least favourable end first, else the closest."""
    assert test.op is not None and test.threshold_expr is not None
    assert test.display_unit is not None
    inputs = [fields.values[f] for f in test.threshold_expr.fields if f in fields.values]
    ranged = [i for i in inputs if _two_ended(i)]
    if not _two_ended(v) and not ranged:  # nothing to pair: the one comparison
        end = at_end(v, test.op)
        assert end is not None
        return _compare_quantity(test, on_fail, end, v, fields, ruleset), end
    closest: tuple[Fraction, Outcome, Quantity] | None = None
    same_limit = _threshold_for(test, fields, ruleset) if not ranged else None
    for side in (test.op, _OTHER_SIDE[test.op]):
        end = at_end(v, side)
        if end is None:  # a bound's open end pairs with nothing
            continue
        th = same_limit if same_limit is not None else _threshold_for(test, fields, ruleset, side)
        shown = v
        if not STATUSES_ONLY.get():  # the note is read only where the finding is shown
            written = ([v] if _two_ended(v) else []) + ranged
            note = say.PAIRED_ENDS.format(
                given=joined(say.KEYS, [same(f"'{x.given}'") for x in written]),
                side=say.HIGH_ENDS if side in ("<=", "<") else say.LOW_ENDS,
            )
            if v.note is not None and not _two_ended(v):  # a typical figure says so still
                note = say.WITH_NOTE.format(detail=v.note, note=note)
            shown = replace(v, note=note)
        outcome = _compare_quantity(test, on_fail, end, shown, fields, ruleset, threshold=th)
        if outcome.status != "pass":
            return outcome, end
        th_q = th.quantity if isinstance(th, Threshold) else th
        assert th_q is not None
        gap = abs(end.to(test.display_unit) - th_q.to(test.display_unit))
        if closest is None or gap < closest[0]:
            closest = (gap, outcome, end)
    assert closest is not None
    return closest[1], closest[2]


def _threshold_for(
    test: Test, fields: PlanFields, ruleset: Ruleset, side: str | None = None
) -> Threshold | Quantity:
    """The limit a figure is compared with. A computed one reads its inputs' ends on
    ``side`` (the end ``at_end`` gives for that operator) when given and stated, else at the
    end least favourable to the applicant."""
    if test.threshold is not None:
        return test.threshold
    if test.by_material is not None:
        path, table = test.by_material
        v = fields.get(path)
        if v is None or v.value is None:
            raise Skip
        names = (fold_name(v.given), ruleset.material_names.key(v.given), fold_name(str(v.value)))
        limit = next((table[n] for n in names if n in table), None)
        if limit is None:
            raise Skip
        return limit
    assert test.threshold_expr is not None and test.op is not None
    # a computed limit from a range: the end giving the limit least favourable to the applicant
    other = _OTHER_SIDE[test.op]
    ends: dict[str, Quantity] = {}
    for f in test.threshold_expr.fields:
        fv = fields.get(f)
        end = None
        if fv is not None and fv.problem is None:
            end = at_end(fv, side) if side is not None else None
            if end is None:
                end = at_end(fv, other)
        if end is None:
            raise Skip
        ends[f] = end
    return test.threshold_expr.evaluate(ends.__getitem__)


def _compare_quantity(
    test: Test,
    on_fail: str,
    q: Quantity,
    v: Value | None,
    fields: PlanFields,
    ruleset: Ruleset,
    given: str | None = None,
    label: Text | None = None,
    needed: str | None = None,
    threshold: Threshold | Quantity | None = None,
) -> Outcome:
    th = threshold if threshold is not None else _threshold_for(test, fields, ruleset)
    assert test.op is not None and test.display_unit is not None
    th_q = th.quantity if isinstance(th, Threshold) else th
    assert th_q is not None
    value = q.to(test.display_unit)
    limit = th_q.to(test.display_unit)
    ok = holds(value, test.op, limit)
    status = "pass" if ok else on_fail
    rounded = None  # the threshold rounded as the figure is written, when that is the figure
    if not ok and on_fail == "fail" and v is not None:
        rounded = within_rounding(v, q, th_q)
        if rounded is not None and ruleset.parameters.get("within_rounding") == "review":
            status = "review"
    if STATUSES_ONLY.get():  # a batch's verdict: the status is decided, the text not read
        return Outcome(
            status,
            _UNSHOWN,
            field=v.spec.path if v is not None else None,
            given=given if given is not None else (v.given if v is not None else ""),
        )
    shown_unit = pretty_unit(test.display_unit)
    limit_text = format_number(limit)
    threshold_text = f"{OP_SYMBOL[test.op]} {limit_text} {shown_unit}"
    value_text = f"{format_number(value, avoid=limit, avoid_text=limit_text)} {shown_unit}"
    delta = value - limit
    gap = f"{format_number(abs(delta))} {shown_unit}"
    margin = f"{'+' if delta > 0 else '−'}{gap}" if delta else f"0 {shown_unit}"
    if ok:
        needed = None
    elif needed is None:
        needed = _needed(test.op, th_q, limit, shown_unit, v)
    label = label or (v.spec.label if v is not None else test.title)
    shown_given = given if given is not None else (v.given if v is not None else "")
    if delta == 0:
        distance = ruleset.words["at"]
    else:
        word = ruleset.words["above" if delta > 0 else "below"]
        distance = say.DISTANCE.format(gap=gap, word=word)
    if not ok:
        word = ruleset.words["short" if test.op in (">=", ">") else "over"]
        distance = say.DISTANCE.format(gap=gap, word=word)
    t = ruleset.detail_text["pass" if ok else "fail"]
    as_given = (
        v is not None
        and v.stated is None
        and v.value.unit_text == shown_unit
        and v.value.magnitude == value
    )
    shown = value_text if as_given else f"{shown_given} = {value_text}"
    detail = filled(
        t,
        label=label,
        shown=shown,
        threshold=threshold_text,
        distance=distance,
        needed=needed or "",
    )
    if rounded is not None and v is not None:
        said = say.WITHIN_ROUNDING_REVIEW if status == "review" else say.WITHIN_ROUNDING_EXACT
        detail = detail + said.format(
            given=v.given, threshold=f"{limit_text} {shown_unit}", rounded=rounded
        )
    if v is not None and v.note is not None:
        detail = say.WITH_NOTE.format(detail=detail, note=v.note)
    return Outcome(
        status,
        detail,
        field=v.spec.path if v is not None else None,
        given=shown_given,
        value=value_text,
        threshold=threshold_text,
        margin=margin,
        needed=needed,
    )


# the first number of a figure: its digits after the decimal point tell the precision written
_FIRST_NUMBER = lazy(r"(\d[\d,]*)(?:\.(\d+))?")
_EXPONENT = lazy(r"^\s*(?:[eE][+-]?\d|[x×*]\s*10)")


def within_rounding(v: Value, end: Quantity, threshold: Quantity) -> str | None:
    """The threshold in ``v``'s unit, rounded to the decimals ``v`` writes, when that is the
    figure ``end`` itself: the figure misses the threshold only in digits it does not write
    (10.053 kOe against 800 kA/m = 10.05309… kOe). None otherwise, and for a figure without
    decimals (10 kOe is a round figure, not a rounding), a range, or a power of ten."""
    ranged = v.stated is not None and None not in (v.stated.low, v.stated.high)
    if ranged and v.stated is not None and v.stated.low is not v.stated.high:
        return None  # a range is read at its end, not as a rounding
    m = _FIRST_NUMBER.search(normalize(v.given))
    if m is None or m.group(2) is None or _EXPONENT.match(m.string[m.end() :]):
        return None
    places = len(m.group(2))
    written = Decimal(m.group(1).replace(",", "") + "." + m.group(2))
    if Fraction(written) != end.magnitude:
        return None  # the number found is not the figure read (a unit's digit, a bound word)
    exact = threshold.to(end.unit)
    with localcontext() as ctx:
        ctx.prec = places + len(str(abs(exact.numerator // exact.denominator))) + 20
        as_decimal = Decimal(exact.numerator) / Decimal(exact.denominator)
        rounded = as_decimal.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if rounded != written:
        return None
    return f"{format_number(exact, 12)} {end.unit_text} ≈ {rounded} {end.unit_text}"


def _needed(op: str, th_q: Quantity, limit: Fraction, shown_unit: str, v: Value | None) -> str:
    """What would pass, in the unit the applicant wrote where there is one.

    An exact threshold is shown exactly; one that is not a short decimal in the applicant's
    unit (150 kJ/m³ in MGOe) is rounded to 4 significant digits toward the passing side, so
    the figure shown does pass.
    """
    up = op in (">=", ">")
    if v is None or not isinstance(v.value, Quantity):
        return f"{OP_SYMBOL[op]} {format_number(limit)} {shown_unit}"
    exact = th_q.to(v.value.unit)
    suggestion = exact
    if exact.denominator not in (1, 2, 4, 5, 8, 10, 20, 25, 50, 100, 1000):
        suggestion = round_toward(exact, 4, up=up)
    symbol = OP_SYMBOL[op] if suggestion == exact else OP_SYMBOL[">=" if up else "<="]
    return f"{symbol} {format_number(suggestion, 12)} {v.value.unit_text}"


def _compare_dates(test: Test, on_fail: str, v: Value, ruleset: Ruleset) -> Outcome:
    assert test.threshold is not None and test.threshold.date is not None and test.op
    limit = test.threshold.date
    value: dt.date = v.value
    ok = holds(value, test.op, limit)
    threshold_text = f"{OP_SYMBOL[test.op]} {limit.isoformat()}"
    days = (value - limit).days
    margin = f"{days:+,} days" if days else "0 days"
    shown = same(f"{value.isoformat()}, {threshold_text}")
    if not ok:  # say which side of the limit it is: "2031-03-31, ≤ 2030-12-31" reads as met
        side = say.DAYS_AFTER if days > 0 else say.DAYS_BEFORE
        n = abs(days)
        span = (say.ONE_DAY if n == 1 else say.DAYS).format(n=f"{n:,}")
        shown = side.format(day=value.isoformat(), span=span, limit=threshold_text)
    detail = plain(ruleset, v.spec.label, shown)
    return Outcome(
        "pass" if ok else on_fail,
        detail,
        field=v.spec.path,
        given=v.given,
        value=value.isoformat(),
        threshold=threshold_text,
        margin=margin,
        needed=None if ok else threshold_text,
    )


def _compare_each(test: Test, on_fail: str, fields: PlanFields, ruleset: Ruleset) -> Outcome:
    paths = list(test.each)
    bad = first_invalid(paths, fields, ruleset)
    if bad is not None:
        return bad
    if any(fields.get(p) is None for p in paths):
        return missing([paths], fields, ruleset)
    assert test.op is not None
    outcomes = []
    for p in paths:
        v = fields.values[p]
        end = at_end(v, test.op)
        if end is None:
            return one_sided(v, test, ruleset)
        outcomes.append(_compare_quantity(test, on_fail, end, v, fields, ruleset))
    failing = [o for o in outcomes if o.status != "pass"]
    pick = failing[0] if failing else outcomes[0]
    detail = joined(same(" "), [o.detail for o in failing or outcomes], strip=True)
    given = ", ".join(f"{p.rsplit('.', 1)[-1]} = {fields.values[p].given}" for p in paths)
    return Outcome(
        pick.status,
        detail,
        field=pick.field,
        given=given,
        value=", ".join(
            f"{p.rsplit('.', 1)[-1]} = {o.value}" for p, o in zip(paths, outcomes, strict=True)
        ),
        threshold=pick.threshold,
        margin=pick.margin,
        needed=pick.needed,
    )


# --- describing ---------------------------------------------------------------------------


def comparison_threshold_text(test: Test) -> str:
    assert test.op is not None
    if test.threshold is not None:
        return f"{OP_SYMBOL[test.op]} {test.threshold.text}"
    if test.threshold_expr is not None:
        return f"{OP_SYMBOL[test.op]} {test.threshold_expr.text}"
    return f"{OP_SYMBOL[test.op]} limit of the material"


def comparison_text(test: Test) -> str:
    if test.each:
        subject = "each of " + ", ".join(test.each)
    else:
        subject = ", or ".join(v.text for v in test.values)
    assert test.op is not None
    if test.threshold is not None:
        target = test.threshold.text
    elif test.threshold_expr is not None:
        target = f"{test.threshold_expr.text} (in {test.display_unit})"
    else:
        assert test.by_material is not None
        material, table = test.by_material
        target = (
            f"the limit for {material} ("
            + ", ".join(f"{k}: {t.text}" for k, t in table.items())
            + ")"
        )
    return f"{subject} {OP_SYMBOL[test.op]} {target}"


def comparison_groups(test: Test) -> list[list[str]]:
    """The fields one comparison needs: every ``each`` field together, or one alternative."""
    groups: list[list[str]] = []
    if test.each:
        groups.append(list(test.each))
    groups.extend(list(v.fields) for v in test.values)
    return groups


def comparison_examples(
    test: Test, ruleset: Ruleset, setting: dict[str, Raw]
) -> tuple[dict[str, Raw], dict[str, Raw] | None] | None:
    """Passing and failing values for one comparison (``setting`` may gain entries)."""
    from eligibility.check_kinds.examples import boundary, number

    assert test.op is not None
    paths = list(test.each)
    if not paths:
        plain_value = next((v for v in test.values if v.is_field), None)
        if plain_value is None:
            return None
        paths = [plain_value.text]
    spec = ruleset.fields[paths[0]]
    if test.threshold is not None and test.threshold.date is not None:
        day = dt.timedelta(days=1)
        deadline = test.threshold.date
        moves = {">=": (deadline, deadline - day), ">": (deadline + day, deadline)}
        moves |= {"<=": (deadline, deadline + day), "<": (deadline - day, deadline)}
        good_d, bad_d = moves[test.op]
        return (
            {p: good_d.isoformat() for p in paths},
            {p: bad_d.isoformat() for p in paths},
        )
    if test.display_unit is None:
        return None
    unit = parse_quantity("1 " + test.display_unit).unit
    limit_q: Quantity | None
    if test.threshold is not None and test.threshold.quantity is not None:
        limit_q = test.threshold.quantity
    elif test.by_material is not None:
        material_field, table = test.by_material
        if not table:
            return None
        key = next(iter(table))
        setting[material_field] = ruleset.materials.get(key, key)
        limit_q = table[key].quantity
    elif test.threshold_expr is not None:
        for f in test.threshold_expr.fields:
            if f not in setting:
                other = ruleset.fields[f]
                setting[f] = field_type(other).sample(other, ruleset)
        limit_q = test.threshold_expr.evaluate(lambda p: parse_quantity(str(setting[p])))
    else:
        return None
    if limit_q is None:
        return None
    limit = limit_q.to(unit)
    good, bad = boundary(limit, test.op)
    good_text = f"{number(good)} {test.display_unit}"
    bad_text = f"{number(bad)} {test.display_unit}"
    nonnegative = spec.kind is not None and spec.kind.nonnegative
    return (
        {p: good_text for p in paths},
        None if nonnegative and bad < 0 else {p: bad_text for p in paths},
    )


# --- the kind -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CompareCheck(Criterion):
    """A comparison (:class:`~eligibility.ruleset.model.Test`) against its threshold."""

    name: ClassVar[str] = "compare"

    test: Test

    @classmethod
    def rule_file(cls) -> type[Any]:
        return _rule_file()

    @classmethod
    def compile(cls, model: Any, ctx: CompileContext, title: Text) -> CompareCheck | None:
        test = compile_test(ctx, ctx.where, "", title, model)
        return cls(test) if test is not None else None

    @property
    def fields(self) -> tuple[str, ...]:
        return self.test.fields

    def evaluate(self, on_fail: str, fields: PlanFields, ruleset: Ruleset) -> Outcome:
        return evaluate_test(self.test, on_fail, fields, ruleset)

    def threshold_text(self) -> str:
        return comparison_threshold_text(self.test)

    def comparison(self) -> str:
        return comparison_text(self.test)

    def examples(self, on_fail: str, ruleset: Ruleset, setting: dict[str, Raw]) -> list[Example]:
        from eligibility.check_kinds.examples import Example

        pair = comparison_examples(self.test, ruleset, setting)
        if pair is None:
            return []
        good, bad = pair
        out = [Example("pass", good, setting)]
        if bad is not None:
            out.append(Example(on_fail, bad, setting))
        return out

    def field_groups(self) -> list[list[str]]:
        return comparison_groups(self.test)


KIND = CompareCheck
