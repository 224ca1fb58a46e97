"""Write a filled or blank workbook with xlsxwriter.

Every cell comes from the layout's placement; every formula is written with
the value the engine calculated, so that tools which never recalculate show
the right numbers.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.worksheet import Worksheet

from .. import choices
from .._formula.runtime import XLError
from .._output import replacing
from ..engine import Calculation, calculate, cell_value, table_sizes
from ..errors import WorkbookError
from ..findings import Finding
from ..layout import SHEETS, Kind, PlacedCell, Placement, Type, keys, placement_for
from ..layout._placement import Label
from ..layout._sheets import CHECKS
from ..model import Override, Submission, flatten
from ..reference import ReferenceData, blank_submission, load_reference, prepopulated_value
from ._checks_log import FIXED, check_rows, figure_format
from ._files import ExactWorksheet
from ._page import set_up as set_up_page
from ._rows import DEFAULT_HEIGHT, RowHeights
from ._styles import FONT, POUNDS, Styles

HWB = "{hwb}"
#: Reference fields in pounds are named so (the rest of their sheets may be in £000).
POUNDS_FIELD = re.compile(r"_gbp\b")
PROTECTION = {"insert_rows": True, "format_columns": True, "format_rows": True,
              "select_locked_cells": True, "select_unlocked_cells": True}
NUMBER_VALIDATION = {
    Type.MONEY: {"validate": "decimal", "criteria": ">=", "value": 0},
    Type.COUNT: {"validate": "decimal", "criteria": ">=", "value": 0},
    Type.SHARE: {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1},
}


def write(submission: Submission, path: str | Path, corrected: bool = False,
          reference: ReferenceData | None = None, findings: Sequence[Finding] = (),
          fixed: Sequence[Finding] = ()) -> Path:
    """Write ``submission`` as a filled workbook at ``path``.

    Overrides are written as the constants the council typed, unless
    ``corrected``, which restores the template's formulas. The ``Checks``
    sheet lists ``findings`` (``bcf_workbook.check(submission).findings``,
    say) as still to fix by the council, and ``fixed`` (findings of the
    workbook as submitted that this copy corrects) as fixed by ``fix``; the
    writer itself checks nothing.
    """
    reference = reference or load_reference()
    if corrected:
        submission = _without_overrides(submission)
    return _WorkbookWriter(submission, reference, findings, fixed).save(Path(path))


def write_template(path: str | Path, hwb: str | None = None,
                   reference: ReferenceData | None = None) -> Path:
    """Write the blank template, pre-populated for ``hwb`` when given."""
    reference = reference or load_reference()
    return write(blank_submission(reference, hwb), path, reference=reference)


def _without_overrides(submission: Submission) -> Submission:
    return dataclasses.replace(submission, overrides=())


class _WorkbookWriter:
    def __init__(self, submission: Submission, reference: ReferenceData,
                 findings: Sequence[Finding], fixed: Sequence[Finding]) -> None:
        self.submission = submission
        self.reference = reference
        self.hwb = reference.find(submission.hwb)
        #: Rows of the tables the library itself fills: the Reference data and
        #: the Checks log.
        self.library_rows = reference_rows(reference)
        self.library_rows[keys.CHECKS] = check_rows(findings, fixed)
        sizes = table_sizes(submission) | {key: len(rows) for key, rows in self.library_rows.items()}
        self.placement: Placement = placement_for(sizes)
        self.calculation: Calculation = calculate(submission)
        self.inputs = {key: cell_value(leaf) for key, leaf in flatten(submission)}
        self.overrides = submission.overridden()
        self.layout = {sheet.name: sheet for sheet in SHEETS}
        self.rows = {sheet.name: RowHeights(sheet.widths) for sheet in SHEETS}

    def save(self, path: Path) -> Path:
        with replacing(path, WorkbookError) as temporary:
            workbook = xlsxwriter.Workbook(str(temporary), {
                "strings_to_numbers": False, "strings_to_formulas": False,
                "strings_to_urls": False, "nan_inf_to_errors": True,
                "default_format_properties": dict(FONT)})
            styles = Styles(workbook)
            sheets = {sheet.name: workbook.add_worksheet(sheet.name, ExactWorksheet)
                      for sheet in SHEETS}
            for sheet in SHEETS:
                self._prepare(sheets[sheet.name], sheet.widths, sheet.protected)
            for label in self.placement.labels:
                self._write_label(sheets[label.sheet], label, styles)
            for cell in self.placement:
                self._write_cell(sheets[cell.sheet], cell, styles)
            self._write_stray(sheets, styles)
            self._validate(sheets, workbook)
            self._colour_ratings(sheets, styles)
            self._colour_checks(sheets[CHECKS], styles)
            self._finish(sheets)
            workbook.close()
        return path

    @staticmethod
    def _prepare(sheet: Worksheet, widths: tuple[float, ...], protected: bool) -> None:
        sheet.set_default_row(DEFAULT_HEIGHT)
        for column, width in enumerate(widths):
            sheet.set_column(column, column, width)
        if protected:
            sheet.protect("", PROTECTION)

    def _finish(self, sheets: Mapping[str, Worksheet]) -> None:
        """Row heights and page set-up, once every cell is written."""
        extents = _extents(self.placement)
        for name, sheet in sheets.items():
            self.rows[name].apply(sheet)
            set_up_page(sheet, self.layout[name].page, *extents[name], self.submission.hwb)

    # --- labels and cells ------------------------------------------------------

    def _write_label(self, sheet: Worksheet, label: Label, styles: Styles) -> None:
        merged = label.span > 1 or label.rows > 1
        style = (styles.merged if merged else styles.labels)[label.style]
        if merged:
            sheet.merge_range(label.row, label.col, label.row + label.rows - 1,
                              label.col + label.span - 1, "", style)
        shown = label.text.replace(HWB, self.submission.hwb or "")
        self.rows[label.sheet].fit(label.row, label.col, shown, style, label.span, label.rows)
        if HWB in label.text:
            # A header naming the HWB follows the HWB chosen on '1. HWB ID'.
            before, _, after = label.text.partition(HWB)
            hwb = self.placement.address(keys.HWB, label.sheet)
            formula = f"={_text_literal(before)}&{hwb}&{_text_literal(after)}"
            sheet.write_formula(label.row, label.col, formula, style, shown)
        elif label.text:
            sheet.write_string(label.row, label.col, label.text, style)
        else:
            sheet.write_blank(label.row, label.col, None, style)

    def _write_cell(self, sheet: Worksheet, cell: PlacedCell, styles: Styles) -> None:
        spec = cell.spec
        unlocked = spec.kind is Kind.INPUT or spec.revisable
        in_table_row = cell.table is not None and cell.index is not None
        style = styles.cell(spec.kind, spec.type, unlocked, self._money_unit(cell),
                            blank_zero=in_table_row and spec.kind is Kind.DERIVED)
        if spec.kind is Kind.DERIVED:
            value = self._write_derived(sheet, cell, style)
        elif spec.kind is Kind.PREPOPULATED:
            value = self._write_prepopulated(sheet, cell, style)
        else:
            value = self._constant(cell)
            _write_value(sheet, cell.row, cell.col, value, _shown_as(value, spec.type, style, styles))
        if isinstance(value, str):
            self.rows[cell.sheet].fit(cell.row, cell.col, value, style)

    def _constant(self, cell: PlacedCell) -> Any:
        """The value of a cell without a formula: reference data, a fixed
        value or an input (a blank input shows its placeholder)."""
        spec = cell.spec
        if spec.kind is Kind.REFERENCE or (spec.kind is Kind.FIXED and cell.table is not None):
            return self._reference_value(cell)
        if spec.kind is Kind.FIXED:
            return spec.value
        return self._input(cell)

    def _input(self, cell: PlacedCell) -> Any:
        """What an input cell holds: a number the council typed as text stays
        text (as its workbook had it); a blank dropdown shows its prompt."""
        value = self.inputs.get(cell.key)
        shown = self.submission.shown.get(cell.key)
        if isinstance(shown, str) and isinstance(value, (int, float)):
            return shown
        return cell.spec.placeholder if value is None and cell.spec.placeholder is not None else value

    def _money_unit(self, cell: PlacedCell) -> str:
        if cell.spec.source is not None and POUNDS_FIELD.search(cell.spec.source):
            return POUNDS
        return self.layout[cell.sheet].money_unit

    def _write_derived(self, sheet: Worksheet, cell: PlacedCell, style: Any) -> Any:
        override = self.overrides.get(cell.key)
        value = self.calculation.cells_submitted.get(cell.key)
        if override is not None and not self._means_the_template(override):
            # A council's own formula is never written back live: its value as
            # submitted stands in its place.
            _write_value(sheet, cell.row, cell.col, _cached_or_blank(value), style)
            return value
        sheet.write_formula(cell.row, cell.col, self.placement.excel_formula(cell), style,
                            _cached(value))
        return value

    def _means_the_template(self, override: Override) -> bool:
        """True for a formula of the council's own that gives the template's value."""
        if override.formula is None or override.key not in self.calculation.own_formulas:
            return False
        own = self.calculation.own_formulas[override.key]
        intended = self.calculation.cells_intended.get(override.key)
        return own == intended or (isinstance(own, float) and isinstance(intended, float)
                                   and math.isclose(own, intended, rel_tol=1e-9, abs_tol=1e-9))

    def _write_prepopulated(self, sheet: Worksheet, cell: PlacedCell, style: Any) -> Any:
        value = self.inputs.get(cell.key)
        assert cell.spec.source is not None
        looked_up = prepopulated_value(cell.spec.source, self.hwb, self.reference, cell.index)
        if value == looked_up:
            sheet.write_formula(cell.row, cell.col, self.placement.excel_formula(cell), style,
                                _cached(value))
        else:
            _write_value(sheet, cell.row, cell.col, value, style)
        return value

    def _reference_value(self, cell: PlacedCell) -> Any:
        if cell.table is None:
            return self.reference.national[keys.NATIONAL_FIELD[cell.key]]
        rows = self.library_rows[cell.table.key]
        assert cell.index is not None and cell.column is not None
        return rows[cell.index].get(cell.column) if cell.index < len(rows) else None

    def _write_stray(self, sheets: Mapping[str, Worksheet], styles: Styles) -> None:
        """Values a council typed on a table's total row, where the template
        has none, kept in the format of their column."""
        for key, value in self.submission.stray.items():
            table_key, _, column = key.partition(".total_row.")
            placed = self.placement.tables.get(table_key)
            if placed is None or column not in placed.columns:
                raise WorkbookError(f"no place for the stray value {key!r}")
            spec = placed.table.column(column).cell
            style = styles.cell(Kind.FIXED, spec.type, False, self.layout[placed.sheet].money_unit)
            value = cell_value(value)
            _write_value(sheets[placed.sheet], placed.total_row, placed.columns[column], value,
                         _shown_as(value, spec.type, style, styles))

    # --- dropdowns, validation and colours ----------------------------------------

    def _validate(self, sheets: Mapping[str, Worksheet], workbook: Any) -> None:
        lists = {name: self.placement.tables[table] for name, table in keys.REFERENCE_LISTS.items()}
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


    def _colour_checks(self, sheet: Worksheet, styles: Styles) -> None:
        """Each finding's severity in its RAG colour, and a fixed one in green."""
        placed = self.placement.tables[keys.CHECKS]
        last = placed.total_row - 1
        for column, colours in (("severity", {"error": "red", "warning": "amber"}),
                                ("status", {FIXED: "green"})):
            col = placed.columns[column]
            for value, colour in colours.items():
                sheet.conditional_format(placed.first_row, col, last, col, {
                    "type": "cell", "criteria": "==", "value": _text_literal(value),
                    "format": styles.rag[colour]})


