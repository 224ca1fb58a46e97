"""Cell addresses in A1 notation, written and read one way everywhere.

A leaf module: it imports nothing of the package, so the layout and the
reader share it without depending on each other.
"""

from __future__ import annotations

import functools
import re


@functools.cache
def column_letters(index: int) -> str:
    """'A' for column 0, 'Z' for 25, 'AA' for 26 (remembered: a template has few columns)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_index(letters: str) -> int:
    """0 for 'A' (or 'a'), 26 for 'AA'."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - 64
    return index - 1


def cell_address(row: int, col: int, absolute: bool = False) -> str:
    """The A1 address of a 0-based (row, column): ``B5``, or ``$B$5`` when ``absolute``."""
    if absolute:
        return f"${column_letters(col)}${row + 1}"
    return f"{column_letters(col)}{row + 1}"


# --- references as a spreadsheet user writes them ----------------------------------

#: A sheet name a spreadsheet accepts without quotes; one that could be read as
#: a cell address (A1, XFD9, R1C1) needs them too.
_BARE_SHEET = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
_LOOKS_LIKE_CELL = re.compile(r"[A-Za-z]{1,3}[0-9]+|[Rr][0-9]*([Cc][0-9]*)?", re.ASCII)


def sheet_reference(sheet: str) -> str:
    """The sheet part of a reference: ``Summary``, ``'6. HWB Supporting Metrics'``."""
    if _BARE_SHEET.fullmatch(sheet) and not _LOOKS_LIKE_CELL.fullmatch(sheet):
        return sheet
    return "'" + sheet.replace("'", "''") + "'"


def cell_reference(sheet: str, cell: str) -> str:
    """A cell as a spreadsheet user writes it: ``'6. HWB Supporting Metrics'!L34``.
    The cell is on ``sheet`` unless it names its own (``'Sheet'!D35``, written
    by the checks without doubling quotes)."""
    named, _, address = cell.rpartition("!")
    if named:
        sheet = named[1:-1] if named[:1] == named[-1:] == "'" else named
    return f"{sheet_reference(sheet)}!{address}"
