"""Sheet 4: the savings each scheme is expected to bring (£)."""

from __future__ import annotations

from ... import periods
from .._elements import Column, Derived, Header, Input, Page, Sheet, Table, Text, TotalRow, Type, words
from .._recipes import ref, when_numbers
from .names import BENEFITS, hwb_name

GUIDANCE = (
    "If you would prefer to provide aggregated figures for the savings (columns F-J), for a group "
    "of schemes related to one benefit type (e.g. delayed transfers of care), rather than filling "
    "in figures against each of your individual schemes, then you may do so.",
    "If so, please do this as a separate row entitled \"Aggregated benefit of schemes for X\", "
    "completing columns D, F, G, I and J for that row. But please make sure you do not enter "
    "values against both the individual schemes you have listed, and the \"aggregated benefit\" "
    "line. This is to avoid double counting the benefits.",
    "However, if the aggregated benefits fall to different organisations (e.g. some to the CCG and "
    "some to the local authority) then you will need to provide one row for the aggregated "
    "benefits to each type of organisation (identifying the type of organisation in column D) "
    "with values entered in columns F-J.",
)
ROWS_PER_YEAR = 20
#: Template rows of each year's title and column headers, as published (an
#: instruction sits between the first year's title and its headers).
FIRST_HEADER = 13
SECOND_TITLE = FIRST_HEADER + 1 + ROWS_PER_YEAR + 2
ROWS = {periods.YEARS[0]: (9, FIRST_HEADER), periods.YEARS[1]: (SECOND_TITLE, SECOND_TITLE + 3)}


def _table(year: str) -> Table:
    key = f"benefits.{year}"
    title, header = ROWS[year]
    return Table(key, header + 1, (
        Column("benefit_type", "B", Header(words("Benefit achieved from")),
               Input(choices="benefit_types")),
        Column("other", "C", Header(words("If other please specify")), Input(Type.TEXT)),
        Column("schemes", "D", Header(words("Scheme Name")), Input(Type.TEXT)),
        Column("organisation", "E", Header(words("Organisation to Benefit")),
               Input(choices="organisations")),
        Column("change", "F", Header(words("Change in activity measure")), Input(Type.NUMBER)),
        Column("unit_price", "G", Header(words("Unit Price (£)")), Input(Type.MONEY)),
        Column("total", "H", Header(words("Total (Saving) (£)")),
               Derived(when_numbers(("@change", "@unit_price"),
                                    f"{ref('@change')}*{ref('@unit_price')}"), Type.MONEY)),
        Column("how", "I", Header(words(
            "How was the saving value calculated? How will the savings against plan be monitored?")),
            Input(Type.TEXT)),
    ), min_rows=ROWS_PER_YEAR, header_row=header,
        title=Text(f"B{title}", words(year), "heading", anchor=True),
        total=TotalRow(words("Total"), {"total": Derived(f"SUM({ref(f'{key}.*.total')})", Type.MONEY,
                                                         f"benefits.total_saving.{year}")}),
        description=f"Benefits {year}")


def benefits_sheet() -> Sheet:
    first = ROWS[periods.YEARS[0]][0]
    return Sheet(BENEFITS, (
        Text("B1", words("Health and Wellbeing Board Financial Benefits Plan"), "title"),
        hwb_name("B3", "benefits"),
        *(Text(f"B{5 + index}", words(paragraph), "guidance", span=8)
          for index, paragraph in enumerate(GUIDANCE)),
        Text(f"B{first + 1}", words("Please complete white cells (for as many rows as required):"),
             "instruction"),
        *(item for year in periods.YEARS
          for item in (Text(f"E{ROWS[year][1] - 1}", words(year), "group"), _table(year))),
    ), widths=(2, 30, 18, 40, 18, 11, 12, 14, 40), money_unit="£",
        # Only the column headers repeat: the group row above them names the year.
        page=Page(freeze="A14", repeat_rows=(13, 13)))
