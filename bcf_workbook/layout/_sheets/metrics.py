"""Sheet 6: the supporting metrics and their ratings."""

from __future__ import annotations

from collections.abc import Callable

from ... import periods
from ...choices import RATING_DESCRIPTIONS, SUPPORTING_GREEN_DESCRIPTION, Direction, Rating
from .._elements import (
    CellSpec,
    Derived,
    Field,
    Grid,
    GridRow,
    Header,
    Input,
    Item,
    Page,
    Prepopulated,
    Sheet,
    Text,
    Type,
    grid_row,
    letters,
    words,
)
from .._recipes import all_numbers, change, non_negative, rating, ratio, ref, refs, text, when_numbers
from .names import METRICS, SCALE_PERCENT, SCALE_RATE

YEAR_COLUMNS = dict(zip(periods.METRIC_YEARS, ("D", "E", "F")))
QUARTER_COLUMNS = dict(zip(periods.DTOC_QUARTERS, letters("D", 12)))


def _year_header(year: str) -> Header:
    if year == periods.BASELINE_YEAR:
        return Header(words(f"Baseline ({year})"))
    return Header(words(f"Planned {year[2:]}", f"Planned {year}"))


def _rate_metric(metric: str, heading_row: int, title: str, description: str, value_name: str,
                 value_label: str, scale: int, denominator_source: str | None,
                 higher_is_better: bool) -> tuple[Item, ...]:
    years = periods.METRIC_YEARS
    base = periods.BASELINE_YEAR
    header_row = heading_row + 2

    def key(name: str, year: str) -> str:
        return f"metrics.{metric}.{name}.{year}"

    def denominator(year: str) -> CellSpec:
        if denominator_source is None:
            return Input(Type.COUNT, key("denominator", year))
        return Prepopulated(f"{denominator_source}.{year[:4]}", Type.COUNT, key("denominator", year))

    def previous(year: str) -> str:
        return years[years.index(year) - 1]

    def metric_rating(year: str) -> CellSpec:
        value, baseline = ref(key(value_name, year)), ref(key(value_name, base))
        parts = [key(part, y) for part in ("numerator", "denominator") for y in (base, year)]
        valid = f"AND(ISNUMBER({value}),ISNUMBER({baseline}),{non_negative(parts)}"
        if scale == SCALE_PERCENT:
            valid += f",{value}<={SCALE_PERCENT},{baseline}<={SCALE_PERCENT}"
        worse = f"{value}<{baseline}" if higher_is_better else f"{value}>{baseline}"
        return Derived(rating(valid + ")", worse), Type.RATING, key("rating", year))

    planned = years[1:]
    grid = Grid(header_row, {year: (YEAR_COLUMNS[year], _year_header(year)) for year in years}, (
        grid_row(header_row + 1, value_label, years, lambda y: Derived(
            ratio(key("numerator", y), key("denominator", y), scale), Type.RATE,
            key(value_name, y))),
        grid_row(header_row + 2, "Numerator", years, lambda y: Input(Type.COUNT, key("numerator", y))),
        grid_row(header_row + 3, "Denominator", years, denominator),
        grid_row(header_row + 4, "Annual change", planned, lambda y: Derived(
            change(key("numerator", y), key("numerator", previous(y))), Type.COUNT,
            key("change", y))),
        grid_row(header_row + 5, "Annual change (%)", planned, lambda y: Derived(
            ratio(key("change", y), key("numerator", previous(y))), Type.SHARE,
            key("change_pct", y))),
        grid_row(header_row + 6, "Rating", planned, metric_rating, added=True),
    ), title=title)
    return (
        Text(f"B{heading_row}", words(title), "heading", anchor=True),
        Text(f"B{header_row}", words("Metric"), "header"),
        Text(f"B{header_row + 1}", words(description), "metric", rows=3),
        grid,
        Field(f"C{header_row + 7}", Input(Type.TEXT, f"metrics.{metric}.rationale"),
              words("Rationale for red rating"), f"B{header_row + 7}",
              description=f"{title}: rationale for red rating"),
    )


