"""bcf_workbook: the Better Care Fund Part 2 planning workbook as Python objects.

Read a council's workbook, recalculate every derived cell and rating,
cross-check the figures and write a fresh, filled workbook::

    import bcf_workbook
    submission = bcf_workbook.read("peterborough.xlsx")
    result = bcf_workbook.calculate(submission)
    report = bcf_workbook.check("peterborough.xlsx")
    bcf_workbook.write(submission, "out.xlsx")
    frame = bcf_workbook.figures(["round-2/"])          # tidy data (the 'tidy' extra)
    changes = bcf_workbook.diff("round-1/", "round-2/")
"""

from ._fix import Fixed, fix
from .batch import BatchReport, check_many, figures
from .checks import Report, check
from .choices import Rating
from .diff import diff
from .engine import Calculation, calculate
from .errors import (
    BcfError,
    ReferenceDataError,
    SubmissionDataError,
    UnknownHwbError,
    WorkbookError,
)
from .findings import Finding, Rule, Severity
from .model import Override, Submission, Unreadable
from .national_workbook import write_national_workbook
from .reader import Limits, Workbook, read, read_workbook
from .reference import ReferenceData, blank_submission, load_reference
from .writer import write, write_template

__version__ = "0.1.0"

__all__ = [
    "BatchReport", "BcfError", "Calculation", "Finding", "Fixed", "Limits", "Override",
    "Rating", "ReferenceData", "ReferenceDataError", "Report", "Rule", "Severity", "Submission",
    "SubmissionDataError", "UnknownHwbError", "Unreadable", "Workbook", "WorkbookError",
    "__version__", "blank_submission", "calculate", "check", "check_many", "diff", "figures", "fix",
    "load_reference", "read", "read_workbook", "write", "write_national_workbook", "write_template",
]
