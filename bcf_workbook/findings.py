"""Findings as data: a stable code, a severity, where, what, and the figures."""

from __future__ import annotations

import dataclasses
import enum
from typing import Any


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
