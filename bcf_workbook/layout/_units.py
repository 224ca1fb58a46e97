"""The unit of every figure, said once: the JSON export, the figures
DataFrame, the national roll-up and the national workbook all ask here.

Money is in its tab's unit: £000 on the finance tabs (funding, expenditure,
summary) and £ on benefits, the P4P metric and HWB P4P, except the Summary's
minimum pooled budget, which the template prints in £. The reablement
"percent" figures are on a 0-100 scale (numerator / denominator x 100); shares
are fractions (0.035 is 3.5%).
"""

from __future__ import annotations

from typing import Any

from .._text import as_number
from ._elements import CellSpec, Type
from ._sheets import BENEFITS, EXPENDITURE, FUNDING, HWB_P4P, P4P, SUMMARY

POUNDS = "£"
THOUSANDS = "£000"
COUNT = "count"
RATE = "rate per 100,000"
PERCENT = "%"
FRACTION = "fraction"
NUMBER = "number"

#: Every unit a figure can have, for an ordered column of units.
UNITS = (POUNDS, THOUSANDS, COUNT, RATE, PERCENT, FRACTION, NUMBER)

#: What each unit means, for exports and workbooks that state their units.
MEANINGS = {
    POUNDS: "pounds sterling",
    THOUSANDS: "thousands of pounds sterling",
    COUNT: "a number of people, admissions, days or population",
    RATE: "per 100,000 population",
    PERCENT: "per cent, on a 0-100 scale (76.9 is 76.9%)",
    FRACTION: "a share as a fraction (0.035 is 3.5%)",
    NUMBER: "a number in the metric's own unit (activity measures, local metrics)",
}

MONEY_BY_SHEET = {FUNDING: THOUSANDS, EXPENDITURE: THOUSANDS, SUMMARY: THOUSANDS,
                  BENEFITS: POUNDS, P4P: POUNDS, HWB_P4P: POUNDS}
#: Money held in another unit than its tab's, by key prefix.
MONEY_BY_KEY = {"summary.minimum_pooled_budget.": POUNDS}
#: Rates whose key has this part are percentages on a 0-100 scale, not per 100,000.
PERCENT_PART = "percent"

_BY_TYPE = {Type.COUNT: COUNT, Type.SHARE: FRACTION, Type.NUMBER: NUMBER}

#: How many decimal places a total in pounds keeps: to the penny, which
#: removes the float noise of adding up (217222.10000000003 -> 217222.1).
POUNDS_DECIMALS = 2
ROUNDING = ("money totals in £ rounded to the penny (2 decimal places), in £000 to the pound "
            "(3 decimal places); counts to 2 decimal places; figures of single submissions are "
            "as the workbook calculates them, unrounded")


def unit(spec: CellSpec, sheet: str, key: str) -> str | None:
    """The unit of the figure at ``key``; None for text, choices, ratings and flags."""
    if spec.type is Type.MONEY:
        for prefix, money in MONEY_BY_KEY.items():
            if key.startswith(prefix):
                return money
        return MONEY_BY_SHEET.get(sheet, POUNDS)
    if spec.type is Type.RATE:
        return PERCENT if PERCENT_PART in key.split(".") else RATE
    return _BY_TYPE.get(spec.type)


def in_pounds(value: float, unit_of_value: str) -> float:
    """A sum of money in £, from its unit."""
    return value * 1000 if unit_of_value == THOUSANDS else value


def rounded(value: Any, unit_of_value: str | None) -> Any:
    """A total without float noise, to the precision :data:`ROUNDING` states."""
    if not isinstance(value, float):
        return value
    decimals = 3 if unit_of_value == THOUSANDS else POUNDS_DECIMALS
    return round(value, decimals) + 0.0


# --- figures as people read them, with their units -------------------------------

MONEY = (POUNDS, THOUSANDS)


def number(value: Any, unit: str = "") -> str:
    """A figure as a reader expects it: '10,390', '-1.0%', '596.61'; text as it
    is; blank for nothing. ``unit`` '%' shows a fraction as a percentage; money
    ('£', '£000') is shown in whole units."""
    figure = as_number(value)
    if figure is None:
        return "" if value is None else str(value)
    if unit == "%":
        return f"{figure + 0.0:.1%}"
    if unit == RATE:
        return f"{figure:,.2f}"  # 813.00 beside 812.67, not 813
    if unit in MONEY or figure.is_integer():
        return f"{figure:,.0f}"
    if abs(figure) >= 1:
        return f"{figure:,.2f}"
    return f"{figure:.3g}"


#: How money and rates are written around their figure : before it and after it.
_UNIT_WORDS = {POUNDS: ("£", ""), THOUSANDS: ("", " (£000)"), RATE: ("", " per 100,000")}
#: Significant digits of a figure shown ``exact``: a double's, less its noise.
_EXACT_DIGITS = 12


def with_unit(value: Any, unit: str | None, exact: bool = False) -> str:
    """A figure and its unit (a unit of this module):
    '£249,000', '10,390 (£000)', '596.61 per 100,000', '76.9%' (of 76.92 on
    the 0-100 scale), '3.5%' (of the fraction 0.035), '158' (a count); text as
    :func:`number` shows it. ``exact`` keeps the digits that rounding to the
    reports' precision drops."""
    figure = as_number(value)
    if figure is None:
        return number(value)
    if unit in (PERCENT, FRACTION):
        share = figure if unit == FRACTION else figure / 100
        return f"{share * 100:,.{_EXACT_DIGITS}g}%" if exact else number(share, "%")
    shown = f"{figure:,.{_EXACT_DIGITS}g}" if exact else number(figure, unit or "")
    before, after = _UNIT_WORDS.get(unit or "", ("", ""))
    sign, digits = ("-", shown[1:]) if shown.startswith("-") else ("", shown)
    return f"{sign}{before}{digits}{after}"
