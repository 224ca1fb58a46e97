"""The library's own exceptions: every error a user can cause is one of these.

Each names the file, and the sheet and cell where they apply, so the command
line can print one clear line.
"""

from __future__ import annotations

from pathlib import Path


class BcfError(Exception):
    """Base class of every error the library raises on purpose."""

    def __init__(self, message: str, *, file: str | Path | None = None,
                 sheet: str | None = None, cell: str | None = None) -> None:
        self.file = str(file) if file is not None else None
        self.sheet = sheet
        self.cell = cell
        self.detail = message
        super().__init__(self._compose())

    def _compose(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.sheet:
            where.append(f"sheet '{self.sheet}'")
        if self.cell:
            where.append(f"cell {self.cell}")
        return f"{', '.join(where)}: {self.detail}" if where else self.detail


class ReferenceDataError(BcfError):
    """Reference data files are missing, malformed or inconsistent."""


class UnknownHwbError(BcfError):
    """A Health and Wellbeing Board is not in the reference data."""


class SubmissionDataError(BcfError):
    """A submission dictionary (JSON) does not describe a submission."""


class WorkbookError(BcfError):
    """A workbook cannot be read or written."""


class NotThisDocumentError(WorkbookError):
    """A workbook that is not the document it was read as (not a BCF Part 2
    submission, not a project plan)."""
