"""Find the template's cells in a council's file by their labels.

Tabs may be renamed, reordered or hidden; rows inserted, deleted or left
blank; tables moved down; labels retyped; a value beside its label or below
it; a header split over two rows or merged across columns. Each layout item is
looked for at or after the place where the item before it was found, by its
words; where a label cannot be found, the cells around it are placed from the
template's distances to what was found. The result is a :class:`Placement` of
where the cells really are, so the rest of the reader works as for a file the
library wrote.

Two editions of the layout are known: the template as NHS England published it
(what the library writes) and the layout of files written by version 0.1.0.
The file's content decides which one it is read with.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from .._addresses import column_index
from .._text import normalise
from ..errors import NotThisDocumentError, WorkbookError
from ..layout import PlacedCell, Placement, keys
from ..layout._editions import EDITIONS, Edition
from ..layout._elements import (
    CellSpec,
    Column,
    Field,
    Grid,
    Header,
    Sheet,
    Table,
    Text,
    Words,
    position,
)
from ..layout._placement import Label, PlacedTable, PlacementBuilder
from ..layout._sheets import CHECKS, COVER, HWB_P4P, REFERENCE
from ._labels import cell_labels, embedded_number, header_forms, label_key, wordings
from ._xlsx import DEFAULT_LIMITS, Limits, SheetCells, WorkbookCells

OPTIONAL_SHEETS = {COVER, HWB_P4P, CHECKS, REFERENCE}
#: Below this share of the template's labels a file is not taken for the template.
MINIMUM_LABELS_FOUND = 0.25


def sheet_key(name: str) -> str:
    """A tab name without its number prefix, a leading 'HWB', the '(2)' of a
    copy, case or extra spaces."""
    key = re.sub(r"^(\d+\s*[.)]?\s*)?(hwb\s+)?", "", normalise(name))
    return re.sub(r"\s*\(\d+\)$", "", key)


@dataclasses.dataclass
class Found:
    """What the reader found: the placement, the file's sheet for each layout
    sheet, the labels not found and the edition of the layout the file has."""

    placement: Placement
    sheets: dict[str, SheetCells]
    missing: list[str]
    edition: Edition
    #: Values found in the same cell as their label (layout key -> number).
    embedded: dict[str, float | int]
    #: Tabs that copy a template tab and were not read, by layout sheet.
    copies: dict[str, list[str]] = dataclasses.field(default_factory=dict)


def match_sheets(book: WorkbookCells, edition: Edition,
                 copies: dict[str, list[str]] | None = None) -> dict[str, SheetCells]:
    """The file's sheet for each layout sheet name, where there is one. Of a
    tab and its copies ('4. HWB Benefits Plan (2)'), the one holding most of
    the template's labels is read; the others are noted in ``copies``."""
    by_key: dict[str, list[SheetCells]] = {}
    for sheet in book.sheets:
        by_key.setdefault(sheet_key(sheet.name), []).append(sheet)
    found = {}
    for layout in edition.sheets:
        candidates = by_key.get(sheet_key(layout.name), [])
        if not candidates:
            continue
        chosen = candidates[0] if len(candidates) == 1 else \
            max(candidates, key=lambda sheet: _labels_held(layout, sheet))
        found[layout.name] = chosen
        if len(candidates) > 1 and copies is not None:
            copies[layout.name] = [sheet.name for sheet in candidates if sheet is not chosen]
    data_sheets = [layout.name for layout in edition.sheets if layout.name not in OPTIONAL_SHEETS]
    if not any(name in found for name in data_sheets):
        raise NotThisDocumentError("not a BCF Part 2 planning workbook: none of its tabs is named like "
                            "'1. HWB ID' or '5. HWB P4P metric'", file=book.path)
    missing = [name for name in data_sheets if name not in found]
    if missing:
        raise WorkbookError(f"no tab named like '{missing[0]}' (a tab of the BCF Part 2 template)",
                            file=book.path)
    return found


def _labels_held(layout: Sheet, sheet: SheetCells) -> int:
    index = _Index(sheet)
    return sum(any(key in index.positions for key in wordings(words, None))
               for words in _labels(layout))


