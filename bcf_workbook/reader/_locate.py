"""Find the template's sheets and blocks in a council's file by their labels.

Tabs may be renamed, reordered or hidden; rows inserted, deleted or left
blank; tables moved down. The result is a :class:`Placement` of the cells
where they really are, so the rest of the reader, and the comparison of the
file's formulas with the template's, work as for a file the library wrote.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from .._text import normalise
from ..errors import WorkbookError
from ..layout import SHEETS, PlacedCell, Placement
from ..layout.elements import Fields, Grid, Sheet, Table
from ..layout.placement import Label, PlacedTable
from ..layout.sheets import CHECKS, COVER, HWB_P4P, REFERENCE
from ._xlsx import DEFAULT_LIMITS, Limits, SheetCells, WorkbookCells

OPTIONAL_SHEETS = {COVER, HWB_P4P, CHECKS, REFERENCE}


def sheet_key(name: str) -> str:
    """A tab name without its number prefix, a leading 'HWB', case or extra spaces."""
    return re.sub(r"^(\d+\s*[.)]?\s*)?(hwb\s+)?", "", normalise(name))


@dataclasses.dataclass
class Found:
    """What the reader found: the placement, and each table's data rows."""

    placement: Placement
    sheets: dict[str, SheetCells]
    missing: list[str]


def match_sheets(book: WorkbookCells) -> dict[str, SheetCells]:
    """The file's sheet for each layout sheet name, where there is one."""
    by_key: dict[str, SheetCells] = {}
    for sheet in book.sheets:
        by_key.setdefault(sheet_key(sheet.name), sheet)
    found = {layout.name: by_key[sheet_key(layout.name)] for layout in SHEETS
             if sheet_key(layout.name) in by_key}
    data_sheets = [layout.name for layout in SHEETS if layout.name not in OPTIONAL_SHEETS]
    present = [name for name in data_sheets if name in found]
    if not present:
        raise WorkbookError("not a BCF Part 2 planning workbook: none of its sheets is named like "
                            "'1. HWB ID' or '5. HWB P4P metric'", file=book.path)
    missing = [name for name in data_sheets if name not in found]
    if missing:
        raise WorkbookError("a required tab is missing", file=book.path, sheet=missing[0])
    return found


def locate(book: WorkbookCells, limits: Limits = DEFAULT_LIMITS) -> Found:
    sheets = match_sheets(book)
    cells: dict[str, PlacedCell] = {}
    tables: dict[str, PlacedTable] = {}
    missing: list[str] = []
    for layout in SHEETS:
        if layout.name in sheets and layout.name not in (CHECKS, REFERENCE):
            _SheetLocator(layout, sheets[layout.name], book.path, cells, tables, missing,
                          limits.max_table_rows).run()
    return Found(Placement(cells, tables, []), sheets, missing)


