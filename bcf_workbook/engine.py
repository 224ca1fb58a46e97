"""Recalculate every derived cell of a submission, as submitted and as intended.

The engine evaluates the layout's formulas, each compiled once per process by
:mod:`bcf_workbook._formula.compiler`, over a flat mapping of values keyed by the layout's
dotted keys. The order of evaluation is worked out once per table shape and
reused for every workbook of that shape. "As submitted" also evaluates the
council's own formulas (translated into keys by the reader) where they replace
the template's, and keeps the constants typed over formulas.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from ._formula.compiler import CompiledFormula, FormulaCompileError, compile_formula
from ._formula.runtime import ERRORS, XLError
from .choices import Rating
from .layout import DATA_TABLES, Kind, PlacedCell, Placement, Type, placement_for
from .layout._placement import Argument
from .model import AN_ERROR, Override, Submission, Unreadable, flatten, get_path


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
    #: What each of the council's own formulas gives from the template's
    #: values of the cells it reads: equal to ``cells_intended`` when the
    #: formula means the same as the template's.
    own_formulas: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    #: Why a council's formula could not be evaluated (its saved value stands).
    not_evaluated: Mapping[str, str] = dataclasses.field(default_factory=dict)

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


def calculate(submission: Submission) -> Calculation:
    """Every derived value and rating of ``submission``, both as submitted
    (the council's overrides standing, everything downstream using them) and
    as the template intends (formulas only)."""
    placement = placement_for(table_sizes(submission))
    plan = _plan(placement)
    inputs = input_values(submission, placement)
    intended = _evaluate(plan.steps, inputs, {})
    if not submission.overrides and not submission.shown:
        return Calculation(intended, intended, plan.derived_keys, plan.rating_keys)
    own, not_evaluated = _own_steps(submission.overrides, placement)
    constants = {override.key: cell_value(override.value) for override in submission.overrides
                 if override.key in placement.cells and override.key not in own}
    steps = _ordered({**{step.key: step for step in plan.steps}, **own}, placement)
    shown = {key: cell_value(value) for key, value in submission.shown.items()}
    submitted = _evaluate(steps, {**inputs, **shown}, constants)
    own_values = {key: _apply(step, intended) for key, step in own.items()}
    return Calculation(submitted, intended, plan.derived_keys, plan.rating_keys, own_values,
                       not_evaluated)


def table_sizes(submission: Submission) -> dict[str, int]:
    return {table.key: len(get_path(submission, table.key)) for table in DATA_TABLES}


def input_values(submission: Submission, placement: Placement) -> dict[str, Any]:
    """Cell values of the inputs, pre-populated and fixed cells, and of the
    cells outside the template that the council's formulas read."""
    values = {key: cell_value(leaf) for key, leaf in flatten(submission)}
    for cell in placement:
        if cell.spec.kind is Kind.FIXED:
            values[cell.key] = cell.spec.value
    values.update(submission.referenced)
    return values


def cell_value(leaf: Any) -> Any:
    """What a cell holds for a model leaf: an enum's label, unreadable text as
    typed, a spreadsheet error as the error (which spreads to every cell that
    reads it, as in a spreadsheet)."""
    if isinstance(leaf, enum.Enum):
        return leaf.value
    if isinstance(leaf, Unreadable):
        return ERRORS.get(leaf.text, leaf.text) if leaf.reason == AN_ERROR else leaf.text
    if isinstance(leaf, str) and leaf in ERRORS:
        return ERRORS[leaf]
    return leaf


def dependents(submission: Submission, keys: Iterable[str]) -> list[str]:
    """The derived cells that read any of ``keys``, directly or through other
    derived cells, in the order they are calculated."""
    plan = _plan(placement_for(table_sizes(submission)))
    reached = set(keys)
    found = []
    for step in plan.steps:
        if reached.intersection(_keys(step.arguments)):
            reached.add(step.key)
            found.append(step.key)
    return found


def precedents(submission: Submission, key: str) -> list[str]:
    """The cells that are not derived (inputs, pre-populated and fixed) that
    the derived cell ``key`` reads, directly or through other derived cells,
    in the order its formulas name them."""
    steps = {step.key: step for step in _plan(placement_for(table_sizes(submission))).steps}
    if key not in steps:
        raise KeyError(f"{key!r} is not a derived cell of the template")
    found: dict[str, None] = {}
    pending, seen = [key], {key}
    while pending:
        for argument in _keys(steps[pending.pop(0)].arguments):
            if argument in seen:
                continue
            seen.add(argument)
            if argument in steps:
                pending.append(argument)
            else:
                found[argument] = None
    return list(found)


def _evaluate(steps: tuple[_Step, ...], inputs: Mapping[str, Any],
              constants: Mapping[str, Any]) -> dict[str, Any]:
    values = dict(inputs)
    for step in steps:
        if step.key in constants:
            values[step.key] = constants[step.key]
        else:
            values[step.key] = _apply(step, values)
    return values


def _apply(step: _Step, values: Mapping[str, Any]) -> Any:
    get = values.get
    arguments = tuple(get(argument) if isinstance(argument, str)
                      else argument if isinstance(argument, int)
                      else [get(item) if isinstance(item, str) else item for item in argument]
                      for argument in step.arguments)
    return step.formula(arguments)


def _own_steps(overrides: tuple[Override, ...], placement: Placement
               ) -> tuple[dict[str, _Step], dict[str, str]]:
    """The council's own formulas, compiled; and why the others cannot be."""
    steps: dict[str, _Step] = {}
    reasons: dict[str, str] = {}
    for override in overrides:
        if override.formula is None or override.key not in placement.cells:
            continue
        if override.translated is None:
            reasons[override.key] = override.not_translated or "cannot be read"
            continue
        try:
            steps[override.key] = _step(placement.cells[override.key], placement, override.translated)
        except (FormulaCompileError, KeyError) as error:
            reasons[override.key] = str(error) if isinstance(error, FormulaCompileError) \
                else f"refers to {error}, which is not in the template"
    return steps, reasons


@dataclasses.dataclass(frozen=True)
class _Plan:
    steps: tuple[_Step, ...]
    derived_keys: tuple[str, ...]
    rating_keys: tuple[str, ...]


@lru_cache(maxsize=64)
def _plan(placement: Placement) -> _Plan:
    derived = {cell.key: cell for cell in placement if cell.spec.kind is Kind.DERIVED}
    steps = {key: _step(cell, placement, cell.spec.formula or "") for key, cell in derived.items()}
    ratings = tuple(key for key, cell in derived.items() if cell.spec.type is Type.RATING)
    return _Plan(_ordered(steps, placement), tuple(derived), ratings)


def _ordered(steps: dict[str, _Step], placement: Placement) -> tuple[_Step, ...]:
    """The steps in an order where every cell comes after the cells it reads.
    A council's circular reference leaves the cells on the circle in the
    order met (a spreadsheet would refuse to calculate them)."""
    ordered: dict[str, _Step] = {}
    visiting: set[str] = set()

    def visit(key: str) -> None:
        if key in ordered or key in visiting:
            return
        visiting.add(key)
        for argument in _keys(steps[key].arguments):
            if argument in steps:
                visit(argument)
        visiting.discard(key)
        ordered[key] = steps[key]

    for key in steps:
        visit(key)
    return tuple(ordered.values())


def _step(cell: PlacedCell, placement: Placement, formula_text: str) -> _Step:
    formula = compile_formula(formula_text)
    arguments = tuple(placement.argument_keys(placeholder, cell) for placeholder in formula.arguments)
    return _Step(cell.key, formula, arguments)


def _keys(arguments: tuple[Argument, ...]) -> list[str]:
    keys: list[str] = []
    for argument in arguments:
        if isinstance(argument, str):
            keys.append(argument)
        elif isinstance(argument, list):
            keys.extend(item for item in argument if isinstance(item, str))
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
