"""Synthetic submissions: plausible, internally consistent plans for the
synthetic HWBs of the reference data, made from a seed."""

from __future__ import annotations

import dataclasses
import random
from typing import Any

from .. import periods
from .._text import as_number
from ..choices import (
    AreaOfSpend,
    BenefitType,
    Commissioner,
    Direction,
    FundingSource,
    NewOrExisting,
    Organisation,
    Provider,
)
from ..model import (
    Benefit,
    Contribution,
    Funding,
    HwbId,
    OwnMetric,
    Scheme,
    Submission,
)
from ..reference import ReferenceData, blank_submission, load_reference

CLEAN_SAMPLE_HWB = "Synthetic HWB 001"


def synthetic(seed: int, hwb: str | None = None, schemes: int | None = None,
              reference: ReferenceData | None = None) -> Submission:
    """A plausible submission whose figures agree with each other: spend
    equals funding, plans improve on baselines, benefits match the P4P saving."""
    reference = reference or load_reference()
    rng = random.Random(seed)  # noqa: S311 - sample data, not secrets
    names = [name for name in reference.hwb_names if name.startswith("Synthetic")]
    blank = blank_submission(reference, hwb or rng.choice(names))
    number = int(blank.hwb.rsplit(" ", 1)[-1]) if blank.hwb else 0
    hwb_ref = reference.get(blank.hwb or "")
    minimum = {year: hwb_ref.values[f"minimum_pooled_budget_gbp.{year}"] / 1000
               for year in periods.YEARS}
    local = {year: round(minimum[year] * rng.uniform(0.05, 0.15)) for year in periods.YEARS}
    ccg_minimum = _split(minimum, [ccg.name for ccg in blank.funding.ccg_minimum], rng)
    scheme_rows = _schemes(schemes or rng.randint(6, 14), minimum, local, hwb_ref, rng)
    p4p = _p4p_plan(blank, rng)
    social_care = {year: sum(_number(s.expenditure[year]) for s in scheme_rows
                             if s.area_of_spend is AreaOfSpend.SOCIAL_CARE)
                   for year in periods.YEARS}
    return dataclasses.replace(
        blank,
        hwb_id=HwbId(blank.hwb, f"Synthetic Contact {number:03d}",
                     f"bcf.lead{number:03d}@example.org", f"01632 960{number:03d}"),
        funding=Funding(
            local_authority=(Contribution(hwb_ref.values["local_authority"], local),),
            ccg_minimum=ccg_minimum),
        expenditure=scheme_rows,
        benefits=_benefits(p4p, blank, rng),
        p4p=p4p,
        metrics=_metrics(blank, rng),
        summary=dataclasses.replace(
            blank.summary,
            protection_of_adult_social_care={
                year: round(social_care[year] * rng.uniform(0.5, 1.0)) for year in periods.YEARS}),
    )


def _number(value: Any) -> float:
    """A figure of the blank template, 0 where there is none."""
    return as_number(value) or 0.0


def _split(totals: dict[str, float], names: list[str | None],
           rng: random.Random) -> tuple[Contribution, ...]:
    weights = [rng.uniform(1, 4) for _ in names]
    rows = []
    for index, name in enumerate(names):
        amounts = {}
        for year, total in totals.items():
            shares = [round(total * weight / sum(weights)) for weight in weights]
            shares[0] += round(total) - sum(shares)
            amounts[year] = shares[index]
        rows.append(Contribution(name, amounts))
    return tuple(rows)


def _schemes(count: int, minimum: dict[str, float], local: dict[str, float], hwb_ref: Any,
             rng: random.Random) -> tuple[Scheme, ...]:
    """Schemes that spend the CCG minimum and the LA contribution exactly;
    enough CCG-commissioned community spend to cover the ringfenced fund."""
    combined = hwb_ref.values["combined_performance_and_ringfenced_fund_gbp"] / 1000
    rows: list[Scheme] = []
    for source, totals in ((FundingSource.CCG_MINIMUM, minimum),
                           (FundingSource.LOCAL_AUTHORITY, local)):
        share = count - 1 if source is FundingSource.CCG_MINIMUM else 1
        amounts = {year: _pieces(totals[year], share, rng) for year in periods.YEARS}
        if source is FundingSource.CCG_MINIMUM:
            for year in periods.YEARS:
                amounts[year][0] = max(amounts[year][0], 0)
            amounts["2015/16"] = _cover(amounts["2015/16"], round(combined * 1.2))
        for index in range(share):
            area = AreaOfSpend.COMMUNITY_HEALTH if index == 0 and share > 1 else rng.choice(
                [AreaOfSpend.SOCIAL_CARE, AreaOfSpend.COMMUNITY_HEALTH, AreaOfSpend.PRIMARY_CARE,
                 AreaOfSpend.MENTAL_HEALTH])
            commissioner = (Commissioner.CCG if index == 0 and share > 1
                            else rng.choice(list(Commissioner)))
            joint = commissioner is Commissioner.JOINT
            nhs = round(rng.uniform(0.3, 0.7), 2) if joint else None
            rows.append(Scheme(
                name=f"Synthetic scheme {len(rows) + 1}", area_of_spend=area,
                commissioner=commissioner, share_nhs=nhs,
                share_la=round(1 - nhs, 2) if nhs is not None else None,
                provider=rng.choice([p for p in Provider if p is not Provider.OTHER]),
                source_of_funding=source,
                expenditure={year: amounts[year][index] for year in periods.YEARS},
                new_or_existing=rng.choice(list(NewOrExisting))))
    return tuple(rows)


