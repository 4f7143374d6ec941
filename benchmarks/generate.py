"""Synthetic application files for benchmarking `eligibility`: N applications across all nine
tracks, with figures drawn from published magnet grades and EV motors and written the ways
applicants write them (MGOe, kOe, kA/m, "年500トン", "0.6 kt/yr", "12,000 min⁻¹", "Nm/L",
full-width digits, 円/kg, months or years).

    python benchmarks/generate.py OUT_DIR --n 10000 --seed 1

Most plans are eligible; some fall just below a threshold (ineligible), some miss a field or
misspell a key (incomplete), some need a person's judgement (review: an overseas SmCo line,
operation after 2030, a figure beyond physics). About one file in seven is JSON, the rest
TOML; each holds one to three plans. The verdict each plan is built to get is written to
OUT_DIR/manifest.csv (file, plan, track, expected verdict), which `eligibility screen` does
not read. The same seed gives the same files, byte for byte.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import math
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ELIGIBLE, INELIGIBLE, INCOMPLETE, REVIEW = "eligible", "ineligible", "incomplete", "review"
#: share of plans built for each verdict
OUTCOME_WEIGHTS = {ELIGIBLE: 70, INELIGIBLE: 12, INCOMPLETE: 10, REVIEW: 8}
#: share of plans on each track
TRACK_WEIGHTS = {
    "capacity.ndfeb": 24,
    "capacity.ndfeb-program-results": 8,
    "capacity.smco": 10,
    "capacity.hre-free": 10,
    "recycling.expansion": 10,
    "recycling.new-technology": 10,
    "recycling.rnd": 9,
    "saving.magnet-rnd": 9,
    "saving.motor": 10,
}
JSON_SHARE = 0.15
MU0 = 4e-7 * math.pi
KJ_PER_MGOE = 100 / (4 * math.pi)  # 7.9577 kJ/m³
KAM_PER_KOE = 1000 / (4 * math.pi)  # 79.577 kA/m


# --- grade table (../shared/data/magnet-grades.md), figures at 20 °C ----------------------------


@dataclass(frozen=True)
class Grade:
    name: str
    family: str  # "NdFeB", "NdFeB-bonded", "SmCo5", "Sm2Co17", "ferrite", "SmFeN"
    br: tuple[float, float]  # T
    hcb: float  # kA/m, minimum
    hcj: float  # kA/m, minimum
    bh: tuple[float, float]  # kJ/m³
    dy: float = 0.0  # typical Dy content, wt%
    tb: float = 0.0  # typical Tb content, wt%


SINTERED = [
    Grade("N30", "NdFeB", (1.08, 1.13), 796, 960, (223, 247)),
    Grade("N35", "NdFeB", (1.17, 1.22), 868, 955, (263, 287)),
    Grade("N42", "NdFeB", (1.28, 1.32), 915, 955, (318, 342)),
    Grade("N48", "NdFeB", (1.38, 1.42), 923, 955, (366, 390)),
    Grade("N52", "NdFeB", (1.43, 1.48), 860, 876, (398, 422)),
    Grade("N55", "NdFeB", (1.49, 1.49), 716, 876, (430, 430)),
    Grade("N50H", "NdFeB", (1.39, 1.44), 1035, 1273, (382, 406), dy=1.0),
    Grade("N45SH", "NdFeB", (1.32, 1.37), 995, 1592, (342, 366), dy=2.5),
    Grade("N48SH", "NdFeB", (1.37, 1.42), 1019, 1592, (366, 390), dy=2.5),
    Grade("48UH", "NdFeB", (1.36, 1.40), 1011, 1990, (358, 382), tb=0.6),
    Grade("45EH", "NdFeB", (1.32, 1.37), 987, 2388, (334, 366), tb=0.8),
    Grade("40AH", "NdFeB", (1.25, 1.29), 955, 2786, (302, 326), tb=1.0),
]
HRE_FREE_NDFEB = [g for g in SINTERED if g.dy == 0 and g.tb == 0]
BONDED = [
    Grade("BN8", "NdFeB-bonded", (0.62, 0.68), 398, 637, (62, 70)),  # fails both thresholds
    Grade("BNP-8SR", "NdFeB-bonded", (0.62, 0.66), 405, 955, (65.6, 72)),  # (BH)max fails
]
SMCO = [
    Grade("YX16", "SmCo5", (0.79, 0.85), 612, 1194, (110, 135)),
    Grade("YX24", "SmCo5", (0.95, 1.00), 730, 1194, (175, 199)),
    Grade("YXG22", "Sm2Co17", (0.93, 0.97), 676, 1433, (160, 183)),
    Grade("YXG28H", "Sm2Co17", (1.03, 1.08), 756, 1990, (207, 223)),
    Grade("32H", "Sm2Co17", (1.16, 1.16), 756, 1114, (246.7, 246.7)),  # CGS datasheet
]
FERRITE = Grade("Y30", "ferrite", (0.38, 0.385), 191, 199, (26, 28))
SMFEN = Grade("SmFeN isotropic", "SmFeN", (0.86, 0.99), 0, 614, (124, 157))

NDFEB_NAMES = ["NdFeB", "NdFeB", "NdFeB", "Nd-Fe-B", "Nd2Fe14B", "neodymium", "ネオジム磁石"]
SMCO_NAMES = {
    "SmCo5": ["SmCo5", "SmCo5", "SmCo", "samarium-cobalt", "サマリウムコバルト磁石"],
    "Sm2Co17": ["Sm2Co17", "Sm2Co17", "Sm-Co", "samarium cobalt", "サマリウムコバルト"],
}
COMPANY_ROOTS = [
    "Kanazawa",
    "Shinshu",
    "Hokuriku",
    "Tokai",
    "Kansai",
    "Tohoku",
    "Kyushu",
    "Chubu",
    "Sanin",
    "Setouchi",
    "Hida",
    "Izumo",
    "Echigo",
    "Musashi",
    "Suruga",
    "Owari",
    "Kii",
    "Tsukuba",
    "Hamamatsu",
    "Fukui",
    "Toyama",
    "Nagano",
    "Sendai",
    "Kitakami",
]
COMPANY_KINDS = [
    "Magnet Industries",
    "Rare Earth Recycling",
    "Drive Systems",
    "Magnetics",
    "Advanced Materials",
    "Metal Works",
    "Motor Technologies",
    "SmCo Works",
    "Rare Metals",
    "Electric Machinery",
]
COMPANY_JA = ["磁材", "レアアース", "モーター", "電磁", "金属工業", "マテリアル"]
TYPO_KEYS = {
    "coercivity": ["coercivty", "coercivety", "coerciviy"],
    "energy_product": ["energy_prodcut", "energyproduct", "energy_produc"],
    "capacity_increase": ["capacity_incrase", "capacity_increse", "capacityincrease"],
    "capacity_after": ["capacity_afer", "capacity_aftr"],
    "magnet_output": ["magnet_ouput", "magnet_outptu", "magent_output"],
    "measured_at": ["measured_temp", "mesured_at"],
    "max_speed": ["max_sped", "maxspeed"],
    "terbium": ["terbiun", "terbum"],
    "dysprosium": ["dysprosim", "dysprosuim"],
    "target_cost": ["target_cots", "targetcost"],
    "nd_usage_baseline": ["nd_usage_baseine", "nd_usage_base"],
    "nd_usage_target": ["nd_usage_taget", "nd_usage_targt"],
    "uses_program_results": ["use_program_results", "uses_program_result"],
}
FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


# --- numbers and units as applicants write them -----------------------------------------------


def _pick(rng: random.Random, weighted: list[tuple[Any, int]]) -> Any:
    items, weights = zip(*weighted, strict=True)
    return rng.choices(items, weights)[0]


def number(rng: random.Random, x: float, decimals: int = 0, *, group: bool = True) -> str:
    """``x`` rounded to ``decimals`` places, trailing zeros dropped, sometimes "12,000" or
    "12 000" for thousands, sometimes in full-width digits."""
    text = f"{x:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    whole, _, frac = text.partition(".")
    if group and len(whole) > 3 and rng.random() < 0.4:
        sep = "," if rng.random() < 0.8 else " "
        whole = f"{int(whole):,}".replace(",", sep)
        text = whole + ("." + frac if frac else "")
    if rng.random() < 0.04:
        text = text.translate(FULL_WIDTH)
    return text


def energy_product(rng: random.Random, kj: float) -> str:
    unit = _pick(rng, [("kJ/m^3", 40), ("kJ/m³", 20), ("MGOe", 35), ("MJ/m^3", 5)])
    if unit == "MGOe":
        return f"{number(rng, kj / KJ_PER_MGOE, 1)} MGOe"
    if unit == "MJ/m^3":
        return f"{number(rng, kj / 1000, 4)} MJ/m^3"
    return f"{number(rng, kj, rng.choice([0, 0, 1]))} {unit}"


def field_strength(rng: random.Random, kam: float) -> str:
    unit = _pick(rng, [("kA/m", 50), ("kOe", 35), ("MA/m", 10), ("Oe", 5)])
    if unit == "kOe":
        return f"{number(rng, kam / KAM_PER_KOE, 2)} kOe"
    if unit == "MA/m":
        return f"{number(rng, kam / 1000, 3)} MA/m"
    if unit == "Oe":
        return f"{number(rng, kam / KAM_PER_KOE * 1000, 0)} Oe"
    return f"{number(rng, kam, 0)} kA/m"


def flux_density(rng: random.Random, tesla: float) -> str:
    unit = _pick(rng, [("T", 60), ("kG", 25), ("mT", 10), ("G", 5)])
    if unit == "kG":
        return f"{number(rng, tesla * 10, 2)} kG"
    if unit == "mT":
        return f"{number(rng, tesla * 1000, 0)} mT"
    if unit == "G":
        return f"{number(rng, tesla * 10000, 0)} G"
    return f"{number(rng, tesla, 3)} T"


def temperature(rng: random.Random, celsius: float) -> str:
    unit = _pick(rng, [("degC", 45), ("°C", 25), ("℃", 20), ("K", 5), ("degF", 5)])
    if unit == "K":
        return f"{number(rng, celsius + 273.15, 2)} K"
    if unit == "degF":
        return f"{number(rng, celsius * 9 / 5 + 32, 1)} degF"
    sep = "" if unit == "℃" and rng.random() < 0.5 else " "
    return f"{number(rng, celsius, 0)}{sep}{unit}"


def annual_mass(rng: random.Random, tonnes: float) -> str:
    """Tonnes a year: t/yr, t/年, 年500トン, kt/yr, t/month."""
    choices = [("t/yr", 45), ("t/年", 15), ("年トン", 15), ("kt/yr", 10)]
    if tonnes % 12 == 0:
        choices.append(("t/month", 10))
    unit = _pick(rng, choices)
    if unit == "年トン":
        return f"年{number(rng, tonnes, 0, group=False)}トン"
    if unit == "kt/yr":
        return f"{number(rng, tonnes / 1000, 3)} kt/yr"
    if unit == "t/month":
        return f"{number(rng, tonnes / 12, 0)} t/month"
    text = f"{number(rng, tonnes, 0)} {unit}"
    return text.translate(str.maketrans("t/", "ｔ／")) if rng.random() < 0.03 else text


def unit_cost(rng: random.Random, jpy_per_kg: float, unit: str) -> str:
    if unit == "万円/t":
        return f"{number(rng, jpy_per_kg / 10, 1)}万円/t"
    if unit == "USD/kg":
        return f"{number(rng, jpy_per_kg / 150, 2)} USD/kg"
    return f"{number(rng, jpy_per_kg, 0)} {unit}"


def duration(rng: random.Random, years: float) -> str:
    months = round(years * 12)
    unit = _pick(rng, [("yr", 40), ("年", 20), ("months", 30), ("ヶ月", 10)])
    if unit == "months":
        return f"{months} months"
    if unit == "ヶ月":
        return f"{months}ヶ月"
    return f"{number(rng, months / 12, 1)} {unit}" if unit == "yr" else f"{months / 12:g}年"


def speed(rng: random.Random, rpm: float) -> str:
    unit = _pick(rng, [("rpm", 45), ("min⁻¹", 25), ("r/min", 20), ("min^-1", 10)])
    return f"{number(rng, rpm, 0)} {unit}"


def torque_density(rng: random.Random, nm_per_l: float) -> str:
    unit = _pick(rng, [("Nm/L", 45), ("N·m/L", 40), ("kN·m/m^3", 15)])
    return f"{number(rng, nm_per_l, 1)} {unit}"


def torque(rng: random.Random, nm: float) -> str:
    return f"{number(rng, nm, 0)} {rng.choice(['N·m', 'N·m', 'Nm'])}"


def volume(rng: random.Random, litres: float) -> str:
    unit = _pick(rng, [("L", 80), ("cm^3", 15), ("mL", 5)])
    if unit == "L":
        return f"{number(rng, litres, 2)} L"
    return f"{number(rng, litres * 1000, 0)} {unit}"


def content(rng: random.Random, wt: float, *, ppm: bool = True) -> str:
    if wt == 0:
        return rng.choice(["0 wt%", "0 wt%", "0 mass%", "0.0 wt%", "0 質量%"])
    unit = _pick(rng, [("wt%", 70), ("mass%", 20), ("ppm", 10 if ppm else 0)])
    if unit == "ppm":
        return f"{number(rng, wt * 10000, 0)} ppm"
    return f"{number(rng, wt, 2)} {unit}"


def percent(rng: random.Random, pct: float) -> str:
    return f"{number(rng, pct, 1)}{rng.choice([' %', '%'])}"


# --- plans --------------------------------------------------------------------------------------


@dataclass
class Plan:
    track: str
    expected: str
    fields: dict[str, Any] = field(default_factory=dict)
    blocks: dict[str, dict[str, Any]] = field(default_factory=dict)  # magnet, motor, overseas

    def block(self, name: str) -> dict[str, Any]:
        return self.blocks.setdefault(name, {})


def _date(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _start(rng: random.Random, late: bool = False) -> dt.date:
    if late:
        return _date(rng, dt.date(2031, 1, 1), dt.date(2032, 12, 31))
    return _date(rng, dt.date(2026, 4, 1), dt.date(2030, 12, 31)).replace(day=1)


def _in_range(rng: random.Random, lo_hi: tuple[float, float], t: float) -> float:
    lo, hi = lo_hi
    return lo + (hi - lo) * t


def magnet_figures(
    rng: random.Random,
    plan: Plan,
    grade: Grade,
    material: str,
    *,
    remanence: float = 0.6,
    measured_c: float | None = None,
) -> None:
    """[plans.magnet] from a grade: (BH)max, HcJ and Br at one point of the grade's range,
    kept inside Br²/(4μ0) so the figures are physically consistent."""
    m = plan.block("magnet")
    t = rng.random()
    br = round(_in_range(rng, grade.br, t), 3)
    bh = _in_range(rng, grade.bh, t)
    bh = min(bh, 0.98 * br * br / (4 * MU0) / 1000)
    hcj = grade.hcj * rng.uniform(1.0, 1.08)
    m["material"] = material
    if rng.random() < 0.8:
        m["grade"] = grade.name
    m["energy_product"] = energy_product(rng, bh)
    m["coercivity"] = field_strength(rng, hcj)
    if rng.random() < remanence:
        m["remanence"] = flux_density(rng, br)
    if grade.hcb and rng.random() < 0.25:
        m["normal_coercivity"] = field_strength(rng, min(grade.hcb, hcj))
    if measured_c is None:
        measured_c = _pick(rng, [(20, 80), (23, 10), (25, 10)])
    m["measured_at"] = temperature(rng, measured_c)


def hre_content(rng: random.Random, plan: Plan, dy: float = 0.0, tb: float = 0.0) -> None:
    m = plan.block("magnet")
    m["dysprosium"] = content(rng, dy)
    m["terbium"] = content(rng, tb)


def overseas(plan: Plan, leakage: bool = True) -> None:
    plan.fields["site"] = "overseas"
    plan.blocks["overseas"] = {
        "domestic_rnd_center": True,
        "domestic_mass_production": True,
        "technology_leakage_prevention": leakage,
    }


def misspell(rng: random.Random, plan: Plan, candidates: list[str]) -> None:
    """Replace one of ``candidates`` (a plan field or "block.field") with a misspelt key."""
    present = [c for c in candidates if _get(plan, c) is not None]
    key = rng.choice(present)
    block, _, name = key.rpartition(".")
    target = plan.blocks[block] if block else plan.fields
    target[rng.choice(TYPO_KEYS[name])] = target.pop(name)


def drop(rng: random.Random, plan: Plan, candidates: list[str]) -> None:
    present = [c for c in candidates if _get(plan, c) is not None]
    block, _, name = rng.choice(present).rpartition(".")
    (plan.blocks[block] if block else plan.fields).pop(name)


def _get(plan: Plan, key: str) -> Any:
    block, _, name = key.rpartition(".")
    return (plan.blocks.get(block, {}) if block else plan.fields).get(name)


def ndfeb_name(rng: random.Random, bonded: bool = False) -> str:
    name = rng.choice(NDFEB_NAMES)
    if bonded:
        return f"{name} (bonded)"
    return f"{name} (sintered)" if rng.random() < 0.1 else name


def capacity_ndfeb(rng: random.Random, outcome: str, program_results: bool = False) -> Plan:
    track = "capacity.ndfeb-program-results" if program_results else "capacity.ndfeb"
    plan = Plan(track, outcome)
    floor = 100 if program_results else 500
    tonnes = _pick(rng, [(floor, 5), (floor + 10 * rng.randrange(1, 40), 70), (floor * 3, 5)])
    if not program_results and rng.random() < 0.2:
        tonnes = 12 * rng.randrange(42, 120)  # a monthly figure
    plan.fields["title"] = f"Sintered NdFeB line {rng.randrange(1, 12)}"
    if rng.random() < 0.5:
        plan.fields["site"] = rng.choice(["domestic", "国内"])
    plan.fields["capacity_increase"] = annual_mass(rng, tonnes)
    if rng.random() < 0.8:
        plan.fields["operation_start"] = _start(rng)
    if program_results:
        plan.fields["uses_program_results"] = True
    grade = rng.choice(SINTERED)
    magnet_figures(rng, plan, grade, ndfeb_name(rng))
    if rng.random() < 0.3:
        hre_content(rng, plan, grade.dy, grade.tb)
    if rng.random() < 0.1:
        overseas(plan)

    if outcome == INELIGIBLE:
        kind = rng.choice(["capacity", "capacity", "bonded", "ferrite", "leakage"])
        if program_results and rng.random() < 0.4:
            plan.fields["uses_program_results"] = False
        elif kind == "capacity":
            short = floor - rng.randrange(max(5, floor // 50), floor // 10)
            plan.fields["capacity_increase"] = f"{short} t/yr"
        elif kind == "bonded":
            plan.blocks.pop("magnet")
            magnet_figures(rng, plan, rng.choice(BONDED), ndfeb_name(rng, bonded=True))
        elif kind == "ferrite":
            plan.blocks.pop("magnet")
            magnet_figures(rng, plan, FERRITE, rng.choice(["ferrite", "フェライト"]), remanence=0)
        else:
            overseas(plan, leakage=False)
    elif outcome == INCOMPLETE:
        kind = rng.choice(["typo", "typo", "drop", "hot", "unitless", "no-overseas"])
        if kind == "typo":
            keys = ["magnet.coercivity", "magnet.energy_product", "capacity_increase"]
            misspell(rng, plan, keys + (["uses_program_results"] if program_results else []))
        elif kind == "drop":
            drop(rng, plan, ["magnet.measured_at", "magnet.coercivity", "capacity_increase"])
        elif kind == "hot":  # figures at the hot end of a datasheet
            plan.block("magnet")["measured_at"] = rng.choice(["150 degC", "120 °C", "180℃"])
        elif kind == "unitless":
            kj = rng.randrange(300, 400)
            plan.block("magnet")["energy_product"] = str(kj)
        else:
            plan.fields["site"] = rng.choice(["overseas", "海外"])
            plan.blocks.pop("overseas", None)
    elif outcome == REVIEW:
        if rng.random() < 0.6:
            plan.fields["operation_start"] = _start(rng, late=True)
        else:  # beyond the Nd2Fe14B limit of 64.8 MGOe
            plan.block("magnet")["energy_product"] = f"{rng.choice([66, 67, 68, 70])} MGOe"
            plan.block("magnet").pop("remanence", None)
    return plan


def capacity_smco(rng: random.Random, outcome: str) -> Plan:
    plan = Plan("capacity.smco", outcome)
    grade = rng.choice(SMCO)
    plan.fields["title"] = f"{grade.family} sintering line"
    plan.fields["capacity_after"] = annual_mass(rng, rng.randrange(100, 400, 5))
    if rng.random() < 0.8:
        plan.fields["operation_start"] = _start(rng)
    if grade.name == "32H":  # published in CGS only
        m = plan.block("magnet")
        m.update(
            material=rng.choice(SMCO_NAMES["Sm2Co17"]),
            grade="32H",
            energy_product="31 MGOe",
            coercivity="14,000 Oe",
            normal_coercivity="9,500 Oe",
            remanence="11,600 G",
            measured_at="20 degC",
        )
    else:
        magnet_figures(rng, plan, grade, rng.choice(SMCO_NAMES[grade.family]))
    if outcome == INELIGIBLE:
        if rng.random() < 0.7:
            plan.fields["capacity_after"] = annual_mass(rng, rng.randrange(80, 98))
        else:
            plan.blocks.pop("magnet")
            magnet_figures(rng, plan, rng.choice(SINTERED), ndfeb_name(rng))
    elif outcome == INCOMPLETE:
        if rng.random() < 0.5:
            misspell(rng, plan, ["capacity_after"])
        else:
            drop(rng, plan, ["capacity_after", "magnet.material"])
    elif outcome == REVIEW:
        if rng.random() < 0.7:
            plan.fields["site"] = rng.choice(["overseas", "海外"])
        else:
            plan.fields["operation_start"] = _start(rng, late=True)
    return plan


def capacity_hre_free(rng: random.Random, outcome: str) -> Plan:
    plan = Plan("capacity.hre-free", outcome)
    plan.fields["capacity_after"] = annual_mass(rng, rng.randrange(100, 600, 10))
    if rng.random() < 0.8:
        plan.fields["operation_start"] = _start(rng)
    if rng.random() < 0.7:
        grade = rng.choice(HRE_FREE_NDFEB)
        plan.fields["title"] = "Heavy-rare-earth-free NdFeB line"
        magnet_figures(rng, plan, grade, ndfeb_name(rng))
    else:
        grade = rng.choice(SMCO[:-1])
        plan.fields["title"] = "SmCo line (no heavy rare earth)"
        magnet_figures(rng, plan, grade, rng.choice(SMCO_NAMES[grade.family]))
    hre_content(rng, plan)
    if outcome == INELIGIBLE:
        if rng.random() < 0.6:
            hre_content(rng, plan, dy=rng.choice([0.3, 0.5, 1.0, 2.5]))
        else:
            plan.fields["capacity_after"] = annual_mass(rng, rng.randrange(80, 98))
    elif outcome == INCOMPLETE:
        if rng.random() < 0.5:
            misspell(rng, plan, ["magnet.dysprosium", "magnet.terbium", "capacity_after"])
        else:
            drop(rng, plan, ["magnet.terbium", "magnet.dysprosium", "capacity_after"])
    elif outcome == REVIEW:
        kind = rng.choice(["smfen", "overseas", "late"])
        if kind == "smfen":
            plan.blocks.pop("magnet")
            plan.fields["title"] = "SmFeN bonded magnet line"
            magnet_figures(rng, plan, SMFEN, "SmFeN", remanence=0)
            hre_content(rng, plan)
        elif kind == "overseas":
            plan.fields["site"] = "overseas"
        else:
            plan.fields["operation_start"] = _start(rng, late=True)
    return plan


def recycling_equipment(rng: random.Random, outcome: str, new_technology: bool) -> Plan:
    track = "recycling.new-technology" if new_technology else "recycling.expansion"
    plan = Plan(track, outcome)
    floor = 200 if new_technology else 500
    plan.fields["title"] = rng.choice(
        [
            "Molten-salt electrolysis line for swarf",
            "Hydrogen decrepitation of end-of-life motors",
            "Solvent extraction line expansion",
            "Direct recycling of sludge",
        ]
    )
    tonnes = _pick(rng, [(floor, 5), (floor + 10 * rng.randrange(1, 60), 95)])
    plan.fields["magnet_output"] = annual_mass(rng, tonnes)
    if rng.random() < 0.9:
        plan.fields["operation_start"] = _start(rng)
    if outcome == INELIGIBLE:
        plan.fields["magnet_output"] = annual_mass(rng, floor - rng.randrange(5, floor // 10))
    elif outcome == INCOMPLETE:
        if rng.random() < 0.5:
            misspell(rng, plan, ["magnet_output"])
        elif rng.random() < 0.5:
            drop(rng, plan, ["magnet_output"])
        else:
            plan.fields["magnet_output"] = str(tonnes)  # no unit
    elif outcome == REVIEW:
        plan.fields["operation_start"] = _start(rng, late=True)
    return plan


def recycling_rnd(rng: random.Random, outcome: str) -> Plan:
    plan = Plan("recycling.rnd", outcome)
    plan.fields["title"] = rng.choice(
        ["Lower-cost solvent extraction", "Electrolytic reduction", "Selective leaching"]
    )
    baseline = rng.randrange(3000, 12000, 100)
    cut = 0.10 if rng.random() < 0.05 else rng.uniform(0.11, 0.40)
    if outcome == INELIGIBLE:
        cut = rng.uniform(0.05, 0.095)
    target = round(baseline * (1 - cut), -1) if cut != 0.10 else baseline * 0.9
    if rng.random() < 0.2:
        plan.fields["cost_reduction"] = percent(rng, cut * 100)
        if outcome == INCOMPLETE:
            plan.fields["cost_reduction"] = f"{cut * 100:.0f}"  # no unit
        return plan
    unit = _pick(rng, [("JPY/kg", 50), ("円/kg", 35), ("万円/t", 10), ("USD/kg", 5)])
    if unit == "USD/kg" and cut == 0.10:  # cents would round the cut off the threshold
        unit = "JPY/kg"
    plan.fields["baseline_cost"] = unit_cost(rng, baseline, unit)
    plan.fields["target_cost"] = unit_cost(rng, target, unit)
    if outcome == INCOMPLETE:
        if rng.random() < 0.5:
            misspell(rng, plan, ["target_cost"])
        else:
            plan.fields.pop("target_cost")
    return plan


def saving_magnet_rnd(rng: random.Random, outcome: str) -> Plan:
    plan = Plan("saving.magnet-rnd", outcome)
    plan.fields["title"] = rng.choice(
        ["Ce-substituted NdFeB", "Fine-grained Nd-lean magnet", "Grain-boundary engineering"]
    )
    basis = _pick(rng, [("wt", 50), ("kg", 25), ("ratio", 25)])
    cut = rng.uniform(0.51, 0.7) if rng.random() > 0.05 else 0.5
    if outcome == REVIEW and rng.random() < 0.6:
        cut = rng.uniform(0.25, 0.45)
    if basis == "wt":
        base = rng.choice([28.0, 29.5, 30.0, 31.0, 32.0])
        plan.fields["nd_usage_baseline"] = content(rng, base, ppm=False)
        plan.fields["nd_usage_target"] = content(rng, round(base * (1 - cut), 2), ppm=False)
    elif basis == "kg":
        base = rng.choice([0.8, 1.0, 1.2, 1.5, 2.0])
        plan.fields["nd_usage_baseline"] = f"{base:g} kg"
        plan.fields["nd_usage_target"] = f"{round(base * (1 - cut), 3):g} kg"
    else:
        plan.fields["nd_reduction"] = percent(rng, math.floor(cut * 1000) / 10)
    plan.fields["development_period"] = duration(rng, rng.choice([3, 4, 4.5, 5]))
    m = plan.block("magnet")
    m["material"] = ndfeb_name(rng)
    dy = 0.0 if cut >= 0.5 or outcome != REVIEW else rng.choice([0.5, 1.0, 2.0])
    if rng.random() < 0.5 or dy:
        m["dysprosium"] = content(rng, dy)
    if outcome == REVIEW and cut >= 0.5:
        plan.fields["development_period"] = duration(rng, rng.choice([6, 7]))
    elif outcome == INCOMPLETE:
        if "nd_reduction" in plan.fields:
            plan.fields["nd_reduction"] = "55"  # no unit
        else:
            misspell(rng, plan, ["nd_usage_baseline", "nd_usage_target"])
    return plan


def saving_motor(rng: random.Random, outcome: str) -> Plan:
    plan = Plan("saving.motor", outcome)
    plan.fields["title"] = rng.choice(
        [
            "HRE-free hot-deformed magnet traction motor",
            "Dy-free IPM motor for compact EVs",
            "High-speed e-axle motor",
        ]
    )
    plan.fields["development_period"] = duration(rng, rng.choice([2, 2.5, 3]))
    m = plan.block("magnet")
    m["material"] = rng.choice(["NdFeB (hot-deformed)", "NdFeB", "ネオジム磁石"])
    hre_content(rng, plan)
    motor = plan.block("motor")
    motor["max_speed"] = speed(rng, rng.choice([10390, 11400, 12000, 14000, 16000, 18000, 20000]))
    active = rng.uniform(52, 70)
    if rng.random() < 0.5:
        motor["torque_density"] = torque_density(rng, active)
        if rng.random() < 0.5:
            motor["volume_basis"] = rng.choice(["active", "有効部"])
    else:
        peak = rng.choice([250, 280, 340, 350, 400, 430])
        motor["peak_torque"] = torque(rng, peak)
        motor["volume"] = volume(rng, peak / active)
        motor["volume_basis"] = rng.choice(["active", "active", "有効部"])
    if outcome == INELIGIBLE:
        kind = rng.choice(["speed", "density", "housing", "dy"])
        if kind == "speed":
            motor["max_speed"] = speed(rng, rng.randrange(9000, 9900, 50))
        elif kind == "density":
            motor.pop("peak_torque", None)
            motor.pop("volume", None)
            motor["torque_density"] = torque_density(rng, rng.uniform(44, 49))
        elif kind == "housing":  # the housing volume of a Leaf-class motor
            motor.clear()
            motor["max_speed"] = speed(rng, 10390)
            motor["peak_torque"] = torque(rng, 280)
            motor["volume"] = volume(rng, 18.5)
            motor["volume_basis"] = rng.choice(["housing", "ハウジング"])
        else:
            hre_content(rng, plan, dy=rng.choice([0.5, 1.0]))
    elif outcome == INCOMPLETE:
        if rng.random() < 0.5:
            misspell(rng, plan, ["motor.max_speed", "magnet.terbium"])
        else:
            drop(rng, plan, ["magnet.terbium", "motor.max_speed"])
    elif outcome == REVIEW:
        plan.fields["development_period"] = duration(rng, rng.choice([4, 5]))
    return plan


TRACKS: dict[str, tuple[Callable[[random.Random, str], Plan], tuple[str, ...]]] = {
    "capacity.ndfeb": (capacity_ndfeb, (ELIGIBLE, INELIGIBLE, INCOMPLETE, REVIEW)),
    "capacity.ndfeb-program-results": (
        lambda rng, o: capacity_ndfeb(rng, o, program_results=True),
        (ELIGIBLE, INELIGIBLE, INCOMPLETE, REVIEW),
    ),
    "capacity.smco": (capacity_smco, (ELIGIBLE, INELIGIBLE, INCOMPLETE, REVIEW)),
    "capacity.hre-free": (capacity_hre_free, (ELIGIBLE, INELIGIBLE, INCOMPLETE, REVIEW)),
    "recycling.expansion": (
        lambda rng, o: recycling_equipment(rng, o, new_technology=False),
        (ELIGIBLE, INELIGIBLE, INCOMPLETE, REVIEW),
    ),
    "recycling.new-technology": (
        lambda rng, o: recycling_equipment(rng, o, new_technology=True),
        (ELIGIBLE, INELIGIBLE, INCOMPLETE, REVIEW),
    ),
    "recycling.rnd": (recycling_rnd, (ELIGIBLE, INELIGIBLE, INCOMPLETE)),
    "saving.magnet-rnd": (saving_magnet_rnd, (ELIGIBLE, INCOMPLETE, REVIEW)),
    "saving.motor": (saving_motor, (ELIGIBLE, INELIGIBLE, INCOMPLETE, REVIEW)),
}


def make_plan(rng: random.Random) -> Plan:
    outcome = _pick(rng, list(OUTCOME_WEIGHTS.items()))
    while True:
        track = _pick(rng, list(TRACK_WEIGHTS.items()))
        build, outcomes = TRACKS[track]
        if outcome in outcomes:
            return build(rng, outcome)


# --- applications -------------------------------------------------------------------------------


def corporate_number(rng: random.Random) -> str:
    base = "".join(str(rng.randrange(10)) for _ in range(12))
    total = sum(int(d) * (1 if n % 2 else 2) for n, d in enumerate(reversed(base), 1))
    return f"{9 - total % 9}{base}"


def applicant(rng: random.Random) -> dict[str, Any]:
    root = rng.choice(COMPANY_ROOTS)
    if rng.random() < 0.2:
        name = f"株式会社{root}{rng.choice(COMPANY_JA)}"
    else:
        name = f"{root} {rng.choice(COMPANY_KINDS)} K.K."
    block: dict[str, Any] = {"name": name}
    if rng.random() < 0.6:
        number = corporate_number(rng)
        block["corporate_number"] = (
            f"{number[0]}-{number[1:5]}-{number[5:9]}-{number[9:]}"
            if rng.random() < 0.1
            else number
        )
    if rng.random() < 0.7:
        block["submitted"] = _date(rng, dt.date(2025, 7, 1), dt.date(2026, 3, 31))
    return block


def application(rng: random.Random) -> tuple[dict[str, Any], list[Plan]]:
    plans = [make_plan(rng) for _ in range(_pick(rng, [(1, 45), (2, 35), (3, 20)]))]
    return applicant(rng), plans


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False)  # a TOML basic string


def to_toml(head: dict[str, Any], plans: list[Plan], ids: list[str]) -> str:
    lines = ["[applicant]"]
    lines += [f"{k} = {_toml_value(v)}" for k, v in head.items()]
    for plan, pid in zip(plans, ids, strict=True):
        lines += ["", "[[plans]]", f'id = "{pid}"', f'track = "{plan.track}"']
        lines += [f"{k} = {_toml_value(v)}" for k, v in plan.fields.items()]
        for name, block in plan.blocks.items():
            lines += ["", f"[plans.{name}]"]
            lines += [f"{k} = {_toml_value(v)}" for k, v in block.items()]
    return "\n".join(lines) + "\n"


def to_json(head: dict[str, Any], plans: list[Plan], ids: list[str]) -> str:
    def plain(d: dict[str, Any]) -> dict[str, Any]:
        return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in d.items()}

    doc = {
        "applicant": plain(head),
        "plans": [
            {"id": pid, "track": p.track, **plain(p.fields), **p.blocks}
            for p, pid in zip(plans, ids, strict=True)
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def generate(out_dir: str | Path, n: int = 10000, seed: int = 1) -> Counter[str]:
    """Write ``n`` application files and manifest.csv to ``out_dir``; return the number of
    plans built for each verdict."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    width = max(5, len(str(n)))
    expected: Counter[str] = Counter()
    with open(out / "manifest.csv", "w", encoding="utf-8", newline="") as manifest:
        rows = csv.writer(manifest, lineterminator="\n")
        rows.writerow(["file", "plan", "track", "expected"])
        for i in range(1, n + 1):
            head, plans = application(rng)
            ids = [_plan_id(rng, p, k) for k, p in enumerate(plans, 1)]
            if rng.random() < JSON_SHARE:
                name, text = f"app-{i:0{width}d}.json", to_json(head, plans, ids)
            else:
                name, text = f"app-{i:0{width}d}.toml", to_toml(head, plans, ids)
            (out / name).write_text(text, encoding="utf-8")
            for plan, pid in zip(plans, ids, strict=True):
                rows.writerow([name, pid, plan.track, plan.expected])
                expected[plan.expected] += 1
    return expected


def _plan_id(rng: random.Random, plan: Plan, k: int) -> str:
    prefix = {"capacity": "line", "recycling": "rec", "saving": "dev"}[plan.track.split(".")[0]]
    return f"{prefix}-{k}" if rng.random() < 0.7 else f"p{k}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir")
    parser.add_argument("--n", type=int, default=10000, help="number of application files")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    expected = generate(args.out_dir, args.n, args.seed)
    total = sum(expected.values())
    mix = ", ".join(f"{v} {expected[v]}" for v in OUTCOME_WEIGHTS)
    print(f"{args.n} files, {total} plans in {args.out_dir} ({mix})")


if __name__ == "__main__":
    main()
