"""Whole workbooks at the edges of arithmetic: what the library calculates and
caches, LibreOffice recalculates to the same values.

New generators over the public API only (``synthetic`` submissions changed
with ``dataclasses.replace``, written with ``bcf_workbook.write``): unit costs
that are not whole pounds, rounding ties (a CCG's share of activity ending in
.5, a saving ending in exactly 500, a projection ending in .5), amounts whose
decimals cancel, counts near 1E15 and labels in other alphabets. Every
formula cell must agree to 1e-12 relative (tests/support/cached_values.py) and every money
figure of ``calculate()`` must be the pound LibreOffice shows.
``BCF_PARITY_EDGE_CASES=N`` writes N workbooks of each kind (default 4).
"""

from __future__ import annotations

import dataclasses
import os
import random
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from conftest import require_libreoffice
from support.cached_values import mismatches
from support.recalculate import recalculate

from bcf_workbook import Submission, calculate, read_workbook, write
from bcf_workbook.samples import synthetic

pytestmark = pytest.mark.libreoffice

PER_KIND = int(os.environ.get("BCF_PARITY_EDGE_CASES", "4"))
TOLERANCE = 1e-12
#: The money figures of the workbook, by the prefix of their dotted keys.
MONEY = ("funding.", "expenditure.total.", "summary.expenditure.", "summary.nhs_out_of_hospital.",
         "summary.benefits.", "benefits.", "p4p.annual_saving", "hwb_p4p.performance_fund",
         "hwb_p4p.ringfenced_fund", "hwb_p4p.nhs_commissioned_value", "hwb_p4p.shortfall",
         "hwb_p4p.financial_value.")


# --- generators -------------------------------------------------------------------------

def unit_costs(seed: int) -> Submission:
    """Unit costs in pounds and pence, and the issue's 2,125.2."""
    base = synthetic(seed)
    cost = (2125.2, 1490.37, 2125.25, 1234.567, 0.285, 1490.005)[seed % 6]
    benefits = {year: tuple(dataclasses.replace(benefit, unit_price=cost) for benefit in rows)
                for year, rows in base.benefits.items()}
    return dataclasses.replace(base, p4p=dataclasses.replace(base.p4p, unit_cost=cost), benefits=benefits)


def ties(seed: int) -> Submission:
    """Halves everywhere ROUND looks: each CCG's share of its activity, the
    saving (3,750 fewer admissions at £2,125.20: 7,969,500 in decimal,
    7,969,499.999999999 in binary) and a projection of admissions."""
    base = synthetic(seed)
    rng = random.Random(seed)
    ccgs = tuple(dataclasses.replace(ccg, share_of_ccg_population_in_hwb=0.5,
                                     activity={quarter: 2 * rng.randint(1000, 5000) + 1
                                               for quarter in ccg.activity})
                 for ccg in base.p4p.ccgs)
    halves = dataclasses.replace(base, p4p=dataclasses.replace(base.p4p, ccgs=ccgs, unit_cost=2125.2))
    baseline = calculate(halves).intended["p4p.baseline_total"]
    return _with_plan_total(_with_half_projection(halves), baseline - 3750)


def _with_plan_total(submission: Submission, total: float) -> Submission:
    quarters = list(submission.p4p.numerator)
    each = int(total) // 4
    numerator = dict(submission.p4p.numerator)
    numerator.update({quarter: each for quarter in quarters[:3]})
    numerator[quarters[3]] = int(total) - 3 * each
    return dataclasses.replace(submission, p4p=dataclasses.replace(submission.p4p, numerator=numerator))


