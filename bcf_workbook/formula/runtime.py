"""Excel semantics for the functions and operators the template uses.

The compiler turns each template formula into a Python expression over these
helpers once per process; evaluating a workbook is then plain Python calls.
Semantics follow Excel (and LibreOffice, the project's oracle): blanks are 0
in arithmetic and "" in text, text compares case-insensitively, numbers are
equal when LibreOffice's ``approxEqual`` says so, ROUND rounds half away from
zero, errors propagate.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any


class XLError:
    """An Excel error value such as ``#DIV/0!``."""

    __slots__ = ("code",)

    def __init__(self, code: str) -> None:
        self.code = code

    def __repr__(self) -> str:
        return self.code

    def __str__(self) -> str:
        return self.code

    def __eq__(self, other: object) -> bool:
        return isinstance(other, XLError) and other.code == self.code

    def __hash__(self) -> int:
        return hash(self.code)


DIV0 = XLError("#DIV/0!")
VALUE = XLError("#VALUE!")
NA = XLError("#N/A")
REF = XLError("#REF!")
NUM = XLError("#NUM!")
#: Every error value a cell can hold, by its code.
ERRORS = {error.code: error for error in (
    DIV0, VALUE, NA, REF, NUM, XLError("#NAME?"), XLError("#NULL!"), XLError("#GETTING_DATA"))}


class Raised(Exception):  # noqa: N818 - a signal, not a failure
    """Carries an error value up to the formula boundary or an IFERROR."""

    def __init__(self, error: XLError) -> None:
        super().__init__(error.code)
        self.error = error


_APPROX = 1.0 / (16777216.0 * 16777216.0)


def approx_equal(a: float, b: float) -> bool:
    """LibreOffice's rtl::math::approxEqual, which its comparisons use."""
    if a == b:
        return True
    if a == 0 or b == 0 or not (math.isfinite(a) and math.isfinite(b)):
        return False
    return abs(a - b) < abs(a) * _APPROX


# --- coercions ----------------------------------------------------------------

def number(value: Any) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)):
        return value
    if value is None:
        return 0.0
    if isinstance(value, str):
        return _number_from_text(value)
    if isinstance(value, XLError):
        raise Raised(value)
    raise Raised(VALUE)


def _number_from_text(text: str) -> float:
    try:
        return float(text.strip())
    except ValueError:
        raise Raised(VALUE) from None


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return format_number(value)
    if isinstance(value, XLError):
        raise Raised(value)
    if isinstance(value, str):
        return value
    raise Raised(VALUE)


def format_number(value: float) -> str:
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return format(value, ".15g")


