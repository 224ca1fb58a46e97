"""Shared formulas: the master's text split once into literal text and
references, so that filling each cell is one pass over the pieces (linear in
the number of cells, whatever the formula).

A reference shifted off the grid becomes ``#REF!``, as in a spreadsheet.
Names, functions, sheet names, strings, structured references and error
literals are never shifted.
"""

from __future__ import annotations

import dataclasses
import functools
import re

from .._addresses import column_index, column_letters

ROWS = 1_048_576
COLUMNS = 16_384
_CELL = re.compile(r"(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})")
_COLUMN = re.compile(r"(\$?)([A-Za-z]{1,3})")
_ROW = re.compile(r"(\$?)([0-9]{1,7})")
_NAME_PUNCTUATION = "_.$\\?"


@dataclasses.dataclass(frozen=True, slots=True)
class _End:
    """One end of a reference: a cell (both axes), a whole column or a whole
    row, each axis a 0-based index that is anchored with '$' or not."""

    column: int | None
    row: int | None
    column_anchored: bool = False
    row_anchored: bool = False
    #: The text it was read from (a lone column or row is a name or a number after all).
    source: str = dataclasses.field(default="", compare=False)

    def shifted(self, rows: int, columns: int, letters: list[str]) -> str | None:
        """Its text moved by ``rows`` and ``columns``; None when off the grid."""
        text = ""
        if self.column is not None:
            column = self.column if self.column_anchored else self.column + columns
            if not 0 <= column < COLUMNS:
                return None
            text = ("$" if self.column_anchored else "") + letters[column]
        if self.row is not None:
            row = self.row if self.row_anchored else self.row + rows
            if not 0 <= row < ROWS:
                return None
            text += ("$" if self.row_anchored else "") + str(row + 1)
        return text


class _Cell:
    """A reference to one cell, the commonest piece: shifted with as little work as possible."""

    __slots__ = ("column", "row", "column_mark", "row_mark", "column_anchored", "row_anchored")

    def __init__(self, end: _End) -> None:
        assert end.column is not None and end.row is not None
        self.column, self.row = end.column, end.row
        self.column_anchored, self.row_anchored = end.column_anchored, end.row_anchored
        self.column_mark = "$" if end.column_anchored else ""
        self.row_mark = "$" if end.row_anchored else ""

    def shifted(self, rows: int, columns: int, letters: list[str]) -> str:
        column = self.column if self.column_anchored else self.column + columns
        row = self.row if self.row_anchored else self.row + rows
        if 0 <= column < COLUMNS and 0 <= row < ROWS:
            return f"{self.column_mark}{letters[column]}{self.row_mark}{row + 1}"
        return "#REF!"


@dataclasses.dataclass(frozen=True, slots=True)
class _Area:
    """A range ('A1:B2', 'A:C', '1:3'): off the grid as a whole if either end is."""

    first: _End
    last: _End

    def shifted(self, rows: int, columns: int, letters: list[str]) -> str:
        first = self.first.shifted(rows, columns, letters)
        last = self.last.shifted(rows, columns, letters)
        return "#REF!" if first is None or last is None else f"{first}:{last}"


class SharedFormula:
    """A shared formula's master cell, ready to fill the cells that share it."""

    def __init__(self, text: str, row: int, column: int) -> None:
        self.text = text
        self.origin = (row, column)
        self.pieces = _merge_ranges(_tokens(text))

    def at(self, row: int, column: int) -> str:
        """The formula text (without '=') of the cell at ``(row, column)``."""
        rows, columns = row - self.origin[0], column - self.origin[1]
        letters = _letters()
        return "".join([piece if isinstance(piece, str) else piece.shifted(rows, columns, letters)
                        for piece in self.pieces])


@functools.cache
def _letters() -> list[str]:
    """Every column's letters, by index (worked out once: shifting is the hot path)."""
    return [column_letters(index) for index in range(COLUMNS)]


def _is_name_character(character: str) -> bool:
    return character.isalnum() or character in _NAME_PUNCTUATION


def _closing(text: str, start: int, quote: str) -> int:
    """The index after a quoted run starting at ``start`` (doubled quotes are one)."""
    at = start + 1
    while at < len(text):
        if text[at] == quote:
            if at + 1 < len(text) and text[at + 1] == quote:
                at += 2
                continue
            return at + 1
        at += 1
    return len(text)


def _bracketed(text: str, start: int) -> int:
    """The index after a bracketed run (structured references nest brackets)."""
    depth, at = 0, start
    while at < len(text):
        depth += {"[": 1, "]": -1}.get(text[at], 0)
        at += 1
        if depth == 0:
            break
    return at


def _tokens(text: str) -> list[str | _End]:
    """Literal text, and every name-like run that may be a reference end."""
    pieces: list[str | _End] = []
    at = 0
    while at < len(text):
        character = text[at]
        if character in "\"'":
            end = _closing(text, at, character)
        elif character == "[":
            end = _bracketed(text, at)
        elif _is_name_character(character):
            end = at + 1
            while end < len(text) and _is_name_character(text[end]):
                end += 1
            following = text[end] if end < len(text) else ""
            reference = None if following in ("(", "!") else _end(text[at:end])
            if reference is not None:
                pieces.append(reference)
                at = end
                continue
        else:
            end = at + 1
        pieces.append(text[at:end])
        at = end
    return pieces


def _end(token: str) -> _End | None:
    """The reference end a token spells ('A1', '$B$2', 'C', '$3'), or None."""
    for pattern in (_CELL, _COLUMN, _ROW):
        match = pattern.fullmatch(token)
        if match is not None:
            return _end_of(pattern, match.groups())
    return None


def _end_of(pattern: re.Pattern[str], groups: tuple[str, ...]) -> _End | None:
    column = row = None
    if pattern is not _ROW:
        column = column_index(groups[1])
        if column >= COLUMNS:
            return None
    if pattern is not _COLUMN:
        row = int(groups[-1]) - 1
        if not 0 <= row < ROWS:
            return None
    return _End(column, row, pattern is not _ROW and bool(groups[0]),
                pattern is not _COLUMN and bool(groups[-2]), "".join(groups))


def _merge_ranges(tokens: list[str | _End]) -> list[str | _Cell | _Area]:
    """Cells become references; 'A1:B2', 'A:C' and '1:3' become one reference
    each; a lone column or row (a name, a number) is literal text again."""
    pieces: list[str | _Cell | _Area] = []
    at = 0
    while at < len(tokens):
        token = tokens[at]
        if isinstance(token, str):
            pieces.append(token)
            at += 1
            continue
        following = tokens[at + 2] if at + 2 < len(tokens) and tokens[at + 1] == ":" else None
        if isinstance(following, _End) and _same_shape(token, following):
            pieces.append(_Area(token, following))
            at += 3
        elif token.column is not None and token.row is not None:
            pieces.append(_Cell(token))
            at += 1
        else:
            pieces.append(token.source)
            at += 1
    return pieces


def _same_shape(first: _End, second: _End) -> bool:
    return (first.column is None) == (second.column is None) and (first.row is None) == (second.row is None)