def _with_half_projection(submission: Submission) -> Submission:
    """Change the first history quarter until the straight line through the
    seven known quarters (three of history, then the four baseline quarters,
    at positions 1 to 7) passes exactly through a half at a projected
    quarter (positions 8 to 12)."""
    values = calculate(submission).intended
    history = dict(submission.projections.non_elective.count)
    baselines = submission.p4p.ccgs[0].activity
    counts = [Fraction(count) for count in history.values()] + [
        Fraction(values[f"p4p.numerator.{quarter}"]) for quarter in baselines]
    first = next(iter(history))
    positions = [Fraction(position) for position in range(1, len(counts) + 1)]
    for step in range(1, 200):
        counts[0] = Fraction(history[first]) + (step // 2 if step % 2 else -(step // 2))
        if any(_line(positions, counts, Fraction(x)).denominator == 2 for x in range(8, 13)):
            history[first] = int(counts[0])
            break
    projections = dataclasses.replace(submission.projections, non_elective=dataclasses.replace(
        submission.projections.non_elective, count=history))
    return dataclasses.replace(submission, projections=projections)


def _line(xs: list[Fraction], ys: list[Fraction], x: Fraction) -> Fraction:
    """The least-squares straight line's value at x, exactly."""
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = (sum((a - mean_x) * (b - mean_y) for a, b in zip(xs, ys))
             / sum((a - mean_x) ** 2 for a in xs))
    return mean_y + slope * (x - mean_x)


def cancelling_decimals(seed: int) -> Submission:
    """Spend in pounds (three decimals of £000) whose total equals the funding
    in decimal but not in binary, and a combined P4P fund equal to the NHS
    commissioned services to the penny (the shortfall must be 0, not 9.3e-10)."""
    base = synthetic(seed)
    rng = random.Random(seed)
    schemes = tuple(dataclasses.replace(scheme, expenditure={
        year: _pounds(amount, rng) for year, amount in scheme.expenditure.items()})
        for scheme in base.expenditure)
    years = list(base.funding.local_authority[0].amounts)
    totals = {year: sum(Decimal(repr(scheme.expenditure[year])) for scheme in schemes
                        if isinstance(scheme.expenditure[year], float)) for year in years}
    others = {year: sum(Decimal(repr(contribution.amounts[year])) for contribution in base.funding.ccg_minimum
                        if isinstance(contribution.amounts[year], (int, float))) for year in years}
    local = dataclasses.replace(base.funding.local_authority[0],
                                amounts={year: float(totals[year] - others[year]) for year in totals})
    spent = dataclasses.replace(base, expenditure=schemes,
                                funding=dataclasses.replace(base.funding, local_authority=(local,)))
    nhs = calculate(spent).intended["summary.nhs_out_of_hospital.total.2015/16"]
    return dataclasses.replace(spent, hwb_p4p=dataclasses.replace(
        spent.hwb_p4p, combined_total=float(Decimal(repr(nhs)) * 1000)))


def _pounds(amount: Any, rng: random.Random) -> Any:
    if not isinstance(amount, (int, float)):
        return amount
    return float(Decimal(int(amount)) + Decimal(rng.randint(1, 999)) / 1000)


def large_counts(seed: int) -> Submission:
    """Admissions near 1E15, where adding 1 is the last digit a double holds:
    a plan one admission below its baseline still saves."""
    base = synthetic(seed)
    ccgs = tuple(dataclasses.replace(ccg, share_of_ccg_population_in_hwb=1.0 if index == 0 else 0.0,
                                     activity={quarter: 250_000_000_000_001 + index
                                               for quarter in ccg.activity})
                 for index, ccg in enumerate(base.p4p.ccgs))
    large = dataclasses.replace(base, p4p=dataclasses.replace(base.p4p, ccgs=ccgs))
    baseline = calculate(large).intended["p4p.baseline_total"]
    return _with_plan_total(large, baseline - 1 - seed % 3)


def other_alphabets(seed: int) -> Submission:
    """Names and explanations in other alphabets and with letters whose case
    does not map one to one."""
    base = synthetic(seed)
    words = ("Straße", "STRASSE", "İstanbul", "ǅemal", "naïve café", "Ελλάδα", "Москва", "東京", "📈 growth",
             "Llan­fair", "ﬁnance")
    schemes = tuple(dataclasses.replace(scheme, name=f"{words[(index + seed) % len(words)]} {index}")
                    for index, scheme in enumerate(base.expenditure))
    benefits = {year: tuple(dataclasses.replace(benefit, how=words[(index + seed) % len(words)])
                            for index, benefit in enumerate(rows))
                for year, rows in base.benefits.items()}
    metrics = dataclasses.replace(base.metrics, patient_experience=dataclasses.replace(
        base.metrics.patient_experience, name=words[seed % len(words)]))
    return dataclasses.replace(base, expenditure=schemes, benefits=benefits, metrics=metrics)


GENERATORS = (unit_costs, ties, cancelling_decimals, large_counts, other_alphabets)


# --- the test -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def recalculated(tmp_path_factory):
    """Each workbook written, then recalculated by LibreOffice in one call."""
    require_libreoffice()
    folder = tmp_path_factory.mktemp("edge-cases")
    submissions = {f"{generator.__name__}-{seed}": generator(seed)
                   for generator in GENERATORS for seed in range(1, PER_KIND + 1)}
    written = [write(submission, folder / f"{name}.xlsx") for name, submission in submissions.items()]
    saved = recalculate(written, tmp_path_factory.mktemp("libreoffice"))
    return {name: (submissions[name], path, again)
            for name, path, again in zip(submissions, written, saved)}


@pytest.mark.parametrize("kind", [generator.__name__ for generator in GENERATORS])
def test_libreoffice_recalculates_every_formula_to_what_was_cached(recalculated, kind):
    problems = {name: mismatches(written, again, tolerance=TOLERANCE)[:5]
                for name, (_, written, again) in recalculated.items() if name.startswith(kind)}
    assert len(problems) == PER_KIND
    assert {name: found for name, found in problems.items() if found} == {}


@pytest.mark.parametrize("kind", [generator.__name__ for generator in GENERATORS])
def test_money_figures_are_the_pounds_libreoffice_shows(recalculated, kind):
    for name, (submission, _, again) in recalculated.items():
        if not name.startswith(kind):
            continue
        calculation = calculate(submission)
        ours, theirs = calculation.submitted, read_workbook(again).cached
        money = [key for key in calculation.derived_keys
                 if key.startswith(MONEY) and isinstance(ours[key], float)]
        assert money, name
        differ = {key: (ours[key], theirs.get(key)) for key in money
                  if not isinstance(theirs.get(key), (int, float)) or round(ours[key]) != round(theirs[key])}
        assert differ == {}, name


def test_the_generators_reach_the_edges_they_are_named_for(recalculated):
    """A tie generator that made no tie would test nothing."""
    for name, (submission, _, _) in recalculated.items():
        values = calculate(submission).intended
        if name.startswith("ties"):
            assert values["p4p.baseline_total"] - values["p4p.plan_total"] == 3750
            assert values["p4p.annual_saving"] == 7970000.0
        if name.startswith("cancelling_decimals"):
            assert values["hwb_p4p.shortfall"] == 0.0
            # Equal in decimal; each sum rounds on its own in binary.
            assert values["funding.total.2015/16"] == pytest.approx(values["expenditure.total.2015/16"],
                                                                    rel=1e-15)
        if name.startswith("large_counts"):
            assert values["p4p.baseline_total"] > 1e15 and values["p4p.annual_saving"] > 0