def truth(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    if value is None:
        return False
    if isinstance(value, str):
        upper = value.strip().upper()
        if upper in ("TRUE", "FALSE"):
            return upper == "TRUE"
    if isinstance(value, XLError):
        raise Raised(value)
    raise Raised(VALUE)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _check(values: Iterable[Any]) -> None:
    for value in values:
        if isinstance(value, XLError):
            raise Raised(value)


def _numbers(args: tuple[Any, ...]) -> list[float]:
    """Numbers of SUM-like arguments: ranges keep their numbers only, direct
    arguments are coerced."""
    found: list[float] = []
    for arg in args:
        if isinstance(arg, list):
            _check(arg)
            found.extend(item for item in arg if _is_number(item))
        else:
            found.append(number(arg))
    return found


# --- operators ----------------------------------------------------------------

def finite(value: float) -> float:
    """A result too large for a double is Excel's #NUM!, not infinity."""
    if isinstance(value, float) and not math.isfinite(value):
        raise Raised(NUM)
    return value


def op_add(a: Any, b: Any) -> float:
    return finite(number(a) + number(b))


def op_sub(a: Any, b: Any) -> float:
    return finite(number(a) - number(b))


def op_mul(a: Any, b: Any) -> float:
    return finite(number(a) * number(b))


def op_div(a: Any, b: Any) -> float:
    numerator, denominator = number(a), number(b)
    if denominator == 0:
        raise Raised(DIV0)
    return finite(numerator / denominator)


def op_pow(a: Any, b: Any) -> float:
    try:
        result = number(a) ** number(b)
    except (OverflowError, ZeroDivisionError):
        raise Raised(NUM) from None
    if isinstance(result, complex):
        raise Raised(NUM)
    return finite(result)


def op_neg(a: Any) -> float:
    return -number(a)


def op_pos(a: Any) -> Any:
    return a


def op_pct(a: Any) -> float:
    return number(a) / 100


def op_concat(a: Any, b: Any) -> str:
    return text(a) + text(b)


_RANK = {float: 0, int: 0, str: 1, bool: 2}


def compare(a: Any, b: Any) -> int:
    """-1, 0 or 1 as Excel orders two scalars."""
    _check((a, b))
    a, b = _blank_as(a, b), _blank_as(b, a)
    rank_a, rank_b = _RANK.get(type(a), 0), _RANK.get(type(b), 0)
    if rank_a != rank_b:
        return -1 if rank_a < rank_b else 1
    if isinstance(a, str):
        left, right = a.casefold(), b.casefold()
        return (left > right) - (left < right)
    if approx_equal(float(a), float(b)):
        return 0
    return -1 if a < b else 1


def _blank_as(value: Any, other: Any) -> Any:
    if value is not None:
        return value
    if isinstance(other, str):
        return ""
    if isinstance(other, bool):
        return False
    return 0.0


def op_eq(a: Any, b: Any) -> bool:
    return compare(a, b) == 0


def op_ne(a: Any, b: Any) -> bool:
    return compare(a, b) != 0


def op_lt(a: Any, b: Any) -> bool:
    return compare(a, b) < 0


def op_gt(a: Any, b: Any) -> bool:
    return compare(a, b) > 0


def op_le(a: Any, b: Any) -> bool:
    return compare(a, b) <= 0


def op_ge(a: Any, b: Any) -> bool:
    return compare(a, b) >= 0


# --- functions ----------------------------------------------------------------
# Names are the Excel names; lazy ones take thunks so that an unchosen branch
# or a guarded error never escapes.

def IF(condition: Any, when_true: Callable[[], Any],
       when_false: Callable[[], Any] | None = None) -> Any:
    if truth(condition):
        return when_true()
    return when_false() if when_false is not None else False


def IFERROR(value: Callable[[], Any], fallback: Callable[[], Any]) -> Any:
    try:
        result = value()
    except Raised:
        return fallback()
    return fallback() if isinstance(result, XLError) else result


def ISNUMBER(value: Callable[[], Any]) -> bool:
    try:
        return _is_number(value())
    except Raised:
        return False


def ISBLANK(value: Callable[[], Any]) -> bool:
    try:
        return value() is None
    except Raised:
        return False


def ISTEXT(value: Callable[[], Any]) -> bool:
    try:
        return isinstance(value(), str)
    except Raised:
        return False


def SUM(*args: Any) -> float:
    return _fsum(_numbers(args))


def _fsum(values: Iterable[float]) -> float:
    try:
        return finite(math.fsum(values))
    except (OverflowError, ValueError):
        raise Raised(NUM) from None


def MAX(*args: Any) -> float:
    found = _numbers(args)
    return max(found) if found else 0.0


def MIN(*args: Any) -> float:
    found = _numbers(args)
    return min(found) if found else 0.0


def ABS(value: Any) -> float:
    return abs(number(value))


def COUNT(*args: Any) -> float:
    total = 0
    for arg in args:
        for item in arg if isinstance(arg, list) else (arg,):
            total += _is_number(item)
    return float(total)


def COUNTA(*args: Any) -> float:
    total = 0
    for arg in args:
        for item in arg if isinstance(arg, list) else (arg,):
            total += item is not None
    return float(total)


def AND(*args: Any) -> bool:
    return all(_logicals(args))


def OR(*args: Any) -> bool:
    return any(_logicals(args))


def NOT(value: Any) -> bool:
    return not truth(value)


def _logicals(args: tuple[Any, ...]) -> list[bool]:
    found: list[bool] = []
    for arg in args:
        if isinstance(arg, list):
            _check(arg)
            found.extend(bool(item) for item in arg
                         if isinstance(item, bool) or _is_number(item))
        else:
            found.append(truth(arg))
    if not found:
        raise Raised(VALUE)
    return found


def ROUND(value: Any, digits: Any) -> float:
    x, places = number(value), int(finite(number(digits)))
    if not math.isfinite(x):
        raise Raised(NUM)
    try:
        rounded = Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    except InvalidOperation:
        return float(x)
    return float(rounded)


def INDEX(values: Any, row: Any) -> Any:
    items = values if isinstance(values, list) else [values]
    position = int(number(row))
    if position < 1 or position > len(items):
        raise Raised(REF)
    found = items[position - 1]
    if isinstance(found, XLError):
        raise Raised(found)
    return found


def MATCH(wanted: Any, values: Any, match_type: Any = 1.0) -> float:
    if number(match_type) != 0:
        raise Raised(NA)
    _check((wanted,))
    for position, item in enumerate(values if isinstance(values, list) else [values], 1):
        if item is not None and not isinstance(item, XLError) and _same(item, wanted):
            return float(position)
    raise Raised(NA)


def _same(item: Any, wanted: Any) -> bool:
    if isinstance(item, str) != isinstance(wanted, str):
        return False
    return compare(item, wanted) == 0


def TREND(known_y: Any, known_x: Any, new_x: Any) -> float | list[float]:
    """The straight line through the known points, at ``new_x`` (one value,
    or each of an array, as ``SUM(TREND(..., {45,46,47}))`` asks)."""
    ys, xs = _series(known_y), _series(known_x)
    if len(ys) != len(xs) or not ys:
        raise Raised(VALUE)
    mean_x, mean_y = _fsum(xs) / len(xs), _fsum(ys) / len(ys)
    spread = _fsum((xi - mean_x) ** 2 for xi in xs)
    slope = 0.0 if spread == 0 else \
        _fsum((xi - mean_x) * (yi - mean_y) for xi, yi in zip(xs, ys)) / spread
    if isinstance(new_x, list):
        return [finite(mean_y + slope * (number(x) - mean_x)) for x in new_x]
    return finite(mean_y + slope * (number(new_x) - mean_x))


def _series(values: Any) -> list[float]:
    items = values if isinstance(values, list) else [values]
    _check(items)
    if not all(_is_number(item) for item in items):
        raise Raised(VALUE)
    return [float(item) for item in items]


_CRITERION = re.compile(r"^(<=|>=|<>|<|>|=)?(.*)$", re.DOTALL)


def _criterion(criterion: Any) -> Callable[[Any], bool]:
    """A predicate for the criteria of COUNTIF and SUMIFS."""
    if not isinstance(criterion, str):
        wanted = number(criterion)
        return lambda item: _is_number(item) and approx_equal(float(item), float(wanted))
    operator, operand = _CRITERION.match(criterion).groups()  # type: ignore[union-attr]
    try:
        target: Any = float(operand)
    except ValueError:
        target = operand
    test = {None: op_eq, "=": op_eq, "<>": op_ne, "<": op_lt, ">": op_gt,
            "<=": op_le, ">=": op_ge}[operator]

    def matches(item: Any) -> bool:
        if isinstance(item, XLError):
            return False
        if item is None:
            return operator == "<>" and target != "" or target == "" and operator in (None, "=")
        if isinstance(target, float) != _is_number(item):
            return operator == "<>"
        return test(item, target)
    return matches


def COUNTIF(values: Any, criterion: Any) -> float:
    matches = _criterion(criterion)
    return float(sum(matches(item) for item in _as_list(values)))


def SUMIFS(sum_range: Any, *pairs: Any) -> float:
    targets = _as_list(sum_range)
    keep = [True] * len(targets)
    for criteria_range, criterion in zip(pairs[::2], pairs[1::2]):
        matches = _criterion(criterion)
        candidates = _as_list(criteria_range)
        if len(candidates) != len(targets):
            raise Raised(VALUE)
        keep = [kept and matches(item) for kept, item in zip(keep, candidates)]
    chosen = [item for kept, item in zip(keep, targets) if kept]
    _check(chosen)
    return _fsum(item for item in chosen if _is_number(item))


def _as_list(values: Any) -> list[Any]:
    return values if isinstance(values, list) else [values]


#: Functions that read a reference to one cell as a one-cell range.
AGGREGATES = {"SUM", "MAX", "MIN", "COUNT", "COUNTA", "AND", "OR"}
#: Functions that receive some arguments as thunks, by argument position.
LAZY = {"IF": {1, 2}, "IFERROR": {0, 1}, "ISNUMBER": {0}, "ISBLANK": {0}, "ISTEXT": {0}}
FUNCTIONS = {name: globals()[name] for name in (
    "IF", "IFERROR", "ISNUMBER", "ISBLANK", "ISTEXT", "SUM", "MAX", "MIN", "ABS",
    "COUNT", "COUNTA", "AND", "OR", "NOT", "ROUND", "INDEX", "MATCH", "TREND",
    "COUNTIF", "SUMIFS")}
OPERATORS = {
    "+": "op_add", "-": "op_sub", "*": "op_mul", "/": "op_div", "^": "op_pow",
    "&": "op_concat", "=": "op_eq", "<>": "op_ne", "<": "op_lt", ">": "op_gt",
    "<=": "op_le", ">=": "op_ge", "u-": "op_neg", "u+": "op_pos", "%": "op_pct",
}
