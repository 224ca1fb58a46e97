"""Write a plan workbook with xlsxwriter, every sheet drawn from :mod:`._layout`.

Formulas (status, accountable body) are written with the values they give,
worked out in Python (:mod:`._status`), so that tools which never
recalculate show the right status.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from .._output import replacing
from ..errors import WorkbookError
from ..findings import Finding, severity_counts
from ..writer._files import ExactWorksheet
from ..writer._text_fit import column_pixels, height_for, line_height
from ._checks import run_checks
from ._layout import (
    BAR_COLOURS,
    CHECKS,
    FOCUS_HEADING,
    FONT,
    FONT_SIZE,
    LIST_COLUMNS,
    MAX_ROW_HEIGHT,
    MILESTONES,
    MILESTONES_NOTE,
    MONTH_WIDTH,
    OUTSIDE_PERIOD_FILL,
    PROJECT_PLAN,
    SHEETS,
    SPARE_MILESTONE_ROWS,
    STATUS_COLOURS,
    STATUS_DATE,
    STATUS_DATE_LABEL,
    STATUS_MONTH_FILL,
    STYLES,
    TITLE_ROW,
    Placement,
    Sheet,
    placement_for,
)
from ._model import Phase, Placed, ProjectPlan
from ._status import (
    COMPLETE_FLAG,
    COVERS_FORMULA,
    STATUS_FORMULA,
    STATUS_MONTH_FORMULA,
    status,
    timeline_months,
)

#: The key area's accountable body; '&""' shows a blank as blank, not 0.
ACCOUNTABLE_FORMULA = "{accountable}&\"\""
#: Dates before this are typing mistakes (a warning, not a refusal).
EARLIEST_DATE = datetime.date(2000, 1, 1)


def write(plan: ProjectPlan, path: str | Path, as_of: datetime.date | None = None,
          findings: Sequence[Finding] | None = None) -> Path:
    """Write ``plan`` as a workbook at ``path``. The status date is ``as_of``
    (default: today); the Checks sheet lists ``findings`` (default: the checks
    of ``plan`` as of that date)."""
    as_of = as_of or datetime.date.today()
    placement = placement_for(plan)
    if findings is None:
        findings = run_checks(plan, as_of, placement)
    target = Path(path)
    with replacing(target, WorkbookError) as temporary:
        workbook = xlsxwriter.Workbook(str(temporary), _workbook_options())
        _PlanWriter(workbook, plan, as_of, placement).write(findings)
        workbook.close()
    return target


class _PlanWriter:
    def __init__(self, workbook: Workbook, plan: ProjectPlan, as_of: datetime.date,
                 placement: Placement) -> None:
        self.workbook = workbook
        self.plan = plan
        self.as_of = as_of
        self.placement = placement
        self.formats = {name: workbook.add_format(props) for name, props in STYLES.items()}
        self.sheets = {layout.name: workbook.add_worksheet(layout.name, ExactWorksheet)
                       for layout in SHEETS}
        self.months = timeline_months(plan)

    def write(self, findings: Sequence[Finding]) -> None:
        for layout in SHEETS:
            self._prepare(layout)
        self._project_plan(self.sheets[PROJECT_PLAN.name])
        self._milestones(self.sheets[MILESTONES.name])
        self._checks(self.sheets[CHECKS.name], findings)

    def _prepare(self, layout: Sheet) -> None:
        sheet = self.sheets[layout.name]
        for col, column in enumerate(layout.columns):
            sheet.set_column(col, col, column.width)
            sheet.write_string(layout.header_row, col, column.label, self.formats["header"])
        sheet.set_row(layout.header_row, max(height_for(column.label, column_pixels(column.width),
                                                        bold=True) for column in layout.columns))
        title = self.plan.title if layout is PROJECT_PLAN else f"{self.plan.title}: {layout.name}"
        sheet.write_string(TITLE_ROW, 0, title, self.formats["title"])
        sheet.set_row(TITLE_ROW, line_height(STYLES["title"]["font_size"]))
        sheet.freeze_panes(layout.header_row + 1, layout.frozen_columns)
        sheet.set_landscape()
        sheet.set_paper(layout.paper)
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(layout.header_row)
        sheet.set_margins(left=0.4, right=0.4, top=0.5, bottom=0.6)
        # A space after the font size code '&8': digits after it would be read as the size.
        sheet.set_footer(f"&L&8 {_footer_text(title)}&R&8 Page &P of &N")

    # --- Project Plan ---------------------------------------------------------------

    def _project_plan(self, sheet: Worksheet) -> None:
        last_col = len(PROJECT_PLAN.columns) - 1
        for f, focus in enumerate(self.plan.focus_areas):
            row = self.placement.rows[f"focus_areas.{f}"]
            sheet.merge_range(row, 0, row, last_col,
                              FOCUS_HEADING.format(number=focus.number, name=focus.name),
                              self.formats["focus"])
            sheet.set_row(row, line_height(STYLES["focus"]["font_size"]))
        for placed in self.plan.key_areas():
            values = {column.key: getattr(placed.key_area, column.key)
                      for column in PROJECT_PLAN.columns}
            _write_row(sheet, self.placement.rows[placed.path], PROJECT_PLAN, self.formats,
                       {key: "\n".join(value) if key in LIST_COLUMNS else value
                        for key, value in values.items()})

    # --- Milestones --------------------------------------------------------------------

    def _milestones(self, sheet: Worksheet) -> None:
        status_row, status_col = STATUS_DATE
        sheet.write_string(status_row, status_col - 1, STATUS_DATE_LABEL, self.formats["label"])
        sheet.write_datetime(status_row, status_col, self.as_of, self.formats["status_date"])
        sheet.data_validation(status_row, status_col, status_row, status_col, _date_validation())
        sheet.write_string(status_row + 1, 0, MILESTONES_NOTE, self.formats["note"])
        first_month_col = len(MILESTONES.columns)
        sheet.set_column(first_month_col, first_month_col + len(self.months) - 1, MONTH_WIDTH)
        sheet.set_row(MILESTONES.header_row, 44)
        for index, month in enumerate(self.months):
            sheet.write_datetime(MILESTONES.header_row, first_month_col + index, month,
                                 self.formats["month"])
        placed_milestones = list(self.plan.milestones())
        first_row = MILESTONES.header_row + 1
        for placed in placed_milestones:
            self._milestone_row(sheet, self.placement.rows[placed.path], placed)
        last_row = first_row + len(placed_milestones) + SPARE_MILESTONE_ROWS - 1
        for row in range(first_row + len(placed_milestones), last_row + 1):
            self._milestone_row(sheet, row, None)
        self._milestone_rules(sheet, first_row, last_row, first_month_col)

    def _milestone_row(self, sheet: Worksheet, row: int, placed: Placed | None) -> None:
        _write_row(sheet, row, MILESTONES, self.formats,
                   _milestone_values(placed) if placed is not None else {})
        now = status(placed.milestone, self.as_of) if placed and placed.milestone else None
        sheet.write_formula(row, MILESTONES.col("status"), self._formula(STATUS_FORMULA, row),
                            self.formats["derived"], now.value if now else "")
        if placed is not None:
            source = self.placement.rows[placed.path.rsplit(".milestones.", 1)[0]]
            cell = _cell(PROJECT_PLAN, source, "accountable", absolute=True)
            sheet.write_formula(row, MILESTONES.col("accountable"),
                                ACCOUNTABLE_FORMULA.format(accountable=cell),
                                self.formats["derived"], placed.key_area.accountable or "")
        first_month_col = len(MILESTONES.columns)
        for index in range(len(self.months)):
            sheet.write_blank(row, first_month_col + index, None, self.formats["timeline"])

    def _formula(self, template: str, row: int, month_col: int | None = None) -> str:
        """A formula of :mod:`._status` for ``row``: the row's own cells with
        fixed columns, the status date fixed, the month's header fixed by row."""
        cells = {key: "$" + _cell(MILESTONES, row, key) for key in ("complete", "start", "end")}
        as_of = xl_rowcol_to_cell(*STATUS_DATE, row_abs=True, col_abs=True)
        month = xl_rowcol_to_cell(MILESTONES.header_row, month_col or 0, row_abs=True) \
            if month_col is not None else ""
        return "=" + template.format(as_of=as_of, month=month, **cells)

    def _milestone_rules(self, sheet: Worksheet, first_row: int, last_row: int,
                         first_month_col: int) -> None:
        """Validation of the inputs and conditional formats: the Status colours
        and the timeline's bars (Gantt), status month and months outside the plan."""
        columns = {column.key: col for col, column in enumerate(MILESTONES.columns)}
        rows = (first_row, last_row)
        for key in ("start", "end"):
            sheet.data_validation(first_row, columns[key], last_row, columns[key], _date_validation())
        sheet.data_validation(first_row, columns["complete"], last_row, columns["complete"],
                              _list_validation([COMPLETE_FLAG, "No"]))
        sheet.data_validation(first_row, columns["phase"], last_row, columns["phase"],
                              _list_validation([phase.value.replace('"', '""') for phase in Phase]))
        for state, (fill, font) in STATUS_COLOURS.items():
            sheet.conditional_format(first_row, columns["status"], last_row, columns["status"], {
                "type": "cell", "criteria": "==", "value": f'"{state.value}"',
                "format": self.workbook.add_format({"bg_color": fill, "font_color": font})})
        last_month_col = first_month_col + len(self.months) - 1
        covers = self._formula(COVERS_FORMULA, first_row, first_month_col)[1:]
        status_cell = "$" + _cell(MILESTONES, first_row, "status")
        for bar_status, colour in BAR_COLOURS.items():
            condition = covers if bar_status is None else \
                f'AND({covers},{status_cell}="{bar_status.value}")'
            self._shade(sheet, rows, (first_month_col, last_month_col), condition, colour)
        self._shade(sheet, rows, (first_month_col, last_month_col),
                    self._formula(STATUS_MONTH_FORMULA, first_row, first_month_col)[1:],
                    STATUS_MONTH_FILL)
        month = xl_rowcol_to_cell(MILESTONES.header_row, first_month_col, row_abs=True)
        start, end = self.plan.period_start, self.plan.period_end
        self._shade(sheet, rows, (first_month_col, last_month_col),
                    f"OR({month}<DATE({start.year},{start.month},1),"
                    f"{month}>DATE({end.year},{end.month},{end.day}))", OUTSIDE_PERIOD_FILL)

    def _shade(self, sheet: Worksheet, rows: tuple[int, int], cols: tuple[int, int],
               condition: str, colour: str) -> None:
        sheet.conditional_format(rows[0], cols[0], rows[1], cols[1], {
            "type": "formula", "criteria": "=" + condition, "stop_if_true": True,
            "format": self.workbook.add_format({"bg_color": colour, "pattern": 1})})

    # --- Checks -------------------------------------------------------------------------

    def _checks(self, sheet: Worksheet, findings: Sequence[Finding]) -> None:
        counts = severity_counts(findings)
        sheet.write_string(TITLE_ROW + 1, 0, f"Checked as of {self.as_of:%d/%m/%Y}: {counts}",
                           self.formats["note"])
        for index, finding in enumerate(findings):
            _write_row(sheet, CHECKS.header_row + 1 + index, CHECKS, self.formats, {
                "code": finding.code, "severity": finding.severity.value, "sheet": finding.sheet,
                "cells": ", ".join(finding.cells), "message": finding.message})


