"""The text report, for a terminal: one line per file and per finding.

Everything that came from a file (its name, the HWB, sheet names, messages
quoting cells) goes through ``printable``, so no file can forge a line.
"""

from __future__ import annotations

from ..batch import BatchReport
from ..checks import PART2, Report
from ..findings import cell_references, counted, severity_counts
from ._escape import printable


def headline(report: Report) -> str:
    """The line that opens a file's part of the report."""
    file = printable(report.file or "submission")
    if report.status != "checked":
        return f"{file}: unreadable: {printable(unreadable_reason(report))}"
    return f"{file} ({printable(report.hwb or 'no HWB')}): {severity_counts(report.findings)}"


def unreadable_reason(report: Report) -> str:
    """Why a file could not be read, without the file's name that begins the
    error (the report names the file already)."""
    error = report.error or ""
    return error.removeprefix(f"{report.file}: ") if report.file else error


def render_text(batch: BatchReport) -> str:
    """A headline per file, a line per finding, and the batch's summary line."""
    lines = []
    for report in batch.reports:
        lines.append(headline(report))
        for finding in report.findings:
            where = ", ".join(cell_references(finding))
            lines.append(f"  {finding.severity.value:<7} {finding.code:<32} "
                         f"{printable(where)}: {printable(finding.message)}")
    lines.append(summary_line(batch))
    return "\n".join(lines) + "\n"


def summary_line(batch: BatchReport) -> str:
    """'2 files: 2 checked, 0 unreadable; 15 errors, 16 warnings, 4 info'."""
    summary = batch.summary
    findings = ", ".join(counted(count, severity) for severity, count in summary["findings"].items())
    return (f"{counted(summary['files'], 'file')}: {summary['checked']:,} checked, "
            f"{summary['unreadable']:,} unreadable; {findings}")


def title(batch: BatchReport) -> str:
    """'BCF Part 2 checks: Peterborough'; 'BCF checks: 3 files' (Part 2 only
    when no file is another document)."""
    documents = "BCF Part 2 checks" if all(report.document == PART2 for report in batch.reports) \
        else "BCF checks"
    if len(batch.reports) == 1:
        report = batch.reports[0]
        return f"{documents}: {report.hwb or report.file}"
    return f"{documents}: {counted(len(batch.reports), 'file')}"
