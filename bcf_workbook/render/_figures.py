"""How reports show figures: numbers with thousands separators and units,
ratings by name, counts in words, cell references as a spreadsheet user
writes them."""

from __future__ import annotations

from typing import Any

from .._text import as_number
from ..findings import Finding
from ..layout import _units as units
from ..layout import keys

#: The key figures shown for each HWB: heading, key and unit. Money is in the
#: unit of the tab it comes from: £000 on the finance tabs, £ on HWB P4P.
KEY_FIGURES = (
    ("Contributions 2015/16", keys.FUNDING_TOTAL("2015/16"), "£000"),
    ("Spend 2015/16", keys.EXPENDITURE_TOTAL("2015/16"), "£000"),
    ("P4P change", keys.P4P_CHANGE_PCT, "%"),
    ("P4P saving", keys.P4P_SAVING, "£"),
    ("Shortfall", keys.SHORTFALL, "£"),
)
#: The ratings shown for each HWB: heading and key.
RATINGS = (("P4P", keys.P4P_RATING),
           ("Residential 15/16", keys.METRIC_RATING("residential_admissions", "2015/16")),
           ("Reablement 15/16", keys.METRIC_RATING("reablement", "2015/16")),
           ("Delayed transfers 15/16", keys.METRIC_RATING("delayed_transfers", "2015/16")))
RAG = ("red", "amber", "green")
MONEY = ("£", "£000")



def number(value: Any, unit: str = "") -> str:
    """A figure as a reader expects it: '10,390', '-1.0%', '596.61'; text as it
    is; blank for nothing. ``unit`` '%' shows a fraction as a percentage; money
    ('£', '£000') is shown in whole units."""
    figure = as_number(value)
    if figure is None:
        return "" if value is None else str(value)
    if unit == "%":
        return f"{figure + 0.0:.1%}"
    if unit in MONEY or figure.is_integer():
        return f"{figure:,.0f}"
    if abs(figure) >= 1:
        return f"{figure:,.2f}"
    return f"{figure:.3g}"


#: How money and rates are written around their figure (a unit of
#: :mod:`bcf_workbook.layout._units`): before it and after it.
_UNIT_WORDS = {units.POUNDS: ("£", ""), units.THOUSANDS: ("", " (£000)"), units.RATE: ("", " per 100,000")}
#: Significant digits of a figure shown ``exact``: a double's, less its noise.
_EXACT_DIGITS = 12


def with_unit(value: Any, unit: str | None, exact: bool = False) -> str:
    """A figure and its unit (a unit of :mod:`bcf_workbook.layout._units`):
    '£249,000', '10,390 (£000)', '596.61 per 100,000', '76.9%' (of 76.92 on
    the 0-100 scale), '3.5%' (of the fraction 0.035), '158' (a count); text as
    :func:`number` shows it. ``exact`` keeps the digits that rounding to the
    reports' precision drops."""
    figure = as_number(value)
    if figure is None:
        return number(value)
    if unit in (units.PERCENT, units.FRACTION):
        share = figure if unit == units.FRACTION else figure / 100
        return f"{share * 100:,.{_EXACT_DIGITS}g}%" if exact else number(share, "%")
    shown = f"{figure:,.{_EXACT_DIGITS}g}" if exact else number(figure, unit or "")
    before, after = _UNIT_WORDS.get(unit or "", ("", ""))
    sign, digits = ("-", shown[1:]) if shown.startswith("-") else ("", shown)
    return f"{sign}{before}{digits}{after}"


def finding_figure(finding: Finding, value: Any) -> str:
    """An expected or submitted figure of a finding, as a percentage when the
    finding is about a % change."""
    percent = bool(finding.keys) and "_pct" in finding.keys[0]
    return number(value, "%" if percent else "")
