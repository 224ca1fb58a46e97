"""Findings as data: a stable code, a severity, where, what, and the figures."""

from __future__ import annotations

import collections
import dataclasses
import enum
from collections.abc import Iterable
from typing import Any

from ._addresses import cell_reference, sheet_reference


class Severity(enum.Enum):
    """How much a finding matters: an error to correct, a warning to look at,
    information."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


ERROR, WARNING, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclasses.dataclass(frozen=True)
class Rule:
    """One entry of the catalogue: what a code means and how to fix it."""

    code: str
    severity: Severity
    title: str
    meaning: str
    fix: str
    spec: str


@dataclasses.dataclass(frozen=True)
class Finding:
    """One problem found: its rule's code and severity, the sheet and cells it
    is at, a message a BCF lead understands, the figures (expected as the
    template intends, actual as submitted) and the keys of the cells."""

    code: str
    severity: Severity
    sheet: str
    cells: tuple[str, ...]
    message: str
    expected: Any = None
    actual: Any = None
    keys: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The finding as JSON-safe values (the report's contract)."""
        return {"code": self.code, "severity": self.severity.value, "sheet": self.sheet,
                "cells": list(self.cells), "message": self.message,
                "expected": _json(self.expected), "actual": _json(self.actual),
                "keys": list(self.keys)}


def _json(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


# --- how findings are counted and where they point, in every report ---------------

_PLURALS = {"info": "info"}


def counted(number: int, noun: str) -> str:
    """'1 error', '2 errors', '3 info'."""
    return f"{number:,} {noun if number == 1 else _PLURALS.get(noun, noun + 's')}"


def severity_counts(findings: Iterable[Finding]) -> str:
    """'14 errors, 13 warnings, 5 info'."""
    found = collections.Counter(finding.severity for finding in findings)
    return ", ".join(counted(found[severity], severity.value) for severity in Severity)


def cell_references(finding: Finding) -> list[str]:
    """Every cell of a finding as a spreadsheet user writes it:
    ``'6. HWB Supporting Metrics'!C9``; the sheet alone when no cell is known."""
    if not finding.cells:
        return [sheet_reference(finding.sheet)] if finding.sheet else []
    return [cell_reference(finding.sheet, cell) for cell in finding.cells]
