"""Worksheets the library writes with xlsxwriter: numbers to the last digit.

Shared by the Part 2 writer and the project plan's writer.
"""

from __future__ import annotations

from typing import Any

from xlsxwriter.worksheet import Worksheet


class ExactWorksheet(Worksheet):
    """A worksheet that writes numbers with all 17 significant digits.

    xlsxwriter writes 16, which changes some doubles (1450.9696000000004
    becomes 1450.9696); Excel's own files keep every digit, and so do we, so
    that a number read back is the number written.
    """

    def _xml_number_element(self, number: float, attributes: Any = ()) -> None:
        attr = "".join(f' {key}="{self._escape_attributes(value)}"' for key, value in attributes)
        self.fh.write(f"<c{attr}><v>{number!r}</v></c>")
