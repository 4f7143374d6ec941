"""A bound that holds magnet by magnet reads datasheet ranges end by end (``pair_ends``).

``physics.remanence_bound`` is (BH)max ≤ Br²/(4μ0). In CGS units π cancels: the bound of Br
in kG is (Br)²/4 MGOe, an exact decimal, so the expected status is computed here in exact
arithmetic, independently of the checker: a range of (BH)max with a range of Br passes when
the low ends pair within the bound and the high ends do, and goes to review otherwise. The
other reading (the highest (BH)max against the lowest Br) sent every N52 datasheet to review.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import example, given
from hypothesis import strategies as st

from eligibility.checking.document import check_document
from eligibility.checking.verdict_only import check_verdicts
from tests.checking.test_boundaries import build_plan, document, shipped_ruleset

RULE = "physics.remanence_bound"
BASE = {
    "track": "capacity.ndfeb",
    "capacity_increase": "600 t/yr",
    "magnet": {
        "material": "NdFeB",
        "grade": "N52",
        "coercivity": "11 kOe",
        "measured_at": "20 degC",
    },
}


def _figure(low: Decimal, high: Decimal, unit: str) -> str:
    return f"{low} {unit}" if low == high else f"{low}～{high} {unit}"


def _bound(br_kg: Decimal) -> Fraction:
    return Fraction(br_kg) ** 2 / 4  # MGOe


# kG with up to 3 decimals, MGOe with up to 4: the written digits hit the bounds exactly
BR = st.integers(12_000, 15_500).map(lambda n: Decimal(n).scaleb(-3))
BH = st.integers(300_000, 620_000).map(lambda n: Decimal(n).scaleb(-4))


def _status(bh: str, br: str) -> tuple[str, str]:
    plan = build_plan(BASE, {"magnet": {"energy_product": bh, "remanence": br}})
    doc = document(plan)
    ruleset = shipped_ruleset()
    (full,) = check_document(doc, ruleset, "paired.toml").plans
    (found,) = [f.status for f in full.findings if f.rule == RULE]
    (fast,) = check_verdicts(doc, ruleset).plans
    (statuses_only,) = [s for r, s in fast.statuses if r == RULE]
    return found, statuses_only


@given(bh=st.tuples(BH, BH).map(sorted), br=st.tuples(BR, BR).map(sorted), data=st.data())
@example(bh=[Decimal(48), Decimal(53)], br=[Decimal("14.3"), Decimal("14.8")], data=None)
@example(
    bh=[Decimal("51.1225"), Decimal("54.76")], br=[Decimal("14.3"), Decimal("14.8")], data=None
)
def test_ranges_pair_end_by_end(
    bh: list[Decimal], br: list[Decimal], data: st.DataObject | None
) -> None:
    if data is not None and data.draw(st.booleans(), label="at a bound"):
        # the (BH)max end exactly at its pair's bound, where a reading of the wrong end flips
        side = data.draw(st.sampled_from([0, 1]), label="end")
        value = br[side] ** 2 / 4  # exact: 3 decimals squared, over 4, in 28 digits
        assert Fraction(value) == _bound(br[side])
        bh = sorted([value, bh[1 - side]])
    ok = Fraction(bh[0]) <= _bound(br[0]) and Fraction(bh[1]) <= _bound(br[1])
    expected = "pass" if ok else "review"
    got = _status(_figure(bh[0], bh[1], "MGOe"), _figure(br[0], br[1], "kG"))
    assert got == (expected, expected), (bh, br)


def test_the_finding_says_how_the_ranges_were_read() -> None:
    plan = build_plan(
        BASE, {"magnet": {"energy_product": "48～53 MGOe", "remanence": "1.43～1.48 T"}}
    )
    (result,) = check_document(document(plan), shipped_ruleset(), "n52.toml").plans
    (finding,) = [f for f in result.findings if f.rule == RULE]
    assert finding.status == "pass"
    en, ja = finding.message.en, finding.message.ja
    assert "≤ 435.766 kJ/m³" in en  # Br's high end, 1.48 T, paired with 53 MGOe
    assert "'48～53 MGOe', '1.43～1.48 T'" in en and "high ends" in en
    assert "'48～53 MGOe'、'1.43～1.48 T'" in ja
    assert "least favourable" not in en
    assert "端ごとに対応" in ja and "上限どうし" in ja


def test_a_typical_figure_keeps_its_note() -> None:
    plan = build_plan(
        BASE, {"magnet": {"energy_product": "52 MGOe (typ.)", "remanence": "14.3～14.8 kG"}}
    )
    (result,) = check_document(document(plan), shipped_ruleset(), "typ.toml").plans
    (finding,) = [f for f in result.findings if f.rule == RULE]
    assert finding.status == "review"  # 52 > 51.1225, the bound of the low end
    assert "typical figure" in finding.message.en and "low ends" in finding.message.en
