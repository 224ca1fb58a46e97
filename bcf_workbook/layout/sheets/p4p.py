"""The payment-for-performance metric (sheet 5) and the HWB P4P calculator."""

from __future__ import annotations

from ... import periods
from ...choices import RATING_DESCRIPTIONS
from ..elements import (
    CellSpec,
    Column,
    Derived,
    Field,
    Fields,
    Grid,
    Input,
    Note,
    Prepopulated,
    Sheet,
    Table,
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
    sum_of_range,
    sum_when_complete,
    when_numbers,
    yes_no,
)
from .names import HWB_P4P, P4P, RED_AMBER_THRESHOLD, SCALE_RATE

# --- 5. HWB P4P metric -------------------------------------------------------------

def _p4p(name: str, quarter: str | None = None) -> str:
    return f"p4p.{name}" + (f".{quarter}" if quarter else "")


def _p4p_numerator(quarter: str) -> CellSpec:
    if quarter in periods.P4P_BASELINE_QUARTERS:
        return Derived(ref(_p4p("ccg_total", quarter)), Type.COUNT, _p4p("numerator", quarter))
    return Input(Type.COUNT, _p4p("numerator", quarter))


def _ccg_table() -> Table:
    quarters = periods.P4P_BASELINE_QUARTERS
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
    numerators = [_p4p("numerator", quarter) for quarter in periods.P4P_QUARTERS]
    denominators = [_p4p("denominator", quarter) for quarter in periods.P4P_QUARTERS]
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
            sum_when_complete(_p4p("numerator", q) for q in periods.P4P_BASELINE_QUARTERS),
            Type.COUNT, baseline)),
        Field("Plan total (Q4 14/15 to Q3 15/16)", Derived(
            sum_when_complete(_p4p("numerator", q) for q in periods.P4P_PAYMENT_QUARTERS),
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
    pairs = dict(zip(periods.P4P_PAYMENT_QUARTERS, periods.P4P_BASELINE_QUARTERS))

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
                "Quarter", {q: f"{q} vs {pairs[q]}" for q in periods.P4P_PAYMENT_QUARTERS}, (
                    row("Change on baseline quarter (%)", periods.P4P_PAYMENT_QUARTERS, change_pct),
                    row("Quarter rating", periods.P4P_PAYMENT_QUARTERS, quarter_rating)))


def p4p_sheet() -> Sheet:
    quarters = periods.P4P_QUARTERS
    return Sheet(P4P, "Payment for performance metric: non-elective admissions", (
        Grid("Non-elective admissions (general and acute), all-age, per 100,000 population",
             "Quarter", {q: q for q in quarters}, (
                 row("Quarterly rate", quarters, lambda q: Derived(
                     ratio(_p4p("numerator", q), _p4p("denominator", q), SCALE_RATE),
                     Type.RATE, _p4p("rate", q))),
                 row("Numerator", quarters, _p4p_numerator),
                 row("Denominator", quarters, lambda q: Prepopulated(
                     f"hwb.population_all_age.{periods.quarter_calendar_year(q)}", Type.COUNT,
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


# --- HWB P4P -----------------------------------------------------------------------

def hwb_p4p_sheet() -> Sheet:
    quarters = periods.P4P_PAYMENT_QUARTERS
    baselines = periods.P4P_BASELINE_QUARTERS
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
