"""The rows of the Checks sheet: each finding, with its status."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..findings import Finding

#: A finding of the workbook as written: the council still has to act on it.
TO_FIX = "Still to fix by the council"
#: A finding of the workbook as submitted that ``fix`` corrected in this copy.
FIXED = "Fixed by bcf-workbook fix"
WHOLE_NUMBER = "#,##0"
FRACTION = "#,##0.0##"


def check_rows(findings: Sequence[Finding], fixed: Sequence[Finding]) -> list[dict[str, Any]]:
    """The Checks log: what is still to fix first, then what ``fix`` fixed."""
    return ([_row(finding, TO_FIX) for finding in findings]
            + [_row(finding, FIXED) for finding in fixed])


def _row(finding: Finding, status: str) -> dict[str, Any]:
    return {"code": finding.code, "severity": finding.severity.value, "sheet": finding.sheet,
            "cells": ", ".join(finding.cells), "message": finding.message,
            "expected": _plain(finding.expected), "actual": _plain(finding.actual),
            "status": status}


def _plain(value: Any) -> Any:
    return value if value is None or isinstance(value, (int, float, str)) else str(value)


def figure_format(value: float) -> str:
    """How a figure of a finding shows: thousands separated, decimals only
    when it has them (a finding's figures come in any unit)."""
    return WHOLE_NUMBER if float(value).is_integer() else FRACTION
