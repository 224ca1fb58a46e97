"""The Summary sheet: totals of spend, protection of social care, NHS
commissioned spend and benefits (£000)."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Sequence

from ... import periods
from ...choices import AreaOfSpend, BenefitType
from .._elements import (
    CellSpec,
    Derived,
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
    words,
)
from .._recipes import ref, refs, text
from .names import SUMMARY, hwb_name

_SPEND_COLUMNS = dict(zip(periods.YEARS, ("C", "D")))
_PROTECTION_COLUMNS = dict(zip(periods.YEARS, ("E", "F")))
_PROTECTION = words("Please confirm the amount allocated for the protection of adult social care")
_IF_DIFFERENT = words("If different to the figure in cell D18, please indicate the total amount "
                      "from the BCF that has been allocated for the protection of adult social "
                      "care services")


def _area_rows(prefix: str, column: str, areas: Sequence[AreaOfSpend],
               first_row: int) -> list[GridRow]:
    def spend(area: AreaOfSpend, year: str) -> CellSpec:
        return Derived(f"SUMIFS({ref(f'expenditure.*.{column}.{year}')},"
                       f"{ref('expenditure.*.area_of_spend')},{text(area.value)})",
                       Type.MONEY, f"{prefix}.{area.slug}.{year}")

    rows = [grid_row(first_row + index, area.value, periods.YEARS, functools.partial(spend, area),
                     "B") for index, area in enumerate(areas)]
    rows.append(grid_row(first_row + len(areas), "Total", periods.YEARS, lambda y: Derived(
        f"SUM({refs(f'{prefix}.{area.slug}.{y}' for area in areas)})", Type.MONEY,
        f"{prefix}.total.{y}"), "B"))
    return rows


def _with_cells(row: GridRow, cells: dict[str, CellSpec]) -> GridRow:
    return dataclasses.replace(row, cells={**row.cells, **cells})


def _spend_and_protection() -> tuple[Item, ...]:
    source = words("From 3. HWB Expenditure Plan")
    columns: dict[str, tuple[str, Header | None]] = {
        **{year: (letter, Header(words(year), source)) for year, letter in _SPEND_COLUMNS.items()},
        **{f"protection.{year}": (letter, Header(words(year), _PROTECTION))
           for year, letter in _PROTECTION_COLUMNS.items()},
        "if_different": ("G", Header(words(""), _IF_DIFFERENT)),
    }
    rows = _area_rows("summary.expenditure", "expenditure", list(AreaOfSpend), 13)
    social_care = list(AreaOfSpend).index(AreaOfSpend.SOCIAL_CARE)
    rows[social_care] = _with_cells(rows[social_care], {
        **{f"protection.{year}": Input(Type.MONEY, f"summary.protection_of_adult_social_care.{year}")
           for year in periods.YEARS},
        "if_different": Input(Type.TEXT, "summary.protection_if_different")})
    rows[-1] = _with_cells(rows[-1], {f"protection.{year}": Derived(
        f"SUM({ref(f'summary.protection_of_adult_social_care.{year}')})", Type.MONEY,
        f"summary.protection_total.{year}") for year in periods.YEARS})
    return (
        Text("B7", words("Summary of Total BCF Expenditure"), "heading", anchor=True),
        Text("B9", words("Figures in £000"), "units"),
        Grid(12, columns, tuple(rows), title="Summary of total BCF expenditure"),
    )


def _nhs_out_of_hospital() -> tuple[Item, ...]:
    areas = [area for area in AreaOfSpend if area is not AreaOfSpend.ACUTE]
    source = words("From 3. HWB Expenditure", "From 3. HWB Expenditure Plan")
    return (
        Text("B22", words("Summary of NHS Commissioned out of hospital services spend from MINIMUM "
                          "BCF Pool"), "heading", anchor=True),
        Text("B24", words("Figures in £000"), "units"),
        Grid(27, {year: (letter, Header(words(year), source))
                  for year, letter in _SPEND_COLUMNS.items()},
             tuple(_area_rows("summary.nhs_out_of_hospital", "nhs_minimum_pool", areas, 28)),
             title="NHS commissioned out-of-hospital spend from the minimum pool"),
    )


def _benefits() -> tuple[Item, ...]:
    source = words("From 4. HWB Benefits", "From 4. HWB Benefits Plan")
    p4p = words("From 5.HWB P4P metric 2015/16", "From 5. HWB P4P metric 2015/16")

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

    columns = (*periods.YEARS, "p4p")
    rows = [grid_row(42 + index, benefit.value, columns, functools.partial(cell, benefit), "B")
            for index, benefit in enumerate(BenefitType)]
    rows.append(grid_row(42 + len(rows), "Total", columns, lambda column: Derived(
        f"SUM({refs(f'summary.benefits.{b.slug}.{column}' for b in BenefitType)})" if column != "p4p"
        else f"SUM({ref('summary.benefits.p4p_saving')})", Type.MONEY,
        f"summary.benefits.total.{column}"), "B"))
    return (
        Text("B36", words("Summary of Benefits"), "heading", anchor=True),
        Text("B38", words("Figures in £000"), "units"),
        Grid(41, {**{year: (letter, Header(words(year), source))
                     for year, letter in _SPEND_COLUMNS.items()},
                  "p4p": ("E", Header(words(""), p4p))}, tuple(rows), title="Summary of benefits"),
    )


def _minimum_pool() -> tuple[Item, ...]:
    return (
        Text("B49", words("Minimum pooled budget (£)"), "heading"),
        Grid(50, {year: (letter, Header(words(year))) for year, letter in _SPEND_COLUMNS.items()}, (
            grid_row(51, "Minimum pooled budget", periods.YEARS, lambda y: Prepopulated(
                f"hwb.minimum_pooled_budget_gbp.{y}", Type.MONEY,
                key=f"summary.minimum_pooled_budget.{y}"), "B"),
        ), title="Minimum pooled budget (£)", added=True),
    )


def summary_sheet() -> Sheet:
    return Sheet(SUMMARY, (
        Text("B1", words("Summary of Health and Wellbeing Board Schemes"), "title"),
        hwb_name("B3", "summary"),
        Text("B5", words("Please complete white cells"), "instruction"),
        *_spend_and_protection(),
        *_nhs_out_of_hospital(),
        *_benefits(),
        *_minimum_pool(),
    ), widths=(2, 48, 14, 14, 18, 18, 40), page=Page(freeze="A6", pages_tall=1))

