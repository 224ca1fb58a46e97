"""How spreadsheets compare two values (the operators = <> < > <= >=, MATCH
and criteria)."""

from __future__ import annotations

from typing import Any

from . import _text
from ._rtl_math import approx_equal
from ._values import Raised, XLError

# Excel orders numbers before text before logicals; a blank compares as 0,
# "" or FALSE, whichever the other side is (Microsoft: "Calculation operators
# and precedence"; LibreOffice: sc::CompareFunc in compare.cxx).
_NUMBER_RANK, _TEXT_RANK, _LOGICAL_RANK = 0, 1, 2
_RANK = {float: _NUMBER_RANK, int: _NUMBER_RANK, str: _TEXT_RANK, bool: _LOGICAL_RANK}


def equal(a: Any, b: Any) -> bool:
    """The = operator: texts are equal when they agree ignoring case, one
    character for one character (LibreOffice compares them through its
    case-insensitive transliteration, not its collator); other values as
    :func:`compare` orders them."""
    if type(a) is str and type(b) is str:
        return a == b or _text.upper(a) == _text.upper(b)
    return compare(a, b) == 0


def compare(a: Any, b: Any) -> int:
    """-1, 0 or 1 as Excel orders two scalars."""
    if type(a) is float and type(b) is float:
        if a == b or approx_equal(a, b):
            return 0
        return -1 if a < b else 1
    for value in (a, b):
        if type(value) is XLError:
            raise Raised(value)
    a, b = _blank_as(a, b), _blank_as(b, a)
    rank_a, rank_b = _RANK[type(a)], _RANK[type(b)]
    if rank_a != rank_b:
        return -1 if rank_a < rank_b else 1
    if rank_a == _TEXT_RANK:
        return compare_text(a, b)
    if approx_equal(float(a), float(b)):
        return 0
    return -1 if a < b else 1


def compare_text(a: str, b: str) -> int:
    """Texts in the collator's order, ignoring case."""
    if a == b:
        return 0
    key_a, key_b = _text.collation_key(a), _text.collation_key(b)
    if key_a == key_b:
        return 0
    return -1 if key_a < key_b else 1


def _blank_as(value: Any, other: Any) -> Any:
    if value is not None:
        return value
    if type(other) is str:
        return ""
    if other is True or other is False:
        return False
    return 0.0
