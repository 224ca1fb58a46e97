"""Read a council's completed workbook into a :class:`Submission`.

Sheets and tables are found by their labels (:mod:`._locate`), values are read
the way a person meant them (:mod:`._values`), and every derived cell that
holds a constant or a formula other than the template's is recorded as an
override, a formula translated into the layout's keys (:mod:`._formulas`) so
that the engine can evaluate it as submitted. The input file is only ever
opened for reading.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from .._text import is_blank_text, normalise
from ..errors import WorkbookError
from ..layout import Kind, Placement, Type, keys, placement_for
from ..layout._editions import EDITIONS
from ..model import A_FORMULA, Override, Submission, Unreadable, from_flat
from ..reference import ReferenceData, load_reference
from ._formulas import same_formula, translate
from ._locate import Found, locate
from ._values import cell_leaf, is_placeholder
from ._xlsx import DEFAULT_LIMITS, Limits, RawCell, read_cells


@dataclasses.dataclass(frozen=True)
class Workbook:
    """A file as read: the submission, and what the checks need beside it."""

    path: str
    submission: Submission
    #: The cached value the file holds for each derived cell, by model key.
    cached: dict[str, Any]
    #: Where each key was found (the file's own sheet names and addresses).
    placement: Placement
    #: Sheet names as the file spells them, by layout sheet name.
    sheet_names: dict[str, str]
    #: Labels of the template that were not found in the file.
    missing: tuple[str, ...]
    #: Physical row index to model row index, per table.
    rows: dict[str, dict[int, int]]
    #: Which edition of the layout the file has.
    edition: str
    #: Copies of a template tab that were not read (the tab read is in
    #: ``sheet_names``), by layout sheet.
    copies: dict[str, list[str]] = dataclasses.field(default_factory=dict)


def read(path: str | Path, reference: ReferenceData | None = None,
         limits: Limits = DEFAULT_LIMITS) -> Submission:
    """The submission in the workbook at ``path`` (.xlsx or .xlsm).

    Names chosen from the reference lists (HWB, local authority, CCG) are
    spelled as ``reference`` (default: the packaged data) spells them when
    they differ only in case or spacing.
    """
    return read_workbook(path, reference, limits).submission


def read_workbook(path: str | Path, reference: ReferenceData | None = None,
                  limits: Limits = DEFAULT_LIMITS) -> Workbook:
    """The workbook at ``path`` as read: the submission, the cached values of
    its derived cells and where each cell was found."""
    with read_cells(path, limits) as book:
        found = locate(book, limits)
        assembler = _Assembler(found, str(path), reference or load_reference())
        assembler.check_version()
        return assembler.assemble()


class _Assembler:
    def __init__(self, found: Found, path: str, reference: ReferenceData) -> None:
        self.found = found
        self.path = path
        self.names = {list_name: {normalise(name): name for name in names}
                      for list_name, names in (("hwbs", reference.hwb_names),
                                               ("ccgs", reference.ccg_names),
                                               ("local_authorities", reference.local_authorities))}
        self.placement = found.placement
        self.file_sheet = {sheet.name: sheet for sheet in found.sheets.values()}

    def check_version(self) -> None:
        """Refuse a template of a version this library does not know (a file
        without the library's Cover, as NHS England's own, is fine)."""
        if keys.TEMPLATE_VERSION not in self.placement.cells:
            return
        raw = self.raw(keys.TEMPLATE_VERSION)
        version = raw.value if raw is not None else None
        known = {normalise(edition.version) for edition in EDITIONS}
        if version is not None and normalise(version) not in known:
            cell = self.placement.cells[keys.TEMPLATE_VERSION]
            raise WorkbookError(f"is template version {str(version)[:80]!r}, which this library "
                                f"does not know (it reads {EDITIONS[0].version!r})", file=self.path,
                                sheet=cell.sheet)

    def raw(self, key: str) -> RawCell | None:
        cell = self.placement.cells[key]
        return self.file_sheet[cell.sheet].cells.get((cell.row, cell.col))

    def assemble(self) -> Workbook:
        leaves = {key: self._leaf(key) for key, cell in self.placement.cells.items()
                  if cell.spec.kind in (Kind.INPUT, Kind.PREPOPULATED)}
        rows = self._table_rows(leaves)
        # The model key of each input kept (a table's unused rows are dropped), once.
        kept = {key: self._model_key(key, rows) for key in leaves if self._kept(key, rows)}
        values = {model_key: leaves[key] for key, model_key in kept.items()}
        overrides, cached, referenced = self._derived(rows)
        raws = {key: raw for key in kept if (raw := self.raw(key)) is not None}
        shown = {kept[key]: raw.value for key, raw in raws.items()
                 if _shown_otherwise(leaves[key], raw)}
        dates = {kept[key]: raw.date for key, raw in raws.items()
                 if raw.date is not None and self.placement.cells[key].spec.type in _FIGURES}
        submission = dataclasses.replace(from_flat(values), overrides=tuple(
                                             sorted(overrides, key=lambda override: override.key)),
                                         stray=self._stray(), referenced=referenced,
                                         shown=shown, dates=dates)
        names = {layout: sheet.name for layout, sheet in self.found.sheets.items()}
        return Workbook(self.path, submission, cached, self.placement, names,
                        tuple(self.found.missing), rows, self.found.edition.name,
                        self.found.copies)

    def _leaf(self, key: str) -> Any:
        if key in self.found.embedded:
            return self.found.embedded[key]
        spec = self.placement.cells[key].spec
        leaf = cell_leaf(self.raw(key), spec)
        if isinstance(leaf, str) and spec.choices in self.names:
            return self.names[spec.choices].get(normalise(leaf), leaf)
        return leaf

    def _table_rows(self, leaves: dict[str, Any]) -> dict[str, dict[int, int]]:
        """For each table, its used physical rows numbered from 0: rows with an
        input, or with a value typed over one of their formulas (nothing typed
        is dropped)."""
        filled: dict[str, set[int]] = {key: set() for key in self.placement.tables}
        for key, cell in self.placement.cells.items():
            if cell.table is None or cell.index is None:
                continue
            if key in leaves:
                used = leaves[key] is not None
            else:
                raw = self.raw(key) if cell.spec.kind is Kind.DERIVED else None
                used = raw is not None and raw.formula is None and not _blank(raw.value)
            if used:
                filled[cell.table.key].add(cell.index)
        return {table: {physical: compact for compact, physical in enumerate(sorted(indexes))}
                for table, indexes in filled.items()}

    def _kept(self, key: str, rows: dict[str, dict[int, int]]) -> bool:
        cell = self.placement.cells[key]
        return cell.table is None or cell.index is None or cell.index in rows[cell.table.key]

    def _model_key(self, key: str, rows: dict[str, dict[int, int]]) -> str:
        cell = self.placement.cells[key]
        if cell.table is None or cell.index is None:
            return key
        return cell.table.cell_key(rows[cell.table.key][cell.index], cell.column or "")

    def _template_formulas(self) -> dict[str, str] | None:
        """The template's formulas as they would read in this file, when the
        file's cells are exactly where the library's own layout puts them
        (then they were worked out once for every such file)."""
        sizes = {key: placed.rows for key, placed in self.placement.tables.items()}
        computed = placement_for(sizes)
        return computed.formula_texts if computed.holds_where_placed(self.placement) else None

    def _derived(self, rows: dict[str, dict[int, int]]
                 ) -> tuple[list[Override], dict[str, Any], dict[str, Any]]:
        overrides, cached, referenced = [], {}, {}
        known = self._template_formulas()
        for key, cell in self.placement.cells.items():
            if cell.spec.kind is not Kind.DERIVED or not self._kept(key, rows):
                continue
            raw = self.raw(key)
            model_key = self._model_key(key, rows)
            cached[model_key] = raw.value if raw is not None else None
            if key in self.found.embedded:
                overrides.append(Override(model_key, self.found.embedded[key]))
            elif raw is None or raw.formula is None:
                value = raw.value if raw is not None else None
                overrides.append(Override(model_key, None if _blank(value) else value))
            else:
                template = known[key] if known is not None else \
                    self.placement.excel_formula_if_placed(cell)
                if template is None or not same_formula(raw.formula, template):
                    translation = translate(raw.formula, cell, self.placement, self.found.sheets)
                    referenced.update(translation.referenced)
                    overrides.append(Override(model_key, raw.value, raw.formula, translation.text,
                                              translation.reason))
        return overrides, cached, referenced

    def _stray(self) -> dict[str, Any]:
        """Values in a table's total row where the template has nothing."""
        stray = {}
        for placed in self.placement.tables.values():
            total = placed.table.total
            if total is None:
                continue
            cells = self.file_sheet[placed.sheet].cells
            for column, col in placed.columns.items():
                if column in total.cells:
                    continue
                raw = cells.get((placed.total_row, col))
                if raw is not None and not _blank(raw.value) and not any(
                        normalise(raw.value) == normalise(text) for text in total.label):
                    stray[placed.table.stray_key(column)] = raw.value
        return stray


#: Types of the cells that hold figures (where a date is a mistake).
_FIGURES = frozenset({Type.COUNT, Type.NUMBER, Type.RATE, Type.MONEY, Type.SHARE})


def _shown_otherwise(leaf: Any, raw: RawCell) -> bool:
    """True when the cell shows something else than the value as meant: a
    number held as text, or a formula's value in an input."""
    number = isinstance(leaf, (int, float)) and not isinstance(leaf, bool)
    if raw.formula is None:
        return number and isinstance(raw.value, str)
    return isinstance(leaf, Unreadable) and leaf.reason == A_FORMULA and raw.value is not None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and (is_blank_text(value)
                                                         or is_placeholder(value)))


__all__ = ["DEFAULT_LIMITS", "Limits", "Workbook", "read", "read_workbook", "same_formula"]
