"""Where every cell of the layout lands, for given table sizes.

The writer asks the placement for addresses and labels; the engine asks it
which keys a formula's placeholders stand for. Both see the same positions,
so a formula's Excel text and its Python evaluation cannot disagree.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator, Mapping

from xlsxwriter.utility import xl_rowcol_to_cell

from ..formula.compiler import PLACEHOLDER
from .elements import CellSpec, Fields, Grid, Note, Sheet, Swatches, Table

LABEL_COLUMN = 1
FIRST_VALUE_COLUMN = 2


@dataclasses.dataclass(frozen=True)
class PlacedCell:
    key: str
    spec: CellSpec
    sheet: str
    row: int
    col: int
    table: Table | None = None
    index: int | None = None
    column: str | None = None


@dataclasses.dataclass(frozen=True)
class PlacedTable:
    table: Table
    sheet: str
    header_row: int
    first_row: int
    rows: int
    columns: dict[str, int]

    @property
    def total_row(self) -> int:
        return self.first_row + self.rows


@dataclasses.dataclass(frozen=True)
class Label:
    """Text the template prints: a title, header, row label or note."""

    sheet: str
    row: int
    col: int
    text: str
    style: str


class Placement:
    """Where the cells, tables and labels of the layout are: computed for table
    sizes by :func:`compute_placement`, or found in a file by the reader."""

    def __init__(self, cells: dict[str, PlacedCell], tables: dict[str, PlacedTable],
                 labels: list[Label], descriptions: dict[str, str] | None = None) -> None:
        self.cells = cells
        self.tables = tables
        self.labels = labels
        #: What each cell is, in the template's words ("Numerator, Q4 14/15").
        self.descriptions = descriptions or {}
        self._by_position = {(cell.sheet, cell.row, cell.col): key for key, cell in cells.items()}

    # --- questions ------------------------------------------------------------

    def __iter__(self) -> Iterator[PlacedCell]:
        return iter(self.cells.values())

    def address(self, key: str, from_sheet: str | None = None) -> str:
        cell = self.cells[key]
        return _qualified(cell.sheet, from_sheet, xl_rowcol_to_cell(cell.row, cell.col, True, True))

    def keys_between(self, first: str, last: str) -> list[str]:
        """Keys of the cells from ``first`` to ``last`` along one row."""
        start, end = self.cells[first], self.cells[last]
        return [self._by_position[(start.sheet, start.row, col)]
                for col in range(start.col, end.col + 1)]

    def column_keys(self, table: str, column: str) -> list[str]:
        placed = self.tables[table]
        return [placed.table.cell_key(index, column) for index in range(placed.rows)]

    @functools.cached_property
    def formula_texts(self) -> dict[str, str]:
        """Every formula as Excel text, by key (worked out once per placement)."""
        return {key: self.excel_formula(cell) for key, cell in self.cells.items()
                if cell.spec.formula}

    def same_positions(self, other: Placement, ignoring: frozenset[str] = frozenset()) -> bool:
        """True when ``other`` has exactly this placement's cells, each where
        this placement puts it (sheets in ``ignoring`` aside)."""
        cells = self.cells
        for key, cell in other.cells.items():
            mine = cells.get(key)
            if mine is None or (mine.row, mine.col, mine.sheet) != (cell.row, cell.col, cell.sheet):
                return False
        mine_count = sum(1 for cell in cells.values() if cell.sheet not in ignoring)
        return mine_count == len(other.cells)

    def excel_formula_if_placed(self, cell: PlacedCell) -> str | None:
        """The cell's formula, or None when a cell it refers to was not placed
        (the reader did not find it in the file)."""
        try:
            return self.excel_formula(cell)
        except KeyError:
            return None

    def excel_formula(self, cell: PlacedCell) -> str:
        """The cell's formula as Excel text, placeholders turned into addresses."""
        assert cell.spec.formula is not None
        return "=" + PLACEHOLDER.sub(
            lambda match: self._excel_reference(match.group(1), cell), cell.spec.formula)

    def _excel_reference(self, placeholder: str, cell: PlacedCell) -> str:
        target = self.argument_keys(placeholder, cell)
        if isinstance(target, int):
            return str(target)
        if isinstance(target, list):
            if not target:
                raise KeyError(placeholder)
            first, last = self.cells[target[0]], self.cells[target[-1]]
            start = xl_rowcol_to_cell(first.row, first.col, True, True)
            end = xl_rowcol_to_cell(last.row, last.col, True, True)
            return _qualified(first.sheet, cell.sheet, f"{start}:{end}")
        if placeholder.startswith("@"):
            # Row-relative, so that a row copied down keeps pointing at its own row.
            found = self.cells[target]
            return xl_rowcol_to_cell(found.row, found.col, False, True)
        return self.address(target, cell.sheet)

    def argument_keys(self, placeholder: str, cell: PlacedCell) -> str | int | list[str]:
        """What a placeholder stands for: a key, a list of keys (a range, in
        order) or a row ordinal. The engine evaluates these; the Excel text
        is rendered from them."""
        if placeholder == "#":
            return (cell.index or 0) + 1
        if placeholder.startswith("@"):
            assert cell.table is not None
            return cell.table.cell_key(cell.index or 0, placeholder[1:])
        if ":" in placeholder:
            return self.keys_between(*placeholder.split(":"))
        table, star, column = placeholder.partition(".*.")
        if star:
            return self.column_keys(table, column)
        return placeholder


