"""An independent stand-in for Peterborough's real Part 2 workbook (September 2014).

NHS England's original template is not available, only the text of Peterborough's
published file (``peterborough-part2-2014.txt`` beside this module, a copy of
``../shared/spec/published/``). This module rebuilds that file from the text and the
specification alone, never from this library's layout, writer or reader, so that a test
reading it checks the library against a workbook it did not write:

- every text cell of the published text at its position (one line is one row from row 1
  at each sheet's first line, the first TAB-cell in column B), after undoing the losses of
  the extraction listed in ``CORRECTIONS``;
- inputs and pre-populated figures as numbers, every derived figure as a formula written
  in the original's style (A1 addresses across sheets, SUMIF over the expenditure plan);
- the planted problems of spec section 5 as constants typed over formulas;
- then LibreOffice recalculates and saves it, so that it carries cached values as a file
  saved by Excel or LibreOffice does.

    python -m tests.support.original_layout OUT.xlsx
    python scripts/build_original_fixture.py OUT.xlsx
"""

from __future__ import annotations

import argparse
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries
from openpyxl.utils.cell import coordinate_from_string
from openpyxl.worksheet.worksheet import Worksheet

from support.recalculate import recalculate

PUBLISHED_TEXT = Path(__file__).with_name("peterborough-part2-2014.txt")

HWB_ID = "1. HWB ID"
HWB_P4P = "HWB P4P"
FUNDING = "2. HWB Funding Sources"
SUMMARY = "Summary"
EXPENDITURE = "3. HWB Expenditure Plan"
BENEFITS = "4. HWB Benefits Plan"
P4P_METRIC = "5. HWB P4P metric"
SUPPORTING = "6. HWB Supporting Metrics"
PROJECTIONS = "7. Projections"

SHEET_ORDER = (HWB_ID, HWB_P4P, FUNDING, SUMMARY, EXPENDITURE, BENEFITS, P4P_METRIC, SUPPORTING,
               PROJECTIONS)

# The line each sheet's text starts with (published README); searched in this order, so the
# second "Red triangles ..." is found after the first.
SHEET_STARTS = (
    (HWB_ID, "Health and Wellbeing Board Details"),
    (HWB_P4P, "Health and Wellbeing Board Payment for Performance"),
    (FUNDING, "Health and Wellbeing Funding Sources"),
    (SUMMARY, "Summary of Health and Wellbeing Board Schemes"),
    (BENEFITS, "Health and Wellbeing Board Financial Benefits Plan"),
    (P4P_METRIC, "Red triangles indicate comments"),
    (SUPPORTING, "Red triangles indicate comments"),
    (PROJECTIONS, "To support finalisation of plans"),
)

_FIGURE = re.compile(r"^-?£?[\d,]*\d(\.\d+)?%?$|^-$")
_UNDERLINED = re.compile(r"^<u>(.*)</u>$")


def is_figure(token: str) -> bool:
    """True for a number as the text prints it: 16,752  -1.0%  £249,000  1,269.0  and "-" (zero)."""
    return bool(_FIGURE.match(token))


def figure_value(token: str) -> float:
    """The number a printed figure stands for ("-" is zero, "22.4%" is 0.224)."""
    if token == "-":
        return 0.0
    number = float(token.replace("£", "").replace(",", "").rstrip("%"))
    return number / 100 if token.endswith("%") else number


def underlined_text(token: str) -> str | None:
    """The text of a cell the extraction marked as underlined, else None."""
    match = _UNDERLINED.match(token)
    return match.group(1) if match else None


# --- The published text, sheet by sheet, with the extraction's losses undone ----------------

Cells = dict[str, str]  # coordinate -> the cell's published text


@dataclass
class Published:
    """The published text placed on the sheets: cells, and text that prints in a page header."""

    cells: dict[str, Cells]
    page_headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Shift:
    """Cells the extraction put in the wrong columns (a header that lost an empty cell, a
    figure beside the column it belongs to), moved by ``columns`` to where their figures are."""

    sheet: str
    cells: str  # a range: "C11", "B12:O12"
    columns: int
    why: str

    def apply(self, published: Published) -> None:
        sheet = published.cells[self.sheet]
        moved = {coordinate: sheet.pop(coordinate) for coordinate in cells(self.cells)
                 if coordinate in sheet}
        for coordinate, token in moved.items():
            sheet[_offset(coordinate, self.columns)] = token


