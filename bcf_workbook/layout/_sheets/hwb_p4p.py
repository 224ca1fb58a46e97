"""The HWB P4P sheet: the performance fund and the NHS commissioned ringfenced
fund (£), all derived."""

from __future__ import annotations

from ... import periods
from .._elements import (
    CellSpec,
    Derived,
    Field,
    Grid,
    Header,
    Page,
    Prepopulated,
    Sheet,
    Text,
    Type,
    grid_row,
    letters,
    words,
)
from .._recipes import change, ratio, ref, sum_when_complete, when_numbers
from .names import HWB_P4P, hwb_name

_FUND = "hwb_p4p.performance_fund"
_COMBINED = "hwb_p4p.combined_total"
_NHS_VALUE = "hwb_p4p.nhs_commissioned_value"
_ANNUAL = "p4p.annual_change"


def _key(name: str, quarter: str) -> str:
    return f"hwb_p4p.{name}.{quarter}"


def _field(row: int, label: str, cell: CellSpec) -> Field:
    return Field(f"C{row}", cell, words(label), f"B{row}")


def _reduction() -> tuple[Field, ...]:
    return (
        _field(9, "Baseline of Non Elective Activity (Q4 13/14 - Q3 14/15)", Derived(
            when_numbers(["p4p.baseline_total"], ref("p4p.baseline_total")), Type.COUNT,
            "hwb_p4p.baseline")),
        _field(10, "Change in Non Elective Activity", Derived(
            when_numbers([_ANNUAL], ref(_ANNUAL)), Type.COUNT, "hwb_p4p.change")),
        _field(11, "% Change in Non Elective Activity", Derived(
            when_numbers(["p4p.annual_change_pct"], ref("p4p.annual_change_pct")), Type.SHARE,
            "hwb_p4p.change_pct")),
    )


def _funds() -> tuple[Field, ...]:
    return (
        _field(17, "Financial Value of Non Elective Saving/ Performance Fund", Derived(
            when_numbers(["p4p.annual_saving"], ref("p4p.annual_saving")), Type.MONEY, _FUND)),
        _field(18, "Combined total of Performance and Ringfenced Funds", Prepopulated(
            "hwb.combined_performance_and_ringfenced_fund_gbp", Type.MONEY, _COMBINED)),
        _field(19, "Ringfenced Fund", Derived(
            when_numbers((_COMBINED, _FUND), f"MAX(0,{ref(_COMBINED)}-{ref(_FUND)})"), Type.MONEY,
            "hwb_p4p.ringfenced_fund")),
        _field(20, "Value of NHS Commissioned Services", Derived(
            when_numbers(["summary.nhs_out_of_hospital.total.2015/16"],
                         f"{ref('summary.nhs_out_of_hospital.total.2015/16')}*1000"),
            Type.MONEY, _NHS_VALUE)),
        _field(21, "Shortfall of Contribution to NHS Commissioned Services", Derived(
            when_numbers((_COMBINED, _NHS_VALUE), f"MAX(0,{ref(_COMBINED)}-{ref(_NHS_VALUE)})"),
            Type.MONEY, "hwb_p4p.shortfall")),
    )


def _breakdown() -> Grid:
    quarters = periods.P4P_PAYMENT_QUARTERS
    baselines = periods.P4P_BASELINE_QUARTERS

    def upto(quarter: str) -> int:
        return quarters.index(quarter) + 1

    def quarter_change(quarter: str) -> CellSpec:
        return Derived(change(f"p4p.numerator.{quarter}",
                              f"p4p.numerator.{baselines[quarters.index(quarter)]}"),
                       Type.COUNT, _key("change", quarter))

    return Grid(25, {q: (letter, Header(words(q))) for q, letter in zip(quarters, letters("C", 4))}, (
        grid_row(26, "Cumulative Quarterly Baseline of Non Elective Activity", quarters,
                 lambda q: Derived(sum_when_complete(f"p4p.numerator.{b}" for b in baselines[:upto(q)]),
                                   Type.COUNT, _key("cumulative_baseline", q)), "B"),
        grid_row(27, "Cumulative Change in Non Elective Activity", quarters, lambda q: Derived(
            sum_when_complete(_key("change", c) for c in quarters[:upto(q)]), Type.COUNT,
            _key("cumulative_change", q)), "B"),
        # Section 2.9 as corrected from the published figures: the cumulative change
        # over the annual baseline, not over the cumulative baseline.
        grid_row(28, "Cumulative % Change in Non Elective Activity", quarters, lambda q: Derived(
            ratio(_key("cumulative_change", q), "hwb_p4p.baseline"), Type.SHARE,
            _key("cumulative_change_pct", q)), "B"),
        grid_row(29, "Financial Value of Non Elective Saving/ Performance Fund (£)", quarters,
                 lambda q: Derived(
                     when_numbers((_FUND, _key("change", q), _ANNUAL),
                                  f"IF({ref(_ANNUAL)}<0,{ref(_FUND)}*{ref(_key('change', q))}"
                                  f"/{ref(_ANNUAL)},0)"),
                     Type.MONEY, _key("financial_value", q)), "B"),
        grid_row(30, "Change in Non Elective Activity in the quarter", quarters, quarter_change,
                 "B", added=True),
    ), title="2015/16 quarterly breakdown")


def hwb_p4p_sheet() -> Sheet:
    return Sheet(HWB_P4P, (
        Text("B1", words("Health and Wellbeing Board Payment for Performance"), "title"),
        Text("B3", words("There is no need to enter any data on this sheet. All values will be "
                         "populated from entries elsewhere in the template"), "instruction", span=5),
        hwb_name("B5", "hwb_p4p"),
        Text("B7", words("1. Reduction in non elective activity"), "heading", anchor=True),
        *_reduction(),
        Text("B13", words("2. Calculation of Performance and NHS Commissioned Ringfenced Funds"),
             "heading", anchor=True),
        Text("B15", words("Figures in £"), "units"),
        *_funds(),
        Text("B23", words("2015/16 Quarterly Breakdown of P4P"), "heading", anchor=True),
        _breakdown(),
    ), widths=(2, 62, 14, 14, 14, 14), money_unit="£", page=Page(freeze="A6"))
