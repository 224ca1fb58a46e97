"""Section 4.8: the supporting metrics, and plans against the projections."""

from __future__ import annotations

from collections.abc import Iterator

from .. import periods
from .._text import as_number
from ..choices import Rating
from ..findings import ERROR, WARNING, Finding, Rule
from ..layout import keys
from ._context import Context, figure
from ._p4p import RATIONALE_MISSING
from ._registry import raises

DENOMINATOR_JUMP = Rule(
    "denominator-jump", WARNING, "A denominator changes by more than 50% in a year",
    "A denominator changes by more than half from one year to the next.",
    "Check that each year counts the same population.", "4.8")
PROPORTION_ABOVE_100 = Rule(
    "proportion-above-100", ERROR, "A proportion above 100%",
    "More people are counted in the numerator than in the denominator.",
    "Correct the numerator or denominator.", "4.8")
PLAN_WORSE_THAN_PROJECTION = Rule(
    "plan-worse-than-projection", WARNING, "Plan worse than doing nothing",
    "A planned value is worse than the straight-line projection without the BCF.",
    "Revise the plan, or explain why the projection does not apply.", "4.8, 2.7")
METRIC_RATING_RED = Rule(
    "metric-rating-red", WARNING, "A supporting metric rated red",
    "A planned value is worse than its baseline, or an input is missing or invalid.",
    "Revise the plan or complete the inputs, and give the rationale.", "2.6")
METRIC_MISSING = Rule(
    "metric-missing", ERROR, "A supporting metric is missing",
    "A supporting metric has no name or no figures.", "Complete the metric.", "4.8")

JUMP = 0.5
METRICS = ("residential_admissions", "reablement", "delayed_transfers", "patient_experience",
           "local_metric")
OWN_METRICS = {"patient_experience": "patient experience metric", "local_metric": "local metric"}


@raises(DENOMINATOR_JUMP, PROPORTION_ABOVE_100)
def supporting_metrics(ctx: Context) -> Iterator[Finding]:
    metrics = ctx.submission.metrics
    for name in ("residential_admissions", "reablement"):
        metric = getattr(metrics, name)
        years = periods.METRIC_YEARS
        for previous, year in zip(years, years[1:]):
            before, now = as_number(metric.denominator[previous]), as_number(metric.denominator[year])
            if before and now is not None and abs(now - before) / before > JUMP:
                yield ctx.finding(DENOMINATOR_JUMP, [keys.RATE_PARTS(name, "denominator", previous),
                                                     keys.RATE_PARTS(name, "denominator", year)],
                                  f"The {name.replace('_', ' ')} denominator changes from "
                                  f"{figure(before)} ({previous}) to {figure(now)} ({year}).",
                                  before, now)
    for year in periods.METRIC_YEARS:
        numerator = as_number(metrics.reablement.numerator[year])
        denominator = as_number(metrics.reablement.denominator[year])
        if numerator is not None and denominator is not None and numerator > denominator:
            yield ctx.finding(PROPORTION_ABOVE_100, [keys.RATE_PARTS("reablement", "numerator", year),
                                                     keys.RATE_PARTS("reablement", "denominator", year)],
                              f"{year}: {figure(numerator)} people still at home out of "
                              f"{figure(denominator)} offered reablement is more than 100%.",
                              denominator, numerator)


@raises(METRIC_RATING_RED, RATIONALE_MISSING)
def ratings_and_rationales(ctx: Context) -> Iterator[Finding]:
    for name in METRICS:
        if not _planned(ctx, name):
            continue  # not yet rated: nothing planned (a missing metric is reported as such)
        red = [year for year in periods.YEARS
               if ctx.calculation.ratings.get(keys.METRIC_RATING(name, year)) is Rating.RED]
        for year in red:
            yield ctx.finding(METRIC_RATING_RED, [keys.METRIC_RATING(name, year)],
                              f"{name.replace('_', ' ').capitalize()} {year} is rated red.",
                              actual="red")
        if red and not getattr(ctx.submission.metrics, name).rationale:
            yield ctx.finding(RATIONALE_MISSING, [keys.METRIC_RATIONALE(name)],
                              f"{name.replace('_', ' ').capitalize()} is rated red and no "
                              "rationale is given.")


def _planned(ctx: Context, name: str) -> bool:
    """True when a planned figure of the metric is typed."""
    metric = getattr(ctx.submission.metrics, name)
    figures = metric.values if name in OWN_METRICS else metric.numerator
    planned = periods.DTOC_PROJECTED_QUARTERS if name == "delayed_transfers" else periods.YEARS
    return any(figures[period] is not None for period in planned)


@raises(METRIC_MISSING)
def own_metrics(ctx: Context) -> Iterator[Finding]:
    for name, label in OWN_METRICS.items():
        metric = getattr(ctx.submission.metrics, name)
        missing = not metric.name or metric.direction is None or any(
            as_number(value) is None for value in metric.values.values())
        if missing:
            yield ctx.finding(METRIC_MISSING, [keys.METRIC_NAME(name)],
                              f"The {label} is missing its name, direction or figures.")


@raises(PLAN_WORSE_THAN_PROJECTION)
def projections(ctx: Context) -> Iterator[Finding]:
    comparisons = [
        *((keys.P4P_NUMERATOR(q), keys.PROJECTED_COUNT(q), False,
           f"Non-elective admissions {q}") for q in periods.P4P_PLAN_QUARTERS),
        *((keys.RESIDENTIAL_RATE(y), keys.PROJECTED_RESIDENTIAL(y),
           False, f"Residential admissions {y}") for y in periods.YEARS),
        *((keys.REABLEMENT_PERCENT(y), keys.PROJECTED_REABLEMENT(y), True,
           f"Reablement {y}") for y in periods.YEARS),
    ]
    for plan_key, projected_key, higher_is_better, label in comparisons:
        plan, projected = ctx.number(plan_key), ctx.number(projected_key)
        if plan is None or projected is None:
            continue
        if (plan < projected) if higher_is_better else (plan > projected):
            yield ctx.finding(PLAN_WORSE_THAN_PROJECTION, [plan_key, projected_key],
                              f"{label}: the plan ({figure(plan)}) is worse than the projection "
                              f"without the BCF ({figure(projected)}).", projected, plan)
    for year in periods.YEARS:
        quarters = [q for q in periods.DTOC_PROJECTED_QUARTERS if q.endswith(year[2:])]
        plan_keys = [keys.DTOC_NUMERATOR(q) for q in quarters]
        projected_keys = [keys.PROJECTED_DTOC(q) for q in quarters]
        plan, projection = _sum([ctx.number(k) for k in plan_keys]), \
            _sum([ctx.number(k) for k in projected_keys])
        if plan is not None and projection is not None and plan > projection:
            yield ctx.finding(PLAN_WORSE_THAN_PROJECTION, plan_keys + projected_keys,
                              f"Delayed transfers {year}: the plan ({figure(plan)} days) is worse "
                              f"than the projection without the BCF ({figure(projection)} days).",
                              projection, plan)


def _sum(values: list[float | None]) -> float | None:
    """The sum, or None when any value is missing."""
    total = 0.0
    for value in values:
        if value is None:
            return None
        total += value
    return total
