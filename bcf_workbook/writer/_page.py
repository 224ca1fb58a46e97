"""How each sheet is shown and printed: frozen headers, A4 landscape one page
wide, headers repeated on every page, the print area, the page header and
footer, and the Reference sheet hidden."""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from ..layout._elements import Page, position
from ._text_fit import FONT_NAME

A4 = 9
#: Margins in inches: narrow, as government templates print.
SIDE_MARGIN, TOP_MARGIN, BOTTOM_MARGIN = 0.4, 0.6, 0.6
FOOTER = f'&L&"{FONT_NAME}"&8&A&R&"{FONT_NAME}"&8Page &P of &N'


def set_up(sheet: Worksheet, page: Page, last_row: int, last_col: int, hwb: str | None) -> None:
    """Apply ``page`` to ``sheet``, whose content ends at (last_row, last_col).

    The frozen cell, the repeated rows and the page breaks sit above every
    table of their sheet, so that rows a table gains never move them.
    """
    if page.freeze is not None:
        sheet.freeze_panes(*position(page.freeze))
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.set_margins(left=SIDE_MARGIN, right=SIDE_MARGIN, top=TOP_MARGIN, bottom=BOTTOM_MARGIN)
    if not page.hidden:
        # LibreOffice prints a hidden sheet that has a print area.
        sheet.print_area(0, 0, last_row, last_col)
    if page.fit_width:
        sheet.fit_to_pages(1, page.pages_tall)
    if page.breaks:
        sheet.set_h_pagebreaks([row - 1 for row in page.breaks])
    if page.repeat_rows is not None:
        first, last = page.repeat_rows
        sheet.repeat_rows(first - 1, last - 1)
    if page.hwb_in_header and hwb:
        sheet.set_header(f'&C&"{FONT_NAME},Bold"&12{_header_text(hwb)}')
    sheet.set_footer(FOOTER)
    if page.hidden:
        sheet.hide()


def _header_text(text: str) -> str:
    """Text for a page header, where '&' starts a code."""
    return text.replace("&", "&&")
