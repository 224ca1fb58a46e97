"""The Summary sheet: totals of spend, NHS commissioned spend and benefits."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from ... import periods
from ...choices import AreaOfSpend, BenefitType
from ..elements import (
    CellSpec,
    Derived,
    Field,
    Fields,
    Grid,
    GridRow,
    Input,
    Prepopulated,
    Sheet,
    Type,
    row,
)
from ..recipes import (
    ref,
    refs,
    text,
)
from .names import SUMMARY

# --- Summary -----------------------------------------------------------------------

def _area_rows(prefix: str, column: str, areas: Sequence[AreaOfSpend]) -> tuple[GridRow, ...]:
    def spend(area: AreaOfSpend, year: str) -> CellSpec:
        return Derived(f"SUMIFS({ref(f'expenditure.*.{column}.{year}')},"
                       f"{ref('expenditure.*.area_of_spend')},{text(area.value)})",
                       Type.MONEY, f"{prefix}.{area.slug}.{year}")

    rows = [row(area.value, periods.YEARS, functools.partial(spend, area)) for area in areas]
    rows.append(row("Total", periods.YEARS, lambda y: Derived(
        f"SUM({refs(f'{prefix}.{area.slug}.{y}' for area in areas)})", Type.MONEY,
        f"{prefix}.total.{y}")))
    return tuple(rows)


def _benefit_rows() -> tuple[GridRow, ...]:
    columns = (*periods.YEARS, "p4p")

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
    rows.append(row("Total", periods.YEARS, lambda y: Derived(
        f"SUM({refs(f'summary.benefits.{b.slug}.{y}' for b in BenefitType)})", Type.MONEY,
        f"summary.benefits.total.{y}")))
    return tuple(rows)


def summary_sheet() -> Sheet:
    years = {year: year for year in periods.YEARS}
    out_of_hospital = [area for area in AreaOfSpend if area is not AreaOfSpend.ACUTE]
    return Sheet(SUMMARY, "Summary (£000)", (
        Grid("Summary of total BCF expenditure", "Area of spend", years,
             _area_rows("summary.expenditure", "expenditure", list(AreaOfSpend))),
        Grid("Protection of adult social care", "£000", years, (
            row("Please confirm the amount allocated for the protection of adult social care",
                periods.YEARS, lambda y: Input(Type.MONEY,
                                             f"summary.protection_of_adult_social_care.{y}")),
        )),
        Fields(None, (Field("If different to the social care total, please indicate the total "
                            "amount from the BCF allocated for the protection of adult social care",
                            Input(Type.TEXT, "summary.protection_if_different")),)),
        Grid("Minimum pooled budget (£)", "£", years, (
            row("Minimum pooled budget", periods.YEARS, lambda y: Prepopulated(
                f"hwb.minimum_pooled_budget_gbp.{y}", Type.MONEY,
                key=f"summary.minimum_pooled_budget.{y}")),
        )),
        Grid("NHS commissioned out-of-hospital services spend from the minimum BCF pool",
             "Area of spend", years,
             _area_rows("summary.nhs_out_of_hospital", "nhs_minimum_pool", out_of_hospital)),
        Grid("Summary of benefits (£000)", "Benefit", {**years, "p4p": "P4P annual saving 2015/16"},
             _benefit_rows()),
    ), widths=(2, 60, 16, 16, 22))