@dataclass(frozen=True)
class Split:
    """A label and its figure that the extraction joined with a space: label stays, figure
    goes to the next column. ``figure_first`` when the figure leads ("£1,490 National ...")."""

    sheet: str
    cell: str
    why: str
    figure_first: bool = False

    def apply(self, published: Published) -> None:
        cells = published.cells[self.sheet]
        joined = cells[self.cell]
        if self.figure_first:
            figure, label = joined.split(" ", 1)
            cells[self.cell], cells[_offset(self.cell, 1)] = figure, label
        else:
            label, figure = joined.rsplit(" ", 1)
            cells[self.cell], cells[_offset(self.cell, 1)] = label, figure


@dataclass(frozen=True)
class ToPageHeader:
    """Text printed before a sheet's first line: it belongs to ``target``, above its row 1."""

    sheet: str
    cell: str
    target: str
    why: str

    def apply(self, published: Published) -> None:
        published.page_headers[self.target] = published.cells[self.sheet].pop(self.cell)


Correction = Shift | Split | ToPageHeader

_NAME_BEFORE_FIRST_LINE = (
    "The HWB's name, printed before the line the README gives as this sheet's first: every "
    "other sheet shows its HWB name at its top, and no row is left above row 1, so it stands "
    "in the page header (where an extraction also finds it before the cells)")

CORRECTIONS: tuple[Correction, ...] = (
    Shift(P4P_METRIC, "C11", 1,
          "'Baseline (14-15 figures are CCG plans)' spans the four baseline quarters, whose figures "
          "start in D (README: group headers sit one column left)"),
    Shift(P4P_METRIC, "G11", 1,
          "'Pay for performance period' spans the five P4P quarters, H:L (README)"),
    Shift(P4P_METRIC, "B12:L12", 1,
          "The quarter headers lost one empty cell: the nine quarterly figures below them stand "
          "in D:L (metric in B, 'Quarterly rate' in C), so the nine headers go over D:L"),
    Split(P4P_METRIC, "B19", "README: the three 'P4P annual change' lines lost the TAB before "
          "their figure; the figure goes in the next cell"),
    Split(P4P_METRIC, "B20", "as B19"),
    Split(P4P_METRIC, "B21", "as B19"),
    Split(P4P_METRIC, "B23",
          "Same loss as the P4P lines (a space where a TAB was): £1,490 is the national average "
          "cost that the P4P saving multiplies by (spec 2.5: a reference constant), so it is a "
          "number in its own cell, with its label beside it", figure_first=True),
    Shift(P4P_METRIC, "G31", 1,
          "'100%' is the total of the HWB-population shares (96.0% + 4.0%) in H, not of the "
          "CCG shares in G (README: one column left)"),
    Shift(SUPPORTING, "J37", 1,
          "The 15/16 annual change stands under its year's last quarter (O); the 14/15 one lost an "
          "empty cell (README) and belongs under 14/15's last quarter, K"),
    Shift(SUPPORTING, "J38", 1,
          "The 14/15 annual change (%) lost the same cell as the change above it: both 15/16 "
          "figures share column O, so both 14/15 figures share column K"),
    Shift(PROJECTIONS, "D51:O51", -2,
          "The monthly delayed-transfers series stands two columns right of its header row: "
          "its label belongs in B like every other metric's, and the spec's series starts "
          "with 123 in Aug-10, the first month header (D)"),
    ToPageHeader(BENEFITS, "B34", P4P_METRIC, _NAME_BEFORE_FIRST_LINE),
    ToPageHeader(P4P_METRIC, "B36", SUPPORTING, _NAME_BEFORE_FIRST_LINE),
    ToPageHeader(SUPPORTING, "B45", PROJECTIONS, _NAME_BEFORE_FIRST_LINE),
)


def _offset(coordinate: str, columns: int) -> str:
    column, row = coordinate_from_string(coordinate)
    return f"{column_offset(column, columns)}{row}"


def _sheet_lines(text: str) -> dict[str, list[str]]:
    lines = text.split("\n")
    starts: list[tuple[str, int]] = []
    position = 0
    for sheet, marker in SHEET_STARTS:
        position = next(index for index in range(position, len(lines))
                        if lines[index].startswith(marker))
        starts.append((sheet, position))
        position += 1
    ends = [start for _, start in starts[1:]] + [len(lines)]
    return {sheet: lines[start:end] for (sheet, start), end in zip(starts, ends)}