def _delayed_transfers(heading_row: int) -> tuple[Item, ...]:
    quarters = periods.DTOC_QUARTERS
    header_row = heading_row + 3
    groups = dict(zip(periods.METRIC_YEARS, (words("13-14 Baseline"), words("14/15 plans"),
                                             words("15-16 plans"))))

    def key(name: str, period: str) -> str:
        return f"metrics.delayed_transfers.{name}.{period}"

    def year_quarters(year: str) -> list[str]:
        return [q for q in quarters if q.endswith(year[2:])]

    def previous(year: str) -> str:
        return periods.METRIC_YEARS[periods.METRIC_YEARS.index(year) - 1]

    def annual(row: int, name: str, make: Callable[[str], CellSpec], added: bool = False) -> GridRow:
        return GridRow(row, words(name), {year_quarters(year)[-1]: make(year)
                                          for year in periods.YEARS}, added=added)

    def annual_change(year: str) -> CellSpec:
        now = [key("numerator", q) for q in year_quarters(year)]
        before = [key("numerator", q) for q in year_quarters(previous(year))]
        return Derived(when_numbers(now + before, f"SUM({refs(now)})-SUM({refs(before)})"),
                       Type.COUNT, key("annual_change", year))

    def annual_change_pct(year: str) -> CellSpec:
        before = [key("numerator", q) for q in year_quarters(previous(year))]
        change_key = key("annual_change", year)
        return Derived(when_numbers([change_key], f'IF(SUM({refs(before)})=0,"",'
                                                  f'{ref(change_key)}/SUM({refs(before)}))'),
                       Type.SHARE, key("annual_change_pct", year))

    def annual_rating(year: str) -> CellSpec:
        both = year_quarters(previous(year)) + year_quarters(year)
        numerators = [key("numerator", q) for q in both]
        denominators = [key("denominator", q) for q in both]
        valid = (f"AND(ISNUMBER({ref(key('annual_change', year))}),{non_negative(numerators)},"
                 f"{all_numbers(denominators)},MIN({refs(denominators)})>0)")
        return Derived(rating(valid, f"{ref(key('annual_change', year))}>0"), Type.RATING,
                       key("rating", year))

    def header(quarter: str) -> Header:
        year = next(y for y in periods.METRIC_YEARS if quarter.endswith(y[2:]))
        return Header(words(periods.quarter_heading(quarter), quarter), groups[year])

    title = "Delayed transfers of care"
    grid = Grid(header_row, {q: (QUARTER_COLUMNS[q], header(q)) for q in quarters}, (
        grid_row(header_row + 1, "Quarterly rate", quarters, lambda q: Derived(
            ratio(key("numerator", q), key("denominator", q), SCALE_RATE), Type.RATE,
            key("rate", q))),
        grid_row(header_row + 2, "Numerator", quarters, lambda q: Input(Type.COUNT,
                                                                         key("numerator", q))),
        grid_row(header_row + 3, "Denominator", quarters, lambda q: Prepopulated(
            f"hwb.population_18_plus.{periods.quarter_calendar_year(q)}", Type.COUNT,
            key=key("denominator", q))),
        annual(header_row + 4, "Annual change", annual_change),
        annual(header_row + 5, "Annual change (%)", annual_change_pct),
        annual(header_row + 6, "Rating", annual_rating, added=True),
    ), title=title)
    return (
        Text(f"B{heading_row}", words(title), "heading", anchor=True),
        Text(f"B{header_row - 1}", words("Metric"), "header"),
        Text(f"B{header_row + 1}", words("Delayed transfers of care (delayed days) from hospital "
                                         "per 100,000 population (aged 18+)"), "metric", rows=3),
        grid,
        Field(f"C{header_row + 7}", Input(Type.TEXT, "metrics.delayed_transfers.rationale"),
              words("Rationale for red ratings", "Rationale for red rating"),
              f"B{header_row + 7}", description=f"{title}: rationale for red rating"),
    )