class _SheetLocator:
    def __init__(self, layout: Sheet, sheet: SheetCells, path: str,
                 cells: dict[str, PlacedCell], tables: dict[str, PlacedTable],
                 missing: list[str], max_rows: int) -> None:
        self.max_rows = max_rows
        self.layout = layout
        self.sheet = sheet
        self.path = path
        self.cells = cells
        self.tables = tables
        self.missing = missing
        self.texts: dict[str, list[tuple[int, int]]] = {}
        for (row, col), raw in sorted(sheet.cells.items()):
            if isinstance(raw.value, str) and raw.formula is None:
                self.texts.setdefault(normalise(raw.value), []).append((row, col))
        self.known_labels = {normalise(label) for label in _labels(layout)}
        self.last_row = max((row for row, _ in sheet.cells), default=0)

    def run(self) -> None:
        at = 0
        for block in self.layout.blocks:
            if isinstance(block, Fields):
                at = self._fields(block, at)
            elif isinstance(block, Grid):
                at = self._grid(block, at)
            elif isinstance(block, Table):
                at = self._table(block, at)

    def _find(self, label: str, at: int) -> tuple[int, int] | None:
        for row, col in self.texts.get(normalise(label), ()):
            if row >= at:
                return row, col
        return None

    def _place(self, cell: PlacedCell) -> None:
        self.cells[cell.key] = cell

    def _fields(self, block: Fields, at: int) -> int:
        for field in block.fields:
            found = self._find(field.label, at)
            if found is None:
                self.missing.append(f"{self.layout.name}: '{field.label}'")
                continue
            row, col = found
            self._place(PlacedCell(field.cell.key, field.cell, self.sheet.name, row, col + 1))
            at = row + 1
        return at

    def _header_row(self, labels: list[str], at: int) -> tuple[int, dict[int, int]] | None:
        """The first row at or after ``at`` holding most of ``labels``, and the
        column of each label found there (by position in ``labels``)."""
        wanted = [normalise(label) for label in labels]
        candidates = sorted({row for label in wanted for row, _ in self.texts.get(label, ())
                             if row >= at})
        for row in candidates:
            columns = {}
            for index, label in enumerate(wanted):
                columns_here = [col for r, col in self.texts.get(label, ()) if r == row]
                if columns_here:
                    columns[index] = columns_here[0]
            if len(columns) * 2 > len(wanted):
                return row, columns
        return None

    def _grid(self, block: Grid, at: int) -> int:
        header = self._header_row(list(block.columns.values()), at)
        if header is None:
            self.missing.append(f"{self.layout.name}: '{block.title or block.corner}'")
            return at
        header_row, by_index = header
        columns = {key: by_index[index] for index, key in enumerate(block.columns)
                   if index in by_index}
        row_at = header_row + 1
        for grid_row in block.rows:
            found = self._find(grid_row.label, row_at)
            if found is None:
                self.missing.append(f"{self.layout.name}: '{grid_row.label}'")
                continue
            row = found[0]
            for key, cell in grid_row.cells.items():
                if key in columns:
                    self._place(PlacedCell(cell.key, cell, self.sheet.name, row, columns[key]))
            row_at = row + 1
        return row_at

    def _table(self, table: Table, at: int) -> int:
        header = self._header_row([column.label for column in table.columns], at)
        if header is None:
            self.missing.append(f"{self.layout.name}: '{table.title or table.key}'")
            return at
        header_row, by_index = header
        columns = {column.key: by_index[index] for index, column in enumerate(table.columns)
                   if index in by_index}
        first_col = min(columns.values())
        end = self._table_end(table, header_row, first_col)
        rows = end - header_row - 1
        placed = PlacedTable(table, self.sheet.name, header_row, header_row + 1, rows, columns)
        self.tables[table.key] = placed
        for index in range(rows):
            for column in table.columns:
                if column.key in columns:
                    key = table.cell_key(index, column.key)
                    self._place(PlacedCell(key, column.cell, self.sheet.name,
                                           header_row + 1 + index, columns[column.key], table,
                                           index, column.key))
        for column_key, cell in table.totals.items():
            if column_key in columns:
                self._place(PlacedCell(cell.key, cell, self.sheet.name, end, columns[column_key],
                                       table, column=column_key))
        return end + 1

    def _table_end(self, table: Table, header_row: int, first_col: int) -> int:
        """The total row, or else the row after the table's last row."""
        total = normalise(table.total_label) if table.total_label else None
        row = header_row + 1
        last_data = header_row
        filled = {r for r, col in self.sheet.cells if first_col <= col < first_col + 30}
        while row <= self.last_row:
            raw = self.sheet.cells.get((row, first_col))
            text = normalise(raw.value) if raw is not None and isinstance(raw.value, str) else ""
            if total is not None and text == total:
                return row
            if text and text in self.known_labels:
                break
            if row in filled:
                last_data = row
            row += 1
            if row - header_row > self.max_rows:
                raise WorkbookError(f"table '{table.title or table.key}' has more than "
                                    f"{self.max_rows:,} rows (the limit; raise it with "
                                    "Limits(max_table_rows=...))", file=self.path,
                                    sheet=self.sheet.name)
        return last_data + 1


def _labels(sheet: Sheet) -> Iterable[str]:
    for block in sheet.blocks:
        title = getattr(block, "title", None)
        if title:
            yield title
        if isinstance(block, Fields):
            yield from (field.label for field in block.fields)
        elif isinstance(block, Grid):
            yield from (row.label for row in block.rows)
        elif isinstance(block, Table):
            yield from (column.label for column in block.columns)


__all__ = ["Found", "Label", "locate", "match_sheets", "normalise", "sheet_key"]