def _cells(lines: Sequence[str]) -> Cells:
    return {f"{get_column_letter(column)}{row}": token
            for row, line in enumerate(lines, start=1)
            for column, token in enumerate(line.split("\t"), start=2) if token}


@cache
def published() -> Published:
    """The published text cell by cell, on the sheets and at the positions of the original."""
    sheets = _sheet_lines(PUBLISHED_TEXT.read_text(encoding="utf-8"))
    result = Published({sheet: _cells(lines) for sheet, lines in sheets.items()})
    for correction in CORRECTIONS:
        correction.apply(result)
    return result


# --- What each published cell is: input, pre-populated figure or formula ---------------------

def cells(*ranges: str) -> list[str]:
    """Every coordinate of the given ranges ("D14:G15", "C18"), row by row."""
    result = []
    for cell_range in ranges:
        first_column, first_row, last_column, last_row = range_boundaries(cell_range)
        result += [f"{get_column_letter(column)}{row}" for row in range(first_row, last_row + 1)
                   for column in range(first_column, last_column + 1)]
    return result


def formulas(cell_range: str, formula: Callable[[str, int], str]) -> dict[str, str]:
    """``formula(column, row)`` written into each cell of a range."""
    result = {}
    for coordinate in cells(cell_range):
        column, row = coordinate_from_string(coordinate)
        result[coordinate] = formula(column, row)
    return result


def column_offset(column: str, by: int) -> str:
    return get_column_letter(column_index_from_string(column) + by)


@dataclass(frozen=True)
class SheetPlan:
    """How to write one published sheet. A published figure not named here is an error, so
    that no derived figure is written as a constant by oversight."""

    formulas: dict[str, str] = field(default_factory=dict)
    # Inputs, pre-populated and typed-over figures; those the text leaves blank stay empty.
    numbers: frozenset[str] = frozenset()
    exact: dict[str, float] = field(default_factory=dict)  # figures the text prints rounded
    dash_texts: frozenset[str] = frozenset()  # a "-" that is a name, not a zero
    months: frozenset[str] = frozenset()  # "Aug-10": a date shown as month-year
    merged: tuple[str, ...] = ()  # group headers over the columns they span
    zero_as_dash: bool = False  # the sheet prints zero as "-"


def _quoted(sheet: str) -> str:
    return f"'{sheet}'!"


EXP = _quoted(EXPENDITURE)
BEN = _quoted(BENEFITS)
P4P = _quoted(P4P_METRIC)
SUP = _quoted(SUPPORTING)
HWB_NAME = f"={_quoted(HWB_ID)}B7"
FIRST_SCHEME_ROW, LAST_SCHEME_ROW = 5, 54


def _expenditure(column: str) -> str:
    return f"{EXP}${column}${FIRST_SCHEME_ROW}:${column}${LAST_SCHEME_ROW}"


# The expenditure plan's 2014/15 and 2015/16 columns, under the Summary's C and D.
_SPEND_COLUMN = {"C": "J", "D": "K"}
_MINIMUM = '"CCG Minimum Contribution"'


def _spend_by_area(column: str, row: int) -> str:
    return f"=SUMIF({_expenditure('C')},B{row},{_expenditure(_SPEND_COLUMN[column])})"


def _nhs_commissioned(column: str, row: int) -> str:
    """Spec 2.8: spend from the CCG minimum contribution times the NHS share (100% when the CCG
    commissions, '% NHS' when joint, nothing when the local authority does)."""
    spend = _expenditure(_SPEND_COLUMN[column])
    area, commissioner, source = _expenditure("C"), _expenditure("E"), _expenditure("I")
    return (f'=SUMIFS({spend},{area},$B{row},{commissioner},"CCG",{source},{_MINIMUM})'
            f'+SUMPRODUCT(({area}=$B{row})*({commissioner}="Joint")*({source}={_MINIMUM}),'
            f"{_expenditure('F')},{spend})")


def _benefits_total(column: str, row: int) -> str:
    """Spec 2.8: a benefit type's savings in £000, from the year's table of the benefits plan."""
    first, last = (14, 19) if column == "C" else (26, 31)
    return f"=SUMIF({BEN}$B${first}:$B${last},$B{row},{BEN}$H${first}:$H${last})/1000"


HWB_ID_PLAN = SheetPlan()

