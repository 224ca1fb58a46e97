"""Cross-check a submission: every check of spec section 4, as findings.

Each module holds the checks of one heading of section 4 and declares, beside
each check, the rules it can raise (:mod:`._registry`); importing them here,
in this order, registers them and sets the order of the findings.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .._addresses import cell_address
from ..engine import Calculation, calculate, table_sizes
from ..findings import Finding, Rule, Severity
from ..layout import placement_for
from ..layout._figures import FIGURE_KINDS
from ..model import Submission
from ..reader import DEFAULT_LIMITS, Limits, Workbook, read_workbook
from ..reference import ReferenceData, load_reference
from . import _benefits, _completeness, _identity, _metrics, _money, _overrides, _p4p  # noqa: F401
from ._context import Context
from ._registry import CHECKS, RULES, catalogue, catalogue_markdown

PART2 = "Part 2"
PROJECT_PLAN = "project plan"


@dataclasses.dataclass(frozen=True)
class Report:
    """The findings for one submission, and its figures."""

    file: str | None
    hwb: str | None
    status: str
    findings: tuple[Finding, ...] = ()
    calculation: Calculation | None = None
    error: str | None = None
    #: Which document the file is: a Part 2 submission, or an area's project plan.
    document: str = PART2
    #: Keys of the derived cells the file types over or calculates with a formula of its own.
    overridden: tuple[str, ...] = ()
    #: Figures the file holds elsewhere than the template puts them for its
    #: table sizes (rows inserted, blank rows left, tables moved): key -> the
    #: address in the file. Empty for a file laid out as the template.
    moved: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @property
    def values(self) -> dict[str, Any]:
        return self.calculation.submitted if self.calculation else {}

    @property
    def values_intended(self) -> dict[str, Any]:
        return self.calculation.intended if self.calculation else {}

    @functools.cached_property
    def ratings(self) -> dict[str, str | None]:
        if self.calculation is None:
            return {}
        return {key: rating.slug if rating else None
                for key, rating in self.calculation.ratings.items()}

    def count(self, severity: Severity) -> int:
        """How many findings have ``severity``."""
        return sum(finding.severity is severity for finding in self.findings)

    def reaches(self, severity: Severity) -> bool:
        """True when a finding is at least as severe as ``severity``."""
        return any(finding.severity.rank >= severity.rank for finding in self.findings)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-safe values (the contract of the JSON report)."""
        data: dict[str, Any] = {"file": self.file, "hwb": self.hwb, "status": self.status,
                                "document": self.document}
        if self.error is not None:
            data["error"] = self.error
        data.update(values=self.values, values_intended=self.values_intended,
                    ratings=self.ratings, findings=[f.to_dict() for f in self.findings])
        return data


def check(submission_or_path: Submission | Workbook | str | Path,
          reference: ReferenceData | None = None, limits: Limits = DEFAULT_LIMITS) -> Report:
    """Every cross-check of a submission, of a workbook already read, or of
    the workbook at a path."""
    reference = reference or load_reference()
    if isinstance(submission_or_path, Submission):
        submission = submission_or_path
        placement = placement_for(table_sizes(submission))
        context = Context(submission, calculate(submission), reference, placement,
                          lambda key: key)
        return _report(context, None)
    workbook = submission_or_path if isinstance(submission_or_path, Workbook) else \
        read_workbook(submission_or_path, reference, limits)
    report = _report(_file_context(workbook, reference), workbook.path)
    return dataclasses.replace(report, moved=_moved_cells(workbook))


def _file_context(workbook: Workbook, reference: ReferenceData) -> Context:
    physical = {table: {compact: physical for physical, compact in rows.items()}
                for table, rows in workbook.rows.items()}

    def placed_key(key: str) -> str | None:
        for table, rows in physical.items():
            prefix = table + "."
            if key.startswith(prefix):
                index, _, column = key[len(prefix):].partition(".")
                if index.isdigit():
                    row = rows.get(int(index))
                    return None if row is None else f"{prefix}{row}.{column}"
        return key

    submission = workbook.submission
    return Context(submission, calculate(submission), reference, workbook.placement, placed_key,
                   workbook.cached, workbook.missing, workbook.sheet_names, workbook.copies)


def _report(context: Context, file: str | None) -> Report:
    findings = [finding for registered in CHECKS for finding in registered.function(context)]
    if context.not_started:
        # A sheet not started says so once, instead of each input it lacks.
        quiet = {context.sheet_name(sheet) for sheet in context.not_started}
        findings = [finding for finding in findings if finding.sheet not in quiet
                    or finding.code == "sheet-not-started"]
    findings.sort(key=lambda finding: -finding.severity.rank)
    overridden = tuple(override.key for override in context.submission.overrides)
    return Report(file, context.submission.hwb, "checked", tuple(findings), context.calculation,
                  overridden=overridden)



def _moved_cells(workbook: Workbook) -> dict[str, str]:
    """Where the file holds each figure that is not where the template puts
    it for the submission's table sizes."""
    template = placement_for(table_sizes(workbook.submission))
    moved: dict[str, str] = {}
    for cell in workbook.placement:
        if cell.spec.kind not in FIGURE_KINDS:
            continue
        key = cell.key
        if cell.table is not None and cell.index is not None:
            row = workbook.rows.get(cell.table.key, {}).get(cell.index)
            if row is None:
                continue
            key = cell.table.cell_key(row, cell.column or "")
        expected = template.cells.get(key)
        if expected is None or (expected.row, expected.col) != (cell.row, cell.col):
            moved[key] = cell_address(cell.row, cell.col)
    return moved


__all__ = ["PART2", "PROJECT_PLAN", "RULES", "Finding", "Report", "Rule", "Severity", "catalogue",
           "catalogue_markdown", "check"]
