"""The plan workbook described once: its sheets, columns, styles and print
setup. The writer draws it, the reader finds its labels and the checks name
its cells from it (spec section 3)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from xlsxwriter.utility import xl_rowcol_to_cell

from ._model import ProjectPlan, Status

A3, A4 = 8, 9  # xlsxwriter's paper codes


@dataclasses.dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: float
    style: str
    #: Other headings the reader accepts for the column.
    aliases: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclasses.dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple[Column, ...]
    #: The row of the column headings (0-based); printed on every page.
    header_row: int
    paper: int
    #: Columns kept in view when scrolling right.
    frozen_columns: int = 0

    def col(self, key: str) -> int:
        return next(index for index, column in enumerate(self.columns) if column.key == key)


PROJECT_PLAN = Sheet("Project Plan", (
    Column("name", "Key area", 22, "name", ("Key areas",)),
    Column("aim", "Aim", 40, "text"),
    Column("activities", "Activities", 70, "text"),
    Column("benefits", "Benefits", 50, "text"),
    Column("accountable", "Accountability", 18, "text", ("Accountable", "Accountable body")),
    Column("timescale", "Timescale", 40, "text", ("Timescales", "Milestones")),
    Column("supporting_documents", "Supporting Documentation", 18, "text",
           ("Supporting documents", "Supporting documentation")),
), header_row=2, paper=A3, frozen_columns=1)

MILESTONES = Sheet("Milestones", (
    # The focus area's long name is clipped rather than wrapped: it would make
    # every row as tall as five lines.
    Column("focus", "Focus area", 12, "clipped"),
    Column("key_area", "Key area", 20, "input"),
    Column("sub_project", "Sub-project", 20, "input", ("Project", "Sub project")),
    Column("phase", "Phase", 14, "input"),
    Column("description", "Milestone", 28, "input", ("Description",)),
    Column("start", "Start", 10.5, "date", ("Start date",)),
    Column("end", "End", 10.5, "date", ("End date", "Due", "Due by")),
    Column("accountable", "Accountable", 14, "derived", ("Accountability",)),
    Column("complete", "Complete", 8.5, "flag", ("Complete?", "Done")),
    Column("status", "Status", 12, "derived"),
    Column("date_as_written", "Date as written", 11, "input"),
    Column("why_no_date", "Why no date", 14, "input"),
), header_row=4, paper=A3, frozen_columns=5)

CHECKS = Sheet("Checks", (
    Column("code", "Code", 26, "text"),
    Column("severity", "Severity", 9, "text"),
    Column("sheet", "Sheet", 13, "text"),
    Column("cells", "Cells", 9, "text"),
    Column("message", "Finding", 100, "text"),
), header_row=3, paper=A4)

SHEETS = (PROJECT_PLAN, MILESTONES, CHECKS)
#: Project Plan columns that hold a list: one item a line.
LIST_COLUMNS = ("activities", "benefits", "supporting_documents")

TITLE_ROW = 0
#: The status date: label in A2, date in B2 of the Milestones sheet.
STATUS_DATE_LABEL = "Status date"
STATUS_DATE = (1, 1)
MILESTONES_NOTE = ("Status follows the status date and the Complete column: type Yes in "
                   "Complete when a milestone is done. Overdue: not complete and its end is "
                   "before the status date. The timeline shades the months each milestone runs.")
#: Empty rows left under the milestones, with their formulas, for new ones.
SPARE_MILESTONE_ROWS = 20
MONTH_WIDTH = 2.6
FOCUS_HEADING = "FOCUS AREA {number}: {name}"

#: Arial (Liberation Sans where it is missing) measures the same everywhere, so the
#: row heights worked out for wrapped text fit in Excel and LibreOffice alike.
FONT, FONT_SIZE = "Arial", 10
MAX_ROW_HEIGHT = 409  # Excel's limit, in points
INPUT_FILL, DERIVED_FILL = "#FFFFCC", "#DDEBF7"  # the Part 2 template's colour key
_FONT = {"font_name": FONT, "font_size": FONT_SIZE}
_BORDER = {"border": 1, "border_color": "#A6A6A6"}
_BODY = {**_FONT, "valign": "top", "text_wrap": True, **_BORDER}
_HEADER = {**_FONT, "bold": True, "bg_color": "#1F4E78", "font_color": "#FFFFFF", **_BORDER}
STYLES: dict[str, dict[str, Any]] = {
    "title": {**_FONT, "bold": True, "font_size": 16},
    "note": {**_FONT, "italic": True, "font_color": "#595959", "font_size": 9},
    "label": {**_FONT, "bold": True, "align": "right"},
    "status_date": {**_FONT, "bold": True, "num_format": "dd/mm/yyyy", "align": "left",
                    "bg_color": INPUT_FILL, **_BORDER},
    "header": {**_HEADER, "text_wrap": True, "valign": "top"},
    "month": {**_HEADER, "num_format": "mmm yy", "rotation": 90, "font_size": 8,
              "align": "center"},
    "focus": {**_FONT, "bold": True, "font_size": 12, "bg_color": DERIVED_FILL, **_BORDER},
    "name": {**_BODY, "bold": True},
    "text": _BODY,
    "clipped": {**_BODY, "text_wrap": False, "bg_color": INPUT_FILL},
    "input": {**_BODY, "bg_color": INPUT_FILL},
    "date": {**_BODY, "num_format": "dd/mm/yyyy", "bg_color": INPUT_FILL},
    "flag": {**_BODY, "align": "center", "bg_color": INPUT_FILL},
    "derived": {**_BODY, "bg_color": DERIVED_FILL},
    "timeline": {"border": 1, "border_color": "#D9D9D9"},
}
#: Fill and font of the Status column for each status.
STATUS_COLOURS = {
    Status.COMPLETE: ("#C6EFCE", "#006100"),
    Status.OVERDUE: ("#FFC7CE", "#9C0006"),
    Status.DUE_THIS_MONTH: ("#FFEB9C", "#9C5700"),
    Status.IN_PROGRESS: ("#DDEBF7", "#1F4E78"),
    Status.NOT_STARTED: ("#F2F2F2", "#595959"),
}
#: Timeline bars: complete and overdue milestones stand out, others are blue.
BAR_COLOURS: dict[Status | None, str] = {Status.COMPLETE: "#70AD47", Status.OVERDUE: "#C00000",
                                         None: "#5B9BD5"}
STATUS_MONTH_FILL = "#FFE699"
OUTSIDE_PERIOD_FILL = "#EDEDED"


@dataclasses.dataclass(frozen=True)
class Placement:
    """Where a plan's focus areas, key areas and milestones are: a row for each
    model path (focus areas and key areas on the Project Plan sheet, milestones on
    Milestones), and each sheet's name and columns as the file has them."""

    rows: Mapping[str, int]
    sheet_names: Mapping[str, str]
    columns: Mapping[str, Mapping[str, int]]

    def sheet_of(self, path: str) -> str:
        layout = MILESTONES if ".milestones." in path else PROJECT_PLAN
        return self.sheet_names.get(layout.name, layout.name)

    def cells(self, path: str, column: str) -> tuple[str, ...]:
        """The address of a column of the row at ``path``, when both are known."""
        layout = MILESTONES if ".milestones." in path else PROJECT_PLAN
        row, col = self.rows.get(path), self.columns.get(layout.name, {}).get(column)
        return () if row is None or col is None else (xl_rowcol_to_cell(row, col),)


def layout_columns() -> dict[str, dict[str, int]]:
    return {sheet.name: {column.key: index for index, column in enumerate(sheet.columns)}
            for sheet in SHEETS}


def placement_for(plan: ProjectPlan) -> Placement:
    """Where the writer puts everything of ``plan``."""
    rows: dict[str, int] = {}
    row = PROJECT_PLAN.header_row + 1
    for f, focus in enumerate(plan.focus_areas):
        rows[f"focus_areas.{f}"] = row
        row += 1
        for k in range(len(focus.key_areas)):
            rows[f"focus_areas.{f}.key_areas.{k}"] = row
            row += 1
    for index, placed in enumerate(plan.milestones()):
        rows[placed.path] = MILESTONES.header_row + 1 + index
    return Placement(rows, {sheet.name: sheet.name for sheet in SHEETS}, layout_columns())
