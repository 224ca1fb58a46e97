"""Sheet 7: the straight-line 'no BCF' projections of each metric."""

from __future__ import annotations

from ... import periods
from .._elements import (
    CellSpec,
    Derived,
    Grid,
    Header,
    Item,
    Page,
    Prepopulated,
    Sheet,
    Text,
    Type,
    Words,
    grid_row,
    letters,
    words,
)
from .._recipes import ratio, ref, when_numbers
from .names import PROJECTIONS, SCALE_PERCENT, SCALE_RATE

_KNOWN = periods.NON_ELECTIVE_HISTORY_QUARTERS + periods.P4P_BASELINE_QUARTERS
_COUNT_COLUMNS = dict(zip(periods.DTOC_QUARTERS, letters("D", 12)))
_PROJECTED_COLUMNS = dict(zip(periods.PROJECTION_QUARTERS, letters("D", 5)))
_YEARS = (*periods.HISTORY_YEARS, *periods.METRIC_YEARS)
_YEAR_COLUMNS = dict(zip(_YEARS, letters("D", 5)))
_YEAR_KINDS = dict(zip(_YEARS, ("Historic", "historic", "baseline", "Projected", "Projected")))
_MONTHS = periods.dtoc_history_months(12)
_DTOC_QUARTER_COLUMNS = dict(zip(periods.DTOC_PROJECTED_QUARTERS, letters("D", 8)))
#: The delayed transfers' block, printed on a page of its own.
DELAYED_TRANSFERS_ROW = 48


def _positions(count: int) -> str:
    """An array constant of the known points' positions, 1 to ``count``."""
    return "{" + ",".join(str(number) for number in range(1, count + 1)) + "}"


def _short_quarter(quarter: str) -> Words:
    """'Q1 13/14' as the projections head it: '13-14 Q1'."""
    number, year = quarter.split()
    return words(f"{year.replace('/', '-')} {number}", quarter)


def _non_elective() -> tuple[Item, ...]:
    quarters = periods.DTOC_QUARTERS
    history = periods.NON_ELECTIVE_HISTORY_QUARTERS

    def key(name: str, quarter: str) -> str:
        return f"projections.non_elective.{name}.{quarter}"

    def count(quarter: str) -> CellSpec:
        if quarter in history:
            return Prepopulated(f"hwb.projection_history.non_elective.{quarter}", Type.COUNT,
                                key("count", quarter))
        if quarter in periods.P4P_BASELINE_QUARTERS:
            return Derived(ref(f"p4p.numerator.{quarter}"), Type.COUNT, key("count", quarter))
        known = ref(f"{key('count', _KNOWN[0])}:{key('count', _KNOWN[-1])}")
        return Derived(
            f'IF(COUNT({known})<{len(_KNOWN)},"",'
            f"ROUND(TREND({known},{_positions(len(_KNOWN))},{quarters.index(quarter) + 1}),0))",
            Type.COUNT, key("count", quarter))

    def group(quarter: str) -> Words:
        if quarter in history:
            return words("Historic")
        return words("Baseline" if quarter in periods.P4P_BASELINE_QUARTERS else "Projection")

    counts = Grid(8, {q: (_COUNT_COLUMNS[q], Header(_short_quarter(q), group(q))) for q in quarters}, (
        grid_row(9, "No. of admissions - historic and projected", quarters, count),
    ), title="Non-elective admissions")
    projected = periods.PROJECTION_QUARTERS

    def year_of(quarter: str) -> Words:
        year = "20" + quarter.split()[1].replace("/", "-")
        return words(year if quarter != projected[0] else "2014-2015", year)

    rates = Grid(15, {q: (_PROJECTED_COLUMNS[q], Header(words(q.split()[0]), year_of(q)))
                      for q in projected}, (
        grid_row(16, "Quarterly rate", projected, lambda q: Derived(
            ratio(key("numerator", q), key("denominator", q), SCALE_RATE), Type.RATE,
            key("rate", q))),
        grid_row(17, "Numerator", projected, lambda q: Derived(
            when_numbers([key("count", q)], ref(key("count", q))), Type.COUNT, key("numerator", q))),
        grid_row(18, "Denominator", projected, lambda q: Prepopulated(
            f"hwb.population_all_age.{periods.quarter_calendar_year(q)}", Type.COUNT,
            key=key("denominator", q))),
    ), title="Non-elective admissions: projected rates")
    description = words("Total non-elective admissions (general & acute), all-age")
    return (
        Text("B5", words("Non-elective admissions (general and acute)"), "heading", anchor=True),
        Text("B7", words("Metric"), "header"),
        Text("B9", description, "metric"),
        counts,
        Text("B14", words("Metric"), "header"),
        Text("C14", words("Projected"), "header"),
        Text("B16", description, "metric", rows=3),
        rates,
        Text("B20", words("* The projected rates are based on annual population projections and "
                          "therefore will not change linearly"), "note"),
    )


