"""Sheet 5: the payment-for-performance metric, non-elective admissions."""

from __future__ import annotations

from ... import periods
from ...choices import RATING_DESCRIPTIONS, Rating
from .._elements import (
    CellSpec,
    Column,
    Derived,
    Field,
    Grid,
    Header,
    Input,
    Page,
    Prepopulated,
    Sheet,
    Table,
    Text,
    TotalRow,
    Type,
    Words,
    grid_row,
    letters,
    words,
)
from .._recipes import (
    all_numbers,
    change,
    non_negative,
    rating,
    ratio,
    ref,
    refs,
    sum_of_range,
    sum_when_complete,
    when_numbers,
    yes_no,
)
from .names import P4P, RED_AMBER_THRESHOLD, SCALE_RATE

BASELINE = words("Baseline (14-15 figures are CCG plans)")
PAYMENT_PERIOD = words("Pay for performance period")
GRID_COLUMNS = dict(zip(periods.P4P_QUARTERS, letters("D", 9)))
LEGEND_ROWS = dict(zip(Rating, (5, 6, 7)))
CCG_FIRST_ROW = 29
CCG_ROWS = 2


def quarter(period: str) -> Words:
    """A quarter's header: the original's words, or its short form."""
    return words(periods.quarter_heading(period), period)


def _key(name: str, period: str | None = None) -> str:
    return f"p4p.{name}" + (f".{period}" if period else "")


def _numerator(period: str) -> CellSpec:
    if period in periods.P4P_BASELINE_QUARTERS:
        return Derived(ref(_key("ccg_total", period)), Type.COUNT, _key("numerator", period))
    return Input(Type.COUNT, _key("numerator", period))


def _metric_grid() -> Grid:
    def header(period: str) -> Header:
        group = BASELINE if period in periods.P4P_BASELINE_QUARTERS else PAYMENT_PERIOD
        return Header(quarter(period), group)

    quarters = periods.P4P_QUARTERS
    return Grid(12, {q: (GRID_COLUMNS[q], header(q)) for q in quarters}, (
        grid_row(13, "Quarterly rate", quarters, lambda q: Derived(
            ratio(_key("numerator", q), _key("denominator", q), SCALE_RATE), Type.RATE,
            _key("rate", q))),
        grid_row(14, "Numerator", quarters, _numerator),
        grid_row(15, "Denominator", quarters, lambda q: Prepopulated(
            f"hwb.population_all_age.{periods.quarter_calendar_year(q)}", Type.COUNT,
            key=_key("denominator", q))),
    ), title="Non-elective admissions")


def _ccg_table() -> Table:
    quarters = periods.P4P_BASELINE_QUARTERS
    activity = words("CCG baseline activity (14-15 figures are CCG plans)")
    contributing = words("Contributing CCG activity")
    first = CCG_FIRST_ROW
    return Table("p4p.ccgs", first, (
        Column("name", "B", Header(words(""), words("Contributing CCGs")),
               Prepopulated("ccg.name", Type.TEXT, choices="ccgs")),
        *(Column(f"activity.{q}", letter, Header(quarter(q), activity),
                 Prepopulated(f"ccg.baseline_non_elective_activity.{q}", revisable=True))
          for q, letter in zip(quarters, letters("C", 4))),
        Column("share_of_ccg_population_in_hwb", "G", Header(words(""), words(
            "% CCG registered population that has resident population in {hwb}")),
            Prepopulated("ccg.share_of_ccg_population_in_hwb", Type.SHARE)),
        Column("share_of_hwb_population_in_ccg", "H", Header(words(""), words(
            "% {hwb} resident population that is in CCG registered population")),
            Prepopulated("ccg.share_of_hwb_population_in_ccg", Type.SHARE)),
        *(Column(f"contributing.{q}", letter, Header(quarter(q), contributing),
                 Derived(when_numbers((f"@activity.{q}", "@share_of_ccg_population_in_hwb"),
                                      f"ROUND({ref(f'@activity.{q}')}*"
                                      f"{ref('@share_of_ccg_population_in_hwb')},0)"), Type.COUNT))
          for q, letter in zip(quarters, letters("I", 4))),
    ), min_rows=CCG_ROWS, header_row=first - 1, total=TotalRow(words("Total"), {
        **{f"contributing.{q}": Derived(sum_of_range(f"p4p.ccgs.*.contributing.{q}"), Type.COUNT,
                                        _key("ccg_total", q)) for q in quarters},
        "share_of_hwb_population_in_ccg": Derived(
            sum_of_range("p4p.ccgs.*.share_of_hwb_population_in_ccg"), Type.SHARE,
            _key("ccg_share_total")),
    }), description="Contributing CCG")


def _results() -> tuple[Field, ...]:
    baseline, plan = _key("baseline_total"), _key("plan_total")
    saving = when_numbers((baseline, plan, _key("unit_cost")),
                          f"IF({ref(plan)}<{ref(baseline)},"
                          f"ROUND(({ref(baseline)}-{ref(plan)})*{ref(_key('unit_cost'))},-3),0)")
    return (
        Field("C17", Input(Type.TEXT, _key("rationale")), words("Rationale for red/amber ratings"),
              "B17"),
        Field("C19", Derived(change(plan, baseline), Type.COUNT, _key("annual_change")),
              words("P4P annual change in admissions"), "B19"),
        Field("C20", Derived(
            when_numbers((_key("annual_change"), baseline),
                         f'IF({ref(baseline)}=0,"",{ref(_key("annual_change"))}/{ref(baseline)})'),
            Type.SHARE, _key("annual_change_pct")),
            words("P4P annual change in admissions (%)"), "B20"),
        Field("C21", Derived(saving, Type.MONEY, _key("annual_saving")),
              words("P4P annual saving"), "B21"),
        Field("B23", Prepopulated("national.national_average_cost_of_non_elective_admission_gbp",
                                  Type.MONEY, _key("unit_cost")),
              words("National average cost of non-elective admission¹"), "C23", "note",
              description="National average cost of a non-elective admission (£)"),
    )