def locate(book: WorkbookCells, limits: Limits = DEFAULT_LIMITS) -> Found:
    """Where the template's cells are in ``book``, read with the edition of
    the layout whose labels the file holds most of."""
    copies: dict[str, list[str]] = {}
    sheets = match_sheets(book, EDITIONS[0], copies)
    indexes: dict[str, _Index] = {}
    scored = []
    for edition in EDITIONS:
        share = _share_of_labels(edition, sheets, indexes)
        scored.append((share, edition))
    share, edition = max(scored, key=lambda pair: pair[0])
    if share < MINIMUM_LABELS_FOUND:
        raise NotThisDocumentError("not a BCF Part 2 planning workbook: its tabs are named like the "
                            "template's but hold few of its labels", file=book.path)
    builder = _Builder()
    for layout in edition.sheets:
        if layout.name in sheets and layout.name not in (CHECKS, REFERENCE):
            index = indexes.get(layout.name) or _Index(sheets[layout.name])
            _SheetLocator(layout, sheets[layout.name], index, book.path, builder,
                          limits.max_table_rows).run()
    placement = builder.placement()
    return Found(placement, sheets, builder.missing, edition, builder.embedded, copies)


def _share_of_labels(edition: Edition, sheets: dict[str, SheetCells],
                     indexes: dict[str, _Index]) -> float:
    """The share of the edition's labels on its identifying sheets that the
    file holds anywhere on the same sheet (a quick look, not a full read)."""
    wanted = found = 0
    for layout in edition.sheets:
        if layout.name not in edition.identifying or layout.name not in sheets:
            continue
        if layout.name not in indexes:
            indexes[layout.name] = _Index(sheets[layout.name])
        index = indexes[layout.name]
        for words in _labels(layout):
            keys = list(wordings(words, None))
            if keys:
                wanted += 1
                found += any(key in index.positions for key in keys)
    return found / wanted if wanted else 0.0


def _labels(sheet: Sheet) -> Iterable[Words]:
    return (words for item in sheet.items for words in item.labels())


class _Index:
    """A sheet's labels: label key -> positions, in reading order."""

    def __init__(self, sheet: SheetCells) -> None:
        self.positions: dict[str, list[tuple[int, int]]] = {}
        self.texts: dict[tuple[int, int], str] = {}
        for (row, col), raw in sorted(sheet.cells.items()):
            for key in cell_labels(raw.value):
                self.positions.setdefault(key, []).append((row, col))
            if isinstance(raw.value, str):
                self.texts[(row, col)] = raw.value
        self.last_row = max((row for row, _ in sheet.cells), default=0)

    def find(self, keys: Iterable[str], at: int) -> tuple[int, int] | None:
        """The first position at or after row ``at`` holding any of ``keys``."""
        best: tuple[int, int] | None = None
        for key in keys:
            for found in self.positions.get(key, ()):
                if found[0] >= at:
                    if best is None or found < best:
                        best = found
                    break
        return best

    def in_row(self, keys: set[str], row: int) -> list[int]:
        return sorted(col for key in keys for r, col in self.positions.get(key, ()) if r == row)


class _Builder(PlacementBuilder):
    """What the reader found, as it finds it."""

    def __init__(self) -> None:
        super().__init__()
        self.missing: list[str] = []
        self.embedded: dict[str, float | int] = {}
        #: The HWB's name as the file spells it, for labels that include it.
        self.hwb: str | None = None