def _pieces(total: float, count: int, rng: random.Random) -> list[float]:
    weights = [rng.uniform(1, 5) for _ in range(count)]
    pieces: list[float] = [round(total * weight / sum(weights)) for weight in weights]
    pieces[-1] += round(total) - sum(pieces)
    return pieces


def _cover(pieces: list[float], needed: float) -> list[float]:
    """Move spend into the first piece until it reaches ``needed``."""
    moved = list(pieces)
    for index in range(1, len(moved)):
        if moved[0] >= needed:
            break
        take = min(moved[index], needed - moved[0])
        moved[0] += take
        moved[index] -= take
    return moved


def _baseline_numerators(blank: Submission) -> list[float]:
    """The P4P baseline numerators the template derives from the CCG rows."""
    return [sum(round(_number(ccg.activity[q]) * _number(ccg.share_of_ccg_population_in_hwb))
                for ccg in blank.p4p.ccgs) for q in periods.P4P_BASELINE_QUARTERS]


def _p4p_plan(blank: Submission, rng: random.Random) -> Any:
    baseline = _baseline_numerators(blank)
    reduction = rng.uniform(0.04, 0.08)
    plans = [round(value * (1 - reduction)) for value in baseline]
    plans.append(round(plans[0] * (1 - reduction / 2)))
    return dataclasses.replace(blank.p4p, numerator=dict(zip(periods.P4P_PLAN_QUARTERS, plans)))


def _benefits(p4p: Any, blank: Submission, rng: random.Random) -> dict[str, tuple[Benefit, ...]]:
    baseline = sum(_baseline_numerators(blank))
    plan = sum(p4p.numerator[q] for q in periods.P4P_PAYMENT_QUARTERS)
    avoided = baseline - plan
    rows: dict[str, tuple[Benefit, ...]] = {}
    for year in periods.YEARS:
        rows[year] = (
            Benefit(BenefitType.NON_ELECTIVE, None, "Aggregated benefit of schemes for "
                    "non-elective admissions", Organisation.NHS_COMMISSIONER,
                    avoided if year == "2015/16" else round(avoided / 4), 1490,
                    "Avoided admissions x national average cost; monitored monthly (SUS)"),
            Benefit(BenefitType.RESIDENTIAL_ADMISSIONS, None, "Aggregated benefit of schemes for "
                    "residential admissions", Organisation.LOCAL_AUTHORITY,
                    rng.randint(4, 20), rng.randint(20000, 30000),
                    "Avoided admissions x average annual placement cost"),
        )
    return rows


def _metrics(blank: Submission, rng: random.Random) -> Any:
    metrics = blank.metrics
    older = metrics.residential_admissions.denominator
    residential_rate = rng.uniform(450, 700) / 100_000
    residential = {year: round(_number(older[year]) * residential_rate * (1 - 0.05 * step))
                   for step, year in enumerate(periods.METRIC_YEARS)}
    base_offered = rng.randint(80, 600)
    offered = {year: round(base_offered * rng.uniform(0.95, 1.1)) for year in periods.METRIC_YEARS}
    at_home = {year: round(offered[year] * min(0.95, 0.78 + 0.04 * step))
               for step, year in enumerate(periods.METRIC_YEARS)}
    delayed = _delayed_transfers_plan(blank)
    return dataclasses.replace(
        metrics,
        residential_admissions=dataclasses.replace(metrics.residential_admissions,
                                                   numerator=residential),
        reablement=dataclasses.replace(metrics.reablement, numerator=at_home, denominator=offered),
        delayed_transfers=dataclasses.replace(metrics.delayed_transfers, numerator=delayed),
        patient_experience=OwnMetric(
            "Percentage of people who feel supported to manage their condition",
            Direction.HIGHER_IS_BETTER, {"2013/14": 64.0, "2014/15": 66.0, "2015/16": 68.0}),
        local_metric=OwnMetric("Falls-related admissions per 100,000 (65+)",
                               Direction.LOWER_IS_BETTER,
                               {"2013/14": 2100.0, "2014/15": 2050.0, "2015/16": 1990.0}),
    )


def _delayed_transfers_plan(blank: Submission) -> dict[str, float]:
    """Baseline on the history's straight line; plans below it and falling."""
    history = blank.projections.delayed_transfers.days
    points = [(float(index + 1), _number(value)) for index, value in enumerate(history.values())]
    slope, intercept = _straight_line(points)

    def projected(quarter: str) -> float:
        middle = periods.month_position(*periods.quarter_months(quarter)[1])
        return max(3 * (intercept + slope * middle), 30.0)

    plan: dict[str, float] = {}
    for number, year in enumerate(periods.METRIC_YEARS):
        for quarter in [q for q in periods.DTOC_QUARTERS if q.endswith(year[2:])]:
            if number == 0:
                plan[quarter] = round(projected(quarter))
            else:
                previous = f"{quarter[:2]} {periods.METRIC_YEARS[number - 1][2:]}"
                plan[quarter] = round(min(projected(quarter), plan[previous]) * 0.9)
    return plan


def _straight_line(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Least-squares slope and intercept."""
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread
    return slope, mean_y - slope * mean_x
