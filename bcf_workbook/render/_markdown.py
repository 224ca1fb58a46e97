"""The Markdown report: a table of HWBs, then each HWB's findings.

Every value from a file is escaped (``markdown_text``): no character of it can
start a heading, a link, HTML or a new table row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..batch import BatchReport
from ..checks import Report
from ..findings import Severity, cell_references
from ._escape import markdown_text
from ._figures import RATINGS
from ._terminal import summary_line, title, unreadable_reason


def _row(values: Iterable[Any]) -> str:
    return "| " + " | ".join(markdown_text(value) for value in values) + " |"


def render_markdown(batch: BatchReport) -> str:
    """A table of every file, then a section of findings per HWB."""
    headings = ("File", "HWB", "Status", "Errors", "Warnings", "Info", *(label for label, _ in RATINGS))
    lines = [f"# {markdown_text(title(batch))}", "", markdown_text(summary_line(batch)) + ".", "",
             _row(headings), "|---" * len(headings) + "|"]
    for report in batch.reports:
        lines.append(_row((report.file, report.hwb, report.status,
                           *(report.count(severity) for severity in Severity),
                           *(report.ratings.get(key) or "" for _, key in RATINGS))))
    for report in batch.reports:
        lines += ["", f"## {markdown_text(report.hwb or report.file)}", "", *_findings(report)]
    return "\n".join(lines) + "\n"


def _findings(report: Report) -> list[str]:
    if report.status != "checked":
        return [f"Unreadable: {markdown_text(unreadable_reason(report))}"]
    if not report.findings:
        return ["No findings."]
    return ["| Severity | Code | Where | Finding |", "|---|---|---|---|"] + [
        _row((finding.severity.value, finding.code, ", ".join(cell_references(finding)),
              finding.message)) for finding in report.findings]
