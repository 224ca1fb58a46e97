"""Sheet 2: the contributions into the pooled budget (£000)."""

from __future__ import annotations

from ... import periods
from .._elements import (
    Column,
    Derived,
    Field,
    Header,
    Input,
    Page,
    Prepopulated,
    Sheet,
    Table,
    Text,
    TotalRow,
    Type,
    words,
)
from .._recipes import ref
from .names import FUNDING, hwb_name

_YEAR_COLUMNS = dict(zip(periods.YEARS, ("C", "D")))
_GROSS = words("Gross Contribution (£000)")

#: block key: (title, what names a row, total label, first data row).
BLOCKS = {
    "local_authority": ("Local Authority Social Services",
                        Input(Type.TEXT, choices="local_authorities",
                              placeholder="<Please select Local Authority>"),
                        "Total Local Authority Contribution", 10),
    "ccg_minimum": ("CCG Minimum Contribution",
                    Prepopulated("ccg.name", Type.TEXT, choices="ccgs", revisable=True),
                    "Total Minimum CCG Contribution", 18),
    "additional_ccg": ("Additional CCG Contribution",
                       Input(Type.TEXT, choices="ccgs", placeholder="<Please Select CCG>"),
                       "Total Additional CCG Contribution", 26),
}
ROWS_PER_BLOCK = 6


def _block(key: str, shares_header: bool) -> Table:
    title, name_cell, total, first_row = BLOCKS[key]
    table_key = f"funding.{key}"
    return Table(
        table_key, first_row,
        (Column("name", "B", None, name_cell),
         *(Column(f"amounts.{year}", letter, Header(words(year), _GROSS), Input(Type.MONEY))
           for year, letter in _YEAR_COLUMNS.items())),
        min_rows=ROWS_PER_BLOCK,
        header_row=None if shares_header else 8,
        title=Text(f"B{first_row - 1}", words(title), "subheading", anchor=True),
        total=TotalRow(words(total), {
            f"amounts.{year}": Derived(f"SUM({ref(f'{table_key}.*.amounts.{year}')})", Type.MONEY,
                                       f"funding.{key}_total.{year}")
            for year in periods.YEARS}),
        description=title)


def funding_sheet() -> Sheet:
    total_row = 33
    return Sheet(FUNDING, (
        Text("B1", words("Health and Wellbeing Funding Sources"), "title"),
        hwb_name("B3", "funding"),
        Text("B5", words("Please complete white cells"), "instruction"),
        *(_block(key, shares_header=index > 0) for index, key in enumerate(BLOCKS)),
        *(Field(f"{letter}{total_row}",
                Derived(f"SUM({','.join(ref(f'funding.{key}_total.{year}') for key in BLOCKS)})",
                        Type.MONEY, f"funding.total.{year}"),
                words("Total Contribution"), f"B{total_row}", "total",
                description=f"Total Contribution, {year}")
          for year, letter in _YEAR_COLUMNS.items()),
    ), widths=(2, 46, 16, 16), page=Page(freeze="A9", repeat_rows=(7, 8)))
