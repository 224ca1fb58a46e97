"""Sheet 7: the straight-line 'no BCF' projections."""

from __future__ import annotations

from ... import periods
from ..elements import (
    CellSpec,
    Derived,
    Fixed,
    Grid,
    Note,
    Prepopulated,
    Sheet,
    Type,
    row,
)
from ..recipes import (
    ratio,
    ref,
    when_numbers,
)
from .names import PROJECTIONS, SCALE_PERCENT, SCALE_RATE

# --- 7. Projections ----------------------------------------------------------------

def _non_elective_projection() -> Grid:
    quarters = periods.DTOC_QUARTERS
    history = periods.NON_ELECTIVE_HISTORY_QUARTERS
    known = history + periods.P4P_BASELINE_QUARTERS

    def key(name: str, quarter: str) -> str:
        return f"projections.non_elective.{name}.{quarter}"

    def count(quarter: str) -> CellSpec:
        if quarter in history:
            return Prepopulated(f"hwb.projection_history.non_elective.{quarter}", Type.COUNT,
                                key("count", quarter))
        if quarter in periods.P4P_BASELINE_QUARTERS:
            return Derived(ref(f"p4p.numerator.{quarter}"), Type.COUNT, key("count", quarter))
        counts = f"{key('count', known[0])}:{key('count', known[-1])}"
        positions = f"{key('position', known[0])}:{key('position', known[-1])}"
        return Derived(
            f'IF(COUNT({ref(counts)})<{len(known)},"",'
            f"ROUND(TREND({ref(counts)},{ref(positions)},{ref(key('position', quarter))}),0))",
            Type.COUNT, key("count", quarter))

    return Grid("Non-elective admissions: projected counts and rates per 100,000", "Quarter",
                {q: q for q in quarters}, (
                    row("Position", quarters, lambda q: Fixed(quarters.index(q) + 1, Type.COUNT,
                                                              key("position", q))),
                    row("Admissions", quarters, count),
                    row("Projected rate", periods.PROJECTION_QUARTERS, lambda q: Derived(
                        ratio(key("count", q), f"p4p.denominator.{q}", SCALE_RATE), Type.RATE,
                        key("rate", q))),
                ))


def _rate_projection(metric: str, value_name: str, scale: int, title: str) -> Grid:
    history = periods.HISTORY_YEARS
    years = (*history, *periods.METRIC_YEARS)
    base = periods.BASELINE_YEAR

    def key(name: str, year: str) -> str:
        return f"projections.{metric}.{name}.{year}"

    def history_cell(name: str, year: str, made: CellSpec | None) -> CellSpec | None:
        if year in history:
            source = "value" if name == value_name else name
            return Prepopulated(f"hwb.projection_history.{metric}.{year}.{source}",
                                Type.RATE if name == value_name else Type.COUNT, key(name, year))
        return made

    def value(year: str) -> CellSpec | None:
        if year == base:
            return Derived(ref(f"metrics.{metric}.{value_name}.{base}"), Type.RATE,
                           key(value_name, year))
        values = f"{key(value_name, history[0])}:{key(value_name, base)}"
        positions = f"{key('position', history[0])}:{key('position', base)}"
        return history_cell(value_name, year, Derived(
            f'IF(COUNT({ref(values)})<3,"",TREND({ref(values)},{ref(positions)},'
            f"{ref(key('position', year))}))", Type.RATE, key(value_name, year)))

    def denominator_of(year: str) -> str:
        # Reablement assumes the number offered reablement stays at baseline.
        return f"metrics.{metric}.denominator.{base if scale == SCALE_PERCENT else year}"

    def numerator(year: str) -> CellSpec | None:
        if year == base:
            return None
        return history_cell("numerator", year, Derived(
            when_numbers((key(value_name, year), denominator_of(year)),
                         f"ROUND({ref(key(value_name, year))}*{ref(denominator_of(year))}/{scale},0)"),
            Type.COUNT, key("numerator", year)))

    def denominator(year: str) -> CellSpec | None:
        if year == base:
            return None
        return history_cell("denominator", year, Derived(
            when_numbers([denominator_of(year)], ref(denominator_of(year))), Type.COUNT,
            key("denominator", year)))

    label = "Rate per 100,000" if scale == SCALE_RATE else "Percentage"
    return Grid(title, "Year", {y: y for y in years}, (
        row("Position", years, lambda y: Fixed(years.index(y) + 1, Type.COUNT, key("position", y))),
        row(label, years, value),
        row("Numerator", years, numerator),
        row("Denominator", years, denominator),
    ))


def _delayed_transfers_projection() -> tuple[Grid, Grid]:
    months = periods.DTOC_HISTORY_MONTHS
    quarters = periods.DTOC_PROJECTED_QUARTERS

    def month_key(name: str, month: str) -> str:
        return f"projections.delayed_transfers.{name}.{month}"

    def key(name: str, quarter: str) -> str:
        return f"projections.delayed_transfers.{name}.{quarter}"

    def middle_position(quarter: str) -> int:
        return periods.month_position(*periods.quarter_months(quarter)[1])

    days = f"{month_key('days', months[0])}:{month_key('days', months[-1])}"
    positions = f"{month_key('month_position', months[0])}:{month_key('month_position', months[-1])}"
    history = Grid("Delayed transfers of care: monthly delayed days (history)", "Month",
                   {m: m for m in months}, (
                       row("Position", months, lambda m: Fixed(months.index(m) + 1, Type.COUNT,
                                                               month_key("month_position", m))),
                       row("Delayed days", months, lambda m: Prepopulated(
                           f"hwb.projection_history.delayed_transfers_monthly.{m}", Type.COUNT,
                           month_key("days", m))),
                   ))
    # The sum of a straight line over a quarter's three months is three times
    # its value at the middle month.
    projected = Grid("Delayed transfers of care: projected quarterly delayed days", "Quarter",
                     {q: q for q in quarters}, (
                         row("Middle month position", quarters, lambda q: Fixed(
                             middle_position(q), Type.COUNT, key("middle_position", q))),
                         row("Projected delayed days", quarters, lambda q: Derived(
                             f'IF(COUNT({ref(days)})<{len(months)},"",'
                             f"3*TREND({ref(days)},{ref(positions)},"
                             f"{ref(key('middle_position', q))}))", Type.NUMBER,
                             key("numerator", q))),
                         row("Projected rate per 100,000", quarters, lambda q: Derived(
                             ratio(key("numerator", q), f"metrics.delayed_transfers.denominator.{q}",
                                   SCALE_RATE), Type.RATE, key("rate", q))),
                     ))
    return history, projected


def projections_sheet() -> Sheet:
    return Sheet(PROJECTIONS, "Projections: straight-line 'no BCF' counterfactuals", (
        Note("Projected cells are derived but may be overwritten by the HWB."),
        _non_elective_projection(),
        _rate_projection("residential_admissions", "rate", SCALE_RATE,
                         "Permanent admissions of older people to residential care"),
        _rate_projection("reablement", "percent", SCALE_PERCENT,
                         "Older people still at home 91 days after reablement"),
        *_delayed_transfers_projection(),
    ), widths=(2, 34, *(11,) * 12))