def _workbook_options() -> dict[str, Any]:
    """New each time: xlsxwriter adds to the default format's properties."""
    return {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False,
            # Column widths are measured in the default font's digits.
            "default_format_properties": {"font_name": FONT, "font_size": FONT_SIZE},
            "default_row_height": 17}


def _milestone_values(placed: Placed) -> dict[str, Any]:
    milestone = placed.milestone
    assert milestone is not None
    phase = milestone.phase
    return {
        "focus": f"{placed.focus.number}. {placed.focus.name}", "key_area": placed.key_area.name,
        "sub_project": milestone.sub_project,
        "phase": phase.value if isinstance(phase, Phase) else phase.text if phase else None,
        "description": milestone.description, "start": milestone.start, "end": milestone.end,
        "complete": COMPLETE_FLAG if milestone.complete else None,
        "date_as_written": milestone.unreadable.text if milestone.unreadable else None,
        "why_no_date": milestone.unreadable.reason if milestone.unreadable else None,
    }


def _cell(layout: Sheet, row: int, key: str, absolute: bool = False) -> str:
    cell = xl_rowcol_to_cell(row, layout.col(key), row_abs=absolute, col_abs=absolute)
    return f"'{layout.name}'!{cell}" if layout is not MILESTONES else cell


def _write_row(sheet: Worksheet, row: int, layout: Sheet, formats: dict[str, Any],
               values: dict[str, Any]) -> None:
    """Write a row's values under the layout's columns (formula columns are left to
    the caller), tall enough for its longest wrapped text."""
    for col, column in enumerate(layout.columns):
        value, style = values.get(column.key), formats[column.style]
        if isinstance(value, datetime.date):
            sheet.write_datetime(row, col, value, style)
        elif value:
            sheet.write_string(row, col, value, style)
        else:
            sheet.write_blank(row, col, None, style)
    tallest = max((height_for(value, column_pixels(column.width)) for column in layout.columns
                   if STYLES[column.style].get("text_wrap")
                   and isinstance(value := values.get(column.key), str)), default=0.0)
    if tallest > line_height():
        sheet.set_row(row, min(MAX_ROW_HEIGHT, tallest))


def _date_validation() -> dict[str, Any]:
    return {"validate": "date", "criteria": ">=", "value": EARLIEST_DATE, "error_type": "warning",
            "error_message": "Please enter a date (day/month/year)."}


def _list_validation(values: list[str]) -> dict[str, Any]:
    return {"validate": "list", "source": values, "error_type": "warning",
            "error_message": "Please choose a value from the list."}


def _footer_text(text: str) -> str:
    """Text for a print footer, where '&' starts a code."""
    return text.replace("&", "&&")


__all__ = ["write"]
