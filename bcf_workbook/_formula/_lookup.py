"""MATCH: the position of a value in a list.

Match type 0 finds the first value equal to the one wanted (text ignoring
case, with the wildcards ``*``, ``?`` and ``~``); 1 the last value not
greater than it and -1 the last value not less than it, in a list sorted
ascending (1) or descending (-1), looking only at values of the wanted
value's kind (numbers, text or logicals). Microsoft: MATCH function;
LibreOffice: ScInterpreter::ScMatch (sc/source/core/tool/interpr1.cxx).
"""

from __future__ import annotations

from typing import Any

from . import _text
from ._compare import compare, equal
from ._rtl_math import approx_equal
from ._values import NA, Raised, XLError, is_number


def match(wanted: Any, items: list[Any], match_type: float) -> float:
    if type(wanted) is XLError:
        raise Raised(wanted)
    if wanted is None:
        raise Raised(NA)
    if match_type == 0:
        position = _first_equal(wanted, items)
    else:
        position = _last_in_order(wanted, items, 1 if match_type > 0 else -1)
    if position is None:
        raise Raised(NA)
    return float(position)


def _kind(value: Any) -> int:
    if is_number(value):
        return 0
    if type(value) is str:
        return 1
    if value is True or value is False:
        return 2
    return 3


def _first_equal(wanted: Any, items: list[Any]) -> int | None:
    kind = _kind(wanted)
    if kind == 1 and _text.has_wildcards(wanted):
        pattern = _text.wildcard_matcher(wanted)
        for position, item in enumerate(items, 1):
            if type(item) is str and pattern.fullmatch(_text.upper(item)):
                return position
        return None
    for position, item in enumerate(items, 1):
        if _kind(item) != kind:
            continue
        if kind == 0 and approx_equal(float(item), float(wanted)):
            return position
        if kind != 0 and equal(item, wanted):
            return position
    return None


def _last_in_order(wanted: Any, items: list[Any], direction: int) -> int | None:
    """The last position, in a list sorted in the given direction, whose value
    does not pass the wanted one; values of other kinds are skipped."""
    kind = _kind(wanted)
    found = None
    for position, item in enumerate(items, 1):
        if _kind(item) != kind:
            continue
        if compare(item, wanted) * direction > 0:
            break
        found = position
    return found
