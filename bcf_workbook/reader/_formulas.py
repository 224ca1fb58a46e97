"""A council's own formulas, translated into the layout's keys.

A derived cell may hold a formula other than the template's: the original
template's own spelling (``=SUMIF('3. HWB Expenditure Plan'!$C$5:$C$54,B13,
...)``), or a council's. Each reference is turned into the placeholder of the
cell found there (``{expenditure.*.area_of_spend}`` for a whole table column,
``{@change}`` for the same table row), or, for a cell outside the template,
into a reference to that cell's constant. The engine then evaluates the
translation with the same compiler as the template's formulas, as submitted.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from .._addresses import cell_address, column_index
from .._formula_text import FormulaSyntaxError, Token, tokenize
from .._placeholders import listed
from ..layout import PlacedCell, Placement
from ._xlsx import SheetCells

_AREA = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$")
#: Cells one reference may cover before it is refused as outside the template.
MAX_RANGE_CELLS = 100_000


@dataclasses.dataclass(frozen=True)
class Translation:
    text: str | None
    reason: str | None
    #: Cells outside the template the formula reads: pseudo key -> value.
    referenced: dict[str, Any]


class _Untranslatable(Exception):  # noqa: N818 - a signal carrying the reason
    pass


def translate(formula: str, cell: PlacedCell, placement: Placement,
              sheets: dict[str, SheetCells]) -> Translation:
    """The formula of ``cell`` over the layout's keys. ``sheets`` maps layout
    sheet names to the file's sheets (the placement names the file's)."""
    translator = _Translator(cell, placement, {sheet.name: (layout, sheet)
                                               for layout, sheet in sheets.items()})
    body = formula[1:] if formula.startswith("=") else formula
    try:
        tokens = tokenize(body, placeholders=False)
        parts, position = [], 0
        for token in tokens:
            if token.kind in ("reference", "name"):
                parts += [body[position:token.start], translator.reference(token)]
                position = token.end
        parts.append(body[position:])
    except FormulaSyntaxError as error:
        return Translation(None, f"cannot be read ({error})", {})
    except _Untranslatable as error:
        return Translation(None, str(error), {})
    return Translation("".join(parts), None, translator.referenced)


class _Translator:
    def __init__(self, cell: PlacedCell, placement: Placement,
                 sheets: dict[str, tuple[str, SheetCells]]) -> None:
        self.cell = cell
        self.placement = placement
        #: The file's sheets by their names in the file: (layout name, cells).
        self.sheets = sheets
        self.by_file_name = {name.casefold(): name for name in sheets}
        self.referenced: dict[str, Any] = {}

    def reference(self, token: Token) -> str:
        if token.kind == "name":
            raise _Untranslatable(f"refers to the name {token.value!r}, which the template does "
                                  "not define")
        text = token.value
        sheet, _, area = text.rpartition("!")
        layout = self.sheet_of(sheet) if sheet else self.cell.sheet
        match = _AREA.match(area)
        if match is None:
            raise _Untranslatable(f"refers to {text}, a whole row or column")
        first = (int(match[2]) - 1, column_index(match[1]))
        last = (int(match[4]) - 1, column_index(match[3])) if match[3] else first
        rows = range(min(first[0], last[0]), max(first[0], last[0]) + 1)
        cols = range(min(first[1], last[1]), max(first[1], last[1]) + 1)
        if len(rows) * len(cols) > MAX_RANGE_CELLS:
            raise _Untranslatable(f"refers to {text}, more than {MAX_RANGE_CELLS:,} cells")
        if match[3] is None:
            return "{" + self.single(layout, first) + "}"
        keys = [self.key(layout, (row, col)) for row in rows for col in cols]
        return self.whole_column(keys) or listed(keys)

    def sheet_of(self, sheet: str) -> str:
        """The file's name of a sheet a reference names."""
        name = sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet
        found = self.by_file_name.get(name.casefold())
        if found is None:
            raise _Untranslatable(f"refers to {sheet}!, a sheet or workbook outside the template")
        return found

    def single(self, sheet: str, at: tuple[int, int]) -> str:
        key = self.placement.key_at(sheet, *at)
        if key is None:
            return self.constant(sheet, at)
        found = self.placement.cells[key]
        own = self.cell
        if (found.table is not None and found.table is own.table and found.index is not None
                and found.index == own.index and found.sheet == own.sheet):
            return "@" + (found.column or "")
        return key

    def key(self, sheet: str, at: tuple[int, int]) -> str | None:
        """The key of a cell of a range: the layout's, a constant's, or None for
        an empty cell outside the template."""
        key = self.placement.key_at(sheet, *at)
        if key is not None:
            return key
        return self.constant(sheet, at) if self.holds(sheet, at) else None

    def holds(self, sheet: str, at: tuple[int, int]) -> bool:
        return sheet in self.sheets and at in self.sheets[sheet][1].cells

    def constant(self, sheet: str, at: tuple[int, int]) -> str:
        """A pseudo key for a cell outside the template (named by the layout's
        sheet, whatever the tab is called): the value the file shows there (a
        formula's cached value) is what the formula reads."""
        layout, cells = self.sheets.get(sheet, (sheet, None))
        pseudo = f"cell@{layout}!{_address(at)}"
        raw = cells.cells.get(at) if cells is not None else None
        self.referenced[pseudo] = raw.value if raw is not None else None
        return pseudo

    def whole_column(self, keys: list[str | None]) -> str | None:
        """``table.*.column`` when the keys are exactly one table column's rows."""
        first = self.placement.cells.get(keys[0]) if keys and keys[0] else None
        if first is None or first.table is None or first.index != 0:
            return None
        table = self.placement.tables.get(first.table.key)
        if table is None or first.column is None:
            return None
        wanted = [first.table.cell_key(index, first.column) for index in range(table.rows)]
        return "{" + f"{first.table.key}.*.{first.column}" + "}" if keys == wanted else None


def _address(at: tuple[int, int]) -> str:
    return cell_address(*at)


def same_formula(found: str, template: str) -> bool:
    """True when two formulas differ only in spellings that do not change their
    meaning: $ anchors, spaces, case, quotes around sheet names, a leading '='
    or the ``_xlfn.`` prefix."""
    return found == template or _canonical(found) == _canonical(template)


def _canonical(formula: str) -> str | None:
    body = formula[1:] if formula.startswith("=") else formula
    try:
        tokens = tokenize(body, placeholders=False)
    except FormulaSyntaxError:
        return None
    return "\x00".join(_canonical_token(token) for token in tokens)


def _canonical_token(token: Token) -> str:
    if token.kind == "reference":
        sheet, bang, area = str(token.value).rpartition("!")
        if sheet.startswith("'"):
            sheet = sheet[1:-1].replace("''", "'")
        return f"{sheet.casefold()}{bang}{area.replace('$', '').upper()}"
    if token.kind == "string":
        return '"' + str(token.value)
    if token.kind == "number":
        return repr(float(token.value))
    return str(token.value).upper() if isinstance(token.value, str) else repr(token.value)
