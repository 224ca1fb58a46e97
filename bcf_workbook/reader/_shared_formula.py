"""Shared formulas: the master's text split once into literal text and
references, so that filling each cell is one pass over the pieces (linear in
the number of cells, whatever the formula).

A reference shifted off the grid becomes ``#REF!``, as in a spreadsheet.
Names, functions, sheet names, strings, structured references and error
literals are never shifted.
"""

from __future__ import annotations

import dataclasses
import re

ROWS = 1_048_576
COLUMNS = 16_384
_CELL = re.compile(r"(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})")
_COLUMN = re.compile(r"(\$?)([A-Za-z]{1,3})")
_ROW = re.compile(r"(\$?)([0-9]{1,7})")
_NAME_PUNCTUATION = "_.$\\?"


@dataclasses.dataclass(frozen=True, slots=True)
class _Axis:
    """One coordinate of a reference end: a 0-based index, and whether it is anchored with $."""

    index: int
    anchored: bool

    def shifted(self, by: int, size: int) -> _Axis | None:
        index = self.index if self.anchored else self.index + by
        return _Axis(index, self.anchored) if 0 <= index < size else None


@dataclasses.dataclass(frozen=True, slots=True)
class _End:
    """One end of a reference: a cell (both axes), a whole column or a whole row."""

    column: _Axis | None
    row: _Axis | None
    #: The text it was read from (a lone column or row is a name or a number after all).
    source: str = dataclasses.field(default="", compare=False)

    def shifted(self, rows: int, columns: int) -> _End | None:
        column = self.column.shifted(columns, COLUMNS) if self.column else None
        row = self.row.shifted(rows, ROWS) if self.row else None
        if (self.column and column is None) or (self.row and row is None):
            return None
        return _End(column, row, self.source)

    def text(self) -> str:
        parts = []
        if self.column is not None:
            parts.append(("$" if self.column.anchored else "") + column_letters(self.column.index))
        if self.row is not None:
            parts.append(("$" if self.row.anchored else "") + str(self.row.index + 1))
        return "".join(parts)


@dataclasses.dataclass(frozen=True, slots=True)
class _Reference:
    ends: tuple[_End, ...]

    def shifted(self, rows: int, columns: int) -> str:
        moved = [end.shifted(rows, columns) for end in self.ends]
        if any(end is None for end in moved):
            return "#REF!"
        return ":".join(end.text() for end in moved if end is not None)


class SharedFormula:
    """A shared formula's master cell, ready to fill the cells that share it."""

    def __init__(self, text: str, row: int, column: int) -> None:
        self.text = text
        self.origin = (row, column)
        self.pieces = _merge_ranges(_tokens(text))

    def at(self, row: int, column: int) -> str:
        """The formula text (without '=') of the cell at ``(row, column)``."""
        rows, columns = row - self.origin[0], column - self.origin[1]
        return "".join(piece if isinstance(piece, str) else piece.shifted(rows, columns)
                       for piece in self.pieces)


def column_letters(index: int) -> str:
    """'A' for 0, 'AA' for 26."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_index(letters: str) -> int:
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


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
        column = _Axis(column_index(groups[1]), bool(groups[0]))
        if column.index >= COLUMNS:
            return None
    if pattern is not _COLUMN:
        number = int(groups[-1])
        if not 1 <= number <= ROWS:
            return None
        row = _Axis(number - 1, bool(groups[-2]))
    return _End(column, row, "".join(groups))


def _merge_ranges(tokens: list[str | _End]) -> list[str | _Reference]:
    """Cells become references; 'A1:B2', 'A:C' and '1:3' become one reference
    each; a lone column or row (a name, a number) is literal text again."""
    pieces: list[str | _Reference] = []
    at = 0
    while at < len(tokens):
        token = tokens[at]
        if isinstance(token, str):
            pieces.append(token)
            at += 1
            continue
        following = tokens[at + 2] if at + 2 < len(tokens) and tokens[at + 1] == ":" else None
        if isinstance(following, _End) and _same_shape(token, following):
            pieces.append(_Reference((token, following)))
            at += 3
        elif token.column is not None and token.row is not None:
            pieces.append(_Reference((token,)))
            at += 1
        else:
            pieces.append(token.source)
            at += 1
    return pieces


def _same_shape(first: _End, second: _End) -> bool:
    return (first.column is None) == (second.column is None) and (first.row is None) == (second.row is None)