def _rate_projection(metric: str, heading_row: int, title: str, description: str,
                     value_name: str, value_label: str, scale: int, note: str) -> tuple[Item, ...]:
    history = periods.HISTORY_YEARS
    base = periods.BASELINE_YEAR
    header_row = heading_row + 3

    def key(name: str, year: str) -> str:
        return f"projections.{metric}.{name}.{year}"

    def metric_key(name: str, year: str) -> str:
        return f"metrics.{metric}.{name}.{year}"

    def value(year: str) -> CellSpec:
        if year in history:
            return Prepopulated(f"hwb.projection_history.{metric}.{year}.value", Type.RATE,
                                key(value_name, year))
        if year == base:
            return Derived(ref(metric_key(value_name, base)), Type.RATE, key(value_name, year))
        known = ref(f"{key(value_name, history[0])}:{key(value_name, base)}")
        return Derived(f'IF(COUNT({known})<3,"",TREND({known},{_positions(3)},'
                       f"{_YEARS.index(year) + 1}))", Type.RATE, key(value_name, year))

    def denominator_of(year: str) -> str:
        # Reablement assumes the number offered reablement stays at baseline.
        return metric_key("denominator", base if scale == SCALE_PERCENT else year)

    def part(name: str, year: str) -> CellSpec:
        if year in history:
            return Prepopulated(f"hwb.projection_history.{metric}.{year}.{name}", Type.COUNT,
                                key(name, year))
        if year == base:
            source = metric_key(name, base)
            return Derived(when_numbers([source], ref(source)), Type.COUNT, key(name, year))
        if name == "denominator":
            return Derived(when_numbers([denominator_of(year)], ref(denominator_of(year))),
                           Type.COUNT, key(name, year))
        return Derived(when_numbers((key(value_name, year), denominator_of(year)),
                                    f"ROUND({ref(key(value_name, year))}*"
                                    f"{ref(denominator_of(year))}/{scale},0)"),
                       Type.COUNT, key(name, year))

    grid = Grid(header_row, {year: (_YEAR_COLUMNS[year], Header(words(
        periods.year_heading(year), year))) for year in _YEARS}, (
        grid_row(header_row + 2, value_label, _YEARS, value),
        grid_row(header_row + 3, "Numerator", _YEARS, lambda y: part("numerator", y)),
        grid_row(header_row + 4, "Denominator", _YEARS, lambda y: part("denominator", y)),
    ), title=title)
    return (
        Text(f"B{heading_row}", words(title), "heading", anchor=True),
        Text(f"B{header_row}", words("Metric"), "header"),
        Text(f"C{header_row}", words("Historic"), "header"),
        *(Text(f"{_YEAR_COLUMNS[year]}{header_row + 1}", words(kind), "header")
          for year, kind in _YEAR_KINDS.items()),
        Text(f"B{header_row + 2}", words(description), "metric", rows=3),
        grid,
        Text(f"B{header_row + 8}", words(note), "note"),
    )


