"""Cell formats: the Cover's colour key applied by cell kind and value type, in
the workbook's one font (Arial 10, which LibreOffice shows with the same
metrics as Liberation Sans, so that text measures alike everywhere)."""

from __future__ import annotations

from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook

from ..layout import Kind, Type
from ._text_fit import FONT_NAME, FONT_SIZE

#: The workbook's default format: every format starts from it.
FONT = {"font_name": FONT_NAME, "font_size": FONT_SIZE}
#: NHS England's blue, for titles and headings.
NHS_BLUE = "#005EB8"
NHS_DARK_BLUE = "#003087"
HEADER_FILL = "#E8EDEE"
GRID_BORDER = "#A6A6A6"
FILLS = {
    # The original asks councils to "complete white cells".
    Kind.INPUT: "#FFFFFF",
    Kind.PREPOPULATED: "#D9D9D9",
    Kind.DERIVED: "#DDEBF7",
    Kind.FIXED: None,
    Kind.REFERENCE: None,
}
RAG = {"red": ("#FFC7CE", "#9C0006"), "amber": ("#FFEB9C", "#9C5700"),
       "green": ("#C6EFCE", "#006100")}
POUNDS = "£"
#: Zero shows as "-", as the original's totals do; money in pounds shows its £
#: sign, money in £000 is plain under its sheet's "Figures in £000".
NUMBER_FORMATS = {
    Type.COUNT: '#,##0;-#,##0;"-"',
    Type.NUMBER: "#,##0.###",
    Type.RATE: "#,##0.0",
    Type.MONEY: '#,##0;-#,##0;"-"',
    Type.SHARE: "0.0%",
}
#: A number the template estimates (a trend of delayed days) prints whole, as
#: the original printed it.
ESTIMATE_FORMAT = "#,##0"
POUND_FORMAT = '£#,##0;-£#,##0;"-"'
POUND_BLANK_ZERO = "£#,##0;-£#,##0;"
#: Derived columns of a table show nothing for an empty row (the zero section
#: of the format left empty): a 0 there only says that the row is blank.
BLANK_ZERO_FORMATS = {
    Type.COUNT: "#,##0;-#,##0;",
    Type.MONEY: "#,##0;-#,##0;",
    Type.SHARE: "0.0%;-0.0%;",
}
LABEL_STYLES: dict[str, dict[str, Any]] = {
    "title": {"bold": True, "font_size": 14, "font_color": NHS_BLUE},
    "heading": {"bold": True, "font_size": 12, "font_color": NHS_DARK_BLUE},
    "header": {"bold": True, "text_wrap": True, "align": "center", "valign": "bottom",
               "bg_color": HEADER_FILL,
               "border": 1, "border_color": GRID_BORDER},
    "label": {"text_wrap": True, "valign": "top"},
    "total": {"bold": True, "top": 1},
    "note": {"italic": True, "font_color": "#595959", "valign": "top"},
    "subheading": {"bold": True, "underline": 1},
    "instruction": {"bold": True, "font_color": NHS_DARK_BLUE, "valign": "top"},
    "units": {"italic": True, "bold": True},
    "guidance": {"text_wrap": True, "valign": "top"},
    "metric": {"text_wrap": True, "valign": "top"},
    "legend": {},
    "hint": {"italic": True, "font_color": "#7F7F7F", "font_size": 9},
    "group": {"bold": True, "align": "center", "text_wrap": True, "valign": "bottom",
              "bg_color": HEADER_FILL, "border": 1, "border_color": GRID_BORDER},
    "input": {"bg_color": FILLS[Kind.INPUT], "border": 1},
    "prepopulated": {"bg_color": FILLS[Kind.PREPOPULATED], "border": 1},
    "derived": {"bg_color": FILLS[Kind.DERIVED], "border": 1},
    **{name: {"bg_color": fill, "font_color": font, "border": 1}
       for name, (fill, font) in RAG.items()},
}


class Styles:
    """Formats created once per workbook and shared by every cell."""

    def __init__(self, workbook: Workbook) -> None:
        self._workbook = workbook
        self._cells: dict[tuple[Kind, Type, bool, str, bool], Format] = {}
        self._figures: dict[str, Format] = {}
        self.labels = {name: workbook.add_format(props) for name, props in LABEL_STYLES.items()}
        #: The same, wrapped: for a text merged over several cells.
        self.merged = {name: workbook.add_format({"valign": "top", **props, "text_wrap": True})
                       for name, props in LABEL_STYLES.items()}
        self.rag = {name: workbook.add_format({"bg_color": fill, "font_color": font})
                    for name, (fill, font) in RAG.items()}

    def cell(self, kind: Kind, value_type: Type, unlocked: bool, money_unit: str,
             blank_zero: bool = False) -> Format:
        """The format of a cell of this kind and type; ``money_unit`` is the
        unit of its money, ``blank_zero`` hides a zero (a table's empty row)."""
        key = (kind, value_type, unlocked, money_unit, blank_zero)
        if key not in self._cells:
            props: dict[str, Any] = {"locked": not unlocked, "valign": "top"}
            if FILLS[kind]:
                props.update(bg_color=FILLS[kind], border=1, border_color=GRID_BORDER)
            number_format = _number_format(kind, value_type, money_unit, blank_zero)
            if number_format:
                props["num_format"] = number_format
            if value_type in (Type.TEXT, Type.CHOICE):
                props["text_wrap"] = kind is not Kind.DERIVED
            self._cells[key] = self._workbook.add_format(props)
        return self._cells[key]

    def figure(self, number_format: str) -> Format:
        """A plain cell showing a number in ``number_format`` (the Checks log)."""
        if number_format not in self._figures:
            self._figures[number_format] = self._workbook.add_format({"num_format": number_format,
                                                      "valign": "top"})
        return self._figures[number_format]


def _number_format(kind: Kind, value_type: Type, money_unit: str, blank_zero: bool) -> str | None:
    if kind is Kind.DERIVED and value_type is Type.NUMBER:
        return ESTIMATE_FORMAT
    if value_type is Type.MONEY and money_unit == POUNDS:
        return POUND_BLANK_ZERO if blank_zero else POUND_FORMAT
    if blank_zero and value_type in BLANK_ZERO_FORMATS:
        return BLANK_ZERO_FORMATS[value_type]
    return NUMBER_FORMATS.get(value_type)