HWB_P4P_PLAN = SheetPlan(
    formulas={
        "B5": HWB_NAME,
        "C9": f"=SUM({P4P}D14:G14)",
        "C10": f"={P4P}C19",
        "C11": "=C10/C9",
        "C17": f"={P4P}C21",
        "C19": "=MAX(0,C18-C17)",
        "C20": "=Summary!D34*1000",
        "C21": "=MAX(0,C18-C20)",
        # Spec 2.9: running sums over the baseline quarters D:G and the P4P quarters H:K.
        "C26": f"={P4P}D14",
        **formulas("D26:F26", lambda c, r: f"={column_offset(c, -1)}26+{P4P}{column_offset(c, 1)}14"),
        "C27": f"={P4P}H14-{P4P}D14",
        **formulas("D27:F27", lambda c, r: f"={column_offset(c, -1)}27+{P4P}{column_offset(c, 5)}14"
                                           f"-{P4P}{column_offset(c, 1)}14"),
        # Spec 2.9 (corrected): the cumulative change over the annual baseline.
        **formulas("C28:F28", lambda c, r: f"={c}27/$C$9"),
        # The quarter's own change is the step of the cumulative change.
        "C29": "=IF($C$10<0,$C$17*C27/$C$10,0)",
        **formulas("D29:F29", lambda c, r: f"=IF($C$10<0,$C$17*({c}27-{column_offset(c, -1)}27)/$C$10,0)"),
    },
    numbers=frozenset({"C18"}),  # the HWB's share of the national £1bn (reference data)
)

FUNDING_PLAN = SheetPlan(
    formulas={
        "B3": HWB_NAME,
        **formulas("C16:D16", lambda c, r: f"=SUM({c}10:{c}15)"),
        **formulas("C24:D24", lambda c, r: f"=SUM({c}18:{c}23)"),
        **formulas("C32:D32", lambda c, r: f"=SUM({c}26:{c}31)"),
        **formulas("C33:D33", lambda c, r: f"={c}16+{c}24+{c}32"),
    },
    # The CCG minimum contribution rows are pre-populated: a CCG's 2015/16 figure, and in the
    # five rows without a CCG a "-" name and a zero (printed "-"), while 2014/15 is an input
    # left blank. With no Reference sheet to look them up from, they are constants.
    numbers=frozenset(cells("D18:D23")),
    dash_texts=frozenset(cells("B19:B23")),
    merged=("C7:D7",),
    zero_as_dash=True,
)

SUMMARY_PLAN = SheetPlan(
    formulas={
        "B3": HWB_NAME,
        **formulas("C13:D19", _spend_by_area),
        **formulas("C20:D20", lambda c, r: f"=SUM({c}13:{c}19)"),
        # The published file left the 2014/15 protection total (E20) blank while E18 says 661
        # (spec section 5): E20 has no formula.
        "F20": "=SUM(F13:F19)",
        **formulas("C28:D33", _nhs_commissioned),
        **formulas("C34:D34", lambda c, r: f"=SUM({c}28:{c}33)"),
        **formulas("C42:D46", _benefits_total),
        **formulas("C47:D47", lambda c, r: f"=SUM({c}42:{c}46)"),
        "E45": f"={P4P}C21/1000",
        "E47": "=SUM(E42:E46)",
    },
    numbers=frozenset({"E18", "F18"}),  # protection of adult social care, 2014/15 and 2015/16
    merged=("C11:D11", "E11:F11", "C26:D26", "C40:D40"),
    zero_as_dash=True,
)


def _saving(column: str, row: int) -> str:
    """Spec 2.4: change in activity times unit price, blank when either is blank."""
    return f'=IF(OR(F{row}="",G{row}=""),"",F{row}*G{row})'


BENEFITS_PLAN = SheetPlan(
    formulas={
        "B3": HWB_NAME,
        **formulas("H14:H19", _saving),
        **formulas("H26:H31", _saving),
        # Like the original, the total rows also add up the activity and unit price columns
        # (meaningless, spec 2.4, but what councils' files hold).
        **formulas("F20:H20", lambda c, r: f"=SUM({c}14:{c}19)"),
        **formulas("F32:H32", lambda c, r: f"=SUM({c}26:{c}31)"),
    },
    numbers=frozenset(cells("F14:G19", "F26:G31")
                      # The stray 9,770,401,500 typed under "How was the saving value calculated?"
                      # in the 2015/16 total row (spec section 5).
                      + ["I32"]),
)

