"""Sections 4.2-4.5: funding against spend, the minimum pool, the protection of
adult social care and the ringfence."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import periods
from .._text import as_number
from ..choices import FundingSource
from ..findings import ERROR, Finding, Rule
from ..layout import keys
from ..layout._sheets import EXPENDITURE
from ._context import Context, money, zero
from ._registry import raises

SPEND_NOT_FUNDING = Rule(
    "spend-not-funding", ERROR, "Total spend differs from total contributions",
    "The expenditure plan's total for a year is not the pooled budget's total contribution.",
    "Make the schemes' expenditure add up to the contributions, or correct the contributions.",
    "4.2")
MINIMUM_SPEND_NOT_CONTRIBUTION = Rule(
    "minimum-spend-not-contribution", ERROR,
    "Spend from the CCG minimum differs from the CCG minimum contribution",
    "Schemes whose source of funding is the CCG Minimum Contribution do not add up to the CCG "
    "minimum contributions of that year.",
    "Correct the source of funding of the schemes or the contributions.", "4.2")
SOURCE_WITHOUT_CONTRIBUTION = Rule(
    "source-without-contribution", ERROR, "Spend from a source that contributes nothing",
    "Schemes are funded from a source that has no contribution in that year.",
    "Add the contribution on '2. HWB Funding Sources' or correct the schemes' source.", "4.2")
BELOW_MINIMUM_POOL = Rule(
    "below-minimum-pool", ERROR, "Contributions below the minimum pooled budget",
    "The total contribution is below the HWB's minimum pooled budget in the reference data.",
    "Increase the contributions to at least the minimum.", "4.3")
PROTECTION_ABOVE_SOCIAL_CARE = Rule(
    "protection-above-social-care", ERROR,
    "Protection of adult social care above social care spend",
    "The amount confirmed for the protection of adult social care is more than the social care "
    "spend of the expenditure plan in that year.",
    "Correct the confirmed amount or the schemes' areas of spend.", "4.4")
PROTECTION_WITHOUT_SPEND = Rule(
    "protection-without-spend", ERROR, "Protection of adult social care in a year with no spend",
    "An amount is confirmed for the protection of adult social care in a year in which the "
    "expenditure plan spends nothing.",
    "Complete the expenditure plan for that year or remove the amount.", "4.4")
RINGFENCE_SHORTFALL = Rule(
    "ringfence-shortfall", ERROR, "Shortfall of contribution to NHS commissioned services",
    "The NHS commissioned out-of-hospital spend from the minimum pool is below the combined "
    "performance and ringfenced fund.",
    "Commission more out-of-hospital services from the minimum pool.", "4.5, 2.9")

MONEY_TOLERANCE = 0.5
FUNDING_BLOCKS = {FundingSource.LOCAL_AUTHORITY: "local_authority",
                  FundingSource.CCG_MINIMUM: "ccg_minimum",
                  FundingSource.ADDITIONAL_CCG: "additional_ccg"}


@raises(SPEND_NOT_FUNDING, MINIMUM_SPEND_NOT_CONTRIBUTION, SOURCE_WITHOUT_CONTRIBUTION)
def funding_and_spend(ctx: Context) -> Iterator[Finding]:
    for year in periods.YEARS:
        if ctx.broken(keys.EXPENDITURE_TOTAL(year), keys.FUNDING_TOTAL(year)):
            continue
        spend = zero(ctx.number(keys.EXPENDITURE_TOTAL(year)))
        funds = zero(ctx.number(keys.FUNDING_TOTAL(year)))
        if abs(spend - funds) > MONEY_TOLERANCE:
            yield ctx.finding(SPEND_NOT_FUNDING, [keys.EXPENDITURE_TOTAL(year),
                                                  keys.FUNDING_TOTAL(year)],
                              f"{year}: the expenditure plan spends {money(spend)} (£000) but the "
                              f"contributions total {money(funds)} (£000).", funds, spend)
        by_source = _spend_by_source(ctx, year)
        minimum = zero(ctx.number(keys.FUNDING_BLOCK_TOTAL("ccg_minimum", year)))
        from_minimum = by_source.get(FundingSource.CCG_MINIMUM, 0.0)
        if abs(from_minimum - minimum) > MONEY_TOLERANCE:
            yield ctx.finding(MINIMUM_SPEND_NOT_CONTRIBUTION, [keys.FUNDING_BLOCK_TOTAL("ccg_minimum", year)],
                              f"{year}: schemes funded from the CCG Minimum Contribution spend "
                              f"{money(from_minimum)} (£000) but the CCG minimum contributions "
                              f"total {money(minimum)} (£000).", minimum, from_minimum)
        for source, block in FUNDING_BLOCKS.items():
            spent = by_source.get(source, 0.0)
            if spent > 0 and zero(ctx.number(keys.FUNDING_BLOCK_TOTAL(block, year))) == 0:
                yield ctx.finding(SOURCE_WITHOUT_CONTRIBUTION, [keys.FUNDING_BLOCK_TOTAL(block, year)],
                                  f"{year}: schemes spend {money(spent)} (£000) from "
                                  f"'{source.value}', which contributes nothing.", 0, spent)


def _spend_by_source(ctx: Context, year: str) -> dict[Any, float]:
    totals: dict[Any, float] = {}
    for scheme in ctx.submission.expenditure:
        amount = as_number(scheme.expenditure[year])
        if amount is not None:
            totals[scheme.source_of_funding] = totals.get(scheme.source_of_funding, 0.0) + amount
    return totals


@raises(BELOW_MINIMUM_POOL)
def minimum_pool(ctx: Context) -> Iterator[Finding]:
    for year in periods.YEARS:
        minimum = ctx.number(keys.MINIMUM_POOL(year))
        if minimum is None and ctx.hwb is not None:
            # A file without the template's copy of the figure: the reference data's.
            minimum = as_number(ctx.hwb.values.get(f"minimum_pooled_budget_gbp.{year}"))
        total = zero(ctx.number(keys.FUNDING_TOTAL(year))) * 1000
        if minimum is not None and total < minimum - MONEY_TOLERANCE * 1000:
            yield ctx.finding(BELOW_MINIMUM_POOL, [keys.FUNDING_TOTAL(year),
                                                   keys.MINIMUM_POOL(year)],
                              f"{year}: contributions total {money(total / 1000)} (£000), below "
                              f"the minimum pooled budget of £{money(minimum)} "
                              f"({money(minimum / 1000)} in £000).", minimum, total)


@raises(PROTECTION_WITHOUT_SPEND, PROTECTION_ABOVE_SOCIAL_CARE)
def protection_of_social_care(ctx: Context) -> Iterator[Finding]:
    for year in periods.YEARS:
        key = keys.PROTECTION(year)
        protected = ctx.number(key)
        if protected is None or protected == 0 or ctx.broken(keys.EXPENDITURE_TOTAL(year)):
            continue
        spend = zero(ctx.number(keys.EXPENDITURE_TOTAL(year)))
        social = zero(ctx.number(keys.SUMMARY_SPEND("social_care", year)))
        if spend == 0:
            yield ctx.finding(PROTECTION_WITHOUT_SPEND, [key],
                              f"{year}: {money(protected)} (£000) is confirmed for the protection "
                              "of adult social care, but the expenditure plan spends nothing in "
                              "that year.", 0, protected)
        elif protected > social + MONEY_TOLERANCE:
            yield ctx.finding(PROTECTION_ABOVE_SOCIAL_CARE,
                              [key, keys.SUMMARY_SPEND("social_care", year)],
                              f"{year}: {money(protected)} (£000) is confirmed for the protection "
                              f"of adult social care, more than the social care spend of "
                              f"{money(social)} (£000).", social, protected)


@raises(RINGFENCE_SHORTFALL)
def ringfence(ctx: Context) -> Iterator[Finding]:
    if EXPENDITURE in ctx.not_started:
        return  # a pre-populated template: the funds are known, the schemes not yet typed
    shortfall = ctx.number(keys.SHORTFALL)
    if shortfall is not None and shortfall > MONEY_TOLERANCE:
        yield ctx.finding(RINGFENCE_SHORTFALL, [keys.SHORTFALL],
                          f"NHS commissioned out-of-hospital services from the minimum pool "
                          f"(£{money(ctx.number(keys.NHS_COMMISSIONED))}) fall "
                          f"£{money(shortfall)} short of the combined performance and ringfenced "
                          f"fund (£{money(ctx.number(keys.COMBINED_FUND))}).", 0, shortfall)