def _ratings() -> tuple[Field | Grid, ...]:
    """The library's totals and ratings, below the original's content."""
    baseline, plan = _key("baseline_total"), _key("plan_total")
    change_pct = ref(_key("annual_change_pct"))
    numerators = [_key("numerator", q) for q in periods.P4P_QUARTERS]
    denominators = [_key("denominator", q) for q in periods.P4P_QUARTERS]
    valid = yes_no(f"AND({all_numbers(numerators)},{all_numbers(denominators)},"
                   f"{non_negative(numerators)},MIN({refs(denominators)})>0,"
                   f"ISNUMBER({change_pct}))")
    first = CCG_FIRST_ROW + CCG_ROWS + 6
    fields = (
        Field(f"C{first}", Derived(sum_when_complete(
            _key("numerator", q) for q in periods.P4P_BASELINE_QUARTERS), Type.COUNT, baseline),
            words("Baseline total (Q4 13/14 to Q3 14/15)"), f"B{first}", added=True),
        Field(f"C{first + 1}", Derived(sum_when_complete(
            _key("numerator", q) for q in periods.P4P_PAYMENT_QUARTERS), Type.COUNT, plan),
            words("Plan total (Q4 14/15 to Q3 15/16)"), f"B{first + 1}", added=True),
        Field(f"C{first + 2}", Derived(valid, Type.FLAG, _key("valid")),
              words("Inputs complete and valid"), f"B{first + 2}", added=True),
        Field(f"C{first + 3}", Derived(
            rating(f'{ref(_key("valid"))}="Yes"', f"{change_pct}>0",
                   f"{change_pct}>{RED_AMBER_THRESHOLD}"), Type.RATING, _key("rating")),
            words("Annual rating"), f"B{first + 3}", added=True),
    )
    return (*fields, _quarter_ratings(first + 5))


def _quarter_ratings(header_row: int) -> Grid:
    pairs = dict(zip(periods.P4P_PAYMENT_QUARTERS, periods.P4P_BASELINE_QUARTERS))

    def change_pct(period: str) -> CellSpec:
        plan, base = _key("numerator", period), _key("numerator", pairs[period])
        return Derived(when_numbers((plan, base), f'IF({ref(base)}=0,"",({ref(plan)}-{ref(base)})'
                                                  f"/{ref(base)})"),
                       Type.SHARE, _key("quarter_change_pct", period))

    def quarter_rating(period: str) -> CellSpec:
        pct = ref(_key("quarter_change_pct", period))
        valid = (f"AND(ISNUMBER({pct}),"
                 f"{non_negative((_key('numerator', period), _key('numerator', pairs[period])))})")
        return Derived(rating(valid, f"{pct}>0", f"{pct}>{RED_AMBER_THRESHOLD}"), Type.RATING,
                       _key("quarter_rating", period))

    payment = periods.P4P_PAYMENT_QUARTERS
    return Grid(header_row, {q: (GRID_COLUMNS[q], Header(words(f"{q} vs {pairs[q]}")))
                             for q in payment}, (
        grid_row(header_row + 1, "Change on baseline quarter (%)", payment, change_pct),
        grid_row(header_row + 2, "Quarter rating", payment, quarter_rating),
    ), title="Quarter ratings", added=True)


def p4p_sheet() -> Sheet:
    legend = tuple(item for rating_, row in LEGEND_ROWS.items() for item in (
        Text(f"B{row}", words(""), rating_.slug),
        Text(f"C{row}", words(RATING_DESCRIPTIONS[rating_]), "legend")))
    ratings_heading = CCG_FIRST_ROW + CCG_ROWS + 5
    return Sheet(P4P, (
        Text("B1", words("Red triangles indicate comments"), "note"),
        Text("B3", words("Please complete the five white cells in the Non-Elective admissions "
                         "table. Other white cells can be completed/ revised as appropriate."),
             "instruction", span=11),
        *legend,
        Text("B9", words("Non - Elective admissions (general and acute)"), "heading", anchor=True),
        Text("B11", words("Metric"), "header"),
        Text("B13", words("Total non-elective admissions in to hospital (general & acute), "
                          "all-age, per 100,000 population"), "metric", rows=3),
        _metric_grid(),
        *_results(),
        Text("B25", words("The figures above are mapped from the following CCG operational plans. "
                          "If any CCG plans are updated then the white cells can be revised:"),
             "note", span=11),
        _ccg_table(),
        Text(f"B{CCG_FIRST_ROW + CCG_ROWS + 2}", words("References"), "heading"),
        Text(f"B{CCG_FIRST_ROW + CCG_ROWS + 3}", words(
            "1. Based on 12-13 Reference Costs: average cost of a non-elective inpatient short and "
            "long stay combined excluding excess bed days. https://www.gov.uk/government/uploads/"
            "system/uploads/attachment_data/file/261154/nhs_reference_costs_2012-13_acc.pdf"),
            "note", span=11),
        Text(f"B{ratings_heading}", words("Totals and ratings (calculated by the template)"),
             "heading"),
        *_ratings(),
    ), widths=(2, 44, 16, *(13,) * 10), money_unit="£",
        page=Page(freeze="C4", pages_tall=1, hwb_in_header=True))
