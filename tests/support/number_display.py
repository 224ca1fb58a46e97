"""What a spreadsheet shows for a number in a number format, and how wide that is.

Written for the tests from the number-format rules of spreadsheets (sections for
positive;negative;zero, quoted literals, ``%`` scaling by 100, ``,`` for thousands,
``0`` for a required and ``#`` for an optional digit), not from the library, so that
they can check that the writer's columns are wide enough for its figures.
"""

from __future__ import annotations

import re

#: Arial's widths relative to a digit (digits are all 556/1000 em wide): a column
#: width counts digits.
_RELATIVE_WIDTH = {",": 0.5, ".": 0.5, "%": 1.6, "-": 0.6, "£": 1.0, " ": 0.5}
#: A digit of Arial 10 at 96 dpi, and what a cell keeps free around its text, in pixels.
DIGIT_PIXELS = 556 / 1000 * 10 * 96 / 72
CELL_MARGIN_PIXELS = 4
_TOKENS = re.compile(r'"([^"]*)"|([#0,.]+)|(.)')


def display(value: float, number_format: str) -> str:
    """The text shown for ``value`` in ``number_format``."""
    if number_format in ("General", ""):
        return f"{value:.10g}"
    sections = _sections(number_format)
    if value < 0 and len(sections) > 1:
        return _apply(sections[1], -value)
    if value == 0 and len(sections) > 2:
        return _apply(sections[2], value)
    return _apply(sections[0], value)


def _sections(number_format: str) -> list[str]:
    sections, current, quoted = [], "", False
    for char in number_format:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            sections.append(current)
            current = ""
        else:
            current += char
    return [*sections, current]


def _apply(section: str, value: float) -> str:
    if "%" in section:
        value *= 100
    shown = "-" if value < 0 else ""
    for literal, pattern, other in _TOKENS.findall(section):
        if pattern:
            shown += _digits(abs(value), pattern)
        else:
            shown += literal or other
    return shown


def _digits(value: float, pattern: str) -> str:
    whole, _, decimals = pattern.partition(".")
    places = len(decimals)
    text = f"{value:,.{places}f}" if "," in whole else f"{value:.{places}f}"
    required = decimals.count("0")
    if places > required:
        head, _, tail = text.partition(".")
        tail = tail.rstrip("0").ljust(required, "0")
        text = f"{head}.{tail}" if tail else head
    return text


def pixels(text: str) -> float:
    """The width of a shown figure, in pixels."""
    return sum(_RELATIVE_WIDTH.get(char, 1.0) for char in text) * DIGIT_PIXELS


def column_pixels(width: float) -> float:
    """The pixels of a column ``width`` characters wide (a digit is 7 pixels at
    96 dpi in the column's unit, plus 5 pixels of padding)."""
    return width * 7 + 5


def fits(text: str, width: float) -> bool:
    return pixels(text) + CELL_MARGIN_PIXELS <= column_pixels(width)
