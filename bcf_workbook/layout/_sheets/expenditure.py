"""Sheet 3: the schemes, what each spends and who commissions it (£000).

The published Peterborough file did not show this sheet; its columns are the
specification's (section 2.3), laid out in the original's style.
"""

from __future__ import annotations

from ... import periods
from ...choices import Commissioner, FundingSource
from .._elements import Column, Derived, Header, Input, Page, Sheet, Table, Text, TotalRow, Type, words
from .._recipes import ref, text
from .names import EXPENDITURE, hwb_name

_YEARS = dict(zip(periods.YEARS, ("J", "K")))
_POOL_YEARS = dict(zip(periods.YEARS, ("N", "O")))


def _nhs_share() -> str:
    commissioner = ref("@commissioner")
    return (f"IF({commissioner}={text(Commissioner.CCG.value)},1,"
            f"IF({commissioner}={text(Commissioner.JOINT.value)},"
            f"IF(ISNUMBER({ref('@share_nhs')}),{ref('@share_nhs')},0),0))")


def _nhs_minimum_pool(year: str) -> str:
    spend = ref(f"@expenditure.{year}")
    return (f"IF(AND({ref('@source_of_funding')}={text(FundingSource.CCG_MINIMUM.value)},"
            f"ISNUMBER({spend})),{spend}*{ref('@nhs_share')},0)")


def _header(text: str, *alternatives: str) -> Header:
    return Header(words(text, *alternatives))


def expenditure_sheet() -> Sheet:
    spend = words("Expenditure (£000)")
    pool = words("NHS commissioned from the minimum pool (£000)")
    table = Table("expenditure", 10, (
        Column("name", "B", _header("Scheme name"), Input(Type.TEXT)),
        Column("area_of_spend", "C", _header("Area of spend"), Input(choices="areas_of_spend")),
        Column("area_other", "D", _header("Please specify if 'Area of spend' is 'Other'"),
               Input(Type.TEXT)),
        Column("commissioner", "E", _header("Commissioner"), Input(choices="commissioners")),
        Column("share_nhs", "F", _header("If joint, % NHS"), Input(Type.SHARE)),
        Column("share_la", "G", _header("If joint, % LA"), Input(Type.SHARE)),
        Column("provider", "H", _header("Provider"), Input(choices="providers")),
        Column("source_of_funding", "I", _header("Source of funding"),
               Input(choices="funding_sources")),
        *(Column(f"expenditure.{year}", letter, Header(words(year), spend), Input(Type.MONEY))
          for year, letter in _YEARS.items()),
        Column("new_or_existing", "L", _header("New or existing scheme"),
               Input(choices="new_or_existing")),
        Column("nhs_share", "M", _header("NHS share of commissioning"),
               Derived(_nhs_share(), Type.SHARE), added=True),
        *(Column(f"nhs_minimum_pool.{year}", letter, Header(words(year), pool),
                 Derived(_nhs_minimum_pool(year), Type.MONEY), added=True)
          for year, letter in _POOL_YEARS.items()),
    ), min_rows=50, header_row=9, total=TotalRow(words("Total"), {
        f"expenditure.{year}": Derived(f"SUM({ref(f'expenditure.*.expenditure.{year}')})",
                                       Type.MONEY, f"expenditure.total.{year}")
        for year in periods.YEARS}), description="Scheme")
    return Sheet(EXPENDITURE, (
        Text("B1", words("Health and Wellbeing Board Expenditure Plan"), "title"),
        hwb_name("B3", "expenditure"),
        Text("B5", words("Please complete white cells (for as many rows as required):"),
             "instruction"),
        Text("B7", words("Figures in £000"), "units"),
        table,
    ), widths=(2, 34, 16, 20, 14, 9, 9, 22, 24, 11, 11, 12, 13, 13, 13),
        page=Page(freeze="C10", repeat_rows=(8, 9)))
