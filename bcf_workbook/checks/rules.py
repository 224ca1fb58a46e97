"""The cross-checks of spec section 4. Each check is a function of the
:class:`Context` that yields findings; ``CHECKS`` lists them in order."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell

from .. import periods
from .._text import as_number, parse_number
from ..choices import AreaOfSpend, BenefitType, Commissioner, FundingSource, Rating
from ..findings import Finding
from ..layout import Kind, Type, describe, placement_for
from ..layout.workbook import CHECKLIST
from ..model import A_FORMULA, Unreadable
from ..reference import prepopulated_value
from .catalogue import rule
from .context import Context, figure, money, same

Check = Callable[[Context], Iterator[Finding]]
#: Rates shown to one decimal place: closer than this is display rounding.
DISPLAY_ROUNDING = 0.05
SHARE_TOLERANCE = 0.0005
MONEY_TOLERANCE = 0.5
P4P_SAVING_TOLERANCE = 0.05
DENOMINATOR_JUMP = 0.5
RATE_KEY = re.compile(r"^(metrics\.[a-z_]+\.(rate|percent)\.|p4p\.rate\.)")
BENEFIT_TOTAL_KEY = re.compile(r"^benefits\.[^.]+\.\d+\.total$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
AGGREGATED = "aggregated benefit"
FUNDING_BLOCKS = {FundingSource.LOCAL_AUTHORITY: "local_authority",
                  FundingSource.CCG_MINIMUM: "ccg_minimum",
                  FundingSource.ADDITIONAL_CCG: "additional_ccg"}


def _zero(value: float | None) -> float:
    return 0.0 if value is None else value


# --- 1. overwritten and stale derived cells ---------------------------------------

def overwritten_cells(ctx: Context) -> Iterator[Finding]:
    for override in ctx.submission.overrides:
        key = override.key
        submitted, intended = ctx.calculation.cells_submitted.get(key), \
            ctx.calculation.cells_intended.get(key)
        if RATE_KEY.match(key) and override.formula is None:
            code = "rate-not-ratio" if _apart(submitted, intended, DISPLAY_ROUNDING) \
                else "derived-overwritten-same"
        elif BENEFIT_TOTAL_KEY.match(key) and override.formula is None:
            code = "benefit-total-not-product" if not same(submitted, intended) \
                else "derived-overwritten-same"
        elif override.formula is not None:
            code = "derived-formula-changed"
        elif same(submitted, intended):
            code = "derived-overwritten-same"
        elif key.startswith("projections."):
            code = "projection-overwritten"
        else:
            code = "derived-overwritten"
        what = f"holds the formula {override.formula}" if override.formula else \
            f"holds the typed value {figure(submitted)}"
        yield ctx.finding(code, [key], f"{_describe(key)} {what}; the template's formula gives "
                                       f"{figure(intended)}.", intended, submitted)


def _apart(a: Any, b: Any, tolerance: float) -> bool:
    x, y = as_number(a), as_number(b)
    if x is None or y is None:
        return not same(a, b)
    return abs(x - y) > tolerance


def _describe(key: str) -> str:
    return f"'{describe(key)}'"


def stale_cells(ctx: Context) -> Iterator[Finding]:
    if ctx.cached is None:
        return
    overridden = {override.key for override in ctx.submission.overrides}
    for key, cached in ctx.cached.items():
        if key in overridden or cached is None:
            continue
        computed = ctx.calculation.cells_submitted.get(key)
        if not same(_cell(cached), _cell(computed)):
            yield ctx.finding("derived-stale", [key],
                              f"{_describe(key)} was saved as {figure(cached)} but its formula "
                              f"gives {figure(computed)}.", computed, cached)


def _cell(value: Any) -> Any:
    return str(value) if value is not None and not isinstance(value, (int, float, str)) else value


# --- 2-5. money ----------------------------------------------------------------------

def funding_and_spend(ctx: Context) -> Iterator[Finding]:
    for year in periods.YEARS:
        spend = _zero(ctx.number(f"expenditure.total.{year}"))
        funds = _zero(ctx.number(f"funding.total.{year}"))
        if abs(spend - funds) > MONEY_TOLERANCE:
            yield ctx.finding("spend-not-funding", [f"expenditure.total.{year}",
                                                    f"funding.total.{year}"],
                              f"{year}: the expenditure plan spends {money(spend)} (£000) but the "
                              f"contributions total {money(funds)} (£000).", funds, spend)
        by_source = _spend_by_source(ctx, year)
        minimum = _zero(ctx.number(f"funding.ccg_minimum_total.{year}"))
        from_minimum = by_source.get(FundingSource.CCG_MINIMUM, 0.0)
        if abs(from_minimum - minimum) > MONEY_TOLERANCE:
            yield ctx.finding("minimum-spend-not-contribution",
                              [f"funding.ccg_minimum_total.{year}"],
                              f"{year}: schemes funded from the CCG Minimum Contribution spend "
                              f"{money(from_minimum)} (£000) but the CCG minimum contributions "
                              f"total {money(minimum)} (£000).", minimum, from_minimum)
        for source, block in FUNDING_BLOCKS.items():
            spent = by_source.get(source, 0.0)
            if spent > 0 and _zero(ctx.number(f"funding.{block}_total.{year}")) == 0:
                yield ctx.finding("source-without-contribution",
                                  [f"funding.{block}_total.{year}"],
                                  f"{year}: schemes spend {money(spent)} (£000) from "
                                  f"'{source.value}', which contributes nothing.", 0, spent)


def _spend_by_source(ctx: Context, year: str) -> dict[Any, float]:
    totals: dict[Any, float] = {}
    for scheme in ctx.submission.expenditure:
        amount = as_number(scheme.expenditure[year])
        if amount is not None:
            totals[scheme.source_of_funding] = totals.get(scheme.source_of_funding, 0.0) + amount
    return totals


def minimum_pool(ctx: Context) -> Iterator[Finding]:
    for year in periods.YEARS:
        minimum = ctx.number(f"summary.minimum_pooled_budget.{year}")
        total = _zero(ctx.number(f"funding.total.{year}")) * 1000
        if minimum is not None and total < minimum - MONEY_TOLERANCE * 1000:
            yield ctx.finding("below-minimum-pool", [f"funding.total.{year}",
                                                     f"summary.minimum_pooled_budget.{year}"],
                              f"{year}: contributions total £{money(total)}, below the minimum "
                              f"pooled budget of £{money(minimum)}.", minimum, total)


def protection_of_social_care(ctx: Context) -> Iterator[Finding]:
    for year in periods.YEARS:
        key = f"summary.protection_of_adult_social_care.{year}"
        protected = ctx.number(key)
        if protected is None or protected == 0:
            continue
        spend = _zero(ctx.number(f"expenditure.total.{year}"))
        social = _zero(ctx.number(f"summary.expenditure.social_care.{year}"))
        if spend == 0:
            yield ctx.finding("protection-without-spend", [key],
                              f"{year}: {money(protected)} (£000) is confirmed for the protection "
                              "of adult social care, but the expenditure plan spends nothing in "
                              "that year.", 0, protected)
        elif protected > social + MONEY_TOLERANCE:
            yield ctx.finding("protection-above-social-care",
                              [key, f"summary.expenditure.social_care.{year}"],
                              f"{year}: {money(protected)} (£000) is confirmed for the protection "
                              f"of adult social care, more than the social care spend of "
                              f"{money(social)} (£000).", social, protected)


def ringfence(ctx: Context) -> Iterator[Finding]:
    shortfall = ctx.number("hwb_p4p.shortfall")
    if shortfall is not None and shortfall > MONEY_TOLERANCE:
        yield ctx.finding("ringfence-shortfall", ["hwb_p4p.shortfall"],
                          f"NHS commissioned out-of-hospital services from the minimum pool "
                          f"(£{money(ctx.number('hwb_p4p.nhs_commissioned_value'))}) fall "
                          f"£{money(shortfall)} short of the combined performance and ringfenced "
                          f"fund (£{money(ctx.number('hwb_p4p.combined_total'))}).", 0, shortfall)


# --- 6. benefits -----------------------------------------------------------------------

def benefits(ctx: Context) -> Iterator[Finding]:
    unit_cost = ctx.number("p4p.unit_cost")
    for year in periods.YEARS:
        groups: dict[tuple[Any, Any], set[bool]] = {}
        for index, row in enumerate(ctx.submission.benefits[year]):
            key = f"benefits.{year}.{index}"
            if row.schemes and (as_number(row.change) is None or as_number(row.unit_price) is None):
                yield ctx.finding("benefit-without-figures", [f"{key}.change", f"{key}.unit_price"],
                                  f"{year} benefit {index + 1} ({_label(row.benefit_type)}) names "
                                  "schemes but has no change in activity or no unit price.")
            price = as_number(row.unit_price)
            if (row.benefit_type is BenefitType.NON_ELECTIVE and price is not None
                    and unit_cost is not None and price != unit_cost):
                yield ctx.finding("non-elective-unit-price", [f"{key}.unit_price"],
                                  f"{year} benefit {index + 1} prices a non-elective admission at "
                                  f"£{figure(price)}, not the national £{figure(unit_cost)}.",
                                  unit_cost, price)
            if row.benefit_type is not None and row.schemes:
                aggregated = AGGREGATED in row.schemes.casefold()
                groups.setdefault((row.benefit_type, row.organisation), set()).add(aggregated)
        for (benefit, organisation), kinds in groups.items():
            if kinds == {True, False}:
                yield ctx.finding("benefit-double-counting", [f"benefits.total_saving.{year}"],
                                  f"{year}: '{_label(benefit)}' for '{_label(organisation)}' is "
                                  "given both as an aggregated row and per scheme.")
    yield from _non_elective_saving(ctx)


def _label(value: Any) -> str:
    return getattr(value, "value", None) or (value.text if isinstance(value, Unreadable) else
                                              str(value))


def _non_elective_saving(ctx: Context) -> Iterator[Finding]:
    planned = _zero(ctx.number("summary.benefits.non_elective.2015/16")) * 1000
    p4p = ctx.number("p4p.annual_saving")
    if p4p is None or (p4p == 0 and planned == 0):
        return
    if abs(planned - p4p) > P4P_SAVING_TOLERANCE * max(abs(p4p), abs(planned)):
        yield ctx.finding("non-elective-saving-not-p4p",
                          ["summary.benefits.non_elective.2015/16", "p4p.annual_saving"],
                          f"2015/16 non-elective savings in the benefits plan are £{money(planned)} "
                          f"but the P4P annual saving is £{money(p4p)}.", p4p, planned)


@functools.cache
def _text_fields() -> frozenset[str]:
    return frozenset(_pattern(cell.key) for cell in placement_for({})
                     if cell.spec.kind is Kind.INPUT and cell.spec.type is Type.TEXT
                     and not cell.key.endswith("contact_phone"))


@functools.cache
def _population_cells() -> tuple[tuple[str, str], ...]:
    """(key, reference source) of every pre-populated population."""
    return tuple((cell.key, cell.spec.source or "") for cell in placement_for({})
                 if cell.spec.kind is Kind.PREPOPULATED
                 and (cell.spec.source or "").startswith("hwb.population"))


def text_columns(ctx: Context) -> Iterator[Finding]:
    text_fields = _text_fields()
    for key, leaf in ctx.leaves.items():
        if isinstance(leaf, str) and _pattern(key) in text_fields \
                and parse_number(leaf) is not None:
            yield ctx.finding("number-in-text-column", [key],
                              f"{_describe(key)} is a text column but holds the number {leaf}.",
                              actual=leaf)


def _pattern(key: str) -> str:
    return re.sub(r"\.\d+\.", ".#.", key)


def stray_values(ctx: Context) -> Iterator[Finding]:
    for key, value in ctx.submission.stray.items():
        table_key, _, column = key.partition(".total_row.")
        placed = ctx.table(table_key)
        cells: tuple[str, ...] = ()
        sheet = ""
        if placed is not None and column in placed.columns:
            sheet, cells = placed.sheet, (xl_rowcol_to_cell(placed.total_row, placed.columns[column]),)
        label = placed.table.column(column).label if placed is not None else column
        yield _at(ctx, "stray-value", sheet, cells, key,
                  f"The total row of '{table_key}' holds {figure(value)} under '{label}', where "
                  "the template has nothing.", value)


def _at(ctx: Context, code: str, sheet: str, cells: tuple[str, ...], key: str, message: str,
        actual: Any = None) -> Finding:
    return Finding(code, rule(code).severity, sheet, cells, message, None, actual, (key,))


# --- 7. P4P ------------------------------------------------------------------------------

def p4p(ctx: Context) -> Iterator[Finding]:
    rating = ctx.calculation.ratings.get("p4p.rating")
    change = ctx.number("p4p.annual_change_pct")
    described = f"a planned change of {change:.1%}" if change is not None else "missing inputs"
    if rating is Rating.RED:
        yield ctx.finding("p4p-rating-red", ["p4p.rating"], f"The P4P metric is rated red "
                                                           f"({described}).", actual="red")
    elif rating is Rating.AMBER:
        yield ctx.finding("p4p-rating-amber", ["p4p.rating"], f"The P4P metric is rated amber "
                                                             f"({described}).", actual="amber")
    if rating in (Rating.RED, Rating.AMBER) and not ctx.submission.p4p.rationale:
        yield ctx.finding("rationale-missing", ["p4p.rationale"],
                          f"The P4P metric is rated {rating.value.lower()} and no rationale is "
                          "given.")
    for quarter in periods.P4P_PAYMENT_QUARTERS:
        key = f"p4p.quarter_rating.{quarter}"
        quarter_rating = ctx.calculation.ratings.get(key)
        if quarter_rating in (Rating.RED, Rating.AMBER):
            yield ctx.finding("p4p-quarter-rating", [key],
                              f"{quarter} is rated {quarter_rating.value.lower()} against the same "
                              "quarter of the baseline.", actual=quarter_rating.value.lower())
    total = ctx.number("p4p.ccg_share_total")
    if ctx.submission.p4p.ccgs and total is not None and abs(total - 1) > SHARE_TOLERANCE:
        yield ctx.finding("ccg-shares-not-100", ["p4p.ccg_share_total"],
                          f"The CCGs' shares of the HWB population add up to {total:.1%}, "
                          "not 100%.", 1, total)


def reference_populations(ctx: Context) -> Iterator[Finding]:
    if ctx.hwb is None:
        return
    values = ctx.values
    for key, source in _population_cells():
        expected = prepopulated_value(source, ctx.hwb, ctx.reference, None)
        actual = values.get(key)
        if not same(actual, expected):
            yield ctx.finding("denominator-not-reference", [key],
                              f"{_describe(key)} is {figure(actual)}; the reference population "
                              f"for {ctx.hwb.name} is {figure(expected)}.", expected, actual)


# --- 8. supporting metrics ---------------------------------------------------------------

def supporting_metrics(ctx: Context) -> Iterator[Finding]:
    metrics = ctx.submission.metrics
    for name in ("residential_admissions", "reablement"):
        metric = getattr(metrics, name)
        years = periods.METRIC_YEARS
        for previous, year in zip(years, years[1:]):
            before, now = as_number(metric.denominator[previous]), as_number(metric.denominator[year])
            if before and now is not None and abs(now - before) / before > DENOMINATOR_JUMP:
                yield ctx.finding("denominator-jump", [f"metrics.{name}.denominator.{previous}",
                                                       f"metrics.{name}.denominator.{year}"],
                                  f"The {name.replace('_', ' ')} denominator changes from "
                                  f"{figure(before)} ({previous}) to {figure(now)} ({year}).",
                                  before, now)
    for year in periods.METRIC_YEARS:
        numerator = as_number(metrics.reablement.numerator[year])
        denominator = as_number(metrics.reablement.denominator[year])
        if numerator is not None and denominator is not None and numerator > denominator:
            yield ctx.finding("proportion-above-100", [f"metrics.reablement.numerator.{year}",
                                                       f"metrics.reablement.denominator.{year}"],
                              f"{year}: {figure(numerator)} people still at home out of "
                              f"{figure(denominator)} offered reablement is more than 100%.",
                              denominator, numerator)
    yield from _ratings_and_rationales(ctx)
    yield from _own_metrics(ctx)


def _ratings_and_rationales(ctx: Context) -> Iterator[Finding]:
    for name in ("residential_admissions", "reablement", "delayed_transfers",
                 "patient_experience", "local_metric"):
        red = [year for year in periods.YEARS
               if ctx.calculation.ratings.get(f"metrics.{name}.rating.{year}") is Rating.RED]
        for year in red:
            yield ctx.finding("metric-rating-red", [f"metrics.{name}.rating.{year}"],
                              f"{name.replace('_', ' ').capitalize()} {year} is rated red.",
                              actual="red")
        if red and not getattr(ctx.submission.metrics, name).rationale:
            yield ctx.finding("rationale-missing", [f"metrics.{name}.rationale"],
                              f"{name.replace('_', ' ').capitalize()} is rated red and no "
                              "rationale is given.")


def _own_metrics(ctx: Context) -> Iterator[Finding]:
    for name in ("patient_experience", "local_metric"):
        metric = getattr(ctx.submission.metrics, name)
        missing = not metric.name or metric.direction is None or any(
            as_number(value) is None for value in metric.values.values())
        if missing:
            label = {"patient_experience": "patient experience metric",
                     "local_metric": "local metric"}[name]
            yield ctx.finding("metric-missing", [f"metrics.{name}.name"],
                              f"The {label} is missing its name, direction or figures.")


def projections(ctx: Context) -> Iterator[Finding]:
    comparisons = [
        *((f"p4p.numerator.{q}", f"projections.non_elective.count.{q}", False,
           f"Non-elective admissions {q}") for q in periods.P4P_PLAN_QUARTERS),
        *((f"metrics.residential_admissions.rate.{y}", f"projections.residential_admissions.rate.{y}",
           False, f"Residential admissions {y}") for y in periods.YEARS),
        *((f"metrics.reablement.percent.{y}", f"projections.reablement.percent.{y}", True,
           f"Reablement {y}") for y in periods.YEARS),
    ]
    for plan_key, projected_key, higher_is_better, label in comparisons:
        plan, projected = ctx.number(plan_key), ctx.number(projected_key)
        if plan is None or projected is None:
            continue
        if (plan < projected) if higher_is_better else (plan > projected):
            yield ctx.finding("plan-worse-than-projection", [plan_key, projected_key],
                              f"{label}: the plan ({figure(plan)}) is worse than the projection "
                              f"without the BCF ({figure(projected)}).", projected, plan)
    for year in periods.YEARS:
        quarters = [q for q in periods.DTOC_PROJECTED_QUARTERS if q.endswith(year[2:])]
        plan_keys = [f"metrics.delayed_transfers.numerator.{q}" for q in quarters]
        projected_keys = [f"projections.delayed_transfers.numerator.{q}" for q in quarters]
        plan, projection = _sum([ctx.number(k) for k in plan_keys]), \
            _sum([ctx.number(k) for k in projected_keys])
        if plan is not None and projection is not None and plan > projection:
            yield ctx.finding("plan-worse-than-projection", plan_keys + projected_keys,
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


# --- 9. completeness -----------------------------------------------------------------------

#: Checklist items that a more specific rule reports.
COVERED_ELSEWHERE = {"p4p_rationale", "patient_experience"}


def completeness(ctx: Context) -> Iterator[Finding]:
    for checks in CHECKLIST.values():
        for item, label, _ in checks:
            key = f"cover.checklist.{item}"
            if item not in COVERED_ELSEWHERE and ctx.values.get(key) == "No":
                yield ctx.finding("required-input-missing", [key], f"Not complete: {label}.")
    for index, scheme in enumerate(ctx.submission.expenditure):
        key = f"expenditure.{index}"
        name = f"Scheme {index + 1} ({scheme.name or 'unnamed'})"
        if scheme.area_of_spend is AreaOfSpend.OTHER and not scheme.area_other:
            yield ctx.finding("other-not-specified", [f"{key}.area_other"],
                              f"{name}: the area of spend is 'Other' but what it is is not said.")
        if scheme.commissioner is Commissioner.JOINT:
            nhs, la = as_number(scheme.share_nhs), as_number(scheme.share_la)
            if nhs is None or la is None:
                yield ctx.finding("joint-shares-missing", [f"{key}.share_nhs", f"{key}.share_la"],
                                  f"{name} is jointly commissioned but its % NHS or % LA is "
                                  "missing.")
            elif abs(nhs + la - 1) > SHARE_TOLERANCE:
                yield ctx.finding("joint-shares-not-100", [f"{key}.share_nhs", f"{key}.share_la"],
                                  f"{name}: % NHS and % LA add up to {nhs + la:.1%}, not 100%.",
                                  1, nhs + la)
    for year in periods.YEARS:
        for index, row in enumerate(ctx.submission.benefits[year]):
            if row.benefit_type is BenefitType.OTHER and not row.other:
                yield ctx.finding("other-not-specified", [f"benefits.{year}.{index}.other"],
                                  f"{year} benefit {index + 1} is 'Other' but what it is is not "
                                  "said.")


def unreadable_values(ctx: Context) -> Iterator[Finding]:
    for key, leaf in ctx.leaves.items():
        if isinstance(leaf, Unreadable):
            code = "formula-in-input" if leaf.reason == A_FORMULA else "unreadable-value"
            yield ctx.finding(code, [key], f"{_describe(key)} holds '{leaf.text[:80]}': "
                                           f"{leaf.reason}.", actual=leaf.text)
        elif isinstance(leaf, str) and leaf.startswith("=") and _looks_like_formula(leaf):
            yield ctx.finding("formula-in-input", [key], f"{_describe(key)} holds the formula "
                                                         f"'{leaf[:80]}', read as text.",
                              actual=leaf)


def _looks_like_formula(text: str) -> bool:
    return len(text) > 1 and not text[1:2].isspace()


def missing_labels(ctx: Context) -> Iterator[Finding]:
    for label in ctx.missing_labels:
        sheet = label.split(":", 1)[0]
        yield Finding("label-not-found", rule("label-not-found").severity, ctx.sheet_name(sheet),
                      (), f"{label} was not found; the cells beside it were read as blank.")


# --- 10. identity ------------------------------------------------------------------------

def identity(ctx: Context) -> Iterator[Finding]:
    if ctx.hwb is None:
        name = ctx.submission.hwb
        yield ctx.finding("hwb-unknown", ["hwb_id.hwb"],
                          "No Health and Wellbeing Board is chosen." if not name else
                          f"'{name}' is not a Health and Wellbeing Board of the reference data.",
                          actual=name)
    email = ctx.submission.hwb_id.contact_email
    if email and not EMAIL.match(email.strip()):
        yield ctx.finding("email-malformed", ["hwb_id.contact_email"],
                          f"The contact email '{email}' does not look like an address.",
                          actual=email)


CHECKS: tuple[Check, ...] = (
    identity, completeness, unreadable_values, missing_labels, overwritten_cells, stale_cells,
    funding_and_spend, minimum_pool, protection_of_social_care, ringfence, benefits,
    text_columns, stray_values, p4p, reference_populations, supporting_metrics, projections,
)