def _extents(placement: Placement) -> dict[str, tuple[int, int]]:
    """The last row and column each sheet writes to."""
    extents: dict[str, tuple[int, int]] = {sheet.name: (0, 0) for sheet in SHEETS}
    corners = [(label.sheet, label.row + label.rows - 1, label.col + label.span - 1)
               for label in placement.labels]
    corners += [(cell.sheet, cell.row, cell.col) for cell in placement]
    for sheet, row, col in corners:
        last_row, last_col = extents[sheet]
        extents[sheet] = (max(last_row, row), max(last_col, col))
    return extents


def _shown_as(value: Any, value_type: Type, style: Any, styles: Styles) -> Any:
    """The format for ``value``: its cell's, unless a figure stands where text
    is expected (a finding's figures, a number typed into a text column)."""
    if value_type is Type.TEXT and isinstance(value, (int, float)) and not isinstance(value, bool):
        return styles.figure(figure_format(value))
    return style


def reference_rows(reference: ReferenceData) -> dict[str, list[dict[str, Any]]]:
    """The rows of each Reference table, as written to the sheet."""
    lists: dict[str, tuple[str, ...]] = {
        "hwbs": reference.hwb_names, "local_authorities": reference.local_authorities,
        "ccgs": reference.ccg_names,
        **{name: choice.labels() for name, choice in choices.CHOICE_LISTS.items()}}
    rows = {keys.REFERENCE_LISTS[name]: [{"value": value} for value in values]
            for name, values in lists.items()}
    rows[keys.REFERENCE_HWBS] = [hwb.values for hwb in reference.hwbs]
    rows[keys.REFERENCE_CCGS] = [{"key": f"{hwb.name}#{seq}", "hwb": hwb.name, **ccg}
                              for hwb in reference.hwbs for seq, ccg in enumerate(hwb.ccgs, 1)]
    return rows


def _write_value(sheet: Worksheet, row: int, col: int, value: Any, style: Any) -> None:
    if value is None:
        sheet.write_blank(row, col, None, style)
    elif isinstance(value, XLError):
        # An error value stays an error (spreading as in the council's file), not text.
        sheet.write_formula(row, col, f"={value.code}", style, value.code)
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value, style)
    elif isinstance(value, (int, float)):
        sheet.write_number(row, col, value, style)
    else:
        # Text is always text: a formula typed into an input stays inert.
        sheet.write_string(row, col, str(value), style)


def _text_literal(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _cached_or_blank(value: Any) -> Any:
    return None if value == "" else value


def _cached(value: Any) -> Any:
    if isinstance(value, XLError):
        return value.code
    if isinstance(value, float) and not math.isfinite(value):
        return "#NUM!"
    if value is None:
        return ""
    return value
