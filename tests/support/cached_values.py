"""Compare what the library cached in a workbook with what LibreOffice calculates."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import openpyxl

ERRORS = ("#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "Err:")


def formula_cells(path: Path) -> dict[tuple[str, str], str]:
    workbook = openpyxl.load_workbook(path, data_only=False)
    found = {}
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    found[(sheet.title, cell.coordinate)] = cell.value
    return found


def values(path: Path) -> dict[tuple[str, str], Any]:
    workbook = openpyxl.load_workbook(path, data_only=True)
    return {(sheet.title, cell.coordinate): cell.value
            for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row}


def same(ours: Any, theirs: Any, tolerance: float = 1e-9) -> bool:
    ours = None if ours == "" else ours
    theirs = None if theirs == "" else theirs
    if isinstance(ours, (int, float)) and isinstance(theirs, (int, float)):
        if ours == theirs:
            return True
        return math.isclose(ours, theirs, rel_tol=tolerance, abs_tol=1e-12)
    return ours == theirs


def mismatches(written: Path, recalculated: Path, tolerance: float = 1e-9) -> list[str]:
    """Every formula cell whose cached value LibreOffice does not reproduce
    (to ``tolerance``, relative), and every cell where LibreOffice shows an error."""
    formulas = formula_cells(written)
    ours, theirs = values(written), values(recalculated)
    problems = [f"{sheet}!{cell}: ours {ours.get((sheet, cell))!r}, "
                f"LibreOffice {theirs.get((sheet, cell))!r} ({formula})"
                for (sheet, cell), formula in formulas.items()
                if not same(ours.get((sheet, cell)), theirs.get((sheet, cell)), tolerance)]
    problems += [f"{sheet}!{cell}: LibreOffice shows {value}"
                 for (sheet, cell), value in theirs.items()
                 if isinstance(value, str) and value.startswith(ERRORS)]
    return problems
