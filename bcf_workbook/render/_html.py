"""A self-contained HTML report for an assurance team: the national overview
first, then the HWBs (errors first; sortable and filterable by a few lines of
inline script, ordered and complete without it) and the project plans, then
the findings by code and each file's findings. No external assets; prints on
A4 landscape."""

from __future__ import annotations

import dataclasses
import os
from collections import Counter
from collections.abc import Sequence
from typing import Any

import jinja2
from markupsafe import Markup

from .._text import as_number
from ..batch import BatchReport
from ..checks import PROJECT_PLAN, Report, catalogue
from ..findings import Finding, Severity, cell_references, counted
from ..layout._units import number
from ..national import collect
from ._escape import printable
from ._figures import KEY_FIGURES, RAG, RATINGS, finding_figure
from ._national import outlier_measure, overview
from ._terminal import title, unreadable_reason


def _finalize(value: Any) -> Any:
    """Every value a template prints, made printable first (a file name's
    undecodable bytes, control and bidirectional characters), then escaped."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return printable(value)
    return value


_ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("bcf_workbook.render", "templates"),
    autoescape=True, undefined=jinja2.StrictUndefined, finalize=_finalize,
    trim_blocks=True, lstrip_blocks=True)
_ENVIRONMENT.filters.update(number=number, counted=counted)


@dataclasses.dataclass(frozen=True)
class CodeGroup:
    """The findings of one code, in one file or in the whole batch."""

    code: str
    severity: Severity
    title: str
    findings: tuple[Finding, ...]
    #: How many files have findings of the code.
    files: int = 1


@dataclasses.dataclass(frozen=True)
class Hwb:
    """A file: its row of the HWB table (or of the project plans') and its section."""

    report: Report
    anchor: str
    file: str
    outliers: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.report.hwb or self.file

    @property
    def clean(self) -> bool:
        """Checked, with nothing to report."""
        return self.report.status == "checked" and not self.report.findings

    @property
    def groups(self) -> tuple[CodeGroup, ...]:
        return _groups([self.report])


def render_html(batch: BatchReport) -> str:
    """The page: national overview, HWB table, project plans, findings by code,
    each file's findings."""
    template = _ENVIRONMENT.get_template("report.html.j2")
    summary = batch.summary  # a property that rolls up the whole batch: worked out once
    files = _files(batch.reports, summary["national"]["outliers"])
    anchors = {id(hwb.report): hwb.anchor for hwb in files}
    checked = [hwb.report for hwb in files if hwb.report.status == "checked"]
    # The charts show the submissions the roll-up counts: one per HWB, no blank template.
    rolled_up = collect(batch.reports, batch.expected_hwbs)
    charted = [report for report in checked if rolled_up.counts(report)]
    return template.render(
        title=title(batch), summary=summary, severities=list(Severity), rag=RAG,
        overview=overview(summary["national"], charted, lambda report: anchors[id(report)]),
        hwbs=[hwb for hwb in files if hwb.report.document != PROJECT_PLAN],
        plans=[hwb for hwb in files if hwb.report.document == PROJECT_PLAN],
        codes=_groups(checked), key_figures=KEY_FIGURES, ratings=RATINGS,
        references=cell_references, figure=finding_figure, sort_value=_sort_value,
        unreadable_reason=unreadable_reason)


def _files(reports: Sequence[Report], outliers: list[dict[str, Any]]) -> list[Hwb]:
    """Files worst first: unreadable files, then by errors, warnings and name."""
    files = [report.file or "" for report in reports]
    common = os.path.commonpath(files) if len(files) > 1 and all(files) else ""
    flagged: dict[str | None, list[str]] = {}
    for item in outliers:
        flagged.setdefault(item["file"], []).append(outlier_measure(item))
    ordered = sorted(reports, key=lambda report: (
        report.status == "checked", -report.count(Severity.ERROR), -report.count(Severity.WARNING),
        -report.count(Severity.INFO), report.hwb or "", report.file or ""))
    return [Hwb(report, f"hwb-{index}", _relative(report.file, common),
                tuple(flagged.get(report.file, ())))
            for index, report in enumerate(ordered, 1)]


def _relative(file: str | None, common: str) -> str:
    if not file:
        return ""
    if common and file != common:
        return os.path.relpath(file, common)
    return os.path.basename(file)


def _groups(reports: Sequence[Report]) -> tuple[CodeGroup, ...]:
    """Findings by code, most severe and most frequent first."""
    findings: dict[str, list[Finding]] = {}
    files: Counter[str] = Counter()
    for report in reports:
        for code in {finding.code for finding in report.findings}:
            files[code] += 1
        for finding in report.findings:
            findings.setdefault(finding.code, []).append(finding)
    rules = catalogue()
    groups = [CodeGroup(code, items[0].severity, rules[code].title if code in rules else code,
                        tuple(items), files[code]) for code, items in findings.items()]
    return tuple(sorted(groups, key=lambda group: (-group.severity.rank, -len(group.findings),
                                                   group.code)))


def _sort_value(report: Report, key: str) -> str:
    """What the table's script sorts a figure by: the number itself, or
    nothing for a blank (sorted last)."""
    value = as_number(report.values.get(key))
    return "" if value is None else repr(value)
