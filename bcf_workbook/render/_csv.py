"""The CSV report: one row per finding, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from typing import Any

from .._output import spreadsheet_safe
from ..batch import BatchReport

CSV_COLUMNS = ("file", "hwb", "status", "code", "severity", "sheet", "cells", "message",
               "expected", "actual")


def render_csv(batch: BatchReport) -> str:
    """One row per finding (one per unreadable file), columns ``CSV_COLUMNS``."""
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
