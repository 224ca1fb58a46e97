"""The twelve sheets of the Part 2 template, declared once.

Every label, key, dropdown list and formula of the template is written here
and nowhere else; the writer, the engine and the reader all read it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from .. import vocab
from ..vocab import (
    RATING_DESCRIPTIONS,
    SUPPORTING_GREEN_DESCRIPTION,
    AreaOfSpend,
    BenefitType,
    Commissioner,
    Direction,
    FundingSource,
    Rating,
)
from .elements import (
    CellSpec,
    Column,
    Derived,
    Field,
    Fields,
    Fixed,
    Grid,
    GridRow,
    Input,
    Note,
    Prepopulated,
    Sheet,
    Table,
    Type,
    row,
)
from .recipes import (
    all_numbers,
    change,
    non_negative,
    rating,
    ratio,
    ref,
    refs,
    sum_of_range,
    sum_when_complete,
    text,
    when_numbers,
    yes_no,
)

TEMPLATE_VERSION = "BCF Part 2 planning template 2014/15-2015/16, bcf_workbook layout 1"
SCALE_RATE = 100_000
SCALE_PERCENT = 100
RED_AMBER_THRESHOLD = -0.035

COVER = "Cover"
HWB_ID = "1. HWB ID"
FUNDING = "2. HWB Funding Sources"
EXPENDITURE = "3. HWB Expenditure Plan"
BENEFITS = "4. HWB Benefits Plan"
P4P = "5. HWB P4P metric"
METRICS = "6. HWB Supporting Metrics"
PROJECTIONS = "7. Projections"
SUMMARY = "Summary"
HWB_P4P = "HWB P4P"
CHECKS = "Checks"
REFERENCE = "Reference"


# --- 1. HWB ID --------------------------------------------------------------

def hwb_id_sheet() -> Sheet:
    return Sheet(HWB_ID, "Health and Wellbeing Board identification", (
        Fields(None, (
            Field("Health and Wellbeing Board", Input(Type.TEXT, "hwb_id.hwb", choices="hwbs")),
            Field("Contact name", Input(Type.TEXT, "hwb_id.contact_name")),
            Field("Contact email", Input(Type.TEXT, "hwb_id.contact_email")),
            Field("Contact phone", Input(Type.TEXT, "hwb_id.contact_phone")),
        )),
        Note("ROCR approval applied for."),
    ), widths=(2, 34, 48))


# --- 2. HWB Funding Sources --------------------------------------------------

FUNDING_BLOCKS = {
    "local_authority": ("Local Authority Social Services", "Local Authority",
                        Input(Type.TEXT, choices="local_authorities")),
    "ccg_minimum": ("CCG Minimum Contribution", "CCG",
                    Prepopulated("ccg.name", Type.TEXT, choices="ccgs", revisable=True)),
    "additional_ccg": ("Additional CCG Contribution", "CCG",
                       Input(Type.TEXT, choices="ccgs")),
}


def _funding_table(block: str) -> Table:
    title, who, name_cell = FUNDING_BLOCKS[block]
    key = f"funding.{block}"
    return Table(
        key, title,
        (Column("name", who, name_cell),
         *(Column(f"amounts.{year}", f"{year} Gross Contribution (£000)", Input(Type.MONEY))
           for year in vocab.YEARS)),
        min_rows=6,
        total_label=f"Total {title}",
        totals={f"amounts.{year}": Derived(f"SUM({ref(f'{key}.*.amounts.{year}')})", Type.MONEY,
                                           f"funding.{block}_total.{year}")
                for year in vocab.YEARS})


def funding_sheet() -> Sheet:
    total = GridRow("Total Contribution", {
        year: Derived(f"SUM({refs(f'funding.{block}_total.{year}' for block in FUNDING_BLOCKS)})",
                      Type.MONEY, f"funding.total.{year}")
        for year in vocab.YEARS})
    return Sheet(FUNDING, "Funding sources: gross contributions to the pooled budget (£000)", (
        *(_funding_table(block) for block in FUNDING_BLOCKS),
        Grid("Total contributions", "£000", {year: year for year in vocab.YEARS}, (total,)),
    ), widths=(2, 46, 24, 24))


# --- 3. HWB Expenditure Plan ---------------------------------------------------

def _nhs_share() -> str:
    commissioner = ref("@commissioner")
    return (f"IF({commissioner}={text(Commissioner.CCG.value)},1,"
            f"IF({commissioner}={text(Commissioner.JOINT.value)},"
            f"IF(ISNUMBER({ref('@share_nhs')}),{ref('@share_nhs')},0),0))")


def _nhs_minimum_pool(year: str) -> str:
    spend = ref(f"@expenditure.{year}")
    return (f"IF(AND({ref('@source_of_funding')}={text(FundingSource.CCG_MINIMUM.value)},"
            f"ISNUMBER({spend})),{spend}*{ref('@nhs_share')},0)")


def expenditure_sheet() -> Sheet:
    table = Table("expenditure", "Schemes", (
        Column("name", "Scheme name", Input(Type.TEXT)),
        Column("area_of_spend", "Area of spend", Input(choices="areas_of_spend")),
        Column("area_other", "Please specify if 'Area of spend' is 'Other'", Input(Type.TEXT)),
        Column("commissioner", "Commissioner", Input(choices="commissioners")),
        Column("share_nhs", "If joint, % NHS", Input(Type.SHARE)),
        Column("share_la", "If joint, % LA", Input(Type.SHARE)),
        Column("provider", "Provider", Input(choices="providers")),
        Column("source_of_funding", "Source of funding", Input(choices="funding_sources")),
        *(Column(f"expenditure.{year}", f"{year} Expenditure (£000)", Input(Type.MONEY))
          for year in vocab.YEARS),
        Column("new_or_existing", "New or existing scheme", Input(choices="new_or_existing")),
        Column("nhs_share", "NHS share of commissioning", Derived(_nhs_share(), Type.SHARE)),
        *(Column(f"nhs_minimum_pool.{year}",
                 f"{year} NHS commissioned from the minimum pool (£000)",
                 Derived(_nhs_minimum_pool(year), Type.MONEY))
          for year in vocab.YEARS),
    ), min_rows=50, total_label="Total", totals={
        f"expenditure.{year}": Derived(f"SUM({ref(f'expenditure.*.expenditure.{year}')})",
                                       Type.MONEY, f"expenditure.total.{year}")
        for year in vocab.YEARS})
    return Sheet(EXPENDITURE, "Expenditure plan: one row per scheme (£000)", (table,),
                 widths=(2, 44, 18, 26, 16, 12, 12, 26, 30, 16, 16, 14, 14, 22, 22))


# --- 4. HWB Benefits Plan ------------------------------------------------------

def _benefits_table(year: str) -> Table:
    key = f"benefits.{year}"
    return Table(key, f"Benefits {year}", (
        Column("benefit_type", "Benefit achieved from", Input(choices="benefit_types")),
        Column("other", "If other please specify", Input(Type.TEXT)),
        Column("schemes", "Scheme name", Input(Type.TEXT)),
        Column("organisation", "Organisation to benefit", Input(choices="organisations")),
        Column("change", "Change in activity measure", Input(Type.NUMBER)),
        Column("unit_price", "Unit price (£)", Input(Type.MONEY)),
        Column("total", "Total (saving) (£)",
               Derived(when_numbers(("@change", "@unit_price"),
                                    f"{ref('@change')}*{ref('@unit_price')}"), Type.MONEY)),
        Column("how", "How was the saving value calculated? "
                      "How will the savings against plan be monitored?", Input(Type.TEXT)),
    ), min_rows=20, total_label="Total", totals={
        "total": Derived(f"SUM({ref(f'{key}.*.total')})", Type.MONEY,
                         f"benefits.total_saving.{year}")})


def benefits_sheet() -> Sheet:
    return Sheet(BENEFITS, "Benefits plan: savings each scheme is expected to bring (£)", (
        Note("Give benefits per scheme, or as one 'Aggregated benefit of schemes for X' row per "
             "benefit type and organisation, never both: that would count savings twice."),
        *(_benefits_table(year) for year in vocab.YEARS),
    ), widths=(2, 44, 24, 44, 22, 16, 16, 18, 56))


# --- 5. HWB P4P metric ----------------------------------------------------------

def _p4p(name: str, quarter: str | None = None) -> str:
    return f"p4p.{name}" + (f".{quarter}" if quarter else "")


def _p4p_numerator(quarter: str) -> CellSpec:
    if quarter in vocab.P4P_BASELINE_QUARTERS:
        return Derived(ref(_p4p("ccg_total", quarter)), Type.COUNT, _p4p("numerator", quarter))
    return Input(Type.COUNT, _p4p("numerator", quarter))


def _ccg_table() -> Table:
    quarters = vocab.P4P_BASELINE_QUARTERS
    return Table("p4p.ccgs", "Contributing CCGs", (
        Column("name", "CCG", Prepopulated("ccg.name", Type.TEXT, choices="ccgs")),
        *(Column(f"activity.{quarter}", f"CCG baseline activity {quarter}",
                 Prepopulated(f"ccg.baseline_non_elective_activity.{quarter}", revisable=True))
          for quarter in quarters),
        Column("share_of_ccg_population_in_hwb", "% CCG registered population resident in HWB",
               Prepopulated("ccg.share_of_ccg_population_in_hwb", Type.SHARE)),
        Column("share_of_hwb_population_in_ccg", "% HWB resident population in CCG",
               Prepopulated("ccg.share_of_hwb_population_in_ccg", Type.SHARE)),
        *(Column(f"contributing.{quarter}", f"Contributing CCG activity {quarter}",
                 Derived(when_numbers((f"@activity.{quarter}", "@share_of_ccg_population_in_hwb"),
                                      f"ROUND({ref(f'@activity.{quarter}')}*"
                                      f"{ref('@share_of_ccg_population_in_hwb')},0)"), Type.COUNT))
          for quarter in quarters),
    ), min_rows=6, total_label="Total", totals={
        **{f"contributing.{quarter}": Derived(sum_of_range(f"p4p.ccgs.*.contributing.{quarter}"),
                                              Type.COUNT, _p4p("ccg_total", quarter))
           for quarter in quarters},
        "share_of_hwb_population_in_ccg": Derived(
            sum_of_range("p4p.ccgs.*.share_of_hwb_population_in_ccg"), Type.SHARE,
            _p4p("ccg_share_total")),
    })


def _p4p_valid() -> str:
    numerators = [_p4p("numerator", quarter) for quarter in vocab.P4P_QUARTERS]
    denominators = [_p4p("denominator", quarter) for quarter in vocab.P4P_QUARTERS]
    return yes_no(f"AND({all_numbers(numerators)},{all_numbers(denominators)},"
                  f"{non_negative(numerators)},MIN({refs(denominators)})>0,"
                  f"ISNUMBER({ref(_p4p('annual_change_pct'))}))")


def _p4p_results() -> Fields:
    baseline, plan = _p4p("baseline_total"), _p4p("plan_total")
    change_pct = ref(_p4p("annual_change_pct"))
    saving = when_numbers((baseline, plan, _p4p("unit_cost")),
                          f"IF({ref(plan)}<{ref(baseline)},"
                          f"ROUND(({ref(baseline)}-{ref(plan)})*{ref(_p4p('unit_cost'))},-3),0)")
    return Fields("P4P results", (
        Field("Baseline total (Q4 13/14 to Q3 14/15)", Derived(
            sum_when_complete(_p4p("numerator", q) for q in vocab.P4P_BASELINE_QUARTERS),
            Type.COUNT, baseline)),
        Field("Plan total (Q4 14/15 to Q3 15/16)", Derived(
            sum_when_complete(_p4p("numerator", q) for q in vocab.P4P_PAYMENT_QUARTERS),
            Type.COUNT, plan)),
        Field("P4P annual change in admissions", Derived(change(plan, baseline), Type.COUNT,
                                                         _p4p("annual_change"))),
        Field("P4P annual change (%)", Derived(
            when_numbers((_p4p("annual_change"), baseline),
                         f'IF({ref(baseline)}=0,"",{ref(_p4p("annual_change"))}/{ref(baseline)})'),
            Type.SHARE, _p4p("annual_change_pct"))),
        Field("National average cost of a non-elective admission (£)", Prepopulated(
            "national.national_average_cost_of_non_elective_admission_gbp", Type.MONEY,
            _p4p("unit_cost"))),
        Field("P4P annual saving (£)", Derived(saving, Type.MONEY, _p4p("annual_saving"))),
        Field("Inputs complete and valid", Derived(_p4p_valid(), Type.FLAG, _p4p("valid"))),
        Field("Annual rating", Derived(
            rating(f'{ref(_p4p("valid"))}="Yes"', f"{change_pct}>0",
                   f"{change_pct}>{RED_AMBER_THRESHOLD}"), Type.RATING, _p4p("rating"))),
        Field("Rationale for red/amber ratings", Input(Type.TEXT, _p4p("rationale"))),
    ))


def _quarter_ratings() -> Grid:
    pairs = dict(zip(vocab.P4P_PAYMENT_QUARTERS, vocab.P4P_BASELINE_QUARTERS))

    def change_pct(quarter: str) -> CellSpec:
        plan, base = _p4p("numerator", quarter), _p4p("numerator", pairs[quarter])
        return Derived(when_numbers((plan, base), f'IF({ref(base)}=0,"",({ref(plan)}-{ref(base)})'
                                                  f"/{ref(base)})"),
                       Type.SHARE, _p4p("quarter_change_pct", quarter))

    def quarter_rating(quarter: str) -> CellSpec:
        pct = ref(_p4p("quarter_change_pct", quarter))
        valid = (f"AND(ISNUMBER({pct}),"
                 f"{non_negative((_p4p('numerator', quarter), _p4p('numerator', pairs[quarter])))})")
        return Derived(rating(valid, f"{pct}>0", f"{pct}>{RED_AMBER_THRESHOLD}"), Type.RATING,
                       _p4p("quarter_rating", quarter))

    return Grid("Quarter ratings: each P4P quarter against the same quarter of the baseline",
                "Quarter", {q: f"{q} vs {pairs[q]}" for q in vocab.P4P_PAYMENT_QUARTERS}, (
                    row("Change on baseline quarter (%)", vocab.P4P_PAYMENT_QUARTERS, change_pct),
                    row("Quarter rating", vocab.P4P_PAYMENT_QUARTERS, quarter_rating)))


def p4p_sheet() -> Sheet:
    quarters = vocab.P4P_QUARTERS
    return Sheet(P4P, "Payment for performance metric: non-elective admissions", (
        Grid("Non-elective admissions (general and acute), all-age, per 100,000 population",
             "Quarter", {q: q for q in quarters}, (
                 row("Quarterly rate", quarters, lambda q: Derived(
                     ratio(_p4p("numerator", q), _p4p("denominator", q), SCALE_RATE),
                     Type.RATE, _p4p("rate", q))),
                 row("Numerator", quarters, _p4p_numerator),
                 row("Denominator", quarters, lambda q: Prepopulated(
                     f"hwb.population_all_age.{vocab.quarter_calendar_year(q)}", Type.COUNT,
                     key=_p4p("denominator", q))),
             )),
        Note("Baseline: Q4 13/14 to Q3 14/15 (14/15 figures are CCG plans). "
             "Pay for performance period: Q4 14/15 to Q4 15/16."),
        Note("Ratings: " + "; ".join(f"{rating.value}: {description}"
                                     for rating, description in RATING_DESCRIPTIONS.items()) + "."),
        _ccg_table(),
        _p4p_results(),
        _quarter_ratings(),
    ), widths=(2, 46, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16))


# --- 6. HWB Supporting Metrics ----------------------------------------------------

def _rate_metric(metric: str, title: str, value_name: str, value_label: str, scale: int,
                 denominator_source: str | None, higher_is_better: bool) -> tuple[Grid, Fields]:
    years = vocab.METRIC_YEARS
    base = vocab.BASELINE_YEAR

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
    quarters = vocab.DTOC_QUARTERS

    def key(name: str, period: str) -> str:
        return f"metrics.delayed_transfers.{name}.{period}"

    def year_quarters(year: str) -> list[str]:
        return [q for q in quarters if q.endswith(year[2:])]

    def annual(name: str, make: Callable[[str], CellSpec]) -> GridRow:
        return GridRow(name, {year_quarters(year)[-1]: make(year) for year in vocab.YEARS})

    def annual_change(year: str) -> CellSpec:
        previous = vocab.METRIC_YEARS[vocab.METRIC_YEARS.index(year) - 1]
        now = [key("numerator", q) for q in year_quarters(year)]
        before = [key("numerator", q) for q in year_quarters(previous)]
        return Derived(when_numbers(now + before, f"SUM({refs(now)})-SUM({refs(before)})"),
                       Type.COUNT, key("annual_change", year))

    def annual_change_pct(year: str) -> CellSpec:
        previous = vocab.METRIC_YEARS[vocab.METRIC_YEARS.index(year) - 1]
        before = [key("numerator", q) for q in year_quarters(previous)]
        change_key = key("annual_change", year)
        return Derived(when_numbers([change_key], f'IF(SUM({refs(before)})=0,"",'
                                                  f'{ref(change_key)}/SUM({refs(before)}))'),
                       Type.SHARE, key("annual_change_pct", year))

    def annual_rating(year: str) -> CellSpec:
        previous = vocab.METRIC_YEARS[vocab.METRIC_YEARS.index(year) - 1]
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
                        f"hwb.population_18_plus.{vocab.quarter_calendar_year(q)}", Type.COUNT,
                        key=key("denominator", q))),
                    annual("Annual change", annual_change),
                    annual("Annual change (%)", annual_change_pct),
                    annual("Rating", annual_rating),
                ))
    return grid, Fields(None, (Field("Rationale for red rating",
                                     Input(Type.TEXT, "metrics.delayed_transfers.rationale")),))


def _own_metric(metric: str, title: str) -> tuple[Fields, Grid]:
    years = vocab.METRIC_YEARS
    base = vocab.BASELINE_YEAR
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


# --- 7. Projections ---------------------------------------------------------------

def _non_elective_projection() -> Grid:
    quarters = vocab.DTOC_QUARTERS
    history = vocab.NON_ELECTIVE_HISTORY_QUARTERS
    known = history + vocab.P4P_BASELINE_QUARTERS

    def key(name: str, quarter: str) -> str:
        return f"projections.non_elective.{name}.{quarter}"

    def count(quarter: str) -> CellSpec:
        if quarter in history:
            return Prepopulated(f"hwb.projection_history.non_elective.{quarter}", Type.COUNT,
                                key("count", quarter))
        if quarter in vocab.P4P_BASELINE_QUARTERS:
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
                    row("Projected rate", vocab.PROJECTION_QUARTERS, lambda q: Derived(
                        ratio(key("count", q), f"p4p.denominator.{q}", SCALE_RATE), Type.RATE,
                        key("rate", q))),
                ))


def _rate_projection(metric: str, value_name: str, scale: int, title: str) -> Grid:
    history = vocab.HISTORY_YEARS
    years = (*history, *vocab.METRIC_YEARS)
    base = vocab.BASELINE_YEAR

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
    months = vocab.DTOC_HISTORY_MONTHS
    quarters = vocab.DTOC_PROJECTED_QUARTERS

    def month_key(name: str, month: str) -> str:
        return f"projections.delayed_transfers.{name}.{month}"

    def key(name: str, quarter: str) -> str:
        return f"projections.delayed_transfers.{name}.{quarter}"

    def middle_position(quarter: str) -> int:
        return vocab.month_position(*vocab.quarter_months(quarter)[1])

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


# --- Summary --------------------------------------------------------------------------

def _area_rows(prefix: str, column: str, areas: Sequence[AreaOfSpend]) -> tuple[GridRow, ...]:
    def spend(area: AreaOfSpend, year: str) -> CellSpec:
        return Derived(f"SUMIFS({ref(f'expenditure.*.{column}.{year}')},"
                       f"{ref('expenditure.*.area_of_spend')},{text(area.value)})",
                       Type.MONEY, f"{prefix}.{area.slug}.{year}")

    rows = [row(area.value, vocab.YEARS, functools.partial(spend, area)) for area in areas]
    rows.append(row("Total", vocab.YEARS, lambda y: Derived(
        f"SUM({refs(f'{prefix}.{area.slug}.{y}' for area in areas)})", Type.MONEY,
        f"{prefix}.total.{y}")))
    return tuple(rows)


def _benefit_rows() -> tuple[GridRow, ...]:
    columns = (*vocab.YEARS, "p4p")

    def cell(benefit: BenefitType, column: str) -> CellSpec | None:
        if column != "p4p":
            return Derived(f"SUMIFS({ref(f'benefits.{column}.*.total')},"
                           f"{ref(f'benefits.{column}.*.benefit_type')},{text(benefit.value)})/1000",
                           Type.MONEY, f"summary.benefits.{benefit.slug}.{column}")
        if benefit is BenefitType.NON_ELECTIVE:
            saving = ref("p4p.annual_saving")
            return Derived(f'IF(ISNUMBER({saving}),{saving}/1000,"")', Type.MONEY,
                           "summary.benefits.p4p_saving")
        return None

    rows = [row(benefit.value, columns, functools.partial(cell, benefit))
            for benefit in BenefitType]
    rows.append(row("Total", vocab.YEARS, lambda y: Derived(
        f"SUM({refs(f'summary.benefits.{b.slug}.{y}' for b in BenefitType)})", Type.MONEY,
        f"summary.benefits.total.{y}")))
    return tuple(rows)


def summary_sheet() -> Sheet:
    years = {year: year for year in vocab.YEARS}
    out_of_hospital = [area for area in AreaOfSpend if area is not AreaOfSpend.ACUTE]
    return Sheet(SUMMARY, "Summary (£000)", (
        Grid("Summary of total BCF expenditure", "Area of spend", years,
             _area_rows("summary.expenditure", "expenditure", list(AreaOfSpend))),
        Grid("Protection of adult social care", "£000", years, (
            row("Please confirm the amount allocated for the protection of adult social care",
                vocab.YEARS, lambda y: Input(Type.MONEY,
                                             f"summary.protection_of_adult_social_care.{y}")),
        )),
        Fields(None, (Field("If different to the social care total, please indicate the total "
                            "amount from the BCF allocated for the protection of adult social care",
                            Input(Type.TEXT, "summary.protection_if_different")),)),
        Grid("Minimum pooled budget (£)", "£", years, (
            row("Minimum pooled budget", vocab.YEARS, lambda y: Prepopulated(
                f"hwb.minimum_pooled_budget_gbp.{y}", Type.MONEY,
                key=f"summary.minimum_pooled_budget.{y}")),
        )),
        Grid("NHS commissioned out-of-hospital services spend from the minimum BCF pool",
             "Area of spend", years,
             _area_rows("summary.nhs_out_of_hospital", "nhs_minimum_pool", out_of_hospital)),
        Grid("Summary of benefits (£000)", "Benefit", {**years, "p4p": "P4P annual saving 2015/16"},
             _benefit_rows()),
    ), widths=(2, 60, 16, 16, 22))


# --- HWB P4P ---------------------------------------------------------------------------

def hwb_p4p_sheet() -> Sheet:
    quarters = vocab.P4P_PAYMENT_QUARTERS
    baselines = vocab.P4P_BASELINE_QUARTERS
    fund = "hwb_p4p.performance_fund"
    combined = "hwb_p4p.combined_total"
    nhs_value = "hwb_p4p.nhs_commissioned_value"
    annual = "p4p.annual_change"

    def key(name: str, quarter: str) -> str:
        return f"hwb_p4p.{name}.{quarter}"

    def upto(quarter: str) -> int:
        return quarters.index(quarter) + 1

    def quarter_change(quarter: str) -> CellSpec:
        return Derived(change(f"p4p.numerator.{quarter}",
                              f"p4p.numerator.{baselines[quarters.index(quarter)]}"),
                       Type.COUNT, key("change", quarter))

    return Sheet(HWB_P4P, "HWB payment for performance calculator (£)", (
        Note("There is no need to enter any data on this sheet."),
        Fields("Reduction in non-elective activity", (
            Field("Baseline (Q4 13/14 to Q3 14/15)", Derived(
                when_numbers(["p4p.baseline_total"], ref("p4p.baseline_total")), Type.COUNT,
                "hwb_p4p.baseline")),
            Field("Change", Derived(when_numbers([annual], ref(annual)), Type.COUNT,
                                    "hwb_p4p.change")),
            Field("% change", Derived(when_numbers(["p4p.annual_change_pct"],
                                                   ref("p4p.annual_change_pct")),
                                      Type.SHARE, "hwb_p4p.change_pct")),
        )),
        Fields("Performance and NHS commissioned ringfenced funds", (
            Field("Financial value of non-elective saving / performance fund", Derived(
                when_numbers(["p4p.annual_saving"], ref("p4p.annual_saving")), Type.MONEY, fund)),
            Field("Combined total of performance and ringfenced funds", Prepopulated(
                "hwb.combined_performance_and_ringfenced_fund_gbp", Type.MONEY, combined)),
            Field("Ringfenced fund", Derived(
                when_numbers((combined, fund), f"MAX(0,{ref(combined)}-{ref(fund)})"), Type.MONEY,
                "hwb_p4p.ringfenced_fund")),
            Field("Value of NHS commissioned services", Derived(
                when_numbers(["summary.nhs_out_of_hospital.total.2015/16"],
                             f"{ref('summary.nhs_out_of_hospital.total.2015/16')}*1000"),
                Type.MONEY, nhs_value)),
            Field("Shortfall of contribution to NHS commissioned services", Derived(
                when_numbers((combined, nhs_value), f"MAX(0,{ref(combined)}-{ref(nhs_value)})"),
                Type.MONEY, "hwb_p4p.shortfall")),
        )),
        Grid("2015/16 quarterly breakdown", "Quarter", {q: q for q in quarters}, (
            row("Change in quarter", quarters, quarter_change),
            row("Cumulative baseline", quarters, lambda q: Derived(
                sum_when_complete(f"p4p.numerator.{b}" for b in baselines[:upto(q)]), Type.COUNT,
                key("cumulative_baseline", q))),
            row("Cumulative change", quarters, lambda q: Derived(
                sum_when_complete(key("change", c) for c in quarters[:upto(q)]), Type.COUNT,
                key("cumulative_change", q))),
            row("Cumulative % change", quarters, lambda q: Derived(
                ratio(key("cumulative_change", q), key("cumulative_baseline", q)), Type.SHARE,
                key("cumulative_change_pct", q))),
            row("Financial value (£)", quarters, lambda q: Derived(
                when_numbers((fund, key("change", q), annual),
                             f"IF({ref(annual)}<0,{ref(fund)}*{ref(key('change', q))}/{ref(annual)},0)"),
                Type.MONEY, key("financial_value", q))),
        )),
    ), widths=(2, 56, 16, 16, 16, 16))
