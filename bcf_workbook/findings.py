"""Findings as data: a stable code, a severity, where, what, and the figures."""

from __future__ import annotations

import dataclasses
import enum
from typing import Any


class Severity(enum.Enum):
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
    code: str
    severity: Severity
    sheet: str
    cells: tuple[str, ...]
    message: str
    expected: Any = None
    actual: Any = None
    keys: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
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
