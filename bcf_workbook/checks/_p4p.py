"""Section 4.7: the payment-for-performance metric."""

from __future__ import annotations

import functools
from collections.abc import Iterator

from .. import periods
from ..choices import Rating
from ..findings import ERROR, INFO, WARNING, Finding, Rule
from ..layout import Kind, keys, placement_for
from ..reference import prepopulated_value
from ._context import Context, described, figure, same
from ._registry import raises

P4P_RATING_RED = Rule(
    "p4p-rating-red", ERROR, "P4P metric rated red",
    "The planned non-elective admissions are worse than the baseline, or an input is missing or "
    "invalid.", "Revise the plan, or complete the inputs.", "4.7, 2.5")
P4P_RATING_AMBER = Rule(
    "p4p-rating-amber", WARNING, "P4P metric rated amber",
    "The planned reduction in non-elective admissions is less than 3.5%.",
    "Give the rationale, or plan a larger reduction.", "4.7, 2.5")
P4P_QUARTER_RATING = Rule(
    "p4p-quarter-rating", INFO, "A P4P quarter rated red or amber",
    "A quarter of the payment period improves on the same baseline quarter by less than 3.5%, or "
    "not at all.", "Check the quarterly profile of the plan.", "2.5")
RATIONALE_MISSING = Rule(
    "rationale-missing", ERROR, "Rationale missing for a red or amber rating",
    "A red or amber rating needs a rationale, and none is given.",
    "Give the rationale beside the rating.", "4.7, 2.5, 2.6")
CCG_SHARES_NOT_100 = Rule(
    "ccg-shares-not-100", ERROR, "CCG population shares do not add up to 100%",
    "The shares of the HWB's resident population in each CCG do not add up to 100%.",
    "Correct the CCG table on '5. HWB P4P metric'.", "4.7")
DENOMINATOR_NOT_REFERENCE = Rule(
    "denominator-not-reference", WARNING, "A population differs from the reference data",
    "A pre-populated population (denominator) differs from the reference data for the HWB.",
    "Use the reference population, or explain the change.", "4.7")

SHARE_TOLERANCE = 0.0005


@raises(P4P_RATING_RED, P4P_RATING_AMBER, RATIONALE_MISSING, P4P_QUARTER_RATING,
        CCG_SHARES_NOT_100)
def p4p(ctx: Context) -> Iterator[Finding]:
    if not any(value is not None for value in ctx.submission.p4p.numerator.values()):
        return  # not yet rated: no plan typed
    rating = ctx.calculation.ratings.get(keys.P4P_RATING)
    change = ctx.number(keys.P4P_CHANGE_PCT)
    described_change = f"a planned change of {change:.1%}" if change is not None else "missing inputs"
    if rating is Rating.RED:
        yield ctx.finding(P4P_RATING_RED, [keys.P4P_RATING, keys.P4P_CHANGE_PCT],
                          f"The P4P metric is rated red ({described_change}).", actual="red")
    elif rating is Rating.AMBER:
        yield ctx.finding(P4P_RATING_AMBER, [keys.P4P_RATING, keys.P4P_CHANGE_PCT],
                          f"The P4P metric is rated amber ({described_change}).", actual="amber")
    if rating in (Rating.RED, Rating.AMBER) and not ctx.submission.p4p.rationale:
        assert rating is not None
        yield ctx.finding(RATIONALE_MISSING, [keys.P4P_RATIONALE],
                          f"The P4P metric is rated {rating.value.lower()} and no rationale is "
                          "given.")
    for quarter in periods.P4P_PAYMENT_QUARTERS:
        key = keys.P4P_QUARTER_RATING(quarter)
        quarter_rating = ctx.calculation.ratings.get(key)
        if quarter_rating in (Rating.RED, Rating.AMBER):
            assert quarter_rating is not None
            yield ctx.finding(P4P_QUARTER_RATING, [key, keys.P4P_NUMERATOR(quarter)],
                              f"{quarter} is rated {quarter_rating.value.lower()} against the same "
                              "quarter of the baseline.", actual=quarter_rating.value.lower())
    total = ctx.number(keys.P4P_CCG_SHARE_TOTAL)
    if ctx.submission.p4p.ccgs and total is not None and abs(total - 1) > SHARE_TOLERANCE:
        yield ctx.finding(CCG_SHARES_NOT_100, [keys.P4P_CCG_SHARE_TOTAL],
                          f"The CCGs' shares of the HWB population add up to {total:.1%}, "
                          "not 100%.", 1, total)


@functools.cache
def _population_cells() -> tuple[tuple[str, str], ...]:
    """(key, reference source) of every pre-populated population."""
    return tuple((cell.key, cell.spec.source or "") for cell in placement_for({})
                 if cell.spec.kind is Kind.PREPOPULATED
                 and (cell.spec.source or "").startswith("hwb.population"))


@raises(DENOMINATOR_NOT_REFERENCE)
def reference_populations(ctx: Context) -> Iterator[Finding]:
    if ctx.hwb is None:
        return
    values = ctx.values
    for key, source in _population_cells():
        expected = prepopulated_value(source, ctx.hwb, ctx.reference, None)
        actual = values.get(key)
        if not same(actual, expected):
            yield ctx.finding(DENOMINATOR_NOT_REFERENCE, [key],
                              f"{described(key)} is {figure(actual)}; the reference population "
                              f"for {ctx.hwb.name} is {figure(expected)}.", expected, actual)