P4P_METRIC_PLAN = SheetPlan(
    formulas={
        **formulas("D13:L13", lambda c, r: f"={c}14/{c}15*100000"),
        # The baseline numerators are the contributing CCGs' total activity (I31:L31).
        **formulas("D14:G14", lambda c, r: f"={column_offset(c, 5)}31"),
        "C19": "=SUM(H14:K14)-SUM(D14:G14)",
        "C20": "=C19/SUM(D14:G14)",
        "C21": "=IF(C19<0,ROUND(-C19*B23,-3),0)",
        **formulas("I29:L30", lambda c, r: f"=ROUND({column_offset(c, -6)}{r}*$G{r},0)"),
        "H31": "=SUM(H29:H30)",
        **formulas("I31:L31", lambda c, r: f"=SUM({c}29:{c}30)"),
    },
    numbers=frozenset(cells("H14:L14", "D15:L15", "B23", "C29:H30")),
    # The shares to the precision that reproduces the printed contributing activity (spec 2.5).
    exact={"G29": 0.223937, "G30": 0.051877},
    merged=("D11:G11", "H11:L11", "C27:F27", "I27:L27"),
)


def _annual_change(first: str, last: str, previous_first: str, previous_last: str, row: int) -> str:
    return f"=SUM({first}{row}:{last}{row})-SUM({previous_first}{row}:{previous_last}{row})"


SUPPORTING_PLAN = SheetPlan(
    formulas={
        # Residential admissions: D11 (baseline rate) is typed over, see numbers.
        **formulas("E11:F11", lambda c, r: f"={c}12/{c}13*100000"),
        **formulas("E14:F14", lambda c, r: f"={c}12-{column_offset(c, -1)}12"),
        **formulas("E15:F15", lambda c, r: f"={c}14/{column_offset(c, -1)}12"),
        # Reablement: D22 (baseline %) is typed over.
        **formulas("E22:F22", lambda c, r: f"={c}23/{c}24*100"),
        **formulas("E25:F25", lambda c, r: f"={c}23-{column_offset(c, -1)}23"),
        **formulas("E26:F26", lambda c, r: f"={c}25/{column_offset(c, -1)}23"),
        # Delayed transfers: the 15/16 rates L34:O34 are typed over.
        **formulas("D34:K34", lambda c, r: f"={c}35/{c}36*100000"),
        "K37": _annual_change("H", "K", "D", "G", 35),
        "O37": _annual_change("L", "O", "H", "K", 35),
        "K38": "=K37/SUM(D35:G35)",
        "O38": "=O37/SUM(H35:K35)",
    },
    # Constants typed over formulas in the published file (spec section 5): D11 592.8 (the
    # formula gives 596.6), D22 73.8 (76.9), L34:O34 1,033.3 916.6 813.0 711.7.
    numbers=frozenset(cells("D11", "D12:F13", "D22", "D23:F24", "L34:O34", "D35:O36")),
    merged=("D32:G32", "H32:K32", "L32:O32"),
)


def _trend_of_counts(column: str, row: int) -> str:
    """Spec 2.7: the straight line through the 7 known quarters (positions 1-7), at 8-12."""
    position = column_index_from_string(column) - column_index_from_string("K") + 8
    return f"=ROUND(TREND($D$9:$J$9,{{1,2,3,4,5,6,7}},{position}),0)"


def _trend_of_rates(column: str, row: int) -> str:
    """Spec 2.7: the line through the three annual rates (positions 1-3), at 4 and 5."""
    return f"=TREND($D${row}:$F${row},{{1,2,3}},{4 if column == 'G' else 5})"


_KNOWN_MONTHS = ",".join(str(position) for position in range(1, 11))


def _trend_of_delayed_days(column: str, row: int) -> str:
    """Spec 2.7: the quarter's three months on the linear trend of the monthly series. The
    series starts in Aug-10 (position 1), so Apr-14, the first month of 14/15 Q1, is 45."""
    quarter = column_index_from_string(column) - column_index_from_string("D")
    months = ",".join(str(45 + 3 * quarter + month) for month in range(3))
    return f"=SUM(TREND($D$51:$M$51,{{{_KNOWN_MONTHS}}},{{{months}}}))"