def _own_metric(metric: str, heading_row: int, title: str, heading_added: bool) -> tuple[Item, ...]:
    years = periods.METRIC_YEARS
    base = periods.BASELINE_YEAR
    prefix = f"metrics.{metric}"
    direction = ref(f"{prefix}.direction")
    header_row = heading_row + 2

    def metric_rating(year: str) -> CellSpec:
        value, baseline = ref(f"{prefix}.values.{year}"), ref(f"{prefix}.values.{base}")
        keys = (f"{prefix}.values.{base}", f"{prefix}.values.{year}")
        valid = (f"AND({all_numbers(keys)},{non_negative(keys)},"
                 f"OR({direction}={text(Direction.HIGHER_IS_BETTER.value)},"
                 f"{direction}={text(Direction.LOWER_IS_BETTER.value)}))")
        worse = (f"IF({direction}={text(Direction.HIGHER_IS_BETTER.value)},"
                 f"{value}<{baseline},{value}>{baseline})")
        return Derived(rating(valid, worse), Type.RATING, f"{prefix}.rating.{year}")

    columns: dict[str, tuple[str, Header | None]] = {
        "name": ("B", Header(words("Metric name", "Metric"))),
        "direction": ("C", Header(words("Direction"))),
        **{year: (YEAR_COLUMNS[year], _year_header(year)) for year in years}}
    grid = Grid(header_row, columns, (
        GridRow(header_row + 1, None, {
            "name": Input(Type.TEXT, f"{prefix}.name"),
            "direction": Input(key=f"{prefix}.direction", choices="directions"),
            **{year: Input(Type.NUMBER, f"{prefix}.values.{year}") for year in years}}),
        grid_row(header_row + 2, "Rating", years[1:], metric_rating),
    ), title=title, added=True)
    return (
        Text(f"B{heading_row}", words(title), "heading", anchor=not heading_added),
        grid,
        Field(f"C{header_row + 3}", Input(Type.TEXT, f"{prefix}.rationale"),
              words("Rationale for red rating"), f"B{header_row + 3}",
              description=f"{title}: rationale for red rating", added=True),
    )


def metrics_sheet() -> Sheet:
    legend = (Text("B5", words(RATING_DESCRIPTIONS[Rating.RED]), Rating.RED.slug, span=2),
              Text("B6", words(SUPPORTING_GREEN_DESCRIPTION), Rating.GREEN.slug, span=2))
    return Sheet(METRICS, (
        Text("B1", words("Red triangles indicate comments"), "note"),
        Text("B3", words("Please complete all white cells in tables. Other white cells should be "
                         "completed/revised as appropriate."), "instruction", span=5),
        *legend,
        *_rate_metric("residential_admissions", 8, "Residential admissions",
                      "Permanent admissions of older people (aged 65 and over) to residential and "
                      "nursing care homes, per 100,000 population",
                      "rate", "Annual rate", SCALE_RATE, "hwb.population_65_plus",
                      higher_is_better=False),
        *_rate_metric("reablement", 19, "Reablement",
                      "Proportion of older people (65 and over) who were still at home 91 days "
                      "after discharge from hospital into reablement / rehabilitation services",
                      "percent", "Annual %", SCALE_PERCENT, None, higher_is_better=True),
        *_delayed_transfers(30),
        *_own_metric("patient_experience", 42, "Patient / Service User Experience Metric",
                     heading_added=False),
        *_own_metric("local_metric", 51, "Local metric", heading_added=True),
    ), widths=(2, 46, 18, *(11,) * 12), page=Page(freeze="C4", pages_tall=1,
                                                                 hwb_in_header=True))
