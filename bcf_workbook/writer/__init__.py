"""Write a filled or blank workbook with xlsxwriter.

Every cell comes from the layout's placement; every formula is written with
the value the engine calculated, so that tools which never recalculate show
the right numbers.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from .. import choices
from .._output import replacing
from ..engine import Calculation, calculate, cell_value, table_sizes
from ..errors import WorkbookError
from ..findings import Finding
from ..formula.runtime import XLError
from ..layout import SHEETS, Kind, PlacedCell, Placement, Type, placement_for
from ..model import Submission, flatten
from ..reference import ReferenceData, blank_submission, load_reference, prepopulated_value
from .styles import Styles

PROTECTION = {"insert_rows": True, "format_columns": True, "format_rows": True,
              "select_locked_cells": True, "select_unlocked_cells": True}
NUMBER_VALIDATION = {
    Type.MONEY: {"validate": "decimal", "criteria": ">=", "value": 0},
    Type.COUNT: {"validate": "decimal", "criteria": ">=", "value": 0},
    Type.SHARE: {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1},
}


def write(submission: Submission, path: str | Path, corrected: bool = False,
          reference: ReferenceData | None = None, findings: Sequence[Finding] = ()) -> Path:
    """Write ``submission`` as a filled workbook at ``path``.

    Overrides are written as the constants the council typed, unless
    ``corrected``, which restores the template's formulas. The ``Checks``
    sheet lists ``findings`` (``bcf_workbook.check(submission).findings``,
    say); the writer itself checks nothing.
    """
    reference = reference or load_reference()
    if corrected:
        submission = _without_overrides(submission)
    return _WorkbookWriter(submission, reference, findings).save(Path(path))


def write_template(path: str | Path, hwb: str | None = None,
                   reference: ReferenceData | None = None) -> Path:
    """Write the blank template, pre-populated for ``hwb`` when given."""
    reference = reference or load_reference()
    return write(blank_submission(reference, hwb), path, reference=reference)


def _without_overrides(submission: Submission) -> Submission:
    return dataclasses.replace(submission, overrides=())


class _WorkbookWriter:
    def __init__(self, submission: Submission, reference: ReferenceData,
                 findings: Sequence[Finding]) -> None:
        self.submission = submission
        self.reference = reference
        self.hwb = reference.find(submission.hwb)
        #: Rows of the tables the library itself fills: the Reference data and
        #: the Checks log.
        self.library_rows = reference_rows(reference)
        self.library_rows["checks"] = [_check_row(finding) for finding in findings]
        sizes = table_sizes(submission) | {key: len(rows) for key, rows in self.library_rows.items()}
        self.placement: Placement = placement_for(sizes)
        self.calculation: Calculation = calculate(submission)
        self.inputs = {key: cell_value(leaf) for key, leaf in flatten(submission)}
        self.overrides = submission.overridden()

    def save(self, path: Path) -> Path:
        with replacing(path, WorkbookError) as temporary:
            workbook = xlsxwriter.Workbook(str(temporary), {
                "strings_to_numbers": False, "strings_to_formulas": False,
                "strings_to_urls": False, "nan_inf_to_errors": True})
            styles = Styles(workbook)
            sheets = {sheet.name: workbook.add_worksheet(sheet.name, _ExactWorksheet)
                      for sheet in SHEETS}
            for sheet in SHEETS:
                self._prepare(sheets[sheet.name], sheet.widths, sheet.protected)
            for label in self.placement.labels:
                sheets[label.sheet].write_string(label.row, label.col, label.text,
                                                 styles.labels[label.style])
            for cell in self.placement:
                self._write_cell(sheets[cell.sheet], cell, styles)
            self._write_stray(sheets)
            self._validate(sheets, workbook)
            self._colour_ratings(sheets, styles)
            workbook.close()
        return path

    @staticmethod
    def _prepare(sheet: Worksheet, widths: tuple[int, ...], protected: bool) -> None:
        for column, width in enumerate(widths):
            sheet.set_column(column, column, width)
        if protected:
            sheet.protect("", PROTECTION)

    # --- cells ----------------------------------------------------------------

    def _write_cell(self, sheet: Worksheet, cell: PlacedCell, styles: Styles) -> None:
        spec = cell.spec
        unlocked = spec.kind is Kind.INPUT or spec.revisable
        style = styles.cell(spec.kind, spec.type, unlocked)
        if spec.kind is Kind.DERIVED:
            self._write_derived(sheet, cell, style)
        elif spec.kind is Kind.PREPOPULATED:
            self._write_prepopulated(sheet, cell, style)
        elif spec.kind is Kind.REFERENCE or (spec.kind is Kind.FIXED and cell.table is not None):
            _write_value(sheet, cell.row, cell.col, self._reference_value(cell), style)
        elif spec.kind is Kind.FIXED:
            _write_value(sheet, cell.row, cell.col, spec.value, style)
        else:
            _write_value(sheet, cell.row, cell.col, self.inputs.get(cell.key), style)

    def _write_derived(self, sheet: Worksheet, cell: PlacedCell, style: Any) -> None:
        override = self.overrides.get(cell.key)
        value = self.calculation.cells_submitted.get(cell.key)
        if override is not None and override.formula is None:
            _write_value(sheet, cell.row, cell.col, cell_value(override.value), style)
            return
        formula = override.formula if override is not None else self.placement.excel_formula(cell)
        sheet.write_formula(cell.row, cell.col, formula, style, _cached(value))

    def _write_prepopulated(self, sheet: Worksheet, cell: PlacedCell, style: Any) -> None:
        value = self.inputs.get(cell.key)
        assert cell.spec.source is not None
        looked_up = prepopulated_value(cell.spec.source, self.hwb, self.reference, cell.index)
        if value == looked_up:
            sheet.write_formula(cell.row, cell.col, self.placement.excel_formula(cell), style,
                                _cached(value))
        else:
            _write_value(sheet, cell.row, cell.col, value, style)

    def _reference_value(self, cell: PlacedCell) -> Any:
        if cell.table is None:
            field = cell.key.removeprefix("reference.national.")
            return self.reference.national[field]
        rows = self.library_rows[cell.table.key]
        assert cell.index is not None and cell.column is not None
        return rows[cell.index].get(cell.column) if cell.index < len(rows) else None

    def _write_stray(self, sheets: Mapping[str, Worksheet]) -> None:
        for key, value in self.submission.stray.items():
            table_key, _, column = key.partition(".total_row.")
            placed = self.placement.tables.get(table_key)
            if placed is None or column not in placed.columns:
                raise WorkbookError(f"no place for the stray value {key!r}")
            _write_value(sheets[placed.sheet], placed.total_row, placed.columns[column],
                         cell_value(value), None)

    # --- dropdowns, validation and colours ----------------------------------------

    def _validate(self, sheets: Mapping[str, Worksheet], workbook: Any) -> None:
        lists = {key.removeprefix("reference.lists."): placed
                 for key, placed in self.placement.tables.items()
                 if key.startswith("reference.lists.")}
        for target, spec, first, last in self._validation_targets():
            options = self._validation(spec, lists)
            if options:
                sheets[target].data_validation(first[0], first[1], last[0], last[1], options)

    def _validation_targets(self) -> Iterator[tuple[str, Any, tuple[int, int], tuple[int, int]]]:
        for placed in self.placement.tables.values():
            for column in placed.table.columns:
                if column.cell.kind in (Kind.INPUT, Kind.PREPOPULATED):
                    col = placed.columns[column.key]
                    yield (placed.sheet, column.cell, (placed.first_row, col),
                           (placed.total_row - 1, col))
        for cell in self.placement:
            if cell.table is None and cell.spec.kind is Kind.INPUT:
                yield cell.sheet, cell.spec, (cell.row, cell.col), (cell.row, cell.col)

    @staticmethod
    def _validation(spec: Any, lists: Mapping[str, Any]) -> dict[str, Any] | None:
        if spec.choices is not None:
            placed = lists[spec.choices]
            first = xl_rowcol_to_cell(placed.first_row, placed.columns["value"], True, True)
            last = xl_rowcol_to_cell(placed.total_row - 1, placed.columns["value"], True, True)
            return {"validate": "list", "source": f"='{placed.sheet}'!{first}:{last}",
                    "error_type": "warning",
                    "error_message": "Please choose a value from the list."}
        if spec.kind is Kind.INPUT and spec.type in NUMBER_VALIDATION:
            return {**NUMBER_VALIDATION[spec.type], "error_type": "warning",
                    "error_message": "Please enter a number (0 or more)."}
        return None

    def _colour_ratings(self, sheets: Mapping[str, Worksheet], styles: Styles) -> None:
        for cell in self.placement:
            if cell.spec.type is Type.RATING:
                for name, fmt in styles.rag.items():
                    sheets[cell.sheet].conditional_format(cell.row, cell.col, cell.row, cell.col, {
                        "type": "cell", "criteria": "==", "value": f'"{name.capitalize()}"',
                        "format": fmt})


class _ExactWorksheet(Worksheet):
    """A worksheet that writes numbers with all 17 significant digits.

    xlsxwriter writes 16, which changes some doubles (1450.9696000000004
    becomes 1450.9696); Excel's own files keep every digit, and so do we, so
    that a number read back is the number written.
    """

    def _xml_number_element(self, number: float, attributes: Any = ()) -> None:
        attr = "".join(f' {key}="{self._escape_attributes(value)}"' for key, value in attributes)
        self.fh.write(f"<c{attr}><v>{number!r}</v></c>")


def reference_rows(reference: ReferenceData) -> dict[str, list[dict[str, Any]]]:
    """The rows of each Reference table, as written to the sheet."""
    lists: dict[str, tuple[str, ...]] = {
        "hwbs": reference.hwb_names, "local_authorities": reference.local_authorities,
        "ccgs": reference.ccg_names,
        **{name: choice.labels() for name, choice in choices.CHOICE_LISTS.items()}}
    rows = {f"reference.lists.{name}": [{"value": value} for value in values]
            for name, values in lists.items()}
    rows["reference.hwbs"] = [hwb.values for hwb in reference.hwbs]
    rows["reference.ccgs"] = [{"key": f"{hwb.name}#{seq}", "hwb": hwb.name, **ccg}
                              for hwb in reference.hwbs for seq, ccg in enumerate(hwb.ccgs, 1)]
    return rows


def _check_row(finding: Finding) -> dict[str, Any]:
    return {"code": finding.code, "severity": finding.severity.value, "sheet": finding.sheet,
            "cells": ", ".join(finding.cells), "message": finding.message,
            "expected": _plain(finding.expected), "actual": _plain(finding.actual)}


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, (int, float, str)) else str(value)


def _write_value(sheet: Worksheet, row: int, col: int, value: Any, style: Any) -> None:
    if value is None:
        sheet.write_blank(row, col, None, style)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value, style)
    elif isinstance(value, (int, float)):
        sheet.write_number(row, col, value, style)
    else:
        # Text is always text: a formula typed into an input stays inert.
        sheet.write_string(row, col, str(value), style)


def _cached(value: Any) -> Any:
    if isinstance(value, XLError):
        return value.code
    if isinstance(value, float) and not math.isfinite(value):
        return "#NUM!"
    if value is None:
        return ""
    return value
