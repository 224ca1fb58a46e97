"""Row heights that show every wrapped text written on a sheet."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from ._text_fit import column_pixels, height_for, line_height

#: The width of a column the sheet does not size, in characters.
DEFAULT_WIDTH = 8.43
DEFAULT_HEIGHT = line_height()
#: The tallest row a spreadsheet allows, in points.
MAX_HEIGHT = 409.5


class RowHeights:
    """What each row of one sheet needs: note each wrapped text as it is
    written, then :meth:`apply` the heights to the worksheet."""

    def __init__(self, widths: Sequence[float]) -> None:
        self._widths = widths
        self._needed: dict[int, float] = defaultdict(lambda: DEFAULT_HEIGHT)
        #: Texts merged over several rows: (first row, rows, height), fitted last.
        self._tall: list[tuple[int, int, float]] = []

    def fit(self, row: int, col: int, text: str, style: Format | None, span: int = 1,
            rows: int = 1) -> None:
        """Note ``text`` written at (row, col) over ``span`` columns and ``rows`` rows."""
        if style is None or not text:
            return
        if style.text_wrap:
            pixels = sum(column_pixels(self._width(column)) for column in range(col, col + span))
            height = height_for(text, pixels, style.font_size, bool(style.bold))
        else:
            height = line_height(style.font_size)
        if rows == 1:
            self._needed[row] = max(self._needed[row], height)
        else:
            self._tall.append((row, rows, height))

    def _width(self, column: int) -> float:
        return self._widths[column] if column < len(self._widths) else DEFAULT_WIDTH

    def apply(self, sheet: Worksheet) -> None:
        for first, rows, height in self._tall:
            # The merged rows keep their own heights; the last grows by what is missing.
            missing = height - sum(self._needed[row] for row in range(first, first + rows))
            if missing > 0:
                self._needed[first + rows - 1] += missing
        for row, height in sorted(self._needed.items()):
            if height > DEFAULT_HEIGHT:
                sheet.set_row(row, min(round(height, 2), MAX_HEIGHT))
