"""``fix``: read a council's workbook, check it and write a corrected copy.

The composition of the three floors (reader, checks, writer), so that none of
them has to know about the others.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ._output import same_file
from .checks import Report, check
from .errors import BcfError
from .findings import Finding
from .reader import DEFAULT_LIMITS, Limits, read_workbook
from .reference import ReferenceData, load_reference
from .writer import write


@dataclasses.dataclass(frozen=True)
class Fixed:
    """What ``fix`` did: the report of the workbook as submitted, the keys of
    the cells whose template formulas it restored, the findings of the
    corrected copy (still to fix by the council) and the findings of the
    submission that the copy no longer has (fixed)."""

    report: Report
    restored: tuple[str, ...]
    remaining: tuple[Finding, ...] = ()
    resolved: tuple[Finding, ...] = ()


def fix(source: str | Path, target: str | Path, reference: ReferenceData | None = None,
        limits: Limits = DEFAULT_LIMITS) -> Fixed:
    """Write a corrected copy of the workbook at ``source`` to ``target``:
    every typed-over formula restored, and on ``Checks`` the findings of the
    copy (still to fix by the council) and those of the submission that the
    copy no longer has (fixed by ``fix``). ``source`` is only read."""
    if same_file(source, target):
        raise BcfError("refusing to write the corrected workbook over its input; give another "
                       "output file", file=target)
    reference = reference or load_reference()
    workbook = read_workbook(source, reference, limits)
    report = check(workbook, reference)
    # The copy writes every figure in the template's number format, so a date
    # format on a figure is gone from it (the figure itself is the council's).
    corrected = dataclasses.replace(workbook.submission, overrides=(), dates={})
    remaining = check(corrected, reference).findings
    resolved = tuple(finding for finding in report.findings
                     if not any(_same_problem(finding, other) for other in remaining))
    write(corrected, target, reference=reference, findings=remaining, fixed=resolved)
    return Fixed(report, tuple(override.key for override in workbook.submission.overrides),
                 remaining, resolved)


def _same_problem(finding: Finding, other: Finding) -> bool:
    """True when two findings report one problem, whatever its figures are now
    (a total that still differs, by another amount)."""
    if (finding.code, finding.sheet) != (other.code, other.sheet):
        return False
    return finding.keys == other.keys if finding.keys or other.keys else finding.cells == other.cells
