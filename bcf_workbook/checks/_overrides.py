"""Section 4.1: derived cells typed over, with formulas of the council's own,
or saved with values their formulas no longer give."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .._text import as_number
from ..findings import ERROR, INFO, WARNING, Finding, Rule
from ..model import Override
from ._context import Context, described, same
from ._registry import raises

DERIVED_OVERWRITTEN = Rule(
    "derived-overwritten", ERROR, "A formula was typed over with a different value",
    "A cell the template calculates holds a constant, and the constant differs from what the "
    "formula gives. Everything that depends on the cell uses the typed value.",
    "Restore the formula (bcf-workbook fix does this) or correct the inputs it depends on.",
    "4.1, 2.12")
DERIVED_OVERWRITTEN_SAME = Rule(
    "derived-overwritten-same", WARNING, "A formula was typed over with the same value",
    "A cell the template calculates holds a constant equal to the formula's value today; it will "
    "not follow later changes to the inputs.", "Restore the formula (bcf-workbook fix does this).",
    "4.1, 2.12")
PROJECTION_OVERWRITTEN = Rule(
    "projection-overwritten", INFO, "A projection was overwritten",
    "The template allows the HWB to overwrite its straight-line projections; this one differs "
    "from the straight line.",
    "Nothing to fix if the local projection is deliberate; say why in the narrative.", "2.7")
FORMULA_CHANGED = Rule(
    "derived-formula-changed", WARNING, "A formula gives another value than the template's",
    "A cell the template calculates holds a formula of the workbook's own, and on the workbook's "
    "own figures it gives another value than the template's formula. (A formula written "
    "differently that gives the template's value is not reported.)",
    "Restore the template's formula (bcf-workbook fix does this).", "4.1")
FORMULA_NOT_EVALUATED = Rule(
    "formula-not-evaluated", INFO, "A formula the checks cannot evaluate",
    "A cell the template calculates holds a formula of the workbook's own that uses a function "
    "or refers to a cell the checks do not know; its saved value is used as it stands.",
    "Nothing, if the saved value is right; otherwise restore the template's formula.", "4.1")
RATE_NOT_RATIO = Rule(
    "rate-not-ratio", ERROR, "A rate differs from numerator / denominator",
    "A rate or percentage is not its numerator divided by its denominator (beyond display "
    "rounding).", "Restore the formula.", "4.8")
BENEFIT_TOTAL_NOT_PRODUCT = Rule(
    "benefit-total-not-product", ERROR, "A benefit's total is not change × unit price",
    "The total (saving) of a benefit row differs from its change in activity times its unit "
    "price.", "Restore the total's formula.", "4.6")
DERIVED_STALE = Rule(
    "derived-stale", WARNING, "A saved value is out of date",
    "The value saved in the file for a formula differs from what the formula gives: the workbook "
    "was not recalculated before it was saved.", "Recalculate (F9) and save again.", "4.1")

#: Rates shown to one decimal place: closer than this is display rounding.
DISPLAY_ROUNDING = 0.05
RATE_KEY = re.compile(r"^(metrics\.[a-z_]+\.(rate|percent)\.|p4p\.rate\.)")
BENEFIT_TOTAL_KEY = re.compile(r"^benefits\.[^.]+\.\d+\.total$")


@raises(DERIVED_OVERWRITTEN, DERIVED_OVERWRITTEN_SAME, PROJECTION_OVERWRITTEN, RATE_NOT_RATIO,
        BENEFIT_TOTAL_NOT_PRODUCT)
def typed_over(ctx: Context) -> Iterator[Finding]:
    for override in ctx.submission.overrides:
        if override.formula is None:
            yield _typed_over(ctx, override)


def _typed_over(ctx: Context, override: Override) -> Finding:
    key = override.key
    submitted = ctx.calculation.cells_submitted.get(key)
    intended = ctx.calculation.cells_intended.get(key)
    if RATE_KEY.match(key):
        rule = RATE_NOT_RATIO if _apart(submitted, intended, DISPLAY_ROUNDING) \
            else DERIVED_OVERWRITTEN_SAME
    elif BENEFIT_TOTAL_KEY.match(key):
        rule = BENEFIT_TOTAL_NOT_PRODUCT if not same(submitted, intended) \
            else DERIVED_OVERWRITTEN_SAME
    elif same(submitted, intended):
        rule = DERIVED_OVERWRITTEN_SAME
    elif key.startswith("projections."):
        rule = PROJECTION_OVERWRITTEN
    else:
        rule = DERIVED_OVERWRITTEN
    typed, formula = ctx.shown(key, submitted), ctx.shown(key, intended)
    what = "is blank" if submitted in (None, "") else f"holds the typed value {typed}"
    if rule is DERIVED_OVERWRITTEN_SAME:
        alike = "as the sheet shows it" if typed != formula else "the same"
        return ctx.finding(rule, [key], f"{described(key)} {what}; the template's formula gives "
                                        f"{formula}, {alike}, but a typed value will not follow "
                                        "changes to its inputs.", intended, submitted)
    return ctx.finding(rule, [key], f"{described(key)} {what}; the template's formula gives "
                                    f"{formula}.", intended, submitted)


@raises(FORMULA_CHANGED, FORMULA_NOT_EVALUATED)
def own_formulas(ctx: Context) -> Iterator[Finding]:
    calculation = ctx.calculation
    for override in ctx.submission.overrides:
        key = override.key
        if override.formula is None:
            continue
        if key in calculation.not_evaluated:
            yield ctx.finding(FORMULA_NOT_EVALUATED, [key],
                              f"{described(key)} holds the formula {override.formula}, which "
                              f"{calculation.not_evaluated[key]}; its saved value "
                              f"{ctx.shown(key, override.value)} is used.", actual=override.value)
            continue
        own, intended = calculation.own_formulas.get(key), calculation.cells_intended.get(key)
        if not _equivalent(own, intended):
            yield ctx.finding(FORMULA_CHANGED, [key],
                              f"{described(key)} holds the formula {override.formula}, which "
                              f"gives {ctx.shown(key, own)} on this workbook's figures; the template's "
                              f"formula gives {ctx.shown(key, intended)}.", intended, own)


def _equivalent(own: Any, intended: Any) -> bool:
    """The same figure: numbers agree to the last few digits (formulas written
    differently round differently), and blank and 0 are the same amount."""
    return same(own, intended) or _amount(own) == _amount(intended) == 0.0


def _amount(value: Any) -> float | None:
    return 0.0 if value in ("", None) else as_number(value)


def _apart(a: Any, b: Any, tolerance: float) -> bool:
    x, y = as_number(a), as_number(b)
    if x is None or y is None:
        return not same(a, b)
    return abs(x - y) > tolerance


@raises(DERIVED_STALE)
def stale(ctx: Context) -> Iterator[Finding]:
    if ctx.cached is None:
        return
    typed = {override.key for override in ctx.submission.overrides if override.formula is None}
    for key, cached in ctx.cached.items():
        if key in typed or cached is None or key in ctx.calculation.not_evaluated:
            continue
        computed = ctx.calculation.cells_submitted.get(key)
        if not same(_cell(cached), _cell(computed)):
            yield ctx.finding(DERIVED_STALE, [key],
                              f"{described(key)} was saved as {ctx.shown(key, cached)} but its formula "
                              f"gives {ctx.shown(key, computed)}.", computed, cached)


def _cell(value: Any) -> Any:
    return str(value) if value is not None and not isinstance(value, (int, float, str)) else value