PROJECTIONS_PLAN = SheetPlan(
    formulas={
        # Non-elective admissions: 13/14 Q4 to 14/15 Q3 are the P4P baseline numerators.
        **formulas("G9:J9", lambda c, r: f"={P4P}{column_offset(c, -3)}14"),
        **formulas("K9:O9", _trend_of_counts),
        **formulas("D16:H16", lambda c, r: f"={c}17/{c}18*100000"),
        **formulas("D17:H17", lambda c, r: f"={column_offset(c, 7)}9"),
        # Residential admissions. The 2012-13 rate is its numerator over its denominator; the
        # 2011-12 rate comes from national data (spec 2.7), a constant.
        "E27": "=E28/E29*100000",
        "F27": f"={SUP}D11",
        **formulas("G27:H27", _trend_of_rates),
        "F28": f"={SUP}D12",
        **formulas("G28:H28", lambda c, r: f"=ROUND({c}27*{c}29/100000,0)"),
        "F29": f"={SUP}D13",
        **formulas("G29:H29", lambda c, r: f"={SUP}{column_offset(c, -2)}13"),
        # Reablement: the denominator stays the baseline's (people offered reablement).
        "F40": f"={SUP}D22",
        **formulas("G40:H40", _trend_of_rates),
        "F41": f"={SUP}D23",
        **formulas("G41:H41", lambda c, r: f"=ROUND({c}40*{c}42/100,0)"),
        "F42": f"={SUP}D24",
        **formulas("G42:H42", lambda c, r: "=$F$42"),
        # Delayed transfers.
        **formulas("D57:K57", lambda c, r: f"={c}58/{c}59*100000"),
        **formulas("D58:K58", _trend_of_delayed_days),
    },
    numbers=frozenset(cells("D9:F9", "D18:H18", "D27", "D28:E29", "D40:E42", "D51:M51", "D59:K59")),
    # Printed to whole numbers; the spec and the JSON give them to one decimal.
    exact={"D27": 554.3, "D40": 88.9, "E40": 78.6},
    months=frozenset(cells("D50:O50")),
    merged=("D55:G55", "H55:K55"),
)

PLANS = {
    HWB_ID: HWB_ID_PLAN, HWB_P4P: HWB_P4P_PLAN, FUNDING: FUNDING_PLAN, SUMMARY: SUMMARY_PLAN,
    BENEFITS: BENEFITS_PLAN, P4P_METRIC: P4P_METRIC_PLAN, SUPPORTING: SUPPORTING_PLAN,
    PROJECTIONS: PROJECTIONS_PLAN,
}


# --- The expenditure plan: not in the text, the spec's columns and section 5's schemes ------

EXPENDITURE_HEADERS = (
    "Scheme name", "Area of spend", "Please specify if 'Area of spend' is 'Other'", "Commissioner",
    "If joint, % NHS", "If joint, % LA", "Provider", "Source of funding",
    "2014/15 expenditure (£000)", "2015/16 expenditure (£000)", "New or existing scheme",
)

# Spec section 5 (2014/15 blank, no joint schemes); new or existing from the spec's JSON.
SCHEMES: tuple[tuple[str, str, str, str, int, str], ...] = (
    ("Protecting social care services", "Social Care", "Local Authority", "Local Authority",
     6011, "Existing"),
    ("Care Act implementation, including joint assessments", "Social Care", "Local Authority",
     "Local Authority", 480, "New"),
    ("Enhanced offer for carers (all age)", "Social Care", "Local Authority",
     "Charity/Voluntary Sector", 356, "Existing"),
    ("7 day working: hospital discharge and admission avoidance", "Social Care", "CCG",
     "Local Authority", 150, "New"),
    ("Older people and adult community services (OPACS)", "Community Health", "CCG",
     "NHS Community Provider", 3749, "New"),
)

_THOUSANDS_DASH = '#,##0;-#,##0;"-"'


def _write_expenditure_plan(sheet: Worksheet) -> None:
    sheet["B1"] = "Health and Wellbeing Board Expenditure Plan"
    sheet["B2"] = HWB_NAME
    sheet["B3"] = "Please complete white cells (for as many rows as required):"
    for index, header in enumerate(EXPENDITURE_HEADERS, start=2):
        sheet.cell(4, index, header)
    for row, (scheme, area, commissioner, provider, spend, new) in enumerate(SCHEMES, FIRST_SCHEME_ROW):
        for column, value in {"B": scheme, "C": area, "E": commissioner, "H": provider,
                              "I": "CCG Minimum Contribution", "K": spend, "L": new}.items():
            sheet[f"{column}{row}"] = value
    total = LAST_SCHEME_ROW + 1
    sheet[f"B{total}"] = "Total"
    for column in "JK":
        sheet[f"{column}{total}"] = f"=SUM({column}{FIRST_SCHEME_ROW}:{column}{LAST_SCHEME_ROW})"
    for row in range(FIRST_SCHEME_ROW, total + 1):
        for column in "FG":
            sheet[f"{column}{row}"].number_format = "0%"
        for column in "JK":
            sheet[f"{column}{row}"].number_format = _THOUSANDS_DASH


