"""What each figure of a submission is, as an analyst asks: its tab and cell,
the block and row it sits in, its period and its unit, and whether the HWB
typed it, it was pre-populated or the template derives it.

Worked out once per placement (once per table shape), so that a national
collection's figures need only look them up.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Iterable, Mapping

from .. import periods
from .._addresses import cell_address
from ._elements import CellSpec, Field, Grid, Header, Kind, Table, Text
from ._units import unit
from ._workbook import DATA_TABLES, SHEETS, placement_for

#: The kinds a figure can have (fixed and reference cells are not figures).
FIGURE_KINDS = (Kind.INPUT, Kind.PREPOPULATED, Kind.DERIVED)


@dataclasses.dataclass(frozen=True)
class FigureFacts:
    key: str
    sheet: str
    #: Where the template puts the cell for the submission's table sizes ("D12").
    cell: str
    block: str
    row_label: str | None
    column_label: str | None
    period: str | None
    unit: str | None
    kind: Kind
    spec: CellSpec


def _period_span(period: str) -> tuple[int, int, int]:
    """(first year, first month, months long) of a year, quarter or month label."""
    if period[:1] == "Q":
        year, month = periods.quarter_first_month(period)
        return year, month, 3
    if "/" in period:
        return int(period[:4]), 4, 12
    month_name, year_digits = period.split("-")
    return 2000 + int(year_digits), periods.MONTH_NAMES.index(month_name) + 1, 1


def _all_periods() -> tuple[str, ...]:
    found = {*periods.HISTORY_YEARS, *periods.METRIC_YEARS, *periods.DTOC_QUARTERS,
             *periods.P4P_QUARTERS, *periods.NON_ELECTIVE_HISTORY_QUARTERS,
             *periods.PROJECTION_QUARTERS, *periods.dtoc_history_months(12)}
    # In time order; a year before the quarters and months that start with it.
    return tuple(sorted(found, key=lambda p: (_period_span(p)[:2], -_period_span(p)[2])))


#: Every period a key names, in time order.
PERIODS = _all_periods()
_KNOWN_PERIODS = frozenset(PERIODS)


def period_of(key: str) -> str | None:
    """The year, quarter or month a key is for (its last part that is one)."""
    return next((part for part in reversed(key.split(".")) if part in _KNOWN_PERIODS), None)


_TABLE_CELL = re.compile(r"^(?P<table>.+?)\.(?P<row>\d+)\.(?P<column>.+)$")


def table_sizes_of(keys: Iterable[str]) -> dict[str, int]:
    """The rows each table of a submission holds, from the keys of its
    figures (a table's inputs have keys for every row the submission uses)."""
    typed = _typed_columns()
    sizes: dict[str, int] = {}
    for key in keys:
        match = _TABLE_CELL.match(key)
        if match is not None and match["column"] in typed.get(match["table"], ()):
            table, rows = match["table"], int(match["row"]) + 1
            if rows > sizes.get(table, 0):
                sizes[table] = rows
    return sizes


@functools.cache
def _typed_columns() -> dict[str, frozenset[str]]:
    """The columns of each table that the HWB types or that are pre-populated."""
    return {table.key: frozenset(column.key for column in table.columns
                                 if column.cell.kind is not Kind.DERIVED) for table in DATA_TABLES}


def kind_of(key: str) -> Kind | None:
    """Whether the figure at ``key`` is typed, pre-populated or derived,
    whatever the size of its table (None for a key of no figure)."""
    match = _TABLE_CELL.match(key)
    if match is not None and match["table"] in _typed_columns():
        key = f"{match['table']}.0.{match['column']}"
    return _kinds().get(key)


@functools.cache
def _kinds() -> dict[str, Kind]:
    return {key: fact.kind for key, fact in
            figure_facts({table: 1 for table in _typed_columns()}).items()}


def figure_facts(sizes: Mapping[str, int]) -> dict[str, FigureFacts]:
    """The facts of every figure of a submission with tables of these sizes
    (rows the template has beyond them, unused, are left out)."""
    return _facts(tuple(sorted(sizes.items())))


@functools.lru_cache(maxsize=64)
def _facts(sizes: tuple[tuple[str, int], ...]) -> dict[str, FigureFacts]:
    rows = dict(sizes)
    words = _words()
    facts = {}
    for cell in placement_for(rows):
        if cell.spec.kind not in FIGURE_KINDS or (
                cell.index is not None and cell.table is not None
                and cell.index >= rows.get(cell.table.key, 0)):
            continue
        block, row_label, column = words[cell.key] if cell.table is None or cell.index is None \
            else _table_words(cell.table, cell.index, cell.column or "")
        facts[cell.key] = FigureFacts(
            cell.key, cell.sheet, cell_address(cell.row, cell.col), block, row_label or None,
            column or None,
            period_of(cell.key), unit(cell.spec, cell.sheet, cell.key), cell.spec.kind, cell.spec)
    return facts


@functools.cache
def _words() -> dict[str, tuple[str, str, str | None]]:
    """(block, row label, column label) of every cell outside a table's rows,
    in the template's words."""
    found: dict[str, tuple[str, str, str | None]] = {}
    for sheet in SHEETS:
        heading = sheet.name
        for item in sheet.items:
            if isinstance(item, Text) and item.style in ("title", "heading"):
                heading = item.words.text
            elif isinstance(item, Field):
                label = item.description or (item.label.text if item.label else item.cell.key)
                found[item.cell.key] = (heading, label, None)
            elif isinstance(item, Grid):
                found.update(_grid_words(item, item.title or heading))
            elif isinstance(item, Table) and item.total is not None:
                for column, cell in item.total.cells.items():
                    found[cell.key] = (item.description, item.total.label.text,
                                       _header_text(item, column))
    return found


def _table_words(table: Table, index: int, column: str) -> tuple[str, str, str | None]:
    return table.description, f"{table.description} row {index + 1}", _header_text(table, column)


def _grid_words(grid: Grid, block: str) -> dict[str, tuple[str, str, str | None]]:
    headings = {key: _heading(header) or key for key, (_, header) in grid.columns.items()}
    return {cell.key: (block, row.label.text if row.label else "", headings[column])
            for row in grid.rows for column, cell in row.cells.items()}


def _heading(header: Header | None) -> str:
    if header is None:
        return ""
    parts = (header.group.text if header.group else "", header.words.text)
    return " ".join(part for part in parts if part)


def _header_text(table: Table, column: str) -> str:
    return _heading(table.column(column).header) or column



def unit_of(key: str) -> str | None:
    """The unit of a figure outside the tables' rows (a total, a field)."""
    found = figure_facts({}).get(key)
    return found.unit if found is not None else None
