"""Where every cell of the layout lands, for given table sizes.

The writer asks the placement for addresses and labels; the engine asks it
which keys a formula's placeholders stand for; the reader builds a placement
of where it found each cell in a file. All see the same positions, so a
formula's Excel text and its Python evaluation cannot disagree.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator, Mapping

from .._addresses import cell_address, column_index
from .._placeholders import PLACEHOLDER, list_items
from ._elements import CellSpec, Field, Grid, Header, Sheet, Table, Text, position


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
    header_row: int | None
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
    span: int = 1
    rows: int = 1


Argument = str | int | list[str | float | None]


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

    def key_at(self, sheet: str, row: int, col: int) -> str | None:
        return self._by_position.get((sheet, row, col))

    def address(self, key: str, from_sheet: str | None = None) -> str:
        cell = self.cells[key]
        return qualified(cell.sheet, from_sheet, cell_address(cell.row, cell.col, True))

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

    def holds_where_placed(self, other: Placement) -> bool:
        """True when each cell of ``other`` is where this placement puts it
        (``other`` may lack cells, as a file lacks the library's additions)."""
        cells = self.cells
        for key, cell in other.cells.items():
            mine = cells.get(key)
            if mine is None or (mine.row, mine.col, mine.sheet) != (cell.row, cell.col, cell.sheet):
                return False
        return True

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
            keys = [key for key in target if isinstance(key, str)]
            if not keys or len(keys) != len(target):
                raise KeyError(placeholder)
            first, last = self.cells[keys[0]], self.cells[keys[-1]]
            start = cell_address(first.row, first.col, True)
            end = cell_address(last.row, last.col, True)
            return qualified(first.sheet, cell.sheet, f"{start}:{end}")
        if placeholder.startswith("@"):
            # Row-relative, so that a row copied down keeps pointing at its own row.
            found = self.cells[target]
            return cell_address(found.row, found.col, False)
        return self.address(target, cell.sheet)

    def argument_keys(self, placeholder: str, cell: PlacedCell) -> Argument:
        """What a placeholder stands for: a key, a list of keys (a range, in
        order; None for a blank cell, a number for a constant) or a row
        ordinal. The engine evaluates these; the Excel text is rendered from
        them."""
        if placeholder == "#":
            return (cell.index or 0) + 1
        if placeholder.startswith("@"):
            assert cell.table is not None
            return cell.table.cell_key(cell.index or 0, placeholder[1:])
        if "|" in placeholder:
            return list_items(placeholder)
        if ":" in placeholder:
            return list(self.keys_between(*placeholder.split(":")))
        table, star, column = placeholder.partition(".*.")
        if star:
            return list(self.column_keys(table, column))
        return placeholder


def qualified(sheet: str, from_sheet: str | None, reference: str) -> str:
    if sheet == from_sheet:
        return reference
    return "'" + sheet.replace("'", "''") + "'!" + reference


# --- the template's own placement -------------------------------------------------------

def compute_placement(sheets: tuple[Sheet, ...], sizes: Mapping[str, int]) -> Placement:
    """The layout's cells at the given table sizes (rows per table key): each
    item where the template puts it, moved down by the rows that tables above
    it hold beyond the template's."""
    builder = _Builder()
    for sheet in sheets:
        _SheetBuilder(builder, sheet, sizes).place()
    return builder.placement()


class PlacementBuilder:
    """The parts of a placement, gathered as they are placed or found."""

    def __init__(self) -> None:
        self.cells: dict[str, PlacedCell] = {}
        self.tables: dict[str, PlacedTable] = {}
        self.labels: list[Label] = []
        self.descriptions: dict[str, str] = {}

    def placement(self) -> Placement:
        return Placement(self.cells, self.tables, self.labels, self.descriptions)


class _Builder(PlacementBuilder):
    def add(self, cell: PlacedCell, description: str) -> None:
        if cell.key in self.cells:
            raise ValueError(f"layout defines {cell.key!r} twice")
        self.cells[cell.key] = cell
        self.descriptions[cell.key] = description


class _SheetBuilder:
    def __init__(self, builder: _Builder, sheet: Sheet, sizes: Mapping[str, int]) -> None:
        self.builder = builder
        self.sheet = sheet
        self.rows = {table.key: max(sizes.get(table.key, 0), table.min_rows)
                     for table in sheet.tables()}
        #: (first template row that moves, rows it moves by), one per grown table.
        self.shifts = [(table.total_row, self.rows[table.key] - table.min_rows)
                       for table in sheet.tables() if self.rows[table.key] > table.min_rows]
        self.written: set[tuple[int, int]] = set()

    def row(self, template_row: int) -> int:
        """The 0-based row of a 1-based template row."""
        return template_row - 1 + sum(extra for first, extra in self.shifts if template_row >= first)

    def at(self, address: str) -> tuple[int, int]:
        row, col = position(address)
        return self.row(row + 1), col

    def label(self, row: int, col: int, text: str, style: str, span: int = 1, rows: int = 1) -> None:
        if (row, col) not in self.written:
            self.written.add((row, col))
            self.builder.labels.append(Label(self.sheet.name, row, col, text, style, span, rows))

    def place(self) -> None:
        for item in self.sheet.items:
            item.accept(self)

    def text(self, item: Text) -> None:
        self.label(*self.at(item.at), item.words.text, item.style, item.span, item.rows)

    def field(self, item: Field) -> None:
        if item.label is not None and item.label_at is not None:
            self.label(*self.at(item.label_at), item.label.text, item.label_style)
        row, col = self.at(item.at)
        description = item.description or (item.label.text if item.label else item.cell.key)
        self.builder.add(PlacedCell(item.cell.key, item.cell, self.sheet.name, row, col),
                         description)

    def headers(self, header_row: int, columns: list[tuple[int, Header | None]]) -> None:
        row = self.row(header_row)
        groups = list(_groups(columns))
        # A group over one column without a header of its own fills both rows.
        alone = {col for col, header, span in groups if span == 1 and not header.words.text}
        for col, header in columns:
            if header is not None and col not in alone:
                self.label(row, col, header.words.text, "header")
        for col, header, span in groups:
            self.label(row - 1, col, header.group.text if header.group else "", "group", span,
                       rows=2 if col in alone else 1)

    def grid(self, item: Grid) -> None:
        columns = {key: column_index(letter) for key, (letter, _) in item.columns.items()}
        self.headers(item.header_row, [(columns[key], header)
                                       for key, (_, header) in item.columns.items()])
        headings = _column_headings({key: header for key, (_, header) in item.columns.items()})
        for grid_row in item.rows:
            row = self.row(grid_row.row)
            if grid_row.label is not None:
                self.label(row, column_index(grid_row.label_column), grid_row.label.text, "label")
            for key, cell in grid_row.cells.items():
                described = ", ".join(part for part in (
                    grid_row.label.text if grid_row.label else "", headings[key]) if part)
                self.builder.add(PlacedCell(cell.key, cell, self.sheet.name, row, columns[key]),
                                 f"{item.title}: {described}" if item.title else described)

    def table(self, item: Table) -> None:
        columns = {column.key: column_index(column.letter) for column in item.columns}
        if item.header_row is not None:
            self.headers(item.header_row, [(columns[c.key], c.header) for c in item.columns])
        if item.title is not None:
            self.text(item.title)
        rows = self.rows[item.key]
        first = self.row(item.first_row)
        header_row = self.row(item.header_row) if item.header_row is not None else None
        self.builder.tables[item.key] = PlacedTable(item, self.sheet.name, header_row, first, rows,
                                                    columns)
        for index in range(rows):
            for column in item.columns:
                key = item.cell_key(index, column.key)
                self.builder.add(PlacedCell(key, column.cell, self.sheet.name, first + index,
                                            columns[column.key], item, index, column.key),
                                 f"{item.description} row {index + 1}, {_header_text(column)}")
        if item.total is None:
            return
        total_row = first + rows
        self.label(total_row, column_index(item.total.label_column), item.total.label.text, "total")
        for key, cell in item.total.cells.items():
            self.builder.add(PlacedCell(cell.key, cell, self.sheet.name, total_row, columns[key],
                                        item, column=key),
                             f"{item.description}: {item.total.label.text}, "
                             f"{_header_text(item.column(key))}")


def _column_headings(headers: dict[str, Header | None]) -> dict[str, str]:
    """What each column is called in messages: its header, with its group's
    words where the header alone is ambiguous (two '2014/15' columns)."""
    texts = [header.words.text for header in headers.values() if header is not None]
    headings = {}
    for key, header in headers.items():
        if header is None:
            headings[key] = key
        elif not header.words.text and header.group is not None:
            headings[key] = header.group.text
        elif texts.count(header.words.text) > 1 and header.group is not None:
            headings[key] = f"{header.words.text} ({header.group.text})"
        else:
            headings[key] = header.words.text
    return headings


def _header_text(column: object) -> str:
    header = getattr(column, "header", None)
    if header is None:
        return str(getattr(column, "key", ""))
    text = header.words.text
    return f"{header.group.text} {text}" if header.group is not None else text


def _groups(columns: list[tuple[int, Header | None]]) -> Iterator[tuple[int, Header, int]]:
    """(first column, header, columns spanned) of each run of columns that
    share a group header."""
    run: list[tuple[int, Header]] = []
    for col, header in [*columns, (-1, None)]:
        if run and (header is None or header.group is None or header.group != run[0][1].group
                    or col != run[-1][0] + 1):
            yield run[0][0], run[0][1], len(run)
            run = []
        if header is not None and header.group is not None:
            run.append((col, header))