# --- Writing the published sheets -------------------------------------------------------------

def number_format(token: str, zero_as_dash: bool) -> str:
    """The display format that prints a value the way the published text shows it."""
    decimals = len(token.rstrip("%").partition(".")[2])
    fraction = "." + "0" * decimals if decimals else ""
    if token.endswith("%"):
        return f"0{fraction}%"
    dash = token == "-" or zero_as_dash
    digits = ("#,##0" if "," in token or dash else "0") + fraction
    if token.startswith("£"):
        return f'"£"{digits}'
    return f'{digits};-{digits};"-"' if dash else digits


def _write_published_cell(sheet: Worksheet, coordinate: str, token: str, plan: SheetPlan) -> None:
    cell = sheet[coordinate]
    if coordinate in plan.numbers:
        if not is_figure(token):
            raise ValueError(f"{sheet.title}!{coordinate}: {token!r} is declared a number")
        cell.value = plan.exact.get(coordinate, figure_value(token))
        cell.number_format = number_format(token, plan.zero_as_dash)
    elif coordinate in plan.months:
        cell.value = datetime.strptime(token, "%b-%y")
        cell.number_format = "mmm-yy"
    elif is_figure(token) and coordinate not in plan.dash_texts:
        raise ValueError(f"{sheet.title}!{coordinate}: the published figure {token} is neither "
                         "declared a number nor a formula")
    else:
        underlined = underlined_text(token)
        cell.value = token if underlined is None else underlined
        if underlined is not None:
            cell.font = Font(underline="single")


def _write_published_sheet(sheet: Worksheet, published_cells: Cells, plan: SheetPlan) -> None:
    for coordinate, token in published_cells.items():
        if coordinate not in plan.formulas:
            _write_published_cell(sheet, coordinate, token, plan)
    for coordinate, formula in plan.formulas.items():
        sheet[coordinate] = formula
        sheet[coordinate].number_format = number_format(published_cells.get(coordinate, "0"),
                                                        plan.zero_as_dash)
    for cell_range in plan.merged:
        sheet.merge_cells(cell_range)


def _widen(sheet: Worksheet, columns: Iterable[str]) -> None:
    sheet.column_dimensions["A"].width = 2
    sheet.column_dimensions["B"].width = 45
    for column in columns:
        sheet.column_dimensions[column].width = 14


def write_unrecalculated(path: Path) -> Path:
    """The workbook as openpyxl writes it: formulas without cached values."""
    text = published()
    book = Workbook()
    book.remove(book.active)
    for name in SHEET_ORDER:
        sheet = book.create_sheet(name)
        if name == EXPENDITURE:
            _write_expenditure_plan(sheet)
        else:
            _write_published_sheet(sheet, text.cells[name], PLANS[name])
        if name in text.page_headers:
            sheet.oddHeader.center.text = text.page_headers[name]
        _widen(sheet, (get_column_letter(column) for column in range(3, 16)))
    book.save(path)
    return path


def build(out: Path) -> Path:
    """Write the workbook and have LibreOffice recalculate and save it as ``out`` (.xlsx)."""
    if out.suffix != ".xlsx":
        raise ValueError(f"{out}: the fixture is an .xlsx workbook")
    with tempfile.TemporaryDirectory(prefix="bcf-original-layout-") as scratch:
        (saved,) = recalculate([write_unrecalculated(Path(scratch) / out.name)], out.parent)
    return saved


@pytest.fixture(scope="session")
def original_peterborough(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Peterborough's workbook in NHS England's original layout, not written by this library,
    recalculated by LibreOffice (tests that use it need LibreOffice)."""
    return build(tmp_path_factory.mktemp("original-layout") / "peterborough-original-2014.xlsx")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="the .xlsx workbook to write")
    arguments = parser.parse_args(argv)
    try:
        print(build(arguments.out.resolve()))
    except (RuntimeError, ValueError) as error:
        parser.exit(1, f"error: {error}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
