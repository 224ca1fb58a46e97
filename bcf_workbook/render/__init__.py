"""Render check results as text, JSON, CSV, Markdown or HTML."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from ..batch import BatchReport
from ..checks import Report
from ..findings import Severity
from ._figures import RATINGS
from ._html import render_html

FORMATS = ("text", "json", "csv", "markdown", "html")
def render(batch: BatchReport, format: str) -> str:
    renderers: dict[str, Callable[[BatchReport], str]] = {
        "text": render_text, "json": render_json, "csv": render_csv,
        "markdown": render_markdown, "html": render_html}
    return renderers[format](batch)


def render_json(batch: BatchReport) -> str:
    # Compact: the C encoder, several times faster than an indented dump on a
    # batch of 150 (pipe it through `python -m json.tool` to read it).
    return json.dumps(batch.to_dict(), ensure_ascii=False, default=str) + "\n"


def headline(report: Report) -> str:
    if report.status != "checked":
        return f"{report.file}: unreadable: {report.error}"
    counts = ", ".join(_count(report.count(severity), severity.value) for severity in Severity)
    return f"{report.file or 'submission'} ({report.hwb or 'no HWB'}): {counts}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def render_text(batch: BatchReport) -> str:
    lines = []
    for report in batch.reports:
        lines.append(headline(report))
        for finding in report.findings:
            where = f"{finding.sheet}!{','.join(finding.cells)}" if finding.cells else finding.sheet
            lines.append(f"  {finding.severity.value:<7} {finding.code:<32} {where}: "
                         f"{finding.message}")
    summary = batch.summary
    lines.append(f"{_count(summary['files'], 'file')}: {summary['checked']} checked, "
                 f"{summary['unreadable']} unreadable; " +
                 ", ".join(_count(count, severity) for severity, count in summary["findings"].items()))
    return "\n".join(lines) + "\n"


CSV_COLUMNS = ("file", "hwb", "status", "code", "severity", "sheet", "cells", "message",
               "expected", "actual")


def spreadsheet_safe(value: Any) -> Any:
    """A CSV cell that a spreadsheet will show, not run: text that begins with
    = + - @ (or a tab or carriage return) is prefixed with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def render_csv(batch: BatchReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for report in batch.reports:
        rows: list[tuple[Any, ...]] = [
            (finding.code, finding.severity.value, finding.sheet, " ".join(finding.cells),
             finding.message, finding.expected, finding.actual) for finding in report.findings]
        if report.status != "checked":
            rows = [("unreadable", "error", "", "", report.error, None, None)]
        for row in rows:
            writer.writerow([spreadsheet_safe(value) for value in
                             (report.file, report.hwb, report.status, *row)])
    return buffer.getvalue()


def _markdown_cell(value: Any) -> str:
    text = "" if value is None else str(value)
    for character in "\\|*_`<>[]":
        text = text.replace(character, "\\" + character)
    return text.replace("\n", " ")


def render_markdown(batch: BatchReport) -> str:
    lines = ["# BCF Part 2 checks", "",
             "| File | HWB | Status | Errors | Warnings | " +
             " | ".join(label for label, _ in RATINGS) + " |",
             "|---|---|---|---|---|" + "---|" * len(RATINGS)]
    for report in batch.reports:
        ratings = [report.ratings.get(key) or "" for _, key in RATINGS]
        lines.append("| " + " | ".join(_markdown_cell(value) for value in (
            report.file, report.hwb, report.status, report.count(Severity.ERROR),
            report.count(Severity.WARNING), *ratings)) + " |")
    for report in batch.reports:
        lines += ["", f"## {_markdown_cell(report.hwb or report.file)}", ""]
        if report.status != "checked":
            lines.append(f"Unreadable: {_markdown_cell(report.error)}")
            continue
        if not report.findings:
            lines.append("No findings.")
            continue
        lines += ["| Severity | Code | Where | Finding |", "|---|---|---|---|"]
        for finding in report.findings:
            where = f"{finding.sheet}!{','.join(finding.cells)}"
            lines.append("| " + " | ".join(_markdown_cell(v) for v in (
                finding.severity.value, finding.code, where, finding.message)) + " |")
    return "\n".join(lines) + "\n"
