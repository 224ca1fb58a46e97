"""Cell formats: the Cover's colour key applied by cell kind and value type."""

from __future__ import annotations

from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook

from ..layout import Kind, Type

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
#: Zero shows as "-", as the original's totals do.
NUMBER_FORMATS = {
    Type.COUNT: '#,##0;-#,##0;"-"',
    Type.NUMBER: "#,##0.###",
    Type.RATE: "#,##0.0",
    Type.MONEY: '#,##0;-#,##0;"-"',
    Type.SHARE: "0.0%",
}
LABEL_STYLES: dict[str, dict[str, Any]] = {
    "title": {"bold": True, "font_size": 14},
    "heading": {"bold": True, "font_size": 12},
    "header": {"bold": True, "text_wrap": True, "valign": "top", "bottom": 1},
    "label": {"text_wrap": True},
    "total": {"bold": True, "top": 1},
    "note": {"italic": True, "font_color": "#595959"},
    "subheading": {"bold": True, "underline": 1},
    "instruction": {"bold": True, "font_color": "#1F4E79"},
    "units": {"italic": True},
    "guidance": {"text_wrap": True, "valign": "top"},
    "metric": {"text_wrap": True, "valign": "top"},
    "legend": {},
    "hint": {"italic": True, "font_color": "#7F7F7F", "font_size": 9},
    "group": {"bold": True, "align": "center", "text_wrap": True, "valign": "top"},
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
        self._cells: dict[tuple[Kind, Type, bool], Format] = {}
        self.labels = {name: workbook.add_format(props) for name, props in LABEL_STYLES.items()}
        self.rag = {name: workbook.add_format({"bg_color": fill, "font_color": font})
                    for name, (fill, font) in RAG.items()}

    def cell(self, kind: Kind, value_type: Type, unlocked: bool) -> Format:
        key = (kind, value_type, unlocked)
        if key not in self._cells:
            props: dict[str, Any] = {"locked": not unlocked}
            if FILLS[kind]:
                props.update(bg_color=FILLS[kind], border=1, border_color="#A6A6A6")
            if value_type in NUMBER_FORMATS:
                props["num_format"] = NUMBER_FORMATS[value_type]
            if value_type in (Type.TEXT, Type.CHOICE):
                props["text_wrap"] = kind is Kind.INPUT
            self._cells[key] = self._workbook.add_format(props)
        return self._cells[key]
