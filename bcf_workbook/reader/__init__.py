"""Read a council's completed workbook into a :class:`Submission`.

Sheets and tables are found by their labels (:mod:`.locate`), values are read
the way a person meant them (:mod:`.values`), and every derived cell that
holds a constant or a formula other than the template's is recorded as an
override. The input file is only ever opened for reading.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

from .._text import is_blank_text, normalise
from ..errors import WorkbookError
from ..layout import Kind, Placement, placement_for
from ..layout.sheets import CHECKS, REFERENCE, TEMPLATE_VERSION
from ..model import Override, Submission, from_flat
from ..reference import ReferenceData, load_reference
from ._locate import Found, locate
from ._values import cell_leaf
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
        """Refuse a template of a version this library does not know."""
        if "cover.template_version" not in self.placement.cells:
            return
        raw = self.raw("cover.template_version")
        version = raw.value if raw is not None else None
        if version is not None and normalise(version) != normalise(TEMPLATE_VERSION):
            cell = self.placement.cells["cover.template_version"]
            raise WorkbookError(f"is template version {str(version)[:80]!r}, which this library "
                                f"does not know (it reads {TEMPLATE_VERSION!r})", file=self.path,
                                sheet=cell.sheet)

    def raw(self, key: str) -> RawCell | None:
        cell = self.placement.cells[key]
        return self.file_sheet[cell.sheet].cells.get((cell.row, cell.col))

    def assemble(self) -> Workbook:
        leaves = {key: self._leaf(key) for key, cell in self.placement.cells.items()
                  if cell.spec.kind in (Kind.INPUT, Kind.PREPOPULATED)}
        rows = self._table_rows(leaves)
        values = {self._model_key(key, rows): leaf for key, leaf in leaves.items()
                  if self._kept(key, rows)}
        overrides, cached = self._derived(rows)
        submission = dataclasses.replace(from_flat(values), overrides=tuple(overrides),
                                         stray=self._stray(rows))
        names = {layout: sheet.name for layout, sheet in self.found.sheets.items()}
        return Workbook(self.path, submission, cached, self.placement, names,
                        tuple(self.found.missing), rows)

    def _leaf(self, key: str) -> Any:
        spec = self.placement.cells[key].spec
        leaf = cell_leaf(self.raw(key), spec)
        if isinstance(leaf, str) and spec.choices in self.names:
            return self.names[spec.choices].get(normalise(leaf), leaf)
        return leaf

    def _table_rows(self, leaves: dict[str, Any]) -> dict[str, dict[int, int]]:
        """For each table, its non-blank physical rows numbered from 0."""
        filled: dict[str, set[int]] = {key: set() for key in self.placement.tables}
        for key, leaf in leaves.items():
            cell = self.placement.cells[key]
            if cell.table is not None and cell.index is not None and leaf is not None:
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
        ignoring = frozenset((CHECKS, REFERENCE))
        return computed.formula_texts if computed.same_positions(self.placement, ignoring) else None

    def _derived(self, rows: dict[str, dict[int, int]]) -> tuple[list[Override], dict[str, Any]]:
        overrides, cached = [], {}
        known = self._template_formulas()
        for key, cell in self.placement.cells.items():
            if cell.spec.kind is not Kind.DERIVED or not self._kept(key, rows):
                continue
            raw = self.raw(key)
            model_key = self._model_key(key, rows)
            cached[model_key] = raw.value if raw is not None else None
            if raw is None or raw.formula is None:
                value = raw.value if raw is not None else None
                overrides.append(Override(model_key, None if _blank(value) else value))
            else:
                template = known[key] if known is not None else \
                    self.placement.excel_formula_if_placed(cell)
                if template is not None and raw.formula != template \
                        and not same_formula(raw.formula, template):
                    overrides.append(Override(model_key, raw.value, raw.formula))
        return overrides, cached

    def _stray(self, rows: dict[str, dict[int, int]]) -> dict[str, Any]:
        stray = {}
        for placed in self.placement.tables.values():
            cells = self.file_sheet[placed.sheet].cells
            for column, col in placed.columns.items():
                if column in placed.table.totals:
                    continue
                raw = cells.get((placed.total_row, col))
                label = placed.table.total_label
                if (label and raw is not None and not _blank(raw.value)
                        and normalise(raw.value) != normalise(label)):
                    stray[placed.table.stray_key(column)] = raw.value
        return stray


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and is_blank_text(value))


_QUOTED_SHEET = re.compile(r"'((?:[^']|'')+)'!")
_STRING = re.compile(r'("(?:[^"]|"")*")')


def canonical_formula(formula: str) -> str:
    """Formula text with the spellings that do not change its meaning removed:
    $ anchors, spaces, case, quotes around sheet names, a leading '='."""
    parts = _STRING.split(formula.lstrip("="))
    canonical = []
    for index, part in enumerate(parts):
        if index % 2:
            canonical.append(part)
            continue
        part = _QUOTED_SHEET.sub(lambda match: match.group(1).replace("''", "'") + "!", part)
        canonical.append(re.sub(r"\s+|\$", "", part).upper().replace("_XLFN.", ""))
    return "".join(canonical)


def same_formula(found: str, template: str) -> bool:
    return canonical_formula(found) == canonical_formula(template)


__all__ = ["DEFAULT_LIMITS", "Limits", "Workbook", "canonical_formula", "read", "read_workbook"]
