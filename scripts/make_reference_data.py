"""Regenerate the reference data shipped in bcf_workbook/reference/data.

Peterborough comes from bcf_workbook/sample_data/peterborough-2014-16.json (a verbatim copy of
the specification's figures); the synthetic HWBs come from a fixed seed and
are named so that nobody mistakes them for real places.

    python scripts/make_reference_data.py
"""

from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bcf_workbook" / "reference" / "data"
SYNTHETIC_COUNT = 24
SEED = 20140919


def main() -> None:
    hwbs = DATA / "hwbs"
    hwbs.mkdir(parents=True, exist_ok=True)
    for old in hwbs.glob("*.json"):
        old.unlink()
    published = json.loads((ROOT / "bcf_workbook" / "sample_data" / "peterborough-2014-16.json").read_text())
    reference = published["reference"]
    _write(hwbs / "peterborough.json", _peterborough(reference))
    _write(DATA / "national.json", {
        "national_average_cost_of_non_elective_admission_gbp":
            reference["national_average_cost_of_non_elective_admission_gbp"]})
    rng = random.Random(SEED)
    for number in range(1, SYNTHETIC_COUNT + 1):
        _write(hwbs / f"synthetic-{number:03d}.json", _synthetic(number, rng))


def _peterborough(reference: dict) -> dict:
    hwb = dict(reference["hwb"])
    history = reference["projection_history"]
    return {
        "synthetic": False,
        **hwb,
        "ccgs": reference["ccgs"],
        "projection_history": {
            "non_elective": history["non_elective_admissions"],
            "residential_admissions": _history(history["residential_admissions"], "rate"),
            "reablement": _history(history["reablement"], "percent"),
            "delayed_transfers_monthly": history["delayed_transfers_monthly_days"],
        },
    }


def _history(years: dict, value_name: str) -> dict:
    return {year.replace("-", "/"): {"value": parts[value_name],
                                     "numerator": parts["numerator"],
                                     "denominator": parts["denominator"]}
            for year, parts in years.items()}


def _synthetic(number: int, rng: random.Random) -> dict:
    population = rng.randrange(120_000, 1_200_000, 1)
    adults = round(population * rng.uniform(0.74, 0.8))
    older = round(population * rng.uniform(0.13, 0.21))
    ccgs = _synthetic_ccgs(number, rng)
    quarterly_admissions = population * rng.uniform(0.019, 0.026)
    months = ["Aug-10", "Sep-10", "Oct-10", "Nov-10", "Dec-10",
              "Jan-11", "Feb-11", "Mar-11", "Apr-11", "May-11"]
    monthly_days = adults * rng.uniform(0.0008, 0.0016)
    residential = [round(older * rng.uniform(0.004, 0.007)) for _ in range(2)]
    reablement_denominators = [rng.randrange(80, 600) for _ in range(2)]
    reablement = [round(d * rng.uniform(0.75, 0.9)) for d in reablement_denominators]
    older_by_year = [round(older * (1 + 0.02 * step)) for step in range(5)]
    return {
        "synthetic": True,
        "name": f"Synthetic HWB {number:03d}",
        "ons_code": f"X{number:08d}",
        "local_authority": f"Synthetic Council {number:03d}",
        "population_all_age": {str(2014 + step): round(population * (1 + 0.01 * step))
                               for step in range(3)},
        "population_18_plus": {str(2013 + step): round(adults * (1 + 0.01 * step))
                                for step in range(4)},
        "population_65_plus": {str(2011 + step): older_by_year[step] for step in range(5)},
        "combined_performance_and_ringfenced_fund_gbp": round(population * rng.uniform(14, 19)),
        "minimum_pooled_budget_gbp": {
            "2014/15": round(population * rng.uniform(2, 5), -3),
            "2015/16": round(population * rng.uniform(55, 70), -3)},
        "ccgs": [
            {**ccg, "baseline_non_elective_activity": {
                quarter: round(quarterly_admissions / ccg["share_of_ccg_population_in_hwb"]
                               * ccg["share_of_hwb_population_in_ccg"] * rng.uniform(0.95, 1.05))
                for quarter in ("Q4 13/14", "Q1 14/15", "Q2 14/15", "Q3 14/15")}}
            for ccg in ccgs],
        "projection_history": {
            "non_elective": {quarter: round(quarterly_admissions * rng.uniform(0.95, 1.05))
                             for quarter in ("Q1 13/14", "Q2 13/14", "Q3 13/14")},
            "residential_admissions": {
                year: {"value": round(num / older_by_year[index] * 100_000, 1),
                       "numerator": num, "denominator": older_by_year[index]}
                for index, (year, num) in enumerate(zip(("2011/12", "2012/13"), residential))},
            "reablement": {
                year: {"value": round(num / den * 100, 1), "numerator": num, "denominator": den}
                for year, num, den in zip(("2011/12", "2012/13"), reablement,
                                          reablement_denominators)},
            "delayed_transfers_monthly": {
                month: round(monthly_days * rng.uniform(0.8, 1.2)) for month in months},
        },
    }


def _synthetic_ccgs(number: int, rng: random.Random) -> list[dict]:
    count = rng.choice((1, 1, 2, 2, 3, 4))
    weights = [rng.uniform(1, 10) for _ in range(count)]
    weights.sort(reverse=True)
    total = sum(weights)
    shares = [round(weight / total, 4) for weight in weights]
    shares[0] = round(1 - sum(shares[1:]), 4)
    return [{"name": f"NHS Synthetic CCG {number:03d}{chr(ord('A') + index)}",
             "share_of_ccg_population_in_hwb": round(rng.uniform(0.1, 1.0), 6),
             "share_of_hwb_population_in_ccg": share}
            for index, share in enumerate(shares)]


def _write(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
