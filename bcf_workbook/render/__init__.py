"""Render check results as text, JSON, CSV, Markdown or HTML.

Every format shows what came from a file (its name, its cells) as data: text
and Markdown escape control characters, line breaks and bidirectional
overrides; CSV keeps spreadsheets from running formulas; HTML escapes markup.
"""

from __future__ import annotations

from collections.abc import Callable

from .._addresses import cell_reference, sheet_reference
from .._output import spreadsheet_safe, strict_json
from ..batch import BatchReport
from ..findings import cell_references, counted, severity_counts
from ..layout._units import with_unit
from ._csv import CSV_COLUMNS, render_csv
from ._escape import markdown_text, printable
from ._html import render_html
from ._markdown import render_markdown
from ._terminal import headline, render_text, summary_line

#: Formats :func:`render` gives as text.
TEXT_FORMATS = ("text", "json", "csv", "markdown", "html")
#: Formats written to a file only (the national workbook, by the command line).
FILE_FORMATS = ("xlsx",)
FORMATS = TEXT_FORMATS + FILE_FORMATS


def render(batch: BatchReport, format: str) -> str:
    """The report of ``batch`` in one of ``TEXT_FORMATS``."""
    if format not in TEXT_FORMATS:
        raise ValueError(f"render() gives one of {', '.join(TEXT_FORMATS)}, not {format!r}"
                         + (": write the national workbook with national_workbook.write_national_workbook"
                            if format in FILE_FORMATS else ""))
    renderers: dict[str, Callable[[BatchReport], str]] = {
        "text": render_text, "json": render_json, "csv": render_csv,
        "markdown": render_markdown, "html": render_html}
    return renderers[format](batch)


def render_json(batch: BatchReport) -> str:
    """The stable JSON contract (see the README): strict JSON, compact (pipe
    it through `python -m json.tool` to read it)."""
    return strict_json(batch.to_dict(), ensure_ascii=False, default=str) + "\n"


__all__ = ["CSV_COLUMNS", "FILE_FORMATS", "FORMATS", "TEXT_FORMATS", "cell_reference",
           "cell_references", "counted", "headline",
           "markdown_text", "printable", "render", "render_csv", "render_html", "render_json",
           "render_markdown", "render_text", "severity_counts", "sheet_reference", "spreadsheet_safe",
           "summary_line", "with_unit"]
