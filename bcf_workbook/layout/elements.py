"""The building blocks of the declarative layout.

A sheet is a column of blocks: :class:`Fields` (label and value pairs),
:class:`Grid` (a matrix of rows by period columns) and :class:`Table` (a
header and any number of rows, optionally a total row). Each cell is a
:class:`CellSpec`: what kind it is, its type, its dropdown list, its formula
or the reference data it is filled from. Keys are dotted paths; for input and
pre-populated cells they are the paths of ``Submission.to_dict()``.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable, Iterable
from typing import Any


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

    def keyed(self, key: str) -> CellSpec:
        return dataclasses.replace(self, key=key)

    @property
    def is_number(self) -> bool:
        return self.type not in (Type.TEXT, Type.CHOICE, Type.RATING, Type.FLAG)


def Input(type: Type = Type.NUMBER, key: str = "", choices: str | None = None) -> CellSpec:
    if choices is not None:
        type = Type.CHOICE
    return CellSpec(Kind.INPUT, type, key, choices=choices)


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


@dataclasses.dataclass(frozen=True)
class Field:
    label: str
    cell: CellSpec


@dataclasses.dataclass(frozen=True)
class Fields:
    """Label in the first column, value beside it, one per row."""

    title: str | None
    fields: tuple[Field, ...]


@dataclasses.dataclass(frozen=True)
class GridRow:
    label: str
    cells: dict[str, CellSpec]


@dataclasses.dataclass(frozen=True)
class Grid:
    """Rows by columns; ``columns`` maps column keys to header labels."""

    title: str | None
    corner: str
    columns: dict[str, str]
    rows: tuple[GridRow, ...]


@dataclasses.dataclass(frozen=True)
class Column:
    key: str
    label: str
    cell: CellSpec


@dataclasses.dataclass(frozen=True)
class Table:
    """A header row, ``min_rows`` or more data rows and an optional total row.

    Cell keys are ``<key>.<row index>.<column key>``; the total row's cells
    carry their own keys.
    """

    key: str
    title: str | None
    columns: tuple[Column, ...]
    min_rows: int
    total_label: str | None = None
    totals: dict[str, CellSpec] = dataclasses.field(default_factory=dict)

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)

    def cell_key(self, row: int, column: str) -> str:
        return f"{self.key}.{row}.{column}"

    def stray_key(self, column: str) -> str:
        """The key of a total-row cell that the template leaves empty."""
        return f"{self.key}.total_row.{column}"


@dataclasses.dataclass(frozen=True)
class Note:
    text: str


@dataclasses.dataclass(frozen=True)
class Swatches:
    """A colour key: each label is printed in the style it names."""

    title: str
    entries: tuple[tuple[str, str], ...]


Block = Fields | Grid | Table | Note | Swatches


@dataclasses.dataclass(frozen=True)
class Sheet:
    name: str
    title: str
    blocks: tuple[Block, ...]
    widths: tuple[int, ...] = (2, 44)
    protected: bool = True

    def tables(self) -> Iterable[Table]:
        return (block for block in self.blocks if isinstance(block, Table))


def row(label: str, periods: Iterable[str], make: Callable[[str], CellSpec | None]) -> GridRow:
    """A grid row with one cell per period; ``make`` may return None for a gap."""
    cells = {period: cell for period in periods if (cell := make(period)) is not None}
    return GridRow(label, cells)
