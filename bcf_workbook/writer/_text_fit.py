"""How much room a text takes: its width in the workbook's font and the lines
it wraps to in a column, so that the writer can give each row the height its
wrapped text needs (a spreadsheet does not size rows for the text of a file
it opens, and never for merged cells).

Widths are Arial's, in thousandths of an em (the metrics LibreOffice's
Liberation Sans shares, so both applications wrap alike). Column widths are
in characters, as spreadsheets count them: the width of a digit (7 pixels in
Arial 10) plus 5 pixels of padding.
"""

from __future__ import annotations

import math

FONT_NAME = "Arial"
FONT_SIZE = 10
#: Arial's advance widths of the characters " " to "~".
_REGULAR = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584)
_BOLD = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584)
#: Characters beyond ASCII, and the width assumed for any other (a wide one).
_OTHER = {"£": 556, "¹": 333, "–": 556, "—": 1000, "‘": 222, "’": 222, "“": 333, "”": 333,
          "×": 584, "…": 1000, "é": 556}
_UNKNOWN = 1000
PIXELS_PER_POINT = 96 / 72
DIGIT_PIXELS = 7
COLUMN_PADDING_PIXELS = 5
#: What a cell keeps free around its text, in pixels, and a margin for the
#: differences between one application's text layout and another's.
_CELL_MARGIN_PIXELS = 5
_LAYOUT_SLACK = 1.03
#: A row of 10-point Arial is 12.75 points high (Excel's and LibreOffice's default).
LINE_FACTOR = 1.275
_ROW_PADDING_POINTS = 1.5


def text_pixels(text: str, size: float = FONT_SIZE, bold: bool = False) -> float:
    """The width of ``text`` on one line, in pixels at 96 dpi."""
    widths = _BOLD if bold else _REGULAR
    units = sum(widths[ord(char) - 32] if " " <= char <= "~" else _OTHER.get(char, _UNKNOWN)
                for char in text)
    return units / 1000 * size * PIXELS_PER_POINT


def column_pixels(width: float) -> int:
    """The pixels of a column ``width`` characters wide."""
    if width < 1:
        return int(width * (DIGIT_PIXELS + COLUMN_PADDING_PIXELS) + 0.5)
    return int(width * DIGIT_PIXELS + 0.5) + COLUMN_PADDING_PIXELS


def wrapped_lines(text: str, pixels: float, size: float = FONT_SIZE, bold: bool = False) -> int:
    """The lines ``text`` takes when wrapped at spaces in ``pixels`` of width
    (a word longer than a line is broken where it reaches the edge)."""
    room = max(pixels - _CELL_MARGIN_PIXELS, 1)
    space = text_pixels(" ", size, bold)
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split(" "):
            width = text_pixels(word, size, bold) * _LAYOUT_SLACK
            if used and used + space + width <= room:
                used += space + width
                continue
            if used:
                lines += 1
            extra = max(math.ceil(width / room) - 1, 0)
            lines += extra
            used = width - extra * room
    return lines


def line_height(size: float = FONT_SIZE) -> float:
    """The height of one line of text of ``size`` points, in points."""
    return size * LINE_FACTOR


def height_for(text: str, pixels: float, size: float = FONT_SIZE, bold: bool = False) -> float:
    """The row height, in points, that shows all of ``text`` wrapped in ``pixels``."""
    lines = wrapped_lines(text, pixels, size, bold)
    return lines * line_height(size) + (_ROW_PADDING_POINTS if lines > 1 else 0)
