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
from .reader import DEFAULT_LIMITS, Limits, read_workbook
from .reference import ReferenceData, load_reference
from .writer import write


@dataclasses.dataclass(frozen=True)
class Fixed:
    """What ``fix`` did: the report of the workbook as submitted, and the keys
    of the cells whose template formulas it restored."""

    report: Report
    restored: tuple[str, ...]


def fix(source: str | Path, target: str | Path, reference: ReferenceData | None = None,
        limits: Limits = DEFAULT_LIMITS) -> Fixed:
    """Write a corrected copy of the workbook at ``source`` to ``target``:
    every typed-over formula restored and the findings listed on ``Checks``.
    ``source`` is only read."""
    if same_file(source, target):
        raise BcfError("refusing to write the corrected workbook over its input; give another "
                       "output file", file=target)
    reference = reference or load_reference()
    workbook = read_workbook(source, reference, limits)
    report = check(workbook, reference)
    write(workbook.submission, target, corrected=True, reference=reference,
          findings=report.findings)
    return Fixed(report, tuple(override.key for override in workbook.submission.overrides))
