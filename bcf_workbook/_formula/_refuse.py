"""Calls the runtime cannot evaluate exactly, refused when the formula is
compiled: each entry takes the call's literal arguments (None where an
argument is not a literal) and gives the reason to refuse, or None."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from . import _text
from ._values import is_number

Refusal = Callable[[tuple[Any, ...]], "str | None"]

# Text that a spreadsheet may read as a date or time in a form the runtime
# does not read (it reads YYYY-MM-DD, DD/MM/YYYY and hh:mm[:ss]).
_DATE_LIKE = re.compile(
    r"[0-9][-/.:][0-9]|[0-9]\s*(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\s*[0-9]|[0-9]\s*(am|pm)\b",
    re.IGNORECASE)
_OPERATOR_PREFIX = re.compile(r"^(<=|>=|<>|<|>|=)")


def _unreadable_date(value: Any) -> bool:
    return (isinstance(value, str) and _text.number_from_text(value) is None
            and _DATE_LIKE.search(value) is not None)


def _text_as_number(name: str, positions: range | tuple[int, ...]) -> Refusal:
    def refuse(literals: tuple[Any, ...]) -> str | None:
        for position in positions:
            if position < len(literals) and _unreadable_date(literals[position]):
                return (f"{name} argument {position + 1} {literals[position]!r}: only dates written "
                        f"YYYY-MM-DD or DD/MM/YYYY and times hh:mm[:ss] are read as numbers")
        return None
    return refuse


def _criteria(name: str, positions: range | tuple[int, ...]) -> Refusal:
    def refuse(literals: tuple[Any, ...]) -> str | None:
        for position in positions:
            if position >= len(literals) or not isinstance(literals[position], str):
                continue
            operand = _OPERATOR_PREFIX.sub("", literals[position])
            if _unreadable_date(operand):
                return (f"{name} criterion {literals[position]!r} (argument {position + 1}): only "
                        f"dates written YYYY-MM-DD or DD/MM/YYYY are read in criteria")
        return None
    return refuse


def _match_type(literals: tuple[Any, ...]) -> str | None:
    if len(literals) < 3 or literals[2] is None:
        return None
    kind = literals[2]
    if not is_number(kind) or kind not in (-1, 0, 1):
        return f"MATCH match_type {kind!r} (argument 3) is not supported: use 1, 0 or -1"
    return None


_EVERY = range(255)

REFUSE: dict[str, Refusal] = {
    "MATCH": _match_type,
    "COUNTIF": _criteria("COUNTIF", (1,)),
    "SUMIF": _criteria("SUMIF", (1,)),
    "AVERAGEIF": _criteria("AVERAGEIF", (1,)),
    "COUNTIFS": _criteria("COUNTIFS", range(1, 255, 2)),
    "SUMIFS": _criteria("SUMIFS", range(2, 255, 2)),
    **{name: _text_as_number(name, _EVERY) for name in (
        "op_add", "op_sub", "op_mul", "op_div", "op_pow", "op_neg", "op_pct", "VALUE", "DATE",
        "YEAR", "MONTH", "DAY", "EOMONTH", "EDATE", "ROUND", "ROUNDUP", "ROUNDDOWN", "INT", "MOD",
        "ABS", "SUM", "AVERAGE")},
}
