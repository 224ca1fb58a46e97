"""What every check sees: the submission, its calculation, the reference data
and where each key sits in the workbook."""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections.abc import Callable, Iterable
from typing import Any

from .._addresses import cell_address
from .._formula.runtime import XLError
from .._text import as_number
from ..engine import Calculation, table_sizes
from ..findings import Finding, Rule
from ..layout import Kind, Placement, describe, placement_for
from ..layout._figures import figure_facts
from ..layout._placement import PlacedTable
from ..layout._units import with_unit
from ..model import Submission, flatten
from ..reference import HwbReference, ReferenceData


@dataclasses.dataclass
class Context:
    submission: Submission
    calculation: Calculation
    reference: ReferenceData
    placement: Placement
    #: The placement key of a model key (rows differ when a file has blank rows).
    placed_key: Callable[[str], str | None]
    cached: dict[str, Any] | None = None
    missing_labels: tuple[str, ...] = ()
    sheet_names: dict[str, str] = dataclasses.field(default_factory=dict)
    #: Copies of template tabs that were not read, by layout sheet.
    copies: dict[str, list[str]] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        #: Every leaf of the submission by model key, worked out once for all checks.
        self.leaves = dict(flatten(self.submission))
        self.values = self.calculation.submitted
        self.intended = self.calculation.intended
        self.hwb: HwbReference | None = self.reference.find(self.submission.hwb)

    @functools.cached_property
    def not_started(self) -> frozenset[str]:
        """The template's sheets where nothing has been typed yet (their inputs
        all blank): a blank template is 'not started', not a wall of red."""
        started = {_input_sheets().get(_pattern(key)) for key, leaf in self.leaves.items()
                   if leaf is not None}
        return frozenset(sheet for sheet in set(_input_sheets().values()) if sheet not in started)

    def broken(self, *keys: str) -> bool:
        """True when a figure shows a spreadsheet error (reported where it
        starts; comparisons with it would only repeat it)."""
        return any(isinstance(self.calculation.cells_submitted.get(key), XLError) for key in keys)

    @functools.cached_property
    def _units(self) -> dict[str, str | None]:
        return {key: fact.unit for key, fact in figure_facts(table_sizes(self.submission)).items()}

    def shown(self, key: str, value: Any) -> str:
        """A figure of the cell at ``key`` as the reports show it, with its
        unit ('10,390 (£000)', '76.9%', '596.61 per 100,000'); 'blank'."""
        if value in (None, ""):
            return "blank"
        return with_unit(value, self._units.get(key)) if as_number(value) is not None else repr(value)

    def number(self, key: str, intended: bool = False) -> float | None:
        return as_number((self.intended if intended else self.values).get(key))

    def where(self, keys: Iterable[str]) -> tuple[str, tuple[str, ...]]:
        """The sheet and cells of the keys found in the file; for keys the file
        does not have (a cell the library adds to the original), the sheet the
        template puts them on, without a cell."""
        sheet, cells = "", []
        keys = tuple(keys)
        for key in keys:
            placed = self.placed_key(key)
            cell = self.placement.cells.get(placed) if placed else None
            if cell is None:
                continue
            sheet = sheet or cell.sheet
            address = cell_address(cell.row, cell.col)
            cells.append(address if cell.sheet == sheet else f"'{cell.sheet}'!{address}")
        if not sheet:
            template = next((placement_for({}).cells.get(_first_row(key)) for key in keys), None)
            sheet = self.sheet_name(template.sheet) if template is not None else ""
        return sheet, tuple(cells)

    def table(self, key: str) -> PlacedTable | None:
        return self.placement.tables.get(key)

    def sheet_name(self, layout_name: str) -> str:
        return self.sheet_names.get(layout_name, layout_name)

    def finding(self, rule: Rule, keys: Iterable[str], message: str, expected: Any = None,
                actual: Any = None) -> Finding:
        """A finding of ``rule`` at the cells of ``keys``."""
        keys = tuple(keys)
        sheet, cells = self.where(keys)
        return Finding(rule.code, rule.severity, sheet, cells, message, expected, actual, keys)

    def finding_at(self, rule: Rule, sheet: str, cells: tuple[str, ...], keys: Iterable[str],
                   message: str, actual: Any = None) -> Finding:
        """A finding at cells that have no key of their own (a stray value)."""
        return Finding(rule.code, rule.severity, sheet, cells, message, None, actual, tuple(keys))


@functools.cache
def _input_sheets() -> dict[str, str]:
    """The sheet of each input key (table rows as '#'), typed by the council."""
    return {_pattern(cell.key): cell.sheet for cell in placement_for({})
            if cell.spec.kind is Kind.INPUT}


def _pattern(key: str) -> str:
    return re.sub(r"\.\d+\.", ".#.", key, count=1)


def _first_row(key: str) -> str:
    """A table cell's key moved to the table's first row (which every
    template has)."""
    return re.sub(r"\.\d+\.", ".0.", key, count=1)


def described(key: str) -> str:
    """What the cell at ``key`` is, quoted for a message."""
    return f"'{describe(key)}'"


def same(a: Any, b: Any, tolerance: float = 1e-9) -> bool:
    a = None if a == "" else a
    b = None if b == "" else b
    x, y = as_number(a), as_number(b)
    if x is not None and y is not None:
        return math.isclose(x, y, rel_tol=tolerance, abs_tol=1e-9)
    return a == b


def zero(value: float | None) -> float:
    return 0.0 if value is None else value


def money(value: float | None) -> str:
    return "blank" if value is None else f"{value:,.0f}"


def figure(value: Any) -> str:
    number = as_number(value)
    if number is None:
        return "blank" if value in (None, "") else repr(value)
    return f"{number:,.0f}" if number.is_integer() else f"{number:,.4g}" if abs(number) < 1 \
        else f"{number:,.2f}"
