"""Machinery of the differential test: formulas as small trees that render to
Excel text and evaluate through the runtime exactly as the compiler calls it.

A case's arguments are references to cells of a data sheet (``Ref``,
``Range``), literals (``Lit``) or nested calls (``Call``); ``excel()`` gives
the formula text written into the workbook and ``evaluate()`` calls the
runtime with the values the compiler would pass: a range as a list, a lone
reference as a one-element list to AGGREGATES, thunks for LAZY positions,
errors as ``Raised``.
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path
from typing import Any, Union

import openpyxl
from openpyxl.utils import get_column_letter

from bcf_workbook._formula import runtime
from bcf_workbook._formula.runtime import Raised, XLError

DATA_SHEET = "P"
CASES_SHEET = "Cases"
UNARY = {"u-": "-", "u+": "+"}
#: Functions newer than Excel 2007 carry a prefix in the file format.
PREFIXED = {"IFNA"}


@dataclasses.dataclass(frozen=True)
class Cell:
    """A data cell: what the workbook holds (a constant, or a formula such as
    '=NA()') and the value the runtime sees."""

    content: Any
    value: Any
    label: str = ""


@dataclasses.dataclass(frozen=True)
class Ref:
    column: int
    row: int
    cells: tuple[Cell, ...]

    def excel(self) -> str:
        return f"{DATA_SHEET}!{get_column_letter(self.column)}{self.row}"

    def value(self) -> Any:
        return self.cells[0].value


@dataclasses.dataclass(frozen=True)
class Range:
    column: int
    first_row: int
    cells: tuple[Cell, ...]

    def excel(self) -> str:
        column = get_column_letter(self.column)
        return f"{DATA_SHEET}!{column}{self.first_row}:{column}{self.first_row + len(self.cells) - 1}"

    def value(self) -> list[Any]:
        return [cell.value for cell in self.cells]


@dataclasses.dataclass(frozen=True)
class Lit:
    value: Any

    def excel(self) -> str:
        value = self.value
        if value is True or value is False:
            return "TRUE" if value else "FALSE"
        if isinstance(value, str):
            return '"' + value.replace('"', '""') + '"'
        return repr(float(value)).upper().replace("INF", "1E999")


@dataclasses.dataclass(frozen=True)
class Call:
    name: str
    arguments: tuple[Node, ...]

    def excel(self) -> str:
        parts = [argument.excel() for argument in self.arguments]
        if self.name in UNARY:
            return f"({UNARY[self.name]}{parts[0]})"
        if self.name == "%":
            return f"({parts[0]}%)"
        if self.name in runtime.OPERATORS:
            return f"({parts[0]}{self.name}{parts[1]})"
        name = f"_xlfn.{self.name}" if self.name in PREFIXED else self.name
        return f"{name}({','.join(parts)})"


Node = Union[Ref, Range, Lit, Call]


def evaluate(node: Node) -> Any:
    """The node's value through the runtime, called as the compiler calls it:
    a lone reference given to an aggregate (or to IF, IFERROR or IFNA
    inside one) as a one-element list; errors as XLError values."""
    try:
        return _value(node)
    except Raised as raised:
        return raised.error


def _value(node: Node, aggregate: bool = False) -> Any:
    if isinstance(node, Ref):
        return [node.value()] if aggregate else node.value()
    if isinstance(node, Range):
        return node.value()
    if isinstance(node, Lit):
        return node.value
    if node.name in runtime.OPERATORS:
        return getattr(runtime, runtime.OPERATORS[node.name])(*map(_value, node.arguments))
    function = runtime.FUNCTIONS[node.name]
    lazy = runtime.LAZY.get(node.name, set())
    every = node.name in runtime.AGGREGATES
    branches = every or (aggregate and node.name in runtime.PASS_THROUGH)
    arguments = [_thunk(argument, branches) if position in lazy else _value(argument, every)
                 for position, argument in enumerate(node.arguments)]
    return function(*arguments)


def _thunk(node: Node, aggregate: bool) -> Any:
    return lambda: _value(node, aggregate)


def formula_result(node: Node) -> Any:
    """What a cell holding the formula shows, as the compiled formula returns
    it (a bare blank reference shows 0)."""
    result = evaluate(node)
    return 0.0 if result is None else result


@dataclasses.dataclass
class DataSheet:
    """Columns of data cells the cases refer to."""

    columns: list[list[Cell]] = dataclasses.field(default_factory=list)

    def column(self, cells: list[Cell]) -> int:
        self.columns.append(cells)
        return len(self.columns)

    def ref(self, column: int, row: int) -> Ref:
        return Ref(column, row, (self.columns[column - 1][row - 1],))

    def range(self, column: int, first_row: int, count: int) -> Range:
        return Range(column, first_row, tuple(self.columns[column - 1][first_row - 1:first_row - 1 + count]))

    def refs(self, column: int) -> list[Ref]:
        return [self.ref(column, row) for row in range(1, len(self.columns[column - 1]) + 1)]


def write_workbook(path: Path, data: DataSheet, cases: list[Node]) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = CASES_SHEET
    for row, case in enumerate(cases, 1):
        sheet.cell(row, 1, "=" + case.excel())
    values = workbook.create_sheet(DATA_SHEET)
    for column, cells in enumerate(data.columns, 1):
        for row, cell in enumerate(cells, 1):
            if isinstance(cell.content, float):
                # openpyxl writes 16 significant digits: a constant must survive them.
                assert float(f"{cell.content:.16g}") == cell.content, cell
            if cell.content is not None:
                values.cell(row, column, cell.content)
    workbook.save(path)


def shown(value: Any) -> Any:
    """A value as compared: errors by code, empty text as None, -0 as 0."""
    if isinstance(value, XLError):
        return value.code
    if value == "" or value is None:
        return None
    if isinstance(value, float) and value == 0:
        return 0.0
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def same(ours: Any, theirs: Any) -> bool:
    """Exactly the same value: numbers to the last bit, no tolerance."""
    ours, theirs = shown(ours), shown(theirs)
    if isinstance(ours, float) and isinstance(theirs, float):
        return ours == theirs or (math.isnan(ours) and math.isnan(theirs))
    return type(ours) is type(theirs) and ours == theirs