def _qualified(sheet: str, from_sheet: str | None, reference: str) -> str:
    if sheet == from_sheet:
        return reference
    return "'" + sheet.replace("'", "''") + "'!" + reference


def compute_placement(sheets: tuple[Sheet, ...], sizes: Mapping[str, int]) -> Placement:
    """The layout's cells at the given table sizes (rows per table key),
    blocks stacked down each sheet with a blank row between them."""
    builder = _Builder()
    for sheet in sheets:
        builder._place_sheet(sheet, sizes)
    return Placement(builder.cells, builder.tables, builder.labels, builder.descriptions)


class _Builder:
    def __init__(self) -> None:
        self.cells: dict[str, PlacedCell] = {}
        self.tables: dict[str, PlacedTable] = {}
        self.labels: list[Label] = []
        self.descriptions: dict[str, str] = {}

    def _place_sheet(self, sheet: Sheet, sizes: Mapping[str, int]) -> None:
        self.labels.append(Label(sheet.name, 0, LABEL_COLUMN, sheet.title, "title"))
        row = 2
        for block in sheet.blocks:
            if isinstance(block, Note):
                self.labels.append(Label(sheet.name, row, LABEL_COLUMN, block.text, "note"))
                row += 1
            elif isinstance(block, Swatches):
                row = self._place_swatches(sheet.name, block, row)
            elif isinstance(block, Fields):
                row = self._place_fields(sheet.name, block, row)
            elif isinstance(block, Grid):
                row = self._place_grid(sheet.name, block, row)
            else:
                row = self._place_table(sheet.name, block, sizes, row)
            row += 1

    def _title(self, sheet: str, title: str | None, row: int) -> int:
        if title is None:
            return row
        self.labels.append(Label(sheet, row, LABEL_COLUMN, title, "heading"))
        return row + 1

    def _place_swatches(self, sheet: str, block: Swatches, row: int) -> int:
        row = self._title(sheet, block.title, row)
        for text, style in block.entries:
            self.labels.append(Label(sheet, row, LABEL_COLUMN, text, style))
            row += 1
        return row

    def _place_fields(self, sheet: str, block: Fields, row: int) -> int:
        row = self._title(sheet, block.title, row)
        for field in block.fields:
            self.labels.append(Label(sheet, row, LABEL_COLUMN, field.label, "label"))
            self._add(PlacedCell(field.cell.key, field.cell, sheet, row, FIRST_VALUE_COLUMN))
            self.descriptions[field.cell.key] = _joined(block.title, field.label)
            row += 1
        return row

    def _place_grid(self, sheet: str, block: Grid, row: int) -> int:
        row = self._title(sheet, block.title, row)
        self.labels.append(Label(sheet, row, LABEL_COLUMN, block.corner, "header"))
        columns = {key: FIRST_VALUE_COLUMN + offset for offset, key in enumerate(block.columns)}
        for key, header in block.columns.items():
            self.labels.append(Label(sheet, row, columns[key], header, "header"))
        for grid_row in block.rows:
            row += 1
            self.labels.append(Label(sheet, row, LABEL_COLUMN, grid_row.label, "label"))
            for key, cell in grid_row.cells.items():
                self._add(PlacedCell(cell.key, cell, sheet, row, columns[key]))
                self.descriptions[cell.key] = _joined(
                    block.title, f"{grid_row.label}, {block.columns[key]}".strip(", "))
        return row + 1

    def _place_table(self, sheet: str, table: Table, sizes: Mapping[str, int], row: int) -> int:
        row = self._title(sheet, table.title, row)
        rows = max(sizes.get(table.key, 0), table.min_rows)
        columns = {column.key: LABEL_COLUMN + offset for offset, column in enumerate(table.columns)}
        for column in table.columns:
            self.labels.append(Label(sheet, row, columns[column.key], column.label, "header"))
        placed = PlacedTable(table, sheet, row, row + 1, rows, columns)
        self.tables[table.key] = placed
        for index in range(rows):
            for column in table.columns:
                key = table.cell_key(index, column.key)
                self._add(PlacedCell(key, column.cell, sheet, row + 1 + index,
                                     columns[column.key], table, index, column.key))
                self.descriptions[key] = f"{table.title or sheet} row {index + 1}, {column.label}"
        if table.total_label is None:
            return placed.total_row
        self.labels.append(Label(sheet, placed.total_row, LABEL_COLUMN, table.total_label, "total"))
        for key, cell in table.totals.items():
            self._add(PlacedCell(cell.key, cell, sheet, placed.total_row, columns[key], table,
                                 column=key))
            self.descriptions[cell.key] = _joined(table.title, f"{table.total_label}, "
                                                               f"{table.column(key).label}")
        return placed.total_row + 1

    def _add(self, cell: PlacedCell) -> None:
        if cell.key in self.cells:
            raise ValueError(f"layout defines {cell.key!r} twice")
        self.cells[cell.key] = cell


def _joined(title: str | None, text: str) -> str:
    return f"{title}: {text}" if title else text