def _delayed_transfers() -> tuple[Item, ...]:
    known = periods.DTOC_HISTORY_MONTHS
    quarters = periods.DTOC_PROJECTED_QUARTERS

    def key(name: str, period: str) -> str:
        return f"projections.delayed_transfers.{name}.{period}"

    def middle_position(quarter: str) -> int:
        return periods.month_position(*periods.quarter_months(quarter)[1])

    days = ref(f"{key('days', known[0])}:{key('days', known[-1])}")
    history = Grid(50, {month: (letter, Header(words(month))) for month, letter
                        in zip(_MONTHS, letters("D", len(_MONTHS)))}, (
        grid_row(51, "Historic and projected delayed transfers", known, lambda m: Prepopulated(
            f"hwb.projection_history.delayed_transfers_monthly.{m}", Type.COUNT, key("days", m))),
    ), title="Delayed transfers")

    def year_of(quarter: str) -> Words:
        return words("20" + quarter.split()[1].replace("/", "-"))

    # The sum of a straight line over a quarter's three months is three times
    # its value at the middle month.
    projected = Grid(56, {q: (_DTOC_QUARTER_COLUMNS[q], Header(words(q.split()[0]), year_of(q)))
                          for q in quarters}, (
        grid_row(57, "Quarterly rate", quarters, lambda q: Derived(
            ratio(key("numerator", q), key("denominator", q), SCALE_RATE), Type.RATE,
            key("rate", q))),
        grid_row(58, "Numerator", quarters, lambda q: Derived(
            f'IF(COUNT({days})<{len(known)},"",3*TREND({days},{_positions(len(known))},'
            f"{middle_position(q)}))", Type.NUMBER, key("numerator", q))),
        grid_row(59, "Denominator", quarters, lambda q: Prepopulated(
            f"hwb.population_18_plus.{periods.quarter_calendar_year(q)}", Type.COUNT,
            key=key("denominator", q))),
    ), title="Delayed transfers: projected rates")
    return (
        Text(f"B{DELAYED_TRANSFERS_ROW}", words("Delayed transfers"), "heading", anchor=True),
        Text("B50", words("Metric"), "header"),
        Text("C50", words("Historic"), "header"),
        Text("B51", words("Delayed transfers of care (delayed days) from hospital"), "metric"),
        history,
        Text("B55", words("Metric"), "header"),
        Text("C55", words("Projected rates*"), "header"),
        Text("B57", words("Delayed transfers of care (delayed days) from hospital per 100,000 "
                          "population (aged 18+)"), "metric", rows=3),
        projected,
    )


def projections_sheet() -> Sheet:
    return Sheet(PROJECTIONS, (
        Text("B1", words(
            "To support finalisation of plans, we have provided *estimates* of future performance, "
            "based on a simple 'straight line' projection of historic data for each metric. We "
            "recognise that these are crude methodologies, but it may be useful to consider when "
            "setting your plans for each of the national metrics in 2014/15 and 2015/16. As part "
            "of the assurance process centrally we will be looking at plans compared to the "
            "counterfactual (what the performance might have been if there was no BCF)."),
            "guidance", span=14),
        Text("B3", words("No cells need to be completed in this tab. However, 2014-15 and 2015-16 "
                         "projected counts for each metric can be overwritten (white cells) if "
                         "areas wish to set their own projections."), "instruction", span=14),
        *_non_elective(),
        *_rate_projection("residential_admissions", 22, "Residential admissions",
                          "Permanent admissions of older people (aged 65 and over) to residential "
                          "and nursing care homes, per 100,000 population", "rate",
                          "Historic and projected annual rate", SCALE_RATE,
                          "This is based on a simple projection of the metric proportion."),
        *_rate_projection("reablement", 35, "Reablement",
                          "Proportion of older people (65 and over) who were still at home 91 days "
                          "after discharge from hospital into reablement / rehabilitation services",
                          "percent", "Historic and projected annual %", SCALE_PERCENT,
                          "This is based on a simple projection of the metric proportion, and an "
                          "unchanging denominator (number of people offered reablement)"),
        *_delayed_transfers(),
    ), widths=(2, 46, 20, *(11,) * 12), page=Page(
        freeze="C4", breaks=(DELAYED_TRANSFERS_ROW,), hwb_in_header=True))
