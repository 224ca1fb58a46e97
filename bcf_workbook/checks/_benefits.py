"""Section 4.6: the benefits plan."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from .. import periods
from .._addresses import cell_address
from .._text import as_number, parse_number
from ..choices import BenefitType
from ..findings import ERROR, INFO, WARNING, Finding, Rule
from ..layout import Kind, Type, keys, placement_for
from ..model import Unreadable
from ._context import Context, described, figure, money, zero
from ._registry import raises

BENEFIT_WITHOUT_FIGURES = Rule(
    "benefit-without-figures", WARNING, "A benefit without figures",
    "A benefit row names schemes but gives no change in activity or no unit price, so it saves "
    "nothing.", "Give both figures, or remove the row.", "4.6")
NON_ELECTIVE_UNIT_PRICE = Rule(
    "non-elective-unit-price", WARNING, "Non-elective unit price other than the national cost",
    "A non-elective benefit is priced other than at the national average cost of a non-elective "
    "admission (£1,490).", "Use £1,490, or explain the local price.", "4.6")
BENEFIT_DOUBLE_COUNTING = Rule(
    "benefit-double-counting", WARNING, "Benefits counted twice",
    "For the same benefit type and organisation there are both an 'Aggregated benefit of "
    "schemes' row and per-scheme rows.",
    "Give either the aggregated row or the per-scheme rows, not both.", "4.6, 2.4")
NON_ELECTIVE_SAVING_NOT_P4P = Rule(
    "non-elective-saving-not-p4p", ERROR, "Non-elective savings differ from the P4P saving",
    "The 2015/16 non-elective savings of the benefits plan are more than 5% away from the P4P "
    "annual saving.", "Make the benefits plan agree with the P4P metric.", "4.6")
NUMBER_IN_TEXT_COLUMN = Rule(
    "number-in-text-column", WARNING, "A number in a text column",
    "A column that holds text (names, explanations) holds a number.",
    "Move the number to the column it belongs to.", "4.6")
STRAY_VALUE = Rule(
    "stray-value", WARNING, "A value where the template has none",
    "A value was typed into a cell the template leaves empty, such as the total row under a text "
    "column.", "Remove it, or move it where it belongs.", "4.6")
TOTALS_OF_UNLIKE_UNITS = Rule(
    "benefit-totals-of-unlike-units", INFO, "The benefits plan totals activity and unit prices",
    "The total rows of the benefits plan also add up the change in activity and the unit prices, "
    "as the original template did. Each row measures a different thing (admissions, bed days, "
    "people), so these totals mean nothing; only the total saving is used.",
    "Nothing to do; the figures are not used.", "2.4")

P4P_SAVING_TOLERANCE = 0.05
AGGREGATED = "aggregated benefit"
#: Total-row columns the original template also added up.
UNLIKE_UNITS = ("change", "unit_price")
BENEFIT_TABLE = re.compile(r"^benefits\.[^.]+$")


@raises(BENEFIT_WITHOUT_FIGURES, NON_ELECTIVE_UNIT_PRICE, BENEFIT_DOUBLE_COUNTING,
        NON_ELECTIVE_SAVING_NOT_P4P)
def benefits(ctx: Context) -> Iterator[Finding]:
    unit_cost = ctx.number(keys.P4P_UNIT_COST)
    for year in periods.YEARS:
        groups: dict[tuple[Any, Any], set[bool]] = {}
        for index, row in enumerate(ctx.submission.benefits[year]):
            def key(column: str, year: str = year, index: int = index) -> str:
                return keys.table_cell(f"benefits.{year}", index, column)
            if row.schemes and (as_number(row.change) is None or as_number(row.unit_price) is None):
                yield ctx.finding(BENEFIT_WITHOUT_FIGURES, [key("change"), key("unit_price")],
                                  f"{year} benefit {index + 1} ({_label(row.benefit_type)}) names "
                                  "schemes but has no change in activity or no unit price.")
            price = as_number(row.unit_price)
            if (row.benefit_type is BenefitType.NON_ELECTIVE and price is not None
                    and unit_cost is not None and price != unit_cost):
                yield ctx.finding(NON_ELECTIVE_UNIT_PRICE, [key("unit_price")],
                                  f"{year} benefit {index + 1} prices a non-elective admission at "
                                  f"£{figure(price)}, not the national £{figure(unit_cost)}.",
                                  unit_cost, price)
            if row.benefit_type is not None and row.schemes:
                aggregated = AGGREGATED in row.schemes.casefold()
                groups.setdefault((row.benefit_type, row.organisation), set()).add(aggregated)
        for (benefit, organisation), kinds in groups.items():
            if kinds == {True, False}:
                yield ctx.finding(BENEFIT_DOUBLE_COUNTING, [keys.BENEFITS_SAVING(year)],
                                  f"{year}: '{_label(benefit)}' for '{_label(organisation)}' is "
                                  "given both as an aggregated row and per scheme.")
    yield from _non_elective_saving(ctx)


def _label(value: Any) -> str:
    return getattr(value, "value", None) or (value.text if isinstance(value, Unreadable) else
                                              str(value))


def _non_elective_saving(ctx: Context) -> Iterator[Finding]:
    if ctx.broken(keys.SUMMARY_BENEFITS("non_elective", "2015/16"), keys.P4P_SAVING):
        return
    planned = zero(ctx.number(keys.SUMMARY_BENEFITS("non_elective", "2015/16"))) * 1000
    p4p = ctx.number(keys.P4P_SAVING)
    if p4p is None or (p4p == 0 and planned == 0):
        return
    if abs(planned - p4p) > P4P_SAVING_TOLERANCE * max(abs(p4p), abs(planned)):
        yield ctx.finding(NON_ELECTIVE_SAVING_NOT_P4P,
                          [keys.SUMMARY_BENEFITS("non_elective", "2015/16"), keys.P4P_SAVING],
                          f"2015/16 non-elective savings in the benefits plan are £{money(planned)} "
                          f"but the P4P annual saving is £{money(p4p)}.", p4p, planned)


@functools.cache
def _text_fields() -> frozenset[str]:
    return frozenset(_pattern(cell.key) for cell in placement_for({})
                     if cell.spec.kind is Kind.INPUT and cell.spec.type is Type.TEXT
                     and not cell.key.endswith("contact_phone"))


def _pattern(key: str) -> str:
    return re.sub(r"\.\d+\.", ".#.", key)


@raises(NUMBER_IN_TEXT_COLUMN)
def text_columns(ctx: Context) -> Iterator[Finding]:
    text_fields = _text_fields()
    for key, leaf in ctx.leaves.items():
        if isinstance(leaf, str) and _pattern(key) in text_fields \
                and parse_number(leaf) is not None:
            yield ctx.finding(NUMBER_IN_TEXT_COLUMN, [key],
                              f"{described(key)} is a text column but holds the number {leaf}.",
                              actual=leaf)


@raises(STRAY_VALUE, TOTALS_OF_UNLIKE_UNITS)
def stray_values(ctx: Context) -> Iterator[Finding]:
    unlike: list[tuple[str, tuple[str, ...], str, Any]] = []
    for key, value in ctx.submission.stray.items():
        table_key, _, column = key.partition(".total_row.")
        placed = ctx.table(table_key)
        cells: tuple[str, ...] = ()
        sheet = ""
        if placed is not None and column in placed.columns:
            sheet = placed.sheet
            cells = (cell_address(placed.total_row, placed.columns[column]),)
        if BENEFIT_TABLE.match(table_key) and column in UNLIKE_UNITS:
            unlike.append((sheet, cells, key, value))
            continue
        label = placed.table.column(column).header if placed is not None else None
        heading = label.words.text if label is not None else column
        table = placed.table.description if placed is not None and placed.table.description else table_key
        yield ctx.finding_at(STRAY_VALUE, sheet, cells, [key],
                             f"The total row of '{table}' holds {figure(value)} under "
                             f"'{heading}', where the template has nothing.", value)
    if unlike:
        figures = ", ".join(figure(value) for _, _, _, value in unlike)
        yield ctx.finding_at(TOTALS_OF_UNLIKE_UNITS, unlike[0][0],
                             tuple(cell for _, cells, _, _ in unlike for cell in cells),
                             [key for _, _, key, _ in unlike],
                             f"The benefits plan's total rows also add up the change in activity "
                             f"and the unit prices ({figures}); these mix admissions, bed days "
                             "and prices and mean nothing. Only the total saving is used.")
