"""Recalculate every derived cell of a submission, as submitted and as intended.

The engine evaluates the layout's template formulas, each compiled once per
process by :mod:`formula.compiler`, over a flat mapping of values keyed by the
layout's dotted keys. The order of evaluation is worked out once per table
shape and reused for every workbook of that shape.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from .choices import Rating
from .formula.compiler import CompiledFormula, compile_formula
from .formula.runtime import XLError
from .layout import DATA_TABLES, Kind, PlacedCell, Placement, Type, placement_for
from .model import Submission, Unreadable, flatten, get_path

Argument = str | int | list[str]


@dataclasses.dataclass(frozen=True)
class _Step:
    key: str
    formula: CompiledFormula
    arguments: tuple[Argument, ...]


@dataclasses.dataclass(frozen=True)
class Calculation:
    """Every value of a submission's workbook by dotted key, in two views.

    ``cells_submitted`` and ``cells_intended`` hold what each cell shows (a
    rating as 'Red', a blank derived cell as ''); :attr:`submitted` and
    :attr:`intended` are the public flat mappings (ratings lower-case, blanks
    None, errors as their code such as '#DIV/0!').
    """

    cells_submitted: Mapping[str, Any]
    cells_intended: Mapping[str, Any]
    derived_keys: tuple[str, ...]
    rating_keys: tuple[str, ...]

    @functools.cached_property
    def submitted(self) -> dict[str, Any]:
        return _public(self.cells_submitted, self.rating_keys)

    @functools.cached_property
    def intended(self) -> dict[str, Any]:
        return _public(self.cells_intended, self.rating_keys)

    @functools.cached_property
    def ratings(self) -> dict[str, Rating | None]:
        """Every rating, as submitted."""
        return {key: Rating.from_label(str(self.cells_submitted.get(key)))  # type: ignore[misc]
                for key in self.rating_keys}

    @functools.cached_property
    def ratings_intended(self) -> dict[str, Rating | None]:
        return {key: Rating.from_label(str(self.cells_intended.get(key)))  # type: ignore[misc]
                for key in self.rating_keys}


def calculate(submission: Submission) -> Calculation:
    """Every derived value and rating of ``submission``, both as submitted
    (the council's overrides standing, everything downstream using them) and
    as the template intends (formulas only)."""
    placement = placement_for(table_sizes(submission))
    plan = _plan(placement)
    inputs = input_values(submission, placement)
    overrides = {override.key: cell_value(override.value) for override in submission.overrides
                 if override.key in placement.cells}
    intended = _evaluate(plan.steps, inputs, {})
    submitted = _evaluate(plan.steps, inputs, overrides) if overrides else intended
    return Calculation(submitted, intended, plan.derived_keys, plan.rating_keys)


def table_sizes(submission: Submission) -> dict[str, int]:
    return {table.key: len(get_path(submission, table.key)) for table in DATA_TABLES}


def input_values(submission: Submission, placement: Placement) -> dict[str, Any]:
    """Cell values of the inputs, pre-populated and fixed cells."""
    values = {key: cell_value(leaf) for key, leaf in flatten(submission)}
    for cell in placement:
        if cell.spec.kind is Kind.FIXED:
            values[cell.key] = cell.spec.value
    return values


def cell_value(leaf: Any) -> Any:
    """What a cell holds for a model leaf: an enum's label, unreadable text as typed."""
    if isinstance(leaf, enum.Enum):
        return leaf.value
    if isinstance(leaf, Unreadable):
        return leaf.text
    return leaf


def _evaluate(steps: tuple[_Step, ...], inputs: Mapping[str, Any],
              overrides: Mapping[str, Any]) -> dict[str, Any]:
    values = dict(inputs)
    get = values.get
    for step in steps:
        if step.key in overrides:
            values[step.key] = overrides[step.key]
            continue
        arguments = tuple(get(argument) if isinstance(argument, str)
                          else argument if isinstance(argument, int)
                          else [get(key) for key in argument]
                          for argument in step.arguments)
        values[step.key] = step.formula(arguments)
    return values


@dataclasses.dataclass(frozen=True)
class _Plan:
    steps: tuple[_Step, ...]
    derived_keys: tuple[str, ...]
    rating_keys: tuple[str, ...]


@lru_cache(maxsize=64)
def _plan(placement: Placement) -> _Plan:
    derived = {cell.key: cell for cell in placement if cell.spec.kind is Kind.DERIVED}
    steps: dict[str, _Step] = {}

    def visit(cell: PlacedCell, path: tuple[str, ...]) -> None:
        if cell.key in steps:
            return
        if cell.key in path:
            raise ValueError(f"circular reference through {' -> '.join(path)}")
        step = _step(cell, placement)
        for key in _keys(step.arguments):
            if key in derived:
                visit(derived[key], (*path, cell.key))
        steps[cell.key] = step

    for cell in derived.values():
        visit(cell, ())
    ratings = tuple(key for key, cell in derived.items() if cell.spec.type is Type.RATING)
    return _Plan(tuple(steps.values()), tuple(derived), ratings)


def _step(cell: PlacedCell, placement: Placement) -> _Step:
    assert cell.spec.formula is not None
    formula = compile_formula(cell.spec.formula)
    arguments = tuple(placement.argument_keys(placeholder, cell) for placeholder in formula.arguments)
    return _Step(cell.key, formula, arguments)


def _keys(arguments: tuple[Argument, ...]) -> list[str]:
    keys: list[str] = []
    for argument in arguments:
        if isinstance(argument, str):
            keys.append(argument)
        elif isinstance(argument, list):
            keys.extend(argument)
    return keys


def _public(cells: Mapping[str, Any], rating_keys: tuple[str, ...]) -> dict[str, Any]:
    public = {key: _public_value(value) for key, value in cells.items()}
    for key in rating_keys:
        if isinstance(public.get(key), str):
            public[key] = public[key].lower()
    return public


def _public_value(value: Any) -> Any:
    if isinstance(value, XLError):
        return value.code
    if value == "":
        return None
    return value
