"""Criteria of COUNTIF, COUNTIFS, SUMIF, SUMIFS and AVERAGEIF.

A criterion is a number, a logical, or text: an optional operator (=, <>,
<, >, <=, >=) followed by an operand. An operand that reads as a number
compares with numbers, TRUE or FALSE with logicals, other text with text,
where ``*``, ``?`` and ``~`` are wildcards for = and <>. "=" alone matches
blank cells, "<>" alone every cell that is not blank, an empty criterion
blank cells and empty text. Microsoft: COUNTIF function; LibreOffice:
ScQueryParamBase::FillInExcelSyntax (sc/source/core/tool/queryparam.cxx)
and ScQueryEvaluator (sc/source/core/data/queryevaluator.cxx), where
numbers compare as rtl::math::approxEqual says.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from . import _text
from ._compare import compare_text
from ._rtl_math import approx_equal
from ._values import Raised, XLError, is_number

Predicate = Callable[[Any], bool]

_OPERATOR = re.compile(r"(<=|>=|<>|<|>|=)?(.*)", re.DOTALL)
_ORDER_TESTS: dict[str, Callable[[int], bool]] = {
    "=": lambda order: order == 0, "<>": lambda order: order != 0,
    "<": lambda order: order < 0, ">": lambda order: order > 0,
    "<=": lambda order: order <= 0, ">=": lambda order: order >= 0,
}


def matcher(criterion: Any) -> Predicate:
    """A predicate telling which cell values the criterion accepts. A cell
    holding an error is accepted by a <> criterion only: it equals nothing."""
    accepts = _predicate(criterion)
    differs = type(criterion) is str and criterion.startswith("<>")
    return lambda item: differs if type(item) is XLError else accepts(item)


def _predicate(criterion: Any) -> Predicate:
    if type(criterion) is XLError:
        raise Raised(criterion)
    if criterion is True or criterion is False:
        return lambda item: item is criterion
    if is_number(criterion):
        return _number_test("=", float(criterion))
    if criterion is None:
        return _number_test("=", 0.0)
    return _text_criterion(str(criterion))


@lru_cache(maxsize=256)
def _text_criterion(criterion: str) -> Predicate:
    operator, operand = _OPERATOR.fullmatch(criterion).groups()  # type: ignore[union-attr]
    if operand == "":
        return _empty_test(operator)
    value = _text.number_from_text(operand)
    if value is not None:
        return _number_test(operator or "=", value, operand)
    upper = operand.upper()
    if upper in ("TRUE", "FALSE"):
        return _logical_test(operator or "=", upper == "TRUE")
    return _string_test(operator or "=", operand)


def _empty_test(operator: str | None) -> Predicate:
    if operator == "=":
        return lambda item: item is None
    if operator == "<>":
        return lambda item: item is not None
    if operator is None:
        return lambda item: item is None or item == ""
    return lambda item: False


def _number_test(operator: str, wanted: float, written: str | None = None) -> Predicate:
    """Numbers compared with the wanted one; with = and <> a criterion written
    as text also compares, as text, with text cells ("3" finds the text "3")."""
    test = _ORDER_TESTS[operator]
    as_text = _text.upper(written) if written is not None and operator in ("=", "<>") else None

    def matches(item: Any) -> bool:
        if as_text is not None and type(item) is str:
            return (_text.upper(item) == as_text) == (operator == "=")
        if not is_number(item):
            return operator == "<>"
        if approx_equal(float(item), wanted):
            return test(0)
        return test(-1 if item < wanted else 1)
    return matches


def _logical_test(operator: str, wanted: bool) -> Predicate:
    test = _ORDER_TESTS[operator]

    def matches(item: Any) -> bool:
        if item is not True and item is not False:
            return operator == "<>"
        return test((item > wanted) - (item < wanted))
    return matches


def _string_test(operator: str, wanted: str) -> Predicate:
    if operator in ("=", "<>") and _text.has_wildcards(wanted):
        pattern = _text.wildcard_matcher(wanted)

        def equal(item: str) -> bool:
            return pattern.fullmatch(_text.upper(item)) is not None
    else:
        upper = _text.upper(wanted)

        def equal(item: str) -> bool:
            return _text.upper(item) == upper
    test = _ORDER_TESTS[operator]

    def matches(item: Any) -> bool:
        if type(item) is not str:
            return operator == "<>"
        if operator in ("=", "<>"):
            return equal(item) == (operator == "=")
        return test(compare_text(item, wanted))
    return matches
