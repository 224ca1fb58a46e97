"""Sheets 1-4: the HWB, its funding, its schemes and their benefits."""

from __future__ import annotations

from ... import periods
from ...choices import Commissioner, FundingSource
from ..elements import (
    Column,
    Derived,
    Field,
    Fields,
    Grid,
    GridRow,
    Input,
    Note,
    Prepopulated,
    Sheet,
    Table,
    Type,
)
from ..recipes import (
    ref,
    refs,
    text,
    when_numbers,
)
from .names import BENEFITS, EXPENDITURE, FUNDING, HWB_ID

# --- 1. HWB ID ---------------------------------------------------------------------

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


# --- 2. HWB Funding Sources --------------------------------------------------------

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
           for year in periods.YEARS)),
        min_rows=6,
        total_label=f"Total {title}",
        totals={f"amounts.{year}": Derived(f"SUM({ref(f'{key}.*.amounts.{year}')})", Type.MONEY,
                                           f"funding.{block}_total.{year}")
                for year in periods.YEARS})


def funding_sheet() -> Sheet:
    total = GridRow("Total Contribution", {
        year: Derived(f"SUM({refs(f'funding.{block}_total.{year}' for block in FUNDING_BLOCKS)})",
                      Type.MONEY, f"funding.total.{year}")
        for year in periods.YEARS})
    return Sheet(FUNDING, "Funding sources: gross contributions to the pooled budget (£000)", (
        *(_funding_table(block) for block in FUNDING_BLOCKS),
        Grid("Total contributions", "£000", {year: year for year in periods.YEARS}, (total,)),
    ), widths=(2, 46, 24, 24))


# --- 3. HWB Expenditure Plan -------------------------------------------------------

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
          for year in periods.YEARS),
        Column("new_or_existing", "New or existing scheme", Input(choices="new_or_existing")),
        Column("nhs_share", "NHS share of commissioning", Derived(_nhs_share(), Type.SHARE)),
        *(Column(f"nhs_minimum_pool.{year}",
                 f"{year} NHS commissioned from the minimum pool (£000)",
                 Derived(_nhs_minimum_pool(year), Type.MONEY))
          for year in periods.YEARS),
    ), min_rows=50, total_label="Total", totals={
        f"expenditure.{year}": Derived(f"SUM({ref(f'expenditure.*.expenditure.{year}')})",
                                       Type.MONEY, f"expenditure.total.{year}")
        for year in periods.YEARS})
    return Sheet(EXPENDITURE, "Expenditure plan: one row per scheme (£000)", (table,),
                 widths=(2, 44, 18, 26, 16, 12, 12, 26, 30, 16, 16, 14, 14, 22, 22))


# --- 4. HWB Benefits Plan ----------------------------------------------------------

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
        *(_benefits_table(year) for year in periods.YEARS),
    ), widths=(2, 44, 24, 44, 22, 16, 16, 18, 56))
