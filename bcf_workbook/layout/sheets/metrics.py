"""Sheet 6: the supporting metrics and their ratings."""

from __future__ import annotations

from collections.abc import Callable

from ... import periods
from ...choices import RATING_DESCRIPTIONS, SUPPORTING_GREEN_DESCRIPTION, Direction, Rating
from ..elements import (
    CellSpec,
    Derived,
    Field,
    Fields,
    Grid,
    GridRow,
    Input,
    Note,
    Prepopulated,
    Sheet,
    Type,
    row,
)
from ..recipes import (
    all_numbers,
    change,
    non_negative,
    rating,
    ratio,
    ref,
    refs,
    text,
    when_numbers,
)
from .names import METRICS, SCALE_PERCENT, SCALE_RATE

# --- 6. HWB Supporting Metrics -----------------------------------------------------

def _rate_metric(metric: str, title: str, value_name: str, value_label: str, scale: int,
                 denominator_source: str | None, higher_is_better: bool) -> tuple[Grid, Fields]:
    years = periods.METRIC_YEARS
    base = periods.BASELINE_YEAR

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
    grid = Grid(title, "", {base: f"Baseline ({base})", **{y: f"Planned {y}" for y in planned}}, (
        row(value_label, years, lambda y: Derived(
            ratio(key("numerator", y), key("denominator", y), scale), Type.RATE,
            key(value_name, y))),
        row("Numerator", years, lambda y: Input(Type.COUNT, key("numerator", y))),
        row("Denominator", years, denominator),
        row("Annual change", planned, lambda y: Derived(
            change(key("numerator", y), key("numerator", previous(y))), Type.COUNT,
            key("change", y))),
        row("Annual change (%)", planned, lambda y: Derived(
            ratio(key("change", y), key("numerator", previous(y))), Type.SHARE,
            key("change_pct", y))),
        row("Rating", planned, metric_rating),
    ))
    return grid, Fields(None, (Field("Rationale for red rating",
                                     Input(Type.TEXT, f"metrics.{metric}.rationale")),))


def _delayed_transfers() -> tuple[Grid, Fields]:
    quarters = periods.DTOC_QUARTERS

    def key(name: str, period: str) -> str:
        return f"metrics.delayed_transfers.{name}.{period}"

    def year_quarters(year: str) -> list[str]:
        return [q for q in quarters if q.endswith(year[2:])]

    def annual(name: str, make: Callable[[str], CellSpec]) -> GridRow:
        return GridRow(name, {year_quarters(year)[-1]: make(year) for year in periods.YEARS})

    def annual_change(year: str) -> CellSpec:
        previous = periods.METRIC_YEARS[periods.METRIC_YEARS.index(year) - 1]
        now = [key("numerator", q) for q in year_quarters(year)]
        before = [key("numerator", q) for q in year_quarters(previous)]
        return Derived(when_numbers(now + before, f"SUM({refs(now)})-SUM({refs(before)})"),
                       Type.COUNT, key("annual_change", year))

    def annual_change_pct(year: str) -> CellSpec:
        previous = periods.METRIC_YEARS[periods.METRIC_YEARS.index(year) - 1]
        before = [key("numerator", q) for q in year_quarters(previous)]
        change_key = key("annual_change", year)
        return Derived(when_numbers([change_key], f'IF(SUM({refs(before)})=0,"",'
                                                  f'{ref(change_key)}/SUM({refs(before)}))'),
                       Type.SHARE, key("annual_change_pct", year))

    def annual_rating(year: str) -> CellSpec:
        previous = periods.METRIC_YEARS[periods.METRIC_YEARS.index(year) - 1]
        both = year_quarters(previous) + year_quarters(year)
        numerators = [key("numerator", q) for q in both]
        denominators = [key("denominator", q) for q in both]
        valid = (f"AND(ISNUMBER({ref(key('annual_change', year))}),{non_negative(numerators)},"
                 f"{all_numbers(denominators)},MIN({refs(denominators)})>0)")
        return Derived(rating(valid, f"{ref(key('annual_change', year))}>0"), Type.RATING,
                       key("rating", year))

    grid = Grid("Delayed transfers of care (18+) per 100,000", "Quarter", {q: q for q in quarters}, (
                    row("Quarterly rate", quarters, lambda q: Derived(
                        ratio(key("numerator", q), key("denominator", q), SCALE_RATE), Type.RATE,
                        key("rate", q))),
                    row("Numerator", quarters, lambda q: Input(Type.COUNT, key("numerator", q))),
                    row("Denominator", quarters, lambda q: Prepopulated(
                        f"hwb.population_18_plus.{periods.quarter_calendar_year(q)}", Type.COUNT,
                        key=key("denominator", q))),
                    annual("Annual change", annual_change),
                    annual("Annual change (%)", annual_change_pct),
                    annual("Rating", annual_rating),
                ))
    return grid, Fields(None, (Field("Rationale for red rating",
                                     Input(Type.TEXT, "metrics.delayed_transfers.rationale")),))