class _SheetLocator:
    def __init__(self, layout: Sheet, sheet: SheetCells, index: _Index, path: str,
                 builder: _Builder, max_rows: int) -> None:
        self.layout = layout
        self.sheet = sheet
        self.index = index
        self.path = path
        self.builder = builder
        self.max_rows = max_rows
        self.cursor = 0
        #: (template position, found position) of the last thing found.
        self.anchor: tuple[tuple[int, int], tuple[int, int]] | None = None
        self.shared_labels: dict[tuple[Words, str], tuple[int, int] | None] = {}
        self.header_columns: dict[str, int] = {}
        self.hwb = builder.hwb
        self.known = {key for words in _labels(layout) for key in wordings(words, self.hwb)}

    def run(self) -> None:
        for item in self.layout.items:
            item.accept(self)

    # --- helpers --------------------------------------------------------------------

    def place(self, spec: CellSpec, row: int, col: int, description: str, table: Table | None = None,
              index: int | None = None, column: str | None = None) -> None:
        key = spec.key if table is None or index is None else table.cell_key(index, column or "")
        self.builder.cells[key] = PlacedCell(key, spec, self.sheet.name, row, col, table, index,
                                             column)
        self.builder.descriptions[key] = description
        if key == keys.HWB:
            raw = self.sheet.cells.get((row, col))
            if raw is not None and isinstance(raw.value, str):
                self.builder.hwb = raw.value.strip()

    def miss(self, words: Words | str) -> None:
        text = words.text if isinstance(words, Words) else words
        self.builder.missing.append(f"{self.layout.name}: '{text}'")

    def found(self, template: str | tuple[int, int], at: tuple[int, int]) -> None:
        self.anchor = (position(template) if isinstance(template, str) else template, at)
        self.cursor = max(self.cursor, at[0])

    def from_anchor(self, template: tuple[int, int]) -> tuple[int, int] | None:
        """Where a template position is, by its distance from what was found last."""
        if self.anchor is None:
            return None
        (template_row, template_col), (row, col) = self.anchor
        return row + template[0] - template_row, col + template[1] - template_col

    def value_cell(self, position_: tuple[int, int]) -> bool:
        return position_ in self.sheet.cells and self.label_free(position_)

    # --- items ----------------------------------------------------------------------

    def text(self, item: Text) -> None:
        if not item.anchor:
            return
        found = self.index.find(wordings(item.words, self.hwb), self.cursor)
        if found is not None:
            self.found(item.at, found)

    def field(self, item: Field) -> None:
        label = self.field_label(item)
        if label is None:
            if not item.added and item.label is not None:
                self.embedded_field(item)
            return
        assert item.label_at is not None
        label_row, label_col = position(item.label_at)
        value_row, value_col = position(item.at)
        offset = (value_row - label_row, value_col - label_col)
        row, col = label
        candidates = [(row + offset[0], col + offset[1])]
        if not self.shares_label(item):
            candidates += [(row, col + 1), (row + 1, col), (row + 2, col), *self.beside(row, col)]
        usable = [c for c in candidates if c[0] >= 0 and c[1] >= 0 and self.label_free(c)]
        chosen = next((c for c in usable if self.value_cell(c)), usable[0] if usable else None)
        if chosen is None:
            return
        self.found(item.label_at, label)
        self.place(item.cell, *chosen, item.description or item.label.text if item.label else "")

    def shares_label(self, item: Field) -> bool:
        """True when several fields hang from one label (each then stands only at
        its own distance from it)."""
        return sum(1 for other in self.layout.items if isinstance(other, Field)
                   and other.label == item.label and other.label_at == item.label_at) > 1

    def beside(self, row: int, col: int) -> list[tuple[int, int]]:
        """The first value to the right of a label on its row (a value a council
        moved a few columns along)."""
        for offset in range(2, 12):
            if self.value_cell((row, col + offset)):
                return [(row, col + offset)]
        return []

    def label_free(self, at: tuple[int, int]) -> bool:
        """True unless the cell holds one of the sheet's labels (also with a
        figure typed into the same cell)."""
        text = self.index.texts.get(at)
        if text is None:
            return True
        key = label_key(text)
        return key not in self.known and not any(
            embedded_number(text, label) is not None for label in self.known_with_figures(key))

    def known_with_figures(self, key: str) -> list[str]:
        """The sheet's labels that a cell with one word more could hold."""
        words = set(key.split())
        return [label for label in self.known if set(label.split()) <= words]

    def field_label(self, item: Field) -> tuple[int, int] | None:
        if item.label is None or item.label_at is None:
            return None
        shared = (item.label, item.label_at)
        if shared in self.shared_labels:
            return self.shared_labels[shared]
        found = self.index.find(wordings(item.label, self.hwb), self.cursor)
        self.shared_labels[shared] = found
        if found is None and not item.added:
            if not self.embedded_field(item):
                self.miss(item.label)
        return found

    def embedded_field(self, item: Field) -> bool:
        """A value typed in the same cell as its label: read the number."""
        assert item.label is not None
        for (row, col), text in self.index.texts.items():
            if row < self.cursor:
                continue
            for wording in item.label:
                number = embedded_number(text, wording)
                if number is not None:
                    self.place(item.cell, row, col, item.description or item.label.text)
                    self.builder.embedded[item.cell.key] = number
                    self.found(item.at, (row, col))
                    return True
        return False

    # --- grids and tables -------------------------------------------------------------

    def header_row(self, columns: dict[str, tuple[int, Header | None]], start: int,
                   stop: int | None = None, near: int | None = None) -> tuple[int, dict[str, int]] | None:
        """The row holding most of the columns' headers at or after ``start``
        (or nearest ``near``), and the column of each header found there."""
        forms = {key: header_forms(header, self.hwb) for key, (_, header) in columns.items()}
        groups = {key: set(wordings(header.group, self.hwb)) if header and header.group else set()
                  for key, (_, header) in columns.items()}
        wanted = [key for key, (_, header) in columns.items() if header is not None]
        rows = sorted({row for key in wanted for form_set in forms[key] for form in form_set
                       for row, _ in self.index.positions.get(form, ())
                       if row >= start and (stop is None or row <= stop)}
                      | {row + 1 for key in wanted for form in groups[key]
                         for row, _ in self.index.positions.get(form, ())
                         if row + 1 >= start and (stop is None or row + 1 <= stop)})
        if near is not None:
            rows.sort(key=lambda row: abs(row - near))
        for row in rows:
            found = self.columns_in_row(row, wanted, forms, groups)
            if len(found) * 2 >= len(wanted) and found:
                return row, found
        return None

    def columns_in_row(self, row: int, wanted: list[str], forms: dict[str, tuple[set[str], set[str]]],
                       groups: dict[str, set[str]]) -> dict[str, int]:
        all_groups = {key: cols for key in wanted if groups[key]
                      for cols in [self.index.in_row(groups[key], row - 1)] if cols}
        found: dict[str, int] = {}
        used: set[int] = set()
        for key in wanted:
            one_cell, sub = forms[key]
            candidates = [col for col in self.index.in_row(one_cell, row) if col not in used]
            if not candidates and sub:
                candidates = [col for col in self.index.in_row(sub, row) if col not in used
                              and self.under_group(col, key, groups, all_groups)]
            if not candidates and not sub and groups[key]:
                candidates = [col for col in all_groups.get(key, ()) if col not in used]
            if candidates:
                found[key] = candidates[0]
                used.add(candidates[0])
        return found

    @staticmethod
    def under_group(col: int, key: str, groups: dict[str, set[str]],
                    all_groups: dict[str, list[int]]) -> bool:
        """True when the nearest group header at or left of ``col`` is the column's own
        (or when the row above holds no group headers at all)."""
        if not groups[key] or not all_groups:
            return True
        nearest = max(((group_col, group_key) for group_key, cols in all_groups.items()
                       for group_col in cols if group_col <= col), default=None)
        return nearest is None or groups[nearest[1]] == groups[key]

    @staticmethod
    def fill_columns(template: dict[str, int], found: dict[str, int]) -> dict[str, int]:
        """Every column's position: those found, the others at their template
        distance from the nearest one found."""
        if not found:
            return {}
        filled = dict(found)
        for key, col in template.items():
            if key not in filled:
                nearest = min(found, key=lambda other: abs(template[other] - col))
                filled[key] = found[nearest] + col - template[nearest]
        return filled

    def grid(self, item: Grid) -> None:
        template = {key: column_index(letter) for key, (letter, _) in item.columns.items()}
        header = self.header_row({key: (template[key], h) for key, (_, h) in item.columns.items()},
                                 self.cursor)
        if header is None:
            if not item.added:
                self.miss(item.title or next(iter(item.columns)))
            return
        header_row, found = header
        columns = self.fill_columns(template, found)
        self.found((item.header_row - 1, template[next(iter(found))]),
                   (header_row, found[next(iter(found))]))
        row_at = header_row + 1
        for grid_row in item.rows:
            if grid_row.label is None:
                located = self.from_anchor((grid_row.row - 1, 0))
                row = located[0] if located else None
            else:
                spot = self.index.find(wordings(grid_row.label, self.hwb), row_at)
                row = spot[0] if spot else None
                if spot is not None:
                    columns = self.aligned(columns, template, spot[1],
                                           column_index(grid_row.label_column))
                elif not (grid_row.added or item.added):
                    self.miss(grid_row.label)
            if row is None:
                continue
            row_at = row + 1
            self.cursor = max(self.cursor, row)
            for key, cell in grid_row.cells.items():
                described = f"{item.title}: " if item.title else ""
                label = grid_row.label.text if grid_row.label else ""
                self.place(cell, row, columns[key], f"{described}{label}, {key}".strip(", "))
        self.cursor = max(self.cursor, row_at)

    @staticmethod
    def aligned(columns: dict[str, int], template: dict[str, int], label_col: int,
                template_label_col: int) -> dict[str, int]:
        """Columns moved right when their headers stand over the row labels
        although the template has every column right of them: the header row
        lost a cell, as extracted text and some files have."""
        first, template_first = min(columns.values()), min(template.values())
        if template_first <= template_label_col or first > label_col:
            return columns
        shift = label_col + template_first - template_label_col - first
        return {key: col + shift for key, col in columns.items()}

    def table(self, item: Table) -> None:
        template = {column.key: column_index(column.letter) for column in item.columns}
        title_row = None
        if item.title is not None:
            spot = self.index.find(wordings(item.title.words, self.hwb), self.cursor)
            if spot is not None:
                title_row = spot[0]
                self.found(item.title.at, spot)
        headed = {c.key: (template[c.key], c.header) for c in item.columns}
        found_header = None
        if item.header_row is not None or title_row is None:
            near = title_row if title_row is not None else None
            start = max(0, (title_row or self.cursor) - 3) if near is not None else self.cursor
            found_header = self.header_row(headed, start, near=near)
        if found_header is None and title_row is not None and self.header_columns:
            found_header = (title_row, dict(self.header_columns))
        if found_header is None:
            self.miss(item.description or item.key)
            return
        header_row, found = found_header
        missing_headers = [column for column in item.columns if column.key not in found
                           and column.header is not None and column.header.words.text
                           and not column.added]
        for column in missing_headers:
            assert column.header is not None
            self.miss(column.header.words)
        self.header_columns = found
        columns = self.fill_columns(template, found)
        columns = {key: col for key, col in columns.items()
                   if key in found or not _column(item, key).added}
        first = max(header_row, title_row if title_row is not None else header_row) + 1
        end = self.table_end(item, first, min(columns.values()))
        rows = end - first
        self.builder.tables[item.key] = PlacedTable(item, self.sheet.name, header_row, first, rows,
                                                    columns)
        for index in range(rows):
            for column in item.columns:
                if column.key in columns:
                    self.place(column.cell, first + index, columns[column.key],
                               f"{item.description} row {index + 1}", item, index, column.key)
        if item.total is not None:
            for key, cell in item.total.cells.items():
                if key in columns:
                    self.place(cell, end, columns[key],
                               f"{item.description}: {item.total.label.text}", item, column=key)
        self.cursor = end + 1

    def labels_after(self, item: Table) -> set[str]:
        """The labels of what follows ``item`` on the sheet: one of them in a
        table's first columns ends the table (a scheme may be named like one
        of the table's own headers)."""
        items = self.layout.items
        return {key for later in items[items.index(item) + 1:] for words in later.labels()
                for key in wordings(words, self.hwb)}

    def table_end(self, item: Table, first: int, first_col: int) -> int:
        """The total row, or else the row after the table's last row."""
        totals = set(wordings(item.total.label, self.hwb)) if item.total else set()
        later = self.labels_after(item)
        row = first
        last_data = first - 1
        filled = {r for r, col in self.sheet.cells if first_col <= col < first_col + 30}
        while row <= self.index.last_row:
            for col in range(first_col, first_col + 2):
                text = self.index.texts.get((row, col))
                key = label_key(text) if text is not None else ""
                if key in totals:
                    return row
                if key and key in later:
                    return last_data + 1
            if row in filled:
                last_data = row
            row += 1
            if row - first > self.max_rows:
                raise WorkbookError(f"table '{item.description or item.key}' has more than "
                                    f"{self.max_rows:,} rows (the limit; raise it with "
                                    "Limits(max_table_rows=...))", file=self.path,
                                    sheet=self.sheet.name)
        return last_data + 1


def _column(table: Table, key: str) -> Column:
    return table.column(key)


__all__ = ["Found", "Label", "locate", "match_sheets", "sheet_key"]
