"""bcf_workbook: the Better Care Fund Part 2 planning workbook as Python objects.

Read a council's workbook, recalculate every derived cell and rating,
cross-check the figures and write a fresh, filled workbook::

    import bcf_workbook
    submission = bcf_workbook.read("peterborough.xlsx")
    result = bcf_workbook.calculate(submission)
    bcf_workbook.write(submission, "out.xlsx")
"""

from .engine import Calculation, calculate
from .errors import (
                     BcfError,
                     ReferenceDataError,
                     SubmissionDataError,
                     UnknownHwbError,
                     WorkbookError,
)
from .model import Submission, Unreadable
from .prefill import blank_submission
from .reader import read, read_workbook
from .reference import ReferenceData, load_reference
from .writer import write, write_template

__version__ = "0.1.0"

__all__ = [
    "BcfError", "Calculation", "ReferenceData", "ReferenceDataError", "Submission",
    "SubmissionDataError", "UnknownHwbError", "Unreadable", "WorkbookError", "__version__",
    "blank_submission", "calculate", "load_reference", "read", "read_workbook", "write",
    "write_template",
]