def _own_metric(metric: str, title: str) -> tuple[Fields, Grid]:
    years = periods.METRIC_YEARS
    base = periods.BASELINE_YEAR
    prefix = f"metrics.{metric}"
    direction = ref(f"{prefix}.direction")

    def metric_rating(year: str) -> CellSpec:
        value, baseline = ref(f"{prefix}.values.{year}"), ref(f"{prefix}.values.{base}")
        keys = (f"{prefix}.values.{base}", f"{prefix}.values.{year}")
        valid = (f"AND({all_numbers(keys)},{non_negative(keys)},"
                 f"OR({direction}={text(Direction.HIGHER_IS_BETTER.value)},"
                 f"{direction}={text(Direction.LOWER_IS_BETTER.value)}))")
        worse = (f"IF({direction}={text(Direction.HIGHER_IS_BETTER.value)},"
                 f"{value}<{baseline},{value}>{baseline})")
        return Derived(rating(valid, worse), Type.RATING, f"{prefix}.rating.{year}")

    fields = Fields(title, (
        Field("Metric name", Input(Type.TEXT, f"{prefix}.name")),
        Field("Direction", Input(key=f"{prefix}.direction", choices="directions")),
        Field("Rationale for red rating", Input(Type.TEXT, f"{prefix}.rationale")),
    ))
    grid = Grid(f"{title}: figures", "", {base: f"Baseline ({base})",
                                          **{y: f"Planned {y}" for y in years[1:]}}, (
        row("Value", years, lambda y: Input(Type.NUMBER, f"{prefix}.values.{y}")),
        row("Rating", years[1:], metric_rating),
    ))
    return fields, grid


def metrics_sheet() -> Sheet:
    residential = _rate_metric(
        "residential_admissions", "Residential admissions (65+) per 100,000",
        "rate", "Annual rate", SCALE_RATE, "hwb.population_65_plus", higher_is_better=False)
    reablement = _rate_metric(
        "reablement", "Reablement: still at home after 91 days (%)",
        "percent", "Annual %", SCALE_PERCENT, None, higher_is_better=True)
    return Sheet(METRICS, "Supporting metrics", (
        Note(f"Ratings: {Rating.RED.value}: {RATING_DESCRIPTIONS[Rating.RED]}; "
             f"{Rating.GREEN.value}: {SUPPORTING_GREEN_DESCRIPTION}."),
        Note("Residential admissions: permanent admissions of older people (65+) to residential "
             "and nursing care homes, per 100,000 population. Lower is better."),
        *residential,
        Note("Reablement: proportion of older people (65+) still at home 91 days after discharge "
             "from hospital into reablement/rehabilitation services. Higher is better."),
        *reablement,
        *_delayed_transfers(),
        *_own_metric("patient_experience", "Patient / service user experience metric"),
        *_own_metric("local_metric", "Local metric"),
    ), widths=(2, 40, *(14,) * 12))
