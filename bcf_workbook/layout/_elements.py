"""The building blocks of the declarative layout.

A sheet is a list of items, each at its own place, as the original template
has them: :class:`Text` (a title, note, heading or legend), :class:`Field` (a
value and the label that names it), :class:`Grid` (rows by columns under
headers) and :class:`Table` (a header and any number of rows, optionally a
title above and a total row below). Places are spreadsheet addresses of the
template as published (``"B5"``); when a table holds more rows than the
template's, everything below it moves down, as when rows are inserted in a
spreadsheet.

Every cell is a :class:`CellSpec`: what kind it is, its type, its dropdown
list, its formula or the reference data it is filled from. Keys are dotted
paths; for input and pre-populated cells they are the paths of
``Submission.to_dict()``. Labels are :class:`Words`: the template's wording
and the other wordings that mean the same (an earlier template's, a
council's).
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from .._addresses import column_index, column_letters


class Kind(enum.Enum):
    INPUT = "input"
    PREPOPULATED = "pre-populated"
    DERIVED = "derived"
    FIXED = "fixed"
    REFERENCE = "reference"


class Type(enum.Enum):
    TEXT = "text"
    CHOICE = "choice"
    COUNT = "count"
    NUMBER = "number"
    RATE = "rate"
    MONEY = "money"
    SHARE = "share"
    RATING = "rating"
    FLAG = "flag"


@dataclasses.dataclass(frozen=True)
class CellSpec:
    kind: Kind
    type: Type
    key: str = ""
    formula: str | None = None
    choices: str | None = None
    source: str | None = None
    value: Any = None
    revisable: bool = False
    #: Text a blank input shows, as the original's dropdowns do ("<Please select
    #: Local Authority>"); read back as blank.
    placeholder: str | None = None

    def keyed(self, key: str) -> CellSpec:
        return dataclasses.replace(self, key=key)

    @property
    def is_number(self) -> bool:
        return self.type not in (Type.TEXT, Type.CHOICE, Type.RATING, Type.FLAG)


def Input(type: Type = Type.NUMBER, key: str = "", choices: str | None = None,
          placeholder: str | None = None) -> CellSpec:
    if choices is not None:
        type = Type.CHOICE
    return CellSpec(Kind.INPUT, type, key, choices=choices, placeholder=placeholder)


def Prepopulated(source: str, type: Type = Type.COUNT, key: str = "",
                 choices: str | None = None, revisable: bool = False) -> CellSpec:
    """A cell filled from reference data: ``source`` is ``hwb.<field>``,
    ``ccg.<field>`` (the table row's CCG of the HWB) or ``national.<field>``.
    Its formula looks the value up on the Reference sheet; a ``revisable``
    one stays unlocked for the HWB to correct."""
    return CellSpec(Kind.PREPOPULATED, type, key, formula=lookup_formula(source),
                    source=source, choices=choices, revisable=revisable)


def lookup_formula(source: str) -> str:
    scope, _, field = source.partition(".")
    if scope == "national":
        return "{reference.national." + field + "}"
    if scope == "hwb":
        table, wanted, keys = "reference.hwbs", "{hwb_id.hwb}", "name"
    elif scope == "ccg":
        table, wanted, keys = "reference.ccgs", '{hwb_id.hwb}&"#"&{#}', "key"
    else:
        raise ValueError(f"unknown reference source {source!r}")
    return (f"IFERROR(INDEX({{{table}.*.{field}}},"
            f"MATCH({wanted},{{{table}.*.{keys}}},0)),\"\")")


def Derived(formula: str, type: Type = Type.NUMBER, key: str = "") -> CellSpec:
    return CellSpec(Kind.DERIVED, type, key, formula=formula)


def Fixed(value: Any, type: Type = Type.COUNT, key: str = "") -> CellSpec:
    return CellSpec(Kind.FIXED, type, key, value=value)


def Reference(type: Type = Type.TEXT) -> CellSpec:
    return CellSpec(Kind.REFERENCE, type)


# --- places -------------------------------------------------------------------------

_ADDRESS = re.compile(r"^([A-Z]{1,3})(\d+)$")


def position(address: str) -> tuple[int, int]:
    """0-based (row, column) of an address such as ``"B5"``."""
    match = _ADDRESS.match(address)
    if match is None:
        raise ValueError(f"not a cell address: {address!r}")
    letters, digits = match.groups()
    return int(digits) - 1, column_index(letters)


# --- words --------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Words:
    """A label as the template prints it (``text``) and the other wordings
    that mean the same. ``{hwb}`` in a wording stands for the HWB's name."""

    text: str
    alternatives: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[str]:
        yield self.text
        yield from self.alternatives


def words(text: str | Words, *alternatives: str) -> Words:
    if isinstance(text, Words):
        return dataclasses.replace(text, alternatives=text.alternatives + alternatives)
    return Words(text, alternatives)


# --- items --------------------------------------------------------------------------

class ItemVisitor(Protocol):
    """What walks a sheet's items: the placement of the template, the reader's
    search of a file. Each item calls the method for its kind."""

    def text(self, item: Text) -> None: ...

    def field(self, item: Field) -> None: ...

    def grid(self, item: Grid) -> None: ...

    def table(self, item: Table) -> None: ...


@dataclasses.dataclass(frozen=True)
class Text:
    """Text the template prints: a title, note, heading, legend or unit line.
    ``span`` columns and ``rows`` rows are merged for it (presentation only: the
    reader finds the text in its first cell); ``anchor`` texts are looked for by
    the reader (so that the cells placed from them move with them)."""

    at: str
    words: Words
    style: str = "note"
    span: int = 1
    anchor: bool = False
    rows: int = 1

    def accept(self, visitor: ItemVisitor) -> None:
        visitor.text(self)

    def labels(self) -> Iterator[Words]:
        """The words a reader looks for to find the item."""
        if self.anchor:
            yield self.words


@dataclasses.dataclass(frozen=True)
class Field:
    """A value at ``at`` named by the label at ``label_at``. Several fields may
    share one label (``Please provide:`` above a name, an email and a phone):
    each then sits at its own distance from it. A field without a label (the
    HWB's name echoed at the top of a sheet) is found from the item above."""

    at: str
    cell: CellSpec
    label: Words | None = None
    label_at: str | None = None
    label_style: str = "label"
    #: What the value is, for messages, when the label does not say it alone.
    description: str = ""
    #: The library's own addition to the original (a rating, a total): a file
    #: without it is not missing anything the council was asked for.
    added: bool = False

    def accept(self, visitor: ItemVisitor) -> None:
        visitor.field(self)

    def labels(self) -> Iterator[Words]:
        if self.label is not None and not self.added:
            yield self.label


@dataclasses.dataclass(frozen=True)
class Header:
    """A column header: its words and, for a header over two rows, the words
    of the group header above it (written merged over the group's columns)."""

    words: Words
    group: Words | None = None

    def one_cell_forms(self) -> Iterator[str]:
        """The header as written in one cell: its words, or its words and the
        group's in either order ('2014/15 Gross Contribution (£000)')."""
        yield from self.words
        if self.group is not None:
            for own in self.words:
                for group in self.group:
                    yield f"{own} {group}"
                    yield f"{group} {own}"


@dataclasses.dataclass(frozen=True)
class GridRow:
    row: int
    label: Words | None
    cells: dict[str, CellSpec]
    label_column: str = "C"
    added: bool = False


@dataclasses.dataclass(frozen=True)
class Grid:
    """Rows by columns: ``columns`` maps each column key to its letter and
    header; each row has a label (in ``label_column``) and a cell per column
    key it fills. ``header_row`` is the template row of the column headers
    (group headers, if any, sit on the row above). A grid marked ``added``
    is the library's own (ratings, positions): a file without it is not
    missing anything the council was asked for."""

    header_row: int
    columns: dict[str, tuple[str, Header | None]]
    rows: tuple[GridRow, ...]
    title: str = ""
    added: bool = False

    def accept(self, visitor: ItemVisitor) -> None:
        visitor.grid(self)

    def labels(self) -> Iterator[Words]:
        if not self.added:
            yield from (row.label for row in self.rows if row.label is not None and not row.added)


@dataclasses.dataclass(frozen=True)
class Column:
    key: str
    letter: str
    header: Header | None
    cell: CellSpec
    #: The library's own column (a derived helper): a file may not have it.
    added: bool = False


@dataclasses.dataclass(frozen=True)
class TotalRow:
    label: Words
    cells: dict[str, CellSpec]
    label_column: str = "B"


@dataclasses.dataclass(frozen=True)
class Table:
    """A header and ``min_rows`` or more data rows from template row
    ``first_row``; an optional title row above the rows (the original's funding
    blocks share one header and differ by title) and total row below.

    Cell keys are ``<key>.<row index>.<column key>``; the total row's cells
    carry their own keys. ``header_row`` is None when the table uses the
    column headers of the table above it.
    """

    key: str
    first_row: int
    columns: tuple[Column, ...]
    min_rows: int
    header_row: int | None = None
    title: Text | None = None
    total: TotalRow | None = None
    #: What the rows are, for messages ("Benefits 2015/16").
    description: str = ""

    def accept(self, visitor: ItemVisitor) -> None:
        visitor.table(self)

    def labels(self) -> Iterator[Words]:
        yield from (column.header.words for column in self.columns
                    if column.header is not None and column.header.words.text and not column.added)

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)

    def cell_key(self, row: int, column: str) -> str:
        return f"{self.key}.{row}.{column}"

    def stray_key(self, column: str) -> str:
        """The key of a total-row cell that the template leaves empty."""
        return f"{self.key}.total_row.{column}"

    @property
    def total_row(self) -> int:
        """The template row of the total row (or of the row after the table)."""
        return self.first_row + self.min_rows


