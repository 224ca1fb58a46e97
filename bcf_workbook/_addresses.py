"""Cell addresses in A1 notation, written and read one way everywhere.

A leaf module: it imports nothing of the package, so the layout and the
reader share it without depending on each other.
"""

from __future__ import annotations

import functools


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