Item = Text | Field | Grid | Table


@dataclasses.dataclass(frozen=True)
class Page:
    """How a sheet is shown and printed: the writer's concern only (the reader
    finds cells by their labels, whatever the page looks like). Printing is on
    A4 landscape."""

    #: The first cell that scrolls (a template address): the rows above it and
    #: the columns left of it stay in view.
    freeze: str | None = None
    #: The template rows (first, last) printed at the top of every page.
    repeat_rows: tuple[int, int] | None = None
    #: Printed one page wide; a sheet too wide to read at that scale prints
    #: across pages instead.
    fit_width: bool = True
    #: Printed on this many pages at most (0: as many as its rows take): for a
    #: sheet that reads as one page.
    pages_tall: int = 0
    #: Template rows that start a new printed page (a block kept together).
    breaks: tuple[int, ...] = ()
    #: The HWB's name in the printed page header, where the original printed it.
    hwb_in_header: bool = False
    hidden: bool = False


@dataclasses.dataclass(frozen=True)
class Sheet:
    name: str
    items: tuple[Item, ...]
    #: Column widths from column A, in characters.
    widths: tuple[float, ...] = (2, 44)
    protected: bool = True
    #: Other names the sheet has had (an earlier template's).
    alternatives: tuple[str, ...] = ()
    page: Page = Page()
    #: The unit of the sheet's money: "£000" (stated by its headings) or "£"
    #: (each figure shows the £ sign).
    money_unit: str = "£000"

    def tables(self) -> Iterator[Table]:
        return (item for item in self.items if isinstance(item, Table))


def grid_row(row: int, label: Words | str | None, periods: Iterable[str],
             make: Callable[[str], CellSpec | None], label_column: str = "C",
             added: bool = False) -> GridRow:
    """A grid row with one cell per period; ``make`` may return None for a gap."""
    cells = {period: cell for period in periods if (cell := make(period)) is not None}
    label_words = words(label) if isinstance(label, str) else label
    return GridRow(row, label_words, cells, label_column, added)


def letters(first: str, count: int) -> list[str]:
    """``count`` column letters from ``first`` ('D', 3 -> D, E, F)."""
    start = column_index(first)
    return [column_letters(start + offset) for offset in range(count)]
